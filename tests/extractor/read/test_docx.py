"""The DOCX reader: structure in reading order, notes, headers and footers after the body, hostile files refused.

Every file is built at test time by ``tests/fixtures/formats/make_docx.py``; no binary is committed.
"""

from __future__ import annotations

import random
import re
import signal
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pytest

from extractor.errors import ErrorCode, PattiError
from extractor.read import docx as docx_module
from extractor.read.docx import is_docx, read_docx
from tests.fixtures.formats import make_docx as mk
from tests.fixtures.formats.make_docx import package, para, part, run, table

CORPUS_TEXTS = sorted(mk.CORPUS.glob("*.txt"))
# Refusing a hostile file must stay far below the cost of what it claims to hold (32-64 MB expanded).
SECONDS = 10
PEAK_BYTES = 16 * mk.MIB

TAB = "<w:r><w:tab/></w:r>"
BR = "<w:r><w:br/></w:r>"


def lvl(ilvl: int, fmt: str, text: str, font: str = "") -> str:
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs></w:pPr>{fonts}</w:lvl>'
    )


PRIVATE_USE_BULLET = "\uf0b7"
NUMBERING = part(
    "w:numbering",
    # Word's default bullets: a Symbol-font private-use glyph, then an "o" in Courier New.
    f'<w:abstractNum w:abstractNumId="10">{lvl(0, "bullet", PRIVATE_USE_BULLET, "Symbol")}'
    f"{lvl(1, 'bullet', 'o', 'Courier New')}</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="20">{lvl(0, "decimal", "%1.")}{lvl(1, "lowerLetter", "%2)")}'
    f"{lvl(2, 'lowerRoman', '%3.')}</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="30">{lvl(0, "upperRoman", "%1.")}{lvl(1, "decimal", "%1.%2")}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="20"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>',
)
STYLES = part(
    "w:styles",
    '<w:style w:type="paragraph" w:styleId="Elenco"><w:name w:val="List Number"/>'
    '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Elenco2"><w:basedOn w:val="Elenco"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>',
)


