"""The SPARQL 1.1 Service Description of the endpoint, as Turtle (GET /sparql without a query)."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize

from hwgraph.serving.evaluate import GRAPH_TYPES, RESULT_TYPES
from hwgraph.serving.pool import DatasetInfo

__all__ = ["service_description"]

_SD = "http://www.w3.org/ns/sparql-service-description#"
_VOID = "http://rdfs.org/ns/void#"
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_FORMATS = "http://www.w3.org/ns/formats/"
_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON-LD",
}
_PREFIXES = {"sd": _SD, "void": _VOID, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


def _sd(name: str) -> NamedNode:
    return NamedNode(_SD + name)


def service_description(endpoint: str, info: DatasetInfo, federation: bool) -> bytes:
    """Turtle describing the endpoint at ``endpoint``: language, formats, features and dataset."""
    service, dataset, default = BlankNode(), BlankNode(), BlankNode()
    triples = [
        (service, _RDF_TYPE, _sd("Service")),
        (service, _sd("endpoint"), NamedNode(endpoint)),
        (service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        (service, _sd("defaultDataset"), dataset),
        (dataset, _RDF_TYPE, _sd("Dataset")),
        (dataset, _sd("defaultGraph"), default),
        (default, _RDF_TYPE, _sd("Graph")),
    ]
    federated = "SERVICE is allowed (--allow-federation)" if federation else "SERVICE is refused"
    note = (
        f"hwgraph read-only endpoint: SPARQL Update and LOAD are refused with 403; {federated}. "
        "The default graph is the union of the named graphs (one per document, plus the shared graph)."
    )
    triples.append((service, _COMMENT, Literal(note, language="en")))
    media = [m for m in (*RESULT_TYPES, *GRAPH_TYPES) if m in _FORMAT_IRIS]
    for m in dict.fromkeys(media):
        triples.append((service, _sd("resultFormat"), NamedNode(_FORMATS + _FORMAT_IRIS[m])))
    if info.implicit_union:
        triples.append((service, _sd("feature"), _sd("UnionDefaultGraph")))
    union = info.triples if info.implicit_union else info.default_triples
    triples.append((default, NamedNode(_VOID + "triples"), Literal(str(union), datatype=_xsd("integer"))))
    for name, count in info.graphs:
        named, graph = BlankNode(), BlankNode()
        triples += [
            (dataset, _sd("namedGraph"), named),
            (named, _RDF_TYPE, _sd("NamedGraph")),
            (named, _sd("name"), NamedNode(name)),
            (named, _sd("graph"), graph),
            (graph, _RDF_TYPE, _sd("Graph")),
            (graph, NamedNode(_VOID + "triples"), Literal(str(count), datatype=_xsd("integer"))),
        ]
    quads = [Quad(s, p, o) for s, p, o in triples]
    return serialize(quads, format=RdfFormat.TURTLE, prefixes=_PREFIXES) or b""


def _xsd(name: str) -> NamedNode:
    return NamedNode("http://www.w3.org/2001/XMLSchema#" + name)
