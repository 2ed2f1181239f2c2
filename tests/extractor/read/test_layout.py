"""Layout repair on hand-made word boxes: columns, running headers, hyphens, paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.read import layout
from extractor.read.layout import (
    Vocabulary,
    Word,
    clean_word,
    find_gutter,
    group_rows,
    is_page_number,
    join_hyphenated,
    page_lines,
    pages_text,
    running_rows,
)

CHAR = 5.0  # width of one character in the hand-made boxes
SIZE = 10.0
LEADING = 12.0

Spec = tuple[str, float, float] | tuple[str, float, float, float]


def words_of(text: str, x: float = 50.0, top: float = 100.0, size: float = SIZE) -> list[Word]:
    """A line of words laid out from ``x``, one character ``CHAR`` wide, spaces included."""
    words, pos = [], x
    for token in text.split(" "):
        width = CHAR * len(token) * size / SIZE
        words.append(Word(token, pos, pos + width, top, top + size))
        pos += width + CHAR * size / SIZE
    return words


def page(*specs: Spec) -> list[Word]:
    """Words of lines given as ``(text, x, top[, size])``."""
    return [w for spec in specs for w in words_of(*spec)]


def column(lines: list[str], x: float = 50.0, top: float = 100.0) -> list[Spec]:
    """Lines stacked at the usual leading."""
    return [(text, x, top + i * LEADING) for i, text in enumerate(lines)]


def read(*pages: list[Word]) -> list[str]:
    """Page texts for pages of words."""
    return pages_text([page_lines(words) for words in pages])


LEFT = [
    "Il Piano di zona definisce le priorità",
    "degli interventi sociali del territorio",
    "e stabilisce le modalità di accesso ai",
    "servizi per le famiglie e per gli anziani",
    "con il concorso del terzo settore e dei",
    "sindacati che hanno firmato il protocollo",
    "di intesa con i Comuni dell'Ambito.",
]
RIGHT = [
    "Le parti si impegnano a incontrarsi due",
    "volte l'anno per monitorare lo stato di",
    "attuazione del protocollo di intesa e per",
    "definire, laddove fosse necessario, nuovi",
    "temi da mettere al centro del confronto",
    "tra le organizzazioni e l'Assemblea dei",
    "Sindaci del Distretto sociosanitario.",
]
RIGHT_X = 300.0  # left column ends by 255, right starts at 300


def two_columns(left: list[str], right: list[str], top: float = 100.0) -> list[Spec]:
    return column(left, 50.0, top) + column(right, RIGHT_X, top)


# ---------------------------------------------------------------- gutters


@pytest.mark.parametrize(
    ("specs", "gutter"),
    [
        pytest.param(two_columns(LEFT, RIGHT), (255, 300), id="two-columns"),
        pytest.param(
            [
                ("Atto di intesa tra le parti firmatarie del protocollo sul welfare", 80.0, 70.0),
                *two_columns(LEFT, RIGHT),
            ],
            (255, 300),
            id="title-across-both",
        ),
        pytest.param(two_columns(LEFT, RIGHT[:1]), (255, 300), id="right-column-one-line-at-top"),
        pytest.param(
            two_columns([line if i % 2 else line[:12] for i, line in enumerate(LEFT)], RIGHT),
            (255, 300),
            id="left-column-of-many-short-lines",
        ),
        pytest.param(column(LEFT + RIGHT), None, id="one-column"),
        pytest.param(
            [(s[0], s[1], s[2]) for s in column([line + " " + line for line in LEFT])],
            None,
            id="one-wide-column",
        ),
        pytest.param(
            column(["Telefono", "Posta", "Sede", "Orari", "Referente"])
            + column(["0332 123456", "info@comune.it", "via Roma 1", "9-12", "M. Rossi"], RIGHT_X),
            None,
            id="form-of-short-labels",
        ),
        pytest.param(column(LEFT[:2]) + column(RIGHT[:2], RIGHT_X), None, id="too-few-rows"),
    ],
)
def test_find_gutter(specs: list[Spec], gutter: tuple[float, float] | None) -> None:
    found = find_gutter(group_rows(page(*specs)))
    if gutter is None:
        assert found is None
    else:
        assert found is not None
        assert gutter[0] - 1 <= found[0] < found[1] <= gutter[1] + 1


@pytest.mark.parametrize(
    ("specs", "order"),
    [
        pytest.param(two_columns(LEFT, RIGHT), LEFT + RIGHT, id="left-then-right"),
        pytest.param(
            [
                ("Atto di intesa tra le parti firmatarie del protocollo sul welfare", 80.0, 70.0),
                *two_columns(LEFT, RIGHT),
            ],
            ["Atto di intesa tra le parti firmatarie del protocollo sul welfare", *LEFT, *RIGHT],
            id="title-first",
        ),
        pytest.param(
            [
                *two_columns(LEFT[:4], RIGHT[:4]),
                ("Una nota che attraversa entrambe le colonne della pagina intera", 50.0, 160.0),
                *two_columns(LEFT[4:], RIGHT[4:], top=184.0),
            ],
            [
                *LEFT[:4],
                *RIGHT[:4],
                "Una nota che attraversa entrambe le colonne della pagina intera",
                *LEFT[4:],
                *RIGHT[4:],
            ],
            id="bands-split-by-a-full-width-line",
        ),
        pytest.param(
            column([s[:19] for s in LEFT], 50.0)
            + column([s[:19] for s in RIGHT], 160.0)
            + column([s[:19] for s in LEFT[::-1]], 270.0),
            [s[:19] for s in LEFT] + [s[:19] for s in RIGHT] + [s[:19] for s in LEFT[::-1]],
            id="three-columns",
        ),
    ],
)
def test_reading_order(specs: list[Spec], order: list[str]) -> None:
    assert [line.text for line in page_lines(page(*specs)).lines] == [s.strip() for s in order]


def test_rows_keep_baselines_apart() -> None:
    rows = group_rows(page(("prima riga", 50, 100), ("seconda riga", 50, 112), ("a destra", 300, 100.4)))
    assert [[w.text for w in row] for row in rows] == [["prima", "riga", "a", "destra"], ["seconda", "riga"]]


# ---------------------------------------------------------------- headers and footers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", True),
        ("- 3 -", True),
        ("– 12 –", True),
        ("Pagina 3 di 7", True),
        ("pagina 3", True),
        ("3/7", True),
        ("3 / 7", True),
        ("pag. 3", True),
        ("Pag.3", True),
        ("p. 14", True),
        ("3 maggio", False),
        ("Art. 3", False),
        ("1.", False),
        ("2017", False),
        ("Ambito 3", False),
    ],
)
def test_is_page_number(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


BODIES = [
    ["Il testo della prima pagina comincia con", "le sue righe e arriva al fondo del foglio."],
    ["La seconda pagina riprende il discorso e", "lo porta avanti senza fretta alcuna."],
    ["Sulla terza pagina si parla dei tavoli e", "delle aree di lavoro del nuovo Piano."],
    ["La quarta pagina chiude il documento con", "le firme delle parti e la data."],
]


def _pages(headers: list[str | None], footers: list[str | None]) -> list[list[Word]]:
    pages = []
    for body, header, footer in zip(BODIES, headers, footers, strict=False):
        specs: list[Spec] = column(body, top=100.0)
        if header is not None:
            specs.insert(0, (header, 50.0, 40.0))
        if footer is not None:
            specs.append((footer, 150.0, 700.0))
        pages.append(page(*specs))
    return pages


@pytest.mark.parametrize(
    ("headers", "footers", "dropped"),
    [
        pytest.param(
            ["Ambito territoriale — documento di programmazione"] * 3,
            ["Pagina 1 di 3", "Pagina 2 di 3", "Pagina 3 di 3"],
            ["Ambito territoriale", "Pagina"],
            id="same-header-and-page-x-of-y",
        ),
        pytest.param(
            ["Relazione sociale 2017 1", "Relazione sociale 2017 2"],
            ["- 1 -", "- 2 -"],
            ["Relazione sociale", "- 1 -", "- 2 -"],
            id="header-with-page-number-two-pages",
        ),
        pytest.param(
            [None, "Piano di zona 2021-2023", "Piano di zona 2021-2023", "Piano di zona 2021-2023"],
            ["1", "2", "3", "4"],
            ["Piano di zona"],
            id="header-from-page-two-and-bare-numbers",
        ),
    ],
)
def test_running_headers_and_page_numbers_dropped(
    headers: list[str | None], footers: list[str | None], dropped: list[str]
) -> None:
    texts = read(*_pages(headers, footers))
    joined = "\n".join(texts)
    for text in dropped:
        assert text not in joined
    assert texts == [" ".join(body) for body in BODIES[: len(texts)]]


def test_numbered_headings_at_page_tops_are_kept() -> None:
    """Headings "Articolo 2" and "Articolo 5" opening two pages: the number does not follow the page."""
    texts = read(*_pages(["Articolo 2", "Articolo 5"], [None, None]))
    assert texts[0].startswith("Articolo 2")
    assert texts[1].startswith("Articolo 5")


def test_running_rows_need_two_pages() -> None:
    pages = [page_lines(words) for words in _pages(["Ambito territoriale"], [None])]
    assert running_rows(pages) == [set()]


# ---------------------------------------------------------------- hyphenation


@pytest.mark.parametrize(
    ("head", "tail", "vocabulary", "expected"),
    [
        ("pro-", "grammazione", Vocabulary(), "programmazione"),
        ("pro-", "grammazione,", Vocabulary(), "programmazione,"),
        ("dell’or-", "ganizzazione", Vocabulary(), "dell’organizzazione"),
        ("co-", "progettazione", Vocabulary(pairs=frozenset({"co-progettazione"})), "co-progettazione"),
        ("co-", "programmazione", Vocabulary(prefixes=frozenset({"co"})), "co-programmazione"),
        (
            "co-",
            "programmazione",
            Vocabulary(prefixes=frozenset({"co"}), words=frozenset({"coprogrammazione"})),
            "coprogrammazione",
        ),
        ("PARTECI-", "PAZIONE", Vocabulary(words=frozenset({"partecipazione"})), "PARTECIPAZIONE"),
        ("SI-", "STEMA", Vocabulary(), "SISTEMA"),
        ("(2014-", "2016)", Vocabulary(), "(2014-2016)"),
        ("Emilia-", "Romagna", Vocabulary(), "Emilia-Romagna"),
        ("pro\u00ad", "grammazione", Vocabulary(pairs=frozenset({"pro-grammazione"})), "programmazione"),
        ("https://www.comune.it/bandi-", "e-avvisi", Vocabulary(), "https://www.comune.it/bandi-e-avvisi"),
    ],
)
def test_join_hyphenated(head: str, tail: str, vocabulary: Vocabulary, expected: str) -> None:
    assert join_hyphenated(head, tail, vocabulary) == expected


def test_vocabulary_skips_line_end_fragments() -> None:
    lines = page_lines(page(*column(["la co-progettazione del Piano di pro-", "grammazione sociale e socio-"]))).lines
    vocabulary = Vocabulary.of(lines)
    assert "co-progettazione" in vocabulary.pairs
    assert "co" in vocabulary.prefixes
    assert "programmazione" not in vocabulary.words
    assert not any(pair.startswith(("pro-", "socio-")) for pair in vocabulary.pairs)


# ---------------------------------------------------------------- paragraphs

WRAPPED = [
    "Il presente avviso intende permettere la",  # 40 characters: lines end near x = 250
    "massima adesione e partecipazione di tutta",
    "la rete locale dei soggetti di terzo e di",
    "quarto settore del distretto.",
]


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        pytest.param(column(WRAPPED), " ".join(WRAPPED), id="wrapped-lines-joined"),
        pytest.param(
            column(WRAPPED) + column(WRAPPED, top=100 + 4 * LEADING + 8),
            " ".join(WRAPPED) + "\n\n" + " ".join(WRAPPED),
            id="gap-separates-paragraphs",
        ),
        pytest.param(
            column(["Premessa", *WRAPPED]),
            "Premessa\n" + " ".join(WRAPPED),
            id="short-heading-keeps-its-line",
        ),
        pytest.param(
            [("Atto di intesa", 50.0, 80.0, 14.0), *column(WRAPPED)],
            "Atto di intesa\n\n" + " ".join(WRAPPED),
            id="bigger-font-heading",
        ),
        pytest.param(
            column(
                [
                    "Saranno promossi i seguenti tavoli d'area:",
                    "- Area Promozione del benessere familiare;",
                    "- Area Contrasto alla povertà e sostegno;",
                    "- Area Promozione delle autonomie.",
                ]
            ),
            "Saranno promossi i seguenti tavoli d'area:\n"
            "- Area Promozione del benessere familiare;\n"
            "- Area Contrasto alla povertà e sostegno;\n"
            "- Area Promozione delle autonomie.",
            id="list-items-keep-their-lines",
        ),
        pytest.param(
            [
                ("1. La definizione di interventi e di", 50.0, 100.0),
                ("politiche in grado di dare risposta", 65.0, 112.0),
                ("alla popolazione che non accede al", 65.0, 124.0),
                ("reddito di cittadinanza.", 65.0, 136.0),
                ("2. La definizione di interventi in tema", 50.0, 148.0),
                ("di formazione e inserimento lavorativo.", 65.0, 160.0),
                ("Tutto ciò premesso, le parti concordano.", 50.0, 172.0),
            ],
            "1. La definizione di interventi e di politiche in grado di dare risposta alla popolazione "
            "che non accede al reddito di cittadinanza.\n"
            "2. La definizione di interventi in tema di formazione e inserimento lavorativo.\n"
            "Tutto ciò premesso, le parti concordano.",
            id="hanging-indent-items",
        ),
        pytest.param(
            column(["In attuazione della Legge 19.6.1999 la", "n. 229 e della Legge quadro n. 328/2000."]),
            "In attuazione della Legge 19.6.1999 la n. 229 e della Legge quadro n. 328/2000.",
            id="n-dot-is-no-list-marker",
        ),
        pytest.param(
            column(["Il documento riguarda la nuova pro-", "grammazione sociale del territorio."]),
            "Il documento riguarda la nuova programmazione sociale del territorio.",
            id="hyphen-at-line-end",
        ),
        pytest.param(
            column(
                [
                    "la co-progettazione del Piano e la co-",
                    "progettazione degli interventi locali.",
                ]
            ),
            "la co-progettazione del Piano e la co-progettazione degli interventi locali.",
            id="compound-seen-elsewhere-keeps-hyphen",
        ),
        pytest.param(
            column(
                [
                    "Le domande vanno inviate a comune.cernu",
                    "sco@pec.regione.lombardia.it entro il 9.",
                ]
            ),
            "Le domande vanno inviate a comune.cernusco@pec.regione.lombardia.it entro il 9.",
            id="address-cut-at-the-edge",
        ),
        pytest.param(
            column(["Sono attivi nuovi tavoli per ciascuna area di", "https://www.youtube.com/watch?v=Mbl"]),
            "Sono attivi nuovi tavoli per ciascuna area di https://www.youtube.com/watch?v=Mbl",
            id="address-starting-on-a-new-line",
        ),
        pytest.param(
            column(
                [
                    "Per informazioni si veda la pagina del",
                    "Comune dedicata al welfare locale:",
                    "https://www.comune.monza.it/welfare/piano",
                ]
            )
            + column(["persone che si trovano in difficoltà", "economica e chiedono un sostegno."], top=146.0),
            "Per informazioni si veda la pagina del Comune dedicata al welfare locale: "
            "https://www.comune.monza.it/welfare/piano\n\n"
            "persone che si trovano in difficoltà economica e chiedono un sostegno.",
            id="address-before-a-paragraph-gap",
        ),
        pytest.param(
            [
                ("Monza, 24 novembre 2016.", 115.0, 100.0),
                ("Il testo del comunicato stampa inizia qui e segue", 50.0, 112.0),
                ("su più righe di testo fino alla fine del periodo.", 50.0, 124.0),
            ],
            "Monza, 24 novembre 2016.\n"
            "Il testo del comunicato stampa inizia qui e segue su più righe di testo fino alla fine del periodo.",
            id="centred-line",
        ),
    ],
)
def test_paragraphs(specs: list[Spec], expected: str) -> None:
    assert read(page(*specs)) == [expected]


def test_columns_read_as_one_flow() -> None:
    """A paragraph running from the left column's foot to the right column's head stays whole."""
    text = read(page(*two_columns(LEFT, RIGHT)))[0]
    assert "\n" not in text.replace("dell'Ambito.\n", "dell'Ambito. ")
    assert text.startswith(LEFT[0]) and text.endswith(RIGHT[-1])


def test_hyphen_across_pages_completes_the_earlier_page() -> None:
    first = page(*column(["Il documento riguarda la nuova", "programmazione del welfare e la pro-"]))
    second = page(*column(["grammazione delle risorse regionali e", "comunali per il triennio."]))
    texts = read(first, second)
    assert texts[0].endswith("la programmazione")
    assert texts[1].startswith("delle risorse")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ufﬁcio", "ufficio"),
        ("ﬂusso", "flusso"),
        ("(cid:127)", ""),
        ("pro(cid:3)getto", "progetto"),
        ("città", "città"),
    ],
)
def test_clean_word(raw: str, expected: str) -> None:
    assert clean_word(raw) == expected


def test_unmapped_glyphs_dropped() -> None:
    words = page(("(cid:127) Osservatorio Anziani", 50.0, 100.0))
    assert read(words) == ["Osservatorio Anziani"]


def test_blank_pages_give_empty_text() -> None:
    assert read([], page(("testo", 50.0, 100.0))) == ["", "testo"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 120), st.integers(0, 50), st.integers(1, 14), st.sampled_from([8.0, 10.0, 14.0])),
        max_size=120,
    )
)
def test_no_word_lost_or_repeated(boxes: list[tuple[int, int, int, float]]) -> None:
    """Whatever the boxes, every word comes out exactly once."""
    words = [
        Word(f"w{i}", x * CHAR, (x + n) * CHAR, row * LEADING, row * LEADING + size)
        for i, (x, row, n, size) in enumerate(boxes)
    ]
    assert sorted(w for line in page_lines(words).lines for w in line.words) == sorted(w.text for w in words)
    assert sorted(" ".join(read(words)).split()) == sorted(w.text for w in words)


@pytest.mark.parametrize(
    ("ends", "edge"),
    [
        # Justified: most lines end at 300; two over-long addresses run to 340.
        ([300.0, 300.2, 299.9, 300.1, 340.0, 340.3, 300.0, 250.0], 300.2),
        # Ragged: no common end; the largest end reached twice.
        ([280.0, 301.0, 262.0, 300.0, 240.0], 301.0),
        # One protruding line never sets the edge.
        ([290.0, 289.5, 330.0], 290.0),
    ],
)
def test_column_edge(ends: list[float], edge: float) -> None:
    assert layout._edge(ends) == edge
