"""The SPARQL endpoint's public entry points; the implementation lives in ``hwgraph.serving``."""

from __future__ import annotations

from hwgraph.serving import Limits, SparqlServer, default_limits, make_server, serve, serve_in_thread

__all__ = ["Limits", "SparqlServer", "default_limits", "make_server", "serve", "serve_in_thread"]
