"""Members defined after a name: a colon, 即/包括/是指, a parenthesis, ordinals, glossary lines.

“五个没有”：没有…，没有…; “两个维护”，即…; “三保”（…）; 一是…二是…. A definition is read as a
list only: a named initiative's description (“益企成长”计划：推动建立…，促进…) gives no members.
"""

from __future__ import annotations

import re

from hwgraph.programs._items import _conj_split, _split_items
from hwgraph.programs._patterns import _DEF_AFTER, _FOOTNOTE, _HEAD_COLON, _ORDINAL_FIRST, _SENTENCE_END
from hwgraph.programs._records import _Cand, _Item


def _following(text: str, cand: _Cand, count: int | None) -> list[_Item] | None:
    """Members defined after the name: “五个没有”：没有…，没有…; “两个维护”，即…; “三保”（…）."""
    pos = cand.outer_end
    fn = _FOOTNOTE.match(text, pos)
    if fn:
        pos = fn.end()
    paren = text[pos: pos + 1] in ("（", "(")
    if paren:
        close = text.find("）" if text[pos] == "（" else ")", pos, pos + 200)
        if close < 0 or text.startswith(("以下", "简称"), pos + 1):
            return None
        body_start, body_end = pos + 1, close
    else:
        m = _DEF_AFTER.match(text, pos) or _HEAD_COLON.match(text, pos)
        if not m:
            return None
        body_start = m.end()
        end = _SENTENCE_END.search(text, body_start)
        body_end = min(end.start() if end else len(text), body_start + 400)
    if _ORDINAL_FIRST.match(text, body_start):
        return _ordinal_items(text, body_start, count)
    # “十大工程”：A、B、…、J十大工程 — the name repeated at the end closes the list, it is no member
    tail = text[body_start:body_end].rstrip("。；;，, ")
    if len(cand.name) >= 2 and tail.endswith(cand.name):
        body_end = body_start + len(tail) - len(cand.name)
    body = text[body_start:body_end]
    splits = [_split_items(body, body_start, seps) for seps in ("；;", "，,", "、")]
    splits = [[i for i in s if i.text] for s in splits]
    chosen = None
    if count is not None:
        chosen = next((s for s in splits if len(s) == count), None)
    if chosen is None:
        chosen = next((s for s in splits if len(s) >= 2), None)
    if chosen is None and count is not None and len(splits[0]) == 1:
        joined = _conj_split(splits[0])
        chosen = joined if len(joined) == count else (splits[0] if count == 1 else None)
    if chosen is None or any(len(i.text) > 60 for i in chosen):
        return None
    return chosen


_ORDINALS = "一二三四五六七八九十"


def _ordinal_items(text: str, start: int, count: int | None) -> list[_Item] | None:
    """Items introduced by 一是…二是… or （一）…（二）… after a definition colon."""
    items = []
    pos = start
    limit = min(len(text), start + 3000)
    for n in range(1, (count or 10) + 1):
        c = _ORDINALS[n - 1] if n <= 10 else ""
        marker = re.compile(rf"\s*(?:{c}是|{c}要|（{c}）|\({c}\)|{n}[.、．]|{chr(0x2460 + n - 1)})")
        m = marker.search(text, pos, limit)
        if not m or (n == 1 and m.start() != start):
            break
        stop = re.compile(r"[，,。；;：:]").search(text, m.end(), limit)
        e = stop.start() if stop else limit
        items.append(_Item(text[m.end():e], m.end(), e))
        pos = e
    return items if len(items) >= 2 else None
