"""Corpus tables: ``.jsonl``/``.ndjson``, ``.json``, ``.csv``/``.tsv``.

One article per row, as exported by news services and archives. Columns are
found by their common names (first match, case and spaces ignored):

=======  ============================================================
field    column names looked for
=======  ============================================================
text     text, body, content, article, article_text, full_text, ...
title    title, headline, heading
date     date, published, published_at, publish_date, pubdate, ...
outlet   source, outlet, domain, publisher, site_name, media, ...
url      url, link, href, source_url, article_url, ...
author   author, authors, byline, creator
=======  ============================================================

``ReadOptions.columns`` (``--columns text=story,date=day`` on the command line)
names other columns. A value may be nested as news APIs give it
(``{"source": {"name": ...}}``) and a list of authors is joined. A row without
text is reported by its line number (the line its record starts on).

A ``.json`` file is a list of records, or an object holding one such list
(``{"articles": [...]}``). CSV files may use ``,``, ``;``, tab or ``|``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .core import Article, Problem, ReadOptions, _Unusable, document_stem, make_article

__all__ = ["COLUMNS", "parse_columns", "parse_table", "read_table"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "article_text",
        "articletext",
        "full_text",
        "fulltext",
        "article_body",
        "articlebody",
        "maintext",
        "main_text",
        "story",
    ),
    "title": ("title", "headline", "heading", "head"),
    "date": (
        "date",
        "published",
        "published_at",
        "publishedat",
        "publish_date",
        "pubdate",
        "date_published",
        "datepublished",
        "publication_date",
        "datetime",
        "timestamp",
        "seendate",
        "created_at",
        "time",
    ),
    "outlet": (
        "source",
        "outlet",
        "domain",
        "publisher",
        "site_name",
        "sitename",
        "site",
        "source_name",
        "sourcename",
        "media",
        "newspaper",
        "publication",
        "sourcecommonname",
    ),
    "url": (
        "url",
        "link",
        "href",
        "uri",
        "source_url",
        "sourceurl",
        "article_url",
        "documentidentifier",
    ),
    "author": ("author", "authors", "byline", "creator", "writer"),
}
_LIST_KEYS = (
    "articles",
    "items",
    "data",
    "results",
    "rows",
    "records",
    "documents",
    "docs",
    "hits",
)


def parse_columns(spec: str | None) -> dict[str, str]:
    """Column overrides from ``FIELD=COLUMN`` pairs separated by commas.

    Raises
    ------
    InputError
        For a pair without ``=`` or an unknown field, naming it.

    Examples
    --------
    >>> parse_columns("text=story, date=day")
    {'text': 'story', 'date': 'day'}
    >>> parse_columns("colour=red")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: --columns: unknown field 'colour'; use text, title, date, outlet, url, author
    """
    from ..errors import InputError

    out: dict[str, str] = {}
    for pair in (spec or "").split(","):
        if not pair.strip():
            continue
        fld, eq, column = pair.partition("=")
        fld, column = fld.strip().lower(), column.strip()
        if not eq or not column:
            raise InputError(f"--columns: {pair.strip()!r} is not FIELD=COLUMN")
        if fld not in COLUMNS:
            raise InputError(f"--columns: unknown field {fld!r}; use {', '.join(COLUMNS)}")
        out[fld] = column
    return out


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        for k in ("name", "title", "value", "text", "id", "url"):
            if value.get(k):
                return _value(value[k])
        return None
    if isinstance(value, (list, tuple)):
        parts = [v for v in (_value(x) for x in value) if v]
        return ", ".join(parts) or None
    text = str(value)
    return text if text.strip() else None


def _resolve(keys: list[str], options: ReadOptions) -> dict[str, str | None]:
    """The column of each field, from the options or the common names."""
    by_key = {_key(k): k for k in keys}
    out: dict[str, str | None] = {}
    for fld, names in COLUMNS.items():
        chosen = options.column(fld)
        if chosen is not None:
            out[fld] = by_key.get(_key(chosen))
            if out[fld] is None:
                raise _Unusable(
                    f"no column {chosen!r} for the {fld} (columns: "
                    f"{', '.join(map(str, keys[:12]))})"
                )
            continue
        out[fld] = next((by_key[n] for n in names if n in by_key), None)
    return out


def _records_json(data: str) -> Iterator[tuple[int, Any]]:
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise _Unusable(f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(doc, dict):
        lists = [doc[k] for k in _LIST_KEYS if isinstance(doc.get(k), list)]
        lists += [v for v in doc.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        doc = lists[0] if lists else [doc]
    if not isinstance(doc, list):
        raise _Unusable("JSON holds no list of records")
    yield from enumerate(doc, 1)  # JSON gives no line numbers per record: the record's number


def _records_jsonl(data: str) -> Iterator[tuple[int, Any]]:
    for n, line in enumerate(data.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, _Unusable(f"not JSON ({exc.msg})")


def _records_csv(data: str, tab: bool) -> Iterator[tuple[int, Any]]:
    sample = data[:8192]
    delimiter = "\t" if tab else ","
    if not tab:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            pass
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(data) + 1))
    try:
        reader = csv.reader(io.StringIO(data, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield start, dict(zip(header, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        yield reader.line_num, _Unusable(f"damaged CSV ({exc})")
    finally:
        csv.field_size_limit(old)


def _records(data: bytes, name: str) -> tuple[str, Iterator[tuple[int, Any]]]:
    from .text import _decode

    text, _ = _decode(data)
    text = text.replace("\r\n", "\n") if not name.lower().endswith((".csv", ".tsv")) else text
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        return "line", _records_jsonl(text)
    if lower.endswith(".json"):
        stripped = text.lstrip()
        if stripped.startswith("{") and "\n{" in stripped and not stripped.rstrip().endswith("]"):
            try:
                json.loads(stripped)
            except json.JSONDecodeError:
                return "line", _records_jsonl(text)  # JSON Lines saved as .json
        return "record", _records_json(text)
    return "line", _records_csv(text, tab=lower.endswith(".tsv"))


def read_table(
    data: bytes, name: str, options: ReadOptions | None = None
) -> tuple[list[Article], list[Problem]]:
    """Internal twin of :func:`parse_table` raising ``_Unusable`` (for the readers)."""
    options = options or ReadOptions()
    unit, records = _records(data, name)
    articles: list[Article] = []
    problems: list[Problem] = []
    columns: dict[str, str | None] | None = None
    seen_keys: list[str] = []
    for n, record in records:
        where = f"{unit} {n}"
        if isinstance(record, _Unusable):
            problems.append(Problem(name, f"{where}: {record.args[0]}"))
            continue
        if not isinstance(record, Mapping):
            problems.append(Problem(name, f"{where}: not a record"))
            continue
        if columns is None or any(k not in seen_keys for k in record):
            seen_keys = list(dict.fromkeys([*seen_keys, *record]))
            columns = _resolve(seen_keys, options)
            if columns["text"] is None:
                raise _Unusable(
                    "no text column (looked for "
                    + ", ".join(COLUMNS["text"][:3])
                    + ", ...; name it with --columns text=NAME)"
                )
        values = {fld: _value(record.get(col)) if col else None for fld, col in columns.items()}
        if not values["text"]:
            problems.append(
                Problem(name, f"{where}: no text (column {columns['text']!r} is empty)")
            )
            continue
        try:
            articles.append(
                make_article(
                    values["text"],
                    f"{name}#{n}",
                    title=values["title"],
                    date=values["date"],
                    outlet=values["outlet"],
                    url=values["url"],
                    author=values["author"],
                    fmt="table",
                    id_name=document_stem(name, n),
                )
            )
        except _Unusable as exc:
            problems.append(Problem(name, f"{where}: {exc.args[0]}"))
    if not articles and not problems:
        raise _Unusable("no rows (only a header, or empty)")
    return articles, problems


def parse_table(
    data: bytes | str, name: str = "corpus.jsonl", *, columns: Mapping[str, str] | None = None
) -> tuple[list[Article], list[Problem]]:
    """One article per row of a corpus table, and the rows skipped.

    Parameters
    ----------
    data : the table's bytes (JSON Lines, JSON or CSV, as ``name``'s suffix says).
    name : the file name.
    columns : field -> column, overriding the common names.

    Raises
    ------
    InputError
        When the table has no text column or is not a table; the message names ``name``.

    Examples
    --------
    >>> rows = ('{"headline": "Poland blames Russia", "body": "Poland accused Russia.", '
    ...         '"domain": "post.example"}\\n{"headline": "Empty", "body": ""}\\n')
    >>> articles, problems = parse_table(rows, "c.jsonl")
    >>> articles[0].outlet, [str(p) for p in problems]
    ('post.example', ["c.jsonl: line 2: no text (column 'body' is empty)"])
    """
    from ..errors import InputError
    from .core import display_name

    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return read_table(raw, name, ReadOptions(columns=dict(columns or {})))
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None
