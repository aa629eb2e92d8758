"""Pure lookups over the parse: who a token stands for, a verb's subject and objects,
whether a token sits inside a quotation, whose words a clause reports.

Nothing here writes to the article state: these functions only read what the earlier
stages found (mentions, roles, title bindings, speakers).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import ACTOR_KINDS
from .coref import (
    agency_antecedent,
    antecedent,
    body_antecedent,
    names_person,
    plural_antecedent,
    plural_pronoun_antecedent,
    role_antecedent,
    sole_state,
    title_state,
)
from .quotes import in_quote
from .state import ArticleState

__all__ = [
    "OBJ",
    "POSSESSIVE",
    "SUBJ",
    "actor_keys",
    "actors",
    "agent",
    "near_subtree",
    "objects",
    "speaker_for",
    "subject",
]

SUBJ = {"nsubj", "nsubjpass", "csubj"}
OBJ = {"dobj", "obj", "attr", "oprd", "dative"}
POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")  # "Hamas' leader" too


def _state_at(d: ArticleState, tok) -> bool:
    m = d.at.get(tok.i)
    return m is not None and d.entities[m.key].kind == "state"


def _listed_appos(d: ArticleState, tok, child) -> bool:
    """Whether an apposition is the rest of a list the parser hung on its first state:
    "Chile, Peru and Bolivia" read as "Chile" with "Peru and Bolivia" in apposition."""
    return (
        child.dep_ == "appos"
        and _state_at(d, tok)
        and _state_at(d, child)
        and any(g.dep_ == "conj" and _state_at(d, g) for g in child.children)
    )


def _coordinated_owners(d: ArticleState, m) -> list[str]:
    """The same service of the states coordinated before a mention: "Ruritanian and
    Freedonian troops" stands for both militaries."""
    out: list[str] = []
    suffix = m.key.split("-", 1)[-1] if m.key.startswith("agency:") else None
    k = m.start
    while suffix and k >= 2 and d.doc[k - 1].lower_ in ("and", "or", ","):
        left = d.at.get(k - 2)
        if left is None or left.end != k - 1 or not left.key.endswith("-" + suffix):
            break
        out.append(left.key)
        k = left.start
    return out


def _proxy_for(d: ArticleState, tok, depth: int) -> list[str]:
    """Whom an unnamed group acts for: "hackers linked to Ruritania", "a militia loyal to
    X", "agents working for X" (the participle's "to", "with" or "for" phrase); whose a
    tool is: "spyware from X"."""
    out: list[str] = []
    for child in tok.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("from", "by")
            and tok.lemma_.lower() in d.lx.product_nouns
        ):
            # "spyware from the Zorro Group", "malware made by X": its maker
            out.extend(
                k for p in child.children if p.dep_ == "pobj" for k in actors(d, p, depth + 1)
            )
            continue
        if child.dep_ == "prep" and child.lower_ == "with":
            # "hackers with ties to X", "a group with links to X"
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in d.lx.proxy_nouns:
                    for prep in noun.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
                            for p in prep.children:
                                if p.dep_ == "pobj":
                                    out.extend(actors(d, p, depth + 1))
            continue
        if child.dep_ not in ("acl", "amod") or child.lemma_.lower() not in d.lx.proxy_words:
            continue
        for prep in child.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with", "for"):
                for p in prep.children:
                    if p.dep_ == "pobj":
                        out.extend(actors(d, p, depth + 1))
    return out


