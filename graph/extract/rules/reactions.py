"""Accusations made by what a government does: "Ruritania summoned the Freedonian envoy over
a Freedonian cyberattack", "expelled diplomats in response to the blast", "protested a
flyover by a Freedonian plane", "called on Freedonia to refrain from such actions", "urged
Freedonia to stop", "severed relations with Freedonia over its hostile acts".

The rule keeps the name ``accuses.reaction``; its words are the ``reaction_verbs``,
``protest_verbs``, ``expulsion_verbs``, ``rupture_verbs``, ``exhortation_verbs`` and
``desist_verbs`` of ``lexicon.yaml``.
"""

from __future__ import annotations

from ..modality import future_or_negated, is_negated, modality
from ..state import ArticleState
from ..syntax import OBJ, actors, subject
from .accuses import accuse_other_side
from .base import Candidate, Found
from .frames import act_authors, object_modifiers

__all__ = ["match_reactions"]


def _reaction_targets(d: ArticleState, f: Found, verb) -> list[str]:
    """Whom a government's reaction is aimed at (see :func:`match_reactions`)."""
    lx = d.lx
    accused: list[str] = []
    if verb.lemma_ == "call" and any(
        c.dep_ == "xcomp" and c.lemma_ in lx.desist_verbs for c in verb.children
    ):
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "on":
                for p in c.children:
                    if p.dep_ == "pobj":
                        accused.extend(actors(d, p))
        return accused
    if verb.lemma_ in lx.exhortation_verbs:
        # "urged Freedonia to stop its raids", "demanded that Freedonia withdraw its
        # troops": what is to stop is hostile or armed ("urged X to abandon the plan" is not)
        for c in verb.children:
            if c.dep_ not in ("xcomp", "ccomp") or c.lemma_ not in lx.desist_verbs:
                continue
            if not any(
                (o.dep_ in OBJ or o.dep_ == "pobj")
                and (
                    o.lemma_.lower() in lx.incident_nouns
                    or o.lower_ in lx.collective_nouns
                    or any(a.lower_ in lx.hostile_adjectives for a in o.children)
                )
                for o in c.subtree
            ):
                continue
            if c.dep_ == "xcomp":
                accused.extend(k for o in verb.children if o.dep_ == "dobj" for k in actors(d, o))
            else:
                accused.extend(k for o in c.children if o.dep_ == "nsubj" for k in actors(d, o))
        return accused
    if verb.lemma_ not in lx.reaction_verbs and verb.lemma_ not in lx.rupture_verbs:
        return accused
    # the reason hangs on the verb or, as parsers often attach it, on the object
    reasons = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in lx.reason_prepositions]
    reasons += [
        c
        for o in verb.children
        if o.dep_ in OBJ
        for c in o.children
        if c.dep_ == "prep" and c.lower_ in lx.object_reason_prepositions
    ]
    # "summoned the envoy to protest the incursion": a purpose of protest is a reason
    reasons += [
        c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.lemma_ in lx.protest_verbs
    ]
    if verb.lemma_ in lx.protest_verbs:
        # "protested a flyover by a Freedonian plane", "protested to Freedonia over it"
        for c in verb.children:
            if c.dep_ in OBJ:
                accused.extend(act_authors(d, f, c) or object_modifiers(d, f, verb))
            elif c.dep_ == "prep" and c.lower_ in ("to", "with"):
                accused.extend(k for p in c.children if p.dep_ == "pobj" for k in actors(d, p))
    if reasons and verb.lemma_ in lx.rupture_verbs:
        # "severed diplomatic relations with Freedonia due to hostile actions"
        for c in verb.children:
            if c.dep_ in OBJ and c.lemma_ in lx.tie_nouns:
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "with":
                        accused.extend(
                            k for q in p.children if q.dep_ == "pobj" for k in actors(d, q)
                        )
    if reasons and verb.lemma_ in lx.expulsion_verbs:
        # "expels 18 Freedonian diplomats over a depot blast"
        for c in verb.children:
            if c.dep_ in OBJ:
                for m in c.subtree:
                    if m.i in d.modifier_state and m.dep_ in ("amod", "compound"):
                        accused.append(f.make_state(d.modifier_state[m.i]))
                        break
                    if m.dep_ in ("compound", "poss") and m.i in d.at:
                        key = d.at[m.i].key  # "expels Freedonia's envoy", "Freedonia envoy"
                        if f.kind(key) == "state":
                            accused.append(key)
                            break
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in lx.act_prepositions:
            continue
        for p in c.subtree:
            # the act reacted to, named with its author: "a Freedonian cyberattack"
            if p.pos_ == "NOUN" and p.lemma_.lower() in lx.incident_nouns:
                for m in p.children:
                    if m.i in d.modifier_state and m.dep_ in ("amod", "compound"):
                        accused.append(f.make_state(d.modifier_state[m.i]))
                    elif m.dep_ == "poss" or (m.dep_ == "compound" and m.i in d.at):
                        accused.extend(actors(d, m))
                break
    return accused


def match_reactions(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """Accusations a government makes by what it does: "Ruritania summoned the Freedonian
    envoy over a Freedonian cyberattack", "expelled diplomats in response to the blast",
    "called on Freedonia to refrain from such actions", "urged Freedonia to stop"."""
    lx = d.lx
    f = Found(d)
    for verb in sent:
        if verb.pos_ != "VERB" or is_negated(verb, lx) or future_or_negated(verb, lx):
            continue
        sources = f.actor_keys(subject(d, verb))
        if not sources:
            continue
        accused = _reaction_targets(d, f, verb)
        accuse_other_side(f, sources, accused, si, modality(d, verb, si))
    return f.items
