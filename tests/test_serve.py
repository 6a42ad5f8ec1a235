"""The SPARQL endpoint, through a real client (SPARQLWrapper) and raw HTTP on 127.0.0.1.

Besides answering, it must be safe to leave running where any web page can reach it: no outbound
request (SSRF probe), no write, CORS only for configured origins, bounded time, memory and result
size, and cheap queries answered while heavy ones run.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store, parse
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from hwgraph.serve import default_limits, make_server, serve_in_thread
from hwgraph.store import write_graph

TITLES = "SELECT ?t WHERE { ?d a hw:Document ; dcterms:title ?t }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"
JSON_TYPE = "application/sparql-results+json"


def _example_store() -> Store:
    from conftest import make_graph_doc

    from hwgraph.graph import build_graph

    doc, programs = make_graph_doc()
    store = Store()
    store.extend(build_graph([doc], programs))
    return store


class _Running:
    """A server in a thread, stopped (workers killed) on exit."""

    def __init__(self, store: Store | None = None, **options) -> None:
        timeout = options.pop("timeout", 10.0)
        limits = options.pop("limits", {})
        self.server = make_server(
            store or _example_store(), port=0, limits=default_limits(timeout, **limits), **options
        )
        self.url = self.server.url
        serve_in_thread(self.server)

    def __enter__(self) -> _Running:
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def endpoint():
    with _Running() as running:
        yield running.url


@pytest.fixture(scope="module")
def cors_endpoint():
    with _Running(cors=("https://app.example",)) as running:
        yield running.url


def _client(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    return client


def _raw(
    url: str, method: str = "GET", params: dict | None = None, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request: (status, headers with lower-case names, body)."""
    parts = urllib.parse.urlsplit(url)
    query = "&".join(q for q in (parts.query, urllib.parse.urlencode(params or {}, doseq=True)) if q)
    path = parts.path + ("?" + query if query else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _count(url: str, query: str, **params) -> int:
    status, _, body = _raw(url, params={"query": query, **params}, headers={"Accept": JSON_TYPE})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# ---- answering ------------------------------------------------------------------------------------


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


def test_serve_head_is_get_without_body(endpoint: str) -> None:
    status, headers, body = _raw(endpoint, "HEAD", {"query": "ASK { ?s ?p ?o }"})
    assert status == 200 and int(headers["content-length"]) > 0 and body == b""


def test_serve_service_description(endpoint: str) -> None:
    status, headers, body = _raw(endpoint)
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    quads = list(parse(body, format=RdfFormat.TURTLE))
    values = {(q.predicate.value, q.object.value) for q in quads}
    assert (sd + "endpoint", endpoint) in values
    assert (sd + "supportedLanguage", sd + "SPARQL11Query") in values
    assert (sd + "feature", sd + "UnionDefaultGraph") in values
    names = {q.object.value for q in quads if q.predicate.value == sd + "name"}
    assert "https://w3id.org/hwgraph/id/shared" in names and len(names) == 2


# ---- the dataset ----------------------------------------------------------------------------------


def test_serve_dataset_default_is_the_union(endpoint: str) -> None:
    store = _example_store()
    assert _count(endpoint, COUNT) == len(store) > 0


@pytest.mark.parametrize(
    "query,params,expected",
    [
        (COUNT.replace("WHERE", "FROM <urn:nothing> WHERE"), {}, "none"),
        (COUNT, {"default-graph-uri": "urn:nothing"}, "none"),
        (COUNT.replace("WHERE", "FROM <{shared}> WHERE"), {}, "shared"),
        (COUNT, {"default-graph-uri": "{shared}"}, "shared"),
        (COUNT, {"default-graph-uri": ["{shared}", "{doc}"]}, "all"),
        # the protocol's dataset wins over the query's
        (COUNT.replace("WHERE", "FROM <{doc}> WHERE"), {"default-graph-uri": "{shared}"}, "shared"),
        ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": "{shared}"}, "shared"),
        ("SELECT (COUNT(*) AS ?n) FROM NAMED <{doc}> WHERE { GRAPH ?g { ?s ?p ?o } }", {}, "doc"),
        ("SELECT (COUNT(*) AS ?n) FROM NAMED <{doc}> WHERE { ?s ?p ?o }", {}, "none"),
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {"named-graph-uri": "{doc}"}, "none"),
    ],
)
def test_serve_dataset_parameters_and_from(endpoint: str, query: str, params: dict, expected: str) -> None:
    from conftest import make_graph_doc

    from hwgraph.graph import SHARED_GRAPH, document_iri

    names = {"shared": SHARED_GRAPH, "doc": document_iri(make_graph_doc()[0])}
    store = _example_store()
    sizes = {"none": 0, "all": len(store)}
    sizes.update({k: sum(1 for q in store if q.graph_name.value == v) for k, v in names.items()})

    def fill(value):
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value.replace("{shared}", names["shared"]).replace("{doc}", names["doc"])

    got = _count(endpoint, fill(query), **{k: fill(v) for k, v in params.items()})
    assert got == sizes[expected]


