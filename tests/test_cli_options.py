"""One option vocabulary, exit codes that match the README, and what a newcomer trips over first:
``--graph`` wherever a graph is read, ``-o/--out`` wherever a file is written, ``-q/--quiet``
(``--silent`` still works), old positional graphs still accepted, the committed Turtle queried
when no store exists, parser errors with line and column, LF CSV, an empty corpus refused.
"""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hwgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ONE_FILE = ROOT / "corpus" / "003_84b132beb9443644.txt"
HWGRAPH = Path(sys.executable).parent / "hwgraph"


def _invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def fresh_clone(corpus_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder like a fresh clone: outputs/ has the committed graph files but no store."""
    _, out = corpus_build
    (tmp_path / "outputs").mkdir()
    for name in ("hwgraph.ttl", "hwgraph.nq"):
        shutil.copy2(out / name, tmp_path / "outputs" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- --graph everywhere a graph is read ---------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "query", "export", "serve", "html"])
def test_cli_graph_option_on_every_reader(command: str) -> None:
    result = _invoke(command, "-h")
    assert result.exit_code == 0
    assert "--graph" in result.stdout


@pytest.mark.parametrize("command", ["build", "export", "html"])
def test_cli_out_option_on_every_writer(command: str) -> None:
    result = _invoke(command, "-h")
    assert "-o, --out" in result.stdout
    assert "--output" not in result.stdout


@pytest.mark.parametrize("command", ["outline", "programs", "build", "html"])
def test_cli_quiet_option_and_hidden_silent(command: str) -> None:
    result = _invoke(command, "-h")
    assert "-q, --quiet" in result.stdout
    assert "--silent" not in result.stdout


def test_cli_validate_graph_option(corpus_build) -> None:
    _, out = corpus_build
    result = _invoke("validate", "--graph", str(out / "hwgraph.ttl"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms:")
    assert result.stderr == ""


def test_cli_validate_positional_graph_still_runs_with_a_note(corpus_build) -> None:
    _, out = corpus_build
    result = _invoke("validate", str(out / "hwgraph.ttl"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms:")
    assert result.stderr.count("\n") == 1 and "use `hwgraph validate --graph" in result.stderr


def test_cli_validate_two_graphs_is_a_usage_error(corpus_build) -> None:
    _, out = corpus_build
    result = _invoke("validate", str(out / "hwgraph.ttl"), "--graph", str(out / "hwgraph.nq"))
    assert result.exit_code == 2
    assert "give one with --graph" in result.stderr


def test_cli_html_graph_and_out(corpus_build, tmp_path: Path) -> None:
    _, out = corpus_build
    page = tmp_path / "page.html"
    result = _invoke("html", "--graph", str(out / "hwgraph.ttl"), "--out", str(page))
    assert result.exit_code == 0, result.output
    assert page.is_file() and result.stdout == ""
    assert result.stderr.startswith(f"wrote {page}")


def test_cli_html_old_spellings_still_run(corpus_build, tmp_path: Path) -> None:
    _, out = corpus_build
    page = tmp_path / "old.html"
    result = _invoke("html", str(out / "hwgraph.ttl"), "--output", str(page), "--silent")
    assert result.exit_code == 0, result.output
    assert page.is_file()
    assert "deprecated" in result.stderr and "wrote" not in result.stderr


# ---- a fresh clone: no store, the committed graph files ------------------------------------------


def test_cli_query_reads_committed_graph_without_store(fresh_clone: Path) -> None:
    result = _invoke("query", "ASK { ?p a hw:Program }")
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"
    assert not (fresh_clone / "outputs" / "store").exists()


def test_cli_validate_reads_committed_graph_without_store(fresh_clone: Path) -> None:
    result = _invoke("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms:")


def test_cli_query_falls_back_to_turtle(fresh_clone: Path) -> None:
    (fresh_clone / "outputs" / "hwgraph.nq").unlink()
    result = _invoke("query", "documents", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 10  # a header and the 9 documents


def test_cli_html_and_export_read_committed_graph(fresh_clone: Path) -> None:
    assert _invoke("html", "-o", "page.html", "-q").exit_code == 0
    assert (fresh_clone / "page.html").is_file()
    result = _invoke("export", "--format", "ntriples")
    assert result.exit_code == 0 and result.stdout.count("\n") > 1000


def test_cli_no_build_at_all_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["query", "documents"], ["validate"], ["html"]):
        result = _invoke(*args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and "run `hwgraph build` first" in result.stderr


# ---- query errors and formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,where",
    [
        ("SELEC x", "line 1, column"),
        ("SELECT ?x WHERE {\n  ?x a nope:Thing }", "line 2, column"),
        ("{ ?s ?p ?o }", "line 1, column"),
    ],
)
def test_cli_query_syntax_error_shows_line_and_column(corpus_build, text: str, where: str) -> None:
    _, out = corpus_build
    result = _invoke("query", text, "--graph", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert where in result.stderr and "syntax error" in result.stderr
    assert "no such named query" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_cli_query_undeclared_prefix_is_named(corpus_build) -> None:
    _, out = corpus_build
    result = _invoke("query", "SELECT ?x WHERE { ?x a nope:Thing }", "--graph", str(out))
    assert "prefix that is not declared" in result.stderr


@pytest.mark.parametrize("name", ["documentz", "my-query.rq", "queries/x.rq"])
def test_cli_query_unknown_name(corpus_build, name: str) -> None:
    _, out = corpus_build
    result = _invoke("query", name, "--graph", str(out))
    assert result.exit_code == 2
    assert f"{name}: no such named query or .rq file" in result.stderr


def test_cli_query_csv_has_lf_line_ends(corpus_build) -> None:
    _, out = corpus_build
    result = CliRunner().invoke(cli, ["query", "outline", "--graph", str(out), "--format", "csv"])
    assert result.exit_code == 0
    assert "\r" not in result.stdout_bytes.decode("utf-8")
    assert result.stdout.startswith("docTitle,depth,marker,title,")


# ---- inputs that cannot be read: exit 2, nothing written ----------------------------------------


def _previous_build(out: Path) -> dict[str, bytes]:
    (out / "store").mkdir(parents=True)
    files = {"hwgraph.ttl": b"# the previous build\n", "report.json": b"{}\n", "store/CURRENT": b"x"}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return files


@pytest.mark.parametrize("corpus", ["empty", "unreadable", "missing"])
def test_cli_build_without_readable_files_exits_2_and_keeps_last_build(tmp_path: Path, corpus: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.png").write_bytes(b"\x89PNG")
    (tmp_path / "unreadable").mkdir()
    (tmp_path / "unreadable" / "a.txt").write_bytes(b"\xff\xfe\x00\xd8")
    out = tmp_path / "out"
    before = _previous_build(out)
    result = _invoke("build", str(tmp_path / corpus), "-o", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(tmp_path / corpus) in result.stderr
    assert {name: (out / name).read_bytes() for name in before} == before
    assert sorted(p.name for p in out.iterdir()) == ["hwgraph.ttl", "report.json", "store"]


def test_cli_outline_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    nothing = _invoke("outline", str(tmp_path / "empty"))
    assert nothing.exit_code == 2 and "no file to read" in nothing.stderr
    missing = _invoke("outline", str(tmp_path / "nope.txt"), "-q")
    assert missing.exit_code == 2 and missing.stderr.startswith("error: ")
    some = _invoke("outline", str(ONE_FILE), str(tmp_path / "nope.txt"), "-q")
    assert some.exit_code == 1 and some.stdout.startswith(str(ONE_FILE))


# ---- progress: on a terminal only --------------------------------------------------------------------


def test_cli_build_in_a_pipe_prints_only_the_summary(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    shutil.copy2(ONE_FILE, tmp_path / "corpus")
    result = _invoke("build", str(tmp_path / "corpus"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"built {tmp_path / 'out'}: 1 files")
    assert "reading" not in result.stderr and "\r" not in result.stderr
    quiet = _invoke("build", str(tmp_path / "corpus"), "-o", str(tmp_path / "out"), "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""


def _on_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run hwgraph with stderr on a pseudo-terminal; (exit code, what the terminal showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(HWGRAPH), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return proc.wait(timeout=120), shown.decode("utf-8", "replace")


@pytest.mark.skipif(not HWGRAPH.exists(), reason="the hwgraph script is not installed beside this python")
def test_cli_build_on_a_terminal_shows_progress_and_stage_times(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    shutil.copy2(ONE_FILE, tmp_path / "corpus")
    code, shown = _on_terminal(["build", "corpus", "-o", "out"], tmp_path)
    assert code == 0, shown
    assert "reading" in shown and "1/1" in shown and "003_84b132beb9443644.txt" in shown
    for stage in ("read 1 files", "graph", "files: turtle", "store", "validate"):
        assert stage in shown
    assert shown.rstrip().splitlines()[-1].startswith("validation: conforms")
    code, shown = _on_terminal(["build", "corpus", "-o", "out", "-q"], tmp_path)
    assert code == 0 and shown == ""


# ---- help that works when pasted ---------------------------------------------------------------------


def test_cli_serve_help_curl_globbing_off() -> None:
    result = _invoke("serve", "-h")
    assert "curl -g 'http://127.0.0.1:8000/sparql?query=ASK{?s?p?o}'" in result.stdout
