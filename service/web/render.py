"""Templates, their Italian filters, and the headers every HTML answer carries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from service.web.labels import label, labels
from service.web.sections import italian_date, month_title

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"

# Documents are hostile input: no inline script or style anywhere, so injected markup could not run.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
NAVIGATION = (
    ("/", "Cerca"),
    ("/documenti", "Documenti"),
    ("/impegni", "Impegni"),
    ("/scadenze", "Scadenze"),
    ("/organizzazioni", "Organizzazioni"),
    ("/carica", "Carica"),
)


def _count(value: int, one: str, many: str) -> str:
    return f"{value} {one if value == 1 else many}"


# Tesseract's mean word confidence under which a page's reading is flagged as doubtful: clean scans read
# at 85-95, grainy or faint ones fall to 60-70, and below 60 words go missing or come out wrong.
POOR_SCAN = 60.0


def ocr_pages(pages: list[int], confidence: list[float]) -> list[tuple[int, float | None, bool]]:
    """Each OCR page with its confidence (None when not recorded) and whether it reads poorly."""
    known: list[float | None] = [*confidence]
    known += [None] * (len(pages) - len(known))
    return [(page, c, c is not None and c < POOR_SCAN) for page, c in zip(pages, known, strict=False)]


def _first_value(params: list[tuple[str, str]], name: str) -> str:
    return next((value for n, value in params if n == name), "")


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(WEB_DIR / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,  # a misspelt name in a template fails its test instead of printing ''
)
_env.filters.update(label=lambda value, kind: label(kind, value), italian_date=italian_date, month_title=month_title)
_env.globals.update(navigation=NAVIGATION, labels=labels, count=_count, first_value=_first_value, ocr_pages=ocr_pages)
templates = Jinja2Templates(env=_env)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """The template ``name`` as a page, with the security headers."""
    context = {"active": "", "error": None, **context}
    response = templates.TemplateResponse(request, name, context, status_code=status, headers=SECURITY_HEADERS)
    assert isinstance(response, HTMLResponse)
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """A page that says what went wrong, in the site's frame."""
    return render(request, "error.html", {"status": status, "message": message}, status=status)
