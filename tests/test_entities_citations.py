"""Citations: the 《…》 titles a document cites, announces or issues, their 文号, and resolution.

Excerpts are written in the style of real notices, plans, summaries, opinions and government
reports (traditional copies and run-on text included); the dev corpus and the sample corpus are
checked for real things and for verbatim offsets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hwgraph.entities.citations import citation_key, find_citations, parse_doc_number, resolve_citations
from hwgraph.pipeline import analyse, analyse_text
from hwgraph.types import Citation, CitationRelation, Document

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"
SAMPLE = ROOT / "corpus"

C, A, ISS = CitationRelation.CITES, CitationRelation.ANNOUNCES, CitationRelation.ISSUES


def _citations(text: str) -> list[Citation]:
    return [c for d in analyse_text(text) for c in find_citations(d)]


def _assert_verbatim(c: Citation) -> None:
    src = c.document.source.text
    if src[c.start] == "《":
        assert src[c.start : c.end] == f"《{c.title}》"
    else:  # a title without marks, followed by its 文号
        assert src[c.start : c.end] == c.title
    assert c.key == citation_key(c.title)
    if c.doc_number is not None:
        n = c.doc_number
        assert src[n.start : n.end] == n.text
        assert parse_doc_number(n.text) == (n.issuer_code, n.year, n.number)


def _summary(cs: list[Citation]) -> list[tuple[str, CitationRelation, str | None]]:
    for c in cs:
        _assert_verbatim(c)
    return [(c.title, c.relation, c.doc_number.text if c.doc_number else None) for c in cs]


# ---- table: excerpt → every citation (title as written, relation, 文号) in text order -------------

NOTICE_PLAN = """XX市卫生健康委员会关于印发《XX市2024年卫生健康工作要点》的通知
各区县卫生健康局，委机关各处室：
现将《XX市2024年卫生健康工作要点》印发给你们，请认真贯彻执行。
XX市卫生健康委员会
2024年1月15日
XX市2024年卫生健康工作要点
一、总体要求
深入贯彻落实《“健康中国2030”规划纲要》和《国务院办公厅关于推动公立医院高质量发展的意见》（国办发〔2021〕18号）精神，坚持以人民健康为中心。
二、重点任务
（一）优化医疗资源布局。制定出台《XX市医疗卫生服务体系规划（2024—2030年）》，推动优质医疗资源扩容下沉。
（二）加强基层能力。年内印发《XX市村卫生室建设标准》，按照《乡村医生从业管理条例》规范村医执业。
"""

SUMMARY = """XX县卫生健康局2023年工作总结
一、主要工作完成情况
（一）深化医改。印发了《XX县紧密型县域医共体建设实施方案》、《关于加快推进村卫生室产权公有化的通知》等文件，按照省政府办公厅《关于进一步加强乡村医生队伍建设的实施意见》要求，落实村医待遇。制定《XX县家庭医生签约服务考核办法》，签约率达到45%。精准落实市委、市政府制定的《常态化疫情防控工作方案》。
（二）宣传工作。在《人民日报》《健康报》刊发稿件12篇，拍摄纪录片《守护》《逆行》，微电影《初心》获奖，话剧《健康行动》巡演20场，《红海行动》等影片进社区。
二、2024年工作计划
（一）完善制度。下一步，将研究制定《XX县医疗卫生人才引进办法》，修订《XX县基本公共卫生服务项目绩效考核细则》。
"""

NESTED = """XX省卫生健康委关于做好2022年医改重点工作的通知
各市卫生健康委：
根据《国务院办公厅关于印发〈深化医药卫生体制改革2022年重点工作任务〉的通知》（国办发〔2022〕14号）和《省政府关于印发《XX省“十四五”卫生健康发展规划》的通知》(X政发[２０２１]５号)，结合《XX省关于进一步加强基层医疗卫生
服务能力建设的实施意见》，现将《国家卫生健康委关于做好2024年基本公共卫生服务工作的通知》转发给你们，请遵照执行。
"""

TRADITIONAL = """長春市人民政府關於印發健康長春行動實施方案的通知
各縣（市）區人民政府，市政府各委辦局：
現將《健康長春行動實施方案》印發給你們，請認真貫徹執行。
健康長春行動實施方案
為深入貫徹落實《吉林省貫徹落實健康中國行動實施方案》（吉政發〔2019〕17號），結合《“健康長春2030”規劃綱要》等檔案精神，實施健康長春行動，制定本方案。
一、總體要求
（一）指導思想。堅持以人民健康為中心，加快制定《長春市健康促進條例》。
"""

RUNON = (
    "XX区卫生健康局关于印发2024年全区卫生健康工作要点的通知各科室、各医疗卫生单位：《2024年全区卫生健康工作要点》"
    "已经局党组会议研究同意，现印发给你们，请结合实际认真抓好落实。XX区卫生健康局2024年2月1日"
    "2024年全区卫生健康工作要点一、总体要求坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实"
    "《健康中国行动（2019—2030年）》，推进健康XX建设。二、重点工作（一）推进医改。制定《XX区公立医院薪酬制度"
    "改革实施方案》，落实《关于深化医疗服务价格改革的实施意见》。（二）文化建设。拍摄宣传片《健康守护》，在"
    "《XX日报》开设专栏。"
)

REPORT = """2026年XX省政府工作报告
一、2025年工作回顾
过去一年，省政府出台《XX省优化营商环境条例》，推动出台《XX省中医药条例》。电视剧《山河》热播，《生万物》《我们的河山》等精品鲁剧广受好评，歌曲《家乡》、舞剧《红色行动》获奖。
二、2026年重点工作
推动出台《XX省民营经济促进条例》，制定支持民营企业发展的若干措施。全面施行《民营经济促进法》及我省《实施办法》。
"""

OPINION = """XX省人民政府办公厅关于推动公立医院高质量发展的实施意见
各市人民政府，省政府各部门：
为贯彻落实国务院办公厅关于推动公立医院高质量发展的意见（国办发〔2021〕18号）精神，按照国卫办医发〔2019〕12号《关于加强三级公立医院绩效考核工作的意见》要求，经省人民政府同意，现提出以下实施意见。
一、总体要求
依据《中华人民共和国基本医疗卫生与健康促进法》，参照《公立医院高质量发展评价指标（试行）》（国卫办医发【2022】9号）开展评价，对照《XX省公立医院绩效考核办法》(X卫发（2020）12号)查找差距。
二、重点任务
（一）研究起草《XX省公立医院章程范本》，省卫生健康委拟定《XX省公立医院运营管理办法》。
"""

ISSUE_VARIANTS = """XX市卫生健康委关于印发2016年工作总结和2017年工作要点的通知
各区、县（市）卫生计生局：
《2016年XX市卫生计生工作总结》和《2017年XX市卫生计生工作要点》已经委主任办公会议通过，现予以下发，请贯彻执行。
附件：《2017年XX市卫生计生工作任务分解表》
"""

ATTACHMENTS = """XX市卫生健康委关于印发三个中心建设方案的通知
各区卫生健康局：
现将有关文件印发给你们，请认真贯彻执行。
附件：1.《XX市胸痛中心建设方案》
2.《XX市卒中中心建设方案》
      3.《XX市创伤中心建设方案》
