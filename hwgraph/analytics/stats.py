"""The corpus in numbers: ``hwgraph stats`` and ``hwgraph.stats(graph)``.

    >>> import hwgraph
    >>> s = hwgraph.stats("outputs")
    >>> s.documents, s.by_level
    (9, {'province': 1, 'city': 1, 'district': 4, 'county': 3})
    >>> s.programs[0]
    ProgramStats(name='十四五', documents=6, first_year=2022, levels=('city', 'district', 'county'), members_agree=None)

Every number is a count over the graph that a SPARQL query gives as well (``tests/test_stats.py``
computes both): ``documents`` counts hw:Document; ``by_year``/``by_level``/``by_kind`` group them by
``hw:year`` (``unknown`` when absent), ``hw:adminLevel`` and ``hw:docKind``; a program's
``documents`` counts the distinct documents of its hw:ProgramUse nodes, ``first_year`` is the
smallest ``hw:year`` among them and ``levels`` their distinct levels from the top down;
``members_agree`` is true when every use whose members come from the text (``hw:membersFrom
"text"``) lists the same set of member labels, false when two differ, and null when no document
spells them out. With entities in the graph, ``indicators`` gives each hw:Indicator with the
documents that set a hw:Target for it and every target, and ``citations`` each work with the
number of documents that ``hw:cites`` it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hwgraph.analytics._model import (
    LEVELS,
    UNKNOWN,
    Corpus,
    count_by,
    level_rank,
    members_agree,
    read_corpus,
)

if TYPE_CHECKING:
    from pyoxigraph import Store

    from hwgraph.library import KnowledgeGraph

__all__ = ["CitationStats", "IndicatorStats", "ProgramStats", "Stats", "TargetStats", "stats", "stats_text"]


@dataclass(frozen=True)
class ProgramStats:
    """One named program across the corpus."""

    name: str
    documents: int
    first_year: int | None
    levels: tuple[str, ...]
    members_agree: bool | None


@dataclass(frozen=True)
class TargetStats:
    """One value a document sets (``kind`` target) or reports (``achieved``) for an indicator."""

    value: float | int
    unit: str | None
    year: int | None
    document: str
    comparator: str | None = None
    kind: str | None = None
    text: str | None = None  # the value and unit as written: 79岁, 10/10万


@dataclass(frozen=True)
class IndicatorStats:
    """One indicator with every target the corpus sets for it."""

    indicator: str
    documents: int
    targets: tuple[TargetStats, ...]


@dataclass(frozen=True)
class CitationStats:
    """One cited policy and how many documents cite it."""

    title: str
    cited_by: int


@dataclass(frozen=True)
class Stats:
    """The corpus in numbers (see the module docstring for what each counts)."""

    documents: int
    by_year: dict[str, int]
    by_level: dict[str, int]
    by_kind: dict[str, int]
    programs: tuple[ProgramStats, ...]
    indicators: tuple[IndicatorStats, ...] = ()
    citations: tuple[CitationStats, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json.dumps`` (tuples become lists)."""
        return asdict(self)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def corpus_stats(corpus: Corpus) -> Stats:
    """The :class:`Stats` of a corpus already read."""
    docs = corpus.docs
    programs = []
    for prog in corpus.used_programs():
        years = [docs[d].year for d in prog.docs if docs[d].year is not None]
        levels = sorted({docs[d].level for d in prog.docs}, key=lambda lv: (level_rank(lv), lv))
        programs.append(
            ProgramStats(
                name=prog.name,
                documents=len(prog.docs),
                first_year=min(years) if years else None,  # type: ignore[type-var]
                levels=tuple(levels),
                members_agree=members_agree(prog),
            )
        )
    by_indicator: dict[str, list] = {}
    for t in corpus.targets:
        by_indicator.setdefault(t.indicator, []).append(t)
    indicators = []
    for iri, rows in by_indicator.items():
        targets = sorted(
            (
                TargetStats(
                    value=_number(t.value),
                    unit=t.unit,
                    year=t.year,
                    document=docs[t.doc].title,
                    comparator=t.comparator,
                    kind=t.kind,
                    text=None if t.value_text is None else t.value_text + (t.unit_text or ""),
                )
                for t in rows
            ),
            key=lambda t: (t.document, t.year or 0, t.unit or "", t.value, t.kind or "", t.text or ""),
        )
        indicators.append(IndicatorStats(corpus.indicators[iri], len({t.doc for t in rows}), tuple(targets)))
    indicators.sort(key=lambda i: (-i.documents, i.indicator))
    citations = sorted(
        (CitationStats(title, len(citing)) for title, citing in corpus.citations.values()),
        key=lambda c: (-c.cited_by, c.title),
    )
    years = (UNKNOWN if d.year is None else str(d.year) for d in docs.values())
    return Stats(
        documents=len(docs),
        by_year=count_by(years),
        by_level=count_by((d.level for d in docs.values()), {lv: i for i, lv in enumerate(LEVELS)}),
        by_kind=count_by(d.kind for d in docs.values()),
        programs=tuple(programs),
        indicators=tuple(indicators),
        citations=tuple(citations),
    )


