"""The PDF reader on the corpus rendered in five layouts (corpus/build_pdfs.py), and on bad input."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from rapidfuzz import fuzz
from reportlab.pdfgen import canvas

import extractor.read.pdf as pdf_module
from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read.pdf import read_pdf
from extractor.read.text import clean_markdown, normalise

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
LAYOUTS = ("one_column", "two_columns", "running_header", "hyphenated", "numbered_list")
MIN_SIMILARITY = 0.97
_LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[a-z]\)|[-•–])[ \t]+\S", re.M)


def flat(text: str) -> str:
    """Whitespace runs collapsed to one space."""
    return " ".join(text.split())


@cache
def read(path: Path) -> Document:
    return read_pdf(path)


def expected(stem: str) -> str:
    return normalise(clean_markdown((CORPUS / "dev" / f"{stem}.txt").read_text(encoding="utf-8")))


def pdfs(layout: str) -> list[Path]:
    return sorted((CORPUS / "pdf" / layout).glob("*.pdf"))


def test_every_source_has_every_layout() -> None:
    stems = sorted(p.stem for p in (CORPUS / "dev").glob("*.txt"))
    assert len(stems) == 19
    for layout in LAYOUTS:
        assert [p.stem for p in pdfs(layout)] == stems


@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_matches_source(layout: str) -> None:
    scores = {p.stem: fuzz.ratio(flat(expected(p.stem)), flat(read(p).text)) / 100 for p in pdfs(layout)}
    low = {stem: round(score, 4) for stem, score in scores.items() if score < MIN_SIMILARITY}
    assert not low, f"{layout}: below {MIN_SIMILARITY}: {low}"


def compact(text: str) -> str:
    """Letters and digits only: line breaks, hyphens and spacing no longer matter."""
    return re.sub(r"[\W_]", "", text)


def raw_pages(path: Path, layout: str) -> list[str]:
    """Each page's text straight from pdfplumber, two-column pages read half by half."""
    with pdfplumber.open(path) as pdf:
        if layout != "two_columns":
            return [compact(page.extract_text() or "") for page in pdf.pages]
        halves = ((0, 0, 0.5, 1), (0.5, 0, 1, 1))
        return [
            compact(
                "".join(
                    page.crop((x0 * page.width, y0, x1 * page.width, y1 * page.height)).extract_text() or ""
                    for x0, y0, x1, y1 in halves
                )
            )
            for page in pdf.pages
        ]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_page_offsets(layout: str) -> None:
    """The text at each page's offset is that page's first words."""
    checked = 0
    for path in pdfs(layout):
        doc = read(path)
        raw = raw_pages(path, layout)
        assert doc.page_count == len(raw)
        assert doc.page_starts[0] == 0
        for n, start in enumerate(doc.page_starts[1:], 1):
            assert doc.page_of(start) == n + 1
            assert doc.text[start - 2 : start] == "\n\n"
            # Skip the first word: it may have been completed on the page before.
            head = compact(" ".join(doc.text[start:].split()[1:6]))
            # Found near the top: only a running header and one word come before it.
            assert 0 <= raw[n].find(head) <= 100, (path.name, n + 1, head, raw[n][:150])
            checked += 1
    assert checked or layout == "two_columns"


def test_running_headers_and_page_numbers_removed() -> None:
    for path in pdfs("running_header"):
        text = read(path).text
        assert "documento di programmazione" not in text, path.name
        assert not re.search(r"Pagina \d+ di \d+|^- \d+ -$", text, re.M), path.name
        assert (read(path).page_count or 0) >= 2


def test_hyphenation_undone() -> None:
    """Words cut at line ends come back whole: the text has no more hyphens than its source."""
    for path in pdfs("hyphenated"):
        source = flat(expected(path.stem))
        text = flat(read(path).text)
        assert text.count("-") <= source.count("-") + 2, path.name


def test_numbered_items_keep_their_lines() -> None:
    """Every list item of the source starts a line of its own, renumbered."""
    for path in pdfs("numbered_list"):
        source_items = len(_LIST_MARKER.findall(expected(path.stem)))
        read_items = len(re.findall(r"^(?:\d{1,2}\.|[a-z]\)) ", read(path).text, re.M))
        assert read_items == source_items, path.name


def test_single_page_paragraphs_match_source() -> None:
    """On one page of one column, the blank lines of the source separate the paragraphs read."""
    for path in pdfs("one_column"):
        doc = read(path)
        if doc.page_count != 1:
            continue
        paragraphs = [flat(p) for p in expected(path.stem).split("\n\n") if p.strip()]
        assert [flat(p) for p in doc.text.split("\n\n")] == paragraphs, path.name


def test_reads_bytes_like_path() -> None:
    path = CORPUS / "pdf" / "two_columns" / "001_3d6264becc58feda.pdf"
    assert read_pdf(path.read_bytes()) == read(path)


