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

The other blocks are checked too: the ``pycon`` session runs as a doctest in the same folder,
every ``hwgraph`` line of a ``bash`` block runs (but ``serve`` and ``push``, which need a server), the ``json``
sample must be one of the objects its command prints, and every ``console`` block must be an
example. Repository paths the README names must exist.
"""

from __future__ import annotations

import doctest
import json
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
    """A folder with the sample corpus (and tests/data) and a fresh build of it, as after the README's
    first command."""
    where = tmp_path_factory.mktemp("readme")
    os.symlink(ROOT / "corpus", where / "corpus")
    os.symlink(ROOT / "tests", where / "tests")  # the entities example reads tests/data/entities
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


def _fenced(lang: str) -> list[tuple[str, str]]:
    """(the line before, the body) of every fenced block of ``lang``."""
    text = README.read_text(encoding="utf-8")
    return [(m["before"], m["body"]) for m in re.finditer(rf"(?P<before>[^\n]*)\n```{lang}\n(?P<body>.*?)```", text, re.S)]


def test_readme_every_console_block_is_an_example() -> None:
    unchecked = [body.split("\n")[0] for before, body in _fenced("console") if not before.startswith("<!-- example")]
    assert unchecked == [], "a console block without <!-- example --> is never checked"


def test_readme_python_session_runs(workdir: Path) -> None:
    sessions = [body for before, body in _fenced("pycon") if before == "<!-- example python -->"]
    assert sessions, "the README shows hwgraph.load() in a checked pycon block"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    cwd = Path.cwd()
    os.chdir(workdir)
    try:
        for i, body in enumerate(sessions):
            runner.run(parser.get_doctest(body, {}, f"README-python-{i}", str(README), 0))
    finally:
        os.chdir(cwd)
    assert runner.summarize(verbose=False).failed == 0, "the README's Python session drifted (see above)"


# serve never ends; push needs a store to push to; --scheduler a Dask cluster (test_build_distributed)
_NEEDS_SERVER = ("hwgraph serve", "hwgraph push", "hwgraph build --scheduler")


def _bash_commands() -> list[str]:
    commands = []
    for _, body in _fenced("bash"):
        for line in body.splitlines():
            line = line.split(" #", 1)[0].strip().removesuffix("&").strip()
            if line.startswith("hwgraph ") and not line.startswith(_NEEDS_SERVER):
                commands.append(line)
    return commands


def test_readme_bash_blocks_name_commands() -> None:
    assert len(_bash_commands()) >= 3


@pytest.mark.parametrize("cmd", _bash_commands())
def test_readme_bash_command_runs(cmd: str, workdir: Path) -> None:
    args = shlex.split(cmd)
    cwd = Path.cwd()
    os.chdir(workdir)
    try:
        result = CliRunner().invoke(cli, args[1:])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, f"`{cmd}` in the README fails: {result.output}"


def test_readme_json_sample_is_real_output(workdir: Path) -> None:
    (intro,) = re.findall(r"`--json` prints one object per \(document, program\):\n\n```json\n(.*?)```",
                          README.read_text(encoding="utf-8"), re.S)
    sample = json.loads(intro)
    cwd = Path.cwd()
    os.chdir(workdir)
    try:
        result = CliRunner().invoke(cli, ["programs", sample["source"], "--json", "--quiet"])
    finally:
        os.chdir(cwd)
    printed = json.loads(result.stdout)
    assert sample in printed, "the README's programs --json sample is not what the command prints"


_PATH = re.compile(r"`((?:tests|bench|hwgraph|ontology|docs|corpus|\.ci)/[\w./-]*)`")


def test_readme_paths_exist() -> None:
    named = set(_PATH.findall(README.read_text(encoding="utf-8")))
    assert named, "the README names files of the repository"
    missing = sorted(p for p in named if not (ROOT / p.rstrip("/")).exists())
    assert missing == [], f"the README names files that do not exist: {missing}"
