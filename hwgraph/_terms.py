"""The closed rdflib namespaces ``HW`` and ``OA`` and the instance namespace ``ID``.

Import them from ``hwgraph.namespace``, which loads this module (and rdflib) on first use only, so
code that needs just the prefixes (``hwgraph query``, the store, the endpoint) never imports rdflib.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from hwgraph.namespace import HW_IRI, ID_IRI, OA_IRI

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
    _NS = Namespace(OA_IRI)

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


__all__ = ["HW", "ID", "OA"]
