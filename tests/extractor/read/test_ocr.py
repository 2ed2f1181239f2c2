"""OCR of scanned pages: Tesseract's TSV turned into layout words, scans told from text pages, and failures.

The pure parts (TSV parsing, noise, line edges, coordinates, render size) are tested with hand-made rows; the
real Tesseract reads scans rendered from corpus texts; stand-in commands play a Tesseract that is missing,
fails, hangs or talks nonsense.
"""

from __future__ import annotations

import io
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from rapidfuzz import fuzz
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import extractor.read.ocr as ocr
from extractor.errors import ErrorCode, PattiError
from extractor.read import read_bytes
from extractor.read.layout import Word
from extractor.read.pdf import read_pdf
from extractor.read.text import clean_markdown, normalise
from tests.fixtures.formats.make_scanned import (
    degrade,
    mixed_pdf_from_text,
    page_texts,
    rasterize,
    scanned_pdf_from_text,
    text_pdf_from_text,
)
from tests.fixtures.ocr import require_tesseract

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
HEADING = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
# OCR of a clean 200 dpi scan reads nearly every character; what it misses is punctuation and the odd letter.
MIN_SIMILARITY = 0.97


def row(level: int, line: int, word: int, left: int, top: int, width: int, height: int, conf: float, text: str) -> str:
    """One TSV row of page 1, block 1, paragraph 1."""
    return "\t".join(map(str, (level, 1, 1, 1, line, word, left, top, width, height, conf, text)))


def tsv(*rows: str) -> str:
    return "\n".join([HEADING, *rows]) + "\n"


def flat(text: str) -> str:
    return " ".join(text.split())


def corpus_text(stem: str) -> str:
    return (CORPUS / "dev" / f"{stem}.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the TSV


def test_words_come_back_in_order_with_their_line_edges() -> None:
    words = ocr.parse_tsv(
        tsv(
            row(4, 1, 0, 100, 200, 400, 40, -1, ""),
            row(5, 1, 1, 100, 200, 90, 30, 96.5, "Il"),
            row(5, 1, 2, 200, 210, 80, 20, 95.1, "Comune"),
            row(5, 1, 3, 290, 200, 70, 30, 93.0, "di"),
            row(5, 1, 4, 370, 202, 130, 36, 91.0, "Lecco"),
        )
    )
    assert [w.text for w in words] == ["Il", "Comune", "di", "Lecco"]
    # Every word of a line shares its top and baseline, whatever its own letters reach.
    assert {(w.line_top, w.baseline) for w in words} == {(200, 230)}


@pytest.mark.parametrize(
    ("text", "conf", "kept"),
    [
        ("|", 12.0, False),  # a rule or the edge of a picture
        ("~", 25.0, False),
        (".", 5.0, False),
        ("dell'art.", 0.0, True),  # a real word Tesseract doubts
        ("12", 10.0, True),  # two digits are never a speck
        ("a", 85.0, True),  # a short word read with confidence
        ("parola", -1.0, False),  # a negative confidence is not a word
    ],
)
def test_noise_is_dropped_and_doubted_words_kept(text: str, conf: float, kept: bool) -> None:
    words = ocr.parse_tsv(tsv(row(5, 1, 1, 10, 10, 40, 30, conf, text)))
    assert [w.text for w in words] == ([text] if kept else [])


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "not a tsv at all",
        HEADING,
        "5\t1\t1\t1\t1\t1\tx\ty\tw\th\tc\tparola",  # numbers that are not numbers
        "5\t1\t1\t1\t1\t1\t10\t10\t-5\t20\t90\tparola",  # negative width
        "5\t1\t1\t1\t1\t1\t10\t10\t5\t20\tnan\tparola",  # confidence not finite
        "5\t1\t1\t1\t1\t1\t10\t10\t5\t20\t90",  # a column missing
        "5\t1\t1\t1\t1\t1\t10\t10\t5\t20\t90\tparola\textra",  # a column too many
        "\x00\x01\x02" * 100,
    ],
)
def test_rows_that_are_not_words_are_skipped(garbage: str) -> None:
    assert ocr.parse_tsv(garbage + "\n" + row(5, 1, 1, 10, 10, 50, 30, 90, "resta")) == ocr.parse_tsv(
        tsv(row(5, 1, 1, 10, 10, 50, 30, 90, "resta"))
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["|", "servizi"], ["I", "servizi"]),  # opening the page: the capital
        (["Sono", "|", "servizi"], ["Sono", "i", "servizi"]),  # mid-sentence: the article
        (["fine.", "|", "servizi"], ["fine.", "I", "servizi"]),  # after a full stop: the capital again
        (["|", "Servizi"], ["|", "Servizi"]),  # before a capital it may be a real bar
        (["tra", "|"], ["tra", "|"]),  # at the end, nothing to tell it by
    ],
)
def test_a_bar_before_a_small_letter_is_the_article(before: list[str], after: list[str]) -> None:
    rows = [row(5, 1, n + 1, 10 + 60 * n, 10, 50, 30, 90, text) for n, text in enumerate(before)]
    assert [w.text for w in ocr.parse_tsv(tsv(*rows))] == after


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("segreteria@usInord.it", "segreteria@uslnord.it"),
        ("www.comune.viIIa.it", "www.comune.villa.it"),
        ("https://ambito.example.it/aIbo", "https://ambito.example.it/albo"),
        ("adminIl", "adminIl"),  # prose: a capital may start a word glued to the last one
        ("Info@ASL.it", "Info@ASL.it"),  # capitals between capitals are capitals
        ("ILLUMINAZIONE", "ILLUMINAZIONE"),
    ],
)
def test_capital_i_between_small_letters_of_an_address_is_an_l(read: str, meant: str) -> None:
    assert ocr.fix_word(read) == meant


