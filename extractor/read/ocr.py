"""OCR of scanned PDF pages: Tesseract in Italian, run as a command, its words handed back as layout ``Word`` boxes.

``pdf`` sends here only the pages without a usable text layer. Each is rendered by pdfium in greyscale, piped
as PNG to ``tesseract stdin stdout -l ita --psm 3 tsv``, and the words of the TSV come back in PDF points, so
the layout repair of text pages (columns, running headers, hyphenation) applies to them unchanged.

``PATTI_TESSERACT`` names the Tesseract command (default: ``tesseract`` on ``PATH``). Whether it runs and
reads Italian is checked once per process by ``tesseract_command`` (cached: tests monkeypatch it, or set the
variable and call ``tesseract_command.cache_clear()``).
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from statistics import median_low
from types import TracebackType

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from extractor.errors import ErrorCode, PattiError
from extractor.read.layout import Word

LANGUAGE = "ita"
# Tesseract is trained on text about 30 px high: 10-12 pt body text at 300 dpi.
DPI = 300
# A4 at 300 dpi is 8.7 Mpx, A3 17.4 Mpx; a larger page (a poster, a hostile MediaBox) is rendered at a lower
# dpi so that its greyscale bitmap stays under about 25 MB, and no side exceeds what Leptonica accepts.
MAX_PIXELS = 25_000_000
MAX_SIDE = 20_000
# Fully automatic page segmentation: finds columns and blocks; orientation detection (psm 1) needs the
# separate ``osd`` model and scanned office documents are upright.
PAGE_SEGMENTATION = 3
# One page takes 1-3 s on one core; a page still running after this is pathological.
TIMEOUT_SECONDS = 120
# Tesseract's confidence (0-100) under which a word needs two letters or digits to be kept: specks, rules
# and the edges of pictures come out as "|", "~" or "." at low confidence, but so do real words Tesseract
# doubts, such as elisions ("dell'art." at 0).
NOISE_CONFIDENCE = 30
# Line heights of one font size differ by a pixel or two; a heading is 10-30 % taller than the body.
SIZE_JITTER = 0.06
_CHECK_SECONDS = 30
_WORD_LEVEL, _LINE_LEVEL = 5, 4
_ALNUM = re.compile(r"[^\W_]")
# Words whose ink lies between the baseline and the ascenders, descenders and commas aside.
_PLAIN = re.compile(r"[A-Za-z0-9.,;:!?%-]*[A-Za-z0-9][A-Za-z0-9.,;:!?%-]*")
_ASCENDING = re.compile(r"[A-Zbdfhklt0-9]")  # up to the ascender line
_DESCENDING = re.compile(r"[gjpqyQJ,;]")  # below the baseline
# In sans-serif type "I" and "l" are the same stroke.
_ADDRESS = re.compile(r"@|://|www\.|[a-z]\.[a-z]{2,}", re.IGNORECASE)
_LOWER = "a-zàáèéìíòóùú"
_I_FOR_L = re.compile(f"(?<=[{_LOWER}])I+(?=[{_LOWER}])")
_COLUMNS = 12  # level page_num block_num par_num line_num word_num left top width height conf text
# Scanned pages lean by up to a few degrees; Tesseract loses lines that lean by more than about one.
MAX_SKEW = 5.0
# The lean is measured on a copy this wide, first in coarse steps, then finely around the best.
_SKEW_WIDTH = 800
_SKEW_COARSE, _SKEW_FINE = 0.5, 0.1
# Below this the page is left as it is: turning it costs more than the lean.
_SKEW_IGNORED = 0.2


@cache
def tesseract_command() -> str | None:
    """The Tesseract executable, if it runs and has the Italian model; None otherwise. Checked once."""
    command = shutil.which(os.environ.get("PATTI_TESSERACT") or "tesseract")
    if command is None:
        return None
    try:
        done = subprocess.run(
            [command, "--list-langs"], capture_output=True, timeout=_CHECK_SECONDS, check=False, env=_environment()
        )
    except (OSError, subprocess.SubprocessError):
        return None
    # Old versions list the languages on stderr; the first line is a heading.
    listed = (done.stdout + done.stderr).decode("utf-8", "replace").split()
    return command if done.returncode == 0 and LANGUAGE in listed else None


def _environment() -> dict[str, str]:
    # Tesseract's OpenMP threads make one page several times slower on a small or busy machine, and
    # workers already run one document per core.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True, slots=True)
class TsvWord:
    """A word of Tesseract's TSV, in pixels: its own box, and the top and baseline of its line."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    line_top: int
    baseline: int


