"""Responsibilities: which body leads or joins which task, from duty notes and duty tables.

Excerpts are written in the style of real work plans (（X牵头，Y配合）, 责任单位 lines), duty lists run
together, 部门/职责 and 序号/重点任务/牵头单位/配合单位 tables (tab rows as .docx and .html give them,
`|` rows, a real .docx with merged cells, the legacy .doc of tests/data), traditional copies and
run-on text; the dev corpus and the sample corpus are checked for real things.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hwgraph.entities.organizations import find_organizations
from hwgraph.entities.responsibilities import find_responsibilities
from hwgraph.pipeline import analyse, analyse_source, analyse_text
from hwgraph.reading import read_source
from hwgraph.types import Document, Responsibility, Role, Source, SourceFormat

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"
SAMPLE = ROOT / "corpus"
REAL = Path("/tmp/realdocs")
L, P = Role.LEAD, Role.PARTICIPATE


def _check(r: Responsibility) -> None:
    """Offsets verbatim: the org mention, the task, the assignment inside its document."""
    d: Document = r.document
    src = d.source.text
    assert src[r.org.start : r.org.end] == r.org.name
    if r.section is not None and (r.task_start, r.task_end) == (r.section.title_start, r.section.title_end):
        assert r.task == r.section.title
    else:
        assert src[r.task_start : r.task_end] == r.task
    assert r.task.strip() == r.task and r.task
    assert d.start <= r.start < r.end <= d.end
    assert d.start <= r.task_start < r.task_end <= d.end


def _resps(docs: list[Document]) -> list[Responsibility]:
    out = []
    for d in docs:
        for r in find_responsibilities(d):
            _check(r)
            out.append(r)
    return out


def _triples(text: str) -> list[tuple[str, Role, str]]:
    return [(r.org.name, r.role, r.task) for r in _resps(analyse_text(text))]


# ---- table: excerpt → (body as written, role, task) in text order -------------------------------

PLAN = """2024年健康云南行动工作要点
一、重点任务
（一）加强健康知识普及。开展健康科普活动，提升居民健康素养水平。（省卫生健康委牵头，省教育厅、省民政厅按职责分工负责）
（二）推进医保支付方式改革。全面推行DRG付费。（责任单位：省医保局、省卫生健康委、省财政厅）
（三）完善疾控体系。
1.加强疾控机构建设。（牵头单位：省疾控局；配合单位：省发展改革委、省财政厅）
2.强化传染病监测。推进智慧化预警多点触发机制建设。
责任单位：省疾控局、省卫生健康委
3.提升应急处置能力。
牵头单位：省卫生健康委
配合单位：省应急厅、省消防救援总队
完成时限：2024年12月底
（四）深化医改。推进紧密型县域医共体建设（省卫健委负责）；推进公立医院改革（省卫生健康委、省医保局按职责分工负责）。
"""

PLAN_EXPECTED = [
    ("省卫生健康委", L, "加强健康知识普及"),
    ("省教育厅", P, "加强健康知识普及"),
    ("省民政厅", P, "加强健康知识普及"),
    ("省医保局", L, "推进医保支付方式改革"),  # 责任单位: the first listed leads
    ("省卫生健康委", P, "推进医保支付方式改革"),
    ("省财政厅", P, "推进医保支付方式改革"),
    ("省疾控局", L, "加强疾控机构建设"),
    ("省发展改革委", P, "加强疾控机构建设"),
    ("省财政厅", P, "加强疾控机构建设"),
    ("省疾控局", L, "强化传染病监测"),
    ("省卫生健康委", P, "强化传染病监测"),
    ("省卫生健康委", L, "提升应急处置能力"),
    ("省应急厅", P, "提升应急处置能力"),
    ("省消防救援总队", P, "提升应急处置能力"),
    # two assignments in one section: each takes the sentence before it
    ("省卫健委", L, "推进紧密型县域医共体建设"),
    ("省卫生健康委", P, "推进公立医院改革"),
    ("省医保局", P, "推进公立医院改革"),
]

TABLE = (
    "2024年全省卫生健康重点工作任务分解表\n"
    "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t推进紧密型县域医共体建设\t省卫生健康委\t省医保局、省财政厅\t2024年12月\n"
    "2\t深化医保支付方式改革\t省医保局\t省卫生健康委\t2024年6月\n"
    "\t开展按病种分值付费\t\t省财政厅\t2024年9月\n"  # a merged lead cell keeps the body above
    "3\t加强基层人才队伍建设\t省卫生健康委、省人社厅\t省教育厅、省编办、各州（市）人民政府\t持续推进\n"
)
TABLE_EXPECTED = [
    ("省卫生健康委", L, "推进紧密型县域医共体建设"),
    ("省医保局", P, "推进紧密型县域医共体建设"),
    ("省财政厅", P, "推进紧密型县域医共体建设"),
    ("省医保局", L, "深化医保支付方式改革"),
    ("省卫生健康委", P, "深化医保支付方式改革"),
    ("省医保局", L, "开展按病种分值付费"),
    ("省财政厅", P, "开展按病种分值付费"),
    ("省卫生健康委", L, "加强基层人才队伍建设"),
    ("省人社厅", L, "加强基层人才队伍建设"),
    ("省教育厅", P, "加强基层人才队伍建设"),
    ("省编办", P, "加强基层人才队伍建设"),
]

DUTIES = (
    "某市卫生健康委员会内设机构职责清单\n"
    "部门\t职责\n"
    "医政医管处\t拟订医疗机构、医疗技术应用管理制度并组织实施。\n"
    "\t监督指导医疗质量安全管理。\n"  # a merged 部门 cell: the duty of the unit above
    "疾病预防控制处\t拟订传染病防控规划和免疫规划。\n"
)
DUTIES_EXPECTED = [
    ("医政医管处", L, "拟订医疗机构、医疗技术应用管理制度并组织实施"),
    ("医政医管处", L, "监督指导医疗质量安全管理"),
    ("疾病预防控制处", L, "拟订传染病防控规划和免疫规划"),
]

PIPES = (
    "任务分工\n"
    "| 序号 | 工作任务 | 责任单位 |\n"
    "| 1 | 建设区域医疗中心 | 市卫生健康委、市发展改革委 |\n"
    "| 2 | 完善公共卫生体系 | 市疾控局、市卫生健康委 |\n"
)
PIPES_EXPECTED = [
    ("市卫生健康委", L, "建设区域医疗中心"),
    ("市发展改革委", P, "建设区域医疗中心"),
    ("市疾控局", L, "完善公共卫生体系"),
    ("市卫生健康委", P, "完善公共卫生体系"),
]

RUN_ON = (
    "2024年全市卫生健康工作要点 一、重点任务 （一）加强健康知识普及。开展健康科普活动。（市卫生健康委牵头，"
    "市教育局、市民政局按职责分工负责）（二）推进医保支付方式改革。全面推行DRG付费。（责任单位：市医保局、"
    "市卫生健康委）（三）完善疾控体系。牵头单位：市疾控局 配合单位：市发展改革委、市财政局（四）深化医改。"
)
RUN_ON_EXPECTED = [
    ("市卫生健康委", L, "加强健康知识普及"),
    ("市教育局", P, "加强健康知识普及"),
    ("市民政局", P, "加强健康知识普及"),
    ("市医保局", L, "推进医保支付方式改革"),
    ("市卫生健康委", P, "推进医保支付方式改革"),
    ("市疾控局", L, "完善疾控体系"),
    ("市发展改革委", P, "完善疾控体系"),
    ("市财政局", P, "完善疾控体系"),
]

# a duty list whose cells ran together (a web copy of a table): clauses with no brackets
CLAUSES = (
    "重点任务分工清单\n"
    "21树立婚育新风。构建新型婚育文化。省委宣传部、省卫生健康委、省妇联牵头;省总工会、团省委配合;"
    "各州(市)党委和政府落实\n"
    "22完善计划生育特殊家庭扶助制度。省财政厅、省卫生健康委牵头;省优化生育政策工作部门联席会议成员单位配合\n"
)
CLAUSES_EXPECTED = [
    ("省委宣传部", L, "构建新型婚育文化"),
    ("省卫生健康委", L, "构建新型婚育文化"),
    ("省妇联", L, "构建新型婚育文化"),
    ("省总工会", P, "构建新型婚育文化"),
    ("团省委", P, "构建新型婚育文化"),
    ("省财政厅", L, "完善计划生育特殊家庭扶助制度"),
    ("省卫生健康委", L, "完善计划生育特殊家庭扶助制度"),
]

OTHER_CASES = [
    # a parenthetical inside a numbered title: the title up to it
    ("一、主要任务\n1.实施健康知识普及行动（省卫生健康委牵头）。开展健康科普进社区活动。\n",
     [("省卫生健康委", L, "实施健康知识普及行动")]),
    # no section: the sentence before
    ("全面推进控烟工作，开展无烟党政机关建设。（省卫生健康委、省直机关工委负责）",
     [("省卫生健康委", L, "全面推进控烟工作，开展无烟党政机关建设"), ("省直机关工委", L,
      "全面推进控烟工作，开展无烟党政机关建设")]),
    # a bare list of bodies closing an item
    ("（五）加强妇幼健康服务。实施母婴安全行动计划。（省卫生健康委、省妇联）\n",
     [("省卫生健康委", L, "加强妇幼健康服务"), ("省妇联", P, "加强妇幼健康服务")]),
    # a body marked （牵头） inside a 责任单位 list leads, the rest take part
    ("（六）推进智慧医院建设。\n责任单位：省发展改革委、省卫生健康委（牵头）、省大数据局\n",
     [("省发展改革委", P, "推进智慧医院建设"), ("省卫生健康委", L, "推进智慧医院建设"),
      ("省大数据局", P, "推进智慧医院建设")]),
    # square brackets, a 完成时限 inside
    ("（八）推进信息化建设。【责任单位：市卫健委、市医保局；完成时限：2024年底】\n",
     [("市卫健委", L, "推进信息化建设"), ("市医保局", P, "推进信息化建设")]),
    # a document that says the first listed body leads
    ("（九）完善药品供应保障。（国家医保局、国家卫生健康委、国家药监局按职责分工负责，排在第一位的为牵头单位，下同）\n",
     [("国家医保局", L, "完善药品供应保障"), ("国家卫生健康委", P, "完善药品供应保障"),
      ("国家药监局", P, "完善药品供应保障")]),
    # prose: 由X牵头，Y配合 is a chain of clauses
    ("推进健康城市建设，由市爱卫办牵头，市住房城乡建设局配合。",
     [("市爱卫办", L, "推进健康城市建设"), ("市住房城乡建设局", P, "推进健康城市建设")]),
    # collectives in a list are skipped, the list goes on
    ("（七）开展爱国卫生运动。（省爱卫办牵头，各州（市）人民政府、省直有关部门、省住房城乡建设厅配合）\n",
     [("省爱卫办", L, "开展爱国卫生运动"), ("省住房城乡建设厅", P, "开展爱国卫生运动")]),
]


@pytest.mark.parametrize(("text", "expected"), [
    (PLAN, PLAN_EXPECTED),
    (TABLE, TABLE_EXPECTED),
    (DUTIES, DUTIES_EXPECTED),
    (PIPES, PIPES_EXPECTED),
    (RUN_ON, RUN_ON_EXPECTED),
    (CLAUSES, CLAUSES_EXPECTED),
    *OTHER_CASES,
])
def test_responsibilities_table(text: str, expected: list[tuple[str, Role, str]]) -> None:
    assert _triples(text) == expected


def test_traditional_copy() -> None:
    trad = PLAN.translate(str.maketrans("卫头负责单务厅发展农疾强进鉴该应总监测计划卫",
                                        "衛頭負責單務廳發展農疾強進鑒該應總監測計劃衛"))
    got = _triples(trad)
    assert [(r, t) for _, r, t in got] == [(r, t.translate(str.maketrans("卫头负责单务厅发展农疾强进鉴该应总监测计划",
                                                                         "衛頭負責單務廳發展農疾強進鑒該應總監測計劃")))
                                           for _, r, t in PLAN_EXPECTED]
    assert got[0][0] == "省衛生健康委"


# ---- not responsibilities ----------------------------------------------------------------------

NEGATIVES = [
    "支持科技领军企业牵头组建创新联合体，企业牵头比例超过85%。",
    "省卫生健康委负责同志出席会议并讲话，省卫生健康委负责组织实施。",
    "全省二级以上医院（含省人民医院、省中医院）全面开展日间手术。",
    "按照《国家卫生健康委关于印发医疗机构管理条例实施细则的通知》（国卫医发〔2022〕1号）要求。",
    "各部门要按职责分工负责，有关单位要积极配合。",
    "（一）加强组织领导。各地要成立工作专班，明确牵头部门和责任单位。",
    # one clause a comma ends is prose, not a duty list
    "为贯彻落实《健康安徽行动实施方案》,市卫健委牵头,会同市教体局起草了实施方案。",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_responsibilities_negatives(text: str) -> None:
    assert _triples(text) == []


# ---- the record --------------------------------------------------------------------------------


def test_record_fields() -> None:
    docs = analyse_text(PLAN)
    rs = _resps(docs)
    first = rs[0]
    src = docs[0].source.text
    assert src[first.start : first.end] == "（省卫生健康委牵头，省教育厅、省民政厅按职责分工负责）"
    assert first.section is not None and first.section.label == "（一）"
    assert first.org.canonical == "省卫生健康委员会"
    label = next(r for r in rs if r.task == "提升应急处置能力")
    assert src[label.start : label.end].startswith("牵头单位：省卫生健康委")
    assert src[label.start : label.end].endswith("省消防救援总队")
    row = _resps(analyse_text(TABLE))[0]
    assert row.document.source.text[row.start : row.end].startswith("1\t推进紧密型县域医共体建设")


def test_given_organizations_limit_the_assignments() -> None:
    doc = analyse_text(PLAN)[-1]
    orgs = [o for o in find_organizations(doc) if o.canonical != "省卫生健康委员会"]
    rs = find_responsibilities(doc, orgs)
    assert rs and all(r.org in orgs for r in rs)
    assert {r.org.name for r in rs} >= {"省医保局", "省疾控局"}
    assert find_responsibilities(doc, []) == []


def test_a_real_docx_table(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("2024年卫生健康重点任务分工方案")
    rows = [["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
            ["1", "推进医共体建设", "完善医共体章程", "市卫生健康委", "市医保局、市财政局", "2024年底"],
            ["", "", "推行医保总额付费", "", "市医保局", "2024年底"],
            ["2", "加强公共卫生", "建设疾控中心实验室", "市疾控局", "市发展改革委", "2025年"]]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    for col in (0, 1, 3):  # vertically merged cells: Word keeps the text in the first
        t.cell(1, col).merge(t.cell(2, col))
        t.cell(1, col).text = rows[1][col]
    path = tmp_path / "分工.docx"
    d.save(str(path))
    got = [(r.org.name, r.role, r.task) for r in _resps(analyse_source(read_source(path)))]
    assert got == [
        ("市卫生健康委", L, "完善医共体章程"), ("市医保局", P, "完善医共体章程"), ("市财政局", P, "完善医共体章程"),
        ("市卫生健康委", L, "推行医保总额付费"), ("市医保局", P, "推行医保总额付费"),
        ("市疾控局", L, "建设疾控中心实验室"), ("市发展改革委", P, "建设疾控中心实验室"),
    ]


def test_a_pdf_text_layer_table() -> None:
    text = (
        "2024年卫生健康重点工作任务分工\n"
        "序号    重点任务                    牵头单位        配合单位              完成时限\n"
        "1       推进县域医共体建设          省卫生健康委    省医保局、省财政厅    2024年底\n"
        "2       加强公共卫生体系建设        省疾控局        省发展改革委          2025年\n"
    )
    docs = analyse_source(Source("分工.pdf", text, "pdf", SourceFormat.PDF))
    assert [(r.org.name, r.role, r.task) for r in _resps(docs)] == [
        ("省卫生健康委", L, "推进县域医共体建设"), ("省医保局", P, "推进县域医共体建设"),
        ("省财政厅", P, "推进县域医共体建设"), ("省疾控局", L, "加强公共卫生体系建设"),
        ("省发展改革委", P, "加强公共卫生体系建设"),
    ]
    # the same rows in a .txt are prose: runs of spaces make cells only in a PDF text layer
    assert _triples(text) == []


def test_an_html_table_with_a_rowspan(tmp_path: Path) -> None:
    path = tmp_path / "分工.html"
    path.write_text(
        "<html><body><div><h1>2024年全市卫生健康重点任务分工方案</h1><p>为推进重点工作落实，制定本方案。</p>"
        "<table><tr><th>序号</th><th>重点任务</th><th>责任单位</th><th>完成时限</th></tr>"
        "<tr><td rowspan='2'>1</td><td>推进医共体建设</td><td>市卫生健康委、市医保局</td><td>2024年底</td></tr>"
        "<tr><td>完善分级诊疗</td><td>市卫生健康委</td><td>2024年底</td></tr>"
        "<tr><td>2</td><td>加强疾控体系</td><td>市疾控局、市财政局</td><td>2025年</td></tr></table></div></body></html>",
        encoding="utf-8",
    )
    got = [(r.org.name, r.role, r.task) for r in _resps(analyse_source(read_source(path)))]
    assert got == [
        ("市卫生健康委", L, "推进医共体建设"), ("市医保局", P, "推进医共体建设"),
        ("市卫生健康委", L, "完善分级诊疗"),  # a row the rowspan left short, aligned right
        ("市疾控局", L, "加强疾控体系"), ("市财政局", P, "加强疾控体系"),
    ]


def test_the_legacy_doc_duty_table() -> None:
    path = ROOT / "tests" / "data" / "duties-table.doc"
    got = [(r.org.name, r.role, r.task) for r in _resps(analyse_source(read_source(path)))]
    assert got[:2] == [("医政医管处", L, "拟订医疗机构管理制度"), ("医政医管处", L, "监督指导医疗质量安全")]
    assert got[2][:2] == ("疾病预防控制处", L) and got[2][2].startswith("拟订传染病防控规划")


# ---- verbatim offsets (property) ---------------------------------------------------------------

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is a test extra; without it the property is skipped, not lost
    given = None

if given is not None:
    _PIECES = st.sampled_from([
        "省卫生健康委", "省医保局", "市卫健委", "省财政厅", "各州（市）人民政府", "牵头", "配合", "负责", "按职责分工负责",
        "责任单位：", "牵头单位：", "配合单位：", "、", "，", "；", "。", "（", "）", "\n", "\t", " ", "一、", "（一）", "1.",
        "加强医疗", "推进改革", "序号", "重点任务", "部门", "职责", "|", "《", "》",
    ])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(_PIECES, max_size=40).map("".join))
    def test_responsibilities_are_verbatim(text: str) -> None:
        for r in _resps(analyse_text(text)):
            assert r.role in (L, P)
else:

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_responsibilities_are_verbatim() -> None: ...


# ---- real documents ----------------------------------------------------------------------------


@pytest.mark.skipif(not DEV.exists(), reason="../shared/devcorpus is not beside this checkout")
def test_dev_corpus_reports() -> None:
    by_file: dict[str, list[Responsibility]] = {}
    for fr in analyse(sorted(DEV.glob("*.txt"))):
        by_file[Path(fr.path).name] = _resps(list(fr.documents))
    nm = by_file.pop("2026_内蒙古自治区_政府工作报告.txt")
    # the 民生实事 of Inner Mongolia: ten items, each closed by （牵头单位：…）
    assert len({r.start for r in nm}) == 10
    assert all(r.role == L and r.section is not None and r.section.kind.value == "item" for r in nm)
    traffic = [r.org.name for r in nm if r.task.startswith("实施公路安全生命防护工程")]
    assert traffic == ["交通厅", "公安厅", "住建厅"]
    # no other report assigns duties (企业牵头组建创新联合体 is no assignment)
    assert not any(by_file.values())


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample corpus is not in this checkout")
def test_sample_corpus_has_no_duty_notes() -> None:
    assert _resps([d for fr in analyse(sorted(SAMPLE.glob("*.txt"))) for d in fr.documents]) == []


@pytest.mark.skipif(not (REAL / "21_task_split.txt").exists(), reason="/tmp/realdocs is absent")
def test_real_task_split() -> None:
    rs = _resps([d for fr in analyse([REAL / "21_task_split.txt"]) for d in fr.documents])
    leads = [r for r in rs if r.role == L]
    assert len({r.task for r in leads}) == 5
    assert all(r.org.name in ("县卫健委", "县民政局") for r in leads)
    assert {r.org.name for r in rs if r.role == P} == {"经济开发区管委会"}
    runon = REAL / "runon" / "21_task_split.txt"  # the same page with its line breaks removed
    if runon.exists():
        again = _resps([d for fr in analyse([runon]) for d in fr.documents])
        assert [(r.org.name, r.role, r.task) for r in again] == [(r.org.name, r.role, r.task) for r in rs]
