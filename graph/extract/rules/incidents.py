"""Incidents: the event an accusation is about ("of planning acts of sabotage") becomes a
node, and the accused is ``involved_in`` it. Denials with no accuser to answer fall back
on the incident (:mod:`.denies`).
"""

from __future__ import annotations

import re

from ..state import ArticleState
from ..syntax import near_subtree
from .base import Candidate, Incident

__all__ = ["incident_for", "incident_label"]


def incident_for(
    d: ArticleState, si: int, cue, accused: list[str], modality: str
) -> list[Candidate]:
    """The incident named under an accusation's cue, if any, as a candidate."""
    lx = d.lx
    for tok in near_subtree(cue):
        if tok.lemma_.lower() in lx.incident_nouns and tok.pos_ == "NOUN" and tok.i not in d.at:
            label = incident_label(d, tok)
            if not label:
                continue
            return [Incident(label, si, tuple(accused), modality)]
    return []


def incident_label(d: ArticleState, noun) -> str | None:
    """A short name for an incident: the noun with its modifiers and its "of/in/against"
    phrases, no clauses, at most 10 words, quoted from the article's own text."""
    keep = {noun.i}
    for t in noun.subtree:
        h, ok = t, True
        while h.i != noun.i:
            infinitive = h.dep_ == "acl" and any(
                c.lower_ == "to" and c.dep_ == "aux" for c in h.children
            )
            hyphen = h.dep_ == "punct" and h.text in ("-", "\u2010", "\u2011") and not h.whitespace_
            if (
                h.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos", "punct", "cc", "conj")
                and not infinitive
                and not hyphen
            ) or (h.dep_ == "prep" and h.lower_ == "as"):  # "such operations | as illegal"
                ok = False
                break
            h = h.head
        if ok and not t.is_space:
            keep.add(t.i)
    # the longest run of consecutive tokens that contains the noun
    lo = hi = noun.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    while lo < noun.i and (
        (d.doc[lo].dep_ in ("det", "poss") and d.doc[lo].pos_ in ("DET", "PRON"))
        or d.doc[lo].lower_ in d.lx.anaphoric_determiners
    ):
        lo += 1
    hi = min(hi, lo + 9)
    start, end = d.doc[lo].idx, d.doc[hi].idx + len(d.doc[hi].text)
    text = re.sub(r"\s+", " ", d.text[start:end]).strip(" ,.;:\u201c\u201d\"'\u2018\u2019")
    return text if len(text) >= 4 else None
