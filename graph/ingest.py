"""Read news articles from files and folders.

Every ``.txt`` and ``.md`` file under the inputs becomes an :class:`Article`:
its text (UTF-8, or a legacy encoding such as cp1252 when that fails), the
title from its first non-empty line, a date and a source when the text states
them, and a stable id derived from the file name and the text. A file that
cannot be used is reported as a :class:`Problem` and skipped; the others are
still read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import InputError

__all__ = [
    "Article",
    "Problem",
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "read_article",
    "read_articles",
    "parse_article",
]

ARTICLE_SUFFIXES = (".txt", ".md")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a book-length report is a few MB of text
LEGACY_ENCODINGS = ("cp1252", "latin-1")

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}),? (\d{{4}})\b"),
    re.compile(rf"\b({_MONTHS}) (\d{{1,2}}),? (\d{{4}})\b"),
]
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS.split("|"))}
_SOURCE_LINE = re.compile(
    r"^\s*(?:source|via|published by|originally published (?:by|in|on))\s*[:»>\-–]+\s*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_META_LINE = re.compile(r"^\s*(date|published|source)\s*:\s*(.+?)\s*$", re.I | re.M)


@dataclass(frozen=True)
class Article:
    """One news article: where it came from and its text.

    ``id`` is stable: the same file name and text give the same id on every run.
    """

    id: str
    path: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Problem:
    """A file that was skipped, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def article_id(name: str, text: str) -> str:
    """A stable id: the file's stem, slugged, and a short hash of the text.

    >>> article_id("seeds/Putin NATO.txt", "hello")
    'putin-nato-2cf24dba'
    """
    stem = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:60] or "article"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{stem}-{digest}"


def decode_text(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM), else a legacy encoding.

    Raises ``InputError`` for binary data (NUL bytes or mostly control characters).
    """
    if b"\x00" in data[:8192]:
        # UTF-16 text carries a BOM; anything else with NULs is binary
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        raise InputError(f"{name}: binary file (contains NUL bytes)")
    for encoding in ("utf-8-sig", *LEGACY_ENCODINGS):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > max(8, len(text[:8192]) // 50):
            raise InputError(f"{name}: binary file (control characters)")
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise InputError(f"{name}: cannot decode text")  # pragma: no cover - latin-1 decodes all


def _find_date(text: str) -> str | None:
    head = text[:3000]
    meta = _META_LINE.search(head)
    candidates = [meta.group(2)] if meta and meta.group(1).lower() != "source" else []
    candidates.append(head)
    for chunk in candidates:
        for pattern in _DATE_PATTERNS:
            m = pattern.search(chunk)
            if not m:
                continue
            g = m.groups()
            try:
                if pattern is _DATE_PATTERNS[0]:
                    y, mo, d = int(g[0]), int(g[1]), int(g[2])
                elif pattern is _DATE_PATTERNS[1]:
                    d, mo, y = int(g[0]), _MONTH_NUM[g[1]], int(g[2])
                else:
                    mo, d, y = _MONTH_NUM[g[0]], int(g[1]), int(g[2])
            except (KeyError, ValueError):
                continue
            if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _find_source(text: str) -> str | None:
    for m in _SOURCE_LINE.finditer(text):
        value = m.group(1).strip().strip("»").strip()
        if value:
            return value[:200]
    m = _META_LINE.search(text[:3000])
    if m and m.group(1).lower() == "source":
        return m.group(2)[:200]
    return None


def parse_article(text: str, name: str = "article.txt", *, encoding: str = "utf-8") -> Article:
    """Make an :class:`Article` from decoded text.

    Line endings are normalised to ``\\n``; evidence offsets refer to this text.

    >>> a = parse_article("Russia denies plot\\n\\nSource: Example News", "x.txt")
    >>> a.title, a.source
    ('Russia denies plot', 'Example News')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: empty file")
    first = next(line for line in text.split("\n") if line.strip())
    title = re.sub(r"^#+\s*", "", first.strip())[:300]
    return Article(
        id=article_id(name, text),
        path=str(name),
        title=title,
        text=text,
        date=_find_date(text),
        source=_find_source(text),
        encoding=encoding,
    )


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file; ``InputError`` naming the file when it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: file is {size} bytes, over the limit of {max_bytes}")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: cannot read file (permission denied)") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read file ({exc.strerror or exc})") from None
    text, encoding = decode_text(data, str(path))
    return parse_article(text, str(path), encoding=encoding)


def iter_article_paths(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Every article file under the inputs, sorted, and the inputs that are not usable."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_dir() or child.name.startswith("."):
                    continue
                if child.suffix.lower() in ARTICLE_SUFFIXES:
                    paths.append(child)
                else:
                    problems.append(Problem(str(child), "unknown extension, skipped"))
        elif p.exists():
            paths.append(p)
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, problems


def read_articles(
    inputs: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Corpus:
    """Read every article under files and folders.

    Returns a :class:`Corpus` with the articles read and a :class:`Problem` for
    each file skipped; a broken file never stops the others.
    """
    paths, problems = iter_article_paths(inputs)
    corpus = Corpus(problems=problems)
    ids: set[str] = set()
    for path in paths:
        try:
            article = read_article(path, max_bytes=max_bytes)
        except InputError as exc:
            corpus.problems.append(Problem(str(path), str(exc).split(": ", 1)[-1]))
            continue
        if article.id in ids:  # the same text under the same name: read once
            continue
        ids.add(article.id)
        corpus.articles.append(article)
    return corpus
