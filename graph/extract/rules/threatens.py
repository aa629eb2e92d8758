"""Threats: who threatens whom ("Ruritania threatened Freedonia with countermeasures",
"warned Freedonia of retaliation", "threatened to strike Freedonia", "drew a threat from
Ruritania"). "Warned" alone is no threat: only a warning of a threat noun is.
"""

from __future__ import annotations

from ..modality import is_negated, modality
from ..state import ArticleState
from ..syntax import objects
from .base import Candidate, Found
from .frames import noun_arguments, object_modifiers, verb_arguments

__all__ = ["match_noun", "match_verb"]


def match_verb(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "threatened Freedonia", "warned Freedonia of retaliation", "threatened to strike"."""
    lx = d.lx
    f = Found(d)
    if is_negated(verb, lx):
        return f.items
    sources, targets = verb_arguments(d, f, verb, "threatens", speakers)
    mod = modality(d, verb, si)
    targets = f.actor_keys(targets)
    if not targets:
        targets = object_modifiers(d, f, verb)  # "may attack Freedonian islands"
    if verb.lemma_.lower() == "warn" and not any(
        c.dep_ == "prep"
        and c.lower_ in lx.warning_prepositions
        and any(p.lemma_.lower() in lx.threat_nouns for p in c.children)
        for c in verb.children
    ):
        return f.items  # only "warned X of retaliation/countermeasures" is a threat to X
    if not targets:
        for c in verb.children:
            if c.dep_ == "xcomp":  # "threatened to strike Freedonia"
                targets = f.actor_keys(objects(d, c, lx.attack_prepositions))
    for s in sources:
        for t in targets:
            f.edge(s, "threatens", t, si, mod)
    return f.items


def match_noun(d: ArticleState, si: int, noun, speakers: list[str]) -> list[Candidate]:
    """ "a threat from Ruritania against Freedonia", "drawing a threat from Ruritania"."""
    f = Found(d)
    sources, targets = noun_arguments(d, f, noun, "threatens")
    mod = modality(d, noun, si)
    for s in f.actor_keys(sources):
        for t in f.actor_keys(targets):
            f.edge(s, "threatens", t, si, mod)
    return f.items
