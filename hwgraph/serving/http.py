"""The HTTP side of the endpoint: the SPARQL 1.1 Protocol, read-only, on a bounded thread pool.

A request is read by one of ``connections`` threads (more wait in the kernel's listen backlog of
128, and past ``max_pending`` accepted ones a request is answered 503 at once); its query is checked
here, before any worker sees it, and then run by the ``QueryPool``:

- SPARQL Update in any form (``update=``, ``application/sparql-update``, ``INSERT``/``LOAD``… sent
  as a query, PUT/DELETE/PATCH) is refused with 403, and so is ``SERVICE`` unless the server was
  started with ``allow_federation``: a query never makes the server send a request anywhere;
- ``default-graph-uri``/``named-graph-uri`` and ``FROM``/``FROM NAMED`` make the dataset, as the
  SPARQL 1.1 Protocol says;
- CORS headers go only to the origins configured (none by default), and OPTIONS answers a
  browser's preflight; HEAD is GET without the body;
- on a loopback address the ``Host`` header must name a loopback host, so a web page cannot reach
  the endpoint through DNS rebinding;
- GET without a query returns the Service Description (Turtle).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import NamedNode

from hwgraph.dataset import inspect_query
from hwgraph.serving.description import service_description
from hwgraph.serving.evaluate import Reply, Request, wanted_media
from hwgraph.serving.pool import QueryPool

__all__ = ["SparqlServer"]

_MAX_BODY = 1 << 20
_METHODS = "GET, POST, HEAD, OPTIONS"
_READ_ONLY = "read-only endpoint"


class SparqlServer(HTTPServer):
    """An HTTP server answering SPARQL queries through a ``QueryPool``, read-only."""

    request_queue_size = 128  # the listen backlog; the stdlib's 5 resets connections under load
    allow_reuse_address = True

    def __init__(
        self,
        pool: QueryPool,
        host: str = "127.0.0.1",
        port: int = 0,
        cors: tuple[str, ...] = (),
        allow_federation: bool = False,
        connections: int = 64,
        max_pending: int = 512,
    ) -> None:
        self.pool = pool
        self.cors = tuple(cors)
        self.allow_federation = allow_federation
        self.store_mode = "memory"  # where the workers answer from: "memory" or "disk" (make_server sets it)
        self._threads = ThreadPoolExecutor(max_workers=connections, thread_name_prefix="sparql-http")
        self._pending = threading.BoundedSemaphore(max_pending)
        super().__init__((host, port), _Handler)
        self.loopback = _is_loopback(host)

    @property
    def url(self) -> str:
        """The endpoint URL, e.g. http://127.0.0.1:8000/sparql."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/sparql"

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        """Hand the connection to the thread pool, or answer 503 at once when too many wait."""
        if not self._pending.acquire(blocking=False):
            try:
                body = b"server busy: too many connections; retry in a moment\n"
                head = "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                head += f"Retry-After: 1\r\nContent-Length: {len(body)}\r\n\r\n"
                request.sendall(head.encode("ascii") + body)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        self._threads.submit(self._handle, request, client_address)

    def _handle(self, request: socket.socket, client_address: object) -> None:
        try:
            self.finish_request(request, client_address)  # type: ignore[arg-type]
        except Exception:  # a broken connection ends that request only
            pass
        finally:
            self.shutdown_request(request)
            self._pending.release()

    def server_close(self) -> None:
        """Stop accepting queries, kill the workers and release the threads."""
        super().server_close()
        self.pool.close()
        self._threads.shutdown(wait=False, cancel_futures=True)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _loopback_name(host_header: str) -> bool:
    host = host_header.strip()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host[1:]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "hwgraph-sparql/2"
    timeout = 10  # seconds a client may take to send its request

    def log_message(self, format: str, *args: object) -> None:
        pass

    # -- methods --

    def do_GET(self) -> None:
        if not self._checked():
            return
        params = parse_qs(urlsplit(self.path).query)
        if "update" in params:
            return self._refuse("SPARQL Update is not accepted")
        if "query" not in params:
            return self._description()
        self._query(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if not self._checked():
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return self._text(HTTPStatus.BAD_REQUEST, "bad Content-Length; send the query with its length in bytes")
        if length > _MAX_BODY:
            return self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large: at most 1 MB of query text")
        body = self.rfile.read(length).decode("utf-8", errors="replace") if length > 0 else ""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query)
        if ctype == "application/sparql-update" or "update" in params:
            return self._refuse("SPARQL Update is not accepted")
        if ctype == "application/sparql-query":
            if "query" in params:
                return self._text(HTTPStatus.BAD_REQUEST, "give the query once: in the body or as query=, not both")
            params["query"] = [body]
            return self._query(params)
        if ctype in ("application/x-www-form-urlencoded", ""):
            form = parse_qs(body)
            if "update" in form:
                return self._refuse("SPARQL Update is not accepted")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            if "query" in params:
                return self._query(params)
            return self._text(HTTPStatus.BAD_REQUEST, "no query: send query=... or an application/sparql-query body")
        self._text(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"unsupported Content-Type {ctype}; send application/sparql-query or a form with query=",
        )

    def do_PUT(self) -> None:
        if self._checked():
            self._refuse("graphs cannot be written here")

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:
        """CORS preflight (and a plain OPTIONS): 204 with the methods, and CORS headers for a
        configured origin only."""
        if not self._checked():
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", _METHODS)
        if self._cors_headers():
            self.send_header("Access-Control-Allow-Methods", _METHODS)
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- checks --

    def _checked(self) -> bool:
        """True when the request may go on: the right path and, on loopback, a loopback Host."""
        path = urlsplit(self.path).path
        if path not in ("/", "/sparql"):
            self._text(HTTPStatus.NOT_FOUND, f"not found; the endpoint is {self.server.url}")
            return False
        host = self.headers.get("Host")
        if self.server.loopback and host is not None and not _loopback_name(host):
            self._text(HTTPStatus.FORBIDDEN, f"Host {host} is not this server; use {self.server.url}")
            return False
        return True

    def _refuse(self, why: str) -> None:
        self._text(HTTPStatus.FORBIDDEN, f"{_READ_ONLY}: {why}")

    def _query(self, params: dict[str, list[str]]) -> None:
        if len(params["query"]) != 1:
            return self._text(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        query = params["query"][0]
        shape = inspect_query(query)
        if shape.is_update:
            return self._refuse(f"SPARQL Update ({shape.form}) is not accepted")
        if shape.uses_service and not self.server.allow_federation:
            return self._refuse(
                "SERVICE (federated query) is refused; start the server with --allow-federation to allow it"
            )
        default_graphs = params.get("default-graph-uri")
        named_graphs = params.get("named-graph-uri")
        for iri in (*(default_graphs or ()), *(named_graphs or ())):
            try:
                NamedNode(iri)
            except ValueError:
                return self._text(HTTPStatus.BAD_REQUEST, f"graph name {iri!r} is not an IRI; give absolute IRIs")
        request = Request(
            query=query,
            wanted=wanted_media(params, self.headers.get("Accept") or ""),
            default_graphs=None if default_graphs is None else tuple(default_graphs),
            named_graphs=None if named_graphs is None else tuple(named_graphs),
            max_result=self.server.pool.limits.max_result,
        )
        try:
            reply = self.server.pool.run(request, self.connection)
        except (OSError, ValueError):
            reply = Reply(503, "text/plain; charset=utf-8", b"server shutting down; retry\n")
        self._send(reply.status, reply.body, reply.media)

    def _description(self) -> None:
        data = service_description(self.server.url, self.server.pool.info, self.server.allow_federation)
        self._send(HTTPStatus.OK, data, "text/turtle; charset=utf-8")

    # -- responses --

    def _cors_headers(self) -> bool:
        origin = self.headers.get("Origin")
        allowed = self.server.cors
        if not allowed:
            return False
        self.send_header("Vary", "Origin")
        if "*" in allowed:
            self.send_header("Access-Control-Allow-Origin", "*")
            return True
        if origin is not None and origin in allowed:
            self.send_header("Access-Control-Allow-Origin", origin)
            return True
        return False

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: int, data: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if status == HTTPStatus.SERVICE_UNAVAILABLE:
            self.send_header("Retry-After", "1")
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
