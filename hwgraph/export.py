"""Export the graph in the formats other tools read.

RDF formats (turtle, ntriples, nquads, trig) are written canonically by ``hwgraph.store``.
``jsonld`` is compacted against a context of hwgraph's prefixes, so keys read ``hw:year`` and
integers and booleans are native JSON. Every format that carries graphs (nquads, trig, jsonld)
keeps the named graphs, one per document, and carries their union in the default graph, so a
standard store loaded from it queries like hwgraph (``hwgraph.dataset``).

``graphml`` is for Gephi: one node per resource with its literal properties as attributes and its
source span folded in, one edge per link between resources (provenance span nodes left out).
``csv`` has one row per quad by default (``table="triples"``); two other tables give the numbers of
the analytics so they open in a spreadsheet or pandas (:func:`csv_table`):

* ``matrix``: the program × document matrix of ``hwgraph compare``
  (:func:`hwgraph.analytics.compare.compare_data`): a ``program`` column, then one column per
  document headed by its title, in the report's column order (grouped ``by`` place, year or
  level) and its row order (most documents first, then name), every used program (the report
  draws the first 500). A cell is the number of mentions, ``0`` when the document does not use the
  program (a full integer grid: ``pandas.read_csv(f, index_col=0)`` gives int columns). A title
  that two documents share is followed by `` <id>``, the end of the document's IRI.
* ``programs``: ``hwgraph stats --json``'s ``programs`` (:func:`hwgraph.analytics.stats.stats`),
  one row each: name, documents, first_year (empty when no document is dated), levels (space
  separated, top down), members_agree (``true``/``false``, empty when no document spells them out).

Every table is UTF-8 with LF line ends, the same bytes for the same graph. ``bom=True`` puts a
UTF-8 byte order mark first: Excel needs it to read a double-clicked CSV as UTF-8 (without it the
Chinese text shows as mojibake); it is off by default because pipes, ``csv.reader`` and
``hwgraph query --format csv`` go without one (pandas and LibreOffice read both).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import networkx as nx
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Triple

from hwgraph._io import atomic_write, write_bytes_atomic
from hwgraph.dataset import with_union_default
from hwgraph.namespace import OA, PREFIXES, curie
from hwgraph.store import (
    canonical_nquads_with_union,
    canonical_ntriples,
    canonical_trig,
    canonical_turtle,
    open_store,
    sorted_quads,
    sorted_triples,
    write_store_graph,
)

__all__ = ["CSV_TABLES", "JSONLD_CONTEXT", "ExportFormat", "csv_table", "export", "export_bytes", "export_to"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/identifier",
)
_SPAN = "https://w3id.org/hwgraph/ns#span"

JSONLD_CONTEXT: dict[str, str] = dict(PREFIXES)

CSV_TABLES = ("triples", "matrix", "programs")
"""The tables ``csv`` export writes: one row per quad (the default), the compare matrix, the
per-program table of stats."""
_BOM = "\ufeff".encode()


class ExportFormat(str, Enum):
    """Formats ``hwgraph export`` writes."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    CSV = "csv"


def _curie(iri: str) -> str:
    return curie(iri) or iri


def _node_id(term: NamedNode | BlankNode) -> str:
    return f"_:{term.value}" if isinstance(term, BlankNode) else _curie(term.value)


def _jsonld_value(term: object) -> object:
    if isinstance(term, (NamedNode, BlankNode)):
        return {"@id": _node_id(term)}
    assert isinstance(term, Literal)
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if datatype == _XSD + "string":
        return term.value
    if datatype == _XSD + "boolean" and term.value in ("true", "false"):
        return term.value == "true"
    # Native JSON numbers read back as xsd:integer only when the lexical form is canonical.
    if (
        datatype == _XSD + "integer"
        and term.value.lstrip("-").isdigit()
        and str(int(term.value)) == term.value
    ):
        return int(term.value)
    return {"@value": term.value, "@type": _curie(datatype)}


def _jsonld_nodes(triples: list[Triple]) -> list[dict[str, object]]:
    nodes: dict[str, dict[str, object]] = {}
    for t in triples:
        node = nodes.setdefault(_node_id(t.subject), {"@id": _node_id(t.subject)})
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, NamedNode):
            node.setdefault("@type", []).append(_curie(t.object.value))  # type: ignore[union-attr]
        else:
            node.setdefault(_curie(t.predicate.value), []).append(_jsonld_value(t.object))  # type: ignore[union-attr]
    return [{k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in n.items()} for n in nodes.values()]


def _jsonld(quads: list[Quad]) -> bytes:
    """The default graph's nodes, then one ``{"@id": graph, "@graph": [...]}`` per named graph."""
    by_graph: dict[NamedNode | BlankNode, list[Quad]] = defaultdict(list)
    default = []
    for q in quads:
        if isinstance(q.graph_name, DefaultGraph):
            default.append(q)
        else:
            by_graph[q.graph_name].append(q)  # type: ignore[index]
    graph = _jsonld_nodes(sorted_triples(default))
    for name in sorted(by_graph, key=lambda g: g.value):
        graph.append({"@id": _node_id(name), "@graph": _jsonld_nodes(sorted_triples(by_graph[name]))})
    doc = {"@context": JSONLD_CONTEXT, "@graph": graph}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _attr(curie: str) -> str:
    return curie.replace(":", "_")


