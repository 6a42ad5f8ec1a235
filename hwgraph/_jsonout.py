"""Streamed JSON output for the per-file commands (``outline``, ``programs``, ``entities``).

Two writers share one interface (:meth:`JsonWriter.write` per item, :meth:`JsonWriter.close` once):

* :class:`JsonArray` writes a JSON array item by item, byte for byte what
  ``json.dumps(items, ensure_ascii=False, indent=2)`` gives for the whole list (``[]`` when empty),
  so ``--json`` keeps its contract while memory stays flat with corpus size;
* :class:`JsonLines` writes one compact JSON value per line (``--jsonl``).

Neither imports click: the caller passes the function that writes text (``click.echo`` without a
newline in the CLI).

``entities`` needs every document's title before it can resolve a citation, so
:func:`stream_entities` analyses each file once, spools its rows to a temporary file and keeps only
a title-sized stand-in of each document and citation; once every file is read it resolves the
citations and streams the spool with ``resolved`` filled in.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from hwgraph.types import Citation, CleanText, Document, Source, TextMap

if TYPE_CHECKING:
    from hwgraph.entities import EntityType

Write = Callable[[str], None]


class JsonWriter(Protocol):
    """Writes JSON items one at a time."""

    def write(self, item: object) -> None:
        """Write one item."""

    def close(self) -> None:
        """Finish the output (the closing ``]`` of an array)."""


class JsonArray:
    """A JSON array written incrementally with the bytes of ``json.dumps(list, indent=2)`` plus a
    final newline: ``[``, items indented by two spaces and separated by ``,\\n``, ``]``."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._count = 0

    def write(self, item: object) -> None:
        """Write one array item (its own lines are indented; JSON strings never hold a raw newline)."""
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self._write(("[\n  " if self._count == 0 else ",\n  ") + text)
        self._count += 1

    def close(self) -> None:
        """Write the closing bracket (``[]`` when no item was written) and a newline."""
        self._write("\n]\n" if self._count else "[]\n")


class JsonLines:
    """JSON Lines: one compact JSON value per line, UTF-8 text as is (``ensure_ascii=False``)."""

    def __init__(self, write: Write) -> None:
        self._write = write

    def write(self, item: object) -> None:
        """Write one item on its own line."""
        self._write(json.dumps(item, ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Nothing to close: every line is complete."""


def json_writer(write: Write, lines: bool) -> JsonWriter:
    """A :class:`JsonLines` writer when ``lines``, else a :class:`JsonArray`."""
    return JsonLines(write) if lines else JsonArray(write)


# ---- entities: resolve citations against every title, without keeping the documents ------------


_NO_MAP = TextMap(())


def _light(doc: Document) -> Document:
    """A stand-in for ``doc`` with what citation resolution reads (title, file path, index, offsets,
    place) and none of its text or outline."""
    src = doc.source
    clean = CleanText(Source(src.path, "", src.encoding, src.format), "", _NO_MAP, (), ())
    return replace(doc, clean=clean, sections=())


def _same(a: Document, b: Document) -> bool:
    """The same document, whether real or a stand-in (see ``resolve_citations``)."""
    return a.source.path == b.source.path and a.index == b.index and a.start == b.start


@dataclass
class EntityStream:
    """What :func:`stream_entities` counted: files, failed files, documents and entities by kind."""

    files: int = 0
    failed: int = 0
    documents: int = 0
    citations: int = 0
    targets: int = 0
    organizations: int = 0
    responsibilities: int = 0


def stream_entities(
    paths: Iterable[str | Path],
    types: set[EntityType] | None,
    writer: JsonWriter,
    on_error: Callable[[str], None],
    on_file: Callable[[str], None] | None = None,
) -> EntityStream:
    """Write the ``entities --json`` rows of every document in ``paths`` to ``writer``, with
    citations resolved across the whole corpus, keeping one file's documents in memory at a time.

    Each file is analysed once; its rows go to a temporary spool file (a citation row with the
    index of its title-only stand-in) and ``on_error`` gets the one-line error of a file that
    cannot be read. When every file is read, the citations are resolved against every title and
    the spool is streamed to ``writer``. ``writer`` is not closed.
    """
    from hwgraph.entities import count_entities, entity_json, find_entities
    from hwgraph.entities.citations import resolve_citations
    from hwgraph.pipeline import analyse

    stats = EntityStream()
    titles: list[Document] = []
    cited: list[Citation] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for result in analyse(paths):
            stats.files += 1
            if on_file is not None:
                on_file(result.path)
            if result.error is not None:
                stats.failed += 1
                on_error(str(result.error))
                continue
            for doc in result.documents:
                stats.documents += 1
                light = _light(doc)
                titles.append(light)
                found = find_entities(doc)
                for kind, n in count_entities([found]).items():
                    setattr(stats, kind, getattr(stats, kind) + n)
                by_start = {(c.start, c.end): c for c in found.citations}
                for row in entity_json(found, {}, types):
                    ref = -1
                    if row["type"] == "citation":
                        ref = len(cited)
                        cited.append(replace(by_start[row["start"], row["end"]], document=light, section=None))
                    spool.write(f"{ref}\t{json.dumps(row, ensure_ascii=False)}\n")
            del result
        resolved = resolve_citations(cited, titles)
        spool.seek(0)
        for row in _rows(spool, cited, resolved):
            writer.write(row)
    return stats


def _rows(spool: Iterable[str], cited: list[Citation], resolved: dict[str, Document]) -> Iterator[dict]:
    for line in spool:
        ref, _, text = line.partition("\t")
        row = json.loads(text)
        if ref != "-1":
            c = cited[int(ref)]
            doc = resolved.get(c.key)
            row["resolved"] = doc.title if doc is not None and not _same(doc, c.document) else None
        yield row
