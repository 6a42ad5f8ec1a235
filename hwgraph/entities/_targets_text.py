"""Reading around one number for :mod:`hwgraph.entities.targets`: the document's text with its way
back to the source, sentences and sections, verbs before a value, where a sentence part starts,
what trims an indicator, list items and their heads, and the numbers that are no figure."""

from __future__ import annotations

import re
from bisect import bisect_right

from hwgraph.entities._common import doc_text
from hwgraph.entities._targets_words import (
    ACHIEVED_TITLE,
    CLAUSE_END,
    COUNT_VERBS,
    CUE_LAST,
    CUE_LENGTHS,
    CUE_WORDS,
    FULLWIDTH,
    HEADS,
    INDICATOR_FINAL,
    ITEM_START,
    LEAD,
    OBJECT_PREPOSITIONS,
    PAREN_LABEL,
    POST_NOUN_STOP,
    PREDICATE_REV,
    RANGE,
    SENT_CUES,
    SENT_END,
    TAIL_REV,
    TARGET_TITLE,
    WEAK,
    WEAK_CUES,
)
from hwgraph.types import Comparator, Document, Section, TargetKind

# one value: (number start, number end, unit, unit end, bound, end of unit and bound, Chinese numeral)
Hit = tuple[int, int, str, int, str, int, bool]


