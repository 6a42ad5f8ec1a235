"""The graph stage: documents and programs in, RDF quads out. The only module that makes triples.

Every extracted thing gets an IRI minted from a hash of a stable key (never a random blank node),
so two builds of the same corpus give the same quads::

    file/<h(name, sha256 of text)>          hw:SourceFile
    doc/<h(file, index)>                    hw:Document      (also the name of its graph)
    section/<h(doc, tree path)>             hw:Section
    program/<h(program key)>                hw:Program       (one concept across all documents)
    use/<h(doc, program key)>               hw:ProgramUse
    member/<h(use, position)>               hw:Member
    mention/<h(doc, start, end, key)>       hw:Mention
    place/<GB/T 2260 code>                  hw:Place         (or place/<h(level, name)> when unnamed)
    citation/ work/ target/ indicator/ organization/ orgmention/ responsibility/
                                            entities (see hwgraph/graph/_entities.py)
    span/<h(file, start, end)>              oa:SpecificResource, with selectors span/<h>-position
                                            and span/<h>-quote

Each document's facts go into the named graph of that document (named by the document's IRI).
What documents share, source files, places and program concepts, goes once into the graph ``SHARED_GRAPH``,
so every triple lives in exactly one graph: Oxigraph's union default graph does not merge
duplicates, and a triple repeated in two graphs would come back twice from every query.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from hwgraph.graph._entities import EntityTriples
from hwgraph.graph._shared import DocSummary, corpus_quads, summarise
from hwgraph.graph._terms import (
    _DCT,
    _FALSE,
    _HW,
    _OA,
    _PROV,
    _RDF,
    _RDFS,
    _SKOS,
    _TRUE,
    _XSD_DATE,
    _hash,
    _int,
    _section_key,
    _zh,
)
from hwgraph.namespace import ID_IRI
from hwgraph.types import AdminLevel, Document, Member, Mention, Place, Program, Section, Source

if TYPE_CHECKING:
    from hwgraph.entities import Entities

__all__ = [
    "SHARED_GRAPH",
    "DocSummary",
    "build_graph",
    "corpus_quads",
    "document_graphs",
    "document_iri",
    "place_iri",
    "program_iri",
    "source_iri",
]

SHARED_GRAPH = ID_IRI + "shared"

_CACHE_LIMIT = 50_000


_file_keys: dict[int, tuple[Source, str]] = {}


def _file_key(source: Source) -> str:
    """Hash of the file's name and content: stable when the corpus folder moves."""
    cached = _file_keys.get(id(source))
    if cached is not None and cached[0] is source:
        return cached[1]
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    key = _hash(PurePath(source.path).name, digest)
    if len(_file_keys) > _CACHE_LIMIT:
        _file_keys.clear()
    _file_keys[id(source)] = (source, key)
    return key


def source_iri(source: Source) -> str:
    """IRI of the hw:SourceFile node of ``source``."""
    return f"{ID_IRI}file/{_file_key(source)}"


def _doc_key(doc: Document) -> str:
    return _hash(_file_key(doc.source), doc.index)


def document_iri(doc: Document) -> str:
    """IRI of ``doc``; also the name of the graph holding its facts."""
    return f"{ID_IRI}doc/{_doc_key(doc)}"


def place_iri(place: Place) -> str:
    """IRI of the hw:Place of ``place``: its GB/T 2260 code, else its level and unit word."""
    if place.code:
        return f"{ID_IRI}place/{place.code}"
    return f"{ID_IRI}place/{_hash(place.level.value, place.name)}"


def program_iri(key: str) -> str:
    """IRI of the hw:Program concept of a program key."""
    return f"{ID_IRI}program/{_hash(key)}"


