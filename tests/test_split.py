"""Splitting files into documents, and each document's metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hwgraph.pipeline import analyse_text
from hwgraph.types import AdminLevel, DocKind

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold"

NOTICE = """某市卫生健康委员会关于印发2024年全市卫生健康工作要点的通知
某卫发〔2024〕3号
各区县卫生健康局，委机关各处室：
现将《2024年全市卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。
某市卫生健康委员会
2024年1月10日
2024年全市卫生健康工作要点
2024年，全市卫生健康工作的总体要求是：坚持以人民健康为中心。
一、加强公共卫生体系建设
（一）完善疾控体系。推进疾控机构改革。
"""


def test_split_notice_and_the_plan_it_issues() -> None:
    notice, plan = analyse_text(NOTICE)
    assert (notice.title, notice.kind, notice.issuer, notice.doc_number) == (
        "某市卫生健康委员会关于印发2024年全市卫生健康工作要点的通知",
        DocKind.NOTICE,
        "某市卫生健康委员会",
        "某卫发〔2024〕3号",
    )
    assert (plan.title, plan.kind, plan.level, plan.year) == ("2024年全市卫生健康工作要点", DocKind.PLAN, AdminLevel.CITY, 2024)
    assert [s.label for s in plan.sections] == ["一、"] and notice.sections == ()


COMPILATION = """某某工作要点（精选3篇）
第一篇：2024年全区卫生健康工作要点
2024年全区卫生健康工作要点精选范文
2024年，全区卫生健康工作总体要求是：坚持以人民健康为中心，推进健康建设。
一、全面加强党的建设
（一）加强组织建设。内容。
第二篇：全县2024年卫生健康工作要点
全县2024年卫生健康工作要点
2024年全县卫生健康工作的总体要求是：以改革创新为根本动力，加快推进健康建设。
一、加快构建强大公共卫生体系
1.抓好疫情防控。内容。
2024年全市卫生健康工作要点
2024年，全市卫生健康工作的总体思路是：坚持以人民为中心的发展思想，推动高质量发展。
一、聚焦科学精准
1、强化组织体系。内容。
"""


def test_split_compilation_with_a_lost_label() -> None:
    docs = analyse_text(COMPILATION)
    assert [(d.title, d.level) for d in docs] == [
        ("2024年全区卫生健康工作要点", AdminLevel.DISTRICT),
        ("全县2024年卫生健康工作要点", AdminLevel.COUNTY),
        ("2024年全市卫生健康工作要点", AdminLevel.CITY),
    ]
    assert [len(d.sections) for d in docs] == [1, 1, 1]


@pytest.mark.parametrize(
    "title,kind,level",
    [
        ("2022年省卫生健康委工作总结", DocKind.SUMMARY, AdminLevel.PROVINCE),
        ("区卫生健康局关于2022年上半年工作总结和下半年工作计划", DocKind.SUMMARY, AdminLevel.DISTRICT),
        ("海盐县2024年卫生健康工作要点", DocKind.PLAN, AdminLevel.COUNTY),
        ("2024年政府工作报告", DocKind.REPORT, AdminLevel.UNKNOWN),
        ("国务院办公厅关于推动公立医院高质量发展的意见", DocKind.OPINION, AdminLevel.NATIONAL),
        ("某省人民政府办公厅关于印发健康某省行动实施方案的通知", DocKind.NOTICE, AdminLevel.PROVINCE),
        ("某镇2023年卫生健康工作计划", DocKind.PLAN, AdminLevel.TOWNSHIP),
        ("推进县域医共体建设实施方案", DocKind.PLAN, AdminLevel.UNKNOWN),
    ],
)
def test_split_kind_and_level_from_title(title: str, kind: DocKind, level: AdminLevel) -> None:
    doc = analyse_text(f"{title}\n为做好工作，制定本文。\n一、总体要求\n")[0]
    assert (doc.title, doc.kind, doc.level) == (title, kind, level)


def test_split_level_from_body_when_title_has_none() -> None:
    doc = analyse_text("卫生健康局2022年工作总结\n2022年，全区卫生健康系统在区委、区政府的正确领导下，圆满完成任务。\n")[0]
    assert doc.level is AdminLevel.DISTRICT


def test_split_title_suffixes_and_run_on_title() -> None:
    doc = analyse_text("某区卫生健康局2022年工作总结范文.docx\n正文。")[0]
    assert doc.title == "某区卫生健康局2022年工作总结"
    doc = analyse_text("2022年省卫生健康委工作总结范文xxxx年,全省卫生健康系统深入学习。一、着力精准施策,抓好防控。")[0]
    assert (doc.title, doc.year) == ("2022年省卫生健康委工作总结", 2022)


def test_split_sample_corpus_matches_gold_metadata(corpus_documents: list) -> None:
    gold_file = GOLD / "structure.json"
    if not gold_file.exists():
        pytest.skip("../shared/gold is not beside this checkout")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    got: dict[str, list] = {}
    for d in corpus_documents:
        got.setdefault(Path(d.source.path).name, []).append(d)
    assert set(got) == {p.name for p in CORPUS.glob("*.txt")}
    for name, gdocs in gold.items():
        assert [(d.title, d.year, d.kind.value, d.level.value) for d in got[name]] == [
            (g["title"], g["year"], g["kind"], g["level"]) for g in gdocs
        ]
        for d, g in zip(got[name], gdocs, strict=True):
            assert d.truncated == g.get("truncated", False)
            assert d.has_toc == g.get("has_toc", False)


COMPILATION_WITH_CONTENTS = """某区卫生健康局2023年工作总结汇编（3篇）目录
1.某区卫生健康局2023年工作总结和2024年工作计划2
2.某县卫生健康局2023年度依法行政工作总结10
3.某县卫生健康局2023年工作总结及2024年工作思路16
某区卫生健康局2023年工作总结和2024年工作计划
2023年，我局深入学习贯彻党的二十大精神，扎实推进各项工作。
一、工作总结
（一）医院建设全面提速。开工医院建设项目5个。
二、2024年工作计划
（一）推进医院建设。加快项目进度。
某县卫生健康局2023年度依法行政工作总结
2023年，我局坚持依法行政，规范执法行为。
一、主要做法
（一）健全制度。完善行政执法公示制度。
某县卫生健康局2023年工作总结及2024年工作思路
2023年，全县卫生健康工作取得新进展。
一、2023年工作总结
（一）公共卫生。完成接种任务。
"""


def test_split_compilation_by_its_table_of_contents() -> None:
    docs = analyse_text(COMPILATION_WITH_CONTENTS)
    assert [d.title for d in docs] == [
        "某区卫生健康局2023年工作总结和2024年工作计划",
        "某县卫生健康局2023年度依法行政工作总结",
        "某县卫生健康局2023年工作总结及2024年工作思路",
    ]
    assert [[s.title for s in d.sections] for d in docs] == [
        ["工作总结", "2024年工作计划"], ["主要做法"], ["2023年工作总结"]]
