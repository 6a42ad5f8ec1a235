"""Outline stage: numbering styles, messy patterns, and the sample corpus."""

from __future__ import annotations

import pytest

from hwgraph.outline import cn_int, iter_sections, scan_markers, section_at
from hwgraph.pipeline import analyse_text
from hwgraph.types import SectionKind


def _tree(text: str, doc: int = 0) -> list[tuple]:
    """(depth, label, title) of every section of one document of ``text``."""
    out: list[tuple] = []

    def walk(sections: tuple, depth: int) -> None:
        for s in sections:
            out.append((depth, s.label, s.title))
            walk(s.children, depth + 1)

    walk(analyse_text(text)[doc].sections, 0)
    return out


@pytest.mark.parametrize(
    "numeral,value",
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("两", 2), ("31", 31), ("甲", None)],
)
def test_outline_cn_int(numeral: str, value: int | None) -> None:
    assert cn_int(numeral) == value


@pytest.mark.parametrize(
    "text,kind,ordinal",
    [
        ("一、总体要求", SectionKind.CHAPTER, 1),
        ("十二、其他", SectionKind.CHAPTER, 12),
        ("（三）主要目标", SectionKind.SECTION, 3),
        ("(三)主要目标", SectionKind.SECTION, 3),
        ("㈢主要目标", SectionKind.SECTION, 3),
        ("4.加强建设", SectionKind.ITEM, 4),
        ("4、加强建设", SectionKind.ITEM, 4),
        ("4）加强建设", SectionKind.ITEM, 4),
        ("4．加强建设", SectionKind.ITEM, 4),
        ("（5）推进", SectionKind.SUBITEM, 5),
        ("(5)推进", SectionKind.SUBITEM, 5),
        ("⑥落实", SectionKind.POINT, 6),
        ("二是强化", SectionKind.ENUM, 2),
        ("三要落实", SectionKind.ENUM, 3),
        ("第二篇：工作要点", SectionKind.PART, 2),
    ],
)
def test_outline_marker_styles(text: str, kind: SectionKind, ordinal: int) -> None:
    m = next(scan_markers(text))
    assert (m.kind, m.ordinal, m.start) == (kind, ordinal, 0)


@pytest.mark.parametrize("text", ["1.5倍", "达到2.5万人", "2024年", "第一、二批", "拨打12345、12320热线", "截至2024.", "二、三季度"])
def test_outline_not_markers(text: str) -> None:
    assert all(m.kind is not SectionKind.ITEM and m.kind is not SectionKind.CHAPTER for m in scan_markers(text))


LINE_BASED = """关于推动公立医院高质量发展的实施意见
一、总体要求
（一）指导思想。坚持以人民健康为中心。
（二）主要目标。到2025年，发展方式转向提质增效。
二、重点任务
（三）打造高水平医院。以疾病为重点。
1.加强临床专科建设。以需求为导向。
2.推进医学技术创新。面向前沿。
（1）加强基础研究。
（2）推动成果转化。①建立机制。②完善平台。
三、组织实施
"""


def test_outline_line_based_all_levels() -> None:
    assert _tree(LINE_BASED) == [
        (0, "一、", "总体要求"),
        (1, "（一）", "指导思想"),
        (1, "（二）", "主要目标"),
        (0, "二、", "重点任务"),
        (1, "（三）", "打造高水平医院"),  # numbering continues across chapters
        (2, "1.", "加强临床专科建设"),
        (2, "2.", "推进医学技术创新"),
        (3, "（1）", "加强基础研究"),
        (3, "（2）", "推动成果转化"),
        (4, "①", "建立机制"),
        (4, "②", "完善平台"),
        (0, "三、", "组织实施"),
    ]


HALF_WIDTH = """某市2023年卫生健康工作计划
一. 加强基层建设
(一)推进社区医院建设。建成10家。
1)完善设施。内容。
2)配齐人员。内容。
二. 深化改革
(二)推进医联体建设。一要强化领导；二要落实责任；三要加强督查。
"""


def test_outline_half_width_and_yiyao() -> None:
    assert _tree(HALF_WIDTH) == [
        (0, "一.", "加强基层建设"),
        (1, "(一)", "推进社区医院建设"),
        (2, "1)", "完善设施"),
        (2, "2)", "配齐人员"),
        (0, "二.", "深化改革"),
        (1, "(二)", "推进医联体建设"),
        (2, "一要", "强化领导"),
        (2, "二要", "落实责任"),
        (2, "三要", "加强督查"),
    ]


