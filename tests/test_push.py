"""`hwgraph push` into a real Oxigraph server (PyPI `oxigraph`), started here on a loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, parse_query_results

from hwgraph.cli import cli
from hwgraph.dataset import sort_group_concats
from hwgraph.errors import GraphError
from hwgraph.push import MANIFEST_GRAPH, push
from hwgraph.query import list_queries, run_query
from hwgraph.store import open_store

GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _oxigraph() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph") or (str(beside) if beside.is_file() else None)
    if found is None:
        pytest.fail("the Oxigraph server is missing: `pip install -e '.[test]'` installs it (PyPI oxigraph)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server():
    """``http://127.0.0.1:PORT`` of an in-memory Oxigraph server, stopped after the test."""
    port = _free_port()
    proc = subprocess.Popen(
        [_oxigraph(), "serve", "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.025)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _remote(base: str, query: str, **params: str):
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query, **params})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return parse_query_results(response.read(), format=QueryResultsFormat.JSON)


def _term(t: object) -> tuple | None:
    if t is None:
        return None
    if isinstance(t, NamedNode):
        return ("uri", t.value)
    if isinstance(t, BlankNode):
        return ("bnode",)
    assert isinstance(t, Literal)
    return ("literal", t.value, t.language, None if t.language else t.datatype.value)


def test_push_build_answers_every_query_like_hwgraph(oxigraph_server: str, corpus_build) -> None:
    out = corpus_build[1]
    report = push(f"{oxigraph_server}/store", out)
    quads = list(open_store(out))
    graphs = {q.graph_name.value for q in quads}
    assert report.graphs == len(graphs) and report.triples == len(quads) and not report.deleted
    remote = {row["g"].value for row in _remote(oxigraph_server, GRAPHS)}
    assert remote == graphs | {MANIFEST_GRAPH}
    for named in list_queries():
        solutions = _remote(oxigraph_server, named.text)
        names = [v.value for v in solutions.variables]
        theirs = sort_group_concats(named.text, names, (tuple(s[n] for n in names) for s in solutions))
        ours = run_query(named.text, out).rows
        assert [tuple(map(_term, r)) for r in theirs] == [tuple(map(_term, r)) for r in ours], named.name


def test_push_rebuild_replaces_and_removes_stale_graphs(oxigraph_server: str, corpus_build, graph_quads) -> None:
    from pyoxigraph import Store

    url = f"{oxigraph_server}/store"
    push(url, corpus_build[1])
    small = Store()
    small.extend(graph_quads)
    report = push(url, small)
    remote = {row["g"].value for row in _remote(oxigraph_server, GRAPHS)}
    assert remote == {q.graph_name.value for q in graph_quads} | {MANIFEST_GRAPH}
    assert report.deleted and MANIFEST_GRAPH not in report.deleted
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(iter(_remote(oxigraph_server, count)))["n"].value) == len({q.triple for q in graph_quads})


def test_push_no_union_leaves_the_default_graph_alone(oxigraph_server: str, graph_quads) -> None:
    from pyoxigraph import Store

    store = Store()
    store.extend(graph_quads)
    report = push(f"{oxigraph_server}/store", store, union=False)
    assert report.union_triples == 0
    assert not bool(_remote(oxigraph_server, "ASK { ?s ?p ?o }"))


def test_push_cli(oxigraph_server: str, tmp_path: Path, graph_quads) -> None:
    from hwgraph.store import write_graph

    graph = write_graph(tmp_path / "g.nq", graph_quads)
    result = CliRunner().invoke(cli, ["push", f"{oxigraph_server}/store", "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("pushed 2 graphs")


@pytest.mark.parametrize(
    "where,message",
    [("closed", "cannot reach the store"), ("query", "Graph Store endpoint"), ("ftp", r"not an http\(s\) URL")],
)
def test_push_errors_say_what_to_do(oxigraph_server: str, graph_quads, where: str, message: str) -> None:
    from pyoxigraph import Store

    store = Store()
    store.extend(graph_quads)
    url = {
        "closed": f"http://127.0.0.1:{_free_port()}/store",
        "query": f"{oxigraph_server}/nowhere",
        "ftp": "ftp://127.0.0.1/store",
    }[where]
    with pytest.raises(GraphError, match=message):
        push(url, store, timeout=5)
