"""Compare documents, places and years: ``hwgraph compare`` and its numbers.

:func:`compare_data` computes what the report shows, as plain frozen records a test (or a
notebook) can check; :func:`write_compare` draws it as one self-contained HTML page:

* the program × document matrix: how often each program is mentioned in each document, documents
  grouped by place, year or level (``by``), with the quotes of every cell;
* the diffusion of programs over years and down the administrative levels;
* targets side by side: every value the documents set for the same indicator (and unit);
* the co-occurrence network of programs (weight: documents that use both), its communities
  (Louvain, ``networkx.community.louvain_communities`` with a fixed seed) and centrality
  (eigenvector centrality, and betweenness for the programs that bridge communities);
* the most central documents (eigenvector centrality of the graph of documents weighted by shared
  programs, computed through the document × program incidence without building that graph);
* document similarity: the Jaccard index of the sets of programs two documents use.

Same graph, same bytes: every list is sorted with a total order, the community detection and the
betweenness sample are seeded, and floats are rounded before they are written.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from hwgraph.analytics._model import (
    LEVELS,
    Corpus,
    Doc,
    Prog,
    Quote,
    level_rank,
    read_corpus,
)
from hwgraph.views._sources import Sources

if TYPE_CHECKING:
    from pyoxigraph import Store

    from hwgraph.library import KnowledgeGraph

__all__ = [
    "BY",
    "CompareData",
    "CompareReport",
    "DocColumn",
    "ProgramRow",
    "compare_data",
    "write_compare",
]

BY = ("place", "year", "level")
"""How the matrix groups its document columns."""

SEED = 42
MAX_PROGRAMS = 500  # matrix rows
MAX_DIFFUSION = 40  # rows of the diffusion chart
MAX_NETWORK = 150  # nodes of the co-occurrence network
MAX_EDGES = 2500  # edges drawn (the communities use all of them)
MAX_CENTRAL = 15
MAX_PAIRS = 100  # rows of the similarity table
MAX_PANELS = 16  # indicators side by side
MAX_TARGETS = 30  # bars per indicator
MAX_QUOTES = 3  # quotes kept per matrix cell


@dataclass(frozen=True)
class DocColumn:
    """A document as a matrix column."""

    iri: str
    title: str
    group: str  # its place, year or level, by ``by``
    year: int | None
    level: str
    place: str | None


@dataclass(frozen=True)
class ProgramRow:
    """A program as a matrix row."""

    iri: str
    name: str
    documents: int
    groups: int  # distinct groups (places, years or levels) among its documents
    first_year: int | None
    community: int | None  # index into ``CompareData.communities`` (None: not in the network)


@dataclass(frozen=True)
class QuoteText:
    """One mention: the words, the text around them when the source file is at hand, the section."""

    exact: str
    before: str
    after: str
    section: str | None
    start: int | None


@dataclass(frozen=True)
class Diffusion:
    """Where one program appears: documents per year and per level."""

    program: str
    first_year: int | None
    by_year: tuple[tuple[int, int], ...]
    by_level: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class TargetBar:
    """One value of a side-by-side panel."""

    document: str
    value: float
    text: str  # as written (value and unit), else the number
    year: int | None
    kind: str | None
    comparator: str | None


@dataclass(frozen=True)
class TargetPanel:
    """Every value the documents set for one indicator in one unit."""

    indicator: str
    unit: str | None
    documents: int
    bars: tuple[TargetBar, ...]


@dataclass(frozen=True)
class Node:
    """A program in the co-occurrence network, with its position in a 1000 × 1000 box."""

    name: str
    documents: int
    community: int
    x: float
    y: float
    centrality: float  # eigenvector centrality, weighted
    betweenness: float


@dataclass(frozen=True)
class Pair:
    """Two documents and the programs they share."""

    a: str
    b: str
    jaccard: float
    shared: int
    programs: tuple[str, ...]  # the shared programs, rarest first


@dataclass(frozen=True)
class CompareData:
    """Everything the compare report shows."""

    by: str
    documents: tuple[DocColumn, ...]
    groups: tuple[str, ...]
    programs: tuple[ProgramRow, ...]  # the matrix rows (at most MAX_PROGRAMS), most documents first
    total_programs: int
    cells: tuple[tuple[int, int, int], ...]  # (row, column, mentions), by row then column
    quotes: dict[tuple[int, int], tuple[QuoteText, ...]]
    diffusion: tuple[Diffusion, ...]
    years: tuple[int, ...]
    levels: tuple[str, ...]
    targets: tuple[TargetPanel, ...]
    nodes: tuple[Node, ...]
    edges: tuple[tuple[int, int, int], ...]  # (node, node, documents using both), drawn ones
    communities: tuple[tuple[str, ...], ...]  # program names, largest community first
    central_programs: tuple[Node, ...]
    central_documents: tuple[tuple[str, float], ...]
    pairs: tuple[Pair, ...]


@dataclass(frozen=True)
class CompareReport:
    """What ``write_compare`` wrote."""

    path: Path
    documents: int
    programs: int
    cells: int
    communities: int
    charts: tuple[str, ...]
    bytes: int

    def summary(self) -> str:
        """One line for humans."""
        return (
            f"wrote {self.path}: {self.documents} documents × {self.programs} programs ({self.cells} cells), "
            f"{self.communities} communities, charts: {', '.join(self.charts)} ({self.bytes} bytes)"
        )


# ---- grouping -----------------------------------------------------------------------------------


def _group(doc: Doc, by: str) -> str:
    if by == "year":
        return "未知年份" if doc.year is None else str(doc.year)
    if by == "level":
        return doc.level
    return doc.province or doc.place or "未知地区"


def _group_key(by: str, group: str) -> tuple:
    if by == "level":
        return (level_rank(group), group)
    if by == "year":
        return (not group.isdigit(), group)
    return (group.startswith("未知"), group)


# ---- the pieces ---------------------------------------------------------------------------------


class _Sources(Sources):
    """The text around a quote, from the source file the graph names when it is at hand and still
    holds the quoted words at the recorded offsets (else nothing is shown)."""

    def __init__(self, bases: Sequence[Path], width: int = 36) -> None:
        super().__init__(bases, width)

    def quote(self, q: Quote) -> QuoteText:
        around = self.around_quote(q.source, q.start, q.end, q.exact)
        before, after = around if around is not None else ("", "")
        return QuoteText(q.exact, before, after, q.section, q.start)


def _bits(items: Sequence[str], index: dict[str, int]) -> int:
    n = 0
    for item in items:
        n |= 1 << index[item]
    return n


def _network(
    programs: list[Prog], doc_index: dict[str, int]
) -> tuple[nx.Graph, list[list[str]]]:
    """The co-occurrence graph of ``programs`` (weight: documents using both) and its communities."""
    g = nx.Graph()
    bits = [_bits(sorted(p.docs), doc_index) for p in programs]
    for p in programs:
        g.add_node(p.name, documents=len(p.docs))
    for i in range(len(programs)):
        bi = bits[i]
        for j in range(i + 1, len(programs)):
            w = (bi & bits[j]).bit_count()
            if w:
                g.add_edge(programs[i].name, programs[j].name, weight=w)
    if g.number_of_nodes() == 0:
        return g, []
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    communities = sorted((sorted(c, key=lambda n: (-g.nodes[n]["documents"], n)) for c in found),
                         key=lambda c: (-len(c), c[0]))
    return g, communities


def _backbone(g: nx.Graph, node_index: dict[str, int], per_node: int = 4) -> tuple[tuple[int, int, int], ...]:
    """The edges drawn: each program's ``per_node`` strongest links (a hairball of every
    co-occurrence answers nothing), at most ``MAX_EDGES``; the communities use all edges."""
    keep: set[tuple[int, int]] = set()
    for name in sorted(g.nodes, key=lambda n: node_index[n]):
        strongest = sorted(g[name].items(), key=lambda kv: (-kv[1]["weight"], node_index[kv[0]]))[:per_node]
        for other, _ in strongest:
            a, b = node_index[name], node_index[other]
            keep.add((min(a, b), max(a, b)))
    names = {i: n for n, i in node_index.items()}
    weighted = sorted(((a, b, g[names[a]][names[b]]["weight"]) for a, b in keep), key=lambda e: (-e[2], e[0], e[1]))
    return tuple(sorted(weighted[:MAX_EDGES]))


def _eigenvector(g: nx.Graph) -> dict[str, float]:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g.nodes, 0.0)
    try:
        return nx.eigenvector_centrality(g, weight="weight", max_iter=1000, tol=1e-10)
    except nx.PowerIterationFailedConvergence:
        return nx.degree_centrality(g)


def _doc_centrality(docs: list[str], programs: list[Prog], iterations: int = 200) -> dict[str, float]:
    """Eigenvector centrality of the documents in the graph where two documents are linked by the
    number of programs they share, by power iteration on the incidence matrix X (the shared-program
    matrix is X·Xᵀ, never built: it is quadratic in the documents)."""
    shared = [sorted(p.docs) for p in programs if len(p.docs) >= 2]
    x = dict.fromkeys(docs, 1.0)
    if not shared:
        return dict.fromkeys(docs, 0.0)
    for _ in range(iterations):
        per_program = [sum(x[d] for d in ds) for ds in shared]
        nxt = dict(x)  # (A + I)·x, like networkx: the identity keeps the iteration from oscillating
        for ds, s in zip(shared, per_program, strict=True):
            for d in ds:
                nxt[d] += s - x[d]  # the other documents of the program: no self-loops
        top = max(nxt.values()) or 1.0
        nxt = {d: v / top for d, v in nxt.items()}
        if max(abs(nxt[d] - x[d]) for d in docs) < 1e-10:
            x = nxt
            break
        x = nxt
    return x


def _layout(g: nx.Graph, communities: list[list[str]], strength: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Communities as clusters, packed in rows; inside a cluster, a sunflower spiral with the
    strongest program in the middle. Deterministic, and the clusters are what the eye should see."""
    import math

    golden = math.pi * (3 - math.sqrt(5))
    step = 26.0
    pos: dict[str, tuple[float, float]] = {}
    clusters = []
    for members in communities:
        order = sorted(members, key=lambda n: (-strength.get(n, 0.0), n))
        radius = step * math.sqrt(len(order)) + step
        local = [
            (step * math.sqrt(k + 0.5) * math.cos(k * golden), step * math.sqrt(k + 0.5) * math.sin(k * golden))
            for k in range(len(order))
        ]
        clusters.append((radius, order, local))
    width = max(1000.0, max((2 * r for r, _, _ in clusters), default=0.0))
    x = y = row_h = 0.0
    for radius, order, local in clusters:
        if x + 2 * radius > width and x > 0:
            x, y, row_h = 0.0, y + row_h, 0.0
        cx, cy = x + radius, y + radius
        for name, (dx, dy) in zip(order, local, strict=True):
            pos[name] = (round(cx + dx, 1), round(cy + dy, 1))
        x += 2 * radius
        row_h = max(row_h, 2 * radius)
    return pos


