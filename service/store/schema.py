"""The relational schema as an ordered list of migrations; migration N brings the schema to version N."""

from __future__ import annotations

from service.store.categories import DOCUMENT_MASK
from service.store.tags import document_tags

# Columns every extracted item carries: its owner, its order in the extraction and its provenance.
_ITEM = """
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    spans TEXT NOT NULL DEFAULT '[]',
    page INTEGER"""


def _child(name: str, columns: str, indexed: tuple[str, ...] = ()) -> list[str]:
    """DDL for one item table plus its indexes (document_id always)."""
    statements = [f"CREATE TABLE {name} ({_ITEM},{columns})"]
    for column in ("document_id", *indexed):
        statements.append(f"CREATE INDEX idx_{name}_{column} ON {name}({column})")
    return statements


_V1: list[str] = [
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        doc_type TEXT,
        title TEXT,
        date TEXT,
        year INTEGER,
        pages INTEGER,
        status TEXT NOT NULL CHECK (status IN ('queued', 'indexed', 'failed')),
        error_code TEXT,
        error_message TEXT,
        extractor_version TEXT,
        text TEXT,
        page_starts TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )""",
    "CREATE INDEX idx_documents_doc_type ON documents(doc_type)",
    "CREATE INDEX idx_documents_year ON documents(year)",
    "CREATE INDEX idx_documents_date ON documents(date)",
    "CREATE INDEX idx_documents_status ON documents(status)",
    """CREATE TABLE organisations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL
    )""",
    "CREATE INDEX idx_organisations_kind ON organisations(kind)",
    """CREATE TABLE comuni (
        istat TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        province_code TEXT NOT NULL,
        province TEXT NOT NULL,
        region TEXT NOT NULL
    )""",
    "CREATE INDEX idx_comuni_name ON comuni(name)",
    *_child(
        "parties",
        "name TEXT NOT NULL, kind TEXT NOT NULL, organisation_id INTEGER REFERENCES organisations(id)",
        ("kind", "organisation_id"),
    ),
    *_child(
        "document_comuni",
        "name TEXT NOT NULL, istat TEXT REFERENCES comuni(istat), surface TEXT NOT NULL",
        ("istat",),
    ),
    *_child("ambiti", "name TEXT NOT NULL", ("name",)),
    *_child(
        "dated_items",
        "date TEXT NOT NULL, time TEXT, kind TEXT NOT NULL, text TEXT NOT NULL, place TEXT, what TEXT",
        ("date", "kind"),
    ),
    *_child("work_areas", "label TEXT NOT NULL, category TEXT NOT NULL", ("category",)),
    *_child("commitments", "actor TEXT, text TEXT NOT NULL, category TEXT", ("category",)),
    *_child(
        "legal_refs",
        "kind TEXT NOT NULL, number TEXT NOT NULL, year INTEGER NOT NULL, article TEXT, comma TEXT, text TEXT NOT NULL",
        ("kind", "year"),
    ),
    *_child("contacts", "kind TEXT NOT NULL, value TEXT NOT NULL, owner TEXT", ("kind", "value")),
    *_child("people", "name TEXT NOT NULL, role TEXT", ("name",)),
    *_child("periods", 'start INTEGER NOT NULL, "end" INTEGER NOT NULL', ("start",)),
    # The searchable stemmed shadow: one row for a document's text, one per commitment.
    # ``source`` is 'text' or 'commitment'; ``item_id`` is the commitment's id.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        body,
        document_id UNINDEXED,
        source UNINDEXED,
        item_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
]

# Jobs: one row per extraction to run. A worker claims a queued job (or one whose lease ran out, so a job
# of a killed worker is taken over) and renews ``lease_until`` (unix seconds) while it works.
_V2: list[str] = [
    """CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('extract', 'reindex')),
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        worker TEXT,
        lease_until REAL,
        error_code TEXT,
        error_message TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        started_at TEXT,
        finished_at TEXT
    )""",
    "CREATE INDEX idx_jobs_status ON jobs(status, id)",
    "CREATE INDEX idx_jobs_document_id ON jobs(document_id)",
]


def _plain_fts(table: str, columns: tuple[str, ...]) -> list[str]:
    """An unstemmed FTS5 index of ``table`` laid out as sqlite-utils' ``enable_fts`` does, kept in step by triggers."""
    fts = f"{table}_fts"
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new});"
    # External content: FTS5 must be told the old values it indexed to drop them.
    delete = f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    return [
        # Datasette finds a table's index by the literal ``content="table"`` in its DDL: keep the double quotes.
        f"""CREATE VIRTUAL TABLE {fts} USING fts5(
        {names},
        tokenize = 'unicode61 remove_diacritics 2',
        content="{table}", content_rowid='id'
    )""",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        # Only changes to indexed columns re-index: a status update must not re-tokenize a whole document.
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF id, {names} ON {table} BEGIN {delete} {insert} END",
        # Backfill the rows a database already holds.
        f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",
    ]


