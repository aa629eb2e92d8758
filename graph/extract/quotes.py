"""Quotations: whether a position or a token lies inside quoted words.

Curly and straight double quotes and guillemets count; a quotation may run on over
several sentences of one paragraph.
"""

from __future__ import annotations

from .state import ArticleState

__all__ = ["QUOTES_OPEN", "in_quote", "open_quote_before", "starts_in_quote"]

QUOTES_OPEN = '\u201c"\u00ab'


def open_quote_before(text: str, pos: int) -> bool:
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


def starts_in_quote(text: str, pos: int) -> bool:
    """Whether a sentence starting at pos starts inside (or with) a quotation."""
    return open_quote_before(text, pos) or text[pos : pos + 1] in QUOTES_OPEN


def in_quote(d: ArticleState, tok) -> bool:
    """Whether a token lies inside quoted words."""
    sent = d.sents[d.sent_of[tok.i]]
    text = d.doc_text
    before = text[sent.start_char : tok.idx]
    opens = before.count("\u201c") + before.count("\u00ab")
    closes = before.count("\u201d") + before.count("\u00bb")
    if opens > closes or before.count('"') % 2 == 1:
        return True
    if opens == closes == 0 and before.count('"') == 0 and open_quote_before(text, sent.start_char):
        # a quotation opened in an earlier sentence: the token is inside when it closes
        # later in the same paragraph ("A. B. C," she said: B is quoted too)
        end = text.find("\n", tok.idx)
        after = text[tok.idx : end if end != -1 else len(text)]
        return "\u201d" in after or '"' in after or "\u00bb" in after
    return False
