"""Members defined after a name: a colon, 即/包括/是指, a parenthesis, ordinals, glossary lines.

“五个没有”：没有…，没有…; “两个维护”，即…; “三保”（…）; 一是…二是…. A definition is read as a
list only: a named initiative's description (“益企成长”计划：推动建立…，促进…) gives no members.
"""

from __future__ import annotations

import re

from hwgraph.programs._items import _conj_split, _split_items
from hwgraph.programs._patterns import (
    _CN_DIGITS,
    _DEF_AFTER,
    _FOOTNOTE,
    _HEAD_COLON,
    _ORDINAL_FIRST,
    _SENTENCE_END,
)
from hwgraph.programs._records import _Cand, _Index, _Item

# （牵头单位：教育厅）: a parenthesis of key and value annotates the name, it does not define it.
_ANNOTATION = re.compile(r"[：:]")
# A quoted name that opens its clause may be defined by 为/指: “四级”为省、市、县、乡
_OPENS_CLAUSE = frozenset("：:，,。；;\n")
_PART_DEF = re.compile(r"\s*(?:为|指)(?!导|标|出|示|向|引|挥|数|定)")
# The start of a clause that defines another quoted label: …，“三类”指… / …，第二个“4”是指…
_LABEL_TEXT = r"(?:第[一二两三四五六七八九十]个)?[“\"]([^”\"]{1,8})[”\"]\s*(?:是指|指的是|指|为|即)"
_NEXT_LABEL = re.compile(r"[，,；;]\s*" + _LABEL_TEXT)
_LABEL = re.compile(_LABEL_TEXT)
# 四个聚焦, 六个坚持: a count of items that each open with the same word
_EACH_OPENS = re.compile(f"[{_CN_DIGITS}]{{1,2}}个([\u4e00-\u9fff]{{2}})")
_OPENS_ITEM = frozenset("：:，,。；;、\n即”")
_QUOTES = frozenset("“”\"")
_ITEM_END = re.compile(r"[，,。；;：:\n]")


def _following(text: str, cand: _Cand, count: int | None, index: _Index) -> list[_Item] | None:
    """Members defined after the name: right after it (see :func:`_definition`), else later in its
    sentence (:func:`_later_list`) or in the enumeration that opens the next one (:func:`_next_ordinals`)."""
    got = _definition(text, cand, count, index)
    if got is None and count is not None and count >= 2:
        got = _later_list(text, cand, count) or _next_ordinals(text, cand, count)
    return got


