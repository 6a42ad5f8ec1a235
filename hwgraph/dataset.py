"""The dataset every hwgraph query sees, and the same dataset in any other store.

The model (README "The dataset model"):

- every triple lives in exactly one **named graph**: one per document (named by the document's
  IRI) plus ``id:shared`` for what documents share (source files, places, program concepts);
- the **default graph is the union of the named graphs**, each triple once.

hwgraph's own store keeps only the named graphs and leaves the union implicit (Oxigraph's
union default graph, ``sd:UnionDefaultGraph``), so nothing is stored twice. Every file that carries
quads (N-Quads, TriG, JSON-LD, ``hwgraph push``) writes the union into its default graph as well, so
a standard store loaded from it with default settings (Oxigraph, Fuseki, Comunica, rdflib) answers
every query, the shipped ones included, exactly as hwgraph does. Turtle and N-Triples carry the
union alone.

``query_dataset`` runs a query with these semantics and honours the SPARQL 1.1 dataset: a query's
``FROM``/``FROM NAMED`` and the protocol's ``default-graph-uri``/``named-graph-uri`` replace the
default dataset, exactly as in a standard store (Oxigraph's union flag alone would ignore them).
A store whose default graph already holds triples (a graph file, an exported N-Quads file) is
queried as it is.

GROUP_CONCAT joins its values in whatever order the engine meets them, which differs between
stores and even between a file and a store of the same quads: ``sort_group_concats`` sorts the
parts of every ``(GROUP_CONCAT(…; separator=S) AS ?v)`` column, so a result reads the same from
every source.

``inspect_query`` reads the shape of a query without running it (its form, whether it is an
update, whether it uses SERVICE or names its own dataset), for the read-only endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from hwgraph.namespace import PREFIXES

__all__ = [
    "QueryShape",
    "has_implicit_union",
    "inspect_query",
    "query_dataset",
    "sort_group_concats",
    "with_union_default",
    "without_materialised_union",
]

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
_QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})

# One token of SPARQL text: comments and strings are matched first so that a keyword inside them
# never counts; an IRI is <…> without spaces (so `?a < ?b` stays two tokens and an operator).
# Compiled on first use (1.5 ms): most queries never need it (see query_dataset).
_TOKEN_PATTERN = r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<pname>[\w.\-]*:[\w.\-:%\\]*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<space>\s+)
  | (?P<other>.)
    """
_TOKEN: re.Pattern[str] | None = None


class QueryShape(NamedTuple):
    """What a SPARQL text asks for, read without parsing it fully.

    (A NamedTuple rather than a dataclass: importing dataclasses costs every query run 5 ms.)
    """

    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, an update keyword, or None
    is_update: bool
    uses_service: bool
    names_dataset: bool  # has FROM or FROM NAMED


def _tokens(text: str) -> list[tuple[str, str]]:
    global _TOKEN
    if _TOKEN is None:
        _TOKEN = re.compile(_TOKEN_PATTERN, re.VERBOSE | re.DOTALL)
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("comment", "space"):
            out.append((kind, m.group()))
    return out


def inspect_query(text: str) -> QueryShape:
    """The form of ``text`` and whether it updates, uses SERVICE or names its own dataset."""
    tokens = _tokens(text)
    words = [value.upper() for kind, value in tokens if kind == "word"]
    form = None
    for word in words:
        if word in ("PREFIX", "BASE"):
            continue
        form = word
        break
    is_update = form in UPDATE_KEYWORDS or (form not in _QUERY_FORMS and any(w in UPDATE_KEYWORDS for w in words))
    return QueryShape(
        form=form,
        is_update=is_update,
        uses_service="SERVICE" in words,
        names_dataset="FROM" in words,
    )


def has_implicit_union(store: Store) -> bool:
    """True when ``store``'s default graph is empty: it then stands for the union of the named graphs."""
    return next(iter(store.quads_for_pattern(None, None, None, DefaultGraph())), None) is None


