"""Rebuild by editing the last build: its store, files and findings change only where the corpus did.

When a few files of a corpus changed, came or went, and the last build into OUT was made by this
very code (``state.json`` in its cache holds a fingerprint of the whole package and the shapes),
the rebuild does not make everything again:

- only the new and changed files are extracted; the others give their cached summaries;
- the citation links and the shared graph are made from all summaries (they need the corpus) and
  compared, line by line, with the last build's (``corpus.nq`` in the cache);
- the lines that left are the old graphs of the changed and deleted files and the links and shared
  lines that changed; the lines that came are the new graphs and links and shared lines. A union
  (default graph) line leaves only when no graph holds its triple any more;
- the store is a RocksDB checkpoint of the last one (hard links: the old build's files are
  immutable, and the folder it is made in replaces OUT as a whole) with those quads removed and
  added; ``hwgraph.nq`` and ``hwgraph.ttl`` are spliced (``hwgraph.building.splice``);
- SHACL runs only on the nodes whose triples changed and the nodes that point at them (a shape
  reads its focus node's triples, its values' types and the next step of a two-step path); every
  other finding is the last build's.

Each of these equals what a full build writes, byte for byte (the tests build both ways).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store, parse

from hwgraph._io import atomic_write
from hwgraph.building.filegraph import FileGraph
from hwgraph.building.manifest import ExtractionCache
from hwgraph.building.splice import splice_nquads, splice_turtle, subject_term, union_line
from hwgraph.dataset import query_dataset
from hwgraph.store import STORE_DIR
from hwgraph.validate import SHAPES_PATH, Finding, Severity, ValidationResult, findings_for, result_of

__all__ = ["CORPUS", "Patched", "patch", "save_state", "worth_patching"]

CORPUS = "corpus.nq"
_STATE = "state.json"
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_MAX_CHANGED = 0.25  # beyond this share of changed files a full build is as quick
_MAX_FOCUS = 50_000  # beyond this many nodes to re-check, validate the whole graph


@lru_cache(maxsize=1)
def tree_fingerprint() -> str:
    """A hash of all of hwgraph's code and data, the shapes included, and the Python version."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in [*sorted(root.rglob("*")), SHAPES_PATH.resolve()]:
        if path.suffix in (".py", ".tsv", ".txt", ".json", ".rq", ".ttl", ".dic", ".csv") and path.is_file() \
                and "__pycache__" not in path.parts:
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:32]


def save_state(cache: ExtractionCache, corpus_nquads: bytes) -> None:
    """Keep what the next build needs to patch this one: the corpus-level quads and the code's hash."""
    cache.new.mkdir(exist_ok=True)
    (cache.new / CORPUS).write_bytes(corpus_nquads)
    (cache.new / _STATE).write_text(json.dumps({"code": tree_fingerprint()}) + "\n", encoding="utf-8")


def _previous_report(out: Path) -> dict | None:
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) and not report.get("errors") else None


