"""The programs stage: detection, members, counts, keys, offsets, lexicon, and the ``programs`` command."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from hwgraph.cli import cli
from hwgraph.lexicon import load_lexicon, program_key, resolve
from hwgraph.pipeline import analyse
from hwgraph.programs import find_programs, program_json, programs_table, stated_count
from hwgraph.types import MemberSource, ProgramKind

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILES = sorted(str(p) for p in (ROOT / "corpus").glob("*.txt"))


# ---- detection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # numeral + measure word + noun, quoted or not
        ("全面推进“五大工程”建设。", ("五大工程", ProgramKind.NUMERIC)),
        ("聚焦四项重点任务，推进工作落实。", ("四项重点任务", ProgramKind.NUMERIC)),
        ("实施六大攻坚行动，补齐短板。", ("六大攻坚行动", ProgramKind.NUMERIC)),
        ("坚持“两个结合”不动摇。", ("两个结合", ProgramKind.NUMERIC)),
        # numeral + noun and composites
        ("推行“一窗两制”改革。", ("一窗两制", ProgramKind.NUMERIC)),
        ("落实“三查一清”制度。", ("三查一清", ProgramKind.NUMERIC)),
        ("推进三医联动改革。", ("三医联动", ProgramKind.NUMERIC)),
        ("实现“两减少、三提升”目标。", ("两减少、三提升", ProgramKind.NUMERIC)),
        # formulas and counts, half- and full-width
        ("构建“2+3+N”服务体系。", ("2+3+N", ProgramKind.FORMULA)),
        ("推广“1＋X”签约模式。", ("1+X", ProgramKind.FORMULA)),
        ("实施1＋N信息化项目。", ("1+N", ProgramKind.FORMULA)),
        ("出台“健康15条”措施。", ("健康15条", ProgramKind.FORMULA)),
        ("实施人才“258”工程。", ("258", ProgramKind.FORMULA)),
        ("推行“双随机、一公开”监管。", ("双随机一公开", ProgramKind.NUMERIC)),  # the lexicon's name
        # plan periods
        ("编制“十五五”卫生规划。", ("十五五", ProgramKind.PERIOD)),
        ("开展七五普法宣传。", ("七五", ProgramKind.PERIOD)),
        ("回顾十三五时期的成就。", ("十三五", ProgramKind.PERIOD)),
        # masked numerals of anonymised copies
        ("严格执行“xx+x”闭环管理。", ("xx+x", ProgramKind.FORMULA)),
        ("将高血压、糖尿病、肺结核等x类慢病患者作为重点。", ("x类慢病", ProgramKind.NUMERIC)),
        # named initiatives without a numeral
        ("深化“证照分离”改革。", ("证照分离", ProgramKind.NAMED)),
        ("政务服务全面推行“最多跑一次”，方便群众。", ("最多跑一次", ProgramKind.NAMED)),
        ("推进“互联网+政务服务”。", ("互联网+政务服务", ProgramKind.NAMED)),
        ("开展“清风行动”。", ("清风行动", ProgramKind.NAMED)),
    ],
)
def test_programs_detects(programs_in, text: str, expected: tuple[str, ProgramKind]) -> None:
    name, kind = expected
    found = programs_in(text)
    assert name in found, sorted(found)
    assert found[name].kind is kind


@pytest.mark.parametrize(
    "text",
    [
        "一是加强组织领导。二是完善工作制度。",  # enumeration markers
        "第一，加强领导；第二，压实责任。",  # ordinals
        "全年接种3万人次，新建两家医院，投入五千万元。",  # plain quantities
        "2023年5月1日起施行，为期三年。",  # dates
        "群众可拨打12345热线反映问题。",  # hotline numbers
        "坚决防止“一刀切”，统筹兼顾。",  # idiom
        "全市上下万众一心抗击疫情。",  # idiom, unquoted
        "深入学习贯彻党的二十大精神和十九届六中全会精神。",  # congress numbers
        "认真贯彻省第十二次党代会精神。",
        "发挥发热门诊“哨点”作用，打通“最后一公里”。",  # metaphors
        "把健康服务送到群众“家门口”。",
        "开展疾病防控能力提升三年行动。",  # a duration, not a count
        "落实联防联控机制七个方面要求。",  # generic noun
        "建成1－2个示范点，覆盖0－6岁儿童。",  # ranges
        "区二医院和市一医院开展核酸检测。",  # ordinal hospital names
        "庆祝建党100周年。",
        "坚决拒收“红包”，守住廉洁底线。",
        "推广“三明医改”经验。",  # a place name that starts with a numeral
        "推动“县乡一体、乡村一体”管理。",  # 一体 is a word, not a count
    ],
)
def test_programs_rejects(programs_in, text: str) -> None:
    assert programs_in(text) == {}


# ---- members --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # a preceding enumeration, the governing verb left out
        ("统筹推进预防接种、慢病管理、健康教育“三项服务”。", ("三项服务", ["预防接种", "慢病管理", "健康教育"])),
        # parallel verb phrases keep their verbs
        (
            "抓好优化流程、改善环境、提升质量“三大行动”。",
            ("三大行动", ["优化流程", "改善环境", "提升质量"]),
        ),
        # a following definition
        (
            "实现“三个不发生”：不发生重大医疗事故，不发生院内感染，不发生安全生产事故。",
            ("三个不发生", ["不发生重大医疗事故", "不发生院内感染", "不发生安全生产事故"]),
        ),
        # 以A、B为“…”
        ("以提升服务能力、改善就医体验为“两个重点”，推动发展。", ("两个重点", ["提升服务能力", "改善就医体验"])),
        # conjunctions
        ("以人才培养和科技创新为“两翼”，", ("两翼", ["人才培养", "科技创新"])),
        ("推动服务效率和群众满意度“双提高”。", ("双提高", ["服务效率", "群众满意度"])),
        # an enumeration closed by 等 and a category
        ("整治小诊所、小药店、小作坊等“三小”场所。", ("三小", ["小诊所", "小药店", "小作坊"])),
        # unquoted definitions
        (
            "围绕疫情防控、医院建设和人才引进三件大事，",
            ("三件大事", ["疫情防控", "医院建设", "人才引进"]),
        ),
        (
            "发挥家庭医生、健康驿站、智慧平台三项机制作用。",
            ("三项机制", ["家庭医生", "健康驿站", "智慧平台"]),
        ),
        ("通过将签约服务、公共卫生、基本医疗三融合工作推进，", ("三融合", ["签约服务", "公共卫生", "基本医疗"])),
        # glossaries, 即, footnote marks, parentheses
        ("名词解释\n1.三通：是指人员通、信息通、资源通。", ("三通", ["人员通", "信息通", "资源通"])),
        (
            "做到“两个坚持”，即坚持预防为主，坚持中西医并重。",
            ("两个坚持", ["坚持预防为主", "坚持中西医并重"]),
        ),
        (
            "推进“四个统一”［3］：统一管理、统一标准、统一采购、统一配送。",
            ("四个统一", ["统一管理", "统一标准", "统一采购", "统一配送"]),
        ),
        ("落实“两查”（查隐患、查漏洞）要求。", ("两查", ["查隐患", "查漏洞"])),
        # a head noun between the name and its definition
        ("推进“三个一”工程：一个中心、一张网、一个平台。", ("三个一", ["一个中心", "一张网", "一个平台"])),
        ("推进“两个基地”建设，即救援基地和培训基地。", ("两个基地", ["救援基地", "培训基地"])),
        # abbreviations spelled out nearby
        ("成立“三高门诊”，服务高血压、高血糖、高血脂患者。", ("三高", ["高血压", "高血糖", "高血脂"])),
        # self-composites
        ("实现“两减少、三提升”目标。", ("两减少、三提升", ["两减少", "三提升"])),
        # a definition that repeats the name at its end (regression: the last member kept the name)
        (
            "实施“三大工程”：疾控提升、医院扩容、基层强基三大工程。",
            ("三大工程", ["疾控提升", "医院扩容", "基层强基"]),
        ),
        # a definition after a longer head noun, opened by 即
        (
            "推进“三位一体”重大疫情防控体系建设，即疾病预防控制、医疗救治、物资保障三位一体。",
            ("三位一体", ["疾病预防控制", "医疗救治", "物资保障"]),
        ),
        # masked counts
        ("将高血压、糖尿病、肺结核等x类慢病患者作为重点。", ("x类慢病", ["高血压", "糖尿病", "肺结核"])),
    ],
)
def test_programs_members_from_text(programs_in, text: str, expected: tuple[str, list[str]]) -> None:
    name, members = expected
    p = programs_in(text)[name]
    assert [m.text for m in p.members] == members
    assert p.members_from is MemberSource.TEXT
    assert all(m.source is MemberSource.TEXT for m in p.members)


def test_programs_nested_lists(programs_in) -> None:
    found = programs_in("突出“两个二”：医疗、医保“两个保障”；筛查、干预“两个环节”。")
    outer = found["两个二"]
    assert [m.text for m in outer.members] == ["两个保障", "两个环节"]
    assert [m.program_key for m in outer.members] == ["两个保障", "两个环节"]
    assert [m.text for m in found["两个保障"].members] == ["医疗", "医保"]
    assert [m.text for m in found["两个环节"].members] == ["筛查", "干预"]


def test_programs_counts_add_up(programs_in) -> None:
    text = "加大“六小”行业整治。重点整治小饭馆、小商店等“两小”和小旅店、小网吧、小浴室、小理发店等“四小”。"
    found = programs_in(text)
    six = found["六小"]
    assert [m.text for m in six.members] == ["两小", "四小"]
    assert six.count == 6 and six.count_ok is True


@pytest.mark.parametrize(
    "text,name,count,count_ok",
    [
        ("落实“三项制度”：首诊负责、三级查房、疑难会诊、交接班。", "三项制度", 3, False),  # flagged, not cut
        ("推进预防、治疗、康复“三大体系”。", "三大体系", 3, True),
        ("实现“两减少、三提升”目标。", "两减少、三提升", 5, True),
        ("推进“五大工程”建设。", "五大工程", 5, None),  # no members: unknown
    ],
)
def test_programs_count_checked_never_fixed(programs_in, text: str, name: str, count: int, count_ok) -> None:
    p = programs_in(text)[name]
    assert p.count == count
    assert p.count_ok is count_ok
    if count_ok is False:
        assert len(p.members) == 4


@pytest.mark.parametrize(
    "text",
    [
        "落实“三项制度”等工作。",  # nothing before the name
        "推进免费婚检、免费孕检、农村妇女“两癌”检查等项目。",  # the name is part of an item
        "推进慢阻肺、大肠癌等疾病“三早”工作。",  # examples of a category, not the members
        "持续开展机关“灯下黑”、党建业务“两张皮”专项整治。",  # an idiom takes no preceding list
    ],
)
def test_programs_no_members_from_context(programs_in, text: str) -> None:
    assert all(p.members_from is not MemberSource.TEXT for p in programs_in(text).values())


# ---- counts and keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,kind,expected",
    [
        ("三大体系", ProgramKind.NUMERIC, 3),
        ("三会一课", ProgramKind.NUMERIC, 4),
        ("五包十统一", ProgramKind.NUMERIC, 15),
        ("五位一体", ProgramKind.NUMERIC, 5),
        ("八八战略", ProgramKind.NUMERIC, 8),
        ("两提高、两稳定、两降低", ProgramKind.NUMERIC, 6),
        # composite counts add up; after 个 comes the counted noun, numerals and all (regression: 四个一批 → 5)
        ("一单四制", ProgramKind.NUMERIC, 5),
        ("四级三类", ProgramKind.NUMERIC, 7),
        ("四个一批", ProgramKind.NUMERIC, 4),
        ("五个一工程", ProgramKind.NUMERIC, 5),
        ("四个一", ProgramKind.NUMERIC, 4),
        ("五个进一步到位", ProgramKind.NUMERIC, 5),
        ("三个十大", ProgramKind.NUMERIC, 3),
        ("两个一百年", ProgramKind.NUMERIC, 2),
        ("千万工程", ProgramKind.NUMERIC, None),  # 千村 and 万村, not ten million things
        ("十项重点工作", ProgramKind.NUMERIC, 10),
        ("一干多支", ProgramKind.NUMERIC, None),
        ("x类慢病", ProgramKind.NUMERIC, None),
        ("1+5+1", ProgramKind.FORMULA, 7),
        ("3+X", ProgramKind.FORMULA, None),
        ("公卫20条", ProgramKind.FORMULA, 20),
        ("十四五", ProgramKind.PERIOD, None),
        ("放管服", ProgramKind.NAMED, None),
    ],
)
def test_programs_stated_count(name: str, kind: ProgramKind, expected) -> None:
    assert stated_count(name, kind) == expected


@pytest.mark.parametrize(
    "a,b",
    [("1＋N", "1+N"), ("“三大体系”", "三大体系"), ("3+X", "3+x"), ("三转变、 三提高", "三转变、三提高")],
)
def test_programs_key_folds_variants(a: str, b: str) -> None:
    assert program_key(a) == program_key(b)


def test_programs_same_key_across_documents(programs_in) -> None:
    one = programs_in("推广“1＋N”模式。")["1+N"]
    two = programs_in("推广“1+N”模式。")["1+N"]
    assert one.key == two.key


# ---- lexicon -----------------------------------------------------------------------------------------


def test_programs_lexicon_members_when_text_spells_none(programs_in) -> None:
    p = programs_in("严格落实“三会一课”制度。")["三会一课"]
    assert p.members_from is MemberSource.LEXICON
    assert [m.text for m in p.members] == ["支部党员大会", "支部委员会", "党小组会", "党课"]
    assert all(m.source is MemberSource.LEXICON and m.start is None for m in p.members)
    assert p.count == 4 and p.count_ok is True


def test_programs_text_members_win_over_lexicon(programs_in) -> None:
    p = programs_in("推进医保、医疗、医药“三医联动”。")["三医联动"]
    assert p.members_from is MemberSource.TEXT
    assert [m.text for m in p.members] == ["医保", "医疗", "医药"]


@pytest.mark.parametrize(
    "text,members",
    [
        ("落实“四早”要求，做好新冠疫情防控。", ["早发现", "早报告", "早隔离", "早治疗"]),
        ("坚持“四早”要求。", []),  # no context: unresolved
        ("压实“四方”责任。", ["属地", "部门", "单位", "个人"]),
    ],
)
def test_programs_lexicon_senses_by_context(programs_in, text: str, members: list[str]) -> None:
    name = "四早" if "四早" in text else "四方"
    assert [m.text for m in programs_in(text)[name].members] == members


def test_programs_lexicon_entries_are_complete() -> None:
    lexicon = load_lexicon()
    assert len({s.iri for senses in lexicon.values() for s in senses}) >= 30
    for senses in lexicon.values():
        for s in senses:
            assert s.source, s.iri
    for name in ("四个意识", "四个自信", "两个维护", "三会一课", "四种形态", "两优一先", "三医联动", "放管服",
                 "双随机一公开", "一老一小", "两癌", "四害", "九项准则"):
        sense = resolve(name, "")
        assert sense is not None and sense.members, name
        count = stated_count(name, ProgramKind.NUMERIC)
        assert count is None or count == len(sense.members), name


# ---- offsets and sections on the corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_programs():
    out = []
    for result in analyse(CORPUS_FILES):
        assert result.error is None
        for doc in result.documents:
            out.extend(find_programs(doc))
    return out


def _straddles_removal(program, start: int, end: int) -> bool:
    return any(start < r.end and r.start < end for r in program.document.clean.removals)


def test_programs_mentions_verbatim_in_corpus(corpus_programs) -> None:
    assert corpus_programs
    for p in corpus_programs:
        src = p.document.source.text
        for m in p.mentions:
            assert src[m.start: m.end] == m.text
            if not _straddles_removal(p, m.start, m.end):
                assert unicodedata.normalize("NFKC", m.text).replace(" ", "") == p.name


def test_programs_members_verbatim_in_corpus(corpus_programs) -> None:
    checked = 0
    for p in corpus_programs:
        src = p.document.source.text
        for m in p.members:
            if m.start is None:
                assert m.source is MemberSource.LEXICON
                continue
            if _straddles_removal(p, m.start, m.end):
                continue
            if m.program_key:
                assert program_key(src[m.start: m.end]) == m.program_key
            else:
                assert src[m.start: m.end] == m.text
            checked += 1
    assert checked > 50


def test_programs_mention_sections_hold_the_mention(corpus_programs) -> None:
    with_section = 0
    for p in corpus_programs:
        for m in p.mentions:
            if m.section is not None:
                with_section += 1
                assert m.section.start <= m.start < m.section.end
                assert all(not (c.start <= m.start < c.end) for c in m.section.children)
    assert with_section > 0


def test_programs_one_per_key_per_document(corpus_programs) -> None:
    seen = set()
    for p in corpus_programs:
        k = (p.document.source.path, p.document.index, p.key)
        assert k not in seen
        seen.add(k)


# ---- output and command --------------------------------------------------------------------------------


def test_programs_json_contract(corpus_programs) -> None:
    row = program_json(next(p for p in corpus_programs if p.name == "三大体系"))
    assert list(row) == ["source", "document", "name", "kind", "count", "members", "members_from", "count_ok",
                         "mentions"]
    assert row["document"] == "2022年省卫生健康委工作总结"
    assert row["members"] == ["疾病预防控制", "重大疫情救治", "公共卫生应急管理"]
    assert row["members_from"] == "text" and row["count_ok"] is True and row["count"] == 3
    assert set(row["mentions"][0]) == {"start", "end", "section"}
    assert row["mentions"][0]["section"] == "二、"


def test_programs_table_lists_each_document(corpus_programs) -> None:
    table = programs_table(corpus_programs)
    assert "2022年省卫生健康委工作总结" in table
    assert "疾病预防控制、重大疫情救治、公共卫生应急管理" in table


def test_cli_programs_json() -> None:
    result = CliRunner().invoke(cli, ["programs", *CORPUS_FILES, "--json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    names = {(Path(r["source"]).name[:3], r["name"]) for r in rows}
    assert ("000", "三大体系") in names and ("004", "1+N") in names
    assert not any(r["name"] in ("哨点", "二十大", "十九大", "红包") for r in rows)
    assert "\\u" not in result.stdout
    assert result.stderr == "programs: 5 files, 9 documents\n"  # data on stdout, the summary on stderr
    quiet = CliRunner().invoke(cli, ["programs", *CORPUS_FILES, "--json", "--silent"])
    assert quiet.stderr == "" and quiet.stdout == result.stdout


def test_cli_programs_table_and_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00")
    result = CliRunner().invoke(cli, ["programs", str(bad), CORPUS_FILES[3]])
    assert result.exit_code == 1
    assert "三项制度" in result.stdout and "执法公示" in result.stdout
    assert str(bad) in result.stderr
