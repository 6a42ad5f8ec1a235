"""Responsibilities: which organization leads or joins which task, from the duty notes of work plans
and the rows of duty tables.

    find_responsibilities(document, organizations=None) -> list[Responsibility]

One :class:`~hwgraph.types.Responsibility` per (organization mention, task); ``start``/``end`` cover
the assignment (the parenthetical, the label lines, the clauses or the table row).

Where assignments are written
* a parenthetical (（）, () or 【】) closing a task: （省卫生健康委牵头，省教育厅、省民政厅按职责分工负责）,
  （责任单位：省卫生健康委、省医保局）, （牵头单位：X；配合单位：Y、Z）, （X负责）, or a bare list of
  known bodies （省卫生健康委、省医保局）;
* label lines after an item: 责任单位：X、Y / 牵头单位：X 配合单位：Y / 牵头责任单位:… 主要协作单位:…
  (consecutive label lines are one assignment, a 完成时限 line between them included);
* clauses with no brackets, as duty lists run together write them:
  …特殊家庭。省财政厅、省卫生健康委牵头；省民政厅配合；各州（市）党委和政府落实 — a list of known
  bodies right before a cue word that ends its clause. A single clause a comma ends is prose
  (市卫健委牵头，会同市教体局起草了…) and assigns nothing;
* duty tables: rows of cells (tabs from .docx/.html, `|`, or runs of spaces from a PDF text layer)
  under a header naming a task column (任务/重点任务/具体措施/职责/主要职责/事项…) and organisation
  columns (牵头单位/责任单位/配合单位/部门/单位…); the last task column before the organisation
  columns is the task (具体措施 rather than 重点任务). A row whose task cell is empty continues a
  merged cell and keeps the task above; an empty lead cell keeps the bodies above. A row with fewer
  cells than the header (a rowspan of an HTML page) is aligned on the side that puts bodies in the
  organisation columns.

Roles
* ``lead``: 牵头, 负责, 主责, a 牵头单位/主责单位 label or column, a body marked （牵头）.
* ``participate``: 配合, 参与, 协同, 协助, 落实, 按职责分工负责 / 分工负责 / 分别负责, a
  配合单位/协办单位/参与单位 label or column.
* a 责任单位/责任部门/部门 list with no other cue: the first body leads and the rest take part —
  Chinese duty lists put the lead unit first (排在第一位的为牵头单位). With a lead named elsewhere in
  the assignment every 责任单位 body takes part. A bare list in brackets reads the same way. Where
  the document itself says so (排在第一位的为牵头单位), the first body of a 按职责分工负责 list leads.

Task
* a table row: its task cell, verbatim (less trailing punctuation).
* otherwise the innermost section containing the assignment, when the assignment is that
  section's only one and closes it (nothing but punctuation or a 完成时限 line follows before the
  section's own text ends), or sits in its title: the section title (cut before the assignment
  when it sits in the title).
* else the sentence before the assignment, back to the previous sentence end, the section title or
  the previous assignment (a list marker or a glued row number dropped); for label lines the
  paragraph before.

Generic collectives in a list (各县（市、区）人民政府, 有关部门, 成员单位) are skipped and the list
goes on. Items of these lists that the abbreviation table does not know but that end like a body
(市园林绿化局, 医政医管处) are organizations too; :func:`analysis` gives them to
:func:`~hwgraph.entities.organizations.find_organizations`, which shares this module's work: what
it found for a document waits for find_responsibilities on the same document (up to 64 documents),
so calling both entry points reads a document once, and a later pass reads it again.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from hwgraph.entities._common import DocText, doc_text
from hwgraph.entities.organizations import Hit, canonical_org, match_bodies, organizations_of
from hwgraph.types import Document, Organization, Responsibility, Role, Section, SourceFormat

_LEAD, _PART, _RESP, _OTHER = "lead", "part", "resp", "other"  # the group names of the cue patterns
_ROLE = {_LEAD: Role.LEAD, _PART: Role.PARTICIPATE}

# ---- labels and cue words ----------------------------------------------------------------------

_UNIT = r"(?:单位|部门|处室|科室|主体|领导)"
_LABEL = re.compile(
    rf"(?P<lead>(?:牵头|主责|主办|主要责任|第一责任|责任牵头)(?:责任)?{_UNIT}?)"
    rf"|(?P<part>(?:主要)?(?:配合|协办|协作|参与|协同|协助|配合责任|其他责任){_UNIT})"
    rf"|(?P<resp>(?:责任|实施|落实|承办|承担)?{_UNIT})"
    r"|(?P<other>完成时限|完成时间|时间节点|时限|时间|进度安排|完成期限)"
)
_BARE_LABEL = re.compile(_UNIT)
_LABEL_COLON = re.compile(rf"(?:{_LABEL.pattern})\s*[：:]\s*")
_LABEL_END = re.compile(rf"(?:{_LABEL.pattern})\s*$")
_VERB = re.compile(
    r"(?P<part>(?:按|根据|依|依据)?(?:照)?(?:各自)?职(?:责|能)(?:分工)?(?:分别)?(?:负责|落实)|分工负责|分别负责|共同负责"
    r"|配合(?:实施|落实|推进)?|参与|协同(?:推进)?|协助|协作|落实)"
    r"|(?P<lead>牵头(?:负责|实施|推进|落实)?|负责(?:牵头|落实|实施|推进)?|主责)"
)
_BOUNDARY = "，,；;。\n\t）)、 　"
_SEP = "、和及与/ 　"
_LEAD_IN = re.compile(r"(?:由|请|均由|会同|以)")
_AND_SO_ON = re.compile(r"[ 　]*(?:等(?:部门|单位)?|等)?[ 　]*")
_MARK_LEAD = re.compile(r"[（(]牵头(?:单位|部门)?[）)]")
_ITEM = re.compile(
    r"[^\s、，,；;。：:（）()《》“”\"|]{1,24}?"
    r"(?:委员会|办公室|管委会|人民政府|政府|委|厅|局|办|部|院|中心|会|处|科|司|室|所|站|队|联|协|署|行|社|团"
    r"|单位|部门|机构|组织|企业|公司)"
    r"(?=[\s、，,；;。）)和及与等牵配负参协落按分|]|$)"
)
_GENERIC_ITEM = re.compile(r"各|有关|相关|其他|其它|所属|直属|成员|以上|以下|级|单位$|部门$|机构$|组织$|企业$|公司$")
_GENERIC_CHUNK = re.compile(r"[^、，,；;。\n\t|]{0,30}?(?:单位|部门|机构|政府|党委|组织|企业|处室|科室)(?:[（(][^）)]{0,10}[）)])?")
_PAREN = re.compile(r"[（(]((?:[^（）()\n]|[（(][^（）()\n]{0,40}[）)]){1,300})[）)]|【([^【】\n]{1,300})】")
_CLAUSE_CUE = re.compile(
    r"(?:按(?:照)?职责分工负责|按职责负责|分工负责|分别负责|牵头负责|牵头|配合|负责|参与|协同|协助|落实)"
    r"(?=[，,；;。\n\t|）)]|$)"
)
_CLAUSE_END = re.compile("[，,；;。]")
# what opens a sentence but is no part of its task: punctuation, a list marker, a glued row number
_LEADING = re.compile(
    r"[\s，,；;。：:、.．]*(?:(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.、．]"
    r"|\d{1,3}(?=[\u4e00-\u9fff])(?![年月日号个家项条次万亿])|[①-⑳])[\s　]*)?"
)
# between two label lines of one assignment: punctuation, or a 完成时限 line
_LABEL_GAP = re.compile(r"[\s，,；;、。.．]*(?:(?:完成时限|完成时间|时间节点|时限|进度安排|完成期限)\s*[：:][^\n。]*[\s，,；;。]*)*")
# a document's note that the first body of each list leads (排在第一位的为牵头单位)
_FIRST_LEADS = re.compile(r"(?:排在|排|列|列在|居)第一位的?(?:部门|单位|者)?(?:为|是)牵头")
_SENTENCE_END = "。！？；;!?\n"
_LABEL_LAST = frozenset("位门室体导")  # the last character of an organisation label: 单位 部门 处室 主体 领导
_PUNCT = " \t\u3000\n。；;，,：:、.．"


@dataclass
class _Item:
    hit: Hit
    role: str  # _LEAD, _PART or _RESP (decided per assignment)


@dataclass
class _Assignment:
    start: int  # DocText offsets of the whole assignment (parenthetical, label lines, clause, row)
    end: int
    kind: str  # "paren", "label", "clause", "row"
    items: list[_Item] = field(default_factory=list)
    task: tuple[int, int] | None = None  # DocText offsets of a table row's task cell


class _Lists:
    """Parses lists of bodies in one DocText, knowing the table's hits and collecting the others."""

    def __init__(self, t: str, hits: list[Hit]) -> None:
        self.t = t
        self.by_start = {h.start: h for h in hits}
        self.by_end = {h.end: h for h in hits}
        self.starts = [h.start for h in hits]
        self.hits = hits
        self.extra: dict[int, Hit] = {}

    def any_hit(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self.starts, a)
        return k < len(self.starts) and self.starts[k] < b

    def commit(self, x: _Assignment) -> _Assignment:
        """Keep the bodies of an accepted assignment that the table does not know."""
        for it in x.items:
            if not it.hit.known:
                self.extra[it.hit.start] = it.hit
        return x

    def parse(self, i: int, limit: int, fallback: bool = True) -> tuple[list[tuple[Hit, bool]], int]:
        """The bodies listed from ``t[i]`` (each with whether a （牵头） marks it) and where the list ends."""
        t = self.t
        items: list[tuple[Hit, bool]] = []
        while i < limit:
            while i < limit and t[i] in _SEP:
                i += 1
            if i >= limit:
                break
            h = self.by_start.get(i) or self.extra.get(i)
            if h is None and (_VERB.match(t, i) or _LABEL_COLON.match(t, i)):
                break
            if h is None and fallback:
                m = _ITEM.match(t, i, limit)
                if m and self.any_hit(m.start(), m.end()):
                    m = None  # a known body inside: the list is not an item here
                if m and _GENERIC_ITEM.search(m.group()) is None and not _after_generic(t, m.end()):
                    h = Hit(m.start(), m.end(), canonical_org(m.group()), known=False)
                elif m is not None:
                    i = _skip_generic(t, m.end(), limit)
                    continue
                else:
                    g = _GENERIC_CHUNK.match(t, i, limit)
                    if g and _GENERIC_ITEM.search(g.group()):
                        i = g.end()
                        continue
            if h is None or h.end > limit:
                break
            mark = _MARK_LEAD.match(t, h.end)
            items.append((h, mark is not None))
            i = mark.end() if mark else h.end
        return items, i


