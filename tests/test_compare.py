"""hwgraph compare: the numbers behind the report, and the report's structure (no browser)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from itertools import combinations

import pytest
from click.testing import CliRunner

from hwgraph.analytics.compare import BY, compare_data, write_compare
from hwgraph.cli import cli
from hwgraph.query import run_query
from hwgraph.store import open_store

XSS_GRAPH = """@prefix hw: <https://w3id.org/hwgraph/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix x: <https://w3id.org/hwgraph/id/x/> .
x:d1 a hw:Document ; dcterms:title "</script><script>alert(1)</script>甲文件" ; hw:year 2024 ; hw:adminLevel "city" ; hw:docKind "plan" .
x:d2 a hw:Document ; dcterms:title "<img src=x onerror=alert(2)>乙文件" ; hw:year 2025 ; hw:adminLevel "county" ; hw:docKind "plan" .
x:p1 a hw:Program ; skos:prefLabel "<b onmouseover=alert(3)>三大体系</b>" .
x:p2 a hw:Program ; skos:prefLabel "两个&amp;" .
x:u1 a hw:ProgramUse ; hw:program x:p1 ; hw:inDocument x:d1 .
x:u2 a hw:ProgramUse ; hw:program x:p1 ; hw:inDocument x:d2 .
x:u3 a hw:ProgramUse ; hw:program x:p2 ; hw:inDocument x:d1 .
x:u4 a hw:ProgramUse ; hw:program x:p2 ; hw:inDocument x:d2 .
x:m1 a hw:Mention ; hw:mentionOf x:p1 ; hw:inDocument x:d1 ;
  hw:span [ oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "</script><b>三大体系</b>" ] ] .
