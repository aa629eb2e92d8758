"""What every reader shares: the :class:`Article` and :class:`Problem` records,
text normalisation, stable ids, dates and bounded file reading.

A reader turns the bytes of one file into articles with
:func:`make_article`, which normalises the text, refuses a blank one, takes the
title from the first line when the document names none, and the date from the
text only when the document's metadata gives none.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import errno
import hashlib
import os
import re
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .textmeta import find_date

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Article",
    "Corpus",
    "Problem",
    "ReadOptions",
    "article_id",
    "display_name",
    "document_stem",
    "iso_date",
    "make_article",
    "normalize_text",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a book-length report is a few MB of text

# control characters that have no place in an article (tab, newline, CR, FF, VT allowed here;
# FF and VT become line breaks in normalize_text)
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_INVISIBLE = re.compile(
    r"[\s\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u3164\ufeff\uffa0\ufffd]+"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS.split("|"))}
_MONTH_NUM.update({m[:3]: n for m, n in list(_MONTH_NUM.items())})
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}),? (\d{{4}})\b"),
    re.compile(rf"\b({_MONTHS}) (\d{{1,2}}),? (\d{{4}})\b"),
]


@dataclass(frozen=True)
class Article:
    """One news article: where it came from, its text and what its document says of it.

    ``id`` is stable: the same file name and text give the same id on every run.
    ``outlet`` is who published it, ``url`` where it lives, ``date`` an ISO 8601
    date (``YYYY-MM-DD``); each is None when unknown. ``source`` is the outlet
    under its older name, kept for callers written before ``outlet`` existed.
    ``format`` names the reader: ``text``, ``html``, ``pdf``, ``docx``, ``feed``
    or ``table``.

    >>> a = Article("a-1", "a.txt", "Title", "Title\\n\\nBody.", outlet="Example Post")
    >>> a.outlet, a.format
    ('Example Post', 'text')
    """

    id: str
    path: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    encoding: str = "utf-8"
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    format: str = "text"

    def as_dict(self) -> dict[str, Any]:
        """The fields as plain data (what ``graph read --json`` prints)."""
        return asdict(self)


@dataclass(frozen=True)
class Problem:
    """A file (or a part of one) that was skipped, and why.

    ``str()`` gives one printable line: control characters in the file name are
    escaped, so a hostile name cannot forge or hide lines in a report.

    >>> str(Problem("a\\nb.txt", "empty file"))
    'a\\\\nb.txt: empty file'
    """

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{display_name(self.path)}: {self.reason}"


@dataclass
class Corpus:
    """The articles read from some inputs and the files skipped."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ReadOptions:
    """How documents are read.

    ``columns`` maps a field (``text``, ``title``, ``date``, ``outlet``, ``url``,
    ``author``) to the column that holds it in corpus tables, overriding the
    common names; ``max_bytes`` bounds every file and every archive member.

    >>> ReadOptions(columns={"text": "story"}).column("text")
    'story'
    """

    columns: dict[str, str] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES

    def column(self, name: str) -> str | None:
        return self.columns.get(name)


class _Unusable(Exception):
    """Internal: a file cannot be used; ``args[0]`` is the short reason."""


def display_name(name: str | Path) -> str:
    """A file name safe to print on one terminal line: non-printable characters escaped.

    >>> display_name("ok.txt"), display_name("bad\\x1b[31m.txt")
    ('ok.txt', 'bad\\\\x1b[31m.txt')
    """
    name = str(name)
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


def article_id(name: str, text: str) -> str:
    """A stable id: the file's stem, slugged, and a short hash of the text.

    >>> article_id("seeds/Putin NATO.txt", "hello")
    'putin-nato-2cf24dba'
    """
    stem = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:60] or "article"
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{stem}-{digest}"


def normalize_text(text: str) -> str:
    """The text every later stage sees: ``\\n`` line ends, no control characters.

    Form feeds, vertical tabs and Unicode line separators become ``\\n``, other
    control characters a space and characters XML cannot hold U+FFFD, one
    character for one.

    >>> normalize_text("a\\r\\nb\\x0cc\\x1b[0md\\ufffe")
    'a\\nb\\nc [0md\\ufffd'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub(" ", text)
    return _NOT_XML.sub("\ufffd", text)


def blank_reason(text: str) -> str | None:
    """Why a text cannot be an article (empty, only invisible characters), or None."""
    if not text:
        return "empty file"
    if not _INVISIBLE.sub("", text):
        return "no text (only whitespace or invisible characters)"
    return None


def first_line(text: str) -> str:
    """The first line with a visible character (without splitting a long text)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if _INVISIBLE.sub("", text[start:end]):
            return text[start:end]
        start = end + 1
    return ""


def clean_field(value: Any, limit: int = 300) -> str | None:
    """A metadata value as one short printable line, or None when empty.

    >>> clean_field("  Example\\n News  "), clean_field("   ")
    ('Example News', None)
    """
    if value is None:
        return None
    text = normalize_text(str(value))
    text = " ".join(text.split())
    return text[:limit] or None


def _ymd(y: int, mo: int, d: int) -> str | None:
    try:
        return _dt.date(y, mo, d).isoformat() if 1900 <= y <= 2100 else None
    except ValueError:
        return None


