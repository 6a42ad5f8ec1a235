"""Where the ontology files live: beside the package in a checkout, or installed under share/."""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "ontology"
_INSTALLED = Path(sys.prefix) / "share" / "hwgraph" / "ontology"  # pyproject's data-files


def ontology_file(name: str) -> Path:
    """Path of ``ontology/<name>``: the checkout's copy, else the one a wheel install put in share/."""
    for folder in (_CHECKOUT, _INSTALLED):
        if (folder / name).is_file():
            return folder / name
    return _CHECKOUT / name  # so an error names the place a developer would look
