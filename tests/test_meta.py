"""Document metadata on real heads: titles after site chrome, subtitles, places, kinds, splitting."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from hwgraph.pipeline import analyse, analyse_text
from hwgraph.types import AdminLevel, DocKind

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "devcorpus" / "gov-reports-2026"


def _runon(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


@pytest.mark.skipif(not DEV.exists(), reason="../shared/devcorpus is not beside this checkout")
def test_meta_every_dev_report_gets_its_real_metadata() -> None:
    sources = {r["file"]: r for r in csv.DictReader((DEV / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t")}
    results = list(analyse(sorted(DEV.glob("*.txt"))))
    assert len(results) == 25
    for r in results:
        assert r.error is None and len(r.documents) == 1, r.path
        d = r.documents[0]
        row = sources[Path(r.path).name]
        assert "政府工作报告" in d.title and d.title in row["title"] + row["province"] + "政府工作报告", r.path
        assert (d.kind, d.level, d.year) == (DocKind.REPORT, AdminLevel.PROVINCE, 2026), r.path
        assert d.place is not None and d.place.name == row["province"], r.path
        assert d.date is not None and d.date.startswith("2026-0"), r.path
        assert d.subtitle and "人民代表大会" in d.subtitle and not d.subtitle.startswith("—"), r.path
        assert d.source.text[d.title_start : d.title_end] == d.title, r.path


@pytest.mark.skipif(not DEV.exists(), reason="../shared/devcorpus is not beside this checkout")
def test_meta_dev_reports_keep_their_metadata_without_line_breaks() -> None:
    for path in sorted(DEV.glob("*.txt")):
        lined = analyse_text(path.read_text(encoding="utf-8"), str(path))[0]
        runon = analyse_text(_runon(path.read_text(encoding="utf-8")), str(path))
        assert len(runon) == 1, path
        got = runon[0]
        assert (got.title, got.kind, got.level, got.year, got.place) == (
            lined.title, lined.kind, lined.level, lined.year, lined.place), path


CHROME_HEADS = [
    # toolbar words one per line, then title, subtitle, 来源, speaker
    ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年某省政府工作报告\n"
     "——2026年1月25日在某省第十四届人民代表大会第四次会议上\n来源：某省日报\n省长 王某某\n各位代表：\n",
     "2026年某省政府工作报告", "2026年1月25日在某省第十四届人民代表大会第四次会议上", "省长 王某某", "2026-01-25"),
    # breadcrumb steps and a 分享 button
    ("分享:\n首页\n>\n政务公开\n>\n通知公告\n关于印发某市健康城市建设行动方案的通知\n时间：2024-03-02 09:20\n"
     "各区县人民政府，市政府各部门：\n现将《某市健康城市建设行动方案》印发给你们，请认真贯彻落实。\n",
     "关于印发某市健康城市建设行动方案的通知", None, None, "2024-03-02"),
    # a web page printed to PDF: the site's navigation bar comes first
    ("关怀版\n繁\nEN\n无障碍\n首页\n政策文件\n某省卫生健康委员会关于加强基层医疗卫生服务能力建设的实施意见\n"
     "发布日期：2025-06-18\n各市卫生健康委：\n为加强基层医疗卫生服务能力建设，提出以下意见。\n",
     "某省卫生健康委员会关于加强基层医疗卫生服务能力建设的实施意见", None, None, "2025-06-18"),
    # an attachment label and a 文号 line before the title
    ("附件2\n某县2024年家庭医生签约服务工作方案\n为做好家庭医生签约服务工作，制定本方案。\n一、工作目标\n",
     "某县2024年家庭医生签约服务工作方案", None, None, None),
    ("某卫发〔2024〕12号\n某市卫生健康委员会关于开展2024年爱国卫生月活动的通知\n各区卫生健康局：\n",
     "某市卫生健康委员会关于开展2024年爱国卫生月活动的通知", None, None, None),
    # a title wrapped inside its book-title marks
    ("某省人民政府办公厅关于印发《某省推进紧密型县域医疗\n卫生共同体建设实施方案》的通知\n各市、县人民政府：\n",
     "某省人民政府办公厅关于印发《某省推进紧密型县域医疗卫生共同体建设实施方案》的通知", None, None, None),
]


@pytest.mark.parametrize("text,title,subtitle,speaker,date", CHROME_HEADS)
def test_meta_title_after_site_chrome(text: str, title: str, subtitle: str | None, speaker: str | None,
                                      date: str | None) -> None:
    doc = analyse_text(text)[0]
    assert (doc.title, doc.subtitle, doc.speaker, doc.date) == (title, subtitle, speaker, date)
    raw = doc.source.text[doc.title_start : doc.title_end]
    assert re.sub(r"\s*\n\s*", "", raw) == doc.title  # verbatim, a wrapped title without its break


@pytest.mark.parametrize("text,title,subtitle,speaker,date", CHROME_HEADS[:2])
def test_meta_title_after_site_chrome_without_line_breaks(text: str, title: str, subtitle: str | None,
                                                           speaker: str | None, date: str | None) -> None:
    doc = analyse_text(_runon(text))[0]
    assert (doc.title, doc.subtitle) == (title, subtitle)


@pytest.mark.parametrize(
    "title,kind",
    [
        ("2026年某省政府工作报告", DocKind.REPORT),
        ("某市卫生健康委2024年度重点工作任务清单", DocKind.LIST),
        ("某区卫生健康系统部门职责清单", DocKind.LIST),
        ("某省卫生健康委新闻发布会实录", DocKind.TRANSCRIPT),
        ("《某市健康城市建设行动方案》政策解读", DocKind.INTERPRETATION),
        ("某省深化医药卫生体制改革2024年重点工作任务", DocKind.PLAN),
        ("健康某省行动（2020—2030年）", DocKind.PLAN),
        ("关于印发某市医疗卫生服务体系规划的通知", DocKind.NOTICE),
        ("关于进一步加强乡村医生队伍建设的实施意见", DocKind.OPINION),
        ("某县卫生健康局2023年工作总结", DocKind.SUMMARY),
    ],
)
def test_meta_kind_from_title(title: str, kind: DocKind) -> None:
    assert analyse_text(f"{title}\n为做好工作，制定本文。\n一、总体要求\n")[0].kind is kind


@pytest.mark.parametrize(
    "title,name,code,level",
    [
        ("2026年北京市政府工作报告", "北京市", "110000", AdminLevel.PROVINCE),
        ("上海市卫生健康委员会关于做好2024年基本公共卫生服务工作的通知", "上海市", "310000", AdminLevel.PROVINCE),
        ("2026年广西壮族自治区政府工作报告", "广西壮族自治区", "450000", AdminLevel.PROVINCE),
        ("西藏自治区卫生健康委2025年工作要点", "西藏自治区", "540000", AdminLevel.PROVINCE),
        ("义乌市卫生健康局2023年工作总结", "义乌市", "330782", AdminLevel.COUNTY),
        ("长阳土家族自治县2024年卫生健康工作要点", "长阳土家族自治县", "420528", AdminLevel.COUNTY),
        ("恩施州卫生健康委关于印发2024年工作要点的通知", "恩施土家族苗族自治州", "422800", AdminLevel.CITY),
        ("浙江省卫生健康委员会2023年工作总结", "浙江省", "330000", AdminLevel.PROVINCE),
        ("北京市朝阳区卫生健康委2024年工作计划", "朝阳区", "110105", AdminLevel.DISTRICT),
    ],
)
def test_meta_place_from_the_gazetteer(title: str, name: str, code: str, level: AdminLevel) -> None:
    doc = analyse_text(f"{title}\n为做好工作，制定本文。\n一、总体要求\n")[0]
    assert doc.place is not None
    assert (doc.place.name, doc.place.code, doc.level) == (name, code, level)


NOTICE_WITH_PLAN_AND_ATTACHMENTS = """某省卫生健康委员会关于印发《某省基层卫生服务能力提升行动方案》的通知
某卫基层发〔2024〕8号
各市卫生健康委：
现将《某省基层卫生服务能力提升行动方案》印发给你们，请结合实际认真贯彻落实。
附件：1.重点任务分工表
2.工作进度安排表
某省卫生健康委员会
2024年3月5日
某省基层卫生服务能力提升行动方案
为提升基层卫生服务能力，结合我省实际，制定本方案。
一、总体要求
（一）指导思想。以习近平新时代中国特色社会主义思想为指导，坚持以人民健康为中心。
二、重点任务
（一）加强基层人才队伍建设。每个乡镇卫生院至少配备1名公共卫生医师。
附件1
重点任务分工表
序号\t任务\t牵头单位
1\t加强基层人才队伍建设\t省卫生健康委
附件2
工作进度安排表
2024年6月底前，各市制定实施方案，全面启动各项工作。
"""


def test_meta_notice_issues_its_plan_and_attachments_are_documents() -> None:
    docs = analyse_text(NOTICE_WITH_PLAN_AND_ATTACHMENTS)
    assert [(d.title, d.kind, d.parent) for d in docs] == [
        ("某省卫生健康委员会关于印发《某省基层卫生服务能力提升行动方案》的通知", DocKind.NOTICE, None),
        ("某省基层卫生服务能力提升行动方案", DocKind.PLAN, 0),
        ("重点任务分工表", DocKind.LIST, 0),  # the notice's 附件：list names them: they are its attachments
        ("工作进度安排表", DocKind.LIST, 0),
    ]
    notice = docs[0]
    assert (notice.doc_number, notice.date, notice.issuer) == ("某卫基层发〔2024〕8号", "2024-03-05", "某省卫生健康委员会")
    assert [s.label for s in docs[1].sections] == ["一、", "二、"]
    # the plan and the attachments were issued with the notice: its year and date are theirs
    assert [(d.year, d.date) for d in docs] == [(2024, "2024-03-05")] * 4


def test_meta_notice_and_plan_split_without_line_breaks() -> None:
    docs = analyse_text(_runon(NOTICE_WITH_PLAN_AND_ATTACHMENTS))
    assert [(d.title, d.parent) for d in docs][:2] == [
        ("某省卫生健康委员会关于印发《某省基层卫生服务能力提升行动方案》的通知", None),
        ("某省基层卫生服务能力提升行动方案", 0),
    ]


# ---- real web pages: metadata blocks, traditional characters, citations ---------------------------

METADATA_BLOCK = """• 设为首页|
• 加入收藏|
您现在所在的位置: 网站首页> 市卫健委> 政策文件
索引号: 11341700003245/202403-00012 组配分类: 政策文件
发布机构: 某州市卫生健康委员会 主题分类: 卫生、体育
名称: 关于开展2024年基层卫生服务能力提升行动的通知 文号:
发布日期: 2024-03-12
关于开展2024年基层卫生服务能力提升行动的通知
发布时间:2024-03-12 16:21 来源:某州市卫生健康委员会 浏览次数:
各县（市、区）卫生健康委：
为提升基层卫生服务能力，现就有关事项通知如下。
一、工作目标
到2024年底，基层首诊率明显提高。
"""


def test_meta_page_metadata_block_gives_title_issuer_and_date() -> None:
    (doc,) = analyse_text(METADATA_BLOCK)
    assert (doc.title, doc.kind, doc.date, doc.issuer) == (
        "关于开展2024年基层卫生服务能力提升行动的通知", DocKind.NOTICE, "2024-03-12", "某州市卫生健康委员会")


TRADITIONAL = """長春市人民政府關於印發健康長春行動實施方案的通知
• 中文名:長春市人民政府關於印發健康長春行動實施方案的通知
• 頒布時間:2021年4月6日
• 發文字號:長府發〔2021〕7號
各縣（市、區）人民政府，市政府各委辦局：
現將《健康長春行動實施方案》印發給你們，請認真貫徹執行。
一、總體要求
"""


def test_meta_traditional_characters_are_read_and_titles_stay_as_written() -> None:
    (doc,) = analyse_text(TRADITIONAL)
    assert doc.title == "長春市人民政府關於印發健康長春行動實施方案的通知"
    assert (doc.kind, doc.level, doc.doc_number, doc.date) == (DocKind.NOTICE, AdminLevel.CITY, "长府发〔2021〕7号",
                                                               "2021-04-06")
    assert doc.place is not None and doc.place.code == "220100"


CITED_NUMBER = """某区人民政府办公室关于印发健康某区行动实施方案的通知
某府办发〔2021〕6号
各街道办事处，区政府各部门：
现将《健康某区行动实施方案》印发给你们，请认真组织实施。
某区人民政府办公室
2021年2月22日
（此件公开发布）
健康某区行动实施方案
为贯彻落实《国务院关于实施健康中国行动的意见》（国发〔2019〕13号）精神，制定本方案。
一、总体目标
到2022年，健康促进政策体系基本建立。
"""


def test_meta_a_cited_number_is_not_the_documents_own() -> None:
    notice, plan = analyse_text(CITED_NUMBER)
    assert (notice.doc_number, plan.doc_number, plan.parent, plan.date) == ("某府办发〔2021〕6号", None, 0, "2021-02-22")


def test_meta_notice_and_plan_split_after_a_publication_note_without_line_breaks() -> None:
    _notice, plan = analyse_text(_runon(CITED_NUMBER))
    assert (plan.title, plan.parent, [s.title for s in plan.sections]) == ("健康某区行动实施方案", 0, ["总体目标"])


@pytest.mark.parametrize(
    "text,title",
    [
        # no title line: a body sentence, or a title cited in it, is no title
        ("根据市政府办公厅《关于认真做好2023年度绩效考评工作的通知》要求，我们重点对照履职清单梳理任务。\n"
         "一、总体情况\n2023年，全市卫生健康工作取得新成效。\n", ""),
        ("我们将坚定不移贯彻落实党的二十届四中全会精神和“十五五”规划纲要\n各位代表：\n", ""),
        # a title whose genre wrapped onto the next line, across a blank line
        ("某市改革完善医疗卫生行业综合监管制度\n\n实施方案\n为加强综合监管，制定本方案。\n一、总体目标\n",
         "某市改革完善医疗卫生行业综合监管制度实施方案"),
        # a leading 文号 is not part of the title
        ("某府办发〔2021〕6号 某区人民政府办公室关于印发健康某区行动实施方案的通知\n各街道：\n",
         "某区人民政府办公室关于印发健康某区行动实施方案的通知"),
    ],
)
def test_meta_what_is_no_title(text: str, title: str) -> None:
    assert analyse_text(text)[0].title == title


@pytest.mark.parametrize(
    "text,title",
    [
        ("关闭国家卫生健康委员会2024年4月18日新闻发布会文字实录主持人：各位媒体朋友，大家下午好。",
         "国家卫生健康委员会2024年4月18日新闻发布会文字实录"),
        ("打印海南省人均预期寿命突破80岁新闻发布会实录（2024年9月2日）今天，我们召开新闻发布会。",
         "海南省人均预期寿命突破80岁新闻发布会实录"),  # the date the page appends is the date, not title
        ("卫生防疫公文市卫生健康委2024年工作思路市卫生健康委2024年工作思路市卫生健康委2024年工作思路"
         "1.全面落实健康优先战略。", "市卫生健康委2024年工作思路"),
    ],
)
def test_meta_runon_titles_without_toolbar_words_or_repeats(text: str, title: str) -> None:
    doc = analyse_text(text)[0]
    assert doc.title == title
    if "（2024年9月2日）" in text:
        assert doc.date == "2024-09-02"


RED_HEADER = """某市卫生健康委员会文件
某卫发〔2024〕15号
某市卫生健康委员会关于印发《某市2024年
基层卫生健康工作要点》的通知
各区县卫生健康局，委直属各单位：
现将《某市2024年基层卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。
附件：某市2024年基层卫生健康工作要点任务分工表
某市卫生健康委员会
2024年3月8日
（此件主动公开）
某市2024年基层卫生健康工作要点
2024年全市基层卫生健康工作的总体要求是：坚持以人民健康为中心。
一、加强基层医疗卫生服务体系建设
（一）推进紧密型县域医共体建设。年底前实现县域全覆盖。
二、提升基层医疗卫生服务能力
附件
某市2024年基层卫生健康工作要点任务分工表
序号\t重点任务\t牵头单位
1\t推进紧密型县域医共体建设\t基层卫生处
"""


def test_meta_red_header_notice_its_plan_and_the_attachment_it_lists() -> None:
    """The masthead (某市卫生健康委员会文件) is no title; the title wraps inside its 《》; 附件：X in the
    notice lists the attachment, the attachment itself starts at 附件 alone on its line."""
    docs = analyse_text(RED_HEADER)
    assert [(d.title, d.kind, d.parent) for d in docs] == [
        ("某市卫生健康委员会关于印发《某市2024年基层卫生健康工作要点》的通知", DocKind.NOTICE, None),
        ("某市2024年基层卫生健康工作要点", DocKind.PLAN, 0),
        ("某市2024年基层卫生健康工作要点任务分工表", DocKind.LIST, 0),
    ]
    assert (docs[0].doc_number, docs[0].date, docs[0].issuer) == ("某卫发〔2024〕15号", "2024-03-08", "某市卫生健康委员会")
