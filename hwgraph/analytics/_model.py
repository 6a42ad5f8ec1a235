"""The corpus as the analytics read it: a few SPARQL queries over the union of all graphs, turned
into small records. Everything later (stats, the compare report) works on this model, never on
the store, so each number is read once and sorted once.

Entities (targets, citations) are optional: a graph built before the entities stage simply has
none, and the model's lists stay empty.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import QueryResultsFormat, Store

from hwgraph.dataset import query_dataset
from hwgraph.errors import HwgraphError
from hwgraph.views._store import first_by

# Administrative levels from the top down: the order of every level axis and list.
LEVELS = ("national", "province", "city", "district", "county", "township", "unknown")
LEVEL_ZH = {
    "national": "国家",
    "province": "省级",
    "city": "市级",
    "district": "区级",
    "county": "县级",
    "township": "乡镇",
    "unknown": "未知",
}
UNKNOWN = "unknown"

_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_DECIMALS = {
    "http://www.w3.org/2001/XMLSchema#decimal",
    "http://www.w3.org/2001/XMLSchema#double",
    "http://www.w3.org/2001/XMLSchema#float",
}


@dataclass
class Doc:
    """One hw:Document."""

    iri: str
    title: str
    year: int | None = None
    kind: str = UNKNOWN
    level: str = UNKNOWN
    place: str | None = None  # the issuing place's label (山东省, 义乌市, or only 县)
    province: str | None = None  # the province it lies in (itself for a province)
    source: str | None = None  # the source file's identifier (its path at build time)


@dataclass
class Quote:
    """One mention of a program: the words as written and where."""

    exact: str
    start: int | None = None
    end: int | None = None
    source: str | None = None
    section: str | None = None  # marker and title of the innermost section


@dataclass
class Prog:
    """One hw:Program with the documents that use it."""

    iri: str
    name: str
    kind: str | None = None
    docs: set[str] = field(default_factory=set)
    member_sets: list[frozenset[str]] = field(default_factory=list)  # one per use that spells them out
    quotes: dict[str, list[Quote]] = field(default_factory=lambda: defaultdict(list))  # by document


@dataclass
class TargetRow:
    """One hw:Target: a value a document sets (or reports) for an indicator."""

    indicator: str  # the indicator's IRI
    doc: str
    value: float
    unit: str | None = None
    unit_text: str | None = None
    value_text: str | None = None
    year: int | None = None
    comparator: str | None = None
    kind: str | None = None


@dataclass
class Corpus:
    """Documents, programs, targets and citations of one graph."""

    docs: dict[str, Doc]
    programs: dict[str, Prog]
    indicators: dict[str, str]  # IRI -> label
    targets: list[TargetRow]
    citations: dict[str, tuple[str, set[str]]]  # work IRI -> (title, citing documents)

    def used_programs(self) -> list[Prog]:
        """Programs used by at least one document: most documents first, then by name."""
        used = [p for p in self.programs.values() if p.docs]
        return sorted(used, key=lambda p: (-len(p.docs), p.name, p.iri))

    def sorted_docs(self) -> list[Doc]:
        """Documents by year, level, place, title (undated and unknown last)."""
        return sorted(self.docs.values(), key=doc_key)


def doc_key(d: Doc) -> tuple:
    """Sort key of a document: year, level from the top down, place, title."""
    return (d.year is None, d.year or 0, level_rank(d.level), d.province or d.place or "~", d.title, d.iri)


def level_rank(level: str) -> int:
    """Position of ``level`` in :data:`LEVELS` (unknown words last)."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _value(term: dict[str, str] | None) -> object:
    """A SPARQL JSON results term as a plain value: IRIs as strings, numbers as int or float."""
    if term is None:
        return None
    value = term["value"]
    datatype = term.get("datatype")
    try:
        if datatype == _INTEGER:
            return int(value)
        if datatype in _DECIMALS:
            return float(value)
    except ValueError:
        return value
    return value


def _select(store: Store, query: str) -> Iterator[dict[str, object]]:
    # Serialised to SPARQL JSON in Rust and parsed by the json module: 3-4x faster than turning
    # each pyoxigraph term into a Python value, which dominated reading a 1,000-document graph.
    # hwgraph's dataset semantics (hwgraph.dataset): a store loaded from an exported .nq, whose
    # default graph already holds the union, is not counted twice
    solutions = query_dataset(store, query)
    data = json.loads(solutions.serialize(format=QueryResultsFormat.JSON))  # type: ignore[union-attr]
    names = data["head"]["vars"]
    for binding in data["results"]["bindings"]:
        yield {name: _value(binding.get(name)) for name in names}


