"""Outline: the numbered hierarchy of one document (第N篇 > 一、 > （一） > 1. > （1） > ①, and 一是…).

Entry point: :func:`build_outline`. It scans numbering markers in the cleaned text, decides which are
real (line or sentence starts, or the next number of a running sequence), nests them by rank, and
titles each heading. A table of contents (目录/提纲) is parsed the same way and merged in, which
recovers sections whose body a truncation gap cut away. Markers right after a gap whose section
cannot be known are left out instead of being attached to the wrong parent.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from hwgraph._frozen import record_maker
from hwgraph.meta import GENRE
from hwgraph.numerals import cn_number
from hwgraph.runon import NONE, HeadingEnds, opens_body
from hwgraph.types import CleanText, Section, SectionKind

_CN = "一二三四五六七八九十"

RANK = {
    SectionKind.PART: 0,
    SectionKind.CHAPTER: 1,
    SectionKind.SECTION: 2,
    SectionKind.ITEM: 3,
    SectionKind.SUBITEM: 4,
    SectionKind.POINT: 5,
    SectionKind.ENUM: 6,
}

# Every marker opens with one of these characters. The pattern consumes it first, so that the engine
# searches for it at C speed (a pattern that opens with a lookahead or a group is tried at every
# position); each alternative checks that character by a lookbehind, and its groups hold what
# follows it (_kind_of reads the character from the match). Every alternative but a circled number
# needs one of the characters of the lookahead next: most numerals (进一步, 2.3亿) stop there.
_MARKER = re.compile(
    rf"[第（(其\d{_CN}\u2460-\u249b\u3220-\u3229]"
    rf"(?:(?=[{_CN}\d\s、．.）)是要])|(?<=[\u2460-\u249b\u3220-\u3229]))(?:"
    rf"(?P<part>(?<=第)(?P<pn>[{_CN}\d]{{1,3}})(?:篇|部分|章)[\s:：、]*)"
    rf"|(?P<sec>(?<=[（(])\s*(?P<sn>[{_CN}]{{1,3}})\s*[）)]|(?<=[\u3220-\u3229])(?P<sc>))"
    rf"|(?P<sub>(?<=[（(])\s*(?P<un>\d{{1,2}})\s*[）)]|(?<=[\u2474-\u2487])(?P<uc>))"
    # 一、2023年工作回顾 is a heading; 一、二批 and 二、三季度 are not
    rf"|(?P<chap>(?<=[{_CN}])(?P<cn>[{_CN}]{{0,2}})\s*[、．.](?![{_CN}]{{1,2}}[、，,季批级类期个项]))"
    # 1.5倍 is a number, but 20.2026年10件民生实事 is item 20 about a year
    rf"|(?P<item>(?<=\d)(?<![\d.．].)(?P<inum>\d?)\s*(?:[、．.](?!\d)|[．.](?=(?:19|20)\d\d年)|[）)])"
    rf"|(?<=[\u2488-\u249b])(?P<ic>))"
    rf"|(?P<point>(?<=[\u2460-\u2473]))"
    rf"|(?P<enum>(?<=[{_CN}])(?P<en>[{_CN}]{{0,2}})[是要](?![的否])|(?<=其)(?P<en2>[{_CN}]{{1,2}})[，,：:]))"
)
# the genre word that ends a document title, right before a marker (…2024年工作要点一、总体要求)
_TITLE_END = re.compile(rf"{GENRE}$")
# characters that make 一 the end of a word (统一, 唯一, 之一, 同一, 单一, 第一, 专一, 逐一, 万一, 合一)
_ENDS_IN_ONE = frozenset("统唯之同单第专逐万合划归")
_SENTENCE_END = frozenset("。！？；;!?：:")
_CLOSERS = frozenset("”’」』）)】")
_COLON = re.compile("[：:]")
_TITLE_STOP = re.compile(r"[。！？；;!?\n]")
_TRAIL = "，,、：:；;。… \t\u3000\r"

_TOC_HEAD = re.compile(r"^\s*(目\s*录|提\s*纲|目录\s*/\s*提纲)\s*[:：]?\s*[…\.]*\s*$")
_ELLIPSIS_LINE = re.compile(r"^\s*[…\.。·]{2,}\s*$")


def cn_int(s: str) -> int | None:
    """Value of a Chinese or Arabic numeral: 三 → 3, 十二 → 12, 二十 → 20, 31 → 31 (None if it is not
    one well-formed number: 八八, 百). Read by cn2an through :func:`hwgraph.numerals.cn_number`."""
    return cn_number(s.strip())


@dataclass(frozen=True)
class Marker:
    """A numbering marker found in the clean text (clean offsets)."""

    kind: SectionKind
    ordinal: int | None
    start: int
    end: int  # end of the label
    label: str
    boundary: str  # "line", "sentence", "clause" or "inline"
    enumerated: bool = False  # right after 、 or 第: a count in a list (第一、二、三产业), no heading
    in_word: bool = False  # 一是 ending a word: 统一是, 唯一是, 之一是, 第一是
    after_title: bool = False  # right after a word that ends a document title (…工作要点一、)


_marker = record_maker(Marker)  # every field, in order


def scan_markers(text: str, start: int = 0, end: int | None = None) -> Iterator[Marker]:
    """Every syntactic numbering marker in ``text[start:end]``, with what precedes it."""
    end = len(text) if end is None else end
    for m in _MARKER.finditer(text, start, end):
        kind, num = _kind_of(m)
        if kind is None:
            continue
        s = m.start()
        label = m.group(0).rstrip(" \t\u3000:：") if kind is SectionKind.PART else m.group(0)
        if kind is SectionKind.ENUM and m.group("en2"):
            label = "其" + m.group("en2")
        enumerated = s > 0 and text[s - 1] in "、第"
        in_word = s > 0 and text[s - 1] in _ENDS_IN_ONE
        after_title = kind is SectionKind.CHAPTER and _TITLE_END.search(text, max(0, s - 4), s) is not None
        yield _marker(kind, num, s, s + len(label), label.strip(), _boundary(text, s), enumerated, in_word,
                      after_title)


def _kind_of(m: re.Match[str]) -> tuple[SectionKind | None, int | None]:
    g = m.group
    first = g()[0]  # the character the marker opens with, outside every group (see _MARKER)
    kind = m.lastgroup  # each alternative is one named group, closed last
    if kind == "part":
        return SectionKind.PART, cn_int(g("pn"))
    if kind == "sec":
        return SectionKind.SECTION, cn_int(g("sn")) if g("sn") else ord(first) - 0x3220 + 1
    if kind == "sub":
        return SectionKind.SUBITEM, int(g("un")) if g("un") else ord(first) - 0x2474 + 1
    if kind == "chap":
        return SectionKind.CHAPTER, cn_int(first + g("cn"))
    if kind == "item":
        return SectionKind.ITEM, int(first + g("inum")) if g("inum") is not None else ord(first) - 0x2488 + 1
    if kind == "point":
        return SectionKind.POINT, ord(first) - 0x2460 + 1
    if kind == "enum":
        return SectionKind.ENUM, cn_int(first + g("en") if g("en") is not None else g("en2"))
    return None, None


def _boundary(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] in " \t\u3000\r":
        j -= 1
    if j < 0 or text[j] == "\n":
        return "line"
    c = text[j]
    if c in _CLOSERS and j > 0 and text[j - 1] in _SENTENCE_END:
        return "sentence"
    if c in _SENTENCE_END or c == "…":  # ……一、 after an ellipsis (a run-on table of contents)
        return "sentence"
    if c in "，,":
        return "clause"
    return "inline"


# ---- building the tree --------------------------------------------------------------------------


@dataclass
class _Node:
    marker: Marker
    parent: _Node | None
    children: list[_Node] = field(default_factory=list)
    end: int = -1
    title: tuple[int, int] = (0, 0)  # clean offsets
    stop: str = ""  # what ended the title: see _title_range
    recovered: bool = False

    @property
    def rank(self) -> int:
        return RANK[self.marker.kind]


def build_outline(clean: CleanText, start: int, end: int) -> tuple[tuple[Section, ...], bool]:
    """The outline of the document at clean range ``[start, end)``.

    Returns the top-level sections and whether a table of contents was found and merged.
    """
    text = clean.text
    toc = _find_toc(text, start, end)
    gaps = [g for g in clean.gap_positions if start <= g <= end]
    if toc:
        toc_nodes = _parse(text, toc[0], toc[1], [], end_limit=toc[1], toc=True)
        body = _parse(text, toc[1], end, gaps, end_limit=end)
        roots = _merge_toc(body, toc_nodes)
    else:
        roots = _parse(text, start, end, gaps, end_limit=end)
    return tuple(_freeze(n, clean) for n in roots), bool(toc)


def _find_toc(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Clean range of a table of contents: a 目录/提纲 line and the heading lines under it."""
    pos = start
    limit = min(end, start + 3000)
    while pos < limit:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        if _TOC_HEAD.match(text, pos, line_end) or _TOC_HEAD.match(text[pos:line_end]):
            toc_start = line_end + 1
            p = toc_start
            entries = 0
            while p < end:
                nl2 = text.find("\n", p, end)
                le = end if nl2 < 0 else nl2
                line = text[p:le]
                if _ELLIPSIS_LINE.match(line):
                    p = le + 1
                    break
                first = next(scan_markers(line), None)
                if not line.strip() or first is None or first.start > 2 or len(line) > 80 or "。" in line:
                    break
                entries += 1
                p = le + 1
            return (toc_start, min(p, end)) if entries >= 2 else None
        if nl < 0:
            break
        pos = nl + 1
    return _find_runon_toc(text, start, limit)


