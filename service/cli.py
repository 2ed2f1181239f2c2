"""The ``patti`` command.

Each sub-command is a small function over parsed arguments; ``main`` maps
errors to exit codes: 0 all inputs extracted, 1 some input failed, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import TextIO

from extractor import __version__
from extractor.errors import ErrorCode, PattiError
from extractor.pipeline import extract_path
from models import ExtractionFailure, FailureDetail

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2

log = logging.getLogger("patti")


def _failure(source: str, code: ErrorCode, message: str) -> dict:
    detail = FailureDetail(code=code.value, message=message)
    return ExtractionFailure(source=source, error=detail, extractor_version=__version__).model_dump(mode="json")


def extract_one(path: str, include_text: bool) -> tuple[dict, bool]:
    """The JSON object for one input and whether it was extracted."""
    try:
        extraction = extract_path(path, source=path, include_text=include_text)
    except PattiError as exc:
        return _failure(path, exc.code, exc.message), False
    except RecursionError:
        return _failure(path, ErrorCode.PDF_TOO_COMPLEX, "recursion limit reached"), False
    except Exception as exc:  # one bad input must not stop the others
        log.exception("unexpected error on %s", path)
        return _failure(path, ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}"), False
    return extraction.model_dump(mode="json", exclude_none=False, exclude={"text"} if not include_text else None), True


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    """Extract every input, in order; failures become error objects."""
    status = EXIT_OK
    results = []
    for path in args.paths:
        obj, ok = extract_one(path, args.text)
        if not ok:
            status = EXIT_INPUT_FAILED
            log.warning("%s: %s", path, obj["error"]["message"])
        if args.format == "jsonl":
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            out.flush()
        else:
            results.append(obj)
    if args.format == "json":
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="patti",
        description="Read Italian local-welfare documents into structured data.",
    )
    parser.add_argument("--version", action="version", version=f"patti {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to standard error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="extract parties, dates, contacts… from documents as JSON",
        description="Extract each PATH (PDF or text) and print one JSON object per input, in order. "
        "An unreadable input gives an object with an 'error' (code and message) and exit status 1.",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="documents to read (PDF or text)")
    extract.add_argument(
        "--format",
        choices=("jsonl", "json"),
        default="jsonl",
        help="jsonl: one object per line (default); json: one array",
    )
    extract.add_argument("--text", action="store_true", help="include the extracted text in each object")
    extract.set_defaults(handler=cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="patti: %(message)s")
    try:
        return int(args.handler(args, out or sys.stdout))
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
