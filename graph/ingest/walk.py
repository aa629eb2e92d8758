"""Which files are documents, and which reader each one needs.

Folders are walked in name order; a file's suffix names its format, and a file
named directly with another suffix is recognised by its first bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .core import Problem, os_reason

__all__ = ["DOCUMENT_SUFFIXES", "FORMATS", "format_of", "iter_article_paths", "sniff_format"]

# suffix -> reader; .xml is read as a feed (RSS and Atom files are often saved so)
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "table",
    ".ndjson": "table",
    ".json": "table",
    ".csv": "table",
    ".tsv": "table",
    ".zip": "zip",
}
DOCUMENT_SUFFIXES = tuple(FORMATS)


def sniff_format(data: bytes) -> str:
    """The reader for bytes whose file name does not tell: by their first bytes.

    >>> sniff_format(b"%PDF-1.7"), sniff_format(b"<!doctype html><p>x"), sniff_format(b"Hello")
    ('pdf', 'html', 'text')
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:4096] else "zip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if b"<html" in head:
            return "html"
    return "text"


def format_of(path: str | Path, data: bytes | None = None) -> str | None:
    """The reader for a file: by suffix, else (given its bytes) by content; None if unknown.

    >>> format_of("page.HTM"), format_of("notes"), format_of("notes", b"%PDF-1.4")
    ('html', None, 'pdf')
    """
    fmt = FORMATS.get(Path(str(path)).suffix.lower())
    if fmt is None and data is not None:
        fmt = sniff_format(data)
    return fmt


def _walk(folder: Path, paths: list[Path], problems: list[Problem]) -> None:
    """Append the document files under folder, depth first and sorted by name.

    Symbolic links are followed, but a link back to a folder being walked is
    reported once and not entered again; hidden entries are ignored.
    """
    visited: set[tuple[int, int]] = set()

    def visit(directory: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            info = directory.stat()
            key = (info.st_dev, info.st_ino)
        except OSError as exc:
            problems.append(Problem(str(directory), os_reason(exc)))
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
            problems.append(Problem(str(directory), os_reason(exc)))
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
            elif child.suffix.lower() in FORMATS:
                paths.append(child)
            elif entry.is_symlink() and not os.path.exists(child):
                problems.append(Problem(str(child), "broken symbolic link"))
            else:
                problems.append(
                    Problem(
                        str(child),
                        f"unknown extension{f' ({child.suffix})' if child.suffix else ''}, skipped",
                    )
                )

    visit(folder, frozenset())


def iter_article_paths(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Every document file under the inputs, and the inputs that are not usable.

    Folders are walked recursively in name order; a file named directly is
    read whatever its extension. A folder without any document is a problem.
    """
    paths: list[Path] = []
    problems: list[Problem] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            before = len(paths)
            _walk(p, paths, problems)
            if len(paths) == before:
                problems.append(Problem(str(p), "no documents in this folder"))
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
