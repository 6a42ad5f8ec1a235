"""Where a heading ends when the line break after it is gone.

Web copies often arrive as one line: ``（一）全力促进经济平稳健康发展稳增长政策措施加快落地见效。…``
was a heading line (全力促进经济平稳健康发展) and the lead sentence of its first paragraph. Nothing
in the characters marks the seam, so it is found the way a reader finds it: a heading ends where a
clause could end (``发展`` often stands before a comma in this very document) and the next words
could open one (``稳增长`` often follows a full stop), at a heading-like length, with a lead of
lead-like length after it, and its clauses as parallel as headings are (对仗).

Entry point: :class:`HeadingEnds`, built once per document (its statistics are the document's own
clause boundaries, counted lazily the first time a heading needs them), then
:meth:`HeadingEnds.rank` for each heading sentence. The outline stage decides for a whole group of
sibling headings at once whether they carry glued leads (see ``outline._runon_titles``).

The scores are a small log-linear model over generic features (no words of any document): its
weights live in ``hwgraph/data/runon_weights.json`` and are fitted by ``bench/fit_runon.py`` on
heading lines of line-broken files (heading + next line glued, or heading lines whose sentence ends
on the line). That script prints the held-out accuracy by 5-fold cross-validation over files.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

_CLAUSE_PUNCT = frozenset("，。；：、！？,;:!?\n")
_SENTENCE_PUNCT = frozenset("。；！？;!?\n")
_OPENING = frozenset("“‘《（(「【")
# What opens a body and never continues a heading (an expert's rule, so its weight is fixed, not
# fitted: see FIXED): a time adverbial (2025年是…, 今年…, 过去一年…), an adverbial of basis or scope
# (在…下, 按照…, 根据…, 围绕…, 全省…, 各地…) or the 以…为指导 that opens the body of a 方案 or 意见.
_BODY_OPENER = re.compile(
    r"(?:到|力争到|力争|至)?(?:19|20)\d\d年(?!度)|今年|去年|明年|过去|近年|刚刚|当前|目前|新时代以来|五年来|一年来"
    r"|(?:在|按照|根据|依据|围绕|对照|针对|通过|随着|面对|经过|为了|截至|截止)(?![\u4e00-\u9fff]?[。，；、])"
    r"|(?:全|我|各)(?:省|市|区|县|州|镇|乡|地|级)(?!委|政府|人民)"
    r"|以[^，。；]{2,30}为(?:指导|引领|统领|遵循|根本遵循)"
)
FIXED = {"opener": 3.0}
_JOINS = frozenset("和与及、的并或")  # a heading never ends on these: what follows continues it


def opens_body(text: str, start: int, end: int) -> bool:
    """Is there, in ``text[start:end]``, a word that only opens a body (see ``_BODY_OPENER``) glued to
    the words before it? (After a comma it opens a clause of the sentence, as prose does.)"""
    return any(text[m.start() - 1] not in "，,、；;：:（(" for m in _BODY_OPENER.finditer(text, start, end))
NONE = -1  # the candidate "the heading is the whole sentence"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "inf"


@cache
def weights() -> dict[str, float]:
    """The feature weights: fitted ones (``bench/fit_runon.py`` writes them) and the FIXED rules."""
    data = resources.files("hwgraph").joinpath("data/runon_weights.json").read_text(encoding="utf-8")
    return {**json.loads(data)["weights"], **FIXED}


@dataclass(frozen=True)
class Candidate:
    """A place where a heading sentence could end (``NONE``: it is all heading)."""

    end: int  # offset in the sentence
    features: tuple[tuple[str, float], ...]

    def score(self, w: dict[str, float]) -> float:
        """Linear score under weights ``w``."""
        return sum(w.get(k, 0.0) * v for k, v in self.features)


_MAX = 4  # boundary strings are the 1 to 4 characters next to a clause break
_BREAK = re.compile(r"[，。；：、！？,;:!?\n]")


@dataclass
class Counts:
    """Clause-boundary counts of short strings (1 to 4 characters) of a text or a corpus.

    ``ends[s]``: how often ``s`` stands right before a clause break (punctuation or a line break);
    ``starts[s]``: right after one; ``heads[s]``: at the end of a numbered heading line
    (一、…建设 / （一）…体系). How often ``s`` occurs at all comes from the text itself
    (``str.count``, on demand) or, for a corpus, from ``n``.
    """

    ends: Counter[str]
    starts: Counter[str]
    heads: Counter[str]
    chars: int  # the size of what was counted
    n: dict[str, float] | None = None
    text: str | None = None
    _breaks: float | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str) -> Counts:
        """Count the clause breaks of ``text``: no segmentation needed, so it is cheap."""
        # the (up to) 4 characters before and after each break, and each of their suffixes/prefixes
        ends = Counter(b[-k:] for b in _BEFORE_BREAK.findall(text) for k in range(1, len(b) + 1))
        starts = Counter(a[:k] for a in _AFTER_BREAK.findall(text) for k in range(1, len(a) + 1))
        heads: Counter[str] = Counter()
        for m in _HEADING_LINE.finditer(text):
            line = m.group(0).rstrip(" \t\u3000\r")
            for k in range(1, min(_MAX, len(line)) + 1):
                heads[line[-k:]] += 1
        return cls(ends, starts, heads, len(text), text=text)

    def breaks(self) -> float:
        """How many clause breaks were counted (once per Counts: the prior's is large)."""
        if self._breaks is None:
            self._breaks = sum(v for k, v in self.ends.items() if len(k) == 1)
        return self._breaks

    def count(self, s: str) -> float:
        """How often ``s`` occurs."""
        if self.text is not None:
            return self.text.count(s)
        return (self.n or {}).get(s, 0.0)

    def to_json(self, min_count: int = 2) -> dict[str, object]:
        """The corpus counts of strings seen at a boundary at least ``min_count`` times."""
        keys = sorted(k for k in set(self.ends) | set(self.starts) | set(self.heads)
                      if self.ends[k] + self.starts[k] + self.heads[k] >= min_count)
        return {"chars": self.chars,
                "counts": {k: [self.count(k), self.ends[k], self.starts[k], self.heads[k]] for k in keys}}

    @classmethod
    def from_json(cls, data: dict) -> Counts:
        """The inverse of :meth:`to_json`."""
        rows = data["counts"]
        ends, starts, heads = (Counter({k: v[i] for k, v in rows.items() if v[i]}) for i in (1, 2, 3))
        return cls(ends, starts, heads, data["chars"], n={k: v[0] for k, v in rows.items()})


_BOUNDARY_CHARS = "，。；：、！？,;:!? \t\u3000\r\n"
_BEFORE_BREAK = re.compile(rf"[^{_BOUNDARY_CHARS}]{{1,{_MAX}}}(?=[，。；：、！？,;:!?\n])")
_AFTER_BREAK = re.compile(rf"(?<=[，。；：、！？,;:!?\n])[^{_BOUNDARY_CHARS}]{{1,{_MAX}}}")
_HEADING_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:第[一二三四五六七八九十\d]{1,3}[篇章]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|\d{1,2}[.、．])[^。；！？\n]{2,38}$"
)