def query_dataset(
    store: Store,
    query: str,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    prefixes: dict[str, str] | None = PREFIXES,
) -> object:
    """Run ``query`` on ``store`` with hwgraph's dataset semantics (see the module docstring).

    ``default_graphs``/``named_graphs`` are the SPARQL 1.1 Protocol's ``default-graph-uri`` and
    ``named-graph-uri``: when either is given they make the whole dataset (the other part is
    empty) and override the query's FROM/FROM NAMED. Raises ``SyntaxError`` for malformed SPARQL
    and ``ValueError`` for a graph name that is not an IRI.
    """
    if default_graphs is not None or named_graphs is not None:
        return store.query(
            query,
            prefixes=prefixes,
            default_graph=[NamedNode(g) for g in default_graphs or ()],
            named_graphs=[NamedNode(g) for g in named_graphs or ()],
        )
    # A query without the letters FROM cannot name a dataset: it skips the tokenizer.
    if ("FROM" in query.upper() and inspect_query(query).names_dataset) or not has_implicit_union(store):
        return store.query(query, prefixes=prefixes)
    return store.query(query, prefixes=prefixes, use_default_graph_as_union=True)


def with_union_default(quads: Iterable[Quad]) -> list[Quad]:
    """``quads`` plus every triple of their named graphs once more in the default graph.

    This is what a file must carry so that a standard store, whose default graph is its own graph,
    sees the same default graph as hwgraph. Quads already in the default graph are kept as they are.
    """
    quads = list(quads)
    union = {q.triple for q in quads}
    out = [q for q in quads if not isinstance(q.graph_name, DefaultGraph)]
    out += [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in union]
    return out


def without_materialised_union(quads: Iterable[Quad]) -> list[Quad]:
    """``quads`` without their default graph when it is exactly the union of their named graphs
    (as in hwgraph's own N-Quads, TriG and JSON-LD): what hwgraph's store holds for the same data,
    so code that queries with Oxigraph's union flag does not see every triple twice."""
    quads = list(quads)
    named = [q for q in quads if not isinstance(q.graph_name, DefaultGraph)]
    default = {q.triple for q in quads if isinstance(q.graph_name, DefaultGraph)}
    if named and default and default == {q.triple for q in named}:
        return named
    return quads


# ---- GROUP_CONCAT ---------------------------------------------------------------------------------


def _unquote(token: str) -> str:
    body = token[3:-3] if token[:3] in ("'''", '"""') else token[1:-1]
    escapes = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), body)


def group_concat_separators(query: str) -> dict[str, str]:
    """``{variable: separator}`` of every ``(GROUP_CONCAT(…) AS ?variable)`` in ``query``."""
    if "GROUP_CONCAT" not in query.upper():  # the common case, without the tokenizer
        return {}
    tokens = _tokens(query)
    found: dict[str, str] = {}
    for i, (kind, value) in enumerate(tokens):
        if kind != "word" or value.upper() != "GROUP_CONCAT" or i == 0 or tokens[i - 1][1] != "(":
            continue
        depth, j, separator = 0, i + 1, " "
        while j < len(tokens):
            v = tokens[j][1]
            if v == "(":
                depth += 1
            elif v == ")":
                depth -= 1
                if depth == 0:
                    break
            elif (
                depth == 1
                and tokens[j][0] == "word"
                and v.upper() == "SEPARATOR"
                and j + 2 < len(tokens)
                and tokens[j + 2][0] == "string"
            ):
                separator = _unquote(tokens[j + 2][1])
            j += 1
        rest = tokens[j + 1 : j + 3]
        if len(rest) == 2 and rest[0][1].upper() == "AS" and rest[1][0] == "var":
            found[rest[1][1][1:]] = separator
    return found


def _sorted_concat(term: object, separator: str) -> object:
    if not isinstance(term, Literal) or not separator or separator not in term.value:
        return term
    value = separator.join(sorted(term.value.split(separator)))
    if term.language:
        return Literal(value, language=term.language)
    return Literal(value, datatype=term.datatype)


def sort_group_concats(
    query: str, variables: Sequence[str], rows: Iterable[Sequence[object]]
) -> list[tuple[object, ...]]:
    """``rows`` with the parts of each GROUP_CONCAT column of ``query`` sorted, so a result is the
    same from every store (SPARQL leaves the order of GROUP_CONCAT's values open)."""
    separators = group_concat_separators(query)
    columns = [(i, separators[v]) for i, v in enumerate(variables) if v in separators]
    if not columns:
        return [tuple(row) for row in rows]
    out = []
    for row in rows:
        cells = list(row)
        for i, separator in columns:
            cells[i] = _sorted_concat(cells[i], separator)
        out.append(tuple(cells))
    return out
