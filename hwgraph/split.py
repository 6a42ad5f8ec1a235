"""Splitting: find the documents in one cleaned file and describe each one.

Entry point: :func:`split_documents`. A file may hold several documents:

- a compilation (第一篇…第五篇, where an article may have lost its label and starts with a bare
  title line), its label found at a line start or, in a copy without line breaks, after a full stop;
- a notice and the plan it issues (关于印发《X》的通知 … 现将《X》印发给你们 … signature, date, then
  X with its own outline): two documents, the plan's ``parent`` being the notice;
- attachments (附件1 / 附件2 labels, each followed by its title): one document each, whose parent is
  the document they are attached to.

Each document gets its metadata from :mod:`hwgraph.meta`. Outlines are filled in later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from hwgraph._text import line_ranges, matching_form
from hwgraph.meta import (
    GENRE,
    HEAD_CHARS,
    Head,
    Meta,
    clean_title,
    describe,
    read_head,
    title_field,
    title_like,
)
from hwgraph.outline import Marker, scan_markers
from hwgraph.types import CleanText, Document, RemovalKind, SectionKind

_PART = re.compile(r"第[一二三四五六七八九十\d]{1,3}篇[ \t\u3000]*[:：、.．]?[ \t\u3000]*")
_SENTENCE_END = "。！？!?"
_ATTACHMENT = re.compile(r"[ \t\u3000]*附\s*件\s*([\d一二三四五六七八九十]{0,3})\s*[:：]?[ \t\u3000]*")
_QUOTED = re.compile(r"《([^《》\n]{4,80})》")
_ISSUING = re.compile(r"印发|转发|发布|下发|制定了?|现将|予以公布")
_PRINTS = re.compile(r"关于(?:印发|转发)|(?:印发|转发)给你们|现(?:予)?印发|现将.{0,40}?(?:印发|转发)")
_GENRE_WORD = re.compile(GENRE)
_SIGNED_DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日(?:[（(][^（）()]{1,12}[）)])?")
_LINE_BREAKS = re.compile(r"[ \t\u3000\r]*\n[ \t\u3000]*")


@dataclass(frozen=True)
class _Span:
    start: int  # clean offsets
    end: int
    skip: int  # a 第N篇 / 附件N label of the document itself ends here
    parent: int | None = None  # index of the span that issues or carries this one


def split_documents(clean: CleanText) -> list[Document]:
    """The documents of one cleaned file, in file order, with metadata and no outline yet."""
    # words are matched on a copy in simplified, half-width characters (國辦發 is 国办发); what is
    # reported as the title is cut from the text itself
    norm = matching_form(clean.text)
    spans = _find_spans(norm)
    docs: list[Document] = []
    for i, sp in enumerate(spans):
        head = read_head(norm, sp.start, sp.end, sp.skip)
        meta = describe(norm, sp.start, sp.end, head, _removed_meta(clean, sp))
        title = _LINE_BREAKS.sub("", clean.text[head.title_start : head.title_end]) if meta.title else ""
        doc = _document(clean, i, sp, head, meta, title)
        if doc.parent is not None:
            doc = _inherit(doc, docs[doc.parent])
        docs.append(doc)
    return docs


def _inherit(doc: Document, parent: Document) -> Document:
    """A plan a notice issues, or an attachment, was issued when and where its parent was: it takes
    the parent's year, date and place when it states none of its own."""
    changes: dict = {}
    if doc.year is None:
        changes["year"] = parent.year
    if doc.date is None:
        changes["date"] = parent.date
    if (doc.place is None or doc.place.code is None) and parent.place is not None:
        changes["place"], changes["level"] = parent.place, parent.level  # 全省 in the plan: the notice's 浙江省
    return replace(doc, **changes) if changes else doc


def _removed_meta(clean: CleanText, sp: _Span) -> list[str]:
    """The 来源/时间 lines cleaning took out of this document's head (they may state its date)."""
    start, _ = clean.span(sp.start, sp.start)
    return [r.text for r in clean.removals if r.kind is RemovalKind.META and start <= r.start < start + HEAD_CHARS]


