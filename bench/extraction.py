"""Extraction speed and memory on the bundled corpus and a generated dense PDF; writes a table to BENCH.md.

Run with ``make bench``. Times each stage (reading, spaCy analysis, each
recognizer) over the corpus texts, every PDF layout and a dense 126-page PDF
(``bench/dense_pdf.py``), next to pdfplumber's own ``extract_text`` and
pypdfium2's plain text on the same PDFs in the same run, and reports the peak
resident memory of the process and of reading dense PDFs of 100 and 300 pages
each in a process of its own.
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from bench.dense_pdf import dense_pdf
from extractor.nlp import analyze, get_pipeline
from extractor.read import read_path
from extractor.recognizers.ambiti import find_ambiti
from extractor.recognizers.commitments import find_commitments
from extractor.recognizers.comuni import find_comuni
from extractor.recognizers.contacts import find_contacts
from extractor.recognizers.dates import find_dates
from extractor.recognizers.doc_type import classify_document
from extractor.recognizers.legal_refs import find_legal_refs
from extractor.recognizers.parties import find_parties
from extractor.recognizers.people import find_people
from extractor.recognizers.periods import find_periods
from extractor.recognizers.work_areas import find_work_areas

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RECOGNIZERS: dict[str, Callable] = {
    "dates": find_dates,
    "legal_refs": find_legal_refs,
    "contacts": find_contacts,
    "people": find_people,
    "periods": find_periods,
    "comuni": find_comuni,
    "doc_type": classify_document,
    "parties": find_parties,
    "ambiti": find_ambiti,
    "work_areas": find_work_areas,
    "commitments": find_commitments,
}
REPEAT = 3
DENSE_PAGES = 126


def _timed(fn: Callable, *args: object) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def bench_inputs(paths: list[Path]) -> dict[str, float]:
    """Seconds per stage, summed over ``paths`` and averaged over repeats."""
    totals: dict[str, float] = defaultdict(float)
    for _ in range(REPEAT):
        for path in paths:
            document, seconds = _timed(read_path, path)
            totals["read"] += seconds
            analysis, seconds = _timed(analyze, document.text)  # type: ignore[attr-defined]
            totals["nlp"] += seconds
            doc_type = None
            for name, recognizer in RECOGNIZERS.items():
                # As in the pipeline, parties get the document type already decided.
                args = (analysis, doc_type) if name == "parties" else (analysis,)
                result, seconds = _timed(recognizer, *args)
                if name == "doc_type":
                    doc_type = result[0]  # type: ignore[index]
                totals[name] += seconds
            # What a document leaves in reference cycles is its own cost (see ``_collected``).
            totals["gc"] += _timed(gc.collect)[1]
    return {k: v / REPEAT for k, v in totals.items()}


def _collected(start: float) -> float:
    """Seconds since ``start`` once the garbage left in reference cycles is collected.

    pdfplumber leaves 4 million such objects after the dense PDF: left for later, they were collected in the stages
    measured next, adding 1.3 s to patti's recognizers.
    """
    gc.collect()
    return time.perf_counter() - start


def pdfplumber_floor(paths: list[Path]) -> float:
    """Seconds for pdfplumber's plain ``extract_text`` on the same PDFs."""
    total = 0.0
    for _ in range(REPEAT):
        for path in paths:
            start = time.perf_counter()
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
            total += _collected(start)
    return total / REPEAT


def pdfium_floor(paths: list[Path]) -> float:
    """Seconds for pypdfium2's plain text of every page of the same PDFs."""
    total = 0.0
    for _ in range(REPEAT):
        for path in paths:
            start = time.perf_counter()
            document = pdfium.PdfDocument(path)
            for number in range(len(document)):
                page = document[number]
                text_page = page.get_textpage()
                text_page.get_text_range()
                text_page.close()
                page.close()
            document.close()
            total += _collected(start)
    return total / REPEAT


def reading_peak_mb(pages: int) -> tuple[float, float]:
    """Peak resident memory (MB) of a fresh process reading a dense PDF of ``pages`` pages, and of the PDFium
    child it forks.

    The reader's peak is its ``VmHWM``: ``ru_maxrss`` survives ``exec`` and would report this benchmark's own
    peak. The child, forked and not exec'd, has a ``ru_maxrss`` of its own.
    """
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from extractor.read import read_path\n"
        "read_path(Path(sys.argv[1]))\n"
        "status = Path('/proc/self/status').read_text()\n"
        "print(next(int(line.split()[1]) for line in status.splitlines() if line.startswith('VmHWM')))\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(dense_pdf(pages))], check=True, capture_output=True, text=True
    )
    reader, child = (int(value) / 1024 for value in done.stdout.split()[-2:])
    return reader, child


