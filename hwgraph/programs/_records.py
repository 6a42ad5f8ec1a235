"""The working records of the programs stage: candidates, found items, groups and span indexes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hwgraph.programs._patterns import _BOUNDARY
from hwgraph.types import MemberSource, ProgramKind

_LAST_BOUNDARY = re.compile(f"(?s:.*)[{_BOUNDARY}]")


@dataclass
class _Item:
    """One member as found: text and clean offsets relative to the document slice."""

    text: str
    start: int | None
    end: int | None
    program_key: str | None = None


@dataclass
class _Cand:
    """One mention of a program name before mentions are grouped into programs."""

    start: int  # the name, relative to the document slice
    end: int
    name: str
    kind: ProgramKind
    rank: int  # lower wins overlaps: quoted 0, glossary 1, lexicon 2, others after
    outer_start: int = -1  # with its quotes
    outer_end: int = -1
    weak: bool = False  # kept only if the text gives it members that agree with its count
    parts: tuple[tuple[int, int], ...] = ()  # self-composite parts (两提高、两稳定、两降低)
    items: list[_Item] | None = None
    items_score: int = 0
    extras: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.outer_start < 0:
            self.outer_start, self.outer_end = self.start, self.end


class _Index:
    """Candidates sorted by position (they do not overlap), for range look-ups by bisection."""

    def __init__(self, cands: Sequence[_Cand], text: str) -> None:
        self.text = text
        self.cands = sorted(cands, key=lambda c: c.outer_start)
        self.starts = [c.outer_start for c in self.cands]
        self.ends = [c.outer_end for c in self.cands]

    def clause_start(self, pos: int, limit: int = 160) -> int:
        """Start of the clause that ``pos`` ends: just after the last punctuation before it, at most
        ``limit`` characters back. A line break after 、 ends no clause: the list runs on (A、B、\nC)."""
        text, lo = self.text, max(pos - limit, 0)
        while True:
            last = _LAST_BOUNDARY.match(text, lo, pos)  # greedy: backtracks from pos to the last one
            if not last:
                return lo
            cut = last.end() - 1
            if text[cut] != "\n" or text[cut - 1: cut] != "、":
                return cut + 1
            pos = cut

    def ending_in(self, lo: int, hi: int) -> list[_Cand]:
        """Candidates whose outer end lies in [lo, hi]."""
        return self.cands[bisect.bisect_left(self.ends, lo): bisect.bisect_right(self.ends, hi)]

    def within(self, lo: int, hi: int) -> list[_Cand]:
        """Candidates lying entirely inside [lo, hi)."""
        k = bisect.bisect_left(self.starts, lo)
        return [c for c in self.cands[k: bisect.bisect_right(self.starts, hi)] if c.outer_end <= hi]


class _SpanSet:
    """Sorted non-overlapping spans with a fast overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.spans.insert(k, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        for s, e in self.spans[max(k - 1, 0): k + 1]:
            if s < end and start < e:
                return True
        return False


@dataclass
class _Group:
    key: str
    name: str
    kind: ProgramKind
    count: int | None
    cands: list[_Cand]
    items: list[_Item] | None = None
    score: int = 0
    source: MemberSource | None = None
    sense: str | None = None
