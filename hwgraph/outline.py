"""Outline: the numbered hierarchy of one document (第N篇 > 一、 > （一） > 1. > （1） > ①, and 一是…).

Entry point: :func:`build_outline`. It scans numbering markers in the cleaned text, decides which are
real (line or sentence starts, or the next number of a running sequence), nests them by rank, and
titles each heading. A table of contents (目录/提纲) is parsed the same way and merged in, which
recovers sections whose body a truncation gap cut away. Markers right after a gap whose section
cannot be known are left out instead of being attached to the wrong parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from hwgraph.types import CleanText, Section, SectionKind

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
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

_MARKER = re.compile(
    # the lookahead lets the engine skip most positions without trying every alternative
    rf"(?=[第（(其\d{_CN}\u2460-\u249b\u3220-\u3229])"
    rf"(?:(?P<part>第(?P<pn>[{_CN}\d]{{1,3}})(?:篇|部分|章)[\s:：、]*)"
    rf"|(?P<sec>[（(]\s*(?P<sn>[{_CN}]{{1,3}})\s*[）)]|(?P<sc>[\u3220-\u3229]))"
    rf"|(?P<sub>[（(]\s*(?P<un>\d{{1,2}})\s*[）)]|(?P<uc>[\u2474-\u2487]))"
    # 一、2023年工作回顾 is a heading; 一、二批 and 二、三季度 are not
    rf"|(?P<chap>(?P<cn>[{_CN}]{{1,3}})\s*[、．.](?![{_CN}]{{1,2}}[、，,季批级类期个项]))"
    rf"|(?P<item>(?<![\d.．])(?P<inum>\d{{1,2}})\s*(?:[、．.](?!\d)|[）)])|(?P<ic>[\u2488-\u249b]))"
    rf"|(?P<point>[\u2460-\u2473])"
    rf"|(?P<enum>(?P<en>[{_CN}]{{1,3}})[是要](?![的否])|(?P<en2>其[{_CN}]{{1,2}})[，,：:]))"
)
_SENTENCE_END = frozenset("。！？；;!?：:")
_CLOSERS = frozenset("”’」』）)】")
_COLON = re.compile("[：:]")
_TITLE_STOP = re.compile(r"[。！？；;!?\n]")
_TRAIL = "，,、：:；;。 \t\u3000\r"
# A heading longer than this that runs into its body on one line gets its end searched for.
_RUNON_LIMIT = 32

_TOC_HEAD = re.compile(r"^\s*(目\s*录|提\s*纲|目录\s*/\s*提纲)\s*[:：]?\s*[…\.]*\s*$")
_ELLIPSIS_LINE = re.compile(r"^\s*[…\.。·]{2,}\s*$")


def cn_int(s: str) -> int | None:
    """Value of a Chinese or Arabic numeral up to 999: 三 → 3, 十二 → 12, 二十 → 20, 31 → 31."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGITS and c not in "十百" for c in s):
        return None
    total, cur = 0, 0
    for c in s:
        if c == "百":
            total += (cur or 1) * 100
            cur = 0
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _CN_DIGITS[c]
    return total + cur


@dataclass(frozen=True)
class Marker:
    """A numbering marker found in the clean text (clean offsets)."""

    kind: SectionKind
    ordinal: int | None
    start: int
    end: int  # end of the label
    label: str
    boundary: str  # "line", "sentence", "clause" or "inline"


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
            label = m.group("en2")
        yield Marker(kind, num, s, s + len(label), label.strip(), _boundary(text, s))


def _kind_of(m: re.Match[str]) -> tuple[SectionKind | None, int | None]:
    g = m.group
    if g("part"):
        return SectionKind.PART, cn_int(g("pn"))
    if g("sec"):
        return SectionKind.SECTION, cn_int(g("sn")) if g("sn") else ord(g("sc")) - 0x3220 + 1
    if g("sub"):
        return SectionKind.SUBITEM, int(g("un")) if g("un") else ord(g("uc")) - 0x2474 + 1
    if g("chap"):
        return SectionKind.CHAPTER, cn_int(g("cn"))
    if g("item"):
        return SectionKind.ITEM, int(g("inum")) if g("inum") else ord(g("ic")) - 0x2488 + 1
    if g("point"):
        return SectionKind.POINT, ord(g("point")) - 0x2460 + 1
    if g("enum"):
        return SectionKind.ENUM, cn_int(g("en") or g("en2")[1:])
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
    if c in _SENTENCE_END:
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
        toc_nodes = _parse(text, toc[0], toc[1], [], end_limit=toc[1])
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
    return None