def open_graph(graph: object = None) -> Store:
    """A pyoxigraph Store for ``graph``: a KnowledgeGraph, a Store, a build folder, a graph file
    or a store folder (``None`` is the last build in ``outputs/``)."""
    if isinstance(graph, Store):
        return graph
    store = getattr(graph, "store", None)
    if isinstance(store, Store):
        return store
    if graph is not None and not isinstance(graph, (str, Path)):
        raise HwgraphError(f"cannot read a graph from {type(graph).__name__}; pass a path, a Store or hwgraph.load()")
    from hwgraph.store import open_store

    return open_store(_find(graph))


def _find(graph: str | Path | None) -> Path | None:
    """A build folder's store, else its hwgraph.nq, else its hwgraph.ttl; anything else as given
    (``open_store``'s error then names what is missing)."""
    folder = Path("outputs") if graph is None else Path(graph)
    if folder.is_dir() and not (folder / "CURRENT").is_file():  # RocksDB: a store folder itself
        for name in ("store", "hwgraph.nq", "hwgraph.ttl"):
            candidate = folder / name
            if candidate.is_dir() if name == "store" else candidate.is_file():
                return candidate
    return None if graph is None else Path(graph)


_DOCS = """
SELECT ?d ?title ?year ?kind ?level ?place ?province ?source WHERE {
  ?d a hw:Document .
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d hw:year ?year }
  OPTIONAL { ?d hw:docKind ?kind }
  OPTIONAL { ?d hw:adminLevel ?level }
  OPTIONAL { ?d hw:place ?pl . ?pl rdfs:label ?place .
             OPTIONAL { ?pl hw:withinProvince/rdfs:label ?province } }
  OPTIONAL { ?d hw:sourceFile/dcterms:identifier ?source }
}"""

_PROGRAMS = """
SELECT ?p ?name ?kind WHERE {
  ?p a hw:Program . OPTIONAL { ?p skos:prefLabel ?name } OPTIONAL { ?p hw:programKind ?kind }
}"""

_USES = """
SELECT ?u ?p ?d ?from WHERE {
  ?u a hw:ProgramUse ; hw:program ?p ; hw:inDocument ?d . OPTIONAL { ?u hw:membersFrom ?from }
}"""

_MEMBERS = """
SELECT ?u ?label WHERE { ?u a hw:ProgramUse ; hw:membersFrom "text" ; hw:member/rdfs:label ?label }"""

_MENTIONS = """
SELECT ?m ?p ?d ?exact ?start ?end ?source ?marker ?stitle WHERE {
  ?m a hw:Mention ; hw:mentionOf ?p ; hw:inDocument ?d .
  OPTIONAL { ?m hw:span ?s .
    OPTIONAL { ?s oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact }
    OPTIONAL { ?s oa:hasSelector ?x . ?x a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }
    OPTIONAL { ?s oa:hasSource/dcterms:identifier ?source } }
  OPTIONAL { ?m hw:inSection ?sec . ?sec hw:marker ?marker . OPTIONAL { ?sec dcterms:title ?stitle } }
}"""

_INDICATORS = """SELECT ?i ?label WHERE { ?i a hw:Indicator . OPTIONAL { ?i skos:prefLabel ?label } }"""

_TARGETS = """
SELECT ?t ?i ?d ?value ?unit ?unitText ?valueText ?year ?cmp ?kind WHERE {
  ?t a hw:Target ; hw:indicator ?i ; hw:inDocument ?d ; hw:value ?value .
  OPTIONAL { ?t hw:unit ?unit } OPTIONAL { ?t hw:unitText ?unitText } OPTIONAL { ?t hw:valueText ?valueText }
  OPTIONAL { ?t hw:targetYear ?year } OPTIONAL { ?t hw:comparator ?cmp } OPTIONAL { ?t hw:targetKind ?kind }
}"""

_CITATIONS = """SELECT ?d ?w ?title WHERE { ?d a hw:Document ; hw:cites ?w . OPTIONAL { ?w dcterms:title ?title } }"""


