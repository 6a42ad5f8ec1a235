"""A read-only SPARQL 1.1 Protocol endpoint over the graph, safe to leave running on 127.0.0.1.

Queries come as ``GET /sparql?query=…``, ``POST`` with a form body ``query=…``, or ``POST`` with
``Content-Type: application/sparql-query``. Results are negotiated from the ``Accept`` header (or a
``format``/``output`` parameter): SPARQL JSON, XML, CSV or TSV for SELECT/ASK, Turtle, N-Triples,
RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE. GET without a query gives the Service Description.

    make_server(graph, …) ─▶ SparqlServer (http.py: protocol, refusals, CORS, bounded threads)
                                └─▶ QueryPool (pool.py: worker processes, admission, limits)
                                      └─▶ evaluate (evaluate.py: one query, result size capped)

Nothing a request says makes the server write, load, or send a request elsewhere (SERVICE is
refused unless ``allow_federation``); every query is bounded in time (``timeout`` of execution),
memory (``memory`` per worker) and result size (``max_result``), and a cheap query never waits
behind more than ``heavy`` long ones (see ``hwgraph.serving.pool``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from pyoxigraph import Store

from hwgraph.serving.http import SparqlServer
from hwgraph.serving.pool import Limits, QueryPool, default_limits

__all__ = ["Limits", "SparqlServer", "default_limits", "make_server", "serve", "serve_in_thread"]


def _loader(graph: Store | str | Path | None):
    """A function the store process calls to get the store (run after the fork, not here)."""
    if isinstance(graph, Store):
        return lambda: graph

    def load() -> Store:
        from hwgraph.store import open_store

        store = Store()
        store.bulk_extend(open_store(graph))
        return store

    return load


def make_server(
    graph: Store | str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    timeout: float = 30.0,
    *,
    cors: tuple[str, ...] = (),
    allow_federation: bool = False,
    limits: Limits | None = None,
) -> SparqlServer:
    """A ready, not yet running endpoint on ``graph`` (an in-memory Store, a graph file or a build
    folder; None is the last build). Port 0 picks a free port; ``server.url`` says which.

    ``cors`` lists the origins whose pages may read answers (``"*"`` for any; none by default).
    ``limits`` overrides ``default_limits(timeout)``. An on-disk store is copied into memory by
    the store process: Oxigraph answers the named queries 4-10x faster from memory than from
    RocksDB. Raises ``GraphError`` when the graph cannot be loaded.
    """
    pool = QueryPool(_loader(graph), limits or default_limits(timeout))
    try:
        return SparqlServer(pool, host, port, cors=tuple(cors), allow_federation=allow_federation)
    except BaseException:
        pool.close()
        raise


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