ONE_LINE = (
    "某县卫生健康局2023年工作总结今年以来,全县卫生健康系统认真贯彻落实县委决策部署,各项工作取得新成效。"
    "一、坚持人民至上,全力做好疫情防控工作在县委县政府坚强领导下,全县上下同心协力,有效处置疫情。"
    "一是加强监测预警。全面落实哨点监测。二是强化疫苗接种。累计接种10万剂次。"
    "二、深化医药卫生体制改革积极推进紧密型县域医共体建设,组建医共体3个。"
    "三、加快推进项目建设按照县委县政府部署,推进县医院迁建项目。"
)


def test_outline_single_line_heading_runs_into_body() -> None:
    assert _tree(ONE_LINE) == [
        (0, "一、", "坚持人民至上,全力做好疫情防控工作"),
        (1, "一是", "加强监测预警"),
        (1, "二是", "强化疫苗接种"),
        (0, "二、", "深化医药卫生体制改革"),
        (0, "三、", "加快推进项目建设"),
    ]


def test_outline_heading_with_inline_preposition_is_not_cut() -> None:
    text = "工作要点\n一、重点任务\n（一）发挥公立医院在城市医疗集团中的牵头作用。按照网格化布局管理。\n"
    assert _tree(text)[1] == (1, "（一）", "发挥公立医院在城市医疗集团中的牵头作用")


def test_outline_stray_numbers_restarts_duplicates_and_jumps() -> None:
    text = (
        "区2024年工作要点\n一、夯实基层\n1.提升服务能级。推进5\n个区域\n 中心和13\n 中心建设。\n"
        "2.推进安宁疗护。内容。\n二、服务城市发展\n3.加快新城布局。内容。\n3.重复编号的条目。内容。\n"
        "7.跳号的条目。内容。\n"
    )
    assert [(d, lab) for d, lab, _ in _tree(text)] == [
        (0, "一、"), (1, "1."), (1, "2."), (0, "二、"), (1, "3."), (1, "3."), (1, "7."),
    ]


def test_outline_skipped_level_item_directly_under_chapter() -> None:
    assert _tree("计划\n一、总体要求\n1.指导思想。内容。\n2.基本原则。内容。\n")[1:] == [
        (1, "1.", "指导思想"),
        (1, "2.", "基本原则"),
    ]


def test_outline_yishi_in_mid_sentence_is_not_a_marker() -> None:
    text = "总结\n一、加强管理\n坚持统一是原则，唯一是目标。一是强化领导。二是压实责任。\n"
    assert [lab for _, lab, _ in _tree(text)] == ["一、", "一是", "二是"]


TOC_AND_GAP = """县2023年卫生健康工作总结
目录/提纲:……
一、重点工作完成情况
(一)以学促干,推动主题教育
(二)多措并举,深化医药改革
(三)完善体系,提升服务能力
(四)传承创新,发展中医药
二、重点项目完成情况
(五)高位谋划,扩容提质
……
县2023年卫生健康工作总结
2023年是开局之年。
一、重点工作完成情况
(一)以学促干,推动主题教育。一是开展学习教育。二是大兴调查研究之风,为深化改革促进
……(某网http://www.example.cn省略723字,正式会员可完整阅读)……
疗对口支援工作全部覆盖。三是完善乡村医生养老体系,发放补助。
(四)传承创新,发展中医药。一是提升服务能力。
"""


def test_outline_toc_merged_and_gap_recovered() -> None:
    docs = analyse_text(TOC_AND_GAP)
    assert len(docs) == 1 and docs[0].has_toc and docs[0].truncated
    tree = _tree(TOC_AND_GAP)
    assert tree == [
        (0, "一、", "重点工作完成情况"),
        (1, "(一)", "以学促干,推动主题教育"),
        (2, "一是", "开展学习教育"),
        (2, "二是", "大兴调查研究之风,为深化改革促进"),
        # recovered from the table of contents; the orphan 三是 after the gap is not put under (一)
        (1, "(二)", "多措并举,深化医药改革"),
        (1, "(三)", "完善体系,提升服务能力"),
        (1, "(四)", "传承创新,发展中医药"),
        (2, "一是", "提升服务能力"),
        (0, "二、", "重点项目完成情况"),
        (1, "(五)", "高位谋划,扩容提质"),
    ]
    recovered = [s.label for s in iter_sections(docs[0].sections) if s.recovered]
    assert recovered == ["(二)", "(三)", "二、", "(五)"]


