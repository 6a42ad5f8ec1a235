"""hwgraph stats: every number equals a SPARQL count over the same graph."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from click.testing import CliRunner
from conftest import make_graph_doc

import hwgraph
from hwgraph.analytics.stats import ProgramStats, Stats, stats, stats_text
from hwgraph.cli import cli
from hwgraph.query import run_query
from hwgraph.store import open_store

LEVELS = ("national", "province", "city", "district", "county", "township", "unknown")


def _rows(store, sparql: str) -> list[dict[str, object]]:
    result = run_query(sparql, store)
    out = []
    for row in result.rows:
        values = {}
        for var, term in zip(result.variables, row, strict=True):
            values[var] = None if term is None else term.value
        out.append(values)
    return out


def _sparql_stats(store) -> dict:
    """The numbers of ``hwgraph stats --json``, straight from SPARQL (grouping done by the query)."""
    documents = int(_rows(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a hw:Document }")[0]["n"])
    by = {}
    for key, prop in (("by_year", "hw:year"), ("by_level", "hw:adminLevel"), ("by_kind", "hw:docKind")):
        rows = _rows(
            store,
            f"SELECT ?v (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a hw:Document OPTIONAL {{ ?d {prop} ?v }} }} GROUP BY ?v",
        )
        by[key] = {r["v"] or "unknown": int(r["n"]) for r in rows}
    first = {
        r["p"]: int(r["first"])
        for r in _rows(
            store,
            """SELECT ?p (MIN(?y) AS ?first) WHERE { ?u a hw:ProgramUse ; hw:program ?p ; hw:inDocument ?d .
                                                    ?d hw:year ?y } GROUP BY ?p""",
        )
    }
    programs = {}
    for r in _rows(
        store,
        """SELECT ?p ?name (COUNT(DISTINCT ?d) AS ?n) (GROUP_CONCAT(DISTINCT ?lv; separator=" ") AS ?levels)
           WHERE { ?u a hw:ProgramUse ; hw:program ?p ; hw:inDocument ?d . ?p skos:prefLabel ?name .
                   ?d hw:adminLevel ?lv } GROUP BY ?p ?name""",
    ):
        levels = tuple(sorted(r["levels"].split(), key=LEVELS.index))
        programs[r["p"]] = (r["name"], int(r["n"]), first.get(r["p"]), levels)
    member_sets = defaultdict(lambda: defaultdict(set))
    for r in _rows(
        store,
        """SELECT ?p ?u ?label WHERE { ?u a hw:ProgramUse ; hw:program ?p ; hw:membersFrom "text" ;
                                       hw:member/rdfs:label ?label }""",
    ):
        member_sets[r["p"]][r["u"]].add(r["label"])
    agree = {p: len({frozenset(s) for s in uses.values()}) == 1 for p, uses in member_sets.items()}
    indicators = {
        r["label"]: int(r["n"])
        for r in _rows(
            store,
            """SELECT ?label (COUNT(DISTINCT ?d) AS ?n) WHERE { ?t a hw:Target ; hw:indicator ?i ; hw:inDocument ?d .
                                                               ?i skos:prefLabel ?label } GROUP BY ?i ?label""",
        )
    }
    targets = int(_rows(store, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a hw:Target ; hw:inDocument ?d }")[0]["n"])
    citations = {
        r["title"]: int(r["n"])
        for r in _rows(
            store,
            """SELECT ?title (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a hw:Document ; hw:cites ?w . ?w dcterms:title ?title }
               GROUP BY ?w ?title""",
        )
    }
    return {
        "documents": documents, **by, "programs": programs, "agree": agree,
        "indicators": indicators, "targets": targets, "citations": citations,
    }


def _assert_equal_to_sparql(s: Stats, store) -> None:
    want = _sparql_stats(store)
    assert s.documents == want["documents"]
    assert s.by_year == want["by_year"]
    assert s.by_level == want["by_level"]
    assert s.by_kind == want["by_kind"]
    assert sum(s.by_year.values()) == sum(s.by_level.values()) == sum(s.by_kind.values()) == s.documents
    assert sorted((p.name, p.documents, p.first_year, p.levels) for p in s.programs) == sorted(want["programs"].values())
    names = {iri: v[0] for iri, v in want["programs"].items()}
    assert {p.name: p.members_agree for p in s.programs if p.members_agree is not None} == {
        names[iri]: ok for iri, ok in want["agree"].items()
    }
    assert {i.indicator: i.documents for i in s.indicators} == want["indicators"]
    assert sum(len(i.targets) for i in s.indicators) == want["targets"]
    assert {c.title: c.cited_by for c in s.citations} == want["citations"]


def test_stats_equal_sparql_counts_on_the_sample_corpus(corpus_build):
    _, out = corpus_build
    s = stats(out)
    assert s.documents == 9
    assert s.programs[0] == ProgramStats("十四五", 6, 2022, ("province", "district", "county"), None)
    _assert_equal_to_sparql(s, open_store(out))


def test_stats_programs_sorted_by_documents_then_name(corpus_build):
    programs = stats(corpus_build[1]).programs
    assert [(-p.documents, p.name) for p in programs] == sorted((-p.documents, p.name) for p in programs)


def _entity_graph():
    """Two documents with programs, targets for one indicator (two units) and a shared citation."""
    from hwgraph.entities import Entities
    from hwgraph.graph import build_graph
    from hwgraph.types import Citation, CitationRelation, Comparator, Target, TargetKind

    entities, docs, programs = [], [], []
    for n, (path, value, year) in enumerate((("corpus/a.txt", 79.0, 2025), ("corpus/b.txt", 78.5, 2030))):
        doc, progs = make_graph_doc(path)
        docs.append(doc)
        programs += progs
        targets = (
            Target(doc, "人均预期寿命", "人均预期寿命", value, f"{value:g}", "岁", "a", Comparator.GE, year,
                   TargetKind.TARGET, 0, 10),
            Target(doc, "人均预期寿命", "人均预期寿命", 1.0 + n, str(1 + n), "岁", "a", Comparator.INCREASE, None,
                   TargetKind.ACHIEVED, 11, 14),
        )
        cites = (Citation(doc, "“健康中国2030”规划纲要", "健康中国2030规划纲要", CitationRelation.CITES, 2, 9),)
        if n == 0:
            cites += (Citation(doc, "示例方案", "示例方案", CitationRelation.ANNOUNCES, 3, 8),)
        entities.append(Entities(doc, citations=cites, targets=targets))
    return build_graph(docs, programs, entities)


def test_stats_entities_equal_sparql_counts():
    from pyoxigraph import Store

    store = Store()
    store.bulk_extend(_entity_graph())
    s = stats(store)
    _assert_equal_to_sparql(s, store)
    (indicator,) = s.indicators
    assert indicator.indicator == "人均预期寿命" and indicator.documents == 2
    assert sorted((t.value, t.unit, t.year, t.kind, t.text) for t in indicator.targets) == [
        (1, "a", None, "achieved", "1岁"), (2, "a", None, "achieved", "2岁"),
        (78.5, "a", 2030, "target", "78.5岁"), (79, "a", 2025, "target", "79岁"),
    ]
    assert [(c.title, c.cited_by) for c in s.citations] == [("“健康中国2030”规划纲要", 2)]  # announced: not cited


def test_stats_without_entities_has_empty_lists(graph_quads):
    from pyoxigraph import Store

    store = Store()
    store.bulk_extend(graph_quads)
    s = stats(store)
    assert (s.documents, s.indicators, s.citations) == (1, (), ())
    assert [(p.name, p.members_agree) for p in s.programs] == [("一单四制", None), ("三大体系", True)]


def test_stats_json_cli_is_the_library_result(corpus_build):
    _, out = corpus_build
    result = CliRunner().invoke(cli, ["stats", "--graph", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(stats(out).to_json()))
    assert set(data) == {"documents", "by_year", "by_level", "by_kind", "programs", "indicators", "citations"}
    assert set(data["programs"][0]) == {"name", "documents", "first_year", "levels", "members_agree"}
    assert result.stderr == ""


def test_stats_text_and_library_entry(corpus_build):
    _, out = corpus_build
    s = hwgraph.stats(str(out))
    text = stats_text(s, top=3)
    assert text.startswith("documents   9\n")
    assert "十四五" in text and "… 125 more (--json for all)" in text


def test_stats_of_a_loaded_graph(corpus_build):
    pytest.importorskip("hwgraph.library")
    _, out = corpus_build
    assert stats(hwgraph.load(out)) == stats(out)


@pytest.mark.parametrize("graph", ["outputs/nothing-here.ttl"])
def test_stats_missing_graph_exits_2(graph):
    result = CliRunner().invoke(cli, ["stats", "--graph", graph])
    assert result.exit_code == 2
    assert "nothing-here.ttl" in result.stderr


def test_stats_same_from_a_plain_store_of_the_exported_nquads(corpus_build):
    # hwgraph.nq carries the union in its default graph too: a store someone loads it into
    # without hwgraph must not count every document twice
    from pyoxigraph import RdfFormat, Store

    _, out = corpus_build
    plain = Store()
    plain.load(path=str(out / "hwgraph.nq"), format=RdfFormat.N_QUADS)
    assert stats(plain) == stats(out)
