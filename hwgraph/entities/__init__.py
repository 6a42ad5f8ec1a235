"""Entities beyond structure: the policies a document cites, the quantitative targets it sets,
the organizations that act in it and which of them leads or joins each task.

Each extractor reads one :class:`~hwgraph.types.Document` (with its outline) and returns frozen
records whose ``start``/``end`` are verbatim source offsets:

* :func:`~hwgraph.entities.citations.find_citations` → :class:`~hwgraph.types.Citation`
* :func:`~hwgraph.entities.targets.find_targets` → :class:`~hwgraph.types.Target`
* :func:`~hwgraph.entities.organizations.find_organizations` → :class:`~hwgraph.types.Organization`
* :func:`~hwgraph.entities.responsibilities.find_responsibilities` →
  :class:`~hwgraph.types.Responsibility`
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hwgraph.entities.format import entities_table, entity_json
from hwgraph.types import Citation, Document, Organization, Responsibility, Target

__all__ = [
    "KINDS",
    "Entities",
    "EntityType",
    "collect_entities",
    "count_entities",
    "entities_table",
    "entity_json",
    "find_entities",
    "resolve_titles",
]


class EntityType(str, Enum):
    """The kinds of entity ``hwgraph entities --type`` selects."""

    CITATION = "citation"
    TARGET = "target"
    ORGANIZATION = "organization"
    RESPONSIBILITY = "responsibility"


@dataclass(frozen=True)
class Entities:
    """Everything the entity extractors found in one document."""

    document: Document
    citations: tuple[Citation, ...] = ()
    targets: tuple[Target, ...] = ()
    organizations: tuple[Organization, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()

    def __len__(self) -> int:
        return len(self.citations) + len(self.targets) + len(self.organizations) + len(self.responsibilities)


KINDS = ("citations", "targets", "organizations", "responsibilities")
"""The fields of :class:`Entities` that hold entities, in the order every count is reported."""


def count_entities(found: Iterable[Entities]) -> dict[str, int]:
    """How many entities of each kind (:data:`KINDS`) ``found`` holds."""
    counts = dict.fromkeys(KINDS, 0)
    for e in found:
        for kind in KINDS:
            counts[kind] += len(getattr(e, kind))
    return counts


def find_entities(document: Document) -> Entities:
    """Run every entity extractor on ``document``."""
    from hwgraph.entities.citations import find_citations
    from hwgraph.entities.organizations import find_organizations
    from hwgraph.entities.responsibilities import find_responsibilities
    from hwgraph.entities.targets import find_targets

    organizations = find_organizations(document)
    return Entities(
        document,
        tuple(find_citations(document)),
        tuple(find_targets(document)),
        tuple(organizations),
        tuple(find_responsibilities(document, organizations)),
    )


def collect_entities(
    paths: Iterable[str | Path],
) -> tuple[list[Entities], dict[str, Document], list[str], int]:
    """The entities of every document in ``paths`` (files or folders), the citation keys that name
    one of those documents, the one-line errors of files that could not be read, and the number
    of files."""
    from hwgraph.pipeline import analyse

    found: list[Entities] = []
    errors: list[str] = []
    files = 0
    for result in analyse(paths):
        files += 1
        if result.error is not None:
            errors.append(str(result.error))
        found.extend(find_entities(doc) for doc in result.documents)
    return found, resolve_titles(found, [e.document for e in found]), errors, files


def resolve_titles(found: Iterable[Entities], documents: Iterable[Document]) -> dict[str, Document]:
    """Citation key → the corpus document it names (see
    :func:`~hwgraph.entities.citations.resolve_citations`)."""
    from hwgraph.entities.citations import resolve_citations

    return resolve_citations([c for e in found for c in e.citations], list(documents))

