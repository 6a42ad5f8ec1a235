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
from hwgraph.read import read_source
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
    "Member",
    "MemberSource",
    "Mention",
    "NotFoundError",
    "Program",
    "ProgramKind",
    "QueryError",
    "Removal",
    "RemovalKind",
    "Section",
    "SectionKind",
    "Source",
    "SourceFormat",
    "UnsupportedError",
    "analyse",
    "analyse_source",
    "analyse_text",
    "build_outline",
    "clean",
    "iter_sections",
    "read_source",
    "section_at",
    "split_documents",
]
