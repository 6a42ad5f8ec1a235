"""SPARQL over the Oxigraph store: run a query, write its result, look up named queries.

Named queries are the ``hwgraph/queries/*.rq`` files; the ``#`` lines at the top of each file
document it (the first is its one-line summary). Every query runs against the union of all named
graphs, with the prefixes of ``hwgraph.namespace.PREFIXES`` predeclared.

Formats: ``table`` (aligned, IRIs shortened, long cells clipped), and the SPARQL 1.1 result formats
``json``, ``csv``, ``tsv`` and ``xml``, written by Oxigraph itself as the solutions come (CSV with LF
line ends rather than the recommendation's CRLF, like every other text hwgraph writes; JSON and XML
end with a newline). CONSTRUCT and DESCRIBE results are always canonical Turtle.

The parts of a ``GROUP_CONCAT`` column are sorted (``hwgraph.dataset.sort_group_concats``) so a
result reads the same from every store; only a query that has such a column is read into Python
for that, and its rows are handed back to Oxigraph's writers.

This module imports neither rdflib nor the extraction stages, nor dataclasses (5 ms, with inspect):
``hwgraph query`` starts in little more than the time Python and pyoxigraph take (hwgraph._entry
runs it without click).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import BinaryIO, NamedTuple

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    Store,
    Triple,
    parse_query_results,
)

from hwgraph._paths import find_graph
from hwgraph.dataset import group_concat_separators, query_dataset, sort_group_concats
from hwgraph.errors import QueryError
from hwgraph.namespace import curie
from hwgraph.store import canonical_turtle, open_store

__all__ = [
    "NamedQuery",
    "OutputFormat",
    "QueryKind",
    "QueryResult",
    "format_result",
    "get_query",
    "list_queries",
    "resolve_query",
    "run_query",
    "write_query",
]

# A plain path rather than importlib.resources: under an editable install the latter sees the
# package as a namespace package and refuses to list it.
QUERIES_DIR = Path(__file__).resolve().parent / "queries"


class OutputFormat(str, Enum):
    """How a query result is printed."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"


_RESULTS_FORMATS = {
    OutputFormat.CSV: QueryResultsFormat.CSV,
    OutputFormat.TSV: QueryResultsFormat.TSV,
    OutputFormat.JSON: QueryResultsFormat.JSON,
    OutputFormat.XML: QueryResultsFormat.XML,
}


class QueryKind(str, Enum):
    """What a query returns."""

    SELECT = "select"
    ASK = "ask"
    GRAPH = "graph"  # CONSTRUCT and DESCRIBE


class NamedQuery(NamedTuple):
    """A query shipped in hwgraph/queries/NAME.rq."""

    name: str
    summary: str
    description: str
    text: str


