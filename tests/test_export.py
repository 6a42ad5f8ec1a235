"""Exports: every format reads back as the same graph, deterministically."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from pyoxigraph import DefaultGraph, RdfFormat, parse
from rdflib import Graph
from rdflib.compare import isomorphic

from hwgraph.cli import cli
from hwgraph.export import ExportFormat, export, export_bytes
from hwgraph.store import write_graph
from hwgraph.validate import to_rdflib


@pytest.mark.parametrize(
    "fmt,syntax,keeps_graphs",
    [
        ("turtle", RdfFormat.TURTLE, False),
        ("ntriples", RdfFormat.N_TRIPLES, False),
        ("nquads", RdfFormat.N_QUADS, True),
        ("trig", RdfFormat.TRIG, True),
    ],
)
def test_export_rdf_reads_back(graph_quads, fmt, syntax, keeps_graphs) -> None:
    data = export_bytes(graph_quads, fmt)
    assert data == export_bytes(list(reversed(graph_quads)), fmt)
    back = list(parse(data, format=syntax))
    if keeps_graphs:  # the named graphs, and their union in the default graph
        assert {q for q in back if not isinstance(q.graph_name, DefaultGraph)} == set(graph_quads)
        assert {q.triple for q in back if isinstance(q.graph_name, DefaultGraph)} == {q.triple for q in graph_quads}
    else:
        assert {q.triple for q in back} == {q.triple for q in graph_quads}


def test_export_jsonld_has_context_and_reads_back(graph_quads) -> None:
    data = export_bytes(graph_quads, "jsonld")
    doc = json.loads(data)
    assert doc["@context"]["hw"] == "https://w3id.org/hwgraph/ns#"
    documents = [n for n in doc["@graph"] if n.get("@type") == "hw:Document"]
    assert documents[0]["hw:year"] == 2022 and documents[0]["hw:truncated"] is True
    back = Graph().parse(data=data.decode("utf-8"), format="json-ld")
    assert isomorphic(back, to_rdflib(graph_quads))


def test_export_jsonld_keeps_the_named_graphs(graph_quads) -> None:
    back = set(parse(export_bytes(graph_quads, "jsonld"), format=RdfFormat.JSON_LD))
    assert {q for q in back if not isinstance(q.graph_name, DefaultGraph)} == set(graph_quads)
    assert {q.triple for q in back if isinstance(q.graph_name, DefaultGraph)} == {q.triple for q in graph_quads}


def test_export_graphml_for_gephi(graph_quads) -> None:
    data = export_bytes(graph_quads, "graphml")
    assert data == export_bytes(list(reversed(graph_quads)), "graphml")
    g = nx.read_graphml(io.BytesIO(data))
    types = nx.get_node_attributes(g, "type")
    assert not any("oa:" in t for t in types.values()), "span and selector nodes are folded into their owners"
    sections = [n for n, t in types.items() if t == "hw:Section"]
    assert len(sections) == 5
    first = next(n for n in sections if g.nodes[n]["hw_marker"] == "一、")
    assert g.nodes[first]["label"] == "一、强化疫情防控"
    assert g.nodes[first]["quote"] == "一、强化疫情防控"
    assert {d["predicate"] for _, _, d in g.edges(data=True)} >= {"hw:parent", "hw:mentionOf", "hw:member"}


def test_export_csv_one_row_per_quad(graph_quads) -> None:
    rows = list(csv.reader(io.StringIO(export_bytes(graph_quads, "csv").decode("utf-8"))))
    assert rows[0] == ["subject", "predicate", "object", "datatype", "language", "graph"]
    assert len(rows) - 1 == len(set(graph_quads))


@pytest.mark.parametrize("fmt,syntax", [("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads")])
def test_export_parses_in_rapper(tmp_path: Path, graph_quads, fmt, syntax) -> None:
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    path = tmp_path / f"g.{fmt}"
    export(fmt, _store(graph_quads), path)
    res = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples", str(path)], capture_output=True)
    assert res.returncode == 0, res.stderr
    assert len(set(res.stdout.splitlines())) == len({q.triple for q in graph_quads})  # union and graphs


def _store(quads):
    from pyoxigraph import Store

    store = Store()
    store.extend(quads)
    return store


@pytest.mark.parametrize("fmt", [f.value for f in ExportFormat])
def test_export_cli(tmp_path: Path, graph_quads, fmt: str) -> None:
    graph = str(write_graph(tmp_path / "g.nq", graph_quads))
    runner = CliRunner()
    to_stdout = runner.invoke(cli, ["export", "--format", fmt, "--graph", graph])
    assert to_stdout.exit_code == 0, to_stdout.stderr
    out = tmp_path / f"out.{fmt}"
    to_file = runner.invoke(cli, ["export", "--format", fmt, "--graph", graph, "-o", str(out)])
    assert to_file.exit_code == 0 and to_file.stdout == ""
    assert out.read_bytes() == to_stdout.stdout_bytes


@pytest.mark.parametrize("fmt", [f.value for f in ExportFormat])
def test_export_to_streams_the_same_bytes(tmp_path: Path, graph_quads, fmt: str) -> None:
    from hwgraph.export import export_to

    store = _store(graph_quads)
    expected = export(fmt, store)
    assert expected == (export_bytes(graph_quads, fmt) if fmt != "csv" else expected)
    sink = io.BytesIO()
    assert export_to(fmt, store, sink) == len(expected)
    assert sink.getvalue() == expected
    path = tmp_path / f"g.{fmt}"
    assert export_to(fmt, str(write_graph(tmp_path / "g.nq", graph_quads)), path) == len(expected)
    assert path.read_bytes() == expected
    with pytest.raises(ValueError, match="csv"):
        export_to("turtle", store, sink, table="matrix")
