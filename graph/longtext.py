"""Long texts, piece by piece: a report or a month of wire copy in one file.

An article longer than one piece (:data:`PIECE_CHARS`, and never more than
spaCy's ``nlp.max_length``) is cut at paragraph breaks into pieces that keep
their character offset in the whole text. Each piece is parsed and extracted
on its own, its ``Doc`` dropped before the next one is parsed, and the
extractions are joined into one :class:`~graph.records.Extraction` of the
article: entities by key (aliases united, mentions summed), relations one
after the other with their evidence offsets shifted to the whole text. Memory
therefore holds one piece's ``Doc`` at a time, and every rule of the extractor
that looks across the text (earlier mentions, pending roles and denials) works
within a piece, so its cost per token does not grow with the article.

A text no longer than one piece never comes here: its extraction is the one
:func:`graph.extract.extract` makes of the whole text, byte for byte.

The seam for the extractor
--------------------------
:func:`extract_piece` is the only place that calls the extractor on a piece.
It receives ``carry``, a small mapping that the pieces of one article pass on,
in order, from one to the next; today's extractor neither reads nor writes it.
An extractor that wants names, surnames, speakers or pending relations to
cross a piece boundary reads them from ``carry`` and leaves its own there for
the next piece, keeping it bounded (the last few speakers, the surnames of the
names seen so far). :data:`PIECES_INDEPENDENT` tells the build whether the
pieces of one article may run in separate worker processes (no carry) or must
run in order, one after the other (:func:`extract_long`). Until then a piece
does not see what came before it beyond its place (a later piece's first sentence
is no headline): names, speakers and pending relations stop at its edge, and the
article's entities are joined by key, surnames to full names by
:mod:`graph.resolve` (``bench/PROFILE_LONG.md`` lists what could be carried).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .extract import extract, prepare_text
from .ingest import Article
from .records import Extraction
from .vocab import Vocab

__all__ = [
    "PIECES_INDEPENDENT",
    "PIECE_CHARS",
    "Piece",
    "PieceMerger",
    "extract_long",
    "extract_piece",
    "iter_piece_extractions",
    "make_pieces",
    "piece_limit",
    "piece_spans",
    "prepared",
]

PIECE_CHARS = 100_000  # about 17,000 tokens: one parse holds ~300 MB at most
# Whether the pieces of one article may be extracted apart (in parallel) rather than in
# order with ``carry`` passed along; False once the extractor reads ``carry``.
PIECES_INDEPENDENT = True

Carry = dict[str, Any]


@dataclass(frozen=True)
class Piece:
    """One piece of a long article: the article's own text of the piece (evidence
    quotes it) and its offset in the article. The parser reads :func:`prepared`."""

    document: str
    index: int
    count: int
    start: int
    text: str
    date: str | None = None


def prepared(piece: Piece, vocab: Vocab) -> str:
    """What the parser reads of a piece: :func:`graph.extract.prepare_text` of it.

    Each piece is prepared on its own, as an article is: ``prepare_text`` of a
    whole long text costs more than linear time (it checks each line against the
    list of headline lines), and letter case is all it changes, so offsets hold.
    """
    return prepare_text(piece.text, vocab)


def piece_limit(nlp: Any = None, piece_chars: int = PIECE_CHARS) -> int:
    """The longest text parsed in one go: ``piece_chars``, at most ``nlp.max_length``.

    >>> piece_limit(None, 5_000)
    5000
    """
    return max(1, min(piece_chars, getattr(nlp, "max_length", piece_chars) or piece_chars))


def piece_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of pieces of at most ``limit`` characters that cover ``text``.

    Each piece ends after the last paragraph break in its second half, else after
    the last sentence end, line break or space, else at ``limit``.

    >>> piece_spans("Ann left.\\n\\nBo came.\\n\\nCy sat.", 12)
    [(0, 11), (11, 21), (21, 28)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n\n", start + limit // 2, end - 1)
        if cut < 0:
            cut = max(text.rfind(". ", start, end - 1), text.rfind(".\n", start, end - 1))
        if cut < 0:
            cut = max(text.rfind("\n", start, end - 1), text.rfind(" ", start, end - 1))
            cut = cut + 1 if cut > start else end
        else:
            cut += 2
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def make_pieces(article: Article, limit: int) -> list[Piece]:
    """The pieces of an article, cut by :func:`piece_spans`.

    >>> from graph.ingest import parse_article
    >>> a = parse_article("Ann left.\\n\\nBo came.\\n\\nCy sat.", "a.txt")
    >>> [(p.index, p.start, p.text) for p in make_pieces(a, 12)]
    [(0, 0, 'Ann left.\\n\\n'), (1, 11, 'Bo came.\\n\\n'), (2, 21, 'Cy sat.')]
    """
    spans = piece_spans(article.text, limit)
    return [
        Piece(article.id, i, len(spans), s, article.text[s:e], article.date)
        for i, (s, e) in enumerate(spans)
    ]


def _shifted(relations: Iterable[dict[str, Any]], offset: int) -> list[dict[str, Any]]:
    out = []
    for rel in relations:
        ev = rel["evidence"]
        out.append(
            {**rel, "evidence": {**ev, "start": ev["start"] + offset, "end": ev["end"] + offset}}
        )
    return out


def extract_piece(doc: Any, piece: Piece, vocab: Vocab, carry: Carry | None = None) -> Extraction:
    """Extract one parsed piece; evidence offsets refer to the whole article.

    ``carry`` is what the article's earlier pieces left for this one (see the
    module's notes); the current extractor does not use it.
    """
    ex = extract(
        doc, piece.document, vocab, date=piece.date, text=piece.text, continues=piece.index > 0
    )
    if piece.start:
        ex = Extraction(ex.document, ex.entities, _shifted(ex.relations, piece.start))
    return ex


class PieceMerger:
    """Joins the extractions of an article's pieces, in order, into one.

    Entities are joined by key: the first piece's label, kind and ids, every
    alias, the mentions summed, the first role found. Relations follow one
    another in piece order.

    Examples
    --------
    >>> m = PieceMerger("a")
    >>> m.add(Extraction("a", {"state:x": {"label": "X", "kind": "state", "aliases": ["X"],
    ...     "mentions": 1, "role": None}}, []))
    >>> m.add(Extraction("a", {"state:x": {"label": "X", "kind": "state", "aliases": ["Xia"],
    ...     "mentions": 2, "role": None}}, []))
    >>> m.result().entities["state:x"]["aliases"], m.result().entities["state:x"]["mentions"]
    (['X', 'Xia'], 3)
    """

    def __init__(self, document: str) -> None:
        self.document = document
        self.entities: dict[str, dict[str, Any]] = {}
        self.aliases: dict[str, set[str]] = {}  # sorted into lists once, at the end
        self.relations: list[dict[str, Any]] = []
        self.pieces = 0

    def add(self, ex: Extraction) -> None:
        """Add the extraction of the next piece."""
        self.pieces += 1
        for key, ent in ex.entities.items():
            have = self.entities.get(key)
            if have is None:
                self.entities[key] = dict(ent)
                self.aliases[key] = set(ent.get("aliases", []))
                continue
            self.aliases[key].update(ent.get("aliases", []))
            have["mentions"] = int(have.get("mentions", 0)) + int(ent.get("mentions", 0))
            for field in ("role", "vocab_id"):
                if not have.get(field) and ent.get(field):
                    have[field] = ent[field]
        self.relations.extend(ex.relations)

    def result(self) -> Extraction:
        """The article's extraction."""
        for key, ent in self.entities.items():
            if "aliases" in ent or self.aliases[key]:
                ent["aliases"] = sorted(self.aliases[key])
        return Extraction(self.document, self.entities, self.relations)