@cache
def prior() -> Counts:
    """Clause-boundary counts of Chinese policy prose (``bench/fit_runon.py`` writes them)."""
    data = resources.files("hwgraph").joinpath("data/runon_prior.json").read_text(encoding="utf-8")
    return Counts.from_json(json.loads(data))


# The prior weighs as much as a document of this many characters: a long document speaks for
# itself, a short one leans on what policy prose usually does.
PRIOR_CHARS = 100_000


class _Stats:
    """Clause-end and clause-start probabilities of words: a document's counts plus the prior's."""

    def __init__(self, doc: Counts, base: Counts | None) -> None:
        self._doc, self._base = doc, base
        self._w = PRIOR_CHARS / base.chars if base is not None and base.chars else 0.0
        total = doc.chars + self._w * (base.chars if base else 0)
        breaks = doc.breaks() + (self._w * base.breaks() if base else 0)
        self._p = (breaks + 1) / (total + 2)  # a clause break after any character
        self._memo: dict[tuple[str, str], float] = {}

    def _get(self, table: str, s: str) -> float:
        key = (table, s)
        if key not in self._memo:
            def of(c: Counts) -> float:
                return c.count(s) if table == "n" else getattr(c, table)[s]
            v = of(self._doc)
            if self._base is not None:
                v += self._w * of(self._base)
            self._memo[key] = v
        return self._memo[key]

    def _ratio(self, table: str, given: str, s: str, back: float) -> float:
        return math.log((self._get(table, s) + 2 * back) / (self._get(given, s) + 2))

    def log_end(self, word: str) -> float:
        """log P(a clause ends after ``word``), backing off to its last character."""
        w = word[-_MAX:]
        back = (self._get("ends", w[-1]) + 2 * self._p) / (self._get("n", w[-1]) + 2)
        return self._ratio("ends", "n", w, back)

    def log_start(self, word: str) -> float:
        """log P(a clause opens with ``word``), backing off to its first character."""
        w = word[:_MAX]
        back = (self._get("starts", w[0]) + 2 * self._p) / (self._get("n", w[0]) + 2)
        return self._ratio("starts", "n", w, back)

    def log_heading_end(self, word: str) -> float:
        """log P(a numbered heading line ends with ``word`` | a clause ends with it)."""
        w = word[-_MAX:]
        back = (self._get("heads", w[-1]) + 0.1) / (self._get("ends", w[-1]) + 2)
        return self._ratio("heads", "ends", w, back)


