"""The plain records an extraction is made of, shared by every later stage.

An :class:`Extraction` is what one article says: its local entities (each with every
surface form) and its relations (each with its evidence sentence and offsets). It holds
plain data only, so the cache can store it, worker processes can send it, and
:mod:`graph.resolve` and :mod:`graph.build` can join many of them without importing the
extraction rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ACTOR_KINDS", "Extraction", "LocalEntity", "Mention"]

ACTOR_KINDS = ("state", "person", "agency")


@dataclass
class LocalEntity:
    """An entity as one article names it.

    >>> LocalEntity("state:chile", "state", "Chile").as_dict()["aliases"]
    []
    """

    key: str
    kind: str
    label: str
    aliases: set[str] = field(default_factory=set)
    vocab_id: str | None = None
    role: str | None = None
    mentions: int = 0
    group: str | None = None  # for rule-built agencies: the state/bloc + service key

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "label": self.label,
            "aliases": sorted(self.aliases),
            "vocab_id": self.vocab_id,
            "role": self.role,
            "mentions": self.mentions,
        }


@dataclass
class Extraction:
    """What one article says: its entities and relations, as plain data.

    >>> ex = Extraction("a.txt", {}, [])
    >>> Extraction.from_dict(ex.as_dict()) == ex
    True
    """

    document: str
    entities: dict[str, dict[str, Any]]
    relations: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "entities": self.entities, "relations": self.relations}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(data["document"], data["entities"], data["relations"])


@dataclass
class Mention:
    """Where an article names an entity: its local key and token span."""

    key: str
    start: int  # token index
    end: int
    text: str
