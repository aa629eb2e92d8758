"""Finishing an article: inherited affiliations, organs of state, and the plain record.

A person named as another person's aide shares that person's state; every agency that is
part of a state the article names gets a ``part_of`` edge; entities nobody mentions or
relates are dropped; each (source, relation, target, sentence) is kept once.
"""

from __future__ import annotations

from ..records import Extraction
from .state import ArticleState

__all__ = ["finish"]


def _first_sentence(d: ArticleState, key: str) -> int | None:
    mentions = d.mentions_of(key)
    first = mentions[0] if mentions else None
    return d.sent_of.get(first.start, 0) if first else None


def finish(d: ArticleState) -> Extraction:
    """The article's :class:`~graph.records.Extraction`."""
    # "President Jane Roe's chief of staff, John Doe": Doe shares Roe's state
    for key, other in list(d.person_state.items()):
        if other in d.entities and d.entities[other].kind == "person":
            state = d.person_state.get(other)
            if state and state != key:
                si = _first_sentence(d, key) or 0
                d.add_relation(
                    key, "affiliated_with", state, si, rule="finish.inherited", confidence=0.7
                )
    for key, state in d.part_of.items():
        if key in d.entities and state in d.entities:
            si = _first_sentence(d, key) or 0
            d.add_relation(key, "part_of", state, si, rule="finish.part_of", confidence=0.9)
    # known agencies of a state the article names are part of it
    for key, ent in d.entities.items():
        entry = d.vocab.entries.get(ent.vocab_id or "")
        if (
            entry
            and entry.country
            and entry.type in d.lx.state_body_types
            and entry.country in d.entities
            and key not in d.part_of
        ):
            si = _first_sentence(d, key)
            if si is not None:
                d.add_relation(
                    key, "part_of", entry.country, si, rule="finish.known_body", confidence=0.95
                )
    used = {r["source"] for r in d.relations} | {r["target"] for r in d.relations}
    entities = {
        key: ent.as_dict() for key, ent in d.entities.items() if ent.mentions or key in used
    }
    # one record per (source, relation, target, sentence)
    seen = set()
    relations = []
    for r in d.relations:
        sig = (r["source"], r["relation"], r["target"], r["evidence"]["start"])
        if sig in seen:
            continue
        seen.add(sig)
        relations.append(r)
    return Extraction(d.article_id, entities, relations)
