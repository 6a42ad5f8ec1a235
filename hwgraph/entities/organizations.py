"""Organizations: the named bodies that act in a document (省卫生健康委, 云南省医保局, 国务院), every
mention in text order, each with a canonical name shared across documents.

    find_organizations(document) -> list[Organization]
    canonical_org("省卫健委") -> "省卫生健康委员会"        # 省卫生健康委 and 省卫生健康委员会 too

What a mention is
    [中共|共青团] [place] [委] [第N届|第N] body [办公室|办公厅]

* body: a name of ``data/organizations.tsv`` (卫生健康委, 医保局, 人社厅, 发展改革委…), the table of
  canonical names and their official short forms; a level is part of the word (教育厅 ≠ 教育局).
* place: a division of the gazetteer (:mod:`hwgraph.places`) as written (云南省, 昆明市, 黔东南州,
  or the stem 云南 right before a body), with the places that enclose it before it (云南省昆明市
  五华区), or a bare unit word: 省 市 县 区 州 盟 旗 自治区 自治州 国家 中央 全国 中国 中华全国. A
  bare unit that ends a word (城市, 社区, 园区, 红旗) is no place, nor is a stem that is a common
  word (会同, 振兴, 合作: 省卫生健康委会同财政厅). A party committee may stand between place and
  body (省委宣传部, 市委编办); a development zone before a 管委会 (六盘水高新区管委会).
* Bodies flagged ``prefix`` (人民政府/政府, 委, 党委, 人大, 政协, 人民医院, 卫生院, 海关…) count only
  with a place: alone they name a kind of body (各级人民政府, 乡镇卫生院, 医院党委). 国家/全国/中国
  make no hospital one (国家中医医院绩效考核). The others count alone too (卫生健康委, 医保局,
  教育部, 国务院): a text names its own level's bodies so.

What is not one
* generic plurals and collectives: anything after 各, 各级, 有关, 相关, 其他, 上级, 当地, 属地,
  基层, 县级 (各市卫生健康委, 各级卫生健康行政部门, 县级以上人民政府); two bare units in a row
  or a list of them (省市卫健委, 州、市、县人民政府, 县（市、区）卫生健康委); a body followed by
  有关部门/各部门/直属单位 (县政府有关部门 is a collective).
* words the body starts (教育部门, 宣传部门, 局长, 委员, 政协委员, 人大代表, 学科协同), the party
  secretary's title (省委书记), and 政府 in 政府工作报告 (省政府工作报告 too).
* anything inside a 《…》 title: 《国家卫生健康委关于…的通知》 is part of a citation.

In a duty list (责任单位：…, （…牵头，…配合）, the organisation cells of a duty table) an item that
ends like a body (…局, …处, …中心, 管委会) counts even when the table does not know it: 市园林绿化局,
医政医管处. These come from :mod:`hwgraph.entities.responsibilities`, which finds the lists.

Matching is one alternation of every short and full body name, as a trie, run over the reversed
text: a body ends with one of a few characters (委 局 厅 部 办 会 院 中心…), rarer than the
characters names start with. A body that needs a place is matched only where a place can end
before it, so 政府工作报告 costs the scan nothing. Everything is decided on :attr:`DocText.text`
(traditional read as simplified) and reported verbatim from the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import NamedTuple

from hwgraph._text import matching_form
from hwgraph.entities._common import DocText
from hwgraph.places import STEM, WEAK, _gazetteer
from hwgraph.types import Document, Organization


@dataclass(frozen=True)
class Body:
    """A row of the abbreviation table: the canonical name a short form stands for."""

    canonical: str
    needs_prefix: bool  # counts only after a place: 省政府, 县人民医院
    party: bool  # may follow a party committee: 省委宣传部
    local: bool = False  # a hospital or centre: 国家/全国/中国 before it name a kind (国家中医医院)


@dataclass(frozen=True)
class _Lexicon:
    bodies: dict[str, Body]  # every surface form (short and full) -> its body
    reversed_names: re.Pattern[str]  # the alternation of reversed names, as a trie
    places: dict[str, tuple[bool, tuple[str, ...]]]  # gazetteer forms -> (a stem?, GB/T 2260 codes)
    place_lengths: dict[str, tuple[int, ...]]  # last two characters -> lengths of the forms, longest first
    place_ends: frozenset[str]  # the characters a place prefix can end with (a fast test)


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    after: str | None = None  # a name ends here, and must be followed by this pattern


def _trie_pattern(words: dict[str, str]) -> str:
    """A regex matching any key of ``words``, longest first, as a trie (one branch per shared
    prefix); each key's value is a pattern its match must be followed by ('' for none)."""
    root = _Node()
    for w, after in words.items():
        node = root
        for ch in w:
            node = node.children.setdefault(ch, _Node())
        node.after = after

    def emit(node: _Node) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.children.items())]
        if node.after is not None:
            alts.append(node.after)  # last: the longer names first
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


