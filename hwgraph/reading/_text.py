"""Decoding text bytes: which encoding a Chinese plain-text or HTML file is in.

Order of evidence: a byte-order mark; UTF-16 without a mark (zero bytes stacked on one parity);
strict UTF-8; the charset an HTML page declares; then every legacy Chinese encoding that decodes
strictly (GB18030, Big5) competes on *plausibility*: the share of characters that real Chinese
text is made of (the 3,755 first-level GB2312 hanzi, the 5,401 first-level Big5 hanzi, ASCII,
CJK and full-width punctuation). GB18030 decodes almost any byte string, Big5 included, but Big5
read as GB18030 is kana, Cyrillic, private-use and rare hanzi (plausibility about 0.5), while real
text of either kind scores above 0.99 (0.9986 to 1.0 on the 30 reports and summaries of the dev
corpus). Below 0.9 the text is refused instead of returned as garbage.
"""

from __future__ import annotations

import codecs
import functools
import re
from pathlib import Path

from hwgraph.errors import DecodeError

FIX_TEXT = "save it as UTF-8 (or GB18030) text, .docx, .pdf or .html and try again"
PLAUSIBLE = 0.9  # least plausibility of a decoded text we accept

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared charsets are often the narrow name of a wider encoding the page really uses.
_SUPERSET = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
    "big5": "big5", "x-x-big5": "big5", "cp950": "cp950", "big5-hkscs": "big5hkscs",
}
_LEGACY = ("gb18030", ("big5", "cp950", "big5hkscs"))
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_SAMPLE = 200_000  # characters scored: enough to judge, cheap on a 50 MB file
_WEIGHT_RANGES = (  # (first, last, weight) for characters outside ASCII and the common hanzi
    (0x00A0, 0x00FF, 1.0),  # Latin-1: °±×÷§ in Chinese text, accents in Western text
    (0x2000, 0x206F, 1.0),  # general punctuation: —‘’“”…‰
    (0x3000, 0x303F, 1.0),  # CJK punctuation: 、。〈〉《》「」【】〔〕
    (0xFF00, 0xFFEF, 1.0),  # full-width forms: （），：；０-９
    (0x0100, 0x024F, 0.5),  # Latin extended (pinyin tones)
    (0x2100, 0x27BF, 0.5),  # letterlike, number forms (Ⅰ Ⅱ), arrows, math, ①②, boxes, shapes ■●★
    (0x3200, 0x32FF, 0.5),  # enclosed CJK: ㈠ ㈡
    (0x3400, 0x4DBF, 0.25),  # CJK extension A: rare hanzi
    (0x4E00, 0x9FFF, 0.5),  # unified hanzi outside the first-level sets
    (0xFE30, 0xFE4F, 0.5),  # CJK compatibility forms
)


def decode_bytes(data: bytes, path: str | Path = "<bytes>", html: bool = False) -> tuple[str, str]:
    """Decode text bytes and say how: ``(text, encoding)``.

    A byte-order mark wins; then UTF-16 without one, strict UTF-8, the charset an HTML page
    declares (``html=True``), and the most plausible of GB18030 and Big5. Binary data, and text no
    encoding decodes plausibly, raise :class:`DecodeError` instead of returning garbage.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DecodeError(path, f"starts with a {enc} byte-order mark but does not decode", FIX_TEXT) from e
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:4096]:
        raise DecodeError(path, "is binary data, not text", FIX_TEXT)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:
            # a web copy cut inside its last character: everything before the cut is faithful
            return data[: e.start].decode("utf-8"), "utf-8"
        utf8_error = e
    if html:
        declared = _declared_charset(data)
        if declared:
            for enc in declared:
                text = _strict(data, enc)
                if text is not None and plausibility(text) >= PLAUSIBLE:
                    return text, enc
    best: tuple[float, str, str] | None = None
    for group in _LEGACY:
        for enc in (group,) if isinstance(group, str) else group:
            text = _strict(data, enc)
            if text is None:
                continue
            score = plausibility(text)
            if best is None or score > best[0]:
                best = (score, text, enc)
            break  # a wider variant of the same family adds nothing once the narrow one decodes
    if best is not None and best[0] >= PLAUSIBLE:
        return best[1], best[2]
    guessed = _charset_normalizer(data)
    if guessed is not None and plausibility(guessed[0]) >= PLAUSIBLE:
        return guessed
    raise DecodeError(
        path,
        f"is not UTF-8 (bad byte at {utf8_error.start}) and decodes as no known Chinese encoding without garbage",
        FIX_TEXT,
    )


def plausibility(text: str) -> float:
    """Share (0..1) of ``text`` made of characters real Chinese or Western text is made of.

    ASCII, the first-level GB2312 and Big5 hanzi and common punctuation weigh 1; rarer hanzi and
    symbols less; private-use, control, kana, Cyrillic, Greek and replacement characters nothing.
    """
    sample = text[:_SAMPLE]
    if not sample:
        return 1.0
    common = _common_hanzi()
    total = 0.0
    for ch in sample:
        o = ord(ch)
        if o < 0x80:
            total += ch.isprintable() or ch in "\t\n\r\f"
        elif ch in common:
            total += 1.0
        else:
            total += _weight(o)
    return total / len(sample)


def _weight(o: int) -> float:
    for first, last, w in _WEIGHT_RANGES:
        if first <= o <= last:
            return w
    return 0.0


@functools.cache
def _common_hanzi() -> frozenset[str]:
    """The first-level hanzi of GB2312 (3,755 simplified) and Big5 (5,401 traditional)."""
    out: set[str] = set()
    for codec, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for a in leads:
            for b in trails:
                try:
                    out.add(bytes((a, b)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return frozenset(out)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: zero bytes, which 8-bit text never holds, with the
    high bytes of ASCII (newlines, digits) on odd positions (little-endian) or even ones (big-endian).
    The byte order whose decode is plausible Chinese (or Western) text wins."""
    if len(data) < 4 or len(data) % 2 or data[:65536].count(0) < 2:
        return None
    head = data[:65536]
    orders = ("utf-16-le", "utf-16-be") if head[1::2].count(0) >= head[0::2].count(0) else ("utf-16-be", "utf-16-le")
    for enc in orders:
        text = _strict(data, enc)
        if text is not None and plausibility(text) >= PLAUSIBLE:
            return text, enc
    return None


def _declared_charset(data: bytes) -> tuple[str, ...]:
    m = _CHARSET.search(data[:4096])
    if not m:
        return ()
    name = m.group(1).decode("ascii").lower()
    try:
        name = codecs.lookup(_SUPERSET.get(name, name)).name
    except LookupError:
        return ()
    name = _SUPERSET.get(name, name)
    if name.startswith("big5") or name == "cp950":
        return ("big5", "cp950", "big5hkscs")
    return (name,)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    """A last guess for text in neither UTF-8 nor a Chinese encoding (a Western code page)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return str(best), best.encoding