def _after_generic(t: str, i: int) -> bool:
    return t.startswith(("有关", "相关", "各", "直属", "所属", "其他"), i)


def _skip_generic(t: str, i: int, limit: int) -> int:
    """Past the rest of a generic item (县政府 + 有关部门)."""
    g = _GENERIC_CHUNK.match(t, i, limit)
    return g.end() if g and _GENERIC_ITEM.search(g.group()) else i


def _segment(lists: _Lists, a: int, b: int, default: str | None) -> tuple[list[_Item], str | None, bool]:
    """The items of one segment ``t[a:b]`` (between ，；), the role its label gives to the segments
    after it, and whether it had a cue (a label or a verb)."""
    t = lists.t
    while a < b and t[a] in " \t\u3000":
        a += 1
    role = default
    cue = False
    lab = _LABEL_COLON.match(t, a, b)
    if lab:
        role = lab.lastgroup
        cue = True
        a = lab.end()
        if role == _OTHER:
            return [], None, True
    lead_in = _LEAD_IN.match(t, a, b)
    if lead_in and (lists.by_start.get(lead_in.end()) or _ITEM.match(t, lead_in.end(), b)):
        a = lead_in.end()
    found, i = lists.parse(a, b)
    if found:
        i = _AND_SO_ON.match(t, i, b).end()
        v = _VERB.match(t, i, b)
        if v and not _LABEL_COLON.match(t, i, b):
            role, cue = v.lastgroup, True
    items = [_Item(h, _LEAD if marked else (role or _RESP)) for h, marked in found]
    return items, (lab.lastgroup if lab else default), cue