def _document(clean: CleanText, index: int, sp: _Span, head: Head, meta: Meta, title: str) -> Document:
    """A Document of span ``sp``: its metadata as ``describe`` found it (every Meta field is a
    Document field of the same name), the verbatim ``title``, and its offsets in the source."""
    start, end = clean.span(sp.start, sp.end)
    title_start, title_end = clean.span(head.title_start, head.title_end) if title else (None, None)
    return Document(
        clean=clean,
        index=index,
        start=start,
        end=end,
        clean_start=sp.start,
        clean_end=sp.end,
        parent=sp.parent,
        title_start=title_start,
        title_end=title_end,
        **{**{f.name: getattr(meta, f.name) for f in fields(meta)}, "title": title},
    )


def _part_labels(text: str) -> list[tuple[int, int]]:
    """(start, end) of 第N篇 labels that open a document: at a line start, or after a full stop
    when a title follows (a compilation that lost its line breaks)."""
    out = []
    for m in _PART.finditer(text):
        s = m.start()
        j = s - 1
        while j >= 0 and text[j] in " \t\u3000\r":
            j -= 1
        at_line = j < 0 or text[j] == "\n"
        after_stop = j >= 0 and text[j] in _SENTENCE_END
        if at_line or (after_stop and title_like(_first_title_words(text, m.end()))):
            out.append((s, m.end()))
    return out


def _first_title_words(text: str, pos: int) -> str:
    """The words at ``pos`` up to the first genre word: a title that a run-on label runs into."""
    m = _GENRE_WORD.search(text, pos, pos + 60)
    return text[pos : m.end()] if m else ""


_CONTENTS_ENTRY = re.compile(r"[ \t\u3000]*\d{1,2}[.、．]\s*(?P<title>.+?)[ \t\u3000.…·]*(?P<page>\d{1,3})[ \t\u3000]*$")


def _contents_articles(text: str) -> list[tuple[int, int]]:
    """Article starts of a compilation whose table of contents lists them with page numbers
    (…汇编(5篇)目录 / 1.区卫生健康局2023年工作总结2 / 2.…10): each title where it opens a line
    again after the contents. Returned as (start, start) like 第N篇 labels without a label."""
    head = text[:3000]
    m = re.search(r"目\s*录[ \t\u3000]*(?:\n|$)", head)
    if m is None:
        return []
    titles, pos = [], m.end()
    for line_start, line_end in line_ranges(text, m.end(), min(len(text), m.end() + 3000)):
        entry = _CONTENTS_ENTRY.match(text, line_start, line_end)
        if entry is None or not title_like(entry.group("title")):
            break
        titles.append(clean_title(entry.group("title")))
        pos = line_end
    if len(titles) < 2:
        return []
    starts = []
    for line_start, line_end in line_ranges(text, pos, len(text)):
        if titles and clean_title(text[line_start:line_end].strip()) == titles[0]:
            starts.append((line_start, line_start))
            titles.pop(0)
    return starts


def _find_spans(text: str) -> list[_Span]:
    parts = _part_labels(text) or _contents_articles(text)
    regions: list[tuple[int, int, int]] = []  # (start, end, label end)
    if parts:
        head_end = parts[0][0]
        if _has_chapters(text, 0, head_end):
            regions.append((0, head_end, 0))
        bounds = [s for s, _ in parts] + [len(text)]
        regions += [(bounds[i], bounds[i + 1], parts[i][1]) for i in range(len(parts))]
    else:
        regions.append((0, len(text), 0))
    spans: list[_Span] = []
    for start, end, label_end in regions:
        first = len(spans)
        cuts = [(start, label_end, None), *_inner_cuts(text, start, end), (end, end, None)]
        for i in range(len(cuts) - 1):
            s, skip, parent = cuts[i]
            spans.append(_Span(s, cuts[i + 1][0], skip, None if parent is None else first + parent))
    kept = [sp for sp in spans if text[sp.start : sp.end].strip()]
    if len(kept) != len(spans):  # renumber parents after dropping empty spans
        index = {id(sp): i for i, sp in enumerate(kept)}
        old = {i: id(sp) for i, sp in enumerate(spans)}
        kept = [
            _Span(sp.start, sp.end, sp.skip, index.get(old[sp.parent]) if sp.parent is not None else None)
            for sp in kept
        ]
    return kept


