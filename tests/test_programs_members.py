"""Members spelled before a name: only the list itself, without what frames it, and only a list of the
name's own length. Excerpts written in the style of provincial 政府工作报告 (issue 8, item 7).
"""

from __future__ import annotations

import pytest

from hwgraph.types import MemberSource


@pytest.mark.parametrize(
    "text,name,members",
    [
        # the predicate between the list and the name belongs to neither
        ("全省公众安全感、满意度连续13年实现“双提升”。", "双提升", ["公众安全感", "满意度"]),
        ("生产安全事故起数、死亡人数逐年“双下降”。", "双下降", ["生产安全事故起数", "死亡人数"]),
        ("水土流失面积、强度持续“双下降”。", "双下降", ["水土流失面积", "强度"]),
        # a time and place, a subject and its verb, lead verbs: none of them is the first member
        ("2025年全省公众安全感、满意度实现“双提升”。", "双提升", ["公众安全感", "满意度"]),
        ("对外贸易实现规模、增速、质量“三提升”。", "三提升", ["规模", "增速", "质量"]),
        ("全国率先实现新能源装机、发电量占比“双主体”。", "双主体", ["新能源装机", "发电量占比"]),
        ("加快发展算力、数据、人工智能、电子信息四大产业。", "四大产业", ["算力", "数据", "人工智能", "电子信息"]),
        ("做大做强酒泉、天水两个区域中心城市。", "两个区域中心", ["酒泉", "天水"]),
        ("牢牢守好发展和生态两条底线。", "两条底线", ["发展", "生态"]),
        ("全面展开城市生命线、全域水患治理、城乡安居三大工程。", "三大工程", ["城市生命线", "全域水患治理", "城乡安居"]),
        (
            "设定了今后五年我省经济发展、创新驱动、民生福祉、绿色低碳、安全保障等五大类主要指标。",
            "五大类主要指标",
            ["经济发展", "创新驱动", "民生福祉", "绿色低碳", "安全保障"],
        ),
        ("9.健全自治区、盟市、旗县三级消协组织。", "三级消协组织", ["自治区", "盟市", "旗县"]),  # an item number
        (
            "《纲要草案》据此设定了今后五年我省经济发展、创新驱动、民生福祉等三大类主要指标。",
            "三大类主要指标",
            ["经济发展", "创新驱动", "民生福祉"],
        ),
        # an unquoted name stops before a negation (regression: 两个指标没有)
        ("固定资产投资增速、碳排放强度降低幅度两个指标没有达到预期。", "两个指标", ["固定资产投资增速", "碳排放强度降低幅度"]),
        # a preposition, an adverb and its verb, a verb marked done: they govern the list, no item holds them
        ("针对孕产妇、儿童、老年人三类人群开展服务。", "三类人群", ["孕产妇", "儿童", "老年人"]),
        ("全市共设北区、南区两个片区。", "两个片区", ["北区", "南区"]),
        ("新建了东、西两个分院。", "两个分院", ["东", "西"]),
        # a verb that opens a noun phrase stays (发热门诊), as do verbs every item opens with
        ("在发热门诊、急诊、儿科三个科室开展试点。", "三个科室", ["发热门诊", "急诊", "儿科"]),
        ("开展手足口病、流感、诺如三种传染病监测。", "三种传染病", ["手足口病", "流感", "诺如"]),
        # a 的-phrase before the first item modifies the whole list
        ("重点打造有竞争优势的新材料、特色装备两大产业集群。", "两大产业", ["新材料", "特色装备"]),
        # a quoted label with its definition verb frames the list (“3”是指…)
        ("推进“3+4”工程建设。“3”是指疾控、医疗、康复三大体系。", "三大体系", ["疾控", "医疗", "康复"]),
        ("第二个“4”是指筛查、诊断、治疗、随访四个环节。", "四个环节", ["筛查", "诊断", "治疗", "随访"]),
    ],
)
def test_programs_members_without_frame(programs_in, text: str, name: str, members: list[str]) -> None:
    found = programs_in(text)
    assert name in found, sorted(found)
    assert [m.text for m in found[name].members] == members


@pytest.mark.parametrize(
    "text,name",
    [
        # a list of another length is not the name's (残疾人“两项补贴” is an item of its own)
        ("提高城乡低保、特困人员供养、孤儿基本生活最低养育标准和残疾人“两项补贴”。", "两项补贴"),
        ("4次调高城乡低保、教育“三包”标准。", "三包"),
        # the name is the object of the last item's verb, or joined to it
        ("高水平共建西部陆海新通道、深度融入共建“一带一路”。", "一带一路"),
        ("坚定拥护“两个确立”、坚决做到“两个维护”。", "两个维护"),
        ("新开、加密国际航空中远程及“一带一路”航线。", "一带一路"),
        # the name is an item of a longer list
        ("深入推进财政资金统筹、零基预算改革、基层“三保”、地方政府债务管理等领域改革。", "三保"),
        # a 、 inside quotes splits nothing
        ("青海职业技术大学“道路、桥梁工程”专业群入选国家级“双高计划”。", "双高计划"),
        # one thing, quoted: a figure or a verb before it is no member
        ("推出37个“一件事”集成服务。", "一件事"),
        ("推动12345热线从解决“一件事”向办好“一类事”深化。", "一件事"),
        # an attributive list modifies a noun, the name is that noun's
        ("推动联通欧亚、辐射全球的高质量共建“一带一路”。", "一带一路"),
    ],
)
def test_programs_members_not_from_a_foreign_list(programs_in, text: str, name: str) -> None:
    p = programs_in(text)[name]
    assert p.members_from is not MemberSource.TEXT, [m.text for m in p.members]


@pytest.mark.parametrize(
    "text",
    [
        "经济总量连续迈上4万亿、5万亿“两个台阶”。",  # figures, not members
        "10所学校、12个专业群入选国家第二期“双高计划”。",
        "提高城乡低保标准，发放高龄补贴32亿元、残疾人“两项补贴”12.4亿元。",
    ],
)
def test_programs_members_figures_are_not_members(programs_in, text: str) -> None:
    assert all(p.members_from is not MemberSource.TEXT for p in programs_in(text).values())