def _pairs(docs: list[Doc], programs: list[Prog]) -> list[Pair]:
    """The most similar document pairs by the Jaccard index of their programs (bitsets: a pair
    costs one AND and two popcounts, so 1,000 documents take well under a second)."""
    prog_index = {p.iri: i for i, p in enumerate(programs)}
    sets: dict[str, list[str]] = defaultdict(list)
    for p in programs:
        for d in p.docs:
            sets[d].append(p.iri)
    bits = [_bits(sets.get(d.iri, []), prog_index) for d in docs]
    sizes = [b.bit_count() for b in bits]
    best: list[tuple[float, int, int, int]] = []
    for i in range(len(docs)):
        bi, si = bits[i], sizes[i]
        if not si:
            continue
        for j in range(i + 1, len(docs)):
            shared = (bi & bits[j]).bit_count()
            if shared:
                jac = shared / (si + sizes[j] - shared)
                item = (round(jac, 6), shared, -i, -j)
                if len(best) < MAX_PAIRS:
                    heapq.heappush(best, item)
                elif item > best[0]:
                    heapq.heapreplace(best, item)
    out = []
    for jac, shared, mi, mj in sorted(best, reverse=True):
        a, b = docs[-mi], docs[-mj]
        common = set(sets[a.iri]) & set(sets[b.iri])
        names = sorted((programs[prog_index[iri]] for iri in common), key=lambda p: (len(p.docs), p.name))
        out.append(Pair(a.title, b.title, round(jac, 4), shared, tuple(p.name for p in names[:6])))
    return out


