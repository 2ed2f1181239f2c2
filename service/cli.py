"""The ``patti`` command.

Each sub-command is a small function over parsed arguments; ``main`` maps
errors to exit codes: 0 all inputs extracted, 1 some input failed, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import sqlite3
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO, get_args

import sqlite_utils
from pydantic import ValidationError

from extractor import __version__
from extractor.errors import ErrorCode, PattiError
from extractor.pipeline import extract_path
from models import ExtractionFailure, FailureDetail
from models.extraction import DateKind, DocType
from service.corrections.gold import extract_again, gold_annotation, gold_name, score_against
from service.extraction import error_of
from service.feed.deadlines import events, item_uid, summary
from service.feed.ical import render_calendar
from service.ingest import Submission, queue_reindex, submit_paths
from service.progress import Progress
from service.settings import Settings
from service.store.corrections import corrected_documents
from service.store.db import open_database
from service.store.deadlines import MAX_FEED_ITEMS, deadlines_page, feed_rows, select_deadlines
from service.store.export import EXPORT_TABLES, export_rows, write_csv, write_json
from service.store.filters import Filters, InvalidFilter, resolve_comuni
from service.store.listings import document_rows
from service.store.search import InvalidQuery, search_documents
from service.worker import WorkerPool

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2

DOC_TYPES = get_args(DocType)
DATE_KINDS = get_args(DateKind)

log = logging.getLogger("patti")


def _failure(source: str, code: ErrorCode, message: str) -> dict:
    detail = FailureDetail(code=code.value, message=message)
    return ExtractionFailure(source=source, error=detail, extractor_version=__version__).model_dump(mode="json")


def extract_one(path: str, include_text: bool) -> tuple[dict, bool]:
    """The JSON object for one input and whether it was extracted."""
    try:
        extraction = extract_path(path, source=path, include_text=include_text)
    except Exception as exc:  # one bad input must not stop the others
        if not isinstance(exc, PattiError | RecursionError):
            log.exception("unexpected error on %s", path)
        return _failure(path, *error_of(exc)), False
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


def _settings(args: argparse.Namespace, **overrides: Any) -> Settings:
    """Settings from ``PATTI_*`` variables, overridden by the options given on the command line."""
    given = {"data_dir": getattr(args, "data_dir", None), **overrides}
    return Settings(**{key: value for key, value in given.items() if value is not None})


def _existing_database(settings: Settings) -> sqlite_utils.Database:
    if not settings.db_path.is_file():
        raise PattiError(ErrorCode.NO_DATABASE, f"{settings.db_path}: run `patti ingest` first")
    return open_database(settings.db_path)


def _run_jobs(settings: Settings, workers: int | None, pending: dict[int, Submission]) -> dict[int, dict[str, Any]]:
    """Run the pending jobs with a worker pool; each file's final JSON line by job id."""
    finished: dict[int, dict[str, Any]] = {}
    if not pending:
        return finished
    progress = Progress(len(pending), sys.stderr, "patti: ")

    def done(job: dict[str, Any]) -> None:
        submission = pending[job["id"]]
        ok = job["status"] == "done"
        error = None if ok else {"code": job["error_code"], "message": job["error_message"]}
        line = {**submission.as_json(), "status": "indexed" if ok else "failed", "error": error}
        if job.get("duplicate_of"):  # the file's content was known: it joined that document
            line.update(document_id=job["duplicate_of"], duplicate_of=job["duplicate_of"])
        finished[job["id"]] = line
        progress.advance(Path(submission.source).name)

    # No more processes than jobs: each one loads the language pipeline.
    processes = min(len(pending), workers or max(1, settings.workers))
    try:
        with WorkerPool(settings, processes=processes) as pool:
            pool.wait_for(list(pending), on_done=done)
    finally:
        progress.close()
    return finished


def _report(submissions: list[Submission], settings: Settings, workers: int | None, wait: bool, out: TextIO) -> int:
    """Run what was queued (unless not ``wait``), print one JSON line per input in input order and a summary."""
    pending = {s.job_id: s for s in submissions if wait and s.status == "queued" and s.job_id is not None}
    finished = _run_jobs(settings, workers, pending)
    counts: Counter[str] = Counter()
    for submission in submissions:
        line = finished.get(submission.job_id, submission.as_json()) if submission.job_id else submission.as_json()
        counts[line["status"]] += 1
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()
    parts = [f"{counts[key]} {key}" for key in ("indexed", "duplicate", "queued", "failed")]
    print(f"patti: {', '.join(parts)} in {settings.db_path}", file=sys.stderr)
    return EXIT_INPUT_FAILED if counts["failed"] else EXIT_OK


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    """Keep, queue and (unless --no-wait) extract every file; one JSON line per file, in input order."""
    settings = _settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(settings.db_path)
    try:
        submissions = list(submit_paths(db, settings.data_dir, args.paths, force=args.force))
    finally:
        db.close()
    return _report(submissions, settings, args.workers, not args.no_wait, out)


