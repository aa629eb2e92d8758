"""Zip archives of documents: ``.zip``.

Every member whose name has a known suffix is read with its format's reader,
as if it were a file (zips inside the zip too, to ``MAX_DEPTH`` levels); its
articles and problems are named ``ARCHIVE!MEMBER``. Folders, hidden members and
macOS resource forks (``__MACOSX/``) are passed over.

Notes
-----
Nothing is ever extracted to disk: members are read into memory, each no larger
than ``max_bytes``. An archive is refused as a whole when it has more than
``MAX_MEMBERS`` members, declares more than ``MAX_TOTAL_BYTES`` uncompressed,
or is nested deeper than ``MAX_DEPTH``; a member is refused when it would
decompress over ``MAX_RATIO`` times its compressed size (a zip bomb), when its
name leads outside the archive (an absolute path, a drive or ``..``), when it
is a symbolic link or is encrypted. The declared sizes are enforced while
reading, so a member that lies about its size is cut off, not trusted.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from .core import Article, Problem, ReadOptions, _Unusable, too_large

__all__ = [
    "MAX_DEPTH",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "check_archive",
    "read_zip",
]

MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # deflate reaches about 1000 only on repetitive filler
MAX_DEPTH = 3  # a zip inside a zip inside a zip
_RATIO_FLOOR = 1024 * 1024  # smaller members may compress as well as they like


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _Unusable(f"damaged zip archive ({exc})") from None


def check_archive(
    data: bytes, options: ReadOptions, *, what: str = "zip archive"
) -> list[zipfile.ZipInfo]:
    """The members of a zip archive, once its count, sizes and ratios are within bounds.

    Raises
    ------
    _Unusable
        Naming the bound exceeded.

    Examples
    --------
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("a.txt", "x" * 50_000_000)
    >>> check_archive(buf.getvalue(), ReadOptions())
    Traceback (most recent call last):
    ...
    graph.ingest.core._Unusable: zip archive member a.txt: too large (50.0 MB, the limit is 21.0 MB; see --max-bytes)
    """
    with _open(data) as z:
        members = z.infolist()
    if len(members) > MAX_MEMBERS:
        raise _Unusable(f"{what} has too many members ({len(members)}, the limit is {MAX_MEMBERS})")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise _Unusable(
            f"{what} too large uncompressed ({total / 1e6:.0f} MB, the limit is "
            f"{MAX_TOTAL_BYTES / 1e6:.0f} MB)"
        )
    for m in members:
        if m.is_dir():
            continue
        if m.file_size > options.max_bytes:
            raise _Unusable(
                f"{what} member {m.filename}: {too_large(m.file_size, options.max_bytes)}"
            )
        if m.file_size > _RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise _Unusable(
                f"{what} member {m.filename}: compression ratio over {MAX_RATIO} (zip bomb?)"
            )
    return members


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
        return "path outside the archive, skipped"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in the archive, skipped"
    if info.flag_bits & 0x1:
        return "encrypted member, skipped"
    return None


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with z.open(info) as fh:
        data = fh.read(min(info.file_size, limit) + 1)
    if len(data) > limit:
        raise _Unusable(too_large(len(data), limit))
    return data


def read_zip(
    data: bytes,
    name: str,
    options: ReadOptions,
    depth: int = 0,
    *,
    parse: Callable[[bytes, str, ReadOptions, int], tuple[list[Article], list[Problem]]],
) -> tuple[list[Article], list[Problem]]:
    """Read a zip archive, raising ``_Unusable`` when the archive itself is refused; each
    member is read with ``parse`` (the package's reader for any format, zips included)."""
    from .walk import FORMATS

    if depth >= MAX_DEPTH:
        raise _Unusable(f"zip archives nested more than {MAX_DEPTH} deep")
    members = check_archive(data, options)
    articles: list[Article] = []
    problems: list[Problem] = []
    with _open(data) as z:
        for info in members:
            inner = f"{name}!{info.filename}"
            base = PurePosixPath(info.filename.replace("\\", "/"))
            if info.is_dir() or base.name.startswith(".") or "__MACOSX" in base.parts:
                continue
            reason = _unsafe(info)
            if reason is None and base.suffix.lower() not in FORMATS:
                reason = f"unknown extension{f' ({base.suffix})' if base.suffix else ''}, skipped"
            if reason:
                problems.append(Problem(inner, reason))
                continue
            try:
                member = _read_member(z, info, options.max_bytes)
                if not member:
                    raise _Unusable("empty file")
                found, inner_problems = parse(member, inner, options, depth + 1)
            except _Unusable as exc:
                problems.append(Problem(inner, exc.args[0]))
                continue
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                RuntimeError,
                NotImplementedError,
            ) as exc:
                problems.append(Problem(inner, f"damaged member ({type(exc).__name__})"))
                continue
            articles.extend(found)
            problems.extend(inner_problems)
    if not articles and not problems:
        raise _Unusable("no documents in the archive")
    return articles, problems
