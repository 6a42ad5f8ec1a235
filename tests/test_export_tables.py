"""CSV export of the analytics: the compare matrix and the stats programs, the same numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from hwgraph.analytics.compare import compare_data
from hwgraph.analytics.stats import stats
from hwgraph.cli import cli
from hwgraph.export import csv_table, export
from hwgraph.store import open_store

BOM = "\ufeff".encode()


@pytest.fixture(scope="module")
def store(corpus_build):
    """The sample corpus build's store."""
    return open_store(corpus_build[1])


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize("by", ["place", "year", "level"])
def test_matrix_equals_the_compare_data(corpus_build, store, by: str) -> None:
    data = compare_data(corpus_build[1], by=by)
    frame = pd.read_csv(io.BytesIO(csv_table(store, "matrix", by)), index_col=0)
    assert frame.index.name == "program"
    assert list(frame.columns) == [d.title for d in data.documents]  # the report's column order
    assert list(frame.index) == [p.name for p in data.programs]  # and row order (all 128 < 500 rows)
    assert len(frame) == data.total_programs
    assert all(dtype.kind == "i" for dtype in frame.dtypes), "a full integer grid, 0 where unused"
    want = {(data.programs[i].name, data.documents[j].title): n for i, j, n in data.cells}
    got = {(p, d): int(n) for (p, d), n in frame.stack().items() if n}
    assert got == want


def test_matrix_keeps_every_program_the_report_cuts(corpus_build, store) -> None:
    few = compare_data(corpus_build[1], max_programs=5)
    rows = _rows(csv_table(store, "matrix"))
    assert len(rows) - 1 == few.total_programs > len(few.programs)
    assert [r[0] for r in rows[1:6]] == [p.name for p in few.programs]


def test_programs_equal_stats(corpus_build, store) -> None:
    rows = _rows(csv_table(store, "programs"))
    assert rows[0] == ["name", "documents", "first_year", "levels", "members_agree"]

    def flag(v: bool | None) -> str:
        return "" if v is None else str(v).lower()

    want = [
        [p.name, str(p.documents), "" if p.first_year is None else str(p.first_year), " ".join(p.levels),
         flag(p.members_agree)]
        for p in stats(corpus_build[1]).programs
    ]
    assert rows[1:] == want
    assert {r[4] for r in rows[1:]} >= {"true", ""}, "the sample corpus has programs of both kinds"
    frame = pd.read_csv(io.BytesIO(csv_table(store, "programs")))
    assert frame["documents"].sum() == sum(p.documents for p in stats(store).programs)


@pytest.mark.parametrize("table", ["triples", "matrix", "programs"])
def test_tables_lf_deterministic_and_bom_on_request(corpus_build, store, table: str) -> None:
    data = csv_table(store, table)
    assert b"\r" not in data and data.endswith(b"\n")
    assert not data.startswith(BOM)
    assert data == export("csv", corpus_build[1], table=table)  # same graph, same bytes
    with_bom = csv_table(store, table, bom=True)
    assert with_bom == BOM + data
    assert _rows(with_bom.decode("utf-8-sig").encode()) == _rows(data)
    assert list(pd.read_csv(io.BytesIO(with_bom)).columns) == list(pd.read_csv(io.BytesIO(data)).columns)


def test_triples_is_still_the_default(store) -> None:
    from hwgraph.export import export_bytes

    assert csv_table(store) == export_bytes(store, "csv")


def test_table_errors(store) -> None:
    with pytest.raises(ValueError, match="table must be one of"):
        csv_table(store, "nodes")
    with pytest.raises(ValueError, match="options of the csv format"):
        export("turtle", store, table="matrix")


@pytest.mark.parametrize("args", [["--table", "matrix"], ["--table", "matrix", "--by", "year"],
                                  ["--table", "programs", "--bom"]])
def test_export_table_cli_stdout_and_file(tmp_path: Path, corpus_build, args: list[str]) -> None:
    graph = str(corpus_build[1])
    runner = CliRunner()
    to_stdout = runner.invoke(cli, ["export", "--format", "csv", "--graph", graph, *args])
    assert to_stdout.exit_code == 0, to_stdout.output
    by = args[args.index("--by") + 1] if "--by" in args else "place"
    assert to_stdout.stdout_bytes == csv_table(open_store(graph), args[1], by, "--bom" in args)
    out = tmp_path / "table.csv"
    to_file = runner.invoke(cli, ["export", "--format", "csv", "--graph", graph, *args, "-o", str(out)])
    assert to_file.exit_code == 0 and to_file.stdout == ""
    assert out.read_bytes() == to_stdout.stdout_bytes


@pytest.mark.parametrize("args", [["--format", "turtle", "--table", "matrix"], ["--format", "nquads", "--bom"],
                                  ["--format", "csv", "--table", "programs", "--by", "year"]])
def test_export_table_cli_usage_errors(corpus_build, args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["export", "--graph", str(corpus_build[1]), *args])
    assert result.exit_code == 2 and " with --" in result.output
