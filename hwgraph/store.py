"""The Oxigraph store and canonical serialisations of the graph.

A build persists its quads in an on-disk Oxigraph store (``outputs/store/`` by default) so a
query does not re-parse Turtle. Graph files are written canonically: triples sorted by subject,
``rdf:type`` first, then predicate and object, and the prefixes of ``hwgraph.namespace.PREFIXES``
in their fixed order, so two builds of the same corpus give byte-identical files.

The store keeps each triple in exactly one named graph; N-Quads and TriG files written here also
carry the union of the named graphs in their default graph, so any standard store loaded from them
sees the dataset hwgraph queries (see ``hwgraph.dataset``).

Everything here talks to pyoxigraph directly: going through rdflib (or oxrdflib with
``format="turtle"``) is 10-70x slower at this size.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, Triple, parse, serialize

from hwgraph._io import atomic_write
from hwgraph.dataset import with_union_default
from hwgraph.errors import GraphError
from hwgraph.namespace import PREFIXES

__all__ = [
    "DEFAULT_OUT",
    "STORE_DIR",
    "canonical_nquads",
    "canonical_nquads_with_union",
    "canonical_ntriples",
    "canonical_trig",
    "canonical_turtle",
    "create_store",
    "graph_format",
    "load_quads",
    "open_store",
    "sorted_quads",
    "sorted_triples",
    "store_quads",
    "write_graph",
]

DEFAULT_OUT = Path("outputs")
STORE_DIR = "store"

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_FORMATS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".turtle": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
    ".json": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML,
    ".xml": RdfFormat.RDF_XML,
}


def graph_format(path: str | Path) -> RdfFormat:
    """The RDF format of a graph file, from its extension."""
    fmt = _FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_FORMATS))
        raise GraphError(f"{path}: unknown graph file type; use one of {known} or a store folder")
    return fmt


def _triple_key(t: Triple) -> tuple[str, bool, str, str]:
    return (t.subject.value, t.predicate.value != _RDF_TYPE, t.predicate.value, str(t.object))


def sorted_triples(items: Iterable[Quad | Triple]) -> list[Triple]:
    """The distinct triples of ``items`` (quads lose their graph) in canonical order."""
    triples = {item.triple if isinstance(item, Quad) else item for item in items}
    return sorted(triples, key=_triple_key)


def _quad_key(q: Quad) -> tuple[str, str, bool, str, str]:
    return (str(q.graph_name), *_triple_key(q.triple))


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The distinct quads in canonical order: by graph, then as ``sorted_triples``."""
    return sorted(set(quads), key=_quad_key)


def _prefix_header() -> bytes:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items()).encode()


def _with_fixed_prefixes(data: bytes) -> bytes:
    # The serializer's own prefix order is an implementation detail; write ours in a fixed order.
    lines = data.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix "):
        i += 1
    return _prefix_header() + b"\n" + b"\n".join(lines[i:])


_NT_TYPE = f" <{_RDF_TYPE}> ".encode()
_TYPE_FIRST = b" <\x00> "  # sorts before any IRI, so rdf:type leads each subject's block


def _sort_keys(data: bytes) -> list[bytes]:
    """The lines of an N-Triples/N-Quads text as sort keys: rdf:type first for each subject.

    Bytes compare as their UTF-8 code points, so no line is decoded; NUL never occurs in
    N-Triples (it is escaped), so the marker cannot collide with data.
    """
    keys = data.replace(_NT_TYPE, _TYPE_FIRST).split(b"\n")
    if keys and not keys[-1]:
        keys.pop()
    return keys


