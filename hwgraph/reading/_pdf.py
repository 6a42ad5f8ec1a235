"""PDF: the text layer, laid out again from character positions (pypdfium2).

Why pypdfium2 and not pdfplumber (measured on this machine, 11 PDFs printed by headless Chromium
from the sample corpus and six 2026 government reports, 135 A4 pages of Noto CJK text; "lines"
are the original lines found, whitespace aside, in the text as read, page breaks included):

    reader                          ms/page   CJK chars kept   lines   stderr
    pdfplumber 0.11                   72.4        0.8817        0.095   a FontBBox warning per run
    pypdfium2 5.15, its own text       4.5        1.0000        0.825   nothing
    pypdfium2 boxes + our layout      22.4        1.0000        0.825   nothing (0.812 equal as lines)

pdfplumber (pdfminer) follows the ToUnicode map Chromium writes, which names Kangxi radicals
(⽣ ⼯ ⻚ for 生 工 页): 12 % of the hanzi came out as look-alikes, so few lines matched. pdfium
falls back to the embedded font's own cmap. Its text follows the content stream, though
(Chromium's running header and footer came *after* the page body) and breaks every visual line,
so lines are rebuilt here from the character boxes: characters on one baseline form a line, lines
read top to bottom, and a line that runs to the right edge of the text block continues into the
next unless that one is indented, set in another size, or further away than the usual line pitch
(the layout wrapped it; the author did not break it). Read this way and cleaned, the outline of
each of 30 Chromium-printed reports and summaries equals that of its plain text (F1 1.000,
tests/test_reading_wrap.py).

Pages are joined by ``"\\n\\f"``: each page after the first starts with a form feed, so later
stages know page boundaries (cleaning removes the running headers and footers around them).
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hwgraph.errors import DecodeError

# pdfminer (if another package loads it) prints "Could not get FontBBox" once per glyph run.
for _name in ("pdfminer", "pdfplumber", "pypdfium2"):
    logging.getLogger(_name).setLevel(logging.ERROR)

PAGE_BREAK = "\n\f"
_FIX_OCR = "OCR it (e.g. ocrmypdf) or export the text from the program that made it"

# CJK Radicals Supplement -> the unified ideograph each stands for (Unicode's
# EquivalentUnifiedIdeograph.txt). Kangxi radicals (U+2F00-U+2FDF) and compatibility ideographs
# (U+F900-U+FAFF) need no table: NFKC maps each of them to one ideograph.
_RADICALS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕\U0002b739⺖忄⺗心⺘扌"
    "⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓"
    "⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝"
    "⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)


def _unify_table() -> dict[int, str]:
    table = {ord(_RADICALS[i]): _RADICALS[i + 1] for i in range(0, len(_RADICALS), 2)}
    for cp in (*range(0x2F00, 0x2FE0), *range(0xF900, 0xFB00)):
        nf = unicodedata.normalize("NFKC", chr(cp))
        if len(nf) == 1 and nf != chr(cp):
            table[cp] = nf
    return table


_UNIFY = _unify_table()


def unify_cjk(text: str) -> str:
    """Map radical and compatibility look-alikes (⽣ ⻚ 﨑) to the ideograph they stand for.

    One character to one character, so lengths and offsets do not change.
    """
    return text.translate(_UNIFY)


_Char = tuple[str, float, float, float, float, float]  # (char, left, bottom, right, top, baseline)


@dataclass
class _Line:
    chars: list[_Char]
    top: float
    bottom: float

    @property
    def left(self) -> float:
        return self.chars[0][1]

    @property
    def right(self) -> float:
        return self.chars[-1][3]

    @functools.cached_property
    def size(self) -> float:
        heights = sorted(c[4] - c[2] for c in self.chars)
        return heights[len(heights) // 2]

    @functools.cached_property
    def baseline(self) -> float:
        ys = sorted(c[5] for c in self.chars)
        return ys[len(ys) // 2]


def read_pdf(data: bytes, path: str | Path) -> str:
    """The text of a PDF's text layer, page by page, joined by :data:`PAGE_BREAK`."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise DecodeError(
                path, "is encrypted (password-protected)", "open it with its password and save an unprotected copy"
            ) from e
        raise DecodeError(path, "is not a readable PDF", "re-export it as PDF or save it as text") from e
    pages: list[tuple[float, list[_Line]]] = []
    mapped = unmapped = 0
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                chars, bad = _page_chars(page)
                pages.append((round(page.get_width()), _lines(chars)))
            finally:
                page.close()
            mapped += sum(1 for c in chars if c[0] != " ")
            unmapped += bad
    finally:
        doc.close()
    if unmapped > max(20, 0.2 * (mapped + unmapped)):
        raise DecodeError(path, "has no usable text layer (cid codes without a ToUnicode map)", _FIX_OCR)
    blocks = {width: _text_block([ln for w, lines in pages if w == width for ln in lines]) for width, _ in pages}
    text = PAGE_BREAK.join(_page_text(lines, blocks[width]) for width, lines in pages)
    if not text.strip():
        raise DecodeError(path, "has no text layer (a scanned PDF?)", _FIX_OCR)
    return unify_cjk(text)


