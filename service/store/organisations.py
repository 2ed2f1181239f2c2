"""The registry of organisations parties link to, kept by staff: merge two into one, add a name one is also known
by, rename one; every change is recorded with who made it and can be undone.

A merge moves every party of the merged organisation, in every document, to the one it merges into; the merged
organisation keeps its row (``merged_into``) and its name becomes an alias of the other, so later extractions that
find it by its old name link to the merged organisation (``organisation_for``), and the party filter finds the
documents by either name.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from service.corrections.validate import MAX_AUTHOR_CHARS, MAX_NOTE_CHARS, InvalidCorrection, checked_text

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
MAX_NAME_CHARS = 300
ChangeAction = Literal["merge", "alias", "rename"]


@dataclass(frozen=True)
class RegistryChange:
    """A recorded change of the registry and, once undone, by whom and when."""

    id: int
    action: ChangeAction
    organisation_id: int
    into_id: int | None
    old_name: str | None
    new_name: str | None
    parties: list[int]
    aliases: list[str]
    author: str
    note: str | None
    created_at: str
    undone_at: str | None
    undone_by: str | None


_COLUMNS = (
    "id, action, organisation_id, into_id, old_name, new_name, parties, aliases, author, note, created_at, "
    "undone_at, undone_by"
)


def _change(row: tuple[Any, ...]) -> RegistryChange:
    values = dict(zip(_COLUMNS.split(", "), row, strict=True))
    values["parties"] = json.loads(values["parties"])
    values["aliases"] = json.loads(values["aliases"])
    return RegistryChange(**values)


def registry_changes(conn: sqlite3.Connection, limit: int = 200) -> list[RegistryChange]:
    """The latest changes of the registry, newest first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM organisation_changes ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return [_change(row) for row in rows]


def get_change(conn: sqlite3.Connection, change_id: int) -> RegistryChange | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM organisation_changes WHERE id = ?", [change_id]).fetchone()
    return _change(row) if row else None


def organisation_for(conn: sqlite3.Connection, name: str) -> int | None:
    """The organisation ``name`` stands for: the one staff made it an alias of (any case), else the one of that
    name, following merges; None for a name the registry does not hold."""
    # Every party of every written document passes here: one look-up each when nobody merged or renamed it.
    row = (
        conn.execute(
            "SELECT o.id, o.merged_into FROM organisation_aliases a JOIN organisations o ON o.id = a.organisation_id "
            "WHERE a.name = ?",
            [name],
        ).fetchone()
        or conn.execute("SELECT id, merged_into FROM organisations WHERE name = ?", [name]).fetchone()
    )
    if row is None:
        return None
    return int(row[0]) if row[1] is None else _final(conn, int(row[1]))


def _final(conn: sqlite3.Connection, organisation_id: int) -> int:
    """The organisation ``organisation_id`` became, following merges."""
    seen = {organisation_id}
    while True:
        row = conn.execute("SELECT merged_into FROM organisations WHERE id = ?", [organisation_id]).fetchone()
        if row is None or row[0] is None or row[0] in seen:
            return organisation_id
        organisation_id = int(row[0])
        seen.add(organisation_id)


def _live(conn: sqlite3.Connection, organisation_id: object, path: str) -> tuple[int, str]:
    """The id and name of an organisation that exists and was not merged into another."""
    if not isinstance(organisation_id, int) or isinstance(organisation_id, bool):
        raise InvalidCorrection(path, "must be an organisation's id")
    row = conn.execute("SELECT name, merged_into FROM organisations WHERE id = ?", [organisation_id]).fetchone()
    if row is None:
        raise InvalidCorrection(path, f"no organisation {organisation_id}")
    if row[1] is not None:
        raise InvalidCorrection(path, f"organisation {organisation_id} was merged into organisation {row[1]}")
    return organisation_id, str(row[0])


def _name_is_free(conn: sqlite3.Connection, name: str, path: str, owner: int | None = None) -> None:
    """Refuse a name another organisation has, or is known by."""
    taken = conn.execute(
        "SELECT id FROM organisations WHERE name = ? COLLATE NOCASE AND id IS NOT ? "
        "UNION SELECT organisation_id FROM organisation_aliases WHERE name = ? AND organisation_id IS NOT ?",
        [name, owner, name, owner],
    ).fetchone()
    if taken is not None:
        raise InvalidCorrection(path, f"{name!r} already names organisation {taken[0]}")


def _free_name(conn: sqlite3.Connection, name: object, owner: int | None = None, current: str | None = None) -> str:
    """A name staff give an organisation (``owner``, whose name is ``current``), checked and taken by no other."""
    checked = checked_text(name, "name", MAX_NAME_CHARS)
    assert checked is not None  # required: checked_text refuses a missing one
    if checked == current:
        raise InvalidCorrection("name", "the organisation already has this name")
    _name_is_free(conn, checked, "name", owner=owner)
    return checked


def _record(conn: sqlite3.Connection, action: ChangeAction, author: str, note: str | None, **values: Any) -> int:
    columns = ["action", "author", "note", *values]
    row = conn.execute(
        f"INSERT INTO organisation_changes ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        "RETURNING id",
        [action, author, note, *values.values()],
    ).fetchone()
    return int(row[0])


def _who(author: object, note: object) -> tuple[str, str | None]:
    """Who makes a change, and why."""
    who = checked_text(author, "author", MAX_AUTHOR_CHARS)
    assert who is not None
    return who, checked_text(note, "note", MAX_NOTE_CHARS, required=False)


def _alias(conn: sqlite3.Connection, name: str, organisation_id: int, change_id: int) -> None:
    conn.execute(
        "INSERT INTO organisation_aliases (name, organisation_id, change_id) VALUES (?, ?, ?)",
        [name, organisation_id, change_id],
    )


