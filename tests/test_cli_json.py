"""Streamed JSON output of ``outline``, ``programs`` and ``entities`` (issue 14): ``--json`` is an
array written item by item with the bytes of ``json.dumps(list, indent=2)``, ``--jsonl`` one object
per line with the same items; a bad file is one error line and the batch goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hwgraph._jsonout import JsonArray, JsonLines
from hwgraph.cli import cli
from hwgraph.entities import collect_entities, entity_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "corpus").glob("*.txt"))[:2]
ENTITIES = ROOT / "tests" / "data" / "entities"


def _written(writer_class: type, items: list) -> str:
    parts: list[str] = []
    writer = writer_class(parts.append)
    for item in items:
        writer.write(item)
    writer.close()
    return "".join(parts)


@pytest.mark.parametrize(
    "items",
    [[], [{}], [[]], [1], [{"标题": "一、总体要求", "children": [], "n": None, "x": 1.5}, {"a": [{"b": "c\nd"}]}, "s"]],
)
def test_json_array_is_byte_for_byte_json_dumps(items: list) -> None:
    assert _written(JsonArray, items) == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_json_lines_one_compact_value_per_line() -> None:
    items = [{"title": "三大体系", "text": "a\nb"}, [1, 2], None]
    text = _written(JsonLines, items)
    assert text.endswith("\n") and "三大体系" in text
    assert [json.loads(line) for line in text.splitlines()] == items


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("command", "paths"),
    [("outline", SAMPLES), ("programs", SAMPLES), ("entities", [ENTITIES])],
)
def test_jsonl_lines_are_the_json_items(command: str, paths: list[Path]) -> None:
    code, array, _ = _run(command, *map(str, paths), "--json", "-q")
    assert code == 0
    code, lines, _ = _run(command, *map(str, paths), "--jsonl", "-q")
    assert code == 0
    items = json.loads(array)
    assert items and [json.loads(line) for line in lines.splitlines()] == items


def test_entities_stream_resolves_like_the_library() -> None:
    """The streamed entities (one file at a time, titles kept for the resolution) are exactly the
    library's rows, resolved citations included."""
    found, resolved, errors, _ = collect_entities([ENTITIES])
    expected = [row for e in found for row in entity_json(e, resolved)]
    assert not errors and any(r.get("resolved") for r in expected)
    code, lines, _ = _run("entities", str(ENTITIES), "--jsonl", "-q")
    assert code == 0 and [json.loads(line) for line in lines.splitlines()] == expected
    code, array, _ = _run("entities", str(ENTITIES), "--json", "--type", "citation", "-q")
    assert code == 0 and json.loads(array) == [r for r in expected if r["type"] == "citation"]


@pytest.mark.parametrize("command", ["outline", "programs", "entities"])
@pytest.mark.parametrize("flag", ["--json", "--jsonl"])
def test_bad_file_in_the_middle(command: str, flag: str, tmp_path: Path) -> None:
    first, last = (shutil.copy(p, tmp_path / f"{name}_{p.name}") for p, name in zip(SAMPLES, "ac", strict=True))
    (tmp_path / "b_bad.pdf").write_bytes(b"not a pdf")
    code, out, err = _run(command, str(tmp_path), flag)
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "b_bad.pdf" in errors[0]
    items = json.loads(out) if flag == "--json" else [json.loads(line) for line in out.splitlines()]
    assert {item["source"] for item in items} == {str(first), str(last)}


@pytest.mark.parametrize("command", ["outline", "programs", "entities"])
def test_no_readable_file_exits_2_with_an_empty_array(command: str, tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    code, out, err = _run(command, str(tmp_path / "bad.pdf"), "--json", "-q")
    assert code == 2 and out == "[]\n" and err.count("error:") == 1
    code, out, _ = _run(command, str(tmp_path / "bad.pdf"), "--jsonl", "-q")
    assert code == 2 and out == ""


def test_json_and_jsonl_together_is_a_usage_error() -> None:
    code, _, err = _run("outline", str(SAMPLES[0]), "--json", "--jsonl")
    assert code == 2 and "--jsonl" in err