def _accept(m: Marker, last: dict, stack: list[_Node]) -> bool:
    """Is a syntactic marker a real heading here, given the numbering seen so far?"""
    kind, n, b = m.kind, m.ordinal, m.boundary
    if n is None or n == 0:
        return False
    if kind is SectionKind.PART:
        return b == "line"
    if kind is SectionKind.ENUM:
        prev = stack[-1].marker.ordinal if stack and stack[-1].marker.kind is SectionKind.ENUM else None
        if n == 1:
            return b != "inline"  # 统一是/唯一是 are words, not a list
        if prev is not None and n == prev + 1:
            return True  # the next 二是 of a running list, even after a garbled 。
        return b in ("line", "sentence") and prev is None and n <= 2
    seq = last.get(kind)
    follows = seq is not None and n == seq + 1
    if b == "line":
        return True
    if kind is SectionKind.CHAPTER:
        return b == "sentence" or (follows and n >= 2)
    if kind is SectionKind.ITEM:
        return b == "sentence" and (n == 1 or follows or seq is None)
    # bracketed and circled markers are explicit even mid-sentence when they continue a sequence
    return n == 1 or follows or (b == "sentence" and seq is None)


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


def _parse(text: str, start: int, end: int, gaps: list[int], end_limit: int) -> list[_Node]:
    attachments = _attachment_lists(text, start, end)
    roots: list[_Node] = []
    stack: list[_Node] = []
    last: dict[SectionKind, int] = {}
    pending_gaps = sorted(gaps)
    orphan_rank: int | None = None  # after a gap, markers deeper than this are of unknown place
    accepted: list[_Node] = []
    for m in scan_markers(text, start, end):
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
        if accepted and m.start < accepted[-1].marker.end:
            continue  # inside the label of the marker just taken
        if m.kind is SectionKind.PART and not text[start : m.start].strip():
            continue  # the 第N篇 label of the document itself
        if any(a <= m.start < b for a, b in attachments):
            continue
        if not _accept(m, last, stack):
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
    runon_kinds: set[SectionKind] = set()
    limits = []
    for i, node in enumerate(accepted):
        nxt = accepted[i + 1].marker.start if i + 1 < len(accepted) else end_limit
        if node.end < 0:
            node.end = nxt
        limits.append(min(nxt, node.end))
        s, e, cut = _title_range(text, node, limits[-1], gaps)
        node.title = (s, e)
        if cut:
            runon_kinds.add(node.marker.kind)
    for node, limit in zip(accepted, limits, strict=True):
        if node.marker.kind in runon_kinds:
            s, e, _ = _title_range(text, node, limit, gaps, runon_style=True)
            node.title = (s, e)
    return roots


def _title_range(
    text: str, node: _Node, limit: int, gaps: list[int], runon_style: bool = False
) -> tuple[int, int, bool]:
    """Clean range of a heading's title: after the marker, up to the first sentence end.

    A long heading sentence is a heading that runs into its body: its end is searched for. Once a
    document shows that style (``runon_style``), shorter heading sentences are searched too.
    Returns ``(start, end, cut)`` where ``cut`` tells whether a run-on end was found.
    """
    s = node.marker.end
    while s < limit and text[s] in " \t\u3000:：":
        s += 1
    for g in gaps:
        if s <= g < limit:
            limit = g
    m = _TITLE_STOP.search(text, s, limit)
    e = m.start() if m else limit
    ended_by_sentence = bool(m) and text[m.start()] != "\n"
    colon = _COLON.search(text, s, e)
    if colon and colon.start() - s <= 20 and node.marker.kind is not SectionKind.ENUM:
        return s, colon.start(), False  # （一）总体目标：到2025年… — the heading ends at the colon
    cut = False
    if ended_by_sentence and node.marker.kind in _RUNON_KINDS and e - s > (12 if runon_style else _RUNON_LIMIT):
        found = _runon_heading_end(text, s, e)
        cut = found < e
        e = found
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    return s, e, cut