class QueryResult(NamedTuple):
    """The materialised result of one query."""

    kind: QueryKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[NamedNode | BlankNode | Literal | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    found = [_parse_named(path.stem, path.read_text(encoding="utf-8")) for path in QUERIES_DIR.glob("*.rq")]
    return sorted(found, key=lambda q: q.name)


def _parse_named(name: str, text: str) -> NamedQuery:
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("#").strip())
    summary = comments[0] if comments else name
    return NamedQuery(name=name, summary=summary, description="\n".join(comments[1:]).strip(), text=text)


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; ``QueryError`` lists the known names when there is none."""
    for q in list_queries():
        if q.name == name:
            return q
    known = ", ".join(q.name for q in list_queries())
    raise QueryError(f"{name}: no such named query; use one of: {known} (see `hwgraph query --list`)")


_KEYWORDS = ("select", "ask", "construct", "describe", "prefix", "base")
_NAME = re.compile(r"[^\s{}]+")  # a query name or a file path: no spaces, no braces


def resolve_query(query_or_file: str) -> str:
    """The SPARQL text of a named query, a .rq file, or the argument itself when it is SPARQL.

    An argument that looks like a name (no spaces, no braces) and is neither a named query nor a
    file is an unknown name; anything else is SPARQL, and the parser says where it is wrong.
    """
    stripped = query_or_file.strip()
    head = stripped.split(None, 1)[0].lower() if stripped else ""
    if head in _KEYWORDS or stripped.startswith("#"):
        return query_or_file
    named = QUERIES_DIR / f"{stripped}.rq"
    if _NAME.fullmatch(stripped) and "/" not in stripped and named.is_file():  # one file, not all of them
        return named.read_text(encoding="utf-8")
    path = Path(stripped)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # SPARQL text too long or odd for a file name
        is_file = False
    if is_file:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"{path}: cannot read the query file: {e}; save it as UTF-8 text") from e
    if _NAME.fullmatch(stripped) is None:
        return query_or_file
    known = ", ".join(q.name for q in list_queries())
    raise QueryError(
        f"{stripped}: no such named query or .rq file; use one of: {known} (see `hwgraph query --list`)"
    )


def _syntax_message(error: SyntaxError, query: str) -> str:
    """The parser's message on one line: line, column, what it expected and the text there."""
    text = " ".join(str(error).split()) or "syntax error"
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    if m is None:
        return _clip(text, 200)
    line, column, expected = int(m[1]), int(m[2]), m[3]
    if "Prefix not found" in expected:
        expected = "a prefix that is not declared (add PREFIX name: <iri>)"
    lines = query.split("\n")
    there = lines[line - 1][column - 1 :].strip() if 0 < line <= len(lines) else ""
    near = f'near "{_clip(there, 30)}"' if there else "end of line"
    return f"syntax error at line {line}, column {column} ({near}): {_clip(expected, 160)}"


@contextmanager
def _query_errors(query: str) -> Iterator[None]:
    """Oxigraph's errors as ``QueryError``: a syntax error with its line and column."""
    try:
        yield
    except SyntaxError as e:
        raise QueryError(
            f"query: {_syntax_message(e, query)}; fix the SPARQL (prefixes hw:, dcterms:, skos:… are predeclared)"
        ) from e
    except (RuntimeError, ValueError) as e:
        raise QueryError(f"query failed: {e}; check the query and the store") from e
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise QueryError(f"query failed: {e}; check the query and the store") from e


def _as_store(store: Store | str | Path | None) -> Store:
    return store if isinstance(store, Store) else open_store(find_graph(store))