def _page_chars(page: object) -> tuple[list[_Char], int]:
    """The positioned characters of one page, and how many had no Unicode mapping."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    chars: list[_Char] = []
    bad = 0
    try:
        tp = textpage.raw
        rect = raw.FS_RECTF()
        x, y = raw.c_double(), raw.c_double()
        for i in range(raw.FPDFText_CountChars(tp)):
            if raw.FPDFText_IsGenerated(tp, i):
                continue  # pdfium's own guesses at spaces and line ends: lines are rebuilt below
            if raw.FPDFText_HasUnicodeMapError(tp, i):
                bad += 1
                continue
            cp = raw.FPDFText_GetUnicode(tp, i)
            if cp < 0x20 or 0x7F <= cp < 0xA0 or cp in (0xFFFE, 0xFFFF) or cp > 0x10FFFF:
                continue
            angle = raw.FPDFText_GetCharAngle(tp, i)
            if angle > 0.05 and abs(angle - 2 * math.pi) > 0.05:
                continue  # rotated text: watermarks (内部资料) and stamps, not the running text
            raw.FPDFText_GetLooseCharBox(tp, i, rect)  # the advance box: a comma is as wide as a hanzi
            raw.FPDFText_GetCharOrigin(tp, i, x, y)
            chars.append((chr(cp), rect.left, rect.bottom, rect.right, rect.top, y.value))
    finally:
        textpage.close()
    return chars, bad


def _lines(chars: list[_Char]) -> list[_Line]:
    """Characters grouped by baseline band, lines top to bottom, characters left to right."""
    glyphs = [c for c in chars if c[4] > c[2]]
    lines: list[_Line] = []
    for ch in sorted(glyphs, key=lambda c: -(c[2] + c[4]) / 2):
        mid = (ch[2] + ch[4]) / 2
        line = lines[-1] if lines else None
        tol = 0.1 * (ch[4] - ch[2])
        if line is not None and line.bottom - tol <= mid <= line.top + tol:
            line.chars.append(ch)
            line.top = max(line.top, ch[4])
            line.bottom = min(line.bottom, ch[2])
        else:
            lines.append(_Line([ch], ch[4], ch[2]))
    for line in lines:
        line.chars.sort(key=lambda c: c[1])
        while line.chars and line.chars[-1][0] == " ":
            line.chars.pop()
        while line.chars and line.chars[0][0] == " ":
            line.chars.pop(0)
    return [line for line in lines if line.chars]


@dataclass(frozen=True)
class _Block:
    em: float  # the body text size
    left: float  # where lines of the running text start
    right: float  # the right edge that wrapped lines reach
    pitch: float  # the usual distance from one baseline to the next inside a paragraph


def _text_block(lines: list[_Line]) -> _Block:
    """The geometry of the running text of pages of one width, from its body-size lines.

    The right edge is the furthest one that three lines of eight characters or more reach (within
    half an em): running headers, footers and page numbers are set smaller or are short, and
    lines of a table of contents end short of it. The pitch is the commonest baseline distance.
    """
    sizes = sorted(c[4] - c[2] for ln in lines for c in ln.chars)
    em = max(sizes[len(sizes) // 2], 1.0) if sizes else 10.0
    body = [ln for ln in lines if abs(ln.size - em) <= 0.2 * em]
    full = [ln for ln in body if len(ln.chars) >= 8] or body or lines
    if not full:
        return _Block(em, 0.0, 0.0, 1.5 * em)
    rights = sorted((ln.right for ln in full), reverse=True)
    right = next((r for r in rights if sum(1 for x in rights if abs(x - r) <= 0.5 * em) >= 3), rights[0])
    lefts = sorted(ln.left for ln in full)
    steps = sorted(
        round(a.baseline - b.baseline, 1)
        for a, b in itertools.pairwise(body)
        if 0 < a.baseline - b.baseline < 3 * em
    )
    pitch = max(steps, key=lambda d: (sum(1 for x in steps if abs(x - d) <= 0.05 * em), -d)) if steps else 1.5 * em
    return _Block(em, lefts[len(lefts) // 4], right, pitch)


def _page_text(lines: list[_Line], block: _Block) -> str:
    """The lines of a page as text, each line the layout wrapped joined to the one before."""
    out: list[str] = []
    prev: _Line | None = None
    for line in lines:
        text = _line_text(line)
        if prev is not None and out and _continues(prev, out[-1], line, text, block):
            last = out[-1]
            latin = last[-1:].isascii() and last[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum()
            out[-1] = last + (" " if latin else "") + text
        else:
            out.append(text)
        prev = line
    return "\n".join(out)


def _line_text(line: _Line) -> str:
    """Characters of a line in reading order; a visible gap becomes one space."""
    em = line.size
    parts: list[str] = []
    prev = None
    for ch in line.chars:
        if ch[0] == " ":  # a space the PDF itself holds
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        if prev is not None and parts[-1] != " ":
            wide = not (prev[0].isascii() and ch[0].isascii())
            if ch[1] - prev[3] > (0.9 if wide else 0.3) * em:
                parts.append(" ")
        parts.append(ch[0])
        prev = ch
    return "".join(parts).strip()


_SENTENCE_END = frozenset("。！？；：!?;:")
_MARKER = re.compile(
    r"第[一二三四五六七八九十百]+[章节篇部条]|[一二三四五六七八九十]+[、是要]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、)）]|[①-⑳]"
)


_OPENING = frozenset("（(《〈「『【〔[")
_CLOSING = frozenset("）)》〉」』】〕]，。、；：？！,.;:?!%")
_QUOTES = frozenset("“”‘’\"'")  # Unicode line breaking allows no break on either side of these


def _first_word_width(line: _Line) -> float:
    """Width of what cannot be split at the start of a line: a hanzi with the quotes or brackets
    that hold on to it, or a run of Latin letters and digits (all of 施“1269”行)."""
    chars = line.chars
    j = 0
    while j + 1 < len(chars):
        here, nxt = chars[j][0], chars[j + 1][0]
        latin = nxt.isascii() and nxt.isalnum() and (here in _OPENING or (here.isascii() and here.isalnum()))
        if latin or here in _OPENING or nxt in _CLOSING or here in _QUOTES or nxt in _QUOTES:
            j += 1
        else:
            break
    return chars[j][3] - chars[0][1]


def _continues(prev: _Line, prev_text: str, line: _Line, text: str, block: _Block) -> bool:
    """Did the layout wrap ``prev`` into ``line`` (one paragraph), or did the author break it?"""
    em = prev.size
    if not prev_text or not text or abs(line.size - em) > 0.2 * em or abs(em - block.em) > 0.2 * block.em:
        return False
    if prev.baseline - line.baseline > block.pitch + 0.2 * em:  # paragraph spacing or a blank line
        return False
    if line.left > block.left + 0.8 * em:  # indented: a new paragraph (or centred: a title)
        return False
    if prev.left > block.left + 3 * em and prev.right < block.right - 3 * em:
        return False  # a centred line (a title) ends where it ends
    short = block.right - prev.right
    room = _first_word_width(line)  # what the previous line lacked room for
    if prev_text[-1] in _SENTENCE_END:
        # a sentence that ends at the margin goes on, unless a numbered heading starts the next line
        return short < room + 0.3 * em and not _MARKER.match(text)
    # a character that may not start a line (，。、）) pulls the one before it down with it
    return short < room + 1.3 * em
