"""Output of the programs stage: the JSON contract and the terminal table."""

from __future__ import annotations

from collections.abc import Sequence

from hwgraph._text import pad_columns as _pad
from hwgraph.types import Program

# ---- output -------------------------------------------------------------------------------------


def program_json(p: Program) -> dict:
    """The JSON contract of one program as used by one document (see issue 3)."""
    return {
        "source": p.document.source.path,
        "document": p.document.title,
        "name": p.name,
        "kind": p.kind.value,
        "count": p.count,
        "members": [m.text for m in p.members],
        "members_from": p.members_from.value if p.members_from else None,
        "count_ok": p.count_ok,
        "mentions": [
            {"start": m.start, "end": m.end, "section": m.section.label if m.section else None}
            for m in p.mentions
        ],
    }


def programs_table(programs: Sequence[Program]) -> str:
    """A plain-text table of programs for the terminal: one block per document, one line per program."""
    lines: list[str] = []
    current = None
    for p in programs:
        doc = (p.document.source.path, p.document.index)
        if doc != current:
            current = doc
            if lines:
                lines.append("")
            lines.append(f"{p.document.source.path} · {p.document.title}")
        count = "" if p.count is None else str(p.count)
        flag = {True: "", False: " (count differs)", None: ""}[p.count_ok]
        origin = f" [{p.members_from.value}]" if p.members_from else ""
        members = "、".join("".join(m.text.split()) for m in p.members) or "-"  # a wrapped member on one line
        lines.append(f"  {_pad(p.name, 16)} {p.kind.value:<8} {count:>3} ×{len(p.mentions):<3} {members}{origin}{flag}")
    return "\n".join(lines)
