"""Build the knowledge graph of a corpus: pipeline → programs → graph → files, store and report.

``build(corpus, out)`` writes, as one transaction (see ``hwgraph.building.staging``)::

    OUT/hwgraph.ttl     the union of all graphs, canonical Turtle (byte-identical across builds)
    OUT/hwgraph.nq      one named graph per document plus the shared graph, sorted N-Quads
    OUT/store/          the Oxigraph store that `hwgraph query` and `hwgraph serve` read
    OUT/hwgraph.html    the browsable view, when hwgraph.html is installed
    OUT/report.json     counts per class, validation result, warnings and per-file errors
    OUT/.hwgraph-cache/ the content-hash manifest and per-file extractions of incremental rebuilds

Each file is extracted and its documents' graphs made where it is read (a worker with ``jobs``),
as N-Quads bytes and small summaries (``hwgraph.building.filegraph``); the bytes stream to disk
and into the files and store (``hwgraph.building.outputs``), and only the summaries stay in
memory to make the citation links and the shared graph. So memory does not grow with the corpus
beyond the summaries and the validation store (in memory up to ``MEMORY_STORE_BYTES`` of
N-Quads, else the store on disk).

A file that cannot be read is an error line in the report, not the end of the build; a corpus with
no file that can be read raises ``InputError`` before anything is written, so the last build stays;
so does an output folder that cannot be written (``OutputError``), checked before the pipeline runs.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, serialize

from hwgraph._io import atomic_write, write_text_atomic
from hwgraph.building.distributed import cluster_executor
from hwgraph.building.filegraph import FileGraph, extract_and_graph
from hwgraph.building.incremental import patch, save_state, worth_patching
from hwgraph.building.manifest import ExtractionCache
from hwgraph.building.outputs import Spool, load_store, memory_store, sort_unique, write_nquads, write_turtle
from hwgraph.building.staging import BuildLock, check_output, clean_stale, staged_output
from hwgraph.building.workers import extract_files, has_programs
from hwgraph.entities import KINDS
from hwgraph.errors import InputError, NotFoundError
from hwgraph.graph import DocSummary, corpus_quads
from hwgraph.namespace import curie
from hwgraph.reading import SUFFIXES, iter_paths
from hwgraph.store import STORE_DIR
from hwgraph.validate import ValidationResult, validate

__all__ = ["BuildReport", "Progress", "Stage", "build", "count_classes"]

Progress = Callable[[int, int, str], None]
"""Called after each input file with (files done, files in all, path of the file)."""

Stage = Callable[[str, float], None]
"""Called as each stage ends with (what it did, seconds it took)."""

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class BuildReport:
    """What a build read, made and found."""

    corpus: str
    out_dir: str
    files: int
    documents: int
    programs: int
    quads: int
    triples: int
    graphs: int
    classes: dict[str, int]
    validation: ValidationResult
    outputs: dict[str, str]
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    entities: dict[str, int] = field(default_factory=dict)  # citations, targets, organizations, …

    @property
    def ok(self) -> bool:
        """Every file was read and the graph conforms to the shapes."""
        return not self.errors and self.validation.conforms

    def to_json(self) -> dict:
        """A JSON-ready dict; no timings, so two builds of one corpus give the same report."""
        return {
            "corpus": self.corpus,
            "out_dir": self.out_dir,
            "files": self.files,
            "documents": self.documents,
            "programs": self.programs,
            "entities": self.entities,
            "quads": self.quads,
            "triples": self.triples,
            "graphs": self.graphs,
            "classes": self.classes,
            "validation": self.validation.to_json(),
            "outputs": self.outputs,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
        }

    def summary(self) -> str:
        """A few lines for stderr: what was built, where, and whether it conforms."""
        lines = [
            f"built {self.out_dir}: {self.files} files, {self.documents} documents, {self.programs} program uses, "
            f"{self.triples} triples in {self.graphs} graphs",
            "entities: " + ", ".join(f"{v} {k}" for k, v in self.entities.items()),
            "classes: " + ", ".join(f"{k} {v}" for k, v in self.classes.items()),
            "validation: " + self.validation.summary(),
        ]
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"warning: {_prefixed(f.focus)}: {f.message}" for f in self.validation.warnings[:10]]
        if len(self.validation.warnings) > 10:
            lines.append(f"warning: … {len(self.validation.warnings) - 10} more in report.json")
        lines += [f"violation: {_prefixed(f.focus)}: {f.message}" for f in self.validation.violations[:10]]
        lines += [f"error: {e}" for e in self.errors]
        return "\n".join(lines)


def count_classes(quads: list[Quad]) -> dict[str, int]:
    """Instances per class (prefixed names), sorted by class."""
    counts: Counter[str] = Counter()
    seen = set()
    for q in quads:
        if q.predicate.value == _RDF_TYPE and isinstance(q.object, NamedNode):
            if (q.subject, q.object) in seen:
                continue
            seen.add((q.subject, q.object))
            counts[_prefixed(q.object.value)] += 1
    return dict(sorted(counts.items()))


def _prefixed(iri: str) -> str:
    return curie(iri) or iri


def _write_html(store: Store, out_path: Path) -> bool:
    try:
        from hwgraph.html import write_html
    except ModuleNotFoundError as e:
        if e.name != "hwgraph.html":
            raise
        return False
    write_html(store, out_path)
    return True


class _Clock:
    """Tells ``stage`` how long each stage took since the previous one ended."""

    def __init__(self, stage: Stage | None) -> None:
        self.stage = stage
        self.last = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        if self.stage is not None:
            self.stage(name, now - self.last)
        self.last = now


_CLASSES = """SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c"""

MEMORY_STORE_BYTES = 640 << 20
"""Validation and the view read an in-memory copy of the store (several times faster than the
store on disk) when the graph's N-Quads are at most this big: about 1.3 GB of memory."""


