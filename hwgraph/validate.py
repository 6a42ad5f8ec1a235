"""Check a graph against ontology/shapes.ttl: SHACL compiled to SPARQL on Oxigraph, pySHACL the reference.

``validate`` runs each constraint of the shapes as one SPARQL query over an Oxigraph store
(``hwgraph._shacl_sparql``): at 1,000 documents this is seconds where pySHACL took minutes and
gigabytes. ``engine="pyshacl"`` runs pySHACL instead; the tests check that both give the same
findings, and shapes that use a feature the SPARQL engine does not compile fall back to pySHACL.

A graph that breaks a shape is an expected outcome, so it comes back as a ``ValidationResult``
(exit code 0 conforms, 1 does not); only a graph or shapes file that cannot be read or checked
raises ``GraphError`` (the CLI's exit code 2). Findings of severity sh:Warning, such as a program
use whose members disagree with its stated count, are reported without breaking conformance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pyshacl
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple, parse, serialize
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from hwgraph import _shacl_sparql
from hwgraph._paths import find_graph, ontology_file
from hwgraph.errors import GraphError
from hwgraph.namespace import curie
from hwgraph.store import load_quads, open_store

__all__ = [
    "SHAPES_PATH", "Finding", "Severity", "ValidationResult", "findings_for", "result_of", "to_rdflib", "validate",
]

ONTOLOGY_DIR = ontology_file("shapes.ttl").parent
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"


class Severity(str, Enum):
    """SHACL severities, most serious first."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"