def _segments(lists: _Lists, a: int, b: int, default: str | None = None) -> tuple[list[_Item], bool]:
    """Items of ``t[a:b]`` split at ，；。 and before each label, a label's role carried to the
    segments after it."""
    t = lists.t
    cuts = {m.end() for m in _CLAUSE_END.finditer(t, a, b)}
    cuts.update(m.start() for m in _LABEL_COLON.finditer(t, a, b) if m.start() > a)
    items: list[_Item] = []
    cue = False
    role = default
    i = a
    for c in sorted(cuts):
        got, role, hit_cue = _segment(lists, i, c, role)
        items += got
        cue = cue or hit_cue
        i = c
    got, role, hit_cue = _segment(lists, i, b, role)
    return items + got, cue or hit_cue


# ---- finding the assignments ---------------------------------------------------------------------


def _positions(t: str, chars: str) -> list[int]:
    """Sorted offsets of each of ``chars`` in ``t`` (str.find per character: faster than a class)."""
    out: list[int] = []
    for ch in chars:
        i = t.find(ch)
        while i >= 0:
            out.append(i)
            i = t.find(ch, i + 1)
    out.sort()
    return out


def _parentheticals(lists: _Lists, taken: list[tuple[int, int]]) -> list[_Assignment]:
    t = lists.t
    out = []
    pos = 0
    for k in _positions(t, "（(【"):
        if k < pos:
            continue
        if t[k] == "【":
            close = t.find("】", k, k + 302)
        else:
            close = t.find("）", k, k + 302)
            half = t.find(")", k, close if close >= 0 else k + 302)
            close = half if half >= 0 else close
        if close < 0:
            continue
        if not lists.any_hit(k, close) and _CUE.search(t, k, close) is None:
            continue
        m = _PAREN.match(t, k)
        if m is None:
            continue
        pos = m.end()
        a, b = m.span(1) if m.group(1) is not None else m.span(2)
        items, cue = _segments(lists, a, b)
        if not items:
            continue
        if not cue and not _bare_list(lists, a, b):
            continue
        out.append(lists.commit(_Assignment(m.start(), m.end(), "paren", items)))
        taken.append((m.start(), m.end()))
    return out


