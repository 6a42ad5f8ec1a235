"""SHACL validation: conformance, violations table-driven, the count warning, and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import DefaultGraph, Quad, Store

from hwgraph.cli import cli
from hwgraph.errors import GraphError
from hwgraph.namespace import PREFIXES
from hwgraph.store import write_graph
from hwgraph.validate import Severity, validate

PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _default_graph_store(quads) -> Store:
    store = Store()
    store.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads)
    return store


def test_validate_example_conforms_with_count_warning(graph_quads) -> None:
    result = validate(graph_quads)
    assert result.conforms and result.exit_code == 0
    assert result.violations == ()
    assert [(f.severity, f.message) for f in result.warnings] == [
        (Severity.WARNING, "一单四制: states 5 members but lists 2")
    ]


@pytest.mark.parametrize(
    "case,update,message",
    [
        (
            "section without parent",
            'DELETE { ?s hw:parent ?p } WHERE { ?s hw:marker "（二）" ; hw:parent ?p }',
            "exactly one parent",
        ),
        (
            "section with two parents",
            'INSERT { ?s hw:parent ?d } WHERE { ?s hw:marker "（二）" . ?d a hw:Document }',
            "exactly one parent",
        ),
        (
            "parent that is neither section nor document",
            'DELETE { ?s hw:parent ?p } INSERT { ?s hw:parent ?m } WHERE { ?s hw:marker "二、" ; hw:parent ?p .'
            " ?m a hw:Member }",
            "exactly one parent",
        ),
        (
            "section without title",
            'DELETE { ?s dcterms:title ?t } WHERE { ?s hw:marker "二、" ; dcterms:title ?t }',
            "non-empty title",
        ),
        (
            "section with empty title",
            'DELETE { ?s dcterms:title ?t } INSERT { ?s dcterms:title "" } '
            'WHERE { ?s hw:marker "二、" ; dcterms:title ?t }',
            "non-empty title",
        ),
        (
            "mention without span",
            "DELETE { ?m hw:span ?x } WHERE { ?m a hw:Mention ; hw:span ?x }",
            "a mention has a source span",
        ),
        ("span without quote", "DELETE WHERE { ?q oa:exact ?x }", "exact quote"),
        (
            "text member without span",
            'DELETE { ?m hw:span ?x } WHERE { ?m hw:memberSource "text" ; hw:span ?x }',
            "source span",
        ),
    ],
)
def test_validate_violations(graph_quads, case, update, message) -> None:
    store = _default_graph_store(graph_quads)
    store.update(PREFIX + update)
    result = validate(store)
    assert not result.conforms and result.exit_code == 1, case
    assert any(message in f.message for f in result.violations), [f.message for f in result.violations]


def test_validate_corpus_build_conforms(corpus_build) -> None:
    _, out = corpus_build
    result = validate(out / "hwgraph.ttl")
    assert result.conforms, result.text()
    assert all(f.severity is Severity.WARNING for f in result.findings)


def test_validate_result_json_and_text(graph_quads) -> None:
    result = validate(graph_quads)
    data = result.to_json()
    assert data["conforms"] is True and data["warnings"] == 1
    assert result.text().splitlines()[0] == result.summary()


def test_validate_cannot_run(tmp_path: Path, graph_quads) -> None:
    with pytest.raises(GraphError, match="no such graph file"):
        validate(tmp_path / "missing.ttl")
    broken = tmp_path / "shapes.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match="shapes"):
        validate(graph_quads, shapes=broken)


def test_validate_cli_exit_codes(tmp_path: Path, graph_quads) -> None:
    good = write_graph(tmp_path / "good.ttl", graph_quads)
    store = _default_graph_store(graph_quads)
    store.update(PREFIX + 'DELETE { ?s dcterms:title ?t } WHERE { ?s hw:marker "二、" ; dcterms:title ?t }')
    bad = write_graph(tmp_path / "bad.ttl", list(store))
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", str(good)])
    assert ok.exit_code == 0 and ok.stdout.startswith("conforms")
    failing = runner.invoke(cli, ["validate", str(bad), "--json"])
    assert failing.exit_code == 1 and '"conforms": false' in failing.stdout
    missing = runner.invoke(cli, ["validate", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 2 and "nope.ttl" in missing.stderr