def _classes(store: Store) -> dict[str, int]:
    """Instances per class (prefixed names), sorted by class: ``count_classes`` of the store."""
    from hwgraph.dataset import query_dataset

    counts = {_prefixed(row["c"].value): int(row["n"].value) for row in query_dataset(store, _CLASSES)}  # type: ignore[index]
    return dict(sorted(counts.items()))


def build(
    corpus_dir: str | Path = "corpus",
    out_dir: str | Path = "outputs",
    progress: Progress | None = None,
    html: bool = True,
    stage: Stage | None = None,
    jobs: int = 1,
    incremental: bool = True,
    scheduler: str | None = None,
) -> BuildReport:
    """Run the whole pipeline on ``corpus_dir`` and write the graph, store, view and report to
    ``out_dir``. ``progress`` hears of each file, ``stage`` of each stage's time.

    The build is a transaction: the corpus and the output folder are checked before anything
    runs (``InputError``/``OutputError``, and the last build stays), a second build into the same
    folder is refused (``OutputError``), and the outputs are written into a staging folder that
    replaces ``out_dir`` in one rename when all of them are complete. ``jobs`` worker processes
    extract the files; with ``incremental``, files whose bytes the last build already extracted
    are taken from its cache (the outputs are the same byte for byte either way). With
    ``scheduler`` (a Dask scheduler's address), the cluster's workers extract the files instead:
    see ``hwgraph.building.distributed`` (``ClusterError`` before anything runs when it cannot).
    """
    corpus = Path(corpus_dir)
    out = Path(out_dir)
    if not corpus.exists():
        raise NotFoundError(corpus, "no such corpus file or folder", "check the path")
    files = list(iter_paths([corpus]))
    if not files:
        kinds = ", ".join(sorted(SUFFIXES))
        raise InputError(corpus, f"no file to read ({kinds})", "put documents there or name another folder")
    check_output(out, corpus)
    with cluster_executor(scheduler) as executor, BuildLock(out):
        clean_stale(out)
        with staged_output(out) as staging:
            cache = ExtractionCache(out if incremental and out.is_dir() else None, staging)
            graphs = _file_graphs(files, cache, progress, jobs, executor)
            previous = _patchable(files, out, cache) if incremental else None
            run = _Run(corpus, files, out, staging, cache, html, _Clock(stage))
            if previous is not None:
                return _patch_into(run, graphs, *previous)
            return _build_into(run, graphs, jobs)


@dataclass(frozen=True)
class _Run:
    """What every stage of one build reads: its corpus and files, where it writes, its cache."""

    corpus: Path
    files: list[Path]
    out: Path
    staging: Path
    cache: ExtractionCache
    html: bool
    clock: _Clock


