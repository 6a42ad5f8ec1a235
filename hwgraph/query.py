"""SPARQL over the Oxigraph store: run a query, format its result, look up named queries.

Named queries are the ``hwgraph/queries/*.rq`` files; the ``#`` lines at the top of each file
document it (the first is its one-line summary). Every query runs against the union of all named
graphs, with the prefixes of ``hwgraph.namespace.PREFIXES`` predeclared.

Formats: ``table`` (aligned, IRIs shortened, long cells clipped), ``csv`` and ``tsv`` (SPARQL 1.1 CSV/TSV results;
CSV with LF line ends rather than the recommendation's CRLF, like every other text hwgraph writes),
``json`` (SPARQL 1.1 JSON results). CONSTRUCT and DESCRIBE results are always canonical Turtle.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store, Triple

from hwgraph._paths import find_graph
from hwgraph.dataset import query_dataset, sort_group_concats
from hwgraph.errors import QueryError
from hwgraph.namespace import PREFIXES
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
]

# A plain path rather than importlib.resources: under an editable install the latter sees the
# package as a namespace package and refuses to list it.
QUERIES_DIR = Path(__file__).resolve().parent / "queries"

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class OutputFormat(str, Enum):
    """How a query result is printed."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


class QueryKind(str, Enum):
    """What a query returns."""

    SELECT = "select"
    ASK = "ask"
    GRAPH = "graph"  # CONSTRUCT and DESCRIBE


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in hwgraph/queries/NAME.rq."""

    name: str
    summary: str
    description: str
    text: str


@dataclass(frozen=True)
class QueryResult:
    """The materialised result of one query."""

    kind: QueryKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[NamedNode | BlankNode | Literal | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = field(default=())


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
    if any(q.name == stripped for q in list_queries()):
        return get_query(stripped).text
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


def run_query(query: str, store: Store | str | Path | None = None) -> QueryResult:
    """Run ``query`` (SPARQL text) on ``store`` (a Store, a graph file, a build folder; None is the
    last build) over the union of all graphs. A build folder without a store is read from its
    hwgraph.nq or hwgraph.ttl.
    """
    if not isinstance(store, Store):
        store = open_store(find_graph(store))
    try:
        answer = query_dataset(store, query)
        if isinstance(answer, QueryBoolean):
            return QueryResult(QueryKind.ASK, boolean=bool(answer))
        if isinstance(answer, QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows = tuple(sort_group_concats(query, variables, (tuple(s[v] for v in variables) for s in answer)))
            return QueryResult(QueryKind.SELECT, variables=variables, rows=rows)
        return QueryResult(QueryKind.GRAPH, triples=tuple(answer))
    except SyntaxError as e:
        raise QueryError(
            f"query: {_syntax_message(e, query)}; fix the SPARQL (prefixes hw:, dcterms:, skos:… are predeclared)"
        ) from e
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"query failed: {e}; check the query and the store") from e


# ---- formatting ---------------------------------------------------------------------------------


def _short(iri: str) -> str:
    for name, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{name}:{iri[len(ns) :]}"
    return f"<{iri}>"


def _plain(term: object, shorten: bool = False) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return _short(term.value) if shorten else term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value  # type: ignore[attr-defined]


def _json_term(term: object) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


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
    """Text of ``result`` in ``fmt``; graph results are always Turtle."""
    fmt = OutputFormat(fmt)
    if result.kind is QueryKind.GRAPH:
        return canonical_turtle(result.triples).decode("utf-8")
    if result.kind is QueryKind.ASK:
        if fmt is OutputFormat.JSON:
            return json.dumps({"head": {}, "boolean": result.boolean}, ensure_ascii=False) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt is OutputFormat.JSON:
        data = {
            "head": {"vars": list(result.variables)},
            "results": {
                "bindings": [
                    {v: _json_term(t) for v, t in zip(result.variables, row, strict=False) if t is not None}
                    for row in result.rows
                ]
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt is OutputFormat.CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")  # LF, like every other output
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
        return buf.getvalue()
    if fmt is OutputFormat.TSV:
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    return _table(result.variables, [[_clip(_plain(t, shorten=True)) for t in row] for row in result.rows])
