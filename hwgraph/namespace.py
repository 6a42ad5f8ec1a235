"""The RDF vocabulary of hwgraph: one closed namespace per vocabulary we write terms from.

``HW`` mirrors ontology/hwgraph.ttl term for term (tests/test_namespace.py keeps them in step);
``_fail = True`` makes a misspelt term an ``AttributeError`` instead of a silent new IRI. ``OA``
holds the W3C Web Annotation terms used for provenance spans. Instance IRIs live under ``ID``.

The IRIs and ``PREFIXES`` are plain strings. ``HW``, ``OA`` and ``ID`` are rdflib namespaces
(defined in ``hwgraph._terms``) built on first access, so importing the prefixes, as ``hwgraph
query``, the store and the endpoint do, does not import rdflib (about 150 ms).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (`hwgraph query` reads PREFIXES)
if TYPE_CHECKING:
    from hwgraph._terms import HW, ID, OA

HW_IRI = "https://w3id.org/hwgraph/ns#"
ID_IRI = "https://w3id.org/hwgraph/id/"
OA_IRI = "http://www.w3.org/ns/oa#"

# Prefixes written into Turtle, TriG, JSON-LD contexts and SPARQL queries, in this order.
PREFIXES: dict[str, str] = {
    "hw": HW_IRI,
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": OA_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
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

_TERMS = frozenset({"HW", "ID", "OA"})


def curie(iri: str) -> str | None:
    """``iri`` as a prefixed name (``hw:Program``, ``doc:42e3…``) under the first of ``PREFIXES``
    it extends, or None when none does."""
    for name, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{iri[len(base) :]}"
    return None


def __getattr__(name: str) -> object:
    """``HW``, ``OA`` and ``ID``, from ``hwgraph._terms`` (which imports rdflib) on first use."""
    if name in _TERMS:
        from hwgraph import _terms

        value = getattr(_terms, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hwgraph.namespace' has no attribute {name!r}")


__all__ = ["HW", "HW_IRI", "ID", "ID_IRI", "OA", "OA_IRI", "PREFIXES", "curie"]
