"""Draw the hwgraph knowledge graph as one self-contained, interactive HTML page (issue 5).

    RDF (file, store folder, rdflib.Graph or pyoxigraph.Store)
      -> _store.py     an in-memory pyoxigraph store; SPARQL over the union of all named graphs
      -> _model.py     small records: documents, sections, programs, uses, members, mentions;
         _model_entities.py  citations and cited policies, targets, organizations, responsibilities
      -> _builder.py   the nodes and edges of one view as a networkx DiGraph, with the details
                       panel's text (_text.py) and quotes in context (_sources.py);
         _entities.py  the entity nodes: cited policies, targets and organizations, tied to the
                       sections that name them, organizations to the tasks they lead or join
      -> _layout.py    positions: each outline a left-to-right tidy tree, programs in a lane
                       beside the sections that mention them, members beside their program,
                       entities in a lane of their own
      -> _page.py      vis-network (the 9.1.2 build pyvis ships), our data as escaped JSON, our
                       small UI script (hwgraph/data/html_app.js); physics off, so the first
                       draw is one frame

Why not pyvis's ``Network`` and template: the template links Bootstrap from a CDN (a network
request on every open), writes node data into ``<script>`` without escaping ``</script>``, and
``add_node`` is quadratic in the number of nodes. Only pyvis's copy of vis-network is used.

A view of several documents with more than ``OVERVIEW_NODES`` nodes (or any above ``max_nodes``)
opens on an overview (_overview.py): the documents on a ring and the programs at least two of them
share inside it, sized by use, at most ``OVERVIEW_BUDGET`` nodes. A click on a document opens its
outline with all its programs and entities, a click on a program its members, search reveals any
node; below ``max_nodes`` a button draws the whole view as before.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from hwgraph._io import write_bytes_atomic
from hwgraph.errors import GraphError
from hwgraph.views._builder import ViewBuilder
from hwgraph.views._model import Model, read_model
from hwgraph.views._overview import OVERVIEW_BUDGET, OVERVIEW_NODES, OverviewPlan, apply_overview
from hwgraph.views._page import page_data, render
from hwgraph.views._sources import Sources
from hwgraph.views._store import open_store
from hwgraph.views._text import CLASSES, ENTITY_CLASSES, PLURALS

__all__ = ["MAX_NODES", "OVERVIEW_BUDGET", "OVERVIEW_NODES", "VIEWS", "HtmlReport", "opens_on_overview", "write_html"]

VIEWS = ("corpus", "document", "programs")
MAX_NODES = 6000
"""Above this many nodes the page always opens on the overview and offers no whole drawing."""


@dataclass(frozen=True)
class HtmlReport:
    """What ``write_html`` drew: where, which view, and how many of each kind of node."""

    path: Path
    view: str
    nodes: int
    edges: int
    by_class: Mapping[str, int]
    aggregated: bool
    """True when the page opens on the overview (documents and shared programs)."""
    initially_drawn: int
    bytes: int
    skipped: int = 0
    shared_min: int = 0
    """On the overview: programs used by at least this many documents are drawn at open."""

    def summary(self) -> str:
        """One line for humans: ``wrote PATH: N nodes (…), M edges, view V``."""
        shown = [*CLASSES, *(k for k in ENTITY_CLASSES if self.by_class.get(k))]
        parts = ", ".join(f"{self.by_class.get(k, 0)} {PLURALS[k]}" for k in shown)
        agg = (
            f"; opens on an overview of {self.initially_drawn} nodes (documents and the programs"
            f" {self.shared_min} or more of them use; click or search for the rest)"
            if self.aggregated
            else ""
        )
        skip = f"; {self.skipped} unattached nodes left out" if self.skipped else ""
        return f"wrote {self.path}: {self.nodes} nodes ({parts}), {self.edges} edges, view {self.view}{agg}{skip}"



def _resolve_document(model: Model, document: str | None) -> str:
    """The IRI of the one document ``document`` names (IRI, title, or part of a title)."""
    titles = sorted(model.docs.values(), key=lambda d: (d.title, d.iri))
    if document is None:
        if len(titles) == 1:
            return titles[0].iri
        raise GraphError(
            f"the document view needs --document: the graph has {len(titles)} documents"
            f" (e.g. {', '.join(repr(d.title) for d in titles[:3])})"
        )
    for match in (
        lambda d: d.iri == document or d.title == document,
        lambda d: document in d.title,
    ):
        found = [d for d in titles if match(d)]
        if len(found) == 1:
            return found[0].iri
        if len(found) > 1:
            raise GraphError(
                f"--document {document!r} matches {len(found)} documents"
                f" ({', '.join(repr(d.title) for d in found[:3])}); give more of the title"
            )
    raise GraphError(
        f"no document titled {document!r} in the graph; titles start with:"
        f" {', '.join(repr(d.title[:20]) for d in titles[:5])}"
    )


def write_html(
    graph: ox.Store | rdflib.Graph | str | Path,
    out_path: str | Path,
    view: str = "corpus",
    document: str | None = None,
    max_nodes: int = MAX_NODES,
    overview: bool | None = None,
) -> HtmlReport:
    """Write one self-contained HTML page that draws ``graph`` and return what it drew.

    ``graph`` is a pyoxigraph store already in memory, an rdflib graph, an RDF file (.ttl, .trig,
    .nt, .nq, .jsonld) or a pyoxigraph store folder. ``view`` is ``corpus`` (every outline with
    its programs), ``document`` (one outline; ``document`` is its title, part of it, or its IRI)
    or ``programs`` (documents, programs and members, no outline). The page needs no network: vis-network, styles and data
    are inline. It is written atomically as UTF-8, and nothing else is written.

    ``overview`` chooses how the page opens: on the overview (True), whole (False), or by size
    (None): the overview when a view of two or more documents has more than ``OVERVIEW_NODES``
    nodes, or any view more than ``max_nodes``.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    with _gc_paused():
        return _write(graph, Path(out_path), view, document, max_nodes, overview)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a while. A page is built from a few hundred thousand
    small acyclic dicts and lists that all live until it is written; every full collection would
    rescan them all, and made the write time grow faster than the corpus (a quarter of the time
    at 16 MB). Whatever cycles are left are collected once it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def opens_on_overview(nodes: int, documents: int, view: str, max_nodes: int = MAX_NODES) -> bool:
    """The rule of ``overview=None``: too many nodes to read at once across several documents,
    or too many to draw whole at all."""
    return nodes > max_nodes or (view != "document" and documents >= 2 and nodes > OVERVIEW_NODES)


