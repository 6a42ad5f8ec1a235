"""Reading: turn a file into a ``Source`` (decoded text plus how it was decoded).

Entry point: :func:`read_source`. :func:`iter_paths` expands folders into the files we read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from hwgraph.errors import DecodeError, InputError, NotFoundError, UnsupportedError
from hwgraph.types import Source, SourceFormat

SUFFIXES = {
    ".txt": SourceFormat.TXT,
    ".text": SourceFormat.TXT,
    ".md": SourceFormat.TXT,
    ".docx": SourceFormat.DOCX,
    ".pdf": SourceFormat.PDF,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FIX_TEXT = "save it as UTF-8 (or GB18030) text, .docx, .pdf or .html and try again"


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


def read_source(path: str | Path) -> Source:
    """Read one file into a :class:`Source`; raise an :class:`InputError` saying how to fix it."""
    path = Path(path)
    if not path.exists():
        raise NotFoundError(path, "no such file or folder", "check the path")
    if path.is_dir():
        raise UnsupportedError(path, "is a folder", "pass the folder itself, not through a file list")
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedError(
            path,
            f"unsupported file type {path.suffix or '(none)'!r}",
            "convert it to .txt, .docx, .pdf or .html",
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})", "check its permissions") from e
    if fmt is SourceFormat.TXT:
        text, encoding = decode_bytes(data, path)
    elif fmt is SourceFormat.DOCX:
        text, encoding = _read_docx(path), "docx"
    elif fmt is SourceFormat.PDF:
        text, encoding = _read_pdf(path), "pdf"
    else:
        html, encoding = decode_bytes(data, path, html=True)
        text = html_main_text(html)
    if not text.strip():
        raise DecodeError(path, "contains no text", "check that it is the document you meant (a scanned PDF needs OCR first)")
    return Source(path=str(path), text=text, encoding=encoding, format=fmt)


def decode_bytes(data: bytes, path: str | Path = "<bytes>", html: bool = False) -> tuple[str, str]:
    """Decode text bytes: BOM first, then strict UTF-8, then the best guess of charset-normalizer.

    Returns ``(text, encoding)``. Binary data raises :class:`DecodeError`.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DecodeError(path, f"starts with a {enc} byte-order mark but does not decode", _FIX_TEXT) from e
    if b"\x00" in data[:4096]:
        raise DecodeError(path, "is binary data, not text", _FIX_TEXT)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096])
        if m:
            try:
                enc = m.group(1).decode("ascii").lower()
                return data.decode(enc), enc
            except (LookupError, UnicodeDecodeError):
                pass
    # Chinese text that is not UTF-8 is almost always GB18030 (a superset of GBK and GB2312).
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(path, "is not text in any encoding we recognise", _FIX_TEXT)
    return str(best), best.encoding


def _read_docx(path: Path) -> str:
    try:
        import docx
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise UnsupportedError(path, "needs python-docx", "pip install python-docx") from e
    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises several unrelated types for a broken package
        raise DecodeError(path, f"is not a readable .docx ({type(e).__name__})", "open and re-save it in Word") from e
    lines: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if not cells or cell.text != cells[-1]:  # merged cells repeat their text
                    cells.append(cell.text)
            lines.append("\t".join(cells))
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as e:  # pdfminer raises many types for damaged files
        raise DecodeError(path, f"is not a readable PDF ({type(e).__name__})", "re-export it as PDF or save it as text") from e
    return "\n".join(pages)


_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select")
_BLOCK_TAGS = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article table ul ol dd dt blockquote pre".split()
)


def html_main_text(html: str) -> str:
    """The main content of an HTML page as line-based text.

    Drops scripts, navigation, headers and footers, then keeps the element holding the most
    Chinese text not inside links (a readability-style choice), with one line per block element.
    """
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises ParserError/ValueError on empty or odd input
        return ""
    for tag in _DROP_TAGS:
        for el in root.iter(tag):
            el.drop_tree()
    def score(el: object) -> int:
        text = el.text_content()
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        return cjk - 2 * sum(len(a.text_content()) for a in el.iter("a"))

    containers = ("div", "article", "section", "td", "main", "body")
    best = max(root.iter(*containers), key=score, default=root)
    # descend while one child still holds nearly all of the text: the tightest main container
    while True:
        top = score(best)
        inner = [c for c in best.iterchildren(*containers) if score(c) >= 0.85 * top]
        if not inner or top <= 0:
            break
        best = inner[0]
    lines: list[str] = []
    buf: list[str] = []

    def walk(el: object) -> None:
        tag = getattr(el, "tag", None)
        if isinstance(tag, str) and tag in _BLOCK_TAGS and buf:
            lines.append("".join(buf))
            buf.clear()
        if el.text and isinstance(tag, str):
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if isinstance(tag, str) and tag in _BLOCK_TAGS and buf:
            lines.append("".join(buf))
            buf.clear()

    walk(best)
    if buf:
        lines.append("".join(buf))
    out = [re.sub(r"[ \t\r\n\u00a0]+", " ", ln).strip() for ln in lines]
    return "\n".join(ln for ln in out if ln)
