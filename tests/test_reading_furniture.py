"""Page furniture of paged text (PDF): running headers and footers and the form feeds go, recorded."""

from __future__ import annotations

import pytest

from hwgraph.clean import clean
from hwgraph.types import RemovalKind, Source, SourceFormat


def _clean(text: str):
    return clean(Source("t.pdf", text, "pdf", SourceFormat.PDF))


def _paged(pages: list[list[str]], header: str | None, footer: str | None) -> str:
    """Pages as the PDF reader joins them ("\\n\\f"), with a running header and footer ({n}, {total})."""
    out = []
    for n, body in enumerate(pages, 1):
        lines = []
        if header:
            lines.append(header.format(n=n, total=len(pages)))
        lines += body
        if footer:
            lines.append(footer.format(n=n, total=len(pages)))
        out.append("\n".join(lines))
    return "\n\f".join(out)


PAGES = [
    ["2024年卫生健康工作要点", "一、加强党的建设", "（一）落实全面从严治党主体责任。严格执行“三会一课”制度，开展主题党日活动，推进党支部标准化规范"],
    ["化建设。", "（二）加强干部队伍建设。", "二、深化医药卫生体制改革"],
    ["（一）推进紧密型县域医共体建设。", "三、提升公共卫生服务能力"],
]
BODY = (
    "2024年卫生健康工作要点\n一、加强党的建设\n"
    "（一）落实全面从严治党主体责任。严格执行“三会一课”制度，开展主题党日活动，推进党支部标准化规范化建设。\n"
    "（二）加强干部队伍建设。\n二、深化医药卫生体制改革\n（一）推进紧密型县域医共体建设。\n三、提升公共卫生服务能力"
)


@pytest.mark.parametrize(
    "header,footer",
    [
        ("11/29/26, 3:07 PM 2024年卫生健康工作要点", "https://wsjkw.example.gov.cn/zwgk/2024/t1.html {n}/{total}"),
        (None, "- {n} -"),
        ("某县卫生健康局文件", "第 {n} 页 共 {total} 页"),
        (None, None),
    ],
)
def test_reading_furniture_removed_and_page_joined(header: str | None, footer: str | None) -> None:
    text = _paged(PAGES, header, footer)
    c = _clean(text)
    assert c.text == BODY
    assert all(r.kind is RemovalKind.PAGE_MARKER for r in c.removals)
    assert "".join(r.text for r in c.removals).count("\f") == len(PAGES) - 1  # nothing lost silently
    for r in c.removals:
        assert text[r.start : r.end] == r.text


@pytest.mark.parametrize(
    "last_line,joined",
    [
        ("（一）落实全面从严治党主体责任。严格执行“三会一课”制度，开展主题党日活动，推进党支部标准化规范", True),
        ("（一）落实全面从严治党主体责任。", False),  # the page ends a sentence
        ("（九）推动减污降碳扩绿协同增效，建设人与自然和谐共生的美丽城市", False),  # a bare numbered heading
        ("附件", False),  # a short line
    ],
)
def test_reading_furniture_joins_only_a_paragraph_cut_by_the_page(last_line: str, joined: bool) -> None:
    text = _paged([["一、总体要求", last_line], ["化建设。", "二、重点任务"]], "某县卫生健康局", "{n}/{total}")
    c = _clean(text)
    assert (last_line + "化建设。" in c.text) is joined
    assert (last_line + "\n化建设。" in c.text) is not joined


def test_reading_furniture_keeps_lines_that_do_not_repeat() -> None:
    # one page: nothing can be told apart as furniture; a text without form feeds is left alone
    text = "2024年卫生健康工作要点\n一、加强党的建设\n1/1"
    assert _clean(text).text == "2024年卫生健康工作要点\n一、加强党的建设\n"
    text = "一、加强党的建设\n（一）落实责任。\n一、加强党的建设\n"  # a repeated line, but no pages
    assert _clean(text).text == text
