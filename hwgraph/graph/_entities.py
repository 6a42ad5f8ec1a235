"""Triples of the entities stage: citations, targets, organizations and responsibilities.

IRIs, minted like every other from hashed stable keys::

    citation/<h(doc, start, end)>                 hw:Citation
    work/<h(title key)>                           hw:PolicyWork   (a cited title the corpus lacks)
    target/<h(doc, start, end, indicator key)>    hw:Target
    indicator/<h(indicator key)>                  hw:Indicator    (one concept across documents)
    organization/<h(organization key)>            hw:Organization (one node across documents)
    orgmention/<h(doc, start, end)>               hw:OrgMention
    responsibility/<h(doc, org key, role, task)>  hw:Responsibility

Shared nodes (works, indicators, organizations) go into the shared graph; everything a document
says into its own graph. A cited title that names a document of the corpus points at that
hw:Document, so documents link to documents.

An organization's key is its canonical name with the level word resolved against the document's
place: 省卫生健康委员会 in a document of 云南省 is 云南省卫生健康委员会, the same body every other
Yunnan document names; without a known place (全县, an anonymised copy) it stays as written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from hwgraph.graph._terms import _DCT, _HW, _RDF, _RDFS, _SKOS, _hash, _int, _section_key, _zh
from hwgraph.namespace import ID_IRI
from hwgraph.types import Citation, Organization, Place

if TYPE_CHECKING:
    from hwgraph.entities import Entities
    from hwgraph.graph import _Builder

_XSD_DECIMAL = NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
_SCHEMA_LEGISLATION = NamedNode("https://schema.org/Legislation")
_SCHEMA_IDENTIFIER = NamedNode("https://schema.org/legislationIdentifier")
_ORG_ORGANIZATION = NamedNode("http://www.w3.org/ns/org#Organization")

# The level words an organization's name may start with, and which place they stand for.
_LEVEL_WORDS = ("自治区", "自治州", "省", "市", "州", "盟", "县", "旗", "区")


def decimal(value: float) -> Literal:
    """An xsd:decimal in its canonical lexical form: 79, 4.5, 0.25 (never 79.0 or 1e-05)."""
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return Literal(text if text not in ("", "-0") else "0", datatype=_XSD_DECIMAL)


def org_key(org: Organization, place: Place | None) -> str:
    """The organization node's key: its canonical name, the level word resolved against ``place``."""
    name = org.canonical
    if place is None or not place.code:
        return name
    word = next((w for w in _LEVEL_WORDS if name.startswith(w)), None)
    if word is None:
        return name
    for candidate in (place.name, place.province):
        if candidate and candidate.endswith(word):
            return candidate + name[len(word) :]
    return name


@dataclass
class EntityIndex:
    """What all documents together say about shared entity nodes (so labels do not depend on order)."""

    work_titles: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    indicator_names: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    org_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    resolved: dict[str, str] = field(default_factory=dict)  # citation key -> document IRI

    @staticmethod
    def label(counter: Counter[str]) -> str:
        """Most used form; ties go to the smallest."""
        return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def work_iri(key: str) -> str:
    """IRI of the hw:PolicyWork of a cited title key."""
    return f"{ID_IRI}work/{_hash(key)}"


def indicator_iri(key: str) -> str:
    """IRI of the hw:Indicator of an indicator key."""
    return f"{ID_IRI}indicator/{_hash(key)}"


def organization_iri(key: str) -> str:
    """IRI of the hw:Organization of an organization key."""
    return f"{ID_IRI}organization/{_hash(key)}"


def add_link(b: _Builder, citation: NamedNode, doc_node: NamedNode, relation: str, work: NamedNode) -> None:
    """The citation's cited work, and the document's hw:cites/hw:announces/hw:issues of it."""
    b.add(citation, _HW.citedWork, work)
    b.add(doc_node, getattr(_HW, relation), work)


