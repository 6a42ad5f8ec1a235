"""Detection: every mention of a program name in a document slice, overlaps resolved.

Quoted names, glossary lines, lexicon names, plan periods, formulas, numeral + 大/项/条/件 + head
noun, and names defined in place right after an enumeration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

from hwgraph.lexicon import lexicon_labels, load_lexicon, program_key
from hwgraph.programs._patterns import (
    _ALL_CN_NUM,
    _ALL_HAN,
    _ASPECTS,
    _AWARDED,
    _CAMPAIGN_AFTER,
    _CLAUSE_END,
    _COUNT_WORD,
    _DETERMINERS,
    _DIGITS,
    _DISCIPLINES,
    _ENUM_HEADS,
    _ENUM_LAST,
    _ENUM_NUM,
    _FIVE,
    _FORMULA,
    _FORMULA_AT,
    _GENERIC,
    _GLOSS,
    _GLOSS_FIRST,
    _HAN_CHAR,
    _HAS_CN_NUM,
    _HEAD_ENDS,
    _HEAD_FREE,
    _HEAD_SET,
    _IDIOM_RE,
    _INITIATIVE_AFTER,
    _INITIATIVE_END,
    _INITIATIVE_VERBS,
    _MASK,
    _MONEY,
    _NAME_SPLIT,
    _NOT_AFTER_ONE,
    _NOT_AROUND_FORMULA,
    _NOT_BEFORE_HEAD,
    _NOT_BEFORE_NUM,
    _NOT_COUNTING,
    _NUMERIC_NAME,
    _ORDINAL,
    _ORDINAL_NOUNS,
    _ORDINAL_RESTS,
    _PART,
    _PERIOD,
    _PERIOD_AFTER,
    _PERIOD_BEFORE,
    _PLACES,
    _PLUS,
    _PLUS_NAME,
    _POLICY_VERB,
    _PREVENT,
    _QUOTED,
    _RANKED,
    _RANKING,
    _REST_OK,
    _TAILS,
    _TALLY,
    _TIME_UNITS,
    _TOP_N,
    _UNITS,
    _nfkc,
)
from hwgraph.programs._records import _Cand, _SpanSet
from hwgraph.programs._words import is_chengyu, is_function_word, is_verb, word_ends, words
from hwgraph.programs.count import _cn_value
from hwgraph.types import ProgramKind


@lru_cache(maxsize=8192)
def _numeric_name(q: str) -> ProgramKind | None:
    """The kind of a quoted text that names a numeric program (三大体系, 公卫20条), else None."""
    if len(q) > 12 or "第" in q[:3] or _is_set_phrase(q):
        return None
    if _ALL_CN_NUM.fullmatch(q):
        # 百千万 and 十百千 count tiers; 二十三 is a number and 双十一, 九一八 are dates
        return ProgramKind.NUMERIC if _cn_value(q) is None and any(c in "百千万" for c in q) else None
    m = _NUMERIC_NAME.fullmatch(q)
    if not m:
        return None
    num, rest, pre = m.group("num"), m.group("rest"), m.group("pre")
    if not rest or not _REST_OK.fullmatch(rest):
        return None
    if rest.startswith(_UNITS) or rest in _ORDINAL_RESTS or rest.lstrip("个大项类种条") in _ASPECTS:
        return None
    if num == "一" and (rest.startswith(_NOT_AFTER_ONE) or rest == "体" or pre.endswith(_DETERMINERS)):
        return None
    if q.startswith(_PLACES) or q.startswith(_PLACES + _NOT_COUNTING, len(pre)):
        return None
    if _RANKED.search(q) or _ORDINAL.search(q) or _MONEY.search(rest) or _is_tally(q):
        return None  # 保五争三拼第一, 五连冠, 世界500强: ranks and streaks; 两个10亿元, 40桥24隧: sums
    return ProgramKind.FORMULA if num.isdigit() else ProgramKind.NUMERIC


def _is_tally(q: str) -> bool:
    """``q`` counts things built (40桥24隧), not the parts of a program (as 3纵4横 may)."""
    return bool(_TALLY.fullmatch(q)) and any(len(d) > 1 for d in _DIGITS.findall(q))


@lru_cache(maxsize=16384)
def _quoted_kind(q: str, after: str, before: str = "") -> tuple[ProgramKind, tuple[str, ...]] | None:
    """Kind of a quoted text and, for a self-composite, its parts; None if it names no program.

    ``after`` needs no more than 3 characters and ``before`` no more than 4 (the longest initiative
    word and verb), so that repeated names hit the cache.
    """
    if not q:
        return None
    if _FORMULA.fullmatch(q):
        return ProgramKind.FORMULA, ()
    if _PERIOD.fullmatch(q):
        return ProgramKind.PERIOD, ()
    if _DIGITS.fullmatch(q) and 2 <= len(q) <= 6 and any(after.startswith(_INITIATIVE_AFTER, k) for k in (0, 2)):
        return ProgramKind.FORMULA, ()  # “136”工程, “16819”健康行动
    parts = tuple(p for p in _NAME_SPLIT.split(q) if p)
    if len(parts) >= 2 and program_key("".join(parts)) in load_lexicon():
        return _kind_of("".join(parts)), ()
    if len(parts) >= 2:
        if all(_numeric_name(p) or _FORMULA.fullmatch(p) for p in parts):
            return ProgramKind.NUMERIC, parts
        return None
    kind = _numeric_name(q)
    if kind is not None:
        return kind, ()
    if _MASK.search(q) or not 2 <= len(q) <= 14 or _RANKING.search(q) or _RANKED.search(q):
        return None  # 争先进位, 实现“二十二连丰”: competition slogans and streaks name no initiative
    if program_key(q) in load_lexicon() and not _HAS_CN_NUM.search(q):
        return ProgramKind.NAMED, ()
    if is_chengyu(q) or _IDIOM_RE.match(q):
        return None  # 实现“零的突破”, 推进“一张蓝图绘到底”
    if _PLUS_NAME.fullmatch(q):
        return ProgramKind.NAMED, ()
    if not _ALL_HAN.fullmatch(q) or after.startswith(_DISCIPLINES) or _spans_time(q):
        return None  # “道路与桥梁工程”专业群; “三年行动”, “百日攻坚”: a span of time and what fills it
    if words(q) == [q]:
        # a word of the dictionary is a metaphor (“绿色通道”机制, “家门口”) unless a campaign is named
        # after it (“满天星”行动, “千里马”行动)
        return (ProgramKind.NAMED, ()) if after.startswith(_CAMPAIGN_AFTER) else None
    if (
        after.startswith(_INITIATIVE_AFTER)
        or (len(q) >= 4 and q.endswith(_INITIATIVE_END))
        # 推行“最多跑一次” / 实现“最多跑一次”: a reform slogan as the object of a policy verb, closing
        # its clause (收受“红包”, 送到“家门口” are not: their verbs are not policy verbs)
        or (len(q) >= 4 and before.endswith(_INITIATIVE_VERBS) and after[:1] in _CLAUSE_END)
    ):
        return ProgramKind.NAMED, ()
    return None


@lru_cache(maxsize=16384)
def _read_quoted(
    raw: str, after: str, before: str
) -> tuple[str, ProgramKind, tuple[tuple[int, int], ...], bool, bool] | None:
    """What the quoted text ``raw`` names, given the characters after it (see :func:`_quoted_kind`)
    and the six before it: ``(name, kind, part spans relative to raw, weak, check)``, or None.

    ``check`` asks the caller to read the clause before the quote (:func:`_prevented`), which is
    longer than ``before``. Cached as a whole because the same quoted names recur, in a document and
    across a corpus, with the same few characters around them.
    """
    q = _nfkc(raw)
    got = _quoted_kind(q, after, before[-4:])
    if got is None:
        return (q, ProgramKind.NUMERIC, (), True, False) if _is_idiom(q) else None
    kind, parts = got
    if kind is ProgramKind.NUMERIC and _top_list(q, before):
        return None  # 入选“全国十大考古新发现”: a ranking one is selected into, not a program
    check = kind is ProgramKind.NAMED and program_key(q) not in load_lexicon()
    spans = _part_spans(raw, 0, parts) if parts else ()
    if not parts:
        q = "".join(_NAME_SPLIT.split(q))  # “双随机、一公开” names 双随机一公开
    # a bare count (“三类”, “八大类”, “四级”) says nothing of what it counts until the text lists it
    bare = kind is ProgramKind.NUMERIC and bool(_COUNT_WORD.fullmatch(q))
    return q, kind, spans, bare, check


def _spans_time(q: str) -> bool:
    """``q`` is a span of time and a campaign word (三年行动, 百日攻坚): it says how long, not what
    (“三年倍增”行动 says what)."""
    m = _NUMERIC_NAME.fullmatch(q)
    if not m or m.group("pre"):
        return False
    rest = m.group("rest")
    unit = next((u for u in _TIME_UNITS if rest.startswith(u)), None)
    return unit is not None and (rest == unit or rest.startswith(_CAMPAIGN_AFTER, len(unit)))


def _clause_before(text: str, pos: int) -> str:
    """The clause that ``pos`` ends, from just after the last clause punctuation (at most 40 characters)."""
    lo = max(pos - 40, 0)
    cut = max(text.rfind(c, lo, pos) for c in "，,。；;！？!?\n")
    return text[max(cut + 1, lo): pos]


def _top_list(q: str, before: str) -> bool:
    """``q`` is a list of the best (十大…, 百佳…) that ``before`` says something was selected into."""
    return bool(_AWARDED.search(before) and _TOP_N.search(q)) and not q.endswith(_HEAD_ENDS)


def _prevented(clause: str) -> bool:
    """The clause governs what follows by a verb of prevention (杜绝, 防止, 不搞, 整治), not as an action
    taken (开展打击…“亮剑行动” is an action: a policy verb comes first)."""
    last = max((m.start() for m in _PREVENT.finditer(clause)), default=-1)
    return last >= 0 and not _POLICY_VERB.search(clause, 0, last)


def _lexicon_matcher() -> re.Pattern[str]:
    labels = [re.escape(k) for k in lexicon_labels() if len(k) >= 2]
    return re.compile("|".join(labels))


_LEXICON_RE: re.Pattern[str] | None = None


def _detect(text: str) -> list[_Cand]:
    """Every mention candidate in ``text`` (folded document slice), overlaps resolved."""
    global _LEXICON_RE
    if _LEXICON_RE is None:
        _LEXICON_RE = _lexicon_matcher()
    cands: list[_Cand] = []
    quoted_spans: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        g = m.lastindex or 1  # the one alternative that matched
        s, e = m.start(g), m.end(g)
        ms, me = m.span()
        raw = text[s:e]
        quoted_spans.append((ms, me))
        # a long code takes a qualifier before its initiative word (“16819”健康行动)
        after = text[me: me + (5 if e - s > 4 and raw.isdigit() else 3)]
        got = _read_quoted(raw, after, text[max(0, ms - 6): ms])
        if got is None:
            continue
        q, kind, rel, weak, check = got
        if check and _prevented(_clause_before(text, ms)):
            continue  # 杜绝“形象工程”, 搞“政绩工程”: a fault to avoid, not an initiative
        parts = tuple([(s + a, s + b) for a, b in rel]) if rel else ()
        cands.append(_Cand(s, e, q, kind, 0, ms, me, weak=weak, parts=parts))
    inside = _SpanSet(quoted_spans)
    first = _GLOSS_FIRST.match(text)
    for m in chain([first] if first else [], _GLOSS.finditer(text)):
        name = _nfkc(m.group(1))
        if inside.overlaps(m.start(1), m.end(1)) and text[m.start(1) - 1: m.start(1)] in "“\"":
            continue
        if _numeric_name(name) or _FORMULA.fullmatch(name):
            kind = _numeric_name(name) or ProgramKind.FORMULA
            cands.append(_Cand(m.start(1), m.end(1), name, kind, 1, weak=True))
    for m in _LEXICON_RE.finditer(text):
        if inside.overlaps(m.start(), m.end()) or text[m.start() - 1: m.start()] in _NOT_BEFORE_NUM:
            continue
        name = _nfkc(m.group())
        kind = _kind_of(name)
        cands.append(_Cand(m.start(), m.end(), name, kind, 2, extras={"lexicon": True}))
    for m in _FIVE.finditer(text):
        # plan periods (十四五规划) are found from the rare 五 rather than by a scan at every character
        p = m.start()
        if not _PERIOD_AFTER.match(text, p + 1):
            continue
        before = _PERIOD_BEFORE.search(text, max(p - 2, 0), p)
        if not before or text[before.start() - 1: before.start()] in _NOT_BEFORE_NUM:
            continue
        if not inside.overlaps(before.start(), p + 1):
            cands.append(_Cand(before.start(), p + 1, text[before.start(): p + 1], ProgramKind.PERIOD, 3))
    cands.extend(_free_formulas(text, inside))
    for m in _HEAD_FREE.finditer(text):
        if inside.overlaps(m.start(), m.end()) or text[m.start() - 1: m.start()] in _NOT_BEFORE_HEAD:
            continue
        noun = m.group(3)
        if not _unquoted_ok(m.group()):
            continue
        end = _word_bounded(text, m.start(), m.end())
        if end is None:
            continue
        weak = noun in _GENERIC or m.group(1) == "一"  # 每做一件实事, 一大批重大工程: quantities
        cands.append(_Cand(m.start(), end, text[m.start():end], ProgramKind.NUMERIC, 5, weak=weak))
    cands.extend(_enum_defined(text, inside))
    return _resolve_overlaps(cands)


def _free_formulas(text: str, inside: _SpanSet) -> list[_Cand]:
    """Unquoted formulas (1+N, 1+5+1): found from their plus signs, which are rare, for speed."""
    out = []
    done = -1
    for m in _PLUS.finditer(text):
        p = m.start()
        if p < done or p == 0:
            continue
        s = p - 1
        while s > 0 and p - s < 2 and text[s - 1] in "0123456789xXnN":
            s -= 1
        f = _FORMULA_AT.match(text, s)
        if not f or f.end() <= p:
            continue
        done = f.end()
        if text[s - 1: s] in _NOT_AROUND_FORMULA or text[f.end(): f.end() + 1] in _NOT_AROUND_FORMULA:
            continue
        if inside.overlaps(s, f.end()):
            continue
        if f.group().count("+") >= 2 or any(c in "xXnN" for c in f.group()):
            cands = _Cand(s, f.end(), f.group(), ProgramKind.FORMULA, 4)
            out.append(cands)
    return out


def _kind_of(name: str) -> ProgramKind:
    if _FORMULA.fullmatch(name):
        return ProgramKind.FORMULA
    if _PERIOD.fullmatch(name):
        return ProgramKind.PERIOD
    if _HAS_CN_NUM.search(name):
        return ProgramKind.NUMERIC
    return ProgramKind.NAMED


def _is_idiom(q: str) -> bool:
    """An idiom or set phrase with a numeral that counts nothing (一刀切, 一举两得, 两张皮)."""
    return bool(_HAS_CN_NUM.search(q)) and _is_set_phrase(q)


@lru_cache(maxsize=8192)
def _is_set_phrase(q: str) -> bool:
    """``q`` is, or holds a word that is, a 成语 of jieba's dictionary or a set phrase of the stop list."""
    if _IDIOM_RE.search(q) or is_chengyu(q):
        return True
    return len(q) > 4 and any(len(w) >= 3 and is_chengyu(w) for w in words(q))


