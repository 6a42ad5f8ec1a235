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
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Store

from hwgraph.serving.http import SparqlServer
from hwgraph.serving.pool import Limits, QueryPool, default_limits

__all__ = [
    "AUTO_MEMORY_MAX",
    "STORE_MODES",
    "Limits",
    "SparqlServer",
    "choose_store",
    "default_limits",
    "make_server",
    "serve",
    "serve_in_thread",
]


STORE_MODES = ("auto", "memory", "disk")
AUTO_MEMORY_MAX = 512 << 20
"""``store="auto"`` answers from memory when the store takes at most this many bytes on disk (and
its copy fits in half the memory available)."""
# Measured (README "The endpoint"): 1,018,622 quads take 325 MB on disk and 467 MB copied into memory.
_COPY_PER_DISK_BYTE = 1.5


def store_folder(graph: str | Path | None) -> Path | None:
    """The on-disk store ``graph`` names (a store, or a build folder that has one), else None
    (a graph file, or nothing there)."""
    from hwgraph._paths import find_graph

    found = find_graph(graph)
    return found if found is not None and found.is_dir() else None


def disk_size(folder: Path) -> int:
    """Bytes the files of ``folder`` take (a RocksDB store is one flat folder)."""
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file())


def choose_store(graph: str | Path | None, store: str = "auto") -> str:
    """Where the endpoint answers from: ``"memory"`` (a copy of the graph, loaded at start) or
    ``"disk"`` (the build's RocksDB store, read in place).

    ``auto`` is memory for a store of at most ``AUTO_MEMORY_MAX`` bytes on disk whose copy (about
    1.5x that) takes at most half the memory available, else disk. A graph file is always read into
    memory; ``disk`` needs a store (``GraphError`` otherwise).
    """
    if store not in STORE_MODES:
        raise ValueError(f"store={store!r}: choose one of {', '.join(STORE_MODES)}")
    folder = store_folder(graph)
    if folder is None:
        if store == "disk":
            from hwgraph.errors import GraphError

            raise GraphError(
                f"{graph or 'outputs'}: no store on disk to answer from (a graph file is read into memory); "
                "give --graph a build folder with a store, or --store memory"
            )
        return "memory"
    if store == "auto":
        size = disk_size(folder)
        available = _available_memory()
        fits = available is None or size * _COPY_PER_DISK_BYTE <= available / 2
        return "memory" if size <= AUTO_MEMORY_MAX and fits else "disk"
    return store


def _available_memory() -> int | None:
    """MemAvailable of /proc/meminfo in bytes; None where there is none (not Linux)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _loader(graph: Store | str | Path | None, store: str) -> tuple[Callable[[], Store], bool]:
    """``(load, per_worker)``: the function the pool calls after its forks to get the store, and
    whether each worker calls it (an on-disk store) rather than the one process they fork from."""
    if isinstance(graph, Store):
        return (lambda: graph), False
    if store == "disk":
        folder = store_folder(graph)

        def open_disk() -> Store:
            from hwgraph.store import open_store

            return open_store(folder)

        return open_disk, True

    def load() -> Store:
        from hwgraph.store import open_store

        copy = Store()
        copy.bulk_extend(open_store(graph))
        return copy

    return load, False


def make_server(
    graph: Store | str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    timeout: float = 30.0,
    *,
    cors: tuple[str, ...] = (),
    allow_federation: bool = False,
    limits: Limits | None = None,
    store: str = "auto",
) -> SparqlServer:
    """A ready, not yet running endpoint on ``graph`` (a Store, a graph file, a store or a build
    folder; None is the last build). Port 0 picks a free port; ``server.url`` says which.

    ``cors`` lists the origins whose pages may read answers (``"*"`` for any; none by default).
    ``limits`` overrides ``default_limits(timeout)``. ``store`` (see ``choose_store``): ``memory``
    copies the graph into memory at start, where Oxigraph answers the named queries several times
    faster than from RocksDB but the copy takes seconds and RAM; ``disk`` starts at once and
    stays small; ``auto`` picks memory for a small store. A Store object is served as it is.
    Raises ``GraphError`` when the graph cannot be loaded.
    """
    mode = "memory" if isinstance(graph, Store) else choose_store(graph, store)  # a Store object: as it is
    load, per_worker = _loader(graph, mode)
    pool = QueryPool(load, limits or default_limits(timeout), per_worker=per_worker)
    try:
        server = SparqlServer(pool, host, port, cors=tuple(cors), allow_federation=allow_federation)
    except BaseException:
        pool.close()
        raise
    server.store_mode = mode
    return server


def serve_in_thread(server: SparqlServer) -> threading.Thread:
    """Run ``server`` in a daemon thread (for tests and notebooks); stop with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, name="hwgraph-sparql", daemon=True)
    thread.start()
    return thread


def serve(
    graph: Store | str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 30.0,
    store: str = "auto",
) -> None:
    """Serve ``graph`` until interrupted (``store`` as in ``make_server``)."""
    server = make_server(graph, host, port, timeout, store=store)
    try:
        server.serve_forever()
    finally:
        server.server_close()
