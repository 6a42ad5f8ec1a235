"""Parallel and incremental builds give the outputs of a serial full build, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import hwgraph.build as build_module
from hwgraph.build import build
from hwgraph.building import workers
from hwgraph.building.manifest import CACHE_DIR

ROOT = Path(__file__).resolve().parent.parent


def _outputs(out: Path) -> dict[str, object]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    del report["out_dir"], report["outputs"], report["corpus"]
    return {"ttl": (out / "hwgraph.ttl").read_bytes(), "nq": (out / "hwgraph.nq").read_bytes(), "report": report}


def test_build_jobs_2_byte_identical_to_jobs_1(corpus_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, serial = corpus_build
    pools = []
    real_pool = workers.ProcessPoolExecutor

    def pool(*args, **kwargs):
        pools.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(workers, "_BYTES_PER_WORKER", 1)  # the sample corpus is worth 2 workers too
    monkeypatch.setattr(workers, "ProcessPoolExecutor", pool)
    build(ROOT / "corpus", tmp_path / "parallel", html=False, jobs=2)
    assert pools == [2]
    assert _outputs(tmp_path / "parallel") == _outputs(serial)


def test_build_jobs_only_when_worth_it(tmp_path: Path) -> None:
    small = sorted((ROOT / "corpus").iterdir())
    assert workers._worth(small) == 1  # 100 kB: starting a worker costs more than it saves


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files each build extracts (not taken from the last build's cache)."""
    seen: list[str] = []
    real = build_module.extract_files

    def counting(paths, jobs=1, **kwargs):
        seen.extend(Path(p).name for p in paths)
        return real(paths, jobs, **kwargs)

    monkeypatch.setattr(build_module, "extract_files", counting)
    return seen


def test_build_incremental_equals_full_rebuild(tmp_path: Path, extracted: list[str]) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    names = sorted(p.name for p in corpus.iterdir())
    out = tmp_path / "out"
    build(corpus, out, html=False)
    assert sorted(extracted) == names
    extracted.clear()
    build(corpus, out, html=False)
    assert extracted == []  # nothing changed: every file from the cache
    changed, deleted = corpus / names[0], corpus / names[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n四、加强卫生健康人才队伍建设\n", encoding="utf-8")
    deleted.unlink()
    shutil.copy(ROOT / "corpus" / names[1], corpus / "new.txt")
    extracted.clear()
    incremental = build(corpus, out, html=False)
    assert sorted(extracted) == sorted([names[0], "new.txt"])
    full = build(corpus, tmp_path / "full", html=False, incremental=False)
    assert _outputs(out) == _outputs(tmp_path / "full")
    assert incremental.files == full.files == len(names)
    manifest = json.loads((out / CACHE_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(Path(p).name for p in manifest["files"]) == sorted([*names[:1], *names[2:], "new.txt"])
    assert len(list((out / CACHE_DIR).glob("*.pickle"))) == len(names)  # the deleted file's entry is gone


def test_build_incremental_ignores_a_damaged_cache(tmp_path: Path, extracted: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted((ROOT / "corpus").iterdir())[0], corpus)
    out = tmp_path / "out"
    build(corpus, out, html=False)
    before = _outputs(out)
    for entry in (out / CACHE_DIR).glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    extracted.clear()
    build(corpus, out, html=False)
    assert extracted == [next(corpus.iterdir()).name] and _outputs(out) == before


def test_build_cli_jobs_and_full(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hwgraph.cli import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "corpus").iterdir())[:2]:
        shutil.copy(path, corpus)
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "a"), "--jobs", "2", "-q"])
    second = runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "b"), "-j", "1", "--full", "-q"])
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert (tmp_path / "a" / "hwgraph.nq").read_bytes() == (tmp_path / "b" / "hwgraph.nq").read_bytes()
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "c"), "--jobs", "0"]).exit_code == 2


def test_build_jobs_from_an_unguarded_script_falls_back_to_this_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "corpus").iterdir())[:2]:
        shutil.copy(path, corpus)
    script = tmp_path / "script.py"  # no `if __name__ == "__main__":`: the forkserver re-runs it
    script.write_text(
        "import hwgraph.building.workers as w\n"
        "from hwgraph.build import build\n"
        "w._BYTES_PER_WORKER = 1\n"
        f"print(build({str(corpus)!r}, {str(tmp_path / 'out')!r}, html=False, jobs=2).files)\n",
        encoding="utf-8",
    )
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip().splitlines()[-1] == "2"
    assert (tmp_path / "out" / "hwgraph.nq").is_file()


