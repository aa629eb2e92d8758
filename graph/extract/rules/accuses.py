"""Accusations: who accuses whom, by every form news English uses.

- a cue verb: "Ruritania accused Freedonia of ...", "Freedonia was blamed by Ruritania";
- a cue noun: "accusations by Ruritania against Freedonia", "the blame on Freedonia";
- a cue adjective: "held Freedonia responsible", "Freedonia was behind the attack";
- a hostile name: "called Freedonia an aggressor";
- a reaction (:mod:`.reactions`): "summoned Freedonia's envoy over a Freedonian cyberattack";
- in a speaker's words (:mod:`.reported`): a hostile act, an act named by a noun, an act
  judged a violation, a victim of someone.

Each ``match_*`` function is pure and returns candidates (:mod:`.base`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..mentions import GROUP_SHAPE
from ..modality import denied_by_noun, future_or_negated, is_negated, modality
from ..quotes import in_quote
from ..state import ArticleState
from ..syntax import OBJ, SUBJ, actors, agent, speaker_for, subject
from .base import Candidate, Denial, Found
from .denies import match_verb as match_denial
from .frames import (
    actors_or_demonym,
    noun_arguments,
    object_modifiers,
    recent_author,
    verb_arguments,
)
from .incidents import incident_for

__all__ = [
    "accuse_other_side",
    "is_armed_group",
    "match_adjective",
    "match_name_calling",
    "match_noun",
    "match_verb",
]


def accuse_other_side(
    f: Found, sources: Iterable[str], accused: Iterable[str], si: int, modality: str
) -> None:
    """Each source accuses each accused actor, except those of its own state."""
    accused = f.actor_keys(accused)
    for s in f.actor_keys(sources):
        side = f.state_of(s)
        for a in accused:
            if a != s and (side is None or f.state_of(a) != side):
                f.edge(s, "accuses", a, si, modality)


def is_armed_group(d: ArticleState, key: str) -> bool:
    """Whether an entity is a non-state armed group: listed as one, named by its shape
    ("M99"), or called rebels, militias, fighters or the like."""
    ent = d.entities.get(key)
    if ent is None or ent.kind != "agency":
        return False
    entry = d.vocab.entries.get(ent.vocab_id or "")
    if entry is not None:
        return entry.type == "armed_group"
    if GROUP_SHAPE.fullmatch(ent.label):
        return True
    return any(w in a.lower() for a in ent.aliases | {ent.label} for w in d.lx.armed_words)


def match_verb(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania accused Freedonia", "Freedonia was blamed by Ruritania"."""
    f = Found(d)
    if is_negated(verb, d.lx):
        return f.items
    if verb.lemma_ in d.lx.disputing_verbs and any(
        c.dep_ in OBJ and c.lemma_.lower() in d.lx.claim_heads for c in verb.children
    ):
        # "Ruritania condemned Freedonia's allegations": a denial of the claim, not an
        # accusation of anyone
        return [
            Denial(c.sentence, c.source, c.explicit, c.modality, "denies.condemned_claim")
            if isinstance(c, Denial)
            else c
            for c in match_denial(d, si, verb, speakers)
        ]
    sources, targets = verb_arguments(d, f, verb, "accuses", speakers)
    if not sources:
        # "The charges allege that ...": the maker of the charges named before
        sources = [
            k
            for c in verb.children
            if c.dep_ == "nsubj" and c.lemma_.lower() in d.lx.cue("accuses", "nouns")
            for k in recent_author(d, c)
        ]
    mod = modality(d, verb, si)
    if _reciprocal(d, verb) and len(sources) > 1:
        # "Ruritania and Freedonia accused each other": each accuses every other
        for s in sources:
            for t in sources:
                if s != t:
                    f.edge(s, "accuses", t, si, mod)
        return f.items
    targets = f.actor_keys(targets)
    if not targets:
        # "alleged that Freedonia had armed the rebels": the clause's subject
        targets = f.actor_keys(
            [
                k
                for c in verb.children
                if c.dep_ == "ccomp"
                and c.lemma_ not in d.lx.reporting_verbs
                and not is_negated(c, d.lx)
                for s in c.children
                if s.dep_ == "nsubj"
                for k in actors(d, s)
                if k not in sources
            ]
        )
    if not targets:
        targets = object_modifiers(d, f, verb)  # "accused the Freedonian navy's ships"
    if not targets:
        # "... seized two boats. Ruritania condemned the seizure": the act's doer
        targets = [k for c in verb.children if c.dep_ in OBJ for k in recent_author(d, c)]
    accused = [t for t in targets if t not in sources]  # no one accuses themself
    for s in sources:
        for t in targets:
            if t != s:
                f.edge(s, "accuses", t, si, mod)
        f.items.extend(incident_for(d, si, verb, accused, mod))
    return f.items