def _graphml(triples: list[Triple]) -> bytes:
    spans = {
        t.subject
        for t in triples
        if t.predicate.value == _RDF_TYPE and t.object.value == str(OA.SpecificResource)
    }
    selectors = {t.object for t in triples if t.subject in spans and t.predicate.value == str(OA.hasSelector)}
    hidden = spans | selectors
    span_attrs: dict[object, dict[str, object]] = defaultdict(dict)
    for t in triples:
        if t.subject in selectors and t.predicate.value in (str(OA.start), str(OA.end), str(OA.exact)):
            span_attrs[t.subject][t.predicate.value.rsplit("#", 1)[1]] = t.object.value
    by_span: dict[object, dict[str, object]] = defaultdict(dict)
    for t in triples:
        if t.subject in spans and t.predicate.value == str(OA.hasSelector):
            by_span[t.subject].update(span_attrs.get(t.object, {}))

    g = nx.MultiDiGraph()
    attrs: dict[str, dict[str, object]] = defaultdict(dict)
    for t in triples:
        s = t.subject
        if s in hidden:
            continue
        sid = _node_id(s)
        attrs.setdefault(sid, {})
        pred = _curie(t.predicate.value)
        o = t.object
        if t.predicate.value == _RDF_TYPE:
            types = attrs[sid].get("type")
            attrs[sid]["type"] = _curie(o.value) if types is None else f"{types} {_curie(o.value)}"
        elif t.predicate.value == _SPAN and o in by_span:
            if "start" not in attrs[sid]:
                span = by_span[o]
                attrs[sid].update(
                    {"start": int(str(span.get("start", -1))), "end": int(str(span.get("end", -1)))}
                )
                attrs[sid]["quote"] = str(span.get("exact", ""))
        elif isinstance(o, Literal):
            key = _attr(pred)
            if key in attrs[sid]:
                attrs[sid][key] = f"{attrs[sid][key]} | {o.value}"
            elif o.datatype.value == _XSD + "integer":
                attrs[sid][key] = int(o.value)  # typed, so Gephi can rank and filter by it
            else:
                attrs[sid][key] = o.value
        elif o not in hidden:
            oid = _node_id(o)  # type: ignore[arg-type]
            attrs.setdefault(oid, {})
            g.add_edge(sid, oid, key=pred, predicate=pred, label=pred.split(":", 1)[-1])
    for nid, a in attrs.items():
        label = next((a[_attr(_curie(p))] for p in _LABELS if _attr(_curie(p)) in a), nid)
        if "hw_marker" in a:
            label = f"{a['hw_marker']}{a.get('dcterms_title', '')}"
        g.add_node(nid, label=str(label), **a)
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(g.nodes(data=True), key=lambda n: n[0]))
    ordered.add_edges_from(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])))
    return ("\n".join(nx.generate_graphml(ordered, prettyprint=True)) + "\n").encode("utf-8")


def _csv(quads: list[Quad]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["subject", "predicate", "object", "datatype", "language", "graph"])
    for q in quads:
        o = q.object
        if isinstance(o, Literal):
            row = [o.value, "" if o.language else o.datatype.value, o.language or ""]
        else:
            row = [str(o).strip("<>"), "", ""]
        graph = "" if not isinstance(q.graph_name, (NamedNode, BlankNode)) else q.graph_name.value
        writer.writerow([q.subject.value, q.predicate.value, *row, graph])
    return buf.getvalue().encode("utf-8")


def export_bytes(quads: Iterable[Quad], fmt: ExportFormat | str) -> bytes:
    """``quads`` serialised as ``fmt``, deterministic for the same quads; nquads, trig and jsonld
    carry the union of the named graphs in their default graph too."""
    fmt = ExportFormat(fmt)
    quads = list(quads)
    if fmt is ExportFormat.TURTLE:
        return canonical_turtle(quads)
    if fmt is ExportFormat.NTRIPLES:
        return canonical_ntriples(quads)
    if fmt is ExportFormat.NQUADS:
        return canonical_nquads_with_union(quads)
    if fmt is ExportFormat.TRIG:
        return canonical_trig(with_union_default(quads))
    if fmt is ExportFormat.JSONLD:
        return _jsonld(with_union_default(quads))
    if fmt is ExportFormat.GRAPHML:
        return _graphml(sorted_triples(quads))
    return _csv(sorted_quads(quads))


