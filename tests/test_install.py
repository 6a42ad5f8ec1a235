"""The built wheel works wherever pip puts it: installed with ``--user`` and with ``--target``,
``hwgraph build``, ``query`` and ``validate`` run from another folder and find the ontology.

The wheel is built from a copy of the sources with this venv's setuptools (``--no-deps
--no-build-isolation``: no network), and installed into a temporary user base or target folder
for the interpreter this venv was made from. hwgraph's dependencies come from this venv's
site-packages, added behind the installed package so that the wheel, not the checkout, is what
runs.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE_PYTHON = getattr(sys, "_base_executable", sys.executable)
VENV_SITE = site.getsitepackages()
CORPUS_FILE = ROOT / "corpus" / "003_84b132beb9443644.txt"
_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "hwgraph", "ontology")


def _setuptools_ok() -> bool:
    return int(version("setuptools").split(".")[0]) >= 77


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of what a build reads (no stale build/ folder can leak into a wheel)."""
    if not _setuptools_ok():
        if os.environ.get("CI"):
            pytest.fail("setuptools>=77 is needed to build the wheel: pip install -e '.[test]'")
        pytest.skip("setuptools>=77 is needed to build the wheel: pip install -e '.[test]'")
    src = tmp_path_factory.mktemp("wheel") / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in _SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    assert (src / "hwgraph" / "ontology").is_symlink(), "hwgraph/ontology links to ontology/"
    return src


def _build_wheel(source: Path, dist: Path) -> Path:
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(dist), str(source)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    (built,) = dist.glob("hwgraph-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel(sources: Path) -> Path:
    """The wheel built from the sources."""
    return _build_wheel(sources, sources.parent / "dist")


def _assert_wheel_has_ontology(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for ttl in sorted(p.name for p in (ROOT / "ontology").glob("*.ttl")):
        assert f"hwgraph/ontology/{ttl}" in names


def _pip(*args: str, env: dict[str, str]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pip", "--python", BASE_PYTHON, "install", "-q", "--no-deps", "--no-index",
         "--no-warn-script-location", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert run.returncode == 0, run.stderr


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(extra)
    return env


def _use(command: list[str], where: Path, env: dict[str, str]) -> dict[str, subprocess.CompletedProcess]:
    """Run where hwgraph and its ontology come from, then build, query and validate, in ``where``."""
    (where / "corpus").mkdir(parents=True)
    shutil.copy2(CORPUS_FILE, where / "corpus")
    probe = "import hwgraph, hwgraph._paths as p; print(hwgraph.__file__); print(p.ontology_file('shapes.ttl'))"
    steps = {
        "where": [BASE_PYTHON, "-c", probe],
        "build": [*command, "build", "corpus", "-o", "out", "--quiet"],
        "query": [*command, "query", "documents", "--graph", "out", "--format", "csv"],
        "validate": [*command, "validate", "--graph", "out"],
    }
    return {
        name: subprocess.run(args, cwd=where, capture_output=True, text=True, env=env, timeout=120)
        for name, args in steps.items()
    }


def _check(results: dict[str, subprocess.CompletedProcess], installed: Path) -> None:
    for name, run in results.items():
        assert run.returncode == 0, f"{name}: {run.stderr}"
    package, shapes = results["where"].stdout.split()
    assert Path(package).is_relative_to(installed), "the installed wheel runs, not the checkout"
    assert Path(shapes).is_relative_to(installed) and Path(shapes).is_file()
    assert "卫生健康局2022年工作总结" in results["query"].stdout
    assert results["validate"].stdout.startswith("conforms:")


def test_install_checkout_reads_ontology_folder() -> None:
    from hwgraph._paths import ontology_file

    for path in (ROOT / "ontology").glob("*.ttl"):
        assert ontology_file(path.name).samefile(path), "a checkout (pip install -e) reads ontology/ itself"


def test_install_wheel_carries_ontology_and_license(wheel: Path) -> None:
    _assert_wheel_has_ontology(wheel)
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("share/", "hwgraph-0.1.0.data/")) for n in names), "no data-files"
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert b"License-Expression: MIT" in metadata


def test_install_user(wheel: Path, tmp_path: Path) -> None:
    userbase = tmp_path / "userbase"
    env = _env(PYTHONUSERBASE=str(userbase))
    _pip("--user", "--break-system-packages", str(wheel), env=env)
    usersite = subprocess.run(
        [BASE_PYTHON, "-c", "import site; print(site.getusersitepackages())"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout.strip()
    # the dependencies, after the user site so the wheel's hwgraph comes first
    (Path(usersite) / "hwgraph-test-deps.pth").write_text("\n".join(VENV_SITE) + "\n", encoding="utf-8")
    results = _use([str(userbase / "bin" / "hwgraph")], tmp_path / "elsewhere", env)
    _check(results, userbase)


def test_install_target(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    env = _env(PYTHONNOUSERSITE="1")
    _pip("--target", str(target), str(wheel), env=env)
    env["PYTHONPATH"] = os.pathsep.join([str(target), *VENV_SITE])
    results = _use([BASE_PYTHON, "-m", "hwgraph"], tmp_path / "elsewhere", env)
    _check(results, target)


def test_install_sdist_carries_real_ontology_files(sources: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", f"from setuptools import build_meta; build_meta.build_sdist({str(tmp_path)!r})"],
        cwd=sources, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    (sdist,) = tmp_path.glob("hwgraph-*.tar.gz")
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name}
    for ttl in sorted(p.name for p in (ROOT / "ontology").glob("*.ttl")):
        assert members[f"hwgraph/ontology/{ttl}"].isfile(), "a file in the sdist, not a link"
    _assert_wheel_has_ontology(_build_wheel(sdist, tmp_path / "dist"))
