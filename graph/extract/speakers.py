"""Speakers: who speaks in each sentence.

The subject of a reporting verb ("X said"), "according to X", "X cited Y as saying", a
"NAME:" transcript line, a paragraph introduced by "X said:", or an open quote whose
attribution comes later. Writes ``speaker`` (sentence -> speakers) and ``voice``
(sentences wholly in one speaker's words).
"""

from __future__ import annotations

import re

from ..records import ACTOR_KINDS
from .coref import antecedent
from .modality import is_negated
from .quotes import in_quote, open_quote_before, starts_in_quote
from .state import ArticleState
from .syntax import OBJ, actors, subject

__all__ = ["find_speakers"]


def _reports(d: ArticleState, tok) -> bool:
    """Whether a token is a reporting verb that reports: not negated, not wished or
    required ("must now explain", "will say"), not "difficult to tell"."""
    lx = d.lx
    return (
        tok.pos_ in ("VERB", "AUX")
        and tok.lemma_ in lx.reporting_verbs
        and not is_negated(tok, lx)
        and not any(
            c.dep_ == "aux" and c.lower_ in lx.future_auxiliaries | lx.obligation_auxiliaries
            for c in tok.children
        )
        and not (  # "it was difficult to tell": nobody tells anything
            tok.dep_ == "xcomp"
            and (tok.head.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in tok.head.children))
        )
    )


def _sentence_speakers(d: ArticleState, si: int, sent) -> list[str]:
    doc, lx = d.doc, d.lx
    speakers: list[str] = []
    reporting = [t for t in sent if _reports(d, t)]
    if any(not in_quote(d, t) for t in reporting):
        # the attribution outside the quotation speaks, not a verb quoted inside it
        reporting = [t for t in reporting if not in_quote(d, t)]
    for tok in sent:
        if (
            tok.pos_ == "VERB"
            and tok.lemma_ in lx.citing_verbs
            and any(c.lower_ == "as" for c in tok.subtree)
        ):
            # "Radio Ruritania cited John Roe as saying ...": the one quoted speaks
            quoted = [k for c in tok.children if c.dep_ in OBJ for k in actors(d, c)]
            quoted = [k for k in quoted if d.entities[k].kind in ACTOR_KINDS]
            if quoted:
                speakers.extend(k for k in quoted if k not in speakers)
                d.voice[si] = quoted
                continue
        if tok in reporting:
            subj = subject(d, tok)
            if not subj:
                # inverted attribution: '..., said Ruritanian Premier John Roe'; never the
                # one spoken to ("..., a source told Radio Ruritania")
                deps = ("dobj", "attr", "npadvmod", "dep", "nsubj", "appos")
                if tok.lemma_ in lx.addressee_verbs:
                    deps = deps[1:]
                for c in tok.children:
                    if c.i > tok.i and c.dep_ in deps:
                        subj = actors(d, c, conj=False)
                        if subj:
                            break
            if (
                not subj
                and tok.i > sent.start
                and doc[tok.i - 1].text in (",", "\u201d", '"')
                and tok.lemma_ not in lx.addressee_verbs
            ):
                for k in range(tok.i + 1, min(tok.i + 8, sent.end)):
                    if doc[k].is_punct:
                        break
                    if k in d.at and d.entities[d.at[k].key].kind in ACTOR_KINDS:
                        subj = [d.at[k].key]
                        break
            subj = [s for s in subj if d.entities[s].kind in ACTOR_KINDS]
            if subj:
                speakers.extend(s for s in subj if s not in speakers)
        if (
            tok.i == sent.start
            and tok.lower_ == "for"
            and tok.i + 2 < sent.end
            and tok.i + 1 in d.at
            and d.entities[d.at[tok.i + 1].key].kind in ACTOR_KINDS
            and doc[d.at[tok.i + 1].end].text == ","
        ):
            # "For Freedonia, the blockade is an act of war": Freedonia's view
            speakers.append(d.at[tok.i + 1].key)
            d.voice[si] = [d.at[tok.i + 1].key]
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            # the phrase's head first: "according to Zorro University nonprofit Andes Lab"
            heads = [
                c.i
                for c in doc[tok.i + 1].children
                if c.dep_ == "pobj"
                and c.i in d.at
                and d.entities[d.at[c.i].key].kind in ACTOR_KINDS
            ]
            if heads:
                speakers.append(d.at[heads[0]].key)
                d.voice[si] = [d.at[heads[0]].key]
                continue
            for t in doc[tok.i + 2 : min(tok.i + 8, sent.end)]:
                if t.i in d.at and d.entities[d.at[t.i].key].kind in ACTOR_KINDS:
                    speakers.append(d.at[t.i].key)
                    d.voice[si] = [d.at[t.i].key]
                    break
                if t.lower_ in lx.pronouns_person:
                    ref = antecedent(d, t, "person")
                    if ref:
                        speakers.append(ref)
                    break
    m = re.match(r"\s*([A-Z][A-Za-z .'-]{2,40}):\s", sent.text)
    if not speakers and m and si not in d.headline:  # a headline "Jane Roe: ..." is a label
        first = sent.start
        if first in d.at:
            speakers.append(d.at[first].key)
            d.voice[si] = [d.at[first].key]
    return speakers


def find_speakers(d: ArticleState) -> None:
    """Who speaks in each sentence (see the module docstring)."""
    text = d.doc_text
    for si, sent in enumerate(d.sents):
        speakers = _sentence_speakers(d, si, sent)
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
            inside = open_quote_before(text, sent.start_char)
            if not inside:
                break
            if prev in d.speaker and "\n\n" not in gap:
                d.speaker[si] = d.speaker[prev]
                break
            prev -= 1
        if si not in d.speaker and open_quote_before(text, sent.start_char):
            # the attribution may follow: the next sentence that closes the quote
            for nxt in range(si + 1, min(si + 6, len(d.sents))):
                if nxt in d.speaker and starts_in_quote(text, d.sents[nxt].start_char):
                    d.speaker[si] = d.speaker[nxt]
                    break
                if not starts_in_quote(text, d.sents[nxt].start_char):
                    break
