"""Per-file extraction: read → clean → split → outline → programs → entities, one file at a time.

:func:`extract_file` is a pure function of the file's path and bytes, so it runs the same in this
process or in a worker (its :class:`Extracted` result is a tree of frozen dataclasses and pickles).
What is corpus-level, citation resolution and the shared program concepts, is left to
:func:`hwgraph.graph.build_graph` once every file is back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hwgraph.entities import Entities, find_entities
from hwgraph.pipeline import analyse, analyse_file
from hwgraph.types import Document, Program

__all__ = ["Extracted", "default_jobs", "extract_file", "extract_files", "has_programs"]


@dataclass(frozen=True)
class Extracted:
    """What one input file gave: its documents with their programs and entities, or its error."""

    path: str
    documents: tuple[Document, ...] = ()
    programs: tuple[Program, ...] = ()
    entities: tuple[Entities, ...] = ()
    error: str | None = None


def _find_programs() -> Callable[[Document], list[Program]] | None:
    try:
        from hwgraph.programs import find_programs
    except ModuleNotFoundError as e:
        if e.name != "hwgraph.programs":
            raise
        return None
    return find_programs


def has_programs() -> bool:
    """Whether the programs stage (hwgraph.programs) is installed."""
    return _find_programs() is not None


def extract_file(path: str | Path, data: bytes | None = None) -> Extracted:
    """Everything the pipeline finds in the file at ``path``; a bad file gives its one-line error.

    ``data``, when given, is the file's bytes, read elsewhere (a cluster's worker cannot open it).
    """
    find_programs = _find_programs()
    for result in analyse([path]) if data is None else [analyse_file(path, data)]:
        if result.error is not None:
            return Extracted(str(result.path), error=str(result.error))
        programs: list[Program] = []
        entities = []
        for doc in result.documents:
            if find_programs is not None:
                programs.extend(find_programs(doc))
            entities.append(find_entities(doc))
        return Extracted(str(result.path), result.documents, tuple(programs), tuple(entities))
    return Extracted(str(path), error=f"{path}: nothing to read; check the path")


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


_BYTES_PER_WORKER = 2_000_000
"""A worker costs about a second of imports before its first file; extraction runs at ~2 MB/s."""


def _worth(paths: Sequence[Path]) -> int:
    """How many workers the bytes of ``paths`` are worth (the sample corpus: one, this process)."""
    size = 0
    for p in paths:
        try:
            size += os.stat(p).st_size
        except OSError:
            pass
    return max(1, size // _BYTES_PER_WORKER)


def extract_files(
    paths: Sequence[Path], jobs: int = 1, executor: Executor | None = None,
    task: Callable[..., Any] = extract_file,
) -> Iterator[Any]:
    """:func:`extract_file` of each of ``paths``, in their order, over at most ``jobs`` processes
    (fewer when there is too little to extract to pay for starting them). Locally, another pure,
    picklable ``task`` of a path may take its place (the build's also makes the file's graph).

    Workers come from the forkserver (a clean process, not a fork of this one), so they inherit
    neither the build's lock nor its memory; like every ``multiprocessing`` user, a script that
    asks for workers should run under ``if __name__ == "__main__":`` (else the files are extracted
    in this process after all).

    With ``executor`` (a cluster's: :mod:`hwgraph.building.distributed`), its workers extract the
    files instead of ``jobs`` processes here; they are sent each file's bytes, not its path, and
    run ``task(path, data)`` (a ``task`` that takes the bytes as well, as :func:`extract_file` does).
    """
    if executor is not None:
        from hwgraph.building.distributed import extract_on  # it imports this module

        yield from extract_on(executor, paths, task=task)
        return
    jobs = min(jobs, _worth(paths))
    if jobs <= 1 or len(paths) <= 1:
        yield from (task(str(p)) for p in paths)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=context) as pool:
            # Small chunks keep the workers busy to the end on corpora of very uneven file sizes.
            chunk = max(1, min(16, len(paths) // (jobs * 8)))
            for result in pool.map(task, [str(p) for p in paths], chunksize=chunk):
                yield result
                done += 1
    except BrokenProcessPool:
        # A worker died: out of memory, or a script without `if __name__ == "__main__":` that the
        # forkserver re-imports. The results are pure, so the rest is extracted here instead.
        yield from (task(str(p)) for p in paths[done:])