_SEVERITIES = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result: which node broke which constraint, and how serious it is."""

    severity: Severity
    focus: str
    path: str | None
    message: str
    value: str | None = None


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validating a graph: conformance plus every finding, sorted."""

    conforms: bool
    findings: tuple[Finding, ...]
    triples: int

    @property
    def violations(self) -> tuple[Finding, ...]:
        """Findings that break conformance."""
        return tuple(f for f in self.findings if f.severity is Severity.VIOLATION)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings reported with sh:Warning or sh:Info severity."""
        return tuple(f for f in self.findings if f.severity is not Severity.VIOLATION)

    @property
    def exit_code(self) -> int:
        """0 when the graph conforms, 1 when it does not."""
        return 0 if self.conforms else 1

    def summary(self) -> str:
        """One line: conforms or not, with counts."""
        verdict = "conforms" if self.conforms else "does not conform"
        return (
            f"{verdict}: {self.triples} triples, {len(self.violations)} violations, "
            f"{len(self.warnings)} warnings"
        )

    def text(self) -> str:
        """The summary line followed by one line per finding."""
        lines = [self.summary()]
        for f in self.findings:
            where = f" {_short(f.path)}" if f.path else ""
            lines.append(f"{f.severity.value}: {_short(f.focus)}{where}: {f.message}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        """A JSON-ready dict of the result."""
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "findings": [
                {
                    "severity": f.severity.value,
                    "focus": f.focus,
                    "path": f.path,
                    "message": f.message,
                    "value": f.value,
                }
                for f in self.findings
            ],
        }


def _short(iri: str) -> str:
    return curie(iri) or iri


def to_rdflib(items: Iterable[Quad | Triple]) -> Graph:
    """An rdflib graph of the union of ``items`` (through N-Triples, the fastest common format)."""
    triples = {i.triple if isinstance(i, Quad) else i for i in items}
    graph = Graph()
    data = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _data_graph(graph: Graph | Store | Iterable[Quad | Triple] | str | Path | None) -> Graph:
    if isinstance(graph, Graph):
        return graph
    if graph is None or isinstance(graph, (str, Path)):
        path = find_graph(graph)  # a build folder without a store: its hwgraph.nq or hwgraph.ttl
        if path is not None and path.is_file():
            return to_rdflib(load_quads(path))
        return to_rdflib(open_store(path))
    return to_rdflib(graph)


def _store(graph: Graph | Store | Iterable[Quad | Triple] | str | Path | None) -> Store:
    """An Oxigraph store of ``graph`` whose default graph, or union of named graphs, is the data."""
    if isinstance(graph, Store):
        return graph
    if graph is None or isinstance(graph, (str, Path)):
        return open_store(find_graph(graph))  # a store folder, or a build folder's graph file
    store = Store()
    if isinstance(graph, Graph):
        data = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_extend(parse(data, format=RdfFormat.N_TRIPLES))
        return store
    store.bulk_extend(i if isinstance(i, Quad) else Quad(i.subject, i.predicate, i.object, DefaultGraph()) for i in graph)
    return store


def _count_triples(store: Store) -> int:
    from hwgraph.dataset import query_dataset

    rows = query_dataset(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    return int(next(iter(rows))["n"].value)  # type: ignore[call-overload]


def _shapes_graph(shapes: str | Path) -> Graph:
    shapes_graph = Graph()
    try:
        shapes_graph.parse(str(shapes), format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise GraphError(f"{shapes}: cannot read the SHACL shapes: {e}; restore ontology/shapes.ttl") from e
    return shapes_graph


def _result(conforms: bool, findings: list[Finding], triples: int) -> ValidationResult:
    order = list(Severity)
    findings = sorted(set(findings), key=lambda f: (order.index(f.severity), f.focus, f.path or "", f.message,
                                                    f.value or ""))
    return ValidationResult(conforms=conforms, findings=tuple(findings), triples=triples)


def _text(graph: Graph, node: Node, prop: Node) -> str | None:
    value = graph.value(node, prop)
    return None if value is None else str(value)


def validate(
    graph: Graph | Store | Iterable[Quad | Triple] | str | Path | None = None,
    shapes: str | Path = SHAPES_PATH,
    engine: str = "sparql",
) -> ValidationResult:
    """Validate ``graph`` (quads, a store, an rdflib graph, a graph file or a build folder; None is
    the last build) against the SHACL ``shapes``, with ``engine`` "sparql" (SHACL compiled to SPARQL
    on Oxigraph) or "pyshacl" (the reference).
    """
    shapes_graph = _shapes_graph(shapes)
    if engine == "sparql":
        try:
            checks = _shacl_sparql.compile_shapes(shapes_graph)
        except _shacl_sparql.Unsupported:
            engine = "pyshacl"
    if engine == "pyshacl":
        return _validate_pyshacl(_data_graph(graph), shapes_graph, shapes)
    if engine != "sparql":
        raise ValueError(f"unknown validation engine {engine!r}; use 'sparql' or 'pyshacl'")
    store = _store(graph)
    findings = []
    try:
        for severity, focus, path, message, value in _shacl_sparql.run_checks(store, checks):
            findings.append(Finding(_SEVERITIES.get(severity, Severity.VIOLATION), focus, path, message, value))
    except (SyntaxError, OSError) as e:
        raise GraphError(f"{shapes}: SHACL validation could not run: {e}; check the shapes file") from e
    conforms = not any(f.severity is Severity.VIOLATION for f in findings)
    return _result(conforms, findings, _count_triples(store))


def findings_for(store: Store, focus: Sequence[str], shapes: str | Path = SHAPES_PATH) -> list[Finding]:
    """The findings of ``shapes`` on the focus nodes ``focus`` (IRIs) of ``store`` alone: what an
    incremental build re-checks. They are checked in a small store of the focus nodes' triples and
    their values' triples, all that a shape of ``shapes`` reads (IRI and two-step paths, values'
    classes, and a SPARQL constraint that follows one step from the focus node): scanning the
    whole store for a few nodes would cost what checking all of it does. Raises
    ``_shacl_sparql.Unsupported`` for shapes the SPARQL engine does not compile."""
    checks = _shacl_sparql.compile_shapes(_shapes_graph(shapes))
    wanted = set(focus)
    small = Store()
    seen: set[NamedNode] = set()
    level = [NamedNode(iri) for iri in focus]
    for _ in range(2):  # the focus nodes, then their values
        nxt = []
        for node in level:
            if node in seen:
                continue
            seen.add(node)
            triples = [Quad(q.subject, q.predicate, q.object, DefaultGraph())
                       for q in store.quads_for_pattern(node, None, None, None)]
            small.extend(triples)
            nxt.extend(t.object for t in triples if isinstance(t.object, NamedNode))
        level = nxt
    return [Finding(_SEVERITIES.get(severity, Severity.VIOLATION), node, path, message, value)
            for severity, node, path, message, value in _shacl_sparql.run_checks(small, checks)
            if node in wanted]


def result_of(findings: Iterable[Finding], triples: int) -> ValidationResult:
    """The :class:`ValidationResult` of ``findings`` (sorted, each once) on ``triples`` triples."""
    found = list(findings)
    return _result(not any(f.severity is Severity.VIOLATION for f in found), found, triples)


def _validate_pyshacl(data: Graph, shapes_graph: Graph, shapes: str | Path) -> ValidationResult:
    try:
        conforms, report, _ = pyshacl.validate(
            data, shacl_graph=shapes_graph, inference="none", allow_warnings=True, abort_on_first=False
        )
    except Exception as e:  # pyshacl raises many unrelated types for a broken shapes graph
        raise GraphError(f"{shapes}: SHACL validation could not run: {e}; check the shapes file") from e
    findings = []
    for result in report.subjects(predicate=SH.resultSeverity):
        path = report.value(result, SH.resultPath)
        findings.append(
            Finding(
                severity=_SEVERITIES.get(report.value(result, SH.resultSeverity), Severity.VIOLATION),
                focus=_text(report, result, SH.focusNode) or "",
                path=_path_text(report, path),
                message=_text(report, result, SH.resultMessage) or "",
                value=_text(report, result, SH.value),
            )
        )
    return _result(bool(conforms), findings, len(data))


def _path_text(report: Graph, path: Node | None) -> str | None:
    """An IRI path as its IRI; a sequence path as SPARQL ``<a>/<b>`` (not a random blank node id)."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    try:
        return "/".join(f"<{step}>" for step in Collection(report, path))
    except Exception:  # not a list: a path form the SPARQL engine does not compile either
        return str(path)
