"""Extraction on a Dask cluster: the ``--engine dask`` of ``python -m graph build``.

A corpus too big for one machine is cut into partitions of consecutive articles;
each partition runs as one task on a Dask ``distributed`` worker, which loads the
spaCy pipeline once (kept in a module global for the worker's life), parses and
extracts its articles and returns plain-data extraction records. The client
writes them to the cache as they arrive and assembles the graph in article order
with :func:`graph.build.assemble_graph`, so the graph is byte-identical to the
local engine's on the same corpus.

The scheduler and the workers need Relate importable and the same packages
(start ``dask scheduler`` and ``dask worker ADDRESS`` from Relate's virtual
environment with ``PYTHONPATH`` set to the Relate folder); the vocabulary travels
with the tasks. With no scheduler address a
``distributed.LocalCluster`` of one single-threaded worker process per core is
started and closed again.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from .build import MAX_WORKERS, assemble_graph, available_cores, extract_batch
from .errors import RelateError
from .ingest import Article
from .records import Extraction
from .vocab import Vocab, load_vocab

__all__ = ["build_graph_dask", "extract_partition", "split_partitions"]

TASKS_PER_WORKER = 4  # partitions per worker: enough to balance, few enough to batch well
CONNECT_TIMEOUT = "10s"

# one pipeline per (vocabulary digest, model) in each worker process
_PIPELINES: dict[tuple[str, str | None], Any] = {}


def extract_partition(
    articles: Sequence[Article], vocab: Vocab, model: str | None = None
) -> list[dict[str, Any]]:
    """Parse and extract one partition on a worker; the pipeline is loaded once per worker.

    Returns the extractions as plain dicts (``Extraction.as_dict()``), in article order.
    """
    from .nlp import make_nlp

    key = (vocab.digest, model)
    nlp = _PIPELINES.get(key)
    if nlp is None:
        nlp = _PIPELINES[key] = make_nlp(vocab, model)
    return [ex.as_dict() for ex in extract_batch(list(articles), nlp, vocab)]


def split_partitions(items: Sequence[Any], parts: int) -> list[list[Any]]:
    """Cut items into at most ``parts`` consecutive, non-empty partitions of near-equal size.

    >>> split_partitions([1, 2, 3, 4, 5], 2)
    [[1, 2, 3], [4, 5]]
    """
    if not items:
        return []
    parts = max(1, min(parts, len(items)))
    size = math.ceil(len(items) / parts)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@contextlib.contextmanager
def _client(scheduler: str | None) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is in requirements.txt
        raise RelateError(
            "--engine dask needs the 'distributed' package: pip install -r requirements.txt"
        ) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise RelateError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        try:
            try:
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError):
                raise RelateError(
                    f"no Dask worker joined the scheduler at {scheduler} in {CONNECT_TIMEOUT}"
                ) from None
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=max(2, min(available_cores(), MAX_WORKERS)),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",  # nothing of the local cluster listens beyond this machine
        dashboard_address=":0",  # distributed starts a dashboard anyway: on a free port
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def _cannot_import(exc: BaseException) -> RelateError | None:
    """The RelateError for a cluster that cannot import Relate, or None for other errors."""
    chain = f"{exc} {exc.__cause__ or ''} {exc.__context__ or ''}"
    if "No module named 'graph'" not in chain:
        return None
    root = Path(__file__).resolve().parent.parent
    return RelateError(
        "the Dask scheduler or workers cannot import Relate: start them with "
        f"PYTHONPATH={root} (and the same Python packages)"
    )


def build_graph_dask(
    articles: Sequence[Article],
    *,
    vocab: Vocab | None = None,
    cache=None,
    scheduler: str | None = None,
    partitions: int | None = None,
    model: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> nx.MultiDiGraph:
    """Build the graph of the articles, extracting on a Dask cluster.

    Parameters
    ----------
    articles : from :func:`graph.ingest.read_articles`.
    vocab : the vocabulary; default ``data/vocab``. It is sent to the workers.
    cache : an :class:`graph.cache.ExtractionCache`; cached articles are not sent out,
        and new extractions are stored as partitions finish.
    scheduler : the scheduler address (``tcp://host:8786``); default a local cluster.
    partitions : how many tasks to cut the uncached articles into; default four per
        worker.
    model : the spaCy pipeline the workers load; default that of :func:`graph.nlp.model_name`.
    progress : called as ``progress(done, total)`` as partitions finish.

    Returns
    -------
    networkx.MultiDiGraph, equal to :func:`graph.build.build_graph` on the same articles.

    Raises
    ------
    RelateError
        when the scheduler cannot be reached.
    """
    from .nlp import model_name

    vocab = vocab or load_vocab()
    model = model or model_name()
    articles = list(articles)
    extractions: dict[str, Extraction] = {}
    if cache is not None:
        extractions.update(cache.get_many(articles))
    todo = [a for a in articles if a.id not in extractions]
    done = len(articles) - len(todo)
    if progress and done:
        progress(done, len(articles))
    if todo:
        from distributed import as_completed

        with _client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            parts = split_partitions(todo, partitions or workers * TASKS_PER_WORKER)
            try:
                [shared_vocab] = client.scatter([vocab], broadcast=True, hash=False)
                futures = client.map(
                    extract_partition, parts, vocab=shared_vocab, model=model, pure=False
                )
                index = {f.key: i for i, f in enumerate(futures)}
                for future in as_completed(futures):
                    part = parts[index[future.key]]
                    fresh = [Extraction.from_dict(r) for r in future.result()]
                    for article, ex in zip(part, fresh):
                        extractions[article.id] = ex
                    if cache is not None:
                        cache.put_many(list(zip(part, fresh)))
                    done += len(part)
                    if progress:
                        progress(done, len(articles))
            except Exception as exc:
                error = _cannot_import(exc)
                if error is None:
                    raise
                raise error from None
    return assemble_graph([extractions[a.id] for a in articles], articles)