def actors(d: ArticleState, tok, depth: int = 0, *, conj: bool = True) -> list[str]:
    """The entities a token stands for: its mention, a pronoun's antecedent, or a
    named modifier of a common noun ("the Ruritanian navy's ships")."""
    if tok is None or depth > 4:
        return []
    lx = d.lx
    out: list[str] = []
    m = d.at.get(tok.i)
    if m is not None:
        out.append(m.key)
        out.extend(_coordinated_owners(d, m))
    elif tok.lower_ in lx.pronouns_person:
        ref = antecedent(d, tok, "person")
        if ref:
            out.append(ref)
    elif tok.lower_ in lx.pronouns_thing:
        ref = antecedent(d, tok, "state")
        if ref:
            out.append(ref)
    elif tok.lower_ in lx.pronouns_plural:
        out.extend(plural_pronoun_antecedent(d, tok))  # "they", "them": a group, a list
    elif tok.lower_ in lx.relative_pronouns and tok.dep_ in SUBJ | {"dobj"}:
        head = tok.head
        while head.dep_ == "relcl" or head.dep_ == "conj":
            if head.dep_ == "relcl":
                return actors(d, head.head, depth + 1)
            head = head.head
    elif (
        tok.lower_ in lx.title_words
        and tok.i + 1 in d.at
        and d.entities[d.at[tok.i + 1].key].kind == "person"
    ):
        out.append(d.at[tok.i + 1].key)  # "army chief John Roe", parsed apart
    else:
        lower = tok.lower_
        for child in tok.children:
            # "Ruritania's president John Roe": the person, the most specific actor
            if (
                child.dep_ == "appos"
                and child.i in d.at
                and d.entities[d.at[child.i].key].kind == "person"
            ):
                out.append(d.at[child.i].key)
        if not out:
            for child in tok.children:
                if child.dep_ == "appos" and child.i in d.at and tok.i not in d.at:
                    out.append(d.at[child.i].key)  # "the Ruritanian intelligence service RIS"
        if not out and tok.tag_ in ("NNS", "NNPS"):
            # "countries in the region, including Ruritania and Freedonia"
            for t in tok.subtree:
                if t.lower_ in lx.inclusion_words and t.dep_ == "prep":
                    out.extend(
                        k for p in t.children if p.dep_ == "pobj" for k in actors(d, p, depth + 1)
                    )
        if out:
            pass
        elif tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in lx.plural_actor_nouns:
            out.extend(plural_antecedent(d, tok))  # "the three countries", "both sides"
        elif (
            lower in lx.numbers
            and tok.dep_ in SUBJ | OBJ
            and all(c.dep_ == "prep" for c in tok.children)
        ):
            out.extend(plural_antecedent(d, tok))  # "both deny it", "accused both of lying"
        elif lower in lx.country_nouns and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the":
            ref = antecedent(d, tok, "state")
            if ref:
                out.append(ref)
        elif (
            lower in lx.state_nouns
            and tok.i > 0
            and tok.doc[tok.i - 1].lower_ == "the"
            and tok.i not in d.at
            and not any(c.dep_ in ("amod", "compound", "poss", "prep") for c in tok.children)
        ):
            ref = sole_state(d, tok)  # "the government said", one state in sight
            if ref:
                out.append(ref)
        elif lower in lx.body_nouns and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the":
            ref = body_antecedent(d, tok) or agency_antecedent(d, tok)  # "the group", "the bloc"
            if ref:
                out.append(ref)
        elif (
            lower in lx.agency_nouns
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and not any(c.dep_ in ("amod", "compound", "poss") for c in tok.children)
        ):
            ref = agency_antecedent(d, tok)  # "the ministry said", "the rebels denied"
            if ref:
                out.append(ref)
        elif lower in lx.title_words or lower in lx.title_abbreviations:
            ref = role_antecedent(d, tok)  # "the minister said", "the Ruritanian premier"
            if ref:
                out.append(ref)
            elif (lower in lx.titles or lower in lx.title_abbreviations) and not names_person(
                d, tok
            ):
                # an office holder the article never names speaks for their state, as
                # "Ruritanian officials" do: "the Ruritanian foreign minister said"
                ref = title_state(d, tok)
                if ref:
                    out.append(ref)
        for child in tok.children if not out else ():
            if child.dep_ in ("poss", "compound", "nmod", "amod") and child.i in d.at:
                out.append(d.at[child.i].key)
        if not out and lower in lx.owned_body_nouns:
            # "its political bureau", "their armed wing": the owner a pronoun stands for
            for child in tok.children:
                if child.dep_ == "poss" and child.lower_ in lx.possessive_pronouns:
                    out.extend(actors(d, child, depth + 1))
        if not out and (lower in lx.title_words or tok.lemma_ in lx.voice_nouns):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in lx.owner_prepositions:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(actors(d, pobj, depth + 1))
    if not out and tok.pos_ == "NOUN" and tok.i not in d.at:
        out.extend(_proxy_for(d, tok, depth))
    if conj:
        for child in tok.children:
            if child.dep_ == "conj" or _listed_appos(d, tok, child):
                out.extend(actors(d, child, depth + 1))
    seen: list[str] = []
    for k in out:
        if k not in seen:
            seen.append(k)
    return seen


