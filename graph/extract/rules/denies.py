"""Denials: who rejects whose claim.

A denial is found in two steps. While the sentences are read, a denial verb ("Freedonia
denied the accusations", "rejected Ruritania's claims") or a phrase that calls a claim false
in someone's words ("the allegations are baseless") gives a pending :class:`~.base.Denial`
with the accusers the sentence itself names. Once every accusation of the article is known,
:func:`match_denial_targets` gives each denial its targets: the accusers it names, else the
accusers of the denier's side (those before it first), else the speaker just before who
made "the accusations", else the incident the denier's side is accused of.
"""

from __future__ import annotations

import re

from ..modality import is_negated, modality
from ..state import ArticleState
from ..syntax import OBJ, SUBJ, actors, speaker_for, subject
from .base import Candidate, ClaimDenied, Denial, Edge, Found, Incident
from .frames import verb_arguments
from .incidents import incident_label

__all__ = [
    "DENIAL_REACH",
    "match_denial_targets",
    "match_phrases",
    "match_untrue",
    "match_verb",
]

# how many sentences away the accusation a denial answers may be, when the denial names
# no accuser (a news article's length; bounds the work in a long text)
DENIAL_REACH = 40


def match_verb(d: ArticleState, si: int, verb, speakers: list[str]) -> list[Candidate]:
    """ "Freedonia denied the accusations", "rejected Ruritania's claims", "an allegation
    Freedonia swiftly denied"; not "denied entry" (no claim is denied)."""
    lx = d.lx
    f = Found(d)
    if is_negated(verb, lx):
        return f.items
    sources, targets = verb_arguments(d, f, verb, "denies", speakers)
    mod = modality(d, verb, si)
    explicit: list[str] = f.actor_keys(targets)
    objects = [c for c in verb.children if c.dep_ in OBJ]
    claim_words = lx.involvement_nouns | lx.claim_nouns | lx.cue("accuses", "nouns")
    if objects and not any(
        o.lemma_.lower() in claim_words or o.i in d.at or o.lower_ in lx.claim_pronouns
        for o in objects
    ):
        return f.items  # "rejects Freedonia's right to exist", "denied entry": no claim
    if any(o.i in d.at for o in objects) and any(
        c.dep_ == "prep" and c.lower_ == "as" for h in (verb, *objects) for c in h.children
    ):
        return f.items  # "dismissed Freedonia as a puppet": a name called, not a denial
    for c in objects:
        for sub in c.children:
            if sub.dep_ == "poss" or (sub.dep_ == "compound" and sub.i in d.at):
                explicit.extend(actors(d, sub))
            elif sub.i in d.modifier_state and sub.dep_ in ("amod", "compound"):
                explicit.append(f.make_state(d.modifier_state[sub.i]))
            elif sub.dep_ == "prep" and sub.lower_ in lx.agent_prepositions:
                for p in sub.children:
                    if p.dep_ == "pobj":
                        explicit.extend(actors(d, p))
    if verb.dep_ == "relcl":
        # "an allegation Freedonia swiftly denied": the allegation's maker
        for c in verb.head.children:
            if c.dep_ == "prep" and c.lower_ in lx.agent_prepositions:
                for p in c.children:
                    explicit.extend(actors(d, p))
    explicit = [t for t in f.actor_keys(explicit) if t not in sources]
    denied = _denied_act(d, objects)
    if denied and sources and mod != "hypothetical":
        # "denied involvement in the attack": the act is a node a denial can answer
        f.items.append(Incident(denied, si, (), mod))
    for s in sources:
        f.items.append(Denial(si, s, tuple(explicit), mod))
    if any(o.lemma_.lower() in lx.cue("accuses", "nouns") for o in objects):
        f.items.append(ClaimDenied(si))
    return f.items


def _denied_act(d: ArticleState, objects) -> str | None:
    """The act a denial names: "denied the attack", "denied involvement in the blast"."""
    lx = d.lx
    for o in objects:
        nouns = [o] + [
            p
            for c in o.children
            if c.dep_ == "prep" and c.lower_ in ("in", "for", "of")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for n in nouns:
            if n.lemma_.lower() in lx.incident_nouns and n.pos_ == "NOUN" and n.i not in d.at:
                return incident_label(d, n)
    return None


def match_phrases(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """A speaker who calls a claim false denies it: "the charges are entirely without merit",
    "another unsubstantiated accusation against Freedonia"."""
    f = Found(d)
    if not speakers:
        return f.items
    lx = d.lx
    phrases = lx.denial_phrases
    text = sent.text.lower()
    if not any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases):
        return f.items
    phrase_tok = next((t for t in sent if any(t.lower_ == p.split()[0] for p in phrases)), sent[0])
    who: list[str] = list(d.voice.get(si, []))  # "Radio Ruritania cited X as saying ..."
    h = phrase_tok
    for _ in range(8 if not who else 0):
        if h.lemma_ in lx.reporting_verbs or h.lemma_ in lx.dismissing_verbs:
            who = f.actor_keys(subject(d, h))
            if who:
                break
        if h.head.i == h.i:
            break
        h = h.head
    if not who:
        who = speaker_for(d, phrase_tok, speakers) or speakers
    explicit: list[str] = []
    for tok in sent:
        if tok.lemma_.lower() in lx.claim_heads and tok.dep_ == "pobj" and tok.head.lower_ == "for":
            # "Ruritania is famous for unsubstantiated accusations like these"
            h = tok.head.head
            while h.dep_ in ("acomp", "advcl", "prep") and h.head.i != h.i:
                h = h.head
            for c in h.children:
                if c.dep_ in SUBJ:
                    explicit.extend(actors(d, c))
        elif tok.lemma_.lower() in lx.claim_heads:
            # "Ruritania's claims that ... were absurd": the claims' maker
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ == "compound" and c.i in d.at):
                    explicit.extend(actors(d, c))
                elif c.i in d.modifier_state and c.dep_ == "amod":
                    explicit.append(f.make_state(d.modifier_state[c.i]))
    for s in f.actor_keys(who):
        f.items.append(Denial(si, s, tuple(f.actor_keys(explicit)), "asserted", "denies.phrase"))
    return f.items


