"""Word's automatic numbering read into the text: the labels Word draws (一、 （一） 1. （1） ①) start
their paragraphs, so the outline is found as if the numbers had been typed by hand.

Each document is made with python-docx and given a hand-written ``word/numbering.xml``; paragraphs
are numbered directly (``w:numPr``) or through their style.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from hwgraph.pipeline import analyse, analyse_text
from hwgraph.reading import read_source
from hwgraph.reading._numbering import format_number
from hwgraph.types import Section

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# the five ranks of a Chinese government document, each level quoting only its own number
GOV = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"),
       ("decimalEnclosedCircle", "%5")]


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def _abstract(aid: int, levels: list[tuple[str, str]] | list[str], extra: str = "") -> str:
    """An abstract list; ``levels`` are ``(numFmt, lvlText)`` pairs or ready ``w:lvl`` strings."""
    body = "".join(lv if isinstance(lv, str) else _lvl(i, *lv) for i, lv in enumerate(levels))
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{extra}{body}</w:abstractNum>'


def _num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def _numbering(*items: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {_NS}>{"".join(items)}</w:numbering>'.encode()


@dataclass(frozen=True)
class P:
    """A paragraph to write: its text, and how it is numbered (directly, or by its style)."""

    text: str
    num: int | None = None
    ilvl: int | None = None
    style: str | None = None


@dataclass(frozen=True)
class Style:
    """A paragraph style to add: its id, the style it is based on, and its own numbering."""

    sid: str
    based_on: str | None = None
    num: int | None = None
    ilvl: int | None = None


def _docx(paras: list[P], numbering: bytes, styles: tuple[Style, ...] = ()) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    for st in styles:
        style = d.styles.add_style(st.sid, WD_STYLE_TYPE.PARAGRAPH)
        if st.based_on:
            style.base_style = d.styles[st.based_on]
        _set_numpr(style.element.get_or_add_pPr(), st.num, st.ilvl)
    for para in paras:
        p = d.add_paragraph(para.text, style=para.style)
        _set_numpr(p._p.get_or_add_pPr(), para.num, para.ilvl)
    out = io.BytesIO()
    d.save(out)
    return _replace_part(out.getvalue(), "word/numbering.xml", numbering)


def _set_numpr(ppr, num: int | None, ilvl: int | None) -> None:
    if num is None and ilvl is None:
        return
    numpr = ppr.get_or_add_numPr()
    if ilvl is not None:
        numpr.get_or_add_ilvl().val = ilvl
    if num is not None:
        numpr.get_or_add_numId().val = num


def _replace_part(package: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item))
    return out.getvalue()


def _break_relationships(package: bytes) -> bytes:
    """A relationship naming no part: Word shrugs it off, python-docx refuses the package."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        rels = z.read("word/_rels/document.xml.rels")
    bad = b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="NULL"/>'
    return _replace_part(package, "word/_rels/document.xml.rels", rels.replace(b"</Relationships>", bad + b"</Relationships>"))


def _read(tmp_path: Path, package: bytes, how: str = "docx") -> str:
    p = tmp_path / "plan.docx"
    p.write_bytes(package if how == "docx" else _break_relationships(package))
    src = read_source(p)
    assert src.encoding == how
    return src.text


def _outline(sections: tuple[Section, ...]) -> list:
    return [(s.label, s.title, s.kind.value, s.ordinal, _outline(s.children)) for s in sections]


# ---- a work plan numbered at five levels -----------------------------------------------------------