def parse_tsv(tsv: str, noise_confidence: float = NOISE_CONFIDENCE) -> list[TsvWord]:
    """The words of a Tesseract TSV, without noise, each with its line's top and baseline; bad rows are skipped.

    A word's own box follows its letters (``a`` is lower than ``Al``, ``-`` floats mid-line); the layout
    groups rows and compares font sizes by the edges of lines, as the text layer gives them.
    """
    boxes: dict[tuple[str, ...], tuple[int, int]] = {}
    lines: dict[tuple[str, ...], list[TsvWord]] = {}
    for row in tsv.splitlines():
        fields = row.split("\t")
        if len(fields) != _COLUMNS:
            continue
        try:
            level = int(fields[0])
            left, top, width, height = (int(value) for value in fields[6:10])
            confidence = float(fields[10])
        except ValueError:  # the heading, or garbage
            continue
        if width < 0 or height < 0 or not math.isfinite(confidence):
            continue
        line = tuple(fields[1:5])  # page, block, paragraph, line
        text = fix_word(fields[11].strip())
        if level == _LINE_LEVEL:
            boxes[line] = (top, top + height)
        elif level == _WORD_LEVEL and text and _kept(text, confidence, noise_confidence):
            lines.setdefault(line, []).append(TsvWord(text, left, top, width, height, confidence, top, top + height))
    edges = {line: _line_edges(found) for line, found in lines.items()}
    measured = [bottom - top for top, bottom in edges.values() if top is not None and bottom is not None]
    heights = _steady_heights(measured)
    # A line with no plain word reaching the ascenders ("già oggi"), or none resting on the baseline
    # ("quanto proponiamo,"), gets the height most lines have.
    usual = median_low([heights[height] for height in measured]) if measured else None
    words: list[TsvWord] = []
    for line, found in lines.items():
        top, baseline = _fill_edges(*edges[line], boxes.get(line) or _box(found), heights, usual)
        words += [replace(w, line_top=top, baseline=baseline) for w in found]
    return _articles(words)


def _line_edges(words: list[TsvWord]) -> tuple[int | None, int | None]:
    """Where a line's ascenders end and its baseline runs, in pixels; None where no word says.

    Medians over plain words: accents, brackets and quotes rise above the ascenders, descenders and commas
    fall below the baseline, and Tesseract gives a small word a tall box now and then.
    """
    plain = [w for w in words if _PLAIN.fullmatch(w.text)]
    tops = [w.top for w in plain if _ASCENDING.search(w.text)]
    bottoms = [w.top + w.height for w in plain if not _DESCENDING.search(w.text)]
    return (median_low(tops) if tops else None), (median_low(bottoms) if bottoms else None)


def _fill_edges(
    top: int | None, baseline: int | None, box: tuple[int, int], heights: dict[int, int], usual: int | None
) -> tuple[int, int]:
    """A line's top and baseline: measured ones at their steady height, missing ones from the usual height."""
    if top is not None and baseline is not None:
        return baseline - heights[baseline - top], baseline
    if usual is None:
        return box
    if baseline is not None:
        return baseline - usual, baseline
    top = box[0] if top is None else top
    return top, top + usual


def _box(words: list[TsvWord]) -> tuple[int, int]:
    return min(w.top for w in words), max(w.top + w.height for w in words)


def _steady_heights(heights: list[int]) -> dict[int, int]:
    """Each line height mapped to the median of the heights within ``SIZE_JITTER`` above the smallest of its kind.

    Lines of one font size measure a pixel or two apart; the layout reads a change of size as a new paragraph.
    """
    steady: dict[int, int] = {}
    group: list[int] = []
    for height in [*sorted(set(heights)), math.inf]:
        if group and height > group[0] * (1 + SIZE_JITTER):
            steady |= dict.fromkeys(group, median_low(group))
            group = []
        if height != math.inf:
            group.append(int(height))
    return steady


def _articles(words: list[TsvWord]) -> list[TsvWord]:
    """``|`` before a word in small letters is the article ``i``, read as a rule; ``I`` opening a sentence."""
    fixed = list(words)
    for n, word in enumerate(words):
        if word.text == "|" and n + 1 < len(words) and words[n + 1].text[:1].islower():
            opening = n == 0 or words[n - 1].text.endswith((".", ":", ";", "!", "?"))
            fixed[n] = replace(word, text="I" if opening else "i")
    return fixed


def _kept(text: str, confidence: float, noise_confidence: float) -> bool:
    """False for noise: a negative confidence (no word), or a low one on fewer than two letters or digits."""
    return confidence >= noise_confidence or (confidence >= 0 and len(_ALNUM.findall(text)) >= 2)


def fix_word(text: str) -> str:
    """An address with Tesseract's usual confusion undone: ``I`` between small letters is ``l`` (``viIIa``).

    Only addresses, which are written in small letters: in prose the capital may start a word glued to the
    previous one (``adminIl``), and Tesseract's Italian dictionary gets ``il`` and ``l'`` right.
    """
    return _I_FOR_L.sub(lambda run: "l" * len(run.group()), text) if _ADDRESS.search(text) else text


def to_points(words: Iterable[TsvWord], dpi: float) -> list[Word]:
    """Pixel boxes of a page rendered at ``dpi`` as layout words in PDF points (1/72 inch), top-left origin."""
    scale = 72 / dpi
    return [
        Word(w.text, w.left * scale, (w.left + w.width) * scale, w.line_top * scale, w.baseline * scale) for w in words
    ]