def item(text: str, num: int, level: int = 0) -> str:
    return para(run(text), properties=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')


def styled(text: str, style: str) -> str:
    return para(run(text), properties=f'<w:pStyle w:val="{style}"/>')


def field(instruction: str, result: str) -> str:
    """A complex field: begin, instruction, separator, result, end, over five runs."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def text_box(*paragraphs: str) -> str:
    """A text box as Word writes it: a DrawingML shape, and the same content again as a VML fallback."""
    content = f"<w:txbxContent>{''.join(paragraphs)}</w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def cell(*paragraphs: str, properties: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{properties}</w:tcPr>' if properties else ''}{''.join(paragraphs)}</w:tc>"


def notes(kind: str, *texts: str) -> str:
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    )
    bodies = "".join(f'<w:{kind} w:id="{i}">{para(run(text))}</w:{kind}>' for i, text in enumerate(texts, 1))
    return part(f"w:{kind}s", separators + bodies)


CASES = [
    pytest.param(
        para(run("Il Comune di "), run("Lecco"), run(" indice un avviso pubblico."))
        + para()
        + para(run("Le domande vanno presentate entro il 15 marzo 2024."))
        + para(run("   "))
        + para(run("Informazioni presso l'Ufficio di Piano.")),
        {},
        "Il Comune di Lecco indice un avviso pubblico.\n\n"
        "Le domande vanno presentate entro il 15 marzo 2024.\n\n"
        "Informazioni presso l'Ufficio di Piano.",
        id="paragraphs-in-order-runs-joined",
    ),
    pytest.param(
        para(
            run("Sede:"),
            TAB,
            run("Via Roma 12"),
            BR,
            run("23900 Lecco"),
            "<w:r><w:cr/></w:r>",
            run("tel. 0341 481111"),
            properties='<w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs>',
        ),
        {},
        "Sede: Via Roma 12\n23900 Lecco\ntel. 0341 481111",
        id="tabs-and-line-breaks",
    ),
    pytest.param(
        para(run("Servizi attivati:"))
        + item("Assistenza domiciliare", 1)
        + item("anziani soli", 1, 1)
        + item("Trasporto sociale", 1)
        + para(run("Il servizio è gratuito.")),
        {"extra": {"word/numbering.xml": NUMBERING}},
        "Servizi attivati:\n\n"
        "- Assistenza domiciliare\n  - anziani soli\n- Trasporto sociale\n\n"
        "Il servizio è gratuito.",
        id="bulleted-list",
    ),
    pytest.param(
        item("Premessa", 2)
        + item("Oggetto", 2)
        + item("durata", 2, 1)
        + item("importo", 2, 1)
        + item("massimale", 2, 2)
        + item("Firma", 2)
        + item("Allegati", 3)
        + item("Area minori", 4)
        + item("Affido", 4, 1),
        {"extra": {"word/numbering.xml": NUMBERING}},
        "1. Premessa\n2. Oggetto\n  a) durata\n  b) importo\n    i. massimale\n3. Firma\n"
        "4. Allegati\n"  # a list instance restarting at 4 (startOverride) on its own counters
        "I. Area minori\n  I.1 Affido",
        id="numbered-list-levels-restart-and-multilevel",
    ),
    pytest.param(
        styled("Finalità", "Elenco") + styled("Destinatari", "Elenco") + styled("giovani", "Elenco2"),
        {"extra": {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES}},
        "1. Finalità\n2. Destinatari\n  a) giovani",
        id="numbering-from-paragraph-style",
    ),
    pytest.param(
        table([["Ente", "PEC"], ["Comune di Lecco", "comune@pec.comune.lecco.it"]])
        + "<w:tbl><w:tr>"
        + cell(para(run("Ambito")), para(run("di Lecco")))
        + cell(para(), properties="<w:vMerge/>")
        + cell(para(run("capofila")), properties='<w:gridSpan w:val="2"/>')
        + "</w:tr></w:tbl>"
        + para(run("Dopo la tabella.")),
        {},
        "Ente | PEC\nComune di Lecco | comune@pec.comune.lecco.it\n\nAmbito di Lecco | capofila\n\nDopo la tabella.",
        id="tables-rows-per-line-merged-cells-dropped",
    ),
    pytest.param(
        "<w:tbl><w:tr>"
        + cell(para(run("Referenti")))
        + cell(table([["Rossi", "0341 1"], ["Bianchi", "0341 2"]]), para(run("(orari d'ufficio)")))
        + "</w:tr></w:tbl>",
        {},
        "Referenti | Rossi | 0341 1; Bianchi | 0341 2 (orari d'ufficio)",
        id="nested-table-flattened-into-its-cell",
    ),
    pytest.param(
        para(run("Avviso per la coprogettazione.")) + para(run("Scadenza: 30 aprile 2024.")),
        {
            "header": para(run("Comune di Lecco")) + para(run("Ufficio di Piano")),
            "footer": para(run("PEC: comune@pec.comune.lecco.it – Pagina "), field("PAGE", "1")),
            "extra": {"word/header2.xml": part("w:hdr", para(run("Comune di Lecco")))},
        },
        "Avviso per la coprogettazione.\n\nScadenza: 30 aprile 2024.\n\n"
        "Comune di Lecco\nUfficio di Piano\nPEC: comune@pec.comune.lecco.it – Pagina 1",
        id="header-footer-after-body-once",
    ),
    pytest.param(
        para(
            run("Il contributo è di "),
            "<w:del><w:r><w:delText>500</w:delText></w:r></w:del>",
            "<w:ins><w:r><w:t>700</w:t></w:r></w:ins>",
            run(" euro."),
        )
        + para("<w:moveFrom><w:r><w:t>Spostato via.</w:t></w:r></w:moveFrom>")
        + "<w:tbl>"
        + '<w:tr><w:trPr><w:del w:id="9" w:author="x"/></w:trPr>'
        + cell(para(run("Riga cancellata")))
        + "</w:tr>"
        + "<w:tr>"
        + cell(para(run("Riga tenuta")))
        + "</w:tr>"
        + "</w:tbl>"
        + para("<w:moveTo><w:r><w:t>Spostato qui.</w:t></w:r></w:moveTo>"),
        {},
        "Il contributo è di 700 euro.\n\nRiga tenuta\n\nSpostato qui.",
        id="tracked-changes-deleted-excluded-inserted-kept",
    ),
    pytest.param(
        para(
            run("Lecco, "),
            field('DATE \\@ "d MMMM yyyy"', "15 marzo 2024"),
            run(" – pagine: "),
            '<w:fldSimple w:instr=" NUMPAGES ">' + run("3") + "</w:fldSimple>",
            run(" – "),
            # A field whose instruction holds another field: nothing of the instruction shows.
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>',
            field("MERGEFIELD Sesso", "F"),
            '<w:r><w:instrText> = "F" "Gentile" "Egregio"</w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("Gentile"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ),
        {},
        "Lecco, 15 marzo 2024 – pagine: 3 – Gentile",
        id="fields-show-results-not-instructions",
    ),
    pytest.param(
        para(run("Avviso"), text_box(para(run("Scadenza: 30 aprile 2024")), para(run("ore 12"))))
        + para(run("Testo dopo il riquadro."))
        + para(
            "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
            + para(run("Riquadro VML"))
            + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        ),
        {},
        "Avviso\n\nScadenza: 30 aprile 2024\n\nore 12\n\nTesto dopo il riquadro.\n\nRiquadro VML",
        id="text-boxes-once",
    ),
    pytest.param(
        para(run("Società cooperativa «Il Girasole» – perché 1° € 1.500,00"))
        + para(
            run("Co\u200bmune socio"),
            "<w:r><w:noBreakHyphen/></w:r>",
            run("sanitario\u00a0e inter"),
            "<w:r><w:softHyphen/></w:r>",
            run("comunale"),
            '<w:r><w:sym w:font="Wingdings" w:char="F0E0"/></w:r>',
            run(" – ǅ ﬁ 𝔸"),
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t> testo nascosto</w:t></w:r>",
            '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t> visibile</w:t></w:r>',
        ),
        {},
        "Società cooperativa «Il Girasole» – perché 1° € 1.500,00\n\n"
        "Comune socio-sanitario e intercomunale – ǅ ﬁ 𝔸 visibile",
        id="unicode-invisibles-and-hidden-text-dropped-hyphens",
    ),
    pytest.param(
        para(run("Ai sensi della legge quadro"), '<w:r><w:footnoteReference w:id="1"/></w:r>', run("."))
        + para(run("Si veda la delibera"), '<w:r><w:endnoteReference w:id="1"/></w:r>', run(".")),
        {
            "extra": {
                "word/footnotes.xml": notes("footnote", "Legge 8 novembre 2000, n. 328."),
                "word/endnotes.xml": notes("endnote", "Delibera n. 12/2024."),
            },
            "footer": para(run("Comune di Lecco")),
        },
        "Ai sensi della legge quadro.\n\nSi veda la delibera.\n\nLegge 8 novembre 2000, n. 328.\n\n"
        "Delibera n. 12/2024.\n\nComune di Lecco",
        id="footnotes-and-endnotes-after-body-before-furniture",
    ),
    pytest.param(
        '<w:sdt><w:sdtPr><w:alias w:val="Ente"/></w:sdtPr><w:sdtContent>'
        + para(run("Ambito territoriale di Lecco"))
        + "</w:sdtContent></w:sdt>"
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + para(run("Fare clic qui per immettere testo."))
        + "</w:sdtContent></w:sdt>"
        + para(run("Referente: "), "<w:sdt><w:sdtContent>" + run("dott.ssa Anna Rossi") + "</w:sdtContent></w:sdt>"),
        {},
        "Ambito territoriale di Lecco\n\nReferente: dott.ssa Anna Rossi",
        id="content-controls-without-placeholders",
    ),
    pytest.param(
        "",
        {
            "document": '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
            "<w:p><w:r><w:t>Strict OOXML</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Bergamo</w:t></w:r></w:p>"
            "</w:body></w:document>"
        },
        "Strict OOXML Bergamo",
        id="strict-namespace",
    ),
]


@pytest.mark.parametrize(("body", "options", "expected"), CASES)
def test_reads_structure(body: str, options: dict, expected: str) -> None:
    document = read_docx(package(body, **options))
    assert document.text == expected
    assert document.format == "docx"
    assert document.page_starts == ()
    assert document.page_count is None


def test_body_with_only_images_or_blanks_is_empty() -> None:
    body = para() + para(run("  \u200b ")) + para("<w:r><w:drawing><wp:inline/></w:drawing></w:r>")
    with pytest.raises(PattiError) as caught:
        read_docx(package(body))
    assert caught.value.code is ErrorCode.EMPTY


# ---------------------------------------------------------------- hostile files


class Overtime(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` on the way can map it to a code."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Overtime(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


HOSTILE_CODES = {
    "ratio_bomb": ErrorCode.ARCHIVE_BOMB,
    "document_bomb": ErrorCode.ARCHIVE_BOMB,
    "many_entries": ErrorCode.ARCHIVE_BOMB,
    "count_lies": ErrorCode.ARCHIVE_BOMB,
    "declared_huge": ErrorCode.ARCHIVE_BOMB,
    "directory_huge": ErrorCode.ARCHIVE_BOMB,
    "lying_size": ErrorCode.ARCHIVE_BOMB,
    "billion_laughs": ErrorCode.DOCX_INVALID,
    "external_entity": ErrorCode.DOCX_INVALID,
    "doctype_in_header": ErrorCode.DOCX_INVALID,
    "missing_document": ErrorCode.DOCX_INVALID,
    "truncated": ErrorCode.DOCX_INVALID,
    "not_a_zip": ErrorCode.DOCX_INVALID,
    "invalid_xml": ErrorCode.DOCX_INVALID,
    "encrypted_entry": ErrorCode.DOCX_INVALID,
    "unknown_method": ErrorCode.DOCX_INVALID,
    "deep_nesting": ErrorCode.DOCX_INVALID,
}


def test_every_hostile_builder_has_an_expected_code() -> None:
    assert set(HOSTILE_CODES) == set(mk.HOSTILE)


@pytest.mark.parametrize("name", sorted(HOSTILE_CODES))
def test_hostile_files_refused_quickly_in_bounded_memory(name: str) -> None:
    data = mk.HOSTILE[name]()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with time_limit(SECONDS), pytest.raises(PattiError) as caught:
            read_docx(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code is HOSTILE_CODES[name], caught.value.message
    assert time.perf_counter() - started < SECONDS
    assert peak < PEAK_BYTES, f"{peak / mk.MIB:.1f} MiB"


def test_lying_size_is_named_as_a_lie() -> None:
    with pytest.raises(PattiError) as caught:
        read_docx(mk.hostile_lying_size(4 * mk.MIB))
    assert "beyond its declared" in caught.value.message


def test_element_count_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit (3 million) takes seconds to reach; the count is what is tested.
    monkeypatch.setattr(docx_module, "MAX_ELEMENTS", 500)
    with pytest.raises(PattiError) as caught:
        read_docx(package(para(run("Comune di Lecco")) * 200))
    assert caught.value.code is ErrorCode.DOCX_INVALID
    assert "XML elements" in caught.value.message


def test_mangled_files_raise_only_catalogue_errors() -> None:
    original = mk.docx_from_text(
        "Comune di Lecco\n\n- primo punto\n- secondo punto\n\nEnte | PEC\nComune | a@pec.it", mk.HEADER, mk.FOOTER
    )
    rng = random.Random(20240315)
    for _ in range(300):
        data = bytearray(original)
        if rng.random() < 0.2:
            del data[rng.randrange(len(data)) :]
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_docx(bytes(data))
        except PattiError as exc:
            assert exc.code in (ErrorCode.DOCX_INVALID, ErrorCode.ARCHIVE_BOMB, ErrorCode.EMPTY), exc.message


# ---------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(mk.docx_from_text("Avviso pubblico."), True, id="docx"),
        pytest.param(mk.hostile_many_entries(), True, id="bomb-still-sniffed-so-the-reader-names-it"),
        pytest.param(mk.hostile_missing_document(), False, id="zip-without-document"),
        pytest.param(mk.hostile_truncated(), False, id="truncated"),
        pytest.param(mk.hostile_not_a_zip(), False, id="zip-magic-only"),
        pytest.param(b"", False, id="empty"),
        pytest.param(b"%PDF-1.7\n", False, id="pdf"),
        pytest.param(b"Il file word/document.xml non c'e'.", False, id="text-naming-the-part"),
    ],
)
def test_is_docx(data: bytes, expected: bool) -> None:
    assert is_docx(data) is expected


# ---------------------------------------------------------------- corpus round trip


def words(text: str) -> list[str]:
    # "|" between table cells is the one token the reader adds (counted apart below); list markers come back from
    # numbering.xml exactly as the text wrote them.
    return [word for word in text.split() if word != "|"]


@pytest.mark.parametrize("path", CORPUS_TEXTS, ids=[path.stem for path in CORPUS_TEXTS])
def test_corpus_round_trip_keeps_every_word_in_order(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = mk.docx_from_text(text, mk.HEADER, mk.FOOTER)
    document = read_docx(data)
    assert words(document.text) == words(text) + words(mk.HEADER) + words(mk.FOOTER)
    assert document.text.endswith(f"\n\n{mk.HEADER}\n{mk.FOOTER}")
    # The structure is real: list markers come from numbering, not from the runs' text, and there is a table.
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    items = sum(1 for line in text.splitlines() if re.match(r"\s*(?:[-•]|[a-z]\)|\d{1,3}\.)\s+\S", line))
    assert xml.count("<w:numPr>") == items
    assert "<w:tbl>" in xml
    # Exactly one "|" per boundary between the table's cells is added, and any "|" of the text is kept.
    separators = sum(row.count("<w:tc>") - 1 for row in xml.split("<w:tr>")[1:])
    assert separators > 0
    assert document.text.split().count("|") == text.split().count("|") + separators


def test_generator_writes_every_corpus_text(tmp_path: Path) -> None:
    assert mk.main([str(tmp_path)]) == 0
    written = {path.stem for path in tmp_path.glob("*.docx")}
    assert {path.stem for path in CORPUS_TEXTS} <= written
