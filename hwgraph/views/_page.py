"""The page itself: one HTML file with vis-network, our script and style, and the data as JSON.

Nothing in it can run but our two scripts (a Content-Security-Policy with their hashes) and nothing
is fetched from anywhere (``default-src 'none'``). Document text only ever reaches the page inside
the JSON data block, escaped so that no ``</script>`` or ``<!--`` can end it early; the page script
shows it through ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from hwgraph.views._layout import id_key
from hwgraph.views._model import Doc
from hwgraph.views._text import CLASSES, ENTITY_CLASSES

_SMOOTH_LIMIT = 1500  # curved edges cost a little per frame; straight above this many nodes


def json_for_script(data: object) -> str:
    """JSON that is safe inside a <script> element: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def escape_html(text: str) -> str:
    """``text`` safe in HTML text and quoted attributes."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def csp(*scripts: str) -> str:
    """A Content-Security-Policy that lets only our own two scripts run and loads nothing from
    anywhere: even text that slipped past escaping could neither execute nor call out."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:"


def asset(name: str) -> str:
    """The text of ``hwgraph/data/<name>``."""
    # Beside the package rather than importlib.resources, which fails on namespace-style editable installs.
    return (Path(__file__).parent.parent / "data" / name).read_text(encoding="utf-8")


def vis_js() -> str:
    """The vis-network 9.1.2 build pyvis ships, without its source map line."""
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    # The HTML parser turns CR and CRLF into LF; do it first so the CSP hash matches what runs.
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    # Open devtools would fetch the missing source map: a request, and an error in the console.
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)


def page_data(
    g: nx.DiGraph,
    view: str,
    title: str,
    docs: list[Doc],
    ids: Mapping[str, str],
    agg: bool,
    shared: Mapping[str, dict] | None = None,
) -> dict:
    """The page's data block: nodes with positions, edges, details, classes and documents."""
    nodes = []
    details = {}
    present = {a["cls"] for _, a in g.nodes(data=True)}
    classes = {**CLASSES, **{k: v for k, v in ENTITY_CLASSES.items() if k in present}}
    for nid in sorted(g.nodes, key=lambda n: id_key(n)):
        a = g.nodes[nid]
        node = {
            "id": nid,
            "label": a["label"],
            "group": a["group"],
            "x": a["x"],
            "y": a["y"],
            "title": a["title"],
            "cls": a["cls"],
            "full": a["full"],
            "d": a["d"],
        }
        for key in ("pr", "h", "ax", "ay", "sl", "lv", "k", "fs"):
            if a.get(key) is not None:
                node[key] = a[key]
        nodes.append(node)
        details[nid] = a["details"]
    edges = []
    for i, (u, v, a) in enumerate(sorted(g.edges(data=True), key=lambda e: (id_key(e[0]), id_key(e[1])))):
        edge = {"id": i, "from": u, "to": v, "kind": a["kind"]}
        if a.get("title"):
            edge["title"] = a["title"]
        if a.get("agg"):
            edge["agg"] = 1
        if a.get("far"):
            edge["far"] = 1
        edges.append(edge)
    page = {
        "view": view,
        "title": title,
        "aggregated": agg,
        "smooth": g.number_of_nodes() <= _SMOOTH_LIMIT,
        "classes": [{"id": k, "name": v} for k, v in classes.items()],
        "docs": [{"id": ids[d.iri], "title": d.title} for d in docs],
        "nodes": nodes,
        "edges": edges,
        "details": details,
    }
    if shared:
        page["lists"] = dict(shared)  # lists several panels show (``refs`` in their details)
    return page


def render(title: str, data: dict) -> str:
    """The whole page for ``data`` under ``title``."""
    vis = vis_js()
    # The overview's note lives in a file of its own but runs in the same script (one CSP hash).
    app_js = asset("html_note.js") + asset("html_app.js")
    parts = {
        "CSP": csp(vis, app_js),
        "TITLE": escape_html(title),
        "VIS_JS": vis,
        "APP_CSS": asset("html_app.css"),
        "APP_JS": app_js,
        "DATA": json_for_script(data),
    }
    # One pass: text substituted in is never scanned for placeholders again.
    return re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], asset("html_page.html"))