def _definition(text: str, cand: _Cand, count: int | None, index: _Index) -> list[_Item] | None:
    """Members defined right after the name: “五个没有”：没有…，没有…; “两个维护”，即…; “三保”（…）.

    Names side by side share one definition, a clause each (“两重”“两新”：A，B). A named initiative
    (no count) or a single thing (一张网) is described, not listed: it takes a 、-list or nothing.
    """
    run = _run_of_names(text, cand, index)
    last = run[-1]
    pos = last.outer_end
    fn = _FOOTNOTE.match(text, pos)
    if fn:
        pos = fn.end()
    paren = text[pos: pos + 1] in ("（", "(") and len(run) == 1
    if paren:
        close = text.find("）" if text[pos] == "（" else ")", pos, pos + 200)
        if close < 0 or text.startswith(("以下", "简称"), pos + 1) or _ANNOTATION.search(text, pos + 1, close):
            return None  # （以下简称…）, （牵头单位：教育厅）: no definition
        body_start, body_end = pos + 1, close
    else:
        m = _DEF_AFTER.match(text, pos) or _HEAD_COLON.match(text, pos)
        if not m and len(run) == 1 and text[cand.outer_start - 1: cand.outer_start] in _OPENS_CLAUSE:
            m = _PART_DEF.match(text, pos)  # “四级”为省、市、县、乡，“三类”指…
        if not m:
            return None
        body_start = m.end()
        body_end = min(_sentence_end(text, body_start), body_start + 400)
        label = _NEXT_LABEL.search(text, body_start, body_end)
        if label:
            body_end = label.start()  # the next clause defines another label
    if _ORDINAL_FIRST.match(text, body_start):
        return _ordinal_items(text, body_start, count) if len(run) == 1 else None
    if len(run) > 1:
        groups = _split_items(text[body_start:body_end].rstrip("。；;，, "), body_start, "，,；;")
        if len(groups) != len(run):
            return None
        share = groups[run.index(cand)]
        body_start, body_end = share.start, share.end
    # “十大工程”：A、B、…、J十大工程 — the name repeated at the end closes the list, it is no member
    tail = text[body_start:body_end].rstrip("。；;，, ")
    if len(cand.name) >= 2 and tail.endswith(cand.name):
        body_end = body_start + len(tail) - len(cand.name)
    body = text[body_start:body_end]
    splits = [_split_items(body, body_start, seps) for seps in ("；;", "，,", "、", "，,；;、")]
    splits = [[i for i in s if i.text] for s in splits]
    if count is None or count == 1:
        return _described(splits, count, index)
    chosen = next((s for s in splits if len(s) == count), None)
    if chosen is None and len(splits[2]) < count:
        joined = splits[2][:-1] + _conj_split(splits[2][-1:])  # 总体规划、详细规划和专项规划
        chosen = joined if len(joined) == count else None
    if chosen is None:
        chosen = next((s for s in splits[:3] if len(s) >= 2), None)
    if chosen is None and len(splits[0]) == 1:
        joined = _conj_split(splits[0])
        chosen = joined if len(joined) == count else None
    if chosen is None or any(len(i.text) > 60 for i in chosen):
        return None
    if chosen is splits[2] and (stop := _CLAUSE_STOP.search(chosen[-1].text)):
        last = chosen[-1]  # A、B、C，方便群众就医: the list ends with its clause
        chosen = [*chosen[:-1], _Item(last.text[: stop.start()], last.start, last.start + stop.start())]
    return chosen


def _described(splits: list[list[_Item]], count: int | None, index: _Index) -> list[_Item] | None:
    """The members a description gives a name without a count: a 、-list of short items, or clauses
    that each hold one program (“2653”行动：聚焦…“两个目标”，推进…“六项行动”…)."""
    if count == 1:
        return None
    for items in splits[:2]:
        if len(items) >= 2 and all(len(index.within(i.start, i.end)) == 1 for i in items):
            return items
    items = splits[2]
    if len(splits[1]) == 1 and len(items) >= 2 and all(len(i.text) <= 12 for i in items):
        return items
    return None


def _run_of_names(text: str, cand: _Cand, index: _Index) -> list[_Cand]:
    """The quoted names side by side with ``cand`` (“三大高地”“五大战略”), in text order."""
    run = [cand]
    if text[cand.outer_end: cand.outer_end + 2].lstrip("、")[:1] not in _QUOTES and text[
        cand.outer_start - 2: cand.outer_start
    ].rstrip("、")[-1:] not in _QUOTES:
        return run  # the common case, decided without the index
    while True:
        c = run[0]
        prev = [o for o in index.ending_in(c.outer_start - 1, c.outer_start) if o.outer_start < c.outer_start]
        if not prev or prev[-1].outer_start == prev[-1].start or text[prev[-1].outer_end: c.outer_start] not in ("", "、"):
            break
        run.insert(0, prev[-1])
    while True:
        c = run[-1]
        nxt = [o for o in index.within(c.outer_end, c.outer_end + 24) if o.outer_start in (c.outer_end, c.outer_end + 1)]
        if not nxt or nxt[0].outer_start == nxt[0].start or text[c.outer_end: nxt[0].outer_start] not in ("", "、"):
            break
        run.append(nxt[0])
    return run if all(c.outer_start < c.start for c in run) else [cand]