class EntityTriples:
    """Adds one document's entities to a graph builder."""

    def __init__(self, builder: _Builder, index: EntityIndex | None) -> None:
        """``index`` None: one document's own triples only, without what needs the whole corpus
        (shared nodes, and which work or document each citation names: kept in ``links``)."""
        self.b = builder
        self.index = index
        self.emitted: set[str] = set()
        self.links: list[tuple[str, str, str, str]] = []  # (citation IRI, key, title, relation)

    def add(
        self,
        found: Entities,
        doc_node: NamedNode,
        doc_key: str,
        section_iris: dict[tuple, str],
        file_key: str,
        file_node: NamedNode,
    ) -> None:
        """The triples of ``found`` in the graph of its document."""
        b = self.b
        b.graph = doc_node
        add = b.add
        doc = found.document
        source = doc.source

        def span(start: int, end: int) -> NamedNode:
            return b.span(source, file_key, file_node, start, end)

        def in_section(node: NamedNode, section: object) -> None:
            if section is not None:
                iri = section_iris.get(_section_key(section))  # type: ignore[arg-type]
                if iri is not None:
                    add(node, _HW.inSection, NamedNode(iri))

        for c in found.citations:
            node = NamedNode(f"{ID_IRI}citation/{_hash(doc_key, c.start, c.end)}")
            work = None if self.index is None else self.work(c, doc_node)
            add(node, _RDF.type, _HW.Citation)
            add(node, _RDFS.label, _zh(c.title))
            add(node, _HW.relation, Literal(c.relation.value))
            add(node, _HW.inDocument, doc_node)
            add(node, _HW.span, span(c.start, c.end))
            in_section(node, c.section)
            if self.index is None:
                self.links.append((node.value, c.key, c.title, c.relation.value))
            elif work is not None:
                add_link(b, node, doc_node, c.relation.value, work)
            if c.doc_number is not None:
                n = c.doc_number
                add(node, _HW.docNumber, Literal(n.text))
                add(node, _HW.issuerCode, Literal(n.issuer_code))
                add(node, _HW.numberYear, _int(n.year))
                add(node, _HW.serialNumber, _int(n.number))
                if self.index is not None and work is not None and c.key not in self.index.resolved:
                    b.add_shared(work, _SCHEMA_IDENTIFIER, Literal(n.text))

        for t in found.targets:
            node = NamedNode(f"{ID_IRI}target/{_hash(doc_key, t.start, t.end, t.indicator_key)}")
            add(node, _RDF.type, _HW.Target)
            add(node, _HW.indicator, self.indicator(t.indicator_key))
            add(node, _HW.indicatorText, _zh(t.indicator))
            add(node, _HW.value, decimal(t.value))
            add(node, _HW.valueText, Literal(t.value_text))
            add(node, _HW.unit, Literal(t.unit_norm))
            add(node, _HW.unitText, Literal(t.unit))
            add(node, _HW.comparator, Literal(t.comparator.value))
            add(node, _HW.targetKind, Literal(t.kind.value))
            if t.year is not None:
                add(node, _HW.targetYear, _int(t.year))
            if t.baseline is not None:
                add(node, _HW.baseline, decimal(t.baseline))
            add(node, _HW.inDocument, doc_node)
            add(node, _HW.span, span(t.start, t.end))
            in_section(node, t.section)

        place = doc.place
        for o in found.organizations:
            node = NamedNode(f"{ID_IRI}orgmention/{_hash(doc_key, o.start, o.end)}")
            add(node, _RDF.type, _HW.OrgMention)
            add(node, _RDFS.label, _zh(o.name))
            add(node, _HW.organization, self.organization(org_key(o, place)))
            add(node, _HW.inDocument, doc_node)
            add(node, _HW.span, span(o.start, o.end))
            in_section(node, o.section)

        for r in found.responsibilities:
            key = org_key(r.org, place)
            node = NamedNode(
                f"{ID_IRI}responsibility/{_hash(doc_key, key, r.role.value, r.task_start, r.task_end, r.start)}"
            )
            add(node, _RDF.type, _HW.Responsibility)
            add(node, _HW.organization, self.organization(key))
            add(node, _HW.role, Literal(r.role.value))
            add(node, _HW.task, _zh(r.task))
            add(node, _HW.inDocument, doc_node)
            add(node, _HW.span, span(r.start, r.end))
            if r.task_end > r.task_start:
                add(node, _HW.taskSpan, span(r.task_start, r.task_end))
            if r.section is not None:
                iri = section_iris.get(_section_key(r.section))
                if iri is not None:
                    add(node, _HW.taskSection, NamedNode(iri))

    # ---- shared nodes ---------------------------------------------------------------------------

    def work(self, c: Citation, doc_node: NamedNode) -> NamedNode | None:
        """The corpus document a citation names, else its shared hw:PolicyWork (None: itself)."""
        resolved = self.index.resolved.get(c.key)
        if resolved is not None:
            return None if resolved == doc_node.value else NamedNode(resolved)
        iri = work_iri(c.key)
        node = NamedNode(iri)
        if iri not in self.emitted:
            self.emitted.add(iri)
            shared = self.b.add_shared
            shared(node, _RDF.type, _HW.PolicyWork)
            shared(node, _RDF.type, _SCHEMA_LEGISLATION)
            shared(node, _DCT.title, _zh(EntityIndex.label(self.index.work_titles[c.key])))
            shared(node, _HW.titleKey, Literal(c.key))
        return node

    def indicator(self, key: str) -> NamedNode:
        """The shared hw:Indicator concept of ``key``."""
        iri = indicator_iri(key)
        node = NamedNode(iri)
        if self.index is not None and iri not in self.emitted:
            self.emitted.add(iri)
            shared = self.b.add_shared
            scheme = _HW.IndicatorScheme
            shared(scheme, _RDF.type, _SKOS.ConceptScheme)
            shared(node, _RDF.type, _HW.Indicator)
            shared(node, _RDF.type, _SKOS.Concept)
            shared(node, _SKOS.inScheme, scheme)
            names = self.index.indicator_names[key]
            pref = EntityIndex.label(names)
            shared(node, _SKOS.prefLabel, _zh(pref))
            for alt in sorted(set(names) - {pref}):
                shared(node, _SKOS.altLabel, _zh(alt))
            shared(node, _SKOS.notation, Literal(key))
        return node

    def organization(self, key: str) -> NamedNode:
        """The shared hw:Organization of ``key``."""
        iri = organization_iri(key)
        node = NamedNode(iri)
        if self.index is not None and iri not in self.emitted:
            self.emitted.add(iri)
            shared = self.b.add_shared
            shared(node, _RDF.type, _HW.Organization)
            shared(node, _RDF.type, _ORG_ORGANIZATION)
            shared(node, _SKOS.prefLabel, _zh(key))
            for alt in sorted(self.index.org_names.get(key, set()) - {key}):
                shared(node, _SKOS.altLabel, _zh(alt))
        return node