_TOC_INLINE = re.compile(r"(目\s*录|提\s*纲|目录\s*/\s*提纲)\s*[:：]\s*[…\.]*")
_ELLIPSIS = re.compile(r"[…]{2,}|\.{6,}|…{1}\.{3,}")


def _find_runon_toc(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """A table of contents in a copy without line breaks: 目录/提纲：…… then headings up to the next
    ellipsis (目录/提纲:……一、…(一)…(十)…… then the title again and the body)."""
    m = _TOC_INLINE.search(text, start, limit)
    if m is None:
        return None
    stop = _ELLIPSIS.search(text, m.end(), min(len(text), m.end() + 3000))
    if stop is None:
        return None
    toc = text[m.end() : stop.start()]
    if "。" in toc or sum(1 for _ in scan_markers(toc)) < 2:
        return None
    return m.end(), stop.end()


def _accept(m: Marker, last: dict, stack: list[_Node], later: list[Marker]) -> bool:
    """Is a syntactic marker a real heading here, given the numbering seen so far?

    ``later`` holds the markers after ``m``: a ``1.`` glued to the heading before it (a copy that
    lost its line breaks: …阻击战1.慎终如始…。2.…) is a heading when a ``2.`` follows as one.
    """
    kind, n, b = m.kind, m.ordinal, m.boundary
    if n is None or n == 0:
        return False
    if kind is SectionKind.PART:
        return b in ("line", "sentence")
    if kind is SectionKind.ENUM:
        prev = stack[-1].marker.ordinal if stack and stack[-1].marker.kind is SectionKind.ENUM else None
        if n == 1:
            if b != "inline":
                return True
            # 统一是/唯一是/之一是 are words; a 一是 glued to the heading before it (…疫情防控一是抓好…)
            # opens a list when a 二是 follows as one
            return not m.in_word and _second_enum_follows(later)
        if prev is not None and n == prev + 1:
            return True  # the next 二是 of a running list, even after a garbled 。
        return b in ("line", "sentence") and prev is None and n <= 2
    seq = last.get(kind)
    follows = seq is not None and n == seq + 1
    if b == "line":
        return True
    if kind is SectionKind.CHAPTER:
        # 第一、二、三产业: a numeral after 、 or 第 counts things, it opens no chapter
        # 一、 glued to the title before it (…工作要点一、总体要求…) opens the outline
        return b == "sentence" or (follows and n >= 2 and not m.enumerated) or (n == 1 and m.after_title)
    if kind is SectionKind.ITEM:
        if b == "sentence":
            # one item may have been lost to a number glued to it (21.5+2就业之家): 20 → 22
            return n == 1 or follows or seq is None or n == seq + 2
        return follows or (n == 1 and _second_item_follows(m, later))
    # bracketed and circled markers are explicit even mid-sentence when they continue a sequence
    return n == 1 or follows or (b == "sentence" and seq is None)


def _second_enum_follows(later: list[Marker]) -> bool:
    """Is the next 一是-style marker a 二是 after a stop, before any heading?"""
    for m in later:
        if m.kind is not SectionKind.ENUM:
            if m.boundary in ("line", "sentence"):
                return False
            continue
        return m.ordinal == 2 and m.boundary in ("line", "sentence", "clause")
    return False


def _second_item_follows(first: Marker, later: list[Marker]) -> bool:
    """Does a ``2.`` written like ``first`` follow as a heading (opening a sentence, or with a ``3.``
    after it), before any bigger heading? Items of a list that lost its line breaks
    (…政务公开1.落实…单位2.加强…3.…)."""
    items = []
    for m in later:
        if RANK[m.kind] < RANK[SectionKind.ITEM] and m.boundary in ("line", "sentence"):
            break
        if m.kind is SectionKind.ITEM and m.ordinal == len(items) + 2 and m.label[-1:] == first.label[-1:]:
            items.append(m)
            if m.boundary in ("line", "sentence") or len(items) == 2:
                return True
    return False


_ATTACHMENT = re.compile(r"[ \t\u3000]*附\s*件\s*\d*\s*[:：]?")


def _attachment_lists(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges of 附件：1.… 2.… lists: the names of attached files, not sections of the outline."""
    out = []
    pos = text.find("附", start, end)
    while pos >= 0:
        line_start = text.rfind("\n", start, pos) + 1 if pos > start else start
        m = _ATTACHMENT.match(text, line_start, end)
        if m and line_start <= pos < m.end():
            stop = m.end()
            while stop < end:
                nl = text.find("\n", stop, end)
                le = end if nl < 0 else nl
                line = text[stop:le].strip()
                if stop > m.end() and (not line or len(line) > 40 or "。" in line or not line[0].isdigit()):
                    break
                stop = le + 1
            out.append((line_start, min(stop, end)))
            pos = text.find("附", min(stop, end), end)
        else:
            pos = text.find("附", pos + 1, end)
    return out


def _parse(text: str, start: int, end: int, gaps: list[int], end_limit: int, toc: bool = False) -> list[_Node]:
    """The section tree of clean ``[start, end)``. In a table of contents (``toc``) entries carry no
    punctuation, so a marker glued to the entry before it opens an entry all the same."""
    attachments = _attachment_lists(text, start, end)
    roots: list[_Node] = []
    stack: list[_Node] = []
    last: dict[SectionKind, int] = {}
    pending_gaps = sorted(gaps)
    orphan_rank: int | None = None  # after a gap, markers deeper than this are of unknown place
    accepted: list[_Node] = []
    markers = list(scan_markers(text, start, end))
    for i, m in enumerate(markers):
        while pending_gaps and pending_gaps[0] <= m.start:
            g = pending_gaps.pop(0)
            # the section open at the gap lost its end: close it there and forget deeper state
            structural = [n for n in stack if n.marker.kind is not SectionKind.ENUM]
            deepest = structural[-1] if structural else None
            for n in stack:
                if n.end < 0:
                    n.end = g
            if deepest is not None:
                orphan_rank = deepest.rank
                stack = stack[: stack.index(deepest)]
            else:
                orphan_rank, stack = None, []
            # numbers lost in the gap: the next marker of each deeper kind may jump ((一) … (四))
            for kind in [k for k in last if orphan_rank is None or RANK[k] >= orphan_rank]:
                del last[kind]
        if accepted and m.start < accepted[-1].marker.end:
            continue  # inside the label of the marker just taken
        if m.kind is SectionKind.PART and not text[start : m.start].strip():
            continue  # the 第N篇 label of the document itself
        if any(a <= m.start < b for a, b in attachments):
            continue
        if toc and m.boundary == "inline":
            m = replace(m, boundary="sentence")
        if not _accept(m, last, stack, markers[i + 1 : i + 40]):
            continue
        rank = RANK[m.kind]
        if orphan_rank is not None:
            if rank > orphan_rank:
                continue
            orphan_rank = None
        while stack and (stack[-1].rank >= rank if m.kind is not SectionKind.ENUM else stack[-1].rank == rank):
            stack.pop().end = m.start
        node = _Node(m, stack[-1] if stack else None)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        accepted.append(node)
        if m.kind is not SectionKind.ENUM:
            last[m.kind] = m.ordinal
    for n in stack:
        if n.end < 0:
            n.end = end_limit
    for i, node in enumerate(accepted):
        nxt = accepted[i + 1].marker.start if i + 1 < len(accepted) else end_limit
        if node.end < 0:
            node.end = nxt
        node.title, node.stop = _title_range(text, node, min(nxt, node.end), gaps)
    _split_glued_titles(text, accepted, start, end_limit)
    return _drop_untitled(roots)


def _drop_untitled(nodes: list[_Node]) -> list[_Node]:
    """A marker with no words after it (二、 right before （一）, or at the very end) heads nothing:
    it is left out and what it seemed to hold moves up to its place."""
    out: list[_Node] = []
    for n in nodes:
        n.children = _drop_untitled(n.children)
        if n.title[1] > n.title[0]:
            out.append(n)
        else:
            for c in n.children:
                c.parent = n.parent
            out.extend(n.children)
    return out


def _title_range(text: str, node: _Node, limit: int, gaps: list[int]) -> tuple[tuple[int, int], str]:
    """Clean range of a heading's title and what ended it.

    The title runs from the marker to the end of its line or its first sentence (or to a colon
    close to the marker: （一）工作目标：到2025年…). A marker alone on its line takes the next line.
    What ended it: ``"line"``, ``"colon"``, ``"limit"`` (the next heading or a gap) or
    ``"sentence"`` (a full stop, where a heading that lost its line break may have swallowed the
    lead sentence of its body: see :func:`_split_glued_titles`).
    """
    s = node.marker.end
    while s < limit and text[s] in " \t\u3000:：":
        s += 1
    if s < limit and text[s] in "\r\n" and node.marker.boundary == "line":
        while s < limit and text[s] in " \t\u3000\r\n":
            s += 1  # 一、 alone on its line: the title is the next line
    for g in gaps:
        if s <= g < limit:
            limit = g
    m = _TITLE_STOP.search(text, s, limit)
    e = m.start() if m else limit
    stop = "limit" if m is None else ("line" if text[e] == "\n" else "sentence")
    colon = _COLON.search(text, s, e)
    if colon and colon.start() - s <= 20 and node.marker.kind is not SectionKind.ENUM:
        e, stop = colon.start(), "colon"
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    return (s, e), stop


# A heading sentence longer than this, even at a line start, has swallowed the start of its body.
_RUNON_LIMIT = 32


def _line_goes_on(text: str, i: int) -> bool:
    """Does the line go on after the sentence that ends at ``i`` (more than closing marks)?"""
    j = i
    while j < len(text) and text[j] in "。！？；;!?”’」』）) \t\u3000\r":
        j += 1
    return j < len(text) and text[j] != "\n"


def _split_glued_titles(text: str, nodes: list[_Node], start: int, end: int) -> None:
    """Cut the lead sentence off headings that lost the line break after them.

    Sibling headings share one layout, so the decision is taken per group of siblings: they carry
    glued leads when the model of :mod:`hwgraph.runon` prefers a seam to "all heading" on average.
    A heading whose sentence goes on with what only opens a body (在…下, 2025年是…) is cut anyway.
    Headings at line starts whose sentences are heading-sized are left alone: there the line break
    survived and a full stop after the heading is the heading's own (（一）加强组织建设。…).
    """
    groups: dict[tuple[int, SectionKind], list[_Node]] = {}
    for n in nodes:
        # a long title cut at a colon may be a heading and the start of its body: 三、2026年重点工作
        # 政府工作的总体要求是：…
        suspect = n.stop == "sentence" or (n.stop == "colon" and n.title[1] - n.title[0] > 12)
        if suspect and n.marker.kind is not SectionKind.ENUM:
            groups.setdefault((id(n.parent), n.marker.kind), []).append(n)
    ends: HeadingEnds | None = None
    # where the document kept its line breaks, a list inside a paragraph ((1)…。(2)…。) is prose too
    lined = text.count("\n", start, end) * 300 > end - start
    for members in groups.values():
        at_line_start = lined or sum(n.marker.boundary == "line" for n in members) * 2 > len(members)
        if at_line_start and not any(
            n.title[1] - n.title[0] > _RUNON_LIMIT and _line_goes_on(text, n.title[1])
            and opens_body(text, n.title[0] + 4, n.title[1]) for n in members
        ):
            # headings on their own lines, or with their body after a full stop: where line breaks
            # survive, only a sentence that runs on into words that open a body is suspect
            continue
        ends = ends or HeadingEnds(text[start:end])
        ranked = [ends.rank(text[n.title[0] : n.title[1]]) for n in members]
        glued = sum(r.margin for r in ranked if r.end != NONE) > 0
        for n, r in zip(members, ranked, strict=True):
            if r.end != NONE and (glued or r.opener):
                s, e = n.title[0], n.title[0] + r.end
                while e > s and text[e - 1] in _TRAIL:
                    e -= 1
                n.title = (s, e)


def _merge_toc(body: list[_Node], toc: list[_Node]) -> list[_Node]:
    """Merge TOC entries into the body outline: matched in order, the rest recovered."""
    merged: list[_Node] = []
    bi = 0
    for t in toc:
        j = next(
            (k for k in range(bi, len(body)) if body[k].marker.kind is t.marker.kind
             and body[k].marker.ordinal == t.marker.ordinal),
            None,
        )
        if j is None:
            merged.append(_recovered(t))
            continue
        merged.extend(body[bi:j])
        b = body[j]
        b.children = _merge_toc(b.children, t.children)
        merged.append(b)
        bi = j + 1
    merged.extend(body[bi:])
    return merged


def _recovered(t: _Node) -> _Node:
    t.recovered = True
    for c in t.children:
        _recovered(c)
    return t


def _freeze(n: _Node, clean: CleanText) -> Section:
    text = clean.text
    ts, te = n.title
    start, _ = clean.span(n.marker.start, n.marker.end)
    end_clean = n.end
    while end_clean > n.marker.end and text[end_clean - 1] in " \t\u3000\r\n":
        end_clean -= 1
    if n.recovered:
        end_clean = te
    tsrc = clean.span(ts, te)
    _, end = clean.span(n.marker.start, max(end_clean, n.marker.end))
    return _section(
        n.marker.label,
        text[ts:te],  # title
        n.marker.kind,
        n.marker.ordinal,
        start,
        end,
        tsrc[0],  # title_start
        tsrc[1],  # title_end
        tuple(_freeze(c, clean) for c in n.children),
        n.recovered,
    )


_section = record_maker(Section)  # every field, in order


def iter_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    """All sections of a tree, depth first in document order."""
    for s in sections:
        yield s
        yield from iter_sections(s.children)


def section_at(sections: tuple[Section, ...], offset: int) -> Section | None:
    """The innermost non-recovered section whose source range contains ``offset``."""
    found = None
    level = sections
    while True:
        inner = next((s for s in level if not s.recovered and s.start <= offset < s.end), None)
        if inner is None:
            return found
        found, level = inner, inner.children


def section_finder(sections: tuple[Section, ...]) -> Callable[[int], Section | None]:
    """:func:`section_at` for many offsets: the innermost section by bisection over the
    points where it changes (a depth-first walk), or section_at itself if the tree is not nested."""
    points: list[int] = []
    inner: list[Section | None] = []

    def walk(level: tuple[Section, ...], parent: Section | None) -> None:
        for sec in level:
            if sec.recovered:
                continue
            points.append(sec.start)
            inner.append(sec)
            walk(sec.children, sec)
            points.append(sec.end)
            inner.append(parent)

    walk(sections, None)
    if any(b < a for a, b in pairwise(points)):
        return lambda offset: section_at(sections, offset)

    def find(offset: int) -> Section | None:
        k = bisect.bisect_right(points, offset) - 1
        return inner[k] if k >= 0 else None

    return find