_RUNON_KINDS = frozenset((SectionKind.CHAPTER, SectionKind.SECTION, SectionKind.PART, SectionKind.ITEM))


# Words that open the body of a section: when a heading runs into its body with no punctuation,
# the body nearly always starts with one of these.
_BODY_OPENERS = frozenset(
    "在 根据 按照 依据 围绕 对照 贯彻 贯彻落实 认真贯彻 深入贯彻 坚持 今年 全年 年内 一年来 今年以来 近年来 去年 "
    "截至 截止 目前 通过 针对 结合 为 以 各地 各部门 各单位 各有关部门 各级各类 全省 全市 全区 全县 全州 全镇 我省 我市 我区 我县 我局 我委 我镇 各级 "
    "自 随着 面对 经过 为了".split()
)
_BODY_VERBS = frozenset(
    "完善 推动 健全 健全完善 加强 推进 实施 开展 建立 强化 落实 深化 加快 提升 组织 召开 指导 启动 制定 出台 印发 "
    "成立 持续 全面 积极 扎实 认真 大力 不断 进一步 着力 建成 完成 印发 组建".split()
)
_HEAD_FINALS = frozenset(
    "处置 举措 扩容 改革 水平 服务 能力 建设 工作 体系 机制 发展 管理 防控 保障 成效 质量 格局 环境 安全 健康 任务 "
    "作用 成果 项目 行动 工程 制度 政策 效能 治理 阻击战 攻坚战 提质 布局 传承 创新 融合 覆盖 衔接 监管 底线".split()
)


def _runon_heading_end(text: str, s: int, e: int) -> int:
    """Where a heading that runs straight into its body (no punctuation between) ends.

    Candidate ends are word boundaries (jieba) and places where a multi-character body opener
    starts (jieba may glue 回顾|过去 together). The end is the first place where either a body
    opener starts (在, 根据, 过去一年, 各地…) or a typical body verb follows a typical heading-final
    noun (能力|健全, 水平|完善).
    """
    from hwgraph._jieba import cut

    limit = min(e, s + 60)
    starts: dict[int, str] = {}  # word starting at an offset
    ends: dict[int, str] = {}  # word ending at an offset
    pos = s
    for w in cut(text[s:limit]):
        starts[pos] = w
        pos += len(w)
        ends[pos] = w
    strong: int | None = None
    medium: int | None = None
    for p in range(s + 4, min(limit, s + 48)):
        if text[p - 1] in _NO_END_BEFORE:
            continue
        nxt = starts.get(p)
        prev = ends.get(p, "")
        opener = nxt in _BODY_OPENERS or _LONG_OPENERS.match(text, p) is not None
        if nxt == "为" and "以" in text[s:p]:
            opener = False  # the 为 of 以…为…, not a body starting with 为
        # 全省/我市 right after a verb is its object (推进全省…), not the start of the body
        if opener and not (prev in _BODY_VERBS and text[p] in "全我"):
            strong = p
            break  # the first clear opener: what follows is body, whatever it says later
        if medium is None and p - s >= 6 and nxt in _BODY_VERBS and any(text.endswith(h, s, p) for h in _HEAD_FINALS):
            medium = p
    # the earlier wins: a body verb after a heading noun, or an opener (能力|健全完善全省…)
    found = [p for p in (strong, medium) if p is not None]
    return min(found) if found else e


_NO_END_BEFORE = frozenset("，,、：:；;“‘（(《的和与及")
_LONG_OPENERS = re.compile(
    "|".join(
        sorted({o for o in _BODY_OPENERS if len(o) >= 2} | {"过去一年", "过去的一年", "五年来", "新征程上", "新的一年"},
               key=len, reverse=True)
    )
)


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
    return Section(
        label=n.marker.label,
        title=text[ts:te],
        kind=n.marker.kind,
        ordinal=n.marker.ordinal,
        start=start,
        end=end,
        title_start=tsrc[0],
        title_end=tsrc[1],
        children=tuple(_freeze(c, clean) for c in n.children),
        recovered=n.recovered,
    )


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