def test_build_patched_equals_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One file changed, gone or new: the build patches the last one (store, files, findings) and
    its outputs equal a full build's byte for byte, report included."""
    patches = []
    real_patch = build_module.patch

    def counting_patch(*args, **kwargs):
        patches.append(1)
        return real_patch(*args, **kwargs)

    monkeypatch.setattr(build_module, "patch", counting_patch)
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    names = sorted(p.name for p in corpus.iterdir())
    out = tmp_path / "out"
    build(corpus, out, html=False)
    changed = corpus / names[0]
    steps = [
        lambda: changed.write_text(changed.read_text(encoding="utf-8") + "\n四、加强卫生健康人才队伍建设\n", encoding="utf-8"),
        lambda: (corpus / names[1]).unlink(),
        lambda: shutil.copy(ROOT / "corpus" / names[1], corpus / "new.txt"),
        lambda: changed.write_text((ROOT / "corpus" / names[0]).read_text(encoding="utf-8"), encoding="utf-8"),
    ]
    for i, step in enumerate(steps, 1):
        step()
        build(corpus, out, html=False)
        assert len(patches) == i
        full = tmp_path / f"full{i}"
        build(corpus, full, html=False, incremental=False)
        assert _outputs(out) == _outputs(full), f"step {i}"
        from pyoxigraph import Store

        def quads(folder: Path) -> set:
            store = Store.read_only(str(folder / "store"))
            return set(store), sorted(g.value for g in store.named_graphs())

        assert quads(out) == quads(full), f"step {i}: the stores differ"


def _injected_cases() -> list:
    from test_validate_engines import test_validate_engines_agree_on_injected_violations as injected

    return next(mark.args[1] for mark in injected.pytestmark if mark.name == "parametrize")


@pytest.mark.parametrize("case,update", _injected_cases())
def test_build_rechecks_focus_nodes_as_the_whole_graph(graph_quads, case, update) -> None:
    """What an incremental build re-checks (some focus nodes, in a small store of their triples and
    their values') finds on them what validating the whole graph finds."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

    from hwgraph.namespace import PREFIXES
    from hwgraph.validate import findings_for, validate

    store = Store()
    store.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in graph_quads)
    store.update("".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + update)
    whole = set(validate(store).findings)
    assert whole, case
    every = sorted({q.subject.value for q in store if isinstance(q.subject, NamedNode)})
    assert set(findings_for(store, every)) == whole, case
    some = sorted({f.focus for f in whole})[:1] + every[::7]
    assert set(findings_for(store, some)) == {f for f in whole if f.focus in set(some)}, case


def test_build_without_gnu_sort_gives_the_same_bytes(corpus_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no GNU sort, the spooled lines are sorted in runs merged in Python: same files."""
    from hwgraph.building import outputs

    _, serial = corpus_build
    monkeypatch.setattr(outputs, "_gnu_sort", lambda: None)
    monkeypatch.setattr(outputs, "_RUN_BYTES", 1 << 16)  # many runs on the sample corpus
    build(ROOT / "corpus", tmp_path / "py", html=False, incremental=False)
    assert _outputs(tmp_path / "py") == _outputs(serial)


def test_build_with_twin_files_equals_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files of one name and the same bytes in two folders are one source (same IRIs): when one
    of them changes or goes, the other's graph stays, as in a full build (the rebuild is not a
    patch then); twins that stay as they were do not stop a patch."""
    patches = []
    real_patch = build_module.patch
    monkeypatch.setattr(build_module, "patch", lambda *a, **k: patches.append(1) or real_patch(*a, **k))
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    names = sorted(p.name for p in corpus.iterdir())
    for folder in ("x", "y"):
        (corpus / folder).mkdir()
        shutil.copy(ROOT / "corpus" / names[0], corpus / folder / "a.txt")
    out = tmp_path / "out"
    build(corpus, out, html=False)
    steps = [
        (lambda: (corpus / "x" / "a.txt").write_text("一、新增\n", encoding="utf-8"), 0),
        (lambda: shutil.copy(ROOT / "corpus" / names[0], corpus / "x" / "a.txt"), 0),
        (lambda: (corpus / "y" / "a.txt").unlink(), 0),
        (lambda: (corpus / names[1]).write_text("一、新增\n", encoding="utf-8"), 1),
    ]
    for i, (step, patched) in enumerate(steps, 1):
        before = len(patches)
        step()
        build(corpus, out, html=False)
        assert len(patches) - before == patched, f"step {i}"
        full = tmp_path / f"full{i}"
        build(corpus, full, html=False, incremental=False)
        assert _outputs(out) == _outputs(full), f"step {i}"