def _write(
    graph: ox.Store | rdflib.Graph | str | Path,
    out: Path,
    view: str,
    document: str | None,
    max_nodes: int,
    overview: bool | None,
) -> HtmlReport:
    model = read_model(open_store(graph))
    doc_iri = None
    if view == "document" or document is not None:
        doc_iri = _resolve_document(model, document)
    bases = [Path.cwd()]
    if isinstance(graph, (str, Path)):
        bases += [Path(graph).resolve().parent, Path(graph).resolve().parent.parent]
    builder = ViewBuilder(model, view, doc_iri, Sources(dict.fromkeys(bases)))
    g = builder.build()
    n = g.number_of_nodes()
    agg = opens_on_overview(n, len(builder.docs), view, max_nodes) if overview is None else overview
    plan = apply_overview(builder) if agg else None
    if view == "document" and doc_iri:
        title = f"hwgraph · {model.docs[doc_iri].title}"
    else:
        title = f"hwgraph · {len(builder.docs)} 份文件 · {view}"
    data = page_data(g, view, title, builder.docs, builder.ids, agg, builder.entities.shared)
    if plan is not None:
        data["overview"] = _overview_data(plan, whole=n <= max_nodes)
    by_class = Counter(a["cls"] for _, a in g.nodes(data=True))
    drawn = plan.shown if plan else n
    page = render(title, data).encode("utf-8")
    write_bytes_atomic(out, page)
    report = HtmlReport(
        path=out,
        view=view,
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        by_class=dict(sorted(by_class.items())),
        aggregated=agg,
        initially_drawn=drawn,
        bytes=len(page),
        skipped=model.skipped,
        shared_min=plan.min_docs if plan else 0,
    )
    # networkx keeps views of a graph on the graph (a reference cycle): emptied here, its records
    # are freed now rather than by a full collection over all of them once the collector is back.
    g.clear()
    return report


def _overview_data(plan: OverviewPlan, whole: bool) -> dict:
    """The page's ``overview`` block: what opens, how labels were shortened, the level legend,
    and whether the whole view may be drawn on request."""
    return {
        "min": plan.min_docs,
        "shown": plan.shown,
        "prefix": plan.prefix,
        "suffix": plan.suffix,
        "levels": [{"id": lv, "name": name, "n": n} for lv, name, n in plan.levels],
        "whole": whole,
    }
