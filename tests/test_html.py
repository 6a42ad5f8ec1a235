"""The HTML view without a browser: what goes into the page, and what must never."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner

from hwgraph.cli import cli
from hwgraph.errors import GraphError, NotFoundError
from hwgraph.html import write_html
from hwgraph.views._layout import spread
from hwgraph.views._page import json_for_script
from hwgraph.views._text import wrap

HW = rdflib.Namespace("https://w3id.org/hwgraph/ns#")
MINI = Path(__file__).parent / "data" / "mini.ttl"
XSS_PROBES = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "<b>看病不难</b>"]


def _page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="hwgraph-data">(.*?)</script>', html, re.S)
    assert m, "the page has no data block"
    return json.loads(m.group(1))


def _tags(html: str) -> Counter:
    """Start tags as an HTML tokenizer sees them (script content is text, as in a browser)."""
    seen: Counter = Counter()

    class _Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen[tag] += 1

    _Parser().feed(html)
    return seen


def _count(graph: rdflib.Graph, cls: str) -> int:
    return len(set(graph.subjects(rdflib.RDF.type, HW[cls])))


@pytest.fixture
def mini_html(tmp_path: Path, mini_graph: Path) -> tuple[str, object]:
    report = write_html(mini_graph, tmp_path / "mini.html")
    return (tmp_path / "mini.html").read_text(encoding="utf-8"), report


def test_html_node_count_matches_graph(mini_html):
    html, report = mini_html
    g = rdflib.Graph().parse(MINI)
    expected = {
        cls: _count(g, name)
        for cls, name in [("doc", "Document"), ("sec", "Section"), ("prog", "Program"), ("mem", "Member")]
    }
    assert dict(report.by_class) == expected
    assert report.nodes == sum(expected.values()) == len(_page_data(html)["nodes"])
    assert not report.aggregated


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "a & b < c > d",
        "line\u2028separator\u2029paragraph",
        "“三大体系”",
        "",
    ],
)
def test_html_json_for_script_is_inert_and_lossless(text):
    out = json_for_script({"t": text})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in out
    assert json.loads(out) == {"t": text}


def test_html_escapes_document_text(mini_html):
    html, _ = mini_html
    for probe in XSS_PROBES:
        assert probe not in html
    tags = _tags(html)
    assert tags["script"] == 3  # vis-network, the data block, the page script
    assert "img" not in tags and "b" not in tags
    data = _page_data(html)
    headings = {d["heading"] for d in data["details"].values()}
    # Escaped, not stripped: the text survives intact for the page to show as text.
    assert "（二）<img src=x onerror=alert(1)>强化监测预警" in headings
    assert "（一）</script><script>alert(1)</script>完善分级诊疗" in headings


def test_html_has_no_external_references(mini_html):
    html, _ = mini_html
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "@import" not in html and "<link" not in html
    assert "default-src 'none'" in html


def test_html_is_utf8_and_deterministic(tmp_path: Path, mini_html):
    html, _ = mini_html
    write_html(MINI, tmp_path / "again.html")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == html
    assert "三大体系" in html and '<meta charset="utf-8">' in html


def test_html_writes_nothing_but_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    write_html(MINI, tmp_path / "out" / "view.html")
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["out", "out/view.html"]


def test_html_accepts_an_rdflib_graph(tmp_path: Path, mini_html):
    html, _ = mini_html
    write_html(rdflib.Graph().parse(MINI), tmp_path / "g.html")
    assert (tmp_path / "g.html").read_text(encoding="utf-8") == html


def test_html_outline_is_a_left_to_right_tree(mini_html):
    html, _ = mini_html
    data = _page_data(html)
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    outline = [e for e in data["edges"] if e["kind"] == "outline"]
    assert outline
    for e in outline:
        assert pos[e["from"]][0] < pos[e["to"]][0]
    children: dict[str, list[str]] = {}
    for e in outline:
        children.setdefault(e["from"], []).append(e["to"])
    full = {n["id"]: n["full"] for n in data["nodes"]}
    for kids in children.values():
        ys = [pos[k][1] for k in kids]
        assert len(set(ys)) == len(ys)
    # 一、 above 二、 in document A
    y = {full[k]: pos[k][1] for k in pos}
    assert y["一、着力精准施策，抓好常态化疫情防控"] < y["二、深化医改，加快构建三大体系"]


def test_html_program_details_carry_quote_members_and_count_check(mini_html):
    html, _ = mini_html
    data = _page_data(html)
    prog = next(n for n in data["nodes"] if n["full"] == "三大体系")
    d = data["details"][prog["id"]]
    assert any(q["text"] == "三大体系" and "字符 812–816" in q["where"] for q in d["quotes"])
    lists = {lst["title"]: lst for lst in d["lists"]}
    a = lists["《2022年省卫生健康委工作总结》"]
    assert [i[0] for i in a["items"]] == ["1. 医疗服务体系", "2. 公共卫生体系", "3. 医疗保障体系"]
    assert "✓" in a["check"]
    bad = next(n for n in data["nodes"] if n["full"] == "五个没有")
    assert bad["group"] == "progBad"
    assert "✗" in data["details"][bad["id"]]["lists"][0]["check"]


@pytest.mark.parametrize(
    "view,document,classes",
    [
        ("corpus", None, {"doc": 2, "sec": 8, "prog": 3, "mem": 6}),
        ("document", "2023年区卫生健康工作计划", {"doc": 1, "sec": 3, "prog": 2, "mem": 3}),
        ("document", "省卫生健康委", {"doc": 1, "sec": 5, "prog": 2, "mem": 3}),
        ("programs", None, {"doc": 2, "prog": 3, "mem": 6}),
    ],
)
def test_html_views(tmp_path: Path, view, document, classes):
    report = write_html(MINI, tmp_path / "v.html", view=view, document=document)
    assert dict(report.by_class) == classes


@pytest.mark.parametrize(
    "view,document,error",
    [
        ("document", None, "needs --document"),
        ("document", "卫生健康", "matches 2 documents"),
        ("document", "不存在的文件", "no document titled"),
    ],
)
def test_html_document_choice_errors(tmp_path: Path, view, document, error):
    with pytest.raises(GraphError, match=error):
        write_html(MINI, tmp_path / "v.html", view=view, document=document)
    assert not (tmp_path / "v.html").exists()


def test_html_missing_graph(tmp_path: Path):
    with pytest.raises(NotFoundError):
        write_html(tmp_path / "nope.ttl", tmp_path / "v.html")


def test_html_aggregates_above_the_limit(tmp_path: Path):
    report = write_html(MINI, tmp_path / "v.html", max_nodes=10)
    assert report.aggregated and report.initially_drawn == 2 + 1  # the one program both documents use
    data = _page_data((tmp_path / "v.html").read_text(encoding="utf-8"))
    assert data["aggregated"] is True and len(data["nodes"]) == report.nodes


def test_html_cli(tmp_path: Path):
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(cli, ["html", str(MINI), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "19 nodes" in result.stderr and out.exists()


def test_html_cli_reports_bad_document(tmp_path: Path):
    result = CliRunner().invoke(
        cli,
        ["html", str(MINI), "--view", "document", "--document", "无此文件", "-o", str(tmp_path / "x.html")],
    )
    assert result.exit_code == 2
    assert "no document titled" in result.stderr


def test_html_cli_help_has_example():
    result = CliRunner().invoke(cli, ["html", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.parametrize(
    "text,expected",
    [
        ("短", "短"),
        ("全县2024年卫生健康工作要点", "全县2024年卫\n生健康工作要点"),
        ("x" * 60, "x" * 14 + "\n" + "x" * 14 + "\n" + "x" * 13 + "…"),
        ("", ""),
    ],
)
def test_html_wrap_balances_lines(text, expected):
    assert wrap(text, 14, 3) == expected


@pytest.mark.parametrize(
    "wanted,sizes,expected",
    [
        ([0, 100, 200], [10, 10, 10], [0, 100, 200]),  # room enough: each where it wants
        ([0, 0, 0], [10, 10, 10], [-10, 0, 10]),  # a crowd is centred on its wish
        ([0, 5, 100], [10, 10, 10], [-2.5, 7.5, 100]),
        ([], [], []),
    ],
)
def test_html_spread_keeps_order_without_overlap(wanted, sizes, expected):
    assert spread(wanted, sizes) == pytest.approx(expected)


def test_html_member_lists_say_where_members_come_from(corpus_graph, tmp_path) -> None:
    """Lexicon members are never passed off as the text's: the details panel names the source."""
    out = tmp_path / "corpus.html"
    write_html(corpus_graph, out)
    page = out.read_text(encoding="utf-8")
    assert "成员来自词表 (from the lexicon)" in page  # 三医联动 in the 2022 province summary
    assert "成员见原文 (from the text)" in page  # 三大体系


