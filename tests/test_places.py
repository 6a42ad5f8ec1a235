"""Tests of the GB/T 2260 gazetteer: levels, place mentions, issuing places, unit words."""

from __future__ import annotations

import itertools

import pytest

from hwgraph.places import derive_level, find_places, level_word, place_by_code, resolve_place
from hwgraph.types import AdminLevel, Place

P, C, CO, D, T = (AdminLevel.PROVINCE, AdminLevel.CITY, AdminLevel.COUNTY, AdminLevel.DISTRICT,
                  AdminLevel.TOWNSHIP)


def _found(text: str, **kw) -> list[tuple[str, str, str | None, AdminLevel]]:
    return [(m.text, m.place.name, m.place.code, m.place.level) for m in find_places(text, **kw)]


@pytest.mark.parametrize(
    "code,name,level",
    [
        ("110000", "北京市", P), ("500000", "重庆市", P), ("450000", "广西壮族自治区", P),
        ("540000", "西藏自治区", P), ("810000", "香港特别行政区", P), ("710000", "台湾省", P),
        ("330700", "金华市", C), ("422800", "恩施土家族苗族自治州", C), ("542500", "阿里地区", C),
        ("152500", "锡林郭勒盟", C), ("441900", "东莞市", C),
        ("330782", "义乌市", CO), ("420528", "长阳土家族自治县", CO), ("150430", "敖汉旗", CO),
        ("150723", "鄂伦春自治旗", CO), ("429004", "仙桃市", CO), ("429021", "神农架林区", CO),
        ("520203", "六枝特区", CO), ("500240", "石柱土家族自治县", CO), ("469001", "五指山市", CO),
        ("110105", "朝阳区", D), ("310151", "崇明区", D), ("500157", "两江新区", D), ("610103", "碑林区", D),
        ("230751", "金林区", D), ("120116", "滨海新区", D),
    ],
)
def test_places_level_from_code_and_name(code: str, name: str, level: AdminLevel) -> None:
    place = place_by_code(code)
    assert place is not None and place.name == name and place.level is level
    assert derive_level(code, name) is level


def test_places_data_covers_every_level() -> None:
    provinces = [c for c in ("110000", "330000", "650000", "820000") if place_by_code(c)]
    assert len(provinces) == 4
    assert place_by_code("330782").province == "浙江省"
    assert place_by_code("653229").name == "和安县"  # made in 2024: the data is current
    assert place_by_code("999999") is None