def _part_labels(text: str, cand: _Cand) -> list[_Item] | None:
    """A formula's terms defined one by one after it: “1+N”…：“1”指A，“N”指B; “3”是指A，第二个“4”是指B."""
    terms = cand.name.split("+")
    if len(terms) < 2:
        return None
    hi = min(len(text), cand.outer_end + 300)
    labels = [m for m in _LABEL.finditer(text, cand.outer_end, hi)]
    if not labels or labels[0].group(1) != terms[0]:
        return None
    items = []
    for k, m in enumerate(labels[: len(terms)]):
        if m.group(1) != terms[k] or (k and text[labels[k - 1].end(): m.start()].count("。") > 0):
            return None
        stop = labels[k + 1].start() if k + 1 < len(labels) else hi
        end = _SENTENCE_END.search(text, m.end(), stop)
        e = end.start() if end else stop
        items.append(_Item(text[m.end(): e].rstrip("，,；;。 "), m.end(), m.end() + len(text[m.end(): e].rstrip("，,；;。 "))))
    return items if len(items) == len(terms) and all(i.text for i in items) else None


def _repeated_word(text: str, cand: _Cand, count: int | None) -> list[_Item] | None:
    """“四个聚焦”: members that each open with the name's word (聚焦A、B，聚焦C…), in the definition or in
    the sentences after the name, one clause each; exactly ``count`` of them."""
    m = _EACH_OPENS.fullmatch(cand.name)
    if not m or count is None or count < 2:
        return None
    word = m.group(1)
    items: list[_Item] = []
    pos = cand.outer_end
    for _ in range(count + 1):
        at = text.find(word, pos, pos + 200)
        if at < 0 or text[at - 1] not in _OPENS_ITEM:
            break
        stop = _ITEM_END.search(text, at + len(word))
        nxt = text.find(word, at + len(word), stop.start() if stop else len(text))
        e = nxt - 1 if nxt > 0 and text[nxt - 1] in "、，," else (stop.start() if stop else len(text))
        items.append(_Item(text[at:e], at, e))
        pos = e
    return items if len(items) == count else None


_ORDINALS = "一二三四五六七八九十"
_CLAUSE_STOP = re.compile(r"[，,。；;：:]")


