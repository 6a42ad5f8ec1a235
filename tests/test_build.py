"""`hwgraph build` on the sample corpus: outputs, determinism, report, independent parsers."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import DefaultGraph, RdfFormat, parse

from hwgraph.build import build
from hwgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_build_writes_every_output(corpus_build) -> None:
    report, out = corpus_build
    for name in ("hwgraph.ttl", "hwgraph.nq", "report.json"):
        assert (out / name).is_file()
    assert (out / "store").is_dir()
    assert report.errors == ()
    assert report.documents >= 5 and report.files == 5
    assert report.validation.conforms
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["classes"]["hw:Document"] == report.documents
    assert data["validation"]["conforms"] is True


def test_build_two_builds_byte_identical(corpus_build, tmp_path: Path) -> None:
    _, first = corpus_build
    build(ROOT / "corpus", tmp_path, html=False)
    for name in ("hwgraph.ttl", "hwgraph.nq"):
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name
    reports = [json.loads((d / "report.json").read_text(encoding="utf-8")) for d in (first, tmp_path)]
    for r in reports:
        del r["out_dir"], r["outputs"]
    assert reports[0] == reports[1]


def test_build_one_named_graph_per_document(corpus_build) -> None:
    report, out = corpus_build
    quads = list(parse(path=str(out / "hwgraph.nq"), format=RdfFormat.N_QUADS))
    named = [q for q in quads if not isinstance(q.graph_name, DefaultGraph)]
    graphs = {q.graph_name.value for q in named}
    assert len(graphs) == report.documents + 1  # plus the shared graph
    assert len({q.triple for q in named}) == len(named)  # each triple in exactly one named graph
    default = {q.triple for q in quads if isinstance(q.graph_name, DefaultGraph)}
    assert default == {q.triple for q in named}  # and the default graph is their union (hwgraph.dataset)


@pytest.mark.parametrize("name,syntax", [("hwgraph.ttl", "turtle"), ("hwgraph.nq", "nquads")])
def test_build_output_parses_in_rapper(corpus_build, name, syntax) -> None:
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    report, out = corpus_build
    res = subprocess.run(["rapper", "-i", syntax, "-c", str(out / name)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    expected = report.quads + report.triples if syntax == "nquads" else report.triples  # graphs and union
    assert f"returned {expected} " in res.stderr


@pytest.fixture
def one_file_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted((ROOT / "corpus").iterdir())[0], corpus)
    return corpus


def test_build_cli_summary_on_stderr(tmp_path: Path, one_file_corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(one_file_corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code in (0, 1), result.output
    assert result.stdout == ""
    assert "triples" in result.stderr and "validation:" in result.stderr
    assert (tmp_path / "out" / "hwgraph.ttl").is_file()


def test_build_cli_silent(tmp_path: Path, one_file_corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(one_file_corpus), "-o", str(tmp_path / "out"), "--silent"])
    assert result.stderr == "" and result.stdout == ""


def test_build_missing_corpus_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code in (1, 2)
    assert "nope" in result.stderr
