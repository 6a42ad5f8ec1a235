"""The Oxigraph store and canonical serialisations of the graph.

A build persists its quads in an on-disk Oxigraph store (``outputs/store/`` by default) so a
query does not re-parse Turtle. Graph files are written canonically: triples sorted by subject,
``rdf:type`` first, then predicate and object, and the prefixes of ``hwgraph.namespace.PREFIXES``
in their fixed order, so two builds of the same corpus give byte-identical files.

The order is worked out here because Oxigraph keeps none that depends on the content alone: an
in-memory ``Store`` iterates its quads newest first (insertion order, reversed), a ``Dataset`` in
the order of hashes seeded per process, and only the on-disk store in an order of the content
(its keys are hashes of the terms), which it reads back at ~4.5 s a million quads, more than the
sort. ``write_graphs`` writes several files with one sort; ``write_store_graph`` writes a store
(``hwgraph export``) without a Python object per quad, in bounded memory.

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
from collections.abc import Callable, Iterable
from itertools import islice
from operator import attrgetter, eq
from pathlib import Path
from typing import BinaryIO

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
    "write_graphs",
    "write_store_graph",
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
    # The header is found in place: splitting the whole text into lines costs ~0.1 s for 1M quads.
    i = 0
    while data.startswith(b"@prefix ", i):
        end = data.find(b"\n", i)
        i = len(data) if end < 0 else end + 1
    return _prefix_header() + b"\n" + data[i:]


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
    # Duplicates are found with a set over the keys in memory order: comparing neighbours in
    # sorted order reads keys scattered in memory and costs twice as much (~0.3 s a million).
    if len(set(keys)) < len(keys):  # rare: drop duplicates only then
        order = [i for j, i in enumerate(order) if j == 0 or keys[i] != keys[order[j - 1]]]
    return order


def _sorted_lines(data: bytes) -> bytes:
    """The distinct lines of an N-Triples/N-Quads text, sorted (rdf:type first for each subject)."""
    ranked = _sort_keys(data)
    ranked.sort()
    return _text(ranked)


def _text(ranked: list[bytes], distinct: bool = False) -> bytes:
    """The sorted keys ``ranked`` as lines, each once (``distinct``: they are), rdf:type restored.

    ``ranked`` is consumed (a last empty key gives the final newline without another copy).
    """
    if not distinct and any(map(eq, ranked, islice(ranked, 1, None))):  # eq: no slot wrapper call
        ranked = [k for j, k in enumerate(ranked) if j == 0 or k != ranked[j - 1]]
    if not ranked:
        return b""
    ranked.append(b"")
    return b"\n".join(ranked).replace(_TYPE_FIRST, _NT_TYPE)


def _triple(item: Quad | Triple) -> Triple:
    return item.triple if isinstance(item, Quad) else item


_QUAD_TRIPLE = attrgetter("triple")


def _triple_getter(items: list[Quad | Triple]) -> Callable[[Quad | Triple], Triple]:
    """How to take the triple of each of ``items``: a C-level getter when they are all quads
    (the usual case; a Python call per item costs ~0.1 s a million), ``_triple`` when mixed."""
    kinds = set(map(type, items))
    if kinds <= {Quad}:
        return _QUAD_TRIPLE
    return _triple


class _Canonical:
    """The canonical order of the triples of ``items``, worked out once for every file written
    from them (``write_graphs``): the Turtle's order gives the N-Triples and the union lines of the
    N-Quads as well.

    The items are ordered by their N-Triples lines (one Oxigraph write, byte compares in C) and
    handed to Oxigraph's writers in that order: no Python key per term, no parse. Triples are
    made as the writers take them (a list of a million costs more than both writes), and taken in
    the sorted order by C-level maps rather than a generator.
    """

    def __init__(self, items: Iterable[Quad | Triple]) -> None:
        self.items = items if isinstance(items, list) else list(items)
        self.triple = _triple_getter(self.items)
        self._keys: list[bytes] | None = None
        self._order: list[int] | None = None

    def _sorted(self) -> tuple[list[bytes], list[int]]:
        if self._keys is None or self._order is None:
            nt = serialize(map(self.triple, self.items), format=RdfFormat.N_TRIPLES) or b""
            self._keys = _sort_keys(nt)
            self._order = _canonical_order(self._keys)
        return self._keys, self._order

    def ranked(self) -> list[bytes]:
        """The distinct N-Triples keys, sorted."""
        keys, order = self._sorted()
        return list(map(keys.__getitem__, order))

    def turtle(self) -> bytes:
        _, order = self._sorted()
        ordered = map(self.triple, map(self.items.__getitem__, order))
        body = serialize(ordered, format=RdfFormat.TURTLE, prefixes=PREFIXES)
        return _with_fixed_prefixes(body or b"")

    def ntriples(self) -> bytes:
        if self._order is None:  # alone, sorting the lines themselves is cheaper
            return _sorted_lines(serialize(map(self.triple, self.items), format=RdfFormat.N_TRIPLES) or b"")
        return _text(self.ranked(), distinct=True)

    def nquads_with_union(self) -> bytes:
        # A default-graph quad's N-Quads line is its union line, so when every item is a quad all
        # are written as N-Quads (no Python filter over a million items); the sort drops repeats.
        items = self.items if self.triple is _QUAD_TRIPLE else [i for i in self.items if isinstance(i, Quad)]
        ranked = _sort_keys(serialize(items, format=RdfFormat.N_QUADS) or b"")
        if self._order is None:  # the keys of both texts in one list (not the 500 MB of text joined)
            ranked += _sort_keys(serialize(map(self.triple, self.items), format=RdfFormat.N_TRIPLES) or b"")
            ranked.sort()
            return _text(ranked)
        ranked.sort()
        ranked += self.ranked()
        ranked.sort()  # two sorted runs: one linear merge
        return _text(ranked)


def canonical_turtle(items: Iterable[Quad | Triple]) -> bytes:
    """Turtle of the union of ``items``, byte-identical for the same set of triples."""
    return _Canonical(items).turtle()


def canonical_trig(quads: Iterable[Quad]) -> bytes:
    """TriG of ``quads`` with one block per named graph, byte-identical for the same quads."""
    body = serialize(sorted_quads(quads), format=RdfFormat.TRIG, prefixes=PREFIXES)
    return _with_fixed_prefixes(body or b"")


def canonical_nquads(quads: Iterable[Quad]) -> bytes:
    """N-Quads of ``quads``, one line each, sorted."""
    return _sorted_lines(serialize(quads, format=RdfFormat.N_QUADS) or b"")


def canonical_ntriples(items: Iterable[Quad | Triple]) -> bytes:
    """N-Triples of the union of ``items``, sorted."""
    return _Canonical(items).ntriples()


def canonical_nquads_with_union(items: Iterable[Quad | Triple]) -> bytes:
    """``canonical_nquads(with_union_default(items))`` without a Quad object per union triple:
    a default-graph line of N-Quads is the N-Triples line, so the union is Oxigraph's N-Triples
    of every item, and sorting drops the repeats."""
    return _Canonical(items).nquads_with_union()


def write_graph(path: str | Path, items: Iterable[Quad | Triple]) -> Path:
    """Write ``items`` canonically to ``path`` (Turtle, N-Triples, N-Quads or TriG by extension).

    N-Quads and TriG get the named graphs and, in the default graph, their union.
    """
    return write_graphs([path], items)[0]


def write_graphs(paths: Iterable[str | Path], items: Iterable[Quad | Triple]) -> list[Path]:
    """``write_graph`` of ``items`` to each of ``paths``, the same bytes, with the sort shared:
    ``.ttl`` then ``.nq`` of a million quads take ~0.9 s less than two ``write_graph`` calls."""
    paths = [Path(p) for p in paths]
    formats = [graph_format(p) for p in paths]
    for path, fmt in zip(paths, formats, strict=True):
        if fmt not in (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.N_QUADS, RdfFormat.TRIG):
            raise GraphError(f"{path}: cannot write {fmt.name} canonically; use .ttl, .nt, .nq or .trig")
    canonical = _Canonical(items)
    # Turtle first: it works out the order that N-Triples and N-Quads then reuse.
    for path, fmt in sorted(zip(paths, formats, strict=True), key=lambda pf: pf[1] != RdfFormat.TURTLE):
        if fmt == RdfFormat.TURTLE:
            data = canonical.turtle()
        elif fmt == RdfFormat.N_TRIPLES:
            data = canonical.ntriples()
        elif fmt == RdfFormat.N_QUADS:
            data = canonical.nquads_with_union()
        else:
            quads = with_union_default(
                i if isinstance(i, Quad) else Quad(i.subject, i.predicate, i.object, DefaultGraph())
                for i in canonical.items
            )
            data = canonical_trig(quads)
        with atomic_write(path, "wb") as fh:
            fh.write(data)
        del data  # one file's bytes at a time
    return paths


class _Marking:
    """A binary writer that passes whole lines on to ``out`` with rdf:type marked as
    ``_sort_keys`` marks it (a marker is never cut between two writes)."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.rest = b""

    def write(self, data: bytes) -> int:
        block = self.rest + bytes(data)
        cut = block.rfind(b"\n") + 1
        self.out.write(block[:cut].replace(_NT_TYPE, _TYPE_FIRST))
        self.rest = block[cut:]
        return len(data)

    def flush(self) -> None:
        """Nothing to do: lines are passed on once complete (``close`` writes a last partial one)."""

    def close(self) -> None:
        self.out.write(self.rest.replace(_NT_TYPE, _TYPE_FIRST))
        self.rest = b""


