"""The SPARQL validation engine against pySHACL, the reference: the same findings on the sample
corpus, on the hand-built example and on graphs with one injected violation of each kind."""

from __future__ import annotations

import pytest
from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, parse
from rdflib import Graph

from hwgraph._shacl_sparql import Unsupported, compile_shapes
from hwgraph.dataset import without_materialised_union
from hwgraph.namespace import PREFIXES
from hwgraph.validate import SHAPES_PATH, Severity, validate

PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _same(data: object) -> set:
    ours = validate(data)
    reference = validate(data, engine="pyshacl")
    assert ours.conforms == reference.conforms
    assert ours.triples == reference.triples
    assert ours.findings == reference.findings or _comparable(ours) == _comparable(reference), (
        sorted(set(ours.findings) ^ set(reference.findings), key=str)
    )
    return _comparable(ours)


def _comparable(result) -> set:
    """Findings without the messages the engines make up themselves (shapes without sh:message)."""
    return {(f.severity, f.focus, f.path, f.value) for f in result.findings}


def test_validate_engines_agree_on_the_sample_corpus(corpus_build) -> None:
    _, out = corpus_build
    quads = without_materialised_union(parse(path=str(out / "hwgraph.nq"), format=RdfFormat.N_QUADS))
    ours, reference = validate(quads), validate(quads, engine="pyshacl")
    assert ours == reference, sorted(set(ours.findings) ^ set(reference.findings), key=str)


def test_validate_engines_agree_on_the_count_warning(graph_quads) -> None:
    result = validate(graph_quads)
    assert result == validate(graph_quads, engine="pyshacl")
    assert [(f.severity, f.message) for f in result.warnings] == [
        (Severity.WARNING, "一单四制: states 5 members but lists 2")
    ]


@pytest.mark.parametrize(
    "case,update",
    [
        ("section without parent (minCount)", 'DELETE { ?s hw:parent ?p } WHERE { ?s hw:marker "（二）" ; hw:parent ?p }'),
        ("two parents (maxCount)", 'INSERT { ?s hw:parent ?d } WHERE { ?s hw:marker "（二）" . ?d a hw:Document }'),
        ("parent neither section nor document (or of class)",
         'DELETE { ?s hw:parent ?p } INSERT { ?s hw:parent ?m } WHERE { ?s hw:marker "二、" ; hw:parent ?p . ?m a hw:Member }'),
        ("empty section title (minLength)",
         'DELETE { ?s dcterms:title ?t } INSERT { ?s dcterms:title "" } WHERE { ?s hw:marker "二、" ; dcterms:title ?t }'),
        ("span without quote (sequence path)", "DELETE WHERE { ?q oa:exact ?x }"),
        ("text member without span (node-level or)",
         'DELETE { ?m hw:span ?x } WHERE { ?m hw:memberSource "text" ; hw:span ?x }'),
        ("year not an integer (datatype)",
         'DELETE { ?d hw:year ?y } INSERT { ?d hw:year "2022" } WHERE { ?d hw:year ?y }'),
        ("unknown document kind (in)",
         'DELETE { ?d hw:docKind ?k } INSERT { ?d hw:docKind "memo" } WHERE { ?d hw:docKind ?k }'),
        ("bad division code (pattern)",
         'INSERT DATA { <https://w3id.org/hwgraph/id/place/x> a hw:Place ; rdfs:label "某县" ; '
         'hw:adminLevel "county" ; hw:adminCode "12345" }'),
        ("depth 0 (minInclusive)",
         'DELETE { ?s hw:depth ?d } INSERT { ?s hw:depth 0 } WHERE { ?s hw:marker "二、" ; hw:depth ?d }'),
        ("program outside the scheme (hasValue)", "DELETE WHERE { ?p skos:inScheme ?s }"),
        ("mention of a non-program (class)",
         "DELETE { ?m hw:mentionOf ?p } INSERT { ?m hw:mentionOf ?m } WHERE { ?m hw:mentionOf ?p }"),
        ("literal where a node belongs (class)",
         'DELETE { ?d hw:sourceFile ?f } INSERT { ?d hw:sourceFile "file.txt" } WHERE { ?d hw:sourceFile ?f }'),
    ],
)
def test_validate_engines_agree_on_injected_violations(graph_quads, case, update) -> None:
    store = Store()
    store.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in graph_quads)
    store.update(PREFIX + update)
    found = _same(store)
    assert any(f[0] is Severity.VIOLATION for f in found), case


def test_validate_sparql_engine_refuses_what_it_does_not_compile() -> None:
    shapes = Graph().parse(str(SHAPES_PATH), format="turtle")
    assert compile_shapes(shapes)
    shapes.parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> ."
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .",
        format="turtle",
    )
    with pytest.raises(Unsupported):
        compile_shapes(shapes)


def test_validate_sparql_checks_same_in_threads_or_not(graph_quads) -> None:
    from hwgraph._shacl_sparql import run_checks

    store = Store()
    store.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in graph_quads)
    store.update(PREFIX + "DELETE WHERE { ?q oa:exact ?x }")
    checks = compile_shapes(Graph().parse(str(SHAPES_PATH), format="turtle"))
    serial = list(run_checks(store, checks, threads=1))
    assert serial and serial == list(run_checks(store, checks, threads=3))
