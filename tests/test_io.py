"""Atomic writes: a failed write leaves the old file and no temporary behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hwgraph._io import atomic_write, write_text_atomic


def test_io_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.ttl"
    write_text_atomic(target, "旧内容\n")
    write_text_atomic(target, "新内容\n")
    assert target.read_text(encoding="utf-8") == "新内容\n"
    assert os.listdir(target.parent) == ["graph.ttl"]
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # readable by others, not mkstemp's 0600


def test_io_failed_write_keeps_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("旧内容\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as fh:
        fh.write("半截")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "旧内容\n"
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_io_ontology_files_are_found() -> None:
    from hwgraph._paths import ontology_file

    for name in ("hwgraph.ttl", "shapes.ttl", "lexicon.ttl"):
        assert ontology_file(name).is_file()
