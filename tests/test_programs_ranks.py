"""Numerals that rank, order or belong to another word count nothing, so they name no program.

Ranking slogans (保五争三), streaks (五连冠), ordinals (第一, 四经普, 三甲), places (八闽), words that
begin with a numeral (百姓), sums of money and lists of the best something was selected into. Excerpts
written in the style of 工作要点, 工作总结 and 政府工作报告; real programs next to them still stand.
"""

from __future__ import annotations

import pytest

from hwgraph.programs._patterns import _ASPECTS, _NOT_COUNTING, _ORDINAL_RESTS


@pytest.mark.parametrize(
    "text",
    [
        # ranking and competition slogans: the numeral is a place in a ranking
        "全年各项考核力争“保五争三拼第一”。",
        "确保综合考核“保三争一”。",
        "空气质量退出全国重点城市“后十位”。",
        "力争进入全省“前三名”。",
        "十家企业入围“世界500强”。",
        "培育“百强县”梯队。",
        "建成跨江“万里长江第一隧”。",
        "深入开展“争先进位”活动。",
        "实现“四个第一”和“三个首次”。",
        "持续开展“晋位争先”行动。",
        # streaks: a numeral before 连 counts years or seasons in a row
        "粮食生产实现“二十二连丰”。",
        "全运会勇夺“五连冠”。",
        "长江干流水质实现“9连优”。",
        "油料产量实现“18连增”。",
        "抗御台风“三连击”。",
        # dates written as numerals
        "加强“双十一”期间网络交易监管。",
        "举办纪念“一二九”运动主题活动。",
        # ordinals: censuses, games, congresses, hospital grades
        "“五经普”从业人员比“四经普”增长。",
        "扎实推进“十五冬”筹备工作。",
        "深入学习贯彻“二十大”精神。",
        "“三甲”医院覆盖所有地市。",
        # 有一种, 每一个: an indefinite article
        "“有一种生活叫康养”叫响全国。",
        # sums of money, tallies of things built
        "用好“两个10亿元”省级资金。",
        "中心城区累计建成“30桥12隧”。",
        # selected into a list of the best
        "两处遗址入选“全国十大考古新发现”。",
        "三家医院获评“全国百佳医院”。",
        # a discipline, whatever its name ends with
        "职业技术学院“道路与桥梁工程”专业群入选国家级名单。",
        # a bare count says nothing of what it counts until the text lists it
        "责任清单共梳理“八大类”186项职责。",
        "清单涵盖行政许可、行政处罚等“十类”权力事项。",
        # scores and words about words
        "群众满意度达到“95分”。",
        "我想用“三个字”来概括今年的工作。",
        # a span of time and a campaign word says how long, not what
        "深入推进“三年行动”。",
        "落实“三年行动”计划。",
        "开展“百日攻坚”行动。",
        # a dictionary word is a metaphor unless a campaign is named after it
        "建立急危重症“绿色通道”机制。",
        "推行“家门口”服务模式。",
    ],
)
def test_programs_ranks_are_not_programs(programs_in, text: str) -> None:
    assert programs_in(text) == {}


@pytest.mark.parametrize(
    "text,not_a_name",
    [
        # place names that begin with a numeral
        ("实施“八闽英才”培养计划。", "八闽英才"),
        ("开展“红色八闽行”研学实践。", "红色八闽行"),
        ("打响“三秦四季”文旅品牌。", "三秦四季"),
        # an unquoted count of one is a quantity
        ("我们每做一件实事，就为群众多办一件好事。", "一件实事"),
        ("一大批重大工程加快实施。", "一大批重大工程"),
    ],
)
def test_programs_ranks_other_readings(programs_in, text: str, not_a_name: str) -> None:
    assert not_a_name not in programs_in(text)


@pytest.mark.parametrize("word", sorted(_NOT_COUNTING))
def test_programs_ranks_not_counting_entry(programs_in, word: str) -> None:
    """Each entry of the stop list of numeral-initial words keeps a quoted name it opens from counting."""
    found = programs_in(f"进一步擦亮“{word}好”品牌。")
    assert all(p.count is None for p in found.values()), found


@pytest.mark.parametrize("rest", sorted(_ORDINAL_RESTS))
def test_programs_ranks_ordinal_entry(programs_in, rest: str) -> None:
    """Each ordinal abbreviation (四经普, 十五冬, 三甲) after a numeral names no program of that count."""
    assert f"七{rest}" not in programs_in(f"全面完成“七{rest}”各项工作。")


@pytest.mark.parametrize(
    "text,name",
    [
        # numerals after words that only look like ranking words still count
        ("推进社保“一卡通”扩面。", "一卡通"),
        ("落实环保“三同时”制度。", "三同时"),
        ("持续深化拓展“三争”行动。", "三争"),
        ("加快“三首两新”推广应用。", "三首两新"),
        ("认真落实“第一议题”制度。", "第一议题"),  # an ordinal may name an initiative
        ("全力保障“三保”支出。", "三保"),
        ("因地制宜深化园区“一强化、两剥离”改革。", "一强化、两剥离"),
        ("入选国家“双高计划”建设单位。", "双高计划"),
        ("建立“四级”网络，“四级”为省、市、县、乡。", "四级"),
        ("获评“四好农村路”全国示范县。", "四好农村路"),
        ("实施“十大工程”。", "十大工程"),
        ("深入推进“3个100万”。", "3个100万"),
        ("实施充电设施“三年倍增”行动。", "三年倍增"),
        ("开展软件产业“满天星”行动。", "满天星"),
        ("持续开展“清风行动”。", "清风行动"),
    ],
)
def test_programs_ranks_real_programs_stay(programs_in, text: str, name: str) -> None:
    assert name in programs_in(text), sorted(programs_in(text))


@pytest.mark.parametrize("noun", sorted(_ASPECTS))
def test_programs_ranks_aspect_entry(programs_in, noun: str) -> None:
    """Each noun of aspect (方面, 维度) after a count of listed things makes no program of them."""
    assert programs_in(f"重点围绕医疗、医保、医药三个{noun}开展工作。") == {}