_CUE = re.compile("牵头|负责|配合|参与|协同|协助|单位|部门")


def _bare_list(lists: _Lists, a: int, b: int) -> bool:
    """``t[a:b]`` is nothing but known bodies and separators (（省卫生健康委、省医保局等）)."""
    t = lists.t
    i = a
    n = 0
    while i < b:
        while i < b and t[i] in _SEP + "，,":
            i += 1
        h = lists.by_start.get(i)
        if h is None:
            break
        n += 1
        i = h.end
    i = _AND_SO_ON.match(t, i, b).end()
    return n > 0 and i >= b


def _labels(lists: _Lists, taken: list[tuple[int, int]]) -> list[_Assignment]:
    t = lists.t
    out: list[_Assignment] = []
    pos = 0
    for c in _positions(t, "：:"):
        if c < pos or t[max(0, c - 2) : c].rstrip(" \u3000")[-1:] not in _LABEL_LAST:
            continue
        m = _LABEL_END.search(t, max(0, c - 10), c)
        if m is None or m.lastgroup == _OTHER or _inside(taken, c):
            continue
        s = m.start()
        if s > 0 and t[s - 1] not in " \t\u3000\n。；;，,）)】" and _BARE_LABEL.fullmatch(m.group().strip()):
            continue  # …的部门：: a bare 部门/单位 label opens its line; 牵头单位 may follow run-on text
        line_end = t.find("\n", c)
        line_end = len(t) if line_end < 0 else line_end
        stop = t.find("。", c, line_end)
        end = _label_extent(lists, c + 1, line_end if stop < 0 else stop)
        items, _ = _segments(lists, s, end)
        pos = max(pos, end)
        if not items:
            continue
        last = max(it.hit.end for it in items)
        prev = out[-1] if out else None
        if prev is not None and _LABEL_GAP.fullmatch(t, prev.end, s):
            prev.items += items
            prev.end = last
        else:
            out.append(_Assignment(s, last, "label", items))
    for x in out:
        lists.commit(x)
        taken.append((x.start, x.end))
    return out