def run_query(query: str, store: Store | str | Path | None = None) -> QueryResult:
    """Run ``query`` (SPARQL text) on ``store`` (a Store, a graph file, a build folder; None is the
    last build) over the union of all graphs, and read the whole result into Python. A build
    folder without a store is read from its hwgraph.nq or hwgraph.ttl. ``write_query`` streams
    instead.
    """
    store = _as_store(store)
    with _query_errors(query):
        answer = query_dataset(store, query)
        if isinstance(answer, QueryBoolean):
            return QueryResult(QueryKind.ASK, boolean=bool(answer))
        if isinstance(answer, QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows = tuple(sort_group_concats(query, variables, (tuple(s[v] for v in variables) for s in answer)))
            return QueryResult(QueryKind.SELECT, variables=variables, rows=rows)
        return QueryResult(QueryKind.GRAPH, triples=tuple(answer))


def write_query(
    query: str, out: BinaryIO, store: Store | str | Path | None = None, fmt: OutputFormat | str = OutputFormat.TABLE
) -> bool | None:
    """Run ``query`` like ``run_query`` and write its result to ``out`` in ``fmt`` as it comes.

    SELECT results in json/csv/tsv/xml are written by Oxigraph's own writers straight from the
    engine, without a Python object per cell; ``table`` needs every row to size its columns.
    Returns an ASK query's answer, else None.
    """
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.TABLE:
        result = run_query(query, store)
        out.write(format_result(result, fmt).encode("utf-8"))
        return result.boolean
    store = _as_store(store)
    with _query_errors(query):
        answer = query_dataset(store, query)
        if isinstance(answer, QueryBoolean):
            out.write(_boolean_text(bool(answer), fmt).encode("utf-8"))
            return bool(answer)
        if isinstance(answer, QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            if set(variables) & set(group_concat_separators(query)):
                rows = sort_group_concats(query, variables, (tuple(s[v] for v in variables) for s in answer))
                answer = _solutions(variables, rows)
            _serialize(answer, fmt, out)
            return None
        out.write(canonical_turtle(answer))
        return None


def _solutions(variables: Sequence[str], rows: Sequence[Sequence[object]]) -> QuerySolutions:
    """``rows`` as Oxigraph solutions again (through SPARQL TSV), for Oxigraph's writers."""
    if not variables:
        return parse_query_results(b"\n", QueryResultsFormat.TSV)  # type: ignore[return-value]
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    text = ("\n".join(lines) + "\n").encode("utf-8")
    return parse_query_results(text, QueryResultsFormat.TSV)  # type: ignore[return-value]


class _LfLines:
    """A binary writer that turns the CRLF ending each CSV row into LF on its way to ``out``.

    A CR LF inside a quoted field is data and is kept: the number of ``"`` seen so far tells
    whether a byte is inside quotes (a quote inside a field is doubled, so the parity holds).
    """

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._inside = False
        self._pending = b""

    def write(self, data: bytes) -> int:
        size = len(data)
        data = self._pending + bytes(data)
        self._pending = b""
        if data.endswith(b"\r"):
            self._pending, data = b"\r", data[:-1]
        parts = data.split(b'"')
        for i in range(1 if self._inside else 0, len(parts), 2):
            parts[i] = parts[i].replace(b"\r\n", b"\n")
        if len(parts) % 2 == 0:
            self._inside = not self._inside
        self._out.write(b'"'.join(parts))
        return size

    def flush(self) -> None:
        if self._pending:
            self._out.write(self._pending)
            self._pending = b""
        self._out.flush()


def _serialize(solutions: QuerySolutions, fmt: OutputFormat, out: BinaryIO) -> None:
    if fmt is OutputFormat.CSV:
        writer = _LfLines(out)
        solutions.serialize(writer, QueryResultsFormat.CSV)  # type: ignore[arg-type]
        writer.flush()
        return
    solutions.serialize(out, _RESULTS_FORMATS[fmt])
    if fmt in (OutputFormat.JSON, OutputFormat.XML):
        out.write(b"\n")


def _boolean_text(value: bool, fmt: OutputFormat) -> str:
    """An ASK answer as Oxigraph writes it (JSON, XML), else ``true``/``false`` on a line."""
    word = "true" if value else "false"
    if fmt is OutputFormat.JSON:
        return f'{{"head":{{}},"boolean":{word}}}\n'
    if fmt is OutputFormat.XML:
        return (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head></head><boolean>{word}</boolean></sparql>\n"
        )
    return word + "\n"


# ---- formatting ---------------------------------------------------------------------------------


def _short(iri: str) -> str:
    return curie(iri) or f"<{iri}>"


def _plain(term: object, shorten: bool = False) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return _short(term.value) if shorten else term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value  # type: ignore[attr-defined]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_CELL_WIDTH = 60


def _clip(text: str, width: int = _CELL_WIDTH) -> str:
    """``text`` cut to ``width`` display columns (CJK characters take two), marked with …."""
    text = text.replace("\n", " ")
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _table(variables: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max([_width(v), *(_width(r[i]) for r in rows)]) for i, v in enumerate(variables)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=False)).rstrip()

    out = [line(variables), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"


def format_result(result: QueryResult, fmt: OutputFormat | str = OutputFormat.TABLE) -> str:
    """Text of ``result`` in ``fmt``; graph results are always Turtle. The same text as
    ``write_query`` gives for the query."""
    fmt = OutputFormat(fmt)
    if result.kind is QueryKind.GRAPH:
        return canonical_turtle(result.triples).decode("utf-8")
    if result.kind is QueryKind.ASK:
        return _boolean_text(bool(result.boolean), fmt)
    if fmt is OutputFormat.TABLE:
        return _table(result.variables, [[_clip(_plain(t, shorten=True)) for t in row] for row in result.rows])
    buf = io.BytesIO()
    _serialize(_solutions(result.variables, result.rows), fmt, buf)
    return buf.getvalue().decode("utf-8")
