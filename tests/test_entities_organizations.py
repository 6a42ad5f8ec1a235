"""Organizations: the named bodies that act in a document, with canonical names.

Excerpts are written in the style of real plans, notices, duty lists and government reports
(traditional copies and run-on text included); the dev corpus and the sample corpus are checked
for real things and for verbatim offsets.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from hwgraph.entities.organizations import canonical_org, find_organizations
from hwgraph.pipeline import analyse, analyse_text
from hwgraph.types import Organization

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"
SAMPLE = ROOT / "corpus"
REAL = Path("/tmp/realdocs")


def _orgs(text: str) -> list[Organization]:
    out = []
    for d in analyse_text(text):
        found = find_organizations(d)
        for o in found:
            assert d.source.text[o.start : o.end] == o.name
            assert d.start <= o.start < o.end <= d.end
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))
        out += found
    return out


def _names(text: str) -> list[str]:
    return [o.name for o in _orgs(text)]


# ---- table: excerpt → every body named, as written, in text order ------------------------------

PLAN = """2024年健康云南行动工作要点
一、重点任务
（一）加强健康知识普及。开展健康科普活动。（省卫生健康委牵头，省教育厅、省民政厅按职责分工负责）
（二）推进医保支付方式改革。（责任单位：省医保局、省财政厅）
"""

CASES = [
    (PLAN, ["省卫生健康委", "省教育厅", "省民政厅", "省医保局", "省财政厅"]),
    # a gazetteer place before the body, chained places, the stem of a place
    ("云南省卫生健康委员会、昆明市卫健委和云南省昆明市五华区卫生健康局联合开展检查。",
     ["云南省卫生健康委员会", "昆明市卫健委", "云南省昆明市五华区卫生健康局"]),
    ("黔东南州卫生健康局会同云南银保监局、昆明海关开展专项行动。", ["黔东南州卫生健康局", "云南银保监局", "昆明海关"]),
    # national bodies, with and without 国家
    ("按照国家卫生健康委、国家发展改革委、财政部、国家医保局、国家中医药局、国家疾控局的部署。",
     ["国家卫生健康委", "国家发展改革委", "财政部", "国家医保局", "国家中医药局", "国家疾控局"]),
    ("在党中央、国务院的坚强领导下，省委、省政府团结带领全省人民。", ["党中央", "国务院", "省委", "省政府"]),
    # party departments take the committee as their prefix
    ("市委宣传部、市委编办、市委网信办、中共云南省委组织部负责。", ["市委宣传部", "市委编办", "市委网信办", "中共云南省委组织部"]),
    # people's organisations and the 团X委 form
    ("省总工会、团省委、省妇联、省残联、省红十字会、省科协、省计生协积极参与。",
     ["省总工会", "团省委", "省妇联", "省残联", "省红十字会", "省科协", "省计生协"]),
    # hospitals and centres need a place
    ("县人民医院、县中医医院、县妇幼保健院、县疾控中心和市第一人民医院组建医共体。",
     ["县人民医院", "县中医医院", "县妇幼保健院", "县疾控中心", "市第一人民医院"]),
    # offices of bodies are one body
    ("省卫生健康委办公室印发通知，省政府办公厅转发。", ["省卫生健康委办公室", "省政府办公厅"]),
    # an issuer in a title
    ("云南省卫生健康委员会关于印发2024年工作要点的通知\n各州、市卫生健康委：\n现印发给你们。\n", ["云南省卫生健康委员会"]),
    # people's congresses with the session between place and body
    ("2026年1月25日在云南省第十四届人民代表大会第四次会议上，省人大常委会、省政协。",
     ["云南省第十四届人民代表大会", "省人大常委会", "省政协"]),
    # 我省/本市 name the body of the text's own place
    ("我省卫健委联合我市医保局开展检查。", ["省卫健委", "市医保局"]),
    # a development zone's committee
    ("六盘水高新区管委会、经济开发区管委会负责辖区工作。", ["六盘水高新区管委会", "经济开发区管委会"]),
    # bodies a text names without a place (its own level's)
    ("卫生健康委、医保局要加强协作。", ["卫生健康委", "医保局"]),
    # a place name that is also a word is no prefix (会同, a county of Hunan)
    ("省卫生健康委会同云南银保监局开展检查。", ["省卫生健康委", "云南银保监局"]),
    # run-on text (no line breaks)
    ("一、重点任务（一）加强疾控体系建设（省疾控局牵头，省发展改革委、省财政厅配合）（二）深化医改（省卫生健康委负责）",
     ["省疾控局", "省发展改革委", "省财政厅", "省卫生健康委"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_organizations_table(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


# ---- not organizations -------------------------------------------------------------------------

NEGATIVES = [
    "各部门要加强协作，各市县要落实责任，有关部门要积极配合，各地要抓好落实。",
    "各有关单位、相关单位、成员单位和各医疗机构要高度重视。",
    "各级卫生健康行政部门、各级人民政府、县级以上地方人民政府要履行职责。",
    "各市卫生健康委、各县（市、区）人民政府、州、市、县人民政府，市（州）卫生健康委负责落实。",
    "省、市卫生健康委联合开展；省市县三级医院。",
    "根据《国家卫生健康委关于印发健康中国行动的通知》和《省人民政府办公厅关于进一步加强基层医疗卫生工作的意见》要求。",
    "政府工作报告指出，省政府工作报告提出，要做好政府工作。",
    "省长、副省长、局长、厅长出席；省委书记讲话；政协委员和人大代表提出建议。",
    "教育部门、宣传部门、财政部门、民政部门要加强配合，做好部署。",
    "社区卫生服务中心、乡镇卫生院、城市医院和二级以上医院要落实；全面纳入国家中医医院绩效考核。",
    "县政府有关部门、省政府各部门、有关直属单位按职责落实。",
    "加强疾控中心建设，完善三级综合医院布局。",
    "各市、县(市、区)卫生健康委(局)：为及时做好相关工作。",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_organizations_negatives(text: str) -> None:
    assert _names(text) == []


def test_organizations_skip_book_titles_only() -> None:
    text = "按照《国家卫生健康委关于推进医联体建设的通知》要求，省卫生健康委会同省医保局制定方案。"
    assert _names(text) == ["省卫生健康委", "省医保局"]


# ---- canonical names ---------------------------------------------------------------------------

SAME = [
    ("省卫健委", "省卫生健康委", "省卫生健康委员会"),
    ("省发改委", "省发展改革委", "省发展和改革委员会"),
    ("省人社厅", "省人力资源社会保障厅", "省人力资源和社会保障厅"),
    ("市医保局", "市医疗保障局"),
    ("县市场监管局", "县市监局", "县市场监督管理局"),
    ("省药监局", "省药品监督管理局"),
    ("国家中医药局", "国家中医药管理局"),
    ("省疾控局", "省疾病预防控制局"),
    ("省疾控中心", "省疾病预防控制中心"),
    ("省住建厅", "省住房城乡建设厅", "省住房和城乡建设厅"),
    ("省工信厅", "省工业和信息化厅"),
    ("省文旅厅", "省文化和旅游厅"),
    ("省广电局", "省广播电视局"),
    ("省编办", "省机构编制委员会办公室"),
    ("省委编办", "省委机构编制委员会办公室"),
    ("省爱卫办", "省爱国卫生运动委员会办公室"),
    ("省政府办公厅", "省人民政府办公厅"),
    ("县政府", "县人民政府"),
    ("省妇联", "省妇女联合会"),
    ("省残联", "省残疾人联合会"),
    ("省科协", "省科学技术协会"),
    ("省计生协", "省计划生育协会"),
    ("省网信办", "省网络安全和信息化委员会办公室"),
    ("省银保监局", "省银行保险监督管理局"),
    ("省衛健委", "省卫生健康委"),  # traditional reads as simplified
    ("中共云南省委", "云南省委"),
]


@pytest.mark.parametrize("names", SAME)
def test_canonical_pairs_meet(names: tuple[str, ...]) -> None:
    assert len({canonical_org(n) for n in names}) == 1


@pytest.mark.parametrize(("name", "canonical"), [
    ("省卫健委", "省卫生健康委员会"),
    ("国家医保局", "国家医疗保障局"),
    ("云南省卫生健康委", "云南省卫生健康委员会"),
    ("国家发展改革委", "国家发展和改革委员会"),
    ("省卫生健康委办公室", "省卫生健康委员会办公室"),
    ("团省委", "共青团省委员会"),
    ("省教育厅", "省教育厅"),  # a level is part of the word: never 教育局
    ("市教育局", "市教育局"),
    ("医政医管处", "医政医管处"),  # unknown to the table: as written
])
def test_canonical_names(name: str, canonical: str) -> None:
    assert canonical_org(name) == canonical


def test_organizations_carry_canonical_and_section() -> None:
    orgs = _orgs(PLAN)
    assert [o.canonical for o in orgs] == ["省卫生健康委员会", "省教育厅", "省民政厅", "省医疗保障局", "省财政厅"]
    assert [o.section.label if o.section else None for o in orgs] == ["（一）"] * 3 + ["（二）"] * 2


def test_traditional_copy_finds_the_same_bodies() -> None:
    trad = PLAN.translate(str.maketrans("卫长健门关规总划东财务资医监教厅", "衛長健門關規總劃東財務資醫監教廳"))
    simple, traditional = _orgs(PLAN), _orgs(trad)
    assert [o.canonical for o in traditional] == [o.canonical for o in simple]
    assert traditional[0].name == "省衛生健康委"


def test_duty_list_items_unknown_to_the_table_are_organizations() -> None:
    text = "1.加强城市环境卫生整治。\n牵头单位：市园林绿化局\n配合单位：市卫生健康委、各区人民政府\n"
    assert _names(text) == ["市园林绿化局", "市卫生健康委"]
    # outside a duty list an unknown body is not guessed
    assert _names("市园林绿化局开展了环境整治。") == []


# ---- verbatim offsets (property) ---------------------------------------------------------------

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is a test extra; without it the property is skipped, not lost
    given = None

if given is not None:
    _PIECES = st.sampled_from([
        "省", "市", "县", "各", "云南省", "昆明市", "国家", "卫生健康委", "卫健委", "衛生健康委", "医保局", "人民政府",
        "政府", "委", "党委", "宣传部", "人民医院", "疾控中心", "办公室", "工作报告", "、", "，", "。", "（", "）",
        "牵头", "配合", "负责", "责任单位：", "\n", "\t", " ", "《", "》", "有关", "部门", "一、", "（一）", "加强", "2024年",
    ])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(_PIECES, max_size=40).map("".join))
    def test_organizations_are_verbatim(text: str) -> None:
        for o in _orgs(text):
            assert o.name and o.canonical
            assert not o.name.startswith(("各", "有关"))
else:

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_organizations_are_verbatim() -> None: ...


# ---- real documents ----------------------------------------------------------------------------


def _corpus(paths: list[Path]) -> dict[str, list[Organization]]:
    out: dict[str, list[Organization]] = {}
    for fr in analyse(paths):
        for d in fr.documents:
            found = find_organizations(d)
            for o in found:
                assert d.source.text[o.start : o.end] == o.name
            out.setdefault(Path(fr.path).name, []).extend(found)
    return out


@pytest.mark.skipif(not DEV.exists(), reason="../shared/devcorpus is not beside this checkout")
def test_dev_corpus_reports() -> None:
    found = _corpus(sorted(DEV.glob("*.txt")))
    assert len(found) == 25
    names = {o.name for orgs in found.values() for o in orgs}
    # every report names the bodies it answers to
    assert all(any(o.name in ("党中央", "国务院") for o in orgs) for orgs in found.values())
    assert {"自治区党委", "省人大常委会", "国家发展改革委", "工信部"} <= names
    assert "内蒙古自治区第十四届人民代表大会" in names
    # the 民生实事 of Inner Mongolia name the departments that lead them
    nm = {o.name for o in found["2026_内蒙古自治区_政府工作报告.txt"]}
    assert {"交通厅", "公安厅", "住建厅", "人社厅", "卫健委", "医保局"} <= nm
    assert not any(n in ("政府", "人民政府") or n.startswith(("各", "有关")) for n in names)


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample corpus is not in this checkout")
def test_sample_corpus() -> None:
    found = _corpus(sorted(SAMPLE.glob("*.txt")))
    names = {o.name for orgs in found.values() for o in orgs}
    assert {"省卫健委", "区人民医院", "县人民医院", "区疾控中心", "市医疗保障局"} <= names
    canon = {o.canonical for orgs in found.values() for o in orgs}
    assert "省卫生健康委员会" in canon


@pytest.mark.skipif(not REAL.exists(), reason="/tmp/realdocs is absent")
def test_real_pages() -> None:
    found = _corpus(sorted(REAL.glob("*.txt")))
    names = {o.name for orgs in found.values() for o in orgs}
    assert {"市委宣传部", "市委网信办", "市发改委", "市教体局", "县卫健委", "浙江省卫生健康委办公室"} <= names
    assert "國家衛生健康委員會" in names  # a traditional copy
