"""The canonical lexicon of well-known named programs (ontology/lexicon.ttl), loaded once.

The lexicon is a SKOS concept scheme: one ``skos:Concept`` per sense of a name, its members as an
ordered ``hwl:memberList``, and ``hwl:context`` words for names with several senses (四早 in
infectious-disease control vs chronic disease). :func:`resolve` picks the sense a mention means
from the words around it, or none when the context does not decide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, SKOS

from hwgraph._paths import ontology_file
from hwgraph.errors import GraphError

LEXICON_IRI = "https://w3id.org/hwgraph/lexicon/"
HWL = Namespace(LEXICON_IRI)
LEXICON_PATH = ontology_file("lexicon.ttl")

_QUOTES = re.compile(r"[“”\"'‘’「」『』\s]")


@dataclass(frozen=True)
class Sense:
    """One meaning of a lexicon name: its members in canonical order and where they were checked."""

    iri: str
    label: str
    members: tuple[str, ...]
    context: tuple[str, ...] = ()  # words that select this sense; empty: the only sense, always meant
    source: str = ""
    note: str = ""


def program_key(name: str) -> str:
    """The stable key of a program name: NFKC-folded (1＋N = 1+N), quotes and spaces gone, Latin lowercased."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name)).casefold()


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> dict[str, tuple[Sense, ...]]:
    """Every sense in the lexicon, by the key of each of its labels (preferred and alternative)."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise GraphError(f"{path}: cannot read the program lexicon: {e}; restore ontology/lexicon.ttl") from e
    senses: dict[str, list[Sense]] = {}
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
        sense = _sense(graph, concept)
        labels = [sense.label, *(str(o) for o in graph.objects(concept, SKOS.altLabel))]
        for label in labels:
            senses.setdefault(program_key(label), []).append(sense)
    return {k: tuple(v) for k, v in senses.items()}


def _sense(graph: Graph, concept: URIRef) -> Sense:
    label = str(graph.value(concept, SKOS.prefLabel) or "")
    node = graph.value(concept, HWL.memberList)
    members = tuple(str(m) for m in Collection(graph, node)) if node is not None else ()
    context = tuple(sorted(str(o) for o in graph.objects(concept, HWL.context) if isinstance(o, Literal)))
    return Sense(
        iri=str(concept),
        label=label,
        members=members,
        context=context,
        source=str(graph.value(concept, DCTERMS.source) or ""),
        note=str(graph.value(concept, SKOS.scopeNote) or ""),
    )


def lexicon_labels() -> list[str]:
    """The surface labels of the lexicon, longest first (for building a matcher)."""
    return sorted(load_lexicon(), key=lambda k: (-len(k), k))


def resolve(name: str, context: str) -> Sense | None:
    """The sense of ``name`` meant in ``context`` (the text around a mention), or None.

    A name with one sense and no context words always resolves. Otherwise the sense whose context
    words occur in ``context`` wins; a tie or no match leaves the name unresolved.
    """
    senses = load_lexicon().get(program_key(name), ())
    if len(senses) == 1 and not senses[0].context:
        return senses[0]
    scored = [(sum(w in context for w in s.context), s) for s in senses]
    scored = [(n, s) for n, s in scored if n]
    if not scored:
        return None
    best = max(n for n, _ in scored)
    top = [s for n, s in scored if n == best]
    return top[0] if len(top) == 1 else None


def is_ambiguous(name: str) -> bool:
    """True when the lexicon holds several senses of ``name`` or needs context words for it."""
    senses = load_lexicon().get(program_key(name), ())
    return len(senses) > 1 or any(s.context for s in senses)
