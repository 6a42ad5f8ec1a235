"""``hwgraph serve --backend oxigraph-server``: the Oxigraph server (PyPI ``oxigraph``), read-only,
on a build's store, for many users at once.

It is faster under load than hwgraph's own endpoint (Rust, no worker processes) but it follows
``SERVICE`` to any URL and has no result-size or memory cap, so the command asks for
``--allow-federation`` before starting it. Its default graph is the union of the named graphs
(``--union-default-graph``), the same dataset as hwgraph's, except that this flag overrides a
query's ``FROM`` (``default-graph-uri`` is honoured).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from hwgraph.errors import GraphError

__all__ = ["oxigraph_command", "store_folder"]


def _binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph") or (str(beside) if beside.is_file() else None)
    if found is None:
        raise GraphError("the oxigraph server is not installed; `pip install oxigraph` (it ships `oxigraph serve`)")
    return found


def store_folder(graph: str | Path | None) -> Path:
    """The on-disk store of ``graph`` (a build folder or a store folder; None is outputs/)."""
    path = Path(graph) if graph is not None else Path("outputs")
    if (path / "store").is_dir():
        path = path / "store"
    if not (path / "CURRENT").is_file():
        raise GraphError(f"{path}: not an Oxigraph store; the oxigraph-server backend serves a build's store/ folder")
    return path


def oxigraph_command(
    graph: str | Path | None, host: str, port: int, timeout: float, cors: bool = False
) -> list[str]:
    """The command line that serves ``graph``'s store read-only with hwgraph's dataset semantics."""
    command = [
        _binary(),
        "serve-read-only",
        "--location",
        str(store_folder(graph)),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(max(1, round(timeout))),
    ]
    return [*command, "--cors"] if cors else command


def run(command: list[str]) -> int:
    """Run the server in the foreground until it exits or Ctrl-C; its exit code."""
    proc = subprocess.Popen(command)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()
