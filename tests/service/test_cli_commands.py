"""`patti reindex`, `patti export`, `patti ingest --no-wait` and `patti serve` option handling, on real files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from service.cli import EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, main
from service.store.export import EXPORT_TABLES
from tests.conftest import CORPUS

TEXTS = ("000_2733dd1fb8777219.txt", "003_8fd55254de6a5357.txt")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    status, _ = run("ingest", *(str(CORPUS / "dev" / name) for name in TEXTS), "--data-dir", str(folder))
    assert status == EXIT_OK
    return folder


def test_no_wait_only_queues(tmp_path: Path) -> None:
    status, out = run("ingest", "--no-wait", str(CORPUS / "dev" / TEXTS[0]), "--data-dir", str(tmp_path))
    assert status == EXIT_OK
    (line,) = lines(out)
    assert line["status"] == "queued" and line["job_id"]
    conn = sqlite3.connect(tmp_path / "patti.db")
    assert conn.execute("SELECT status FROM jobs").fetchall() == [("queued",)]
    conn.close()
    # reindex --no-wait reuses the waiting job rather than queueing a second one
    status, out = run("reindex", "--no-wait", "--data-dir", str(tmp_path))
    assert status == EXIT_OK and [o["job_id"] for o in lines(out)] == [line["job_id"]]


def test_reindex_redoes_only_what_another_version_indexed(data: Path) -> None:
    status, out = run("reindex", "--data-dir", str(data))
    assert (status, lines(out)) == (EXIT_OK, [])
    conn = sqlite3.connect(data / "patti.db")
    conn.execute("UPDATE documents SET extractor_version = '0.0.1' WHERE file_name = ?", [TEXTS[0]])
    conn.commit()
    ids_before = conn.execute("SELECT id, file_name FROM documents ORDER BY id").fetchall()
    conn.close()
    status, out = run("reindex", "--data-dir", str(data))
    assert status == EXIT_OK
    assert [(o["source"], o["status"]) for o in lines(out)] == [(TEXTS[0], "indexed")]
    status, out = run("reindex", "--all", "--data-dir", str(data))
    assert status == EXIT_OK and [o["status"] for o in lines(out)] == ["indexed", "indexed"]
    conn = sqlite3.connect(data / "patti.db")
    assert conn.execute("SELECT id, file_name FROM documents ORDER BY id").fetchall() == ids_before
    conn.close()


def test_reindex_before_any_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("reindex", "--data-dir", str(tmp_path))[0] == EXIT_INPUT_FAILED
    assert "no_database" in capsys.readouterr().err


@pytest.mark.parametrize("table", list(EXPORT_TABLES))
def test_export_every_table_as_csv_and_json(data: Path, table: str) -> None:
    status, as_csv = run("export", table, "--data-dir", str(data))
    assert status == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    status, as_json = run("export", table, "--format", "json", "--data-dir", str(data))
    assert status == EXIT_OK
    records = json.loads(as_json)
    assert len(rows) == len(records)
    if table in ("documents", "commitments", "dates"):
        assert records, table
    if records:
        assert list(rows[0]) == list(records[0])


def test_export_to_a_file(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "impegni.csv"
    assert run("export", "commitments", "--output", str(target), "--data-dir", str(data))[0] == EXIT_OK
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert rows and all(row["text"] for row in rows)


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "sqlite_master"],
        ["export", "documents; DROP TABLE documents"],
        ["export", "commitments", "--format", "xml"],
        ["serve", "--port", "-1"],
        ["serve", "--port", "http"],
        ["ingest", "x", "--workers", "0"],
        ["reindex", "--workers", "many"],
    ],
)
def test_bad_arguments_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*argv)[0] == EXIT_USAGE
    assert "usage" in capsys.readouterr().err


def test_bad_settings_from_the_environment_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATTI_WORKERS", "lots")
    assert run("search", "impegno", "--data-dir", str(tmp_path))[0] == EXIT_USAGE
    assert "workers" in capsys.readouterr().err.lower()


def test_a_year_no_date_can_have_is_a_usage_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Found by the API's schema fuzz: a 20-digit year reached SQLite and overflowed its integers.
    assert run("search", "impegno", "--year", "99999999999999999999", "--data-dir", str(data))[0] == EXIT_USAGE
    assert "year" in capsys.readouterr().err


def test_serve_refuses_a_port_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        assert run("serve", "--port", str(port), "--data-dir", str(tmp_path))[0] == EXIT_INPUT_FAILED
    assert "cannot listen" in capsys.readouterr().err


def test_deadlines_as_json_lines_and_as_a_calendar(data: Path) -> None:
    import icalendar

    status, out = run("deadlines", "--data-dir", str(data))
    assert status == EXIT_OK
    items = lines(out)
    assert items and [i["date"] for i in items] == sorted(i["date"] for i in items)
    kind = items[0]["kind"]
    _, only = run("deadlines", "--kind", kind, "--data-dir", str(data))
    assert {i["kind"] for i in lines(only)} == {kind}
    status, calendar = run("deadlines", "--ics", "--data-dir", str(data))
    assert status == EXIT_OK and calendar.startswith("BEGIN:VCALENDAR\r\n")
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(calendar).walk("VEVENT")}
    assert uids == {i["uid"] for i in items}