def test_lines_of_one_size_get_one_height_and_headings_their_own() -> None:
    """Heights a pixel apart are one font size, so the layout keeps them in one paragraph; a heading is not."""
    words = ocr.parse_tsv(
        tsv(
            row(5, 1, 1, 10, 0, 300, 60, 95, "TITOLO"),
            row(5, 2, 1, 10, 100, 200, 40, 95, "Prima"),
            row(5, 3, 1, 10, 150, 200, 41, 95, "Seconda"),
            row(5, 4, 1, 10, 200, 200, 40, 95, "Terza"),
        )
    )
    heights = {w.text: w.baseline - w.line_top for w in words}
    assert heights["Prima"] == heights["Seconda"] == heights["Terza"]
    assert heights["TITOLO"] > heights["Prima"]


def test_a_line_without_ascenders_gets_the_usual_height() -> None:
    """'già oggi' has no letter reaching the ascender line: its top comes from the lines around it."""
    words = ocr.parse_tsv(
        tsv(
            row(5, 1, 1, 10, 100, 200, 40, 95, "Della"),
            row(5, 2, 1, 10, 160, 100, 30, 95, "già"),
            row(5, 2, 2, 120, 160, 100, 30, 95, "oggi"),
            row(5, 3, 1, 10, 220, 200, 40, 95, "Lecco"),
        )
    )
    heights = [w.baseline - w.line_top for w in words]
    assert len(set(heights)) == 1


def test_pixels_become_points() -> None:
    words = [ocr.TsvWord("Lecco", 300, 600, 150, 60, 90.0, 600, 650)]
    assert ocr.to_points(words, 300) == [Word("Lecco", 72.0, 108.0, 144.0, 156.0)]


@pytest.mark.parametrize(
    ("width", "height", "most_dpi"),
    [
        (595, 842, 300),  # A4
        (842, 1191, 300),  # A3: 17 Mpx at 300 dpi, under the cap
        (2384, 3370, 150),  # A0 poster: capped by pixels
        (14400, 14400, 100),  # the largest MediaBox PDF allows
        (14400, 10, 100),  # a ribbon: capped by its long side
        (0, 0, 300),  # a degenerate box
    ],
)
def test_large_pages_are_rendered_at_a_lower_dpi(width: float, height: float, most_dpi: float) -> None:
    dpi = ocr.render_dpi(width, height)
    assert 0 < dpi <= most_dpi
    pixels_wide, pixels_high = max(width, 1) * dpi / 72, max(height, 1) * dpi / 72
    assert pixels_wide * pixels_high <= ocr.MAX_PIXELS * 1.001
    assert max(pixels_wide, pixels_high) <= ocr.MAX_SIDE * 1.001


# ---------------------------------------------------------------- which pages are scans


