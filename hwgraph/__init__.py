"""hwgraph: the outline and named programs of Chinese health-policy documents, as a knowledge graph."""

from __future__ import annotations

import sys
import types

# typing.TYPE_CHECKING without importing typing (2 ms of every `hwgraph query`); type checkers
# read this spelling the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from hwgraph.clean import clean
    from hwgraph.errors import (
        DecodeError,
        GraphError,
        HwgraphError,
        InputError,
        NotFoundError,
        QueryError,
        UnsupportedError,
    )
    from hwgraph.outline import build_outline, iter_sections, section_at
    from hwgraph.pipeline import FileResult, analyse, analyse_source, analyse_text
    from hwgraph.reading import read_source
    from hwgraph.split import split_documents
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
        Removal,
        RemovalKind,
        Section,
        SectionKind,
        Source,
        SourceFormat,
    )

# Everything loads on first use, so `import hwgraph` costs nothing and a command imports only the
# modules it runs (`hwgraph query` neither the extraction stages nor rdflib).
# (Functions named like their module get another name here: a submodule import would shadow them.)
_LAZY = {
    "clean": ("hwgraph.clean", "clean"),
    **{name: ("hwgraph.errors", name) for name in (
        "DecodeError", "GraphError", "HwgraphError", "InputError", "NotFoundError", "QueryError",
        "UnsupportedError")},
    "build_outline": ("hwgraph.outline", "build_outline"),
    "iter_sections": ("hwgraph.outline", "iter_sections"),
    "section_at": ("hwgraph.outline", "section_at"),
    "FileResult": ("hwgraph.pipeline", "FileResult"),
    "analyse": ("hwgraph.pipeline", "analyse"),
    "analyse_source": ("hwgraph.pipeline", "analyse_source"),
    "analyse_text": ("hwgraph.pipeline", "analyse_text"),
    "read_source": ("hwgraph.reading", "read_source"),
    "split_documents": ("hwgraph.split", "split_documents"),
    **{name: ("hwgraph.types", name) for name in (
        "AdminLevel", "CleanText", "DocKind", "Document", "Gap", "Member", "MemberSource", "Mention",
        "Program", "ProgramKind", "Removal", "RemovalKind", "Section", "SectionKind", "Source",
        "SourceFormat")},
    "build_corpus": ("hwgraph.build", "build"),
    "build_graph": ("hwgraph.graph", "build_graph"),
    "find_programs": ("hwgraph.programs", "find_programs"),
    "KnowledgeGraph": ("hwgraph.library", "KnowledgeGraph"),
    "load": ("hwgraph.library", "load"),
    "Rows": ("hwgraph.library", "Rows"),
    "to_networkx": ("hwgraph.library", "to_networkx"),
    "to_pyvis": ("hwgraph.library", "to_pyvis"),
    "open_store": ("hwgraph.store", "open_store"),
    "run_query": ("hwgraph.query", "run_query"),
    "stats": ("hwgraph.analytics.stats", "stats"),
    "validate_graph": ("hwgraph.validate", "validate"),
    "write_html": ("hwgraph.views", "write_html"),
}


class _Package(types.ModuleType):
    """The package module: ``hwgraph.clean`` stays the function once the submodule is imported.

    Importing a submodule binds it on its package; with ``clean`` imported lazily the module
    ``hwgraph.clean`` would then shadow the function (it stays reachable in ``sys.modules``).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "clean" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> object:
    """The public name ``name``, imported from its module on first use."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hwgraph' has no attribute {name!r}")


__all__ = [
    "AdminLevel",
    "CleanText",
    "DecodeError",
    "DocKind",
    "Document",
    "FileResult",
    "Gap",
    "GraphError",
    "HwgraphError",
    "InputError",
    "KnowledgeGraph",
    "Member",
    "MemberSource",
    "Mention",
    "NotFoundError",
    "Program",
    "ProgramKind",
    "QueryError",
    "Removal",
    "RemovalKind",
    "Rows",
    "Section",
    "SectionKind",
    "Source",
    "SourceFormat",
    "UnsupportedError",
    "analyse",
    "analyse_source",
    "analyse_text",
    "build_corpus",
    "build_graph",
    "build_outline",
    "clean",
    "find_programs",
    "iter_sections",
    "load",
    "open_store",
    "read_source",
    "run_query",
    "section_at",
    "split_documents",
    "stats",
    "to_networkx",
    "to_pyvis",
    "validate_graph",
    "write_html",
]
