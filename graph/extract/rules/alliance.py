"""Alliances and memberships: ``member_of`` and ``allied_with``.

"NATO member states Ruritania and Freedonia", "Ruritania became a member of the
alliance", "Ruritania joins the bloc", "Ruritania is a close ally of Freedonia", "its
partner Freedonia", "aligned with Freedonia", "signed a defence pact", "a security pact
with Freedonia". Wished-for, future and negated ones are left out ("hopes to join").
"""

from __future__ import annotations

from collections.abc import Iterable

from ..coref import plural_antecedent
from ..modality import future_or_negated, is_negated, modality
from ..state import ArticleState
from ..syntax import OBJ, SUBJ, actors, subject
from .base import Candidate, Found
from .frames import verb_arguments

__all__ = [
    "match_aligned",
    "match_ally_noun",
    "match_founded",
    "match_membership",
    "match_normalised",
    "match_pact",
    "match_plural_allies",
    "match_signed",
    "match_verb",
    "qualified_pact",
]


def _ally_all(f: Found, first: Iterable[str], others: Iterable[str], si: int) -> None:
    """Each of ``first`` is allied with each of ``others``; people are never allies."""
    others = f.actor_keys(others)
    for a in f.actor_keys(first):
        for b in others:
            if "person" not in (f.kind(a), f.kind(b)):
                f.edge(a, "allied_with", b, si)


def _ally_each_other(f: Found, keys: Iterable[str], si: int) -> None:
    """Every two of ``keys`` are allied ("the three states", "signed by X, Y and Z")."""
    keys = list(dict.fromkeys(keys))
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            f.edge(a, "allied_with", b, si)


