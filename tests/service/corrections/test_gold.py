"""Corrected documents as gold files, and the extractor scored against them: `patti export --gold`, `patti eval
--corrections`, with the pure parts as tables."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.evaluate import SHARED
from models import Extraction, Party
from service.cli import EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, main
from service.corrections.gold import gold_annotation, gold_name, score_against
from service.store.corrections import record_correction
from service.store.db import open_database, transaction
from service.store.reader import load_extraction
from tests.conftest import CORPUS

TEXTS = ("003_8fd55254de6a5357.txt", "000_2733dd1fb8777219.txt")
# The fields of each list's items in the annotated corpus's gold files (EXTRACTION.md).
GOLD_FIELDS = {
    "parties": {"name", "kind"},
    "comuni": {"name", "istat", "surface"},
    "ambiti": {"name"},
    "dates": {"date", "time", "kind", "text", "place", "what"},
    "work_areas": {"label", "categories"},
    "commitments": {"text", "actor", "category"},
    "legal_refs": {"kind", "number", "year", "article", "comma", "text"},
    "contacts": {"kind", "value", "owner"},
    "people": {"name", "role"},
    "periods": {"start", "end"},
}


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def corrected(tmp_path: Path) -> Path:
    """A data folder with two documents; the first corrected three ways."""
    data = tmp_path / "data"
    status, _ = run("ingest", *(str(CORPUS / "dev" / name) for name in TEXTS), "--data-dir", str(data))
    assert status == EXIT_OK
    db = open_database(data / "patti.db")
    try:
        first = int(db.execute("SELECT id FROM documents WHERE file_name = ?", [TEXTS[0]]).fetchone()[0])
        with transaction(db) as conn:
            staff = {"author": "Anna Rossi"}
            record_correction(conn, first, "parties", "remove", position=0, **staff)
            record_correction(
                conn, first, "dates", "add", item={"date": "2031-01-31", "kind": "scadenza", "text": "x"}, **staff
            )
            record_correction(conn, first, "comuni", "add", item={"istat": "015146"}, **staff)
    finally:
        db.close()
    return data


def test_a_gold_annotation_has_the_corpus_s_fields() -> None:
    extraction = Extraction(
        source="a.txt", extractor_version="t", parties=[Party(name="CGIL", kind="sindacato", spans=[(0, 4)])]
    )
    gold = gold_annotation(extraction)
    assert {k for k in gold if isinstance(gold[k], list)} == set(GOLD_FIELDS)
    assert gold["parties"] == [{"name": "CGIL", "kind": "sindacato"}] and gold["doc_type"] == "altro"


@pytest.mark.skipif(not (SHARED / "corpus-dev").is_dir(), reason="the shared corpus is not there")
def test_the_gold_fields_are_those_of_the_shared_corpus() -> None:
    used: dict[str, set[str]] = {}
    for path in (SHARED / "corpus-dev").glob("*.gold.json"):
        for field, items in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(items, list):
                used.setdefault(field, set()).update(key for item in items for key in item)
    assert used == GOLD_FIELDS


@pytest.mark.parametrize(
    ("document_id", "file_name", "name"),
    [
        (42, "Avviso pubblico – tavoli 2025.pdf", "00042-avviso-pubblico-tavoli-2025"),
        (7, "Città di Castello.txt", "00007-citta-di-castello"),
        (3, "....pdf", "00003"),
        (12345, "../../etc/passwd", "12345-passwd"),
        (8, "C:\\atti\\delibera n.12.pdf", "00008-delibera-n-12"),
        (1, "x" * 200 + ".docx", "00001-" + "x" * 40),
    ],
)
def test_gold_names_are_plain_and_never_a_path(document_id: int, file_name: str, name: str) -> None:
    assert gold_name(document_id, file_name) == name


def test_identical_annotations_score_one_everywhere() -> None:
    gold = gold_annotation(
        Extraction(source="a", extractor_version="t", parties=[Party(name="CGIL", kind="sindacato")])
    )
    scored = score_against([(gold, gold)])
    assert scored.mean_f1 == 1.0 and scored.doc_type_accuracy == 1.0 and scored.documents == 1


def test_export_writes_each_corrected_document_and_its_gold_which_scores_one(corrected: Path, tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    status, out = run("export", "--gold", str(folder), "--data-dir", str(corrected))
    assert status == EXIT_OK and "1 corrected documents" in out
    (gold_path,) = folder.glob("*.gold.json")
    text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for field, keys in GOLD_FIELDS.items():
        assert all(set(item) == keys for item in gold[field]), field
    assert "Milano" in [c["name"] for c in gold["comuni"]]
    assert ("2031-01-31", "scadenza") in [(d["date"], d["kind"]) for d in gold["dates"]]

    # The corrected document, as the API serves it, scores 1.0 against its exported gold (the shared scorer when
    # it is there, the project's own rules otherwise).
    db = open_database(corrected / "patti.db")
    try:
        document_id = int(gold_path.name[:5])
        stored = load_extraction(db, document_id)
        assert stored is not None and text_path.read_text(encoding="utf-8") == stored.text
    finally:
        db.close()
    prediction = stored.model_copy(update={"source": str(text_path), "text": None}).model_dump(mode="json")
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps(prediction, ensure_ascii=False) + "\n", encoding="utf-8")
    assert score_against([(gold, gold_annotation(stored))]).mean_f1 == 1.0
    scorer = SHARED / "eval" / "score.py"
    if scorer.is_file():
        table = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(folder), "--pred", str(predictions)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        assert "mean F1 1.000 over 1 documents" in table


def test_eval_scores_the_extractor_against_the_corrections(corrected: Path) -> None:
    status, table = run("eval", "--corrections", "--data-dir", str(corrected))
    assert status == EXIT_OK and "over 1 documents" in table
    status, out = run("eval", "--corrections", "--format", "json", "--data-dir", str(corrected))
    figures = json.loads(out)
    # The extractor does not know what staff corrected: the removed party is predicted, the added date and comune
    # are not found.
    assert figures["fields"]["parties"]["precision"] < 1.0
    assert figures["fields"]["dates"]["recall"] < 1.0 and figures["fields"]["comuni"]["recall"] < 1.0
    assert figures["fields"]["legal_refs"]["f1"] == 1.0  # what nobody corrected, it finds as before
    assert figures["documents"] == 1 and 0 < figures["mean_f1"] < 1


@pytest.mark.parametrize(
    ("argv", "status", "says"),
    [
        (("export",), EXIT_USAGE, "either a TABLE or --gold"),
        (("export", "parties", "--gold", "{tmp}/g"), EXIT_USAGE, "either a TABLE or --gold"),
        (("eval",), EXIT_USAGE, ""),  # --corrections is required
        (("eval", "--corrections"), EXIT_INPUT_FAILED, "no corrected documents"),
        (("export", "--gold", "{tmp}/a-file"), EXIT_INPUT_FAILED, "cannot use"),  # not a folder
    ],
)
def test_bad_export_and_eval_calls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], status: int, says: str
) -> None:
    data = tmp_path / "data"
    assert run("ingest", str(CORPUS / "dev" / TEXTS[1]), "--data-dir", str(data))[0] == EXIT_OK
    (tmp_path / "a-file").write_text("x")
    capsys.readouterr()
    got, _ = run(*(a.replace("{tmp}", str(tmp_path)) for a in argv), "--data-dir", str(data))
    assert got == status
    assert says in capsys.readouterr().err
