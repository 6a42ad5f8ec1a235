"""Place finding speed on about 1 MB of text, and resolve_place against cpca on issuer strings.

    python bench/bench_places.py                          # speed, and accuracy of resolve_place
    python bench/bench_places.py --cpca-python /tmp/v2/bin/python   # also cpca.transform, run there

The text is corpus/*.txt plus a paragraph dense with places and look-alikes, repeated to ``--mb``.
cpca (PyPI, pulls pandas and jieba) is not a dependency of hwgraph: it runs in a subprocess of the
Python given, fed the same issuer strings; a code counts as right when it equals the expected one
(None for strings that name no place), a level when it equals the expected level.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hwgraph.places import _gazetteer, find_places, place_by_code, resolve_place  # noqa: E402
from hwgraph.types import AdminLevel  # noqa: E402

P, C, CO, D, T, U = (AdminLevel.PROVINCE, AdminLevel.CITY, AdminLevel.COUNTY, AdminLevel.DISTRICT,
                     AdminLevel.TOWNSHIP, AdminLevel.UNKNOWN)
# (issuer text, expected code, expected level): titles, subtitles and signature lines as written
ISSUERS = [
    ("浙江省卫生健康委员会", "330000", P),
    ("广西壮族自治区卫生健康委员会", "450000", P),
    ("西藏自治区卫生健康委员会", "540000", P),
    ("北京市卫生健康委员会", "110000", P),
    ("上海市卫生健康委员会关于印发2024年上海市卫生健康工作要点的通知", "310000", P),
    ("天津市卫生健康委员会", "120000", P),
    ("重庆市卫生健康委员会", "500000", P),
    ("内蒙古自治区卫生健康委员会", "150000", P),
    ("新疆维吾尔自治区卫生健康委员会", "650000", P),
    ("宁夏回族自治区卫生健康委员会", "640000", P),
    ("黑龙江省卫生健康委员会", "230000", P),
    ("海南省卫生健康委员会", "460000", P),
    ("吉林省卫生健康委员会", "220000", P),
    ("中共云南省委 云南省人民政府关于深化医药卫生体制改革的实施意见", "530000", P),
    ("江西省卫生健康委员会关于印发2024年全省卫生健康工作要点的通知", "360000", P),
    ("广西卫生健康委2023年工作总结", "450000", P),
    ("政府工作报告\n——2026年1月28日在云南省第十四届人民代表大会第四次会议上", "530000", P),
    ("恩施土家族苗族自治州卫生健康委员会", "422800", C),
    ("湘西州卫生健康委员会2023年工作总结", "433100", C),
    ("延边朝鲜族自治州卫生健康委员会", "222400", C),
    ("黔东南州卫生健康局2024年工作要点", "522600", C),
    ("阿里地区卫生健康委员会", "542500", C),
    ("锡林郭勒盟卫生健康委员会", "152500", C),
    ("东莞市卫生健康局", "441900", C),
    ("吉林市卫生健康委员会", "220200", C),
    ("海南藏族自治州卫生健康委员会", "632500", C),
    ("政府工作报告\n——2025年1月在昆明市第十五届人民代表大会第五次会议上", "530100", C),
    ("金华市义乌市卫生健康局", "330782", CO),
    ("义乌市卫生健康局2023年工作总结", "330782", CO),
    ("浙江省慈溪市卫生健康局", "330282", CO),
    ("昆山市卫生健康委员会", "320583", CO),
    ("湖北省仙桃市卫生健康委员会", "429004", CO),
    ("神农架林区卫生健康委员会", "429021", CO),
    ("六枝特区卫生健康局", "520203", CO),
    ("长阳土家族自治县卫生健康局", "420528", CO),
    ("五峰县卫生健康局", "420529", CO),
    ("重庆市石柱土家族自治县卫生健康委员会", "500240", CO),
    ("敖汉旗卫生健康委员会", "150430", CO),
    ("鄂伦春自治旗卫生健康委员会", "150723", CO),
    ("准格尔旗卫生健康局2022年工作总结", "150622", CO),
    ("北京市朝阳区卫生健康委员会", "110105", D),
    ("长春市朝阳区卫生健康局", "220104", D),
    ("上海市浦东新区卫生健康委员会", "310115", D),
    ("天津市滨海新区卫生健康委员会", "120116", D),
    ("南京市鼓楼区卫生健康委员会", "320106", D),
    ("杭州市西湖区卫生健康局2023年工作总结和2024年工作思路", "330106", D),
    ("西宁市城中区卫生健康局", "630103", D),
    ("攀枝花市东区卫生健康局", "510402", D),
    ("朝阳区卫生健康委员会", None, D),  # Beijing's or Changchun's: the string does not say
    ("2024年全县卫生健康工作要点", None, CO),
    ("县卫生健康局2023年工作总结", None, CO),
    ("区卫生健康局关于2022年上半年工作总结和下半年工作计划", None, D),
    ("2024年全市卫生健康工作要点", None, C),
    ("2023年本市卫生健康工作总结", None, C),
    ("省卫生健康委2022年工作总结", None, P),
    ("镇卫生院2023年工作总结", None, T),
    ("关于学习推广福建省三明市医改经验的通知", None, U),
    ("中山大学附属第一医院2023年工作总结", None, U),
    ("南京路社区卫生服务中心2023年工作总结", None, U),
    ("坚持和平发展 推进健康中国建设工作要点", None, U),
]
DENSE = (
    "浙江省杭州市、宁波市和温州市，北京、上海、广东等地，恩施州和湘西州，长阳土家族自治县、鄂伦春自治旗，"
    "北京市朝阳区与长春市朝阳区。浙江大学、中山大学和孙中山纪念馆，坚持和平发展，南京路步行街，全县全市全省，"
    "主城区和老城区，提高县级医院服务能力，乡村振兴，安宁疗护，健康长寿，共同富裕。\n"
)


def corpus_text(mb: float) -> str:
    """corpus/*.txt plus DENSE, repeated to about ``mb`` million characters."""
    unit = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))) + DENSE * 20
    return (unit * (int(mb * 1_000_000 / len(unit)) + 1))[: int(mb * 1_000_000)]


def ours(items: list[str]) -> tuple[list[tuple[str | None, AdminLevel]], float]:
    t = time.perf_counter()
    out = []
    for text in items:
        p = resolve_place(text)
        out.append((p.code, p.level) if p else (None, AdminLevel.UNKNOWN))
    return out, time.perf_counter() - t


CPCA_RUN = """
import json, sys, time
import cpca
items = json.load(sys.stdin)
cpca.transform(["浙江省杭州市"])  # first call loads jieba and the tables
t = time.perf_counter()
df = cpca.transform(items)
secs = time.perf_counter() - t
codes = [None if c != c or c is None else str(c)[:6] for c in df["adcode"]]
print(json.dumps({"codes": codes, "seconds": secs}))
"""


def cpca(python: str, items: list[str]) -> tuple[list[tuple[str | None, AdminLevel]], float]:
    """cpca.transform on ``items`` in the interpreter ``python``; (code, level derived from it)."""
    done = subprocess.run([python, "-c", CPCA_RUN], input=json.dumps(items), capture_output=True,
                          text=True, check=True)
    res = json.loads(done.stdout.strip().splitlines()[-1])
    out = []
    for code in res["codes"]:
        place = place_by_code(code) if code else None
        out.append((code, place.level) if place else (code, AdminLevel.UNKNOWN))
    return out, res["seconds"]


def score(name: str, got: list[tuple[str | None, AdminLevel]], secs: float, show: bool) -> None:
    codes = sum(g[0] == e[1] for g, e in zip(got, ISSUERS, strict=True))
    levels = sum(g[1] is e[2] for g, e in zip(got, ISSUERS, strict=True))
    both = sum(g[0] == e[1] and g[1] is e[2] for g, e in zip(got, ISSUERS, strict=True))
    n = len(ISSUERS)
    print(f"{name:>14}: code {codes}/{n}, level {levels}/{n}, both {both}/{n}; "
          f"{secs * 1000:.1f} ms for {n} strings ({secs / n * 1e6:.0f} us each)")
    if show:
        for g, (text, code, level) in zip(got, ISSUERS, strict=True):
            if g[0] != code or g[1] is not level:
                print(f"{'':>16}{text.splitlines()[-1][:30]}: got {g[0]} {g[1].value}, want {code} {level.value}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of the text to scan, in million characters")
    ap.add_argument("--cpca-python", help="a Python with cpca installed, to compare against")
    ap.add_argument("--show", action="store_true", help="list the strings each resolver gets wrong")
    args = ap.parse_args()
    t = time.perf_counter()
    _gazetteer()
    print(f"gazetteer load: {(time.perf_counter() - t) * 1000:.0f} ms")
    text = corpus_text(args.mb)
    t = time.perf_counter()
    mentions = find_places(text)
    secs = time.perf_counter() - t
    print(f"find_places: {len(text) / 1e6:.2f} M chars in {secs:.2f} s ({len(text) / 1e6 / secs:.2f} M chars/s), "
          f"{len(mentions)} mentions")
    items = [text for text, _, _ in ISSUERS]
    score("resolve_place", *ours(items), args.show)
    if args.cpca_python:
        score("cpca.transform", *cpca(args.cpca_python, items), args.show)


if __name__ == "__main__":
    main()
