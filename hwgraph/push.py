"""Load a build into an external triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph (one per document, plus ``id:shared``) is sent with ``PUT URL?graph=IRI``, which
replaces that graph on the store, so pushing a rebuild replaces every document's facts. The union
of the named graphs goes to the store's default graph (``PUT URL?default``) unless ``union`` is
off: stores whose default graph is already the union of all graphs (``oxigraph serve
--union-default-graph``, Fuseki with ``tdb2:unionDefaultGraph``, Virtuoso, GraphDB) would see every
triple twice.

A small manifest graph (``MANIFEST_GRAPH``, one ``dcterms:hasPart`` per graph pushed) remembers
what the last push sent, so a document that left the corpus has its graph deleted on the next push
instead of lingering. Only the Graph Store Protocol is used: PUT, GET and DELETE on one URL
(Oxigraph: ``http://HOST:7878/store``; Fuseki: ``http://HOST:3030/DATASET/data``).
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, parse

from hwgraph.errors import GraphError
from hwgraph.namespace import ID_IRI
from hwgraph.store import canonical_turtle, open_store

__all__ = ["MANIFEST_GRAPH", "PushReport", "push"]

MANIFEST_GRAPH = ID_IRI + "push-manifest"
_HAS_PART = "http://purl.org/dc/terms/hasPart"
_MODIFIED = "http://purl.org/dc/terms/modified"
_TURTLE = "text/turtle; charset=utf-8"


@dataclass
class PushReport:
    """What one push sent and removed."""

    url: str
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    union_triples: int = 0
    deleted: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the terminal."""
        union = f", the union ({self.union_triples} triples) in the default graph" if self.union_triples else ""
        gone = f", deleted {len(self.deleted)} stale graph(s)" if self.deleted else ""
        return (
            f"pushed {self.graphs} graphs ({self.triples} triples, {self.bytes / 1e6:.1f} MB){union}{gone} "
            f"to {self.url} in {self.seconds:.1f} s"
        )


class _Client:
    """Graph Store Protocol requests on one URL, with a one-line error for every failure."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise GraphError(f"{url}: not an http(s) URL; give the store's Graph Store endpoint, e.g. http://localhost:7878/store")
        self.headers: dict[str, str] = {}
        if parts.username is not None:
            token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
            self.headers["Authorization"] = "Basic " + base64.b64encode(token.encode()).decode()
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            parts = parts._replace(netloc=netloc)
        self.url = urllib.parse.urlunsplit(parts)
        self.timeout = timeout

    def target(self, graph: str | None) -> str:
        sep = "&" if "?" in self.url else "?"
        return f"{self.url}{sep}default" if graph is None else f"{self.url}{sep}graph={urllib.parse.quote(graph, safe='')}"

    def request(self, method: str, graph: str | None, body: bytes | None = None) -> bytes | None:
        """The response body; None when a GET or DELETE finds nothing (404)."""
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = _TURTLE
        else:
            headers["Accept"] = "application/n-triples, text/turtle;q=0.9"
        req = urllib.request.Request(self.target(graph), data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            if e.code == 404 and method in ("GET", "DELETE"):  # nothing there, or already gone
                return None
            detail = " ".join(e.read(300).decode("utf-8", "replace").split())
            raise GraphError(
                f"{method} {self.target(graph)}: HTTP {e.code} {detail}; check that the URL is the store's "
                "Graph Store endpoint (Oxigraph: /store, Fuseki: /DATASET/data) and that it accepts writes"
            ) from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise GraphError(f"{self.url}: cannot reach the store ({reason}); start it or fix the URL") from e


def _previous_graphs(client: _Client) -> set[str]:
    data = client.request("GET", MANIFEST_GRAPH)
    if not data:
        return set()
    try:
        quads = parse(data, format=RdfFormat.TURTLE)
        return {q.object.value for q in quads if q.predicate.value == _HAS_PART}
    except SyntaxError:
        return set()


def push(
    url: str,
    graph: Store | str | Path | None = None,
    union: bool = True,
    timeout: float = 120.0,
    progress: Callable[[int, int, str], None] | None = None,
) -> PushReport:
    """Load ``graph`` (a store, graph file or build folder; None is the last build) into the store
    whose Graph Store Protocol endpoint is ``url``, one named graph per document.

    ``union`` also puts the union of the graphs into the store's default graph. Graphs an earlier
    push sent that the build no longer has are deleted. ``progress`` hears (done, total, graph).
    Raises ``GraphError`` with what to fix when the store refuses or cannot be reached.
    """
    started = time.perf_counter()
    client = _Client(url, timeout)
    store = graph if isinstance(graph, Store) else open_store(graph)
    by_graph: dict[str, list[Quad]] = defaultdict(list)
    everything = set()
    for q in store:
        everything.add(q.triple)
        if not isinstance(q.graph_name, DefaultGraph):
            by_graph[q.graph_name.value].append(q)
    if not everything:
        raise GraphError(f"{graph or 'outputs/'}: the graph is empty; run `hwgraph build` first")
    report = PushReport(url=client.url)
    previous = _previous_graphs(client)
    names = sorted(by_graph)
    total = len(names) + int(union)
    for i, name in enumerate(names, 1):
        body = canonical_turtle(by_graph[name])
        client.request("PUT", name, body)
        report.graphs += 1
        report.triples += len(by_graph[name])
        report.bytes += len(body)
        if progress is not None:
            progress(i, total, name)
    if union:
        body = canonical_turtle(everything)
        client.request("PUT", None, body)
        report.union_triples = len(everything)
        report.bytes += len(body)
        if progress is not None:
            progress(total, total, "default graph")
    for stale in sorted(previous - set(names) - {MANIFEST_GRAPH}):
        client.request("DELETE", stale)
        report.deleted.append(stale)
    manifest = NamedNode(MANIFEST_GRAPH)
    stamp = Literal(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#dateTime"))
    listing = [Quad(manifest, NamedNode(_HAS_PART), NamedNode(n)) for n in names]
    listing.append(Quad(manifest, NamedNode(_MODIFIED), stamp))
    client.request("PUT", MANIFEST_GRAPH, canonical_turtle(listing))
    report.seconds = time.perf_counter() - started
    return report
