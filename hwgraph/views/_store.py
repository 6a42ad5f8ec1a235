"""The graph the page draws, opened as an in-memory pyoxigraph store, and SPARQL rows from it.

Every query runs over the union of the named graphs. Each row is a dict of plain Python values
(``int`` for integer literals, ``bool`` for booleans, the lexical form otherwise); a blank node is
``_:id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
import rdflib

from hwgraph.dataset import query_dataset
from hwgraph.errors import GraphError, NotFoundError

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(
    ox.NamedNode(_XSD + t) for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")
)
_BOOLEAN = ox.NamedNode(_XSD + "boolean")


def open_store(graph: ox.Store | rdflib.Graph | str | Path) -> ox.Store:
    """``graph`` as a store: a store as is, an rdflib graph or an RDF file loaded into memory, a
    store folder opened read-only. Raises ``NotFoundError`` or ``GraphError`` with a fix."""
    if isinstance(graph, ox.Store):
        return graph
    if isinstance(graph, rdflib.Graph):
        store = ox.Store()
        data = graph.serialize(format="nquads" if _is_dataset(graph) else "nt", encoding="utf-8")
        fmt = ox.RdfFormat.N_QUADS if _is_dataset(graph) else ox.RdfFormat.N_TRIPLES
        store.load(input=data, format=fmt)
        return store
    path = Path(graph)
    if not path.exists():
        raise NotFoundError(path, "no such graph file", "run `hwgraph build` first or pass the graph's path")
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as e:
            raise GraphError(f"{path}: not a graph store ({e}); pass a .ttl/.trig/.nq file instead") from e
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower() or "ttl")
    if fmt is None:
        raise GraphError(f"{path}: unknown RDF format {path.suffix!r}; use .ttl, .trig, .nt, .nq or .jsonld")
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as e:
        raise GraphError(f"{path}: cannot read as {fmt}: {e}; check the file or rebuild it") from e
    return store


def _is_dataset(graph: rdflib.Graph) -> bool:
    return isinstance(graph, rdflib.Dataset | rdflib.ConjunctiveGraph)


def _value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype
        text = term.value
        if dt in _INTEGER_TYPES:
            try:
                return int(text)
            except ValueError:
                return text
        if dt == _BOOLEAN:
            return text in {"true", "1"}
        return text
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[attr-defined]


def select(store: ox.Store, query: str) -> Iterator[dict[str, object]]:
    """The solutions of a SELECT ``query`` (hwgraph's prefixes predeclared) as plain dicts."""
    solutions = query_dataset(store, query)  # the union of the named graphs, even from an exported .nq
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    for solution in solutions:  # type: ignore[union-attr]
        yield dict(zip(names, map(_value, solution), strict=True))


def first_by(rows: Iterable[dict[str, object]], key: str) -> dict[str, dict[str, object]]:
    """One row per ``key``: for each column the smallest value seen, so repeats cannot reorder output."""
    out: dict[str, dict[str, object]] = {}
    for row in rows:
        k = row[key]
        if k is None:
            continue
        seen = out.setdefault(str(k), {})
        for col, val in row.items():
            if val is None:
                continue
            old = seen.get(col)
            if old is None or (type(old) is type(val) and val < old):  # type: ignore[operator]
                seen[col] = val
    return out