def stats(graph: KnowledgeGraph | Store | str | Path | None = None) -> Stats:
    """The corpus in numbers for ``graph``: a build folder, a graph file (.ttl, .nq…), a store
    folder, a pyoxigraph Store or ``hwgraph.load(...)``; ``None`` is the last build in outputs/."""
    return corpus_stats(read_corpus(graph))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int = 60) -> str:
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > width - 1:
            return "".join(out) + "…"
        out.append(ch)
    return text


def _table(header: list[str], rows: list[list[str]]) -> str:
    """Aligned columns (a CJK character is two columns wide), like ``hwgraph query``'s tables."""
    rows = [[_clip(c) for c in r] for r in rows]
    widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


def _counts(counts: dict[str, int]) -> str:
    return "  ".join(f"{k} {v}" for k, v in counts.items()) or "-"


def stats_text(s: Stats, top: int = 20) -> str:
    """``s`` for a terminal: the counts, then the ``top`` programs, indicators and citations."""
    shared = sum(1 for p in s.programs if p.documents >= 2)
    lines = [
        f"documents   {s.documents}",
        f"by year     {_counts(s.by_year)}",
        f"by level    {_counts(s.by_level)}",
        f"by kind     {_counts(s.by_kind)}",
        f"programs    {len(s.programs)} ({shared} in two or more documents)",
    ]
    out = "\n".join(lines) + "\n"

    def flag(v: bool | None) -> str:
        return "-" if v is None else "yes" if v else "no"

    if s.programs:
        rows = [
            [p.name, str(p.documents), str(p.first_year or "-"), " ".join(p.levels), flag(p.members_agree)]
            for p in s.programs[:top]
        ]
        out += "\n" + _table(["program", "documents", "first_year", "levels", "members_agree"], rows)
        if len(s.programs) > top:
            out += f"… {len(s.programs) - top} more (--json for all)\n"
    if s.indicators or s.citations:
        out += f"\nindicators  {len(s.indicators)}\ncitations   {len(s.citations)}\n"
    if s.indicators:
        rows = [
            [i.indicator, str(i.documents), " | ".join(_target_cell(t) for t in i.targets[:4])]
            for i in s.indicators[:top]
        ]
        out += "\n" + _table(["indicator", "documents", "targets"], rows)
    if s.citations:
        rows = [[c.title, str(c.cited_by)] for c in s.citations[:top]]
        out += "\n" + _table(["cited", "cited_by"], rows)
    return out


def _target_cell(t: TargetStats) -> str:
    value = t.text or f"{t.value}{t.unit or ''}"
    return f"{value}" + (f" ({t.year})" if t.year else "")
