"""Reading: turn a file into a ``Source`` (decoded text plus how it was decoded).

Entry point: :func:`read_source`. :func:`iter_paths` expands folders into the files we read.
One module per format: ``_text`` (encodings), ``_pdf``, ``_docx``, ``_doc`` (Word 97-2003) and
``_html``. ``Source.encoding`` says what was used: the text codec (``utf-8``, ``gb18030``,
``big5``, ``utf-16-le``…) for .txt and .html, ``pdf``, ``docx`` (``docx-xml`` when python-docx
could not open the package), ``doc`` (``doc-soffice`` when LibreOffice converted it).

The file's bytes decide the reader as much as its name: a ``.doc`` that is really a zip package is
read as .docx, one that is a web page as HTML; a ``.docx`` that is an OLE file is a Word 97 file or
an encrypted package.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from hwgraph.errors import DecodeError, InputError, NotFoundError, UnsupportedError
from hwgraph.reading._html import html_main_text
from hwgraph.reading._text import decode_bytes
from hwgraph.types import Source, SourceFormat

__all__ = ["SUFFIXES", "decode_bytes", "html_main_text", "iter_paths", "read_source"]

SUFFIXES = {
    ".txt": SourceFormat.TXT,
    ".text": SourceFormat.TXT,
    ".md": SourceFormat.TXT,
    ".docx": SourceFormat.DOCX,
    ".doc": SourceFormat.DOC,
    ".pdf": SourceFormat.PDF,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".shtml": SourceFormat.HTML,
    ".xhtml": SourceFormat.HTML,
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_RESAVE = "open it in Word or WPS and re-save it as .docx"


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the files named by ``paths``; folders give their readable files, sorted, recursively.

    A path that does not exist is yielded as is, so the reader reports it in its turn.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def read_source(path: str | Path, data: bytes | None = None) -> Source:
    """Read one file into a :class:`Source`; raise an :class:`InputError` saying how to fix it.

    ``data``, when given, is the file's bytes, read by another process: a worker of a cluster
    (``hwgraph build --scheduler``) gets the bytes and the name, as it cannot open the user's path.
    """
    path = Path(path)
    data = _read_bytes(path) if data is None else data
    fmt = SUFFIXES[path.suffix.lower()]
    fmt = _sniff(data, fmt, path)
    if fmt is SourceFormat.TXT:
        text, encoding = decode_bytes(data, path)
    elif fmt is SourceFormat.DOCX:
        from hwgraph.reading._docx import read_docx

        text, encoding = read_docx(data, path)
    elif fmt is SourceFormat.DOC:
        from hwgraph.reading._doc import read_doc

        text, encoding = read_doc(data, path)
    elif fmt is SourceFormat.PDF:
        from hwgraph.reading._pdf import read_pdf

        text, encoding = read_pdf(data, path), "pdf"
    else:
        html, encoding = decode_bytes(data, path, html=True)
        text = html_main_text(html)
    if not text.strip():
        raise DecodeError(path, "contains no text", "check that it is the document you meant (a scanned PDF needs OCR first)")
    return Source(path=str(path), text=text, encoding=encoding, format=fmt)


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file with a suffix we read; anything else is a one-line error."""
    try:
        st = os.stat(path)
    except FileNotFoundError as e:
        raise NotFoundError(path, "no such file or folder", "check the path") from e
    except PermissionError as e:
        raise InputError(path, "cannot be read (permission denied)", "check the permissions of its folder") from e
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})", "check the path") from e
    if stat.S_ISDIR(st.st_mode):
        raise UnsupportedError(path, "is a folder", "pass the folder itself, not through a file list")
    if not stat.S_ISREG(st.st_mode):
        # reading a FIFO or a device would block or never end
        raise UnsupportedError(path, "is not a regular file (a pipe, socket or device)", "save the text to a file first")
    if path.suffix.lower() not in SUFFIXES:
        raise UnsupportedError(
            path,
            f"unsupported file type {path.suffix or '(none)'!r}",
            "convert it to .txt, .docx, .doc, .pdf or .html",
        )
    try:
        return path.read_bytes()
    except PermissionError as e:
        raise InputError(path, "cannot be read (permission denied)", "check its permissions") from e
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})", "check its permissions") from e


def _sniff(data: bytes, fmt: SourceFormat, path: Path) -> SourceFormat:
    """The format the bytes are in, when it is not the one the name says (Word files above all)."""
    if fmt in (SourceFormat.DOC, SourceFormat.DOCX):
        if data.startswith(_ZIP):
            return SourceFormat.DOCX
        if data.startswith(_OLE):
            return SourceFormat.DOC  # Word 97-2003, or an encrypted .docx (the DOC reader says which)
        head = data[:1024].lstrip().lower()
        if head.startswith(b"{\\rtf"):
            raise UnsupportedError(path, "is an RTF file with a Word name", _RESAVE)
        if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head:
            return SourceFormat.HTML  # Word's "web page" or an HTML table saved with a .doc name
        if fmt is SourceFormat.DOCX:
            raise DecodeError(path, "is not a readable .docx (not a zip package)", _RESAVE)
        raise DecodeError(path, "is not a Word 97-2003 file", _RESAVE)
    return fmt

