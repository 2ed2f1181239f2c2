"""The organisations registry kept by staff: merge, alias, rename, each recorded and undone, across documents and
later extractions."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import sqlite_utils

from models import Extraction, Party
from service.corrections.validate import InvalidCorrection
from service.store.db import transaction
from service.store.filters import Filters
from service.store.organisations import (
    add_alias,
    list_organisations,
    merge_organisations,
    organisation_for,
    registry_changes,
    rename_organisation,
    undo_change,
)
from service.store.reader import load_extraction
from service.store.search import search_documents
from service.store.writer import save_extraction

STAFF = {"author": "Anna Rossi"}


def _save(db: sqlite_utils.Database, name: str, *parties: tuple[str, str]) -> int:
    extraction = Extraction(
        source=name,
        extractor_version="test",
        text=f"Documento {name}: " + ", ".join(written for written, _ in parties),
        parties=[Party(name=written, kind="sindacato", canonical=canonical) for written, canonical in parties],
    )
    return save_extraction(db, hashlib.sha256(name.encode()).hexdigest(), name, 10, extraction)


@pytest.fixture
def two(db: sqlite_utils.Database) -> dict[str, int]:
    """Two documents naming one union in two ways the extractor did not tell were one."""
    first = _save(db, "uno.txt", ("Camera del Lavoro di Milano", "CGIL Camera del Lavoro Milano"))
    second = _save(db, "due.txt", ("CGIL Milano", "CGIL Milano"), ("CISL Lombardia", "CISL Lombardia"))
    ids = {name: organisation_for(db.conn, name) for name in ("CGIL Camera del Lavoro Milano", "CGIL Milano")}
    assert all(ids.values())
    return {"first": first, "second": second, **{k: v for k, v in ids.items() if v is not None}}


def _documents(db: sqlite_utils.Database, party: str) -> set[int]:
    page = search_documents(db, None, Filters(parties=(party,)), limit=50, with_facets=False)
    return {hit.document_id for hit in page.hits}


def _canonical(db: sqlite_utils.Database, document_id: int) -> list[str | None]:
    loaded = load_extraction(db, document_id)
    assert loaded is not None
    return [p.canonical for p in loaded.parties]


def _do(db: sqlite_utils.Database, change: Any, *args: Any, **kwargs: Any) -> Any:
    with transaction(db) as conn:
        return change(conn, *args, **kwargs)


def test_a_merge_moves_the_parties_of_every_document_and_keeps_both_names(
    db: sqlite_utils.Database, two: dict[str, int]
) -> None:
    source, target = two["CGIL Camera del Lavoro Milano"], two["CGIL Milano"]
    change = _do(db, merge_organisations, source, target, **STAFF, note="stessa Camera del Lavoro")
    assert change.action == "merge" and change.parties and change.author == "Anna Rossi"
    assert _canonical(db, two["first"]) == ["CGIL Milano"]
    both = {two["first"], two["second"]}
    assert _documents(db, "CGIL Milano") == both == _documents(db, "cgil camera del lavoro milano")
    listed, total = list_organisations(db.conn)
    names = {row["name"]: row for row in listed}
    assert "CGIL Camera del Lavoro Milano" not in names and total == 2
    assert names["CGIL Milano"]["documents"] == 2
    assert names["CGIL Milano"]["aliases"] == ["CGIL Camera del Lavoro Milano"]
    assert list_organisations(db.conn, query="camera del")[0][0]["name"] == "CGIL Milano"


def test_a_later_extraction_under_the_old_name_links_to_the_merged_organisation(
    db: sqlite_utils.Database, two: dict[str, int]
) -> None:
    _do(db, merge_organisations, two["CGIL Camera del Lavoro Milano"], two["CGIL Milano"], **STAFF)
    again = _save(db, "uno.txt", ("Camera del Lavoro di Milano", "CGIL Camera del Lavoro Milano"))
    assert again == two["first"] and _canonical(db, again) == ["CGIL Milano"]
    third = _save(db, "tre.txt", ("CdL Milano", "CGIL Camera del Lavoro Milano"))
    assert _canonical(db, third) == ["CGIL Milano"]


def test_undoing_a_merge_puts_everything_back(db: sqlite_utils.Database, two: dict[str, int]) -> None:
    source, target = two["CGIL Camera del Lavoro Milano"], two["CGIL Milano"]
    change = _do(db, merge_organisations, source, target, **STAFF)
    undone = _do(db, undo_change, change.id, author="Marco Bianchi")
    assert undone.undone_by == "Marco Bianchi" and undone.undone_at
    assert _canonical(db, two["first"]) == ["CGIL Camera del Lavoro Milano"]
    assert _documents(db, "CGIL Milano") == {two["second"]}
    assert organisation_for(db.conn, "CGIL Camera del Lavoro Milano") == source
    assert _do(db, undo_change, change.id, author="Marco Bianchi") == undone  # a second undo changes nothing
    assert _do(db, undo_change, 999, author="Marco Bianchi") is None


def test_undoing_a_merge_after_the_organisation_was_merged_again(
    db: sqlite_utils.Database, two: dict[str, int]
) -> None:
    cisl = organisation_for(db.conn, "CISL Lombardia")
    first = _do(db, merge_organisations, two["CGIL Camera del Lavoro Milano"], two["CGIL Milano"], **STAFF)
    _do(db, merge_organisations, two["CGIL Milano"], cisl, **STAFF)
    _do(db, undo_change, first.id, **STAFF)
    assert _canonical(db, two["first"]) == ["CGIL Camera del Lavoro Milano"]


def test_an_alias_finds_the_organisation_and_a_rename_keeps_the_old_name(
    db: sqlite_utils.Database, two: dict[str, int]
) -> None:
    target = two["CGIL Milano"]
    _do(db, add_alias, target, "Camera del Lavoro Metropolitana", **STAFF)
    assert _documents(db, "Camera del Lavoro Metropolitana") == {two["second"]}
    renamed = _do(db, rename_organisation, target, "CGIL Camera del Lavoro Metropolitana di Milano", **STAFF)
    assert renamed.old_name == "CGIL Milano"
    assert _canonical(db, two["second"])[0] == "CGIL Camera del Lavoro Metropolitana di Milano"
    assert _documents(db, "CGIL Milano") == {two["second"]}  # the old name still finds it
    again = _save(db, "due.txt", ("CGIL Milano", "CGIL Milano"))
    assert _canonical(db, again)[0] == "CGIL Camera del Lavoro Metropolitana di Milano"
    _do(db, undo_change, renamed.id, **STAFF)
    assert _canonical(db, two["second"])[0] == "CGIL Milano"
    assert [c.action for c in registry_changes(db.conn)] == ["rename", "alias"]


@pytest.mark.parametrize(
    ("change", "args", "path"),
    [
        ("merge", ("source", "source"), "into"),  # into itself
        ("merge", ("source", 999), "into"),  # no such organisation
        ("merge", ("source", "9"), "into"),  # not an id
        ("merge", (None, "target"), "organisation"),
        ("alias", ("target", "CISL Lombardia"), "name"),  # another organisation's name
        ("alias", ("target", "   "), "name"),
        ("alias", ("target", "x" * 400), "name"),
        ("rename", ("target", "CISL Lombardia"), "name"),
        ("rename", ("target", "CGIL Milano"), "name"),  # the name it has
    ],
)
def test_bad_changes_are_refused_and_change_nothing(
    db: sqlite_utils.Database, two: dict[str, int], change: str, args: tuple[Any, Any], path: str
) -> None:
    ids = {"source": two["CGIL Camera del Lavoro Milano"], "target": two["CGIL Milano"]}
    values = [ids.get(a, a) if isinstance(a, str) and a in ids else a for a in args]
    function = {"merge": merge_organisations, "alias": add_alias, "rename": rename_organisation}[change]
    before = list_organisations(db.conn)
    with pytest.raises(InvalidCorrection) as refused:
        _do(db, function, *values, **STAFF)
    assert refused.value.path == path
    assert list_organisations(db.conn) == before and registry_changes(db.conn) == []


def test_a_merged_organisation_cannot_be_merged_again_and_changes_need_an_author(
    db: sqlite_utils.Database, two: dict[str, int]
) -> None:
    source, target = two["CGIL Camera del Lavoro Milano"], two["CGIL Milano"]
    _do(db, merge_organisations, source, target, **STAFF)
    with pytest.raises(InvalidCorrection) as refused:
        _do(db, merge_organisations, source, target, **STAFF)
    assert refused.value.path == "organisation"
    with pytest.raises(InvalidCorrection) as anonymous:
        _do(db, add_alias, target, "CdL", author="  ")
    assert anonymous.value.path == "author"
