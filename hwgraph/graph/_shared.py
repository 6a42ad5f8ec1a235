"""What documents share, made from small per-document summaries instead of the corpus's quads.

A document's own graph depends on that document alone, except for which work or corpus document
each of its citations names: :class:`DocSummary` keeps what the rest of the corpus needs of one
document (its file, place, program names and kinds, cited titles, indicator and organization
names, and its citations still to link), so a build can stream every document's quads out as
they are made and hold only the summaries. :func:`corpus_quads` then gives the citation links
(in each document's graph) and the whole shared graph, the same quads a build of all documents
at once gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from hwgraph.graph._entities import _SCHEMA_IDENTIFIER, EntityIndex, EntityTriples, add_link, org_key
from hwgraph.graph._terms import _DCT, _HW, _RDF
from hwgraph.types import Place

if TYPE_CHECKING:
    from hwgraph.entities import Entities
    from hwgraph.types import Document, Program

__all__ = ["DocSummary", "corpus_quads", "summarise"]


@dataclass(frozen=True)
class DocSummary:
    """What the corpus-level part of the graph needs of one document (small, and pickles)."""

    iri: str
    key: str
    title: str
    index: int
    start: int
    place: Place | None
    file: tuple[str, str, str, str]  # the source file's IRI, path, encoding and format
    programs: tuple[tuple[str, str, tuple[str, ...], str, int | None], ...] = ()  # key, name, mentions, kind, count
    members: tuple[tuple[str, str], ...] = ()  # (program key, text) of members that are programs, in order
    citations: tuple[tuple[str, str, str, str, str | None], ...] = ()  # citation IRI, key, title, relation, 文号
    indicators: tuple[tuple[str, str], ...] = ()  # (indicator key, name as written without spaces)
    organizations: tuple[tuple[str, str], ...] = ()  # (organization key, name without spaces)

    @property
    def source_path(self) -> str:
        """The path of the document's file (as the reader named it)."""
        return self.file[1]


def summarise(
    iri: str,
    key: str,
    file_iri: str,
    doc: Document,
    programs: Sequence[Program],
    found: Entities | None,
    links: Sequence[tuple[str, str, str, str]],
) -> DocSummary:
    """The :class:`DocSummary` of ``doc`` with its ``programs``, entities and citation ``links``."""
    place = doc.place
    citations: tuple[tuple[str, str, str, str, str | None], ...] = ()
    indicators: tuple[tuple[str, str], ...] = ()
    organizations: tuple[tuple[str, str], ...] = ()
    if found is not None:
        citations = tuple(
            (node, cited, title, relation, c.doc_number.text if c.doc_number is not None else None)
            for (node, cited, title, relation), c in zip(links, found.citations, strict=True)
        )
        indicators = tuple((t.indicator_key, "".join(t.indicator.split())) for t in found.targets)
        organizations = tuple(
            (org_key(o, place), "".join(o.name.split()))
            for o in (*found.organizations, *(r.org for r in found.responsibilities))
        )
    source = doc.source
    return DocSummary(
        iri=iri,
        key=key,
        title=doc.title,
        index=doc.index,
        start=doc.start,
        place=place,
        file=(file_iri, source.path, source.encoding, source.format.value),
        programs=tuple(
            (p.key, p.name, tuple(m.text for m in p.mentions), p.kind.value, p.count) for p in programs
        ),
        members=tuple((m.program_key, m.text) for p in programs for m in p.members if m.program_key is not None),
        citations=citations,
        indicators=indicators,
        organizations=organizations,
    )


def _resolved(summaries: Sequence[DocSummary]) -> dict[str, str]:
    """Citation key → IRI of the corpus document it names (``resolve_titles`` on stand-ins)."""
    if not any(s.citations for s in summaries):
        return {}
    from hwgraph.entities.citations import resolve_citations

    docs = [
        SimpleNamespace(iri=s.iri, title=s.title, index=s.index, start=s.start, place=s.place,
                        source=SimpleNamespace(path=s.source_path))
        for s in summaries
    ]
    cited = [
        SimpleNamespace(key=key, title=title, document=doc)
        for s, doc in zip(summaries, docs, strict=True)
        for _, key, title, _, _ in s.citations
    ]
    return {key: doc.iri for key, doc in resolve_citations(cited, docs).items()}  # type: ignore[arg-type]


def _index(summaries: Sequence[DocSummary], resolved: dict[str, str]) -> EntityIndex:
    index = EntityIndex(resolved=resolved)
    for s in summaries:
        for _, key, title, _, _ in s.citations:
            if key not in resolved:
                index.work_titles[key]["".join(title.split())] += 1
        for key, name in s.indicators:
            index.indicator_names[key][name] += 1
        for key, name in s.organizations:
            index.org_names[key].add(name)
    return index


def _concepts(summaries: Sequence[DocSummary]) -> dict:
    from hwgraph.graph import _Concept

    concepts: dict[str, _Concept] = {}
    for s in summaries:
        for key, name, mentions, kind, count in s.programs:
            c = concepts.setdefault(key, _Concept())
            c.names[name] += 1
            c.variants.update(mentions)
            c.kinds[kind] += 1
            if count is not None:
                c.counts[count] += 1
    # A member that is itself a program may name a key no document uses as a program.
    for s in summaries:
        for key, text in s.members:
            if key not in concepts:
                concepts[key] = _Concept(names=Counter({text: 1}))
    return concepts


def corpus_quads(summaries: Iterable[DocSummary]) -> list[Quad]:
    """The citation links of every document (in its own graph) and the shared graph, from the
    summaries of the corpus's documents in corpus order (a document repeated is taken once)."""
    from hwgraph.graph import _Builder

    seen: set[str] = set()
    docs = [s for s in summaries if not (s.key in seen or seen.add(s.key))]  # type: ignore[func-returns-value]
    resolved = _resolved(docs)
    builder = _Builder(_concepts(docs))
    entities = EntityTriples(builder, _index(docs, resolved))
    add_shared = builder.add_shared
    for s in docs:
        file_node = NamedNode(s.file[0])
        add_shared(file_node, _RDF.type, _HW.SourceFile)
        add_shared(file_node, _DCT.identifier, Literal(s.file[1]))
        add_shared(file_node, _HW.encoding, Literal(s.file[2]))
        add_shared(file_node, _HW.sourceFormat, Literal(s.file[3]))
        if s.place is not None:
            builder.place(s.place)
        for key, *_ in s.programs:
            builder.concept(key)
        for key, _ in s.members:
            builder.concept(key)
        doc_node = NamedNode(s.iri)
        builder.graph = doc_node
        for node, key, _, relation, number in s.citations:
            work = entities.work(SimpleNamespace(key=key), doc_node)  # type: ignore[arg-type]
            if work is None:
                continue
            add_link(builder, NamedNode(node), doc_node, relation, work)
            if number is not None and key not in resolved:
                add_shared(work, _SCHEMA_IDENTIFIER, Literal(number))
        for key, _ in s.indicators:
            entities.indicator(key)
        for key, _ in s.organizations:
            entities.organization(key)
    return list(builder.quads)