def page_count(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            count += len(pdf.pages)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("BENCH.md"))
    args = parser.parse_args()

    _, load_seconds = _timed(get_pipeline)
    texts = sorted((CORPUS / "dev").glob("*.txt"))
    # The first call of each recognizer loads its word lists and registries.
    warm_analysis = analyze(read_path(texts[0]).text)
    registries_seconds = sum(_timed(recognizer, warm_analysis)[1] for recognizer in RECOGNIZERS.values())
    gc.freeze()  # as a worker does after its warm-up (service.worker.process.warm_up)
    # Each row: input, documents, pages (None for texts), seconds per stage, pdfplumber's and PDFium's seconds.
    rows: list[tuple[str, int, int | None, dict[str, float], tuple[float, float] | None]] = []
    stages = bench_inputs(texts)
    rows.append(("texts", len(texts), None, stages, None))
    layouts = [(f"pdf/{p.name}", sorted(p.glob("*.pdf"))) for p in sorted((CORPUS / "pdf").iterdir()) if p.is_dir()]
    for name, pdfs in [*layouts, ("pdf/dense (generated)", [dense_pdf(DENSE_PAGES)])]:
        floors = (pdfplumber_floor(pdfs), pdfium_floor(pdfs))
        rows.append((name, len(pdfs), page_count(pdfs), bench_inputs(pdfs), floors))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peaks = [(pages, reading_peak_mb(pages)) for pages in (100, 300)]

    header = (
        "| input | docs | pages | docs/s | pages/s | read s | read pages/s | nlp s | recognizers s "
        "| pdfplumber extract_text s | pypdfium2 text s | patti ÷ pdfplumber | read ÷ pypdfium2 | whole ÷ read |"
    )
    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on this machine; each figure is the mean of {REPEAT} runs. "
        f"spaCy pipeline load: {load_seconds:.2f} s; word lists and registries (ISTAT, organisations, names): "
        f"{registries_seconds:.2f} s. Peak RSS of the run: {peak_mb:.0f} MB.",
        "",
        "pdfplumber and pypdfium2 read the same PDFs in the same run, without layout repair or extraction: "
        "`patti ÷ pdfplumber` is patti's whole extraction against pdfplumber's plain text, `read ÷ pypdfium2` "
        "patti's reading (PDFium, layout repaired) against PDFium's plain text, `whole ÷ read` what the "
        "extraction costs on top of the reading. Each timing includes collecting what its document left in "
        "reference cycles, so that no one's garbage is collected in another's stage.",
        "",
        header,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, docs, pages, st, reference in rows:
        total = sum(st.values())
        recognizers = sum(st[k] for k in RECOGNIZERS)
        plumber, pdfium_text = reference if reference else (None, None)
        lines.append(
            f"| {name} | {docs} | {pages or '–'} | {docs / total:.1f} | {_rate(pages, total)} | {st['read']:.2f} | "
            f"{_rate(pages, st['read'])} | {st['nlp']:.2f} | {recognizers:.2f} | {_seconds(plumber)} | "
            f"{_seconds(pdfium_text)} | {_ratio(total, plumber)} | {_ratio(st['read'], pdfium_text)} | "
            f"{_ratio(total, st['read']) if pages else '–'} |"
        )
    lines += [
        "",
        "Peak resident memory reading a generated dense PDF in a process of its own, and of the PDFium child it "
        "forks: "
        + "; ".join(f"{pages} pages {reader:.0f} MB and {child:.0f} MB" for pages, (reader, child) in peaks)
        + ".",
    ]
    per_doc = ", ".join(f"{k} {1000 * rows[0][3][k] / len(texts):.1f}" for k in RECOGNIZERS)
    lines += ["", f"Time per document of each recognizer on the texts (ms): {per_doc}.", ""]
    report = "\n".join(lines)
    args.out.write_text(report, encoding="utf-8")
    print(report)


def _rate(pages: int | None, seconds: float) -> str:
    return f"{pages / seconds:.1f}" if pages else "–"


def _seconds(value: float | None) -> str:
    return f"{value:.2f}" if value else "–"


def _ratio(value: float, floor: float | None) -> str:
    return f"{value / floor:.2f}" if floor else "–"


if __name__ == "__main__":
    main()
