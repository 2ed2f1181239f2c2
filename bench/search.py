"""Search, commitments and deadlines at region scale: p50 and p95 of the store queries the API routes run, on
generated databases of 1,000, 10,000 and 100,000 documents, and the time to store a document into each (and to
delete it again); appends one table per measure to BENCH.md.

Each database is made by recombining the sentences and extracted items of the bundled corpus (``corpus/dev``,
extracted once) and written with the service's own schema and row layout under ``data/bench/``, where it is kept
between runs: it is rebuilt only when ``GENERATOR`` changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, get_args

import sqlite_utils

from bench.report import emit
from extractor import __version__ as extractor_version
from extractor.resolvers.comuni import Municipality, registry
from models import Extraction
from models.extraction import DocType
from service.store.categories import category_mask
from service.store.db import open_database, transaction
from service.store.deadlines import deadlines_page, select_deadlines
from service.store.documents import delete_document
from service.store.filters import Filters
from service.store.listings import commitments_page, document_rows
from service.store.search import search_documents, stem_shadow
from service.store.tags import document_tags
from service.store.writer import save_extraction

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "dev"
BENCH_DATA = ROOT / "data" / "bench"
SIZES = (1_000, 10_000, 100_000)
GENERATOR = 4
"""Bump when generated documents change: databases cached under another number are rebuilt."""

REGION = "Lombardia"  # comuni are drawn from one region, grouped into ambiti, as a regional observatory holds them
AMBITI = 90
YEARS = tuple(range(2012, 2026))
DOC_TYPES: tuple[str, ...] = get_args(DocType)
BATCH = 2_000  # documents written per transaction
RUNS = 7  # timed runs of each query, after one untimed pass over the whole mix
PAGE = 50  # the API's default page
DEEP_OFFSET = 1_000
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n+")


@dataclass(frozen=True)
class Source:
    """One corpus document taken apart: its sentences and what the extractor found in it."""

    sentences: tuple[str, ...]
    extraction: Extraction


@dataclass(frozen=True)
class Pools:
    """What generated documents are made of: the corpus sources and the region's ambiti with their comuni."""

    sources: tuple[Source, ...]
    ambiti: tuple[tuple[str, tuple[Municipality, ...]], ...]


def sentences_of(text: str) -> tuple[str, ...]:
    """The sentences and lines of ``text`` with at least four words, whitespace collapsed."""
    pieces = (" ".join(piece.split()) for piece in _SENTENCE_END.split(text))
    return tuple(piece for piece in pieces if len(piece.split()) >= 4)


def corpus_pools() -> Pools:
    """Extract the bundled corpus texts once and group the region's comuni into ambiti."""
    from extractor.pipeline import extract_path  # loads spaCy: only when a database must be built

    sources = []
    for path in sorted(CORPUS.glob("*.txt")):
        extraction = extract_path(path, source=path.name, include_text=True)
        sources.append(Source(sentences_of(extraction.text or ""), extraction))
    towns = [town for town in registry() if town.region == REGION]
    random.Random(GENERATOR).shuffle(towns)
    size = len(towns) // AMBITI
    ambiti = tuple(
        (f"Ambito territoriale di {group[0].name}", tuple(group))
        for group in (towns[i * size : (i + 1) * size] for i in range(AMBITI))
    )
    return Pools(tuple(source for source in sources if source.sentences), ambiti)


class Composer:
    """A document's text built piece by piece (one per line), each piece's span kept for provenance."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0

    def add(self, piece: str) -> list[list[int]]:
        """Append ``piece`` on a line of its own; its spans as the store keeps them."""
        start = self.length + (1 if self.pieces else 0)
        self.pieces.append(piece)
        self.length = start + len(piece)
        return [[start, self.length]]

    def listing(self, head: str, names: list[str], separator: str = ", ") -> list[list[list[int]]]:
        """Append ``head`` and ``names`` on one line; the spans of each name."""
        start = self.length + (1 if self.pieces else 0) + len(head)
        spans = []
        for name in names:
            spans.append([[start, start + len(name)]])
            start += len(name) + len(separator)
        self.add(head + separator.join(names))
        return spans

    @property
    def text(self) -> str:
        return "\n".join(self.pieces)


@dataclass
class Generated:
    """One generated document: its ``documents`` row values and its item rows by table, in the writer's layout."""

    row: dict[str, Any]
    items: dict[str, list[list[Any]]] = field(default_factory=dict)
    pieces: list[str] = field(default_factory=list)


