"""The SPARQL endpoint, through a real client (SPARQLWrapper) and plain HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from pyoxigraph import Store
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from hwgraph.serve import make_server, serve_in_thread
from hwgraph.store import write_graph

TITLES = "SELECT ?t WHERE { ?d a hw:Document ; dcterms:title ?t }"


@pytest.fixture(scope="module")
def endpoint():
    from conftest import make_graph_doc

    from hwgraph.graph import build_graph

    doc, programs = make_graph_doc()
    store = Store()
    store.extend(build_graph([doc], programs))
    server = make_server(store, port=0, timeout=10)
    serve_in_thread(server)
    yield server.url
    server.shutdown()
    server.server_close()


def _client(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_select_json(endpoint: str, method: str) -> None:
    result = _client(endpoint, TITLES, JSON, method).query().convert()
    assert result["head"]["vars"] == ["t"]
    binding = result["results"]["bindings"][0]["t"]
    assert binding == {"type": "literal", "value": "2022年示例县卫生健康局工作总结", "xml:lang": "zh"}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_select_xml(endpoint: str, method: str) -> None:
    doc = _client(endpoint, TITLES, XML, method).query().convert()
    literals = doc.getElementsByTagName("literal")
    assert literals[0].firstChild.data == "2022年示例县卫生健康局工作总结"


@pytest.mark.parametrize("fmt,sep", [(CSV, ","), (TSV, "\t")])
def test_serve_select_csv_tsv(endpoint: str, fmt: str, sep: str) -> None:
    data = _client(endpoint, "SELECT ?m ?d WHERE { ?s hw:marker ?m ; hw:depth ?d } ORDER BY ?m", fmt)
    text = data.query().convert().decode("utf-8")
    assert text.splitlines()[0] in (f"m{sep}d", f"?m{sep}?d")
    assert len(text.strip().splitlines()) == 6


def test_serve_ask_and_construct(endpoint: str) -> None:
    assert _client(endpoint, "ASK { ?s a hw:Section }", JSON).query().convert()["boolean"] is True
    turtle = _client(endpoint, "CONSTRUCT { ?d a hw:Document } WHERE { ?d a hw:Document }", TURTLE)
    assert b"Document" in turtle.query().convert()


def test_serve_refuses_updates(endpoint: str) -> None:
    client = _client(endpoint, "INSERT DATA { <http://a> <http://b> <http://c> }", JSON, "POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        client.query()
    assert err.value.code == 403
    request = urllib.request.Request(
        endpoint, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}, method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    assert err.value.code == 403
    assert _client(endpoint, "ASK { <http://a> ?p ?o }", JSON).query().convert()["boolean"] is False


def test_serve_malformed_query_is_400(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed):
        _client(endpoint, "SELECT ?x WHERE {", JSON).query()


def test_serve_sparql_query_body_and_accept(endpoint: str) -> None:
    request = urllib.request.Request(
        endpoint,
        data=TITLES.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv;q=0.5, application/xml"},
        method="POST",
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("application/xml")


def test_serve_timeout_is_503() -> None:
    from conftest import make_graph_doc

    from hwgraph.graph import build_graph

    doc, programs = make_graph_doc()
    store = Store()
    store.extend(build_graph([doc], programs))
    server = make_server(store, port=0, timeout=0.2)
    serve_in_thread(server)
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"
        url = server.url + "?" + urllib.parse.urlencode({"query": slow})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url)
        assert err.value.code == 503
        assert b"timed out" in err.value.read()
    finally:
        server.shutdown()
        server.server_close()


def test_serve_cli_starts_on_free_port(tmp_path: Path, graph_quads) -> None:
    graph = write_graph(tmp_path / "g.ttl", graph_quads)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from hwgraph.cli import main; main()",
            "serve",
            "--graph",
            str(graph),
            "--port",
            "0",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
        assert line.startswith("serving http://127.0.0.1:"), line
        url = line.split()[1]
        query = urllib.parse.urlencode({"query": "ASK { ?s a hw:Document }"})
        request = urllib.request.Request(
            f"{url}?{query}", headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response) == {"head": {}, "boolean": True}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