def _has_chapters(text: str, start: int, end: int) -> bool:
    return any(
        m.kind is SectionKind.CHAPTER and m.boundary in ("line", "sentence") for m in scan_markers(text, start, end)
    )


def _inner_cuts(text: str, start: int, end: int) -> list[tuple[int, int, int | None]]:
    """Starts of the documents inside a region after its first: ``(start, label_end, parent)``.

    ``parent`` counts documents from the region's first (0). A cut is a bare title line followed by
    a fresh outline (一、 numbered 1) once the document before it has had its own, or a plan
    after the notice that issues it, or an attachment label (附件2) followed by a title.
    """
    cuts: list[tuple[int, int, int | None]] = []
    doc_start = start
    seen_titles: set[str] = set()
    lines = line_ranges(text, start, end)
    for k, (s, e) in enumerate(lines):
        if e - s > 100:
            continue  # a paragraph: titles, 附件 labels and metadata fields are short lines
        attachment = _attachment_at(text, s, e, lines[k + 1 :])
        if attachment is not None and s > doc_start and _cjk_at_least(text, doc_start, s, 10):
            owner = _owner(text, start, cuts, _next_title(text, lines[k + 1 :]))
            cuts.append((s, attachment, owner))
            doc_start = s
            continue
        line = text[s:e]
        field = title_field(line)
        if field is not None:  # 名称: X in the page's metadata block: X is this document's title
            seen_titles.add(clean_title(line[field[0] : field[1]]))
        if not title_like(line):
            continue
        title = clean_title(line)
        # a title wrapped over two lines starts on the line before (关于印发《… / …方案》的通知),
        # even with a blank line between them
        back = next((j for j in range(k - 1, max(-1, k - 4), -1) if text[slice(*lines[j])].strip()), None)
        if back is not None:
            ps, pe = lines[back]
            prev = text[ps:pe].strip()
            if prev and (prev.count("《") > prev.count("》") or ("关于" in prev and not title_like(prev))) \
                    and title_like(prev + line.strip()):
                s, title = ps, clean_title(prev + line.strip())
        repeated = title in seen_titles  # the title again after a table of contents or a cover line
        seen_titles.add(title)
        if s <= doc_start or repeated or not _cjk_at_least(text, doc_start, s, 60):
            continue
        before = text[doc_start:s]
        nxt = _first_chapter(text, e, min(end, e + 3000))
        issued = _issues(before, title)
        if nxt is not None and nxt.ordinal == 1 and (_has_chapters(text, doc_start, s) or issued or "通知" in before):
            cuts.append((s, s, len(cuts) if issued else None))
            doc_start = s
    if len(lines) <= 3:  # a region without line breaks: titles stand after a full stop
        cuts = _runon_cuts(text, start, end)
    return cuts


# a title after a full stop, or after the date that signs the document before it
_RUNON_TITLE = re.compile(
    rf"(?:[。！？!?]|\d{{1,2}}日|[一二三四五六七八九十]日)\s*(?:[（(][^（）()]{{1,12}}[）)])?\s*"
    rf"([^。！？!?，,；;：:（(]{{4,60}}?{GENRE}(?:汇总|汇编|合集)?)(?=[^，,；;、])"
)


