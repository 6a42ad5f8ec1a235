"""The closed namespace and ontology/hwgraph.ttl must name the same terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from hwgraph.namespace import HW, HW_IRI, OA, PREFIXES

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "hwgraph.ttl", format="turtle")


def _hw_terms(graph: Graph) -> set[str]:
    return {str(s) for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(HW_IRI)}


def test_namespace_matches_ontology(ontology: Graph) -> None:
    declared = {str(HW[name]) for name in HW.__annotations__}
    defined = _hw_terms(ontology)
    assert sorted(declared - defined) == [], "in hwgraph/namespace.py but not in ontology/hwgraph.ttl"
    assert sorted(defined - declared) == [], "in ontology/hwgraph.ttl but not in hwgraph/namespace.py"


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_namespace_every_term_labelled_in_zh_and_en(ontology: Graph, prop: URIRef, lang: str) -> None:
    missing = [
        term
        for term in sorted(_hw_terms(ontology))
        if not any(o.language == lang for o in ontology.objects(URIRef(term), prop))
    ]
    assert missing == []


@pytest.mark.parametrize("ns,name", [(HW, "Documnet"), (HW, "title"), (OA, "hasTarget")])
def test_namespace_is_closed(ns: type, name: str) -> None:
    with pytest.raises(AttributeError):
        getattr(ns, name)


def test_namespace_shapes_use_only_known_terms() -> None:
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    declared = {str(HW[name]) for name in HW.__annotations__}
    used = {
        str(t) for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(HW_IRI)
    }
    assert sorted(used - declared) == []


def test_namespace_prefixes_distinct() -> None:
    assert len(set(PREFIXES.values())) == len(PREFIXES)
