"""Members: the list a mention spells before its name (A、B、C“三大体系”, 以A、B为“两项支撑”) or after
it (see :mod:`hwgraph.programs.define`), and, when no mention spells one, abbreviations spelled nearby,
nested counts or the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from hwgraph.lexicon import load_lexicon, program_key, resolve
from hwgraph.programs._items import _conj_split, _split_items
from hwgraph.programs._patterns import (
    _ALIAS,
    _BOUNDARY,
    _DENG_END,
    _ENDS_GOVERNING,
    _FRAME_BA,
    _FRAME_YI,
    _GOVERNING,
    _GOVERNING_AT,
    _INSIDE_ITEM,
    _ITEM_NUMBER,
    _KEEP_AFTER_LEAD,
    _LEAD_CONJ,
    _LEAD_MAX,
    _LEAD_SET,
    _NUM_CHAR,
    _NUM_TAIL,
    _OBJECT_VERBS,
    _ONE_MEASURE,
    _ONLY_SEPS,
    _PREDICATE_TAIL,
    _QUANTITY,
    _SENTENCE_END,
    _SETTING_LEAD,
    _STARTS_SEP,
    _TAILS,
    _nfkc,
)
from hwgraph.programs._records import _Cand, _Group, _Index, _Item
from hwgraph.programs._words import (
    ends_in_verb,
    is_function_word,
    is_verb,
    may_open_with_function_word,
    words,
)
from hwgraph.programs.count import _cn_value, _count_ok, stated_count
from hwgraph.programs.define import _following, _part_labels, _repeated_word
from hwgraph.programs.detect import _is_idiom
from hwgraph.types import MemberSource, ProgramKind

# ---- members ------------------------------------------------------------------------------------

_LIST_SEP = re.compile("[、和及与]")  # what separates the items of a list spelled before a name


def _lead_chain(t: str, rest: int = 2) -> list[str]:
    """The governing words at the start of ``t`` (突出抓好 → 突出, 抓好), longest first at each step.

    A word is taken only if at least ``rest`` characters remain after it.
    """
    chain = []
    pos = 0
    while pos < len(t):
        for n in range(min(_LEAD_MAX, len(t) - pos), 0, -1):
            w = t[pos: pos + n]
            if w in _LEAD_SET and t.startswith("了", pos + n):
                n += 1
                w += "了"
            if w.rstrip("了") in _LEAD_SET and len(t) - pos - n >= rest and t[pos + n] not in _KEEP_AFTER_LEAD:
                chain.append(w)
                pos += n
                break
        else:
            break
    return chain


def _drop_lead(item: _Item, keep: int, rest: int = 2) -> _Item:
    chain = _lead_chain(item.text, rest)
    n = sum(len(w) for w in chain[: max(len(chain) - keep, 0)])
    if keep == 0:
        # a subject before the governing verb: 省医改领导小组印发A、B、C; 基本建成了区、镇、村; 对外贸易实现A
        for m in _GOVERNING.finditer(item.text, n):
            if len(item.text) - m.end() >= rest:
                n = max(n, m.end())
        # 加快发展A、B; 做大做强A、B
        while (m := _GOVERNING_AT.match(item.text, n)) and len(item.text) - m.end() >= rest:
            n = m.end()
    return _Item(item.text[n:], item.start + n, item.end, item.program_key)


def _drop_governing_word(first: _Item, others: list[_Item], rest: int) -> _Item:
    """The first item without the words that govern the whole list, when no other item opens with such
    a word (稳就业、稳金融 are members): prepositions and adverbs (针对孕产妇、儿童; 对东区、西区), a
    verb marked done by 了 (新建了东、西), and a one-character verb after an adverb (共设北区、南区).

    Other verbs stay: they open noun phrases as often as they govern (发热门诊、急诊; 手足口病、流感)."""
    n = _governing_lead(first.text)
    if not n or len(first.text) - n < rest or any(_governing_lead(o.text) for o in others):
        return first
    return _Item(first.text[n:], first.start + n, first.end, first.program_key)


def _governing_lead(text: str) -> int:
    """Length of the governing words that open ``text`` (see :func:`_drop_governing_word`), 0 if none."""
    if "了" not in text[1:6] and not may_open_with_function_word(text):
        return 0
    ws = words(text)
    k = 0
    while k < len(ws) - 1 and is_function_word(ws[k]):
        k += 1
    if k < len(ws) - 2 and ws[k + 1] == "了":
        k += 2
    elif 0 < k < len(ws) - 1 and len(ws[k]) == 1 and is_verb(ws[k]):
        k += 1
    return sum(len(w) for w in ws[:k])


def _drop_modifier(first: _Item, others: list[_Item]) -> _Item:
    """The first item without a 的-phrase that modifies the whole list (有竞争优势的新材料、特色装备)."""
    cut = first.text.rfind("的") + 1
    if cut <= 0 or len(first.text) - cut < 2 or any("的" in i.text for i in others):
        return first
    return _Item(first.text[cut:], first.start + cut, first.end, first.program_key)


def _fit(base: list[_Item], count: int | None) -> list[_Item]:
    """The enumeration's items: split at conjunctions when that is what makes them match the count."""
    if count is not None and len(base) < count:
        for trial in (base[:-1] + _conj_split(base[-1:]), _conj_split(base)):
            if len(trial) == count:
                return trial
    if count is None and len(base) == 1:
        return _conj_split(base)
    return base