def match_untrue(d: ArticleState, si: int, sent, speakers: list[str]) -> list[Candidate]:
    """Saying a claim is not true denies it: "does not consider Roe's findings objective",
    "the report was not credible" (truth_adjectives said of a claim, negated)."""
    lx = d.lx
    f = Found(d)
    claims = lx.claim_nouns | set(lx.claim_heads) | set(lx.claim_documents)
    for tok in sent:
        if tok.lower_ not in lx.truth_adjectives or tok.dep_ == "conj":
            continue
        pred = tok.head if tok.dep_ in ("acomp", "attr") else tok
        claim = [c for c in pred.children if c.dep_ in SUBJ and c.lemma_.lower() in claims]
        judge = pred.head if pred.dep_ in ("ccomp", "xcomp", "oprd") else None
        if judge is not None and judge.lemma_ not in lx.judging_verbs:
            judge = None
        if not claim and judge is not None:  # "does not find the claims credible"
            claim = [c for c in judge.children if c.dep_ in OBJ and c.lemma_.lower() in claims]
        if not claim or not (is_negated(pred, lx) or (judge is not None and is_negated(judge, lx))):
            continue
        who = f.actor_keys(subject(d, judge)) if judge is not None else []
        h = judge if judge is not None else pred
        for _ in range(4):
            if who or h.head.i == h.i:
                break
            h = h.head
            if h.lemma_ in lx.reporting_verbs:
                who = f.actor_keys(subject(d, h))
        if not who:
            who = speaker_for(d, tok, speakers) or list(speakers)
        explicit = [
            k
            for c in claim
            for sub in c.children
            if sub.dep_ == "poss" or (sub.dep_ == "compound" and sub.i in d.at)
            for k in actors(d, sub)
        ]
        for s in f.actor_keys(who):
            targets = tuple(t for t in f.actor_keys(explicit) if t != s)
            f.items.append(Denial(si, s, targets, "asserted", "denies.untrue"))
    return f.items


def _side(d: ArticleState, source: str) -> set[str]:
    """The denier, its state, and every body and person of that state."""
    side = {source, d.state_of(source), d.person_state.get(source)} - {None}
    for key, state in d.part_of.items():
        if state in side:
            side.add(key)
    for key, state in d.person_state.items():
        if state in side or d.state_of(state) in side:
            side.add(key)
    return side


def match_denial_targets(d: ArticleState) -> list[Candidate]:
    """The targets of every pending denial (see the module docstring)."""
    accusations = [r for r in d.relations if r["relation"] == "accuses"]
    pending = d.pending_denials
    out: list[Candidate] = []
    # a speaker's denials in one paragraph share the accusers any of them names
    text = d.doc_text
    named: dict[tuple[str, int], list[str]] = {}
    for si, source, explicit, _, _ in pending:
        para = text.rfind("\n\n", 0, d.sents[si].start_char)
        named.setdefault((source, para), []).extend(explicit)
    for si, source, explicit, mod, rule in pending:
        weight = 1.0  # the accusers the denial names
        if not explicit:
            para = text.rfind("\n\n", 0, d.sents[si].start_char)
            shared = named.get((source, para), [])
            if shared:
                explicit = list(dict.fromkeys(shared))
                sides = set(explicit)
                explicit += [
                    p for p, st in d.person_state.items() if st in sides and p not in explicit
                ]
        side = _side(d, source)
        targets = [t for t in explicit if t not in side]  # never the denier's own body
        if not targets:
            weight = 0.75  # the accusers of the denier's side in the article
            start = d.sents[si].start_char
            # near the denial: a denial at the end of a report answers what it reports,
            # not every accusation of a month of copy before it
            lo = d.sents[max(0, si - DENIAL_REACH)].start_char
            hi = d.sents[min(len(d.sents) - 1, si + DENIAL_REACH)].start_char
            against = [
                r
                for r in accusations
                if r["target"] in side
                and r["source"] not in side
                and lo <= r["evidence"]["start"] <= hi
            ]
            before = [r for r in against if r["evidence"]["start"] <= start]
            for r in before or against:
                if r["source"] not in targets:
                    targets.append(r["source"])
        if not targets and si in d.claim_denials:
            weight = 0.7
            # "X said ... . Y denied the accusations": the speaker just before, of the other side
            for back in range(si - 1, max(-1, si - 4), -1):
                others = [k for k in d.speaker.get(back, []) if k not in side]
                others = [k for k in others if d.state_of(k) not in side]
                if others:
                    targets = others
                    break
        out.extend(Edge(source, "denies", t, si, mod, weight, rule) for t in targets)
        if not targets:
            # the act the denier's side is accused of, else the act the denial names
            by_verb = rule in ("", "denies.verb")  # the verb rule made the act it names a node
            incidents = [
                k
                for (isi, k, acc) in d.incidents
                if set(acc) & side or (by_verb and isi == si and not acc)
            ]
            out.extend(Edge(source, "denies", k, si, mod, 0.7, rule) for k in incidents[-1:])
    return out
