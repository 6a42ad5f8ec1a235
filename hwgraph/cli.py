"""hwgraph command line. The only module that imports click: commands parse options, call one
library function, and format its result. Data goes to stdout, progress and errors to stderr.

Exit codes: 0 ok; 1 the result is negative (some inputs failed, graph does not conform, ASK false);
2 could not run at all.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from hwgraph.errors import HwgraphError

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _json_out(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _report_errors(errors: Iterable[HwgraphError], silent: bool = False) -> int:
    """Print one line per failed input to stderr; return how many there were."""
    n = 0
    for err in errors:
        n += 1
        click.echo(f"error: {err}", err=True)
    return n


class CouldNotRun(click.ClickException):
    """A library error at the command boundary: exit code 2 with the library's one-line message."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except HwgraphError as e:
            raise CouldNotRun(str(e)) from e


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(package_name="hwgraph")
def cli() -> None:
    """hwgraph: the outline and named programs of Chinese health-policy documents, as a knowledge graph."""


# ---- outline (issue 2) -------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead of a tree.")
@click.option("--silent", is_flag=True, help="Do not print progress to stderr.")
def outline(paths: tuple[Path, ...], as_json: bool, silent: bool) -> None:
    """Print the numbered outline of each document in PATHS (files or folders).

    Example:

        hwgraph outline corpus/*.txt

        hwgraph outline corpus/ --json > outline.json
    """
    from hwgraph.pipeline import analyse
    from hwgraph.report import outline_json, outline_tree

    docs = []
    errors = []
    for result in analyse(paths):
        if result.error is not None:
            errors.append(result.error)
            continue
        docs.extend(result.documents)
        if not as_json:
            click.echo(outline_tree(result.documents))
    if as_json:
        _json_out([outline_json(d) for d in docs])
    failed = _report_errors(errors, silent)
    if failed:
        sys.exit(1)


# ---- programs (issue 3) ------------------------------------------------------------------------

# ---- graph: build / validate / query / export / serve (issue 4) --------------------------------

# ---- html (issue 5) ----------------------------------------------------------------------------


def main() -> None:
    """Console-script entry point."""
    cli()