def _preceding(text: str, cand: _Cand, index: _Index, count: int | None) -> list[_Item] | None:
    """Members spelled before the name: A、B、C“三大体系”, 以A、B为“两项支撑”, 推动A和B“双提升”."""
    end = cand.outer_start
    if cand.start == cand.outer_start and text[max(end - 1, 0): end] == "等":
        end -= 1
    start = index.clause_start(end)
    if end - start < 1:
        return None
    if count != 1 and _LIST_SEP.search(text, start, end) is None:
        # two items or more need a 、 or a conjunction between them (only “一大抓手” may name one):
        # most names have neither before them, and every check below would end in None
        return None
    for other in index.ending_in(start, end):
        if other is not cand and other.start < cand.start:
            rest = text[other.outer_end:end]
            if _ONLY_SEPS.match(rest):
                return None
            if _STARTS_SEP.match(rest):
                start = other.outer_end
    if _INSIDE_ITEM.match(text, cand.outer_end):
        return None  # 免费婚检、农村妇女“两癌”检查等: the name is part of an item, not the list's name
    seg = text[start:end]
    alias = _ALIAS.search(seg)
    if alias:
        seg = seg[: alias.start()]
    if not seg or seg.endswith(("”", '"')):
        return None
    d = _DENG_END.search(seg)
    if d:
        seg = seg[: d.start()]
    frame = _FRAME_YI.match(seg) or _FRAME_BA.match(seg)
    base_at = start
    if frame:
        base_at = start + frame.start(1)
        seg = frame.group(1)
    lead = _LEAD_CONJ.match(seg)
    if lead:
        base_at += lead.end()
        seg = seg[lead.end():]
    base = _split_items(seg, base_at, "、")
    if any(not i.text for i in base):
        return None
    if not frame and _governs_name(base[-1].text):
        return None  # 深度融入共建“一带一路”, 联通欧亚、辐射全球的高质量共建“一带一路”: the name is an object
    if not frame:
        base[-1] = _drop_predicate(base[-1])
    if any(_QUANTITY.search(i.text) for i in base[1:]):
        return None  # 经济总量连续迈上4万亿、5万亿“两个台阶”: figures, not members
    items = _fit(base, count)
    if count is not None and len(items) != count:
        # 提高A、B、C和残疾人“两项补贴”: a list of another length is not this name's (asked before
        # the first item is trimmed, which reads it word by word and never changes the count)
        return None
    if not frame:
        keep = min((len(_lead_chain(i.text)) for i in base[1:]), default=0)
        shortest = min((len(i.text) for i in items[1:]), default=2)
        first = _drop_lead(_drop_setting(items[0]), keep, min(shortest, 2))
        if keep == 0:
            first = _drop_governing_word(first, items[1:], min(shortest, 2))
        items[0] = _drop_setting(_drop_modifier(first, items[1:]))
    # one thing named: only when quoted or framed (以A为“一大抓手”); 每做一件实事 is a quantity
    single = count == 1 and _ONE_MEASURE.match(cand.name) and (frame or cand.outer_start < cand.start)
    if len(items) < 2 and not single:
        return None
    if _QUANTITY.search(items[0].text) or (single and ends_in_verb(items[0].text)):
        return None  # 发放高龄补贴32亿元、残疾人“两项补贴”; 从解决“一件事”: a figure, a verb and its object
    if any(i.text.count("“") != i.text.count("”") for i in items):
        return None  # 青海职业技术大学“道路、桥梁工程”专业群入选: a 、 inside quotes splits nothing
    if any(not i.text or len(i.text) > 30 or _lead_chain(i.text + "xx") == [i.text] for i in items):
        return None
    return items


