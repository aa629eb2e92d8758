"""Read news articles from files and folders.

Every ``.txt`` and ``.md`` file under the inputs becomes an :class:`Article`:
its text (UTF-8, UTF-16 or UTF-32 with a byte-order mark, or a legacy encoding
such as cp1252 when UTF-8 fails), the title from its first non-empty line, a
date and a source when the text states them, and a stable id derived from the
file name and the text. A file that cannot be used is reported as a
:class:`Problem` with a short reason and skipped; the others are still read.

Notes
-----
Article text is untrusted. Reading never runs or interprets it: folders are
walked without following symbolic-link loops, hidden files and folders
(``.git``, ``.DS_Store``) are ignored, pipes and devices are refused without
being opened for a blocking read, and no more than ``max_bytes`` are read from
any file. The text is normalised so that every later stage can store it:
line endings become ``\\n``, form feeds and other line separators become
``\\n``, remaining control characters become spaces and characters that XML
cannot hold (lone surrogates, U+FFFE, U+FFFF) become U+FFFD, and a leading
byte-order mark is dropped. Evidence offsets refer to the normalised text.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "Article",
    "Corpus",
    "Problem",
    "article_id",
    "decode_text",
    "iter_article_paths",
    "parse_article",
    "read_article",
    "read_articles",
]

ARTICLE_SUFFIXES = (".txt", ".md")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a book-length report is a few MB of text
LEGACY_ENCODINGS = ("cp1252", "latin-1")

# formats that are sometimes saved or renamed as .txt; named so the analyst knows
# which converter to use
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"{\\rtf", "RTF document"),
    (b"%!PS", "PostScript document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_SAMPLE = 65536  # characters looked at, at the start, middle and end of a text
# control characters that have no place in an article (tab, newline, CR, FF, VT allowed here;
# FF and VT become line breaks in parse_article)
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_INVISIBLE = re.compile(r"[\s\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
                        r"\u2060-\u206f\u3164\ufeff\uffa0\ufffd]+")

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}),? (\d{{4}})\b"),
    re.compile(rf"\b({_MONTHS}) (\d{{1,2}}),? (\d{{4}})\b"),
]
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS.split("|"))}
# line-anchored patterns start with [ \t]*, not \s*: \s* would also cross blank lines and
# make a text of many empty lines take quadratic time
_SOURCE_LINE = re.compile(
    r"^[ \t]*(?:source|via|published by|originally published (?:by|in|on))[ \t]*[:»>\-–]+\s*"
    r"(.+?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_META_LINE = re.compile(r"^[ \t]*(date|published|source)[ \t]*:[ \t]*(.+?)[ \t]*$", re.IGNORECASE | re.MULTILINE)


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
    """A file that was skipped, and why.

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


def _samples(text: str) -> list[str]:
    if len(text) <= 3 * _SAMPLE:
        return [text]
    mid = len(text) // 2
    return [text[:_SAMPLE], text[mid : mid + _SAMPLE], text[-_SAMPLE:]]


