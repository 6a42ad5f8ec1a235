"""Word's automatic numbering: the label ("一、", "（一）", "1.", "①") Word draws before a paragraph.

The label is not in the paragraph's text. ``word/numbering.xml`` holds abstract definitions
(``w:abstractNum``: per level a start, a number format, a level text such as ``%1、``, ``（%2）`` or
``%1.%2``) and instances (``w:num``) that use one and may override a level or its start. A paragraph
names an instance and a level in its ``w:pPr/w:numPr`` or inherits them from its style (along
``w:basedOn``, each property on its own); a level that names the style (``w:pStyle``) beats the
style's own level; ``numId`` 0 switches numbering off.

Counting follows Word: counters belong to the abstract definition, so instances sharing one continue
one sequence; an instance with a ``startOverride`` restarts those levels the first time it is used; a
level restarts when a shallower one is used, or only after the level ``w:lvlRestart`` names (0:
never); a shallower level not used yet shows its start; ``w:isLgl`` shows every level in decimal.

Formats: decimal, zero-padded, full-width and enclosed (①, ⑴, ⒈ up to 20, as Word draws them), Roman,
letters, ordinal, Chicago, Chinese counting (一 … 十 十一 … 二十 二十一, and the thousand system with
百/千/零), Taiwanese and Japanese counting, ideographic digits (一〇), financial numerals (壹贰叁,
壹貳參), 甲乙丙, 子丑寅, 甲子 乙丑, ㊀; any other format, or a value a format cannot show, is written
in decimal so the number stays right. Bullets get no label: the glyph is usually a private-use
character of a symbol font, and a bullet is no outline number.

The suffix after the label becomes a space (``w:suff="space"``) or nothing (``"nothing"``); the
default tab becomes nothing after punctuation (``一、``, ``（一）``, ``1.``, ``①``) and a space after a
letter or digit, so ``第一章`` and ``1.1`` stay apart from the title.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_VAL = f"{{{_W}}}val"
_FALSE = frozenset({"0", "false", "off"})
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
# a label ending in a letter or digit (第一章, 1.1) keeps a space before the title; 一、 or ① needs none
_WORDLIKE = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl"})


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@lru_cache(maxsize=64)
def _tags(path: str) -> tuple[str, ...]:
    return tuple(_w(step) for step in path.split("/"))


def _find(el: object | None, path: str) -> object | None:
    """The first element at ``path`` (``w:`` steps joined by ``/``) below ``el``; ``iterchildren``
    is C all the way, where ``find`` parses its path in Python (twice as slow per paragraph)."""
    for tag in _tags(path):
        if el is None:
            return None
        el = next(el.iterchildren(tag), None)  # type: ignore[attr-defined]
    return el


def _val(el: object | None, path: str) -> str | None:
    """The ``w:val`` of the element at ``path`` below ``el``."""
    found = _find(el, path)
    return None if found is None else found.get(_VAL)  # type: ignore[attr-defined]


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.strip().lstrip("-").isdecimal() else None


def _on(el: object, path: str) -> bool:
    """Whether the toggle at ``path`` is present and not switched off."""
    found = _find(el, path)
    return found is not None and (found.get(_VAL) or "1").lower() not in _FALSE


# ---- number formats --------------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千", zero: str = "零",
              bare_ten: bool = True, bare_units: bool = False) -> str:
    """``n`` (1–9999) in a counting system with units: 二十一, 一百零一; 壹拾; 百一 (Japanese)."""
    out: list[str] = []
    gap = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            gap = bool(out)
            continue
        if gap and zero:
            out.append(zero)
        gap = False
        unit = units[power - 1] if power else ""
        # 十一 not 一十一 in Chinese (but 一百一十); Japanese drops the one before every unit
        if unit and d == 1 and (bare_units or (bare_ten and power == 1 and not out)):
            out.append(unit)
        else:
            out.append(digits[d] + unit)
    return "".join(out)


def _digits(n: int, digits: str = _CN_DIGITS) -> str:
    return "".join(digits[int(c)] for c in str(n))


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _enclosed(n: int, first: int, last: int = 20) -> str:
    return chr(first + n - 1) if 1 <= n <= last else str(n)


def _cycle(n: int, symbols: str) -> str:
    """Letters and Chicago marks: A … Z, then AA BB …, each symbol repeated once more per round."""
    return symbols[(n - 1) % len(symbols)] * ((n - 1) // len(symbols) + 1)


_FORMATS = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488),
    "ideographEnclosedCircle": lambda n: _enclosed(n, 0x3280, 10),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _cycle(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerLetter": lambda n: _cycle(n, "abcdefghijklmnopqrstuvwxyz"),
    "chicago": lambda n: _cycle(n, "*†‡§"),
    "ordinal": lambda n: f"{n}{'th' if n % 100 in (11, 12, 13) else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}",
    # Word counts chineseCounting with 十 up to 99 and spells larger numbers digit by digit
    "chineseCounting": lambda n: _counting(n) if n < 100 else _digits(n),
    "chineseCountingThousand": _counting,
    "taiwaneseCounting": _counting,
    "taiwaneseCountingThousand": _counting,
    "japaneseCounting": lambda n: _counting(n, zero="", bare_units=True),
    "chineseLegalSimplified": lambda n: _counting(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟", bare_ten=False),
    "ideographLegalTraditional": lambda n: _counting(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟", bare_ten=False),
    "ideographDigital": _digits,
    "taiwaneseDigital": _digits,
    "japaneseDigitalTenThousand": _digits,
    "ideographTraditional": lambda n: _STEMS[n - 1] if n <= 10 else str(n),
    "ideographZodiac": lambda n: _BRANCHES[n - 1] if n <= 12 else str(n),
    "ideographZodiacTraditional": lambda n: _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if n <= 60 else str(n),
    "none": lambda n: "",
}
# formats that can write any count; the others need 1 to 9999 and give decimal outside it
_UNBOUNDED = frozenset({"decimal", "decimalHalfWidth", "decimalZero", "decimalFullWidth", "decimalFullWidth2",
                        "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "none"})


def format_number(n: int, fmt: str) -> str:
    """``n`` written in the Word number format ``fmt`` (``w:numFmt``), e.g. ``(3, "chineseCounting")``
    → ``"三"``; ``"custom:001, 002, 003, ..."`` pads with zeros; unknown formats give decimal."""
    if fmt.startswith("custom:"):
        first = fmt[7:].split(",")[0].strip()
        return str(n).zfill(len(first)) if first.isascii() and first.isdigit() else str(n)
    render = _FORMATS.get(fmt)
    if render is None or (fmt not in _UNBOUNDED and not 1 <= n <= 9999):
        return str(n)
    return render(n)


# ---- definitions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    """One level of a list definition (``w:lvl``)."""

    start: int
    fmt: str
    text: str | None  # w:lvlText; None when the level draws no label
    restart: int | None  # w:lvlRestart: restart after this 1-based level is used; 0 never
    legal: bool  # w:isLgl: every level in decimal
    suffix: str  # w:suff: tab, space, nothing
    hidden: bool  # the label's run properties hide it
    style: str | None  # w:pStyle: the paragraph style this level belongs to


def _level(lvl: object) -> _Level:
    fmt = _val(lvl, "numFmt")
    if fmt is None:
        # Word 2010 writes custom formats (001, 002…) inside mc:AlternateContent, with a fallback
        alt = f"{{{_MC}}}AlternateContent/{{{_MC}}}"
        choice = lvl.find(f"{alt}Choice/{_w('numFmt')}")  # type: ignore[attr-defined]
        fallback = lvl.find(f"{alt}Fallback/{_w('numFmt')}")  # type: ignore[attr-defined]
        if choice is not None and choice.get(_w("format")):
            fmt = "custom:" + choice.get(_w("format"))
        elif fallback is not None:
            fmt = fallback.get(_VAL)
    text_el = _find(lvl, "lvlText")
    return _Level(
        start=_int(_val(lvl, "start")) or 0,
        fmt=fmt or "decimal",
        text=None if text_el is None else (text_el.get(_VAL) or ""),
        restart=_int(_val(lvl, "lvlRestart")),
        legal=_on(lvl, "isLgl"),
        suffix=_val(lvl, "suff") or "tab",
        hidden=_on(lvl, "rPr/vanish"),
        style=_val(lvl, "pStyle"),
    )


class _Instance:
    """A list instance (``w:num``) resolved to its nine levels and the counters it shares."""

    def __init__(self, num_id: str, key: str, defined: dict[int, _Level], starts: dict[int, int], single: bool) -> None:
        self.num_id = num_id
        self.key = key  # the abstract definition whose counters it advances
        self.single = single  # multiLevelType singleLevel: every paragraph is on level 0
        self.overridden = tuple(i for i in starts if 0 <= i < _LEVELS)  # levels with a w:startOverride
        # a level without a definition borrows the nearest shallower one
        levels: list[_Level | None] = []
        for i in range(_LEVELS):
            levels.append(defined.get(i, levels[-1] if levels else None))
        self.levels = tuple(levels)
        self.starts = tuple(starts.get(i, lv.start if lv else 0) for i, lv in enumerate(levels))
        # level i restarts when a level shallower than restart[i] is numbered; a w:lvlRestart that
        # names level i itself or a deeper one is ignored
        self.restart = tuple(
            i if lv is None or lv.restart is None or lv.restart > i else lv.restart for i, lv in enumerate(levels)
        )


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None


class Numbering:
    """The numbering of one document: call :meth:`label` on its paragraphs in reading order."""

    def __init__(self, numbering: object | None, styles: object | None) -> None:
        """Read the definitions from the root elements of ``numbering.xml`` and ``styles.xml``
        (either may be None: no numbering part numbers nothing, no styles part inherits nothing)."""
        self._styles: dict[str, _Style] = {}
        self._default_style: str | None = None
        self._instances: dict[str, _Instance] = {}
        self._by_style: dict[str | None, tuple[tuple[str, ...], str | None, int | None]] = {}
        self._counts: dict[str, list[int | None]] = {}
        self._entered: set[str] = set()
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def story(self) -> Numbering:
        """The same definitions with fresh counters, for a text box (Word counts it on its own)."""
        other = copy.copy(self)
        other._counts, other._entered = {}, set()
        return other

    def _read_styles(self, root: object) -> None:
        for st in root.iterchildren(_w("style")):  # type: ignore[attr-defined]
            if st.get(_w("type")) not in (None, "paragraph", "numbering"):
                continue
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            self._styles[sid] = _Style(
                _val(st, "basedOn"), _val(st, "pPr/numPr/numId"), _int(_val(st, "pPr/numPr/ilvl"))
            )
            if st.get(_w("type")) == "paragraph" and (st.get(_w("default")) or "0").lower() in ("1", "true", "on"):
                self._default_style = sid

    def _read_numbering(self, root: object) -> None:
        abstracts = {a.get(_w("abstractNumId")): a for a in root.iterchildren(_w("abstractNum"))}  # type: ignore[attr-defined]
        nums = {n.get(_w("numId")): n for n in root.iterchildren(_w("num"))}  # type: ignore[attr-defined]
        for num_id, num in nums.items():
            key = _val(num, "abstractNumId")
            abstract = abstracts.get(key)
            # a list style (numStyleLink) borrows the levels and counters of the list its style names
            for _ in range(3):
                link = _val(abstract, "numStyleLink")
                style = self._styles.get(link) if link else None
                linked = nums.get(style.num_id) if style and style.num_id else None
                if linked is None:
                    break
                key = _val(linked, "abstractNumId")
                abstract = abstracts.get(key)
            if abstract is None or num_id is None or key is None:
                continue
            levels = {_int(lv.get(_w("ilvl"))) or 0: _level(lv) for lv in abstract.iterchildren(_w("lvl"))}
            starts = {}
            for over in num.iterchildren(_w("lvlOverride")):
                ilvl = _int(over.get(_w("ilvl"))) or 0
                lvl = _find(over, "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _int(_val(over, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
            single = _val(abstract, "multiLevelType") == "singleLevel"
            self._instances[num_id] = _Instance(num_id, key, levels, starts, single)

    def _style_numbering(self, sid: str | None) -> tuple[tuple[str, ...], str | None, int | None]:
        """The chain of style ``sid`` (itself, then what it is based on) and the numId and ilvl it
        gives, each from the first style in the chain that sets it (cached)."""
        if sid not in self._by_style:
            chain: list[str] = []
            step = sid
            while step is not None and step in self._styles and step not in chain:
                chain.append(step)
                step = self._styles[step].based_on
            num_id = next((self._styles[s].num_id for s in chain if self._styles[s].num_id is not None), None)
            ilvl = next((self._styles[s].ilvl for s in chain if self._styles[s].ilvl is not None), None)
            self._by_style[sid] = (tuple(chain), num_id, ilvl)
        return self._by_style[sid]

    def _reference(self, p: object) -> tuple[_Instance, int] | None:
        """The list instance and level of paragraph ``p``, or None when it is not numbered."""
        ppr = _find(p, "pPr")
        sid = _val(ppr, "pStyle")
        chain, num_id, style_ilvl = self._style_numbering(sid if sid is not None else self._default_style)
        numpr = _find(ppr, "numPr")
        ilvl = None
        if numpr is not None:
            own = _val(numpr, "numId")
            num_id = own if own is not None else num_id
            ilvl = _int(_val(numpr, "ilvl"))
        inst = self._instances.get(num_id) if num_id not in (None, "0") else None
        if inst is None or _not_shown(p, ppr):
            return None
        if ilvl is None:
            # a level naming the paragraph's style (w:pStyle) overrides the style's own ilvl (17.9.23)
            linked = (i for s in chain for i, lv in enumerate(inst.levels) if lv is not None and lv.style == s)
            ilvl = next(linked, style_ilvl if style_ilvl is not None else 0)
        return inst, 0 if inst.single else max(0, min(ilvl, _LEVELS - 1))

    def label(self, p: object) -> str:
        """The label Word draws before paragraph ``p`` (with its suffix), or ``""``; advances the
        counters, so call it once per paragraph, in reading order."""
        if not self._instances:
            return ""
        ref = self._reference(p)
        if ref is None:
            return ""
        inst, ilvl = ref
        level = inst.levels[ilvl]
        if level is None:
            return ""
        counts = self._counts.setdefault(inst.key, [None] * _LEVELS)
        if inst.num_id not in self._entered:
            self._entered.add(inst.num_id)
            for i in inst.overridden:
                counts[i] = None
        current = counts[ilvl]
        counts[ilvl] = inst.starts[ilvl] if current is None else current + 1
        for i in range(ilvl):
            if counts[i] is None:
                counts[i] = inst.starts[i]
        for i in range(ilvl + 1, _LEVELS):
            if ilvl < inst.restart[i]:
                counts[i] = None
        if level.text is None or level.hidden or level.fmt == "bullet":
            return ""
        label = _PLACEHOLDER.sub(lambda m: self._number(inst, counts, int(m.group(1)) - 1, level.legal), level.text)
        if not label.strip():
            return ""
        if level.suffix == "space" or (level.suffix == "tab" and unicodedata.category(label[-1]) in _WORDLIKE):
            return label + " "
        return label

    @staticmethod
    def _number(inst: _Instance, counts: list[int | None], i: int, legal: bool) -> str:
        """The number of level ``i`` (0-based) as level ``i`` formats it, in decimal when ``legal``."""
        level = inst.levels[i]
        fmt = level.fmt if level is not None else "decimal"
        if fmt == "bullet":
            return ""
        value = counts[i]
        return format_number(inst.starts[i] if value is None else value, "decimal" if legal and fmt not in ("none", "decimalZero") else fmt)


def _not_shown(p: object, ppr: object | None) -> bool:
    """A paragraph with no text that only carries a section break, or whose deletion was tracked,
    has no number in what Word shows (nor in the text we read) and does not count."""
    if _find(ppr, "sectPr") is None and _find(ppr, "rPr/del") is None:
        return False
    return not any((t.text or "").strip() for t in p.iter(_w("t")))  # type: ignore[attr-defined]
