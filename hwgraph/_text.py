"""Small text helpers shared by the stages that read lines of the cleaned text."""

from __future__ import annotations


def line_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text[start:end]``, the end excluding its line break."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        out.append((pos, line_end))
        pos = line_end + 1
    return out
