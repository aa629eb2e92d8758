"""Read news documents from files and folders: plain text, saved web pages, PDFs,
Word files, RSS/Atom feeds, corpus tables and zip archives of these.

Every document becomes one :class:`Article` (a feed, a table or an archive
several): the exact text Relate analyses, its title, and what the document
says of itself, the ``date`` (ISO 8601), ``outlet``, ``url`` and ``author``,
with a stable id derived from the file name and the text. A file, a table row
or an archive member that cannot be used is reported as a :class:`Problem`
with a short reason and skipped; the others are still read.

========  ==========================  ==============================================
format    suffixes                    reader
========  ==========================  ==============================================
text      .txt .md                    :mod:`graph.ingest.text`
html      .html .htm .xhtml           :mod:`graph.ingest.html` (trafilatura)
pdf       .pdf                        :mod:`graph.ingest.pdf` (pypdf)
docx      .docx                       :mod:`graph.ingest.docx` (python-docx)
feed      .rss .atom .xml             :mod:`graph.ingest.feed` (feedparser)
table     .jsonl .ndjson .json .csv   :mod:`graph.ingest.table`
          .tsv
zip       .zip                        :mod:`graph.ingest.archive`
========  ==========================  ==============================================

Notes
-----
Document content is untrusted. Reading never runs or fetches anything: no
script runs, no remote image, stylesheet, DTD or external entity is loaded, XML
entity expansion is off, and archives and PDF streams are bounded (see
:mod:`graph.ingest.archive` and :mod:`graph.ingest.pdf`). Folders are walked
without following symbolic-link loops, hidden files and folders are ignored,
pipes and devices are refused without being opened for a blocking read, and no
more than ``max_bytes`` are read from any file or archive member. An exception
raised by a parser is a named skip, never a crash. The text is normalised so
that every later stage can store it (:func:`normalize_text`); evidence offsets
refer to the normalised text.
"""

from __future__ import annotations

import os  # noqa: F401 - tests patch os functions through this module
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import InputError
from .core import (
    DEFAULT_MAX_BYTES,
    Article,
    Corpus,
    Problem,
    ReadOptions,
    _Unusable,
    article_id,
    display_name,
    iso_date,
    normalize_text,
    read_bytes,
)
from .text import ARTICLE_SUFFIXES, decode_text, parse_article, parse_text, text_article
from .walk import DOCUMENT_SUFFIXES, FORMATS, format_of, iter_article_paths

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_SUFFIXES",
    "FORMATS",
    "Article",
    "Corpus",
    "Problem",
    "ReadOptions",
    "article_id",
    "decode_text",
    "display_name",
    "iso_date",
    "iter_article_paths",
    "normalize_text",
    "parse_article",
    "parse_document",
    "parse_text",
    "read_article",
    "read_articles",
]

Parsed = tuple[list[Article], list[Problem]]


def _options(
    options: ReadOptions | None, max_bytes: int | None, columns: Mapping[str, str] | None
) -> ReadOptions:
    base = options or ReadOptions()
    return ReadOptions(
        columns=dict(columns) if columns is not None else dict(base.columns),
        max_bytes=max_bytes if max_bytes is not None else base.max_bytes,
    )


