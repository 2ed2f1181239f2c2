"""The worker child: a long-lived process that extracts one document at a time for its supervisor.

Messages on the pipe are plain tuples. Child to supervisor: ``("ready",)`` once warmed up, then for each
job ``("ok", extraction_json, page_starts)`` or ``("error", code, message)``. Supervisor to child:
``(data_dir, sha256, file_name)`` for a job, ``None`` to exit. The child never touches the database, so
killing it at any moment loses nothing but the work in progress.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import signal
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from service.worker.limits import MIB, limit_address_space

WARM_UP_TEXT = (
    "Il Comune di Lecco, capofila dell'Ambito, ai sensi della legge n. 328/2000, approva il piano di zona "
    "entro il 15 marzo 2024. Per informazioni: tel. 0341 481111, ambito@pec.comune.lecco.it.\n"
)


def die_with_parent() -> None:
    """On Linux, have the kernel SIGKILL this process when its supervisor thread goes: no job done for nobody."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # best effort: without it an orphan still exits once it finds the pipe closed


def warm_up() -> None:
    """Load the spaCy pipeline and the extractor's registries, so the first job pays nothing extra."""
    from extractor.nlp import get_pipeline
    from extractor.pipeline import extract_document
    from extractor.read import read_bytes

    get_pipeline()
    extract_document(read_bytes(WARM_UP_TEXT.encode(), "warm-up.txt"), "warm-up.txt", include_text=True)
    # What warm-up loaded (the pipeline, word lists, registries: millions of objects) lives as long as the worker:
    # frozen, the collector stops walking it in every full collection (on a 126-page PDF, 5% of the extraction).
    gc.freeze()


def extract(data_dir: str, sha256: str, file_name: str) -> tuple[Any, ...]:
    """The reply to one job: the extraction as JSON with its page starts, or the failure's code and message."""
    from extractor.errors import MESSAGES, ErrorCode
    from service.extraction import error_of, extract_stored

    try:
        extraction, starts = extract_stored(Path(data_dir), sha256, file_name)
        return ("ok", extraction.model_dump_json(), starts)
    except MemoryError:  # the address-space cap set after warm-up was reached
        return ("error", ErrorCode.JOB_MEMORY.value, MESSAGES[ErrorCode.JOB_MEMORY])
    except Exception as exc:  # RecursionError included: error_of gives it its code
        code, message = error_of(exc)
        return ("error", code.value, message)


def main(conn: Connection, memory_mb: int) -> None:
    """The child's whole life: warm up, cap memory, then answer jobs until told to stop or orphaned."""
    # Ctrl-C reaches the whole process group; the supervisor decides what happens to a running job.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    warm_up()
    limit_address_space(memory_mb * MIB)
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the supervisor is gone
        if request is None:
            return
        reply = extract(*request)
        try:
            conn.send(reply)
        except OSError:
            return