def test_outline_offsets_point_at_source(corpus_documents: list) -> None:
    n = 0
    for doc in corpus_documents:
        text = doc.source.text
        for s in iter_sections(doc.sections):
            n += 1
            label_span = text[s.start : s.start + len(s.label) + 3]
            if "\n" not in label_span:  # a .docx page marker may split a label (三\n6、是)
                assert label_span.startswith(s.label)
            if "\n" not in text[s.title_start : s.title_end]:  # a page marker may sit inside a title
                assert text[s.title_start : s.title_end] == s.title
            assert doc.start <= s.start < s.end <= doc.end or s.recovered
    assert n > 200


def test_outline_section_at_finds_innermost(corpus_documents: list) -> None:
    doc = next(d for d in corpus_documents if d.title == "卫生健康局2022年工作总结")
    offset = doc.source.text.index("规范处置阳性感染者")
    s = section_at(doc.sections, offset)
    assert s is not None and s.label == "一是" and s.title.startswith("毫不松懈抓好新冠疫情防控应急处置")


REPORT = """政府工作报告
——2024年1月20日在某市第十七届人民代表大会第四次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导。
（一）经济运行稳中向好。全市地区生产总值增长5.5%，二、三季度增速领先。
（二）民生福祉持续增进。城镇新增就业5.2万人。
二、2024年工作安排
（一）聚焦扩大内需，推动经济持续回升。
1.着力扩大有效投资。实施重点项目300个。
三、加强政府自身建设
"""


def test_outline_government_report_headings_start_with_a_year() -> None:
    doc = analyse_text(REPORT)[0]
    assert (doc.title, doc.kind.value, doc.level.value, doc.year) == ("政府工作报告", "report", "city", 2024)
    assert [(d, lab, t) for d, lab, t in _tree(REPORT) if d == 0] == [
        (0, "一、", "2023年工作回顾"),
        (0, "二、", "2024年工作安排"),  # 二、三季度 inside the text is not a heading
        (0, "三、", "加强政府自身建设"),
    ]


def test_outline_one_line_report_heading_ends_where_body_opens() -> None:
    text = (
        "某市政府工作报告各位代表：现在，我代表市人民政府向大会报告工作。"
        "一、2023年工作回顾过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。"
        "二、2024年工作安排今年政府工作的总体要求是：坚持稳中求进工作总基调，推动高质量发展。"
        "三、加强政府自身建设新征程上，我们要始终坚持党的全面领导，建设人民满意的服务型政府。"
    )
    assert [t for _, _, t in _tree(text)] == ["2023年工作回顾", "2024年工作安排", "加强政府自身建设"]


PLAN_WITH_ATTACHMENTS = """某县推进紧密型县域医共体建设实施方案
为深入贯彻落实指导意见，结合我县实际，制定本方案。
一、总体要求
（一）指导思想
以习近平新时代中国特色社会主义思想为指导。
二、主要任务
（二）完善管理体制
1．健全组织架构。成立医共体管理委员会。
三、保障措施
（三）强化督导考核。将医共体建设纳入年度考核。
附件：1.工作任务分解表
2.医共体成员单位名单
"""


def test_outline_attachment_list_is_not_part_of_the_outline() -> None:
    assert [lab for _, lab, _ in _tree(PLAN_WITH_ATTACHMENTS)] == ["一、", "（一）", "二、", "（二）", "1．", "三、", "（三）"]


def test_outline_golden_sample_corpus(corpus_documents: list, update_golden: bool) -> None:
    """The whole sample-corpus outline against tests/golden/outline.json (refresh: --update-golden)."""
    import json
    from pathlib import Path

    from hwgraph.report import outline_json

    golden = Path(__file__).parent / "golden" / "outline.json"
    got = []
    for d in corpus_documents:
        row = outline_json(d)
        row["source"] = "corpus/" + Path(row["source"]).name
        got.append(row)
    text = json.dumps(got, ensure_ascii=False, indent=1) + "\n"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), "no golden outline yet: run pytest --update-golden once"
    want = json.loads(golden.read_text(encoding="utf-8"))
    for g, w in zip(got, want, strict=True):
        assert (g["source"], g["title"]) == (w["source"], w["title"])
        assert g == w, f"outline of {g['source']} #{g['title']} changed; rerun with --update-golden if intended"


def test_outline_parts_of_one_document_are_not_split() -> None:
    text = (
        "某区卫生健康局2023年工作总结及2024年工作计划\n第一部分 2023年工作总结\n一、疫情防控平稳转段\n"
        "（一）落实“乙类乙管”措施。做好分级诊疗。\n第二部分 2024年工作计划\n一、深化医改\n（一）推进医联体建设。\n"
    )
    docs = analyse_text(text)
    assert len(docs) == 1
    assert [(d, lab, t) for d, lab, t in _tree(text) if d == 0] == [
        (0, "第一部分", "2023年工作总结"),
        (0, "第二部分", "2024年工作计划"),
    ]


