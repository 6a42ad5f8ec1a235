"""The graph stage: deterministic IRIs, provenance spans, outline shape, programs and a golden graph."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import make_graph_doc
from pyoxigraph import BlankNode, NamedNode, Store
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from hwgraph.graph import SHARED_GRAPH, build_graph, document_iri
from hwgraph.namespace import PREFIXES
from hwgraph.store import canonical_nquads, canonical_turtle

GOLDEN = Path(__file__).resolve().parent / "golden"
PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _store(quads) -> Store:
    store = Store()
    store.extend(quads)
    return store


def _rows(store: Store, query: str) -> list[tuple]:
    return [
        tuple(None if t is None else t.value for t in row)
        for row in store.query(PREFIX + query, use_default_graph_as_union=True)
    ]


def assert_isomorphic_to_golden(turtle: bytes, name: str, update: bool) -> None:
    """Compare a graph with tests/golden/NAME by isomorphism; print what differs, line by line."""
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(turtle)
        if not update:
            pytest.fail(f"{path} did not exist and was written; check it in and run again")
    actual = to_isomorphic(Graph().parse(data=turtle.decode("utf-8"), format="turtle"))
    expected = to_isomorphic(Graph().parse(path, format="turtle"))
    if actual == expected:
        return
    _, only_actual, only_expected = graph_diff(actual, expected)
    lines = [f"graph differs from {path} (rerun with --update-golden if the change is intended)"]
    lines += [f"- {line}" for line in sorted(only_expected.serialize(format="nt").splitlines()) if line]
    lines += [f"+ {line}" for line in sorted(only_actual.serialize(format="nt").splitlines()) if line]
    pytest.fail("\n".join(lines), pytrace=False)


def test_graph_golden(graph_doc, update_golden: bool) -> None:
    doc, programs = graph_doc
    assert_isomorphic_to_golden(canonical_turtle(build_graph([doc], programs)), "example.ttl", update_golden)


def test_graph_two_builds_byte_identical() -> None:
    first = build_graph(*_one(make_graph_doc()))
    second = build_graph(*_one(make_graph_doc()))
    assert canonical_turtle(first) == canonical_turtle(second)
    assert canonical_nquads(first) == canonical_nquads(second)


def _one(pair):
    doc, programs = pair
    return [doc], programs


def test_graph_iris_survive_moving_the_corpus() -> None:
    here = build_graph(*_one(make_graph_doc("corpus/example.txt")))
    there = build_graph(*_one(make_graph_doc("/elsewhere/copy/example.txt")))
    subjects = {q.subject for q in here}
    assert subjects == {q.subject for q in there}


def test_graph_no_blank_nodes_and_one_graph_per_document(graph_doc) -> None:
    doc, programs = graph_doc
    quads = build_graph([doc], programs)
    assert not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))
    assert {q.graph_name for q in quads} == {NamedNode(document_iri(doc)), NamedNode(SHARED_GRAPH)}
    # Oxigraph's union graph keeps duplicates: a triple in two graphs would double query rows.
    assert len({q.triple for q in quads}) == len(quads)


def test_graph_every_span_quotes_its_source(graph_doc) -> None:
    doc, programs = graph_doc
    rows = _rows(
        _store(build_graph([doc], programs)),
        """SELECT ?start ?end ?exact WHERE {
            ?span a oa:SpecificResource ; oa:hasSelector ?p, ?q .
            ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }""",
    )
    assert len(rows) > 10
    for start, end, exact in rows:
        assert doc.source.text[int(start) : int(end)] == exact


@pytest.mark.parametrize(
    "marker,title,depth,order,parent_is_document",
    [
        ("一、", "强化疫情防控", 1, 1, True),
        ("（一）", "完善“三大体系”", 2, 1, False),
        ("（二）", "落实“一单四制”", 2, 2, False),
        ("三、", "推进“三大体系”建设", 1, 3, True),
    ],
)
def test_graph_outline(graph_doc, marker, title, depth, order, parent_is_document) -> None:
    doc, programs = graph_doc
    rows = _rows(
        _store(build_graph([doc], programs)),
        f"""SELECT ?depth ?order ?isdoc (COUNT(?parent) AS ?parents) WHERE {{
            ?s hw:marker "{marker}" ; dcterms:title "{title}"@zh ; hw:depth ?depth ; hw:order ?order ;
               hw:parent ?parent .
            BIND(EXISTS {{ ?parent a hw:Document }} AS ?isdoc) }} GROUP BY ?depth ?order ?isdoc""",
    )
    assert rows == [(str(depth), str(order), str(parent_is_document).lower(), "1")]


def test_graph_recovered_only_when_true(graph_doc) -> None:
    doc, _programs = graph_doc
    sec = dataclasses.replace(doc.sections[1], recovered=True)
    doc = dataclasses.replace(doc, sections=(doc.sections[0], sec, doc.sections[2]))
    rows = _rows(_store(build_graph([doc], [])), "SELECT ?m ?r WHERE { ?s hw:marker ?m ; hw:recovered ?r }")
    assert rows == [("二、", "true")]


def test_graph_programs_members_and_mentions(graph_doc) -> None:
    doc, programs = graph_doc
    store = _store(build_graph([doc], programs))
    members = _rows(
        store,
        """SELECT ?label ?pos ?src WHERE { ?use hw:program/skos:prefLabel "三大体系"@zh ; hw:member ?m .
           ?m rdfs:label ?label ; hw:position ?pos ; hw:memberSource ?src } ORDER BY ?pos""",
    )
    assert members == [("医疗救治", "1", "text"), ("疾病预防", "2", "text"), ("医疗保障", "3", "text")]
    mentions = _rows(
        store,
        """SELECT ?marker (COUNT(?m) AS ?n) WHERE { ?m hw:mentionOf/skos:prefLabel "三大体系"@zh ;
           hw:inSection/hw:marker ?marker } GROUP BY ?marker ORDER BY ?marker""",
    )
    assert sorted(mentions) == [("三、", "1"), ("（一）", "2")]
    nested = _rows(store, "SELECT ?l WHERE { ?m hw:memberProgram/skos:prefLabel ?l }")
    assert nested == [("三大体系",)]
    counts = _rows(
        store, "SELECT ?l ?ok WHERE { ?u hw:countOk ?ok ; hw:program/skos:prefLabel ?l } ORDER BY ?l"
    )
    assert counts == [("一单四制", "false"), ("三大体系", "true")]


def test_graph_one_concept_across_documents() -> None:
    doc_a, progs_a = make_graph_doc("a/first.txt")
    doc_b, progs_b = make_graph_doc("b/second.txt")
    store = _store(build_graph([doc_a, doc_b], progs_a + progs_b))
    rows = _rows(
        store,
        """SELECT ?l (COUNT(DISTINCT ?u) AS ?uses) (COUNT(DISTINCT ?p) AS ?concepts) WHERE {
           ?u hw:program ?p . ?p skos:prefLabel ?l } GROUP BY ?l ORDER BY ?l""",
    )
    assert rows == [("一单四制", "2", "1"), ("三大体系", "2", "1")]
    assert len({q.graph_name for q in store}) == 3
    assert len({q.triple for q in store}) == len(store)


def test_graph_program_brings_its_document() -> None:
    _doc, programs = make_graph_doc()
    store = _store(build_graph([], programs))
    assert _rows(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a hw:Document }") == [("1",)]


def test_graph_parses_in_rapper(tmp_path: Path, graph_doc) -> None:
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    doc, programs = graph_doc
    path = tmp_path / "g.ttl"
    quads = build_graph([doc], programs)
    path.write_bytes(canonical_turtle(quads))
    out = subprocess.run(
        ["rapper", "-q", "-i", "turtle", "-o", "ntriples", str(path)], capture_output=True, check=True
    )
    assert len(out.stdout.decode("utf-8").splitlines()) == len({q.triple for q in quads})
