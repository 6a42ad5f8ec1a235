"""The ``hwgraph`` command's entry point (the console script and ``python -m hwgraph``).

``hwgraph query NAME`` is run in loops and scripts, and a cheap query takes Oxigraph ~20 ms:
importing click and the command line of every command cost twice that again. So a plain

    hwgraph query QUERY [--graph GRAPH] [--format FORMAT]

is parsed here, with no click, and runs exactly what ``hwgraph.cli``'s ``query`` command runs.
Anything else (another command, ``--list``, ``-h``, an unknown or malformed option, a second
query) goes to the click command line in ``hwgraph.cli``, which defines the interface and gives the
usage errors. tests/test_query.py checks that both accept the same options and write the same bytes.
"""

from __future__ import annotations

import sys

__all__ = ["main", "quick_query_args"]

# The choices of `hwgraph query --format` in hwgraph.cli (tests/test_query.py keeps them equal).
QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml")


def quick_query_args(args: list[str]) -> tuple[str, str | None, str] | None:
    """``(query, graph, format)`` of the arguments after ``query`` when they need nothing of click
    to parse, else None. Like click, the last of a repeated option wins and ``--opt=value`` equals
    ``--opt value``; a value that looks like an option is left to click to judge.
    """
    query: str | None = None
    graph: str | None = None
    fmt = "table"
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("-"):
            name, eq, value = arg.partition("=")
            if name not in ("--graph", "--format"):
                return None
            if not eq:
                i += 1
                if i == len(args) or args[i].startswith("-"):
                    return None
                value = args[i]
            if name == "--graph":
                graph = value
            elif value in QUERY_FORMATS:
                fmt = value
            else:
                return None
        elif query is None:
            query = arg
        else:
            return None
        i += 1
    if not query:
        return None
    return query, graph, fmt


def _quick_query(query: str, graph: str | None, fmt: str) -> int:
    """Run one query as ``hwgraph query`` does; its exit code. Errors read as click writes them."""
    from pathlib import Path

    from hwgraph.errors import HwgraphError
    from hwgraph.query import resolve_query, write_query

    out = sys.stdout.buffer
    try:
        answer = write_query(resolve_query(query), out, None if graph is None else Path(graph), fmt)
        out.flush()
    except HwgraphError as e:
        print(f"Error: {e}", file=sys.stderr)  # hwgraph.cli's CouldNotRun: exit 2 with the message
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): exit 1 quietly, as click does, and keep Python's final
        # flush of stdout from failing again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        return 1
    return 1 if answer is False else 0


def main() -> None:
    """Console-script entry point: a plain ``hwgraph query`` without click, the rest with it."""
    args = sys.argv[1:]
    if args[:1] == ["query"]:
        parsed = quick_query_args(args[1:])
        if parsed is not None:
            sys.exit(_quick_query(*parsed))
    from hwgraph.cli import main as cli_main

    cli_main()