def test_committed_pdfs_are_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuilding a document gives the committed bytes: the build is deterministic and was re-run."""
    spec = importlib.util.spec_from_file_location("build_pdfs", CORPUS / "build_pdfs.py")
    assert spec and spec.loader
    build_pdfs = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_pdfs", build_pdfs)  # dataclasses look their module up
    spec.loader.exec_module(build_pdfs)
    sources = sorted((CORPUS / "dev").glob("*.txt"))
    index = next(i for i, source in enumerate(sources) if source.stem == "dev_02")
    build_pdfs.build_document(sources[index], tmp_path, index % 2, build_pdfs.register_fonts())
    for layout in LAYOUTS:
        built = (tmp_path / layout / "dev_02.pdf").read_bytes()
        assert built == (CORPUS / "pdf" / layout / "dev_02.pdf").read_bytes(), layout


# ---------------------------------------------------------------- bad input


def _canvas_pdf(draw: Callable[[canvas.Canvas], object], **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1, **kwargs)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _encrypted() -> bytes:
    return _canvas_pdf(lambda c: c.drawString(72, 720, "Testo riservato"), encrypt="segreta")


def _image_only() -> bytes:
    # Vector shapes only: what a scan looks like to a text extractor.
    return _canvas_pdf(lambda c: (c.rect(72, 400, 300, 200, fill=1), c.circle(300, 300, 50, fill=1)))


def _deep_page_tree(depth: int = 5000) -> bytes:
    """A valid PDF whose page tree nests deeper than Python's recursion limit."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for n in range(2, depth + 2):
        objects[n] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (n + 1)
    objects[depth + 2] = b"<< /Type /Page /MediaBox [0 0 100 100] >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for n, body in objects.items():
        offsets[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in sorted(objects))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


GOOD = CORPUS / "pdf" / "one_column" / "dev_01.pdf"
GARBAGE = bytes(range(256)) * 8


@pytest.mark.parametrize(
    ("make", "code"),
    [
        pytest.param(lambda: b"", ErrorCode.EMPTY, id="empty"),
        pytest.param(lambda: b"  \n", ErrorCode.EMPTY, id="blank"),
        pytest.param(lambda: GOOD.read_bytes()[: len(GOOD.read_bytes()) // 2], ErrorCode.PDF_TRUNCATED, id="truncated"),
        pytest.param(lambda: b"Verbale della seduta del 19.05.2005\n" * 20, ErrorCode.PDF_INVALID, id="not-a-pdf"),
        pytest.param(lambda: b"%PDF-1.7\n", ErrorCode.PDF_TRUNCATED, id="header-only"),
        pytest.param(_encrypted, ErrorCode.PDF_ENCRYPTED, id="encrypted"),
        pytest.param(_image_only, ErrorCode.NO_TEXT_LAYER, id="no-text-layer"),
        pytest.param(lambda: b"%PDF-1.7\n" + GARBAGE, ErrorCode.PDF_INVALID, id="garbage-after-header"),
        pytest.param(lambda: b"%PDF-1.7\n" + GARBAGE + b"\n%%EOF\n", ErrorCode.PDF_INVALID, id="garbage-with-eof"),
        pytest.param(lambda: GOOD.read_bytes().replace(b"/Root", b"/Roof"), ErrorCode.PDF_INVALID, id="no-root"),
        pytest.param(_deep_page_tree, ErrorCode.PDF_TOO_COMPLEX, id="page-tree-too-deep"),
    ],
)
def test_bad_input(make: Callable[[], bytes], code: ErrorCode) -> None:
    with pytest.raises(PattiError) as caught:
        read_pdf(make())
    assert caught.value.code == code


def test_missing_path_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(PattiError) as caught:
        read_pdf(tmp_path / "assente.pdf")
    assert caught.value.code == ErrorCode.UNREADABLE


def test_owner_password_only_is_readable() -> None:
    """An empty user password opens the file: restrictions alone are no reason to refuse it."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _canvas_pdf(
        lambda c: c.drawString(72, 720, "Testo visibile"),
        encrypt=StandardEncryption("", ownerPassword="proprietario"),
    )
    assert read_pdf(data).text == "Testo visibile"


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        pytest.param(RecursionError("deep"), ErrorCode.PDF_TOO_COMPLEX, id="recursion"),
        pytest.param(ValueError("bad"), ErrorCode.PDF_INVALID, id="value-error"),
        pytest.param(KeyError("Kids"), ErrorCode.PDF_INVALID, id="key-error"),
        pytest.param(TypeError("none"), ErrorCode.PDF_INVALID, id="type-error"),
    ],
)
@pytest.mark.usefixtures("pdfminer_only")
def test_parser_errors_mapped(monkeypatch: pytest.MonkeyPatch, raised: Exception, code: ErrorCode) -> None:
    """Whatever pdfminer raises, wrapped by pdfplumber or not, leaves as a catalogue error."""
    from pdfplumber.utils.exceptions import PdfminerException

    for exc in (raised, PdfminerException(raised)):

        def fail(*args: object, exc: BaseException = exc, **kwargs: object) -> None:
            raise exc

        monkeypatch.setattr(pdf_module.pdfplumber, "open", fail)
        with pytest.raises(PattiError) as caught:
            read_pdf(GOOD.read_bytes())
        assert caught.value.code == code
