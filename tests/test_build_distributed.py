"""`hwgraph build --scheduler`: the files are extracted on a Dask cluster (a LocalCluster of two
worker processes that this module starts) and the outputs are the local build's, byte for byte; a
cluster that cannot be used is one line and exit code 2, and the last build stays."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from hwgraph.building import distributed
from hwgraph.building.distributed import ClusterError, cluster_executor, extract_on
from hwgraph.building.filegraph import extract_and_graph
from hwgraph.building.workers import extract_file, extract_files
from hwgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("hwgraph.ttl", "hwgraph.nq", "report.json")

# With the dashboard off a scheduler still serves its health routes on 8787, or on a free port when
# 8787 is taken (by the other cluster of this module, or anything on a CI machine): harmless.
pytestmark = pytest.mark.filterwarnings("ignore:Port 8787 is already in use:UserWarning")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local cluster: two worker processes of one thread, no dashboard."""
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def local_build(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the sample corpus, a local ``--jobs 1`` build of it in tmp/out, and its bytes."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    return corpus, out, _snapshot(out)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_build_on_cluster_byte_identical_to_local(scheduler: str, local_build) -> None:
    corpus, out, local = local_build
    # Into the same folder (the report names it), --full so that no file comes from the cache.
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--scheduler", scheduler, "--full", "-q"])
    assert result.exit_code == 0, result.output
    assert _snapshot(out) == local


def test_build_on_cluster_runs_on_its_workers(scheduler: str, tmp_path: Path) -> None:
    """The workers did the extraction, and what a worker gets is bytes: it never opens the path."""
    corpus = sorted((ROOT / "corpus").iterdir())
    with cluster_executor(scheduler) as executor:
        assert executor is not None
        worker_pid = executor.submit(os.getpid).result()
        remote = list(extract_on(executor, corpus))
    assert worker_pid != os.getpid()
    assert remote == [extract_file(p) for p in corpus]
    gone = tmp_path / corpus[0].name
    shutil.copy(corpus[0], gone)
    data = gone.read_bytes()
    here = extract_file(gone)
    gone.unlink()
    assert extract_file(gone, data) == here


def test_build_file_graphs_made_on_the_cluster(scheduler: str) -> None:
    """The build's per-file task (extraction, then the file's own N-Quads and summaries) runs on
    the workers from the bytes, and gives what it gives here."""
    corpus = sorted((ROOT / "corpus").iterdir())
    with cluster_executor(scheduler) as executor:
        remote = list(extract_files(corpus, executor=executor, task=extract_and_graph))
    assert remote == [extract_and_graph(p) for p in corpus]
    assert all(found.nquads for found in remote)


def test_build_unreachable_scheduler_exits_2_and_keeps_old_build(local_build) -> None:
    corpus, out, before = local_build
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = time.perf_counter()
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--scheduler", address])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and address in lines[0] and "dask scheduler" in lines[0], result.stderr
    assert time.perf_counter() - started < 20
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["corpus", "out"]  # no staging left


def test_build_scheduler_without_dask_says_how_to_install(monkeypatch: pytest.MonkeyPatch, local_build) -> None:
    corpus, out, before = local_build
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "pip install 'hwgraph[cluster]'" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(out) == before


def test_build_scheduler_with_other_code_on_workers(monkeypatch: pytest.MonkeyPatch, scheduler: str) -> None:
    monkeypatch.setattr(distributed, "code_fingerprint", lambda: "not the workers' code")
    with pytest.raises(ClusterError, match="2 of its 2 workers run other hwgraph code"):
        with cluster_executor(scheduler):
            pass


def test_build_scheduler_without_workers() -> None:
    with LocalCluster(n_workers=0, processes=True, dashboard_address=None) as empty:
        with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
            with pytest.raises(ClusterError, match="has no worker after 1 s; start some with `dask worker"):
                with cluster_executor(empty.scheduler_address):
                    pass


def test_build_jobs_and_scheduler_together_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["build", "--jobs", "2", "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "give one" in result.stderr


def test_extract_on_any_executor_in_order_with_local_errors(tmp_path: Path) -> None:
    """A small window still gives every file in order; a file that cannot be read here is its
    local error line (the executor never sees it)."""
    files = sorted((ROOT / "corpus").iterdir())
    missing = tmp_path / "missing.txt"
    odd = tmp_path / "notes.rtf"
    odd.write_text("x", encoding="utf-8")
    paths = [files[0], missing, *files[1:3], odd, files[3]]
    with ThreadPoolExecutor(2) as pool:
        got = list(extract_on(pool, paths, window=2, window_bytes=1))
    assert got == [extract_file(p) for p in paths]
    assert got[1].error is not None and got[4].error is not None


def test_extract_on_runs_another_task_of_name_and_bytes(tmp_path: Path) -> None:
    """The build may send its own per-file task (one that also makes the file's graph): it gets the
    name and bytes there, and the name alone here for a file that cannot be read."""

    def size(name: str, data: bytes | None = None) -> tuple[str, int | None]:
        return Path(name).name, None if data is None else len(data)

    files = sorted((ROOT / "corpus").iterdir())[:2]
    with ThreadPoolExecutor(2) as pool:
        got = list(extract_on(pool, [*files, tmp_path / "missing.txt"], task=size))
    assert got == [(p.name, p.stat().st_size) for p in files] + [("missing.txt", None)]
