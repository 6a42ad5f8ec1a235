"""hwgraph: the outline and named programs of Chinese health-policy documents, as a knowledge graph."""

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

# Stages that pull in rdflib, pyoxigraph or pyshacl load on first use, so `import hwgraph` and
# the outline command stay fast.
# (Functions named like their module get another name here: a submodule import would shadow them.)
_LAZY = {
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


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
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
