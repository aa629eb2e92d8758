"""Text preparation: what the parser reads, and which sentences are headlines.

Headlines and subheads written in Title Case are turned into sentence case (only letter
case changes, so every character offset stays valid), and datelines are blanked out
(same length) so the parser reads the sentence rather than the dateline's place.
"""

from __future__ import annotations

import functools
import re

from ..vocab import Vocab, load_vocab, norm  # noqa: F401 (load_vocab: doctests)
from .lexicon import Lexicon

__all__ = ["headline_sentences", "prepare_text", "title_case"]

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u2019'.-]*")


def title_case(text: str) -> str:
    """An all-capitals name in title case ("JOHN ROE" -> "John Roe"); others unchanged."""
    if text.isupper() and len(text) > 4:
        return " ".join(w.capitalize() for w in text.split())
    return text


@functools.lru_cache(maxsize=8)
def _dateline(agencies: tuple[str, ...]) -> re.Pattern[str]:
    wire = "|".join(re.escape(a) for a in agencies)
    return re.compile(
        r"^(?:[A-Z][A-Z.'\- ]{2,40}(?:, [A-Z][\w.'\- ]{1,30})?\s*(?:\([\w .\-]{2,25}\))?"
        rf"|[A-Z][\w.'\- ]{{2,40}}\s*\((?:{wire})\))"
        r"\s*[\u2014\u2013-]{1,2}\s+"
    )


def _blank_dateline(line: str, pattern: re.Pattern[str]) -> str:
    """ "LIMA, Peru (AFP) — The ministry said ...": the dateline is blanked out (same
    length) so the parser reads the sentence, not "Peru" as its subject."""
    m = pattern.match(line)
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

    "Ruritania Rejects Claim It Sank Ferry" parses as one long name; "Ruritania
    rejects claim it sank ferry" parses as a sentence. Only letter case changes, so
    every character offset stays valid. Names keep their capitals: vocabulary names,
    demonyms and capitals, acronyms, and words the body writes with a capital inside a
    sentence.

    >>> prepare_text("Peru Rejects U.S. Accusation\\n\\nThe U.S. accused Peru.", load_vocab())[:28]
    'Peru rejects U.S. accusation'
    """
    dateline = _dateline(tuple(sorted(Lexicon.of(vocab).wire_agencies)))
    lines = [_blank_dateline(line, dateline) for line in text.split("\n")]
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


def headline_sentences(text: str, sents: list, *, continues: bool = False) -> set[int]:
    """Sentences on short lines with no closing full stop: titles and subheads. The
    first sentence of a text is its headline, unless the text ``continues`` another (a
    later piece of a long article)."""
    out: set[int] = set()
    if sum(1 for line in text.split("\n") if line.strip()) < 2:
        return out  # a single line is body text, not a headline
    for si, sent in enumerate(sents):
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        line_end = text.find("\n", sent.start_char + len(sent.text.rstrip()))
        line = text[line_start : line_end if line_end != -1 else len(text)].strip()
        words = line.split()
        if not words:
            continue
        if (si == 0 and not continues) or (
            len(words) <= 14 and not line.endswith((".", "\u201d", '"', ":", ".\u201d"))
        ):
            out.add(si)
    return out
