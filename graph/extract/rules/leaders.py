"""Affiliations said by leadership and provenance: "a firm led by John Roe", "Jane Roe, who
chairs the Andean Forum", "the Zorro Front, whose founder, John Roe, ...", "Jane Roe of the
Andean Forum", "one of the border guards, John Roe", "John Roe's Zorro Front".

Each makes a person ``affiliated_with`` the body they lead, found, belong to or speak for.
The words are data: ``leadership_verbs``, ``founder_nouns`` and ``provenance_kinds`` of
``lexicon.yaml``.
"""

from __future__ import annotations

from ..modality import future_or_negated
from ..state import ArticleState
from ..syntax import OBJ, SUBJ, actors, subject
from .base import Candidate, Found

__all__ = [
    "match_bracketed_role",
    "match_led_by",
    "match_member_of_group",
    "match_of_body",
    "match_owned_body",
    "match_whose_leader",
]


def _people(f: Found, keys) -> list[str]:
    return [k for k in keys if f.kind(k) == "person"]


def _bodies(f: Found, keys, kinds: tuple[str, ...] = ("agency",)) -> list[str]:
    return [k for k in keys if f.kind(k) in kinds]


def _affiliate(f: Found, people, bodies, si: int) -> None:
    for p in dict.fromkeys(people):
        for b in dict.fromkeys(bodies):
            f.edge(p, "affiliated_with", b, si)


def match_led_by(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "a firm led by John Roe", "the front was founded by Jane Roe" (the agent leads the
    body); "Jane Roe, who chairs the Andean Forum", "John Roe heads the Zorro Front" (the
    subject leads the object)."""
    f = Found(d)
    if future_or_negated(verb, d.lx):
        return f.items
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        # "run by a former officer, John Roe": the named person beside the agent noun
        named = [c for a in agents for c in a.children if c.dep_ == "appos" and c.i in d.at]
        leaders = _people(f, [k for a in named or agents for k in actors(d, a)])
        if verb.dep_ in ("acl", "relcl"):
            body = verb.head
            led = _bodies(f, actors(d, body, conj=False))  # "a firm, X, led by Y"
            if not led and body.dep_ == "appos":
                led = _bodies(f, actors(d, body.head, conj=False))  # "X, a firm led by Y"
        else:
            led = _bodies(
                f, [k for c in verb.children if c.dep_ == "nsubjpass" for k in actors(d, c)]
            )
        _affiliate(f, leaders, led, si)
        return f.items
    objs = [c for c in verb.children if c.dep_ in OBJ]
    if not objs:
        return f.items
    led = _bodies(f, [k for o in objs for k in actors(d, o)])
    if verb.dep_ == "relcl" and any(c.dep_ in SUBJ and c.lower_ == "who" for c in verb.children):
        leaders = _people(f, actors(d, verb.head, conj=False))
    else:
        leaders = _people(f, subject(d, verb))
    _affiliate(f, leaders, led, si)
    return f.items


def match_whose_leader(d: ArticleState, si: int, noun, speakers: list[str]) -> list[Candidate]:
    """ "the Zorro Front, whose founder, John Roe, ...": the person named beside a leader
    noun owned by "whose" belongs to the body the relative clause is about."""
    f = Found(d)
    if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children):
        return f.items
    named = [k for c in noun.children if c.dep_ == "appos" for k in actors(d, c, conj=False)]
    if noun.dep_ == "appos":
        body = noun.head  # the parser hangs "whose founder" on the body itself
    elif noun.dep_ in SUBJ | OBJ and noun.head.dep_ in ("relcl", "acl"):
        body = noun.head.head
    else:
        return f.items
    _affiliate(f, _people(f, named), _bodies(f, actors(d, body, conj=False)), si)
    return f.items


def match_of_body(d: ArticleState, si: int, prep, speakers: list[str]) -> list[Candidate]:
    """ "Jane Roe of the Andean Forum said": a named person "of" a body or state speaks
    for it."""
    f = Found(d)
    head = prep.head
    if head.pos_ != "PROPN" or head.i not in d.at:
        return f.items
    people = _people(f, [d.at[head.i].key])
    if not people or d.at[head.i].end - 1 != head.i:
        return f.items
    bodies = _bodies(
        f,
        [k for p in prep.children if p.dep_ == "pobj" for k in actors(d, p, conj=False)],
        tuple(d.lx.provenance_kinds),
    )
    _affiliate(f, people, bodies, si)
    return f.items


def match_member_of_group(d: ArticleState, si: int, one, speakers: list[str]) -> list[Candidate]:
    """ "one of the border guards, John Roe", "John Roe, one of the rebels": the person
    named as one of a group belongs to it."""
    f = Found(d)
    groups = [
        k
        for c in one.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
        for k in actors(d, p, conj=False)
    ]
    groups = _bodies(f, groups)
    if not groups:
        return f.items
    named = [k for c in one.children if c.dep_ == "appos" for k in actors(d, c, conj=False)]
    if one.dep_ == "appos":
        named += actors(d, one.head, conj=False)
    _affiliate(f, _people(f, named), groups, si)
    return f.items


def match_owned_body(d: ArticleState, si: int, tok, speakers: list[str]) -> list[Candidate]:
    """ "John Roe's Zorro Front", "Mr Roe's Andean party": a person's own body (a
    group, party or movement, not a state) is the one they belong to."""
    f = Found(d)
    m = d.at.get(tok.i)
    body = d.at.get(tok.head.i)
    if m is None or body is None or m.key == body.key or d.doc[m.end - 1].i != tok.i:
        return f.items
    if f.kind(m.key) != "person" or f.kind(body.key) != "agency":
        return f.items
    if d.entities[body.key].group:
        return f.items  # "Roe's foreign ministry": a state's service, not the person's own
    _affiliate(f, [m.key], [body.key], si)
    return f.items


def match_bracketed_role(d: ArticleState, si: int, tok, speakers: list[str]) -> list[Candidate]:
    """ "Jane Roe (head of the Zorro Service's third section)": a role in brackets right
    after a name places the person in the bodies it names."""
    f = Found(d)
    lx = d.lx
    m = d.at.get(tok.i - 1)
    if m is None or f.kind(m.key) != "person" or m.end != tok.i:
        return f.items
    end = next(
        (k for k in range(tok.i + 1, min(len(d.doc), tok.i + 25)) if d.doc[k].text == ")"), None
    )
    if end is None:
        return f.items
    inside = d.doc[tok.i + 1 : end]
    if not any(t.lower_ in lx.title_words for t in inside[:4]):
        return f.items
    if any(t.lower_ in lx.former_words for t in inside):
        return f.items  # "(a former Zorro officer)": a past role
    bodies = [d.at[k].key for k in range(tok.i + 1, end) if k in d.at]
    _affiliate(f, [m.key], _bodies(f, bodies, ("agency",)), si)
    return f.items
