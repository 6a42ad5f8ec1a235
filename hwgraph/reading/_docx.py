"""DOCX: the body of a Word document in reading order, paragraphs and tables as they come.

python-docx opens the package; when it cannot (a relationship naming a part that is not there,
``Target="NULL"``, which Word itself shrugs off), ``word/document.xml`` is read straight from the
zip. Either way one walker turns the body's XML into lines: a paragraph is a line (``w:t`` text,
``w:tab`` a tab, ``w:br``/``w:cr`` a line break), a table row is a line with its cells separated
by tabs (a cell merged into the one above or to its left gives no text of its own), text boxes
follow the paragraph that anchors them, and deleted text, field codes and the VML copies Word
keeps for old readers are left out.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from hwgraph.errors import DecodeError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


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

        body = docx.Document(io.BytesIO(data)).element.body
        how = "docx"
    except Exception as e:  # python-docx raises many unrelated types for a package it dislikes
        body = _body_from_zip(data, path, e)
        how = "docx-xml"
    return "\n".join(_block_lines(body)), how


def _body_from_zip(data: bytes, path: str | Path, cause: Exception) -> object:
    """The ``w:body`` element of the main document part, read with zipfile and lxml."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            part = _main_part(z, names)
            if part is None:
                raise DecodeError(path, "is not a readable .docx (no word/document.xml)", _FIX) from cause
            xml = z.read(part)
    except (zipfile.BadZipFile, OSError, KeyError) as e:
        raise DecodeError(path, "is not a readable .docx (not a zip package)", _FIX) from e
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        raise DecodeError(path, "is not a readable .docx (its document.xml is broken)", _FIX) from e
    body = root.find(_w("body")) if root is not None else None
    if body is None:
        raise DecodeError(path, "is not a readable .docx (its document.xml has no body)", _FIX) from cause
    return body


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


def _block_lines(container: object) -> Iterator[str]:
    """Lines of the paragraphs and tables directly in ``container``, in order (content controls
    and other wrappers are looked into)."""
    for el in container:  # type: ignore[attr-defined]
        tag = el.tag
        if tag == _P:
            boxes: list[object] = []
            yield _paragraph_text(el, boxes)
            for box in boxes:
                yield from _block_lines(box)
        elif tag == _TBL:
            yield from _table_lines(el)
        elif isinstance(tag, str) and tag not in _SKIP and tag != _w("sectPr"):
            yield from _block_lines(el)


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


def _table_lines(tbl: object) -> Iterator[str]:
    """One line per row, cells separated by tabs; a merged cell gives its text once."""
    for tr in tbl.iterchildren(_TR):  # type: ignore[attr-defined]
        cells: list[str] = []
        for tc in tr.iterchildren(_TC):
            merged = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
            if merged is not None and merged.get(_w("val")) in (None, "continue"):
                cells.append("")  # continues the cell above: its text was given there
                continue
            lines = [ln for ln in _block_lines(tc) if ln.strip()]
            cells.append(" ".join(ln.replace("\n", " ").replace("\t", " ").strip() for ln in lines))
        if any(cells):
            yield "\t".join(cells)
