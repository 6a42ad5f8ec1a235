"""DOCX: the body of a Word document in reading order, paragraphs and tables as they come.

python-docx opens the package; when it cannot (a relationship naming a part that is not there,
``Target="NULL"``, which Word itself shrugs off), ``word/document.xml`` is read straight from the
zip. Either way one walker turns the body's XML into lines: a paragraph is a line (``w:t`` text,
``w:tab`` a tab, ``w:br``/``w:cr`` a line break), a table row is a line with its cells separated
by tabs (a cell merged into the one above or to its left gives no text of its own), text boxes
follow the paragraph that anchors them, and deleted text, field codes and the VML copies Word
keeps for old readers are left out. A paragraph numbered automatically starts with the label Word
draws for it (``一、``, ``（一）``, ``1.``), read from the numbering and styles parts by
:mod:`hwgraph.reading._numbering`, so the outline is in the text as if it had been typed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from hwgraph.errors import DecodeError
from hwgraph.reading._numbering import Numbering

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
_TAB, _BR, _CR, _TXBX = _w("tab"), _w("br"), _w("cr"), _w("txbxContent")
_SKIP = frozenset({f"{{{_MC}}}Fallback", _w("del"), _w("delText"), _w("instrText"), _w("pPr"), _w("rPr")})
_FIX = "open it in Word or WPS and re-save it as .docx"


def read_docx(data: bytes, path: str | Path) -> tuple[str, str]:
    """``(text, encoding)`` of a .docx: ``"docx"``, or ``"docx-xml"`` when read without python-docx."""
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body, numbering = document.element.body, _numbering_of_part(document.part)
        how = "docx"
    except Exception as e:  # python-docx raises many unrelated types for a package it dislikes
        body, numbering = _read_zip(data, path, e)
        how = "docx-xml"
    return "\n".join(_block_lines(body, numbering)), how


def _numbering_of_part(part: object) -> Numbering:
    """The numbering of a python-docx document part, from the numbering and styles parts it relates to."""
    roots: dict[str, object] = {}
    for rel in part.rels.values():  # type: ignore[attr-defined]
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("numbering", "styles") and not rel.is_external and kind not in roots:
            target = rel.target_part
            roots[kind] = target.element if hasattr(target, "element") else _parse(target.blob)
    return Numbering(roots.get("numbering"), roots.get("styles"))


def _parse(xml: bytes) -> object | None:
    """The root element of ``xml``, parsed without entities or network; None when unreadable."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return None


def _read_zip(data: bytes, path: str | Path, cause: Exception) -> tuple[object, Numbering]:
    """The ``w:body`` element of the main document part and its numbering, read with zipfile and lxml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            part = _main_part(z, names)
            if part is None:
                raise DecodeError(path, "is not a readable .docx (no word/document.xml)", _FIX) from cause
            root = _parse(z.read(part))
            related = {kind: _parse(z.read(name)) for kind, name in _related_parts(z, names, part).items()}
            numbering = Numbering(related.get("numbering"), related.get("styles"))
    except (zipfile.BadZipFile, OSError, KeyError) as e:
        raise DecodeError(path, "is not a readable .docx (not a zip package)", _FIX) from e
    if root is None:
        raise DecodeError(path, "is not a readable .docx (its document.xml is broken)", _FIX) from cause
    body = root.find(_w("body"))  # type: ignore[attr-defined]
    if body is None:
        raise DecodeError(path, "is not a readable .docx (its document.xml has no body)", _FIX) from cause
    return body, numbering


def _related_parts(z: zipfile.ZipFile, names: set[str], part: str) -> dict[str, str]:
    """Zip names of the numbering and styles parts of ``part``: from its relationships when they name
    parts that exist, else the usual names beside it."""
    folder = posixpath.dirname(part)
    found = {kind: posixpath.join(folder, f"{kind}.xml") for kind in ("numbering", "styles")}
    rels = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
    root = _parse(z.read(rels)) if rels in names else None
    for rel in root.iterchildren(f"{{{_REL}}}Relationship") if root is not None else ():  # type: ignore[attr-defined]
        kind, target = (rel.get("Type") or "").removeprefix(_RELS), rel.get("Target") or ""
        if kind in found and rel.get("TargetMode") != "External":
            name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if name in names:
                found[kind] = name
    return {kind: name for kind, name in found.items() if name in names}


def _main_part(z: zipfile.ZipFile, names: set[str]) -> str | None:
    """The main document part named by ``_rels/.rels``, else ``word/document.xml``."""
    if "_rels/.rels" in names:
        m = re.search(
            rb'<Relationship[^>]*Type="' + re.escape(_OFFICE_DOC.encode()) + rb'"[^>]*>', z.read("_rels/.rels")
        )
        target = re.search(rb'Target="([^"]+)"', m.group(0)) if m else None
        if target:
            name = posixpath.normpath(target.group(1).decode("utf-8", "replace").lstrip("/"))
            if name in names:
                return name
    return "word/document.xml" if "word/document.xml" in names else None


def _block_lines(container: object, numbering: Numbering) -> Iterator[str]:
    """Lines of the paragraphs and tables directly in ``container``, in order (content controls
    and other wrappers are looked into), numbered paragraphs starting with their label."""
    for el in container:  # type: ignore[attr-defined]
        tag = el.tag
        if tag == _P:
            boxes: list[object] = []
            yield numbering.label(el) + _paragraph_text(el, boxes)
            for box in boxes:
                yield from _block_lines(box, numbering.story())
        elif tag == _TBL:
            yield from _table_lines(el, numbering)
        elif isinstance(tag, str) and tag not in _SKIP and tag != _w("sectPr"):
            yield from _block_lines(el, numbering)


def _paragraph_text(p: object, boxes: list[object]) -> str:
    """The text of one paragraph; text boxes met on the way are collected in ``boxes``."""
    parts: list[str] = []

    def walk(el: object) -> None:
        for child in el:  # type: ignore[attr-defined]
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _TXBX:
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _table_lines(tbl: object, numbering: Numbering) -> Iterator[str]:
    """One line per row, cells separated by tabs; a merged cell gives its text once."""
    for tr in tbl.iterchildren(_TR):  # type: ignore[attr-defined]
        cells: list[str] = []
        for tc in tr.iterchildren(_TC):
            merged = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
            if merged is not None and merged.get(_w("val")) in (None, "continue"):
                cells.append("")  # continues the cell above: its text was given there
                continue
            lines = [ln for ln in _block_lines(tc, numbering) if ln.strip()]
            cells.append(" ".join(ln.replace("\n", " ").replace("\t", " ").strip() for ln in lines))
        if any(cells):
            yield "\t".join(cells)
