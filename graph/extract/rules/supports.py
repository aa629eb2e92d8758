"""Support: who gives aid, arms or backing to whom ("Ruritania supplied arms to the
rebels", "Freedonia's support for the junta", "the militia receives backing from X").
Backing an armed group, in someone's words, is also their accusation of the backer.
"""

from __future__ import annotations

from ..modality import is_negated, modality
from ..state import ArticleState
from ..syntax import speaker_for
from .accuses import accuse_other_side, is_armed_group
from .base import Candidate, Found
from .frames import noun_arguments, verb_arguments

__all__ = ["match_noun", "match_verb"]


def match_verb(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania armed the rebels", "supplied drones to Freedonia"."""
    f = Found(d)
    if is_negated(verb, d.lx):
        return f.items
    sources, targets = verb_arguments(d, f, verb, "supports", speakers)
    mod = modality(d, verb, si)
    targets = f.actor_keys(targets)
    for s in sources:
        for t in targets:
            f.edge(s, "supports", t, si, mod)
    if any(is_armed_group(d, t) for t in targets):
        # "there are Ruritanian troops in the city supporting the rebels," said X
        accuse_other_side(f, speaker_for(d, verb, speakers), sources, si, mod)
    return f.items


def match_noun(d: ArticleState, si: int, noun, speakers: list[str]) -> list[Candidate]:
    """ "Freedonia's support for the junta", "the militia receives backing from X"."""
    f = Found(d)
    sources, targets = noun_arguments(d, f, noun, "supports")
    mod = modality(d, noun, si)
    for s in f.actor_keys(sources):
        for t in f.actor_keys(targets):
            f.edge(s, "supports", t, si, mod)
    return f.items