@pytest.mark.parametrize(
    "text,name,code,level",
    [
        ("北京市卫生健康委员会", "北京市", "110000", P),
        ("上海市人民政府", "上海市", "310000", P),
        ("天津市", "天津市", "120000", P),
        ("重庆市", "重庆市", "500000", P),
        ("广西壮族自治区卫生健康委员会", "广西壮族自治区", "450000", P),
        ("西藏自治区", "西藏自治区", "540000", P),
        ("内蒙古自治区", "内蒙古自治区", "150000", P),
        ("江西省卫生健康委员会", "江西省", "360000", P),
        ("广西卫生健康委", "广西壮族自治区", "450000", P),
        ("内蒙古卫健委", "内蒙古自治区", "150000", P),
        ("宁夏全区", "宁夏回族自治区", "640000", P),
        ("新疆、西藏、青海等地", "新疆维吾尔自治区", "650000", P),
        ("新疆、西藏、青海等地", "西藏自治区", "540000", P),
        ("北京、上海等地", "上海市", "310000", P),
        ("在北京和上海", "北京市", "110000", P),
        ("浙江2024年卫生健康工作要点", "浙江省", "330000", P),
        ("浙江杭州", "浙江省", "330000", P),
        ("浙江杭州", "杭州市", "330100", C),
        ("吉林卫生健康委", "吉林省", "220000", P),
        ("上海市场监管局", "上海市", "310000", P),
        ("吉林市卫生健康委", "吉林市", "220200", C),
        ("恩施土家族苗族自治州", "恩施土家族苗族自治州", "422800", C),
        ("恩施州卫健委", "恩施土家族苗族自治州", "422800", C),
        ("湘西州", "湘西土家族苗族自治州", "433100", C),
        ("湖北恩施", "恩施土家族苗族自治州", "422800", C),
        ("杭州、宁波、温州等地", "宁波市", "330200", C),
        ("支持昆明、曲靖、玉溪建设区域医疗中心", "玉溪市", "530400", C),
        ("锡林郭勒盟", "锡林郭勒盟", "152500", C),
        ("金华市义乌市", "义乌市", "330782", CO),
        ("义乌市", "义乌市", "330782", CO),
        ("金华义乌", "义乌市", "330782", CO),
        ("长阳土家族自治县", "长阳土家族自治县", "420528", CO),
        ("长阳县卫生健康局", "长阳土家族自治县", "420528", CO),
        ("东乡县", "东乡族自治县", "622926", CO),
        ("鄂伦春旗", "鄂伦春自治旗", "150723", CO),
        ("敖汉旗", "敖汉旗", "150430", CO),
        ("神农架林区", "神农架林区", "429021", CO),
        ("信阳市新县", "新县", "411523", CO),
        ("新县卫生健康委员会", "新县", "411523", CO),
        ("北京市朝阳区", "朝阳区", "110105", D),
        ("长春市朝阳区", "朝阳区", "220104", D),
        ("北京朝阳", "朝阳区", "110105", D),
        ("北京朝阳卫健委", "朝阳区", "110105", D),
        ("南京市鼓楼区", "鼓楼区", "320106", D),
        ("福建省福州市鼓楼区", "鼓楼区", "350102", D),
        ("攀枝花市东区", "东区", "510402", D),
        ("阳泉市城区", "城区", "140302", D),
        ("上海市浦东新区", "浦东新区", "310115", D),
        ("浦东新区", "浦东新区", "310115", D),
        ("天津市和平区", "和平区", "120101", D),
        ("湖州市长兴县域医共体", "长兴县", "330522", CO),
        # ambiguous: the right name and level, no code
        ("朝阳区卫生健康委员会", "朝阳区", None, D),
        ("鼓楼区", "鼓楼区", None, D),
        ("城区卫生健康局", "城区", None, D),
    ],
)
def test_places_find(text: str, name: str, code: str | None, level: AdminLevel) -> None:
    assert any(n == name and c == code and lv is level for _, n, c, lv in _found(text)), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "全县卫生健康工作", "本市", "我区", "全区", "全省", "全市场", "中山大学附属第一医院", "孙中山先生", "中山路",
        "坚持和平发展道路", "南京路步行街", "浙江大学", "北京大学第一医院", "上海交通大学", "东区和西区",
        "新区建设", "主城区", "老城区改造", "中心城区", "城区医院", "矿区职工", "郊区农村",
        "提高县级医院服务能力", "探索县域医共体", "比如县级医院", "完成县级评审", "乡村振兴", "安宁疗护",
        "健康长寿", "共同富裕", "平安建设", "维护和平区域稳定", "创建平安区县", "长江西岸", "黄河南岸",
        "太湖北岸", "社会安定", "长治久安", "世界大同", "绿色通道", "人民共和国", "新兴产业", "光明日报",
        "前进道路", "振兴发展", "向阳花", "红旗渠", "中华人民共和国", "东风吹", "青山绿水", "朝阳产业",
        "解放思想", "团结奋斗", "胜利召开", "先锋模范", "北京时间", "上海合作组织", "湖南卫视", "四川话",
        "新县城", "南县", "和县", "城区", "东区", "江南地区", "河西地区",
    ],
)
def test_places_find_no_place(text: str) -> None:
    assert _found(text) == []


def test_places_find_offsets_and_range() -> None:
    text = "关于印发《浙江省杭州市西湖区卫生健康工作要点》的通知"
    found = find_places(text, 5)
    assert [m.text for m in found] == ["浙江省", "杭州市", "西湖区"]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert [m.text for m in find_places(text, 8, 11)] == ["杭州市"]
    assert find_places(text, 6, 10) == []  # 江省杭州 is no whole name
    assert find_places("") == []


def test_places_find_longest_first_without_overlap() -> None:
    assert [m.text for m in find_places("黑龙江省卫生健康委员会")] == ["黑龙江省"]
    assert [m.text for m in find_places("内蒙古自治区")] == ["内蒙古自治区"]
    assert [m.text for m in find_places("恩施土家族苗族自治州恩施市")] == ["恩施土家族苗族自治州", "恩施市"]


def test_places_find_context_resolves_a_shared_name() -> None:
    text = "朝阳区卫生健康委员会"
    assert find_places(text)[0].place.code is None
    assert find_places(text, context=[place_by_code("110000")])[0].place.code == "110105"
    assert find_places(text, context=[place_by_code("220100")])[0].place.code == "220104"
    # a province named earlier in the same text decides too, before one named after
    assert _found("吉林省长春市卫生健康委员会……朝阳区卫生健康局")[-1][2] == "220104"
    assert [f[2] for f in _found("海南省三沙市西沙区、南沙区；广州市南沙区")][3:] == ["460303", "440100", "440115"]


