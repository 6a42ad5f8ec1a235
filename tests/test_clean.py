"""Cleaning: every kind of boilerplate is removed, recorded, and offsets map back to the source."""

from __future__ import annotations

import pytest

from hwgraph.clean import clean
from hwgraph.types import RemovalKind, Source, SourceFormat


def _clean(text: str):
    return clean(Source("t.txt", text, "utf-8", SourceFormat.TXT))


@pytest.mark.parametrize(
    "text,kind,removed",
    [
        ("您的位置:某文秘网>>卫生/工作总结/>>正文\n正文第一句。", RemovalKind.BANNER, "您的位置:某文秘网>>卫生/工作总结/>>正文\n"),
        ("某词库 / www.example.com\n正文第一句。", RemovalKind.BANNER, "某词库 / www.example.com\n"),
        ("发表时间:2024/1/8 18:37:59\n正文。", RemovalKind.META, "发表时间:2024/1/8 18:37:59\n"),
        ("来源：网络  作者：某人  更新时间：2024-10-30\n正文。", RemovalKind.META, "来源：网络  作者：某人  更新时间：2024-10-30\n"),
        ("[bookmark: _Toc1]2024年工作要点\n正文。", RemovalKind.BOOKMARK, "[bookmark: _Toc1]"),
        ("【打印】【关闭】【字号：大 中 小】\n正文。", RemovalKind.TOOLBAR, "【打印】【关闭】【字号：大 中 小】\n"),
        (
            "为深化改革促进\n……(某网http://www.example.cn省略723字,正式会员可完整阅读)…… \n疗对口支援。",
            RemovalKind.TRUNCATION,
            "……(某网http://www.example.cn省略723字,正式会员可完整阅读)…… ",
        ),
        (
            "通风空调系统 ……(未完,全文共5780字,当前仅显示2029字,请阅读下面提示信息。收藏《某总结》",
            RemovalKind.TRUNCATION,
            "……(未完,全文共5780字,当前仅显示2029字,请阅读下面提示信息。收藏《某总结》",
        ),
        (
            "正文最后一句。\n- 配套讲稿:\n如PPT文件的首页显示word图标。\n- 关 键 词:\n- 卫生 健康",
            RemovalKind.AD_BLOCK,
            "\n- 配套讲稿:\n如PPT文件的首页显示word图标。\n- 关 键 词:\n- 卫生 健康",
        ),
        (
            "第一篇：工作要点2024年，全区工作总体要求是：坚持...\n第一篇：工作要点\n2024年，全区工作总体要求是：坚持人民至上。",
            RemovalKind.PREVIEW,
            "第一篇：工作要点2024年，全区工作总体要求是：坚持...\n",
        ),
        ("正文第一页内容。\n- 3 -\n第二页内容。", RemovalKind.PAGE_MARKER, "- 3 -\n"),
    ],
)
def test_clean_removes_and_records(text: str, kind: RemovalKind, removed: str) -> None:
    c = _clean(text)
    assert [(r.kind, r.text) for r in c.removals] == [(kind, removed)]
    r = c.removals[0]
    assert text[r.start : r.end] == removed
    assert len(c.text) + len(removed) == len(text)  # nothing else was lost


@pytest.mark.parametrize(
    "text",
    [
        "一、加强党建\n（一）落实制度。访问量统计纳入考核，打印材料归档。\n",  # toolbar words inside prose
        "关于印发《工作要点》的通知（见www.example.gov.cn公告栏），请各单位认真贯彻执行并按时报送。\n",
        "2.推进医联体建设。\n3.加强人才培养。\n",  # a real list is not a page marker
    ],
)
def test_clean_keeps_prose(text: str) -> None:
    assert _clean(text).text == text


def test_clean_gap_records_missing_characters() -> None:
    c = _clean("前文\n……(某网省略723字,正式会员可完整阅读)……\n后文。\n收藏(未完,全文共5780字,当前仅显示2029字)")
    assert [g.missing_chars for g in c.gaps] == [723, 3751]
    assert len(c.gap_positions) == 2


DOCX_PAGES = (
    "某区卫生健康局2022年上半年工作总结\n"
    "1、一、上半年工作情况(一)抓好疫情防控。一是做好与病毒长期斗争的打算,落实联防联控机制要求,持之以恒抓实常态化防控。二是做好*绿地康养居\n"
    "2、酒店隔离点防控管理。落实好集中隔离场所的消毒隔离、工作流程和人员管理,严格落实各项防控措施要求,确保安全。三\n"
    "3、是完成新冠疫苗接种任务。配齐配强人手,落实岗前培训,严守接种工作规范,强化医疗救治保障,优化接种便民服务流程,保质(二)持续\n"
    "4、深化公立医院综合改革。一是调整领导小组。"
)


def test_clean_docx_page_markers_join_cut_words() -> None:
    c = _clean(DOCX_PAGES)
    assert [r.text for r in c.removals if r.kind is RemovalKind.PAGE_MARKER] == ["1、", "\n2、", "\n3、", "\n4、"]
    assert "康养居酒店隔离点" in c.text and "三是完成" in c.text and "(二)持续深化" in c.text
    # offsets of the cleaned text map back to the same characters of the source
    i = c.text.index("酒店")
    s, e = c.span(i, i + 2)
    assert DOCX_PAGES[s:e] == "酒店"