"""


@pytest.fixture(scope="module")
def sample(corpus_build):
    """The compare data of the sample corpus build, grouped by place."""
    return compare_data(corpus_build[1])


def _sparql(store, query: str) -> list[tuple]:
    return [tuple(None if t is None else t.value for t in row) for row in run_query(query, store).rows]


def test_compare_matrix_cells_are_program_uses_with_mention_counts(sample, corpus_build):
    store = open_store(corpus_build[1])
    uses = _sparql(store, "SELECT DISTINCT ?p ?d WHERE { ?u a hw:ProgramUse ; hw:program ?p ; hw:inDocument ?d }")
    mentions = defaultdict(int)
    for p, d, _ in _sparql(store, "SELECT ?p ?d ?m WHERE { ?m a hw:Mention ; hw:mentionOf ?p ; hw:inDocument ?d }"):
        mentions[(p, d)] += 1
    row = {p.iri: i for i, p in enumerate(sample.programs)}
    col = {d.iri: j for j, d in enumerate(sample.documents)}
    want = sorted((row[p], col[d], max(1, mentions[(p, d)])) for p, d in uses if p in row)
    assert list(sample.cells) == want
    assert len(sample.documents) == 9 and len(sample.programs) == sample.total_programs == 128


def test_compare_rows_sorted_and_columns_grouped(corpus_build):
    for by in BY:
        data = compare_data(corpus_build[1], by=by)
        rows = [(-p.documents, p.name) for p in data.programs]
        assert rows == sorted(rows)
        groups = [d.group for d in data.documents]
        assert list(dict.fromkeys(groups)) == list(data.groups), "each group's columns side by side"
    years = compare_data(corpus_build[1], by="year").groups
    assert years == ("2022", "2023", "2024", "未知年份")
    assert compare_data(corpus_build[1], by="level").groups == ("province", "city", "district", "county")
    with pytest.raises(ValueError):
        compare_data(corpus_build[1], by="colour")


def test_compare_quotes_are_the_mentions_with_context(sample):
    i = next(k for k, p in enumerate(sample.programs) if p.name == "十四五")
    cells = [(j, n) for r, j, n in sample.cells if r == i]
    assert len(cells) == 6
    for j, n in cells:
        quotes = sample.quotes[(i, j)]
        assert 1 <= len(quotes) <= min(n, 3)
        assert all("十四五" in q.exact for q in quotes)
        assert any(q.before or q.after for q in quotes), "the sample corpus is at hand: context is read"


def test_compare_similarity_is_jaccard_of_program_sets(sample, corpus_build):
    store = open_store(corpus_build[1])
    sets = defaultdict(set)
    titles = {}
    for p, d, t in _sparql(
        store, "SELECT ?p ?d ?t WHERE { ?u a hw:ProgramUse ; hw:program ?p ; hw:inDocument ?d . ?d dcterms:title ?t }"
    ):
        sets[d].add(p)
        titles[d] = t
    want = {}
    for a, b in combinations(sorted(sets), 2):
        shared = len(sets[a] & sets[b])
        if shared:
            want[frozenset((titles[a], titles[b]))] = (round(shared / len(sets[a] | sets[b]), 4), shared)
    assert sample.pairs, "the sample corpus has documents sharing programs"
    for pair in sample.pairs:
        assert want[frozenset((pair.a, pair.b))] == (pair.jaccard, pair.shared)
    jac = [p.jaccard for p in sample.pairs]
    assert jac == sorted(jac, reverse=True)
    assert max(v[0] for v in want.values()) == jac[0]


def test_compare_network_communities_and_centrality(sample):
    names = [n.name for n in sample.nodes]
    assert names and all(p >= 2 for p in (n.documents for n in sample.nodes)), "programs of two or more documents"
    members = [m for c in sample.communities for m in c]
    assert sorted(members) == sorted(names), "the communities partition the network"
    assert all(0 <= n.community < len(sample.communities) for n in sample.nodes)
    for a, b, w in sample.edges:
        assert a < b and w >= 1
    central = [n.centrality for n in sample.central_programs]
    assert central == sorted(central, reverse=True) and central[0] > 0
    assert sample.central_documents and sample.central_documents[0][1] == 1.0


def test_compare_to_networkx_reuses_the_library(corpus_build):
    library = pytest.importorskip("hwgraph.library")  # hwgraph.to_networkx is the library's
    import hwgraph

    assert hwgraph.to_networkx is library.to_networkx
    g = hwgraph.to_networkx(corpus_build[1])
    programs = [n for n, a in g.nodes(data=True) if "hw:Program" in str(a.get("type", ""))]
    assert len(programs) >= 128


def test_compare_page_is_self_contained_and_deterministic(corpus_build, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    report = write_compare(corpus_build[1], a)
    write_compare(corpus_build[1], b)
    assert a.read_bytes() == b.read_bytes(), "same graph, same bytes"
    page = a.read_text(encoding="utf-8")
    has_targets = bool(compare_data(corpus_build[1]).targets)  # once the build extracts entities
    assert report.charts == ("matrix", "diffusion", *(("targets",) if has_targets else ()), "network", "centrality")
    assert report.bytes == len(page.encode("utf-8"))
    assert not re.search(r"(src|href)=\"(?!#)", page), "nothing loaded from anywhere"
    assert "http://" not in page and "https://" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode() in csp
    assert ' style="' not in page, "inline style attributes would be blocked by the CSP"
    for anchor in ("matrix", "diffusion", "targets", "network", "centrality", "similarity"):
        assert f'<section id="{anchor}">' in page
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert len(captions) == len(report.charts) + 1  # and the similarity table's
    for caption in captions:
        assert re.search(r'<span lang="zh-CN">[^<]*[\u4e00-\u9fff][^<]*</span> <span lang="en">[A-Za-z]', caption)
    assert ("此图谱没有量化指标" in page) is not has_targets, "without targets the page says so"


def test_compare_without_entities_says_so(graph_quads, tmp_path):
    from pyoxigraph import Store

    store = Store()
    store.bulk_extend(graph_quads)
    report = write_compare(store, tmp_path / "plain.html")
    assert "targets" not in report.charts
    assert "此图谱没有量化指标" in (tmp_path / "plain.html").read_text(encoding="utf-8")


def test_compare_escapes_document_text(tmp_path):
    graph = tmp_path / "xss.ttl"
    graph.write_text(XSS_GRAPH, encoding="utf-8")
    write_compare(graph, tmp_path / "xss.html")
    page = (tmp_path / "xss.html").read_text(encoding="utf-8")
    assert page.count("<script>") == 1 and page.count("</script>") == 2  # ours: the data block and the script
    assert "<img" not in page and "<b " not in page and "<b>" not in page
    assert "&lt;b onmouseover=alert(3)&gt;三大体系" in page
    assert "\\u003c/script\\u003e\\u003cb\\u003e三大体系" in page  # the quote, in the JSON data block
    assert "两个&amp;amp;" in page


def test_compare_with_targets_draws_the_side_by_side(tmp_path):
    from pyoxigraph import Store
    from test_stats import _entity_graph

    store = Store()
    store.bulk_extend(_entity_graph())
    data = compare_data(store)
    (panel,) = data.targets
    assert (panel.indicator, panel.unit, panel.documents) == ("人均预期寿命", "a", 2)
    assert [(b.kind, b.value) for b in panel.bars] == [("target", 79), ("target", 78.5), ("achieved", 2), ("achieved", 1)]
    report = write_compare(store, tmp_path / "t.html")
    assert "targets" in report.charts


def test_compare_cli_writes_the_report(corpus_build, tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["compare", "--graph", str(corpus_build[1]), "--by", "level", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {out}: 9 documents × 128 programs")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    quiet = CliRunner().invoke(cli, ["compare", "--graph", str(corpus_build[1]), "-o", str(out), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
