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