def _dispatch(data: bytes, name: str, options: ReadOptions, depth: int = 0) -> Parsed:
    """Read the bytes of one document file (or archive member) with its format's reader."""
    fmt = format_of(name, data)
    if fmt == "text":
        return [text_article(data, name)], []
    if not data:
        raise _Unusable("empty file")
    try:
        if fmt == "html":
            from .html import read_html

            return [read_html(data, name)], []
        if fmt == "pdf":
            from .pdf import read_pdf

            return [read_pdf(data, name)], []
        if fmt == "docx":
            from .docx import read_docx

            return [read_docx(data, name, options)], []
        if fmt == "feed":
            from .feed import read_feed

            return read_feed(data, name)
        if fmt == "table":
            from .table import read_table

            return read_table(data, name, options)
        if fmt == "zip":
            from .archive import read_zip

            return read_zip(data, name, options, depth, parse=_dispatch)
    except _Unusable:
        raise
    except RecursionError:
        raise _Unusable(f"cannot read {fmt} (nested too deeply)") from None
    except MemoryError:
        raise _Unusable(f"cannot read {fmt} (out of memory)") from None
    except Exception as exc:  # noqa: BLE001 - a parser's bug or a hostile file: a named skip
        detail = " ".join(str(exc).split())[:120]
        raise _Unusable(
            f"cannot read {fmt} ({type(exc).__name__}{': ' + detail if detail else ''})"
        ) from None
    raise _Unusable("unknown format")  # pragma: no cover - format_of always names one


def parse_document(
    data: bytes,
    name: str,
    *,
    options: ReadOptions | None = None,
    columns: Mapping[str, str] | None = None,
) -> Corpus:
    """Read the bytes of one document file of any format, named ``name``.

    The format follows the name's suffix, or the bytes when the suffix is not a
    known one. A feed, a table or an archive gives several articles.

    Examples
    --------
    >>> c = parse_document(b"<html><body><article><p>Poland accused Russia of sabotage "
    ...                    b"on Friday.</p></article></body></html>", "p.html")
    >>> c.articles[0].text, c.problems
    ('Poland accused Russia of sabotage on Friday.', [])
    """
    opts = _options(options, None, columns)
    try:
        articles, problems = _dispatch(data, name, opts)
    except _Unusable as exc:
        return Corpus([], [Problem(name, exc.args[0])])
    return Corpus(articles, problems)


def _read_file(path: Path, options: ReadOptions) -> Parsed:
    data = read_bytes(path, options.max_bytes)
    if not data:
        raise _Unusable("empty file")
    return _dispatch(data, str(path), options)


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one document file that holds one article.

    Raises
    ------
    InputError
        When the file cannot be used, or holds several articles (a feed, a table,
        an archive: use :func:`read_articles`); the message names the file.
    """
    path = Path(path)
    try:
        articles, problems = _read_file(path, ReadOptions(max_bytes=max_bytes))
    except _Unusable as exc:
        raise InputError(f"{display_name(path)}: {exc.args[0]}") from None
    if len(articles) != 1:
        why = (
            problems[0].reason
            if problems and not articles
            else (f"holds {len(articles)} articles; read it with read_articles")
        )
        raise InputError(f"{display_name(path)}: {why}")
    return articles[0]


def read_articles(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int | None = None,
    columns: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
) -> Corpus:
    """Read every article under files and folders.

    Parameters
    ----------
    inputs : files and folders; folders are walked recursively.
    max_bytes : files (and archive members) larger than this are skipped;
        default 20 MB.
    columns : corpus-table columns by field, overriding the common names, e.g.
        ``{"text": "story", "date": "day"}``.
    options : a :class:`ReadOptions` with both (the arguments above win).

    Returns
    -------
    Corpus
        The articles read and a :class:`Problem` for each file or part skipped; a
        broken file never stops the others. The same text under the same name is
        read once.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Poland accused Russia of sabotage.")
    >>> [a.title for a in read_articles([d]).articles]
    ['Poland accused Russia of sabotage.']
    """
    opts = _options(options, max_bytes, columns)
    paths, problems = iter_article_paths(inputs)
    corpus = Corpus(problems=problems)
    ids: set[str] = set()
    for path in paths:
        try:
            articles, inner = _read_file(path, opts)
        except _Unusable as exc:
            corpus.problems.append(Problem(str(path), exc.args[0]))
            continue
        corpus.problems.extend(inner)
        for article in articles:
            if article.id in ids:  # the same text under the same name: read once
                continue
            ids.add(article.id)
            corpus.articles.append(article)
    return corpus