class Reader:
    """One document: its text, the way back to the source, sentences and sections seen so far."""

    def __init__(self, document: Document) -> None:
        dt = doc_text(document)
        self.document = document
        self.dt = dt
        self.text = dt.text
        self.n = len(dt.text)
        self.src = document.source.text
        # the runs of text cleaning kept, relative to ``text``: (start, source start, length)
        base, end = dt.base, dt.base + self.n
        segs = document.clean.map.segments
        runs = [(cs - base, ss, n) for cs, ss, n in segs if cs + n > base and cs < end] if segs else []
        self.runs = runs or [(0, base, self.n)]
        self.run_starts = [r[0] for r in self.runs]
        self.run_src_starts = [r[1] for r in self.runs]
        # cues before the end of the title are the title's (a run-on copy keeps no line break)
        self.title_end = self.to_text(document.title_end) if document.title_end is not None else 0
        self.cue_cache: dict[int, tuple[list[tuple[int, str, int | None, str]], int]] = {}
        self.kind_cache: dict[int, TargetKind | None] = {}
        self.sec_cache: dict[int, tuple[Section | None, int]] = {}  # by sentence start
        self.sent_lo = 0  # start of the sentence of the last position asked
        self.sent_scan = 0  # how far sentence ends have been looked for
        self.last_start = 0  # where the indicator of the last figure emitted starts
        self.last_end = 0  # and where it ends
        self.last_verb: str | None = None  # the verb of its indicator when that is verb + noun after the value

    def verbatim(self, i: int, j: int) -> tuple[int, int] | None:
        """Source offsets of ``text[i:j]``, None when cleaning removed something inside it."""
        k = bisect_right(self.run_starts, i) - 1
        if k >= 0:
            cs, ss, n = self.runs[k]
            if j <= cs + n:
                return ss + i - cs, ss + j - cs
        v = self.dt.verbatim(i, j)
        return None if v is None else (v[0], v[1])

    def to_text(self, src: int) -> int:
        """The ``text`` offset of source offset ``src`` (0 when cleaning removed it)."""
        k = bisect_right(self.run_src_starts, src) - 1
        if k >= 0:
            cs, ss, n = self.runs[k]
            if src <= ss + n:
                return cs + src - ss
        return 0

    def source_of(self, i: int, j: int) -> str:
        """The source text of ``text[i:j]``."""
        v = self.verbatim(i, j)
        return self.src[v[0] : v[1]] if v is not None else self.dt.source(i, j)

    def sentence_start(self, i: int) -> int:
        """Start of the sentence holding ``text[i]``; positions asked never go back."""
        if i < self.sent_scan:
            m = SENT_END.match(self.text, max(0, i - 400), i)
            return m.end() if m else max(0, i - 400)
        m = SENT_END.match(self.text, self.sent_scan, i)
        if m is not None:
            self.sent_lo = m.end()
            while self.sent_lo > 0 and is_wrap(self.text, self.sent_lo - 1):
                m = SENT_END.match(self.text, max(0, self.sent_lo - 400), self.sent_lo - 1)
                self.sent_lo = m.end() if m else max(0, self.sent_lo - 400)
        self.sent_scan = i
        return self.sent_lo

    def cues(self, s: int, upto: int) -> list[tuple[int, str, int | None, str]]:
        """``(position, kind, year, form)`` of the year and kind cues of the sentence from ``s``, read
        up to ``upto`` at least: kind ``y`` (form ``to``, ``cmp``, ``of`` or ``at``), ``t`` (a word of
        goals) or ``a`` (a word of results). Figures come in text order, so each sentence is read on
        only as far as its figures need."""
        got = self.cue_cache.get(s)
        if got is None:
            got = self.cue_cache[s] = ([], s)
        out, done = got
        if upto <= done:
            return out
        for h in SENT_CUES.finditer(self.text, done, upto):
            y = h.group("y")
            if y is None:
                out.append((h.start(), "t" if h.group("t") else "a", None, ""))
                continue
            pre, suf = h.group("ypre"), h.group("ysuf")
            if pre in ("较", "比", "与", "从", "由"):
                form = "cmp"
            elif pre in ("截至", "截止", "截止到"):
                form = "at"
            elif pre in ("到", "至") or (suf and suf.endswith("前")):
                form = "to"
            elif h.group("yde"):
                form = "of"
            else:
                form = "at"
            out.append((h.start("y"), "y", int(h.group("y2") or y), form))
        self.cue_cache[s] = (out, upto)
        return out

    def section(self, i: int) -> Section | None:
        v = self.verbatim(i, i + 1)
        s = v[0] if v is not None else self.dt.span(i, i + 1)[0]
        return self.dt._section_of(s)

    def section_at(self, sent: int, i: int) -> tuple[Section | None, int]:
        """The section holding ``text[i]`` in the sentence from ``sent``, and where its title ends in
        ``text`` offsets (0 if not in this text): a heading run together with its body ends the
        sentence part after it. Cached by sentence."""
        got = self.sec_cache.get(sent)
        if got is not None:
            return got
        sec = self.section(i)
        got = self.sec_cache[sent] = (sec, self.to_text(sec.title_end) if sec is not None else 0)
        return got

    def section_kind(self, sec: Section | None) -> TargetKind | None:
        """Kind from the titles of the chapter and section around ``sec`` (inner first)."""
        if sec is None:
            return None
        key = id(sec)
        if key in self.kind_cache:
            return self.kind_cache[key]
        chain: list[Section] = []
        level = self.document.sections
        while level and len(chain) < 2:
            found = next((c for c in level if c.start <= sec.start < c.end and not c.recovered), None)
            if found is None:
                break
            chain.append(found)
            level = found.children
        kind = None
        for c in reversed(chain):
            if ACHIEVED_TITLE.search(c.title):
                kind = TargetKind.ACHIEVED
            elif TARGET_TITLE.search(c.title):
                kind = TargetKind.TARGET
            if kind is not None:
                break
        self.kind_cache[key] = kind
        return kind


def parse_value(text: str) -> tuple[float, bool]:
    """The value of a number as matched (full-width digits too) and whether it is a range (1－2:
    its lower end)."""
    if text.isdigit():
        return float(text), False  # float reads full-width digits; not the full-width point
    rg = RANGE.search(text, 1)
    if rg is not None:
        return float(text[: rg.start()].translate(FULLWIDTH)), True
    return float(text.translate(FULLWIDTH)), False


def cue_before(text: str, i: int) -> tuple[str | None, int]:
    """The verb of result ending at ``i`` and its start (``None, i`` if none)."""
    if i == 0 or text[i - 1] not in CUE_LAST:
        return None, i
    for n in CUE_LENGTHS:
        if n <= i:
            w = text[i - n : i]
            if w in CUE_WORDS:
                if n == 1 and text[i - 2 : i] in COUNT_VERBS:
                    return None, i
                return w, i - n
    return None, i