def _diffusion(programs: list[Prog], docs: dict[str, Doc]) -> list[Diffusion]:
    shared = [p for p in programs if len(p.docs) >= 2] or programs
    rows = []
    for p in shared[:MAX_DIFFUSION]:
        years: dict[int, int] = defaultdict(int)
        levels: dict[str, int] = defaultdict(int)
        for d in p.docs:
            if docs[d].year is not None:
                years[docs[d].year] += 1  # type: ignore[index]
            levels[docs[d].level] += 1
        rows.append(
            Diffusion(
                p.name,
                min(years) if years else None,
                tuple(sorted(years.items())),
                tuple(sorted(levels.items(), key=lambda kv: (level_rank(kv[0]), kv[0]))),
            )
        )
    rows.sort(key=lambda r: (r.first_year is None, r.first_year or 0, -sum(n for _, n in r.by_level), r.program))
    return rows


def _targets(corpus: Corpus) -> list[TargetPanel]:
    groups: dict[tuple[str, str | None], list] = defaultdict(list)
    for t in corpus.targets:
        groups[(t.indicator, t.unit)].append(t)
    panels = []
    for (indicator, unit), rows in groups.items():
        bars = sorted(
            {  # one bar per distinct statement: a document that repeats a figure says it once
                TargetBar(
                    corpus.docs[t.doc].title,
                    t.value,
                    (t.value_text + (t.unit_text or "")) if t.value_text else f"{t.value:g}{t.unit or ''}",
                    t.year,
                    t.kind,
                    t.comparator,
                )
                for t in rows
            },
            key=lambda b: (b.kind == "achieved", -b.value, b.document, b.year or 0, b.text, b.kind or "",
                           b.comparator or ""),  # targets first, then what was achieved
        )
        panels.append(TargetPanel(corpus.indicators[indicator], unit, len({t.doc for t in rows}), tuple(bars[:MAX_TARGETS])))
    panels.sort(key=lambda p: (-p.documents, -len(p.bars), p.indicator, p.unit or ""))
    shared = [p for p in panels if p.documents >= 2]
    # Side by side means two documents or more; without any, the indicators with the most values.
    return shared[:MAX_PANELS] if shared else panels[: MAX_PANELS // 2]


def corpus_compare(corpus: Corpus, by: str = "place", bases: Sequence[Path] = (), max_programs: int = MAX_PROGRAMS) -> CompareData:
    """The :class:`CompareData` of a corpus already read; ``bases`` are folders to find source
    files in (for the text around quotes)."""
    if by not in BY:
        raise ValueError(f"by must be one of {BY}, not {by!r}")
    docs = sorted(corpus.docs.values(), key=lambda d: (_group_key(by, _group(d, by)), d.year or 0,
                                                       level_rank(d.level), d.title, d.iri))
    columns = tuple(DocColumn(d.iri, d.title, _group(d, by), d.year, d.level, d.place) for d in docs)
    col_of = {c.iri: j for j, c in enumerate(columns)}
    groups = tuple(dict.fromkeys(c.group for c in columns))
    used = corpus.used_programs()
    shown = used[:max_programs]

    # network, communities, centrality
    in_network = [p for p in used if len(p.docs) >= 2][:MAX_NETWORK]
    g, communities = _network(in_network, col_of)
    community_of = {n: k for k, members in enumerate(communities) for n in members}
    eigen = _eigenvector(g)
    k = min(64, g.number_of_nodes())
    between = nx.betweenness_centrality(g, k=k, seed=SEED) if k > 2 else dict.fromkeys(g.nodes, 0.0)
    strength = {n: float(sum(w for _, _, w in g.edges(n, data="weight"))) for n in g.nodes}
    pos = _layout(g, communities, strength)
    nodes = tuple(
        Node(p.name, len(p.docs), community_of[p.name], *pos[p.name], round(eigen.get(p.name, 0.0), 4),
             round(between.get(p.name, 0.0), 4))
        for p in in_network
    )
    node_index = {n.name: i for i, n in enumerate(nodes)}
    edges = _backbone(g, node_index)
    central_programs = tuple(sorted(nodes, key=lambda n: (-n.centrality, -n.documents, n.name))[:MAX_CENTRAL])
    doc_score = _doc_centrality([d.iri for d in docs], used)
    central_documents = tuple(
        (corpus.docs[iri].title, round(score, 4))
        for iri, score in sorted(doc_score.items(), key=lambda kv: (-kv[1], corpus.docs[kv[0]].title, kv[0]))[:MAX_CENTRAL]
        if score > 0
    )

    # the matrix
    sources = _Sources(list(dict.fromkeys(bases)))
    rows = []
    cells = []
    quotes: dict[tuple[int, int], tuple[QuoteText, ...]] = {}
    for i, p in enumerate(shown):
        years = [corpus.docs[d].year for d in p.docs if corpus.docs[d].year is not None]
        rows.append(ProgramRow(p.iri, p.name, len(p.docs), len({columns[col_of[d]].group for d in p.docs}),
                               min(years) if years else None, community_of.get(p.name)))  # type: ignore[type-var]
        for j in sorted(col_of[d] for d in p.docs):
            mentions = p.quotes.get(columns[j].iri, [])
            cells.append((i, j, max(1, len(mentions))))
            quotes[(i, j)] = tuple(sources.quote(q) for q in mentions[:MAX_QUOTES])
    diffusion = _diffusion(used, corpus.docs)
    return CompareData(
        by=by,
        documents=columns,
        groups=groups,
        programs=tuple(rows),
        total_programs=len(used),
        cells=tuple(cells),
        quotes=quotes,
        diffusion=tuple(diffusion),
        years=tuple(sorted({d.year for d in docs if d.year is not None})),
        levels=tuple(lv for lv in LEVELS if any(d.level == lv for d in docs)),
        targets=tuple(_targets(corpus)),
        nodes=nodes,
        edges=edges,
        communities=tuple(tuple(c) for c in communities),
        central_programs=central_programs,
        central_documents=central_documents,
        pairs=tuple(_pairs(docs, used)),
    )


def _bases(graph: object) -> list[Path]:
    bases = [Path.cwd()]
    if isinstance(graph, (str, Path)):
        where = Path(graph).resolve()
        bases += [where, where.parent, where.parent.parent]
    return bases


def compare_data(
    graph: KnowledgeGraph | Store | str | Path | None = None, by: str = "place", max_programs: int = MAX_PROGRAMS
) -> CompareData:
    """What the compare report of ``graph`` shows (a build folder, a graph file, a store folder, a
    Store or ``hwgraph.load(...)``; ``None`` is the last build), documents grouped ``by`` place,
    year or level."""
    return corpus_compare(read_corpus(graph), by, _bases(graph), max_programs)


def write_compare(
    graph: KnowledgeGraph | Store | str | Path | None,
    out_path: str | Path,
    by: str = "place",
    max_programs: int = MAX_PROGRAMS,
) -> CompareReport:
    """Write the compare report of ``graph`` to ``out_path``: one self-contained HTML file that
    needs no network (styles, script and data inline, a Content-Security-Policy that allows
    nothing else), written atomically as UTF-8."""
    from hwgraph._io import write_text_atomic
    from hwgraph.analytics._charts import render_page

    data = compare_data(graph, by, max_programs)
    page, charts = render_page(data)
    out = Path(out_path)
    write_text_atomic(out, page)
    return CompareReport(
        path=out,
        documents=len(data.documents),
        programs=len(data.programs),
        cells=len(data.cells),
        communities=len(data.communities),
        charts=charts,
        bytes=len(page.encode("utf-8")),
    )
