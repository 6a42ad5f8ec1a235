"""The overview a large corpus opens on: documents on a ring, the programs they share inside it.

A fitted drawing of a few thousand nodes shows boxes too small to read and edges crossing
everywhere (the 25 dev reports: 6,995 nodes in the corpus view, 1,937 in the programs view). So
above :data:`OVERVIEW_NODES` the page opens on what a person can read at one glance, at most
:data:`OVERVIEW_BUDGET` nodes: every document, and the programs that at least ``min_docs`` of
them use (2 unless that is still too many), each sized by how many documents use it. Everything
else — programs of one document, sections, members, entities — is one click (a document opens
its outline with all its programs) or one search away.

Layout: the documents sit on a ring, grouped by administrative level and, within a level, in a
chain where each neighbour shares the most programs with the one before (so that a program of two
documents usually sits between two neighbours, with two short edges). A program sits at the mean
of its documents' points on the ring, pulled inward: one shared by nearly all documents lands at
the centre, one shared by two neighbours near the rim. Boxes are then nudged apart along a spiral.
A program not drawn at open gets a spot outside the ring beside its home document, where search
reveals it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hwgraph.views._text import KIND_ZH, wrap

if TYPE_CHECKING:
    from hwgraph.views._builder import ViewBuilder
    from hwgraph.views._model import Doc

OVERVIEW_NODES = 1000
"""Above this many nodes a view of several documents opens on the overview."""
OVERVIEW_BUDGET = 300
"""At most this many nodes at open (documents and shared programs): labels a person can scan."""

_DOC_FONT = 28
_DOC_CHARS = 10  # a short title per line, two lines at most
_ARC = 230  # canvas px of ring per document
_MARGIN = 14  # px around every box when nudging boxes apart
_OUT_STEP = 46  # px between programs stacked outside the ring
_UNTANGLE_DOCS = 32  # 2-opt is about quartic in documents: only small rings get it (25: 0.1 s)
_RARE = 16  # programs of more documents than this are common ground, not a reason to be neighbours
_GOLDEN = math.pi * (3 - math.sqrt(5))  # the Vogel spiral's turn: candidate spots cover a disc evenly

Box = tuple[float, float]  # width, height in canvas px
Point = tuple[float, float]


@dataclass(frozen=True)
class OverviewPlan:
    """What the overview draws at open and how its documents are labelled."""

    min_docs: int
    """Programs used by at least this many documents are drawn at open."""
    shown: int
    """Nodes drawn at open: documents and those programs."""
    prefix: str
    """What every document title starts with, left out of the ring's labels."""
    suffix: str
    """What every document title ends with, left out of the ring's labels."""
    levels: tuple[tuple[str, str, int], ...]
    """The documents' levels in ring order: (level, its Chinese name, documents)."""


def shared_min(counts: Iterable[int], n_docs: int, budget: int = OVERVIEW_BUDGET) -> int:
    """The smallest ``k`` >= 2 such that the documents and the programs used by at least ``k``
    documents are at most ``budget`` nodes; past the most-used program when even that is too many
    (the overview then draws documents only). ``counts`` is each program's number of documents."""
    hist = Counter(c for c in counts if c >= 2)
    k = 2
    shown = n_docs + sum(hist.values())
    top = max(hist, default=1)
    while shown > budget and k <= top:
        shown -= hist.get(k, 0)
        k += 1
    return k


def _boundary(a: str, b: str) -> bool:
    """True when a cut between characters ``a`` and ``b`` splits no number or Latin word."""
    return not (a.isascii() and b.isascii() and a.isalnum() and b.isalnum())


def common_affixes(titles: Sequence[str]) -> tuple[str, str]:
    """The prefix and suffix every title shares, cut at a word boundary, leaving each title at least
    two characters of its own: ``("2026年", "政府工作报告")`` for a year's provincial reports."""
    if len(titles) < 2:
        return "", ""
    shortest = min(len(t) for t in titles)
    p = 0
    while p < shortest - 2 and all(t[p] == titles[0][p] for t in titles):
        p += 1
    while 0 < p < len(titles[0]) and not _boundary(titles[0][p - 1], titles[0][p]):
        p -= 1
    s = 0
    while s < shortest - p - 2 and all(t[-1 - s] == titles[0][-1 - s] for t in titles):
        s += 1
    while 0 < s < len(titles[0]) and not _boundary(titles[0][-1 - s], titles[0][-s]):
        s -= 1
    return titles[0][:p], titles[0][len(titles[0]) - s :] if s else ""


