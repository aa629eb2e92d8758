"""Mentions: the states, people and agencies the parser's entities name.

Reads the gazetteer's labels (``STATE``, ``KNOWN``, ``CAPITAL``, ``DEMONYM``) and the
model's (``PERSON``, ``ORG``, ``NORP``, ``GPE``, ``FAC``) and writes entities with local
keys, their mentions, the states demonyms modify (``modifier_state``) and the state each
vocabulary organ of state belongs to (``part_of``).
"""

from __future__ import annotations

import re

from ..vocab import entity_id, norm
from .state import ArticleState
from .text import title_case

__all__ = ["GROUP_SHAPE", "add_person", "find_mentions"]

# "APT99", "M99", "Unit 99999": a group named by its shape, not a person
GROUP_SHAPE = re.compile(r"(?:[A-Z]{1,6}-?\d{1,5}|Unit \d{3,6})")


def find_mentions(d: ArticleState) -> None:
    """Mark the states, people and agencies the parser's entities name."""
    doc, vocab, lx = d.doc, d.vocab, d.lx
    states_named = {e.ent_id_ for e in doc.ents if e.label_ == "STATE"}
    body_names: set[str] = set()
    for e in doc.ents:
        if d.sent_of.get(e.start) not in d.headline:
            body_names.add(norm(e.text))
            if e.label_ == "PERSON":
                body_names.update(norm(t.text) for t in e if t.text[:1].isupper())
    # a person's name alone: its last word ("Roe") or, for family names written first
    # ("Li Wei"), its first word of a name of two or three
    d.surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and e[-1].text[:1].isupper()}
    d.surnames |= {
        e[0].text
        for e in doc.ents
        if e.label_ == "PERSON"
        and 2 <= len(e) <= 3
        and e[0].text[:1].isupper()
        and e[0].lower_ not in lx.title_words
        and e[0].lower_.rstrip(".") not in lx.honorifics
    }
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
            # "Defence Minister Chad Roe": a title, then a state's name, then a name
            end = e.end
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            add_person(d, doc[e.start : end], si, body_names)
            continue
        if (
            label in ("STATE", "KNOWN", "CAPITAL")
            and e.end + 1 < len(doc)
            and doc[e.end].text == "-"
            and doc[e.end + 1].lower_ in lx.origin_suffixes
        ):
            continue  # "a UK-based group": a place of business, not the state
        if (
            label in ("STATE", "KNOWN", "CAPITAL", "DEMONYM")
            and e.start >= 2
            and doc[e.start - 1].text == "-"
            and doc[e.start - 2].lower_ in lx.stance_prefixes
        ):
            continue  # "a pro-Ruritania militia": a stance, not Ruritania
        if label == "KNOWN" and _unit_of(d, e):
            continue  # "the SCO of the Zorro Service": a unit's acronym, not the vocabulary's
        if label == "STATE" or label == "KNOWN":
            eid = e.ent_id_
            if eid in vocab.entries:
                d.state_entity(eid)
                d.add_mention(eid, e.start, e.end)
                country = vocab.entries[eid].country
                if country and vocab.entries[eid].type in lx.state_body_types:
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
                root.dep_ == "pobj" and root.head.lower_ in lx.actor_prepositions
            )
            if acting or eid in states_named:
                d.state_entity(eid)
                d.add_mention(eid, e.start, e.end)
        elif label == "DEMONYM":
            root = e.root
            plural = root.tag_ in ("NNPS", "NNS") or (
                e.text.endswith("s") and root.dep_ not in ("amod", "compound")
            )
            counted = any(c.dep_ == "nummod" or c.like_num for c in root.children)
            if counted:
                continue  # "two Ruritanians": people of that nationality, not the state
            if plural and root.dep_ not in ("amod", "compound"):
                eid = e.ent_id_
                d.state_entity(eid)
                d.add_mention(eid, e.start, e.end)
            else:
                for tok in e:
                    d.modifier_state[tok.i] = e.ent_id_
                # "the Ruritanian presidency of the council": the state is named
                if si not in d.headline and e.root.head.lemma_.lower() in lx.actor_heads:
                    named = d.state_entity(e.ent_id_)
                    named.aliases.add(e.text)
                    named.mentions += 1
        elif label == "PERSON":
            add_person(d, e, si, body_names)
        elif label in ("ORG", "NORP", "GPE", "FAC"):
            _add_org(d, e, si, body_names)


