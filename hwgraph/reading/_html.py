"""HTML: the main content of a web page as line-based text."""

from __future__ import annotations

import re

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select")
_BLOCK_TAGS = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article table ul ol dd dt blockquote pre".split()
)


def html_main_text(html: str) -> str:
    """The main content of an HTML page as line-based text.

    Drops scripts, navigation, headers and footers, then keeps the element holding the most
    Chinese text not inside links (a readability-style choice), with one line per block element.
    """
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises ParserError/ValueError on empty or odd input
        return ""
    for tag in _DROP_TAGS:
        for el in root.iter(tag):
            el.drop_tree()
    def score(el: object) -> int:
        text = el.text_content()
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        return cjk - 2 * sum(len(a.text_content()) for a in el.iter("a"))

    containers = ("div", "article", "section", "td", "main", "body")
    best = max(root.iter(*containers), key=score, default=root)
    # descend while one child still holds nearly all of the text: the tightest main container
    while True:
        top = score(best)
        inner = [c for c in best.iterchildren(*containers) if score(c) >= 0.85 * top]
        if not inner or top <= 0:
            break
        best = inner[0]
    lines: list[str] = []
    buf: list[str] = []

    def walk(el: object) -> None:
        tag = getattr(el, "tag", None)
        if isinstance(tag, str) and tag in _BLOCK_TAGS and buf:
            lines.append("".join(buf))
            buf.clear()
        if el.text and isinstance(tag, str):
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if isinstance(tag, str) and tag in _BLOCK_TAGS and buf:
            lines.append("".join(buf))
            buf.clear()

    walk(best)
    if buf:
        lines.append("".join(buf))
    out = [re.sub(r"[ \t\r\n\u00a0]+", " ", ln).strip() for ln in lines]
    return "\n".join(ln for ln in out if ln)
