"""What the pages need to let staff correct: a form description per list of the document page, the corrections'
history in words, and the organisations registry's changes in words.

The forms are built in the browser (``static/corrections.js``) from ``editor_fields``: one input per field of an
item, the allowed values of a kind or category as a choice with their Italian labels. The page sends what staff
typed to the corrections API, which checks it against the models (``service.corrections.validate``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, get_args
from zoneinfo import ZoneInfo

from models.extraction import Category, ContactKind, DateKind, DocType, LegalKind, PartyKind
from service.corrections.fields import DOCUMENT, FIELDS, content
from service.store.corrections import CorrectionRecord
from service.store.organisations import RegistryChange
from service.web.labels import label
from service.web.sections import italian_date


@dataclass(frozen=True)
class Input:
    name: str  # the item's field
    title: str
    kind: str = "text"  # text, textarea, select, date, time, number
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, Italian label) of a select
    selection: bool = False  # takes the words staff selected in the text, when they add an item from a selection

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "title": self.title, "kind": self.kind, "required": self.required,
            "choices": [list(choice) for choice in self.choices], "selection": self.selection,
        }  # fmt: skip


def _choices(values: tuple[str, ...], labels_of: str) -> tuple[tuple[str, str], ...]:
    return tuple((value, label(labels_of, value)) for value in values)


_CATEGORY = _choices(get_args(Category), "category")

# The inputs of each list's form, in the order of the page's columns.
_INPUTS: dict[str, tuple[Input, ...]] = {
    "parties": (
        Input("name", "Nome", required=True, selection=True),
        Input("kind", "Tipo", "select", True, _choices(get_args(PartyKind), "party_kind")),
    ),
    "comuni": (
        Input("istat", "Codice ISTAT (vuoto: dal nome)"),
        Input("surface", "Come è scritto", required=True, selection=True),
    ),
    "ambiti": (Input("name", "Ambito", required=True, selection=True),),
    "dates": (
        Input("text", "Che cosa dice il testo", "textarea", True, selection=True),
        Input("date", "Data", "date", True),
        Input("time", "Ora", "time"),
        Input("kind", "Tipo", "select", True, _choices(get_args(DateKind), "date_kind")),
        Input("what", "Che cosa"),
        Input("place", "Dove"),
    ),
    "work_areas": (
        Input("label", "Area", required=True, selection=True),
        Input("category", "Categoria", "select", True, _CATEGORY),
    ),
    "commitments": (
        Input("text", "Impegno", "textarea", True, selection=True),
        Input("actor", "Chi si impegna"),
        Input("category", "Categoria", "select", False, _CATEGORY),
    ),
    "legal_refs": (
        Input("text", "Riferimento", required=True, selection=True),
        Input("kind", "Tipo", "select", True, _choices(get_args(LegalKind), "legal_kind")),
        Input("number", "Numero", required=True),
        Input("year", "Anno", "number", True),
        Input("article", "Articolo"),
        Input("comma", "Comma"),
    ),
    "contacts": (
        Input("value", "Contatto", required=True, selection=True),
        Input("kind", "Tipo", "select", True, _choices(get_args(ContactKind), "contact_kind")),
        Input("owner", "Di chi"),
    ),
    "people": (Input("name", "Nome", required=True, selection=True), Input("role", "Ruolo")),
    "periods": (Input("start", "Dal (anno)", "number", True), Input("end", "Al (anno)", "number", True)),
}
assert set(_INPUTS) == set(FIELDS), "every correctable list has its form"
# The document itself: its type, date and title.
_INPUTS[DOCUMENT] = (
    Input("doc_type", "Tipo di documento", "select", True, _choices(get_args(DocType), "doc_type")),
    Input("date", "Data del documento", "date"),
    Input("title", "Titolo"),
)


def editor_fields() -> dict[str, list[dict[str, Any]]]:
    """Each list's form inputs, and the document's own (``document``), for the page's script."""
    return {field: [i.as_dict() for i in inputs] for field, inputs in _INPUTS.items()}


_ACTIONS = {"add": "aggiunto", "remove": "segnato come errato", "edit": "corretto"}
_SECTION_TITLES = {
    "parties": "soggetto", "comuni": "comune", "ambiti": "ambito", "dates": "data", "work_areas": "area di intervento",
    "commitments": "impegno", "legal_refs": "riferimento normativo", "contacts": "contatto", "people": "persona",
    "periods": "periodo", DOCUMENT: "documento",
}  # fmt: skip