def _label_extent(lists: _Lists, i: int, limit: int) -> int:
    """Where the lists after a label end: over bodies, separators, cue words and further labels on
    the line, up to the first other text (the next item of a run-on duty list)."""
    t = lists.t
    while True:
        _, j = lists.parse(i, limit)
        j = _AND_SO_ON.match(t, j, limit).end()
        v = _VERB.match(t, j, limit)
        if v and not _LABEL_COLON.match(t, j, limit):
            j = v.end()
        k = j
        while k < limit and t[k] in "，,；; \t\u3000":
            k += 1
        lab = _LABEL_COLON.match(t, k, limit)
        if lab is None or lab.lastgroup == _OTHER or k >= limit:
            return j
        i = lab.end()


def _clauses(lists: _Lists, taken: list[tuple[int, int]]) -> list[_Assignment]:
    t = lists.t
    out: list[_Assignment] = []
    clauses: list[int] = []
    for hit in lists.hits:
        k = hit.end
        j = _AND_SO_ON.match(t, k).end()
        m = _CLAUSE_CUE.match(t, j)
        if m is None:
            continue
        found: list[Hit] = []
        while (h := lists.by_end.get(k)) is not None:
            found.append(h)
            k = h.start
            while k > 0 and t[k - 1] in _SEP:
                k -= 1
        if not found or _inside(taken, j):
            continue
        start = found[-1].start
        if start > 0 and t[start - 1] not in _BOUNDARY + "由":
            continue
        if start > 0 and t[start - 1] == "由":
            start -= 1  # 由X牵头: the clause starts at 由
        v = _VERB.match(t, j)
        role = v.lastgroup if v else _LEAD
        items = [_Item(h, role or _LEAD) for h in reversed(found)]
        prev = out[-1] if out else None
        if prev is not None and not t[prev.end : start].strip("，,；; \u3000"):
            prev.items += items
            prev.end = m.end()
            clauses[-1] += 1
        else:
            out.append(_Assignment(start, m.end(), "clause", items))
            clauses.append(1)
    # one clause that a comma ends is prose (市卫健委牵头，会同市教体局起草了…), not a duty list
    out = [x for x, n in zip(out, clauses, strict=True) if n > 1 or t[x.end : x.end + 1] not in ("，", ",")]
    for x in out:
        taken.append((x.start, x.end))
    return out


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in spans)


# ---- tables -----------------------------------------------------------------------------------

_COL_OTHER = re.compile(r"序号|编号|时限|时间|进度|备注|目标|指标|依据|类型|类别|标准|分值|考核|年度|领域")
_COL_TASK = re.compile(r"任务|措施|职责|事项|内容|举措|工作|要点|项目|职能|职权|清单")
_HEADER_WORD = re.compile(r"单位|部门|处室|科室")
_SPACES = re.compile(r"[ \u3000]{2,}")


def _column(name: str) -> str | None:
    n = re.sub(r"[（(][^）)]*[）)]|\s", "", name)
    if not n or len(n) > 10:
        return None
    lab = _LABEL.fullmatch(n)
    if lab and lab.lastgroup != _OTHER:
        return lab.lastgroup
    if _COL_OTHER.search(n):
        return _OTHER
    if _COL_TASK.search(n):
        return "task"
    return None


