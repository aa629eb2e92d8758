"""Plain-text articles: ``.txt`` and ``.md`` files.

The text is decoded (UTF-8, UTF-16 or UTF-32 with a byte-order mark, or a
legacy encoding such as cp1252 when UTF-8 fails), the title is the first
non-empty line, and a date and an outlet are taken from the text when it states
them (``Date: ...``, ``Source: ...``). Files of a known binary format saved
under a text name (a PDF renamed ``.txt``) are refused with the format's name.

Plain text carries no other metadata: no address and no author.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from .core import (
    Article,
    _Unusable,
    article_id,
    blank_reason,
    display_name,
    first_line,
    normalize_text,
)
from .textmeta import find_date, find_source

__all__ = [
    "ARTICLE_SUFFIXES",
    "decode_text",
    "find_date",
    "find_source",
    "parse_article",
    "parse_text",
]

ARTICLE_SUFFIXES = (".txt", ".md")
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


def _parse(text: str, name: str, encoding: str) -> Article:
    text = normalize_text(text)
    reason = blank_reason(text)
    if reason:
        raise _Unusable(reason)
    title = re.sub(r"^#+\s*", "", first_line(text).strip())[:300]
    source = find_source(text)
    return Article(
        id=article_id(name, text),
        path=name,
        title=title,
        text=text,
        date=find_date(text),
        source=source,
        encoding=encoding,
        outlet=source,
    )


def parse_text(data: bytes, name: str = "article.txt") -> Article:
    """Make an :class:`Article` from the bytes of a ``.txt`` or ``.md`` file.

    Raises
    ------
    InputError
        For binary data, an unknown encoding or a blank text; the message names ``name``.

    Examples
    --------
    >>> parse_text("Poland accused Russia.\\n".encode("utf-16"), "a.txt").encoding
    'utf-16'
    """
    try:
        return text_article(data, name)
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None


def text_article(data: bytes, name: str) -> Article:
    """Internal twin of :func:`parse_text` raising ``_Unusable`` (for the readers)."""
    if not data:
        raise _Unusable("empty file")
    text, encoding = _decode(data)
    return _parse(text, str(name), encoding)
