"""hwgraph.load() for notebooks: rows as plain values, DataFrames, networkx and pyvis."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

import hwgraph
from hwgraph.errors import GraphError, HwgraphError, QueryError
from hwgraph.library import KnowledgeGraph, Rows


@pytest.fixture(scope="module")
def kg(corpus_build) -> KnowledgeGraph:
    _, out = corpus_build
    return hwgraph.load(out)


@pytest.mark.parametrize("what", ["folder", "store", "nq", "ttl"])
def test_library_load_takes_any_graph(corpus_build, what: str) -> None:
    _, out = corpus_build
    path = {"folder": out, "store": out / "store", "nq": out / "hwgraph.nq", "ttl": out / "hwgraph.ttl"}[what]
    graph = hwgraph.load(path)
    assert graph.query("ASK { ?d a hw:Document }") is True
    assert "KnowledgeGraph from" in repr(graph)


def test_library_load_without_store_reads_graph_files(corpus_build, tmp_path: Path) -> None:
    _, out = corpus_build
    shutil.copy2(out / "hwgraph.ttl", tmp_path / "hwgraph.ttl")
    graph = hwgraph.load(tmp_path)
    assert graph.source == str(tmp_path / "hwgraph.ttl")
    assert len(graph.query("documents")) == 9


def test_library_load_nothing_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GraphError, match="run `hwgraph build` first"):
        hwgraph.load()


def test_library_query_rows_are_plain_values(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        "SELECT ?title ?year ?truncated ?doc WHERE { ?doc a hw:Document ; dcterms:title ?title ; "
        "hw:year ?year ; hw:truncated ?truncated } ORDER BY ?title LIMIT 1"
    )
    assert isinstance(rows, Rows) and rows.columns == ("title", "year", "truncated", "doc")
    (row,) = rows
    assert row["title"] == "2022年省卫生健康委工作总结"
    assert row["year"] == 2022 and isinstance(row["year"], int)
    assert row["truncated"] is False
    assert row["doc"].startswith("https://w3id.org/hwgraph/id/doc/")


def test_library_query_named_and_unbound(kg: KnowledgeGraph) -> None:
    rows = kg.query("documents")
    assert len(rows) == 9
    assert any(row["issuer"] is None for row in rows)  # unbound stays None


def test_library_query_ask_and_construct(kg: KnowledgeGraph) -> None:
    assert kg.query("ASK { ?p a hw:Program }") is True
    assert kg.query("ASK { ?p a hw:Nothing }") is False
    triples = kg.query("CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d a hw:Document ; dcterms:title ?t }")
    assert triples.columns == ("subject", "predicate", "object") and len(triples) == 9


def test_library_query_errors_are_hwgraph_errors(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="line 1, column"):
        kg.query("SELEC ?x")
    with pytest.raises(QueryError, match="no such named query"):
        kg.query("documentz")


def test_library_query_as_frame(kg: KnowledgeGraph) -> None:
    pd = pytest.importorskip("pandas")
    frame = kg.query("documents", as_frame=True)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(kg.query("documents").columns) and len(frame) == 9
    assert frame.equals(kg.query("documents").to_frame())


def test_library_to_frame_without_pandas(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)
    with pytest.raises(HwgraphError, match=r"pip install 'hwgraph\[notebook\]'"):
        kg.query("documents", as_frame=True)


def test_library_rows_show_as_escaped_table() -> None:
    html = Rows([{"a": "<b>", "n": None}], ("a", "n"))._repr_html_()
    assert "<th>a</th>" in html and "&lt;b&gt;" in html and "<b>" not in html.replace("<th>", "")


def test_library_to_networkx(kg: KnowledgeGraph) -> None:
    g = kg.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    docs = {n: a for n, a in g.nodes(data=True) if a.get("type") == "hw:Document"}
    assert len(docs) == 9
    title = "2022年省卫生健康委工作总结"
    (doc,) = [a for a in docs.values() if a["label"] == title]
    assert doc["hw:year"] == 2022 and doc["quote"] == title and doc["quote_start"] == 0
    assert not any("oa:SpecificResource" in str(a.get("type")) for _, a in g.nodes(data=True))
    section = next(n for n, a in g.nodes(data=True) if a.get("type") == "hw:Section")
    assert {k for _, _, k in g.out_edges(section, keys=True)} >= {"hw:parent", "hw:inDocument"}


def test_library_to_networkx_is_deterministic(kg: KnowledgeGraph) -> None:
    a, b = kg.to_networkx(), kg.to_networkx()
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))


def test_library_to_pyvis(kg: KnowledgeGraph) -> None:
    from pyvis.network import Network

    net = hwgraph.to_pyvis(kg.to_networkx(), height="500px")
    assert isinstance(net, Network) and net.height == "500px"
    assert len(net.nodes) == kg.to_networkx().number_of_nodes()
    assert {n["group"] for n in net.nodes} >= {"Document", "Section", "Program"}
    page = net.generate_html()
    assert "new vis.Network" in page and json.dumps("2022年省卫生健康委工作总结").strip('"') in page
    assert len(kg.to_pyvis().nodes) == len(net.nodes)


def test_library_to_pyvis_escapes_titles() -> None:
    g = nx.MultiDiGraph()
    g.add_node("x", label="<img src=x onerror=alert(1)>", type="hw:Document")
    (node,) = hwgraph.to_pyvis(g).nodes
    assert "<img" not in node["title"] and "&lt;img" in node["title"]


def test_library_validate(kg: KnowledgeGraph) -> None:
    assert kg.validate().conforms
