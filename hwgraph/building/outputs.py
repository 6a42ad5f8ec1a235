"""The build's files and store from N-Quads streamed to disk, in memory that does not grow with the corpus.

Every file's graph arrives as bytes (:class:`~hwgraph.building.filegraph.FileGraph`); a
:class:`Spool` appends them to two files, the named graphs' N-Quads and the same triples' N-Triples
(the union default graph). From those:

- ``hwgraph.nq`` is the distinct lines of both, sorted: the bytes of
  ``canonical_nquads_with_union`` (``hwgraph.store``);
- ``hwgraph.ttl`` is Oxigraph's Turtle writer fed the sorted distinct N-Triples one triple at a
  time: the bytes of ``canonical_turtle``;
- the store is Oxigraph's bulk loader reading the named graphs' N-Quads.

Lines are spooled with ``rdf:type`` replaced by a marker that sorts first (as ``hwgraph.store``
does in memory), so a plain byte sort gives the canonical order; they are sorted by GNU sort
(``LC_ALL=C``: byte order, on disk, in threads) where there is one, else in runs merged here.
"""

from __future__ import annotations

import gc
import heapq
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import RdfFormat, Store, parse, serialize

from hwgraph.namespace import PREFIXES
from hwgraph.store import _NT_TYPE, _TYPE_FIRST, _with_fixed_prefixes

__all__ = ["Spool", "load_store", "memory_store", "sort_unique", "write_nquads", "write_turtle"]

_BLOCK = 16 << 20
_RUN_BYTES = 64 << 20  # what the Python sort holds in memory at once


class Spool:
    """Two append-only files in ``folder``: ``named.nq`` as it is (the stores load it by path,
    with no Python in the loop) and ``union.nt`` with rdf:type marked (it is only sorted)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.named_path = folder / "named.nq"
        self.union_path = folder / "union.nt"
        self._named = open(self.named_path, "wb")
        self._union = open(self.union_path, "wb")

    def add(self, nquads: bytes | Path, ntriples: bytes | Path) -> None:
        """Append one file's (or the corpus-level) named-graph quads and their union lines, given
        as bytes or as files that hold them (a cache entry's)."""
        if isinstance(nquads, Path):
            with open(nquads, "rb") as fh:
                shutil.copyfileobj(fh, self._named, _BLOCK)
        else:
            self._named.write(nquads)
        if isinstance(ntriples, Path):
            self._union.writelines(_marked_blocks(ntriples))
        else:
            self._union.write(ntriples.replace(_NT_TYPE, _TYPE_FIRST))

    def close(self) -> None:
        """Flush and close both files."""
        self._named.close()
        self._union.close()


class _Unmarked(io.RawIOBase):
    """A marked spool or sorted file read back with rdf:type restored (line-aligned blocks)."""

    def __init__(self, path: Path) -> None:
        self._fh = open(path, "rb")
        self._buf = b""
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: memoryview) -> int:  # type: ignore[override]
        while not self._buf:
            block = self._fh.read(_BLOCK)
            if not block:
                self._buf, self._rest = self._rest.replace(_TYPE_FIRST, _NT_TYPE), b""
                break
            block = self._rest + block
            cut = block.rfind(b"\n") + 1
            self._buf, self._rest = block[:cut].replace(_TYPE_FIRST, _NT_TYPE), block[cut:]
        n = min(len(target), len(self._buf))
        target[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


def _unmarked(path: Path) -> BinaryIO:
    return io.BufferedReader(_Unmarked(path), _BLOCK)  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _gnu_sort() -> str | None:
    """The path of GNU sort, or None (another sort may not take -S/--parallel the same way)."""
    path = shutil.which("sort")
    if path is None:
        return None
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return path if "GNU" in version else None


def _sort_env() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C"}


def _count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            n += block.count(b"\n")
    return n


def _marked_blocks(path: Path) -> Iterator[bytes]:
    """The lines of ``path`` in blocks, rdf:type marked (blocks end at a line, so no marker is cut)."""
    rest = b""
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            yield block[:cut].replace(_NT_TYPE, _TYPE_FIRST)
            rest = block[cut:]
    if rest:
        yield rest.replace(_NT_TYPE, _TYPE_FIRST)


def sort_unique(src: Path, dst: Path, jobs: int = 1, mark: bool = False) -> int:
    """Sort the lines of ``src`` into ``dst`` by bytes, each distinct line once; how many.
    With ``mark``, ``src`` is unmarked and rdf:type is marked on the way (``dst`` is marked)."""
    sort = _gnu_sort()
    if sort is None:
        if mark:
            marked = dst.with_name(dst.name + ".marked")
            with open(marked, "wb") as out:
                out.writelines(_marked_blocks(src))
            _python_sort(marked, dst)
            marked.unlink()
        else:
            _python_sort(src, dst)
        return _count_lines(dst)
    memory = max(64 << 20, min(512 << 20, src.stat().st_size))
    command = [sort, "-u", "-S", f"{memory // 1024}K", f"--parallel={max(1, jobs)}", "-T", str(dst.parent),
               "-o", str(dst)]
    if not mark:
        subprocess.run([*command, str(src)], check=True, env=_sort_env(), stdin=subprocess.DEVNULL)
        return _count_lines(dst)
    with subprocess.Popen(command, stdin=subprocess.PIPE, env=_sort_env()) as proc:
        assert proc.stdin is not None
        for block in _marked_blocks(src):
            proc.stdin.write(block)
        proc.stdin.close()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, "sort")
    return _count_lines(dst)


