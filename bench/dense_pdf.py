"""Generated dense PDFs for the reading benchmarks: pages filled edge to edge with corpus text.

A regional observatory's PDFs run to a hundred pages and more of small print; the bundled corpus PDFs are a
few pages each. ``dense_pdf(pages)`` lays the corpus texts out again and again in 8-point Helvetica, about
10,000 characters a page, and caches the file under ``data/bench/`` (the same bytes every time: reportlab's
invariant mode), so a run measures reading, not building.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "data" / "bench"
FONT, SIZE, LEADING, MARGIN = "Helvetica", 8.0, 9.6, 36.0


def _words() -> list[str]:
    """Every word of the corpus texts, in order."""
    return [word for path in sorted((ROOT / "corpus" / "dev").glob("*.txt")) for word in path.read_text().split()]


def build(pages: int) -> bytes:
    """A PDF of ``pages`` pages of corpus text, one column, lines filled to the margin."""
    words = _words()
    width, height = A4
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    position = 0
    for _ in range(pages):
        pdf.setFont(FONT, SIZE)
        y = height - MARGIN
        while y > MARGIN:
            line: list[str] = []
            while stringWidth(" ".join([*line, words[position]]), FONT, SIZE) < width - 2 * MARGIN:
                line.append(words[position])
                position = (position + 1) % len(words)
            pdf.drawString(MARGIN, y, " ".join(line))
            y -= LEADING
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def dense_pdf(pages: int) -> Path:
    """The cached dense PDF of ``pages`` pages, built on first use."""
    path = CACHE / f"dense-{pages}.pdf"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build(pages))
    return path
