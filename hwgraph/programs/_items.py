"""Splitting a stretch of text into member items and trimming each, offsets kept."""

from __future__ import annotations

import re

from hwgraph.programs._patterns import _CONJ, _CONJ_BAD, _DEF_LEAD, _DENG_END, _ITEM_LEAD, _ITEM_TRAIL
from hwgraph.programs._records import _Item


def _split_items(text: str, base: int, seps: str) -> list[_Item]:
    items = []
    pos = 0
    for m in re.finditer(f"[{seps}]", text):
        items.append(_Item(text[pos:m.start()], base + pos, base + m.start()))
        pos = m.end()
    items.append(_Item(text[pos:], base + pos, base + len(text)))
    return [_strip(i) for i in items]


def _strip(item: _Item) -> _Item:
    """Trim spaces, closing punctuation and a trailing 等… from an item, keeping offsets right."""
    t, s = item.text, item.start or 0
    m = _ITEM_LEAD.match(t)
    lead = 0
    if m and "“" not in m.group():
        lead = m.end()
    dw = _DEF_LEAD.match(t, lead)  # …建设，即A、B、C: the 即 opens the list, it is not part of A
    if dw and dw.end() < len(t):
        lead = dw.end()
    t2 = t[lead:]
    t2 = _ITEM_TRAIL.sub("", t2)
    d = _DENG_END.search(t2)
    if d and d.start() >= 1:
        t2 = t2[: d.start()]
    return _Item(t2, s + lead, s + lead + len(t2), item.program_key)


def _conj_split(items: list[_Item]) -> list[_Item]:
    out = []
    for it in items:
        pos = 0
        t = it.text
        for m in _CONJ.finditer(t):
            if _CONJ_BAD.search(t, max(m.start() - 1, 0), m.end() + 1):
                continue
            if m.start() - pos >= 2 and len(t) - m.end() >= 2:
                out.append(_Item(t[pos:m.start()], it.start + pos, it.start + m.start()))
                pos = m.end()
        out.append(_Item(t[pos:], it.start + pos, it.end))
    return out