def _unit_of(d: ArticleState, e) -> bool:
    """Whether a short capitalised acronym names a unit of another body: "section 4 of
    the SCO of the Zorro Service", where SCO is no vocabulary body of the same letters."""
    doc = d.doc
    if len(e) != 1 or not e.text.isupper() or len(e.text) > 5:
        return False
    k = e.end
    if k + 1 < len(doc) and doc[k].lower_ == "of":
        nxt = doc[k + 2] if doc[k + 1].lower_ == "the" and k + 2 < len(doc) else doc[k + 1]
        return nxt.ent_type_ in ("KNOWN", "ORG") and nxt.text[:1].isupper()
    return False


_MIDDLE_INITIAL = re.compile(r"(?<=\w) (?:[A-Z]\.\s?)+(?=[A-Z][a-z])")


def _clean_person(d: ArticleState, tokens) -> tuple[int, int] | None:
    """Trim titles, honorifics and possessives from a PERSON span: (start, end) or None."""
    lx = d.lx
    start, end = tokens.start, tokens.end
    doc = tokens.doc
    while start < end and (
        doc[start].lower_.rstrip(".") in lx.honorifics
        or doc[start].lower_ in lx.title_words
        or doc[start].lower_ in lx.determiners
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
    # "Kim Min-seok": the model often stops a name at the hyphen of a given name
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text.isalpha()
    ):
        end += 2
    for tok in doc[start:end]:
        word = tok.text
        if tok.lower_ in lx.name_particles or word in ("-",):
            continue
        if tok.i > start and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
            continue
        if not word[:1].isupper() or any(ch.isdigit() for ch in word):
            return None
    if sum(1 for t in doc[start:end] if t.text != "-") > 5:
        return None
    return start, end


def _group(d: ArticleState, span) -> None:
    key = entity_id("agency", span.text.strip())
    d.entity(key, "agency", span.text.strip())
    d.add_mention(key, span.start, span.end)


def add_person(d: ArticleState, e, si: int, body_names: set[str]) -> None:
    """A person named by the span ``e``, its titles and honorifics trimmed."""
    lx = d.lx
    if GROUP_SHAPE.fullmatch(e.text.strip()) or (
        len(e) > 1 and e[-1].text in lx.threat_actor_words
    ):
        _group(d, e)  # "APT99", "Unit 99999", "Quiet Typhoon": a group, not a person
        return
    if e[0].text in lx.vessel_prefixes:
        return  # "USS John Roe": a ship
    hit = d.vocab.lookup(e.text)
    if hit is not None:  # a capital read as a person: it is the state
        d.state_entity(hit.id)
        d.add_mention(hit.id, e.start, e.end)
        return
    span = _clean_person(d, e)
    if span is None:
        return
    start, end = span
    text = d.doc[start:end].text
    root = d.doc[end - 1]
    if end - start == 1 and root.dep_ == "pobj" and root.head.lower_ in lx.site_prepositions:
        return  # "the army base at Xanadu": a place the model read as a name
    if si in d.headline and norm(text) not in body_names:
        # a headline fragment: keep the longest leading part the body confirms
        for stop in range(end - 1, start, -1):
            if norm(d.doc[start:stop].text) in body_names:
                end = stop
                text = d.doc[start:end].text
                break
        else:
            return
    if norm(text) in lx.stop_entities or norm(text) in lx.platforms:
        return
    known = d.vocab.lookup(text)
    if known is None and _MIDDLE_INITIAL.search(text):
        bare = d.vocab.lookup(_MIDDLE_INITIAL.sub(" ", text))  # "Jane Q. Roe" -> Jane Roe
        known = bare if bare is not None and bare.kind == "person" else None
    if _leader_state(d, start, end, known):
        return
    if known is not None:
        if known.kind == "person":  # "President Jane Roe": a person the vocabulary knows
            d.state_entity(known.id)
            d.add_mention(known.id, start, end, text)
        return  # the name of a state or a body, not a person
    label = title_case(text)
    key = entity_id("person", label)
    d.entity(key, "person", label)
    d.add_mention(key, start, end, text)