@cache
def _lexicon() -> _Lexicon:
    bodies: dict[str, Body] = {}
    text = resources.files("hwgraph").joinpath("data/organizations.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", ""]
        canonical, shorts, flags = cols[0].strip(), cols[1].strip(), set(cols[2].split(","))
        body = Body(canonical, "prefix" in flags, "party" in flags, canonical.endswith(_LOCAL_ENDS))
        for surface in [canonical, *filter(None, shorts.split("|"))]:
            bodies.setdefault(surface, body)
    places: dict[str, tuple[bool, tuple[str, ...]]] = {}
    lengths: dict[str, set[int]] = {}
    for surface, (kind, codes) in _gazetteer().forms.items():
        if kind == WEAK or len(surface) < 2 or (kind == STEM and surface in _STEM_WORDS):
            continue  # the generic 城区, 东区; stems that are words (会同, 振兴)
        places[surface] = (kind == STEM, codes)
        lengths.setdefault(surface[-2:], set()).add(len(surface))
    ends = {surface[-1] for surface in places} | _BARE_UNITS | set("家央国委届次一二三四五六七八九十区")
    # a body that needs a place is matched only where one can end before it (in the reversed text,
    # after it): 政府工作报告 and 各级党委 cost the scan nothing
    placed = "(?=[" + "".join(sorted(re.escape(c) for c in ends)) + "])"
    reversed_names = {name[::-1]: placed if body.needs_prefix else "" for name, body in bodies.items()}
    return _Lexicon(
        bodies,
        re.compile(_trie_pattern(reversed_names)),
        places,
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        frozenset(ends),
    )


# ---- the place before a body ---------------------------------------------------------------------