def part_start(text: str, i: int, lo: int) -> int:
    """Start of the sentence part ending at ``i`` (after the last ，。；：（ etc.), skipping a
    parenthesis closed inside it (执业（助理）医师数)."""
    while True:
        m = CLAUSE_END.match(text, lo, i)
        if m is None:
            return lo
        b = m.end()
        if text[b - 1] in "（(" and PAREN_LABEL.match(text, b - 1):
            return b - 1  # a label （一） opens the part (and is trimmed with the other lead words)
        if text[b - 1] in "（(" and ("）" in text[b:i] or ")" in text[b:i]):
            i = b - 1
            continue
        if text[b - 1] == "\n" and is_wrap(text, b - 1):
            i = b - 1
            continue
        return b


def is_wrap(text: str, k: int) -> bool:
    """True when the line break at ``k`` only wraps a line (a PDF text layer): a full line that stops
    between two characters of one sentence."""
    if text[k] != "\n" or k < 16 or k + 1 >= len(text):
        return False
    before, after = text[k - 1], text[k + 1]
    if not ("\u4e00" <= before <= "\u9fff" or before.isdigit()) or not ("\u4e00" <= after <= "\u9fff" or after.isdigit()):
        return False
    return text.rfind("\n", k - 16, k) < 0 and ITEM_START.match(text, k + 1) is None


def trim_lead(text: str, a: int, b: int) -> int:
    m = LEAD.match(text, a, b)
    return m.end() if m else a


def trim_tail(ind: str) -> tuple[str, bool]:
    """``ind`` without adverbs and comparisons before the verb; True if 分别/均/都 was among them."""
    r = ind[::-1]
    m = TAIL_REV.match(r)
    if not m:
        return ind, False
    cut = r[: m.end()]
    return ind[: len(ind) - m.end()], ("别分" in cut or "均" in cut or "都" in cut)


def head_of(item: str, last: str) -> str:
    """The head a list item lacking one borrows from the last item: for a short item like the
    last one's start, the rest of the last (食品、药品抽检合格率 → 抽检合格率); else a known head
    (新生儿、婴儿和5岁以下儿童死亡率 → 死亡率, 城市公园、“口袋公园”保有量 → 保有量), else the
    last three characters before 率."""
    n = len(item)
    if n <= 2 and len(last) - n <= 6 and all("\u4e00" <= c <= "\u9fff" for c in last[:n]):
        return last[n:]
    for h in HEADS:
        if last.endswith(h) and len(last) > len(h):
            return h
    if last.endswith("率"):
        return last[-3:]
    return ""


def split_on(text: str, a: int, b: int, seps: str) -> list[tuple[int, int]]:
    out = []
    s = a
    for k in range(a, b):
        if text[k] in seps:
            if k > s:
                out.append((s, k))
            s = k + 1
    if b > s:
        out.append((s, b))
    return out


def list_items(text: str, a: int, b: int, n: int) -> list[tuple[int, int, str]]:
    """The list items of the indicator ``[a, b)`` for ``n`` values: split on 、, and on 和/及/与 too
    when that comes closer to ``n``; items missing the head take the last item's."""
    parts = split_on(text, a, b, "、")
    if len(parts) < n:
        finer = [q for p in parts for q in split_on(text, p[0], p[1], "和及与")]
        if len(parts) < len(finer) <= n:
            parts = finer
    if len(parts) < 2:
        return []
    last = text[parts[-1][0] : parts[-1][1]]
    out = []
    for ps, pe in parts:
        ps = trim_lead(text, ps, pe)
        if text[ps : ps + 1] in OBJECT_PREPOSITIONS and pe - ps > 2:
            ps += 1  # 对非洲、拉美市场出口分别增长…
        w = text[ps:pe]
        if w and w != last and w[-1] not in INDICATOR_FINAL:
            w += head_of(w, last)
        if w:
            out.append((ps, pe, w))
    return out