def short_title(title: str, prefix: str, suffix: str) -> str:
    """``title`` without the shared prefix and suffix, in at most two short lines."""
    core = title[len(prefix) : len(title) - len(suffix)] if prefix or suffix else title
    return wrap(core, _DOC_CHARS, 2)


def place_name(place: str | None) -> str:
    """The name in a document's place (``上海市 310000`` -> ``上海市``): its code left out."""
    return " ".join(w for w in (place or "").split() if not w.isdigit())


def doc_labels(docs: Sequence[Doc]) -> tuple[list[str], str, str]:
    """Short labels for the ring, and the title prefix and suffix left out of them (empty when the
    labels are places). A document is named by its place, with its year and kind when those
    differ between documents, as long as every document has a place and no two labels are the
    same; otherwise by its title without what every title shares."""
    places = [place_name(d.place) for d in docs]
    if docs and all(places):
        vary_year = len({d.year for d in docs}) > 1
        vary_kind = len({d.kind for d in docs}) > 1
        labels = [
            " ".join(
                str(x)
                for x in (
                    p,
                    d.year if vary_year else None,
                    KIND_ZH.get(d.kind or "", d.kind) if vary_kind else None,
                )
                if x
            )
            for p, d in zip(places, docs, strict=True)
        ]
        if len(set(labels)) == len(labels):
            return [wrap(s, _DOC_CHARS, 2) for s in labels], "", ""
    prefix, suffix = common_affixes([d.title for d in docs])
    return [short_title(d.title, prefix, suffix) for d in docs], prefix, suffix


def program_font(k: int) -> int:
    """The overview's font size of a program used by ``k`` documents: area grows with use."""
    return round(min(44, 16 + 4.5 * math.sqrt(max(0, k - 1))))


def box_size(label: str, font: int) -> Box:
    """About how large vis-network draws a box with ``label`` at ``font`` px (CJK one em wide,
    Latin and digits about half), with its margin and border."""
    lines = label.split("\n")
    ems = max(sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in line) for line in lines)
    return ems * font + 2 * 10, len(lines) * font * 1.25 + 2 * 10


