"""Services and groups: agencies named by a state (or bloc, or group) word and a service
noun: "Ruritanian special services", "the Ruritanian army", "Ruritania's parliament",
"its Foreign Ministry", "APT99 hackers", "Western intelligence agencies".

Runs first among the naming stages, so a service phrase is one agency before the model's
entities are read. One agency per owner and service group: "the army", "troops" and
"soldiers" of one state are its military.
"""

from __future__ import annotations

import re

from ..vocab import entity_id, slug
from .lexicon import Lexicon
from .state import ArticleState

__all__ = ["find_service_agencies"]


def _service_at(doc, i: int, lx: Lexicon) -> tuple[int, str] | None:
    """The longest service noun phrase starting at token i: (end, phrase).

    Phrases are indexed by their first word, so each token costs one lookup.
    """
    for words, phrase in lx.services_by_first.get(doc[i].lower_, ()):
        n = len(words)
        if i + n <= len(doc) and all(doc[i + k].lower_ == words[k] for k in range(1, n)):
            end = i + n
            if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
                return None  # "a military-led government": a modifier, not the service
            return end, phrase
    return None


def _state_before(d: ArticleState, ents_at: dict, j: int) -> str | None:
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


def _service_group(lx: Lexicon, phrase: str) -> str:
    for group, phrases in lx.service_groups.items():
        if phrase in phrases:
            return group
    return phrase


def _add_service(
    d: ArticleState, owner: str, service: str, label: str, span: tuple[int, int, str], organ: bool
) -> str:
    """The agency of ``owner``'s ``service`` (one per owner and service group), with a
    mention over ``span`` (start, end, surface); an organ is part of its owner."""
    entry = d.vocab.entries.get(owner)
    group = f"{slug(entry.label if entry is not None else owner)}-{slug(service)}"
    key = f"agency:{group}"
    d.entity(key, "agency", label).group = group
    d.add_mention(key, *span)
    if organ:
        d.state_entity(owner)
        d.part_of[key] = owner
    return key


def _coordinated_services(d: ArticleState, ents_at: dict, k: int, phrase: str, service: str):
    """ "Ruritanian and Freedonian troops": each demonym of the pair has the service."""
    doc = d.doc
    while k >= 2 and doc[k - 1].lower_ in ("and", ",", "or"):
        ent = ents_at.get(k - 2)
        if ent is None or ent.label_ != "DEMONYM" or any(t in d.at for t in range(ent.start, k)):
            return
        span = (ent.start, ent.end, ent.text)
        _add_service(d, ent.ent_id_, service, f"{ent.text} {phrase}", span, organ=True)
        k = ent.start


def find_service_agencies(d: ArticleState) -> None:
    """Mark every service phrase with an owner as one agency of that owner."""
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
            i = end  # "the Ruritanian secret service RSS": the name that follows is the entity
            continue
        if end < len(doc) and doc[end].lemma_.lower() in lx.modified_heads:
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
            if ent.label_ != "CAPITAL" or possessive or phrase in lx.state_nouns:
                # "Lima authorities": a capital before a state noun is its government
                state_id, mod_start = ent.ent_id_, ent.start
        elif (
            j >= 0
            and j in ents_at
            and ents_at[j].label_ in ("REGION", "GPE", "LOC")
            and not possessive
            and any(w in phrase for w in lx.armed_words)
            and not d.vocab.lookup(ents_at[j].text)
        ):
            # "Xanadu rebels", "Zorro Valley separatists": an armed group named by its place
            ent = ents_at[j]
            start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            label = f"{doc[start : ent.end].text} {phrase}"
            key = entity_id("agency", label)
            d.entity(key, "agency", label)
            d.add_mention(key, start, end, doc[start:end].text)
            i = end
            continue
        elif j >= 0 and j in ents_at and ents_at[j].label_ == "KNOWN" and not possessive:
            ent = ents_at[j]
            bloc, mod_start = ent.ent_id_, ent.start
        elif (
            j >= 0
            and doc[j].lower_ in lx.bloc_adjectives
            and not possessive
            and doc[j].text[:1].isupper()
        ):
            bloc, mod_start = doc[j].lower_, j
        elif j >= 0 and doc[j].lower_ == "its" and doc[i].text[:1].isupper():
            # "its Foreign Ministry": the state the sentence or the one before is about
            state_id = _state_before(d, ents_at, j)
            mod_start = j if state_id else None
        elif (
            j >= 0
            and not possessive
            and phrase in lx.collective_nouns
            and re.fullmatch(r"[A-Z][A-Z0-9-]*\d[A-Z0-9-]*|[A-Z]\d+", doc[j].text)
        ):
            # a named group by its shape: "M99 rebels", "APT99 hackers"
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
            and phrase in lx.collective_nouns
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
            # "the Defense Ministry in Xanadu City": the capital or state after names the owner
            nxt = ents_at.get(end + 1)
            if doc[end].lower_ == "in" and nxt is not None and nxt.label_ in ("CAPITAL", "STATE"):
                state_id, mod_start = nxt.ent_id_, i
                located = doc[i:end].text  # named "<Demonym> Defense Ministry" below
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
        if bloc in vocab.entries and (
            phrase in lx.body_collectives
            or (  # "the Zorro army": an armed group's army is the group
                vocab.entries[bloc].type in lx.armed_group_types
                and _service_group(lx, phrase) == "military"
            )
            # "the RSB intelligence service", "the RSB spy agency": a state body's own
            # name before a service noun names that body
            or vocab.entries[bloc].type in lx.state_body_types
        ):
            # "the Foreign Office officials", "NATO officials": the body itself
            d.state_entity(bloc)
            d.add_mention(bloc, start, end, surface)
            i = end
            continue
        if state_id and (phrase in lx.state_nouns or phrase in lx.state_agent_nouns):
            d.state_entity(state_id)
            d.add_mention(state_id, start, end, surface)
            i = end
            continue
        service = _service_group(lx, phrase)
        label = re.sub(r"^(the|The)\s+", "", surface)
        label = re.sub(r"\s*['\u2019]s\s+", " ", label) if possessive else label
        if located and vocab.demonym_forms.get(state_id):
            label = f"{vocab.demonym_forms[state_id][0]} {located}"
        organ = bool(state_id) or bloc in vocab.entries
        _add_service(d, state_id or bloc, service, label, (start, end, surface), organ)
        if state_id:
            _coordinated_services(d, ents_at, mod_start, phrase, service)
        i = end