def _page_pdf(text: str | None, image: bool) -> bytes:
    """One A4 page with ``text`` as a text layer and, when asked, a picture."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    if image:
        picture = Image.new("L", (400, 100), 255)
        picture.paste(0, (10, 40, 390, 60))
        pdf.drawImage(ImageReader(picture), 72, 600, 400, 100)
    if text:
        pdf.drawString(72, 500, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_command", lambda: None)


@pytest.mark.usefixtures("no_tesseract")
@pytest.mark.parametrize(
    ("text", "image", "scan"),
    [
        ("Il Comune di Lecco convoca il tavolo tematico sulla disabilità.", True, False),  # a logo beside text
        ("Prot. n. 1234", True, True),  # a scanner's stamp on a picture of the page
        ("", True, True),
        ("Prot. n. 1234", False, False),  # a short page without a picture is just short
    ],
)
def test_a_page_is_a_scan_when_it_shows_a_picture_and_almost_no_text(text: str, image: bool, scan: bool) -> None:
    try:
        document = read_pdf(_page_pdf(text, image))
    except PattiError as error:
        assert scan, error
        assert error.code == ErrorCode.OCR_UNAVAILABLE and "page 1" in error.detail
        return
    assert not scan and document.ocr_pages == ()


@pytest.mark.usefixtures("no_tesseract")
def test_without_tesseract_every_scanned_page_is_named() -> None:
    pdf = mixed_pdf_from_text(corpus_text("000_2733dd1fb8777219"))
    scans = [n for n, text in enumerate(page_texts(pdf), 1) if not text.strip()]
    assert scans, "the fixture should hold scanned pages"
    with pytest.raises(PattiError) as caught:
        read_bytes(pdf, "scansione.pdf")
    assert caught.value.code == ErrorCode.OCR_UNAVAILABLE
    assert caught.value.detail == ("page " if len(scans) == 1 else "pages ") + ", ".join(map(str, scans))
    assert "apt install tesseract-ocr tesseract-ocr-ita" in caught.value.message


@pytest.mark.parametrize(("count", "named"), [(1, "page 7"), (3, "pages 7, 8, 9"), (25, "and 5 more")])
def test_long_lists_of_pages_are_cut_short(count: int, named: str) -> None:
    from extractor.read.pdf import _page_list

    assert named in _page_list(list(range(7, 7 + count)))


# ---------------------------------------------------------------- a Tesseract that misbehaves


def _fake_tesseract(tmp_path: Path, body: str, langs: str = "eng\nita") -> Path:
    """A command that answers ``--list-langs`` with ``langs`` and otherwise runs the shell ``body``."""
    script = tmp_path / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--list-langs" ]; then printf "List of available languages (2):\\n{langs}\\n"; exit 0; fi\n'
        f"cat > /dev/null\n{body}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


Installer = Callable[..., None]


@pytest.fixture
def fake_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Installer]:
    """Install a stand-in Tesseract for one test; the real one is looked up again afterwards."""

    def install(body: str, langs: str = "eng\nita") -> None:
        monkeypatch.setenv("PATTI_TESSERACT", str(_fake_tesseract(tmp_path, body, langs)))
        ocr.tesseract_command.cache_clear()

    yield install
    ocr.tesseract_command.cache_clear()


def test_a_missing_command_is_no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATTI_TESSERACT", str(tmp_path / "assente"))
    ocr.tesseract_command.cache_clear()
    try:
        assert ocr.tesseract_command() is None
    finally:
        ocr.tesseract_command.cache_clear()


def test_a_tesseract_without_italian_is_no_tesseract(fake_tesseract: Installer) -> None:
    fake_tesseract("exit 0", langs="eng\nosd")
    assert ocr.tesseract_command() is None
    with pytest.raises(PattiError) as caught:
        read_pdf(_page_pdf(None, image=True))
    assert caught.value.code == ErrorCode.OCR_UNAVAILABLE


@pytest.mark.parametrize(
    ("body", "code", "said"),
    [
        ('echo "Error in pixReadStream" >&2; exit 1', ErrorCode.OCR_FAILED, "Error in pixReadStream"),
        ("exit 139", ErrorCode.OCR_FAILED, "exited with 139"),
        ("sleep 30", ErrorCode.OCR_FAILED, "took more than"),
    ],
)
def test_a_failing_tesseract_fails_the_document_with_its_words(
    fake_tesseract: Installer, monkeypatch: pytest.MonkeyPatch, body: str, code: ErrorCode, said: str
) -> None:
    fake_tesseract(body)
    monkeypatch.setattr(ocr, "TIMEOUT_SECONDS", 1)
    with pytest.raises(PattiError) as caught:
        read_pdf(_page_pdf(None, image=True))
    assert caught.value.code == code and said in caught.value.detail and "page 1" in caught.value.detail


@pytest.mark.parametrize(
    "body",
    [
        'printf "not a tsv\\n\\x00\\x01"',  # nonsense
        "true",  # nothing at all
        f"printf '{HEADING}\\n'",  # a heading and no words: a blank scan
    ],
)
def test_a_tesseract_that_reads_nothing_leaves_a_document_without_text(fake_tesseract: Installer, body: str) -> None:
    fake_tesseract(body)
    with pytest.raises(PattiError) as caught:
        read_pdf(_page_pdf(None, image=True))
    assert caught.value.code == ErrorCode.NO_TEXT_LAYER and "OCR found no words on page 1" in caught.value.detail


def test_the_words_of_tesseract_go_through_the_layout(fake_tesseract: Installer) -> None:
    rows = [
        row(5, 1, 1, 300, 300, 120, 40, 95, "Il"),
        row(5, 1, 2, 440, 300, 300, 40, 95, "Comune"),
        row(5, 2, 1, 300, 350, 200, 40, 95, "di"),
        row(5, 2, 2, 520, 350, 300, 40, 95, "Lecco."),
    ]
    fake_tesseract("printf '" + tsv(*rows).replace("\t", "\\t").replace("\n", "\\n") + "'")
    document = read_pdf(_page_pdf("Prot. 12", image=True))
    assert document.text == "Il Comune di Lecco." and document.ocr_pages == (1,)


# ---------------------------------------------------------------- confidence


def _tsv_word(text: str, confidence: float) -> ocr.TsvWord:
    return ocr.TsvWord(text, 0, 0, 10, 10, confidence, 0, 10)


@pytest.mark.parametrize(
    ("words", "confidence"),
    [
        ([("Comune", 90.0), ("di", 80.0)], 87.5),  # weighed by letters: (6*90 + 2*80) / 8
        ([("Comune", 95.0), (".", 0.0)], 95.0),  # a speck weighs nothing
        ([("Lecco", 150.0), ("aa", -1.0)], 71.4),  # out-of-range confidences clamped to 0-100
        ([], 0.0),
    ],
)
def test_page_confidence(words: list[tuple[str, float]], confidence: float) -> None:
    assert ocr.page_confidence([_tsv_word(t, c) for t, c in words]) == confidence


# ---------------------------------------------------------------- leaning pages


@pytest.fixture(scope="module")
def level_page() -> Image.Image:
    return rasterize(text_pdf_from_text(corpus_text("dev_04")), 150)[0]


@pytest.mark.parametrize("lean", [0.0, 0.6, -1.3, 2.5, -3.7, 4.8])
def test_the_lean_of_a_page_is_measured(level_page: Image.Image, lean: float) -> None:
    scan = degrade(level_page, angle=lean, noise=10, jpeg=60)
    assert ocr.skew_angle(scan) == pytest.approx(-lean, abs=0.15)


def test_a_level_page_is_left_as_it_is_and_a_leaning_one_turned(level_page: Image.Image) -> None:
    assert ocr.deskew(level_page) is level_page
    turned = ocr.deskew(degrade(level_page, angle=3.0))
    assert abs(ocr.skew_angle(turned)) <= 0.15


def test_a_blank_or_tiny_page_has_no_lean() -> None:
    assert ocr.skew_angle(Image.new("L", (400, 600), 255)) == 0.0
    assert ocr.skew_angle(Image.new("L", (1, 1), 0)) == 0.0


# ---------------------------------------------------------------- the real Tesseract


@pytest.mark.parametrize("stem", ["dev_04", "003_8fd55254de6a5357"])
def test_a_scan_reads_as_its_source(stem: str) -> None:
    require_tesseract()
    document = read_bytes(scanned_pdf_from_text(corpus_text(stem)), f"{stem}.pdf")
    expected = normalise(clean_markdown(corpus_text(stem)))
    assert document.ocr_pages == tuple(range(1, (document.page_count or 0) + 1))
    assert len(document.ocr_confidence) == len(document.ocr_pages)
    assert all(confidence >= 80 for confidence in document.ocr_confidence), document.ocr_confidence
    assert fuzz.ratio(flat(expected), flat(document.text)) / 100 >= MIN_SIMILARITY


def test_only_pages_without_text_are_read_by_ocr_and_pages_keep_their_offsets() -> None:
    require_tesseract()
    text = corpus_text("000_2733dd1fb8777219")
    pdf = mixed_pdf_from_text(text)
    layers = page_texts(pdf)
    document = read_bytes(pdf, "misto.pdf")
    assert document.ocr_pages == tuple(n for n, layer in enumerate(layers, 1) if not layer.strip())
    assert len(document.page_starts) == len(layers)
    # Each page's text starts where the document says, scanned or typeset.
    ends = [*document.page_starts[1:], len(document.text)]
    for number, (start, end) in enumerate(zip(document.page_starts, ends, strict=True), 1):
        page = document.text[start:end]
        assert page.strip(), f"page {number} is empty"
        assert document.page_of(start) == number
        if number not in document.ocr_pages:
            assert flat(page)[:40] in flat(layers[number - 1]) or flat(layers[number - 1])[:40] in flat(page)
    assert fuzz.ratio(flat(normalise(clean_markdown(text))), flat(document.text)) / 100 >= MIN_SIMILARITY


def test_a_poor_scan_reads_with_less_confidence() -> None:
    require_tesseract()
    text = corpus_text("dev_04")
    clean = read_bytes(scanned_pdf_from_text(text, dpi=300), "pulita.pdf")
    poor = read_bytes(scanned_pdf_from_text(text, dpi=150, noise=45, jpeg=15), "sporca.pdf")
    assert min(clean.ocr_confidence) > max(poor.ocr_confidence)
