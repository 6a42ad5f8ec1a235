"""The RDF vocabulary of hwgraph: one closed namespace per vocabulary we write terms from.

``HW`` mirrors ontology/hwgraph.ttl term for term (tests/test_namespace.py keeps them in step);
``_fail = True`` makes a misspelt term an ``AttributeError`` instead of a silent new IRI. ``OA``
holds the W3C Web Annotation terms used for provenance spans. Instance IRIs live under ``ID``.
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

HW_IRI = "https://w3id.org/hwgraph/ns#"
ID_IRI = "https://w3id.org/hwgraph/id/"

ID = Namespace(ID_IRI)


class HW(DefinedNamespace):
    """hwgraph ontology terms (https://w3id.org/hwgraph/ns#)."""

    _fail = True
    _NS = Namespace(HW_IRI)

    # classes
    Document: URIRef  # one document of a source file
    Section: URIRef  # a numbered heading and everything under it
    Program: URIRef  # a named program, one concept per key across all documents
    ProgramUse: URIRef  # a program as used by one document
    Member: URIRef  # one member of a program use, in order
    Mention: URIRef  # one occurrence of a program name
    SourceFile: URIRef  # the file a document was read from
    Place: URIRef  # an administrative division of China (GB/T 2260)
    Citation: URIRef  # one place where a document names a policy by its 《title》
    PolicyWork: URIRef  # a cited policy the corpus does not hold (schema:Legislation)
    Indicator: URIRef  # what a quantitative target measures, one concept across documents
    Target: URIRef  # a value set (target) or reported (achieved) for an indicator
    Organization: URIRef  # a named body that acts (org:Organization)
    OrgMention: URIRef  # one occurrence of an organization's name
    Responsibility: URIRef  # one (organization, task) assignment with a role

    # individuals
    ProgramScheme: URIRef  # the skos:ConceptScheme holding every hw:Program
    IndicatorScheme: URIRef  # the skos:ConceptScheme holding every hw:Indicator

    # document metadata
    year: URIRef
    docKind: URIRef
    adminLevel: URIRef
    docNumber: URIRef
    sourceFile: URIRef
    encoding: URIRef
    sourceFormat: URIRef
    indexInFile: URIRef
    truncated: URIRef
    hasTOC: URIRef
    start: URIRef
    end: URIRef
    hasGap: URIRef
    missingChars: URIRef
    subtitle: URIRef
    speaker: URIRef
    place: URIRef
    adminCode: URIRef
    withinProvince: URIRef
    issues: URIRef

    # outline
    marker: URIRef
    numberingStyle: URIRef
    ordinal: URIRef
    depth: URIRef
    order: URIRef
    parent: URIRef
    inDocument: URIRef
    recovered: URIRef
    span: URIRef

    # programs
    programKind: URIRef
    statedCount: URIRef
    program: URIRef
    countOk: URIRef
    membersFrom: URIRef
    member: URIRef
    sense: URIRef
    position: URIRef
    memberSource: URIRef
    memberProgram: URIRef
    mentionOf: URIRef
    inSection: URIRef

    # entities
    relation: URIRef
    citedWork: URIRef
    cites: URIRef
    announces: URIRef
    titleKey: URIRef
    issuerCode: URIRef
    numberYear: URIRef
    serialNumber: URIRef
    indicator: URIRef
    indicatorText: URIRef
    value: URIRef
    valueText: URIRef
    unit: URIRef
    unitText: URIRef
    comparator: URIRef
    targetYear: URIRef
    baseline: URIRef
    targetKind: URIRef
    organization: URIRef
    role: URIRef
    task: URIRef
    taskSection: URIRef
    taskSpan: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation terms hwgraph uses for source spans (http://www.w3.org/ns/oa#)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


# Prefixes written into Turtle, TriG, JSON-LD contexts and SPARQL queries, in this order.
PREFIXES: dict[str, str] = {
    "hw": HW_IRI,
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "oa": str(OA._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "doc": ID_IRI + "doc/",
    "section": ID_IRI + "section/",
    "program": ID_IRI + "program/",
    "use": ID_IRI + "use/",
    "member": ID_IRI + "member/",
    "mention": ID_IRI + "mention/",
    "span": ID_IRI + "span/",
    "file": ID_IRI + "file/",
    "place": ID_IRI + "place/",
    "citation": ID_IRI + "citation/",
    "work": ID_IRI + "work/",
    "target": ID_IRI + "target/",
    "indicator": ID_IRI + "indicator/",
    "organization": ID_IRI + "organization/",
    "orgmention": ID_IRI + "orgmention/",
    "responsibility": ID_IRI + "responsibility/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
}

__all__ = ["HW", "HW_IRI", "ID", "ID_IRI", "OA", "PREFIXES"]