def _cn_ordinal(n: int) -> str:
    """一 … 十, 十一 … 十九, 二十: the numeral of an enumeration marker (十一是, （十二）)."""
    if n <= 10:
        return _ORDINALS[n - 1]
    return ("" if n < 20 else _ORDINALS[n // 10 - 1]) + "十" + (_ORDINALS[n % 10 - 1] if n % 10 else "")


def _marker(style: str, n: int) -> re.Pattern[str]:
    """The ``n``-th marker of an enumeration in the style of its first (一是, 一要, （一）, 1., ①)."""
    c = _cn_ordinal(n)
    return re.compile({
        "是": rf"\s*{c}是", "要": rf"\s*{c}要", "（": rf"\s*（{c}）", "(": rf"\s*\({c}\)",
        ".": rf"\s*(?<!\d){n}[.、．](?!\d)", "①": rf"\s*{chr(0x2460 + n - 1) if n <= 20 else '①'}",
    }[style])


def _ordinal_items(text: str, start: int, count: int | None, most: int | None = None) -> list[_Item] | None:
    """Items introduced by 一是…二是… or （一）…（二）… after a definition colon: each from its marker
    to the end of its clause, markers all in the style of the first, at most ``most`` (``count``) of them."""
    first = _ORDINAL_FIRST.match(text, start)
    if not first:
        return None
    mark = first.group().strip()
    style = mark[-1] if mark[-1] in "是要" else ("." if mark[0].isdigit() else mark[0])
    items = []
    pos = start
    limit = min(len(text), start + 3000)
    for n in range(1, (most or count or 10) + 1):
        m = _marker(style, n).search(text, pos, limit)
        if not m or (n == 1 and m.start() != start):
            break
        e = _item_end(text, m.end(), limit)
        items.append(_Item(text[m.end():e], m.end(), e))
        pos = e
    return items if len(items) >= 2 else None


_ITEM_STOP = re.compile(r"[，,。；;：:\n]")


def _item_end(text: str, pos: int, limit: int) -> int:
    """End of an enumerated item: its clause, or its line unless the PDF text layer wrapped it."""
    while True:
        stop = _ITEM_STOP.search(text, pos, limit)
        if not stop:
            return limit
        if stop.group() != "\n" or not _wrapped(text, stop.start()):
            return stop.start()
        pos = stop.end()


# “十二个坚持”。一是坚持…。二是坚持…: an inline enumeration opening the sentence after the name
_NEXT_ORDINALS = re.compile(r"[。；;]?\s*(?=一是|一要)")


def _next_ordinals(text: str, cand: _Cand, count: int) -> list[_Item] | None:
    """Members enumerated (一是…二是…) in the sentences after the name: exactly ``count`` of them, or
    as many as the text gives when each opens with the name's word (“十二个坚持”: 一是坚持…)."""
    m = _NEXT_ORDINALS.match(text, cand.outer_end)
    if not m or m.end() == cand.outer_end:
        return None
    items = _ordinal_items(text, m.end(), count, most=count + 1)
    if not items or len(items) > count:
        return None  # a longer enumeration is not this name's
    each = _EACH_OPENS.fullmatch(cand.name)
    if each and all(i.text.startswith(each.group(1)) for i in items):
        return items
    # otherwise only all of them, after a sentence that is about the name alone (（一）把握“两个重点”。);
    # after 深化医改，推进“三医联动”。 the enumeration is the paragraph's
    lead = _SENTENCE_END.split(text[max(cand.outer_start - 40, 0): cand.outer_start])[-1]
    return items if len(items) == count and len(lead) <= 10 and not _CLAUSE_STOP.search(lead) else None


# What may stand between a name and the list it takes later in its sentence: a parenthesis, a head
# noun and a few words, a line the PDF text layer wrapped (“五大中心”建设已基本\n完成(即:…)).
_LATER_LEAD = re.compile(
    r"[\u4e00-\u9fff]{1,6}[（(](?:即|包括|含|分别为|分别是)?[:：]?"  # “四个一”工作机制（A、B、C、D）
    r"|(?:[（(][^（()）\n]{0,60}[）)]|[\u4e00-\u9fff]|\n(?=[\u4e00-\u9fff])){1,30}?"
    r"(?:(?P<colon>[:：])|[（(](?:即|包括|含|分别为|分别是)[:：]?)"
)


def _later_list(text: str, cand: _Cand, count: int) -> list[_Item] | None:
    """Members listed later in the name's sentence, after a colon (“7+1”(七室一中心)业务用房(…):A、B…),
    in a parenthesis opened by 即/包括 (“五大中心”建设已基本完成(即:A、B…)) or right after the name's
    head noun (“四个一”工作机制（A、B…）): a 、-list of exactly ``count`` items, ending with its clause
    or its parenthesis."""
    m = _LATER_LEAD.match(text, cand.outer_end)
    if not m:
        return None
    if m.group("colon"):
        stop = _CLAUSE_STOP.search(text, m.end(), m.end() + 400)
    else:
        stop = re.compile("[）)]").search(text, m.end(), m.end() + 400)
    if not stop or "\n\n" in text[m.end(): stop.start()]:
        return None
    items = [i for i in _split_items(text[m.end(): stop.start()], m.end(), "、") if i.text]
    if len(items) != count or any(len(i.text) > 30 for i in items):
        return None
    return items


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence from ``pos`` ends: at 。！？ or a line break, except a line break that the
    PDF text layer made (see :func:`_wrapped`)."""
    while True:
        end = _SENTENCE_END.search(text, pos)
        if not end:
            return len(text)
        if end.group() != "\n" or not _wrapped(text, end.start()):
            return end.start()
        pos = end.end()


_HAN_OR_LIST = re.compile(r"[\u4e00-\u9fff、]")
_OPENS_ITEM_LINE = re.compile(rf"[{_CN_DIGITS}]+[、是要．.]|[（(]|\d+[.、．]")


def _wrapped(text: str, nl: int) -> bool:
    """The line break at ``nl`` wraps a sentence rather than ending a paragraph: a list runs across it
    (A、B、\nC), or a full line of a PDF text layer (20 characters or more) breaks between two
    characters of running text (新生儿抢救\n中心), not before a numbered item."""
    before, after = text[nl - 1: nl], text[nl + 1: nl + 2]
    if before == "、" or after == "、":
        return True
    if not (_HAN_OR_LIST.match(before) and _HAN_OR_LIST.match(after)) or _OPENS_ITEM_LINE.match(text, nl + 1):
        return False
    line_start = text.rfind("\n", 0, nl) + 1
    return nl - line_start >= 20
