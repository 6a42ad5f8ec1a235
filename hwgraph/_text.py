"""Small text helpers shared by the stages that read lines of the cleaned text."""

from __future__ import annotations

from functools import cache


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


@cache
def _matching_table() -> dict[int, str]:
    """Traditional characters to simplified (OpenCC's TSCharacters, first reading of each), full-width
    ASCII to half-width: each one character to one, so offsets stay valid."""
    from importlib import resources

    table: dict[int, str] = {}
    data = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    for line in data.splitlines():
        trad, _, simple = line.partition("\t")
        first = simple.split(" ")[0]
        if len(trad) == 1 and len(first) == 1:
            table[ord(trad)] = first
    for code in range(0xFF01, 0xFF5F):  # ！ … ～ → ! … ~ (the CJK punctuation ，。：（） is kept)
        if chr(code) not in "，：；！？（）":
            table[code] = chr(code - 0xFEE0)
    return table


def matching_form(text: str) -> str:
    """A copy of ``text`` for matching words, the same length: 國務院辦公廳 → 国务院办公厅, ２０２４ → 2024.

    What hwgraph reports (titles, headings) is sliced from the text itself; only decisions are
    taken on this copy.
    """
    return text.translate(_matching_table())