def _governs_name(last: str) -> bool:
    """The list's last item ends in a verb or 的 that takes the name as its object or head noun, or in a
    conjunction that joins the name to it (新开、加密国际航线及“一带一路”航线)."""
    if last.endswith(("的", "及", "和", "与", "或")) or _ENDS_GOVERNING.search(last):
        return True  # …的“一带一路”, …及“一带一路”航线, 做大“三产”
    return last.endswith(_OBJECT_VERBS) and len(last) > 2


def _drop_predicate(item: _Item) -> _Item:
    """The last item without the predicate between the list and the name (人数连续3年实现“双下降”)."""
    m = _PREDICATE_TAIL.search(item.text, 2)
    if not m:
        return item
    return _Item(item.text[: m.start()], item.start, item.start + m.start(), item.program_key)


def _drop_setting(item: _Item) -> _Item:
    """The first item without a time and place it opens with (2025年全省A、B: 全省 is no part of A)."""
    n = _ITEM_NUMBER.match(item.text)
    m = _SETTING_LEAD.match(item.text, n.end() if n else 0)
    if not m or not m.end() or len(item.text) - m.end() < 2:
        return item
    return _Item(item.text[m.end():], item.start + m.end(), item.end, item.program_key)


def _nested(items: list[_Item], index: _Index) -> list[_Item]:
    """When every item holds exactly one program, the members are those programs (“三个三”)."""
    inner = []
    for it in items:
        found = index.within(it.start, it.end)
        if len(found) != 1:
            return items
        c = found[0]
        inner.append(_Item(c.name, c.start, c.end, program_key(c.name)))
    return inner


def _assign_members(text: str, cand: _Cand, index: _Index, again: bool = False) -> None:
    """Set the best member list one mention yields and how much it is trusted (3 best, 0 none).

    With ``again``, only a following definition is re-read (its nested programs may have changed).
    """
    count = stated_count(cand.name, cand.kind)
    masked = cand.kind is ProgramKind.NUMERIC and count is None and "x" in cand.name.lower()
    options: list[tuple[list[_Item], int]] = []
    got = cand.extras.get("following") if again else _following(text, cand, count, index)
    if got:
        cand.extras["following"] = got
        got = _nested(got, index)
        options.append((got, 3 if count is not None and _count_ok(got, count) else 2))
    if not again and not any(score == 3 for _, score in options):
        got = _part_labels(text, cand) if cand.kind is ProgramKind.FORMULA else _repeated_word(text, cand, count)
        if got:
            options.append((got, 3))
    if again:
        got = cand.extras.get("preceding")
    elif cand.kind is ProgramKind.NUMERIC and (count is not None or masked) and not _is_idiom(cand.name):
        got = cand.extras["preceding"] = _preceding(text, cand, index, count)
    else:
        got = None
    if got:
        ok = count is not None and _count_ok(got, count)
        options.append((got, 3 if ok else (2 if masked else 1)))
    cand.items, cand.items_score = max(options, key=lambda o: o[1]) if options else (None, 0)


def _by_tail(groups: Iterable[_Group]) -> dict[str, list[_Group]]:
    """Groups named numeral + tail (三小, 五小), by tail."""
    out: dict[str, list[_Group]] = {}
    for g in groups:
        m = _NUM_TAIL.fullmatch(g.name)
        if m and g.count is not None:
            out.setdefault(m.group(1), []).append(g)
    return out


def _sum_nested(prog: _Group, by_tail: dict[str, list[_Group]]) -> list[_Item] | None:
    """“八小” = “三小” + “五小”: nearby programs with the same tail whose counts add up to this one's."""
    count = prog.count
    m = _NUM_TAIL.fullmatch(prog.name)
    if count is None or not m:
        return None
    first = prog.cands[0]
    near = []
    for g in by_tail.get(m.group(1), ()):
        if g is prog or g.count >= count:
            continue
        c = min(g.cands, key=lambda c: abs(c.start - first.start))
        if abs(c.start - first.start) <= 400:
            near.append((c.start, g, c))
    near.sort(key=lambda x: x[0])
    if len(near) >= 2 and sum(g.count for _, g, _ in near) == count:
        return [_Item(g.name, c.start, c.end, g.key) for _, g, c in near]
    return None