XX市卫生健康委
"""

WEB_COPY = """XX省卫生健康委关于加强执法监督的通知
各市卫生健康委：
为落实《
“健康中国2030”规划纲要
》和《国务院办公厅关于改革完善医疗卫生行业综合监管制度的指导意见》，推动出台《XX省医养结合发展规（2024-2027年）》，根據《“十四五”國民健康規(guī)劃》开展工作。
"""

TWO_ISSUED = """XX市卫生健康委关于印发《XX市胸痛中心建设方案》和《XX市卒中中心建设方案》的通知
各区卫生健康局：
现印发《XX市胸痛中心建设方案》、《XX市卒中中心建设方案》，请认真贯彻执行。落实《XX病临床路径》和《稳经济一揽子政策措施33条》。
"""

CASES = {
    "notice+plan": (
        NOTICE_PLAN,
        [
            ("XX市2024年卫生健康工作要点", ISS, None),  # the notice's own title issues it
            ("XX市2024年卫生健康工作要点", ISS, None),  # 现将《…》印发给你们
            ("“健康中国2030”规划纲要", C, None),
            ("国务院办公厅关于推动公立医院高质量发展的意见", C, "国办发〔2021〕18号"),
            ("XX市医疗卫生服务体系规划（2024—2030年）", A, None),
            ("XX市村卫生室建设标准", A, None),  # 年内印发
            ("乡村医生从业管理条例", C, None),
        ],
    ),
    "summary": (
        SUMMARY,
        [
            ("XX县紧密型县域医共体建设实施方案", C, None),  # 印发了
            ("关于加快推进村卫生室产权公有化的通知", C, None),  # listed after it
            ("关于进一步加强乡村医生队伍建设的实施意见", C, None),
            ("XX县家庭医生签约服务考核办法", C, None),  # 制定 in a summary's review: done
            ("常态化疫情防控工作方案", C, None),  # 制定的《…》
            # newspapers, films, plays (even 《健康行动》, 《红海行动》) are no policies
            ("XX县医疗卫生人才引进办法", A, None),  # 下一步，将研究制定
            ("XX县基本公共卫生服务项目绩效考核细则", A, None),  # 修订, in the plan part
        ],
    ),
    "nested marks, line break, 转发": (
        NESTED,
        [
            ("国务院办公厅关于印发〈深化医药卫生体制改革2022年重点工作任务〉的通知", C, "国办发〔2022〕14号"),
            ("省政府关于印发《XX省“十四五”卫生健康发展规划》的通知", C, "X政发[２０２１]５号"),
            ("XX省关于进一步加强基层医疗卫生\n服务能力建设的实施意见", C, None),
            ("国家卫生健康委关于做好2024年基本公共卫生服务工作的通知", C, None),  # 转发 is no issuing
        ],
    ),
    "traditional": (
        TRADITIONAL,
        [
            ("健康長春行動實施方案", ISS, None),
            ("吉林省貫徹落實健康中國行動實施方案", C, "吉政發〔2019〕17號"),
            ("“健康長春2030”規劃綱要", C, None),
            ("長春市健康促進條例", A, None),
        ],
    ),
    "run-on": (
        RUNON,
        [
            ("2024年全区卫生健康工作要点", ISS, None),  # 已经…同意，现印发给你们
            ("健康中国行动（2019—2030年）", C, None),
            ("XX区公立医院薪酬制度改革实施方案", A, None),
            ("关于深化医疗服务价格改革的实施意见", C, None),
        ],
    ),
    "government report": (
        REPORT,
        [
            ("XX省优化营商环境条例", C, None),  # 出台, in the review
            ("XX省中医药条例", C, None),
            ("XX省民营经济促进条例", A, None),  # 推动出台, in this year's work
            ("民营经济促进法", C, None),
            ("实施办法", C, None),
        ],
    ),
    "opinion, 文号 variants, unmarked title": (
        OPINION,
        [
            ("国务院办公厅关于推动公立医院高质量发展的意见", C, "国办发〔2021〕18号"),  # no marks
            ("关于加强三级公立医院绩效考核工作的意见", C, "国卫办医发〔2019〕12号"),  # 文号 before
            ("中华人民共和国基本医疗卫生与健康促进法", C, None),
            ("公立医院高质量发展评价指标（试行）", C, "国卫办医发【2022】9号"),
            ("XX省公立医院绩效考核办法", C, "X卫发（2020）12号"),
            ("XX省公立医院章程范本", A, None),
            ("XX省公立医院运营管理办法", A, None),
        ],
    ),
    "issued together, attachment": (
        ISSUE_VARIANTS,
        [
            ("2016年XX市卫生计生工作总结", ISS, None),
            ("2017年XX市卫生计生工作要点", ISS, None),
            ("2017年XX市卫生计生工作任务分解表", ISS, None),
        ],
    ),
    "attachment list": (
        ATTACHMENTS,
        [
            ("XX市胸痛中心建设方案", ISS, None),
            ("XX市卒中中心建设方案", ISS, None),
            ("XX市创伤中心建设方案", ISS, None),
        ],
    ),
    "two titles issued together": (
        TWO_ISSUED,
        [
            ("XX市胸痛中心建设方案", ISS, None),
            ("XX市卒中中心建设方案", ISS, None),  # listed after one issued
            ("XX市胸痛中心建设方案", ISS, None),
            ("XX市卒中中心建设方案", ISS, None),
            ("XX病临床路径", C, None),
            ("稳经济一揽子政策措施33条", C, None),
        ],
    ),
    "web copy: padded marks, a typo, pinyin": (
        WEB_COPY,
        [
            ("\n“健康中国2030”规划纲要\n", C, None),
            ("国务院办公厅关于改革完善医疗卫生行业综合监管制度的指导意见", C, None),
            ("XX省医养结合发展规（2024-2027年）", A, None),  # 推动出台 in a notice: to come; the 划 lost
            ("“十四五”國民健康規(guī)劃", C, None),
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_citations_of_excerpts(name: str) -> None:
    text, expected = CASES[name]
    assert _summary(_citations(text)) == expected


def test_unmarked_title_covers_the_title_alone() -> None:
    cs = _citations(OPINION)
    c = cs[0]
    src = c.document.source.text
    assert src[c.start - 4 : c.start] == "贯彻落实"
    assert src[c.end] == "（"
    assert c.doc_number is not None and src[c.doc_number.start - 1] == "（"


def test_a_wrapped_title_keeps_its_break_and_its_key_drops_it() -> None:
    (c,) = [c for c in _citations(NESTED) if "\n" in c.title]
    assert c.key == "xx省关于进一步加强基层医疗卫生服务能力建设的实施意见"


def test_sections() -> None:
    cs = [c for d in analyse_text(NOTICE_PLAN) for c in find_citations(d)]
    assert [c.section.label if c.section else None for c in cs] == [
        None,
        None,
        "一、",
        "一、",
        "（一）",
        "（二）",
        "（二）",
    ]


NEGATIVES = [
    "在《人民日报》《健康报》《中国卫生》杂志刊发稿件。",  # publications
    "央视《新闻联播》报道了我市经验，打造《健康XX》栏目。",  # programmes
    "电影《长空之王》、音乐剧《飞天》、歌曲《枕着光的她》获奖。",  # works
    "纪录片《新疆大地》《左宗棠收复新疆》等广受好评。",
    "话剧《健康行动》巡演，《红海行动》等影片进社区。",  # works whose titles end like plans
    "《》不是标题，《 》也不是。",  # empty
    "详见《附件说明，以下略。今年工作很多。",  # never closed within the sentence
    "《" + "很长的标题" * 30 + "方案》",  # > 120 characters: a broken mark
    "更多相关《区卫生健康局2022年工作计划范文.docx》下载",  # a file name
    "根据《XX方案\n\n》执行",  # a paragraph break inside
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_citation(text: str) -> None:
    assert _citations("XX县卫生健康局2024年工作要点\n一、总体要求\n" + text + "\n") == []


def test_own_title_is_no_citation() -> None:
    text = "县2023年卫生健康工作总结\n收藏《县2023年卫生健康工作总结》\n一、重点工作完成情况\n根据《XX县卫生健康事业发展规划》推进工作。\n"
    assert [c.title for c in _citations(text)] == ["XX县卫生健康事业发展规划"]


def test_own_title_repeated_with_own_number_in_chrome() -> None:
    text = (
        "网站首页关于印发XX市综合监管制度实施方案的通知(X政办发〔2020〕49号)\n"
        "各乡镇人民政府：\n经市人民政府同意，现将《XX市综合监管制度实施方案》印发给你们，请贯彻落实。\n"
    )
    docs = analyse_text(text)
    cs = [c for d in docs for c in find_citations(d)]
    assert [(c.title, c.relation) for c in cs] == [("XX市综合监管制度实施方案", ISS)]


# ---- 文号 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("国发〔2019〕13号", ("国发", 2019, 13)),
        ("国办发〔2016〕77号", ("国办发", 2016, 77)),
        ("黔卫发[2021]5号", ("黔卫发", 2021, 5)),
        ("卫办医政发〔2022〕3号", ("卫办医政发", 2022, 3)),
        ("粤府办〔2023〕1号", ("粤府办", 2023, 1)),
        ("(2020)12号", ("", 2020, 12)),
        ("（2020）12号", ("", 2020, 12)),
        ("京政办发［2018］第5号", ("京政办发", 2018, 5)),
        ("青政办字【2021】67号", ("青政办字", 2021, 67)),
        ("国卫办医发(2019)12号", ("国卫办医发", 2019, 12)),
        ("黔卫发[２０２１]５号", ("黔卫发", 2021, 5)),
        ("國辦發〔2019〕47號", ("國辦發", 2019, 47)),
        ("国发2019〕13号", ("国发", 2019, 13)),  # a lost bracket
        (" 国发 〔 2019 〕 13 号 ", ("国发", 2019, 13)),
        ("20202248号", None),  # neither issuer nor bracket
        ("国发〔2019〕", None),
        ("关于实施健康中国行动的意见", None),
        ("", None),
    ],
)
def test_parse_doc_number(text: str, parts: tuple[str, int, int] | None) -> None:
    assert parse_doc_number(text) == parts


# ---- keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("“健康中国2030”规划纲要", "健康中国2030规划纲要"),
        ("「健康中國2030」規劃綱要", "健康中国2030规划纲要"),
        ("‘健康中国2030’规划纲要", "健康中国2030规划纲要"),
        ('"健康中国2030"规划纲要', "健康中国2030规划纲要"),
        (
            "关于印发〈深化医药卫生体制改革2022年重点工作任务〉的通知",
            "关于印发深化医药卫生体制改革2022年重点工作任务的通知",
        ),
        ("《关于印发《X》的通知》", "关于印发x的通知"),
        ("健康中国行动（2019—2030年）", "健康中国行动20192030年"),
        ("健康中国行动(2019-2030年)", "健康中国行动20192030年"),
        ("健康中国行动（２０１９－２０３０年）", "健康中国行动20192030年"),
        ("中共中央 国务院关于深化医药卫生体制改革的意见", "中共中央国务院关于深化医药卫生体制改革的意见"),
        ("XX省关于加强基层\n服务能力建设的意见", "xx省关于加强基层服务能力建设的意见"),
        ("ＸＸ市医疗卫生规划", "xx市医疗卫生规划"),
    ],
)
def test_citation_key(title: str, key: str) -> None:
    assert citation_key(title) == key


# ---- resolution ------------------------------------------------------------------------------


def _doc(text: str, path: str) -> list[Document]:
    return analyse_text(text, path=path)


def test_resolve_citations() -> None:
    corpus = [
        *_doc(NOTICE_PLAN, "a.txt"),  # notice 0 issues plan 1 (XX市2024年卫生健康工作要点)
        *_doc("国务院办公厅关于推动公立医院高质量发展的意见\n各省人民政府：\n现提出以下意见。\n", "b.txt"),
        *_doc(
            "XX市卫生健康委关于印发《XX市基层卫生服务能力提升方案》的通知\n各区县卫生健康局：\n"
            "现将《XX市基层卫生服务能力提升方案》印发给你们，请认真贯彻执行。\n",
            "c.txt",
        ),
    ]
    citing = _doc(
        "XX区2024年卫生健康工作要点\n一、总体要求\n贯彻落实《XX市2024年卫生健康工作要点》、"
        "《关于推动公立医院高质量发展的意见》、《XX市基层卫生服务能力提升方案》和"
        "《XX市卫生健康委关于印发〈XX市2024年卫生健康工作要点〉的通知》，"
        "对照《不在语料里的方案》查找差距。\n",
        "d.txt",
    )
    cs = [c for d in citing for c in find_citations(d)]
    assert len(cs) == 5
    found = resolve_citations(cs, [*corpus, *citing])
    titles = {k: d.title for k, d in found.items()}
    assert titles == {
        "xx市2024年卫生健康工作要点": "XX市2024年卫生健康工作要点",  # the plan, not the notice
        "关于推动公立医院高质量发展的意见": "国务院办公厅关于推动公立医院高质量发展的意见",
        "xx市基层卫生服务能力提升方案": "XX市卫生健康委关于印发《XX市基层卫生服务能力提升方案》的通知",
        # the notice is cited by its own title, its issuer written differently (委 / 委员会)
        "xx市卫生健康委关于印发xx市2024年卫生健康工作要点的通知": "XX市卫生健康委员会关于印发《XX市2024年卫生健康工作要点》的通知",
    }


def test_never_resolves_to_itself() -> None:
    docs = _doc(NOTICE_PLAN, "a.txt")
    notice = docs[0]
    cs = find_citations(notice)
    assert cs and all(c.key == "xx市2024年卫生健康工作要点" for c in cs)
    found = resolve_citations(cs, docs)
    assert found["xx市2024年卫生健康工作要点"] is docs[1]  # the plan, never the notice itself
    assert resolve_citations(cs, [notice]) == {}


def test_generic_titles_resolve_only_at_home() -> None:
    report = _doc("政府工作报告\n一、2025年工作回顾\n过去一年，经济平稳。\n", "guizhou.txt")
    notice = (
        "XX市卫生健康委关于印发2024年全市卫生健康工作要点的通知\n各区卫生健康局，委机关各处室：\n"
        "现将《2024年全市卫生健康工作要点》印发给你们，请认真贯彻执行。\nXX市卫生健康委员会\n2024年1月5日\n"
    )
    plan = "2024年全市卫生健康工作要点\n一、总体要求\n坚持以人民健康为中心。\n二、重点任务\n（一）优化医疗资源布局。\n"
    home = _doc(notice + plan, "home.txt")
    elsewhere = _doc("XX省2026年政府工作报告\n附件\n《政府工作报告》有关内容名词注释\n", "jiangxi.txt")
    cs = [c for d in [*home, *elsewhere] for c in find_citations(d)]
    assert {c.key for c in cs} == {"2024年全市卫生健康工作要点", "政府工作报告"}
    found = resolve_citations(cs, [*report, *home, *elsewhere])
    assert found == {
        "2024年全市卫生健康工作要点": home[1]
    }  # its own file's plan; another province's report is not


def test_doc_number_without_issuer_keeps_its_bracket() -> None:
    (c,) = _citations(
        "XX县卫生健康局2024年工作要点\n一、总体要求\n按照《XX县村医管理办法》（(2020)12号）执行。\n"
    )
    assert c.doc_number is not None
    assert (c.doc_number.text, c.doc_number.issuer_code, c.doc_number.year) == ("(2020)12号", "", 2020)


# ---- properties ------------------------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

_FILLER = st.text(alphabet="的工作加强推进全面卫生健康服务体系建设水平提升，、。\n ", min_size=0, max_size=30)
_TITLE = st.builds(
    lambda head, quoted, wrapped, genre: (
        (f"“{head}”" if quoted else head) + ("\n" if wrapped else "") + genre
    ),
    st.text(alphabet="健康中国行动市县区医疗卫生服务能力基层公共2030年〈〉", min_size=2, max_size=20),
    st.booleans(),
    st.booleans(),
    st.sampled_from(
        ["实施方案", "规划纲要", "工作要点", "管理办法", "条例", "指导意见", "行动计划（2024—2026年）"]
    ),
)
_CITE_VERB = st.sampled_from(["按照", "根据", "贯彻落实", "依据", "对照", "参照", ""])


@hypothesis.given(st.lists(st.tuples(_FILLER, _CITE_VERB, _TITLE), min_size=1, max_size=6), _FILLER)
@hypothesis.settings(max_examples=150, deadline=None)
def test_inserted_titles_are_found_verbatim(parts: list[tuple[str, str, str]], tail: str) -> None:
    body = "".join(f"{filler}，{verb}《{title}》" for filler, verb, title in parts) + tail
    text = "XX县卫生健康局2024年工作要点\n一、总体要求\n" + body + "。\n"
    cs = _citations(text)
    for c in cs:
        _assert_verbatim(c)
    assert [c.title for c in cs if c.document.source.text[c.start] == "《"] == [t for _, _, t in parts]
    assert all(c.relation is C for c in cs)
    # the same text with every line break removed (a run-on copy) names the same policies
    runon = _citations(text.replace("\n", ""))
    assert [c.key for c in runon] == [c.key for c in cs]


# ---- real files ------------------------------------------------------------------------------


def _real(folder: Path) -> list[Document]:
    files = sorted(folder.glob("*.txt"))
    if not files:
        pytest.skip(f"{folder} is absent")
    return [d for r in analyse(files) for d in r.documents]


def test_dev_reports() -> None:
    docs = _real(DEV)
    cs = [c for d in docs for c in find_citations(d)]
    for c in cs:
        _assert_verbatim(c)
    titles = {c.title for c in cs}
    # most reports explain their 十五五 plan outline, citing the party committee's proposal
    proposal = {c.document.source.path for c in cs if c.title.endswith("第十五个五年规划的建议")}
    assert len(proposal) >= 15
    assert "纲要（草案）" in titles and "民营经济促进法" in titles
    # films, plays, books, journals and programmes of the culture paragraphs are no citations
    for work in (
        "阵地",
        "孔子",
        "生万物",
        "长空之王",
        "齐鲁文库",
        "科学",
        "向前一步",
        "现代汉语词典",
        "您的声音",
    ):
        assert work not in titles
    # the outline drafts the government wrote (编制了) are done, not announced
    assert all(c.relation is C for c in cs if "纲要" in c.title)
    guizhou = [c for c in cs if c.title == "贵州省民营经济促进条例"]
    assert [c.relation for c in guizhou] == [A]  # 推动出台, in the 2026 work


def test_sample_corpus() -> None:
    docs = _real(SAMPLE)
    cs = [c for d in docs for c in find_citations(d)]
    for c in cs:
        _assert_verbatim(c)
    got = {(c.title, c.relation) for c in cs}
    assert ("乡村医生“乡聘村用”工作实施方案", C) in got  # 印发了, in a summary
    assert ("xx市积极应对人口老龄化实施方案", A) in got  # 制定, in a plan
    assert ("常态化疫情防控工作方案", C) in got  # 市委、市政府制定的《…》
    assert ("国务院办公厅关于推动公立医院高质量发展的意见", C) in got
    assert not any(".docx" in c.title for c in cs)  # a document-sharing site's file name
