"""Quantitative targets and achievements (hwgraph.entities.targets) on excerpts written in the style
of real plans, summaries, government reports and duty tables: every pattern the issue names, the
numbers that are no figure, verbatim spans, traditional and run-on copies, keys that meet across
documents, and a few facts of the development corpus."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hwgraph._text import matching_form
from hwgraph.entities.targets import find_targets, indicator_key, normalise_unit
from hwgraph.pipeline import analyse, analyse_text
from hwgraph.types import Comparator, Target, TargetKind

ANY = object()
GE, LE, EQ, INC, DEC = Comparator.GE, Comparator.LE, Comparator.EQ, Comparator.INCREASE, Comparator.DECREASE
T, A = TargetKind.TARGET, TargetKind.ACHIEVED

PLAN = "2024年全市卫生健康工作要点\n一、主要目标\n"
SUMMARY = "某县卫生健康局2023年工作总结\n一、2023年工作成效\n"
REPORT = "2026年政府工作报告\n一、2025年工作回顾\n"
REPORT_PLAN = "2026年政府工作报告\n三、2026年重点工作\n"
OPINION = "关于推进健康城市建设的实施意见\n一、总体要求\n"
DUTIES = "县卫健委2021年政府工作报告任务分解\n"


@dataclass(frozen=True)
class Fig:
    """What one expected figure must show (ANY: not checked)."""

    indicator: str
    value: float
    unit: object = ANY  # normalised
    comparator: object = ANY
    year: object = ANY
    kind: object = ANY
    baseline: object = ANY

    def check(self, t: Target) -> list[str]:
        bad = []
        for name in ("indicator", "value", "unit", "comparator", "year", "kind", "baseline"):
            want = getattr(self, name)
            got = t.unit_norm if name == "unit" else getattr(t, name)
            if want is ANY:
                continue
            if isinstance(want, float | int) and isinstance(got, float) and not isinstance(want, bool):
                if not math.isclose(want, got):
                    bad.append(f"{name}: {got!r} != {want!r}")
            elif got != want:
                bad.append(f"{name}: {got!r} != {want!r}")
        return bad


def targets(text: str) -> list[Target]:
    return [t for d in analyse_text(text) for t in find_targets(d)]


def check_figures(text: str, want: list[Fig]) -> None:
    got = targets(text)
    assert_verbatim(got)
    shown = [(t.indicator, t.value, t.unit_norm, t.comparator.value, t.year, t.kind.value) for t in got]
    assert len(got) == len(want), shown
    for t, w in zip(got, want, strict=True):
        assert not w.check(t), (w.check(t), shown)


def assert_verbatim(got: list[Target]) -> None:
    """Every span is the source text: the statement holds the value, the value reads as written."""
    for t in got:
        src = t.document.source.text
        assert t.start < t.end
        assert t.value_start is not None and t.value_end is not None
        assert src[t.value_start : t.value_end] == t.value_text
        assert t.start <= t.value_start < t.value_end <= t.end
        statement = src[t.start : t.end]
        assert "\n" not in statement.strip() or len(statement) < 200
        if t.indicator in statement:
            continue
        # a list item takes its head from the last item (新生儿 + 死亡率), a count its verb and noun
        assert any(part in statement for part in (t.indicator[:2], t.indicator[-2:])), (t.indicator, statement)


# ---- every pattern of the issue ------------------------------------------------------------------

PATTERNS: list[tuple[str, str, list[Fig]]] = [
    ("plain 达到 with the year at the sentence start",
     PLAN + "到2025年，人均预期寿命达到79岁。",
     [Fig("人均预期寿命", 79, "岁", EQ, 2025, T)]),
    ("per 100k, 控制在…以下",
     PLAN + "到2025年，孕产妇死亡率控制在10/10万以下。",
     [Fig("孕产妇死亡率", 10, "per100k", LE, 2025, T)]),
    ("one target per indicator with 分别, the year for every clause",
     PLAN + "到2025年，人均预期寿命达到79岁，婴儿死亡率、5岁以下儿童死亡率分别控制在5‰和7‰以下。",
     [Fig("人均预期寿命", 79, "岁", EQ, 2025, T),
      Fig("婴儿死亡率", 5, "‰", LE, 2025, T),
      Fig("5岁以下儿童死亡率", 7, "‰", LE, 2025, T)]),
    ("达…以上",
     PLAN + "家庭医生签约服务覆盖率达95%以上。",
     [Fig("家庭医生签约服务覆盖率", 95, "%", GE, None, T)]),
    ("提高 N 个百分点",
     PLAN + "居民健康素养水平提高5个百分点。",
     [Fig("居民健康素养水平", 5, "pp", INC, None, T)]),
    ("per thousand population, 个 and 张",
     PLAN + "每千人口拥有3岁以下婴幼儿托位数达到4.5个，每千人口医疗卫生机构床位数达到7.2张。",
     [Fig("每千人口拥有3岁以下婴幼儿托位数", 4.5, "个", EQ),
      Fig("每千人口医疗卫生机构床位数", 7.2, "张", EQ)]),
    ("建成 N 个: verb and the noun after the count",
     PLAN + "全市建成2个国家级区域医疗中心，新建50个区域养老服务中心。",
     [Fig("建成国家级区域医疗中心", 2, "个", EQ), Fig("新建区域养老服务中心", 50, "个", EQ)]),
    ("建成 noun N 个",
     PLAN + "建成省级临床重点专科12个。",
     [Fig("建成省级临床重点专科", 12, "个", EQ)]),
    ("力争达到九成: tenths read as percent",
     PLAN + "县域内就诊率力争达到九成。",
     [Fig("县域内就诊率", 90, "%", EQ, None, T)]),
    ("不低于 / 不少于 / 至少 / 超过",
     PLAN + "二级以上公立医院门诊预约诊疗率不低于90%，每个乡镇卫生院全科医生不少于2名，"
            "至少培训乡村医生800人次，家庭医生签约率超过40%。",
     [Fig("二级以上公立医院门诊预约诊疗率", 90, "%", GE),
      Fig("每个乡镇卫生院全科医生", 2, "名", GE),
      Fig("培训乡村医生", 800, "人次", GE),
      Fig("家庭医生签约率", 40, "%", GE)]),
    ("稳定在 / 保持在…以上",
     PLAN + "基本医疗保险参保率稳定在95%，法定传染病报告率保持在98%以上。",
     [Fig("基本医疗保险参保率", 95, "%", EQ), Fig("法定传染病报告率", 98, "%", GE)]),
    ("增长 / 下降 N%",
     PLAN + "基层诊疗量增长10%，重大慢性病过早死亡率下降20%。",
     [Fig("基层诊疗量", 10, "%", INC), Fig("重大慢性病过早死亡率", 20, "%", DEC)]),
    ("从…提高到…: the baseline",
     PLAN + "人均预期寿命从76.5岁提高到78岁。",
     [Fig("人均预期寿命", 78, "岁", EQ, None, T, 76.5)]),
    ("由…降至… with a year before the baseline and one before the target",
     REPORT + "五年来，孕产妇死亡率由2020年的12.5/10万降至2025年的8.2/10万。",
     [Fig("孕产妇死亡率", 8.2, "per100k", EQ, 2025, A, 12.5)]),
    ("低于 / 以内 / 控制在…左右",
     PLAN + "个人卫生支出占卫生总费用的比重低于27%，平均住院日控制在8天以内，城镇调查失业率控制在5.5%左右。",
     [Fig("个人卫生支出占卫生总费用的比重", 27, "%", LE),
      Fig("平均住院日", 8, "天", LE),
      Fig("城镇调查失业率", 5.5, "%", EQ)]),
    ("money as an achievement",
     SUMMARY + "全年投入资金2.3亿元，完成两癌筛查2.3万人。",
     [Fig("投入资金", 2.3, "亿元", EQ, None, A), Fig("完成两癌筛查", 2.3, "万人", EQ, None, A)]),
    ("a Chinese numeral count",
     PLAN + "新增两个国家级临床重点专科。",
     [Fig("新增国家级临床重点专科", 2, "个", EQ)]),
    ("a list of values sharing the last unit",
     REPORT + "农村卫生户厕覆盖率、污水治理（管控）率、生活垃圾处理设施覆盖率分别提高20.9、36.2、54个百分点。",
     [Fig("农村卫生户厕覆盖率", 20.9, "pp", INC, None, A),
      Fig("污水治理（管控）率", 36.2, "pp", INC, None, A),
      Fig("生活垃圾处理设施覆盖率", 54, "pp", INC, None, A)]),
    ("items missing the head borrow it",
     SUMMARY + "新生儿、婴儿和5岁以下儿童死亡率分别为0.93‰、1.62‰、1.93‰，均优于国家标准。",
     [Fig("新生儿死亡率", 0.93, "‰", EQ, None, A),
      Fig("婴儿死亡率", 1.62, "‰", EQ, None, A),
      Fig("5岁以下儿童死亡率", 1.93, "‰", EQ, None, A)]),
    ("two indicators, two units, no 分别",
     REPORT + "每千人床位数、执业（助理）医师数增至7.83张、3.57个。",
     [Fig("每千人床位数", 7.83, "张", EQ, None, A), Fig("执业（助理）医师数", 3.57, "个", EQ, None, A)]),
    ("均 gives every item the one value",
     REPORT + "基本养老保险、基本医疗保险参保率均达到95%以上。",
     [Fig("基本养老保险参保率", 95, "%", GE, None, A), Fig("基本医疗保险参保率", 95, "%", GE, None, A)]),
    ("an empty part takes the figure before it",
     REPORT + "全市人均预期寿命较2020年提高1.16岁、达到79.72岁。",
     [Fig("人均预期寿命", 1.16, "岁", INC, None, A), Fig("人均预期寿命", 79.72, "岁", EQ, None, A)]),
    ("同比 after a count",
     SUMMARY + "全年门急诊120.5万人次，同比增长12.3%。",
     [Fig("门急诊", 120.5, "万人次", EQ, None, A), Fig("门急诊", 12.3, "%", INC, None, A)]),
    ("a subject in the part before",
     SUMMARY + "辖区居民健康素养水平稳步提升，2022年达38.2%。",
     [Fig("居民健康素养水平", 38.2, "%", EQ, 2022, A)]),
    ("比上年 in a summary",
     SUMMARY + "全县人均预期寿命达到79.2岁，比上年提高0.3岁。",
     [Fig("人均预期寿命", 79.2, "岁", EQ, None, A), Fig("人均预期寿命", 0.3, "岁", INC, None, A)]),
    ("a report's goals",
     REPORT_PLAN + "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业45万人以上。",
     [Fig("地区生产总值", 5, "%", INC, None, T), Fig("城镇新增就业", 45, "万人", GE, None, T)]),
    ("a year after the document's in an opinion, 2030年前",
     OPINION + "到2030年，健康素养水平达到30%；2030年前，全面建成15分钟健康服务圈。",
     [Fig("健康素养水平", 30, "%", EQ, 2030, T)]),
    ("a past year in a plan reports a result",
     PLAN + "2023年全市人均预期寿命达到80.1岁，力争2025年达到80.5岁。",
     [Fig("人均预期寿命", 80.1, "岁", EQ, 2023, A), Fig("人均预期寿命", 80.5, "岁", EQ, 2025, T)]),
    ("已 marks a result, 力争 a goal",
     PLAN + "全市已建成胸痛中心8家。力争年底前建成卒中中心5家。",
     [Fig("建成胸痛中心", 8, "家", EQ, None, A), Fig("建成卒中中心", 5, "家", EQ, None, T)]),
    ("a bare number after 达",
     PLAN + "健康浙江发展指数达85，孕产妇死亡率为0。",
     [Fig("健康浙江发展指数", 85, "", EQ), Fig("孕产妇死亡率", 0, "", EQ)]),
    ("scope words and connectives trimmed",
     PLAN + "其中，全省人均预期寿命达到79.5岁，并力争我省居民健康素养水平达到35%。",
     [Fig("人均预期寿命", 79.5), Fig("居民健康素养水平", 35)]),
    ("a year written with the target value",
     REPORT + "人均预期寿命从2020年的75.2岁提升至2025年的76.8岁左右。",
     [Fig("人均预期寿命", 76.8, "岁", EQ, 2025, A, 75.2)]),
    ("a task with its lead unit inside a report's review",
     REPORT + "2.实现城镇新增就业18万人以上（牵头单位：人社厅）。",
     [Fig("城镇新增就业", 18, "万人", GE, None, T)]),
    ("a duty table's task",
     DUTIES + "1.实施16个乡镇卫生院提档升级工程（牵头单位：县卫健委）",
     [Fig("实施乡镇卫生院提档升级工程", 16, "个", EQ, None, T)]),
    ("the section decides: plans inside a summary",
     "某县卫生健康局2023年工作总结及2024年工作计划\n一、2023年工作成效\n家庭医生签约率达到45.6%。\n"
     "二、2024年工作计划\n家庭医生签约率提高到50%。",
     [Fig("家庭医生签约率", 45.6, "%", EQ, None, A), Fig("家庭医生签约率", 50, "%", EQ, None, T)]),
    ("a plan's 发展基础 reports results",
     "青岛市“十四五”卫生健康发展规划\n一、发展基础\n“十三五”时期，人均预期寿命达到81.51岁。\n二、发展目标\n"
     "到2025年，人均预期寿命达到82.5岁。",
     [Fig("人均预期寿命", 81.51, "岁", EQ, None, A), Fig("人均预期寿命", 82.5, "岁", EQ, 2025, T)]),
    ("people or places counted after 为/对/在",
     SUMMARY + "依托市妇幼保健院为全区5124名孕产妇免费供应地中海贫血筛查，每天对11个垃圾中转站、13座公厕实施消杀作业，"
               "在9家市级医院开展医疗废物信息化管理。",
     [Fig("孕产妇免费供应地中海贫血筛查", 5124, "名", EQ, None, A), Fig("垃圾中转站", 11, "个"),
      Fig("公厕实施消杀作业", 13, "座"), Fig("市级医院开展医疗废物信息化管理", 9, "家")]),
    ("the verb after a prepositional phrase, 保持…在",
     PLAN + "为县及县以下医疗机构招聘医学类毕业生150名，保持各医疗机构互联互通互认率在90%以上。",
     [Fig("招聘医学类毕业生", 150, "名", EQ), Fig("各医疗机构互联互通互认率", 90, "%", GE)]),
    ("ranges give their lower end",
     PLAN + "每个县区建成1－2所普惠型托育机构，全市甲乙类传染病发病率控制在280／10万以内。",
     [Fig("每个县区建成普惠型托育机构", 1, "所", GE), Fig("甲乙类传染病发病率", 280, "per100k", LE)]),
    ("a rate per person and a year's cost",
     REPORT + "城乡居民医保财政补助标准提高到每人每年700元。",
     [Fig("城乡居民医保财政补助标准", 700, "元", EQ, None, A)]),
]


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in PATTERNS], ids=[n for n, _, _ in PATTERNS])
def test_patterns(text: str, want: list[Fig]) -> None:
    check_figures(text, want)


# ---- numbers that are no figure ---------------------------------------------------------------------

NEGATIVES = [
    ("phone number", PLAN + "咨询电话：0851-86823456，邮编550001。"),
    ("dates", PLAN + "本方案自2025年3月1日起施行，2024年12月31日前报送。"),
    ("an age range", PLAN + "做好0-3岁儿童健康管理和3至6岁儿童视力筛查。"),
    ("ages as qualifiers", PLAN + "为65岁以上老年人提供健康体检，关爱3岁以下婴幼儿。"),
    ("a document number", PLAN + "根据《国务院关于实施健康中国行动的意见》（国发〔2019〕13号）要求。"),
    ("ordinals and batches", PLAN + "第2批试点，第十条规定，第3页。"),
    ("a program's count", PLAN + "构建三大体系，落实“五个没有”，推进“1+5+1”工作机制。"),
    ("a list ordinal", PLAN + "1.加强领导。2、强化保障。（3）严格考核。"),
    ("a code and a term", PLAN + "做好PM2.5监测，开通12345热线，落实“十四五”规划。"),
    ("a number inside a name", PLAN + "加强“重点工作5张报表”督查督促。"),
    ("years of duration", PLAN + "连续6年获评先进，时隔66年再次获批。"),
    ("a 同比 percentage with no indicator", PLAN + "同比增长12%。"),
    ("a qualifier of a noun", SUMMARY + "年销售收入超10亿元的龙头企业不断涌现。"),
]


@pytest.mark.parametrize("text", [t for _, t in NEGATIVES], ids=[n for n, _ in NEGATIVES])
def test_no_figure(text: str) -> None:
    got = targets(text)
    assert got == [], [(t.indicator, t.value_text, t.unit) for t in got]


def test_age_qualifiers_inside_indicators() -> None:
    check_figures(
        PLAN + "65岁以上老年人健康管理率达到70%以上，0-3岁儿童系统管理率不低于90%。",
        [Fig("65岁以上老年人健康管理率", 70, "%", GE), Fig("0-3岁儿童系统管理率", 90, "%", GE)],
    )


# ---- spans, traditional and run-on copies -----------------------------------------------------------


def test_statement_span_covers_indicator_to_unit_and_bound() -> None:
    text = PLAN + "到2025年，孕产妇死亡率控制在10/10万以下，人均预期寿命达到79岁。"
    got = targets(text)
    src = got[0].document.source.text
    assert [src[t.start : t.end] for t in got] == ["孕产妇死亡率控制在10/10万以下", "人均预期寿命达到79岁"]
    assert [t.value_text for t in got] == ["10", "79"]
    assert [t.unit for t in got] == ["/10万", "岁"]


def test_list_spans() -> None:
    text = PLAN + "婴儿死亡率、5岁以下儿童死亡率分别控制在5‰和7‰以下。"
    got = targets(text)
    src = got[0].document.source.text
    assert [src[t.start : t.end] for t in got] == [
        "婴儿死亡率、5岁以下儿童死亡率分别控制在5‰",
        "5岁以下儿童死亡率分别控制在5‰和7‰以下",
    ]


def test_baseline_text() -> None:
    (t,) = targets(PLAN + "人均预期寿命从76.5岁提高到78岁。")
    assert (t.baseline, t.baseline_text, t.value_text) == (76.5, "76.5", "78")


TRADITIONAL = (
    "2024年全市衛生健康工作要點\n一、主要目標\n"
    "到2025年，全市人均預期壽命達到79歲，孕產婦死亡率控制在10/10萬以下，"
    "嬰兒死亡率、5歲以下兒童死亡率分別控制在5‰和7‰以下，居民健康素養水平提高5個百分點。"
)


def test_traditional_copy_reads_like_the_simplified_one() -> None:
    got = targets(TRADITIONAL)
    assert_verbatim(got)
    simplified = targets(matching_form(TRADITIONAL))
    assert [(t.value, t.comparator, t.year, t.kind, t.indicator_key) for t in got] == [
        (t.value, t.comparator, t.year, t.kind, t.indicator_key) for t in simplified
    ]
    # reported as written: traditional stays traditional
    assert [t.indicator for t in got] == ["人均預期壽命", "孕產婦死亡率", "嬰兒死亡率", "5歲以下兒童死亡率", "居民健康素養水平"]
    assert [t.unit for t in got] == ["歲", "/10萬", "‰", "‰", "個百分點"]
    assert [t.unit_norm for t in got] == ["岁", "per100k", "‰", "‰", "pp"]
    assert got[0].indicator_key == "人均预期寿命"


RUN_ON = (
    "2024年全市卫生健康工作要点 一、主要目标 到2025年，全市人均预期寿命达到79岁，孕产妇死亡率控制在10/10万以下。"
    "二、重点任务 （一）夯实基层。家庭医生签约服务覆盖率达到75%以上，新建20个村卫生室。"
    "（二）联系方式 电话：0851-86823456。"
)


def test_run_on_text() -> None:
    check_figures(
        RUN_ON,
        [Fig("人均预期寿命", 79, "岁", EQ, 2025, T),
         Fig("孕产妇死亡率", 10, "per100k", LE, 2025, T),
         Fig("家庭医生签约服务覆盖率", 75, "%", GE, None, T),
         Fig("新建村卫生室", 20, "个", EQ, None, T)],
    )


def test_section_of_each_figure() -> None:
    got = targets("2024年全市卫生健康工作要点\n一、主要目标\n人均预期寿命达到79岁。\n二、重点任务\n（一）基层建设\n新建20个村卫生室。")
    assert [(t.section.label if t.section else None) for t in got] == ["一、", "（一）"]


def test_page_marker_inside_a_statement_drops_only_that_figure() -> None:
    # cleaning removes a page footer glued inside a sentence: that statement has no verbatim span
    text = PLAN + "到2025年，人均预期寿命达到\n- 3 -\n79岁，居民健康素养水平达到25%。\n"
    got = targets(text)
    assert_verbatim(got)
    assert [(t.indicator, t.value) for t in got] == [("居民健康素养水平", 25)]


def test_pdf_text_layer_wrapped_lines_and_spaces() -> None:
    text = (
        PLAN + "到 2025 年，全市人均预期寿命力争达到\n79岁，居民健康素养水平达到 25%，家庭医生签约服务覆盖率\n"
        "达到75%以上。\n"
    )
    check_figures(
        text,
        [Fig("人均预期寿命", 79, "岁", EQ, 2025, T),
         Fig("居民健康素养水平", 25, "%", EQ, 2025, T),
         Fig("家庭医生签约服务覆盖率", 75, "%", GE, 2025, T)],
    )


@lru_cache(maxsize=1)
def _s2t_converter() -> Any:  # opencc has no type hints
    import opencc

    return opencc.OpenCC("s2t")


def _s2t(text: str) -> str:
    """The traditional copy of ``text`` (OpenCC, the converter hwgraph reads traditional text with)."""
    return _s2t_converter().convert(text)


# a generated statement: scope, indicator, verb, value, unit, bound
INDICATORS = ["人均预期寿命", "孕产妇死亡率", "居民健康素养水平", "家庭医生签约服务覆盖率", "每千人口床位数", "基层诊疗量"]
VERBS = [("达到", EQ), ("控制在", LE), ("不低于", GE), ("提高", INC), ("下降", DEC), ("提高到", EQ), ("超过", GE)]
UNITS = [("%", "%"), ("岁", "岁"), ("‰", "‰"), ("/10万", "per100k"), ("个百分点", "pp"), ("张", "张"), ("个", "个")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    year=st.one_of(st.none(), st.integers(2021, 2035)),
    scope=st.sampled_from(["", "全省", "全市", "其中，", "我县"]),
    parts=st.lists(
        st.tuples(
            st.sampled_from(INDICATORS),
            st.sampled_from(VERBS),
            st.decimals(min_value=0, max_value=999, places=2, allow_nan=False),
            st.sampled_from(UNITS),
            st.sampled_from(["", "以上", "以下", "左右"]),
        ),
        min_size=1,
        max_size=4,
    ),
    sep=st.sampled_from(["，", "；", "。"]),
    lead=st.sampled_from(["", "（一）", "一是", "2."]),
    traditional=st.booleans(),
    run_on=st.booleans(),
)
def test_generated_statements_are_verbatim(year, scope, parts, sep, lead, traditional, run_on) -> None:
    body = sep.join(
        f"{scope}{ind}{verb}{value.normalize():f}{unit}{bound}" for ind, (verb, _), value, (unit, _), bound in parts
    )
    text = PLAN + lead + (f"到{year}年，" if year else "") + body + "。"
    if run_on:
        text = text.replace("\n", " ")
    if traditional:
        text = _s2t(text)
    got = targets(text)
    assert_verbatim(got)
    assert len(got) == len(parts), [(t.indicator, t.value_text) for t in got]
    for t, (ind, (verb, comp), value, (_, unorm), bound) in zip(got, parts, strict=True):
        assert t.indicator == (_s2t(ind) if traditional else ind)
        assert t.indicator_key == indicator_key(ind)
        assert math.isclose(t.value, float(value))
        assert t.unit_norm == unorm
        if comp in (INC, DEC, GE, LE) or bound == "":
            want = comp if not (verb == "控制在" and bound == "左右") else EQ
            if verb == "控制在" and bound == "以上":
                want = GE
        else:
            want = {"以上": GE, "以下": LE, "左右": EQ}[bound]
        assert t.comparator == want
        if year and sep != "。":
            assert t.year == year


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.sampled_from(INDICATORS), min_size=2, max_size=4, unique=True),
    verb=st.sampled_from(VERBS),
    unit=st.sampled_from(UNITS),
    values=st.lists(st.integers(1, 999), min_size=4, max_size=4),
    joiner=st.sampled_from(["、", "和"]),
    shared_unit=st.booleans(),
    traditional=st.booleans(),
)
def test_generated_lists_pair_items_with_values(names, verb, unit, values, joiner, shared_unit, traditional) -> None:
    n = len(names)
    vals = [f"{v / 10:g}" for v in values[:n]]
    if shared_unit:
        listed = "、".join(vals) + unit[0]
    else:
        listed = "、".join(v + unit[0] for v in vals[:-1]) + joiner + vals[-1] + unit[0]
    text = REPORT + "、".join(names[:-1]) + joiner + names[-1] + "分别" + verb[0] + listed + "。"
    if traditional:
        text = _s2t(text)
    got = targets(text)
    assert_verbatim(got)
    assert [t.indicator_key for t in got] == [indicator_key(x) for x in names], [t.indicator for t in got]
    assert [t.value for t in got] == [float(v) for v in vals]
    assert {t.unit_norm for t in got} == {unit[1]}
    assert {t.comparator for t in got} == {verb[1]}


# ---- recall on sentences of real documents ----------------------------------------------------------

# (heading that sets the kind, sentence as published, [(a word of the indicator, value, comparator,
# year)]): the realdocs survey pages (a 2023 provincial plan, a 2022 district summary, a 十四五 plan's
# 发展基础, a county report, a transcript) and health sentences of the 2026 provincial reports
REAL: list[tuple[str, str, list[tuple[str, float, Comparator, int | None]]]] = [
    ("2023年全省卫生健康工作要点\n一、主要目标\n",
     "健康浙江发展指数达85,人均预期寿命达82.4岁,居民健康素养水平达39%以上,重大慢病过早死亡率降至9.3%,"
     "总体癌症五年生存率达47%,人均基本公共卫生服务经费达102元以上;",
     [("发展指数", 85, EQ, None), ("预期寿命", 82.4, EQ, None), ("健康素养", 39, GE, None),
      ("过早死亡率", 9.3, EQ, None), ("生存率", 47, EQ, None), ("服务经费", 102, GE, None)]),
    ("2023年全省卫生健康工作要点\n一、主要目标\n",
     "培育健康浙江行动省级样板50个,城乡居民免费健康体检人数达1000万以上,居民电子健康档案开放率达70%以上,"
     "居民心理健康素养水平达25%以上,家庭医生居民签约服务覆盖率达42%以上,重点人群签约覆盖率达85%以上。",
     [("样板", 50, EQ, None), ("体检人数", 1000, GE, None), ("开放率", 70, GE, None), ("心理健康素养", 25, GE, None),
      ("签约服务覆盖率", 42, GE, None), ("重点人群", 85, GE, None)]),
    ("番禺区卫生健康局2022年工作总结\n一、主要工作\n",
     "全区户籍孕产妇死亡率为0,全人口孕产妇死亡率为3.85/10万,新生儿、婴儿和5岁以下儿童死亡率分别为0.93‰、1.62‰、"
     "1.93‰,均优于国家、省、市标准。",
     [("户籍孕产妇", 0, EQ, None), ("全人口孕产妇", 3.85, EQ, None), ("新生儿", 0.93, EQ, None),
      ("婴儿", 1.62, EQ, None), ("5岁以下", 1.93, EQ, None)]),
    ("番禺区卫生健康局2022年工作总结\n一、主要工作\n",
     "辖区居民健康素养水平稳步提升,2022年达38.2%,提前8年实现了健康广州行动2030年的目标值(37%)。",
     [("健康素养", 38.2, EQ, 2022), ("目标值", 37, EQ, 2030)]),
    ("青岛市“十四五”卫生健康发展规划\n一、发展基础\n",
     "“十三五”时期,全市卫生健康事业稳步发展,居民健康水平持续提高,人均预期寿命达到81.51岁,婴儿死亡率和孕产妇"
     "死亡率分别下降至1.67‰、4.26/10万。公立医院医药费用增幅降至10%左右,药占比降至30%左右。",
     [("预期寿命", 81.51, EQ, None), ("婴儿死亡率", 1.67, EQ, None), ("孕产妇死亡率", 4.26, EQ, None),
      ("费用增幅", 10, EQ, None), ("药占比", 30, EQ, None)]),
    ("佛山市医疗卫生强基创优行动计划\n一、工作目标\n",
     "围绕实现区域内住院率达到90%左右的目标,优化配置医疗卫生资源。",
     [("住院率", 90, EQ, None)]),
    ("“十四五”國民健康規劃\n一、規劃背景\n",
     "重大疾病防治成效顯著,居民健康素養水平從10.25%提高到23.15%。",
     [("水平", 23.15, EQ, None)]),
    ("海南省人均预期寿命突破80岁新闻发布会实录\n",
     "据国家测算结果,2023年海南省人均预期寿命达到80岁。",
     [("预期寿命", 80, EQ, 2023)]),
    ("区2023年卫生健康工作总结\n一、主要做法及成效\n",
     "每天对城区11个垃圾中转站、13座公厕、5个农贸市场实施消杀作业,消杀覆盖率达100%。",
     [("消杀覆盖率", 100, EQ, None)]),
    ("蕲春县人民政府工作报告\n一、2023年工作回顾\n",
     "城镇新增就业9353人。落实药品耗材集中带量采购,价格平均降幅60%左右。",
     [("新增就业", 9353, EQ, None), ("降幅", 60, EQ, None)]),
    (REPORT, "加强慢性病健康管理，重点人群家庭医生签约服务覆盖率达到95%。", [("签约服务覆盖率", 95, EQ, None)]),
    (REPORT, "公共文化场馆实现省市县乡村五级全覆盖，人均体育场地面积增加至2.9平方米，人均预期寿命预计达79岁。",
     [("体育场地面积", 2.9, EQ, None), ("预期寿命", 79, EQ, None)]),
    (REPORT, "持续推进县域三级养老服务网络项目建设，公办养老机构护理型床位占比提高到80%。",
     [("护理型床位占比", 80, EQ, None)]),
    (REPORT, "人口老龄化应对积极有效，新增养老床位5万张、普惠托育机构923个。",
     [("养老床位", 5, EQ, None), ("托育机构", 923, EQ, None)]),
    (REPORT, "县域医疗卫生一体化改革走出山西路径，基层诊疗量增长20%。", [("诊疗量", 20, INC, None)]),
    (REPORT, "新增养老床位3852张、认知障碍照护床位3326张，新建社区长者食堂57家、家门口养老服务站336个。",
     [("养老床位", 3852, EQ, None), ("照护床位", 3326, EQ, None), ("长者食堂", 57, EQ, None),
      ("养老服务站", 336, EQ, None)]),
    (REPORT, "高水平医院加力建设，人均预期寿命超过80岁。", [("预期寿命", 80, GE, None)]),
    (REPORT, "养老方面，两证齐全医养结合养老机构增至1125家、全国最多，护理型床位占比提升至76.4%，新增家庭养老床位1.4万张。",
     [("医养结合", 1125, EQ, None), ("护理型床位占比", 76.4, EQ, None), ("家庭养老床位", 1.4, EQ, None)]),
    (REPORT, "养老护理能力持续提升，新增3岁以下婴幼儿托位数较上年增长17%。", [("托位", 17, INC, None)]),
    (REPORT, "切实兜牢民生底线，持续推进全民参保计划，基本养老保险和基本医疗保险参保率保持在95%以上。",
     [("养老保险", 95, GE, None), ("医疗保险", 95, GE, None)]),
    (REPORT, "每千人拥有3岁以下婴幼儿托位数4.59个。", [("托位", 4.59, EQ, None)]),
    (REPORT, "95.6%二级及以上公立综合医院为老年人设立专门医疗服务，医养结合机构增至191家。",
     [("医院", 95.6, EQ, None), ("医养结合", 191, EQ, None)]),
    (REPORT, "落实育儿补贴政策，每千人托位、养老床位数分别达到4.7个、27.3张，完成1.6万户特殊困难家庭适老化改造。",
     [("托位", 4.7, EQ, None), ("养老床位", 27.3, EQ, None), ("适老化改造", 1.6, EQ, None)]),
    (REPORT, "获批建设国家医学中心（中医类）和12个国家区域医疗中心，90家县级医院达到三级综合医院水平。",
     [("区域医疗中心", 12, EQ, None), ("县级医院", 90, EQ, None)]),
    (REPORT, "5个国家区域医疗中心、6个省级区域医疗中心开诊运营，建成200个县域医疗次中心。",
     [("国家区域医疗中心", 5, EQ, None), ("省级区域医疗中心", 6, EQ, None), ("医疗次中心", 200, EQ, None)]),
    (REPORT, "“一老一小”服务全面提升，人均预期寿命从2020年的82.4岁提升至83.9岁，民生改善更加可感可及。",
     [("预期寿命", 83.9, EQ, None)]),
    (REPORT, "建成全国唯一医养结合示范省，千人口床位数由6.4张增至7.6张，医保服务体系实现全覆盖，人均预期寿命增至80.5岁。",
     [("床位", 7.6, EQ, None), ("预期寿命", 80.5, EQ, None)]),
    (REPORT, "基本医保参保率超98%。", [("参保率", 98, GE, None)]),
    (REPORT, "健康方面，建设紧密型县域医共体172个，医疗机构检查结果互认平台服务群众1500万次，国家级慢性病防控示范区达到34个。",
     [("医共体", 172, EQ, None), ("服务群众", 1500, EQ, None), ("示范区", 34, EQ, None)]),
    (REPORT, "医疗机构门诊预交金全面取消，基层医疗机构居民门诊报销比例达到65%、提高15个百分点，异地就医直接结算率超过92%。",
     [("报销比例", 65, EQ, None), ("报销比例", 15, INC, None), ("结算率", 92, GE, None)]),
    (REPORT, "“先诊疗后付费”模式全面推广，“免陪照护服务”试点扩大至145家医院，医学检查检验结果互认项目达488项。",
     [("免陪照护", 145, EQ, None), ("互认项目", 488, EQ, None)]),
    (REPORT, "51万新就业形态人员纳入职业伤害保障，城乡居民医保财政年补助标准提高到700元，异地就医直接结算率达到80%以上。",
     [("补助标准", 700, EQ, None), ("结算率", 80, GE, None)]),
    (REPORT, "基本养老保险覆盖更广保障力度更大，基本医保参保率稳定在95%以上，城乡低保平均保障标准增长19.2%。",
     [("参保率", 95, GE, None), ("保障标准", 19.2, INC, None)]),
]


def real_recall() -> tuple[int, int, int]:
    """(gold figures, found, found with comparator and year right) over :data:`REAL`."""
    gold = found = right = 0
    for head, sentence, want in REAL:
        got = targets(head + sentence)
        assert_verbatim(got)
        used: set[int] = set()
        for word, value, comparator, year in want:
            gold += 1
            # the candidate agreeing best (a title may state the same figure as the sentence)
            cands = [
                (t.comparator == comparator and t.year == year, -k, k)
                for k, t in enumerate(got)
                if k not in used and math.isclose(t.value, value) and word in matching_form(t.indicator)
            ]
            hit = max(cands)[2] if cands else None
            if hit is None:
                continue
            used.add(hit)
            found += 1
            right += got[hit].comparator == comparator and got[hit].year == year
    return gold, found, right


def test_recall_on_real_sentences() -> None:
    gold, found, right = real_recall()
    assert found / gold >= 0.85, (found, gold)
    assert right / found >= 0.9, (right, found)


# ---- keys and units ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("人均预期寿命", "人均预期寿命"),
        ("全省人均预期寿命", "人均预期寿命"),
        ("居民人均预期寿命", "人均预期寿命"),
        ("我市居民人均预期寿命", "人均预期寿命"),
        ("海南省人均预期寿命", "人均预期寿命"),
        ("人均預期壽命", "人均预期寿命"),
        ("居民健康素养水平", "健康素养水平"),
        ("全市居民健康素养水平", "健康素养水平"),
        ("每千人口拥有3岁以下婴幼儿托位数", "每千人托位"),
        ("每千人口托位数", "每千人托位"),
        ("千人口托位数", "每千人托位"),
        ("每千人口医疗卫生机构床位数", "每千人床位"),
        ("每千人床位数", "每千人床位"),
        ("每千人口执业（助理）医师数", "每千人执业(助理)医师"),
        ("重大慢病过早死亡率", "重大慢性病过早死亡率"),
        ("五岁以下儿童死亡率", "5岁以下儿童死亡率"),
        ("“互联网+医疗健康”服务覆盖率", "互联网+医疗健康服务覆盖率"),
    ],
)
def test_indicator_key(written: str, key: str) -> None:
    assert indicator_key(written) == key


def test_keys_meet_across_documents() -> None:
    plan = targets(PLAN + "到2025年，全省人均预期寿命达到79岁，每千人口拥有3岁以下婴幼儿托位数达到4.5个。")
    summary = targets(SUMMARY + "居民人均预期寿命达到78.6岁，每千人口托位数达到3.2个。")
    report = targets(TRADITIONAL)
    keys = [{t.indicator_key for t in got} for got in (plan, summary, report)]
    assert "人均预期寿命" in keys[0] & keys[1] & keys[2]
    assert "每千人托位" in keys[0] & keys[1]


@pytest.mark.parametrize(
    ("unit", "norm"),
    [("%", "%"), ("％", "%"), ("‰", "‰"), ("/10万", "per100k"), ("/十万", "per100k"), ("/10万活产", "per100k"),
     ("/万", "per10k"), ("/千人", "per1k"), ("个百分点", "pp"), ("百分点", "pp"), ("成", "%"), ("岁", "岁"),
     ("人", "人"), ("家", "家"), ("张", "张"), ("个", "个"), ("所", "所"), ("万人", "万人"), ("亿元", "亿元")],
)
def test_normalise_unit(unit: str, norm: str) -> None:
    assert normalise_unit(unit) == norm


# ---- the development corpus ------------------------------------------------------------------------

DEV = Path(__file__).resolve().parents[2] / "shared" / "devcorpus" / "gov-reports-2026"


@pytest.fixture(scope="module")
def dev_targets() -> dict[str, list[Target]]:
    if not DEV.is_dir():
        pytest.skip("development corpus absent")
    out: dict[str, list[Target]] = {}
    for r in analyse(sorted(DEV.glob("*.txt"))):
        province = Path(r.path).name.split("_")[1]
        out[province] = [t for d in r.documents for t in find_targets(d)]
    return out


def test_dev_corpus_life_expectancy(dev_targets: dict[str, list[Target]]) -> None:
    def life(province: str) -> list[tuple[float, Comparator, float | None]]:
        return [(t.value, t.comparator, t.baseline) for t in dev_targets[province] if t.indicator_key == "人均预期寿命"]

    assert (79.4, EQ, None) in life("吉林省")
    assert (78.9, EQ, None) in life("陕西省")
    assert (79.5, EQ, None) in life("福建省")
    assert (83.9, EQ, 82.4) in life("北京市")  # 从2020年的82.4岁提升至83.9岁
    assert (76.8, EQ, 75.2) in life("贵州省")
    assert (80.0, GE, None) in life("江苏省")  # 超过80岁
    assert (1.16, INC, None) in life("重庆市") and (79.72, EQ, None) in life("重庆市")
    anhui = [t for t in dev_targets["安徽省"] if t.indicator_key == "人均预期寿命"]
    assert [(t.value, t.comparator, t.year, t.kind) for t in anhui] == [(80.0, GE, 2030, T)]


def test_dev_corpus_other_facts(dev_targets: dict[str, list[Target]]) -> None:
    def has(province: str, key: str, value: float, unit: str, comparator: Comparator) -> bool:
        return any(
            t.indicator_key == key and math.isclose(t.value, value) and t.unit_norm == unit and t.comparator == comparator
            for t in dev_targets[province]
        )

    assert has("甘肃省", "森林覆盖率", 1.64, "pp", INC)  # 森林覆盖率提高1.64个百分点
    assert has("云南省", "每千人托位", 4.8, "个", EQ)  # 每千人口托位数从0.5个增至4.8个
    assert has("山东省", "每千人床位", 7.6, "张", EQ)  # 千人口床位数由6.4张增至7.6张
    assert has("黑龙江省", "新增托位", 17, "%", INC)  # 较上年增长17%
    assert has("内蒙古自治区", "普惠性幼儿园覆盖率", 93, "%", GE)


def test_dev_corpus_spans_and_negatives(dev_targets: dict[str, list[Target]]) -> None:
    total = 0
    for got in dev_targets.values():
        assert_verbatim(got)
        total += len(got)
        for t in got:
            src = t.document.source.text
            assert not (1900 <= t.value <= 2100 and t.unit in ("", "年")), src[t.start : t.end]
            assert src[t.value_start - 1 : t.value_start] != "第", src[t.start : t.end]
    assert total > 2000