@dataclass
class _Concept:
    """What all documents together say about one program key."""

    names: Counter[str] = field(default_factory=Counter)
    variants: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    counts: Counter[int] = field(default_factory=Counter)

    def pref_label(self) -> str:
        # Most used name; ties go to the smallest so the choice does not depend on input order.
        return min(self.names.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _most_common(counter: Counter) -> object | None:
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


class _Builder:
    """Accumulates quads, one named graph per document. Without ``concepts`` it makes documents'
    own graphs only: the shared graph needs the whole corpus (see ``hwgraph.graph._shared``)."""

    def __init__(self, concepts: dict[str, _Concept] | None) -> None:
        self.concepts = concepts
        self.quads: dict[Quad, None] = {}
        self.shared = NamedNode(SHARED_GRAPH)
        self.graph = self.shared
        self.emitted_concepts: set[str] = set()

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads[Quad(s, p, o, self.graph)] = None

    def add_shared(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        if self.concepts is not None:
            self.quads[Quad(s, p, o, self.shared)] = None

    # ---- documents ------------------------------------------------------------------------------

    def document(self, doc: Document) -> None:
        source = doc.source
        file_key = _file_key(source)
        file_node = NamedNode(source_iri(source))
        node = NamedNode(document_iri(doc))
        self.graph = node
        add = self.add
        shared = self.add_shared
        shared(file_node, _RDF.type, _HW.SourceFile)
        shared(file_node, _DCT.identifier, Literal(source.path))
        shared(file_node, _HW.encoding, Literal(source.encoding))
        shared(file_node, _HW.sourceFormat, Literal(source.format.value))
        add(node, _RDF.type, _HW.Document)
        add(node, _DCT.title, _zh(doc.title))
        if doc.year is not None:
            add(node, _HW.year, _int(doc.year))
        add(node, _HW.docKind, Literal(doc.kind.value))
        add(node, _HW.adminLevel, Literal(doc.level.value))
        if doc.issuer:
            add(node, _DCT.publisher, _zh(doc.issuer))
        if doc.doc_number:
            add(node, _HW.docNumber, Literal(doc.doc_number))
        if doc.subtitle:
            add(node, _HW.subtitle, _zh(doc.subtitle))
        if doc.speaker:
            add(node, _HW.speaker, _zh(doc.speaker))
        if doc.date:
            add(node, _DCT.date, Literal(doc.date, datatype=_XSD_DATE))
        if doc.place is not None:
            add(node, _HW.place, self.place(doc.place))
        if doc.parent is not None:  # the notice issues the plan; a document carries its attachments
            parent = replace(doc, index=doc.parent)
            add(NamedNode(document_iri(parent)), _HW.issues, node)
        if doc.title_start is not None and doc.title_end is not None:
            add(node, _HW.span, self.span(source, file_key, file_node, doc.title_start, doc.title_end))
        add(node, _HW.sourceFile, file_node)
        add(node, _PROV.wasDerivedFrom, file_node)
        add(node, _HW.indexInFile, _int(doc.index))
        add(node, _HW.truncated, _TRUE if doc.truncated else _FALSE)
        add(node, _HW.hasTOC, _TRUE if doc.has_toc else _FALSE)
        add(node, _HW.start, _int(doc.start))
        add(node, _HW.end, _int(doc.end))
        for gap in doc.gaps:
            span = self.span(source, file_key, file_node, gap.start, gap.end)
            add(node, _HW.hasGap, span)
            if gap.missing_chars is not None:
                add(span, _HW.missingChars, _int(gap.missing_chars))
        doc_key = _doc_key(doc)
        for order, section in enumerate(doc.sections, 1):
            self.section(section, doc, doc_key, node, node, (order,), file_key, file_node)

    def place(self, place: Place) -> NamedNode:
        """The shared hw:Place node of ``place`` (and of the province it lies in), added on first use."""
        node = NamedNode(place_iri(place))
        shared = self.add_shared
        shared(node, _RDF.type, _HW.Place)
        shared(node, _RDFS.label, _zh(place.name))
        shared(node, _HW.adminLevel, Literal(place.level.value))
        if place.code:
            shared(node, _HW.adminCode, Literal(place.code))
            province_code = place.code[:2] + "0000"
            if province_code != place.code and place.province:
                province = Place(place.province, province_code, AdminLevel.PROVINCE, place.province)
                shared(node, _HW.withinProvince, self.place(province))
        return node

    def section(
        self,
        sec: Section,
        doc: Document,
        doc_key: str,
        doc_node: NamedNode,
        parent: NamedNode,
        path: tuple[int, ...],
        file_key: str,
        file_node: NamedNode,
    ) -> None:
        node = NamedNode(self.section_iri(doc_key, path))
        add = self.add
        add(node, _RDF.type, _HW.Section)
        add(node, _HW.marker, Literal(sec.label))
        if sec.title:
            add(node, _DCT.title, _zh(sec.title))
        add(node, _HW.numberingStyle, Literal(sec.kind.value))
        if sec.ordinal is not None:
            add(node, _HW.ordinal, _int(sec.ordinal))
        add(node, _HW.depth, _int(len(path)))
        add(node, _HW.order, _int(path[-1]))
        add(node, _HW.parent, parent)
        add(node, _HW.inDocument, doc_node)
        if sec.recovered:
            add(node, _HW.recovered, _TRUE)
        add(node, _HW.start, _int(sec.start))
        add(node, _HW.end, _int(sec.end))
        heading_end = max(sec.title_end, sec.start)
        add(node, _HW.span, self.span(doc.source, file_key, file_node, sec.start, heading_end))
        for order, child in enumerate(sec.children, 1):
            self.section(child, doc, doc_key, doc_node, node, (*path, order), file_key, file_node)

    @staticmethod
    def section_iri(doc_key: str, path: tuple[int, ...]) -> str:
        return f"{ID_IRI}section/{_hash(doc_key, '.'.join(map(str, path)))}"

    def span(self, source: Source, file_key: str, file_node: NamedNode, start: int, end: int) -> NamedNode:
        """The oa:SpecificResource of ``[start, end)`` of ``source``, added on first use."""
        iri = f"{ID_IRI}span/{_hash(file_key, start, end)}"
        node = NamedNode(iri)
        position = NamedNode(iri + "-position")
        quote = NamedNode(iri + "-quote")
        add = self.add
        add(node, _RDF.type, _OA.SpecificResource)
        add(node, _OA.hasSource, file_node)
        add(node, _OA.hasSelector, position)
        add(node, _OA.hasSelector, quote)
        add(position, _RDF.type, _OA.TextPositionSelector)
        add(position, _OA.start, _int(start))
        add(position, _OA.end, _int(end))
        add(quote, _RDF.type, _OA.TextQuoteSelector)
        add(quote, _OA.exact, Literal(source.text[start:end]))
        return node

    # ---- programs -------------------------------------------------------------------------------

    def concept(self, key: str) -> NamedNode:
        """The hw:Program of ``key``, its description added once to the shared graph."""
        node = NamedNode(program_iri(key))
        if self.concepts is None or key in self.emitted_concepts:
            return node
        self.emitted_concepts.add(key)
        c = self.concepts[key]
        add = self.add_shared
        scheme = _HW.ProgramScheme
        add(scheme, _RDF.type, _SKOS.ConceptScheme)
        add(node, _RDF.type, _HW.Program)
        add(node, _RDF.type, _SKOS.Concept)
        add(node, _SKOS.inScheme, scheme)
        pref = c.pref_label()
        add(node, _SKOS.prefLabel, _zh(pref))
        for alt in sorted((set(c.names) | c.variants) - {pref}):
            add(node, _SKOS.altLabel, _zh(alt))
        kind = _most_common(c.kinds)
        if kind is not None:
            add(node, _HW.programKind, Literal(str(kind)))
        count = _most_common(c.counts)
        if count is not None:
            add(node, _HW.statedCount, _int(int(count)))  # type: ignore[call-overload]
        return node

    def programs(self, doc: Document, programs: list[Program], section_iris: dict[tuple, str]) -> None:
        self.graph = doc_node = NamedNode(document_iri(doc))
        doc_key = _doc_key(doc)
        source = doc.source
        file_key = _file_key(source)
        file_node = NamedNode(source_iri(source))
        add = self.add
        seen: Counter[str] = Counter()
        for prog in programs:
            seen[prog.key] += 1
            # A key used twice in one document (two senses) still gets two distinct uses.
            use_key = _hash(doc_key, prog.key, seen[prog.key])
            use = NamedNode(f"{ID_IRI}use/{use_key}")
            concept = self.concept(prog.key)
            add(use, _RDF.type, _HW.ProgramUse)
            add(use, _HW.program, concept)
            add(use, _HW.inDocument, doc_node)
            add(use, _RDFS.label, _zh(prog.name))
            if prog.count is not None:
                add(use, _HW.statedCount, _int(prog.count))
            if prog.count_ok is not None:
                add(use, _HW.countOk, _TRUE if prog.count_ok else _FALSE)
            if prog.members_from is not None:
                add(use, _HW.membersFrom, Literal(prog.members_from.value))
            if prog.sense:
                add(use, _HW.sense, Literal(prog.sense))
            for position, member in enumerate(prog.members, 1):
                add(use, _HW.member, self.member(member, use_key, position, source, file_key, file_node))
            for mention in prog.mentions:
                self.mention(mention, prog.key, concept, doc_key, doc_node, section_iris, source, file_key)

    def member(
        self, member: Member, use_key: str, position: int, source: Source, file_key: str, file_node: NamedNode
    ) -> NamedNode:
        node = NamedNode(f"{ID_IRI}member/{_hash(use_key, position)}")
        add = self.add
        add(node, _RDF.type, _HW.Member)
        add(node, _RDFS.label, _zh(member.text))
        add(node, _HW.position, _int(position))
        add(node, _HW.memberSource, Literal(member.source.value))
        if member.program_key is not None:
            add(node, _HW.memberProgram, self.concept(member.program_key))
        if member.start is not None and member.end is not None:
            add(node, _HW.span, self.span(source, file_key, file_node, member.start, member.end))
        return node

    def mention(
        self,
        mention: Mention,
        key: str,
        concept: NamedNode,
        doc_key: str,
        doc_node: NamedNode,
        section_iris: dict[tuple, str],
        source: Source,
        file_key: str,
    ) -> None:
        node = NamedNode(f"{ID_IRI}mention/{_hash(doc_key, mention.start, mention.end, key)}")
        add = self.add
        add(node, _RDF.type, _HW.Mention)
        add(node, _HW.mentionOf, concept)
        add(node, _HW.inDocument, doc_node)
        if mention.section is not None:
            section = section_iris.get(_section_key(mention.section))
            if section is not None:
                add(node, _HW.inSection, NamedNode(section))
        add(
            node,
            _HW.span,
            self.span(source, file_key, NamedNode(source_iri(source)), mention.start, mention.end),
        )


def _section_iris(doc: Document) -> dict[tuple, str]:
    """Section IRIs of ``doc`` by a key of their content, to place mentions in sections."""
    doc_key = _doc_key(doc)
    found: dict[tuple, str] = {}

    def walk(sections: tuple[Section, ...], path: tuple[int, ...]) -> None:
        for order, sec in enumerate(sections, 1):
            here = (*path, order)
            found.setdefault(_section_key(sec), _Builder.section_iri(doc_key, here))
            walk(sec.children, here)

    walk(doc.sections, ())
    return found


def _by_document(
    documents: Iterable[Document], programs: Iterable[Program], entities: Iterable[Entities]
) -> tuple[dict[str, Document], dict[str, list[Program]], dict[str, Entities]]:
    """The documents by key, in input order (a program's or entity's document brings itself in),
    with their programs and entities."""
    docs: dict[str, Document] = {}
    for doc in documents:
        docs.setdefault(_doc_key(doc), doc)
    by_doc: dict[str, list[Program]] = defaultdict(list)
    for prog in programs:
        key = _doc_key(prog.document)
        docs.setdefault(key, prog.document)
        by_doc[key].append(prog)
    found: dict[str, Entities] = {}
    for e in entities:
        key = _doc_key(e.document)
        docs.setdefault(key, e.document)
        found[key] = e
    return docs, by_doc, found


def document_graphs(
    documents: Iterable[Document], programs: Iterable[Program], entities: Iterable[Entities] = ()
) -> list[tuple[list[Quad], DocSummary]]:
    """Each document's own named graph, with the :class:`DocSummary` the corpus-level part needs.

    A pure function of the documents given (one file's, in a build), so it runs per file in any
    process; :func:`corpus_quads` of all the summaries adds the citation links and shared graph.
    """
    docs, by_doc, found = _by_document(documents, programs, entities)
    out = []
    for key, doc in docs.items():
        builder = _Builder(None)
        builder.document(doc)
        sections = _section_iris(doc) if by_doc.get(key) or key in found else {}
        if by_doc.get(key):
            builder.programs(doc, by_doc[key], sections)
        links: list[tuple[str, str, str, str]] = []
        if key in found:
            source = doc.source
            entity_triples = EntityTriples(builder, None)
            entity_triples.add(
                found[key], NamedNode(document_iri(doc)), key, sections, _file_key(source),
                NamedNode(source_iri(source)),
            )
            links = entity_triples.links
        summary = summarise(document_iri(doc), key, source_iri(doc.source), doc, by_doc.get(key, ()),
                            found.get(key), links)
        out.append((list(builder.quads), summary))
    return out


def build_graph(
    documents: Iterable[Document], programs: Iterable[Program], entities: Iterable[Entities] = ()
) -> list[Quad]:
    """The quads of ``documents`` and the ``programs`` and ``entities`` found in them, one named
    graph per document.

    A program or entity whose document is not among ``documents`` brings its document in. A cited
    title that names one of the documents links to it. The result has no duplicates; its order
    follows the input (sort it for canonical output, see ``hwgraph.store``).
    """
    graphs = document_graphs(documents, programs, entities)
    quads: dict[Quad, None] = {}
    for own, _ in graphs:
        quads.update(dict.fromkeys(own))
    quads.update(dict.fromkeys(corpus_quads(s for _, s in graphs)))
    return list(quads)
