"""Idioms, set phrases and faults to avoid are not programs; real programs next to them still are.

Excerpts written in the style of provincial 政府工作报告 (issue 8, item 7).
"""

from __future__ import annotations

import pytest

from hwgraph.programs._patterns import _IDIOMS


@pytest.mark.parametrize(
    "text",
    [
        # 成语 (jieba's dictionary tags them i): the numerals count nothing, quoted or not
        "这项改革一举两得，既减轻了企业负担，又提高了审批效率。",
        "实现“一举两得”。",
        "发扬“一往无前”的奋斗精神，坚决克服“三心二意”。",
        "要一以贯之、一体推进，一步一个脚印把蓝图变为现实。",
        "推动教育、科技、人才一体推进，形成良性循环。",
        "坚决整治“一刀切”、“一风吹”问题。",
        "中外合作办学机构实现“零的突破”。",  # no numeral to count, an idiom all the same
        "推进“一张蓝图绘到底”。",  # a set phrase opens the slogan
        # a measure word after the numeral makes a quantity, not a count of things
        "坚持“走一步、看两步、想三步”加强项目谋划。",
        "限上网络消费、直播电商交易额实现两位数增长。",
    ],
)
def test_programs_idioms_are_not_programs(programs_in, text: str) -> None:
    assert programs_in(text) == {}


@pytest.mark.parametrize("phrase", _IDIOMS)
def test_programs_idioms_stop_list_entry(programs_in, phrase: str) -> None:
    """Each entry of the last-resort stop list keeps a quoted use of it from being a program."""
    assert phrase not in programs_in(f"坚决防止“{phrase}”现象，推进“{phrase}”。")


@pytest.mark.parametrize(
    "text",
    [
        "杜绝新官不理旧账和“形象工程”、“政绩工程”。",
        "坚决防止急功近利、弄虚作假、搞“形象工程”，持续为基层减负。",
        "不搞急功近利、盲目蛮干，杜绝“形象工程”“政绩工程”。",
    ],
)
def test_programs_faults_to_avoid_are_not_programs(programs_in, text: str) -> None:
    assert programs_in(text) == {}


@pytest.mark.parametrize(
    "text,name",
    [
        ("开展打击欺诈骗保“亮剑行动”。", "亮剑行动"),  # a policy verb governs the verb of prevention
        ("深入开展“清风行动”，整治群众身边不正之风。", "清风行动"),
        ("推进“放管服”改革。", "放管服"),
        ("全面推进“三大体系”建设。", "三大体系"),
        ("实现“五个没有”目标。", "五个没有"),
        ("更好关爱“一老一小”。", "一老一小"),
        ("深刻领悟“两个确立”的决定性意义。", "两个确立"),
        ("统筹推进“五位一体”总体布局。", "五位一体"),
        ("推进耕地数量、质量、生态“三位一体”保护。", "三位一体"),
        ("电动汽车、锂电池、光伏产品“新三样”出口增长18%。", "新三样"),
        ("12部作品获全国“五个一工程”奖。", "五个一工程"),
        ("深入学习运用“千万工程”经验。", "千万工程"),
        ("推广社会保障“一卡通”。", "一卡通"),
        ("坚决整治“四风”问题。", "四风"),  # the lexicon's names stand whatever verb governs them
    ],
)
def test_programs_real_programs_stay(programs_in, text: str, name: str) -> None:
    assert name in programs_in(text)
