"""The source text around a quote, for the details panel's quote in context."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hwgraph.errors import HwgraphError
from hwgraph.views._model import Span


class Sources:
    """The text around a quoted span, read from the source file the graph names, when that file
    is at hand and still holds the quoted text at the recorded offsets (else nothing is shown)."""

    def __init__(self, bases: Iterable[Path], width: int = 40) -> None:
        self.bases = list(bases)
        self.width = width
        self.texts: dict[str, str | None] = {}

    def _text(self, identifier: str) -> str | None:
        if identifier not in self.texts:
            from hwgraph.reading import read_source

            self.texts[identifier] = None
            for base in self.bases:
                path = base / identifier
                if path.is_file():
                    try:
                        self.texts[identifier] = read_source(path).text
                    except (HwgraphError, OSError):
                        continue
                    break
        return self.texts[identifier]

    def around(self, span: Span | None) -> tuple[str, str] | None:
        """``(before, after)``: up to ``width`` characters either side, within the paragraph."""
        if span is None:
            return None
        return self.around_quote(span.source, span.start, span.end, span.exact)

    def around_quote(
        self, source: str | None, start: int | None, end: int | None, exact: str | None
    ) -> tuple[str, str] | None:
        """``(before, after)`` of the quote ``exact`` at ``[start, end)`` of the file ``source``;
        None when the file is not at hand or no longer holds the quote there."""
        if source is None or start is None or end is None or exact is None:
            return None
        text = self._text(source)
        if text is None or text[start:end] != exact:
            return None
        before = text[max(0, start - self.width) : start].rsplit("\n", 1)[-1]
        after = text[end : end + self.width].split("\n", 1)[0]
        return before, after