def _context(text: str, start: int, end: int) -> str:
    """The sentence around a mention (at most 120 characters either side), for choosing a sense."""
    left = max(text.rfind(c, max(start - 120, 0), start) for c in "。！？\n")
    m = _SENTENCE_END.search(text, end, min(end + 120, len(text)))
    return text[max(left, start - 120, 0): m.end() if m else min(end + 120, len(text))]


@lru_cache(maxsize=256)
def _abbreviation_pattern(ch: str, n: int) -> re.Pattern[str]:
    """``n`` words in a 、-list that all start (高血压、高血糖…) or all end (宫颈癌、乳腺癌) with ``ch``."""
    ch = re.escape(ch)
    word = rf"[^{_BOUNDARY}、“”等]{{0,6}}"
    return re.compile(
        rf"(?<!、){ch}{word}(?:、{ch}{word}){{{n - 1}}}(?![^、{_BOUNDARY}“”等]*、)"
        rf"|(?<![^{_BOUNDARY}、“”]){word}{ch}(?:、{word}{ch}){{{n - 1}}}(?=[{_BOUNDARY}等“])"
    )


def _abbreviation(g: _Group, groups: dict[str, _Group], ordered: list[_Group], text: str) -> None:
    """Members spelled out nearby as words sharing the name's character: 三高 = 高血压、高血糖、高血脂.

    When the name goes on after that character (“三高中心”), the members belong to the shorter
    name (三高), which becomes a program of its own with the same mentions.
    """
    m = _NUM_CHAR.match(g.name)
    if not m or m.group(2) in "个大项条件种类位级":
        return
    n = _cn_value(m.group(1))
    if n is None or not 2 <= n <= 10:
        return
    first = g.cands[0]
    lo, hi = max(first.start - 150, 0), min(first.end + 200, len(text))
    if text.count(m.group(2), lo, hi) <= n:
        return  # fewer words with the character than members (the name holds one of them)
    found = _abbreviation_pattern(m.group(2), n).search(text, lo, hi)
    if not found:
        return
    items = _split_items(found.group(), found.start(), "、")
    last = items[-1]
    cut = min((i for t in _TAILS if (i := last.text.find(t, 2)) > 0), default=len(last.text))
    longest = max(len(i.text) for i in items[:-1])
    if cut > longest + 1 and found.group().startswith(m.group(2)):
        cut = longest  # 医疗、医保、医药协同发展: the last word runs on into the sentence
    items[-1] = _Item(last.text[:cut], last.start, last.start + cut)
    if len(items) != n or any(len(i.text) < 2 for i in items):
        return
    short = m.group()
    if short == g.name:
        g.items, g.source = items, MemberSource.TEXT
        return
    key = program_key(short)
    sub = groups.get(key)
    if sub is None:
        longer = [c for o in ordered if o.name.startswith(short) and o.name != short for c in o.cands]
        cands = [_Cand(c.start, c.start + len(short), short, ProgramKind.NUMERIC, c.rank) for c in longer]
        cands.sort(key=lambda c: c.start)
        sub = groups[key] = _Group(key, short, ProgramKind.NUMERIC, n, cands)
        ordered.insert(ordered.index(g), sub)
    if sub.items is None:
        sub.items, sub.source = items, MemberSource.TEXT


def _members_without_list(g: _Group, by_tail: dict[str, list[_Group]], text: str) -> None:
    """Members when no mention spells a list: composite parts, nested counts, else the lexicon."""
    for c in g.cands:
        if c.parts:
            g.items = [_Item(_nfkc(text[s:e]), s, e, program_key(text[s:e])) for s, e in c.parts]
            g.source = MemberSource.TEXT
            return
    nested = _sum_nested(g, by_tail)
    if nested:
        g.items, g.source = nested, MemberSource.TEXT
        return
    if g.key not in load_lexicon():
        return  # no sense to choose, so no context to cut out
    for c in g.cands:
        sense = resolve(g.name, _context(text, c.start, c.end))
        if sense is not None:
            g.sense = sense.iri
            if sense.members:
                g.items = [_Item(m, None, None) for m in sense.members]
                g.source = MemberSource.LEXICON
            return
