"""Plain-text and JSON views of documents and their outlines (the ``outline`` command's output)."""

from __future__ import annotations

from hwgraph.types import Document, Section


def section_json(s: Section) -> dict:
    """One section in the JSON contract: label, title, offsets, children."""
    out: dict = {"label": s.label, "title": s.title, "start": s.start, "end": s.end}
    if s.recovered:
        out["recovered"] = True
    out["children"] = [section_json(c) for c in s.children]
    return out


def outline_json(doc: Document) -> dict:
    """One document in the JSON contract of ``hwgraph outline --json``."""
    return {
        "source": doc.source.path,
        "title": doc.title,
        "title_start": doc.title_start,
        "title_end": doc.title_end,
        "year": doc.year,
        "kind": doc.kind.value,
        "level": doc.level.value,
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "subtitle": doc.subtitle,
        "date": doc.date,
        "speaker": doc.speaker,
        "place": _place_json(doc),
        "parent": doc.parent,
        "start": doc.start,
        "end": doc.end,
        "encoding": doc.source.encoding,
        "truncated": doc.truncated,
        "has_toc": doc.has_toc,
        "gaps": [{"start": g.start, "end": g.end, "missing_chars": g.missing_chars} for g in doc.gaps],
        "sections": [section_json(s) for s in doc.sections],
    }


def _place_json(doc: Document) -> dict | None:
    p = doc.place
    if p is None:
        return None
    return {"name": p.name, "code": p.code, "level": p.level.value, "province": p.province}


_TREE_TITLE = 40  # long titles (一是… up to the first 。) are shortened in the tree, never in JSON


def outline_tree(docs: tuple[Document, ...] | list[Document]) -> str:
    """A readable tree of each document's outline, for the terminal."""
    lines: list[str] = []
    for doc in docs:
        meta = [str(doc.year) if doc.year else "year ?", doc.kind.value, doc.level.value]
        if doc.place is not None and doc.place.code:
            meta.append(f"{doc.place.name} {doc.place.code}")
        if doc.parent is not None:
            meta.append(f"issued by #{doc.parent + 1}")
        if doc.issuer:
            meta.append(doc.issuer)
        if doc.doc_number:
            meta.append(doc.doc_number)
        if doc.truncated:
            meta.append(f"truncated, {len(doc.gaps)} gap(s)")
        lines.append(f"{doc.source.path} #{doc.index + 1}  {doc.title}  ({', '.join(meta)})")
        _tree(doc.sections, "", lines)
    return "\n".join(lines)


def _tree(sections: tuple[Section, ...], prefix: str, lines: list[str]) -> None:
    for i, s in enumerate(sections):
        last = i == len(sections) - 1
        mark = " (from table of contents)" if s.recovered else ""
        title = s.title if len(s.title) <= _TREE_TITLE else s.title[: _TREE_TITLE - 1] + "…"
        lines.append(f"{prefix}{'└─ ' if last else '├─ '}{s.label} {title}{mark}")
        _tree(s.children, prefix + ("   " if last else "│  "), lines)
