"""Corpus analytics: the corpus in numbers and an offline report that compares its documents.

* :func:`hwgraph.analytics.stats.stats` (``hwgraph.stats``): documents by year, level and kind,
  every program with the documents that use it, indicators with their targets, cited policies;
  plain frozen dataclasses, the numbers of ``hwgraph stats --json``.
* :func:`hwgraph.analytics.compare.write_compare` (``hwgraph compare``): one self-contained HTML
  report with a program × document heat map, the diffusion of programs over years and levels,
  targets side by side, a co-occurrence network with communities, centrality and document
  similarity.

Both read the graph once through :mod:`hwgraph.analytics._model`; neither needs entities in the
graph (a graph built before the entities stage simply has no targets or citations).
"""