def cmd_reindex(args: argparse.Namespace, out: TextIO) -> int:
    """Queue every document the current extractor has not indexed (or all) and extract them again."""
    settings = _settings(args)
    db = _existing_database(settings)
    try:
        submissions = []
        for job_id in queue_reindex(db, settings.data_dir, everything=args.all):
            document_id, sha256, name = db.execute(
                "SELECT d.id, d.sha256, d.file_name FROM jobs j JOIN documents d ON d.id = j.document_id "
                "WHERE j.id = ?",
                [job_id],
            ).fetchone()
            submissions.append(Submission(name, sha256, document_id, job_id, "queued"))
    finally:
        db.close()
    return _report(submissions, settings, args.workers, not args.no_wait, out)


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    """Serve the API (and its workers) until interrupted; the address is printed once listening."""
    import uvicorn

    from service.main import create_app

    settings = _settings(args, host=args.host, port=args.port, workers=args.workers)
    try:
        sock = socket.create_server((settings.host, settings.port))
    except OSError as exc:
        print(f"patti: cannot listen on {settings.host}:{settings.port}: {exc}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    host, port = sock.getsockname()[:2]
    settings.ensure_api_token()
    token_from = "PATTI_API_TOKEN" if "PATTI_API_TOKEN" in os.environ else settings.data_dir / "api-token"
    out.write(f"patti: serving http://{host}:{port} (API docs at /docs; write token in {token_from})\n")
    out.flush()
    level = "info" if args.verbose else "warning"
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level=level, access_log=args.verbose))
    server.run(sockets=[sock])
    return EXIT_OK


def cmd_worker(args: argparse.Namespace, out: TextIO) -> int:
    """Run extraction workers on the data folder's job queue until stopped (Ctrl-C or SIGTERM).

    Workers of several processes share one queue: each claims a job under its own name and a lease, renews the
    lease while it works, and writes the result only if the job is still its own; a job whose worker died is taken
    over once its lease runs out (``service.store.jobs``).
    """
    settings = _settings(args, workers=args.workers)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    open_database(settings.db_path).close()  # create or migrate before the workers look at the queue
    stopping = threading.Event()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop_signal, lambda _signal, _frame: stopping.set())
    processes = max(1, settings.workers)
    with WorkerPool(settings, processes=processes):
        out.write(f"patti: {processes} worker(s) on {settings.db_path} (pid {os.getpid()}); stop with Ctrl-C\n")
        out.flush()
        stopping.wait()
    out.write("patti: workers stopped; their running jobs are queued again\n")
    return EXIT_OK