def _runon_cuts(text: str, start: int, end: int) -> list[tuple[int, int, int | None]]:
    """Document starts in a region that lost its line breaks: a title after a full stop, followed
    soon by a fresh outline (一、 numbered 1), once the document before has had its own outline or
    issues this one (…现将《X》印发给你们…。X一、…)."""
    cuts: list[tuple[int, int, int | None]] = []
    doc_start = start
    seen: set[str] = set()
    for m in _RUNON_TITLE.finditer(text, start, end):
        s = m.start(1)
        signed = list(_SIGNED_DATE.finditer(text, s, m.end(1)))
        if signed:  # …认真组织实施。某卫生健康委2023年4月22日2023年全省…要点: the title follows the date
            s = signed[-1].end()
        title = clean_title(text[s : m.end(1)])
        if not title_like(title) or title in seen or _norm(text[doc_start : doc_start + 2 * len(title)]).startswith(_norm(title)):
            continue  # the title again (page heading and article heading), not a new document
        seen.add(title)
        if not _cjk_at_least(text, doc_start, s, 60):
            continue
        nxt = _first_chapter(text, m.end(1), min(end, m.end(1) + 600))
        if nxt is None or nxt.ordinal != 1:
            continue
        before = text[doc_start:s]
        issued = _issues(before, title)
        if _has_chapters(text, doc_start, s) or issued:
            cuts.append((s, s, len(cuts) if issued else None))
            doc_start = s
    return cuts


def _first_chapter(text: str, start: int, end: int) -> Marker | None:
    """The first chapter heading (一、 or 第一章) opening a line or a sentence in ``[start, end)``."""
    return next(
        (m for m in scan_markers(text, start, end)
         if m.kind in (SectionKind.CHAPTER, SectionKind.PART)
         and (m.boundary in ("line", "sentence") or (m.after_title and m.ordinal == 1))),
        None,
    )


def _owner(text: str, start: int, cuts: list[tuple[int, int, int | None]], title: str) -> int:
    """The document an attachment belongs to: the one whose 附件：list names it (a notice attaches the
    task table of the plan it issues), else the last one that is not itself an attachment."""
    named = text.rfind(title, start, cuts[-1][0] if cuts else len(text)) if len(title) >= 4 else -1
    starts = [start] + [c[0] for c in cuts]
    if named >= 0 and text.rfind("附", max(start, named - 60), named) >= 0:
        return max(i for i, s in enumerate(starts) if s <= named)
    for i in range(len(cuts) - 1, -1, -1):
        if cuts[i][0] != cuts[i][1]:  # an attachment cut: its label ends after its start
            continue
        return i + 1
    return 0


def _next_title(text: str, rest: list[tuple[int, int]]) -> str:
    nxt = next(((a, b) for a, b in rest[:3] if text[a:b].strip()), None)
    return clean_title(text[nxt[0] : nxt[1]]) if nxt else ""


def _attachment_at(text: str, s: int, e: int, rest: list[tuple[int, int]]) -> int | None:
    """End of an 附件N label opening an attached document at line ``[s, e)`` (alone on its line, the
    title on the next non-empty one), else None. The 附件：1.… list of a notice is no label."""
    m = _ATTACHMENT.match(text, s, e)
    if m is None or text[m.end() : e].strip():
        return None  # 附件：X on one line lists what a notice attaches; the attachment starts 附件 / X
    nxt = next(((a, b) for a, b in rest[:3] if text[a:b].strip()), None)
    after = text[nxt[0] : nxt[1]].strip() if nxt else ""
    first = next(scan_markers(after[:6]), None)
    if not after or (first is not None and first.start == 0) or not title_like(after):
        return None
    return m.end()


def _issues(before: str, title: str) -> bool:
    """Does the text before a title issue it (现将《X》印发给你们, 关于印发X的通知)? A notice that prints
    what follows it (现印发给你们) issues it even when it names it differently (浙江省… / 全省…)."""
    key = _norm(title)
    if not key or not _ISSUING.search(before):
        return False
    named = any(_norm(q) == key for q in _QUOTED.findall(before)) or key in _norm(before[:300])
    return named or _PRINTS.search(before) is not None


def _norm(s: str) -> str:
    return re.sub(r"[\s“”\"'‘’《》〈〉]", "", s)


# at least 10 / 60 Chinese characters from the match position: the pattern stops at the last one it
# needs, where counting them all (findall) read the whole document before every title-like line
_CJK_AT_LEAST = {n: re.compile(rf"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){{{n}}}") for n in (10, 60)}


def _cjk_at_least(text: str, start: int, end: int, n: int) -> bool:
    """True when ``text[start:end]`` holds ``n`` (10 or 60) Chinese characters or more."""
    return _CJK_AT_LEAST[n].match(text, start, end) is not None
