"""The terms and literals every part of the graph stage writes, made once."""

from __future__ import annotations

import hashlib
import json

from pyoxigraph import Literal, NamedNode
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from hwgraph.namespace import HW, OA
from hwgraph.types import Section


class _Nodes:
    """The NamedNodes of one closed namespace, each resolved once: a DefinedNamespace attribute
    lookup costs more than making the quad it goes into.
    """

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> NamedNode:
        node = NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


_HW, _OA, _RDF, _RDFS, _SKOS, _DCT, _PROV = (_Nodes(ns) for ns in (HW, OA, RDF, RDFS, SKOS, DCTERMS, PROV))

_XSD_INTEGER = NamedNode(str(XSD.integer))
_XSD_DATE = NamedNode(str(XSD.date))
_TRUE = Literal(True)
_FALSE = Literal(False)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_XSD_INTEGER)


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


def _hash(*parts: object) -> str:
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]


def _section_key(sec: Section) -> tuple:
    return (sec.start, sec.end, sec.label, sec.kind.value, sec.title_start, sec.recovered)