class HeadingEnds:
    """Heading-end candidates for the headings of one document, scored with its own statistics."""

    def __init__(self, text: str, base: Counts | bool | None = True) -> None:
        self._text = text
        self._base = prior() if base is True else (base or None)
        self._stats: _Stats | None = None

    @property
    def stats(self) -> _Stats:
        """The document's clause-boundary statistics mixed with the prior, counted on first use."""
        if self._stats is None:
            self._stats = _Stats(Counts.of(self._text), self._base)
        return self._stats

    def candidates(self, sentence: str, max_clauses: int = 2) -> list[Candidate]:
        """Every place within the first ``max_clauses`` clauses where the heading could end, and NONE."""
        from hwgraph._jieba import cut

        words = cut(sentence)
        bounds: dict[int, str] = {}  # offset -> the word ending there
        firsts: dict[int, str] = {}  # offset -> the word starting there
        pos = 0
        for w in words:
            firsts[pos] = w
            pos += len(w)
            bounds[pos] = w
        stats = self.stats
        out: list[Candidate] = []
        commas = 0
        clause_start = 0
        first_clause = 0
        for p in range(1, len(sentence)):
            before = sentence[p - 1]
            if before in _CLAUSE_PUNCT:
                commas += 1
                if commas == 1:
                    first_clause = p - 1
                clause_start = p
                if commas >= max_clauses:
                    break
                continue
            if p < 3 or sentence[p] in _CLAUSE_PUNCT or before in _OPENING:
                continue
            quoted = sentence[p] in _OPENING
            rest_at = p + 1 if quoted and p + 1 < len(sentence) else p
            found = _BODY_OPENER.match(sentence, rest_at) if before not in _JOINS else None
            # an opener is a whole word or words (在岗 is no 在…; jieba may glue 回顾|过去)
            opener = found is not None and (found.end() in bounds or found.end() == len(sentence))
            if opener and found.end() - found.start() == 1 and len(bounds.get(p, "")) < 2:
                opener = False  # 摆|在更加突出位置: 在 after a one-character verb is its complement
            if p not in bounds and not opener:
                continue  # inside a word, unless jieba glued a time word to the heading (回顾|过去)
            left = bounds.get(p) or sentence[max(0, p - 2) : p]
            right = firsts.get(rest_at) or sentence[rest_at : rest_at + 2]
            f: dict[str, float] = {
                "tb": 1.0 if p in bounds else 0.0,
                "bq": 1.0 if quoted else 0.0,
                "len=" + _bucket(p, (3, 5, 8, 12, 16, 22, 30)): 1.0,
                f"com={commas}": 1.0,
                "rest=" + _bucket(len(sentence) - p, (2, 4, 6, 9, 13, 20, 40)): 1.0,
                "spe": stats.log_end(left),
                "hend": stats.log_heading_end(left),
                "sps": stats.log_start(right),
            }
            if commas == 1:
                f["par=" + _bucket((p - clause_start) - first_clause, (-4, -2, -1, 0, 1, 2, 4))] = 1.0
            f["apos=" + _pos(left)] = 1.0
            f["bpos=" + _pos(right)] = 1.0
            if opener:
                f["opener"] = 1.0
            after = rest_at + len(right)
            if sentence[after : after + 1] in ("和", "与", "及"):
                f["coord"] = 1.0  # 体系|建设和医疗…: the seam would cut a coordination in two
            if _restates(sentence, p):
                f["restate"] = 1.0
            out.append(Candidate(p, tuple(sorted(f.items()))))
        last = bounds.get(len(sentence)) or sentence[-2:]
        out.append(
            Candidate(
                NONE,
                (
                    ("none", 1.0),
                    ("nspe", stats.log_end(last) if sentence else 0.0),
                    ("slen=" + _bucket(len(sentence), (6, 9, 12, 15, 18, 22, 26, 30, 40)), 1.0),
                ),
            )
        )
        return out

    def rank(self, sentence: str) -> Ranked:
        """The likeliest heading end inside ``sentence``, and how it compares to "all heading"."""
        w = weights()
        best: Candidate | None = None
        best_score, none_score = -math.inf, -math.inf
        cands = self.candidates(sentence)
        # what follows a word that only opens a body (到2022年, 在…下) is body: no seam after it
        stop = min((c.end for c in cands if c.end != NONE and ("opener", 1.0) in c.features), default=len(sentence))
        for c in cands:
            s = c.score(w)
            if c.end == NONE:
                none_score = s
            elif c.end <= stop and s > best_score:
                best, best_score = c, s
        if best is None:
            return Ranked(NONE, -math.inf, False)
        return Ranked(best.end, best_score - none_score, ("opener", 1.0) in best.features)


@dataclass(frozen=True)
class Ranked:
    """The best seam of a heading sentence."""

    end: int  # offset of the seam in the sentence; NONE if there is no candidate
    margin: float  # its score minus the score of "the sentence is all heading"
    opener: bool  # the text after the seam opens like a body (a rule, not a guess)


@cache
def _tags() -> dict[str, str]:
    """jieba's part-of-speech dictionary (a general resource, loaded once)."""
    from hwgraph._jieba import cut

    cut("")  # jieba set up quietly first
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def _pos(word: str) -> str:
    """The coarse part of speech of ``word`` (n, v, a, d, p, t, r, m, c…; x when unknown)."""
    tag = _tags().get(word)
    return tag[0] if tag else "x"


def _restates(sentence: str, p: int) -> bool:
    """Does the text at ``p`` repeat how the heading began (“十五五”时期…“十五五”时期是…)?"""
    for k in (4, 3, 2):
        piece = sentence[p : p + k]
        if len(piece) == k and piece in sentence[: min(p, k + 2)]:
            return True
    return False
