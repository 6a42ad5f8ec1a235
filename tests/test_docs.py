"""Every command documents itself and appears in the README; the public API is curated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import hwgraph
import hwgraph.cli as cli_module
from hwgraph.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_command_has_help_with_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert cli.commands[name].get_short_help_str(), "a one-line summary"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_command_in_readme(name: str) -> None:
    assert f"hwgraph {name}" in README


def test_docs_public_api_is_curated() -> None:
    assert sorted(hwgraph.__all__) == hwgraph.__all__
    for name in hwgraph.__all__:
        assert getattr(hwgraph, name) is not None
    assert not [n for n in hwgraph.__all__ if n.startswith("_")]


@pytest.mark.parametrize(
    "name,module",
    [("build_corpus", "hwgraph.build"), ("validate_graph", "hwgraph.validate"), ("write_html", "hwgraph.views"),
     ("find_programs", "hwgraph.programs"), ("run_query", "hwgraph.query"), ("load", "hwgraph.library"),
     ("to_networkx", "hwgraph.library"), ("to_pyvis", "hwgraph.library")],
)
def test_docs_lazy_exports_are_functions(name: str, module: str) -> None:
    import importlib

    importlib.import_module(module)  # importing the submodule must not shadow the export
    fn = getattr(hwgraph, name)
    assert callable(fn) and fn.__module__ == module


def _commands_table() -> dict[str, str]:
    rows = re.findall(r"^\| `hwgraph (\w+)([^`]*)` \|", README, re.M)
    return {name: usage for name, usage in rows}


@pytest.mark.parametrize("name", ["validate", "query", "export", "serve", "html"])
def test_docs_graph_readers_take_graph_option(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "-h"])
    assert "--graph" in result.stdout
    usage = _commands_table().get(name)
    assert usage is not None, f"hwgraph {name} is in the README's commands table"
    assert "GRAPH" not in usage, "a graph is given with --graph, not positionally"


def test_docs_readme_exit_codes_match_cli() -> None:
    section = README.split("## Exit codes", 1)[1]
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in section
    assert "could not run at all" in section and "could not run at all" in (cli_module.__doc__ or "")
    assert CliRunner().invoke(cli, ["query", "--format", "xml", "x"]).exit_code == 2  # a usage error


def test_docs_readme_installs_venv_on_debian() -> None:
    assert "sudo apt-get install python3-venv" in README


def test_docs_license() -> None:
    root = Path(__file__).resolve().parent.parent
    assert (root / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'license = "MIT"' in (root / "pyproject.toml").read_text(encoding="utf-8")
