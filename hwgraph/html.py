"""The HTML view under its first name: ``from hwgraph.html import write_html`` keeps working.

The page is drawn by the :mod:`hwgraph.views` package (model, view graph, layout, page).
"""

from hwgraph.views import MAX_NODES, VIEWS, HtmlReport, write_html

__all__ = ["MAX_NODES", "VIEWS", "HtmlReport", "write_html"]
