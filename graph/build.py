"""Build the evidence-backed entity graph from articles.

``build_graph`` runs the pipeline: parse the articles with spaCy (``nlp.pipe``),
extract each one (or take its extraction from the cache), resolve entities
across articles and assemble a ``networkx.MultiDiGraph``. One fact is one
edge, keyed by its relation, carrying every piece of evidence that states it.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import networkx as nx

from .extract import Extraction, extract
from .ingest import Article, Problem
from .resolve import resolve_entities
from .vocab import Vocab, load_vocab

__all__ = [
    "BuildResult",
    "build_graph",
    "extract_articles",
    "assemble_graph",
    "summarize_graph",
]

MODALITY_RANK = {"asserted": 3, "alleged": 2, "hypothetical": 1}


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cached: int = 0


def _default_workers(n_docs: int) -> int:
    if n_docs < 40:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def extract_articles(
    articles: Sequence[Article],
    *,
    vocab: Vocab | None = None,
    nlp=None,
    n_process: int | None = None,
    batch_size: int = 16,
    progress: Callable[[int, int], None] | None = None,
) -> list[Extraction]:
    """Parse and extract articles with one ``nlp.pipe`` pass; order is kept."""
    from .nlp import make_nlp

    vocab = vocab or load_vocab()
    if not articles:
        return []
    nlp = nlp or make_nlp(vocab)
    n_process = n_process or _default_workers(len(articles))
    out: list[Extraction] = []
    texts = (a.text for a in articles)
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for i, (doc, article) in enumerate(zip(docs, articles), 1):
        out.append(extract(doc, article.id, vocab, date=article.date))
        if progress:
            progress(i, len(articles))
    return out


def _merge_modality(a: str | None, b: str | None) -> str:
    a, b = a or "asserted", b or "asserted"
    return a if MODALITY_RANK.get(a, 0) >= MODALITY_RANK.get(b, 0) else b


def assemble_graph(
    extractions: Iterable[Extraction], articles: Sequence[Article] = ()
) -> nx.MultiDiGraph:
    """Join per-article extractions into one graph (pure: no parsing, no I/O).

    Nodes carry ``label``, ``kind``, ``aliases``, ``mentions``, ``documents`` and,
    where known, ``role``; edges carry ``relation``, ``evidence``, ``modality``,
    ``documents``, ``sources`` and ``date``.
    """
    extractions = list(extractions)
    meta = {a.id: a for a in articles}
    mapping = resolve_entities(extractions)
    G = nx.MultiDiGraph()
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
            data = G.nodes[nid]
            # the canonical label: a vocabulary or longer name wins
            if nid == key and len(ent["label"]) > len(data["label"]) and ent["kind"] == "person":
                data["label"] = ent["label"]
            aliases = set(data["aliases"]) | set(ent.get("aliases", []))
            data["aliases"] = sorted(aliases)
            data["mentions"] += int(ent.get("mentions", 0))
            if ex.document not in data["documents"]:
                data["documents"] = sorted([*data["documents"], ex.document])
            if ent.get("role") and not data["role"]:
                data["role"] = ent["role"]
    for ex in extractions:
        article = meta.get(ex.document)
        source_name = (article.source if article else None) or ex.document
        for rel in ex.relations:
            s, t = mapping.get(rel["source"]), mapping.get(rel["target"])
            if s is None or t is None or s == t:
                continue
            key = rel["relation"]
            if G.has_edge(s, t, key):
                data = G.edges[s, t, key]
            else:
                G.add_edge(
                    s, t, key=key, relation=key, evidence=[], modality=None,
                    documents=[], sources=[], date="",
                )
                data = G.edges[s, t, key]
            ev = rel["evidence"]
            if ev not in data["evidence"]:
                data["evidence"].append(ev)
            data["modality"] = _merge_modality(data["modality"], rel.get("modality"))
            if ex.document not in data["documents"]:
                data["documents"].append(ex.document)
            if source_name not in data["sources"]:
                data["sources"].append(source_name)
            date = rel.get("date") or ""
            if date and (not data["date"] or date < data["date"]):
                data["date"] = date
    for _, _, data in G.edges(data=True):
        data["evidence"].sort(key=lambda e: (e["document"], e["start"]))
        data["documents"].sort()
        data["sources"].sort()
        data["modality"] = data["modality"] or "asserted"
    for nid, data in G.nodes(data=True):
        data["id"] = nid
    return G


def build_graph(
    articles: Sequence[Article],
    *,
    vocab: Vocab | None = None,
    nlp=None,
    cache=None,
    n_process: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> nx.MultiDiGraph:
    """Build the graph of a list of articles.

    Parameters
    ----------
    articles : from :func:`graph.ingest.read_articles`.
    vocab : the vocabulary; default ``data/vocab``.
    cache : an :class:`graph.cache.ExtractionCache`; unchanged articles are not parsed again.
    n_process : spaCy worker processes; default one per core for large corpora.
    progress : called as ``progress(done, total)`` while articles are processed.

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
        found = cache.get_many([a for a in articles])
        extractions.update(found)
        todo = [a for a in articles if a.id not in found]
    done_before = len(articles) - len(todo)

    def step(i: int, total: int) -> None:
        if progress:
            progress(done_before + i, len(articles))

    if progress and done_before:
        progress(done_before, len(articles))
    fresh = extract_articles(todo, vocab=vocab, nlp=nlp, n_process=n_process, progress=step)
    for article, ex in zip(todo, fresh):
        extractions[article.id] = ex
    if cache is not None and fresh:
        cache.put_many(list(zip(todo, fresh)))
    ordered = [extractions[a.id] for a in articles]
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
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
