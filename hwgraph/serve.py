"""A read-only SPARQL 1.1 Protocol endpoint over the graph, on 127.0.0.1.

Queries come as ``GET /sparql?query=…``, ``POST`` with a form body ``query=…``, or ``POST`` with
``Content-Type: application/sparql-query``. Results are negotiated from the ``Accept`` header (or a
``format``/``output`` parameter): SPARQL JSON, XML, CSV or TSV for SELECT/ASK, Turtle, N-Triples,
RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE. Updates are refused with 403.

Each query runs in a worker thread (Oxigraph releases the GIL while it evaluates) and is answered
with 503 after ``timeout`` seconds. Oxigraph cannot cancel a running query, so a timed-out one
finishes in the background; at most ``workers`` run at once and the rest wait their turn.
"""

from __future__ import annotations

import concurrent.futures
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store, serialize

from hwgraph.namespace import PREFIXES
from hwgraph.store import open_store

__all__ = ["SparqlServer", "make_server", "serve", "serve_in_thread"]

_RESULT_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_GRAPH_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}
# The short names SPARQLWrapper and browsers put in a format/output parameter.
_FORMAT_PARAMS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "json-ld": "application/ld+json",
}
_MAX_BODY = 1 << 20


class _Failure(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (by q, then order)."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def _pick(wanted: list[str], table: dict, default: str) -> tuple[str, object]:
    for media in wanted:
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            break
    return default, table[default]


def _evaluate(store: Store, query: str, wanted: list[str]) -> tuple[bytes, str]:
    try:
        answer = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise _Failure(HTTPStatus.BAD_REQUEST, f"malformed query: {e}") from e
    if isinstance(answer, (QuerySolutions, QueryBoolean)):
        media, fmt = _pick(wanted, _RESULT_TYPES, "application/sparql-results+json")
        return answer.serialize(format=fmt) or b"", media  # type: ignore[arg-type]
    media, fmt = _pick(wanted, _GRAPH_TYPES, "text/turtle")
    return serialize(answer, format=fmt, prefixes=PREFIXES) or b"", media  # type: ignore[arg-type]


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries on one store, read-only."""

    daemon_threads = True

    def __init__(self, store: Store, host: str, port: int, timeout: float, workers: int = 4) -> None:
        super().__init__((host, port), _Handler)
        self.store = store
        self.query_timeout = timeout
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")

    @property
    def url(self) -> str:
        """The endpoint URL, e.g. http://127.0.0.1:8000/sparql."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        """Stop accepting queries and release the worker threads."""
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "hwgraph-sparql/1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        if url.path not in ("/", "/sparql"):
            return self._send(HTTPStatus.NOT_FOUND, b"not found; the endpoint is /sparql\n", "text/plain")
        if "update" in params:
            return self._refuse_update()
        if "query" not in params:
            text = f"hwgraph SPARQL endpoint (read-only). GET or POST {self.server.url}?query=...\n"
            return self._send(HTTPStatus.OK, text.encode(), "text/plain; charset=utf-8")
        self._answer(params["query"][0], params)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ("/", "/sparql"):
            return self._send(HTTPStatus.NOT_FOUND, b"not found; the endpoint is /sparql\n", "text/plain")
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"query too large\n", "text/plain")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if ctype == "application/sparql-update":
            return self._refuse_update()
        if ctype == "application/sparql-query":
            return self._answer(body, params)
        if ctype in ("application/x-www-form-urlencoded", ""):
            params.update(parse_qs(body))
            if "update" in params:
                return self._refuse_update()
            if "query" in params:
                return self._answer(params["query"][0], params)
        self._send(HTTPStatus.BAD_REQUEST, b"no query: send query=... or an application/sparql-query body\n")

    def do_PUT(self) -> None:
        self._refuse_update()

    do_DELETE = do_PATCH = do_PUT

    def _refuse_update(self) -> None:
        self._send(HTTPStatus.FORBIDDEN, b"this endpoint is read-only: SPARQL Update is not accepted\n")

    def _answer(self, query: str, params: dict[str, list[str]]) -> None:
        wanted = [
            _FORMAT_PARAMS.get(v.lower(), v.lower()) for k in ("format", "output") for v in params.get(k, [])
        ]
        wanted += _accepted(self.headers.get("Accept") or "")
        future = self.server.pool.submit(_evaluate, self.server.store, query, wanted)
        try:
            data, media = future.result(timeout=self.server.query_timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            msg = f"query timed out after {self.server.query_timeout:g} s; narrow it or add a LIMIT\n"
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, msg.encode())
        except _Failure as e:
            return self._send(e.status, (e.message + "\n").encode("utf-8"))
        except (OSError, RuntimeError, ValueError) as e:
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {e}\n".encode())
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else ""
        self._send(HTTPStatus.OK, data, media + charset)

    def _send(self, status: HTTPStatus, data: bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def make_server(
    graph: Store | str | Path | None = None, host: str = "127.0.0.1", port: int = 0, timeout: float = 30.0
) -> SparqlServer:
    """A ready, not yet running endpoint on ``graph`` (a store, graph file or build folder; None
    is the last build). Port 0 picks a free port; ``server.url`` says which.

    An on-disk store is copied into memory first: a server lives long enough to repay the copy,
    and Oxigraph answers the named queries 4-10x faster from memory than from RocksDB.
    """
    if isinstance(graph, Store):
        store = graph
    else:
        store = Store()
        store.bulk_extend(open_store(graph))
    return SparqlServer(store, host, port, timeout)


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run ``server`` in a daemon thread (for tests and notebooks); stop with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, name="hwgraph-sparql", daemon=True)
    thread.start()
    return thread


def serve(
    graph: Store | str | Path | None = None, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0
) -> None:
    """Serve ``graph`` until interrupted."""
    server = make_server(graph, host, port, timeout)
    try:
        server.serve_forever()
    finally:
        server.server_close()
