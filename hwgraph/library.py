"""A built graph for notebooks and scripts: ``hwgraph.load()`` and what it gives::

    import hwgraph
    kg = hwgraph.load("outputs")               # a build folder, a .ttl/.nq file or a store
    rows = kg.query("shared-programs")         # a named query, a .rq file or SPARQL text
    rows[0]["program"]                         # '十四五'
    kg.query("documents", as_frame=True)       # a pandas DataFrame (pip install 'hwgraph[notebook]')
    g = kg.to_networkx()                       # one node per resource, literals as attributes
    net = kg.to_pyvis()                        # pyvis's Network, to restyle and draw

Rows come back as plain Python values: IRIs as strings, ``xsd:integer`` as ``int``,
``xsd:boolean`` as ``bool``, decimals and doubles as ``float``, other literals as strings, unbound
variables as ``None``. The networkx graph is shaped like the GraphML of ``hwgraph export``: source
spans are folded into the node they locate (``quote``, ``quote_start``, ``quote_end``) rather than
drawn as nodes of their own.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from hwgraph._paths import find_graph
from hwgraph.errors import HwgraphError
from hwgraph.export import _curie, _node_id
from hwgraph.query import QueryKind, resolve_query, run_query
from hwgraph.store import open_store

if TYPE_CHECKING:
    import pandas
    import pyvis.network

    from hwgraph.validate import ValidationResult

__all__ = ["KnowledgeGraph", "Rows", "load", "to_networkx", "to_pyvis"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte",
    )
}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_OA = "http://www.w3.org/ns/oa#"
_SPAN = "https://w3id.org/hwgraph/ns#span"
_LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/identifier",
)
_MARKER = "https://w3id.org/hwgraph/ns#marker"


class Rows(list):
    """The rows of a SELECT (or the triples of a CONSTRUCT) as dicts, in the query's order.

    A ``list`` of ``dict``; ``columns`` are the query's variables. In Jupyter it shows as a table.
    """

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: Iterable[str] = ()) -> None:
        super().__init__(rows)
        self.columns: tuple[str, ...] = tuple(columns)

    def to_frame(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame with one column per variable (needs pandas)."""
        try:
            import pandas as pd
        except ModuleNotFoundError as e:
            raise HwgraphError(
                "query results as a DataFrame need pandas; pip install 'hwgraph[notebook]' (or pandas)"
            ) from e
        return pd.DataFrame(list(self), columns=list(self.columns))

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in self.columns) + "</tr>"
            for row in self
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _python(term: object) -> object:
    """A query result term as a plain Python value."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value  # an ill-typed literal stays as written
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)  # an RDF-star triple term


class KnowledgeGraph:
    """A built hwgraph graph, read-only: query it, or hand it to networkx or pyvis."""

    def __init__(self, store: Store, source: str | None = None) -> None:
        self.store = store
        self.source = source

    def __repr__(self) -> str:
        where = f" from {self.source}" if self.source else ""
        return f"<hwgraph.KnowledgeGraph{where}: {len(self)} quads>"

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql_or_name: str, *, as_frame: bool = False) -> Rows | bool | pandas.DataFrame:
        """Run a named query (``documents``, ``shared-programs``… see ``hwgraph query --list``), a
        ``.rq`` file or SPARQL text over the union of all graphs, with hwgraph's prefixes declared.

        SELECT gives :class:`Rows` (dicts of plain values), or a DataFrame with ``as_frame=True``;
        ASK gives a ``bool``; CONSTRUCT and DESCRIBE give rows of subject, predicate and object.
        """
        result = run_query(resolve_query(sparql_or_name), self.store)
        if result.kind is QueryKind.ASK:
            return bool(result.boolean)
        if result.kind is QueryKind.SELECT:
            rows = Rows(
                ({v: _python(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows),
                result.variables,
            )
        else:
            rows = Rows(
                (
                    {"subject": _python(t.subject), "predicate": _python(t.predicate), "object": _python(t.object)}
                    for t in result.triples
                ),
                ("subject", "predicate", "object"),
            )
        return rows.to_frame() if as_frame else rows

    def validate(self) -> ValidationResult:
        """The graph checked against the SHACL shapes (``ontology/shapes.ttl``)."""
        from hwgraph.validate import validate

        return validate(self.store)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as networkx: one node per resource (see :func:`to_networkx`)."""
        return to_networkx(self.store)

    def to_pyvis(self, **network: Any) -> pyvis.network.Network:
        """The graph as a pyvis ``Network`` (see :func:`to_pyvis`)."""
        return to_pyvis(self, **network)


def load(path: str | Path | None = None) -> KnowledgeGraph:
    """Open a built graph: a build folder (its store, else ``hwgraph.nq``, else ``hwgraph.ttl``),
    a graph file (.ttl, .nq, .trig, .nt, .jsonld) or an Oxigraph store folder; ``None`` is the
    last build in ``outputs/``. A store is opened read-only; a file is loaded into memory.
    """
    found = find_graph(path)
    return KnowledgeGraph(open_store(found), None if found is None else str(found))


def _quads(graph: KnowledgeGraph | Store | Iterable[Quad] | str | Path | None) -> Iterable[Quad]:
    if isinstance(graph, KnowledgeGraph):
        return graph.store
    if graph is None or isinstance(graph, (str, Path)):
        return load(graph).store
    return graph


