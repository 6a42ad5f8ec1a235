"""Canonical serialisations and the on-disk Oxigraph store."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from hwgraph.errors import GraphError
from hwgraph.namespace import PREFIXES
from hwgraph.store import (
    canonical_nquads,
    canonical_trig,
    canonical_turtle,
    create_store,
    graph_format,
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


# ---- canonical bytes for the same set of triples, whatever the order, repeats or source (issue 14)

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

_EX = "https://example.org/"
_IRIS = st.sampled_from([f"{_EX}{n}" for n in ("a", "b", "ab", "b/c", "中", "a#x")]).map(NamedNode)
_PREDICATES = st.one_of(_IRIS, st.just(NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")))
# Text with what N-Triples must escape (NUL, tab, line ends, quotes, backslash) and non-ASCII.
_TEXT = st.text(alphabet=st.sampled_from(list('a b"\\\t\n\r\x00\x7f中é')), max_size=6)


@st.composite
def _objects(draw: st.DrawFn) -> object:
    from pyoxigraph import BlankNode, Literal, NamedNode

    kind = draw(st.sampled_from(["iri", "text", "lang", "int", "blank"]))
    if kind == "iri":
        return draw(_IRIS)
    if kind == "blank":
        return BlankNode(draw(st.sampled_from(["b1", "b2"])))
    if kind == "lang":
        return Literal(draw(_TEXT), language=draw(st.sampled_from(["zh", "en", "zh-Hans"])))
    if kind == "int":
        return Literal(str(draw(st.integers(-20, 20))), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return Literal(draw(_TEXT))


@st.composite
def _items(draw: st.DrawFn) -> list:
    """Quads in a few named graphs and plain triples, some repeated (also across graphs)."""
    from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Triple

    triples = draw(
        st.lists(
            st.builds(Triple, st.one_of(_IRIS, st.just(BlankNode("b1"))), _PREDICATES, _objects()),
            min_size=0,
            max_size=25,
        )
    )
    graphs = [DefaultGraph(), NamedNode(f"{_EX}g1"), NamedNode(f"{_EX}g2")]
    items = []
    for t in triples:
        for g in draw(st.lists(st.sampled_from(graphs), min_size=1, max_size=2)):
            items.append(Quad(t.subject, t.predicate, t.object, g))
        if draw(st.booleans()):
            items.append(t)
    return items


@hypothesis.given(_items(), st.randoms(use_true_random=False))
@hypothesis.settings(max_examples=150, deadline=None)
def test_store_same_triples_same_bytes_in_any_order(items, rnd) -> None:
    from pyoxigraph import Triple

    from hwgraph.store import _Canonical, canonical_nquads_with_union, canonical_ntriples

    shuffled = items + rnd.sample(items, len(items) // 2)  # repeats as well as another order
    rnd.shuffle(shuffled)
    as_quads = [i if isinstance(i, Quad) else Quad(i.subject, i.predicate, i.object, DefaultGraph()) for i in items]
    for serialise in (canonical_turtle, canonical_ntriples, canonical_nquads_with_union):
        assert serialise(shuffled) == serialise(items)
    turtle = canonical_turtle(items)
    shared = _Canonical(shuffled)  # write_graphs: N-Triples and N-Quads from the Turtle's order
    assert (shared.turtle(), shared.ntriples(), shared.nquads_with_union()) == (
        turtle,
        canonical_ntriples(items),
        canonical_nquads_with_union(items),
    )
    assert canonical_turtle(as_quads) == turtle  # a triple and a default-graph quad are the same
    assert canonical_turtle([i.triple if isinstance(i, Quad) else i for i in items]) == turtle
    union = {i.triple if isinstance(i, Quad) else i for i in items}
    assert {q.triple for q in parse(turtle, format=RdfFormat.TURTLE)} == union
    assert all(isinstance(t, Triple) for t in union)


@hypothesis.given(_items(), st.booleans())
@hypothesis.settings(max_examples=60, deadline=None)
def test_store_writer_of_a_store_gives_the_same_bytes(items, gnu_sort) -> None:
    from hwgraph.building import outputs

    with pytest.MonkeyPatch.context() as patch:
        if not gnu_sort:  # the runs merged in Python, as where there is no GNU sort
            patch.setattr(outputs, "_gnu_sort", lambda: None)
            patch.setattr(outputs, "_RUN_BYTES", 64)
        _writer_of_a_store_gives_the_same_bytes(items)


def _writer_of_a_store_gives_the_same_bytes(items) -> None:
    import io

    from pyoxigraph import Store

    from hwgraph.store import canonical_nquads_with_union, canonical_ntriples, write_store_graph

    store = Store()
    store.extend(i if isinstance(i, Quad) else Quad(i.subject, i.predicate, i.object, DefaultGraph()) for i in items)
    for fmt, serialise in (
        (RdfFormat.TURTLE, canonical_turtle),
        (RdfFormat.N_TRIPLES, canonical_ntriples),
        (RdfFormat.N_QUADS, canonical_nquads_with_union),
    ):
        out = io.BytesIO()
        write_store_graph(out, store, fmt)
        assert out.getvalue() == serialise(list(store)), fmt


def test_store_writer_same_bytes_from_disk_and_memory(tmp_path: Path, graph_quads) -> None:
    from pyoxigraph import Store

    from hwgraph.store import write_store_graph

    shuffled = list(graph_quads)
    random.Random(3).shuffle(shuffled)
    memory = Store()
    memory.extend(shuffled)
    create_store(graph_quads, tmp_path / "store")
    on_disk = open_store(tmp_path / "store")
    for fmt in ("g.ttl", "g.nt", "g.nq"):
        write_store_graph(tmp_path / f"memory-{fmt}", memory, graph_format(fmt))
        write_store_graph(tmp_path / f"disk-{fmt}", on_disk, graph_format(fmt))
        write_graph(tmp_path / fmt, graph_quads)
        assert (tmp_path / f"memory-{fmt}").read_bytes() == (tmp_path / fmt).read_bytes()
        assert (tmp_path / f"disk-{fmt}").read_bytes() == (tmp_path / fmt).read_bytes()


def test_store_write_graphs_same_bytes_as_one_at_a_time(tmp_path: Path, graph_quads) -> None:
    from hwgraph.store import write_graphs

    names = ["g.nq", "g.trig", "g.ttl", "g.nt"]
    written = write_graphs([tmp_path / "all" / name for name in names], reversed(graph_quads))
    assert written == [tmp_path / "all" / name for name in names]
    for name in names:
        assert (tmp_path / "all" / name).read_bytes() == write_graph(tmp_path / name, graph_quads).read_bytes()
    with pytest.raises(GraphError, match="cannot write"):
        write_graphs([tmp_path / "g.jsonld"], graph_quads)


@pytest.mark.parametrize(
    "data", [b"", b"@prefix a: <x> .\n", b"@prefix a: <x> .", b"@prefix a: <x> .\n<s> <p> <o> .\n", b"<s> <p> <o> .\n"]
)
def test_store_fixed_prefixes_replace_only_the_header(data: bytes) -> None:
    from hwgraph.store import _prefix_header, _with_fixed_prefixes

    lines = data.split(b"\n")
    body = b"\n".join([line for line in lines if not line.startswith(b"@prefix ")] if lines[0].startswith(b"@") else lines)
    assert _with_fixed_prefixes(data) == _prefix_header() + b"\n" + body