# Browsing with Datasette: plain word indexes for its search box (search_fts holds stems, which only the API's
# stemmed queries match), a never-NULL label for documents (Datasette shows a NULL label as "None") and a view
# of commitments with their document.
_V3: list[str] = [
    "ALTER TABLE documents ADD COLUMN display_title TEXT "
    "GENERATED ALWAYS AS (coalesce(nullif(trim(title), ''), file_name)) VIRTUAL",
    *_plain_fts("documents", ("title", "text")),
    *_plain_fts("commitments", ("text", "actor")),
    """CREATE VIEW commitments_with_documents AS
    SELECT c.id, c.document_id, d.display_title AS document, d.doc_type, d.date, d.year,
           c.position, c.category, c.actor, c.text, c.page
    FROM commitments c JOIN documents d ON d.id = c.document_id""",
]

# How each document was read: the format, the pages that needed OCR and the signers of its envelopes (JSON lists).
_V4: list[str] = [
    "ALTER TABLE documents ADD COLUMN format TEXT",
    "ALTER TABLE documents ADD COLUMN ocr_pages TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE documents ADD COLUMN signatures TEXT NOT NULL DEFAULT '[]'",
]

# How well each OCR page was read: Tesseract's mean word confidence per page of ocr_pages (a JSON list).
_V5: list[str] = [
    "ALTER TABLE documents ADD COLUMN ocr_confidence TEXT NOT NULL DEFAULT '[]'",
]

# Content identity (``extractor.fingerprint``, ``service.store.identity``): the same content read from several
# files is one document. ``content_of`` makes a row another file of the document ``content_of`` (it holds no items
# of its own); ``read_from`` is the sha256 of the file whose reading the document's items come from; a revised
# document names the one it replaces in ``previous_version``. ``fingerprint`` is the text's MinHash signature and
# ``document_bands`` its locality-sensitive hashing buckets, looked up to find similar documents.
_V6: list[str] = [
    "ALTER TABLE documents ADD COLUMN fingerprint BLOB",
    "ALTER TABLE documents ADD COLUMN content_of INTEGER REFERENCES documents(id)",
    "ALTER TABLE documents ADD COLUMN read_from TEXT",
    "ALTER TABLE documents ADD COLUMN previous_version INTEGER REFERENCES documents(id)",
    "CREATE INDEX idx_documents_content_of ON documents(content_of)",
    "CREATE INDEX idx_documents_previous_version ON documents(previous_version)",
    """CREATE TABLE document_bands (
        band TEXT NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (band, document_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX idx_document_bands_document_id ON document_bands(document_id)",
]

# Reading at region scale (100,000 documents): what search, facets and listings look up per row, kept in small
# indexes so that no query reads a document's or a search row's text to find its id, status or date.
_V7: list[str] = [
    # The listings' filter and order: indexed documents that are not another file of one, newest first, with the
    # type and year filters answered from the index rather than from the rows.
    "CREATE INDEX idx_documents_listing ON documents(status, content_of, date, doc_type, year)",
    # Filters compare ambito and party names ignoring case: only an index in that collation serves them.
    "CREATE INDEX idx_ambiti_name_nocase ON ambiti(name COLLATE NOCASE, document_id)",
    "CREATE INDEX idx_parties_name_nocase ON parties(name COLLATE NOCASE, document_id)",
    "CREATE INDEX idx_organisations_name_nocase ON organisations(name COLLATE NOCASE)",
    # Facets and listings join a document's items by document; these cover what they count or show.
    "CREATE INDEX idx_ambiti_document_name ON ambiti(document_id, name)",
    "CREATE INDEX idx_document_comuni_document_istat ON document_comuni(document_id, istat)",
    "CREATE INDEX idx_parties_document_organisation ON parties(document_id, organisation_id, name)",
    "CREATE INDEX idx_work_areas_document_category ON work_areas(document_id, category)",
    "CREATE INDEX idx_commitments_document_position ON commitments(document_id, position, category)",
    "CREATE INDEX idx_dated_items_document_kind ON dated_items(document_id, kind, date)",
    # Commitments by category (uncategorised last): a page sorts one category's rows, not every commitment.
    "CREATE INDEX idx_commitments_category_order ON commitments(category IS NULL, category)",
    # The deadline order itself (timed items after the all-day ones of their day): pages follow it, never sort.
    "CREATE INDEX idx_dated_items_order ON dated_items(date, time IS NOT NULL, time, document_id, position, kind)",
    # Counting a listing's items checks each one's document: read by id from here, not from the row with its text.
    "CREATE INDEX idx_documents_filters ON documents(id, status, content_of, doc_type, year, date)",
    # FTS5 keeps search_fts's unindexed columns (document_id, source, item_id) in its content table beside the
    # row's whole stemmed text; looking them up for every match read that text. The index holds just them.
    "CREATE INDEX idx_search_fts_rows ON search_fts_content(id, c1, c2, c3)",
]

# Staff corrections (``service.corrections``): each one a record of its own, applied over every extraction of its
# document. ``extracted`` keeps, for a document that has corrections, what the extractor itself found (the
# Extraction's JSON without the text), so a correction can be added or withdrawn without extracting again.
# ``before`` and ``after`` are the item as it was and as it should be (JSON objects); ``agrees`` is set when the
# latest extraction, on its own, says what the correction says; ``retired_at`` when staff withdrew it.
_V8: list[str] = [
    "ALTER TABLE documents ADD COLUMN extracted TEXT",
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'remove', 'edit')),
        before TEXT,
        after TEXT,
        author TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        agrees INTEGER NOT NULL DEFAULT 0,
        retired_at TEXT,
        retired_by TEXT
    )""",
    "CREATE INDEX idx_corrections_document ON corrections(document_id, retired_at, id)",
]