PLAN = [
    P("某县卫生健康局2024年工作要点"),
    P("为深入推进健康某县建设，现提出2024年全县卫生健康工作要点如下。"),
    P("加强党的建设", 1, 0),
    P("落实全面从严治党主体责任", 1, 1),
    P("严格执行“三会一课”制度，全年开展主题党日活动12次。", 1, 2),
    P("举办业务培训班4期，培训基层卫生人员300人次。", 1, 2),
    P("加强干部队伍建设", 1, 1),
    P("选派10名业务骨干到省市医院进修。", 1, 2),
    P("深化医药卫生体制改革", 1, 0),
    P("推进紧密型县域医共体建设", 1, 1),
    P("以县人民医院为龙头，整合乡镇卫生院和村卫生室资源。"),
    P("统一人员管理", 1, 2),
    P("人员由医共体统一招聘。", 1, 3),
    P("绩效由医共体统一考核。", 1, 3),
    P("统一药品目录", 1, 2),
    P("完善分级诊疗制度", 1, 1),
    P("县域内就诊率达到90%以上。", 1, 2),
    P("提升公共卫生服务能力", 1, 0),
    P("做好传染病防控", 1, 1),
    P("落实“四早”要求：", 1, 2),
    P("早发现；", 1, 4),
    P("早报告。", 1, 4),
]
PLAN_TYPED = """某县卫生健康局2024年工作要点
为深入推进健康某县建设，现提出2024年全县卫生健康工作要点如下。
一、加强党的建设
（一）落实全面从严治党主体责任
1.严格执行“三会一课”制度，全年开展主题党日活动12次。
2.举办业务培训班4期，培训基层卫生人员300人次。
（二）加强干部队伍建设
1.选派10名业务骨干到省市医院进修。
二、深化医药卫生体制改革
（一）推进紧密型县域医共体建设
以县人民医院为龙头，整合乡镇卫生院和村卫生室资源。
1.统一人员管理
（1）人员由医共体统一招聘。
（2）绩效由医共体统一考核。
2.统一药品目录
（二）完善分级诊疗制度
1.县域内就诊率达到90%以上。
三、提升公共卫生服务能力
（一）做好传染病防控
1.落实“四早”要求：
①早发现；
②早报告。"""


@pytest.mark.parametrize("how", ["docx", "docx-xml"])
def test_reading_docx_numbering_labels_five_levels(tmp_path: Path, how: str) -> None:
    package = _docx(PLAN, _numbering(_abstract(0, GOV), _num(1, 0)))
    assert _read(tmp_path, package, how) == PLAN_TYPED


def test_reading_docx_numbering_outline_as_if_typed(tmp_path: Path) -> None:
    p = tmp_path / "plan.docx"
    p.write_bytes(_docx(PLAN, _numbering(_abstract(0, GOV), _num(1, 0))))
    [result] = analyse([p])
    [doc] = result.documents
    [typed] = analyse_text(PLAN_TYPED)
    assert _outline(doc.sections) == _outline(typed.sections)
    assert [(s.label, s.title) for s in doc.sections] == [
        ("一、", "加强党的建设"), ("二、", "深化医药卫生体制改革"), ("三、", "提升公共卫生服务能力"),
    ]
    assert [(s.label, s.title) for s in doc.sections[1].children] == [
        ("（一）", "推进紧密型县域医共体建设"), ("（二）", "完善分级诊疗制度"),
    ]
    assert [c.label for c in doc.sections[1].children[0].children] == ["1.", "2."]


# ---- restarts and continuation ---------------------------------------------------------------------

_RESTART_AFTER_CHAPTER = _lvl(2, "decimal", "%3.", extra='<w:lvlRestart w:val="1"/>')
_NEVER_RESTART = _lvl(2, "decimal", "%3.", extra='<w:lvlRestart w:val="0"/>')