_BARE_UNITS = frozenset("省市县区州盟旗")
# stripped place names that are also common words (省卫生健康委会同财政厅, 振兴…): the gazetteer
# stems jieba's dictionary tags as verbs, adjectives, adverbs or locatives (frequency ≥ 100), well
# known cities left out (保定, 大同, 开封 stay places), and nouns checked by hand
_STEM_WORDS = frozenset(
    "万年 三元 三门 东方 中方 丰满 二七 二道 互助 五峰 保康 六合 前进 南岸 南部 友好 台前 合作 城中 城北 复兴 大名 "
    "安定 安居 宏伟 定远 富裕 平和 平安 平定 应城 延长 振兴 新兴 无为 比如 永新 江岸 湖里 监利 融水 解放 通道 镇远 "
    "会同 资源 港口 和平 光明 红旗 新华 工农 共和 东风 运河 清水 温泉 前锋 向阳 莲花 白云 同心 博爱 回民 新民 富民 "
    "惠民 爱民 老城 天心 和顺 公安 长子 洞口 石门 大方 名山 双桥 小店 平房 宝塔 元宝 天涯 七星 海棠 钟楼 鼓楼 白杨 "
    "龙凤 麒麟 清流 新星 民和 天元 天台 开化 上高 宣化 兴化 登封 奉节".split()
)
# a unit character that ends a word with the character before it: 城市, 社区, 红旗, 神州
_ENDS_WORD = {
    "省": "各全外跨分节反该每两",
    "市": "城都超股楼车上夜集菜门各全外跨该每两街",
    "县": "郡各全外跨该每两",
    "区": "社园辖城景小山牧林街片郊矿灾疫老苏库边校院新病分各全外跨该每两发验范护能贸行地税港湾域示营"
          "战军特",
    "州": "神九各全该每",
    "盟": "联同结加各全",
    "旗": "红国党团彩锦队各全",
}
# words before a name that make it a kind of body, not one: 各市卫健委, 有关卫生院, 县级以上人民政府
_GENERIC_BEFORE = re.compile(
    r"(?:各|各级|各个|有关|相关|其他|其它|其余|所属|当地|属地|基层|上级|下级|同级|本级|以上|以下|所在地|级|多|诸"
    r"|[省市县区州盟旗][（(][省市县区州盟旗、]+[）)])$"  # 市（州）卫生健康委: every city's
)
_NATIONAL = frozenset(("国家", "中央", "全国", "中国", "中华全国"))
_LOCAL_ENDS = ("医院", "卫生院", "保健院", "血站", "防治院", "卫生服务中心")
_GENERIC_LAST = frozenset("各级个关他它余属地层上下多诸）)")
_ORDINAL = re.compile(r"第?[〇一二三四五六七八九十百\d]{1,4}[届次]?$")
_ZONE = re.compile(
    r"(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|新区|工业园区|产业园区|园区"
    r"|综合保税区|保税区|自贸区|试验区|示范区)$"
)
_ZONE_BODIES = frozenset(("管理委员会", "管委会"))
_ORDINAL_BODIES = frozenset(("人民代表大会", "人大", "人民代表大会常务委员会", "人大常委会", "政治协商会议", "政协",
                             "人民医院", "中医医院", "中医院", "中西医结合医院"))


_GENERIC = -1


_UNIT2 = frozenset(("国家", "中央", "全国", "中国"))


def _place_before(lex: _Lexicon, t: str, p: int, floor: int) -> tuple[int, tuple[str, ...]]:
    """``(start, codes)`` of the place named right before ``t[p]``: ``(p, ())`` when none, start
    ``_GENERIC`` for a plural (省市, 州、市, 县（市、区）); ``codes`` of a gazetteer place, ``()`` for
    a unit word (省, 市, 国家)."""
    if p - 1 < floor or t[p - 1] not in lex.place_ends:
        return p, ()
    key = t[p - 2 : p] if p - 2 >= floor else ""
    lengths = lex.place_lengths.get(key)
    if lengths:
        places = lex.places
        for n in lengths:
            if p - n >= floor and (hit := places.get(t[p - n : p])) is not None:
                if hit[0] and p - n - 1 >= floor and t[p - n - 1] == "各":
                    return _GENERIC, ()
                return p - n, hit[1]
    if key in _UNIT2:
        if key == "全国" and p - 4 >= floor and t[p - 4 : p - 2] == "中华":
            return p - 4, ()
        return p - 2, ()
    if key in ("治区", "治州") and p - 3 >= floor and t[p - 3] == "自":
        return p - 3, ()
    w = t[p - 1]
    if w not in _BARE_UNITS:
        return p, ()
    before = key[:1]
    if before and before in _ENDS_WORD[w]:
        if before in "各全该每两":
            return _GENERIC, ()
        return p, ()  # 城市, 社区: a word, not a place
    if before in _BARE_UNITS:  # 省市, 市县
        return _GENERIC, ()
    if before in "、（）() ":  # 州、市 / 县（市、区）
        k = p - 2
        while k >= floor and t[k] in "、（）() ":
            k -= 1
        if k >= floor and (t[k] in _BARE_UNITS or t[k] == "各"):
            return _GENERIC, ()
    return p - 1, ()