def render_dpi(width: float, height: float, dpi: float = DPI) -> float:
    """``dpi``, or less for a page of ``width`` × ``height`` points too large to render at it."""
    width, height = max(width, 1.0), max(height, 1.0)
    dpi = min(dpi, MAX_SIDE * 72 / max(width, height))
    return min(dpi, math.sqrt(MAX_PIXELS / (width * height)) * 72)


def run_tesseract(image: bytes, dpi: float, page: int) -> str:
    """Tesseract's TSV for a PNG; ``PattiError`` when it is missing, fails or runs out of time."""
    command = tesseract_command()
    if command is None:
        raise PattiError(ErrorCode.OCR_UNAVAILABLE, f"page {page}")
    args = [command, "stdin", "stdout", "-l", LANGUAGE, "--psm", str(PAGE_SEGMENTATION)]
    args += ["--dpi", str(round(dpi)), "tsv"]
    try:
        done = subprocess.run(
            args, input=image, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, env=_environment()
        )
    except subprocess.TimeoutExpired:
        raise PattiError(ErrorCode.OCR_FAILED, f"OCR of page {page} took more than {TIMEOUT_SECONDS} s") from None
    except OSError as exc:
        raise PattiError(ErrorCode.OCR_UNAVAILABLE, f"page {page}: {exc}") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f"tesseract exited with {done.returncode} on page {page}: {said[-1] if said else 'no message'}"
        raise PattiError(ErrorCode.OCR_FAILED, detail[:300])
    return done.stdout.decode("utf-8", "replace")


def skew_angle(image: Image.Image) -> float:
    """The angle in degrees (counter-clockwise) that puts a greyscale page's text lines level.

    Projection profile: the rows of a level page alternate between ink and paper, so the sum of squared
    differences between neighbouring rows' ink peaks when the lines run straight across.
    """
    scale = min(1.0, _SKEW_WIDTH / max(1, image.width))
    small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    # Ink as 255 on black paper, so the corners a turn adds are paper.
    ink = small.point(lambda v: 255 if v < 128 else 0)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=float).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    def best(angles: Iterable[float]) -> float:
        return max(angles, key=lambda a: (sharpness(a), -abs(a)))

    coarse = best(_steps(-MAX_SKEW, MAX_SKEW, _SKEW_COARSE))
    return best(_steps(coarse - _SKEW_COARSE, coarse + _SKEW_COARSE, _SKEW_FINE))


def _steps(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [round(low + i * step, 3) for i in range(count + 1)]


def deskew(image: Image.Image) -> Image.Image:
    """The page turned level (``skew_angle``), or as it is when it leans by less than ``_SKEW_IGNORED``."""
    angle = skew_angle(image)
    if abs(angle) < _SKEW_IGNORED:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """A page read by OCR: its words in PDF points and Tesseract's confidence in them (0-100)."""

    words: list[Word]
    confidence: float


def page_confidence(words: Iterable[TsvWord]) -> float:
    """Tesseract's mean confidence (0-100) over a page's words, each weighing by its letters and digits.

    Long words carry most of the text; a speck read as "." at confidence 0 should not sink a clean page.
    A page with no words has confidence 0.
    """
    total = weight = 0.0
    for word in words:
        letters = len(_ALNUM.findall(word.text))
        total += letters * min(100.0, max(0.0, word.confidence))
        weight += letters
    return round(total / weight, 1) if weight else 0.0


class Scanner:
    """OCR for the pages of one PDF; pdfium opens the file at the first page asked for, not before."""

    def __init__(self, source: Path | bytes) -> None:
        self.source = source
        self._pdf: pdfium.PdfDocument | None = None

    def __enter__(self) -> Scanner:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def read(self, number: int) -> ScannedPage:
        """The words of 1-based page ``number``, read by OCR, and how sure Tesseract was of them."""
        image, dpi = self.render(number)
        words = parse_tsv(run_tesseract(image, dpi, number))
        return ScannedPage(to_points(words, dpi), page_confidence(words))

    def render(self, number: int) -> tuple[bytes, float]:
        """Page ``number`` as a greyscale PNG, and the dpi it was rendered at."""
        try:
            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(self.source)
            if number > len(self._pdf):
                raise PattiError(ErrorCode.PDF_INVALID, f"page {number} cannot be rendered: pdfium sees fewer pages")
            page = self._pdf[number - 1]
            try:
                dpi = render_dpi(*page.get_size())
                image = deskew(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise PattiError(ErrorCode.PDF_INVALID, f"page {number} cannot be rendered for OCR: {exc}") from exc
        png = io.BytesIO()
        # Fast compression: the PNG only crosses a pipe.
        image.save(png, format="PNG", compress_level=1, dpi=(dpi, dpi))
        return png.getvalue(), dpi
