"""Every command documents itself and appears in the README; the public API is curated."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import hwgraph
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
     ("find_programs", "hwgraph.programs"), ("run_query", "hwgraph.query")],
)
def test_docs_lazy_exports_are_functions(name: str, module: str) -> None:
    import importlib

    importlib.import_module(module)  # importing the submodule must not shadow the export
    fn = getattr(hwgraph, name)
    assert callable(fn) and fn.__module__ == module