def test_outline_one_line_opinion_short_headings() -> None:
    text = (
        "国务院办公厅关于进一步完善医疗卫生服务体系的意见 国办发〔2023〕10号各省、自治区、直辖市人民政府：现提出以下意见。"
        "一、总体要求以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。到2025年，体系进一步健全。"
        "二、优化资源配置（一）加强公共卫生体系建设。健全疾病预防控制体系。"
        "三、加强组织实施各地要高度重视，结合实际抓好落实。国务院办公厅 2023年3月23日（此件公开发布）"
    )
    doc = analyse_text(text)[0]
    assert (doc.doc_number, doc.year, doc.level.value) == ("国办发〔2023〕10号", 2023, "national")
    assert [t for d, _, t in _tree(text) if d == 0] == ["总体要求", "优化资源配置", "加强组织实施"]


def test_outline_heading_ends_at_a_colon() -> None:
    text = "实施方案\n一、总体要求\n（一）工作目标：到2025年，县域内就诊率达到90%。\n（二）基本原则：坚持政府主导。\n"
    assert [t for _, _, t in _tree(text)] == ["总体要求", "工作目标", "基本原则"]


def test_outline_section_cut_by_a_truncation_notice_adopts_nothing_after_it() -> None:
    text = (
        "某县2023年卫生健康工作总结\n一、重点工作\n（一）加强基层医疗。全年完成接种12万剂次，建成示范中心3个，"
        "群众满意度持续提升。……(新文秘网http://www.wm114.cn省略723字,正式会员可完整阅读)……\n"
        "1.后续条目的内容。\n2.第二条内容。\n（二）推进医共体建设。内容。\n"
    )
    doc = analyse_text(text)[0]
    first = doc.sections[0].children[0]
    assert (first.title, first.children) == ("加强基层医疗", ())
    assert first.end <= doc.gaps[0].start  # the section ends where the text went missing
    assert [s.title for s in doc.sections[0].children] == ["加强基层医疗", "推进医共体建设"]


@pytest.mark.parametrize(
    "text,titles",
    [
        # a marker alone on its line takes the next line as its title
        ("实施方案\n一、\n总体要求\n（一）\n指导思想\n以习近平新时代中国特色社会主义思想为指导。\n", ["总体要求", "指导思想"]),
        # a marker with no words after it heads nothing: what it seemed to hold moves up
        ("实施方案\n一、总体要求\n二、\n（一）加强组织领导。各地要高度重视。\n", ["总体要求", "加强组织领导"]),
    ],
)
def test_outline_bare_markers(text: str, titles: list[str]) -> None:
    assert [t for _, _, t in _tree(text)] == titles


def test_outline_runon_items_and_lists_glued_to_their_heading() -> None:
    text = (
        "某区2024年卫生健康工作要点2024年，全区卫生健康工作的总体要求是：坚持以人民健康为中心。"
        "一、加快构建强大公共卫生体系1.慎终如始抓好疫情防控。坚持人物同防。2.提升疾病预防控制能力。推进疾控改革。"
        "二、抓好常态化疫情防控一是抓好常态化精准防控。落实早发现要求。二是做好疫苗接种。接种10万剂次。"
    )
    assert _tree(text) == [
        (0, "一、", "加快构建强大公共卫生体系"),
        (1, "1.", "慎终如始抓好疫情防控"),
        (1, "2.", "提升疾病预防控制能力"),
        (0, "二、", "抓好常态化疫情防控"),
        (1, "一是", "抓好常态化精准防控"),
        (1, "二是", "做好疫苗接种"),
    ]


@pytest.mark.parametrize(
    "text,chapters",
    [
        ("工作报告\n一、2025年工作回顾\n第一、二、三产业增加值分别增长4.2%、5%、5.4%。\n二、2026年工作安排\n",
         ["2025年工作回顾", "2026年工作安排"]),  # 第一、二、三产业 counts industries
        ("工作报告\n一、2025年工作回顾\n全年完成一、二批项目，二、三季度增长较快。\n二、2026年工作安排\n",
         ["2025年工作回顾", "2026年工作安排"]),
    ],
)
def test_outline_numerals_after_a_list_comma_are_no_chapters(text: str, chapters: list[str]) -> None:
    assert [t for d, _, t in _tree(text) if d == 0] == chapters
