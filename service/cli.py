"""The ``patti`` command.

Each sub-command is a small function over parsed arguments; ``main`` maps
errors to exit codes: 0 all inputs extracted, 1 some input failed, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from typing import TextIO

from extractor import __version__
from extractor.errors import ErrorCode, PattiError
from extractor.pipeline import extract_path
from models import ExtractionFailure, FailureDetail
from service.ingest import DATA_ENV, MissingDatabase, data_dir, ingest, search_documents
from service.store.search import InvalidQuery

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


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    """Store, extract and index every file; one JSON line per file."""
    status = EXIT_OK
    try:
        for result in ingest(args.paths, data_dir(args.data), force=args.force):
            if result.status == "failed":
                status = EXIT_INPUT_FAILED
            out.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
            out.flush()
    except (OSError, sqlite3.Error) as exc:
        print(f"patti: cannot use the data folder {data_dir(args.data)}: {exc}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    return status


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    """Print one JSON line per matching document, best first."""
    try:
        hits = search_documents(data_dir(args.data), args.query, args.limit)
    except InvalidQuery as exc:
        print(f"patti: invalid query: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except MissingDatabase as exc:
        print(f"patti: {exc}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    except (OSError, sqlite3.Error) as exc:
        print(f"patti: cannot read the database in {data_dir(args.data)}: {exc}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    for hit in hits:
        out.write(json.dumps(hit, ensure_ascii=False) + "\n")
    return EXIT_OK


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", help=f"data folder (default: ${DATA_ENV}, else 'data')")


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

    ingest_cmd = commands.add_parser(
        "ingest",
        help="store, extract and index documents into the database",
        description="Store each file (folders are walked) under DIR/files, extract it and index it in DIR/patti.db; "
        "one JSON line per file. An unreadable file is recorded as failed and gives exit status 1.",
    )
    ingest_cmd.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to ingest")
    _data_option(ingest_cmd)
    ingest_cmd.add_argument("--force", action="store_true", help="re-extract documents already indexed")
    ingest_cmd.set_defaults(handler=cmd_ingest)

    search_cmd = commands.add_parser(
        "search",
        help="search the ingested documents",
        description="Find the ingested documents containing every word of QUERY (any Italian word form).",
    )
    search_cmd.add_argument("query", metavar="QUERY", help="words to search for")
    _data_option(search_cmd)
    search_cmd.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)")
    search_cmd.set_defaults(handler=cmd_search)
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
