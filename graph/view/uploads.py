"""Documents added from the app, and the fingerprint of a corpus on disk.

An upload is untrusted: only a document of a type ingest reads
(:data:`graph.ingest.DOCUMENT_SUFFIXES`), of a bounded size, that yields at least one
article is saved, under a safe name, into the corpus folder. The fingerprint (names
and bytes of every document, and of the curation file) is the key the app keeps a
built corpus under.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, MutableMapping
from pathlib import Path

from ..errors import InputError
from ..export import atomic_write

__all__ = ["MAX_UPLOAD_BYTES", "corpus_fingerprint", "save_upload", "save_uploads"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""The largest upload: the bound ingest puts on any file (a PDF report is a few MB)."""


def corpus_fingerprint(inputs: Iterable[str | Path], extra: Iterable[str | Path] = ()) -> str:
    """A hash of every document file's name and bytes under the inputs, and of the
    ``extra`` files (the curation file) when they exist: the app's cache key."""
    from ..ingest import DOCUMENT_SUFFIXES  # the document types the build reads

    digest = hashlib.sha256()
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += [
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            ]
        elif path.is_file():
            files.append(path)
    for path in sorted(set(files)):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    for item in extra:
        path = Path(item)
        digest.update(b"extra\0" + str(path).encode("utf-8", "surrogateescape"))
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def save_upload(
    folder: str | Path, name: str, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES
) -> Path:
    """Save an uploaded document into the corpus folder under a safe name.

    Only a document of a type ingest reads (``.txt``, ``.md``, ``.html``, ``.pdf``,
    ``.docx``, a feed, a table, a ``.zip``: :data:`graph.ingest.DOCUMENT_SUFFIXES`)
    of up to ``max_bytes`` is accepted, and only when
    :func:`graph.ingest.parse_document` reads at least one article from it; the name
    loses any folder part and odd characters. Saving the same bytes again returns
    the existing file; another file of the same name gets ``-2``, ``-3``... appended.

    Raises
    ------
    InputError
        For another suffix, an empty or too large file, or a document from which
        no article can be read (binary content, a scanned PDF, a broken file): the
        message names the file by its safe name and gives ingest's reasons.

    Examples
    --------
    >>> import tempfile; d = tempfile.mkdtemp()
    >>> save_upload(d, "../../etc/My report!.TXT", b"Poland accused Russia.").name
    'My-report.txt'
    >>> save_upload(d, "scan.pdf", b"%PDF-1.4 broken")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.InputError: scan.pdf: damaged PDF (...)
    """
    from ..ingest import DOCUMENT_SUFFIXES, parse_document

    base = Path(str(name).replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    stem = _SAFE_NAME.sub("-", Path(base).stem).strip("-._")[:80] or "article"
    shown = stem + _SAFE_NAME.sub("-", suffix)[:10]  # messages name the file only by its safe name
    if suffix not in DOCUMENT_SUFFIXES:
        raise InputError(f"{shown}: only {', '.join(DOCUMENT_SUFFIXES)} documents can be added")
    if not data:
        raise InputError(f"{shown}: the file is empty")
    if len(data) > max_bytes:
        raise InputError(
            f"{shown}: {len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit"
        )
    parsed = parse_document(data, shown)
    if not parsed.articles:
        reasons = "; ".join(dict.fromkeys(p.reason for p in parsed.problems)) or "no article"
        raise InputError(f"{shown}: {' '.join(reasons.split())[:300]}")
    folder = Path(folder)
    target = folder / f"{stem}{suffix}"
    n = 1
    while target.exists():
        if target.read_bytes() == data:
            return target
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return atomic_write(target, data)


def save_uploads(
    folder: str | Path,
    files: Iterable[tuple[str, str, bytes]],
    done: MutableMapping[str, tuple[str, str]],
) -> bool:
    """Save each new upload ``(file_id, name, data)``; returns True when one was added.

    ``done`` remembers every upload of the session by its id: ``("added", file
    name)`` or ``("refused", reason)``, so a file is saved once however often the
    page runs.

    >>> import tempfile; d = tempfile.mkdtemp(); done = {}
    >>> save_uploads(d, [("1", "note.txt", b"Ruritania blamed Freedonia.")], done), done["1"]
    (True, ('added', 'note.txt'))
    >>> save_uploads(d, [("1", "note.txt", b"Ruritania blamed Freedonia.")], done)
    False
    """
    saved = False
    for file_id, name, data in files:
        if file_id in done:
            continue
        try:
            path = save_upload(folder, name, data)
        except InputError as exc:
            done[file_id] = ("refused", str(exc))
            continue
        done[file_id] = ("added", path.name)
        saved = True
    return saved