@pytest.mark.parametrize(
    "numbering,paras,lines",
    [
        pytest.param(
            # Word's "restart at 一": a second instance of the list with a startOverride; the first
            # instance, used again, carries on the count the two share
            _numbering(_abstract(0, GOV[:2]), _num(1, 0),
                       _num(2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')),
            [P("加强组织领导", 1, 0), P("强化督导考核", 1, 0), P("附件：重点任务"), P("完善制度", 2, 0),
             P("明确责任分工", 2, 1), P("抓好宣传引导", 1, 0)],
            ["一、加强组织领导", "二、强化督导考核", "附件：重点任务", "一、完善制度", "（一）明确责任分工",
             "二、抓好宣传引导"],
            id="start-override-restarts-shared-count-continues",
        ),
        pytest.param(
            _numbering(_abstract(0, GOV[:2]), _num(1, 0),
                       _num(2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>')),
            [P("巩固提升", 2, 0), P("统筹推进", 2, 0)],
            ["四、巩固提升", "五、统筹推进"],
            id="start-override-value",
        ),
        pytest.param(
            _numbering(_abstract(0, [_lvl(0, "chineseCounting", "%1、", start=6)]), _num(1, 0)),
            [P("加强作风建设", 1, 0), P("狠抓工作落实", 1, 0)],
            ["六、加强作风建设", "七、狠抓工作落实"],
            id="level-start",
        ),
        pytest.param(
            # items count on through the sections of a chapter and restart at the next chapter
            _numbering(_abstract(0, [*GOV[:2], _RESTART_AFTER_CHAPTER]), _num(1, 0)),
            [P("医疗服务", 1, 0), P("门诊", 1, 1), P("预约诊疗。", 1, 2), P("住院", 1, 1), P("日间手术。", 1, 2),
             P("公共卫生", 1, 0), P("免疫规划", 1, 1), P("接种率达95%。", 1, 2)],
            ["一、医疗服务", "（一）门诊", "1.预约诊疗。", "（二）住院", "2.日间手术。",
             "二、公共卫生", "（一）免疫规划", "1.接种率达95%。"],
            id="lvl-restart-after-chapter",
        ),
        pytest.param(
            _numbering(_abstract(0, [*GOV[:2], _NEVER_RESTART]), _num(1, 0)),
            [P("医疗服务", 1, 0), P("预约诊疗。", 1, 2), P("公共卫生", 1, 0), P("免疫规划。", 1, 2)],
            ["一、医疗服务", "1.预约诊疗。", "二、公共卫生", "2.免疫规划。"],
            id="lvl-restart-never",
        ),
        pytest.param(
            # a list that begins below its first level shows that level's start, and counts on from it
            _numbering(_abstract(0, [("decimal", "%1."), ("decimal", "%1.%2")]), _num(1, 0)),
            [P("总体要求", 1, 1), P("主要任务", 1, 0), P("重点项目", 1, 1)],
            ["1.1 总体要求", "2.主要任务", "2.1 重点项目"],
            id="unused-shallower-level",
        ),
        pytest.param(
            _numbering(_abstract(0, GOV[:2]), _num(1, 0)),
            [P("加强党的建设", 1, 0), P("结束语", 0, 0), P("深化医改", 1, 0), P("保障措施", 7, 0)],
            ["一、加强党的建设", "结束语", "二、深化医改", "保障措施"],
            id="num-id-0-and-unknown-num-id",
        ),
        pytest.param(
            _numbering(_abstract(0, GOV[:2]), _num(1, 0),
                       _abstract(1, [_lvl(0, "bullet", "\uf06c"), _lvl(1, "bullet", "•")]), _num(2, 1)),
            [P("主要任务", 1, 0), P("建设智慧医院；", 2, 0), P("推广电子健康卡。", 2, 1), P("保障措施", 1, 0)],
            ["一、主要任务", "建设智慧医院；", "推广电子健康卡。", "二、保障措施"],
            id="bullets-have-no-label",
        ),
    ],
)
def test_reading_docx_numbering_counts_as_word(tmp_path: Path, numbering: bytes, paras: list[P], lines: list[str]) -> None:
    assert _read(tmp_path, _docx(paras, numbering)).splitlines() == lines


# ---- numbering from paragraph styles ---------------------------------------------------------------

HEADINGS = (
    Style("CnHeading1", "Normal", num=1, ilvl=0),
    Style("CnHeading2", "CnHeading1", ilvl=1),  # the list comes from the style it is based on
    Style("CnHeading3", "Normal", num=1),  # the level comes from the list level naming this style
)


def test_reading_docx_numbering_from_styles(tmp_path: Path) -> None:
    levels = [*GOV[:2], _lvl(2, "decimal", "%3.", extra='<w:pStyle w:val="CnHeading3"/>')]
    paras = [
        P("关于加强基层卫生人才队伍建设的实施意见"),
        P("总体要求", style="CnHeading1"),
        P("指导思想", style="CnHeading2"),
        P("以习近平新时代中国特色社会主义思想为指导。"),
        P("基本原则", style="CnHeading2"),
        P("坚持需求导向。", style="CnHeading3"),
        P("坚持改革创新。", style="CnHeading3"),
        P("重点任务", style="CnHeading1"),
        P("扩大人才供给", style="CnHeading2"),
        P("加大定向培养力度。", style="CnHeading2", ilvl=2),  # demoted by hand: the style's list, level 3
        P("附件", style="CnHeading1", num=0),  # numbering switched off: no label, no count
        P("保障措施", style="CnHeading1"),
    ]
    typed = """关于加强基层卫生人才队伍建设的实施意见
一、总体要求
（一）指导思想
以习近平新时代中国特色社会主义思想为指导。
（二）基本原则
1.坚持需求导向。
2.坚持改革创新。
二、重点任务
（一）扩大人才供给
1.加大定向培养力度。
附件
三、保障措施"""
    package = _docx(paras, _numbering(_abstract(0, levels), _num(1, 0)), HEADINGS)
    assert _read(tmp_path, package) == typed
    assert _read(tmp_path, package, "docx-xml") == typed
    [result] = analyse([tmp_path / "plan.docx"])
    assert _outline(result.documents[0].sections) == _outline(analyse_text(typed)[0].sections)


def test_reading_docx_numbering_in_table_cells(tmp_path: Path) -> None:
    """The 序号 column of a task table is often numbered automatically, with no text of its own."""
    import docx

    d = docx.Document()
    d.add_paragraph("重点任务分工表")
    rows = [("序号", "重点任务", "责任单位"), ("", "推进紧密型县域医共体建设", "医政医管股"), ("", "做好传染病防控", "疾控中心")]
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
        if r:
            _set_numpr(table.cell(r, 0).paragraphs[0]._p.get_or_add_pPr(), 1, 0)
    out = io.BytesIO()
    d.save(out)
    package = _replace_part(out.getvalue(), "word/numbering.xml", _numbering(_abstract(0, [("decimal", "%1")]), _num(1, 0)))
    assert _read(tmp_path, package).splitlines() == [
        "重点任务分工表", "序号\t重点任务\t责任单位", "1\t推进紧密型县域医共体建设\t医政医管股", "2\t做好传染病防控\t疾控中心",
    ]


def test_reading_docx_numbering_part_named_by_relationship(tmp_path: Path) -> None:
    """Without python-docx the numbering part is found through the document's relationships."""
    package = _docx(PLAN[:6], _numbering(_abstract(0, GOV), _num(1, 0)))
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["word/lists/numbering-1.xml"] = parts.pop("word/numbering.xml")
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b'Target="numbering.xml"', b'Target="lists/numbering-1.xml"'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert _read(tmp_path, out.getvalue(), "docx-xml").splitlines()[2:4] == ["一、加强党的建设", "（一）落实全面从严治党主体责任"]


# ---- level texts and number formats ----------------------------------------------------------------


@pytest.mark.parametrize(
    "level,text",
    [
        (_lvl(0, "chineseCounting", "%1、", extra='<w:suff w:val="space"/>'), "一、 总则"),
        (_lvl(0, "chineseCounting", "%1、", extra='<w:suff w:val="nothing"/>'), "一、总则"),
        (_lvl(0, "chineseCountingThousand", "第%1章"), "第一章 总则"),  # a tab after a word is a space
        (_lvl(0, "chineseCounting", "第%1章", extra='<w:suff w:val="nothing"/>'), "第一章总则"),
        (_lvl(0, "ideographTraditional", "%1、"), "甲、总则"),
        (_lvl(0, "decimalEnclosedParen", "%1"), "⑴总则"),
        (_lvl(0, "upperRoman", "%1."), "I.总则"),
        (_lvl(0, "chineseCounting", "%1、", extra='<w:rPr><w:vanish/></w:rPr>'), "总则"),  # hidden label
        (_lvl(0, "chineseCounting", ""), "总则"),
        (_lvl(0, "none", "%1"), "总则"),
        ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:lvlText w:val="%1."/></w:lvl>', "1.总则"),  # decimal by default
        ('<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>', "0.总则"),  # start 0 by default
        (
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
            '<mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl>',
            "001.总则",
        ),
    ],
)
def test_reading_docx_numbering_level_text(tmp_path: Path, level: str, text: str) -> None:
    package = _docx([P("总则", 1, 0)], _numbering(_abstract(0, [level]), _num(1, 0)))
    assert _read(tmp_path, package) == text


def test_reading_docx_numbering_legal_shows_decimal(tmp_path: Path) -> None:
    levels = [("chineseCounting", "第%1章"), _lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")]
    paras = [P("总则", 1, 0), P("目的", 1, 1), P("职责", 1, 0), P("分工", 1, 1), P("协作", 1, 1)]
    assert _read(tmp_path, _docx(paras, _numbering(_abstract(0, levels), _num(1, 0)))).splitlines() == [
        "第一章 总则", "1.1 目的", "第二章 职责", "2.1 分工", "2.2 协作",
    ]


@pytest.mark.parametrize(
    "fmt,numbers,expected",
    [
        ("decimal", [1, 9, 10, 123], ["1", "9", "10", "123"]),
        ("chineseCounting", [1, 9, 10, 11, 19, 20, 21, 99, 100, 105],
         ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "一〇〇", "一〇五"]),
        ("chineseCountingThousand", [10, 11, 20, 21, 100, 101, 110, 111, 1000, 1001, 1010, 2024],
         ["十", "十一", "二十", "二十一", "一百", "一百零一", "一百一十", "一百一十一", "一千", "一千零一", "一千零一十",
          "二千零二十四"]),
        ("taiwaneseCountingThousand", [15, 30], ["十五", "三十"]),
        ("japaneseCounting", [10, 11, 100, 101, 111], ["十", "十一", "百", "百一", "百十一"]),
        ("chineseLegalSimplified", [1, 10, 12, 20, 101], ["壹", "壹拾", "壹拾贰", "贰拾", "壹佰零壹"]),
        ("ideographLegalTraditional", [3, 10], ["參", "壹拾"]),
        ("ideographDigital", [3, 10, 20], ["三", "一〇", "二〇"]),
        ("ideographTraditional", [1, 2, 10, 11], ["甲", "乙", "癸", "11"]),
        ("ideographZodiac", [1, 12, 13], ["子", "亥", "13"]),
        ("ideographZodiacTraditional", [1, 2, 11, 60], ["甲子", "乙丑", "甲戌", "癸亥"]),
        ("ideographEnclosedCircle", [1, 10, 11], ["㊀", "㊉", "11"]),
        ("decimalEnclosedCircle", [1, 10, 20, 21], ["①", "⑩", "⑳", "21"]),
        ("decimalEnclosedCircleChinese", [3], ["③"]),
        ("decimalEnclosedParen", [1, 20], ["⑴", "⒇"]),
        ("decimalEnclosedFullstop", [1, 20], ["⒈", "⒛"]),
        ("decimalFullWidth", [12], ["１２"]),
        ("decimalZero", [3, 12], ["03", "12"]),
        ("upperRoman", [4, 9, 14, 40, 1999], ["IV", "IX", "XIV", "XL", "MCMXCIX"]),
        ("lowerRoman", [3], ["iii"]),
        ("upperLetter", [1, 26, 27, 28], ["A", "Z", "AA", "BB"]),
        ("lowerLetter", [2], ["b"]),
        ("ordinal", [1, 2, 3, 4, 11, 12, 13, 21, 22], ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]),
        ("chicago", [1, 4, 5], ["*", "§", "**"]),
        ("none", [3], [""]),
        # formats we do not draw, and values a format cannot show, keep the number in decimal
        ("koreanCounting", [3], ["3"]),
        ("hebrew1", [3], ["3"]),
        ("chineseCounting", [0, 10000], ["0", "10000"]),
        ("upperRoman", [0], ["0"]),
    ],
)
def test_reading_docx_numbering_format_number(fmt: str, numbers: list[int], expected: list[str]) -> None:
    assert [format_number(n, fmt) for n in numbers] == expected


def test_reading_docx_numbering_skips_tracked_deletion(tmp_path: Path) -> None:
    """A numbered paragraph deleted with track changes is neither shown nor counted."""
    package = _docx([P("加强党的建设", 1, 0), P("深化医改", 1, 0)], _numbering(_abstract(0, GOV[:1]), _num(1, 0)))
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        xml = z.read("word/document.xml").decode()
    tracked = 'w:author="办公室" w:date="2024-01-10T00:00:00Z"'
    deleted = (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="1" {tracked}/>'
        f'</w:rPr></w:pPr><w:del w:id="2" {tracked}><w:r><w:delText>强化作风建设</w:delText></w:r></w:del></w:p>'
    )
    first_end = xml.index("</w:p>", xml.index("加强党的建设")) + len("</w:p>")
    package = _replace_part(package, "word/document.xml", (xml[:first_end] + deleted + xml[first_end:]).encode())
    assert [ln for ln in _read(tmp_path, package).splitlines() if ln] == ["一、加强党的建设", "二、深化医改"]


def test_reading_docx_numbering_text_box_counts_on_its_own(tmp_path: Path) -> None:
    """A text box is a story of its own: its list does not advance the body's (as Open-XML-PowerTools
    counts them), and its lines follow the paragraph that anchors it."""
    package = _docx([P("加强党的建设", 1, 0), P("深化医改", 1, 0)], _numbering(_abstract(0, GOV[:1]), _num(1, 0)))
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        xml = z.read("word/document.xml").decode()
    box = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>'
                  for t in ("专栏一", "专栏二"))
    anchor = (f'<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>{box}'
              "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    end = xml.index("</w:p>", xml.index("加强党的建设"))
    package = _replace_part(package, "word/document.xml", (xml[:end] + anchor + xml[end:]).encode())
    assert _read(tmp_path, package).splitlines() == ["一、加强党的建设", "一、专栏一", "二、专栏二", "二、深化医改"]
