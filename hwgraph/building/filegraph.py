"""One file's part of the graph, made where the file is extracted: document → its own quads.

:func:`graph_file` turns a file's :class:`~hwgraph.building.workers.Extracted` into a
:class:`FileGraph`: the N-Quads of its documents' named graphs (and the same triples as N-Triples,
their lines of the union default graph), bytes written by Oxigraph, plus the small
:class:`~hwgraph.graph.DocSummary` of each document from which the build makes the citation links
and the shared graph. The build streams the bytes to disk and keeps only the summaries, so its
memory does not grow with the corpus; the extraction cache keeps FileGraphs, so a rebuild neither
re-extracts nor re-makes the graph of an unchanged file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, serialize

from hwgraph.building.workers import Extracted, extract_file
from hwgraph.entities import count_entities
from hwgraph.graph import DocSummary, document_graphs

__all__ = ["FileGraph", "extract_and_graph", "graph_file"]


@dataclass(frozen=True)
class FileGraph:
    """What one input file adds to the build: its documents' graphs as bytes, their summaries,
    counts for the report, or the file's error."""

    path: str
    nquads: bytes = b""  # the documents' own named graphs (no citation links, no shared graph)
    ntriples: bytes = b""  # the same triples, one N-Triples line each
    summaries: tuple[DocSummary, ...] = ()
    documents: int = 0
    programs: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def _triples(quads: list[Quad]) -> object:
    return (q.triple for q in quads)


def graph_file(extracted: Extracted) -> FileGraph:
    """The :class:`FileGraph` of one file's extraction (pure: the same bytes in any process)."""
    if extracted.error is not None:
        return FileGraph(extracted.path, error=extracted.error)
    graphs = document_graphs(extracted.documents, extracted.programs, extracted.entities)
    quads = [q for own, _ in graphs for q in own]
    return FileGraph(
        extracted.path,
        nquads=serialize(quads, format=RdfFormat.N_QUADS) or b"",
        ntriples=serialize(_triples(quads), format=RdfFormat.N_TRIPLES) or b"",  # type: ignore[arg-type]
        summaries=tuple(summary for _, summary in graphs),
        documents=len(extracted.documents),
        programs=len(extracted.programs),
        entities=count_entities(extracted.entities),
    )


def extract_and_graph(path: str | Path, data: bytes | None = None) -> FileGraph:
    """:func:`~hwgraph.building.workers.extract_file` then :func:`graph_file`: a worker's task
    (a cluster's worker is sent the file's bytes as ``data``)."""
    return graph_file(extract_file(path, data))