def iter_piece_extractions(
    pieces: list[Piece], nlp: Any, vocab: Vocab
) -> Iterator[tuple[Piece, Extraction]]:
    """Parse and extract the pieces in order, one ``Doc`` alive at a time."""
    carry: Carry = {}
    docs = nlp.pipe((prepared(p, vocab) for p in pieces), batch_size=1)
    for piece, doc in zip(pieces, docs):
        ex = extract_piece(doc, piece, vocab, carry)
        del doc
        yield piece, ex


def extract_long(
    article: Article,
    nlp: Any,
    vocab: Vocab,
    *,
    limit: int | None = None,
    on_piece: Callable[[Article, int, int], None] | None = None,
) -> Extraction:
    """Parse and extract a long article piece by piece, with bounded memory.

    Parameters
    ----------
    article : the article; any length.
    nlp : the spaCy pipeline of :func:`graph.nlp.make_nlp`.
    vocab : the vocabulary.
    limit : the piece size; default :func:`piece_limit` of ``nlp``.
    on_piece : called as ``on_piece(article, done, total)`` after each piece; it may
        raise to give up the article (the memory budget does).

    Returns
    -------
    Extraction
        One for the whole article, offsets in its text.

    Examples
    --------
    >>> from graph.ingest import parse_article
    >>> from graph.nlp import make_nlp
    >>> from graph.vocab import load_vocab
    >>> vocab = load_vocab()
    >>> a = parse_article("Ruritania accused Freedonia.\\n\\nPoland accused Russia.", "r.txt")
    >>> ex = extract_long(a, make_nlp(vocab), vocab, limit=30)
    >>> [(r["target"], r["evidence"]["start"]) for r in ex.relations]
    [('state:russia', 30)]
    """
    pieces = make_pieces(article, limit or piece_limit(nlp))
    merger = PieceMerger(article.id)
    for piece, ex in iter_piece_extractions(pieces, nlp, vocab):
        merger.add(ex)
        if on_piece:
            on_piece(article, piece.index + 1, piece.count)
    return merger.result()