def _python_sort(src: Path, dst: Path) -> None:
    """Sorted runs of ``_RUN_BYTES`` merged: the same bytes as GNU sort -u under LC_ALL=C (no
    valid line is a prefix of another, so comparing lines with their newline gives that order)."""
    runs: list[Path] = []
    rest = b""
    with open(src, "rb") as fh:
        while True:
            block = fh.read(_RUN_BYTES)
            data = rest + block
            if not data:
                break
            cut = data.rfind(b"\n") + 1 if block else len(data)
            if cut == 0:
                rest = data
                continue
            data, rest = data[:cut], data[cut:]
            lines = sorted(set(data.rstrip(b"\n").split(b"\n")))
            run = dst.parent / f"{dst.name}.run{len(runs)}"
            run.write_bytes(b"\n".join(lines) + b"\n")
            runs.append(run)
    _merge(runs, dst)
    for run in runs:
        run.unlink()


def _merge(sources: list[Path], dst: Path | BinaryIO) -> None:
    files = [open(p, "rb") for p in sources]
    out = open(dst, "wb") if isinstance(dst, Path) else dst
    try:
        last = None
        distinct = (line for line in heapq.merge(*files) if line != last and (last := line))
        while chunk := list(islice(distinct, 1 << 16)):
            out.write(b"".join(chunk))
    finally:
        for f in files:
            f.close()
        if out is not dst:
            out.close()


def write_nquads(named_sorted: Path, union_sorted: Path, out: BinaryIO) -> None:
    """The build's N-Quads: both sorted files' lines in one order (the union in the default graph)."""
    sort = _gnu_sort()
    if sort is None:
        merged = named_sorted.with_name("merged.nq")
        _merge([named_sorted, union_sorted], merged)
        with _unmarked(merged) as fh:
            shutil.copyfileobj(fh, out, _BLOCK)
        merged.unlink()
        return
    with subprocess.Popen([sort, "-m", "-u", str(named_sorted), str(union_sorted)], stdout=subprocess.PIPE,
                          env=_sort_env(), stdin=subprocess.DEVNULL) as proc:
        assert proc.stdout is not None
        rest = b""
        while block := proc.stdout.read(_BLOCK):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            out.write(block[:cut].replace(_TYPE_FIRST, _NT_TYPE))
            rest = block[cut:]
        out.write(rest.replace(_TYPE_FIRST, _NT_TYPE))
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, "sort -m")


def write_turtle(union_sorted: Path, out: BinaryIO, tmp: Path) -> None:
    """The build's Turtle: the sorted distinct triples through Oxigraph's Turtle writer."""
    body = tmp / "body.ttl"
    with _unmarked(union_sorted) as lines:
        serialize(parse(lines, format=RdfFormat.N_TRIPLES), str(body), format=RdfFormat.TURTLE, prefixes=PREFIXES)
    with open(body, "rb") as fh:
        head = fh.read(1 << 16)
        while not _past_prefixes(head) and (more := fh.read(1 << 16)):
            head += more
        out.write(_with_fixed_prefixes(head))
        shutil.copyfileobj(fh, out, _BLOCK)
    body.unlink()


def _past_prefixes(head: bytes) -> bool:
    """Whether ``head`` holds a whole line that is not a prefix (so the header is complete)."""
    return any(not line.startswith(b"@prefix ") for line in head.split(b"\n")[:-1])


def load_store(named: Path, path: Path) -> Path:
    """A new on-disk store at ``path`` holding the N-Quads file ``named``."""
    store = Store(str(path))
    store.bulk_load(path=str(named), format=RdfFormat.N_QUADS, lenient=True)
    store.flush()
    store.optimize()
    del store
    gc.collect()  # RocksDB releases its lock only when the store object is freed
    return path


def memory_store(named: Path) -> Store:
    """An in-memory store of the N-Quads file ``named`` (for validation and the view)."""
    store = Store()
    store.bulk_load(path=str(named), format=RdfFormat.N_QUADS, lenient=True)
    return store