# ---- entities (issue 11): cited policies, targets, organizations and responsibilities -----------


@pytest.fixture(scope="module")
def entity_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, object]:
    """(graph, page data, report) of tests/html_entities.py's two documents, corpus view."""
    from html_entities import entity_graph

    folder = tmp_path_factory.mktemp("entities")
    graph = entity_graph(folder)
    report = write_html(graph, folder / "entities.html")
    return graph, _page_data((folder / "entities.html").read_text(encoding="utf-8")), report


def _by_full(data: dict) -> dict[str, dict]:
    return {n["full"]: n for n in data["nodes"]}


def _edges(data: dict, kind: str) -> set[tuple[str, str]]:
    full = {n["id"]: n["full"] for n in data["nodes"]}
    return {(full[e["from"]], full[e["to"]]) for e in data["edges"] if e["kind"] == kind}


def test_html_entity_nodes_by_class(entity_page):
    _, data, report = entity_page
    assert dict(report.by_class) == {"doc": 2, "sec": 4, "work": 2, "target": 4, "org": 2}
    assert [c["id"] for c in data["classes"]] == ["doc", "sec", "prog", "mem", "work", "target", "org"]
    assert "2 cited policies, 4 targets, 2 organizations" in report.summary()
    # shared nodes appear once, in every document that names them
    nodes = _by_full(data)
    docs = [d["id"] for d in data["docs"]]
    assert nodes["“健康中国2030”规划纲要"]["d"] == sorted(docs, key=lambda i: int(i[1:]))
    assert nodes["省卫生健康委员会"]["d"] == sorted(docs, key=lambda i: int(i[1:]))
    assert sum(1 for n in data["nodes"] if n["cls"] == "org") == 2  # 省卫健委 is 省卫生健康委员会