def _encloses(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """A division of ``outer`` contains one of ``inner`` (云南省 and 昆明市)."""
    anc = _gazetteer().ancestors
    return any(o in anc.get(i, ()) for i in inner for o in outer)


def _prefix_start(lex: _Lexicon, t: str, s: int, surface: str, floor: int) -> int:
    """Where the mention of the body written ``surface`` at ``t[s:]`` starts (``s`` when it has no
    place), or ``_GENERIC`` when it names a kind of body (各市卫健委, 有关卫生院)."""
    body = lex.bodies[surface]
    p = s
    zone = False
    if surface in _ZONE_BODIES:
        z = _ZONE.search(t, max(floor, s - 10), s)
        if z:
            p, zone = z.start(), True
    elif surface in _ORDINAL_BODIES:
        o = _ORDINAL.search(t, max(floor, s - 6), s)
        if o and o.group() and (o.group()[0] == "第" or o.group()[-1] in "届次"):
            p = o.start()
    placed = False
    codes: tuple[str, ...] = ()
    if body.party and p - 1 >= floor and t[p - 1] == "委":
        q, codes = _place_before(lex, t, p - 1, floor)  # 省委宣传部, 市委编办
        if q not in (_GENERIC, p - 1):
            p, placed = q, True
    if not placed:
        q, codes = _place_before(lex, t, p, floor)
        if q == _GENERIC:
            return _GENERIC
        if q < p and body.local and t[q:p] in _NATIONAL:
            q = p  # 国家中医医院绩效考核: a kind of hospital, not one
        if q < p:
            placed = True
            p = q
    while codes:  # 云南省昆明市: a place that encloses the one named next
        q, outer = _place_before(lex, t, p, floor)
        if not outer or not _encloses(outer, codes):
            break
        p, codes = q, outer
    if placed and p - 2 >= floor and t[p - 1] in "共团":
        if t[p - 2 : p] == "中共":
            p -= 2
        elif p - 3 >= floor and t[p - 3 : p] == "共青团":
            p -= 3
    if p - 1 >= floor and t[p - 1] in _GENERIC_LAST and _GENERIC_BEFORE.search(t, max(floor, p - 8), p):
        return _GENERIC
    if not (placed or zone) and body.needs_prefix:
        return _GENERIC  # 管委会 alone, 第十四届人民代表大会 with no place
    return p if placed or zone else s


# ---- what follows a body -------------------------------------------------------------------------

# the next character makes the body's last one start another word: 教育部门, 局长, 委员, 学科协同
_BAD_NEXT = {
    "局": "长面势部限",
    "厅": "长级",
    "部": "长门署分位件队",
    "委": "员托",
    "会": "员长议",
    "办": "学理好法事公实成结案",
    "院": "长士校所系",
    "联": "动合系网盟络通防手",
    "协": "同作调议商助办力",
    "队": "员长伍",
    "团": "员体队结",
    "大": "代",
    "关": "键系于注心联爱",
}
_AFTER = re.compile(r"(?:有关|相关|各|直属|所属|其他|其它)(?:部门|单位|处室|机构|科室|成员)|各部委|工作报告")
_AFTER_FIRST = frozenset("有相各直所其工")
_TITLE_AFTER = re.compile(r"(?:副?书记|常委(?!会)|委员)")
_EXTENSIONS = ("办公室", "办公厅")


_BOOK_TITLE = re.compile(r"《[^《》]{0,300}》")


def _book_titles(t: str) -> list[tuple[int, int]]:
    return [m.span() for m in _BOOK_TITLE.finditer(t)] if "《" in t else []


class Hit(NamedTuple):
    """A body mention in a :class:`DocText` (offsets into ``DocText.text``)."""

    start: int
    end: int
    canonical: str
    known: bool = True  # False for a list item known only by its ending (市城管局)


def match_bodies(t: str) -> list[Hit]:
    """The body mentions of ``t`` by the abbreviation table, in text order."""
    lex = _lexicon()
    bodies = lex.bodies
    ends = lex.place_ends
    n = len(t)
    spans = [(n - b, n - a) for a, b in reversed([m.span() for m in lex.reversed_names.finditer(t[::-1])])]
    titles = _book_titles(t)
    title_starts = [a for a, _ in titles]
    out: list[Hit] = []
    floor = 0
    for k, (s, e) in enumerate(spans):
        if s < floor:
            continue
        surface = t[s:e]
        body = bodies[surface]
        before = t[s - 1] if s else ""
        if body.needs_prefix and before not in ends:
            continue  # 政府工作报告, 各级党委: no place can end here
        nxt = t[e] if e < n else ""
        if nxt and nxt in _BAD_NEXT.get(surface[-1], ""):
            continue
        stop = spans[k + 1][0] if k + 1 < len(spans) else n
        if surface in ("委", "党委"):
            if _TITLE_AFTER.match(t, e):
                continue  # 省委书记
            if k + 1 < len(spans) and stop == e and bodies[t[e : spans[k + 1][1]]].party:
                continue  # 省委宣传部: the committee is the department's prefix
        elif surface in ("政协", "人大") and _TITLE_AFTER.match(t, e):
            continue  # 政协委员
        if nxt in _AFTER_FIRST and _AFTER.match(t, e):
            continue
        if titles:
            j = bisect.bisect_right(title_starts, s) - 1
            if j >= 0 and titles[j][1] > s:
                continue  # part of a citation
        if before in ends:
            p = _prefix_start(lex, t, s, surface, floor)
            if p == _GENERIC:
                continue
        elif before in _GENERIC_LAST and _GENERIC_BEFORE.search(t, max(floor, s - 8), s):
            continue
        else:
            p = s
        canonical = body.canonical
        if nxt == "办":
            for ext in _EXTENSIONS:
                if t.startswith(ext, e) and e + len(ext) <= stop and not canonical.endswith(ext):
                    e += len(ext)
                    canonical += ext
                    break
        prefix = t[p:s]
        if prefix.startswith("中共"):
            prefix = prefix[2:]
        out.append(Hit(p, e, prefix + canonical))
        floor = e
    return out


def canonical_org(name: str) -> str:
    """The canonical name of a body as written: 省卫健委 / 省卫生健康委 / 省卫生健康委员会 →
    省卫生健康委员会, 国家医保局 → 国家医疗保障局, 省政府办公厅 → 省人民政府办公厅.

    The place prefix stays as written (省, 云南省, 国家; a leading 中共 dropped) and only the body is
    normalised; traditional characters read as simplified. A name whose body the table does not
    know comes back as written (simplified)."""
    t = matching_form(name.strip())
    if not t:
        return t
    lex = _lexicon()
    tail = ""
    m = lex.reversed_names.match(t[::-1])
    if m is None:
        for ext in _EXTENSIONS:
            if t.endswith(ext) and len(t) > len(ext):
                m = lex.reversed_names.match(t[: -len(ext)][::-1])
                if m:
                    t, tail = t[: -len(ext)], ext
                break
    if m is None:
        return t + tail
    surface = m.group()[::-1]
    prefix = t[: len(t) - len(surface)]
    if prefix.startswith("中共") and len(prefix) > 2:
        prefix = prefix[2:]
    return prefix + lex.bodies[surface].canonical + tail


def organizations_of(dt: DocText, hits: Iterable[Hit]) -> list[Organization]:
    """Organizations for hits of ``dt`` in text order; a hit cleaning cut into is left out.

    Source offsets come from the clean text's map like :meth:`DocText.verbatim`'s, by one walk
    over its kept runs (the hits are sorted) instead of a search for each offset."""
    out = []
    doc = dt.document
    src = doc.source.text
    section_of = dt._section_of
    segs = doc.clean.map.segments
    base = dt.base
    k = 0
    for h in hits:
        i, j = base + h.start, base + h.end
        if not segs:
            s, e = i, j
        else:
            while k + 1 < len(segs) and segs[k + 1][0] <= i:
                k += 1
            cs, ss, n = segs[k]
            if i < cs or j - cs > n:
                continue  # cleaning removed something inside it: no verbatim span
            s, e = ss + i - cs, ss + j - cs
        out.append(Organization(doc, src[s:e], h.canonical, s, e, section_of(s)))
    return out


def find_organizations(document: Document) -> list[Organization]:
    """Every mention of a named body in ``document``, in text order (see the module docstring)."""
    from hwgraph.entities.responsibilities import analysis  # it finds the duty lists

    return list(analysis(document).organizations())
