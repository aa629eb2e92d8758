"""The extractor's words: every list of ``data/vocab/lexicon.yaml`` and the relation cues.

Each lexicon key becomes an attribute of the same name (a frozenset of its words, or a
mapping), so ``lx.wish_verbs`` reads ``wish_verbs`` of ``lexicon.yaml``; a few attributes
are derived from several keys (``title_words``, ``services_by_first``). Relation cues are
read with :meth:`Lexicon.cue`. Built once per loaded vocabulary.

>>> from graph.vocab import load_vocab
>>> lx = Lexicon.of(load_vocab())
>>> "hope" in lx.wish_verbs, "accuse" in lx.cue("accuses", "verbs")
(True, True)
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..schema import FRAME_FIELDS, lexicon_fields
from ..vocab import Vocab, norm

__all__ = ["Lexicon"]

# lists matched against lower-cased tokens, so written in lower case whatever the file says
_LOWERED = (
    "collective_nouns",
    "bloc_adjectives",
    "incident_nouns",
    "hedges",
    "involvement_nouns",
    "place_nouns",
    "negating_nouns",
    "organisation_heads",
    "hostile_adjectives",
    "accusatory_nouns",
    "claim_nouns",
    "document_nouns",
    "threat_nouns",
)


class Lexicon:
    """Word sets derived from the vocabulary, built once per vocabulary."""

    _cache: ClassVar[dict[int, Lexicon]] = {}

    def __init__(self, vocab: Vocab) -> None:
        lx = vocab.lexicon
        for key, shape in lexicon_fields().items():
            value = lx[key]
            if shape == "list":
                setattr(self, key, frozenset(value))
            elif shape == "lists":
                setattr(self, key, {k: frozenset(v) for k, v in value.items()})
            else:
                setattr(self, key, dict(value))
        for key in _LOWERED:
            setattr(self, key, frozenset(s.lower() for s in lx[key]))
        self.titles = frozenset(t.lower() for t in lx["titles"])
        self.title_words = frozenset(
            {w for t in self.titles for w in re.split(r"[\s-]+", t)} | self.titles
        )
        self.honorifics = frozenset(h.lower().rstrip(".") for h in lx["honorifics"])
        self.national_titles = {
            t.lower(): vocab.country_codes.get(code)
            for code, titles in lx["national_titles"].items()
            for t in titles
        }
        self.services = sorted({s.lower() for s in lx["service_nouns"]}, key=len, reverse=True)
        self.services_by_first: dict[str, list[tuple[list[str], str]]] = {}
        for phrase in self.services:  # longest first within each list
            words = phrase.split()
            self.services_by_first.setdefault(words[0], []).append((words, phrase))
        self.service_set = frozenset(norm(s) for s in lx["service_nouns"])
        self.stop_entities = frozenset(norm(s) for s in lx["stop_entities"])
        self.platforms = frozenset(norm(s) for s in lx["platforms"])
        self.actor_heads = frozenset(
            {s.lower() for s in lx["actor_heads"]}
            | self.title_words
            | {w for phrase in lx["service_nouns"] for w in phrase.lower().split()}
        )
        self._frames: dict[str, dict[str, Any]] = {
            rel: spec.get("frames", {}) for rel, spec in vocab.relations.items()
        }
        self._cues: dict[tuple[str, str], frozenset[str]] = {}
        for rel, spec in vocab.relations.items():
            for part, words in spec["cues"].items():
                self._cues[rel, part] = frozenset(words)
        # phrases that call a claim false, shortest first
        self.denial_phrases = sorted(
            {s.lower() for s in self.cue("denies", "phrases")}, key=lambda p: (len(p), p)
        )

    def cue(self, relation: str, part: str) -> frozenset[str]:
        """The cue words of one part (``verbs``, ``nouns``, ``adjectives``, ``phrases``)
        of a relation in ``relations.yaml``; empty when the relation has none."""
        return self._cues.get((relation, part), frozenset())

    def frame(self, relation: str, part: str, word: str) -> dict[str, frozenset[str]]:
        """Where the arguments of one cue word sit: the relation's frame for its part of
        speech (``verbs`` or ``nouns``), with the word's own frame over it; each field
        (``target``, ``source``, ``head_source``, ``head_target``) a set, maybe empty.

        >>> from graph.vocab import load_vocab
        >>> sorted(Lexicon.of(load_vocab()).frame("accuses", "verbs", "attribute")["target"])
        ['to']
        """
        frames = self._frames.get(relation, {})
        merged = {**frames.get(part, {}), **frames.get("words", {}).get(word, {})}
        return {f: frozenset(merged.get(f, ())) for f in FRAME_FIELDS}

    def norm_title(self, title: str) -> str:
        """A title in lower case with abbreviations spelt out ("PM" -> "prime minister")."""
        title = re.sub(r"[^a-z -]", "", title.lower()).strip()
        return self.title_abbreviations.get(title, title)

    def __getattr__(self, name: str) -> Any:  # pragma: no cover - a misspelt key
        raise AttributeError(f"lexicon.yaml has no key {name!r}")

    @classmethod
    def of(cls, vocab: Vocab) -> Lexicon:
        key = id(vocab)
        if key not in cls._cache:
            cls._cache[key] = cls(vocab)
        return cls._cache[key]
