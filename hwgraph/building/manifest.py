"""The content-hash manifest and per-file cache of a build folder: what makes a rebuild incremental.

``OUT/.hwgraph-cache/`` holds ``manifest.json`` (each input path with the SHA-256 of its bytes
and the cache entry of its extraction) and one pickled :class:`~hwgraph.building.filegraph.FileGraph`
per file: its documents' summaries, with their own graphs beside it as N-Quads (``.nq``) and
N-Triples (``.nt``). A rebuild re-extracts a file
only when its path, its bytes or hwgraph's own code changed (the manifest carries a fingerprint of
the package's source and data, the graph stage's included); a file no longer in the corpus simply
has no entry in the new manifest. What needs the whole corpus (citation links, the shared graph)
is made again by every build, so the outputs equal a full rebuild's byte for byte.

The cache is pickle: it is read only from the build folder hwgraph wrote itself; a folder
someone else can write to should not be built into.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from hwgraph.building.filegraph import FileGraph

__all__ = ["CACHE_DIR", "ExtractionCache", "code_fingerprint", "file_digest"]

CACHE_DIR = ".hwgraph-cache"
_MANIFEST = "manifest.json"
_CODE_SUFFIXES = (".py", ".tsv", ".txt", ".json", ".rq", ".ttl", ".dic", ".csv")
# Code that never runs inside extract_file or the graph stage: changing it must not throw the cache
# away (the files, store, view and validation are made again by every build anyway).
_FILE_GRAPH = ("building", "filegraph.py")  # what a cache entry holds: it runs with the extraction
_NOT_EXTRACTION = frozenset({
    "analytics", "building", "queries", "serving", "views", "ontology",
    "__main__.py", "_io.py", "_paths.py", "_shacl_sparql.py", "build.py", "cli.py", "dataset.py", "export.py",
    "html.py", "library.py", "push.py", "query.py", "report.py", "serve.py", "store.py", "validate.py",
})


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the source and data files of hwgraph's extraction and of the Python version: a
    cached extraction is reused only by the code that made it."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.suffix not in _CODE_SUFFIXES or "__pycache__" in parts:
            continue
        if parts[0] in _NOT_EXTRACTION and parts != _FILE_GRAPH:
            continue
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()[:32]


def file_digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes; None when it cannot be read (the reader will say why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _sidecar_names(name: str) -> tuple[str, str]:
    stem = name.removesuffix(".pickle")
    return stem + ".nq", stem + ".nt"


class ExtractionCache:
    """The previous build's extractions (read from ``old``) and this build's (written to ``new``)."""

    def __init__(self, old: Path | None, new: Path) -> None:
        self.old = old / CACHE_DIR if old is not None else None
        self.new = new / CACHE_DIR
        self.fingerprint = code_fingerprint()
        self.entries: dict[str, dict[str, str]] = {}
        self.previous: dict[str, dict[str, str]] = {}
        self.reused = 0
        self._digests: dict[str, str | None] = {}  # one read per file and build (patch check, then cache)
        if self.old is not None:
            try:
                data = json.loads((self.old / _MANIFEST).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict) and data.get("code") == self.fingerprint:
                self.previous = data.get("files") or {}

    def _entry_name(self, path: str, digest: str) -> str:
        return hashlib.sha256(f"{self.fingerprint}\0{path}\0{digest}".encode()).hexdigest()[:32] + ".pickle"

    def known(self, path: Path) -> tuple[str | None, bool]:
        """The digest of ``path`` and whether the previous build cached it (not yet loaded)."""
        key = str(path)
        if key not in self._digests:
            self._digests[key] = file_digest(path)
        digest = self._digests[key]
        if digest is None or self.old is None:
            return digest, False
        before = self.previous.get(key)
        return digest, bool(before) and before.get("sha256") == digest

    def load(self, path: Path, digest: str) -> FileGraph | None:
        """The cached :class:`FileGraph` of ``path`` (``known`` said so) without its bytes, which
        stay in the files :meth:`sidecars` names; None when the entry is damaged."""
        if self.old is None:
            return None
        key = str(path)
        name = self._entry_name(key, digest)
        found = self._read(self.old, name)
        if found is None or found.path != key:
            return None
        self.new.mkdir(exist_ok=True)
        try:
            for part in (name, *_sidecar_names(name)):
                os.link(self.old / part, self.new / part)
        except OSError:
            nquads, ntriples = (p.read_bytes() for p in self.sidecars(name, self.old))
            self._write(name, replace(found, nquads=nquads, ntriples=ntriples))
        self.entries[key] = {"sha256": digest, "entry": name}
        self.reused += 1
        return found

    @staticmethod
    def _read(folder: Path, name: str) -> FileGraph | None:
        try:
            with open(folder / name, "rb") as fh:
                found = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None
        if not isinstance(found, FileGraph) or not all((folder / n).is_file() for n in _sidecar_names(name)):
            return None
        return found

    def sidecars(self, name: str, folder: Path | None = None) -> tuple[Path, Path]:
        """The N-Quads and N-Triples files of the entry ``name`` (in this build's cache by default)."""
        folder = self.new if folder is None else folder
        nq, nt = _sidecar_names(name)
        return folder / nq, folder / nt

    def entry(self, path: Path | str) -> str:
        """The entry name this build gave ``path``."""
        return self.entries[str(path)]["entry"]

    def readable(self, key: str) -> bool:
        """Whether the last build's entry of the file ``key`` can be read back whole."""
        item = self.previous.get(key)
        return self.old is not None and bool(item) and self._read(self.old, item.get("entry", "")) is not None

    def previous_entry(self, key: str) -> tuple[FileGraph, Path, Path] | None:
        """The last build's FileGraph of the file ``key`` (without bytes) and its sidecar files."""
        item = self.previous.get(key)
        if self.old is None or not item:
            return None
        made = self._read(self.old, item.get("entry", ""))
        if made is None:
            return None
        return (made, *self.sidecars(item["entry"], self.old))

    def put(self, path: Path, digest: str | None, made: FileGraph) -> None:
        """Keep ``made`` for the next build (files that cannot be hashed are not kept)."""
        if digest is None:
            return
        key = str(path)
        name = self._entry_name(key, digest)
        self._write(name, made)
        self.entries[key] = {"sha256": digest, "entry": name}

    def _write(self, name: str, made: FileGraph) -> None:
        self.new.mkdir(exist_ok=True)
        with open(self.new / name, "wb") as fh:
            pickle.dump(replace(made, nquads=b"", ntriples=b""), fh, protocol=pickle.HIGHEST_PROTOCOL)
        nq, nt = self.sidecars(name)
        nq.write_bytes(made.nquads)
        nt.write_bytes(made.ntriples)

    def save(self) -> None:
        """Write the manifest of this build."""
        self.new.mkdir(exist_ok=True)
        data = {"code": self.fingerprint, "files": dict(sorted(self.entries.items()))}
        (self.new / _MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
