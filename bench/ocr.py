"""OCR benchmark: seconds per scanned page, and the memory of reading a long scan.

Scans are made from corpus texts by ``tests/fixtures/formats/make_scanned.py`` (pages rendered to greyscale
pictures, no text layer). Each measure runs ``read_bytes`` in a fresh process, so its peak resident memory is
the reading's own; a 10-page and a 50-page scan of the same pages show whether memory grows with the page
count (it must not: pages are rendered and read one at a time). Appends a section to BENCH.md (``make bench``).
Needs Tesseract with Italian (``make ocr``).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from bench.report import emit
from extractor.read import ocr

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "dev"
# Texts with one to three pages each, as most notices are.
STEMS = ("dev_04", "dev_06", "003_8fd55254de6a5357")
LONG_SCANS = (10, 50)


def _read(path: str) -> tuple[float, int, int]:
    """Seconds, OCR pages and peak RSS (KiB) of reading ``path`` in this (fresh) process."""
    from extractor.read import read_bytes

    data = Path(path).read_bytes()
    start = time.perf_counter()
    document = read_bytes(data, Path(path).name)
    seconds = time.perf_counter() - start
    return seconds, len(document.ocr_pages), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(path: Path) -> tuple[float, int, int]:
    """``_read`` in a new process."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_read, (str(path),))


def long_scan(pages: int, dpi: int) -> bytes:
    """A scan of ``pages`` pages, the corpus pages repeated in turn."""
    from tests.fixtures.formats.make_scanned import image_pdf, rasterize, text_pdf_from_text

    pictures = [p for stem in STEMS for p in rasterize(text_pdf_from_text(_text(stem)), dpi)]
    return image_pdf([pictures[i % len(pictures)] for i in range(pages)], dpi)


def _text(stem: str) -> str:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--append", type=Path, help="append the section to this Markdown file")
    args = parser.parse_args()
    if ocr.tesseract_command() is None:
        section = "\n## OCR\n\nNot measured: Tesseract with Italian is not installed (`make ocr`).\n"
    else:
        section = _section()
    emit(section, args.append)


def _section() -> str:
    from tests.fixtures.formats.make_scanned import scanned_pdf_from_text

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for dpi in (300, 200):
            total_seconds = total_pages = 0.0
            for stem in STEMS:
                path = Path(folder) / f"{stem}-{dpi}.pdf"
                path.write_bytes(scanned_pdf_from_text(_text(stem), dpi=dpi))
                seconds, pages, _ = measure(path)
                total_seconds += seconds
                total_pages += pages
            rows.append(
                f"| {len(STEMS)} notices scanned at {dpi} dpi | {total_pages:.0f} | "
                f"{total_seconds / total_pages:.2f} | – | – |"
            )
        for pages in LONG_SCANS:
            path = Path(folder) / f"long-{pages}.pdf"
            path.write_bytes(long_scan(pages, 200))
            seconds, read, rss = measure(path)
            size = path.stat().st_size / 2**20
            rows.append(
                f"| one scan of {pages} pages at 200 dpi | {read} | {seconds / read:.2f} | "
                f"{size:.0f} | {rss / 1024:.0f} |"
            )
    return (
        "\n## OCR: scanned pages\n\n"
        "Each reading in a fresh process (pdfium renders, Tesseract reads, layout repair; one page at a time, "
        "Tesseract limited to one thread).\n\n"
        "| input | pages | s/page | file MB | peak RSS MB |\n|---|---:|---:|---:|---:|\n"
        + "\n".join(rows)
        + "\n"
        + "\nA rendered page is 4 MB at 200 dpi and 9 MB at 300 dpi in greyscale; what grows with the page count "
        "is the file itself, held while it is read.\n"
    )


if __name__ == "__main__":
    main()