def match_verb(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania allied with Freedonia", "partnered with the bloc"."""
    f = Found(d)
    if is_negated(verb, d.lx):
        return f.items
    sources, targets = verb_arguments(d, f, verb, "allied_with", speakers)
    mod = modality(d, verb, si)
    for s in sources:
        for t in f.actor_keys(targets):
            if f.kind(t) in ("state", "agency"):
                f.edge(s, "allied_with", t, si, mod)
    return f.items


def _organisations(d: ArticleState, tok) -> list[str]:
    out = [k for k in actors(d, tok, conj=False) if d.entities[k].kind == "agency"]
    for child in tok.children:  # "NATO and EU partners": every organisation of the compound
        if child.dep_ in ("compound", "nmod") and child.i in d.at:
            out.extend(
                k
                for c in child.children
                if c.dep_ == "conj"
                for k in actors(d, c)
                if d.entities[k].kind == "agency" and k not in out
            )
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(
                        k for k in actors(d, pobj, conj=False) if d.entities[k].kind == "agency"
                    )
    return out


def _listed_members(d: ArticleState, tok, sent) -> list[str]:
    """The states listed right after a member noun: "member states Ruritania and Freedonia"."""
    lx = d.lx
    members: list[str] = []
    k = tok.i + 1
    while k < sent.end and d.doc[k].lower_ in lx.member_list_nouns:
        k += 1
    while k < sent.end:
        if k in d.at and d.entities[d.at[k].key].kind in ("state", "agency"):
            members.append(d.at[k].key)
            k = d.at[k].end
            continue
        if d.doc[k].lower_ in lx.list_joiners:
            k += 1
            continue
        break
    return members


def match_membership(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """ "NATO member states Ruritania and Freedonia", "Ruritania became a member of the
    bloc", "Ruritania, the newest NATO member", "Ruritania joins the alliance"."""
    doc, lx = d.doc, d.lx
    f = Found(d)
    member_nouns = lx.cue("member_of", "nouns")
    for tok in sent:
        if tok.lemma_ not in member_nouns or future_or_negated(tok, lx):
            continue
        orgs = _organisations(d, tok)
        if not orgs:
            # "NATO member states": the organisation may sit on a compound before
            k = tok.i - 1
            while k >= sent.start and doc[k].dep_ == "compound" and k not in d.at:
                k -= 1
            if k >= sent.start and k in d.at and d.entities[d.at[k].key].kind == "agency":
                orgs = [d.at[k].key]
        if not orgs:
            continue
        members = _listed_members(d, tok, sent)
        if not members:  # "Ruritania's NATO partners": the possessor is a member
            members = [
                k
                for c in tok.children
                if c.dep_ == "poss"
                for k in actors(d, c)
                if d.entities[k].kind == "state"
            ]
        if not members:
            if tok.dep_ in ("attr", "acomp", "oprd"):
                members = [
                    s for s in subject(d, tok.head) if d.entities[s].kind in ("state", "agency")
                ]
            elif tok.dep_ == "appos":
                # "Ruritania and Freedonia, fellow members of the bloc"
                members = [
                    s for s in actors(d, tok.head) if d.entities[s].kind in ("state", "agency")
                ]
            elif tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "VERB":
                # "Ruritania was elected as a member of the council", "serves as a member"
                verb = tok.head.head
                members = [
                    s
                    for c in verb.children
                    if c.dep_ in ("nsubj", "nsubjpass")
                    for s in actors(d, c)
                    if d.entities[s].kind in ("state", "agency")
                ]
        for org in orgs:
            for mem in members:
                if mem != org and d.entities[mem].kind == "state":
                    f.edge(mem, "member_of", org, si)
    for tok in sent:  # "the Zorro Pact, the defence partnership of Ruritania and Utopia"
        if tok.lemma_.lower() not in lx.body_nouns or tok.pos_ != "NOUN":
            continue
        orgs = []
        if tok.dep_ == "appos" and tok.head.i in d.at:
            orgs = [d.at[tok.head.i].key]
        orgs += [
            k
            for c in tok.children
            if c.dep_ in ("compound", "appos") and c.i in d.at
            for k in [d.at[c.i].key]
        ]
        orgs = [k for k in orgs if d.entities[k].kind == "agency"]
        members = [
            k
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
            for k in actors(d, p)
            if d.entities[k].kind == "state"
        ]
        for org in orgs:
            for mem in members:
                f.edge(mem, "member_of", org, si)
    for verb in sent:  # "The bloc comprises Ruritania, Freedonia and Utopia"
        if verb.pos_ != "VERB":
            continue
        phrasal = " ".join([verb.lemma_] + [c.lower_ for c in verb.children if c.dep_ == "prt"])
        if (
            (verb.lemma_ not in lx.membership_verbs and phrasal not in lx.membership_verbs)
            or verb.pos_ != "VERB"
            or is_negated(verb, lx)
        ):
            continue
        orgs = [k for k in subject(d, verb) if d.entities[k].kind == "agency"]
        if not orgs and verb.dep_ in ("acl", "advcl") and verb.tag_ in ("VBN", "VBG"):
            # "the Zorro Pact (ZP) - made up of X and Y": the body named just before
            before = [m for m in d.mentions_in(si, si) if m.end <= verb.i]
            if before and verb.i - before[-1].end <= 3:
                orgs = [k for k in [before[-1].key] if d.entities[k].kind == "agency"]
        listed = [c for c in verb.children if c.dep_ in OBJ]
        listed += [
            p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
        ]
        members = [k for c in listed for k in actors(d, c) if d.entities[k].kind == "state"]
        for org in orgs:
            for mem in members:
                f.edge(mem, "member_of", org, si)
    for tok in sent:
        joins = tok.lemma_ in lx.cue("member_of", "verbs")
        if (
            not (joins or tok.lemma_ in lx.belonging_verbs)
            or tok.pos_ != "VERB"
            or future_or_negated(tok, lx)
            or is_negated(tok, lx)
        ):
            continue
        subj = subject(d, tok)
        objs = [c for c in tok.children if c.dep_ in OBJ] if joins else []
        objs += [  # "belongs to the bloc"
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "to" and not joins
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for org in (k for c in objs for k in actors(d, c)):
            if d.entities[org].kind != "agency":
                continue
            for s in subj:
                if d.entities[s].kind == "state":
                    f.edge(s, "member_of", org, si)
                elif d.entities[s].kind == "person" and _stateless(d, f, org):
                    # "she joined the Zorro Front": a person's group is an affiliation
                    f.edge(s, "affiliated_with", org, si)
    return f.items


def _stateless(d: ArticleState, f: Found, key: str) -> bool:
    """Whether a body belongs to no state: an armed group, a movement, a party abroad."""
    entry = d.vocab.entries.get(d.entities[key].vocab_id or "")
    return f.state_of(key) is None and not (entry and entry.country)


def match_aligned(d: ArticleState, si: int, tok, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania is aligned with Freedonia", "aligned itself with the bloc"."""
    f = Found(d)
    subj = subject(d, tok) if tok.pos_ == "VERB" else []
    if not subj:
        for c in tok.children:
            if c.dep_ == "nsubjpass":
                subj = actors(d, c)
    if not subj:
        for c in tok.head.children if tok.dep_ in ("acomp",) else []:
            if c.dep_ in SUBJ:
                subj = actors(d, c)
        if not subj and tok.head.pos_ in ("AUX", "VERB"):
            subj = subject(d, tok.head)
    others: list[str] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                others.extend(actors(d, p))
    _ally_all(f, subj, others, si)
    return f.items


def match_plural_allies(d: ArticleState, si: int, tok, speakers: list[str]) -> list[Candidate]:
    """ "the two allies", "both partners": the actors of the list they stand for are
    allied with each other."""
    f = Found(d)
    if tok.tag_ not in ("NNS", "NNPS") or future_or_negated(tok, d.lx):
        return f.items
    if not any(c.lower_ in d.lx.numbers for c in tok.children):
        return f.items  # "its allies", "NATO allies": whose, or which, is not said
    if not any(c.lower_ in ("the", "both") for c in tok.children):
        return f.items  # "three partners X, Y and Z" names partners of someone else
    if _owned(d, tok):
        return f.items  # "both Ruritanian allies": allies of Ruritania (match_ally_noun)
    # "the two allies, Ruritania and Freedonia,": the list set off after them, else the
    # list they stand for before
    named = [
        k
        for c in tok.children
        if c.dep_ == "appos" or (c.dep_ == "conj" and c.i > 0 and d.doc[c.i - 1].text == ",")
        for k in actors(d, c)
    ]
    keys = named if len(set(named)) >= 2 else plural_antecedent(d, tok)
    _ally_each_other(f, [k for k in keys if f.kind(k) in ("state", "agency")], si)
    return f.items


def _owned(d: ArticleState, tok) -> bool:
    """Whether an ally noun says whose allies: "Ruritania's allies", "Ruritanian allies",
    "allies of Ruritania"."""
    for c in tok.children:
        if c.dep_ == "poss" or (
            c.dep_ in ("compound", "amod") and (c.i in d.modifier_state or c.i in d.at)
        ):
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "to"):
            return True
    return False


def match_ally_noun(d: ArticleState, si: int, tok, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania is a close ally of Freedonia", "Freedonia, Ruritania's closest ally",
    "its partner Freedonia"."""
    f = Found(d)
    if future_or_negated(tok, d.lx):
        return f.items
    named = [c for c in tok.children if c.dep_ == "appos"]
    every = any(c.lower_ in ("both", "all") for c in tok.children)  # "X and Y, both allies of Z"
    if named:  # "its ally Freedonia", "Ruritania's partner Freedonia"
        first = [k for c in named for k in actors(d, c, conj=False)]
    elif tok.dep_ == "attr":
        first = subject(d, tok.head)
    elif tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "NNS":
        # "Ruritania's two closest allies are ...": the pair named before
        first = plural_antecedent(d, tok)
    else:
        first = actors(d, tok.head, conj=every)
    others: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss":
            others.extend(actors(d, c))
        elif c.dep_ in ("compound", "amod") and c.i in d.modifier_state:
            others.append(f.make_state(d.modifier_state[c.i]))  # "a key Ruritanian ally"
        elif c.dep_ == "compound" and c.i in d.at and f.kind(d.at[c.i].key) == "state":
            others.append(d.at[c.i].key)  # "a key US ally"
        elif c.dep_ == "prep" and c.lower_ in ("of", "to"):
            for p in c.children:
                if p.dep_ == "pobj":
                    others.extend(actors(d, p))
    _ally_all(f, first, others, si)
    return f.items


def match_affiliate_noun(d: ArticleState, si: int, tok, speakers: list[str]) -> list[Candidate]:
    """ "the Zorro Front, an affiliate of the Andean Army", "the Andean Army's Peru chapter
    Zorro", "which claims to be the local branch of the Andean Army": two non-state groups,
    one a branch of the other, are allied."""
    f = Found(d)
    if future_or_negated(tok, d.lx):
        return f.items
    named = [c for c in tok.children if c.dep_ == "appos"]
    if named:
        first = [k for c in named for k in actors(d, c, conj=False)]
    elif tok.dep_ == "attr":
        first = subject(d, tok.head)
    elif tok.dep_ == "appos":
        first = actors(d, tok.head, conj=False)
    else:
        return f.items
    others: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss":
            others.extend(actors(d, c))
        elif c.dep_ == "prep" and c.lower_ == "of":
            others.extend(k for p in c.children if p.dep_ == "pobj" for k in actors(d, p))

    def group(k: str) -> bool:  # a body of no state: not a state's party, paper or army
        return f.kind(k) == "agency" and _stateless(d, f, k)

    _ally_all(f, [k for k in first if group(k)], [k for k in others if group(k)], si)
    return f.items


def match_signed(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania and Freedonia signed a military alliance": the signers are allied."""
    f = Found(d)
    lx = d.lx
    if is_negated(verb, lx) or future_or_negated(verb, lx):
        return f.items
    if not any(c.dep_ in OBJ and c.lemma_ in lx.pact_objects for c in verb.children):
        return f.items
    parties = f.actor_keys(subject(d, verb))
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                parties.extend(f.actor_keys(actors(d, p)))
    _ally_each_other(f, [p for p in parties if f.kind(p) != "person"], si)
    return f.items


def match_founded(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania and Freedonia formed the Northern League": the founders of a named
    alliance body are its members (the body's name ends in a founded-body noun)."""
    f = Found(d)
    lx = d.lx
    if is_negated(verb, lx) or future_or_negated(verb, lx):
        return f.items
    bodies = []
    for c in verb.children:
        key = d.at[c.i].key if c.dep_ in OBJ and c.i in d.at else None
        if key is None or f.kind(key) != "agency":
            continue
        words = d.entities[key].label.lower().split()
        if words[0] in lx.founded_body_heads or words[-1] in lx.founded_body_heads:
            bodies.append(key)  # "the Alliance of ...", "the Northern League"
    if not bodies:
        return f.items
    founders = [k for k in f.actor_keys(subject(d, verb)) if f.kind(k) in ("state", "agency")]
    for body in dict.fromkeys(bodies):
        for k in founders:
            if k != body:
                f.edge(k, "member_of", body, si)
    return f.items


def qualified_pact(d: ArticleState, tok, lemma: str) -> bool:
    """Whether a deal is a pact: "a peace deal", "a normalisation agreement", "a defence
    accord" (a trade deal is not)."""
    return lemma in d.lx.deal_nouns and any(
        c.dep_ in ("compound", "amod") and c.lower_ in d.lx.pact_qualifiers for c in tok.children
    )


def match_normalised(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Freedonia agreed to normalise its relations with Ruritania": the two are allied."""
    f = Found(d)
    lx = d.lx
    if is_negated(verb, lx) or future_or_negated(verb, lx):
        return f.items
    with_preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    for o in verb.children:
        if o.dep_ in OBJ and o.lemma_.lower() in lx.tie_nouns | {"relationship"}:
            with_preps += [c for c in o.children if c.dep_ == "prep" and c.lower_ == "with"]
    others = [k for c in with_preps for p in c.children if p.dep_ == "pobj" for k in actors(d, p)]
    first = subject(d, verb)
    _ally_all(
        f,
        [k for k in first if f.kind(k) == "state"],
        [k for k in others if f.kind(k) == "state"],
        si,
    )
    return f.items


def match_pact(d: ArticleState, si: int, noun, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania's security pact with Freedonia", "Ruritania has a defence pact with X"."""
    f = Found(d)
    if future_or_negated(noun, d.lx):
        return f.items
    others: list[str] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                if p.dep_ == "pobj":
                    others.extend(actors(d, p))
    between = [
        k
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "between"
        for p in c.children
        if p.dep_ == "pobj"
        for k in actors(d, p)
        if f.kind(k) == "state"
    ]
    if len(set(between)) >= 2:  # "a peace deal between Ruritania and Freedonia"
        _ally_each_other(f, between, si)
        return f.items
    if not others:
        # "the two countries' alliance", "their pact", "the Chile-Peru alliance": the
        # parties are the possessor or modifiers, when they are two or more states
        owners = [
            k
            for c in noun.children
            if c.dep_ in ("poss", "compound", "nmod")
            for k in actors(d, c)
            if f.kind(k) == "state"
        ]
        _ally_each_other(f, owners, si)  # nothing when fewer than two
        return f.items
    first: list[str] = []
    for c in noun.children:
        if c.dep_ == "poss":
            first = actors(d, c)
    if not first and noun.dep_ in OBJ and noun.head.lemma_ in d.lx.holding_verbs:
        first = subject(d, noun.head)
    _ally_all(f, first, others, si)
    return f.items