def _reciprocal(d: ArticleState, verb) -> bool:
    """Whether a verb's object is "each other" or "one another"."""
    for c in verb.children:
        if c.dep_ in OBJ:
            # the object phrase up to its head: "each other (of lying)"
            words = " ".join(t.lower_ for t in c.subtree if t.i <= c.i)
            if words in d.lx.reciprocal_words:
                return True
    return False


def match_noun(d: ArticleState, si: int, noun, speakers: list[str]) -> list[Candidate]:
    """ "accusations by Ruritania against Freedonia", "charges by X that it was
    responsible", "put the blame on Freedonia", "pointed the finger at Freedonia"."""
    lx = d.lx
    f = Found(d)
    lemma = noun.lemma_.lower()
    sources, targets = noun_arguments(d, f, noun, "accuses")
    if lemma in lx.content_claim_nouns and not targets:
        # "charges by X that it was responsible": the claim's content names the accused
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp", "relcl"):
                for sub in child.children:
                    if sub.dep_ in SUBJ:
                        targets.extend(actors(d, sub))
        if lemma == "responsibility" and noun.dep_ in SUBJ:
            # "Responsibility for the blast lies with Freedonia"
            for c in noun.head.children:
                if c.dep_ == "prep" and c.lower_ in ("with", "on"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets.extend(actors(d, p))
            if targets and not sources:
                sources = speaker_for(d, noun, speakers) or list(speakers)
        if lemma == "finger":
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "at":
                    for p in c.children:
                        targets.extend(actors(d, p))
            if noun.head.lemma_ == "point":
                sources = subject(d, noun.head)
    if not targets:
        # "The accusation by Ruritania against Freedonia": the parser may nest the phrases
        for sub in noun.subtree:
            if sub.dep_ == "prep" and sub.lower_ == "against":
                for p in sub.children:
                    if p.dep_ == "pobj":
                        targets.extend(actors(d, p))
        if targets and not sources:
            for sub in noun.subtree:
                if sub.dep_ == "prep" and sub.lower_ == "by":
                    for p in sub.children:
                        if p.dep_ == "pobj":
                            sources.extend(actors(d, p))
    if lemma in lx.placed_nouns and noun.dep_ in OBJ:
        verb = noun.head  # "put the blame on Freedonia", "laid responsibility at its door"
        if verb.lemma_ in lx.placing_verbs:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in lx.placing_prepositions:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets.extend(actors(d, p))
            if targets and not sources:
                sources = subject(d, verb)
    if lemma in lx.trace_nouns:
        # "the blast bore the hallmarks of a Freedonian operation", in someone's words
        targets = [
            k
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
            for k in actors_or_demonym(d, f, p)
        ]
        sources = speaker_for(d, noun, speakers) or list(speakers)
    if lemma == "claim" and not targets:
        return f.items
    if not targets and lemma in lx.repeated_accusation_nouns and sources:
        # "an accusation the council has made for years" follows the accusation it names
        start = d.sents[si].start_char
        targets = [r["target"] for r in d.relations_at(start) if r["relation"] == "accuses"]
        if not targets:
            for tok in d.sents[si]:
                if tok.lemma_ in lx.cue("accuses", "verbs") and tok.i != noun.i:
                    for c in tok.children:
                        if c.dep_ in OBJ | {"nsubj"}:
                            targets.extend(k for k in actors(d, c) if k not in sources)
    sources = f.actor_keys(sources)
    targets = f.actor_keys(targets)
    mod = modality(d, noun, si)
    if (
        not targets
        and noun.dep_ in OBJ
        and noun.head.lemma_ in lx.reciprocal_verbs
        and not is_negated(noun.head, lx)
    ):
        # "Ruritania and Freedonia traded accusations": each accuses every other
        sources = f.actor_keys(subject(d, noun.head))
        targets = sources
    for s in sources:
        for t in targets:
            if s != t:
                f.edge(s, "accuses", t, si, mod)
    return f.items


def _blame_content_sources(d: ArticleState, f: Found, head) -> list[str]:
    """Who says that "X was behind it" when no speaker holds the clause: the maker of a
    claim noun it states, or the subject of a reporting verb above it."""
    lx = d.lx
    sources: list[str] = []
    h = head
    for _ in range(4):
        # "charges by X that it was responsible"
        if h.dep_ in ("acl", "ccomp", "relcl") and h.head.lemma_ in lx.cue("accuses", "nouns"):
            for c in h.head.children:
                if c.dep_ == "prep" and c.lower_ in lx.agent_prepositions:
                    for p in c.children:
                        sources = actors(d, p)
            break
        if h.head.i == h.i:
            break
        h = h.head
    if not sources and head.dep_ == "ccomp":
        # "Ruritania rejects Freedonian accusation it is behind the attacks": the clause
        # states the content of an accusation noun that is the object of the same verb
        for c in head.head.children:
            if c.dep_ in OBJ and c.lemma_.lower() in lx.cue("accuses", "nouns"):
                for sub in c.children:
                    if sub.dep_ in ("poss", "compound") or sub.i in d.modifier_state:
                        if sub.i in d.modifier_state:
                            sources.append(f.make_state(d.modifier_state[sub.i]))
                        else:
                            sources.extend(actors(d, sub))
                    elif sub.dep_ == "prep" and sub.lower_ in lx.agent_prepositions:
                        for p in sub.children:
                            sources.extend(actors(d, p))
    if not sources:
        # "no plausible alternative explanation to Freedonia having been behind it"
        h = head
        for _ in range(6):
            if h.lemma_ in lx.reporting_verbs and h.pos_ == "VERB":
                sources = subject(d, h)
                break
            if h.head.i == h.i:
                break
            h = h.head
    return sources


def match_adjective(d: ArticleState, si: int, tok, speakers: list[str]) -> list[Candidate]:
    """ "We do hold Freedonia culpable", "Freedonia was behind the attack", "it was
    responsible"."""
    lx = d.lx
    f = Found(d)
    accused: list[str] = []
    head = tok.head
    if tok.dep_ in ("oprd", "ccomp", "xcomp", "advcl") and head.lemma_ in lx.judging_verbs:
        for c in list(head.children) + list(tok.children):
            if c.dep_ in ("dobj", "obj", "nsubjpass") or (c.dep_ == "nsubj" and c.head.i == tok.i):
                accused = actors(d, c)
        if any(c.dep_ == "neg" for c in head.children):
            return f.items
        # "Freedonian troops were held responsible ... by the rights commission"
        sources = agent(d, head) or subject(d, head)
        if any(c.lower_ in lx.pronouns_first for c in head.children if c.dep_ == "nsubj"):
            sources = speaker_for(d, head, speakers) or speakers
        mod = modality(d, head, si)
        for s in f.actor_keys(sources):
            for t in f.actor_keys(accused):
                f.edge(s, "accuses", t, si, mod)
        return f.items
    if tok.dep_ not in ("acomp", "prep", "attr") or head.lemma_ not in lx.copulas:
        return f.items
    if is_negated(head, lx) and not in_quote(d, tok):
        return f.items
    if denied_by_noun(head, lx):
        return f.items
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            accused = actors(d, c)
    if not accused:
        # "to Freedonia having been behind the attack": the gerund's subject sits before
        k = head.i - 1
        while k >= 0 and d.doc[k].lower_ in lx.be_forms:
            k -= 1
        if k >= 0 and k in d.at:
            accused = [d.at[k].key]
    accused = f.actor_keys(accused)
    if not accused:
        return f.items
    sources = speaker_for(d, head, speakers) or _blame_content_sources(d, f, head)
    mod = modality(d, head, si)
    for s in f.actor_keys(sources):
        for t in accused:
            f.edge(s, "accuses", t, si, mod)
        if tok.lemma_ == "behind":
            f.items.extend(incident_for(d, si, tok, accused, "alleged"))
    return f.items


def _names_actor(d: ArticleState, tok) -> bool:
    """Whether an object names an actor itself ("Freedonia", "it", "which" after a name),
    not a thing an actor owns ("Freedonia's militias", "which" after them)."""
    while tok.lower_ in d.lx.relative_pronouns and tok.head.dep_ == "relcl":
        tok = tok.head.head
    return tok.i in d.at or tok.pos_ == "PRON"


def match_name_calling(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania called Freedonia a terrorist state", "branded it the aggressor": calling
    an actor a hostile name accuses it."""
    lx = d.lx
    f = Found(d)
    for verb in sent:
        if verb.lemma_ not in lx.naming_verbs:
            continue
        if verb.pos_ != "VERB" or is_negated(verb, lx) or future_or_negated(verb, lx):
            continue
        names = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr")]
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:  # "Zorro is designated a terrorist group by Ruritania"
            names += objs
            objs = []
        # "considers Freedonia a threat", parsed as a clause of its own
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "NOUN"]
        names += clauses
        names += [
            p
            for h in (verb, *objs)  # "as ..." on the verb, or parsed onto its object
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "as"
            for p in c.children
        ]
        if not any(
            n.lemma_.lower() in lx.accusatory_nouns
            or n.lower_ in lx.insult_adjectives
            or n.lower_ in lx.hostile_adjectives
            or any(
                a.dep_ in ("amod", "compound")
                and (a.lower_ in lx.hostile_adjectives or a.lemma_ in lx.hostile_verbs)
                for a in n.children
            )  # "a reckless state", "a hacking empire"
            for n in names
        ):
            continue
        # "branded the minister's speech immature": the act's author, not its setting
        owners = [p for c in objs if c.i not in d.at for p in c.children if p.dep_ == "poss"]
        targets = [k for p in owners for k in actors(d, p)]
        if not f.actor_keys(targets):
            targets = [k for c in objs if _names_actor(d, c) for k in actors(d, c)]
        if not f.actor_keys(targets):  # "called Freedonia reckless" parsed as one name
            targets += [
                k
                for n in names
                if n.dep_ == "oprd"
                for p in n.children
                if p.dep_ == "compound"
                for k in actors(d, p)
            ]
        if passive:
            targets = [k for c in passive for k in actors(d, c)]
        elif not f.actor_keys(targets):
            targets = [
                k for n in clauses for c in n.children if c.dep_ == "nsubj" for k in actors(d, c)
            ]
        if not f.actor_keys(targets):
            # "calling it a Freedonian fabrication": the name's own author
            targets = [k for n in names for k in actors_or_demonym(d, f, n) if n.i not in d.at]
        sources = agent(d, verb) if passive else subject(d, verb)
        if passive and not sources:  # the "by" phrase parsed onto the name
            sources = [
                k
                for n in names
                for c in n.children
                if c.dep_ == "prep" and c.lower_ == "by"
                for p in c.children
                if p.dep_ == "pobj"
                for k in actors(d, p)
            ]
        if any(c.lower_ in lx.pronouns_first for c in verb.children if c.dep_ == "nsubj"):
            sources = speaker_for(d, verb, speakers) or speakers
        accuse_other_side(f, sources, targets, si, modality(d, verb, si))
    return f.items


def scorn_trigger(d: ArticleState, tok, lemma: str) -> bool:
    """Whether ``tok`` is the verb of a scorn phrase ("lashed out", "took aim")."""
    if tok.pos_ != "VERB":
        return False
    for phrase in d.lx.scorn_verbs:
        head, _, rest = phrase.partition(" ")
        if head == lemma and (not rest or any(rest in (c.lower_, c.lemma_) for c in tok.children)):
            return True
    return False


def match_scorn(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Ruritania lashed out at Freedonia", "took aim at the Freedonian minister": an
    attack in words on the actor after the preposition."""
    lx = d.lx
    f = Found(d)
    if is_negated(verb, lx):
        return f.items
    heads = [verb, *(c for c in verb.children if c.dep_ in ("prt", "dobj", "advmod"))]
    targets = [
        k
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in lx.scorn_prepositions
        for p in c.children
        if p.dep_ == "pobj"
        for k in actors(d, p)
    ]
    sources = subject(d, verb)
    if any(c.lower_ in lx.pronouns_first for c in verb.children if c.dep_ == "nsubj"):
        sources = speaker_for(d, verb, speakers) or speakers
    accuse_other_side(f, sources, targets, si, modality(d, verb, si))
    return f.items
