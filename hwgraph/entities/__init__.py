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