def _recorded(conn: sqlite3.Connection, change_id: int) -> RegistryChange:
    found = get_change(conn, change_id)
    assert found is not None
    return found


def merge_organisations(
    conn: sqlite3.Connection, organisation_id: object, into: object, *, author: object, note: object = None
) -> RegistryChange:
    """Merge organisation ``organisation_id`` into ``into`` across every document; returns the recorded change."""
    who, why = _who(author, note)
    source, source_name = _live(conn, organisation_id, "organisation")
    target, _ = _live(conn, into, "into")
    if source == target:
        raise InvalidCorrection("into", "an organisation cannot be merged into itself")
    moved = [
        int(row[0])
        for row in conn.execute(
            "UPDATE parties SET organisation_id = ? WHERE organisation_id = ? RETURNING id", [target, source]
        )
    ]
    carried = [
        str(row[0])
        for row in conn.execute(
            "UPDATE organisation_aliases SET organisation_id = ? WHERE organisation_id = ? RETURNING name",
            [target, source],
        )
    ]
    conn.execute("UPDATE organisations SET merged_into = ? WHERE id = ?", [target, source])
    change = _record(
        conn, "merge", who, why, organisation_id=source, into_id=target, old_name=source_name,
        parties=json.dumps(sorted(moved)), aliases=json.dumps(sorted(carried)),
    )  # fmt: skip
    _alias(conn, source_name, target, change)
    return _recorded(conn, change)


def add_alias(
    conn: sqlite3.Connection, organisation_id: object, name: object, *, author: object, note: object = None
) -> RegistryChange:
    """Record that organisation ``organisation_id`` is also known as ``name``."""
    who, why = _who(author, note)
    target, _ = _live(conn, organisation_id, "organisation")
    alias = _free_name(conn, name)
    change = _record(conn, "alias", who, why, organisation_id=target, new_name=alias)
    _alias(conn, alias, target, change)
    return _recorded(conn, change)


def rename_organisation(
    conn: sqlite3.Connection, organisation_id: object, name: object, *, author: object, note: object = None
) -> RegistryChange:
    """Give organisation ``organisation_id`` a new canonical name; the old one stays as an alias."""
    who, why = _who(author, note)
    target, old = _live(conn, organisation_id, "organisation")
    new = _free_name(conn, name, owner=target, current=old)
    change = _record(conn, "rename", who, why, organisation_id=target, old_name=old, new_name=new)
    conn.execute("DELETE FROM organisation_aliases WHERE name = ? AND organisation_id = ?", [new, target])
    conn.execute("UPDATE organisations SET name = ? WHERE id = ?", [new, target])
    if old.casefold() != new.casefold():
        _alias(conn, old, target, change)
    return _recorded(conn, change)


def undo_change(conn: sqlite3.Connection, change_id: int, *, author: object) -> RegistryChange | None:
    """Undo a change of the registry; None when there is no such change. Undoing one already undone changes
    nothing. A rename whose old name another organisation has taken since cannot be undone (``InvalidCorrection``)."""
    who, _ = _who(author, None)
    change = get_change(conn, change_id)
    if change is None or change.undone_at is not None:
        return change
    conn.execute("DELETE FROM organisation_aliases WHERE change_id = ?", [change_id])
    if change.action == "merge":
        assert change.into_id is not None
        # Where the moved parties are now: the organisation merged into, or the one that became of it since.
        holder = _final(conn, change.into_id)
        conn.execute(
            "UPDATE parties SET organisation_id = ? WHERE organisation_id = ? "
            "AND id IN (SELECT value FROM json_each(?))",
            [change.organisation_id, holder, json.dumps(change.parties)],
        )
        conn.execute(
            "UPDATE organisation_aliases SET organisation_id = ? WHERE organisation_id = ? "
            "AND name IN (SELECT value FROM json_each(?))",
            [change.organisation_id, holder, json.dumps(change.aliases)],
        )
        conn.execute("UPDATE organisations SET merged_into = NULL WHERE id = ?", [change.organisation_id])
    elif change.action == "rename":
        assert change.old_name is not None
        _name_is_free(conn, change.old_name, "change", owner=change.organisation_id)
        conn.execute("UPDATE organisations SET name = ? WHERE id = ?", [change.old_name, change.organisation_id])
    conn.execute(f"UPDATE organisation_changes SET undone_at = {_NOW}, undone_by = ? WHERE id = ?", [who, change_id])
    return get_change(conn, change_id)


def list_organisations(
    conn: sqlite3.Connection, query: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Organisations that were not merged away, with their kind, aliases and how many documents name them; most
    named first. ``query`` keeps those whose name or an alias holds it (any case)."""
    where, params = "o.merged_into IS NULL", []
    if query:
        where += (
            " AND (o.name LIKE ? ESCAPE '\\' OR o.id IN "
            "(SELECT organisation_id FROM organisation_aliases WHERE name LIKE ? ESCAPE '\\'))"
        )
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [pattern, pattern]
    total = conn.execute(f"SELECT count(*) FROM organisations o WHERE {where}", params).fetchone()[0]
    rows = conn.execute(
        f"""SELECT o.id, o.name, o.kind,
                   (SELECT count(DISTINCT p.document_id) FROM parties p WHERE p.organisation_id = o.id) AS documents,
                   (SELECT json_group_array(a.name) FROM (SELECT name FROM organisation_aliases
                        WHERE organisation_id = o.id ORDER BY name) a) AS aliases
            FROM organisations o WHERE {where} ORDER BY documents DESC, o.name LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    ).fetchall()
    found = [
        {"id": row[0], "name": row[1], "kind": row[2], "documents": row[3], "aliases": json.loads(row[4])}
        for row in rows
    ]
    return found, int(total)
