"""The README's console examples are real output, kept true by running them.

Every block written as

    <!-- example -->                (or <!-- example lines=12 --> to show the first 12 lines and …)
    ```console
    $ hwgraph outline corpus/003_84b132beb9443644.txt
    …what the command prints…
    ```

is run in a scratch folder that holds ``corpus/`` and a fresh ``outputs/`` build, and what it
prints (stdout and stderr as a terminal shows them) must equal the block. After a deliberate change
of output, rewrite the blocks from real runs, like the golden files:

    pytest tests/test_readme.py --update-readme
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from hwgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = re.compile(
    r"<!-- example(?: lines=(?P<lines>\d+))? -->\n```console\n\$ (?P<cmd>[^\n]+)\n(?P<out>.*?)```", re.S
)


def _examples() -> list[re.Match[str]]:
    return list(EXAMPLE.finditer(README.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the sample corpus and a fresh build of it, as after the README's first command."""
    where = tmp_path_factory.mktemp("readme")
    os.symlink(ROOT / "corpus", where / "corpus")
    cwd = Path.cwd()
    os.chdir(where)
    try:
        result = CliRunner().invoke(cli, ["build", "corpus", "-o", "outputs", "--silent"])
        assert result.exit_code == 0, result.output
    finally:
        os.chdir(cwd)
    return where


def _run(cmd: str, where: Path) -> str:
    args = shlex.split(cmd)
    assert args[0] == "hwgraph", f"README examples run hwgraph only: {cmd}"
    cwd = Path.cwd()
    os.chdir(where)
    try:
        result = CliRunner().invoke(cli, args[1:], terminal_width=100)
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


def _block(cmd: str, output: str, lines: str | None) -> str:
    shown = output.rstrip("\n").split("\n")
    if lines is not None and len(shown) > int(lines):
        shown = [*shown[: int(lines)], "…"]
    return f"<!-- example{f' lines={lines}' if lines else ''} -->\n```console\n$ {cmd}\n" + "\n".join(shown) + "\n```"


def test_readme_has_examples() -> None:
    assert len(_examples()) >= 6


@pytest.mark.parametrize("index", range(len(_examples())))
def test_readme_example_is_real_output(index: int, workdir: Path, request: pytest.FixtureRequest) -> None:
    m = _examples()[index]
    want = _block(m["cmd"], _run(m["cmd"], workdir), m["lines"])
    if request.config.getoption("--update-readme"):
        text = README.read_text(encoding="utf-8")
        current = EXAMPLE.finditer(text)
        for i, cur in enumerate(current):
            if i == index:
                README.write_text(text[: cur.start()] + want + text[cur.end() :], encoding="utf-8")
                break
        return
    assert m.group(0) == want, f"README example `{m['cmd']}` drifted; rerun with --update-readme if intended"
