"""The relation rules, registered in one place and run in the order listed here.

Each sentence is read in three steps: the sentence rules of :data:`BEFORE`, then every
token against each rule of :data:`TOKEN_RULES` whose trigger fires on it, then the
sentence rules of :data:`AFTER`. A rule's matcher is pure and returns candidates; the
candidates of each match are written (:func:`~.base.annotate`) before the next rule runs,
so a later rule sees what an earlier one found in the same sentence. Denials get their
targets after every sentence is read and roles are complete
(:func:`resolve_denials`).

Families: :mod:`.accuses` (and :mod:`.reported`, accusations in a speaker's words),
:mod:`.denies`, :mod:`.alliance`, :mod:`.leaders` (affiliations by leadership),
:mod:`.supports`,
:mod:`.threatens` and :mod:`.incidents`; the argument frames they share are in
:mod:`.frames`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..lexicon import Lexicon
from ..state import ArticleState
from . import accuses, alliance, denies, leaders, reactions, reported, supports, threatens
from .base import Candidate, annotate

__all__ = [
    "AFTER",
    "BEFORE",
    "TOKEN_RULES",
    "SentenceRule",
    "TokenRule",
    "apply_rules",
    "resolve_denials",
]

SentenceMatcher = Callable[[ArticleState, int, object, list], list[Candidate]]


class TokenRule(NamedTuple):
    """A rule tried on every token: ``trigger(d, tok, lemma)`` says whether it applies;
    ``confidence`` is how often its relations are right when both ends are named."""

    name: str
    trigger: Callable[[ArticleState, object, str], bool]
    match: Callable[[ArticleState, int, object, list], list[Candidate]]
    confidence: float = 0.8
    # the lemmas the trigger can fire on, if it only fires on some (read from the
    # lexicon): the rule is not even tried on other tokens
    lemmas: Callable[[Lexicon], Iterable[str]] | None = None


class SentenceRule(NamedTuple):
    """A rule run once per sentence."""

    name: str
    match: SentenceMatcher
    confidence: float = 0.8


def _verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ in ("VBZ",))


def _noun(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound"


def _cue(relation: str, part: str, shape: Callable[[object], bool]):
    def trigger(d: ArticleState, tok, lemma: str) -> bool:
        return lemma in d.lx.cue(relation, part) and shape(tok)

    return trigger


def _cues(relation: str, part: str) -> Callable[[Lexicon], Iterable[str]]:
    return lambda lx: lx.cue(relation, part)


def _ally_noun(d: ArticleState, tok, lemma: str) -> bool:
    return (
        lemma in d.lx.cue("allied_with", "nouns")
        and tok.pos_ == "NOUN"
        and (
            tok.dep_ in ("attr", "appos")
            or any(c.dep_ == "appos" for c in tok.children)
            # "Ruritania's two closest allies are ...": owned and counted
            or (
                tok.dep_ in ("nsubj", "nsubjpass")
                and any(c.dep_ == "poss" for c in tok.children)
                and any(c.lower_ in d.lx.numbers for c in tok.children)
            )
        )
    )


def _aligned(d: ArticleState, tok, lemma: str) -> bool:
    return lemma in d.lx.cue("allied_with", "adjectives") or (
        lemma == "align" and tok.pos_ == "VERB"
    )


BEFORE: tuple[SentenceRule, ...] = (
    SentenceRule("alliance.membership", alliance.match_membership, 0.9),
)

TOKEN_RULES: tuple[TokenRule, ...] = (
    TokenRule(
        "accuses.verb",
        _cue("accuses", "verbs", _verb),
        accuses.match_verb,
        0.9,
        _cues("accuses", "verbs"),
    ),
    TokenRule(
        "denies.verb",
        _cue("denies", "verbs", _verb),
        denies.match_verb,
        0.85,
        _cues("denies", "verbs"),
    ),
    TokenRule(
        "supports.verb",
        _cue("supports", "verbs", _verb),
        supports.match_verb,
        0.8,
        _cues("supports", "verbs"),
    ),
    TokenRule(
        "threatens.verb",
        _cue("threatens", "verbs", _verb),
        threatens.match_verb,
        0.8,
        _cues("threatens", "verbs"),
    ),
    TokenRule(
        "alliance.verb",
        _cue("allied_with", "verbs", _verb),
        alliance.match_verb,
        0.8,
        _cues("allied_with", "verbs"),
    ),
    TokenRule(
        "accuses.noun",
        _cue("accuses", "nouns", _noun),
        accuses.match_noun,
        0.8,
        _cues("accuses", "nouns"),
    ),
    TokenRule(
        "supports.noun",
        _cue("supports", "nouns", _noun),
        supports.match_noun,
        0.75,
        _cues("supports", "nouns"),
    ),
    TokenRule(
        "threatens.noun",
        _cue("threatens", "nouns", _noun),
        threatens.match_noun,
        0.7,
        _cues("threatens", "nouns"),
    ),
    TokenRule(
        "accuses.adjective",
        _cue("accuses", "adjectives", lambda t: t.pos_ in ("ADJ", "ADP", "ADV")),
        accuses.match_adjective,
        0.75,
        _cues("accuses", "adjectives"),
    ),
    TokenRule(
        "accuses.scorn",
        accuses.scorn_trigger,
        accuses.match_scorn,
        0.75,
        lambda lx: {p.partition(" ")[0] for p in lx.scorn_verbs},
    ),
    TokenRule(
        "alliance.aligned",
        _aligned,
        alliance.match_aligned,
        0.75,
        lambda lx: lx.cue("allied_with", "adjectives") | {"align"},
    ),
    TokenRule(
        "alliance.ally_noun",
        _ally_noun,
        alliance.match_ally_noun,
        0.85,
        _cues("allied_with", "nouns"),
    ),
    TokenRule(
        "alliance.affiliate_noun",
        lambda d, tok, lemma: lemma in d.lx.affiliate_nouns and tok.pos_ == "NOUN",
        alliance.match_affiliate_noun,
        0.75,
        lambda lx: lx.affiliate_nouns,
    ),
    TokenRule(
        "alliance.plural_allies",
        lambda d, tok, lemma: lemma in d.lx.cue("allied_with", "nouns") and tok.pos_ == "NOUN",
        alliance.match_plural_allies,
        0.7,
        _cues("allied_with", "nouns"),
    ),
    TokenRule(
        "alliance.signed",
        lambda d, tok, lemma: lemma in d.lx.signing_verbs and tok.pos_ == "VERB",
        alliance.match_signed,
        0.85,
        lambda lx: lx.signing_verbs,
    ),
    TokenRule(
        "leaders.led_by",
        lambda d, tok, lemma: lemma in d.lx.leadership_verbs and tok.pos_ == "VERB",
        leaders.match_led_by,
        0.75,
        lambda lx: lx.leadership_verbs,
    ),
    TokenRule(
        "leaders.whose_leader",
        lambda d, tok, lemma: lemma in d.lx.founder_nouns and tok.pos_ == "NOUN",
        leaders.match_whose_leader,
        0.75,
        lambda lx: lx.founder_nouns,
    ),
    TokenRule(
        "leaders.of_body",
        lambda d, tok, lemma: tok.lower_ == "of" and tok.dep_ == "prep",
        leaders.match_of_body,
        0.7,
        lambda lx: {"of"},
    ),
    TokenRule(
        "leaders.owned_body",
        lambda d, tok, lemma: tok.dep_ == "poss" and tok.i in d.at,
        leaders.match_owned_body,
        0.7,
    ),
    TokenRule(
        "leaders.bracketed_role",
        lambda d, tok, lemma: tok.text == "(",
        leaders.match_bracketed_role,
        0.75,
        lambda lx: {"("},
    ),
    TokenRule(
        "leaders.one_of",
        lambda d, tok, lemma: tok.lower_ == "one" and tok.dep_ in ("appos", "nsubj", "attr"),
        leaders.match_member_of_group,
        0.7,
        lambda lx: {"one"},
    ),
    TokenRule(
        "alliance.founded",
        lambda d, tok, lemma: lemma in d.lx.founding_verbs and tok.pos_ == "VERB",
        alliance.match_founded,
        0.8,
        lambda lx: lx.founding_verbs,
    ),
    TokenRule(
        "alliance.pact",
        lambda d, tok, lemma: (
            tok.pos_ in ("NOUN", "PROPN")
            and (lemma in d.lx.pact_nouns or alliance.qualified_pact(d, tok, lemma))
        ),
        alliance.match_pact,
        0.8,
        lambda lx: lx.pact_nouns | lx.deal_nouns,
    ),
    TokenRule(
        "alliance.normalised",
        lambda d, tok, lemma: lemma in d.lx.normalising_verbs and tok.pos_ == "VERB",
        alliance.match_normalised,
        0.75,
        lambda lx: lx.normalising_verbs,
    ),
)

AFTER: tuple[SentenceRule, ...] = (
    SentenceRule("reported.hostile_act", reported.match_hostile_content, 0.65),
    SentenceRule("reported.hostile_noun", reported.match_hostile_nouns, 0.6),
    SentenceRule("reported.judged_act", reported.match_judged_acts, 0.65),
    SentenceRule("reported.victim", reported.match_victims, 0.6),
    SentenceRule("reported.evidence", reported.match_evidence, 0.6),
    SentenceRule("accuses.reaction", reactions.match_reactions, 0.7),
    SentenceRule("accuses.name_calling", accuses.match_name_calling, 0.8),
    SentenceRule("denies.phrase", denies.match_phrases, 0.7),
    SentenceRule("denies.untrue", denies.match_untrue, 0.7),
)


# how sure a denial is when it answers the accusers it names (the weight of each target
# lowers it when the accusers are inferred from the article)
DENIAL = 0.85


class Sentence:
    """A sentence whose tokens are made once: every rule walks the same token objects
    (spaCy makes a new one at each step of a walk over a span). Otherwise the span."""

    __slots__ = ("end", "span", "start", "tokens")

    def __init__(self, span, tokens: list) -> None:
        self.span = span
        self.tokens = tokens
        self.start = span.start
        self.end = span.end

    def __iter__(self):
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i):
        return self.tokens[i]

    def __getattr__(self, name: str):
        return getattr(self.span, name)


_INDEX: dict[int, tuple[Lexicon, list, dict]] = {}


def _rule_index(lx: Lexicon) -> tuple[list, dict]:
    """Per lexicon: each token rule's trigger lemmas (None: any), and a memo of the rules
    worth trying on a lemma, in registry order. The memo is bounded by the lemmas seen."""
    entry = _INDEX.get(id(lx))
    if entry is None or entry[0] is not lx:
        lemmas = [frozenset(r.lemmas(lx)) if r.lemmas else None for r in TOKEN_RULES]
        entry = _INDEX[id(lx)] = (lx, lemmas, {})
    if len(entry[2]) > 100_000:
        entry[2].clear()
    return entry[1], entry[2]


def apply_rules(d: ArticleState) -> None:
    """Run every rule over every sentence of the article."""
    lemmas, tried = _rule_index(d.lx)
    for si, span in enumerate(d.sents):
        sent = Sentence(span, d.tokens[span.start : span.end])
        speakers = d.speaker.get(si, [])
        for rule in BEFORE:
            annotate(d, rule.match(d, si, sent, speakers), rule.name, rule.confidence)
        for tok in sent:
            lemma = tok.lemma_.lower()
            rules = tried.get(lemma)
            if rules is None:
                rules = tried[lemma] = tuple(
                    r for r, words in zip(TOKEN_RULES, lemmas) if words is None or lemma in words
                )
            for tr in rules:
                if tr.trigger(d, tok, lemma):
                    annotate(d, tr.match(d, si, tok, speakers), tr.name, tr.confidence)
        for rule in AFTER:
            annotate(d, rule.match(d, si, sent, speakers), rule.name, rule.confidence)


def resolve_denials(d: ArticleState) -> None:
    """Give each pending denial its targets (:func:`.denies.match_denial_targets`)."""
    annotate(d, denies.match_denial_targets(d), confidence=DENIAL)