def _dump_marked(path: Path, store: Store, fmt: RdfFormat) -> None:
    """Oxigraph's dump of ``store`` into ``path``, rdf:type marked: N-Quads of every quad, or
    N-Triples of every graph (the union with repeats)."""
    with path.open("wb") as fh:
        marking = _Marking(fh)
        if fmt == RdfFormat.N_QUADS:
            store.dump(marking, format=RdfFormat.N_QUADS)
        else:
            for graph in (DefaultGraph(), *store.named_graphs()):
                store.dump(marking, format=RdfFormat.N_TRIPLES, from_graph=graph)
        marking.close()


def write_store_graph(out: str | Path | BinaryIO, store: Store, fmt: RdfFormat) -> None:
    """Write ``store`` canonically as Turtle, N-Triples or N-Quads to ``out`` (a path, written
    atomically, or a binary file) in memory that does not grow with the store.

    The bytes are those of ``canonical_turtle(store)``, ``canonical_ntriples(store)`` and
    ``canonical_nquads_with_union(store)``: Oxigraph dumps every graph's N-Triples (and, for
    N-Quads, the quads) to a temporary folder with no Python object per quad; the build's spool
    sorter (``hwgraph.building.outputs``: GNU sort on disk, else runs merged in Python) sorts the
    lines and feeds Oxigraph's Turtle writer. Holding the quads as a list instead costs ~1 kB each.
    """
    # Imported here: hwgraph.building.outputs imports this module.
    from hwgraph.building.outputs import sort_unique, write_nquads, write_turtle

    if fmt not in (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.N_QUADS):
        raise GraphError(f"cannot write {fmt.name} from a store with bounded memory; use Turtle, N-Triples or N-Quads")
    if isinstance(out, (str, Path)):
        with atomic_write(out, "wb") as fh:
            write_store_graph(fh, store, fmt)
        return
    with tempfile.TemporaryDirectory(prefix="hwgraph-sort-") as folder:
        tmp = Path(folder)
        _dump_marked(tmp / "union.nt", store, RdfFormat.N_TRIPLES)
        sort_unique(tmp / "union.nt", tmp / "union.sorted")  # lines marked: sorted as they are
        (tmp / "union.nt").unlink()
        if fmt == RdfFormat.TURTLE:
            write_turtle(tmp / "union.sorted", out, tmp)
            return
        # N-Triples are N-Quads with no named graph; a default-graph quad's N-Quads line is its
        # union line, and the merge keeps one of the two.
        quads = tmp / "quads.nq"
        quads.touch()
        if fmt == RdfFormat.N_QUADS:
            _dump_marked(quads, store, RdfFormat.N_QUADS)
        sort_unique(quads, tmp / "quads.sorted")
        write_nquads(tmp / "quads.sorted", tmp / "union.sorted", out)


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