def _rows_csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _matrix_csv(store: Store, by: str) -> bytes:
    """The program × document matrix of the compare report, every used program."""
    from hwgraph.analytics._model import read_corpus
    from hwgraph.analytics.compare import corpus_compare

    corpus = read_corpus(store)
    data = corpus_compare(corpus, by, (), max_programs=len(corpus.programs))
    seen = Counter(d.title for d in data.documents)
    header = ["program"] + [
        d.title if seen[d.title] == 1 else f"{d.title} <{d.iri.rsplit('/', 1)[-1]}>" for d in data.documents
    ]
    grid = [[0] * len(data.documents) for _ in data.programs]
    for i, j, mentions in data.cells:
        grid[i][j] = mentions
    return _rows_csv(header, ([p.name, *row] for p, row in zip(data.programs, grid, strict=True)))


def _programs_csv(store: Store) -> bytes:
    """``stats(...).programs``, one row per program."""
    from hwgraph.analytics.stats import stats

    def flag(v: bool | None) -> str:
        return "" if v is None else "true" if v else "false"

    rows = (
        [p.name, p.documents, "" if p.first_year is None else p.first_year, " ".join(p.levels), flag(p.members_agree)]
        for p in stats(store).programs
    )
    return _rows_csv(["name", "documents", "first_year", "levels", "members_agree"], rows)


def csv_table(store: Store, table: str = "triples", by: str = "place", bom: bool = False) -> bytes:
    """One CSV table of ``store`` (see the module docstring): ``triples`` (one row per quad),
    ``matrix`` (programs × documents, columns grouped ``by`` place, year or level, as in
    ``hwgraph compare``) or ``programs`` (as in ``hwgraph stats``); ``bom`` for Excel."""
    if table not in CSV_TABLES:
        raise ValueError(f"table must be one of {CSV_TABLES}, not {table!r}")
    if table == "matrix":
        data = _matrix_csv(store, by)
    elif table == "programs":
        data = _programs_csv(store)
    else:
        data = _csv(sorted_quads(store))
    return _BOM + data if bom else data


# The formats written from a store without a Python object per quad (hwgraph.store.write_store_graph).
_LINE_SORTED = {
    ExportFormat.TURTLE: RdfFormat.TURTLE,
    ExportFormat.NTRIPLES: RdfFormat.N_TRIPLES,
    ExportFormat.NQUADS: RdfFormat.N_QUADS,
}


def _check_options(fmt: ExportFormat, table: str, by: str, bom: bool) -> None:
    if fmt is not ExportFormat.CSV and (table != "triples" or by != "place" or bom):
        raise ValueError(f"table, by and bom are options of the csv format, not of {fmt.value}")


class _Counting:
    """A binary writer that passes everything to ``out`` and counts the bytes."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.written = 0

    def write(self, data: bytes) -> int:
        self.out.write(data)
        self.written += len(data)
        return len(data)


def export_to(
    fmt: ExportFormat | str,
    graph: Store | str | Path | None,
    out: str | Path | BinaryIO,
    table: str = "triples",
    by: str = "place",
    bom: bool = False,
) -> int:
    """Write what :func:`export` returns for ``graph`` to ``out`` (a path, written atomically, or a
    binary file such as ``sys.stdout.buffer``) and return the number of bytes written.

    Turtle, N-Triples and N-Quads never hold the graph in Python: Oxigraph dumps the store, the
    lines are sorted on disk in bounded runs, and the result is streamed to ``out``
    (:func:`hwgraph.store.write_store_graph`), so memory stays flat as the graph grows (about
    100 MB for a million quads, against 1 GB as a list). The other formats are built in memory.
    """
    fmt = ExportFormat(fmt)
    _check_options(fmt, table, by, bom)
    if isinstance(out, (str, Path)):
        with atomic_write(out, "wb") as fh:
            return export_to(fmt, graph, fh, table, by, bom)
    store = graph if isinstance(graph, Store) else open_store(graph)
    counted = _Counting(out)
    if fmt in _LINE_SORTED:
        write_store_graph(counted, store, _LINE_SORTED[fmt])  # type: ignore[arg-type]
    else:
        counted.write(csv_table(store, table, by, bom) if fmt is ExportFormat.CSV else export_bytes(store, fmt))
    return counted.written


def export(
    fmt: ExportFormat | str,
    graph: Store | str | Path | None = None,
    out: str | Path | None = None,
    table: str = "triples",
    by: str = "place",
    bom: bool = False,
) -> bytes:
    """Export ``graph`` (a store, graph file or build folder; None is the last build) as ``fmt``;
    write it atomically to ``out`` when given. Returns the bytes (:func:`export_to` writes them
    without holding them: the way for a large graph). ``table`` and ``bom`` choose the
    CSV table (:func:`csv_table`), ``by`` the matrix's column groups; other formats take only the
    defaults.
    """
    fmt = ExportFormat(fmt)
    _check_options(fmt, table, by, bom)
    store = graph if isinstance(graph, Store) else open_store(graph)
    if fmt in _LINE_SORTED:  # the bytes of export_bytes(store, fmt) without a list of the quads
        buf = io.BytesIO()
        export_to(fmt, store, buf)
        data = buf.getvalue()
    else:
        data = csv_table(store, table, by, bom) if fmt is ExportFormat.CSV else export_bytes(store, fmt)
    if out is not None:
        write_bytes_atomic(out, data)
    return data