def _summary(field: str, item: dict[str, Any] | None) -> str:
    """An item in a few words: its name, text or value, a date with its time."""
    if not item:
        return ""
    if field == "dates":
        return " ".join(
            filter(None, [italian_date(item.get("date")), item.get("time"), item.get("what") or item.get("text")])
        )
    if field == "periods":
        return f"{item.get('start')}–{item.get('end')}"
    for name in ("name", "label", "text", "value"):
        if item.get(name):
            return str(item[name])
    return ""


def _changes(field: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """What an edit changed, field by field ("Tipo: Sindacato → Altro"), each value as its form shows it."""
    if not before or not after:
        return ""
    inputs = {i.name: i for i in _INPUTS[field]}
    parts = []
    for name, value in content(after).items():
        old = before.get(name)
        if value == old or name not in inputs:
            continue
        shown = [_shown(v, inputs[name]) for v in (old, value)]
        parts.append(f"{inputs[name].title}: {shown[0] or '—'} → {shown[1] or '—'}")
    return "; ".join(parts)


def _shown(value: Any, spec: Input) -> str:
    """A field's value as the page shows it: a choice by its label, a date in words."""
    if value is None:
        return ""
    if spec.choices:
        return dict(spec.choices).get(str(value), str(value))
    return italian_date(value) if spec.kind == "date" else str(value)


_ROME = ZoneInfo("Europe/Rome")


def local_time(stored: str | None) -> str:
    """A stored UTC time ("2025-03-04T10:00:00.000Z") as Italy's clock shows it: "4 marzo 2025 11:00"."""
    if not stored:
        return ""
    moment = datetime.fromisoformat(stored.replace("Z", "+00:00")).astimezone(_ROME)
    return f"{italian_date(moment.date())} {moment:%H:%M}"


@dataclass(frozen=True)
class HistoryRow:
    id: int
    when: str  # ISO time, UTC, as stored
    shown: str  # the same on Italy's clock, in words
    author: str
    what: str  # "Soggetto corretto: CGIL (Tipo: Sindacato → Altro)"
    note: str | None
    active: bool
    agrees: bool
    retired: str | None  # "ritirata da Marco Bianchi il 4 marzo 2025"


def history(records: list[CorrectionRecord]) -> list[HistoryRow]:
    """The document's corrections, newest first, in words."""
    rows = []
    for r in reversed(records):
        what = f"{_SECTION_TITLES[r.field].capitalize()} {_ACTIONS[r.action]}"
        if r.action != "edit":
            what += f": {_summary(r.field, r.before if r.action == 'remove' else r.after)}"
        else:
            changed = _changes(r.field, r.before, r.after)
            what += f": {_summary(r.field, r.before)}" if r.field != DOCUMENT else ""
            what += f" ({changed})" if changed else ""
        retired = f"ritirata da {r.retired_by} il {local_time(r.retired_at)}" if r.retired_at else None
        rows.append(
            HistoryRow(
                r.id,
                r.created_at,
                local_time(r.created_at),
                r.author,
                what,
                r.note,
                r.retired_at is None,
                r.agrees,
                retired,
            )
        )
    return rows


@dataclass(frozen=True)
class RegistryRow:
    id: int
    when: str
    shown: str
    author: str
    what: str  # "«CGIL Camera del Lavoro» unita a «CGIL Milano» (3 soggetti)"
    note: str | None
    undone: str | None  # "annullata da Marco Bianchi il 4 marzo 2025 11:00"


def registry_history(changes: list[RegistryChange], names: dict[int, str]) -> list[RegistryRow]:
    """Changes of the organisations registry in words; ``names`` gives an organisation's name by its id."""
    rows = []
    for c in changes:
        if c.action == "merge":
            into = names.get(c.into_id or 0, f"n. {c.into_id}")
            moved = f"{len(c.parties)} {'soggetto' if len(c.parties) == 1 else 'soggetti'}"
            what = f"«{c.old_name}» unita a «{into}» ({moved})"
        elif c.action == "alias":
            what = f"«{names.get(c.organisation_id, c.organisation_id)}» è anche «{c.new_name}»"
        else:
            what = f"«{c.old_name}» rinominata «{c.new_name}»"
        undone = f"annullata da {c.undone_by} il {local_time(c.undone_at)}" if c.undone_at else None
        rows.append(RegistryRow(c.id, c.created_at, local_time(c.created_at), c.author, what, c.note, undone))
    return rows