def _pair_weights(docs: Sequence[str], progs_of: Mapping[str, Iterable[str]]) -> dict[str, Counter[str]]:
    """How much each pair of documents wants to be neighbours on the ring: a program shared by
    ``k`` documents adds ``1/(k-1)`` to each pair it joins, so rare shared programs (whose edges
    would cross the ring) weigh most; programs of more than half the documents (or more than
    ``_RARE``) sit near the centre anyway and count nothing, which also bounds the pairs."""
    docs_of: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        for p in progs_of.get(d, ()):
            docs_of[p].append(d)
    weight: dict[str, Counter[str]] = defaultdict(Counter)
    most = min(_RARE, max(2, len(docs) // 2))
    for users in docs_of.values():
        k = len(users)
        if 2 <= k <= most:
            for a in users:
                for b in users:
                    if a != b:
                        weight[a][b] += 1 / (k - 1)
    return weight


def ring_cost(order: Sequence[str], weight: Mapping[str, Mapping[str, float]]) -> float:
    """The sum over pairs of their weight times their distance around the ring, in slots."""
    n = len(order)
    at = {d: i for i, d in enumerate(order)}
    total = 0.0
    for a in order:
        for b, w in weight.get(a, {}).items():
            gap = abs(at[a] - at[b])
            total += w * min(gap, n - gap)
    return total / 2


def ring_order(
    docs: Sequence[str], progs_of: Mapping[str, Iterable[str]], group: Mapping[str, int]
) -> list[str]:
    """``docs`` in ring order: by ``group`` (level rank), and within a group a greedy chain where
    each next document shares the most with the last one (weights of :func:`_pair_weights`), then
    improved by reversing stretches while that brings sharing documents closer (2-opt on
    :func:`ring_cost`; on the 25 dev reports a tenth fewer edge crossings than the chain alone)."""
    weight = _pair_weights(docs, progs_of)
    if not weight:  # nothing shared (or more documents than the overview's budget): keep their order
        return sorted(docs, key=lambda d: group[d])
    rank = {d: i for i, d in enumerate(docs)}
    out: list[str] = []
    spans = []
    for g in sorted({group[d] for d in docs}):
        left = [d for d in docs if group[d] == g]
        spans.append((len(out), len(out) + len(left)))
        # Start from the document most tied to the others: the chain then grows from its cluster.
        cur = max(left, key=lambda d: (sum(weight[d][e] for e in left), -rank[d]))
        while True:
            out.append(cur)
            left.remove(cur)
            if not left:
                break
            ties = weight[cur]
            cur = max(left, key=lambda d: (ties[d], -rank[d]))
    if len(docs) <= _UNTANGLE_DOCS:
        out = _two_opt(out, weight, spans)
    return out


def _two_opt(
    order: list[str], weight: Mapping[str, Mapping[str, float]], spans: Sequence[tuple[int, int]]
) -> list[str]:
    """Reverse stretches inside each level's span of ``order`` while :func:`ring_cost` falls."""
    best = ring_cost(order, weight)
    for _ in range(4):
        better = False
        for lo, hi in spans:
            for i in range(lo, hi):
                for j in range(i + 2, hi):
                    cand = order[: i + 1] + order[i + 1 : j + 1][::-1] + order[j + 1 :]
                    cost = ring_cost(cand, weight)
                    if cost < best - 1e-9:
                        order, best, better = cand, cost, True
        if not better:
            break
    return order


class _Grid:
    """Placed boxes in buckets of a coarse grid: an overlap test looks at a few neighbours only."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)

    def _keys(self, x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield i, j

    @staticmethod
    def _rect(p: Point, box: Box) -> tuple[float, float, float, float]:
        w, h = box[0] / 2 + _MARGIN, box[1] / 2 + _MARGIN
        return p[0] - w, p[1] - h, p[0] + w, p[1] + h

    def free(self, p: Point, box: Box) -> bool:
        x0, y0, x1, y1 = self._rect(p, box)
        for key in self._keys(x0, y0, x1, y1):
            for a0, b0, a1, b1 in self.buckets.get(key, ()):
                if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    return False
        return True

    def add(self, p: Point, box: Box) -> None:
        rect = self._rect(p, box)
        for key in self._keys(*rect):
            self.buckets[key].append(rect)


def ring_layout(
    order: Sequence[str],
    docs_of: Mapping[str, Sequence[str]],
    sizes: Mapping[str, Box],
    gaps: Sequence[int] = (),
) -> dict[str, Point]:
    """Positions of the documents of ``order`` on a ring and of the programs of ``docs_of``
    (program -> its documents, most used first) inside it, no two boxes overlapping.
    ``gaps`` are indexes in ``order`` where a new level group begins: one empty slot each."""
    slots = len(order) + len(gaps)
    area = sum((w + 2 * _MARGIN) * (h + 2 * _MARGIN) for p, (w, h) in sizes.items() if p in docs_of)
    # Room for every program (margins included) in half the disc inside 0.85 of the radius.
    radius = max(400.0, slots * _ARC / (2 * math.pi), math.sqrt(area / (math.pi * 0.5)) / 0.85)
    pos: dict[str, Point] = {}
    grid = _Grid(120.0)
    gap_at = set(gaps)
    slot = 0
    for i, d in enumerate(order):
        if i in gap_at:
            slot += 1
        angle = 2 * math.pi * slot / max(1, slots) - math.pi / 2
        pos[d] = (radius * math.cos(angle), radius * math.sin(angle))
        grid.add(pos[d], sizes[d])
        slot += 1
    for prog, users in docs_of.items():
        pts = [pos[d] for d in users if d in pos]
        if not pts:
            continue
        mx = sum(x for x, _ in pts) / len(pts)
        my = sum(y for _, y in pts) / len(pts)
        want = (0.8 * mx, 0.8 * my)
        box = sizes[prog]
        step = max(12.0, box[1] / 2)
        for i in range(20_000):
            r = step * math.sqrt(i)
            spot = (want[0] + r * math.cos(i * _GOLDEN), want[1] + r * math.sin(i * _GOLDEN))
            if grid.free(spot, box):
                break
        pos[prog] = spot
        grid.add(spot, box)
    return pos


def outside(anchor: Point, index: int, radius: float) -> Point:
    """The ``index``-th spot on the ray from the ring's centre through ``anchor``, past the ring:
    where a program hidden at open appears beside its home document when search reveals it."""
    x, y = anchor
    norm = math.hypot(x, y) or 1.0
    r = radius + 170 + index * _OUT_STEP
    return x / norm * r, y / norm * r


def crossings(segments: Sequence[tuple[Point, Point]]) -> int:
    """How many pairs of ``segments`` cross (sharing an end point is not a crossing). Quadratic:
    for tests and benchmarks, never on the page's write path."""

    def orient(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    n = 0
    for i, (a, b) in enumerate(segments):
        for c, d in segments[i + 1 :]:
            if a in (c, d) or b in (c, d):
                continue
            if orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0:
                n += 1
    return n


def level_groups(levels: Mapping[str, str | None]) -> dict[str, int]:
    """Each document's level rank (documents of no level after all others)."""
    # Imported here: hwgraph.analytics reads the store through hwgraph.views, so a module-level
    # import would be circular whichever package is imported first.
    from hwgraph.analytics._model import level_rank

    return {d: level_rank(lv or "unknown") for d, lv in levels.items()}


def level_legend(order: Sequence[str], levels: Mapping[str, str | None]) -> tuple[tuple[str, str, int], ...]:
    """(level, Chinese name, documents) in ring order."""
    from hwgraph.analytics._model import LEVEL_ZH

    seen = Counter(levels[d] or "unknown" for d in order)
    first = list(dict.fromkeys(levels[d] or "unknown" for d in order))
    return tuple((lv, LEVEL_ZH.get(lv, lv), seen[lv]) for lv in first)


def apply_overview(builder: ViewBuilder, budget: int = OVERVIEW_BUDGET) -> OverviewPlan:
    """Give the documents and programs of ``builder``'s graph their overview: positions ``ax``/``ay``,
    a document's short label ``sl`` and level ``lv`` (index into the plan's levels), a program's
    number of documents ``k`` and font ``fs``. Linear in the graph but for the ring's order,
    which compares documents in pairs."""
    g = builder.g
    docs = [builder.ids[d.iri] for d in builder.docs]
    level_of = {builder.ids[d.iri]: d.level for d in builder.docs}
    progs = [nid for nid, a in g.nodes(data=True) if a["cls"] == "prog"]
    docs_of = {p: g.nodes[p]["d"] for p in progs}
    k_min = shared_min((len(v) for v in docs_of.values()), len(docs), budget)
    shared = {p: v for p, v in docs_of.items() if len(v) >= k_min}
    progs_of: dict[str, list[str]] = defaultdict(list)
    for p, users in shared.items():
        for d in users:
            progs_of[d].append(p)
    labels, prefix, suffix = doc_labels(builder.docs)
    sizes: dict[str, Box] = {}
    for d, label in zip(builder.docs, labels, strict=True):
        nid = builder.ids[d.iri]
        g.nodes[nid]["sl"] = label
        sizes[nid] = box_size(label, _DOC_FONT)
    for p in progs:
        a = g.nodes[p]
        a["k"] = len(docs_of[p])
        a["fs"] = program_font(a["k"])
        sizes[p] = box_size(a["label"], a["fs"])
    group = level_groups(level_of)
    order = ring_order(docs, progs_of, group)
    gaps = [i for i in range(1, len(order)) if group[order[i]] != group[order[i - 1]]]
    most_used = dict(sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    pos = ring_layout(order, most_used, sizes, gaps)
    radius = max((math.hypot(*pos[d]) for d in docs), default=0.0)
    stacked: Counter[str | None] = Counter()
    for p in progs:
        if p in pos:
            continue
        home = g.nodes[p].get("h")
        anchor = pos.get(home) if home else None
        # A program of no document (only ever another's member) waits below the ring.
        pos[p] = outside(anchor or (0.0, 1.0), stacked[home], radius)
        stacked[home] += 1
    legend = level_legend(order, level_of)
    index = {lv: i for i, (lv, _, _) in enumerate(legend)}
    for d in docs:
        g.nodes[d]["lv"] = index[level_of[d] or "unknown"]
    for nid, (x, y) in pos.items():
        g.nodes[nid]["ax"], g.nodes[nid]["ay"] = round(x), round(y)
    return OverviewPlan(k_min, len(docs) + len(shared), prefix, suffix, legend)
