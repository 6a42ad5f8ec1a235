"""Where hwgraph's own files and the last build live.

The ontology (``hwgraph.ttl``, ``shapes.ttl``, ``lexicon.ttl``) is package data: ``ontology/`` at
the top of the repository is the source of truth, and ``hwgraph/ontology`` is a symlink to it, so
a checkout and ``pip install -e`` read the files being edited while a wheel or an sdist carries
real copies inside the package (setuptools follows the link). ``importlib.resources`` then finds
them wherever pip put the package: a venv, ``--user``, ``--prefix`` or ``--target``.

A graph is read from a store when there is one, else from the files a build writes beside it:
a fresh clone has ``outputs/hwgraph.nq`` and ``outputs/hwgraph.ttl`` but no ``outputs/store``,
which git ignores.
"""

from __future__ import annotations

import atexit
import contextlib
from pathlib import Path

__all__ = ["BUILD_GRAPHS", "DEFAULT_OUT", "find_graph", "ontology_file"]

# A checkout where hwgraph/ontology is no symlink (git on Windows without symlink support writes
# a text file in its place) still has the real folder beside the package.
_CHECKOUT = Path(__file__).resolve().parent.parent / "ontology"
_EXTRACTED = contextlib.ExitStack()  # files extracted from a zipped install, deleted at exit
atexit.register(_EXTRACTED.close)

DEFAULT_OUT = Path("outputs")
BUILD_GRAPHS = ("store", "hwgraph.nq", "hwgraph.ttl")
"""What a build folder is read from, in order of preference: the store, then the graph files."""


def ontology_file(name: str) -> Path:
    """Path of the ontology file ``name`` (``shapes.ttl``…): the package's copy, else the checkout's."""
    # Imported here: importlib.resources (with tempfile, shutil…) is 3 ms that `hwgraph query`,
    # which only needs find_graph, would pay on every run.
    from importlib import resources

    resource = resources.files("hwgraph") / "ontology" / name
    if resource.is_file():
        if isinstance(resource, Path):
            return resource
        return _EXTRACTED.enter_context(resources.as_file(resource))  # a zip import: copy it out
    return _CHECKOUT / name  # missing everywhere: the error names where a developer would look


def find_graph(graph: str | Path | None = None) -> Path | None:
    """The graph to read for ``graph``: a file or store as given; for a build folder (``None`` is
    ``outputs/``) its store, else its ``hwgraph.nq``, else its ``hwgraph.ttl``.

    Returns ``graph`` itself when none of these exist (``None`` stays ``None``), so the reader's
    own error names what is missing.
    """
    folder = DEFAULT_OUT if graph is None else Path(graph)
    if not folder.is_dir() or _is_store(folder):
        return None if graph is None else Path(graph)
    for name in BUILD_GRAPHS:
        candidate = folder / name
        if candidate.is_dir() if name == "store" else candidate.is_file():
            return candidate
    return None if graph is None else Path(graph)


def _is_store(folder: Path) -> bool:
    # Oxigraph keeps its data in RocksDB, whose folder always has a CURRENT file.
    return (folder / "CURRENT").is_file()
