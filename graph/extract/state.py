"""The working state of one article's extraction, as a declared dataclass.

Every field says which stage writes it and which stages read it (``fields_table()``
prints the table), so the order between stages is stated in one place: the stages run
in the order of :func:`graph.extract.extract`, and a stage reads only what an earlier
stage (or itself) wrote. The methods here are the only primitives that write entities,
mentions and relations; lookups (:mod:`.syntax`, :mod:`.coref`) never call them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from ..records import LocalEntity, Mention
from ..vocab import Vocab
from .lexicon import Lexicon
from .text import headline_sentences

__all__ = ["UNNAMED_END", "ArticleState", "fields_table"]

# the confidence of a relation is multiplied by this for each end its sentence does not
# name (a pronoun, a description, a title, the context stood for it)
UNNAMED_END = 0.8


def _by(writers: str, readers: str) -> dict[str, str]:
    """A field's metadata: the stages that write it and those that read it."""
    return {"written_by": writers, "read_by": readers}


class TokenDoc:
    """A parsed document whose tokens are made once. spaCy makes a new token object each
    time a doc is indexed or walked; the stages index and walk the same doc many times, so
    they read it through this: an integer index or a walk gives the stored tokens, anything
    else (slices, ``sents``, ``ents``, ``char_span``, ``text``) is the doc's own."""

    __slots__ = ("_doc", "tokens")

    def __init__(self, doc) -> None:
        self._doc = doc
        self.tokens = list(doc)

    def __getitem__(self, i):
        return self.tokens[i] if isinstance(i, int) else self._doc[i]

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getattr__(self, name: str):
        return getattr(self._doc, name)