def test_html_entity_nodes_of_graph_without_entities_are_absent(mini_html):
    html, report = mini_html
    assert [c["id"] for c in _page_data(html)["classes"]] == ["doc", "sec", "prog", "mem"]
    assert "lists" not in _page_data(html)
    assert "cited" not in report.summary()


def test_html_entity_edges(entity_page):
    _, data, _ = entity_page
    assert _edges(data, "target") == {
        ("一、提升健康水平", "人均预期寿命 = 79岁（2025年）"),
        ("一、提升健康水平", "孕产妇死亡率 ≤ 10/10万（2025年）"),
        ("二、加强基层", "基层医疗卫生机构达标率 提高 5个百分点（2023年）"),
        ("一、工作目标", "人均预期寿命 = 78.5岁（2025年）"),
    }
    assert _edges(data, "lead") == {
        ("省卫生健康委员会", "一、提升健康水平"),
        ("省卫生健康委员会", "二、加强基层"),
        ("省卫生健康委员会", "二、保障措施"),
    }
    assert _edges(data, "participate") == {("省教育厅", "一、提升健康水平")}
    # a name inside its own assignment is not drawn again as a mention
    assert _edges(data, "orgMention") == set()
    # the citation network: a section cites the other document, which is drawn once, as itself
    assert _edges(data, "cites") >= {
        ("一、提升健康水平", "全省基层卫生服务能力提升方案"),
        ("一、提升健康水平", "“健康中国2030”规划纲要"),
        ("一、工作目标", "“健康中国2030”规划纲要"),
        ("2024年全省卫生健康工作要点", "全省基层卫生服务能力提升方案"),  # drawn while collapsed
    }
    assert _edges(data, "announces") == {("一、提升健康水平", "</script><img/src=x/onerror=alert`1`>指南")}
    agg = [e for e in data["edges"] if e.get("agg") and e["kind"] == "cites"]
    assert len(agg) == 1


def test_html_target_details_quote_in_context(entity_page):
    _, data, _ = entity_page
    nodes = _by_full(data)
    target = nodes["孕产妇死亡率 ≤ 10/10万（2025年）"]
    assert target["group"] == "target" and target["label"] == "孕产妇死亡率 ≤ 10/10万"
    d = data["details"][target["id"]]
    rows = dict(map(tuple, d["rows"]))
    assert rows["比较"] == "≤ 不高于" and rows["单位"] == "/10万 (per100k)" and rows["年份"] == "2025"
    [quote] = d["quotes"]
    assert quote["text"] == "孕产妇死亡率控制在10/10万"
    assert quote["before"].endswith("人均预期寿命达到79岁，") and quote["after"].startswith("以下。根据")
    assert "§ 一、提升健康水平" in quote["where"] and "字符" in quote["where"]
    assert quote["node"] == nodes["一、提升健康水平"]["id"]
    # the same indicator in the other document, one click away: one list in the page, which
    # each of the indicator's targets shows (leaving itself out)
    life, other = nodes["人均预期寿命 = 79岁（2025年）"], nodes["人均预期寿命 = 78.5岁（2025年）"]
    [ref] = data["details"][life["id"]]["refs"]
    assert data["details"][other["id"]]["refs"] == [ref]
    assert data["lists"][ref]["items"] == [
        ["《2024年全省卫生健康工作要点》 2025年 = 79岁", life["id"]],
        ["《全省基层卫生服务能力提升方案》 2025年 = 78.5岁", other["id"]],
    ]
    assert "refs" not in d  # 孕产妇死亡率 has one target
    assert nodes["基层医疗卫生机构达标率 提高 5个百分点（2023年）"]["group"] == "targetAch"