def _filters(args: argparse.Namespace, db: sqlite_utils.Database) -> Filters:
    return Filters(
        doc_types=tuple(args.doc_type or ()),
        ambiti=tuple(args.ambito or ()),
        comuni=resolve_comuni(db, args.comune or ()),
        parties=tuple(args.party or ()),
        categories=tuple(args.category or ()),
        years=tuple(args.year or ()),
        date_from=args.date_from,
        date_to=args.date_to,
    )


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    """Print one JSON line per matching document, best first (then the facets with --facets)."""
    settings = _settings(args)
    db = _existing_database(settings)
    try:
        page = search_documents(db, args.query, _filters(args, db), args.limit, args.offset, with_facets=args.facets)
        rows = {row["id"]: row for row in document_rows(db, [hit.document_id for hit in page.hits])}
    finally:
        db.close()
    for hit in page.hits:
        row = rows[hit.document_id]
        found = {key: row[key] for key in ("file_name", "title", "doc_type", "date")}
        found = {"document_id": hit.document_id, **found, "rank": hit.rank, "snippet": hit.snippet}
        out.write(json.dumps(found, ensure_ascii=False) + "\n")
    if args.facets:
        facets = {name: [[v.value, v.label, v.count] for v in values] for name, values in page.facets.items()}
        summary = {
            "count": page.count,
            "count_exact": page.count_exact,
            "facets": facets,
            "facets_over": page.facets_over,
        }
        out.write(json.dumps(summary, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_deadlines(args: argparse.Namespace, out: TextIO) -> int:
    """Print the dated items as JSON lines, or as one iCalendar feed with --ics."""
    settings = _settings(args)
    db = _existing_database(settings)
    try:
        selected = select_deadlines(_filters(args, db), args.kind or (), args.document or (), args.upcoming)
        if args.ics:
            feed = feed_rows(db, *selected, limit=args.limit)
        else:
            rows = deadlines_page(db, *selected, limit=args.limit).rows
    finally:
        db.close()
    if args.ics:
        url = (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/") + "/documents/{id}"
        body = render_calendar(events(feed, url, settings.alarms()), name="patti — scadenze", dtstamp=datetime.now(UTC))
        out.write(body.decode("utf-8"))  # CRLF line ends kept: text streams on POSIX do not translate them
        return EXIT_OK
    for row in rows:
        keys = ("date", "time", "kind", "what", "place", "text", "document_id", "title", "file_name", "ambiti")
        line = {"uid": item_uid(row), "summary": summary(row), **{key: row[key] for key in keys}}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write one table (items joined with their document) as CSV or JSON, or the corrected documents as gold files."""
    if (args.table is None) == (args.gold is None):
        print("patti: export: give either a TABLE or --gold DIR", file=sys.stderr)
        return EXIT_USAGE
    settings = _settings(args)
    db = _existing_database(settings)
    if args.gold is not None:
        try:
            return _export_gold(db, Path(args.gold), out)
        finally:
            db.close()

    def write(stream: TextIO) -> None:
        rows = export_rows(db, args.table)
        if args.format == "csv":
            write_csv(rows, stream, EXPORT_TABLES[args.table].columns)
        else:
            write_json(rows, stream)

    try:
        if args.output:
            with Path(args.output).open("w", encoding="utf-8", newline="") as handle:
                write(handle)
        else:
            write(out)
    finally:
        db.close()
    return EXIT_OK


def _export_gold(db: sqlite_utils.Database, folder: Path, out: TextIO) -> int:
    """Write each corrected document as ``NAME.txt`` and ``NAME.gold.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = corrected_documents(db)
    for document in documents:
        name = gold_name(document.id, document.file_name)
        (folder / f"{name}.txt").write_text(document.text, encoding="utf-8")
        gold = json.dumps(gold_annotation(document.corrected), ensure_ascii=False, indent=1)
        (folder / f"{name}.gold.json").write_text(gold + "\n", encoding="utf-8")
    out.write(f"patti: {len(documents)} corrected documents written to {folder}\n")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    """Score the current extractor against the documents staff corrected."""
    settings = _settings(args)
    db = _existing_database(settings)
    try:
        documents = corrected_documents(db)
        if not documents:
            print(f"patti: eval: no corrected documents in {settings.db_path}", file=sys.stderr)
            return EXIT_INPUT_FAILED
        pairs = [(gold_annotation(d.corrected), extract_again(d.text, d.page_starts, d.file_name)) for d in documents]
    finally:
        db.close()
    scored = score_against(pairs)
    out.write(json.dumps(scored.as_dict(), ensure_ascii=False) + "\n" if args.format == "json" else scored.table())
    return EXIT_OK


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def _not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {value}")
    return number


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {value}") from exc


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder of the database and the originals (default: $PATTI_DATA_DIR, else data)",
    )


def _workers_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers", type=_positive, metavar="N", help="extraction processes (default: $PATTI_WORKERS, else 1)"
    )


def _queue_options(parser: argparse.ArgumentParser) -> None:
    """Options of the commands that queue extraction jobs and run them."""
    parser.add_argument("--no-wait", action="store_true", help="only queue the jobs (a running server does them)")
    _workers_option(parser)


def _filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (repeat an option for any of several values)")
    group.add_argument("--doc-type", action="append", choices=DOC_TYPES, help="document type")
    group.add_argument("--ambito", action="append", metavar="NAME", help="ambito name, as `GET /ambiti` lists it")
    group.add_argument("--comune", action="append", metavar="NAME|ISTAT", help="comune name or six-digit ISTAT code")
    group.add_argument("--party", action="append", metavar="NAME", help="canonical organisation name")
    group.add_argument("--category", action="append", metavar="CATEGORY", help="work-area category")
    group.add_argument("--year", action="append", type=int, metavar="YYYY", help="year of the document's date")
    group.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD", help="document date on or after")
    group.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD", help="document date on or before")


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
        description="Keep each file (folders are walked) under DIR/files, queue its extraction and run it with "
        "worker processes; one JSON line per file in input order (indexed, duplicate or failed), a summary on "
        "standard error. A failed file gives exit status 1.",
    )
    ingest_cmd.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to ingest")
    _data_option(ingest_cmd)
    ingest_cmd.add_argument("--force", action="store_true", help="extract again files already indexed")
    _queue_options(ingest_cmd)
    ingest_cmd.set_defaults(handler=cmd_ingest)

    reindex = commands.add_parser(
        "reindex",
        help="extract again what an older extractor indexed",
        description="Queue a new extraction of every document not indexed by this version of the extractor "
        "(failed ones included), or of all with --all, and run it; output as for ingest.",
    )
    _data_option(reindex)
    reindex.add_argument("--all", action="store_true", help="every document, whatever extracted it")
    _queue_options(reindex)
    reindex.set_defaults(handler=cmd_reindex)

    serve = commands.add_parser(
        "serve",
        help="serve the HTTP API with its extraction workers",
        description="Serve the API until interrupted; prints the address once listening. Settings also come "
        "from PATTI_* environment variables (see the README).",
    )
    _data_option(serve)
    serve.add_argument("--host", metavar="H", help="address to listen on (default: $PATTI_HOST, else 127.0.0.1)")
    serve.add_argument(
        "--port", type=_not_negative, metavar="N", help="port (default: $PATTI_PORT, else 8000; 0: any free port)"
    )
    serve.add_argument(
        "--workers",
        type=_not_negative,
        metavar="N",
        help="extraction processes (default: $PATTI_WORKERS, else 1; 0: serve only, `patti worker` extracts)",
    )
    serve.set_defaults(handler=cmd_serve)

    worker = commands.add_parser(
        "worker",
        help="run extraction workers on the job queue, without serving",
        description="Run N extraction processes on the data folder's job queue until Ctrl-C or SIGTERM, sharing "
        "it with `patti serve` and other `patti worker`s (same PATTI_* settings).",
    )
    _data_option(worker)
    _workers_option(worker)
    worker.set_defaults(handler=cmd_worker)

    search_cmd = commands.add_parser(
        "search",
        help="search the ingested documents",
        description="Find the indexed documents containing every word of QUERY (any Italian word form), "
        "narrowed by filters; one JSON line per document, best first. An empty QUERY lists the filtered documents.",
    )
    search_cmd.add_argument("query", metavar="QUERY", help="words to search for")
    _data_option(search_cmd)
    _filter_options(search_cmd)
    search_cmd.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)")
    search_cmd.add_argument("--offset", type=_not_negative, default=0, metavar="N", help="skip the first N hits")
    search_cmd.add_argument("--facets", action="store_true", help="end with a JSON line of the count and facets")
    search_cmd.set_defaults(handler=cmd_search)

    deadlines = commands.add_parser(
        "deadlines",
        help="list deadlines and events, or write them as an iCalendar feed",
        description="Print the dated items of the indexed documents by date, one JSON line each, or with --ics "
        "one RFC 5545 calendar (reminders from PATTI_FEED_ALARMS). Filters as for search; --from and --to "
        "bound the item's own date.",
    )
    _data_option(deadlines)
    _filter_options(deadlines)
    deadlines.add_argument("--kind", action="append", choices=DATE_KINDS, help="kind of date (repeatable)")
    deadlines.add_argument("--document", action="append", type=_positive, metavar="ID", help="document id")
    deadlines.add_argument("--upcoming", action="store_true", help="only items from today on")
    deadlines.add_argument("--ics", action="store_true", help="write an iCalendar feed instead of JSON lines")
    deadlines.add_argument("--limit", type=_positive, default=MAX_FEED_ITEMS, metavar="N", help="at most N items")
    deadlines.set_defaults(handler=cmd_deadlines)

    export = commands.add_parser(
        "export",
        help="write a table as CSV or JSON for analysis, or the corrected documents as gold files",
        description="Write every row of TABLE (items with their document's name, title, type and date) as CSV "
        "or as a JSON array; or, with --gold DIR, every corrected document as a text and its gold annotation.",
    )
    export.add_argument(
        "table", nargs="?", choices=EXPORT_TABLES, metavar="TABLE", help=f"one of: {', '.join(EXPORT_TABLES)}"
    )
    export.add_argument(
        "--gold",
        metavar="DIR",
        help="instead of a table: write each corrected document as NAME.txt and NAME.gold.json (the annotated "
        "corpus's format) into DIR",
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    _data_option(export)
    export.set_defaults(handler=cmd_export)

    evaluate = commands.add_parser(
        "eval",
        help="score the extractor against the documents staff corrected",
        description="Extract every corrected document again with this extractor and score it against its corrected "
        "items with the scoring rules of EXTRACTION.md: precision, recall and F1 per field, document type and date "
        "accuracy, mean F1.",
    )
    evaluate.add_argument(
        "--corrections", action="store_true", required=True, help="score against the corrected documents"
    )
    evaluate.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or json")
    _data_option(evaluate)
    evaluate.set_defaults(handler=cmd_eval)
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
    except InvalidQuery as exc:
        print(f"patti: invalid query: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (InvalidFilter, ValidationError) as exc:
        print(f"patti: invalid setting or filter: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PattiError as exc:
        print(f"patti: {exc.code.value}: {exc.message}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    except (OSError, sqlite3.Error) as exc:
        print(f"patti: cannot use the database or data folder: {exc}", file=sys.stderr)
        return EXIT_INPUT_FAILED


if __name__ == "__main__":
    sys.exit(main())