def _leader_state(d: ArticleState, start: int, end: int, known) -> bool:
    """ "the Roe administration", "a Roe government official": the state a known person
    leads, not the person. Marks the state and says whether it did."""
    root = d.doc[end - 1]
    after = d.doc[end].lemma_.lower() if end < len(d.doc) else ""
    if root.dep_ != "compound" or (
        root.head.lemma_.lower() not in d.lx.leader_government_nouns
        and after not in d.lx.leader_government_nouns
    ):
        return False
    leader = known if known is not None and known.kind == "person" else None
    if leader is None and end - start == 1:
        named = d.vocab.people_named(root.text)
        leader = named[0] if len(named) == 1 else None
    if leader is None or not leader.country:
        return False
    d.state_entity(leader.country)
    d.add_mention(leader.country, start, end, d.doc[start:end].text)
    return True


def _add_org(d: ArticleState, e, si: int, body_names: set[str]) -> None:
    lx = d.lx
    if e.label_ in ("GPE", "NORP"):
        hit = d.vocab.lookup(e.text)
        if hit is not None:
            d.state_entity(hit.id)
            d.add_mention(hit.id, e.start, e.end)
        elif GROUP_SHAPE.fullmatch(e.text.strip()):
            _group(d, e)  # "M99" read as a place: a group named by its shape
        return
    start, end = e.start, e.end
    doc = d.doc
    while start < end and doc[start].lower_ in lx.determiners:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "\u2019s")):
        end -= 1
    if start >= end:
        return
    # "the Co-ordination Council": the model often drops a hyphenated first word
    while (
        start >= 3
        and doc[start - 2].text == "-"
        and not doc[start - 3].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 3].text[:1].isupper()
        and start - 3 not in d.at
    ):
        start -= 3
    for k in range(start, end):
        if doc[k].text == "(":
            end = k  # "Front for the Liberation of Xanadu (FLX": the acronym comes apart
            break
    if start >= end or not any(t.pos_ == "PROPN" for t in doc[start:end]):
        return  # "Fierce" (fighting) read as a name
    if _leader_state(d, start, end, d.vocab.lookup(doc[start:end].text)):
        return
    text = doc[start:end].text
    key_text = norm(text)
    if doc[start].text in lx.vessel_prefixes:
        return  # a ship
    if key_text in lx.stop_entities or key_text in lx.platforms or not text[:1].isupper():
        return
    if all(t.lower_ in lx.title_words or t.is_stop for t in doc[start:end]):
        return  # "Defense" of "Defense Minister", "State" of "Secretary of State"
    if (
        e.label_ == "FAC"
        and not any(w in text for w in lx.facility_organisations)
        and not any(t.lower_ in lx.organisation_heads for t in doc[start:end])
    ):
        return  # a building or a place; "the Centre for Policy Studies" is a body
    if _looks_like_person(d, doc[start:end]) or doc[start].lower_.rstrip(".") in lx.honorifics:
        add_person(d, doc[start:end], si, body_names)
        return
    if si in d.headline and key_text not in body_names:
        return
    if len(text.split()) > 7 or any(ch in text for ch in '\u201c\u201d"?!'):
        return
    if doc[end - 1].lower_ in lx.place_nouns or doc[end - 1].lower_ in lx.document_nouns:
        return  # "Xanadu Reef": a place; "Geneva Convention": a text
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
        # "the Ruritanian Human Rights Commission": the demonym is part of the name
        state = doc[start - 1].ent_id_
        start -= 1
        while (
            start > 0 and doc[start - 1].ent_type_ == "DEMONYM" and doc[start - 1].ent_id_ == state
        ):
            start -= 1
        text = doc[start:end].text
    label = title_case(text)
    key = entity_id("agency", label)
    d.entity(key, "agency", label)
    d.add_mention(key, start, end, text)
    if state and state in d.vocab.entries:
        d.state_entity(state)
        d.part_of.setdefault(key, state)


def _looks_like_person(d: ArticleState, span) -> bool:
    """An ORG that is a person: two or three capitalised words ending with a surname the
    article names elsewhere, or followed by an apposition with a title ("X, a spokesman")."""
    if not all(t.pos_ == "PROPN" and t.text.isalpha() for t in span) or not 1 <= len(span) <= 3:
        return False
    if span.start > 0 and span.doc[span.start - 1].lower_ in d.lx.title_words:
        return True  # "spokesperson John Roe"
    if span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in d.lx.honorifics:
        return True  # "Mr Roe"
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