def _check_text(text: str, legacy: bool) -> None:
    """Refuse decoded text that is really binary data or a wrong guess of encoding."""
    for chunk in _samples(text):
        controls = len(_BAD_CONTROLS.findall(chunk))
        if controls > max(8, len(chunk) // 50):
            raise _Unusable("binary file (control characters)")
        if legacy:
            # cp1252 text is mostly ASCII; bytes that are mostly high are data or
            # another encoding (cp1251, Shift-JIS...), and would read as mojibake
            visible = len(chunk) - sum(chunk.count(c) for c in " \n\r\t")
            high = sum(1 for ch in chunk if ord(ch) > 127)
            if visible and high > max(16, visible * 0.3):
                raise _Unusable("not text (binary data or an unknown encoding)")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit at alternate positions, as in UTF-16 text."""
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    n = len(even)
    if odd.count(0) > 0.6 * n and even.count(0) < 0.05 * n:
        return "utf-16-le"
    if even.count(0) > 0.6 * n and odd.count(0) < 0.05 * n:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise _Unusable(f"{kind}, not text: convert it to .txt first")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise _Unusable(f"invalid {label.upper()} text") from None
            _check_text(text, legacy=False)
            return text, label
    codec16 = _utf16_without_bom(data)
    if codec16:
        try:
            text = data.decode(codec16)
        except UnicodeDecodeError:
            pass  # NULs at alternate bytes but not UTF-16: binary, as below
        else:
            _check_text(text, legacy=False)
            return text, "utf-16"
    if b"\x00" in data:
        raise _Unusable("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text, legacy=False)
        return text, "utf-8"
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _check_text(text, legacy=True)
        return text, encoding
    raise _Unusable("cannot decode text")  # pragma: no cover - latin-1 decodes all bytes


def decode_text(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes and name the encoding used.

    UTF-8, UTF-16 and UTF-32 with a byte-order mark, UTF-16 without one, UTF-8,
    then cp1252 and latin-1.

    Raises
    ------
    InputError
        For binary data (a known file format such as PDF, NUL bytes, mostly control
        characters) or bytes that only decode to gibberish; the message names ``name``.

    Examples
    --------
    >>> decode_text("café".encode("cp1252"))
    ('café', 'cp1252')
    >>> decode_text(b"%PDF-1.7 ...", "r.txt")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: r.txt: PDF document, not text: convert it to .txt first
    """
    try:
        return _decode(data)
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None


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


def _blank_reason(text: str) -> str | None:
    if not text:
        return "empty file"
    if not _INVISIBLE.sub("", text):
        return "no text (only whitespace or invisible characters)"
    return None


def parse_article(text: str, name: str = "article.txt", *, encoding: str = "utf-8") -> Article:
    """Make an :class:`Article` from decoded text.

    The text is normalised by :func:`normalize_text`; evidence offsets refer to
    the normalised text.

    Raises
    ------
    InputError
        When the text is empty or has only whitespace or invisible characters.

    Examples
    --------
    >>> a = parse_article("Russia denies plot\\n\\nSource: Example News", "x.txt")
    >>> a.title, a.source
    ('Russia denies plot', 'Example News')
    """
    try:
        return _parse(text, str(name), encoding)
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None


def _first_line(text: str) -> str:
    """The first line with a visible character (without splitting a long text)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if _INVISIBLE.sub("", text[start:end]):
            return text[start:end]
        start = end + 1
    return ""


def _parse(text: str, name: str, encoding: str) -> Article:
    text = normalize_text(text)
    reason = _blank_reason(text)
    if reason:
        raise _Unusable(reason)
    title = re.sub(r"^#+\s*", "", _first_line(text).strip())[:300]
    return Article(
        id=article_id(name, text),
        path=name,
        title=title,
        text=text,
        date=_find_date(text),
        source=_find_source(text),
        encoding=encoding,
    )


def _os_reason(exc: OSError) -> str:
    import errno

    if isinstance(exc, PermissionError):
        return "cannot read file (permission denied)"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, FileNotFoundError):
        return "no such file (removed while reading?)"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read file ({exc.strerror or exc})"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file; pipes and devices are never read."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _Unusable("broken symbolic link" if os.path.islink(path)
                        else _os_reason(FileNotFoundError())) from None
    except OSError as exc:
        raise _Unusable(_os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _Unusable("is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise _Unusable("not a regular file (pipe, socket or device)")
        if info.st_size > max_bytes:
            raise _Unusable(_too_large(info.st_size, max_bytes))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise _Unusable(_os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _Unusable(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    def mb(n: int) -> str:
        return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n} bytes"

    return f"too large ({mb(size)}, the limit is {mb(limit)}; see --max-bytes)"


def _read(path: Path, max_bytes: int) -> Article:
    data = _read_bytes(path, max_bytes)
    if not data:
        raise _Unusable("empty file")
    text, encoding = _decode(data)
    return _parse(text, str(path), encoding)


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file.

    Raises
    ------
    InputError
        When the file cannot be used: the message names the file and the reason.
    """
    path = Path(path)
    try:
        return _read(path, max_bytes)
    except _Unusable as exc:
        raise InputError(f"{display_name(path)}: {exc.args[0]}") from None


def _walk(folder: Path, paths: list[Path], problems: list[Problem]) -> None:
    """Append the article files under folder, depth first and sorted by name.

    Symbolic links are followed, but a link back to a folder being walked is
    reported once and not entered again; hidden entries are ignored.
    """
    visited: set[tuple[int, int]] = set()

    def visit(directory: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            info = directory.stat()
            key = (info.st_dev, info.st_ino)
        except OSError as exc:
            problems.append(Problem(str(directory), _os_reason(exc)))
            return
        if key in ancestors:
            problems.append(Problem(str(directory), "symbolic link loop, skipped"))
            return
        if key in visited:  # the same folder reached through another link
            return
        visited.add(key)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            problems.append(Problem(str(directory), "cannot open folder (permission denied)"))
            return
        except OSError as exc:
            problems.append(Problem(str(directory), _os_reason(exc)))
            return
        inner = ancestors | {key}
        for entry in entries:
            if entry.name.startswith("."):
                continue  # .git, .DS_Store, editors' swap files
            child = directory / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                visit(child, inner)
            elif child.suffix.lower() in ARTICLE_SUFFIXES:
                paths.append(child)
            elif entry.is_symlink() and not os.path.exists(child):
                problems.append(Problem(str(child), "broken symbolic link"))
            else:
                problems.append(
                    Problem(str(child), f"unknown extension{f' ({child.suffix})' if child.suffix else ''}"
                            ", skipped")
                )

    visit(folder, frozenset())


def iter_article_paths(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Every article file under the inputs, and the inputs that are not usable.

    Folders are walked recursively in name order; a file named directly is
    read whatever its extension. A folder without any article file is a problem.
    """
    paths: list[Path] = []
    problems: list[Problem] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            before = len(paths)
            _walk(p, paths, problems)
            if len(paths) == before:
                problems.append(
                    Problem(str(p), f"no {' or '.join(ARTICLE_SUFFIXES)} files in this folder")
                )
        elif p.exists():
            paths.append(p)
        elif p.is_symlink():
            problems.append(Problem(str(p), "broken symbolic link"))
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    seen: set[str] = set()
    unique = []
    for p in paths:
        try:
            key = str(p.resolve())
        except (OSError, RuntimeError):  # a symlink loop on Python < 3.13
            key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, problems


def read_articles(
    inputs: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Corpus:
    """Read every article under files and folders.

    Parameters
    ----------
    inputs : files and folders; folders are walked recursively.
    max_bytes : files larger than this are skipped.

    Returns
    -------
    Corpus
        The articles read and a :class:`Problem` for each file skipped; a broken
        file never stops the others.
    """
    paths, problems = iter_article_paths(inputs)
    corpus = Corpus(problems=problems)
    ids: set[str] = set()
    for path in paths:
        try:
            article = _read(path, max_bytes)
        except _Unusable as exc:
            corpus.problems.append(Problem(str(path), exc.args[0]))
            continue
        if article.id in ids:  # the same text under the same name: read once
            continue
        ids.add(article.id)
        corpus.articles.append(article)
    return corpus
