"""Accusations made in a speaker's words without an accusing verb.

- a hostile act: "they attacked our ships", "Freedonian vessels illegally entered";
- an act named by a noun: "the destruction of Ruritania by Freedonian intelligence",
  "Freedonia's provocative acts";
- an act judged a violation: "Freedonia's decision is a serious violation of the treaty",
  "Freedonia was in breach of the deal";
- a victim of someone: "he became a target of the Freedonian government";

and, outside anyone's words, evidence of an act: "Ruritania obtained intelligence on a
plot by Freedonia" (the finder accuses the author).

The speaker accuses the actor; never an actor of the speaker's own state. Each
``match_*`` function is pure and returns candidates (:mod:`.base`).
"""

from __future__ import annotations

from ..modality import denied_by_noun, is_negated, modality
from ..state import ArticleState
from ..syntax import OBJ, actors, agent, speaker_for, subject
from .accuses import accuse_other_side
from .base import Candidate, Found
from .frames import actors_or_demonym, recent_author

__all__ = [
    "match_evidence",
    "match_hostile_content",
    "match_hostile_nouns",
    "match_judged_acts",
    "match_victims",
]


def match_hostile_nouns(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """In reported words, the agent of a hostile act named by a noun is accused:
    "the destruction of Ruritania by Freedonian intelligence", "Freedonia's attempts"."""
    f = Found(d)
    if not speakers:
        return f.items
    lx = d.lx
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        # "Freedonia's irresponsible behaviour", "its hostile actions"
        judged = any(c.dep_ == "amod" and c.lower_ in lx.hostile_adjectives for c in tok.children)
        if tok.lemma_.lower() in lx.involvement_accusation_nouns:
            # "evidence about the involvement of Freedonian agents": not when denied
            if tok.head.lemma_.lower() in lx.cue("denies", "verbs") or denied_by_noun(tok, lx):
                continue
            who = speaker_for(d, tok, speakers)
            involved = [
                k
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
                for k in actors(d, p)
            ]
            if who and modality(d, tok, si) != "hypothetical":
                accuse_other_side(f, who, involved, si, "alleged")
            continue
        # "X's interference", "X's espionage campaign": the possessor is the author
        agentive = tok.lemma_.lower() in lx.agentive_incident_nouns or any(
            c.dep_ == "compound" and c.lemma_.lower() in lx.agentive_incident_nouns
            for c in tok.children
        )
        if tok.lemma_.lower() not in lx.incident_nouns and not (judged or agentive):
            continue
        if tok.lemma_ in lx.neutral_incident_nouns and not agentive:
            continue
        who = speaker_for(d, tok, speakers)
        if not who:
            continue
        agents: list[str] = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for p in c.children:
                    if p.dep_ == "pobj":
                        agents.extend(actors(d, p))
            elif c.dep_ == "poss" and (judged or agentive):
                agents.extend(actors(d, c))
        if modality(d, tok, si) == "hypothetical":
            continue
        accuse_other_side(f, who, agents, si, "alleged")
    return f.items


def _reacts(d: ArticleState, verb) -> bool:
    """Whether a verb reacts to an act rather than doing it: a cue of accusing or
    denying ("condemned the coup", "denied the attack")."""
    lemma = verb.lemma_.lower()
    return lemma in d.lx.cue("accuses", "verbs") or lemma in d.lx.cue("denies", "verbs")


def match_hostile_content(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """In reported words, an actor said to carry out hostile acts is accused by the
    speaker: "The Freedonians use hybrid attacks", "their ships illegally entered"."""
    f = Found(d)
    if not speakers:
        return f.items
    lx = d.lx
    for tok in sent:
        if tok.pos_ != "VERB" or is_negated(tok, lx):
            continue
        who = speaker_for(d, tok, speakers)
        if not who:
            continue
        passive_agent = any(c.dep_ == "agent" for c in tok.children)
        hostile = tok.lemma_ in lx.hostile_verbs or (
            passive_agent and tok.lemma_ in lx.instigation_verbs
        )
        illegal = any(c.lower_ in lx.illegal_adverbs for c in tok.children)
        objs = [c for c in tok.children if c.dep_ in OBJ]
        # "committed acts of aggression": the object or what it is an act of
        heads = objs + [
            p
            for o in objs
            if o.lemma_ == "act"
            for c in o.children
            if c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        incident_obj = any(
            # an act done to someone ("avenge the killing of X", "described X's death") has
            # the verb's subject as its author only when the verb says so ("carried out")
            (
                o.lemma_.lower() in lx.incident_nouns
                and o.lemma_ not in lx.war_nouns
                and (
                    o.lemma_.lower() not in lx.suffered_nouns or tok.lemma_ in lx.instigation_verbs
                )
            )
            or any(c.dep_ == "amod" and c.lower_ in lx.hostile_adjectives for c in o.children)
            for o in heads
        )
        # "X had no right to trigger it": the one said to have no right is accused
        unentitled = tok.lemma_ == "have" and any(
            o.lemma_.lower() in lx.entitlement_nouns
            and any(c.dep_ == "det" and c.lower_ == "no" for c in o.children)
            for o in objs
        )
        if (
            incident_obj
            and not (hostile or illegal)
            and (_reacts(d, tok) or tok.lemma_.lower() in lx.incident_handling_verbs)
        ):
            continue  # "X condemned the coup", "X will investigate the attack": no deed
        if not (hostile or illegal or incident_obj or unentitled):
            continue
        found: list[str] = []
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        # "hackers linked to X had attacked", parsed as a clausal subject "linked to X"
        subjects += [
            p
            for c in tok.children
            if c.dep_ == "csubj" and c.lemma_.lower() in lx.proxy_words
            for prep in c.children
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with", "for")
            for p in prep.children
            if p.dep_ == "pobj"
        ]
        if not subjects and tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                # "X's attempts to bomb": the possessor of the attempt, not the noun ("a
                # plot to bomb planes bound for Y" says nothing of who)
                subjects = [c for c in tok.head.children if c.dep_ == "poss"]
            else:
                subjects = [tok.head]  # "two vessels illegally intruded" read as a participle
        if not subjects and tok.dep_ in ("xcomp", "conj"):
            # "the ministry, which keeps trying to inflame the public"; "X crossed the line and
            # attacked our troops": the verb shares its chain's subject
            found = subject(d, tok)
        if (
            not subjects
            and tok.dep_ == "pcomp"
            and tok.head.head.lemma_ in lx.admission_verbs
            and not is_negated(tok.head.head, lx)
        ):
            found = subject(d, tok.head.head)  # "X confessed to spying": the one who confessed
        if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children):
            subjects = []
            found = agent(d, tok)  # "fishermen had been attacked by the Freedonian navy"
        for c in subjects:
            found = actors(d, c) or recent_author(d, c)  # "... said the test violated X"
            if not found:
                for sub in c.subtree:
                    if sub.i in d.modifier_state and sub.head.lower_ in lx.private_person_nouns:
                        continue  # "a Freedonian tourist attacked": a private person's deed
                    if sub.i in d.modifier_state:
                        found = [f.make_state(d.modifier_state[sub.i])]
                        break
                    if sub.i in d.at:
                        found = [d.at[sub.i].key]
                        break
        mod = modality(d, tok, si)
        if mod == "hypothetical":
            continue  # "Freedonia may carry out attacks" is a forecast, not an accusation
        accuse_other_side(f, who, found, si, mod)
    return f.items


def _judged(d: ArticleState, noun) -> bool:
    """Whether a noun names an act that accuses its author: a hostile act ("a violation",
    "interference") or any act called hostile ("an illegal act")."""
    lx = d.lx
    lemma = noun.lemma_.lower()
    if lemma in lx.neutral_incident_nouns:
        return False
    return lemma in lx.incident_nouns or any(
        c.dep_ == "amod" and c.lower_ in lx.hostile_adjectives for c in noun.children
    )


def match_judged_acts(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """In reported words, an act called a violation accuses its author: "Freedonia's
    decision is an open violation of the pact", "Freedonia was in breach of the deal",
    "the move amounts to interference"."""
    f = Found(d)
    if not speakers:
        return f.items
    lx = d.lx
    for tok in sent:
        if tok.pos_ != "NOUN" or not _judged(d, tok):
            continue
        verb = None
        if tok.dep_ in ("attr", "dobj") and tok.head.lemma_ in lx.judging_copulas:
            verb = tok.head  # "is a violation", "amounts to interference" (pobj below)
        elif (
            tok.dep_ == "pobj"
            and tok.head.dep_ == "prep"
            and tok.head.lower_ in ("in", "to")
            and tok.head.head.lemma_ in lx.judging_copulas
        ):
            verb = tok.head.head  # "was in breach of", "amounts to interference"
        if verb is None or is_negated(verb, lx) or denied_by_noun(verb, lx):
            continue
        who = speaker_for(d, tok, speakers)
        if not who:
            continue
        accused: list[str] = []
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                accused = actors_or_demonym(d, f, c)
        mod = modality(d, verb, si)
        if mod != "hypothetical":
            accuse_other_side(f, who, accused, si, mod)
    return f.items


def match_victims(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """In reported words, "a target of X" or "a victim of X" accuses X."""
    f = Found(d)
    if not speakers:
        return f.items
    lx = d.lx
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.victim_nouns:
            continue
        who = speaker_for(d, tok, speakers)
        if not who:
            continue
        accused = [
            k
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
            for k in actors_or_demonym(d, f, p)
        ]
        mod = modality(d, tok, si)
        if mod != "hypothetical":
            accuse_other_side(f, who, accused, si, "alleged" if mod == "asserted" else mod)
    return f.items


def match_evidence(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """Whoever finds or holds evidence of an act by X accuses X: "investigators found
    evidence of a plot by Freedonia", "Ruritania obtained intelligence on a Freedonian
    attack"."""
    f = Found(d)
    lx = d.lx
    for tok in sent:
        if tok.pos_ != "NOUN" or not _judged(d, tok):
            continue
        authors = [
            k
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for p in c.children
            if p.dep_ == "pobj"
            for k in actors(d, p)
        ] or [
            k
            for c in tok.children
            if c.dep_ in ("poss", "compound", "amod")
            for k in (
                [f.make_state(d.modifier_state[c.i])] if c.i in d.modifier_state else actors(d, c)
            )
        ]
        if not authors:
            continue
        if tok.dep_ != "pobj" or tok.head.lower_ not in lx.evidence_prepositions:
            continue
        above = tok.head.head  # "evidence | of a plot", "obtained intelligence | on a plot"
        if above.lemma_.lower() in lx.evidence_nouns and above.dep_ in OBJ:
            verb = above.head
        elif any(c.dep_ in OBJ and c.lemma_.lower() in lx.evidence_nouns for c in above.children):
            verb = above
        else:
            continue
        if verb.lemma_ not in lx.finding_verbs or is_negated(verb, lx):
            continue
        if denied_by_noun(tok, lx):
            continue
        finders = [
            k for c in verb.children if c.dep_ == "nsubj" for k in actors_or_demonym(d, f, c)
        ]
        mod = modality(d, verb, si)
        if mod != "hypothetical":
            accuse_other_side(f, finders, authors, si, "alleged" if mod == "asserted" else mod)
    return f.items