def test_html_org_and_policy_details(entity_page):
    _, data, _ = entity_page
    nodes = _by_full(data)
    org = data["details"][nodes["省卫生健康委员会"]["id"]]
    assert ["又称", "省卫健委、省卫生健康委"] in org["rows"] and ["牵头", "3 项任务"] in org["rows"]
    # each assignment quoted once: the name inside it is not quoted again as a mention
    assert [q["where"].split(" · ")[0] for q in org["quotes"]] == ["牵头", "牵头", "牵头"]
    assert org["quotes"][0]["text"] == "（省卫生健康委牵头，省教育厅按职责分工负责）"
    [leads] = org["lists"]
    assert leads["head"] == "牵头任务 Leads" and len(leads["items"]) == 3
    section = data["details"][nodes["一、提升健康水平"]["id"]]
    assert section["links"] == [
        ["牵头 省卫生健康委员会", nodes["省卫生健康委员会"]["id"]],
        ["配合 省教育厅", nodes["省教育厅"]["id"]],
    ]
    policy = data["details"][nodes["“健康中国2030”规划纲要"]["id"]]
    assert ["文号", "中发〔2016〕23号"] in policy["rows"] and ["引用", "2 处，2 份文件"] in policy["rows"]
    assert all(q["where"].startswith("引用 · 《") for q in policy["quotes"])
    cited = data["details"][nodes["全省基层卫生服务能力提升方案"]["id"]]
    assert cited["lists"][0]["head"] == "被引用 Cited by"


def test_html_entity_text_is_escaped(entity_page):
    graph, data, _ = entity_page
    html = (graph.parent / "entities.html").read_text(encoding="utf-8")
    assert "</script><img" not in html and "<img/src" not in html
    assert _tags(html)["script"] == 3 and "img" not in _tags(html)
    # escaped, not stripped
    policy = data["details"][_by_full(data)["</script><img/src=x/onerror=alert`1`>指南"]["id"]]
    assert policy["quotes"][0]["text"] == "《</script><img/src=x/onerror=alert`1`>指南》"


def test_html_entities_sit_in_a_lane_right_of_their_outline(entity_page):
    _, data, _ = entity_page
    by_id = {n["id"]: n for n in data["nodes"]}
    for e in data["edges"]:
        a, b = by_id[e["from"]], by_id[e["to"]]
        if e["kind"] in ("target", "lead", "participate") and not e.get("far"):
            sec, ent = (a, b) if a["cls"] == "sec" else (b, a)
            assert ent["x"] > sec["x"] and ent["h"] == sec["d"][0]
    ys = {n["full"]: n["y"] for n in data["nodes"]}
    assert ys["人均预期寿命 = 79岁（2025年）"] < ys["基层医疗卫生机构达标率 提高 5个百分点（2023年）"]


@pytest.mark.parametrize(
    "view,document,classes",
    [
        ("document", "全省基层卫生服务能力提升方案", {"doc": 1, "sec": 2, "work": 1, "target": 1, "org": 1}),
        ("document", "2024年全省", {"doc": 1, "sec": 2, "work": 2, "target": 3, "org": 2}),
        ("programs", None, {"doc": 2}),
    ],
)
def test_html_entity_views(entity_page, tmp_path: Path, view, document, classes):
    graph, _, _ = entity_page
    report = write_html(graph, tmp_path / "v.html", view=view, document=document)
    assert dict(report.by_class) == classes


def test_html_entities_wait_for_their_document_when_aggregated(entity_page, tmp_path: Path):
    graph, _, _ = entity_page
    report = write_html(graph, tmp_path / "agg.html", max_nodes=5)
    assert report.aggregated and report.initially_drawn == 2


def test_html_entities_of_a_real_build(entities_build, tmp_path: Path):
    """End to end: the extractors' entities of tests/data/entities, one node each (shared ones once)."""
    _, out = entities_build
    report = write_html(out / "hwgraph.nq", tmp_path / "e.html")
    store = pyoxigraph.Store()
    store.load(path=str(out / "hwgraph.nq"), format=pyoxigraph.RdfFormat.N_QUADS)

    def count(cls: str) -> int:
        query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{HW[cls]}> }} }}"
        return int(next(iter(store.query(query)))["n"].value)

    assert report.by_class.get("target", 0) == count("Target") > 0
    assert report.by_class.get("org", 0) == count("Organization") > 0
    assert report.by_class.get("work", 0) == count("PolicyWork")
