"""The memory budget of a build: ``--max-memory``, watched while articles are processed.

A build holds at most one piece of a long text per process (see
:mod:`graph.longtext`), so its memory does not follow the size of the input;
the budget is the guard for what no design foresees. The build measures the
resident memory of its whole process tree (the main process and its workers)
after every chunk of articles and every piece of a long one:

- before a long article starts, its cost is estimated from its length; an
  article that cannot fit is skipped with a one-line reason naming it;
- an article that goes over the budget while its pieces are processed is given
  up and skipped the same way;
- a build that is over the budget between articles (too many articles held at
  once) stops with one ``Error:`` line rather than wait for the kernel to kill it.

The machine's own free memory is watched too: below :data:`LOW_WATER` the
build behaves as if over budget, whatever ``--max-memory`` says.
"""

from __future__ import annotations

import ctypes
import gc
import os
import re
from pathlib import Path

from .errors import BudgetError, InputError

__all__ = [
    "LOW_WATER",
    "MemoryBudget",
    "default_max_memory",
    "format_size",
    "parse_size",
    "total_memory",
    "tree_rss",
]

MB = 1_000_000
GB = 1_000_000_000
MARGIN = 512 * MB  # left to the system and other programs beside 75% of the memory
LOW_WATER = 256 * MB  # free memory below which every build stops growing
# what processing a long article costs beyond the memory already held: a parsed piece
# in one process, and the extraction, graph and output it leaves, per character (twice
# what bench/bench_long.py measured: a 20 MB text peaked at 861 MB, a 0.5 MB one at 607)
PIECE_WORKING = 400 * MB
HELD_PER_CHAR = 25

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}


def parse_size(text: str | int) -> int:
    """Bytes from ``"2G"``, ``"1500M"``, ``"750 MB"`` or a plain number of bytes.

    >>> parse_size("2G"), parse_size("1.5 GB"), parse_size("800M"), parse_size(1024)
    (2000000000, 1500000000, 800000000, 1024)
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: --max-memory: 'lots' is not a size (write e.g. 2G or 1500M)
    """
    if isinstance(text, int):
        value = text
    else:
        m = _SIZE.match(str(text))
        if not m:
            raise InputError(f"--max-memory: {text!r} is not a size (write e.g. 2G or 1500M)")
        value = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if value <= 0:
        raise InputError(f"--max-memory: {text!r} must be more than zero")
    return value


def format_size(n: float) -> str:
    """A size for a message: megabytes below 10 GB, else gigabytes.

    >>> format_size(1_234_567_890), format_size(25_000_000_000)
    ('1,235 MB', '25.0 GB')
    """
    return f"{n / GB:.1f} GB" if n >= 10 * GB else f"{n / MB:,.0f} MB"


def _cgroup_limit() -> int | None:
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            value = Path(path).read_text().strip()
        except OSError:
            continue
        if value.isdigit() and int(value) < 2**60:
            return int(value)
    return None


def total_memory() -> int:
    """The memory this process may use: the machine's, or its container's if smaller."""
    import psutil

    total = psutil.virtual_memory().total
    limit = _cgroup_limit()
    return min(total, limit) if limit else total


def default_max_memory() -> int:
    """The default budget: 75% of :func:`total_memory` less a margin, at least 1 GB.

    >>> default_max_memory() >= 1_000_000_000
    True
    """
    return max(GB, int(total_memory() * 0.75) - MARGIN)


def tree_rss(pid: int | None = None) -> int:
    """Resident bytes of a process and all its descendants (shared pages counted in each,
    so the sum errs high)."""
    import psutil

    try:
        root = psutil.Process(pid or os.getpid())
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue  # a worker that just ended
    return total


def _available() -> int:
    import psutil

    return psutil.virtual_memory().available


def release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc only)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


class MemoryBudget:
    """The memory a build may hold, and the checks against it.

    Parameters
    ----------
    limit : bytes; default :func:`default_max_memory`.
    pid : the root of the process tree measured; default this process.

    Examples
    --------
    >>> budget = MemoryBudget(64 * 10**9)
    >>> budget.over() is None
    True
    >>> MemoryBudget(1).over()[:22]
    'the build holds about '
    """

    def __init__(self, limit: int | None = None, *, pid: int | None = None) -> None:
        self.limit = limit if limit is not None else default_max_memory()
        self.pid = pid or os.getpid()

    def used(self) -> int:
        """Resident bytes of the build's process tree now."""
        return tree_rss(self.pid)

    def over(self, extra: int = 0) -> str | None:
        """Why the build (plus ``extra`` bytes) does not fit, or None when it does."""
        used = self.used()
        if used + extra > self.limit:
            need = f" and needs about {format_size(extra)} more" if extra else ""
            return (
                f"the build holds about {format_size(used)}{need}, over the memory budget "
                f"of {format_size(self.limit)} (--max-memory)"
            )
        free = _available()
        if free < LOW_WATER + extra:
            return (
                f"the machine has only {format_size(free)} of memory free "
                f"(the build holds {format_size(used)})"
            )
        return None

    @staticmethod
    def estimate(length: int) -> int:
        """Bytes that processing a text of ``length`` characters adds, piece by piece."""
        return PIECE_WORKING + HELD_PER_CHAR * length

    def admit(self, length: int) -> str | None:
        """Why a text of ``length`` characters cannot start, or None when it fits."""
        return self.over(self.estimate(length))

    def check(self, where: str) -> None:
        """Raise :class:`~graph.errors.BudgetError` when the build is over the budget.

        ``where`` says how far the build got ("after 40 of 90 articles").
        """
        reason = self.over()
        if reason is None:
            return
        release_memory()
        reason = self.over()
        if reason is not None:
            raise BudgetError(
                f"stopped {where}: {reason}; raise --max-memory or build fewer articles at once"
            )
