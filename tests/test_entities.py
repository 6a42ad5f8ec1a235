"""The entities stage end to end: `hwgraph entities`, the graph it makes, the build report and the
named queries, on tests/data/entities (a notice issuing a provincial plan, and a summary citing it).
The extractors' own rules are tested in tests/test_entities_<kind>.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from hwgraph.cli import cli
from hwgraph.entities import collect_entities, entity_json

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "data" / "entities"
NEW_QUERIES = [
    "cited-policies",
    "citation-network",
    "indicator-targets",
    "document-targets",
    "org-leads",
    "tasks-without-lead",
    "organizations",
]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    result = CliRunner().invoke(cli, ["entities", str(FOLDER), "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _text(row: dict) -> str:
    path = Path(row["source"])
    return (path if path.is_absolute() else ROOT / path).read_text(encoding="utf-8")[row["start"] : row["end"]]


def test_entities_json_contract_keys(rows: list[dict]) -> None:
    common = {"source", "document", "type", "start", "end", "section"}
    own = {
        "citation": {"title", "doc_number", "relation", "resolved"},
        "target": {"indicator", "value", "value_text", "unit", "comparator", "year", "baseline", "kind"},
        "organization": {"name", "canonical"},
        "responsibility": {"org", "role", "task", "section_label"},
    }
    assert {r["type"] for r in rows} == set(own)
    for r in rows:
        assert common | own[r["type"]] <= set(r), r


def test_entities_every_span_verbatim(rows: list[dict]) -> None:
    for r in rows:
        text = _text(r)
        if r["type"] == "citation":
            assert r["title"] in text
        elif r["type"] == "target":
            assert text.endswith(r["value_text"] + r["unit"]) or r["value_text"] in text, r
        elif r["type"] == "organization":
            assert text == r["name"]
        else:
            assert r["org"] in text


def test_entities_plan_targets_and_years(rows: list[dict]) -> None:
    got = {(r["indicator"], r["comparator"], r["value"], r["unit"], r["year"], r["kind"])
           for r in rows if r["type"] == "target"}
    assert ("人均预期寿命", ">=", 78, "岁", 2026, "target") in got
    assert ("孕产妇死亡率", "<=", 12, "/10万", 2026, "target") in got
    assert ("婴儿死亡率", "<=", 5, "‰", 2026, "target") in got
    assert ("人均预期寿命", "=", 77.2, "岁", 2024, "achieved") in got


def test_entities_citations_relations_numbers_and_resolution(rows: list[dict]) -> None:
    cites = [r for r in rows if r["type"] == "citation"]
    by_title = {(r["title"], r["document"]): r for r in cites}
    plan = "云南省健康促进行动实施方案（2024—2026年）"
    summary = by_title[(plan, "云南省卫生健康委员会2024年工作总结")]
    assert summary["relation"] == "cites" and summary["resolved"] == plan
    notice = [r for r in cites if r["title"] == plan and r["document"].startswith("云南省卫生健康委员会关于印发")]
    assert notice and all(r["relation"] == "issues" for r in notice)
    council = next(r for r in cites if r["title"] == "国务院关于实施健康中国行动的意见")
    assert council["doc_number"] == "国发〔2019〕13号" and council["relation"] == "cites" and council["resolved"] is None
    guide = next(r for r in cites if r["title"] == "云南省母婴安全保障工作指南")
    assert guide["relation"] == "announces"


def test_entities_responsibilities_close_their_item(rows: list[dict]) -> None:
    got = {(r["org"], r["role"], r["section_label"]) for r in rows if r["type"] == "responsibility"}
    assert {("省卫生健康委", "lead", "1."), ("省医保局", "participate", "1."), ("省财政厅", "participate", "1."),
            ("省体育局", "lead", "2."), ("省教育厅", "participate", "2."), ("省卫健委", "lead", "3.")} <= got
    task = next(r["task"] for r in rows if r["type"] == "responsibility" and r["section_label"] == "2.")
    assert task.startswith("推进全民健身运动")


def test_entities_organizations_not_generic(rows: list[dict]) -> None:
    names = {r["name"] for r in rows if r["type"] == "organization"}
    assert {"省卫生健康委", "省卫健委", "省医保局", "省医疗保障局"} <= names
    assert not names & {"各有关部门", "各州市", "各州、市卫生健康委"}
    canon = {r["name"]: r["canonical"] for r in rows if r["type"] == "organization"}
    assert canon["省卫健委"] == canon["省卫生健康委"] == "省卫生健康委员会"


def test_entities_type_filter_and_table() -> None:
    result = CliRunner().invoke(cli, ["entities", str(FOLDER), "--type", "citation", "--json"])
    assert result.exit_code == 0
    assert {r["type"] for r in json.loads(result.stdout)} == {"citation"}
    table = CliRunner().invoke(cli, ["entities", str(FOLDER / "summary.txt")])
    assert "achieved" in table.stdout and "人均预期寿命" in table.stdout
    assert "entities: 1 files, 1 documents" in table.stderr


def test_entities_bad_file_is_one_line_and_batch_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    result = CliRunner().invoke(cli, ["entities", str(bad), str(FOLDER / "summary.txt"), "--json"])
    assert result.exit_code == 1
    assert "bad.pdf" in result.stderr and len(result.stderr.strip().splitlines()) == 2  # error + summary
    assert json.loads(result.stdout)


def test_entities_library_same_as_cli(rows: list[dict]) -> None:
    found, resolved, errors, files = collect_entities([FOLDER])
    assert files == 2 and not errors
    lib = [row for e in found for row in entity_json(e, resolved)]
    assert [(r["type"], r["start"]) for r in lib] == [(r["type"], r["start"]) for r in rows]


# ---- the graph and the build --------------------------------------------------------------------


def test_entities_build_conforms_and_counts(entities_build) -> None:
    report, _ = entities_build
    assert report.validation.conforms, report.validation.summary()
    assert report.entities["citations"] >= 5 and report.entities["targets"] >= 10
    for cls in ("hw:Citation", "hw:PolicyWork", "hw:Target", "hw:Indicator", "hw:Organization", "hw:OrgMention",
                "hw:Responsibility"):
        assert report.classes.get(cls), cls
    assert "entities:" in report.summary()


def test_entities_graph_links_documents_and_shares_nodes(entities_build) -> None:
    _, out = entities_build
    store = Store.read_only(str(out / "store"))
    prefixes = "PREFIX hw: <https://w3id.org/hwgraph/ns#> PREFIX dcterms: <http://purl.org/dc/terms/> " \
               "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    # the summary cites the plan, a document of the corpus: a document-to-document edge
    assert store.query(prefixes + 'ASK { ?s hw:cites ?p . ?s dcterms:title "云南省卫生健康委员会2024年工作总结"@zh . '
                       '?p a hw:Document ; dcterms:title "云南省健康促进行动实施方案（2024—2026年）"@zh }',
                       use_default_graph_as_union=True)
    # one indicator node for the plan's target and the summary's achievement
    rows = list(store.query(prefixes + 'SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?t hw:indicator ?i ; '
                            'hw:inDocument ?d . ?i skos:prefLabel "人均预期寿命"@zh }', use_default_graph_as_union=True))
    assert int(rows[0]["n"].value) == 2
    # 省卫健委 in a Yunnan document is the Yunnan commission, the same node in all three documents
    rows = list(store.query(prefixes + 'SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?m hw:organization ?o ; '
                            'hw:inDocument ?d . ?o skos:prefLabel "云南省卫生健康委员会"@zh }',
                            use_default_graph_as_union=True))
    assert int(rows[0]["n"].value) == 3


@pytest.mark.parametrize("name", NEW_QUERIES)
def test_entities_named_query_answers(entities_build, name: str) -> None:
    _, out = entities_build
    result = CliRunner().invoke(cli, ["query", name, "--graph", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"], name


def test_entities_turtle_is_deterministic(entities_build, tmp_path: Path) -> None:
    from hwgraph.build import build

    _, out = entities_build
    build(FOLDER, tmp_path, html=False)
    assert (tmp_path / "hwgraph.ttl").read_bytes() == (out / "hwgraph.ttl").read_bytes()


def test_entities_no_readable_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    result = CliRunner().invoke(cli, ["entities", str(bad), "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "bad.pdf" in result.stderr
