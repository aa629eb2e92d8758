"""Modality: whether a cue is negated, hedged, hypothetical or about the future.

One module owns these judgements and reads every word it needs from the lexicon
(``negators``, ``negating_verbs``, ``hedges``, ``hypothetical_auxiliaries``,
``future_auxiliaries``, ``wish_verbs`` ...). A relation's modality is ``asserted``,
``alleged`` ("reportedly", "suspected") or ``hypothetical`` ("may", a question).
"""

from __future__ import annotations

from .lexicon import Lexicon
from .state import ArticleState
from .syntax import near_subtree

__all__ = ["denied_by_noun", "future_or_negated", "is_negated", "modality"]


def is_negated(verb, lx: Lexicon) -> bool:
    """Whether a verb is negated: "did not accuse", "has neither confirmed nor denied",
    "refused to blame", "has yet to accuse" (but "never stopped attacking" affirms)."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in lx.negators:
            return True
    if verb.i > 0 and verb.doc[verb.i - 1].lower_ in lx.negators:
        return True  # "has neither confirmed nor denied"
    if verb.dep_ == "conj" and any(c.lower_ in lx.negators for c in verb.head.children):
        return True
    head = verb
    for _ in range(3):
        if head.dep_ in ("xcomp", "pcomp", "pobj", "prep") and head.head.i != head.i:
            head = head.head
            if head.lemma_ in lx.negating_verbs:
                # "it never ceased its hostile raids" affirms them
                return not any(c.dep_ == "neg" for c in head.children)
            if head.lower_ in lx.negating_adverbs or any(
                c.lower_ in lx.negating_adverbs for c in head.children
            ):
                return True
            if any(c.dep_ == "neg" for c in head.children) and (
                head.lemma_ not in lx.negation_transparent_verbs
            ):
                return True
        else:
            break
    text = verb.doc[max(0, verb.i - 3) : verb.i].text.lower()
    return any(phrase in text for phrase in lx.negating_phrases)


def modality(d: ArticleState, tok, si: int) -> str:
    """``hypothetical`` (a question, "may", "could"), ``alleged`` (a hedge word around
    the cue, "suspect", "allege") or ``asserted``."""
    sent = d.sents[si]
    lx = d.lx
    words = {t.lower_ for t in near_subtree(tok, before=8)} | {t.lower_ for t in tok.children}
    head = tok
    for _ in range(3):
        words |= {
            head.doc[k].lower_
            for k in range(max(0, head.i - 4), head.i)
            if head.doc[k].head.i == head.i and head.doc[k].dep_ in ("aux", "advmod", "neg")
        }
        if head.i != tok.i and head.lemma_ in lx.perception_verbs:
            words.add(head.lower_)
        if head.head.i == head.i:
            break
        head = head.head
    if d.doc_text[sent.start_char : sent.end_char].rstrip().endswith("?"):
        return "hypothetical"
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if aux & lx.hypothetical_auxiliaries:
        return "hypothetical"
    if si in d.headline and any(t.lower_ in lx.headline_hypothetical for t in sent):
        return "hypothetical"
    if words & lx.hedges or tok.lemma_ in lx.hedge_verbs:
        return "alleged"
    return "asserted"


def future_or_negated(tok, lx: Lexicon) -> bool:
    """Whether a membership or alliance word is wished for, future, possible or negated:
    "hopes to join", "will join", "a candidate member", "is not an ally"."""
    if tok.dep_ == "xcomp" and tok.head.lemma_ in lx.wish_verbs:
        return True  # "Freedonia hopes to join the alliance"
    head = tok
    for _ in range(3):
        for c in head.children:
            if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in lx.future_auxiliaries):
                return True
            if c.lemma_ in lx.future_markers:
                return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def denied_by_noun(tok, lx: Lexicon) -> bool:
    """ "There is no evidence that Ruritania was behind it": the claim is negated."""
    h = tok
    for _ in range(4):
        if h.head.i == h.i:
            return False
        h = h.head
        if h.lemma_.lower() in lx.negating_nouns and any(
            c.lower_ in lx.negating_determiners or c.dep_ == "neg" for c in h.children
        ):
            return True
    return False
