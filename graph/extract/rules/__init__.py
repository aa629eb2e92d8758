"""The relation rules, registered in one place and run in the order listed here.

Each sentence is read in three steps: the sentence rules of :data:`BEFORE`, then every
token against each rule of :data:`TOKEN_RULES` whose trigger fires on it, then the
sentence rules of :data:`AFTER`. A rule's matcher is pure and returns candidates; the
candidates of each match are written (:func:`~.base.annotate`) before the next rule runs,
so a later rule sees what an earlier one found in the same sentence. Denials get their
targets after every sentence is read and roles are complete
(:func:`resolve_denials`).

Families: :mod:`.accuses` (and :mod:`.reported`, accusations in a speaker's words),
:mod:`.denies`, :mod:`.alliance`, :mod:`.supports`,
:mod:`.threatens` and :mod:`.incidents`; the argument frames they share are in
:mod:`.frames`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..state import ArticleState
from . import accuses, alliance, denies, reported, supports, threatens
from .base import Candidate, annotate

__all__ = ["AFTER", "BEFORE", "TOKEN_RULES", "TokenRule", "apply_rules", "resolve_denials"]

SentenceMatcher = Callable[[ArticleState, int, object, list], list[Candidate]]


class TokenRule(NamedTuple):
    """A rule tried on every token: ``trigger(d, tok, lemma)`` says whether it applies."""

    name: str
    trigger: Callable[[ArticleState, object, str], bool]
    match: Callable[[ArticleState, int, object, list], list[Candidate]]


def _verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ in ("VBZ",))


def _noun(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound"


def _cue(relation: str, part: str, shape: Callable[[object], bool]):
    def trigger(d: ArticleState, tok, lemma: str) -> bool:
        return shape(tok) and lemma in d.lx.cue(relation, part)

    return trigger


def _ally_noun(d: ArticleState, tok, lemma: str) -> bool:
    return (
        lemma in d.lx.cue("allied_with", "nouns")
        and tok.pos_ == "NOUN"
        and (tok.dep_ in ("attr", "appos") or any(c.dep_ == "appos" for c in tok.children))
    )


def _aligned(d: ArticleState, tok, lemma: str) -> bool:
    return lemma in d.lx.cue("allied_with", "adjectives") or (
        lemma == "align" and tok.pos_ == "VERB"
    )


BEFORE: tuple[SentenceMatcher, ...] = (alliance.match_membership,)

TOKEN_RULES: tuple[TokenRule, ...] = (
    TokenRule("accuses.verb", _cue("accuses", "verbs", _verb), accuses.match_verb),
    TokenRule("denies.verb", _cue("denies", "verbs", _verb), denies.match_verb),
    TokenRule("supports.verb", _cue("supports", "verbs", _verb), supports.match_verb),
    TokenRule("threatens.verb", _cue("threatens", "verbs", _verb), threatens.match_verb),
    TokenRule("alliance.verb", _cue("allied_with", "verbs", _verb), alliance.match_verb),
    TokenRule("accuses.noun", _cue("accuses", "nouns", _noun), accuses.match_noun),
    TokenRule("supports.noun", _cue("supports", "nouns", _noun), supports.match_noun),
    TokenRule("threatens.noun", _cue("threatens", "nouns", _noun), threatens.match_noun),
    TokenRule(
        "accuses.adjective",
        _cue("accuses", "adjectives", lambda t: t.pos_ in ("ADJ", "ADP", "ADV")),
        accuses.match_adjective,
    ),
    TokenRule("alliance.aligned", _aligned, alliance.match_aligned),
    TokenRule("alliance.ally_noun", _ally_noun, alliance.match_ally_noun),
    TokenRule(
        "alliance.plural_allies",
        lambda d, tok, lemma: lemma in d.lx.cue("allied_with", "nouns") and tok.pos_ == "NOUN",
        alliance.match_plural_allies,
    ),
    TokenRule(
        "alliance.signed",
        lambda d, tok, lemma: lemma in d.lx.signing_verbs and tok.pos_ == "VERB",
        alliance.match_signed,
    ),
    TokenRule(
        "alliance.pact",
        lambda d, tok, lemma: lemma in d.lx.pact_nouns and tok.pos_ == "NOUN",
        alliance.match_pact,
    ),
)

AFTER: tuple[SentenceMatcher, ...] = (
    reported.match_hostile_content,
    reported.match_hostile_nouns,
    reported.match_judged_acts,
    reported.match_victims,
    accuses.match_reactions,
    accuses.match_name_calling,
    denies.match_phrases,
)


def apply_rules(d: ArticleState) -> None:
    """Run every rule over every sentence of the article."""
    for si, sent in enumerate(d.sents):
        speakers = d.speaker.get(si, [])
        for match in BEFORE:
            annotate(d, match(d, si, sent, speakers))
        for tok in sent:
            lemma = tok.lemma_.lower()
            for rule in TOKEN_RULES:
                if rule.trigger(d, tok, lemma):
                    annotate(d, rule.match(d, si, tok, speakers))
        for match in AFTER:
            annotate(d, match(d, si, sent, speakers))


def resolve_denials(d: ArticleState) -> None:
    """Give each pending denial its targets (:func:`.denies.match_denial_targets`)."""
    annotate(d, denies.match_denial_targets(d))
