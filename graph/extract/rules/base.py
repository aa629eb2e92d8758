"""What a relation rule returns, and the one function that writes it.

A rule's matcher is pure: it reads the parse and the article state and returns
candidates (:class:`Edge`, :class:`MakeState`, :class:`Incident`, :class:`Denial`,
:class:`ClaimDenied`) in the order they are to be written. :func:`annotate` is the only
code of the rules that writes to the state. A matcher collects its candidates in a
:class:`Found`, which also answers "is this an actor?" and "whose state is this?" for the
vocabulary states the matcher has decided to make, so a match reads exactly as if they
were already made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...records import ACTOR_KINDS
from ...vocab import entity_id
from ..state import ArticleState

__all__ = [
    "Candidate",
    "ClaimDenied",
    "Denial",
    "Edge",
    "Found",
    "Incident",
    "MakeState",
    "annotate",
]


@dataclass(frozen=True)
class Edge:
    """A relation between two local entities, evidenced by sentence ``sentence``."""

    source: str
    relation: str
    target: str
    sentence: int
    modality: str = "asserted"
    weight: float = 1.0  # below 1 when the match is less direct than the rule's own form
    rule: str = ""  # the rule, when not the one the candidates are written for


@dataclass(frozen=True)
class MakeState:
    """A vocabulary state named only by a demonym ("Ruritanian troops"): make it an entity."""

    key: str


@dataclass(frozen=True)
class Incident:
    """An incident an accusation is about: a node, and the accused ``involved_in`` it."""

    label: str
    sentence: int
    accused: tuple[str, ...]
    modality: str


@dataclass(frozen=True)
class Denial:
    """A denial whose targets (the accusers it answers) are found once all accusations of
    the article are known; ``explicit`` holds the accusers the sentence itself names."""

    sentence: int
    source: str
    explicit: tuple[str, ...]
    modality: str
    rule: str = ""  # the rule, when not the one the candidates are written for


@dataclass(frozen=True)
class ClaimDenied:
    """Sentence ``sentence`` denies "the accusations" (a claim noun): the speaker just
    before may be the accuser."""

    sentence: int


Candidate = Edge | MakeState | Incident | Denial | ClaimDenied


class Found:
    """The candidates of one match, with lookups that count the states it makes."""

    def __init__(self, d: ArticleState) -> None:
        self.d = d
        self.items: list[Candidate] = []
        self.made: set[str] = set()

    def make_state(self, key: str) -> str:
        """Make the vocabulary state ``key`` an entity (when written); returns the key."""
        self.items.append(MakeState(key))
        self.made.add(key)
        return key

    def edge(
        self,
        source: str,
        relation: str,
        target: str,
        si: int,
        modality: str = "asserted",
        weight: float = 1.0,
    ) -> None:
        self.items.append(Edge(source, relation, target, si, modality, weight))

    def kind(self, key: str) -> str | None:
        if key in self.d.entities:
            return self.d.entities[key].kind
        return "state" if key in self.made else None

    def actor_keys(self, keys: Iterable[str]) -> list[str]:
        """The keys that are states, people or agencies (made ones included)."""
        return [k for k in keys if self.kind(k) in ACTOR_KINDS]

    def state_of(self, key: str) -> str | None:
        if key not in self.d.entities and key in self.made:
            return key
        return self.d.state_of(key)


# how sure a relation read from an incident is: the accused is involved in what they are
# accused of, as the accuser says
INVOLVED = ("incidents.involved", 0.6)


def annotate(
    d: ArticleState, candidates: Iterable[Candidate], rule: str = "", confidence: float = 0.8
) -> None:
    """Write a matcher's candidates to the article state, in order; relations carry the
    ``rule`` that read them and its ``confidence``."""
    for c in candidates:
        if isinstance(c, Edge):
            d.add_relation(
                c.source,
                c.relation,
                c.target,
                c.sentence,
                c.modality,
                rule=c.rule or rule,
                confidence=confidence * c.weight,
            )
        elif isinstance(c, MakeState):
            d.state_entity(c.key)
        elif isinstance(c, Incident):
            key = entity_id("incident", c.label)
            ent = d.entity(key, "incident", c.label)
            ent.aliases.add(c.label)
            ent.mentions += 1
            for a in c.accused:
                modality = "alleged" if c.modality == "asserted" else c.modality
                d.add_relation(
                    a,
                    "involved_in",
                    key,
                    c.sentence,
                    modality,
                    rule=INVOLVED[0],
                    confidence=INVOLVED[1],
                )
            d.incidents.append((c.sentence, key, c.accused))
        elif isinstance(c, Denial):
            d.pending_denials.append(
                (c.sentence, c.source, list(c.explicit), c.modality, c.rule or rule)
            )
        elif isinstance(c, ClaimDenied):
            d.claim_denials.add(c.sentence)
        else:  # pragma: no cover - a new candidate type without its writer
            raise TypeError(f"unknown candidate {c!r}")
