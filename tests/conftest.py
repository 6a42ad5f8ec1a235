"""Shared fixtures and options of the hwgraph test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from hwgraph.types import (
    AdminLevel,
    CleanText,
    DocKind,
    Document,
    Gap,
    Member,
    MemberSource,
    Mention,
    Program,
    ProgramKind,
    Section,
    SectionKind,
    Source,
    SourceFormat,
    TextMap,
)

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-readme",
        action="store_true",
        default=False,
        help="Rewrite the README's console examples from real runs (tests/test_readme.py).",
    )
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/* from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


# ---- graph (issue 4): a small hand-built document with an outline and programs -------------------

GRAPH_TEXT = (
    "2022年示例县卫生健康局工作总结\n"
    "一、强化疫情防控\n"
    "（一）完善“三大体系”。建立医疗救治、疾病预防、医疗保障三大体系。\n"
    "（二）落实“一单四制”。\n"
    "二、深化医改\n"
    "【剩余内容需付费查看】\n"
    "三、推进“三大体系”建设\n"
)


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _section(
    text: str, label: str, title: str, kind: SectionKind, ordinal: int, end: int, children=()
) -> Section:
    start = text.index(label + title)
    return Section(
        label=label,
        title=title,
        kind=kind,
        ordinal=ordinal,
        start=start,
        end=end,
        title_start=start + len(label),
        title_end=start + len(label) + len(title),
        children=tuple(children),
    )


def make_graph_doc(
    path: str = "corpus/example.txt", text: str = GRAPH_TEXT
) -> tuple[Document, list[Program]]:
    """A document and its programs as the pipeline and programs stages would hand them over."""
    source = Source(path=path, text=text, encoding="utf-8", format=SourceFormat.TXT)
    gap_start, gap_end = _at(text, "【剩余内容需付费查看】")
    clean = CleanText(
        source=source,
        text=text,
        map=TextMap(((0, 0, len(text)),)),
        removals=(),
        gaps=(Gap(gap_start, gap_end, "【剩余内容需付费查看】", missing_chars=1200),),
    )
    two = text.index("二、")
    three = text.index("三、")
    sub1 = _section(text, "（一）", "完善“三大体系”", SectionKind.SECTION, 1, text.index("（二）"))
    sub2 = _section(text, "（二）", "落实“一单四制”", SectionKind.SECTION, 2, two)
    s1 = _section(text, "一、", "强化疫情防控", SectionKind.CHAPTER, 1, two, (sub1, sub2))
    s2 = _section(text, "二、", "深化医改", SectionKind.CHAPTER, 2, three)
    s3 = _section(text, "三、", "推进“三大体系”建设", SectionKind.CHAPTER, 3, len(text))
    doc = Document(
        clean=clean,
        index=0,
        title="2022年示例县卫生健康局工作总结",
        year=2022,
        kind=DocKind.SUMMARY,
        level=AdminLevel.COUNTY,
        issuer="示例县卫生健康局",
        doc_number=None,
        start=0,
        end=len(text),
        clean_start=0,
        clean_end=len(text),
        sections=(s1, s2, s3),
        truncated=True,
    )
    members = []
    for word in ("医疗救治", "疾病预防", "医疗保障"):
        a, b = _at(text, word)
        members.append(Member(word, a, b))
    m1 = _at(text, "三大体系")
    m2 = _at(text, "三大体系", m1[1])
    m3 = _at(text, "三大体系", m2[1])
    three_systems = Program(
        document=doc,
        name="三大体系",
        key="三大体系",
        kind=ProgramKind.NUMERIC,
        count=3,
        members=tuple(members),
        members_from=MemberSource.TEXT,
        count_ok=True,
        mentions=(
            Mention(*m1, "三大体系", sub1),
            Mention(*m2, "三大体系", sub1),
            Mention(*m3, "三大体系", s3),
        ),
    )
    one_list = Program(
        document=doc,
        name="一单四制",
        key="一单四制",
        kind=ProgramKind.NUMERIC,
        count=5,
        members=(
            Member("问题清单", None, None, MemberSource.LEXICON),
            Member("三大体系", None, None, MemberSource.LEXICON, program_key="三大体系"),
        ),
        members_from=MemberSource.LEXICON,
        count_ok=False,
        mentions=(Mention(*_at(text, "一单四制"), "一单四制", sub2),),
    )
    return doc, [three_systems, one_list]


@pytest.fixture
def graph_doc() -> tuple[Document, list[Program]]:
    """One hand-built document (outline, a gap, a text program, a lexicon program that miscounts)."""
    return make_graph_doc()


@pytest.fixture
def graph_quads(graph_doc):
    """The quads of ``graph_doc``."""
    from hwgraph.graph import build_graph

    doc, programs = graph_doc
    return build_graph([doc], programs)


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory):
    """``(report, out_dir)`` of one ``hwgraph build`` of the sample corpus (no HTML), per session."""
    from hwgraph.build import build

    out = tmp_path_factory.mktemp("build")
    return build(ROOT / "corpus", out, html=False), out


ENTITIES_CORPUS = ROOT / "tests" / "data" / "entities"


@pytest.fixture(scope="session")
def entities_build(tmp_path_factory: pytest.TempPathFactory):
    """``(report, out_dir)`` of a build of tests/data/entities: a notice issuing a provincial plan
    with targets and duty parentheticals, and a summary that cites the plan (no HTML)."""
    from hwgraph.build import build

    out = tmp_path_factory.mktemp("entities-build")
    return build(ENTITIES_CORPUS, out, html=False), out


# ---- pipeline (issue 2): the sample corpus, analysed once per session ----------------------------

CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def corpus_documents() -> list[Document]:
    """Every document of the bundled sample corpus, in file order."""
    from hwgraph.pipeline import analyse

    return [d for r in analyse([CORPUS]) for d in r.documents]


# ---- programs (issue 3) ---------------------------------------------------------------------------


@pytest.fixture
def programs_in():
    """Run the pipeline and the programs stage on a short text: ``programs_in(text) -> {name: Program}``."""
    from hwgraph.pipeline import analyse_text
    from hwgraph.programs import find_programs

    def run(text: str) -> dict[str, Program]:
        return {p.name: p for doc in analyse_text(text) for p in find_programs(doc)}

    return run


# ---- html (issue 5): graphs to draw and a headless Chromium to draw them in ----------------------

MINI_GRAPH = ROOT / "tests" / "data" / "mini.ttl"
ARTIFACTS = ROOT / "tests" / "artifacts"


def _bench_module(name: str):
    """A helper module of bench/ (shared with the benchmarks, which are not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"hwgraph_bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture
def mini_graph() -> Path:
    """tests/data/mini.ttl: two documents, three programs, and headings carrying XSS probes."""
    return MINI_GRAPH


@pytest.fixture(scope="session")
def synthetic_graph(tmp_path_factory: pytest.TempPathFactory):
    """A function ``n -> path`` of a generated Turtle graph with exactly ``n`` drawable nodes."""
    synth = _bench_module("synth")
    folder = tmp_path_factory.mktemp("synthetic")

    def make(n: int) -> Path:
        path = folder / f"synthetic-{n}.ttl"
        if not path.exists():
            path.write_text(synth.synthetic_turtle(n), encoding="utf-8")
        return path

    return make


@pytest.fixture(scope="session")
def corpus_graph(corpus_build) -> Path:
    """The Turtle graph of the bundled sample corpus (from the session's one build)."""
    return corpus_build[1] / "hwgraph.ttl"


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    browser_module = _bench_module("browser")
    if not Path(browser_module.CHROMIUM).exists():
        pytest.fail(f"{browser_module.CHROMIUM} is missing: `apt-get install -y chromium` (.ci/run does)")
    pw = sync_playwright().start()
    browser = browser_module.launch(pw)
    yield browser
    browser.close()
    pw.stop()


class BrowserProbe:
    """A fresh page that records console errors, page errors, dialogs and every non-file request
    (which it also aborts, so the page cannot reach the network even by mistake)."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1600, "height": 1000}, device_scale_factor=1)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def open(self, path: Path) -> float:
        """Load ``path`` from file:// and return the first draw time in ms since navigation."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.hwgraph && window.hwgraph.firstDraw", timeout=20_000)
        return float(self.page.evaluate("window.hwgraph.firstDraw"))


@pytest.fixture
def browser_page(chromium):
    """A BrowserProbe on a fresh browser context, closed after the test."""
    probe = BrowserProbe(chromium)
    yield probe
    probe.context.close()