def _patchable(
    files: list[Path], out: Path, cache: ExtractionCache
) -> tuple[dict, list[tuple[FileGraph, Path, Path]]] | None:
    """The last build's report and the cached graphs of the files that changed or went, when this
    build can patch that build (``hwgraph.building.incremental``)."""
    current = {str(p): p for p in files}
    known = {key: cache.known(path) for key, path in current.items()}
    changed = [key for key, (_, same) in known.items() if not same]
    gone = [key for key in cache.previous if key not in current]
    # Files with the same name and bytes are one source (IRIs are minted from name and content),
    # so their quads coincide: patching the graph of one such file would also patch its twin's.
    held = Counter((PurePath(key).name, digest) for key, (digest, _) in known.items())
    before = [(PurePath(key).name, cache.previous[key].get("sha256")) for key in [*changed, *gone]
              if key in cache.previous]
    held.update(before)
    if any(held[pair] > 1 for pair in [*before, *((PurePath(k).name, known[k][0]) for k in changed)]):
        return None
    if not all(cache.readable(key) for key in current.keys() - set(changed)):
        return None  # a damaged entry is extracted again: patching would count its graph as new
    report = worth_patching(out, cache, len(changed), len(gone), len(files))
    if report is None:
        return None
    old = [cache.previous_entry(key) for key in [*changed, *gone] if key in cache.previous]
    if any(entry is None for entry in old):
        return None
    return report, old  # type: ignore[return-value]


def _patch_into(
    run: _Run,
    graphs: Iterator[tuple[FileGraph, Source, Source]],
    previous: dict,
    old_graphs: list[tuple[FileGraph, Path, Path]],
) -> BuildReport:
    """The build as a patch of the last one: only what changed is made again (same bytes)."""
    files, cache, clock = run.files, run.cache, run.clock
    tally = _Tally()
    fresh = []
    for found, nquads, _ in graphs:
        tally.add(found)
        if isinstance(nquads, bytes):  # extracted now, not taken from the cache
            fresh.append(found)
    tally.check(run.corpus, len(files))
    clock.done(f"read {len(files)} files ({cache.reused} unchanged)")
    shared = serialize(corpus_quads(tally.summaries), format=RdfFormat.N_QUADS) or b""
    save_state(cache, shared)
    clock.done("graph: shared")
    patched = patch(run.out, run.staging, cache, previous, old_graphs, fresh, shared, _prefixed)
    clock.done(f"patch: store, files and validation ({patched.removed} lines out, {patched.added} in)")
    return _finish(run, tally, patched.store, patched.quads, patched.triples, patched.classes, patched.validation)


Source = bytes | Path
"""A file's graph bytes, or the cache file that holds them."""


def _file_graphs(
    files: list[Path], cache: ExtractionCache, progress: Progress | None, jobs: int, executor: Executor | None
) -> Iterator[tuple[FileGraph, Source, Source]]:
    """Every file's :class:`FileGraph` in corpus order with its N-Quads and N-Triples: from the
    last build's cache when its bytes are unchanged, else extracted (by ``jobs`` workers or the
    cluster's ``executor``)."""
    known = [cache.known(path) for path in files]
    todo = [path for path, (_, hit) in zip(files, known, strict=True) if not hit]
    # On a cluster too the file's own graph is made where it is extracted: N-Quads come back.
    made = iter(extract_files(todo, jobs, executor=executor, task=extract_and_graph)) if todo else iter(())
    for done, (path, (digest, hit)) in enumerate(zip(files, known, strict=True), 1):
        found = cache.load(path, digest) if hit and digest is not None else None
        if found is not None:
            nquads, ntriples = cache.sidecars(cache.entry(path))
            yield found, nquads, ntriples
        else:
            # A damaged cache entry is extracted here, in this process.
            found = next(made) if not hit else next(extract_files([path], 1, task=extract_and_graph))
            cache.put(path, digest, found)
            yield found, found.nquads, found.ntriples
        if progress is not None:
            progress(done, len(files), found.path)
    cache.save()


class _Tally:
    """What the report counts of the files, and the summaries the corpus-level graph needs."""

    def __init__(self) -> None:
        self.summaries: list[DocSummary] = []
        self.errors: list[str] = []
        self.documents = 0
        self.programs = 0
        self.entities: Counter[str] = Counter(dict.fromkeys(KINDS, 0))

    def add(self, found: FileGraph) -> None:
        if found.error is not None:
            self.errors.append(found.error)
            return
        self.summaries.extend(found.summaries)
        self.documents += found.documents
        self.programs += found.programs
        self.entities.update(found.entities)

    def check(self, corpus: Path, files: int) -> None:
        """Raise ``InputError`` when none of the corpus's ``files`` could be read."""
        if len(self.errors) == files:
            raise InputError(
                corpus, f"none of its {files} files could be read (first: {self.errors[0]})", "fix or remove them"
            )