def _int(v: object) -> int | None:
    return v if isinstance(v, int) else None


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def read_corpus(graph: object = None) -> Corpus:
    """Read documents, programs (with their members and mention quotes), targets and citations."""
    store = open_graph(graph)
    docs: dict[str, Doc] = {}
    for iri, row in sorted(first_by(_select(store, _DOCS), "d").items()):
        level = _str(row.get("level")) or UNKNOWN
        place = _str(row.get("place"))
        docs[iri] = Doc(
            iri=iri,
            title=_str(row.get("title")) or iri.rsplit("/", 1)[-1],
            year=_int(row.get("year")),
            kind=_str(row.get("kind")) or UNKNOWN,
            level=level,
            place=place,
            province=_str(row.get("province")) or (place if level == "province" else None),
            source=_str(row.get("source")),
        )
    programs: dict[str, Prog] = {}
    for iri, row in sorted(first_by(_select(store, _PROGRAMS), "p").items()):
        programs[iri] = Prog(iri, _str(row.get("name")) or iri.rsplit("/", 1)[-1], _str(row.get("kind")))
    members: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, _MEMBERS):
        members[str(row["u"])].add(str(row["label"]))
    for row in sorted(_select(store, _USES), key=lambda r: str(r["u"])):
        prog, doc = programs.get(str(row["p"])), str(row["d"])
        if prog is None or doc not in docs:
            continue
        prog.docs.add(doc)
        if row.get("from") == "text" and members.get(str(row["u"])):
            prog.member_sets.append(frozenset(members[str(row["u"])]))
    for row in first_by(_select(store, _MENTIONS), "m").values():
        prog, doc = programs.get(str(row["p"])), str(row["d"])
        if prog is None or doc not in docs:
            continue
        marker, stitle = _str(row.get("marker")), _str(row.get("stitle"))
        section = None if marker is None else f"{marker}{stitle or ''}"
        prog.quotes[doc].append(
            Quote(
                exact=_str(row.get("exact")) or prog.name,
                start=_int(row.get("start")),
                end=_int(row.get("end")),
                source=_str(row.get("source")),
                section=section,
            )
        )
    for prog in programs.values():
        for quotes in prog.quotes.values():
            quotes.sort(key=lambda q: (q.start is None, q.start or 0, q.end or 0, q.exact))
    indicators = {
        iri: _str(row.get("label")) or iri.rsplit("/", 1)[-1]
        for iri, row in sorted(first_by(_select(store, _INDICATORS), "i").items())
    }
    targets = []
    for _, row in sorted(first_by(_select(store, _TARGETS), "t").items()):
        indicator, doc, value = str(row["i"]), str(row["d"]), row.get("value")
        if doc not in docs or not isinstance(value, (int, float)):
            continue
        indicators.setdefault(indicator, indicator.rsplit("/", 1)[-1])
        targets.append(
            TargetRow(
                indicator=indicator,
                doc=doc,
                value=float(value),
                unit=_str(row.get("unit")),
                unit_text=_str(row.get("unitText")),
                value_text=_str(row.get("valueText")),
                year=_int(row.get("year")),
                comparator=_str(row.get("cmp")),
                kind=_str(row.get("kind")),
            )
        )
    citations: dict[str, tuple[str, set[str]]] = {}
    titles: dict[str, str] = {}
    citing: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, _CITATIONS):
        work = str(row["w"])
        if str(row["d"]) not in docs:
            continue
        citing[work].add(str(row["d"]))
        title = _str(row.get("title"))
        if title is not None and (work not in titles or title < titles[work]):
            titles[work] = title
    for work in sorted(citing):
        citations[work] = (titles.get(work) or work.rsplit("/", 1)[-1], citing[work])
    return Corpus(docs, programs, indicators, targets, citations)


def members_agree(prog: Prog) -> bool | None:
    """True when every use that spells the members out in the text lists the same set; None when
    no document spells them out."""
    if not prog.member_sets:
        return None
    return len(set(prog.member_sets)) == 1


def count_by(values: Iterable[str], order: Mapping[str, int] | None = None) -> dict[str, int]:
    """How often each value occurs, in ``order`` (else sorted; ``unknown`` last)."""
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        counts[v] += 1

    def key(k: str) -> tuple:
        return (k == UNKNOWN, order.get(k, len(order)) if order else 0, k)

    return {k: counts[k] for k in sorted(counts, key=key)}