def rejected(text: str, h: Hit, role: str | None, cue: str | None) -> bool:
    """True for numbers that are no figure: ordinals, ranges, codes, dates, ages, measures."""
    s, _, unit, _, bound, end, _ = h
    p = text[s - 1] if s > 0 else ""
    if p and (p in "第每-—－–~～/:：.．#_" or p.isdigit() or "A" <= p <= "z"):
        return True
    if p in "至到" and s > 1 and (text[s - 2].isdigit() or text[s - 2] in "%％‰岁"):
        return True
    q = text[end] if end < len(text) else ""
    if q and ((q.isdigit() and not unit) or q in "月号届" or (q in "-—－–~～" and text[end + 1 : end + 2].isdigit())):
        return True
    lq = text.rfind("“", max(0, s - 12), s)
    if lq >= 0 and text.find("”", lq, s) < 0 and text.find("”", end, end + 12) >= 0:
        return True  # inside a name: “重点工作5张报表”
    if q == "的" and text[end + 1 : end + 3] not in ("目标", "水平"):
        return True  # 年销售收入超10亿元的龙头企业: a qualifier
    core = unit.lstrip("千百万亿") or unit
    if core == "岁":
        if bound in ("以上", "以下", "及以上", "及以下") and "\u4e00" <= q <= "\u9fff" and q != "的":
            return True  # 65岁以上老年人
        if role is None:
            pre = text[max(0, s - 4) : s]
            return not (pre.endswith("寿命") or pre.endswith("年龄"))
        return cue in WEAK_CUES
    if core in WEAK:
        return role is None or cue in WEAK_CUES
    return False


def comparator_of(role: str | None, bound: str) -> Comparator:
    if role == "inc":
        return Comparator.INCREASE
    if role == "dec":
        return Comparator.DECREASE
    if role == "ge":
        return Comparator.GE
    if role == "le":
        return Comparator.LE
    if bound == "以上" or bound == "及以上":
        return Comparator.GE
    if bound == "以下" or bound == "及以下" or bound == "以内":
        return Comparator.LE
    if role == "ctl":
        return Comparator.EQ if bound == "左右" else Comparator.LE
    return Comparator.EQ


# comparator_of for every role and bound: one look-up per figure
COMPARATORS = {
    (role, bound): comparator_of(role, bound)
    for role in (None, "eq", "ge", "le", "ctl", "inc", "dec", "to")
    for bound in ("", "以上", "及以上", "以下", "及以下", "以内", "左右")
}


def hit_of(m: re.Match[str]) -> Hit:
    """The value of a trigger match (groups by number: num unit bound, cn cnu cnb, bare bb; the
    number starts at the match start)."""
    li = m.lastindex or 0
    if li <= 3:
        return (m.start(), m.end(1), m[2], m.end(2), m[3] or "", m.end(), False)
    if li <= 6:
        return (m.start(), m.end(4), m[5], m.end(5), m[6] or "", m.end(), True)
    return (m.start(), m.end(7), "", m.end(7), m[8] or "", m.end(), False)


def noun_after(rd: Reader, hits: list[Hit], most: int = 20) -> int:
    """End of the noun right after the last value (新建50个【区域养老服务中心】，), 0 if none."""
    last_end = hits[-1][5]
    pm = POST_NOUN_STOP.search(rd.text, last_end, min(rd.n, last_end + most + 1))
    if pm is None or pm.start() - last_end < 2 or len(hits) > 1:
        return 0
    noun = rd.text[last_end : pm.start()]
    if noun[0] in "的地得" or noun.startswith(("以上", "以下", "左右")):
        return 0
    return pm.start()


def subject_before(text: str, clause_start: int, sent: int) -> tuple[int, str] | None:
    """Start and text of the subject of the part before ``clause_start`` when that part is
    "indicator + predicate" (居民健康素养水平稳步提升，2022年达38.2%)."""
    e = clause_start - 1
    if e <= sent:
        return None
    s = part_start(text, e, max(sent, e - 30))
    r = text[s:e][::-1]
    pm = PREDICATE_REV.match(r)
    if not pm:
        return None
    subj_end = e - pm.end()
    a = trim_lead(text, s, subj_end)
    subj = text[a:subj_end]
    if 2 <= len(subj) <= 16 and subj[-1] in INDICATOR_FINAL:
        return a, subj
    return None
