"""Articles added from the app, and the fingerprint of a corpus on disk.

An upload is untrusted: only text articles of a bounded size are saved, under a
safe name, into the corpus folder. The fingerprint (names and bytes of every
article, and of the curation file) is the key the app keeps a built corpus under.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, MutableMapping
from pathlib import Path

from ..errors import InputError
from ..export import atomic_write

__all__ = ["MAX_UPLOAD_BYTES", "corpus_fingerprint", "save_upload", "save_uploads"]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def corpus_fingerprint(inputs: Iterable[str | Path], extra: Iterable[str | Path] = ()) -> str:
    """A hash of every article file's name and bytes under the inputs, and of the
    ``extra`` files (the curation file) when they exist: the app's cache key."""
    from ..ingest import ARTICLE_SUFFIXES  # the article types the build reads

    digest = hashlib.sha256()
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += [
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
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
    """Save an uploaded article into the corpus folder under a safe name.

    Only ``.txt`` and ``.md`` files of text up to ``max_bytes`` are accepted; the
    name loses any folder part and odd characters. Saving the same bytes again
    returns the existing file; another file of the same name gets ``-2``,
    ``-3``... appended.

    Raises
    ------
    InputError
        For another suffix, an empty or too large file, or binary content.

    Examples
    --------
    >>> import tempfile; d = tempfile.mkdtemp()
    >>> save_upload(d, "../../etc/My report!.TXT", b"Poland accused Russia.").name
    'My-report.txt'
    """
    from ..ingest import ARTICLE_SUFFIXES, decode_text

    base = Path(str(name).replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    stem = _SAFE_NAME.sub("-", Path(base).stem).strip("-._")[:80] or "article"
    shown = stem + _SAFE_NAME.sub("-", suffix)[:10]  # messages name the file only by its safe name
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(f"{shown}: only {' and '.join(ARTICLE_SUFFIXES)} articles can be added")
    if not data:
        raise InputError(f"{shown}: the file is empty")
    if len(data) > max_bytes:
        raise InputError(
            f"{shown}: {len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit"
        )
    try:
        decode_text(data, shown)
    except InputError as exc:
        raise InputError(str(exc)) from None
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