# Registry maintenance (``service.store.organisations``): staff merge two organisations into one, give one another
# name it is known by, or rename it; every change is recorded and can be undone. A merged organisation keeps its
# row (``merged_into`` names the one it became) so an undo can bring it back; an alias sends a name to its
# organisation, for later extractions and for the party filter. ``parties`` of a change lists the party rows a
# merge moved (JSON ids), ``aliases`` the alias names it carried over.
_V9: list[str] = [
    "ALTER TABLE organisations ADD COLUMN merged_into INTEGER REFERENCES organisations(id)",
    """CREATE TABLE organisation_changes (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('merge', 'alias', 'rename')),
        organisation_id INTEGER NOT NULL REFERENCES organisations(id),
        into_id INTEGER REFERENCES organisations(id),
        old_name TEXT,
        new_name TEXT,
        parties TEXT NOT NULL DEFAULT '[]',
        aliases TEXT NOT NULL DEFAULT '[]',
        author TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        undone_at TEXT,
        undone_by TEXT
    )""",
    """CREATE TABLE organisation_aliases (
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        organisation_id INTEGER NOT NULL REFERENCES organisations(id),
        change_id INTEGER REFERENCES organisation_changes(id)
    )""",
    "CREATE INDEX idx_organisation_aliases_organisation ON organisation_aliases(organisation_id)",
]

# A document's search rows by its id: without it, clearing them before a re-extraction (or deleting the document)
# read every row's stemmed text, 0.6 s at 100,000 documents, for each document indexed.
_V10: list[str] = [
    "CREATE INDEX idx_search_fts_documents ON search_fts_content(c1)",
]

# Each document's work-area categories as bits on its row (``service.store.categories``), in the covering index
# every filter check reads: a category filter no longer builds the set of documents having the category.
_V11: list[str] = [
    "ALTER TABLE documents ADD COLUMN categories INTEGER NOT NULL DEFAULT 0",
    f"UPDATE documents SET categories = {DOCUMENT_MASK}",
    "DROP INDEX idx_documents_filters",
    "CREATE INDEX idx_documents_filters ON documents(id, status, content_of, doc_type, year, date, categories)",
]

# The search rows carry their document's filter values as terms (``service.store.tags``): FTS5 cannot add a column,
# so the index is made again with it, its rows copied under the same rowids.
_V12: list[str] = [
    "ALTER TABLE search_fts RENAME TO search_fts_v11",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        body,
        document_id UNINDEXED,
        source UNINDEXED,
        item_id UNINDEXED,
        tags,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    "INSERT INTO search_fts (rowid, body, document_id, source, item_id, tags) "
    f"SELECT r.id, r.c0, r.c1, r.c2, r.c3, {document_tags('r.c1')} FROM search_fts_v11_content r",
    "DROP TABLE search_fts_v11",
    "CREATE INDEX idx_search_fts_rows ON search_fts_content(id, c1, c2, c3)",
    "CREATE INDEX idx_search_fts_documents ON search_fts_content(c1)",
]

# The parties' names as written joined the terms (``service.store.tags``): every search row's terms are made again
# (25 s at 100,000 documents). An update leaves each old entry behind as a deletion to be merged: searches read
# twice the index (several words 19 to 27 ms) until 'optimize' merges it (3 s).
_V13: list[str] = [
    f"UPDATE search_fts SET tags = {document_tags('search_fts.document_id')}",
    "INSERT INTO search_fts (search_fts) VALUES ('optimize')",
]

MIGRATIONS: list[list[str]] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12, _V13]
"""``MIGRATIONS[i]`` takes the schema from version ``i`` to ``i + 1``; append, never edit."""

ITEM_TABLES = (
    "parties",
    "document_comuni",
    "ambiti",
    "dated_items",
    "work_areas",
    "commitments",
    "legal_refs",
    "contacts",
    "people",
    "periods",
)