def _cells(t: str, a: int, b: int, how: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of the row ``t[a:b]``, trimmed (an empty cell is ``(x, x)``)."""
    if how == "\t":
        bounds = [a - 1, *(i for i in range(a, b) if t[i] == "\t"), b]
        raw = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    elif how == "|":
        raw = []
        i = a
        for k in [*(i for i in range(a, b) if t[i] == "|"), b]:
            raw.append((i, k))
            i = k + 1
        if raw and not t[raw[0][0] : raw[0][1]].strip():
            raw = raw[1:]
        if raw and not t[raw[-1][0] : raw[-1][1]].strip():
            raw = raw[:-1]
    else:
        raw = []
        i = a
        for m in _SPACES.finditer(t, a, b):
            raw.append((i, m.start()))
            i = m.end()
        raw.append((i, b))
    out = []
    for s, e in raw:
        while s < e and t[s] in " \u3000\t":
            s += 1
        while e > s and t[e - 1] in " \u3000\t":
            e -= 1
        out.append((s, e))
    return out


def _separator(t: str, a: int, b: int, spaces: bool) -> str | None:
    if t.find("\t", a, b) >= 0:
        return "\t"
    if t.count("|", a, b) >= 2:
        return "|"
    if spaces and _SPACES.search(t, a, b):
        return " "
    return None


def _tables(lists: _Lists, spaces: bool) -> list[_Assignment]:
    t = lists.t
    if not spaces and "\t" not in t and "|" not in t:
        return []  # (the common case: two passes of str.find over the text)
    out: list[_Assignment] = []
    for a, b in _header_candidates(t, spaces):
        if out and a < out[-1].end:
            continue
        how = _separator(t, a, b, spaces)
        if how is None:
            continue
        cols = [_column(t[s:e]) for s, e in _cells(t, a, b, how)]
        task_cols = [k for k, c in enumerate(cols) if c == "task"]
        org_cols = [k for k, c in enumerate(cols) if c in (_LEAD, _PART, _RESP)]
        if not org_cols or not task_cols or sum(c is not None for c in cols) < 2:
            continue
        before = [k for k in task_cols if k < org_cols[0]]
        task_col = before[-1] if before else task_cols[-1]
        out += _rows(lists, b + 1, how, cols, task_col, org_cols)
    return out


def _header_candidates(t: str, spaces: bool) -> list[tuple[int, int]]:
    """Lines that may head a table: cells (a tab, two `|`, or with ``spaces`` a run of spaces) and
    an organisation column word."""
    out = []
    if spaces:
        anchors = [m.start() for m in _HEADER_WORD.finditer(t)]
    else:
        anchors = _positions(t, "\t|")
    last = -1
    for i in anchors:
        if i < last:
            continue
        a = t.rfind("\n", 0, i) + 1
        b = t.find("\n", i)
        b = len(t) if b < 0 else b
        last = b
        if b - a <= 200 and _HEADER_WORD.search(t, a, b) and _separator(t, a, b, spaces):
            out.append((a, b))
    return out


def _rows(lists: _Lists, i: int, how: str, cols: list[str | None], task_col: int,
          org_cols: list[int]) -> list[_Assignment]:
    """The assignments of the data rows from ``t[i]`` on, to the first line that is no row."""
    t = lists.t
    n = len(t)
    out: list[_Assignment] = []
    last_task: tuple[int, int] | None = None
    last_items: dict[int, list[_Item]] = {}
    while i < n:
        e = t.find("\n", i)
        e = n if e < 0 else e
        if not t[i:e].strip():
            i = e + 1
            if out:
                continue
            continue
        if _separator(t, i, e, how == " ") != how:
            break
        cells = _cells(t, i, e, how)
        if [_column(t[s:x]) for s, x in cells] == cols:  # a header repeated on a new page
            i = e + 1
            continue
        cells = _align(lists, cells, cols, org_cols)
        s, x = cells[task_col]
        while x > s and t[x - 1] in _PUNCT:
            x -= 1
        task = (s, x) if x > s else last_task
        items: list[_Item] = []
        for k in org_cols:
            cs, ce = cells[k]
            role = cols[k]
            got, _ = _segments(lists, cs, ce, role) if ce > cs else ([], False)
            if not got and role in (_LEAD, _RESP) and ce == cs:
                got = [_Item(it.hit, it.role) for it in last_items.get(k, [])]
            last_items[k] = got
            items += got
        if task is not None and items:
            out.append(lists.commit(_Assignment(i, e, "row", items, task)))
        last_task = task
        i = e + 1
    return out


def _align(lists: _Lists, cells: list[tuple[int, int]], cols: list[str | None],
           org_cols: list[int]) -> list[tuple[int, int]]:
    """``cells`` as many as ``cols``: a short row is padded on the side that puts bodies in the
    organisation columns (right-aligned first: a rowspan leaves out leading cells)."""
    k = len(cols) - len(cells)
    if k == 0:
        return cells
    if k < 0:
        return cells[: len(cols)]
    at = cells[0][0] if cells else 0
    right = [(at, at)] * k + cells
    left = cells + [(cells[-1][1], cells[-1][1])] * k

    def score(row: list[tuple[int, int]]) -> int:
        return sum(lists.any_hit(*row[c]) for c in org_cols)

    return right if score(right) >= score(left) else left


# ---- tasks --------------------------------------------------------------------------------------


def _own_end(sec: Section) -> int:
    """Source offset where a section's own text ends (its first child, else its end)."""
    return sec.children[0].start if sec.children else sec.end


def _sentence_before(t: str, i: int, floor: int, paragraph: bool) -> tuple[int, int]:
    e = i
    while e > floor and t[e - 1] in _PUNCT:
        e -= 1
    stops = "\n" if paragraph else _SENTENCE_END
    s = e
    while s > floor and t[s - 1] not in stops:
        s -= 1
    while s < e and t[s] in _PUNCT:
        s += 1
    return s, e


def _task(dt: DocText, x: _Assignment, sec: Section | None, closes: bool,
          floor: int) -> tuple[str, int, int] | None:
    src = dt.document.source.text
    if x.task is not None:
        v = dt.verbatim(*x.task)
        s, e = v[:2] if v else dt.span(*x.task)
        return src[s:e], s, e
    a_src, _ = dt.span(x.start, x.start + 1)
    if sec is not None and sec.title_end > sec.title_start:
        if sec.title_start <= a_src < sec.title_end:
            e = a_src
            while e > sec.title_start and src[e - 1] in _PUNCT:
                e -= 1
            return (src[sec.title_start : e], sec.title_start, e) if e > sec.title_start else None
        if closes:
            return sec.title, sec.title_start, sec.title_end
    s, e = _sentence_before(dt.text, x.start, floor, x.kind == "label")
    if e <= s:
        return None
    s_src, e_src = dt.span(s, e)
    if sec is not None and sec.title_end > sec.title_start:
        if s_src <= sec.title_end and e_src <= sec.title_end + 1:
            return sec.title, sec.title_start, sec.title_end  # the sentence is the title
        if s_src < sec.title_end < e_src:
            s_src = sec.title_end
    m = _LEADING.match(src, s_src, e_src)
    if m:
        s_src = m.end()
    if e_src <= s_src:
        return None
    return src[s_src:e_src], s_src, e_src


def _closes(dt: DocText, x: _Assignment, sec: Section) -> bool:
    """Nothing but punctuation follows the assignment before the section's own text ends."""
    t = dt.text
    i = _LABEL_GAP.match(t, x.end).end()
    if i >= len(t):
        return True
    at, _ = dt.span(i, i + 1)
    return at >= _own_end(sec)


# ---- entry points -----------------------------------------------------------------------------


def _scan(dt: DocText, hits: list[Hit]) -> tuple[list[_Assignment], list[Hit]]:
    lists = _Lists(dt.text, hits)
    taken: list[tuple[int, int]] = []
    spaces = dt.document.source.format == SourceFormat.PDF
    rows = _tables(lists, spaces)
    taken += [(r.start, r.end) for r in rows]
    parens = _parentheticals(lists, taken)
    labels = _labels(lists, taken)
    clauses = _clauses(lists, taken)
    assignments = sorted(rows + parens + labels + clauses, key=lambda x: x.start)
    extra = sorted(lists.extra.values(), key=lambda h: h.start)
    if extra:
        merged = sorted(hits + extra, key=lambda h: h.start)
    else:
        merged = hits
    return assignments, merged


@dataclass
class _Analysis:
    document: Document
    dt: DocText
    hits: list[Hit]  # the table's and the duty lists' bodies, in text order
    assignments: list[_Assignment]
    orgs: list[Organization] | None = None  # made on demand, one per hit

    def organizations(self) -> list[Organization]:
        if self.orgs is None:
            self.orgs = organizations_of(self.dt, self.hits)
        return self.orgs


# by id(document): what find_organizations found, until find_responsibilities uses it (then it is
# dropped, so every pass over a corpus reads each document again and nothing stays pinned)
_RECENT: dict[int, _Analysis] = {}
_RECENT_MAX = 64


def analysis(document: Document, keep: bool = True) -> _Analysis:
    """The bodies and assignments of ``document``. With ``keep`` the result waits (for up to
    ``_RECENT_MAX`` documents, each entry holding its document so its id cannot be reused) for the
    next call, which takes it: find_organizations keeps, find_responsibilities takes."""
    hit = _RECENT.pop(id(document), None)
    if hit is not None and hit.document is document:
        if keep:
            _RECENT[id(document)] = hit
        return hit
    dt = doc_text(document)
    assignments, hits = _scan(dt, match_bodies(dt.text))
    result = _Analysis(document, dt, hits, assignments)
    if keep:
        while len(_RECENT) >= _RECENT_MAX:
            _RECENT.pop(next(iter(_RECENT)), None)
        _RECENT[id(document)] = result
    return result


def find_responsibilities(document: Document,
                          organizations: list[Organization] | None = None) -> list[Responsibility]:
    """Every (organization, task) assignment of ``document``, in text order (see the module docstring).

    ``organizations`` are the mentions to assign (by default :func:`find_organizations`'s); a body
    of an assignment that is not among them is left out.
    """
    a = analysis(document, keep=False)
    if not a.assignments:
        return []
    dt = a.dt
    orgs = a.organizations() if organizations is None else organizations
    by_start = {o.start: o for o in orgs}

    def org_of(h: Hit) -> Organization | None:
        s, e = dt.span(h.start, h.end)
        o = by_start.get(s)
        return o if o is not None and o.end == e else None

    out: list[Responsibility] = []
    prev_end = 0
    first_leads = _FIRST_LEADS.search(dt.text) is not None
    secs = [dt.section(x.start) for x in a.assignments]
    per_section = Counter(id(sec) for sec in secs)
    for x, sec in zip(a.assignments, secs, strict=True):
        # the section's task only when this is its one assignment and nothing follows it
        closes = sec is not None and x.kind != "row" and per_section[id(sec)] == 1 and _closes(dt, x, sec)
        task = _task(dt, x, sec, closes, prev_end)
        prev_end = x.end
        if task is None:
            continue
        text, ts, te = task
        start, end = dt.span(x.start, x.end)
        has_lead = any(it.role == _LEAD for it in x.items)
        first_resp = True
        seen: set[tuple[int, int]] = set()
        for k, it in enumerate(x.items):
            role = it.role
            if role == _RESP:
                role = _LEAD if first_resp and not has_lead else _PART
                first_resp = False
            elif k == 0 and role == _PART and first_leads and not has_lead:
                role = _LEAD  # （X、Y按职责分工负责） where the text says the first listed leads
            org = org_of(it.hit)
            if org is None or (org.start, org.end) in seen:
                continue
            seen.add((org.start, org.end))
            out.append(Responsibility(document, org, _ROLE[role], text, ts, te, start, end, sec))
    return out
