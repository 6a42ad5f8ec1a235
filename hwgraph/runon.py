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
from dataclasses import dataclass
from functools import cache
from importlib import resources

_CLAUSE_PUNCT = frozenset("，。；：、！？,;:!?\n")
_SENTENCE_PUNCT = frozenset("。；！？;!?\n")
_OPENING = frozenset("“‘《（(「【")
# What opens a body and never continues a heading (an expert's rule, so its weight is fixed, not
# fitted: see FIXED): a time adverbial (2025年是…, 今年…, 过去一年…), an adverbial of basis or scope
# (在…下, 按照…, 根据…, 围绕…, 全省…, 各地…) or the 以…为指导 that opens the body of a 方案 or 意见.
_BODY_OPENER = re.compile(
    r"(?:19|20)\d\d年(?!度)|今年|去年|明年|过去|近年|刚刚|当前|目前|新时代以来|五年来|一年来"
    r"|(?:在|按照|根据|依据|围绕|对照|针对|通过|随着|面对|经过|为了|截至|截止)(?![\u4e00-\u9fff]?[。，；、])"
    r"|(?:全|我|各)(?:省|市|区|县|州|镇|乡|地|级)(?!委|政府|人民)"
    r"|以[^，。；]{2,30}为(?:指导|引领|统领|遵循|根本遵循)"
)
FIXED = {"opener": 3.0}
NONE = -1  # the candidate "the heading is the whole sentence"


_HEADING_MARK = re.compile(r"^\s*(?:第[一二三四五六七八九十\d]{1,3}[篇章]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．])")


def _heading_line(words: list[str], start: int, end: int) -> bool:
    """Are ``words[start:end + 1]`` a numbered heading line (no full stop, heading-sized)?"""
    line = "".join(words[start : end + 1])
    return len(line) <= 40 and _HEADING_MARK.match(line) is not None and not any(c in "。；！？" for c in line)


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


@dataclass
class Counts:
    """Clause-boundary counts: how often a word occurs, ends a clause, opens a clause.

    Keys are words, ``<c`` (a word opening with character c) and ``c>`` (a word ending with c).
    """

    n: Counter[str]
    ends: Counter[str]
    starts: Counter[str]
    heads: Counter[str]  # how often the word ends a numbered heading line (一、…建设 / （一）…体系)

    @classmethod
    def of(cls, text: str) -> Counts:
        """Count ``text`` (segmented by jieba; punctuation and line breaks are the boundaries)."""
        from hwgraph._jieba import cut

        n: Counter[str] = Counter()
        ends: Counter[str] = Counter()
        starts: Counter[str] = Counter()
        heads: Counter[str] = Counter()
        words = [w for w in cut(text) if w.strip(" \t\u3000\r") or w == "\n"]
        prev_punct = True
        line_start = 0
        for i, w in enumerate(words):
            if w in _CLAUSE_PUNCT or not w.strip():
                if w == "\n":
                    line_start = i + 1
                prev_punct = True
                continue
            first, last = "<" + w[0], w[-1] + ">"
            n[w] += 1
            n[first] += 1
            n[last] += 1
            if prev_punct:
                starts[w] += 1
                starts[first] += 1
            if i + 1 == len(words) or words[i + 1] in _CLAUSE_PUNCT:
                ends[w] += 1
                ends[last] += 1
                if (i + 1 == len(words) or words[i + 1] == "\n") and _heading_line(words, line_start, i):
                    heads[w] += 1
                    heads[last] += 1
            prev_punct = False
        return cls(n, ends, starts, heads)

    def add(self, other: Counts, weight: float = 1.0) -> Counts:
        """These counts plus ``weight`` times ``other``'s."""
        def mix(a: Counter[str], b: Counter[str]) -> Counter[str]:
            out = Counter(a)
            for k, v in b.items():
                out[k] += weight * v
            return out

        return Counts(*(mix(getattr(self, f), getattr(other, f)) for f in ("n", "ends", "starts", "heads")))

    def to_json(self, min_count: int = 3) -> dict[str, list[float]]:
        """``{key: [n, ends, starts, heads]}`` for keys seen at least ``min_count`` times."""
        return {
            k: [v, self.ends[k], self.starts[k], self.heads[k]] for k, v in sorted(self.n.items()) if v >= min_count
        }

    @classmethod
    def from_json(cls, data: dict[str, list[float]]) -> Counts:
        """The inverse of :meth:`to_json`."""
        return cls(*(Counter({k: v[i] for k, v in data.items() if v[i]}) for i in range(4)))


@cache
def prior() -> Counts:
    """Clause-boundary counts of Chinese policy prose (``bench/fit_runon.py`` writes them)."""
    data = resources.files("hwgraph").joinpath("data/runon_prior.json").read_text(encoding="utf-8")
    return Counts.from_json(json.loads(data))


# The prior weighs as much as a document of this many words: a long document speaks for itself,
# a short one leans on what policy prose usually does.
PRIOR_WORDS = 60_000


class _Stats:
    """Clause-end and clause-start probabilities of words, from a document mixed with the prior."""

    def __init__(self, counts: Counts) -> None:
        words = sum(v for k, v in counts.n.items() if k[0] != "<" and k[-1] != ">")
        self._c = counts
        self._p_end = (sum(v for k, v in counts.ends.items() if k[-1] != ">") + 1) / (words + 2)
        self._p_start = (sum(v for k, v in counts.starts.items() if k[0] != "<") + 1) / (words + 2)

    def log_end(self, word: str) -> float:
        """log P(a clause ends after ``word``), backing off to its last character."""
        c, k = self._c, word[-1] + ">"
        back = (c.ends[k] + 2 * self._p_end) / (c.n[k] + 2)
        return math.log((c.ends[word] + 2 * back) / (c.n[word] + 2))

    def log_start(self, word: str) -> float:
        """log P(a clause opens with ``word``), backing off to its first character."""
        c, k = self._c, "<" + word[0]
        back = (c.starts[k] + 2 * self._p_start) / (c.n[k] + 2)
        return math.log((c.starts[word] + 2 * back) / (c.n[word] + 2))

    def log_heading_end(self, word: str) -> float:
        """log P(a numbered heading line ends with ``word`` | a clause ends with it)."""
        c, k = self._c, word[-1] + ">"
        back = (c.heads[k] + 0.1) / (c.ends[k] + 2)
        return math.log((c.heads[word] + 2 * back) / (c.ends[word] + 2))


def mixed(doc: Counts, base: Counts | None) -> Counts:
    """A document's counts with the prior scaled to weigh ``PRIOR_WORDS`` words."""
    if base is None:
        return doc
    base_words = sum(v for k, v in base.n.items() if k[0] != "<" and k[-1] != ">") or 1
    return doc.add(base, PRIOR_WORDS / base_words)


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
            self._stats = _Stats(mixed(Counts.of(self._text), self._base))
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
            found = _BODY_OPENER.match(sentence, rest_at)
            # an opener is a whole word or words (在岗 is no 在…; jieba may glue 回顾|过去)
            opener = found is not None and (found.end() in bounds or found.end() == len(sentence))
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
        for c in self.candidates(sentence):
            s = c.score(w)
            if c.end == NONE:
                none_score = s
            elif s > best_score:
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
