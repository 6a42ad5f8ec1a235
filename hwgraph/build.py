"""Build the knowledge graph of a corpus: pipeline → programs → graph → files, store and report.

``build(corpus, out)`` writes, each atomically::

    OUT/hwgraph.ttl     the union of all graphs, canonical Turtle (byte-identical across builds)
    OUT/hwgraph.nq      one named graph per document plus the shared graph, sorted N-Quads
    OUT/store/          the Oxigraph store that `hwgraph query` and `hwgraph serve` read
    OUT/hwgraph.html    the browsable view, when hwgraph.html is installed
    OUT/report.json     counts per class, validation result, warnings and per-file errors

A file that cannot be read is an error line in the report, not the end of the build; a corpus with
no file that can be read raises ``InputError`` before anything is written, so the last build stays.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

from hwgraph._io import write_text_atomic
from hwgraph.entities import Entities, find_entities
from hwgraph.errors import InputError, NotFoundError
from hwgraph.graph import build_graph
from hwgraph.namespace import PREFIXES
from hwgraph.pipeline import analyse
from hwgraph.reading import SUFFIXES, iter_paths
from hwgraph.store import STORE_DIR, create_store, write_graph
from hwgraph.types import Document, Program
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
    for name, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{name}:{iri[len(ns) :]}"
    return iri


def _find_programs() -> Callable[[Document], list[Program]] | None:
    try:
        from hwgraph.programs import find_programs
    except ModuleNotFoundError as e:
        if e.name != "hwgraph.programs":
            raise
        return None
    return find_programs


def _write_html(quads: list[Quad], out_path: Path) -> bool:
    try:
        from hwgraph.html import write_html
    except ModuleNotFoundError as e:
        if e.name != "hwgraph.html":
            raise
        return False
    store = Store()  # the quads are in memory already: no need to parse the Turtle just written
    store.extend(quads)
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


def build(
    corpus_dir: str | Path = "corpus",
    out_dir: str | Path = "outputs",
    progress: Progress | None = None,
    html: bool = True,
    stage: Stage | None = None,
) -> BuildReport:
    """Run the whole pipeline on ``corpus_dir`` and write the graph, store, view and report to
    ``out_dir``. Raises ``InputError`` when the corpus does not exist or no file in it can be read
    (nothing is written then). ``progress`` hears of each file, ``stage`` of each stage's time.
    """
    corpus = Path(corpus_dir)
    out = Path(out_dir)
    if not corpus.exists():
        raise NotFoundError(corpus, "no such corpus file or folder", "check the path")
    files = list(iter_paths([corpus]))
    if not files:
        kinds = ", ".join(sorted(SUFFIXES))
        raise InputError(corpus, f"no file to read ({kinds})", "put documents there or name another folder")
    clock = _Clock(stage)
    find_programs = _find_programs()
    warnings = []
    if find_programs is None:
        warnings.append("the programs stage (hwgraph.programs) is not installed; the graph has no programs")
    documents: list[Document] = []
    programs: list[Program] = []
    found: list[Entities] = []
    errors = []
    for done, result in enumerate(analyse(files), 1):
        if result.error is not None:
            errors.append(str(result.error))
        for doc in result.documents:
            documents.append(doc)
            if find_programs is not None:
                programs.extend(find_programs(doc))
            found.append(find_entities(doc))
        if progress is not None:
            progress(done, len(files), result.path)
    if len(errors) == len(files):
        raise InputError(
            corpus, f"none of its {len(files)} files could be read (first: {errors[0]})", "fix or remove them"
        )
    clock.done(f"read {len(files)} files")
    quads = build_graph(documents, programs, found)
    clock.done("graph")
    outputs = {
        "turtle": str(write_graph(out / "hwgraph.ttl", quads)),
        "nquads": str(write_graph(out / "hwgraph.nq", quads)),
        "store": str(create_store(quads, out / STORE_DIR)),
    }
    clock.done("files and store")
    if html:
        html_path = out / "hwgraph.html"
        try:
            written = _write_html(quads, html_path)
        except Exception as e:  # the graph files are written; a broken view must not lose them
            errors.append(f"{html_path}: the HTML view failed: {type(e).__name__}: {e}")
        else:
            if written:
                outputs["html"] = str(html_path)
            else:
                warnings.append("the HTML view (hwgraph.html) is not installed; no hwgraph.html written")
        clock.done("html")
    validation = validate(quads)
    clock.done("validate")
    outputs["report"] = str(out / "report.json")
    report = BuildReport(
        corpus=str(corpus),
        out_dir=str(out),
        files=len(files),
        documents=len(documents),
        programs=len(programs),
        entities={
            "citations": sum(len(e.citations) for e in found),
            "targets": sum(len(e.targets) for e in found),
            "organization mentions": sum(len(e.organizations) for e in found),
            "responsibilities": sum(len(e.responsibilities) for e in found),
        },
        quads=len(quads),
        triples=len({q.triple for q in quads}),
        graphs=len({q.graph_name for q in quads}),
        classes=count_classes(quads),
        validation=validation,
        outputs=outputs,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )
    write_text_atomic(out / "report.json", json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    return report
