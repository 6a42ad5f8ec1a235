"""What every entity extractor needs: the document's text to match on, and the way back to source
offsets and to the section a fact sits in.

Extractors match on :attr:`DocText.text`, the document's cleaned text in its matching form
(traditional characters read as simplified, same length), and report everything through
:meth:`DocText.span` / :meth:`DocText.verbatim` so ``source.text[start:end]`` is exactly what was
written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hwgraph._text import matching_form
from hwgraph.outline import section_finder
from hwgraph.types import Document, Section


@dataclass(frozen=True)
class DocText:
    """A document's cleaned text (matching form) with the maps back to the source."""

    document: Document
    text: str  # matching form of clean.text[clean_start:clean_end]
    base: int  # clean offset of text[0]
    _section_of: Callable[[int], Section | None] = field(repr=False, compare=False)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets of ``text[i:j]``."""
        return self.document.clean.span(self.base + i, self.base + j)

    def verbatim(self, i: int, j: int) -> tuple[int, int, str] | None:
        """``(start, end, source text)`` of ``text[i:j]``, or None when cleaning removed something
        inside it (a page number glued into a sentence): such a fact has no verbatim span."""
        s, e = self.span(i, j)
        src = self.document.source.text[s:e]
        if len(src) != j - i:
            return None
        return s, e, src

    def source(self, i: int, j: int) -> str:
        """The source text of ``text[i:j]`` (as written: traditional stays traditional)."""
        s, e = self.span(i, j)
        return self.document.source.text[s:e]

    def section(self, i: int) -> Section | None:
        """The innermost section containing ``text[i]``."""
        s, _ = self.span(i, i + 1)
        return self._section_of(s)


_last: list[DocText] = []  # the extractors run one after another on one document: build it once


def doc_text(document: Document) -> DocText:
    """The :class:`DocText` of ``document`` (the last one is kept, so the extractors share it)."""
    if _last and _last[0].document is document:
        return _last[0]
    raw = document.clean.text[document.clean_start : document.clean_end]
    made = DocText(document, matching_form(raw), document.clean_start, section_finder(document.sections))
    _last[:] = [made]
    return made