def _build_into(run: _Run, graphs: Iterator[tuple[FileGraph, Source, Source]], jobs: int) -> BuildReport:
    """The build proper: outputs go to ``staging``, the report names them in ``out``."""
    files, cache, clock, staging = run.files, run.cache, run.clock, run.staging
    tmp = staging / ".hwgraph-build.tmp"
    spool = Spool(tmp)
    tally = _Tally()
    for found, nquads, ntriples in graphs:
        spool.add(nquads, ntriples)
        tally.add(found)
    tally.check(run.corpus, len(files))
    reused = cache.reused
    clock.done(f"read {len(files)} files" + (f" ({reused} unchanged)" if reused else ""))
    shared = corpus_quads(tally.summaries)
    shared_nquads = serialize(shared, format=RdfFormat.N_QUADS) or b""
    save_state(cache, shared_nquads)
    spool.add(shared_nquads, serialize((q.triple for q in shared), format=RdfFormat.N_TRIPLES) or b"")
    spool.close()
    del shared
    clock.done("graph: shared")
    quads = sort_unique(spool.named_path, tmp / "named.sorted", jobs, mark=True)
    triples = sort_unique(spool.union_path, tmp / "union.sorted", jobs)
    spool.union_path.unlink()
    clock.done("files: sort")
    with atomic_write(staging / "hwgraph.nq", "wb") as fh:
        write_nquads(tmp / "named.sorted", tmp / "union.sorted", fh)
    (tmp / "named.sorted").unlink()
    clock.done("files: n-quads")
    with atomic_write(staging / "hwgraph.ttl", "wb") as fh:
        write_turtle(tmp / "union.sorted", fh, tmp)
    clock.done("files: turtle")
    load_store(spool.named_path, staging / STORE_DIR)
    clock.done("store")
    if spool.named_path.stat().st_size <= MEMORY_STORE_BYTES:
        store = memory_store(spool.named_path)
    else:
        store = Store.read_only(str(staging / STORE_DIR))
    shutil.rmtree(tmp)
    return _finish(run, tally, store, quads, triples, None, None)


def _finish(
    run: _Run,
    tally: _Tally,
    store: Store,
    quads: int,
    triples: int,
    classes: dict[str, int] | None,
    validation: ValidationResult | None,
) -> BuildReport:
    """The view, the validation (unless given) and the report of a build whose graph is ``store``."""
    out, staging, clock = run.out, run.staging, run.clock
    errors, warnings = list(tally.errors), []
    if not has_programs():
        warnings.append("the programs stage (hwgraph.programs) is not installed; the graph has no programs")
    outputs = {"turtle": str(out / "hwgraph.ttl"), "nquads": str(out / "hwgraph.nq"), "store": str(out / STORE_DIR)}
    if run.html:
        html_path = out / "hwgraph.html"
        try:
            written = _write_html(store, staging / "hwgraph.html")
        except Exception as e:  # the graph files are written; a broken view must not lose them
            errors.append(f"{html_path}: the HTML view failed: {type(e).__name__}: {e}")
        else:
            if written:
                outputs["html"] = str(html_path)
            else:
                warnings.append("the HTML view (hwgraph.html) is not installed; no hwgraph.html written")
        clock.done("html")
    if validation is None:
        validation = validate(store)  # SHACL compiled to SPARQL (pySHACL is the tests' reference)
        clock.done("validate")
    outputs["report"] = str(out / "report.json")
    report = BuildReport(
        corpus=str(run.corpus),
        out_dir=str(out),
        files=len(run.files),
        documents=tally.documents,
        programs=tally.programs,
        entities={  # organizations counts mentions: the graph's hw:Organization nodes are fewer
            ("organization mentions" if kind == "organizations" else kind): n for kind, n in tally.entities.items()
        },
        quads=quads,
        triples=triples,
        graphs=sum(1 for _ in store.named_graphs()),
        classes=_classes(store) if classes is None else classes,
        validation=validation,
        outputs=outputs,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )
    del store
    write_text_atomic(staging / "report.json", json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    return report
