"""The pipeline from paths to documents: read → clean → split → outline.

Entry points: :func:`analyse` (paths, one result per file, errors included) and
:func:`analyse_text` (a string, for tests and library use).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from hwgraph.clean import clean
from hwgraph.errors import InputError
from hwgraph.outline import build_outline
from hwgraph.reading import iter_paths, read_source
from hwgraph.split import split_documents
from hwgraph.types import Document, Source, SourceFormat


@dataclass(frozen=True)
class FileResult:
    """What one input file gave: its documents, or the error that stopped it."""

    path: str
    documents: tuple[Document, ...] = ()
    error: InputError | None = None


def analyse(paths: Iterable[str | Path]) -> Iterator[FileResult]:
    """Analyse every file named by ``paths`` (folders expand); a bad file never stops the batch."""
    for path in iter_paths(paths):
        yield analyse_file(path)


def analyse_file(path: str | Path, data: bytes | None = None) -> FileResult:
    """Analyse the one file at ``path`` (its bytes are ``data`` when read elsewhere, see
    :func:`~hwgraph.reading.read_source`); a file that cannot be read gives its error."""
    try:
        source = read_source(path, data)
    except InputError as e:
        return FileResult(str(path), error=e)
    return FileResult(str(path), tuple(analyse_source(source)))


def analyse_source(source: Source) -> list[Document]:
    """The documents of one decoded source, each with its outline."""
    cleaned = clean(source)
    docs = []
    for doc in split_documents(cleaned):
        sections, has_toc = build_outline(cleaned, doc.clean_start, doc.clean_end)
        truncated = bool(doc.gaps) or _ends_cut(cleaned.text, doc.clean_start, doc.clean_end)
        docs.append(replace(doc, sections=sections, has_toc=has_toc, truncated=truncated))
    return docs


def analyse_text(text: str, path: str = "<text>") -> list[Document]:
    """The documents of ``text`` as if read from a UTF-8 .txt file called ``path``."""
    return analyse_source(Source(path=path, text=text, encoding="utf-8", format=SourceFormat.TXT))


def _ends_cut(text: str, start: int, end: int) -> bool:
    """A document whose last line stops mid-sentence lost its end (a web copy cut short)."""
    tail = text[start:end].rstrip().rstrip(",，、 ")  # a stray comma after the last 。 is no cut
    last_line = tail[tail.rfind("\n") + 1 :]
    return len(last_line) >= 40 and last_line[-1] not in "。！？!?”’」』）)】>》…．.;；:："
