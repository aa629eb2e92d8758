"""Person names joined: first names before surnames, surname-only mentions to the full
name, a titled surname to the one known person of that name; and :func:`merge_local`, which
folds one local entity into another.
"""

from __future__ import annotations

from ..vocab import entity_id
from .state import ArticleState

__all__ = ["join_person_names", "merge_local", "titled"]


def titled(d: ArticleState, start: int) -> str | None:
    """The title or honorific right before a name's first token, or None."""
    if start == 0:
        return None
    word = d.doc[start - 1].lower_
    if word.rstrip(".") in d.lx.honorifics or word in d.lx.titles:
        return word
    return None


def _extend_person_names(d: ArticleState) -> None:
    """A capitalised word right before a one-word name the model found is its first
    name: "Jane Roe" when the model saw only "Roe"."""
    doc, lx = d.doc, d.lx
    surnames = {
        doc[m.end - 1].text: m.key
        for m in d.mentions
        if d.entities.get(m.key) and d.entities[m.key].kind == "person"
    }
    for tok in d.tokens:
        # the surname again where the model saw no name ("Roe, a policy expert")
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
        if m.end - m.start == 2 and doc[m.start].lower_ not in lx.name_openers:
            continue  # two-word names are complete unless they open with a particle
        k = m.start - 1
        prev = doc[k] if k >= 0 else None
        first = prev is not None and k in d.at and _first_name_read_as_state(d, k, m)
        if first:
            d.remove_mention(d.at[k])  # "Chad Roe", "Jordan Roe": a first name
        if (
            prev is None
            or k in d.at
            or prev.pos_ != "PROPN"
            or not prev.text[:1].isupper()
            or not prev.text.isalpha()
            or prev.lower_ in lx.title_words
            or prev.lower_.rstrip(".") in lx.honorifics
            or (prev.ent_type_ not in ("", "PERSON") and not first)
        ):
            continue
        label = f"{prev.text} {doc[m.start : m.end].text}"
        key = entity_id("person", label)
        d.entity(key, "person", label)
        d.remove_mention(m)
        d.add_mention(key, k, m.end)


def _extend_person_names_forward(d: ArticleState) -> None:
    """Words right after a person's name that the model left out belong to it: the end of
    "Jane al-Roe" after "al-", a surname the gazetteer read as a state or body ("Ana Lima
    Chad", parsed as one name), capitalised words the parser joins to the name ("Gen Jane
    Roe Doe" when the model saw "Jane")."""
    doc, lx = d.doc, d.lx
    for m in list(d.mentions):
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "person" or ent.vocab_id or m.end - m.start > 3:
            continue
        end = m.end
        last = doc[end - 1]
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not last.whitespace_
            and not doc[end].whitespace_
            and last.lower_ in lx.name_particles
            and doc[end + 1].text[:1].isupper()
        ):
            end += 2  # "al-" + "Roe"
        else:
            while end < len(doc) and end - m.start < 4:
                tok = doc[end]
                named = d.at.get(end)
                if not (
                    tok.pos_ == "PROPN"
                    and tok.text[:1].isupper()
                    and tok.text.isalpha()
                    and tok.lower_ not in lx.title_words
                    and doc[end - 1].dep_ in ("compound", "flat")
                    and doc[end - 1].head.i >= end
                    and (named is None or (named.end - named.start == 1 and tok.dep_ != "compound"))
                ):
                    break
                end += 1
        nxt = d.at.get(m.end)
        if (
            end == m.end
            and nxt is not None
            and nxt.start == m.end
            and nxt.end - m.start <= 6
            and d.entities[nxt.key].kind == "person"
            and not d.entities[nxt.key].vocab_id
        ):
            end = nxt.end  # "Abd-Al Jane Roe" read as two people side by side: one name
        if end == m.end:
            continue
        d.remove_mentions_in(m.end, end)
        label = doc[m.start : end].text
        key = entity_id("person", label)
        d.entity(key, "person", label)
        d.remove_mention(m)
        d.add_mention(key, m.start, end)


def _first_name_read_as_state(d: ArticleState, k: int, m) -> bool:
    """Whether the one-word state mention at ``k`` is the first name of the person named
    right after it: the parser joins them, and the surname is a person's elsewhere."""
    state = d.at[k]
    tok = d.doc[k]
    return (
        state.end - state.start == 1
        and state.end == m.start
        and d.entities[state.key].kind == "state"
        and tok.dep_ == "compound"
        and tok.head.i == m.end - 1
        and tok.text[:1].isupper()
    )


def join_person_names(d: ArticleState) -> None:
    """Surname-only mentions join the full name: "Roe" -> Jane Roe."""
    _extend_person_names_forward(d)
    _extend_person_names(d)
    persons = [e for e in d.entities.values() if e.kind == "person"]
    full = [p for p in persons if len(p.label.split()) > 1]
    # a one-word "body" that is the surname of a person the article names is that person
    # (the model read "Roe's" as an organisation)
    persons += [
        e
        for e in d.entities.values()
        if e.kind == "agency"
        and not e.vocab_id
        and len(e.label.split()) == 1
        and len({f.key for f in full if f.label.split()[-1].casefold() == e.label.casefold()}) == 1
    ]
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
            merge_local(d, p.key, hits[0].key)
        elif not hits:
            _known_by_surname(d, p, name)


def _known_by_surname(d: ArticleState, p, name: str) -> None:
    """A one-word name titled with one of the offices of the only known person of that
    surname is that person: "President Roe" -> Jane Roe, when the vocabulary knows one
    President Roe and the article names no other Roe."""
    known = d.vocab.people_named(name)
    if len(known) != 1 or not known[0].roles:
        return
    offices = {w for r in known[0].roles for w in d.lx.norm_title(r).split()}
    titles = {titled(d, m.start) for m in d.mentions_of(p.key)} - {None}
    if not any(d.lx.norm_title(t) in offices for t in titles):
        return
    d.state_entity(known[0].id)
    merge_local(d, p.key, known[0].id)


def merge_local(d: ArticleState, old: str, new: str) -> None:
    """Fold the local entity ``old`` into ``new``: aliases, mentions, role, relations."""
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
    d.rekeyed()
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
