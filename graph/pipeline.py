"""The whole pipeline behind ``build``, the app and ``render``: read the articles,
extract (through the cache, locally or on Dask), assemble, apply the curation file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .build import BuildResult, build_graph
from .errors import InputError
from .ingest import DEFAULT_MAX_BYTES, Article, Problem, display_name, read_articles

__all__ = ["DEFAULT_CURATION", "build_corpus"]

DEFAULT_CURATION = Path("data") / "curation.yaml"


def build_corpus(
    inputs: Iterable[str | Path],
    *,
    cache_path: str | Path | None = "default",
    curation_path: str | Path | None = None,
    max_bytes: int | None = None,
    n_process: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    report: Callable[[str], None] | None = None,
    strict_curation: bool = False,
    columns: Mapping[str, str] | None = None,
    max_memory: int | None = None,
    on_piece: Callable[[Article, int, int], None] | None = None,
) -> BuildResult:
    """Read every article under the inputs and build its graph.

    Each skipped file is passed to ``report`` with its reason: files that cannot
    be read, and articles that would not fit in ``max_memory`` bytes (default
    :func:`graph.memory.default_max_memory`). Raises ``InputError`` when no
    article could be read, ``BudgetError`` when the build goes over the budget
    between articles. The curation file is checked before any article is parsed,
    so a broken one fails fast (``CurationError``); ``strict_curation`` also fails
    on an action that no longer matches the graph. ``columns`` names corpus-table
    columns (see :func:`graph.ingest.read_articles`); ``on_piece(article, done,
    total)`` follows the pieces of a long article.
    """
    from .vocab import load_vocab

    curation = Path(curation_path) if curation_path else DEFAULT_CURATION
    actions = None
    if curation_path or curation.exists():
        from .curate import load_curation

        actions = load_curation(curation)

    if max_bytes is not None and max_bytes <= 0:
        raise InputError(f"--max-bytes must be a positive number of bytes, not {max_bytes}")
    inputs = list(inputs)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    corpus = read_articles(inputs, max_bytes=limit, columns=columns)
    for problem in corpus.problems:
        if report:
            report(f"skipped {problem}")
    if not corpus.articles:
        names = ", ".join(display_name(p) for p in inputs)
        raise InputError(f"no article could be read from {names}")
    vocab = load_vocab()
    cache = None
    if cache_path:
        # the fingerprint is read without loading spaCy: an unchanged corpus never starts it
        from .cache import DEFAULT_CACHE, ExtractionCache, pipeline_fingerprint

        path = DEFAULT_CACHE if cache_path == "default" else Path(cache_path)
        cache = ExtractionCache(path, pipeline_fingerprint(vocab=vocab), report=report)
    cached_before = 0
    if cache is not None:
        cached_before = cache.count(corpus.articles)
    skipped: list[Article] = []

    def skip(article: Article, reason: str) -> None:
        problem = Problem(article.path, reason)
        corpus.problems.append(problem)
        skipped.append(article)
        if report:
            report(f"skipped {problem}")

    try:
        if engine == "dask":
            from .distributed import build_graph_dask

            G = build_graph_dask(
                corpus.articles, vocab=vocab, cache=cache, scheduler=scheduler, progress=progress
            )
        else:
            G = build_graph(
                corpus.articles,
                vocab=vocab,
                cache=cache,
                n_process=n_process,
                progress=progress,
                on_piece=on_piece,
                on_skipped=skip,
                max_memory=max_memory,
            )
    finally:
        if cache is not None:
            cache.close()
    if actions is not None:
        from .curate import apply_curation

        G = apply_curation(G, actions, report=report, strict=strict_curation)
    gone = {a.id for a in skipped}
    built = [a for a in corpus.articles if a.id not in gone]
    if not built:
        names = ", ".join(display_name(p) for p in inputs)
        raise InputError(f"no article of {names} fits in the memory budget (--max-memory)")
    from .timeline import stamp_dates

    stamp_dates(G, built)  # article dates; every edge's and entity's first and last date
    return BuildResult(G, built, corpus.problems, cached_before)