def subject(d: ArticleState, verb, depth: int = 0) -> list[str]:
    """The actors doing a verb: its subject, or the subject it shares in a chain."""
    if depth > 5:
        return []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return actors(d, child)
    if verb.dep_ == "relcl":
        for child in verb.children:
            if child.dep_ in ("nsubj",):
                return actors(d, child)
        return actors(d, verb.head)
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if verb.dep_ == "advcl" and marks:
        # "..., while Ruritania, its chief rival, is aligned with Freedonia": a clause
        # of its own; its subject is the first actor after the conjunction
        for k in range(marks[0].i + 1, verb.i):
            if k in d.at and d.entities[d.at[k].key].kind in ACTOR_KINDS:
                return [d.at[k].key]
        return []
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject(d, verb.head.head, depth + 1)  # "succeeded in hacking the phones"
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subject(d, verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.i != verb.i:
        return actors(d, verb.head)
    return []


def objects(d: ArticleState, verb, preps: Iterable[str] = ()) -> list[str]:
    """The actors of a verb's objects and of its ``preps`` phrases."""
    out: list[str] = []
    framed = False
    for child in verb.children:
        if child.dep_ in OBJ:
            if child.i not in d.at and child.lemma_.lower() in d.lx.suffered_nouns:
                continue  # "condemned X's killing": X suffered it; its author is not named
            out.extend(actors(d, child))
        elif child.dep_ == "prep" and child.lower_ in preps:
            framed = True
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(actors(d, pobj))
    if preps and not framed:
        # "blamed the attack on X": the frame's phrase parsed onto the object
        for child in verb.children:
            if child.dep_ == "dobj" and child.i not in d.at:
                for prep in child.children:
                    # not "of": "condemned the killing of X" names the victim
                    if prep.dep_ == "prep" and prep.lower_ in preps and prep.lower_ != "of":
                        out.extend(
                            k for p in prep.children if p.dep_ == "pobj" for k in actors(d, p)
                        )
    return out


def agent(d: ArticleState, verb) -> list[str]:
    """The actors of a passive verb's "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return actors(d, pobj)
    return []


def actor_keys(d: ArticleState, keys: Iterable[str]) -> list[str]:
    """The keys that are states, people or agencies (not incidents, not unknown)."""
    return [k for k in keys if d.entities.get(k) and d.entities[k].kind in ACTOR_KINDS]


def near_subtree(tok, *, before: int = 0, after: int = 30):
    """The tokens of tok's subtree within a window around it: what a cue can govern in
    a real sentence, and bounded work in a scraped page that is one endless sentence."""
    doc = tok.doc
    lo = max(tok.left_edge.i, tok.i - before)
    hi = min(tok.right_edge.i, tok.i + after)
    return [t for t in doc[lo : hi + 1] if t.i == tok.i or tok.is_ancestor(t)]


def speaker_for(d: ArticleState, tok, speakers: list[str]) -> list[str]:
    """The speaker whose words hold tok: inside a quote, or in a reported clause."""
    if not speakers:
        return []
    si = d.sent_of.get(tok.i)
    if si in d.voice:
        return d.voice[si]
    if in_quote(d, tok):
        return speakers
    head = tok
    for _ in range(6):
        if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_ in d.lx.reporting_verbs:
            return subject(d, head.head) or speakers
        if head.head.i == head.i:
            break
        head = head.head
    return []
