"""Named queries, query formats, and `hwgraph query` against Oxigraph itself."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import BlankNode, Literal, NamedNode, Store

from hwgraph.cli import cli
from hwgraph.dataset import sort_group_concats
from hwgraph.errors import QueryError
from hwgraph.query import QueryKind, format_result, list_queries, resolve_query, run_query, write_query
from hwgraph.store import write_graph

NAMES = [q.name for q in list_queries()]


@pytest.fixture
def example_store(graph_quads) -> Store:
    store = Store()
    store.extend(graph_quads)
    return store


def _json_rows(data: dict) -> list[dict]:
    return [
        {k: (v["type"], v["value"], v.get("xml:lang"), v.get("datatype")) for k, v in b.items()}
        for b in data["results"]["bindings"]
    ]


def _direct_rows(store: Store, text: str) -> list[dict]:
    rows = []
    solutions = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    # SPARQL leaves GROUP_CONCAT's order open; hwgraph sorts its parts (hwgraph.dataset)
    for values in sort_group_concats(text, names, (tuple(s[n] for n in names) for s in solutions)):
        s = dict(zip(names, values, strict=True))
        row = {}
        for name in names:
            t = s[name]
            if t is None:
                continue
            if isinstance(t, NamedNode):
                row[name] = ("uri", t.value, None, None)
            elif isinstance(t, BlankNode):
                row[name] = ("bnode", t.value, None, None)
            else:
                assert isinstance(t, Literal)
                dt = t.datatype.value
                plain = t.language or dt.endswith("#string")
                row[name] = ("literal", t.value, t.language, None if plain else dt)
        rows.append(row)
    return rows


def test_query_at_least_ten_documented_named_queries() -> None:
    assert len(NAMES) >= 10
    for q in list_queries():
        assert q.summary and not q.summary.startswith("PREFIX"), q.name
        assert q.description, f"{q.name}.rq needs a second comment line saying what a row is"


# Facts the anonymised sample corpus lacks (documents that cite one another, duty notes): these
# queries are checked on tests/data/entities instead.
NEEDS_ENTITIES_CORPUS = {"citation-network", "org-leads", "tasks-without-lead"}


@pytest.mark.parametrize("name", NAMES)
def test_query_named_same_rows_as_oxigraph(corpus_build, entities_build, name: str) -> None:
    _, out = entities_build if name in NEEDS_ENTITIES_CORPUS else corpus_build
    text = next(q.text for q in list_queries() if q.name == name)
    direct = _direct_rows(Store.read_only(str(out / "store")), text)
    result = CliRunner().invoke(cli, ["query", name, "--graph", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert _json_rows(json.loads(result.stdout)) == direct
    assert direct, f"{name} found nothing in {out}"


def test_query_outline_in_reading_order(example_store: Store) -> None:
    result = run_query(resolve_query("outline"), example_store)
    markers = [row[result.variables.index("marker")].value for row in result.rows]
    assert markers == ["一、", "（一）", "（二）", "二、", "三、"]


def test_query_count_mismatch_finds_lexicon_miscount(example_store: Store) -> None:
    result = run_query(resolve_query("count-mismatch"), example_store)
    rows = [[t.value if t else None for t in row] for row in result.rows]
    assert rows == [["一单四制", "2022年示例县卫生健康局工作总结", "5", "2", "lexicon"]]


def test_query_shared_programs_needs_two_documents(graph_quads) -> None:
    from conftest import make_graph_doc

    from hwgraph.graph import build_graph

    store = Store()
    store.extend(graph_quads)
    assert run_query(resolve_query("shared-programs"), store).rows == ()
    doc_b, progs_b = make_graph_doc("other/second.txt")
    store.extend(build_graph([doc_b], progs_b))
    rows = run_query(resolve_query("shared-programs"), store).rows
    assert [(r[0].value, r[1].value) for r in rows] == [("一单四制", "2"), ("三大体系", "2")]


QUERY = "SELECT ?marker ?title WHERE { ?s hw:marker ?marker ; hw:depth 1 ; dcterms:title ?title } ORDER BY ?marker"


@pytest.mark.parametrize(
    "fmt,check",
    [
        ("table", lambda out: out.splitlines()[0].split() == ["marker", "title"] and "强化疫情防控" in out),
        ("csv", lambda out: next(iter(csv.reader(io.StringIO(out)))) == ["marker", "title"] and "\r" not in out),
        ("tsv", lambda out: out.splitlines()[0] == "?marker\t?title" and '"强化疫情防控"@zh' in out),
        (
            "json",
            lambda out: (
                json.loads(out)["head"]["vars"] == ["marker", "title"]
                and json.loads(out)["results"]["bindings"][0]["title"]["xml:lang"] == "zh"
            ),
        ),
    ],
)
def test_query_formats(example_store: Store, fmt: str, check) -> None:
    out = format_result(run_query(QUERY, example_store), fmt)
    assert check(out), out


@pytest.mark.parametrize(
    "query,kind,expected",
    [
        ("ASK { ?s hw:recovered true }", QueryKind.ASK, "false\n"),
        ("ASK { ?s a hw:Section }", QueryKind.ASK, "true\n"),
        ("CONSTRUCT { ?d a hw:Document } WHERE { ?d a hw:Document }", QueryKind.GRAPH, "a hw:Document"),
        ("DESCRIBE ?d WHERE { ?d a hw:Document }", QueryKind.GRAPH, "dcterms:title"),
    ],
)
def test_query_ask_construct_describe(example_store: Store, query, kind, expected) -> None:
    result = run_query(query, example_store)
    assert result.kind is kind
    assert expected in format_result(result, "table")


def test_query_ask_json() -> None:
    store = Store()
    out = format_result(run_query("ASK { ?s ?p ?o }", store), "json")
    assert json.loads(out) == {"head": {}, "boolean": False}


@pytest.mark.parametrize(
    "arg,error",
    [("no-such-query", "no such named query"), ("SELECT ?x WHERE {", "query:")],
)
def test_query_errors(example_store: Store, arg: str, error: str) -> None:
    with pytest.raises(QueryError, match=error):
        run_query(resolve_query(arg), example_store)


def test_query_resolves_files(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == "ASK { ?s ?p ?o }"
    assert resolve_query("programs").startswith("#")


def test_query_cli(tmp_path: Path, graph_quads) -> None:
    graph = str(write_graph(tmp_path / "g.ttl", graph_quads))
    runner = CliRunner()
    listing = runner.invoke(cli, ["query", "--list"])
    assert listing.exit_code == 0 and all(name in listing.stdout for name in NAMES)
    false = runner.invoke(cli, ["query", "ASK { ?s hw:recovered true }", "--graph", graph])
    assert false.exit_code == 1 and false.stdout == "false\n"
    bad = runner.invoke(cli, ["query", "SELECT ?x WHERE {", "--graph", graph])
    assert bad.exit_code == 2 and "query:" in bad.stderr and bad.stdout == ""
    none = runner.invoke(cli, ["query", "documents", "--graph", str(tmp_path / "nothing")])
    assert none.exit_code == 2 and "nothing" in none.stderr


# ---- streaming writers (issue 14) ----------------------------------------------------------------


def _crlf_store() -> Store:
    store = Store()
    from pyoxigraph import Quad

    g = NamedNode("https://example.org/g")
    s = NamedNode("https://example.org/s")
    store.add(Quad(s, NamedNode("https://example.org/p"), Literal('a,"b"\r\nc', language="zh"), g))
    store.add(Quad(s, NamedNode("https://example.org/p"), Literal("plain"), g))
    return store


def test_query_csv_lf_rows_keep_crlf_inside_fields() -> None:
    out = io.BytesIO()
    write_query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", out, _crlf_store(), "csv")
    text = out.getvalue().decode("utf-8")
    assert text == 'o\n"a,""b""\r\nc"\nplain\n'
    assert [row for row in csv.reader(io.StringIO(text, newline=""))] == [["o"], ['a,"b"\r\nc'], ["plain"]]


def test_query_lf_writer_across_chunk_boundaries() -> None:
    from hwgraph.query import _LfLines

    data = b'x,"q\r\n""r"\r\ny,z\r\n'
    for cut in range(len(data) + 1):
        out = io.BytesIO()
        writer = _LfLines(out)
        writer.write(data[:cut])
        writer.write(data[cut:])
        writer.flush()
        assert out.getvalue() == b'x,"q\r\n""r"\ny,z\n', cut


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml", "table"])
def test_query_write_query_same_as_format_result(example_store: Store, fmt: str) -> None:
    for text in (QUERY, resolve_query("shared-programs"), "ASK { ?s ?p ?o }"):
        out = io.BytesIO()
        write_query(text, out, example_store, fmt)
        assert out.getvalue().decode("utf-8") == format_result(run_query(text, example_store), fmt)


def test_query_streamed_group_concat_parts_sorted() -> None:
    from pyoxigraph import Quad

    store = Store()
    g = NamedNode("https://example.org/g")
    for value in ("c", "a", "b"):
        store.add(Quad(NamedNode(f"https://example.org/{value}"), NamedNode("https://example.org/p"), Literal(value), g))
    text = 'SELECT (GROUP_CONCAT(?o; separator="|") AS ?all) WHERE { ?s ?p ?o }'
    for fmt in ("json", "tsv", "csv", "xml"):
        out = io.BytesIO()
        write_query(text, out, store, fmt)
        assert "a|b|c" in out.getvalue().decode("utf-8"), fmt


def test_query_command_imports_neither_rdflib_nor_extraction_nor_click(tmp_path: Path, graph_quads) -> None:
    import subprocess
    import sys

    graph = str(write_graph(tmp_path / "g.nq", graph_quads))
    probe = (
        "import sys, runpy; sys.argv = ['hwgraph', 'query', 'ASK { ?s ?p ?o }', '--graph', sys.argv[1]]\n"
        "try:\n    runpy.run_module('hwgraph', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'jieba', 'click') or m in "
        "('hwgraph.outline', 'hwgraph.clean', 'hwgraph.types', 'hwgraph.meta', 'dataclasses', 'inspect'))\n"
        "print(bad, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe, graph], capture_output=True, text=True, check=True)
    assert done.stdout == "true\n"
    assert done.stderr.strip() == "[]"


# ---- `hwgraph query` without click (hwgraph._entry) ----------------------------------------------


def test_query_quick_path_parses_only_what_click_would_accept_the_same() -> None:
    from hwgraph._entry import quick_query_args

    assert quick_query_args(["documents"]) == ("documents", None, "table")
    assert quick_query_args(["documents", "--graph", "g.nq", "--format", "csv"]) == ("documents", "g.nq", "csv")
    assert quick_query_args(["--format=json", "ASK { ?s ?p ?o }", "--graph=out"]) == ("ASK { ?s ?p ?o }", "out", "json")
    assert quick_query_args(["x", "--format", "csv", "--format", "tsv"]) == ("x", None, "tsv")  # the last wins
    for args in ([], ["--list"], ["-h"], ["x", "--help"], ["x", "y"], ["x", "--format", "yaml"], ["x", "--graph"],
                 ["x", "--graph", "--format"], ["x", "--unknown", "1"], [""], ["--", "x"]):
        assert quick_query_args(args) is None, args  # left to click: help, listing, usage errors


def test_query_quick_path_knows_every_option_of_the_click_command() -> None:
    import click

    from hwgraph._entry import QUERY_FORMATS

    params = {p.name: p for p in cli.commands["query"].params}
    # An option added to `query` must be parsed by hwgraph._entry too (or make it fall back to click).
    assert set(params) == {"query_or_file", "graph", "fmt", "list_only"}
    assert params["fmt"].opts == ["--format"] and params["graph"].opts == ["--graph"]
    assert isinstance(params["fmt"].type, click.Choice) and tuple(params["fmt"].type.choices) == QUERY_FORMATS
    assert params["fmt"].default == "table"


def _hwgraph(*args: str) -> tuple[int, bytes, str]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "hwgraph", *args], capture_output=True, timeout=60)
    return done.returncode, done.stdout, done.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["documents", "--format", "json"],
        ["shared-programs", "--format=csv"],
        ["documents"],
        ["ASK { ?s hw:recovered true }"],
        ["SELECT ?x WHERE {"],
        ["nonesuch"],
        ["CONSTRUCT { ?d a hw:Document } WHERE { ?d a hw:Document }", "--format", "xml"],
    ],
)
def test_query_quick_path_same_bytes_and_exit_code_as_click(tmp_path: Path, graph_quads, args: list[str]) -> None:
    graph = str(write_graph(tmp_path / "g.nq", graph_quads))
    code, out, err = _hwgraph("query", *args, "--graph", graph)
    clicked = CliRunner().invoke(cli, ["query", *args, "--graph", graph])
    assert (code, out, err) == (clicked.exit_code, clicked.stdout_bytes, clicked.stderr)
