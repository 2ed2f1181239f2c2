"""The `patti extract` command: output contract, bad inputs, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from service.cli import EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, main
from tests.conftest import CONTRACT_KEYS, CORPUS


def run(*argv: str) -> tuple[int, list[dict]]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_extract_gives_every_key_of_the_contract(notice_file: Path) -> None:
    status, (obj,) = run("extract", str(notice_file))
    assert status == EXIT_OK
    assert obj.keys() >= CONTRACT_KEYS
    assert obj["source"] == str(notice_file)
    assert {"2024-03-15"} == {d["date"] for d in obj["dates"]}
    assert obj["dates"][0]["time"] == "12:00"
    assert obj["dates"][0]["kind"] == "scadenza"


def test_text_option_makes_spans_checkable(notice_file: Path) -> None:
    _, (obj,) = run("extract", "--text", str(notice_file))
    ((start, end),) = obj["dates"][0]["spans"]
    assert obj["text"][start:end] == "15 marzo 2024"
    _, (plain,) = run("extract", str(notice_file))
    assert "text" not in plain


def test_json_format_is_one_array(notice_file: Path) -> None:
    out = io.StringIO()
    assert main(["extract", "--format", "json", str(notice_file), str(notice_file)], out=out) == EXIT_OK
    assert [o["source"] for o in json.loads(out.getvalue())] == [str(notice_file)] * 2


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty_file"),
        ("blank.txt", b"   \n\n  \t", "empty_file"),
        ("fake.pdf", b"Questo non e' un PDF, solo testo.", "pdf_invalid"),
        ("garbage.bin", bytes(range(256)) * 40, "not_text"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported_format"),
        ("letter.docx", b"PK\x03\x04" + b"\x00" * 64, "unsupported_format"),
        ("header-only.pdf", b"%PDF-1.7\n", "pdf_truncated"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF\n", "pdf_invalid"),
    ],
)
def test_bad_inputs_give_an_error_and_do_not_stop_the_others(
    tmp_path: Path, notice_file: Path, name: str, data: bytes, code: str
) -> None:
    bad = _write(tmp_path, name, data)
    status, objs = run("extract", bad, str(notice_file))
    assert status == EXIT_INPUT_FAILED
    assert objs[0]["source"] == bad
    assert objs[0]["error"]["code"] == code
    assert objs[0]["error"]["message"]
    assert objs[1]["source"] == str(notice_file) and "error" not in objs[1]


def test_truncated_corpus_pdf(tmp_path: Path) -> None:
    pdf = next((CORPUS / "pdf" / "one_column").glob("*.pdf")).read_bytes()
    bad = _write(tmp_path, "half.pdf", pdf[: len(pdf) // 2])
    status, (obj,) = run("extract", bad)
    assert status == EXIT_INPUT_FAILED
    assert obj["error"]["code"] in {"pdf_truncated", "pdf_invalid"}


def test_missing_file_and_folder(tmp_path: Path) -> None:
    status, objs = run("extract", str(tmp_path / "nope.txt"), str(tmp_path))
    assert status == EXIT_INPUT_FAILED
    assert [o["error"]["code"] for o in objs] == ["not_found", "not_a_file"]


def test_hostile_file_names_are_echoed_not_interpreted(tmp_path: Path) -> None:
    name = "a;b $(rm -rf x) `id` 'q'.txt"
    path = _write(tmp_path, name, b"Firmato a Lecco il 3 marzo 2021.")
    status, (obj,) = run("extract", path)
    assert status == EXIT_OK and obj["source"] == path
    assert obj["dates"][0]["date"] == "2021-03-03"


def test_windows_1252_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "cp1252.txt", "Scadenza: entro lunedì 4 marzo 2024 – “domande”.".encode("cp1252"))
    _, (obj,) = run("extract", "--text", path)
    assert "lunedì" in obj["text"] and "“domande”" in obj["text"]
    assert obj["dates"][0]["date"] == "2024-03-04"


def test_huge_text_is_processed_whole_with_right_offsets(tmp_path: Path) -> None:
    # Larger than one spaCy chunk: the date near the end must keep exact offsets.
    filler = "Il tavolo di lavoro discute le politiche sociali del territorio. " * 20000
    text = filler + "Le domande vanno inviate entro il 30 giugno 2025."
    path = _write(tmp_path, "huge.txt", text.encode())
    _, (obj,) = run("extract", "--text", path)
    (item,) = obj["dates"]
    ((start, end),) = item["spans"]
    assert obj["text"][start:end] == "30 giugno 2025"
    assert start > 1_000_000


@pytest.mark.parametrize(
    "argv",
    [[], ["extract"], ["extract", "--format", "xml", "x.txt"], ["nonsense"]],
)
def test_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv, out=io.StringIO()) == EXIT_USAGE
    assert "usage" in capsys.readouterr().err


def test_installed_command_end_to_end(notice_file: Path, tmp_path: Path, patti_command: str) -> None:
    """The real console script, as a user runs it."""
    patti = patti_command
    missing = tmp_path / "missing.pdf"
    proc = subprocess.run(
        [patti, "extract", str(notice_file), str(missing)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == EXIT_INPUT_FAILED
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["source"] for o in lines] == [str(notice_file), str(missing)]
    assert lines[1]["error"]["code"] == "not_found"