def date_in_text(text: str) -> str | None:
    """The first date written in ``text`` (``2024-03-05``, ``5 March 2024``, ``March 5, 2024``).

    >>> date_in_text("Filed on March 5, 2024 in Tallinn")
    '2024-03-05'
    """
    for i, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            g = m.groups()
            if i == 0:
                y, mo, d = int(g[0]), int(g[1]), int(g[2])
            elif i == 1:
                d, mo, y = int(g[0]), _MONTH_NUM[g[1]], int(g[2])
            else:
                mo, d, y = _MONTH_NUM[g[0]], int(g[1]), int(g[2])
            found = _ymd(y, mo, d)
            if found:
                return found
    return None


def iso_date(value: Any) -> str | None:
    """A date from metadata as ``YYYY-MM-DD``, or None when it cannot be read.

    Takes ISO 8601 (``2024-03-05T10:00:00Z``), RFC 822 e-mail and feed dates,
    PDF dates (``D:20240305...``), written dates and ``datetime``/``date``
    objects or ``time.struct_time``.

    >>> iso_date("Tue, 05 Mar 2024 10:00:00 GMT"), iso_date("D:20240305120000Z")
    ('2024-03-05', '2024-03-05')
    >>> iso_date("2024-03-05T23:30:00-05:00"), iso_date("soon")
    ('2024-03-05', None)
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return _ymd(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return _ymd(value.year, value.month, value.day)
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser
        return _ymd(value.tm_year, value.tm_mon, value.tm_mday)
    text = str(value).strip()[:100]
    if not text:
        return None
    m = re.match(r"^D:(\d{4})(\d{2})?(\d{2})?", text)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"^(\d{4})(\d{2})(\d{2})(?:T?\d{6})?$", text)  # GDELT's 20240305T120000
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _ymd(parsed.year, parsed.month, parsed.day)
    return date_in_text(text)


def document_stem(name: str, part: int | None = None) -> str:
    """The name an id is made from: the file's stem and suffix (a page and a PDF of one
    story are two documents), and the part's number for a feed entry or a table row.

    >>> document_stem("dir/cable.html"), document_stem("a.zip!b/wire.jsonl", 12)
    ('cable-html', 'wire-jsonl-12')
    """
    path = PurePosixPath(str(name).replace("\\", "/"))
    stem = f"{path.stem}-{path.suffix.lstrip('.')}".strip("-")
    return f"{stem}-{part}" if part is not None else stem


def make_article(
    text: str,
    name: str,
    *,
    title: str | None = None,
    date: Any = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    fmt: str,
    id_name: str | None = None,
    encoding: str = "utf-8",
    lead_with_title: bool = True,
) -> Article:
    """An :class:`Article` from a document's text and metadata.

    The text is normalised (:func:`normalize_text`); with ``lead_with_title`` the
    title is put first as its own paragraph unless the text already starts with
    it, so that a headline is analysed as a plain-text file's first line is.
    A missing title is the first line; a missing date is the first one the text
    states. ``id_name`` replaces ``name`` in the id (rows and feed entries).

    Raises
    ------
    _Unusable
        When the text is blank.

    Examples
    --------
    >>> a = make_article("Body text.", "p.html", title="Head", date="2024-03-05T09:00Z", fmt="html")
    >>> a.text, a.date
    ('Head\\n\\nBody text.', '2024-03-05')
    """
    text = normalize_text(text).strip("\n")
    reason = blank_reason(text)
    if reason:
        raise _Unusable("no text" if fmt != "text" else reason)
    title = clean_field(title)
    if title and lead_with_title and not _starts_with(text, title):
        text = f"{title}\n\n{text}"
    if not title:
        title = re.sub(r"^#+\s*", "", first_line(text).strip())[:300]
    return Article(
        id=article_id(id_name or document_stem(name), text),
        path=name,
        title=title,
        text=text,
        date=iso_date(date) or find_date(text),
        source=clean_field(outlet, 200),
        encoding=encoding,
        outlet=clean_field(outlet, 200),
        url=web_address(url),
        author=clean_field(author, 300),
        format=fmt,
    )


def web_address(value: Any) -> str | None:
    """``value`` when it is an ``http``/``https`` address, else None (no ``javascript:``).

    >>> web_address("https://post.example/a b"), web_address("javascript:alert(1)")
    ('https://post.example/a%20b', None)
    """
    text = clean_field(value, 2000)
    if not text or not re.match(r"^https?://[^\s/]", text, re.IGNORECASE):
        return None
    return text.replace(" ", "%20")


def _starts_with(text: str, title: str) -> bool:
    head = " ".join(text[: len(title) * 2 + 50].split()).lower()
    return head.startswith(" ".join(title.split()).lower())


# ------------------------------------------------------------------ reading files
def os_reason(exc: OSError) -> str:
    """A short reason for an OS error when opening or reading a file."""
    if isinstance(exc, PermissionError):
        return "cannot read file (permission denied)"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, FileNotFoundError):
        return "no such file (removed while reading?)"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read file ({exc.strerror or exc})"


def too_large(size: int, limit: int) -> str:
    """The reason for a file over the size limit."""

    def mb(n: int) -> str:
        return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n} bytes"

    return f"too large ({mb(size)}, the limit is {mb(limit)}; see --max-bytes)"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file; pipes and devices are never read."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _Unusable(
            "broken symbolic link" if os.path.islink(path) else os_reason(FileNotFoundError())
        ) from None
    except OSError as exc:
        raise _Unusable(os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _Unusable("is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise _Unusable("not a regular file (pipe, socket or device)")
        if info.st_size > max_bytes:
            raise _Unusable(too_large(info.st_size, max_bytes))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise _Unusable(os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _Unusable(too_large(len(data), max_bytes))
    return data