def test_serve_dataset_with_sparql_query_body(endpoint: str) -> None:
    status, _, body = _raw(
        endpoint + "?default-graph-uri=urn%3Anothing",
        "POST",
        body=COUNT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": JSON_TYPE},
    )
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"


# ---- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "DROP ALL",
        "CLEAR DEFAULT",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> WITH ex:g DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "# a comment\nCREATE GRAPH <http://example.org/g>",
    ],
)
@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_serve_refuses_updates_sent_as_queries(endpoint: str, query: str, how: str) -> None:
    if how == "get":
        status, _, body = _raw(endpoint, params={"query": query})
    elif how == "form":
        form = urllib.parse.urlencode({"query": query}).encode()
        status, _, body = _raw(
            endpoint, "POST", body=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
    else:
        status, _, body = _raw(
            endpoint, "POST", body=query.encode(), headers={"Content-Type": "application/sparql-query"}
        )
    assert status == 403 and b"read-only endpoint" in body, body


@pytest.mark.parametrize(
    "method,params,body,ctype",
    [
        ("GET", {"update": "DROP ALL"}, None, None),
        ("POST", None, b"update=DROP+ALL", "application/x-www-form-urlencoded"),
        ("POST", None, b"DROP ALL", "application/sparql-update"),
        ("PUT", {"graph": "http://example.org/g"}, b"<http://a> <http://b> <http://c> .", "text/turtle"),
        ("DELETE", {"default": ""}, None, None),
    ],
)
def test_serve_refuses_updates(endpoint: str, method, params, body, ctype) -> None:
    headers = {"Content-Type": ctype} if ctype else {}
    status, _, text = _raw(endpoint, method, params, body, headers)
    assert status == 403 and b"read-only endpoint" in text
    assert _client(endpoint, "ASK { <http://a> ?p ?o }", JSON).query().convert()["boolean"] is False


class _Listener:
    """A TCP listener on 127.0.0.1 that records every connection it gets."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(0.5)
            try:
                self.hits.append(conn.recv(4096))
            except OSError:
                self.hits.append(b"")
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


SERVICE_QUERIES = (
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "ASK { FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { BIND(<{url}> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "PREFIX service: <http://example.org/>\nSELECT * WHERE { ?s service:p ?o . SERVICE <{url}> { ?s ?p ?o } }",
)


def test_serve_ssrf_probe_service_is_refused(endpoint: str) -> None:
    listener = _Listener()
    try:
        for query in SERVICE_QUERIES:
            text = query.replace("{url}", listener.url)
            form = urllib.parse.urlencode({"query": text}).encode()
            for method, body, params, headers in (
                ("GET", None, {"query": text}, {}),
                ("POST", text.encode(), None, {"Content-Type": "application/sparql-query"}),
                ("POST", form, None, {"Content-Type": "application/x-www-form-urlencoded"}),
            ):
                status, _, reply = _raw(endpoint, method, params, body, headers)
                assert status == 403 and b"--allow-federation" in reply, (query, reply)
        time.sleep(0.3)
    finally:
        listener.close()
    assert listener.hits == [], "the endpoint sent a request to the listener"


def test_serve_ssrf_probe_from_names_a_graph_only(endpoint: str) -> None:
    listener = _Listener()
    try:
        query = f"SELECT (COUNT(*) AS ?n) FROM <{listener.url}> FROM NAMED <{listener.url}> WHERE {{ ?s ?p ?o }}"
        assert _count(endpoint, query) == 0
        assert _count(endpoint, COUNT, **{"default-graph-uri": listener.url}) == 0
        time.sleep(0.3)
    finally:
        listener.close()
    assert listener.hits == []


def test_serve_ssrf_probe_sees_federation_when_allowed() -> None:
    """The probe itself works: with --allow-federation the listener does get the request."""
    listener = _Listener()
    try:
        with _Running(allow_federation=True, timeout=3) as running:
            query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
            status, _, _ = _raw(running.url, params={"query": query})
            time.sleep(0.3)
    finally:
        listener.close()
    assert status != 403 and len(listener.hits) == 1


# ---- CORS and hosts -------------------------------------------------------------------------------

PREFLIGHT = {
    "Origin": "https://app.example",
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type",
}


def test_serve_no_cors_by_default(endpoint: str) -> None:
    status, headers, _ = _raw(endpoint, "OPTIONS", headers=PREFLIGHT)
    assert status == 204 and "POST" in headers["allow"]
    assert "access-control-allow-origin" not in headers
    status, headers, _ = _raw(endpoint, params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"})
    assert status == 200 and "access-control-allow-origin" not in headers


def test_serve_cors_preflight_for_a_configured_origin(cors_endpoint: str) -> None:
    status, headers, _ = _raw(cors_endpoint, "OPTIONS", headers=PREFLIGHT)
    assert status == 204
    assert headers["access-control-allow-origin"] == "https://app.example"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    query = b"ASK { ?s a hw:Document }"
    status, headers, body = _raw(
        cors_endpoint,
        "POST",
        body=query,
        headers={"Origin": "https://app.example", "Content-Type": "application/sparql-query", "Accept": JSON_TYPE},
    )
    assert status == 200 and json.loads(body)["boolean"] is True
    assert headers["access-control-allow-origin"] == "https://app.example"
    other = dict(PREFLIGHT, Origin="https://evil.example")
    _, headers, _ = _raw(cors_endpoint, "OPTIONS", headers=other)
    assert "access-control-allow-origin" not in headers


@pytest.mark.parametrize(
    "host,ok", [("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("attacker.example", False)]
)
def test_serve_host_must_be_loopback(endpoint: str, host: str, ok: bool) -> None:
    status, _, _ = _raw(endpoint, params={"query": "ASK {}"}, headers={"Host": host})
    assert (status == 200) is ok


# ---- limits ---------------------------------------------------------------------------------------


def test_serve_result_size_cap_is_413() -> None:
    with _Running(limits={"max_result": 4_000}) as running:
        status, _, body = _raw(running.url, params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
        assert status == 413 and b"result too large" in body and b"LIMIT" in body
        small = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"
        assert _raw(running.url, params={"query": small})[0] == 200


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_serve_timeout_is_503_and_kills_the_query() -> None:
    with _Running(timeout=0.3) as running:
        started = time.monotonic()
        status, _, body = _raw(running.url, params={"query": HEAVY})
        assert status == 503 and b"timed out" in body
        assert time.monotonic() - started < 2
        time.sleep(0.2)
        workers = _children(running.server.pool._zygote_pid)
        assert workers and all(_state(pid) in ("S", "gone") for pid in workers), "a worker still runs"
        assert _count(running.url, COUNT) > 0  # and the server goes on


@pytest.mark.skipif(sys.platform != "linux", reason="the memory cap is an RLIMIT_AS")
def test_serve_memory_cap_is_503() -> None:
    sort_everything = "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y } ORDER BY ?x ?y"
    with _Running(limits={"memory": 64 << 20}) as running:
        status, _, body = _raw(running.url, params={"query": sort_everything})
        assert status == 503 and b"memory" in body, body
        assert _count(running.url, COUNT) > 0


def test_serve_cheap_queries_answered_while_heavy_ones_run() -> None:
    with _Running(timeout=2) as running, ThreadPoolExecutor(6) as heavy:
        for _ in range(6):
            heavy.submit(_raw, running.url, "GET", {"query": HEAVY})
        time.sleep(0.4)  # every heavy query has started, and is past the heavy threshold
        times = []
        for _ in range(30):
            started = time.monotonic()
            assert _count(running.url, COUNT) > 0
            times.append(time.monotonic() - started)
        assert max(times) < 0.5, times
        running.server.shutdown()
        running.server.pool.close()  # the heavy queries end now, not after their timeouts


def test_serve_concurrent_clients_no_errors(endpoint: str) -> None:
    def client(_: int) -> list[int]:
        return [_raw(endpoint, params={"query": "ASK { ?s a hw:Section }"})[0] for _ in range(20)]

    with ThreadPoolExecutor(20) as pool:
        statuses = [s for batch in pool.map(client, range(20)) for s in batch]
    assert statuses == [200] * 400


# ---- the command ----------------------------------------------------------------------------------


def test_serve_cli_starts_on_free_port(tmp_path: Path, graph_quads) -> None:
    graph = write_graph(tmp_path / "g.ttl", graph_quads)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hwgraph.cli import main; main()", "serve", "--graph", str(graph), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = proc.stderr.readline()
        assert line.startswith("serving http://127.0.0.1:"), line
        url = line.split()[1]
        query = urllib.parse.urlencode({"query": "ASK { ?s a hw:Document }"})
        request = urllib.request.Request(f"{url}?{query}", headers={"Accept": JSON_TYPE})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response) == {"head": {}, "boolean": True}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_unreadable_graph_says_so(tmp_path: Path) -> None:
    from hwgraph.errors import GraphError

    with pytest.raises(GraphError, match="no such graph file or store"):
        make_server(tmp_path / "nothing")


def test_serve_oxigraph_backend_needs_allow_federation() -> None:
    from click.testing import CliRunner

    from hwgraph.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--backend", "oxigraph-server"])
    assert result.exit_code == 2 and "--allow-federation" in result.output


# ---- answering from memory or from disk ---------------------------------------------------------------


def test_serve_store_choice(tmp_path: Path, graph_quads) -> None:
    from hwgraph.errors import GraphError
    from hwgraph.serving import AUTO_MEMORY_MAX, choose_store
    from hwgraph.store import create_store

    graph = write_graph(tmp_path / "g.nq", graph_quads)
    create_store(graph_quads, tmp_path / "out" / "store")
    assert choose_store(tmp_path / "out") == "memory"  # a small store
    assert choose_store(tmp_path / "out" / "store", "disk") == "disk"
    assert choose_store(graph) == choose_store(graph, "memory") == "memory"  # a file is read into memory
    with pytest.raises(GraphError, match="no store on disk"):
        choose_store(graph, "disk")
    big = tmp_path / "big"
    big.mkdir()
    (big / "CURRENT").write_bytes(b"")
    with open(big / "000001.sst", "wb") as fh:  # sparse: no disk space taken
        fh.truncate(AUTO_MEMORY_MAX + 1)
    assert choose_store(big) == "disk"


@pytest.mark.parametrize("store", ["disk", "memory"])
def test_serve_answers_from_disk_and_memory_alike(tmp_path: Path, graph_quads, store: str) -> None:
    from hwgraph.store import create_store

    folder = create_store(graph_quads, tmp_path / "store")
    server = make_server(folder, port=0, limits=default_limits(10), store=store)
    serve_in_thread(server)
    try:
        assert server.store_mode == store
        assert _count(server.url, COUNT) == len(graph_quads)
        status, _, body = _raw(server.url, params={"query": TITLES}, headers={"Accept": "text/csv"})
        assert status == 200 and "2022年示例县卫生健康局工作总结" in body.decode("utf-8")
        assert _count(server.url, "SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }") == 0
        status, _, _ = _raw(server.url, params={"query": HEAVY})  # a heavy query: its worker is replaced
        assert status in (200, 503)
        assert _count(server.url, COUNT) == len(graph_quads)
        _, _, description = _raw(server.url, headers={"Accept": "text/turtle"})
        assert str(len(graph_quads)).encode() in description  # counted by a child process on disk
    finally:
        server.shutdown()
        server.server_close()


def test_serve_disk_store_gone_is_503_not_a_crash(tmp_path: Path, graph_quads) -> None:
    import shutil

    from hwgraph.store import create_store

    folder = create_store(graph_quads, tmp_path / "store")
    server = make_server(folder, port=0, limits=default_limits(10, fresh=1, recycle=0), store="disk")
    serve_in_thread(server)
    try:
        shutil.rmtree(folder)  # a rebuild replaced it: workers forked from now on cannot open it
        for _ in range(3):  # recycle=0: each worker answers once, the next one is a fresh fork
            status, _, body = _raw(server.url, params={"query": COUNT})
            assert status in (200, 503), body
        assert status == 503 and b"cannot open the store" in body
    finally:
        server.shutdown()
        server.server_close()


def test_serve_worker_recycled_past_its_own_memory() -> None:
    with _Running(limits={"recycle": 0, "fresh": 1}) as running:
        for _ in range(3):
            assert _count(running.url, COUNT) > 0
        assert running.server.pool.stats.recycled >= 2


def test_serve_cli_store_and_query_memory_options() -> None:
    from click.testing import CliRunner

    from hwgraph.cli import cli

    shown = CliRunner().invoke(cli, ["serve", "-h"]).stdout
    assert "--store [auto|memory|disk]" in shown and "--query-memory MB" in shown
    assert "--memory" not in shown.replace("--query-memory", "")  # the old spelling still works, unlisted
    refused = CliRunner().invoke(cli, ["serve", "--backend", "oxigraph-server", "--allow-federation",
                                       "--store", "memory", "--memory", "512"])
    assert refused.exit_code == 2 and "--store memory" in refused.output
