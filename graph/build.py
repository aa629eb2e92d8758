"""Build the evidence-backed entity graph from articles.

``build_graph`` runs the pipeline: take each unchanged article's extraction from
the cache, parse and extract the others with spaCy, resolve entities across
articles and assemble a ``networkx.MultiDiGraph``. One fact is one edge, keyed by
its relation, carrying every piece of evidence that states it.

Parsing is the only slow step, so it runs on every core: the articles are cut
into small chunks and a pool of worker processes (each holding one copy of the
pipeline) parses *and* extracts each chunk, sending back plain-data
:class:`~graph.records.Extraction` records rather than spaCy ``Doc`` objects.
Chunks come back in article order, so the output does not depend on the number
of workers. Assembly uses sets beside the graph's lists, so its cost grows
linearly with the evidence, not with its square.

An article longer than one piece (:mod:`graph.longtext`) is parsed and extracted
piece by piece, each piece a task of its own for the pool, and its pieces'
extractions joined in order: memory holds a few pieces, never the whole text's
parse. The build's process tree is measured against a memory budget
(:mod:`graph.memory`) after every chunk and piece.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .edges import MODALITY_RANK, EdgeJoiner, rate_edge  # noqa: F401 (MODALITY_RANK: kept importable)
from .errors import RelateError
from .extract import extract, prepare_text
from .ingest import Article, Problem
from .longtext import (
    PIECES_INDEPENDENT,
    Piece,
    extract_long,
    extract_piece,
    iter_piece_extractions,
    make_pieces,
    piece_limit,
    prepared,
)
from .memory import MemoryBudget
from .records import Extraction
from .resolve import resolve_entities
from .sources import attach_documents
from .tasks import Collector, ProgressBar, plan_tasks, task_units
from .vocab import Vocab, load_vocab

__all__ = [
    "BuildResult",
    "ProgressBar",
    "assemble_graph",
    "available_cores",
    "build_graph",
    "default_workers",
    "extract_articles",
    "extract_batch",
    "summarize_graph",
]

MIN_PARALLEL = 8  # fewer articles than this are parsed in this process
MAX_WORKERS = 16
MAX_CHUNK = 8  # articles per task sent to a worker
CACHE_FLUSH = 32  # extractions written to the cache per transaction


@dataclass
class BuildResult:
    """A built graph with the articles read, the files skipped and how many came from cache."""

    graph: nx.MultiDiGraph
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cached: int = 0


def available_cores() -> int:
    """CPU cores this process may run on (respects container and affinity limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def default_workers(n_docs: int) -> int:
    """Worker processes for ``n_docs`` articles: one per core, one for small batches.

    >>> default_workers(3)
    1
    """
    if n_docs < MIN_PARALLEL:
        return 1
    return max(1, min(available_cores(), MAX_WORKERS, n_docs // 2))


def extract_batch(articles: Sequence[Article], nlp, vocab: Vocab) -> list[Extraction]:
    """Parse a batch of articles with one ``nlp.pipe`` call and extract each one.

    The unit of work of both engines: a local worker process and a Dask task
    each run it on one chunk of articles. An article longer than one piece
    (:func:`graph.longtext.piece_limit`) is extracted piece by piece.
    """
    limit = piece_limit(nlp)
    texts = [prepare_text(a.text, vocab) for a in articles if len(a.text) <= limit]
    parsed = iter(list(nlp.pipe(texts, batch_size=max(1, len(texts)))))
    return [
        extract(next(parsed), a.id, vocab, date=a.date, text=a.text)
        if len(a.text) <= limit
        else extract_long(a, nlp, vocab, limit=limit)
        for a in articles
    ]


# The pipeline of a worker process: set in the parent before forking (the
# children share its memory), or loaded by ``_init_spawned`` where fork is missing.
_WORKER: tuple[Any, Vocab] | None = None


def _init_spawned(vocab: Vocab, model: str | None) -> None:  # pragma: no cover - not Linux
    from .nlp import make_nlp

    global _WORKER
    _WORKER = (make_nlp(vocab, model), vocab)


_WARMUP = Article(
    id="warmup",
    path="warmup.txt",
    title="Officials warn of attacks",
    text=(
        "Officials warn of attacks\n\nPoland accused Russia of sabotage, Prime Minister "
        "Donald Tusk said in Warsaw. Keir Giles, an expert at Chatham House, told reporters "
        "in Goma that Smith was behind the plot. The Kremlin denied it.\n"
    ),
)


# A task: a chunk of short articles, one piece of a long article, or a long article whole
Task = list[Article] | Piece | Article


def _run_task(task: Task, nlp, vocab: Vocab) -> list[Extraction] | Extraction:
    if isinstance(task, Piece):
        (doc,) = nlp.pipe([prepared(task, vocab)], batch_size=1)
        return extract_piece(doc, task, vocab)
    if isinstance(task, Article):
        return extract_long(task, nlp, vocab)
    return extract_batch(task, nlp, vocab)


def _extract_task(task: Task) -> list[Extraction] | Extraction:
    assert _WORKER is not None, "worker pipeline not initialised"
    nlp, vocab = _WORKER
    return _run_task(task, nlp, vocab)


def _chunks(items: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _guided_chunks(items: Sequence[Article], workers: int) -> list[list[Article]]:
    """Consecutive chunks that shrink towards the end (at most ``MAX_CHUNK``, at least 1):
    large ones batch well, and the last ones leave no core idle while another finishes."""
    out: list[list[Article]] = []
    i = 0
    while i < len(items):
        size = max(1, min(MAX_CHUNK, (len(items) - i) // (workers * 3)))
        out.append(list(items[i : i + size]))
        i += size
    return out


def _parallel(
    tasks: Sequence[Task], nlp, vocab: Vocab, workers: int
) -> Iterator[list[Extraction] | Extraction]:
    """Yield the result of each task, in order, from a process pool."""
    global _WORKER
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        # the children share the loaded pipeline: no load, no pickling (as spaCy's own
        # n_process does on Linux); one small article first builds the extractor's lazy
        # tables (lexicon, place names) here, once, for every child to share
        extract_batch([_WARMUP], nlp, vocab)
        ctx = multiprocessing.get_context("fork")
        _WORKER = (nlp, vocab)
        init: tuple[Any, tuple] = (None, ())
    else:  # pragma: no cover - not Linux
        ctx = multiprocessing.get_context("spawn")
        init = (_init_spawned, (vocab, None))
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=init[0], initargs=init[1])
    try:
        yield from pool.map(_extract_task, tasks)
    except BrokenProcessPool:
        raise RelateError(
            "a worker process died while parsing (out of memory?); try fewer --workers"
        ) from None
    except BaseException:
        # an interrupt or an error: stop the workers now rather than after their chunks
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER = None


def extract_articles(
    articles: Sequence[Article],
    *,
    vocab: Vocab | None = None,
    nlp=None,
    n_process: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_extracted: Callable[[list[tuple[Article, Extraction]]], None] | None = None,
    on_piece: Callable[[Article, int, int], None] | None = None,
    on_skipped: Callable[[Article, str], None] | None = None,
    max_memory: int | None = None,
) -> list[Extraction]:
    """Parse and extract articles, on every core for large batches; order is kept.

    Parameters
    ----------
    articles : the articles to process.
    vocab : the vocabulary; default ``data/vocab``.
    nlp : the spaCy pipeline; default :func:`graph.nlp.make_nlp` of ``vocab``.
    n_process : worker processes; default :func:`default_workers`. 1 runs here; with
        more, the pieces of a long article are spread over the workers.
    progress : called as ``progress(done, total)`` as articles finish (or are skipped).
    on_extracted : called with each batch of finished ``(article, extraction)`` pairs,
        in article order (the cache writes them as they come).
    on_piece : called as ``on_piece(article, done, total)`` as the pieces of a long
        article finish.
    on_skipped : called as ``on_skipped(article, reason)`` for an article left out
        because it would not fit in the memory budget.
    max_memory : the budget in bytes for the whole process tree; default
        :func:`graph.memory.default_max_memory`.

    Returns
    -------
    list of Extraction, one per article not skipped, in the order given.

    Raises
    ------
    BudgetError
        when the build is over the budget between articles.
    """
    articles = list(articles)
    if not articles:
        return []  # without importing spaCy: an unchanged corpus never loads it
    from .nlp import make_nlp

    vocab = vocab or load_vocab()
    nlp = nlp or make_nlp(vocab)
    limit = piece_limit(nlp)
    # the default counts articles, not pieces: a long text alone runs here, one piece at a
    # time, so its memory does not grow with the number of cores
    workers = n_process if n_process and n_process > 0 else default_workers(len(articles))
    workers = min(workers, sum(task_units(a, limit) for a in articles))
    collect = Collector(
        articles,
        MemoryBudget(max_memory),
        progress=progress,
        on_extracted=on_extracted,
        on_piece=on_piece,
        on_skipped=on_skipped,
    )
    if workers <= 1:
        for item in plan_tasks(articles, limit, lambda run: _chunks(run, MAX_CHUNK)):
            if isinstance(item, list):
                collect.chunk(item, extract_batch(item, nlp, vocab))
            elif collect.admit(item):
                pieces = make_pieces(item, limit)
                for piece, ex in iter_piece_extractions(pieces, nlp, vocab):
                    collect.piece(piece, ex)
                    if item.id in collect.skipped:
                        break
        return collect.out
    tasks: list[Task] = []
    for item in plan_tasks(articles, limit, lambda run: _guided_chunks(run, workers)):
        if isinstance(item, list):
            tasks.append(item)
        elif collect.admit(item):
            tasks.extend(make_pieces(item, limit) if PIECES_INDEPENDENT else [item])
    for task, result in zip(tasks, _parallel(tasks, nlp, vocab, workers)):
        if isinstance(task, Piece):
            collect.piece(task, result)
        elif isinstance(task, Article):
            collect.chunk([task], [result])
        else:
            collect.chunk(task, result)
    return collect.out


def assemble_graph(
    extractions: Iterable[Extraction], articles: Sequence[Article] = ()
) -> nx.MultiDiGraph:
    """Join per-article extractions into one graph (pure: no parsing, no I/O).

    Nodes carry ``label``, ``kind``, ``aliases``, ``mentions``, ``documents`` and,
    where known, ``role``; edges carry ``relation``, ``evidence``, ``modality``
    (the strongest of its evidence), ``documents``, ``sources`` and ``date`` (the
    earliest). Nodes come sorted by id and edges by (source, target, relation), so their
    order does not depend on the order in which rules or pieces of text found them.
    """
    extractions = list(extractions)
    meta = {a.id: a for a in articles}
    mapping = resolve_entities(extractions)
    G = nx.MultiDiGraph()
    node_sets: dict[str, tuple[set[str], set[str]]] = {}  # id -> (aliases, documents)
    for ex in extractions:
        for key, ent in ex.entities.items():
            nid = mapping[key]
            if nid not in G:
                G.add_node(
                    nid,
                    label=ent["label"],
                    kind=ent["kind"],
                    aliases=[],
                    mentions=0,
                    documents=[],
                    role="",
                )
                node_sets[nid] = (set(), set())
            data = G.nodes[nid]
            aliases, documents = node_sets[nid]
            # the canonical label: a vocabulary or longer name wins
            if nid == key and len(ent["label"]) > len(data["label"]) and ent["kind"] == "person":
                data["label"] = ent["label"]
            aliases.update(ent.get("aliases", []))
            data["mentions"] += int(ent.get("mentions", 0))
            documents.add(ex.document)
            if ent.get("role") and not data["role"]:
                data["role"] = ent["role"]
    # one edge per fact: graph.edges joins a repeated fact's evidence into its edge
    joiner = EdgeJoiner(G)
    for ex in extractions:
        article = meta.get(ex.document)
        source_name = (article.source if article else None) or ex.document
        for rel in ex.relations:
            s, t = mapping.get(rel["source"]), mapping.get(rel["target"])
            if s is None or t is None or s == t:
                continue
            key = rel["relation"]
            fact = {
                "relation": key,
                "evidence": [rel["evidence"]],
                "modality": rel.get("modality") or "asserted",
                "documents": [ex.document],
                "sources": [source_name],
                "date": rel.get("date") or "",
            }
            joiner.join(s, t, key, fact)
    joiner.finish()
    for _, _, data in G.edges(data=True):
        rate_edge(data)
    for nid, data in G.nodes(data=True):
        aliases, documents = node_sets[nid]
        data["aliases"] = sorted(aliases)
        data["documents"] = sorted(documents)
        data["id"] = nid
    return _canonical_order(attach_documents(G, articles))


def _canonical_order(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes sorted by id and edges by (source, target, relation), so
    the output does not depend on the order in which rules or pieces of text found things."""
    out = nx.MultiDiGraph()
    out.graph.update(G.graph)
    out.add_nodes_from(sorted(G.nodes(data=True), key=lambda n: n[0]))
    out.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]))
    return out


def build_graph(
    articles: Sequence[Article],
    *,
    vocab: Vocab | None = None,
    nlp=None,
    cache=None,
    n_process: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_piece: Callable[[Article, int, int], None] | None = None,
    on_skipped: Callable[[Article, str], None] | None = None,
    max_memory: int | None = None,
) -> nx.MultiDiGraph:
    """Build the graph of a list of articles.

    Parameters
    ----------
    articles : from :func:`graph.ingest.read_articles`.
    vocab : the vocabulary; default ``data/vocab``.
    nlp : the spaCy pipeline; loaded only when some article is not in the cache.
    cache : an :class:`graph.cache.ExtractionCache`; unchanged articles are not parsed
        again, and new extractions are written to it as they are made.
    n_process : worker processes; default one per core for large corpora.
    progress : called as ``progress(done, total)`` while articles are processed.
    on_piece : called as ``on_piece(article, done, total)`` as a long article's pieces
        finish.
    on_skipped : called as ``on_skipped(article, reason)`` for an article left out of
        the graph because it would not fit in ``max_memory``.
    max_memory : the memory budget in bytes (:mod:`graph.memory`); default sized to
        the machine.

    Examples
    --------
    >>> from graph.ingest import parse_article
    >>> G = build_graph([parse_article("Poland accused Russia of sabotage.", "a.txt")])
    >>> sorted(G.edges(keys=True))[0][:2]
    ('state:poland', 'state:russia')
    """
    vocab = vocab or load_vocab()
    articles = list(articles)
    extractions: dict[str, Extraction] = {}
    todo = list(articles)
    if cache is not None:
        extractions.update(cache.get_many(articles))
        todo = [a for a in articles if a.id not in extractions]
    done_before = len(articles) - len(todo)
    if progress and done_before:
        progress(done_before, len(articles))

    def step(i: int, total: int) -> None:
        if progress:
            progress(done_before + i, len(articles))

    pending: list[tuple[Article, Extraction]] = []

    def store(pairs: list[tuple[Article, Extraction]]) -> None:
        pending.extend(pairs)
        if len(pending) >= CACHE_FLUSH:
            cache.put_many(pending)
            pending.clear()

    try:
        fresh = extract_articles(
            todo,
            vocab=vocab,
            nlp=nlp,
            n_process=n_process,
            progress=step,
            on_extracted=store if cache is not None else None,
            on_piece=on_piece,
            on_skipped=on_skipped,
            max_memory=max_memory,
        )
    finally:  # what was extracted before a stop is kept
        if cache is not None and pending:
            cache.put_many(pending)
    for ex in fresh:  # skipped articles have none
        extractions[ex.document] = ex
    ordered = [extractions[a.id] for a in articles if a.id in extractions]
    return assemble_graph(ordered, articles)


def summarize_graph(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of nodes by kind and edges by relation."""
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "kinds": dict(sorted(Counter(d.get("kind") for _, d in G.nodes(data=True)).items())),
        "relations": dict(
            sorted(Counter(d.get("relation") for _, _, d in G.edges(data=True)).items())
        ),
    }


def print_progress(done: int, total: int) -> None:  # pragma: no cover - terminal only
    """Draw a one-line progress bar on stderr."""
    ProgressBar()(done, total)