def _part_spans(raw: str, base: int, parts: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Offsets of the parts of a self-composite inside its quoted text."""
    spans = []
    for m in _PART.finditer(raw):
        spans.append((base + m.start(), base + m.end()))
    return tuple(spans) if len(spans) == len(parts) else ()


def _enum_defined(text: str, inside: _SpanSet) -> list[_Cand]:
    """Unquoted names right after an enumeration: A、B和C三件大事, A、B、C等x类慢病 (weak candidates)."""
    out = []
    for run in _ENUM_LAST.finditer(text):
        if text.startswith("、", run.end()):
            continue
        for m in _ENUM_NUM.finditer(text, run.start(1), run.end(1)):
            if text[m.start() - 1] in _NOT_BEFORE_NUM:
                continue
            num, mw, noun = m.group(2), m.group(3) or "", _trim_noun(m.group(4))
            if not noun or inside.overlaps(m.start(2), m.start(2) + 1):
                continue
            if num[0] in "xX" and not (m.group(1) and mw):
                continue
            name = num + mw + noun
            if not _unquoted_ok(name):
                continue
            start = m.start(2)
            end = start + len(name) if num[0] in "xX" else _word_bounded(text, start, start + len(name))
            if end is None:
                continue
            if not text.endswith(_ENUM_HEADS, start, end):
                end = _without_trailing_words(text, start + len(num) + len(mw), end)
            name = text[start:end]
            cands = _Cand(start, end, name, ProgramKind.NUMERIC, 6, weak=True)
            cands.extras["enum"] = True
            out.append(cands)
            break
    return out


def _word_bounded(text: str, start: int, end: int) -> int | None:
    """End of an unquoted name at ``text[start:end]`` that begins and ends on word boundaries, or None.

    A count starts a word of its own or of numeral + measure word (三|融合, 三项|机制, 四大|流域): in
    统一|大市场, 二氧化碳, 平急两用, 三甲医院 the numeral is part of another word (the name may be a
    word itself: 三位一体). 二 alone is an
    ordinal (二级指标, 增建二线: counts say 两). A name cut inside a word (四大流域内城|市, 两市实施地|质)
    is no name, unless the word continues its head noun (十大重点农业产业|链 → …产业链).
    """
    name = text[start:end]
    if (name[0] == "二" and not name.startswith("二十")) or "的" in name:
        return None
    lo, hi = max(start - 6, 0), min(end + 6, len(text))
    window = text[lo:hi]
    ends = sorted(word_ends(window))
    s, e = start - lo, end - lo
    if s not in ends:
        return None
    first = window[s: next(x for x in ends if x > s)]
    if not _COUNT_WORD.fullmatch(first) and (first != name or len(name) < 3):  # 三位一体 is a word
        return None
    if e in ends:
        return end
    word_start = max(x for x in ends if x < e)
    word_end = next(x for x in ends if x > e)
    if word_start > s + len(first) and window[word_start:e] in _HEAD_SET:
        return lo + word_end
    return None


def _without_trailing_words(text: str, noun_start: int, end: int) -> int:
    """End of an unquoted name without the words after its noun that the text went on with.

    A name ends on a noun: a function word (四个单位|根据) never ends one, nor does a verb that takes
    an object right after it (四个单位|推进工作). A verb that ends the clause is the noun itself
    (三级消协组织，), as is a one-character one (三条文化带建设), and a single word after the count
    stays (三融合工作).
    """
    ws = words(text[noun_start:end])
    while len(ws) > 1 and (
        is_function_word(ws[-1]) or (len(ws[-1]) > 1 and is_verb(ws[-1]) and _HAN_CHAR.match(text, end))
    ):
        end -= len(ws.pop())
    return end


def _unquoted_ok(name: str) -> bool:
    """An unquoted numeral + noun that is neither a quantity (两家) nor an ordinal name (区二医院)."""
    if name[0] in "xX":
        return True
    m = _NUMERIC_NAME.fullmatch(name)
    rest = m.group("rest") if m else ""
    return _numeric_name(name) is not None and not rest.startswith(_ORDINAL_NOUNS)


# the last head word ends where the first reversed head starts in the reversed noun; the first tail
# word starts where the alternation first matches: one search each instead of a find per word
_HEADS_REVERSED = re.compile("|".join(re.escape(h[::-1]) for h in _ENUM_HEADS))
_TAIL_WORD = re.compile("|".join(re.escape(t) for t in _TAILS))


def _trim_noun(noun: str) -> str:
    """The noun of an unquoted name: up to its last head word (中医服务网络), else cut at a tail word."""
    head = _HEADS_REVERSED.search(noun[::-1])
    if head is not None:
        return noun[: len(noun) - head.start()]
    tail = _TAIL_WORD.search(noun)
    return noun[: min(len(noun), 4, tail.start() if tail is not None else 4)]


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    kept: list[_Cand] = []
    taken = _SpanSet([])
    for c in sorted(cands, key=lambda c: (c.rank, -(c.end - c.start), c.start)):
        if taken.overlaps(c.outer_start, c.outer_end):
            continue
        kept.append(c)
        taken.add(c.outer_start, c.outer_end)
    return sorted(kept, key=lambda c: c.start)
