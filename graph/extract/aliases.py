"""Aliases the text defines: "Full Name (ACRONYM)", "ACRONYM, the Full Name", "X, also
known as Y", and institutions whose names begin with a state's ("X University").
Each step joins the surface forms into one entity; run by :func:`.names.find_names`.
"""

from __future__ import annotations

import re

from ..vocab import entity_id, norm
from .state import ArticleState
from .surnames import merge_local

__all__ = ["find_acronyms", "find_defined_aliases", "find_institutions"]

_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")


def _named_before(d: ArticleState, end: int) -> tuple[int, str | None]:
    """The start of the capitalised name that ends at token ``end`` (exclusive), with
    "of", "for", "and", "on", "the" inside it ("Office for Civil and Political Rights"),
    and the state named right before it, if any."""
    doc, lx = d.doc, d.lx
    k = end
    while k > 0 and end - k < 12:
        tok = doc[k - 1]
        if k - 1 in d.at:
            break
        if (
            tok.text[:1].isupper()
            and tok.is_alpha
            or tok.text == "-"
            and not tok.whitespace_
            or tok.lower_ in lx.name_inner_words
            and k < end
            and k - 2 >= 0
            and doc[k - 2].text[:1].isupper()
        ):
            k -= 1
        else:
            break
    while k < end and (doc[k].lower_ in lx.name_inner_words or doc[k].text == "-"):
        k += 1  # a name starts with a capital, not with "of" or "the"
    state = None
    if k > 0 and k - 1 in d.at and d.entities[d.at[k - 1].key].kind == "state":
        state = d.at[k - 1].key
    return k, state


def find_institutions(d: ArticleState) -> None:
    """A state's name that begins an institution's is not the state: "Ruritania
    University", "Ruritania Airways", "the Ruritania Times" (institution_words)."""
    doc, lx = d.doc, d.lx
    for m in list(d.mentions):
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "state":
            continue
        k = m.end
        while k < len(doc) and k - m.end < 3 and doc[k].text[:1].isupper() and doc[k].is_alpha:
            if doc[k].text in lx.institution_words:
                break
            k += 1
        if k >= len(doc) or doc[k].text not in lx.institution_words or k in d.at:
            continue
        start = m.start
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
            before = d.at.get(start - 1)
            if doc[start - 1].is_sent_start or (
                before is not None
                and (before.end - before.start > 1 or d.entities[before.key].vocab_id)
            ):
                break
            start -= 1  # "the South Ruritania Post", "South" read as a body or as nothing
        span = doc[start : k + 1]
        if d.vocab.lookup(span.text):
            continue
        d.remove_mentions_in(start, m.start)
        d.remove_mention(m)
        key = entity_id("agency", span.text)
        d.entity(key, "agency", span.text)
        d.add_mention(key, span.start, span.end)


def _spelled_out(d: ArticleState, end: int, acronym: str) -> None:
    """The words before "(ACRONYM)" whose initials spell it are one body, when the model
    cut them into pieces ("Andean People's Front (APF)" read as a person and a body)."""
    doc, lx = d.doc, d.lx
    k = end
    while k > 0 and end - k < 10:
        tok = doc[k - 1]
        if not (
            (tok.text[:1].isupper() and tok.is_alpha)
            or tok.lower_ in lx.name_inner_words
            or tok.text in ("'s", "’s", "-")
        ):
            return
        k -= 1
        initials = "".join(t.text[0] for t in doc[k:end] if t.text[:1].isupper() and t.is_alpha)
        if initials.upper() == acronym.upper() and doc[k].text[:1].isupper():
            inner = {d.at[i].key for i in range(k, end) if i in d.at}
            if len(inner) < 2 and d.at.get(k) is d.at.get(end - 1):
                return  # one mention already spans the name
            if any(
                (d.entities[d.at[i].key].vocab_id or d.entities[d.at[i].key].kind == "state")
                and d.at[i].end - d.at[i].start > 1
                for i in range(k, end)
                if i in d.at
            ):
                return  # a known name of several words inside: keep it
            d.remove_mentions_in(k, end)
            label = doc[k:end].text
            key = entity_id("agency", label)
            d.entity(key, "agency", label)
            d.add_mention(key, k, end)
            return


def find_acronyms(d: ArticleState) -> None:
    """ "Internal Security Office (ISO)": the acronym is an alias of the entity before it,
    which is made from its capitalised words when the model did not see it."""
    doc = d.doc
    acronyms: dict[str, str] = {}
    for m in _ACRONYM.finditer(d.doc_text):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        prev = span.start - 2
        if prev >= 0 and prev not in d.at and doc[prev + 1].text == "(":
            start, state = _named_before(d, prev + 1)
            words = [t for t in doc[start : prev + 1] if t.is_alpha]
            if len(words) >= 2 and not d.vocab.lookup(doc[start : prev + 1].text):
                label = doc[start : prev + 1].text
                key = entity_id("agency", label)
                d.entity(key, "agency", label)
                d.add_mention(key, start, prev + 1)
                if state:
                    d.part_of.setdefault(key, state)
        if prev >= 0 and prev in d.at:
            _spelled_out(d, prev + 1, m.group(1))
            key = d.at[prev].key
            acronyms[m.group(1)] = key
            own = d.at.get(span.start)
            if own is None:
                d.add_mention(key, span.start, span.end)
            elif own.key != key and not d.entities[own.key].vocab_id and own.text == span.text:
                merge_local(d, own.key, key)  # the model made the acronym a body of its own
    if not acronyms:
        return
    for tok in d.tokens:
        if tok.text in acronyms and tok.i not in d.at:
            d.add_mention(acronyms[tok.text], tok.i, tok.i + 1)


def find_defined_aliases(d: ArticleState) -> None:
    """Other names the text gives a body: "the ZRA, the Zorro Resistance Army", "Zorro
    Labs, also known as Grey Owl": the second name is an alias of the first."""
    doc, lx = d.doc, d.lx
    for m in list(d.mentions):
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "agency" or m.end + 2 >= len(doc):
            continue
        if doc[m.end].text != ",":
            continue
        k = m.end + 1
        words = []
        while k < len(doc) and k - m.end <= 4 and doc[k].is_lower:
            words.append(doc[k].lower_)
            k += 1
        phrase = " ".join(words)
        if phrase not in lx.alias_markers and phrase != "the":
            continue
        if k in d.at:
            other = d.at[k]
            kind = d.entities[other.key].kind if other.key in d.entities else None
            named = phrase != "the" or doc[other.end - 1].lemma_.lower() in lx.organisation_heads
            if other.key != m.key and other.start == k and kind in ("agency", "person") and named:
                merge_local(d, other.key, m.key)  # the name the model saw: an alias
            continue
        end = k
        while (
            end < len(doc)
            and end - k < 10
            and end not in d.at
            and (doc[end].text[:1].isupper() or doc[end].lower_ in lx.name_inner_words)
        ):
            end += 1
        while end > k and doc[end - 1].lower_ in lx.name_inner_words:
            end -= 1
        span = doc[k:end]
        if len([t for t in span if t.text[:1].isupper()]) < (1 if phrase != "the" else 2):
            continue
        if phrase == "the" and span[-1].lemma_.lower() not in lx.organisation_heads:
            continue  # "Zorro, the Ruritanian port": a description, not a name
        if d.vocab.lookup(span.text):
            continue
        d.add_mention(m.key, k, end)
        for key, other in list(d.entities.items()):  # the alias used alone elsewhere
            if (
                key != m.key
                and other.kind in ("agency", "person")
                and norm(other.label) == norm(span.text)
            ):
                merge_local(d, key, m.key)
