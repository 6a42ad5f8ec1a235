"""Output of the entities stage: the JSON contract of ``hwgraph entities --json`` and its table."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from hwgraph._text import pad_columns as _pad
from hwgraph.types import Citation, Document, Organization, Responsibility, Target

if TYPE_CHECKING:
    from hwgraph.entities import Entities, EntityType

Record = Citation | Target | Organization | Responsibility


def _records(found: Entities, types: set[EntityType] | None) -> Iterator[tuple[str, Record]]:
    from hwgraph.entities import EntityType

    kinds = (
        (EntityType.CITATION, found.citations),
        (EntityType.TARGET, found.targets),
        (EntityType.ORGANIZATION, found.organizations),
        (EntityType.RESPONSIBILITY, found.responsibilities),
    )
    rows = [(r.start, i, t.value, r) for i, (t, rs) in enumerate(kinds) if types is None or t in types for r in rs]
    for _, _, kind, record in sorted(rows, key=lambda row: (row[0], row[1])):
        yield kind, record


def _number(value: float | None) -> float | int | None:
    """79.0 prints as 79: a whole number is an int in JSON."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _fields(kind: str, r: Record, resolved: dict[str, Document]) -> dict:
    if isinstance(r, Citation):
        doc = resolved.get(r.key)
        return {
            "title": r.title,
            "doc_number": r.doc_number.text if r.doc_number else None,
            "relation": r.relation.value,
            "resolved": doc.title if doc is not None and doc is not r.document else None,
        }
    if isinstance(r, Target):
        return {
            "indicator": r.indicator,
            "indicator_key": r.indicator_key,
            "value": _number(r.value),
            "value_text": r.value_text,
            "unit": r.unit,
            "unit_norm": r.unit_norm,
            "comparator": r.comparator.value,
            "year": r.year,
            "baseline": _number(r.baseline),
            "kind": r.kind.value,
        }
    if isinstance(r, Organization):
        return {"name": r.name, "canonical": r.canonical}
    return {
        "org": r.org.name,
        "canonical": r.org.canonical,
        "role": r.role.value,
        "task": r.task,
        "task_start": r.task_start,
        "task_end": r.task_end,
        "section_label": r.section.label if r.section else None,
    }


def entity_json(
    found: Entities, resolved: dict[str, Document] | None = None, types: set[EntityType] | None = None
) -> list[dict]:
    """The JSON contract: one object per entity of ``found``, in text order, each with ``source``,
    ``document``, ``type``, ``start``, ``end`` (verbatim source offsets) and its own fields."""
    out = []
    for kind, r in _records(found, types):
        section = r.section
        out.append(
            {
                "source": found.document.source.path,
                "document": found.document.title,
                "type": kind,
                "start": r.start,
                "end": r.end,
                **_fields(kind, r, resolved or {}),
                "section": section.label if section is not None else None,
            }
        )
    return out


def entities_table(
    found: Sequence[Entities], resolved: dict[str, Document] | None = None, types: set[EntityType] | None = None
) -> str:
    """A plain-text table for the terminal: one block per document, one line per entity."""
    lines: list[str] = []
    for e in found:
        rows = list(_records(e, types))
        if not rows:
            continue
        if lines:
            lines.append("")
        lines.append(f"{e.document.source.path} · {e.document.title}")
        for kind, r in rows:
            lines.append(f"  {kind:<14} {r.start:>6}  {_describe(r, resolved or {})}")
    return "\n".join(lines)


def _describe(r: Record, resolved: dict[str, Document]) -> str:
    if isinstance(r, Citation):
        number = f" ({r.doc_number.text})" if r.doc_number else ""
        doc = resolved.get(r.key)
        link = f" → {doc.title}" if doc is not None and doc is not r.document else ""
        return f"{r.relation.value:<9} 《{_one_line(r.title)}》{number}{link}"
    if isinstance(r, Target):
        year = f"{r.year} " if r.year is not None else ""
        base = f" from {_number(r.baseline)}" if r.baseline is not None else ""
        return f"{r.kind.value:<9} {year}{_pad(r.indicator, 24)} {r.comparator.value} {r.value_text}{r.unit}{base}"
    if isinstance(r, Organization):
        same = "" if r.name == r.canonical else f" = {r.canonical}"
        return f"{r.name}{same}"
    task = _one_line(r.task)
    task = task if len(task) <= 40 else task[:39] + "…"
    label = f"{r.section.label} " if r.section else ""
    return f"{r.role.value:<11} {_pad(r.org.name, 20)} {label}{task}"


def _one_line(text: str) -> str:
    return "".join(text.split())
