"""The data means the same everywhere: every shipped query (each .rq in hwgraph/queries/, whoever
added it) gives the same answers on hwgraph's store as on a standard store (pyoxigraph with default
settings) loaded from the exported N-Quads, TriG or JSON-LD, and on the build's Turtle file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, RdfFormat, Store, parse

from hwgraph.dataset import inspect_query, sort_group_concats
from hwgraph.export import export_bytes
from hwgraph.query import QueryKind, list_queries, run_query
from hwgraph.store import open_store

QUERIES = {q.name: q.text for q in list_queries()}
SOURCES = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD}


def _term(t: object) -> tuple | None:
    if t is None:
        return None
    if isinstance(t, NamedNode):
        return ("uri", t.value)
    if isinstance(t, BlankNode):
        return ("bnode",)  # labels differ between stores
    assert isinstance(t, Literal)
    return ("literal", t.value, t.language, None if t.language else t.datatype.value)


def _standard_rows(store: Store, text: str) -> list[tuple]:
    """Rows from ``store`` queried as any SPARQL store would: no union flag, no dataset."""
    solutions = store.query(text)
    names = [v.value for v in solutions.variables]
    rows = sort_group_concats(text, names, (tuple(s[n] for n in names) for s in solutions))
    return [tuple(_term(t) for t in row) for row in rows]


def _hwgraph_rows(text: str, graph: Path) -> list[tuple]:
    result = run_query(text, graph)
    assert result.kind is QueryKind.SELECT
    return [tuple(_term(t) for t in row) for row in result.rows]


@pytest.fixture(scope="module")
def standard_stores(corpus_build) -> dict[str, Store]:
    """A plain pyoxigraph store per export format, and one from the build's own hwgraph.nq."""
    out = corpus_build[1]
    quads = list(open_store(out))
    stores = {}
    for name, syntax in SOURCES.items():
        stores[name] = Store()
        stores[name].bulk_extend(parse(export_bytes(quads, name), format=syntax))
    stores["hwgraph.nq"] = Store()
    stores["hwgraph.nq"].bulk_extend(parse(path=str(out / "hwgraph.nq"), format=RdfFormat.N_QUADS))
    return stores


def test_portable_every_query_file_is_checked() -> None:
    files = sorted(p.stem for p in (Path(__file__).parent.parent / "hwgraph" / "queries").glob("*.rq"))
    assert files == sorted(QUERIES) and len(files) >= 10


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_portable_same_answers_on_a_standard_store(corpus_build, standard_stores, name: str) -> None:
    text = QUERIES[name]
    assert inspect_query(text).form == "SELECT"
    ours = _hwgraph_rows(text, corpus_build[1])
    for source, store in standard_stores.items():
        theirs = _standard_rows(store, text)
        assert sorted(theirs, key=repr) == sorted(ours, key=repr), f"{name} differs on {source}"
        assert theirs == ours, f"{name}: same rows on {source} but in another order (ORDER BY has ties)"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_portable_same_answers_from_the_turtle_file(corpus_build, name: str) -> None:
    out = corpus_build[1]
    assert _hwgraph_rows(QUERIES[name], out / "hwgraph.ttl") == _hwgraph_rows(QUERIES[name], out)


def test_portable_export_default_graph_is_the_union(corpus_build, standard_stores) -> None:
    quads = list(open_store(corpus_build[1]))
    union = {q.triple for q in quads}
    for store in standard_stores.values():
        default = {q.triple for q in store.quads_for_pattern(None, None, None, DefaultGraph())}
        assert default == union
        assert set(store.named_graphs()) == {q.graph_name for q in quads}
