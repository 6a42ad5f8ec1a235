"""Canonical serialisations and the on-disk Oxigraph store."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Quad, RdfFormat, parse

from hwgraph.errors import GraphError
from hwgraph.namespace import PREFIXES
from hwgraph.store import (
    canonical_nquads,
    canonical_trig,
    canonical_turtle,
    create_store,
    load_quads,
    open_store,
    write_graph,
)


@pytest.mark.parametrize("serialise", [canonical_turtle, canonical_nquads, canonical_trig])
def test_store_output_does_not_depend_on_input_order(graph_quads, serialise) -> None:
    shuffled = list(graph_quads)
    random.Random(7).shuffle(shuffled)
    assert serialise(shuffled) == serialise(graph_quads)


def test_store_turtle_starts_with_fixed_prefixes(graph_quads) -> None:
    lines = canonical_turtle(graph_quads).decode("utf-8").splitlines()
    assert lines[: len(PREFIXES)] == [f"@prefix {k}: <{v}> ." for k, v in PREFIXES.items()]


@pytest.mark.parametrize(
    "name,keeps_graphs", [("g.ttl", False), ("g.nt", False), ("g.nq", True), ("g.trig", True)]
)
def test_store_write_and_load_round_trip(tmp_path: Path, graph_quads, name, keeps_graphs) -> None:
    path = write_graph(tmp_path / name, graph_quads)
    loaded = load_quads(path)
    if keeps_graphs:  # the named graphs, and their union in the default graph
        assert {q for q in loaded if not isinstance(q.graph_name, DefaultGraph)} == set(graph_quads)
        assert {q.triple for q in loaded if isinstance(q.graph_name, DefaultGraph)} == {q.triple for q in graph_quads}
    else:
        assert {q.triple for q in loaded} == {q.triple for q in graph_quads}


def test_store_create_replaces_and_opens_read_only(tmp_path: Path, graph_quads) -> None:
    create_store(graph_quads[:10], tmp_path / "store")
    create_store(graph_quads, tmp_path / "store")
    for where in (tmp_path, tmp_path / "store"):
        store = open_store(where)
        assert set(store) == set(graph_quads)
        with pytest.raises((OSError, RuntimeError)):
            store.add(graph_quads[0].__class__(*list(graph_quads[0])[:3]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_store_opens_graph_file_in_memory(tmp_path: Path, graph_quads) -> None:
    path = write_graph(tmp_path / "g.nq", graph_quads)
    assert set(open_store(path)) == set(graph_quads)  # the exported union left implicit again


@pytest.mark.parametrize(
    "name,content,needle",
    [
        ("missing.ttl", None, "not found"),
        ("g.xyz", "", "unknown graph file type"),
        ("broken.ttl", "<a> <b> .", "cannot parse"),
    ],
)
def test_store_errors_say_what_and_where(tmp_path: Path, name, content, needle) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=needle) as err:
        load_quads(path)
    assert str(path) in str(err.value)


def test_store_open_missing_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"hwgraph build|--graph"):
        open_store(tmp_path / "nothing-here")


def test_store_turtle_parses_in_oxigraph(graph_quads) -> None:
    triples = list(parse(canonical_turtle(graph_quads), format=RdfFormat.TURTLE))
    assert len(triples) == len({q.triple for q in graph_quads})
    assert all(isinstance(t, Quad) for t in triples)


def test_store_canonical_writers_drop_repeats_and_keep_order(graph_quads) -> None:
    from hwgraph.store import canonical_ntriples, canonical_turtle

    quads = list(graph_quads)
    assert canonical_turtle(quads + quads[::-1]) == canonical_turtle(quads)
    assert canonical_ntriples(quads[::-1] + quads) == canonical_ntriples(quads)
    lines = canonical_ntriples(quads).decode("utf-8").splitlines()
    rdf_type = " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    keys = [line.replace(rdf_type, " <\x00> ", 1) for line in lines]
    assert keys == sorted(set(keys))


def test_store_open_nquads_keeps_a_default_graph_that_is_not_the_union(tmp_path, graph_quads) -> None:
    from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

    path = write_graph(tmp_path / "g.nq", graph_quads)
    extra = Quad(NamedNode("https://example.org/s"), NamedNode("https://example.org/p"), Literal("x"), DefaultGraph())
    path.write_bytes(path.read_bytes() + f"{extra} .\n".encode())
    store = open_store(path)
    assert extra in set(store)
    assert len(store) > len(set(graph_quads))