@dataclass
class ArticleState:
    """One article's parse and everything the stages have found in it so far."""

    # inputs
    doc: Any = field(metadata=_by("input", "all"))  # the spaCy Doc
    article_id: str = field(metadata=_by("input", "evidence"))
    vocab: Vocab = field(metadata=_by("input", "all"))
    date: str | None = field(metadata=_by("input", "relations"))
    # the article's own text (evidence quotes it; the parser may have read it recased)
    text: str = field(metadata=_by("input", "evidence, incident labels"))
    # a later piece of a long article: its first sentence is no headline
    continues: bool = field(default=False, metadata=_by("input", "start"))
    # set once from the parse: the text the parser read, sentences, headline sentences
    doc_text: str = field(init=False, metadata=_by("start", "all"))
    lx: Lexicon = field(init=False, metadata=_by("start", "all"))
    sents: list = field(init=False, metadata=_by("start", "all"))
    sent_of: dict[int, int] = field(init=False, metadata=_by("start", "all"))  # token -> sent
    headline: set[int] = field(init=False, metadata=_by("start", "mentions, modality"))
    para_of: list[int] = field(init=False, metadata=_by("start", "coref"))  # sent -> paragraph
    # entities by local key; mentions, and the mention on each token
    entities: dict[str, LocalEntity] = field(
        default_factory=dict, metadata=_by("services, mentions, names, roles, coref, rules", "all")
    )
    mentions: list[Mention] = field(
        default_factory=list, metadata=_by("services, mentions, names", "names, coref, roles")
    )
    at: dict[int, Mention] = field(
        default_factory=dict, metadata=_by("services, mentions, names", "all")
    )
    # token of a demonym used as a modifier ("Ruritanian troops") -> its state
    modifier_state: dict[int, str] = field(
        default_factory=dict, metadata=_by("mentions", "roles, coref, rules")
    )
    # last words of the names the model found (an ORG ending in one is a person)
    surnames: set[str] = field(default_factory=set, metadata=_by("mentions", "mentions"))
    # agency -> the state (or bloc) it belongs to; person -> the state or body they serve
    part_of: dict[str, str] = field(
        default_factory=dict, metadata=_by("services, mentions, names", "state_of, finish")
    )
    person_state: dict[str, str] = field(
        default_factory=dict, metadata=_by("roles, coref", "state_of, rules, finish")
    )
    # (first token, keys) of each list of actors the text coordinates
    lists: list[tuple[int, tuple[str, ...]]] = field(
        default_factory=list, metadata=_by("coref", "plural_antecedent")
    )
    # person -> "f", "m" or None, as the text shows it (filled as pronouns ask)
    genders: dict[str, str | None] = field(default_factory=dict, metadata=_by("coref", "coref"))
    # token of a bare title -> the person it stands for ("the Ruritanian premier")
    title_bindings: dict[int, str] = field(
        default_factory=dict, metadata=_by("coref", "role_antecedent")
    )
    # sentence -> its speakers; sentences wholly in one speaker's words
    speaker: dict[int, list[str]] = field(default_factory=dict, metadata=_by("speakers", "rules"))
    voice: dict[int, list[str]] = field(default_factory=dict, metadata=_by("speakers", "rules"))
    # relation records, each with its evidence
    relations: list[dict[str, Any]] = field(
        default_factory=list, metadata=_by("roles, coref, rules, finish", "roles, rules")
    )
    # titles with no state word, waiting for the context roles
    pending_roles: list[tuple[Mention, int]] = field(
        default_factory=list, metadata=_by("roles", "roles (context)")
    )
    # (sentence, incident key, accused keys) of each accusation about an incident
    incidents: list[tuple[int, str, tuple[str, ...]]] = field(
        default_factory=list, metadata=_by("rules (incidents)", "rules (denial targets)")
    )
    # (sentence, denier, accusers named, modality), answered once all accusations are known
    pending_denials: list[tuple[int, str, list[str], str, str]] = field(
        default_factory=list, metadata=_by("rules (denies)", "rules (denial targets)")
    )
    # sentences that deny "the accusations" (a claim noun)
    claim_denials: set[int] = field(
        default_factory=set, metadata=_by("rules (denies)", "rules (denial targets)")
    )

    def __post_init__(self) -> None:
        self._named: dict[int, set[str]] | None = None
        # indexes kept beside the lists, so that lookups near a token cost the same
        # however long the text: mentions by sentence and by key (rebuilt when the
        # mentions change), relations by the offset of their sentence
        self._index: tuple[int, dict[int, list[Mention]], dict[str, list[Mention]]] | None = None
        self._changes = 0
        self._by_start: dict[int, list[dict[str, Any]]] = {}
        self.doc_text = self.doc.text  # built once: Doc.text joins every token on each call
        if self.text is None or len(self.text) != len(self.doc_text):
            self.text = self.doc_text
        self.lx = Lexicon.of(self.vocab)
        if not isinstance(self.doc, TokenDoc):
            self.doc = TokenDoc(self.doc)
        self.tokens = self.doc.tokens
        self.sents = list(self.doc.sents)
        self.sent_of = {
            i: si for si, sent in enumerate(self.sents) for i in range(sent.start, sent.end)
        }
        self.headline = headline_sentences(self.doc_text, self.sents, continues=self.continues)
        para, self.para_of = 0, []
        for si, sent in enumerate(self.sents):
            if (
                si
                and "\n\n" in self.doc_text[self.sents[si - 1].end_char - 1 : sent.start_char + 1]
            ):
                para += 1
            self.para_of.append(para)

    # ------------------------------------------------------------ writing primitives
    def entity(
        self, key: str, kind: str, label: str, *, vocab_id: str | None = None
    ) -> LocalEntity:
        """The entity of a key, made on first use."""
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = LocalEntity(key, kind, label, vocab_id=vocab_id)
        return ent

    def add_mention(
        self, key: str, start: int, end: int, text: str | None = None
    ) -> Mention | None:
        """Mark tokens start..end as naming the entity ``key``; None if already taken."""
        if any(i in self.at for i in range(start, end)):
            return None
        span = self.doc[start:end]
        text = text if text is not None else span.text
        m = Mention(key, start, end, text)
        self.mentions.append(m)
        self._changes += 1
        for i in range(start, end):
            self.at[i] = m
        ent = self.entities[key]
        ent.mentions += 1
        surface = re.sub(r"['\u2019]s$", "", text.strip()).strip()
        if surface:
            ent.aliases.add(surface)
        return m

    def remove_mention(self, m: Mention) -> None:
        """Unmark a mention (a name that turned out to be a place, or a longer one); its
        entity counts one mention fewer, as :meth:`add_mention` counted one more."""
        self.mentions.remove(m)
        self._changes += 1
        for i in range(m.start, m.end):
            if self.at.get(i) is m:
                del self.at[i]
        ent = self.entities.get(m.key)
        if ent is not None:
            ent.mentions -= 1

    def remove_mentions_in(self, start: int, end: int) -> None:
        """Unmark every mention on tokens start..end (a longer name takes their place)."""
        for i in range(start, end):
            m = self.at.get(i)
            if m is not None:
                self.remove_mention(m)

    def rekeyed(self) -> None:
        """Say that mentions changed keys (an entity merged into another)."""
        self._changes += 1

    def state_entity(self, eid: str) -> LocalEntity:
        """The entity of a vocabulary entry (a state, an organisation, an agency)."""
        entry = self.vocab.entries[eid]
        return self.entity(eid, entry.kind, entry.label, vocab_id=eid)

    def evidence(self, si: int) -> dict[str, Any]:
        """The evidence record of sentence ``si``: its text and offsets in the article."""
        sent = self.sents[si]
        raw = self.text[sent.start_char : sent.end_char]
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        end = sent.start_char + len(raw.rstrip())
        return {
            "document": self.article_id,
            "sentence": self.text[start:end],
            "start": start,
            "end": end,
        }

    def add_relation(
        self,
        source: str,
        relation: str,
        target: str,
        si: int,
        modality: str = "asserted",
        *,
        rule: str = "",
        confidence: float = 0.8,
    ) -> None:
        """Record a relation with sentence ``si`` as its evidence, the rule that read it
        and a confidence in [0, 1]: the rule's own, lowered for each end the sentence
        does not name (an end found by coreference or from the context). Nothing relates
        to itself, and no actor accuses, denies or threatens its own state."""
        if source == target or source not in self.entities or target not in self.entities:
            return
        if self.state_of(source) == target and relation in ("accuses", "denies", "threatens"):
            return
        named = self.named_in(si)
        for key in (source, target):
            if key not in named:
                confidence *= UNNAMED_END
        evidence = self.evidence(si)
        evidence["rule"] = rule
        evidence["confidence"] = round(confidence, 2)
        rel = {
            "source": source,
            "target": target,
            "relation": relation,
            "modality": modality,
            "evidence": evidence,
        }
        if self.date:
            rel["date"] = self.date
        self.relations.append(rel)
        self._by_start.setdefault(evidence["start"], []).append(rel)

    # ------------------------------------------------------------ lookups
    def _mention_index(self) -> tuple[dict[int, list[Mention]], dict[str, list[Mention]]]:
        if self._index is None or self._index[0] != self._changes:
            by_sentence: dict[int, list[Mention]] = {}
            by_key: dict[str, list[Mention]] = {}
            for m in sorted(self.mentions, key=lambda m: m.start):
                by_sentence.setdefault(self.sent_of.get(m.start, 0), []).append(m)
                by_key.setdefault(m.key, []).append(m)
            self._index = (self._changes, by_sentence, by_key)
        return self._index[1], self._index[2]

    def mentions_in(self, first: int, last: int) -> list[Mention]:
        """The mentions of sentences ``first`` to ``last`` (both included), in text order.

        >>> # d.mentions_in(si - 2, si): what a pronoun of sentence si may stand for
        """
        by_sentence = self._mention_index()[0]
        return [m for si in range(max(0, first), last + 1) for m in by_sentence.get(si, ())]

    def mentions_of(self, key: str) -> list[Mention]:
        """The mentions of one entity, in text order."""
        return list(self._mention_index()[1].get(key, ()))

    def relations_at(self, start: int) -> list[dict[str, Any]]:
        """The relations whose evidence sentence starts at character ``start``."""
        return self._by_start.get(start, [])

    def named_in(self, si: int) -> set[str]:
        """The keys a sentence names by a mention of their own (built once, after the
        naming stages, when the first relation is recorded)."""
        if self._named is None:
            self._named = {}
            for m in self.mentions:
                self._named.setdefault(self.sent_of.get(m.start, 0), set()).add(m.key)
        return self._named.get(si, set())

    def state_of(self, key: str) -> str | None:
        """The state an entity belongs to: itself, its parent state, its person's state."""
        ent = self.entities.get(key)
        if ent is None:
            return None
        if ent.kind == "state":
            return key
        if key in self.part_of:
            return self.part_of[key]
        if key in self.person_state:
            return self.state_of(self.person_state[key]) if self.person_state[key] != key else None
        return None

    def kind(self, key: str) -> str | None:
        """The kind of a local entity, or None."""
        ent = self.entities.get(key)
        return ent.kind if ent else None


def fields_table() -> list[tuple[str, str, str]]:
    """(field, written by, read by) for every field of :class:`ArticleState`.

    >>> ("speaker", "speakers", "rules") in fields_table()
    True
    """
    return [(f.name, f.metadata["written_by"], f.metadata["read_by"]) for f in fields(ArticleState)]