@pytest.mark.parametrize(
    "text,name,code,level",
    [
        ("浙江省卫生健康委员会", "浙江省", "330000", P),
        ("中共浙江省委 浙江省人民政府关于深化医药卫生体制改革的意见", "浙江省", "330000", P),
        ("2024年浙江省卫生健康工作要点", "浙江省", "330000", P),
        ("广西卫生健康委2023年工作总结", "广西壮族自治区", "450000", P),
        ("政府工作报告\n——2026年1月28日在云南省第十四届人民代表大会第四次会议上", "云南省", "530000", P),
        ("金华市义乌市卫生健康局", "义乌市", "330782", CO),
        ("2024年工作要点\n金华市义乌市卫生健康局", "义乌市", "330782", CO),
        ("浙江省2024年卫生健康工作要点\n杭州市卫生健康委员会", "杭州市", "330100", C),
        ("湘西州卫生健康委员会2023年工作总结", "湘西土家族苗族自治州", "433100", C),
        ("长阳土家族自治县卫生健康局", "长阳土家族自治县", "420528", CO),
        ("重庆市石柱土家族自治县卫生健康委员会", "石柱土家族自治县", "500240", CO),
        ("敖汉旗卫生健康委员会", "敖汉旗", "150430", CO),
        ("北京市朝阳区卫生健康委员会", "朝阳区", "110105", D),
        ("杭州市西湖区卫生健康局2023年工作总结", "西湖区", "330106", D),
        ("义乌市卫生健康局关于印发《杭州市…方案》的通知", "义乌市", "330782", CO),
        ("2024年全县卫生健康工作要点", "县", None, CO),
        ("县卫生健康局2023年工作总结", "县", None, CO),
        ("区卫生健康局关于2022年上半年工作总结", "区", None, D),
        ("2024年全市卫生健康工作要点", "市", None, C),
        ("省卫生健康委2022年工作总结", "省", None, P),
        ("关于做好2024年全省卫生健康工作的通知", "省", None, P),
        ("镇卫生院2023年工作总结", "镇", None, T),
        ("街道办事处2023年工作总结", "街道", None, T),
    ],
)
def test_places_resolve(text: str, name: str, code: str | None, level: AdminLevel) -> None:
    place = resolve_place(text)
    assert place is not None and (place.name, place.code, place.level) == (name, code, level)


@pytest.mark.parametrize(
    "text",
    [
        "关于学习推广福建省三明市医改经验的通知",  # a topic, not the issuer
        "中山大学附属第一医院2023年工作总结",
        "南京路社区卫生服务中心2023年工作总结",
        "坚持和平发展 推进健康中国建设工作要点",
        "",
    ],
)
def test_places_resolve_none(text: str) -> None:
    assert resolve_place(text) is None


def test_places_resolve_skips_a_shared_name_after_another_province() -> None:
    # regression: an ambiguous mention (code None) chained after a province raised KeyError
    assert resolve_place("浙江省朝阳区卫生健康局").code == "330000"


def test_places_resolve_without_fallback() -> None:
    assert resolve_place("2024年全县卫生健康工作要点", fallback=False) is None


@pytest.mark.parametrize(
    "text,word,level",
    [
        ("全县", "县", CO), ("本县", "县", CO), ("我县", "县", CO), ("县卫生健康局", "县", CO),
        ("区卫生健康局", "区", D), ("全区", "区", D), ("全市", "市", C),
        ("全省", "省", P), ("省卫生健康委", "省", P), ("全自治区", "自治区", P), ("全州", "州", C),
        ("全旗", "旗", CO), ("镇卫生院", "镇", T), ("乡卫生院", "乡", T), ("乡镇卫生院", "乡镇", T),
        ("2024年，全市卫生健康系统", "市", C),
    ],
)
def test_places_level_word(text: str, word: str, level: AdminLevel) -> None:
    assert level_word(text) == Place(word, None, level)


@pytest.mark.parametrize("text", ["全市场", "全区域", "城乡居民", "乡村医生", "市场监管", "县级医院"])
def test_places_level_word_none(text: str) -> None:
    assert level_word(text) is None


try:
    from hypothesis import given
    from hypothesis import strategies as st
except ImportError:  # hypothesis is a test extra; without it the property is skipped, not lost
    given = None

if given is not None:
    _PIECES = st.sampled_from([
        "浙江省", "浙江", "杭州", "杭州市", "义乌", "金华市", "朝阳区", "北京", "长春市", "鼓楼区", "广西", "恩施州",
        "长阳县", "城区", "东区", "新县", "中山", "大学", "卫生健康委", "人民政府", "、", "和", "等地", "全县",
        "市场", "区域", "县级", "\n", " ", "2024年", "关于", "《", "》", "的", "工作", "a", "。",
    ])

    @given(st.lists(_PIECES, max_size=30).map("".join), st.integers(0, 40), st.integers(0, 80))
    def test_places_mentions_are_verbatim(text: str, start: int, length: int) -> None:
        end = start + length
        found = find_places(text, start, end)
        for m in found:
            assert text[m.start : m.end] == m.text
            assert start <= m.start < m.end <= min(end, len(text))
            assert m.place.level in (P, C, CO, D)
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))

    @given(st.lists(_PIECES, max_size=30).map("".join))
    def test_places_resolve_never_raises(text: str) -> None:
        place = resolve_place(text)
        assert place is None or place.code is None or place_by_code(place.code) == place
else:

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_places_mentions_are_verbatim() -> None: ...

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_places_resolve_never_raises() -> None: ...