def to_networkx(graph: KnowledgeGraph | Store | Iterable[Quad] | str | Path | None = None) -> nx.MultiDiGraph:
    """A networkx ``MultiDiGraph`` of ``graph`` (anything :func:`load` takes, a store or quads).

    Nodes are resources keyed by their prefixed name (``doc:…``), with ``label``, ``type``
    (prefixed classes, space-separated, hwgraph's own first), one attribute per literal property (``hw:year``; several
    values become a list) and, for anything with a source span, ``quote`` with its character offsets
    ``quote_start`` and ``quote_end`` in the source file.
    Edges are links between resources, keyed by their prefixed predicate (``hw:parent``).
    """
    triples = {q.triple if isinstance(q, Quad) else q for q in _quads(graph)}
    spans = {t.subject for t in triples if t.predicate.value == _RDF_TYPE and t.object.value == _OA + "SpecificResource"}
    selectors = {t.object for t in triples if t.subject in spans and t.predicate.value == _OA + "hasSelector"}
    selector_of = {t.object: t.subject for t in triples if t.subject in spans and t.predicate.value == _OA + "hasSelector"}
    span_info: dict[object, dict[str, object]] = defaultdict(dict)
    for t in triples:
        if t.subject in selectors and t.predicate.value in (_OA + "start", _OA + "end", _OA + "exact"):
            key = {"start": "quote_start", "end": "quote_end", "exact": "quote"}[t.predicate.value[len(_OA) :]]
            span_info[selector_of[t.subject]][key] = _python(t.object)
    hidden = spans | selectors
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for t in sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))):
        if t.subject in hidden:
            continue
        attrs = nodes.setdefault(_node_id(t.subject), {})
        pred, obj = t.predicate.value, t.object
        if pred == _RDF_TYPE:
            types = [*attrs.get("type", "").split(), _curie(obj.value)]
            attrs["type"] = " ".join(sorted(types, key=lambda c: (not c.startswith("hw:"), c)))  # hw: first
        elif pred == _SPAN:
            if obj in span_info and "quote" not in attrs:
                attrs.update(span_info[obj])
        elif isinstance(obj, Literal):
            key = _curie(pred)
            value = _python(obj)
            if key not in attrs:
                attrs[key] = value
            elif isinstance(attrs[key], list):
                attrs[key].append(value)
            else:
                attrs[key] = [attrs[key], value]
        elif obj not in hidden:
            nodes.setdefault(_node_id(obj), {})
            edges.append((_node_id(t.subject), _node_id(obj), _curie(pred)))
    g = nx.MultiDiGraph()
    for nid, attrs in nodes.items():
        g.add_node(nid, label=_label(nid, attrs), **attrs)
    for s, o, p in edges:
        g.add_edge(s, o, key=p, predicate=p)
    return g


def _label(nid: str, attrs: dict[str, Any]) -> str:
    if _curie(_MARKER) in attrs:
        return f"{attrs[_curie(_MARKER)]}{attrs.get('dcterms:title', '')}"
    for iri in _LABELS:
        value = attrs.get(_curie(iri))
        if value is not None:
            return str(value[0] if isinstance(value, list) else value)
    return nid


def to_pyvis(
    graph: nx.Graph | KnowledgeGraph | Store | Iterable[Quad] | str | Path | None = None, **network: Any
) -> pyvis.network.Network:
    """A pyvis ``Network`` of ``graph`` (a networkx graph from :func:`to_networkx`, or anything
    that takes), for notebook users who want to restyle it with pyvis's own API.

    Nodes are grouped (and so coloured) by class; their tooltips give class, label and source
    quote, HTML-escaped. ``network`` goes to ``pyvis.network.Network`` (``height``, ``notebook``…).
    vis-network is inlined, so the graph draws offline (pyvis's template still links Bootstrap's
    CSS from a CDN, which only styles the frame; ``hwgraph html`` is fully offline). Write it with
    ``Path("g.html").write_text(net.generate_html(), encoding="utf-8")``. pyvis adds nodes in
    quadratic time: past a few thousand nodes, filter the networkx graph first.
    """
    from pyvis.network import Network

    g = graph if isinstance(graph, nx.Graph) else to_networkx(graph)
    options: dict[str, Any] = {"directed": g.is_directed(), "cdn_resources": "in_line", "height": "750px"}
    options.update(network)
    net = Network(**options)
    for nid, attrs in g.nodes(data=True):
        label = str(attrs.get("label", nid))
        kind = str(attrs.get("type", "")).split(" ")[0]
        quote = f"“{attrs['quote']}” [{attrs.get('quote_start')}, {attrs.get('quote_end')})" if "quote" in attrs else ""
        tip = [kind, label, quote]
        net.add_node(
            nid, label=label if len(label) <= 24 else label[:23] + "…",
            title=html.escape("\n".join(t for t in tip if t)), group=kind.split(":")[-1] or "resource",
        )
    for s, o, data in g.edges(data=True):
        predicate = str(data.get("predicate", ""))
        net.add_edge(s, o, title=html.escape(predicate), label=predicate.split(":")[-1])
    return net
