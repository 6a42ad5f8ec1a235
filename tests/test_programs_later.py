"""Members the text gives later than right after the name: after a colon or in a 即-parenthesis further
on in its sentence, across lines a PDF text layer wrapped, and in the 一是…二是… that opens the next
sentence. Excerpts written in the style of 工作总结, 讲话 and 建设标准.
"""

from __future__ import annotations

import pytest

from hwgraph.types import MemberSource


def _texts(p) -> list[str]:
    return ["".join(m.text.split()) for m in p.members]  # a wrapped member is the source as written


@pytest.mark.parametrize(
    "text,name,members",
    [
        # a formula's parts after a colon, past a gloss, a head noun and an aside in parentheses
        (
            "独立设置“3+1”(三室一中心)业务用房(面积见附件):听证室、询问室、快检室、指挥中心,并有相应设施。",
            "3+1",
            ["听证室", "询问室", "快检室", "指挥中心"],
        ),
        ("建成“三大平台”服务体系：预约平台、支付平台、随访平台，方便群众就医。", "三大平台", ["预约平台", "支付平台", "随访平台"]),
        # a 即-parenthesis later in the sentence, with lines the PDF text layer wrapped
        (
            "标志着我县“四大中心”建设已基本\n完成(即:卒中中心、胸痛中心、新生儿救\n治中心、\n创伤中心)。",
            "四大中心",
            ["卒中中心", "胸痛中心", "新生儿救治中心", "创伤中心"],
        ),
        ("“三个一”工程全面完成（包括一张网、一朵云、一个平台）。", "三个一", ["一张网", "一朵云", "一个平台"]),
        # a parenthesis right after the name's head noun
        ("落实“四个一”工作机制（一个专班、一套方案、一张清单、一个台账）。", "四个一",
         ["一个专班", "一套方案", "一张清单", "一个台账"]),
        # a list before the name that runs across a wrapped line
        ("全面完成疾病预防控制、重大疫情救治、\n公共卫生应急管理“三大体系”建设。", "三大体系",
         ["疾病预防控制", "重大疫情救治", "公共卫生应急管理"]),
        # a colon definition whose list runs across a wrapped line
        ("全面落实“三项制度”：执法公示、执法全过程记录、\n重大执法决定法制审核。", "三项制度",
         ["执法公示", "执法全过程记录", "重大执法决定法制审核"]),
        # a full line of a PDF text layer wrapped inside an item, and headings that end their line
        ("全面建成“五大中心”：卒中中心、危重孕产妇抢救中心、新生儿抢\n救中心、胸痛中心、创伤中心。", "五大中心",
         ["卒中中心", "危重孕产妇抢救中心", "新生儿抢救中心", "胸痛中心", "创伤中心"]),
        ("推进“两大体系”建设：\n（一）疾病预防控制体系\n（二）重大疫情救治体系\n", "两大体系",
         ["疾病预防控制体系", "重大疫情救治体系"]),
        # 一是…二是… opening the next sentence: exactly the count
        (
            "全面落实“三个强化”。一是强化组织领导，压实责任。二是强化要素保障。三是强化督导考核。",
            "三个强化",
            ["强化组织领导", "强化要素保障", "强化督导考核"],
        ),
        ("（一）把握“两个重点”\n一是基层能力建设；二是公共卫生体系建设。", "两个重点", ["基层能力建设", "公共卫生体系建设"]),
    ],
)
def test_programs_later_members(programs_in, text: str, name: str, members: list[str]) -> None:
    found = programs_in(text)
    assert name in found, sorted(found)
    assert _texts(found[name]) == members
    assert found[name].count_ok is True


def test_programs_later_partial_enumeration(programs_in) -> None:
    """A cut-off enumeration whose items each open with the name's word: the members found, count off."""
    text = "牢牢把握“六个坚持”。一是坚持党的领导。这是根本保证。二是坚持人民至上。三是坚持改革创新。这是"
    p = programs_in(text)["六个坚持"]
    assert _texts(p) == ["坚持党的领导", "坚持人民至上", "坚持改革创新"]
    assert p.count_ok is False


@pytest.mark.parametrize(
    "text,name",
    [
        # an enumeration after a sentence about more than the name is the paragraph's
        ("（三）深化医改，推进“三医联动”。一是强化组织；二是完善政策；三是加强考核。", "三医联动"),
        # an enumeration of another length, or of items that do not open with the name's word
        ("落实“两个重点”。一是抓基层；二是抓公卫；三是抓队伍。", "两个重点"),
        ("落实“五个重点”。一是抓基层；二是抓公卫；三是抓队伍。", "五个重点"),
        # a colon in the next clause, a list of another length, a parenthesis that is an aside
        ("推进“三大平台”建设，重点如下：预约、支付。", "三大平台"),
        ("完成“三大平台”建设（详见附件）。", "三大平台"),
        # a heading's enumeration after a paragraph break is the next section's, not the name's
        ("把握“两个重点”。\n\n（一）基层能力建设\n（二）公共卫生体系建设", "两个重点"),
    ],
)
def test_programs_later_not_members(programs_in, text: str, name: str) -> None:
    p = programs_in(text).get(name)
    assert p is None or p.members_from is not MemberSource.TEXT, [m.text for m in p.members]


def test_programs_later_short_line_is_not_wrapped(programs_in) -> None:
    """A line shorter than a PDF text layer's ends its list: what follows is no member."""
    p = programs_in("建成“三大中心”：卒中中心、胸痛中心\n创伤中心建设稳步推进。")["三大中心"]
    assert _texts(p) == ["卒中中心", "胸痛中心"]
    assert p.count_ok is False