ITEM_COLUMNS: dict[str, tuple[str, ...]] = {
    # The columns ``service.store.writer`` fills, after document_id, position, spans and page.
    "parties": ("name", "kind", "organisation_id"),
    "document_comuni": ("name", "istat", "surface"),
    "ambiti": ("name",),
    "dated_items": ("date", "time", "kind", "text", "place", "what"),
    "work_areas": ("label", "category"),
    "commitments": ("id", "actor", "text", "category"),
    "legal_refs": ("kind", "number", "year", "article", "comma", "text"),
    "contacts": ("kind", "value", "owner"),
    "people": ("name", "role"),
    "periods": ("start", '"end"'),
}


def _drawn(rng: random.Random, items: list[Any], most: int) -> list[Any]:
    return rng.sample(items, min(len(items), rng.randint(0, most)))


def _body(rng: random.Random, primary: Source, secondary: Source) -> list[str]:
    """Sentences of two sources: a run of the first (a topic keeps its words together), some of the second."""
    count = rng.randint(10, 30)
    start = rng.randrange(len(primary.sentences))
    run = [primary.sentences[(start + i) % len(primary.sentences)] for i in range(min(count, len(primary.sentences)))]
    return run + _drawn(rng, list(secondary.sentences), count // 3)


def _listed(
    text: Composer, head: str, items: list[Any], name: Callable[[Any], str], separator: str = ", "
) -> list[tuple[list[list[int]], Any]]:
    """Write ``head`` and the items' names on one line; each item with its spans."""
    return list(zip(text.listing(head, [name(item) for item in items], separator), items, strict=True))


def _who_and_where(
    rng: random.Random, text: Composer, pools: Pools, sources: list[Extraction], organisations: dict[str, int]
) -> dict[str, list[list[Any]]]:
    """The opening lines: the document's ambito, its comuni, and the parties (two of them its comuni)."""
    ambito, towns = rng.choice(pools.ambiti)
    comuni = rng.sample(towns, rng.randint(1, 4))
    parties = [(f"Comune di {town.name}", "comune", None) for town in comuni[:2]]
    parties += [(p.name, p.kind, p.canonical) for p in _drawn(rng, [p for e in sources for p in e.parties], 4)]
    return {
        "ambiti": [[text.add(ambito), ambito]],
        "document_comuni": [
            [spans, town.name, town.istat, town.name]
            for spans, town in _listed(text, "Comuni: ", comuni, lambda town: town.name)
        ],
        "parties": [
            [spans, name, kind, organisations[canonical] if canonical else None]
            for spans, (name, kind, canonical) in _listed(text, "Tra ", parties, lambda party: party[0], " e ")
        ],
    }


def _what_and_when(rng: random.Random, text: Composer, sources: list[Extraction], year: int) -> dict[str, list]:
    """The closing lines: work areas, commitments, dated items (moved to around ``year``), references, contacts,
    people and periods, drawn from the sources' items."""
    main = sources[0]
    areas = _drawn(rng, [a for e in sources for a in e.work_areas], 5)
    commitments = _drawn(rng, [c for e in sources for c in e.commitments], 6)
    dates = _drawn(rng, [d for e in sources for d in e.dates], 4)
    refs, contacts = _drawn(rng, main.legal_refs, 3), _drawn(rng, main.contacts, 2)
    people, periods = _drawn(rng, main.people, 3), _drawn(rng, main.periods, 1)
    return {
        "work_areas": [
            [spans, a.label, a.category]
            for spans, a in _listed(text, "Aree di intervento: ", areas, lambda a: a.label, "; ")
        ],
        # The commitment's id is given when it is written (None here).
        "commitments": [[text.add(c.text), None, c.actor, c.text, c.category] for c in commitments],
        "dated_items": [
            [text.add(d.text), _near(rng, year).isoformat(), d.time, d.kind, d.text, d.place, d.what] for d in dates
        ],
        "legal_refs": [
            [spans, r.kind, r.number, r.year, r.article, r.comma, r.text]
            for spans, r in _listed(text, "Riferimenti: ", refs, lambda r: r.text, "; ")
        ],
        "contacts": [
            [spans, c.kind, c.value, c.owner]
            for spans, c in _listed(text, "Contatti: ", contacts, lambda c: c.value, "; ")
        ],
        "people": [[spans, p.name, p.role] for spans, p in _listed(text, "Referenti: ", people, lambda p: p.name)],
        "periods": [[text.add(f"Periodo {p.start}-{p.end}"), p.start, p.end] for p in periods],
    }


def generate(index: int, pools: Pools, organisations: dict[str, int]) -> Generated:
    """Document ``index`` (1-based, its id), the same for every database size: two corpus sources' sentences and
    items around a header naming its ambito, comuni and parties."""
    rng = random.Random(f"{GENERATOR}:{index}")
    primary, secondary = rng.sample(pools.sources, 2)
    sources = [primary.extraction, secondary.extraction]
    year = rng.choice(YEARS)
    day = None if rng.random() < 0.1 else date(year, 1, 1) + timedelta(days=rng.randrange(365))
    text = Composer()
    title = (primary.extraction.title or primary.sentences[0])[:120]
    text.add(title)
    items = _who_and_where(rng, text, pools, sources, organisations)
    for sentence in _body(rng, primary, secondary):
        text.add(sentence)
    items.update(_what_and_when(rng, text, sources, year))
    body = text.text
    row = {
        "id": index,
        "sha256": _sha256(index),
        "file_name": f"documento-{index:06d}.txt",
        "size": len(body.encode()),
        "doc_type": primary.extraction.doc_type if rng.random() < 0.6 else rng.choice(DOC_TYPES),
        "title": title,
        "date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "pages": 1,
        "status": "indexed",
        "categories": category_mask(area[-1] for area in items["work_areas"]),
        "extractor_version": extractor_version,
        "text": body,
        "page_starts": "[0]",
        "format": "text",
    }
    return Generated(row, items, text.pieces)


def _sha256(index: int) -> str:
    return hashlib.sha256(f"bench {GENERATOR} {index}".encode()).hexdigest()


def _near(rng: random.Random, year: int) -> date:
    """A day of ``year`` or the next: a document's deadlines and events fall around its date."""
    return date(year, 1, 1) + timedelta(days=rng.randrange(730))


def _unread(index: int, rng: random.Random) -> Generated:
    """A document that failed to be read (about one in a hundred): a row with an error and no items."""
    return Generated(
        {
            "id": index,
            "sha256": _sha256(index),
            "file_name": f"documento-{index:06d}.pdf",
            "size": rng.randrange(1_000, 100_000),
            "status": "failed",
            "error_code": "pdf_invalid",
            "error_message": "the PDF cannot be opened",
            "page_starts": "[]",
        }
    )


class Shadows:
    """The stemmed shadow of each text piece, computed once: documents share their corpus sentences."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def __call__(self, pieces: list[str]) -> str:
        """``stem_shadow`` of the pieces joined by new lines (a word never spans two pieces)."""
        shadows = []
        for piece in pieces:
            shadow = self.known.get(piece)
            if shadow is None:
                shadow = self.known[piece] = stem_shadow(piece)
            if shadow:
                shadows.append(shadow)
        return " ".join(shadows)


def documents(size: int, pools: Pools, organisations: dict[str, int]) -> Iterator[Generated]:
    """The ``size`` documents of a database; some failed, some revising an earlier one."""
    for index in range(1, size + 1):
        rng = random.Random(f"{GENERATOR}:{index}:row")
        if rng.random() < 0.01:
            yield _unread(index, rng)
            continue
        generated = generate(index, pools, organisations)
        if index > 100 and rng.random() < 0.02:
            generated.row["previous_version"] = rng.randrange(1, index)
        yield generated


def _write_batch(conn: Any, batch: list[Generated], shadows: Shadows, next_commitment: int) -> int:
    """Insert a batch of documents, their items and their search rows; returns the next commitment id."""
    columns = sorted({column for g in batch for column in g.row})
    conn.executemany(
        f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [[g.row.get(c) for c in columns] for g in batch],
    )
    search_rows: list[tuple[str, int, str, int | None]] = []
    for g in batch:
        for row in g.items.get("commitments", []):
            row[1] = next_commitment
            search_rows.append((stem_shadow(row[3]), g.row["id"], "commitment", next_commitment))
            next_commitment += 1
        if g.pieces:
            search_rows.append((shadows(g.pieces), g.row["id"], "text", None))
    for table, names in ITEM_COLUMNS.items():
        rows = [
            [g.row["id"], position, json.dumps(values[0]), None, *values[1:]]
            for g in batch
            for position, values in enumerate(g.items.get(table, []))
        ]
        sql_names = ["document_id", "position", "spans", "page", *names]
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(sql_names)}) VALUES ({', '.join('?' for _ in sql_names)})", rows
        )
    # After the documents and their items: the filter terms are made from them, as the service makes them.
    conn.executemany(
        f"INSERT INTO search_fts (body, document_id, source, item_id, tags) VALUES (?, ?, ?, ?, {document_tags('?')})",
        [(*row, row[1]) for row in search_rows],
    )
    return next_commitment


def _organisations(conn: Any, pools: Pools) -> dict[str, int]:
    """Write the canonical organisations the corpus parties link to; their ids by name."""
    kinds = {p.canonical: p.kind for s in pools.sources for p in s.extraction.parties if p.canonical}
    ids = {name: i for i, name in enumerate(sorted(kinds), start=1)}
    conn.executemany(
        "INSERT INTO organisations (id, name, kind) VALUES (?, ?, ?)", [(i, n, kinds[n]) for n, i in ids.items()]
    )
    return ids


def build(path: Path, size: int, pools: Pools) -> None:
    """Write a database of ``size`` generated documents at ``path`` with the service's schema."""
    db = open_database(path)
    shadows = Shadows()
    next_commitment = 1
    try:
        with transaction(db) as conn:
            organisations = _organisations(conn, pools)
        batch: list[Generated] = []
        for generated in documents(size, pools, organisations):
            batch.append(generated)
            if len(batch) == BATCH or generated.row["id"] == size:
                with transaction(db) as conn:
                    next_commitment = _write_batch(conn, batch, shadows, next_commitment)
                batch = []
    finally:
        db.close()


def database(size: int, pools: Callable[[], Pools], folder: Path = BENCH_DATA) -> tuple[Path, float, bool]:
    """The data folder of a generated database of ``size`` documents, built unless cached; the seconds its build
    took, and whether it was cached."""
    data = folder / f"search-g{GENERATOR}-{size}"
    done = data / "built-in-seconds"  # written last: a build cut short is not taken for a cached one
    if done.exists():
        return data, float(done.read_text(encoding="utf-8")), True
    for stale in folder.glob(f"search-g*-{size}"):
        shutil.rmtree(stale)
    data.mkdir(parents=True)
    start = time.perf_counter()
    build(data / "patti.db", size, pools())
    seconds = time.perf_counter() - start
    done.write_text(f"{seconds:.1f}\n", encoding="utf-8")
    return data, seconds, False


@dataclass(frozen=True, eq=False)  # each case is its own key, whatever its parameters
class Case:
    """One request of the query mix: its route and parameters, as a client would send them."""

    route: str
    name: str
    params: dict[str, Any]


def _value(db: sqlite_utils.Database, sql: str) -> Any:
    row = db.execute(sql).fetchone()
    return row[0] if row else None


def query_mix(db: sqlite_utils.Database) -> list[Case]:
    """Requests a regional observatory's staff would make: common, rare and several words, each filter, the first
    and a deep page, facets always on (the API counts them on every search)."""
    ambito = _value(db, "SELECT name FROM ambiti GROUP BY name ORDER BY count(*) DESC, name LIMIT 1")
    comune = _value(db, "SELECT istat FROM document_comuni GROUP BY istat ORDER BY count(*) DESC, istat LIMIT 1")
    party = _value(db, "SELECT name FROM organisations ORDER BY id LIMIT 1")
    year = _value(db, "SELECT year FROM documents WHERE year IS NOT NULL GROUP BY year ORDER BY count(*) DESC LIMIT 1")
    town = _value(db, "SELECT c.name FROM document_comuni dc JOIN comuni c USING (istat) ORDER BY dc.id DESC LIMIT 1")
    words = {"common": "servizi", "topic": "disabilità", "rare": town, "several": "servizi per le persone disabili"}
    search = [
        Case("/search", "browse", {}),
        Case("/search", "browse, doc_type and year", {"doc_type": "avviso", "year": year}),
        Case("/search", "browse, ambito", {"ambito": ambito}),
        Case("/search", "browse, deep page", {"offset": DEEP_OFFSET}),
        Case("/search", "common word", {"q": words["common"]}),
        Case("/search", "common word, deep page", {"q": words["common"], "offset": DEEP_OFFSET}),
        Case("/search", "topic word", {"q": words["topic"]}),
        Case("/search", "topic word, year", {"q": words["topic"], "year": year}),
        Case("/search", "topic word, ambito", {"q": words["topic"], "ambito": ambito}),
        Case("/search", "topic word, category", {"q": words["topic"], "category": "disabilita"}),
        Case("/search", "rare word (a comune)", {"q": words["rare"]}),
        Case("/search", "rare word, doc_type", {"q": words["rare"], "doc_type": "avviso"}),
        Case("/search", "several words", {"q": words["several"]}),
        Case("/search", "several words, comune", {"q": words["several"], "comune": comune}),
        Case("/search", "topic word, party", {"q": words["topic"], "party": party}),
        Case("/search", "common word, doc_type and year", {"q": words["common"], "doc_type": "intesa", "year": year}),
    ]
    commitments = [
        Case("/commitments", "all, newest first", {}),
        Case("/commitments", "all, deep page", {"offset": DEEP_OFFSET}),
        Case("/commitments", "by category", {"sort": "category"}),
        Case("/commitments", "ambito", {"ambito": ambito}),
        Case("/commitments", "comune", {"comune": comune}),
        Case("/commitments", "year and doc_type", {"year": year, "doc_type": "intesa"}),
        Case("/commitments", "category filter", {"category": "disabilita"}),
        Case("/commitments", "topic word", {"q": words["topic"]}),
        Case("/commitments", "topic word, ambito", {"q": words["topic"], "ambito": ambito}),
        Case("/commitments", "party", {"party": party}),
    ]
    deadlines = [
        Case("/deadlines", "all, by date", {}),
        Case("/deadlines", "all, deep page", {"offset": DEEP_OFFSET}),
        Case("/deadlines", "deadlines only", {"kind": "scadenza"}),
        Case("/deadlines", "ambito", {"ambito": ambito}),
        Case("/deadlines", "comune", {"comune": comune}),
        Case("/deadlines", "a year's items", {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}),
        Case("/deadlines", "doc_type and category", {"doc_type": "avviso", "category": "disabilita"}),
        Case("/deadlines", "party, upcoming", {"party": party, "upcoming": True}),
    ]
    return search + commitments + deadlines


def _filters(params: dict[str, Any]) -> Filters:
    """The store filters of a request, as the API's ``get_filters`` makes them (the comune given by its code)."""
    return Filters(
        doc_types=tuple(filter(None, [params.get("doc_type")])),
        ambiti=tuple(filter(None, [params.get("ambito")])),
        comuni=tuple(filter(None, [params.get("comune")])),
        parties=tuple(filter(None, [params.get("party")])),
        categories=tuple(filter(None, [params.get("category")])),
        years=tuple(filter(None, [params.get("year")])),
        date_from=date.fromisoformat(params["date_from"]) if "date_from" in params else None,
        date_to=date.fromisoformat(params["date_to"]) if "date_to" in params else None,
    )


def run_in_store(db: sqlite_utils.Database, case: Case) -> int:
    """Make the store calls the route makes for ``case``; how many rows the page has."""
    params, filters = case.params, _filters(case.params)
    offset = params.get("offset", 0)
    if case.route == "/search":
        page = search_documents(db, params.get("q"), filters, PAGE, offset, html=True)
        return len(document_rows(db, [hit.document_id for hit in page.hits]))
    if case.route == "/commitments":
        return len(commitments_page(db, filters, params.get("q"), params.get("sort", "-date"), PAGE, offset).rows)
    kinds = tuple(filter(None, [params.get("kind")]))
    selected = select_deadlines(filters, kinds, upcoming=bool(params.get("upcoming")))
    return len(deadlines_page(db, *selected, limit=PAGE, offset=offset).rows)


def timings(run: Callable[[Case], object], cases: list[Case], runs: int) -> dict[Case, list[float]]:
    """Milliseconds of each case over ``runs`` rounds of the whole mix, after one untimed round."""
    for case in cases:
        run(case)
    found: dict[Case, list[float]] = {case: [] for case in cases}
    for _ in range(runs):
        for case in cases:
            start = time.perf_counter()
            run(case)
            found[case].append((time.perf_counter() - start) * 1000)
    return found


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value that ``share`` of the values are at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def over_http(data: Path) -> Callable[[Case], object]:
    """A runner sending each case to the real app (FastAPI's TestClient, no workers), checking it answers 200."""
    from fastapi.testclient import TestClient

    from service.main import create_app
    from service.settings import Settings

    client = TestClient(create_app(Settings(data_dir=data, workers=0), start_workers=False))

    def run(case: Case) -> object:
        response = client.get(case.route, params=case.params)
        assert response.status_code == 200, response.text
        return response

    return run


@dataclass
class Measured:
    """What one database size gave: its build, its file, the milliseconds of each case by runner, and those of
    storing and deleting a document."""

    size: int
    build_seconds: float
    cached: bool
    megabytes: float
    rows: dict[str, int]
    store: dict[Case, list[float]]
    http: dict[Case, list[float]] = field(default_factory=dict)
    written: list[float] = field(default_factory=list)
    deleted: list[float] = field(default_factory=list)


def writes(db: sqlite_utils.Database, data: Path, sources: tuple[Source, ...]) -> tuple[list[float], list[float]]:
    """Milliseconds to store each corpus document's extraction into ``db``, as a worker does once it has extracted
    it, and to delete it again, which leaves the database as it was.

    The words of each text are shuffled: a text like the generated documents would be stored as another file of
    one of them (``service.store.identity``), and deleting it could take that document with it.
    """
    written, deleted = [], []
    for number, source in enumerate(sources):
        words = (source.extraction.text or "").split()
        random.Random(number).shuffle(words)
        extraction = source.extraction.model_copy(update={"text": " ".join(words)})
        sha256 = hashlib.sha256(f"bench write {GENERATOR} {number}".encode()).hexdigest()
        start = time.perf_counter()
        document_id = save_extraction(db, sha256, f"written-{number}.txt", len(extraction.text or ""), extraction)
        written.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        delete_document(db, data, document_id)
        deleted.append((time.perf_counter() - start) * 1000)
    return written, deleted


def measure(size: int, pools: Callable[[], Pools], folder: Path, with_http: bool, runs: int) -> Measured:
    """Build (or reuse) the database of ``size`` documents, time the query mix on it, and store and delete the
    corpus documents in it."""
    data, seconds, cached = database(size, pools, folder)
    path = data / "patti.db"
    db = open_database(path)  # migrates a cached database built by an older schema, as the service would
    try:
        counted = {t: int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}
        cases = query_mix(db)
        store = timings(lambda case: run_in_store(db, case), cases, runs)
        written, deleted = writes(db, data, pools().sources)
    finally:
        db.close()
    http = timings(over_http(data), cases, runs) if with_http else {}
    megabytes = sum(f.stat().st_size for f in data.glob("patti.db*")) / 1e6
    return Measured(size, seconds, cached, megabytes, counted, store, http, written, deleted)


COUNTED_TABLES = ("documents", "commitments", "dated_items", "search_fts")
ROUTES = ("/search", "/commitments", "/deadlines")


def _route_ms(found: dict[Case, list[float]], route: str, share: float) -> float:
    return percentile([ms for case, values in found.items() if case.route == route for ms in values], share)


def _growth(first: float, last: float) -> str:
    return f"×{last / first:.1f}" if first else "–"


def report(results: list[Measured], runs: int) -> str:
    """The BENCH.md section: one table per measure, a column per database size."""
    sizes = " | ".join(f"{m.size:,} docs" for m in results)
    head = f"| route | {sizes} | growth |\n|---|{'---:|' * (len(results) + 1)}"
    largest = results[-1]
    lines = [
        f"\n## Search, commitments and deadlines: {', '.join(f'{m.size:,}' for m in results)} documents\n",
        f"Generated databases (`bench/search.py`, generator {GENERATOR}): corpus sentences and extracted items "
        "recombined, comuni of one region in ambiti, every document type, years 2012–2025; written with the "
        f"service's schema. Each request of the mix ({len(largest.store)} of them: common, topical, rare and "
        "several words, every filter, first and deep pages, facets on) runs once untimed, then "
        f"{runs} times; the store calls its route makes, timed in one process on one connection.\n",
    ]
    for title, share in (("p50", 0.5), ("p95", 0.95)):
        lines += [f"### {title} (ms)\n", head]
        for route in ROUTES:
            values = [_route_ms(m.store, route, share) for m in results]
            cells = " | ".join(f"{v:.1f}" for v in values)
            lines.append(f"| `{route}` | {cells} | {_growth(values[0], values[-1])} |")
            if largest.http:
                http = _route_ms(largest.http, route, share)
                blanks = " | ".join("–" for _ in results[:-1])
                lines.append(f"| `GET {route}` over HTTP | {blanks} | {http:.1f} | |")
        lines.append("")
    lines += [
        "### Storing a document (ms)\n",
        f"Each corpus text's extraction ({len(largest.written)} of them, words shuffled so that none is taken for a "
        "generated document) stored as a worker stores it, with its items and search rows, then deleted.\n",
        f"| | {sizes} |\n|---|{'---:|' * len(results)}",
    ]
    for name, attribute in (("store", "written"), ("delete", "deleted")):
        for title, share in (("p50", 0.5), ("p95", 0.95)):
            cells = " | ".join(f"{percentile(getattr(m, attribute), share):.1f}" for m in results)
            lines.append(f"| {name} {title} | {cells} |")
    lines.append("")
    lines += ["### Databases\n", f"| | {sizes} |\n|---|{'---:|' * len(results)}"]
    lines.append("| build s | " + " | ".join(f"{m.build_seconds:.0f}" for m in results) + " |")
    lines.append("| on disk MB | " + " | ".join(f"{m.megabytes:.0f}" for m in results) + " |")
    for table in COUNTED_TABLES:
        lines.append(f"| {table} rows | " + " | ".join(f"{m.rows[table]:,}" for m in results) + " |")
    lines += ["", f"### p95 of each request at {largest.size:,} documents (ms)\n"]
    lines += ["| route | request | store | HTTP |", "|---|---|---:|---:|"]
    for case, values in largest.store.items():
        over_http = f"{percentile(largest.http[case], 0.95):.1f}" if largest.http else "–"
        lines.append(f"| `{case.route}` | {case.name} | {percentile(values, 0.95):.1f} | {over_http} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--append", type=Path, help="append the section to this Markdown file")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="documents in each database")
    parser.add_argument("--data", type=Path, default=BENCH_DATA, help="where generated databases are kept")
    args = parser.parse_args()
    pools: list[Pools] = []

    def shared_pools() -> Pools:  # the corpus is extracted once, and only when a database must be built
        if not pools:
            pools.append(corpus_pools())
        return pools[0]

    sizes = sorted(args.sizes)
    results = [measure(size, shared_pools, args.data, size == sizes[-1], RUNS) for size in sizes]
    section = report(results, RUNS)
    emit(section, args.append)


if __name__ == "__main__":
    main()