def _canonical_order(keys: list[bytes]) -> list[int]:
    """Indexes of ``keys`` in sorted order, each distinct key once."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    at = keys.__getitem__
    if any(map(bytes.__eq__, map(at, order), map(at, order[1:]))):  # rare: drop duplicates only then
        order = [i for j, i in enumerate(order) if j == 0 or keys[i] != keys[order[j - 1]]]
    return order


def _sorted_lines(data: bytes) -> bytes:
    """The distinct lines of an N-Triples/N-Quads text, sorted (rdf:type first for each subject)."""
    keys = _sort_keys(data)
    ranked = sorted(keys)
    if any(map(bytes.__eq__, ranked, ranked[1:])):
        ranked = [k for j, k in enumerate(ranked) if j == 0 or k != ranked[j - 1]]
    if not ranked:
        return b""
    return (b"\n".join(ranked) + b"\n").replace(_TYPE_FIRST, _NT_TYPE)


def _triple(item: Quad | Triple) -> Triple:
    return item.triple if isinstance(item, Quad) else item


def canonical_turtle(items: Iterable[Quad | Triple]) -> bytes:
    """Turtle of the union of ``items``, byte-identical for the same set of triples."""
    # The items are ordered by their N-Triples lines (one Oxigraph write, byte compares in C) and
    # handed to Oxigraph's Turtle writer in that order: no Python key per term, no parse. Triples
    # are made as the writers take them (a list of a million costs more than both writes).
    items = items if isinstance(items, list) else list(items)
    keys = _sort_keys(serialize(map(_triple, items), format=RdfFormat.N_TRIPLES) or b"")
    body = serialize((_triple(items[i]) for i in _canonical_order(keys)), format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return _with_fixed_prefixes(body or b"")


def canonical_trig(quads: Iterable[Quad]) -> bytes:
    """TriG of ``quads`` with one block per named graph, byte-identical for the same quads."""
    body = serialize(sorted_quads(quads), format=RdfFormat.TRIG, prefixes=PREFIXES)
    return _with_fixed_prefixes(body or b"")


def canonical_nquads(quads: Iterable[Quad]) -> bytes:
    """N-Quads of ``quads``, one line each, sorted."""
    return _sorted_lines(serialize(quads, format=RdfFormat.N_QUADS) or b"")


def canonical_ntriples(items: Iterable[Quad | Triple]) -> bytes:
    """N-Triples of the union of ``items``, sorted."""
    return _sorted_lines(serialize(map(_triple, items), format=RdfFormat.N_TRIPLES) or b"")


def canonical_nquads_with_union(items: Iterable[Quad | Triple]) -> bytes:
    """``canonical_nquads(with_union_default(items))`` without a Quad object per union triple:
    a default-graph line of N-Quads is the N-Triples line, so the union is Oxigraph's N-Triples
    of every item, and sorting drops the repeats."""
    items = items if isinstance(items, list) else list(items)
    named = [i for i in items if isinstance(i, Quad) and not isinstance(i.graph_name, DefaultGraph)]
    data = serialize(named, format=RdfFormat.N_QUADS) or b""
    return _sorted_lines(data + (serialize(map(_triple, items), format=RdfFormat.N_TRIPLES) or b""))


def write_graph(path: str | Path, items: Iterable[Quad | Triple]) -> Path:
    """Write ``items`` canonically to ``path`` (Turtle, N-Triples, N-Quads or TriG by extension).

    N-Quads and TriG get the named graphs and, in the default graph, their union.
    """
    path = Path(path)
    fmt = graph_format(path)
    items = list(items)
    if fmt == RdfFormat.TURTLE:
        data = canonical_turtle(items)
    elif fmt == RdfFormat.N_TRIPLES:
        data = canonical_ntriples(items)
    elif fmt == RdfFormat.N_QUADS:
        data = canonical_nquads_with_union(items)
    elif fmt == RdfFormat.TRIG:
        quads = with_union_default(
            i if isinstance(i, Quad) else Quad(i.subject, i.predicate, i.object, DefaultGraph())
            for i in items
        )
        data = canonical_trig(quads)
    else:
        raise GraphError(f"{path}: cannot write {fmt.name} canonically; use .ttl, .nt, .nq or .trig")
    with atomic_write(path, "wb") as fh:
        fh.write(data)
    return path


def load_quads(path: str | Path) -> list[Quad]:
    """Parse a graph file into quads (triples land in the default graph)."""
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: graph file not found; run `hwgraph build` or pass --graph FILE")
    fmt = graph_format(path)
    try:
        return list(parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as e:
        raise GraphError(f"{path}: cannot parse as {fmt.name}: {e}; fix the file or rebuild it") from e


def create_store(quads: Iterable[Quad], path: str | Path) -> Path:
    """Write ``quads`` into a fresh on-disk store at ``path``, replacing any store there.

    The store is filled in a temporary folder beside ``path`` and swapped in at the end, so a
    failed build leaves the previous store usable.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        store = Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        store.optimize()
        del store
        gc.collect()  # RocksDB releases its lock only when the store object is freed
        old = None
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
            path.replace(old / path.name)
        tmp.replace(path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


# True when the default graph and the union of the named graphs differ (queried without the union flag).
_DEFAULT_DIFFERS = """ASK {
  { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }
  UNION { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }
}"""


def _load_file(path: Path) -> Store:
    """An in-memory store of the graph file ``path``, parsed by Oxigraph straight into the store
    (no Python object per quad), with the materialised union dropped as in
    ``hwgraph.dataset.without_materialised_union``."""
    fmt = graph_format(path)
    store = Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as e:
        raise GraphError(f"{path}: cannot parse as {fmt.name}: {e}; fix the file or rebuild it") from e
    if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG, RdfFormat.JSON_LD) and not _has_only_one_part(store):
        if not bool(store.query(_DEFAULT_DIFFERS)):
            store.clear_graph(DefaultGraph())
    return store


def _has_only_one_part(store: Store) -> bool:
    """True when ``store`` has no named graph or nothing in its default graph."""
    no_named = next(iter(store.named_graphs()), None) is None
    return no_named or next(iter(store.quads_for_pattern(None, None, None, DefaultGraph())), None) is None


def open_store(graph: str | Path | None = None) -> Store:
    """Open ``graph`` for reading: a store folder (read-only), a build folder, or a graph file.

    ``None`` means the last build's store, ``outputs/store``. A graph file is loaded into an
    in-memory store; the union an exported file carries in its default graph is left implicit
    again, so the store holds what the build's store holds.
    """
    path = Path(graph) if graph is not None else DEFAULT_OUT / STORE_DIR
    if path.is_dir() and (path / STORE_DIR).is_dir():
        path = path / STORE_DIR
    if path.is_dir():
        try:
            return Store.read_only(str(path))
        except OSError as e:
            raise GraphError(f"{path}: cannot open the store: {e}; rebuild it with `hwgraph build`") from e
    if path.is_file():
        return _load_file(path)
    if graph is None:
        raise GraphError(f"{path}: no build found; run `hwgraph build` first or pass --graph FILE")
    raise GraphError(f"{path}: no such graph file or store; pass --graph a .ttl/.nq file or a build folder")


def store_quads(store: Store) -> list[Quad]:
    """All quads of ``store``."""
    return list(store)
