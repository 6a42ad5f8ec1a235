"""Unquoted names begin and end on word boundaries; a numeral inside another word counts nothing.

Excerpts written in the style of provincial 政府工作报告 (issue 8, item 7).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text,not_a_name",
    [
        # the numeral ends another word (统一) or starts one that counts nothing (二氧化碳, 两用, 三甲)
        ("制定我省融入服务全国统一大市场建设行动方案。", "一大市场建设行动"),
        ("完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务。", "二氧化碳减"),
        ("推动城市基础设施生命线安全工程、平急两用公共基础设施建设。", "两用公共基"),
        ("70个县（市、特区）与省外三甲医院建立帮扶协作关系。", "三甲医院建"),
        # 二 before a noun is an ordinal; counts say 两
        ("营商环境评价8个一级指标、28个二级指标达到国内先进水平。", "二级指标"),
        ("加快推进第四通道、将军庙至淖毛湖铁路增建二线等一批重点项目建设。", "二线"),
        # the name would end inside a word (城市, 以上, 地质灾害)
        ("推动黄河、淮河、海河、长江四大流域内城市协同推进一批绿色转型项目。", "四大流域内城"),
        ("全面实现市市通高铁、县县通高速、乡乡基本通三级以上公路。", "三级以"),
        ("支持西宁、海东两市实施地质灾害避险搬迁项目。", "两市实施地"),
        ("形成贯通欧洲、中国、东盟三大市场的产业链供应链。", "三大市场的产业"),
    ],
)
def test_programs_names_not_cut_from_words(programs_in, text: str, not_a_name: str) -> None:
    assert not_a_name not in programs_in(text)


@pytest.mark.parametrize(
    "text,name,members",
    [
        # a word that continues the head noun belongs to the name
        ("以需求牵引持续做强十大重点农业产业链。", "十大重点农业产业链", []),
        ("推动先进制造业和五大现代服务业产业集群加快发展。", "五大现代服务业", []),
        (
            "做强做优临海蓝色、闽西北绿色、闽东南高优三大特色农业产业带。",
            "三大特色农业产业带",
            ["临海蓝色", "闽西北绿色", "闽东南高优"],
        ),
        # names that are words of their own, and counts with two measure words
        (
            "即疾病预防控制、医疗救治、物资保障三位一体。",
            "三位一体",
            ["疾病预防控制", "医疗救治", "物资保障"],
        ),
        ("经济发展、创新驱动、民生福祉、绿色低碳、安全保障等五大类主要指标全面完成。", "五大类主要指标",
         ["经济发展", "创新驱动", "民生福祉", "绿色低碳", "安全保障"]),
    ],
)
def test_programs_names_on_word_boundaries(programs_in, text: str, name: str, members: list[str]) -> None:
    found = programs_in(text)
    assert name in found, sorted(found)
    assert [m.text for m in found[name].members] == members


@pytest.mark.parametrize(
    "text,not_a_name",
    [
        ("坚持智能化方向，做优一产、做强二产、做大三产。", "三产"),  # an ordinal word, the object of 做大
    ],
)
def test_programs_names_ordinal_words(programs_in, text: str, not_a_name: str) -> None:
    assert not_a_name not in programs_in(text)


@pytest.mark.parametrize(
    "text,name,members",
    [
        # a function word or a verb with its object glued after the noun is no part of the name
        ("东片、西片、南片、北片四个单位根据实际制定方案。", "四个单位", ["东片", "西片", "南片", "北片"]),
        ("东片、西片、南片三个单位推进工作。", "三个单位", ["东片", "西片", "南片"]),
        ("城区、镇区两个片区和乡村同步推进。", "两个片区", ["城区", "镇区"]),
        # a verb that ends its clause is the noun itself; a one-character one is a noun's last part
        ("健全省、市、县三级消协组织，推行放心消费。", "三级消协组织", ["省", "市", "县"]),
        ("运河、长城、永定河三条文化带建设扎实推进。", "三条文化带", ["运河", "长城", "永定河"]),
    ],
)
def test_programs_names_end_on_a_noun(programs_in, text: str, name: str, members: list[str]) -> None:
    found = programs_in(text)
    assert name in found, sorted(found)
    assert [m.text for m in found[name].members] == members


@pytest.mark.parametrize(
    "text,name,count",
    [
        ("推进“136”工程建设。", "136", None),
        ("迭代升级“16819”健康行动。", "16819", None),  # a long code takes a qualifier before 行动
        ("推进“公卫20条”落地实施。", "公卫20条", 20),
        ("做靓“渝味360碗”美食品牌。", "渝味360碗", None),  # hundreds count no listed things
    ],
)
def test_programs_names_digit_codes(programs_in, text: str, name: str, count: int | None) -> None:
    found = programs_in(text)
    assert name in found, sorted(found)
    assert found[name].count == count


@pytest.mark.parametrize("text", ["拨打“12345”热线反映诉求。", "全年接诊“2024”例。"])
def test_programs_names_figures_are_not_codes(programs_in, text: str) -> None:
    assert programs_in(text) == {}
