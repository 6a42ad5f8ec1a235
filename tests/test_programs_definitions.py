"""Members defined after a name: shared definitions, labelled parts, repeated words, and descriptions
that are not lists. Excerpts written in the style of provincial 政府工作报告 (issue 8, item 7).
"""

from __future__ import annotations

import pytest

from hwgraph.types import MemberSource


@pytest.mark.parametrize(
    "text,expected",
    [
        # names side by side share one definition, a clause each
        (
            "“三大高地”“五大战略”：革命老区高地、内陆开放高地、生态文明高地，产业升级战略、项目带动战略、"
            "科教强省战略、省会引领战略、治理强基战略。",
            {
                "三大高地": ["革命老区高地", "内陆开放高地", "生态文明高地"],
                "五大战略": ["产业升级战略", "项目带动战略", "科教强省战略", "省会引领战略", "治理强基战略"],
            },
        ),
        (
            "“两重”“两新”：国家重大战略实施和重点领域安全能力建设，大规模设备更新和消费品以旧换新。",
            {"两重": ["国家重大战略实施", "重点领域安全能力建设"], "两新": ["大规模设备更新", "消费品以旧换新"]},
        ),
        # a composite defined clause by clause: the 、-lists of all clauses, flattened
        (
            "货运企业“三上门两加强”行动：上门排忧解难、上门宣讲法规、上门督促整改，加强源头管理、加强过程管理。",
            {"三上门两加强": ["上门排忧解难", "上门宣讲法规", "上门督促整改", "加强源头管理", "加强过程管理"]},
        ),
        # quoted labels defined by 为/指, each up to the next label
        (
            "“四级三类”国土空间规划：“四级”为省、市、县、乡，“三类”指总体规划、详细规划和专项规划。",
            {"四级": ["省", "市", "县", "乡"], "三类": ["总体规划", "详细规划", "专项规划"]},
        ),
        # a formula's terms defined one by one, also in the next sentence and as 第二个“1”
        (
            "推进“3+4”工程建设。“3”是指疾控、医疗、康复三大体系，“4”是指四项保障措施。",
            {"3+4": ["疾控、医疗、康复三大体系", "四项保障措施"]},
        ),
        (
            "实施“1+4+1”行动，第一个“1”是指一个中心，“4”是指四大平台，第二个“1”是指一套机制。",
            {"1+4+1": ["一个中心", "四大平台", "一套机制"]},
        ),
        (
            "“1+N”帮扶政策体系：“1”指省委和省政府出台的帮扶意见，“N”指省直部门出台的配套政策。",
            {"1+N": ["省委和省政府出台的帮扶意见", "省直部门出台的配套政策"]},
        ),
        # a count of items that each open with the same word (regression: 2 of N were found)
        (
            "落实“四个聚焦”：聚焦重点人群、聚焦重点领域，聚焦重点环节，聚焦重点地区。",
            {"四个聚焦": ["聚焦重点人群", "聚焦重点领域", "聚焦重点环节", "聚焦重点地区"]},
        ),
        (
            "坚持“四个聚焦”。聚焦重点人群，做好健康管理。聚焦重点领域，加强监管。聚焦重点环节，补齐短板。"
            "聚焦重点地区，强化帮扶。",
            {"四个聚焦": ["聚焦重点人群", "聚焦重点领域", "聚焦重点环节", "聚焦重点地区"]},
        ),
        (
            "落实“四个聚焦”：聚焦重点人群和重点领域，聚焦重点环节，聚焦重点地区，聚焦薄弱环节。",
            {"四个聚焦": ["聚焦重点人群和重点领域", "聚焦重点环节", "聚焦重点地区", "聚焦薄弱环节"]},
        ),
        # a named initiative's definition that is a list
        ("深化“放管服”改革，即简政放权、放管结合、优化服务。", {"放管服": ["简政放权", "放管结合", "优化服务"]}),
    ],
)
def test_programs_definitions_members(programs_in, text: str, expected: dict[str, list[str]]) -> None:
    found = programs_in(text)
    for name, members in expected.items():
        assert name in found, sorted(found)
        assert [m.text for m in found[name].members] == members, name
        assert found[name].count_ok is not False, name


@pytest.mark.parametrize(
    "text,name",
    [
        # a named initiative described, not listed
        ("9.“数商兴农”行动：通过数字化手段全面赋能乡村振兴，推动电商渠道与服务下沉。", "数商兴农"),
        ("16.“益企成长”计划：推动建立覆盖科技型企业全生命周期的科技金融服务体系，促进良性循环。", "益企成长"),
        # an annotation in parentheses
        ("为在校小学生每天提供“一杯奶”（牵头单位：教育厅）。", "一杯奶"),
        # one thing is not a list: neither a predicate after it nor a quantity before it is its member
        ("我们每做一件实事，就是在为党“培根”。", "一件实事"),
    ],
)
def test_programs_definitions_descriptions_are_not_members(programs_in, text: str, name: str) -> None:
    p = programs_in(text).get(name)
    assert p is None or p.members_from is not MemberSource.TEXT, [m.text for m in p.members]
