"""`hwgraph build` as a transaction: a typo, an empty corpus, a bad output folder, a build killed
mid-way or a second build at the same time never lose or half-replace the last good build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import hwgraph.build as build_module
from hwgraph.build import build
from hwgraph.building.staging import BuildLock, clean_stale
from hwgraph.cli import cli
from hwgraph.errors import OutputError

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("hwgraph.ttl", "hwgraph.nq", "report.json")


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted((ROOT / "corpus").iterdir())[1], corpus)
    return corpus


@pytest.fixture
def built(tmp_path: Path, small_corpus: Path) -> tuple[Path, dict[str, bytes]]:
    """A good build in tmp/out and the bytes of its files."""
    out = tmp_path / "out"
    build(small_corpus, out, html=False)
    return out, _snapshot(out)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _leftovers(out: Path) -> list[str]:
    """Staging folders, old builds, lock and temporary files of ``out`` (none after a build)."""
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    inside = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".hwgraph-cache"]
    return sorted(beside + inside)


def _no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline ran before the output folder was checked")

    monkeypatch.setattr(build_module, "extract_files", fail)


def test_build_typo_corpus_keeps_old_build(built, tmp_path: Path) -> None:
    out, before = built
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "corpsu"), "-o", str(out)])
    assert result.exit_code == 2
    assert "corpsu" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(out) == before and _leftovers(out) == []


def test_build_empty_corpus_exits_2_and_keeps_old_build(built, tmp_path: Path) -> None:
    out, before = built
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["build", str(empty), "-o", str(out)])
    assert result.exit_code == 2 and "no file to read" in result.stderr
    assert _snapshot(out) == before


@pytest.mark.parametrize(
    "case,make,message",
    [
        ("a file where the folder should be", lambda t: (t / "out").write_text("x") and t / "out", "is a file"),
        ("under a file", lambda t: (t / "f").write_text("x") and t / "f" / "out", "cannot be created"),
        ("the corpus inside it", lambda t: t, "would contain the corpus"),
    ],
)
def test_build_bad_output_folder_one_line_before_pipeline(
    tmp_path: Path, small_corpus: Path, monkeypatch: pytest.MonkeyPatch, case, make, message
) -> None:
    _no_pipeline(monkeypatch)
    out = make(tmp_path)
    result = CliRunner().invoke(cli, ["build", str(small_corpus), "-o", str(out)])
    assert result.exit_code == 2, case
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(out) in lines[0], result.stderr


def test_build_read_only_output_folder(built, small_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, before = built
    if os.geteuid() == 0:  # root writes anyway: make the check see what a user would
        monkeypatch.setattr("hwgraph.building.staging._writable", lambda folder: Path(folder) != out)
    os.chmod(out, 0o555)
    try:
        _no_pipeline(monkeypatch)
        result = CliRunner().invoke(cli, ["build", str(small_corpus), "-o", str(out)])
    finally:
        os.chmod(out, 0o755)
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert _snapshot(out) == before


def test_build_failure_removes_staging_and_keeps_old_build(
    built, small_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = built

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "write_text_atomic", broken)  # the last write of either kind of build
    with pytest.raises(RuntimeError):
        build(small_corpus, out, html=False)
    assert _snapshot(out) == before and _leftovers(out) == []


def test_build_keeps_files_it_did_not_write(built, small_corpus: Path) -> None:
    out, _ = built
    (out / "compare.html").write_text("mine", encoding="utf-8")
    (out / "exports").mkdir()
    (out / "exports" / "g.graphml").write_text("g", encoding="utf-8")
    build(small_corpus, out, html=False)
    assert (out / "compare.html").read_text(encoding="utf-8") == "mine"
    assert (out / "exports" / "g.graphml").read_text(encoding="utf-8") == "g"


SLOW_BUILD = """
import pathlib, sys, time
import hwgraph.build as b
marker = pathlib.Path(sys.argv[3])
real = b.load_store
def slow(named, path):
    real(named, path)        # the new Turtle, N-Quads and store are in the staging folder
    marker.write_text("writing")
    time.sleep(120)
b.load_store = slow
b.build(sys.argv[1], sys.argv[2], html=False, incremental=False)  # a full build: it loads a store
"""


def _start_slow_build(corpus: Path, out: Path, marker: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(corpus), str(out), str(marker)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the slow build did not reach its write stage: {proc.stderr.read().decode()}")
        time.sleep(0.1)
    return proc


def test_build_killed_mid_way_keeps_old_build(built, small_corpus: Path, tmp_path: Path) -> None:
    out, before = built
    (small_corpus / "extra.txt").write_text("2023年某县卫生健康工作要点\n一、加强基层卫生\n", encoding="utf-8")
    proc = _start_slow_build(small_corpus, out, tmp_path / "marker")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _snapshot(out) == before  # the old build, whole, under its name
    assert any("staging" in name for name in _leftovers(out))  # what the killed build left
    (out / ".hwgraph.ttl.x1y2.tmp").write_text("half", encoding="utf-8")
    report = build(small_corpus, out, html=False)
    assert report.files == 2 and _leftovers(out) == []


def test_build_concurrent_second_refused(built, small_corpus: Path, tmp_path: Path) -> None:
    out, _ = built
    proc = _start_slow_build(small_corpus, out, tmp_path / "marker")
    try:
        result = CliRunner().invoke(cli, ["build", str(small_corpus), "-o", str(out)])
    finally:
        proc.kill()
        proc.wait()
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"another build (pid {proc.pid})" in lines[0], result.stderr


def test_build_lock_in_process_and_stale_lock_taken_over(tmp_path: Path, small_corpus: Path) -> None:
    out = tmp_path / "out"
    with BuildLock(out), pytest.raises(OutputError, match="another build"):
        build(small_corpus, out, html=False)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / ".out.hwgraph.lock").write_text(f"{dead.pid}\n", encoding="ascii")  # a killed build's lock
    assert build(small_corpus, out, html=False).files == 1
    assert not (tmp_path / ".out.hwgraph.lock").exists()


def test_clean_stale_restores_a_swap_cut_in_half(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = tmp_path / ".out.hwgraph-old-123"
    old.mkdir()
    (old / "hwgraph.ttl").write_text("old", encoding="utf-8")
    (tmp_path / ".out.hwgraph-staging-456").mkdir()
    clean_stale(out)
    assert (out / "hwgraph.ttl").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_build_through_a_symlinked_output_folder(tmp_path: Path, small_corpus: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    build(small_corpus, link, html=False)
    build(small_corpus, link, html=False)
    assert link.is_symlink() and (real / "hwgraph.ttl").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "link", "real"]
