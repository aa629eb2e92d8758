"""The tasks of a build and what comes back from them.

:func:`plan_tasks` cuts the articles into tasks in article order: chunks of short
articles, and each long article on its own (the build then cuts it into pieces,
:mod:`graph.longtext`). :class:`Collector` receives the results in the same order,
joins the pieces of each long article, skips an article that does not fit in the
memory budget (:mod:`graph.memory`), and calls the build's callbacks: ``progress``
per article, ``on_piece`` per piece, ``on_extracted`` per finished batch,
``on_skipped`` per article left out. :class:`ProgressBar` draws both counts on a
terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from .ingest import Article, display_name
from .longtext import Piece, PieceMerger
from .memory import MemoryBudget, release_memory
from .records import Extraction

__all__ = ["Collector", "ProgressBar", "plan_tasks", "task_units"]


def plan_tasks(
    articles: Sequence[Article], limit: int, chunker: Callable[[list[Article]], list[list[Article]]]
) -> list[list[Article] | Article]:
    """Runs of consecutive short articles cut into chunks by ``chunker``, and each
    article longer than ``limit`` on its own, in article order."""
    out: list[list[Article] | Article] = []
    run: list[Article] = []
    for article in articles:
        if len(article.text) <= limit:
            run.append(article)
            continue
        if run:
            out.extend(chunker(run))
            run = []
        out.append(article)
    if run:
        out.extend(chunker(run))
    return out


class Collector:
    """What a build has finished: extractions in article order, the pieces of long
    articles being joined, the articles skipped; it calls the build's callbacks and
    checks the memory budget after every chunk and piece.

    Examples
    --------
    >>> from graph.ingest import parse_article
    >>> a = parse_article("Ruritania thanked Freedonia.", "r.txt")
    >>> done = []
    >>> c = Collector([a], MemoryBudget(64 * 10**9), progress=lambda i, n: done.append((i, n)))
    >>> c.chunk([a], [Extraction(a.id, {}, [])])
    >>> [ex.document for ex in c.out], done
    (['r-e1c42bf5'], [(1, 1)])
    """

    def __init__(self, articles: list[Article], budget: MemoryBudget, **callbacks: Any) -> None:
        self.total = len(articles)
        self.by_id = {a.id: a for a in articles}
        self.budget = budget
        self.progress = callbacks.get("progress")
        self.on_extracted = callbacks.get("on_extracted")
        self.on_piece = callbacks.get("on_piece")
        self.on_skipped = callbacks.get("on_skipped")
        self.out: list[Extraction] = []
        self.done = 0
        self.joining: dict[str, PieceMerger] = {}
        self.skipped: set[str] = set()

    def _finished(self, pairs: list[tuple[Article, Extraction]]) -> None:
        self.out.extend(ex for _, ex in pairs)
        self.done += len(pairs)
        if self.on_extracted:
            self.on_extracted(pairs)
        if self.progress:
            self.progress(self.done, self.total)
        self.budget.check(f"after {self.done} of {self.total} articles")

    def chunk(self, articles: list[Article], extractions: list[Extraction]) -> None:
        self._finished(list(zip(articles, extractions)))

    def admit(self, article: Article) -> bool:
        """Whether a long article fits in the budget; skipped (with its reason) if not."""
        reason = self.budget.admit(len(article.text))
        if reason:
            self.skip(article, f"not processed: {reason}")
        elif self.progress:  # the count of articles, for the piece counts that follow
            self.progress(self.done, self.total)
        return reason is None

    def piece(self, piece: Piece, ex: Extraction) -> None:
        if piece.document in self.skipped:
            return
        article = self.by_id[piece.document]
        merger = self.joining.setdefault(piece.document, PieceMerger(piece.document))
        merger.add(ex)
        if self.on_piece:
            self.on_piece(article, piece.index + 1, piece.count)
        if piece.index + 1 == piece.count:
            del self.joining[piece.document]
            self._finished([(article, merger.result())])
            return
        reason = self.budget.over()
        if reason:
            del self.joining[piece.document]
            del merger
            release_memory()
            self.skip(article, f"given up at piece {piece.index + 1} of {piece.count}: {reason}")

    def skip(self, article: Article, reason: str) -> None:
        self.skipped.add(article.id)
        self.done += 1
        if self.on_skipped:
            self.on_skipped(article, reason)
        if self.progress:
            self.progress(self.done, self.total)


def task_units(article: Article, limit: int) -> int:
    """Tasks an article makes: one, or one per piece when it is long."""
    return max(1, -(-len(article.text) // limit))


class ProgressBar:
    """A one-line progress bar on a terminal: articles done and, while a long article
    is processed, its pieces (``[###...] 3/30 articles, report.txt: piece 4/20``)."""

    width = 30

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.done = self.total = 0
        self.piece: tuple[str, int, int] | None = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        """Articles done out of total."""
        self.done, self.total, self.piece = done, total, None
        self._draw()
        if done >= total:
            self.stream.write("\n")
            self.shown = 0
        self.stream.flush()

    def on_piece(self, article: Article, done: int, total: int) -> None:
        """Pieces done out of total of a long article."""
        self.piece = (display_name(article.path), done, total)
        self._draw()
        self.stream.flush()

    def _draw(self) -> None:
        share = self.piece[1] / max(self.piece[2], 1) if self.piece else 0.0
        filled = int(self.width * min(1.0, (self.done + share) / max(self.total, 1)))
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} articles"
        if self.piece:
            name, i, n = self.piece
            line += f", {name}: piece {i}/{n}"
        self.stream.write("\r" + line + " " * max(0, self.shown - len(line)))
        self.shown = len(line)