def worth_patching(out: Path, cache: ExtractionCache, changed: int, gone: int, total: int) -> dict | None:
    """The last build's report when this build can patch it (same code, every output there, few
    files changed), else None."""
    if cache.old is None or (changed + gone == 0 and not total) or changed + gone > _MAX_CHANGED * max(total, 1):
        return None
    try:
        state = json.loads((cache.old / _STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("code") != tree_fingerprint():
        return None
    if not all((out / name).exists() for name in ("hwgraph.nq", "hwgraph.ttl", STORE_DIR)):
        return None
    if not (cache.old / CORPUS).is_file():
        return None
    return _previous_report(out)


@dataclass
class Patched:
    """What the patch changed, for the report."""

    store: Store
    quads: int
    triples: int
    classes: dict[str, int]
    validation: ValidationResult
    removed: int = 0
    added: int = 0


def _lines(data: bytes) -> set[bytes]:
    lines = set(data.split(b"\n"))
    lines.discard(b"")
    return lines


def _still_held(store: Store, lines: list[bytes]) -> set[bytes]:
    """Those of the N-Triples ``lines`` whose triple some graph of ``store`` still holds."""
    if not lines:
        return set()
    triples = list(parse(b"\n".join(lines) + b"\n", format=RdfFormat.N_TRIPLES))
    return {line for line, t in zip(lines, triples, strict=True)
            if next(iter(store.quads_for_pattern(t.subject, t.predicate, t.object, None)), None) is not None}


def _focus(store: Store, changed: set[bytes]) -> list[str]:
    """The IRIs of the ``changed`` subjects (N-Triples terms) and of every node pointing at one."""
    iris = sorted(term[1:-1].decode("utf-8") for term in changed if term.startswith(b"<"))
    focus = set(iris)
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{iri}>" for iri in iris[start : start + 500])
        rows = query_dataset(store, f"SELECT DISTINCT ?f WHERE {{ VALUES ?c {{ {values} }} ?f ?p ?c FILTER(isIRI(?f)) }}")
        focus.update(row["f"].value for row in rows)  # type: ignore[index]
    return sorted(focus)


def _old_findings(report: dict) -> list[Finding]:
    return [Finding(Severity(f["severity"]), f["focus"], f["path"], f["message"], f["value"])
            for f in report["validation"]["findings"]]


def _class_delta(classes: dict[str, int], removed: Iterable[bytes], added: Iterable[bytes],
                 prefixed: Callable[[str], str]) -> dict[str, int]:
    """``classes`` (instances per class) after the union lines ``removed`` left and ``added`` came."""
    counts = Counter(classes)
    for lines, sign in ((removed, -1), (added, 1)):
        for line in lines:
            parts = line.split(b" ")
            if len(parts) == 4 and parts[1] == _RDF_TYPE and parts[2].startswith(b"<"):
                counts[prefixed(parts[2][1:-1].decode("utf-8"))] += sign
    return dict(sorted((k, v) for k, v in counts.items() if v > 0))


def patch(
    out: Path,
    staging: Path,
    cache: ExtractionCache,
    report: dict,
    old_graphs: list[tuple[FileGraph, Path, Path]],
    new_graphs: list[FileGraph],
    corpus_nquads: bytes,
    prefixed: Callable[[str], str],
) -> Patched:
    """Patch the last build in ``out`` into ``staging``: ``old_graphs`` are the cached graphs of the
    files that changed or went, ``new_graphs`` those of the files that changed or came, and
    ``corpus_nquads`` this build's citation links and shared graph."""
    assert cache.old is not None
    old_lines = _lines((cache.old / CORPUS).read_bytes())
    for _, nquads, _ in old_graphs:
        old_lines |= _lines(nquads.read_bytes())
    new_lines = _lines(corpus_nquads)
    for found in new_graphs:
        new_lines |= _lines(found.nquads)
    removed = sorted(old_lines - new_lines)
    added = sorted(new_lines - old_lines)
    del old_lines, new_lines

    Store.read_only(str(out / STORE_DIR)).backup(str(staging / STORE_DIR))
    store = Store(str(staging / STORE_DIR))
    union_new = sorted({union_line(line) for line in added})
    union_new = sorted(set(union_new) - _still_held(store, union_new))  # before: what is new to the union
    kept_docs = {s.iri for found in new_graphs for s in found.summaries}
    for found, _, _ in old_graphs:
        for summary in found.summaries:
            if summary.iri not in kept_docs:
                store.remove_graph(NamedNode(summary.iri))
    if removed:
        for quad in parse(b"\n".join(removed) + b"\n", format=RdfFormat.N_QUADS):
            store.remove(quad)
    if added:
        store.load(b"\n".join(added) + b"\n", format=RdfFormat.N_QUADS)
    store.flush()

    candidates = sorted({union_line(line) for line in removed} - {union_line(line) for line in added})
    union_gone = sorted(set(candidates) - _still_held(store, candidates))  # after: what no graph holds
    with atomic_write(staging / "hwgraph.nq", "wb") as fh:
        n_removed, n_added = splice_nquads(out / "hwgraph.nq", fh, [*removed, *union_gone], [*added, *union_new])
    with atomic_write(staging / "hwgraph.ttl", "wb") as fh:
        splice_turtle(out / "hwgraph.ttl", fh, store, {subject_term(line) for line in [*union_gone, *union_new]})
    triples = report["triples"] - len(union_gone) + len(union_new)
    changed = {subject_term(line) for line in [*removed, *added]}
    focus = _focus(store, changed)
    if len(focus) > _MAX_FOCUS:
        from hwgraph.validate import validate

        validation = validate(store)
    else:
        rechecked = set(focus)
        kept = [f for f in _old_findings(report) if f.focus not in rechecked]
        validation = result_of([*kept, *findings_for(store, focus)], triples)
    classes = _class_delta(report["classes"], union_gone, union_new, prefixed)
    return Patched(store, report["quads"] - len(removed) + len(added), triples, classes, validation,
                   removed=n_removed, added=n_added)

