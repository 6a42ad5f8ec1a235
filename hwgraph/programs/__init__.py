"""Named programs: numeric policy slogans (三大体系, 一单四制, 1+5+1, 十四五), their members and counts.

Entry point :func:`find_programs` reads one :class:`~hwgraph.types.Document` and returns one
:class:`~hwgraph.types.Program` per program key. It works on the document's cleaned text and maps
every offset back to the source, so ``source.text[start:end]`` is the name or member as written.

Detection, in order of trust:

* quoted names: “三大体系”, “一单四制”, “1+5+1”, “十四五”, “三转变、三提高”, and quoted named
  initiatives without a numeral when an initiative word follows (“放管服”改革, “最多跑一次”改革);
* unquoted names the lexicon knows (三医联动, 四害), plan periods before 规划/时期 (十四五规划),
  formulas (1+N), numeral + 大/项/条/件 + a head noun (七大防治工程, 十项重点工作);
* unquoted names defined in place (A、B和C三件大事; A、B、C三融合), glossary lines (三医联动：是指…),
  bare counts (“八大类”) and numeral idioms (一刀切) only when the text gives them members that agree
  with their count.

A numeral that ranks, orders or belongs to another word names nothing: ranking slogans and streaks
(保五争三拼第一, 五连冠), ordinals (四经普, 三甲), places (八闽), scores, sums, spans of time (三年行动).
An unquoted name ends on its noun (四个单位, not 四个单位根据).

Members come from the text, in order: a definition that follows the name (“五个没有”：没有…，没有…)
or comes later in its sentence (“7+1”(…)业务用房：A、B…; “五大中心”建设已完成(即:A、B…)), the
一是…二是… that opens the next sentence, a 以A、B为“…” frame, a preceding enumeration (A、B、C“三大体系”),
the parts of a self-composite (两提高、两稳定、两降低), or programs nearby whose counts add up (“八小” =
“三小” + “五小”). Lists run across lines a PDF text layer wrapped. Only when the text spells none are
members taken from ontology/lexicon.ttl, marked as such.
"""

from __future__ import annotations

from collections.abc import Callable

from hwgraph._frozen import record_maker
from hwgraph.lexicon import program_key
from hwgraph.outline import section_finder
from hwgraph.programs._patterns import _FULLWIDTH
from hwgraph.programs._records import _Cand, _Group, _Index
from hwgraph.programs.count import _count_ok, stated_count
from hwgraph.programs.detect import _detect
from hwgraph.programs.format import program_json, programs_table
from hwgraph.programs.members import _abbreviation, _assign_members, _by_tail, _members_without_list
from hwgraph.types import Document, Member, MemberSource, Mention, Program, ProgramKind, Section

__all__ = ["find_programs", "program_json", "programs_table", "stated_count"]

# every field, in order
_program_record = record_maker(Program)
_mention = record_maker(Mention)
_member = record_maker(Member)


def find_programs(document: Document) -> list[Program]:
    """The named programs of ``document``, one per program key, in order of first mention."""
    clean = document.clean
    lo, hi = document.clean_start, document.clean_end
    raw = clean.text[lo:hi]
    text = _FULLWIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), raw) if _FULLWIDTH.search(raw) else raw
    cands = _detect(text)
    index = _Index(cands, text)
    for c in cands:
        _assign_members(text, c, index)
    kept = [c for c in cands if not c.weak or _weak_ok(c)]
    if len(kept) < len(cands):
        # a dropped name must not count as a nested program of a kept one
        cands, index = kept, _Index(kept, text)
        for c in cands:
            if "following" in c.extras:
                _assign_members(text, c, index, again=True)
    groups: dict[str, _Group] = {}
    for c in cands:
        key = program_key(c.name)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key, c.name, c.kind, stated_count(c.name, c.kind), [])
        g.cands.append(c)
        if c.items and c.items_score > g.score:
            g.items, g.score, g.source = c.items, c.items_score, MemberSource.TEXT
    ordered = list(groups.values())
    for g in list(ordered):
        if g.items is None:
            _abbreviation(g, groups, ordered, text)
    by_tail = _by_tail(ordered)
    for g in ordered:
        if g.items is None:
            _members_without_list(g, by_tail, text)
    section_of = section_finder(document.sections)
    return [_program(document, g, raw, lo, section_of) for g in ordered]


def _weak_ok(c: _Cand) -> bool:
    """A weak candidate stands only with members that agree with its count (or a masked count)."""
    if not c.items:
        return False
    count = stated_count(c.name, c.kind)
    if count is None:
        return len(c.items) >= 2 and "x" in c.name.lower()
    return c.items_score >= 3


def _program(
    document: Document, g: _Group, raw: str, lo: int, section_of: Callable[[int], Section | None]
) -> Program:
    clean = document.clean
    src = clean.source.text

    def span(s: int, e: int) -> tuple[int, int]:
        return clean.span(lo + s, lo + e)

    mentions = []
    for c in g.cands:
        s, e = span(c.start, c.end)
        mentions.append(_mention(s, e, src[s:e], section_of(s)))
    members = []
    for it in g.items or ():
        if it.start is None or it.end is None:
            members.append(_member(it.text, None, None, MemberSource.LEXICON, None))
            continue
        s, e = span(it.start, it.end)
        text = src[s:e] if src[s:e] == raw[it.start: it.end] else raw[it.start: it.end]
        if it.program_key:
            text = it.text
        members.append(_member(text, s, e, MemberSource.TEXT, it.program_key))
    count_ok = _count_ok(g.items or [], g.count) if g.items else None
    if g.kind is ProgramKind.FORMULA and len(g.items or ()) == g.name.count("+") + 1:
        count_ok = True  # “3+4”：“3”是指…，“4”是指…: one member per term

    return _program_record(
        document,
        g.name,
        g.key,
        g.kind,
        g.count,
        tuple(members),
        g.source if members else None,  # members_from
        count_ok,
        tuple(mentions),
        g.sense,
    )
