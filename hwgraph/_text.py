"""Small text helpers shared by the stages that read lines of the cleaned text."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# The labels of a web page's metadata lines (来源：… / 发布时间：… / 浏览次数：…): cleaning removes
# such lines, the metadata stage treats them as chrome.
PAGE_LABELS = (
    "来源|作者|发表时间|发布时间|更新时间|发布日期|发文日期|成文日期|信息来源|文章来源|责任编辑|编辑|浏览次数|浏览量|"
    "阅读次数|阅读量|点击数|点击次数|访问量|发布者|发布机构|发文机关|索引号|主题分类|字体|字号|时间|日期"
)


def line_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text[start:end]``, the end excluding its line break."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        out.append((pos, line_end))
        pos = line_end + 1
    return out


@cache
def _matching_table() -> dict[int, str]:
    """Traditional characters to simplified (OpenCC's TSCharacters, first reading of each), each one
    character to one, so offsets stay valid. (Full-width digits need no mapping: regex \\d reads them.)"""
    from importlib import resources

    table: dict[int, str] = {}
    data = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    for line in data.splitlines():
        trad, _, simple = line.partition("\t")
        first = simple.split(" ")[0]
        if len(trad) == 1 and len(first) == 1 and first != trad:
            table[ord(trad)] = first
    return table


def matching_form(text: str) -> str:
    """A copy of ``text`` for matching words, the same length: 國務院辦公廳 → 国务院办公厅.

    Only a text written in traditional characters is converted (more than one character in twenty of
    its first thousand is traditional-only): a simplified text keeps the odd 乾 (乾县) or 覆 as it is.
    What hwgraph reports (titles, headings) is sliced from the text itself; only decisions are taken
    on this copy.
    """
    head = text[:1000]
    cjk = len(_CJK.findall(head))
    if cjk == 0 or sum(map(_traditional().__contains__, head)) * 20 <= cjk:
        return text
    return text.translate(_matching_table())


_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _traditional() -> frozenset[str]:
    """The traditional-only characters (a set: one C-speed look-up per character of a head)."""
    return frozenset(chr(c) for c in _matching_table())


def pad_columns(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)
