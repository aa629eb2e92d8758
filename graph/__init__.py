"""Relate: who-does-what-to-whom graphs from news articles.

The pipeline reads top to bottom: :mod:`~graph.ingest` → :mod:`~graph.extract`
(with :mod:`~graph.nlp`) → :mod:`~graph.resolve` → :mod:`~graph.build` (facts join
into edges by :mod:`~graph.edges`) → :mod:`~graph.export` → :mod:`~graph.curate` →
:mod:`~graph.select` → :mod:`~graph.render` / :mod:`~graph.view`, with labels and
colours from :mod:`~graph.style`. No module imports a later stage.
"""

from .build import assemble_graph, build_graph, summarize_graph
from .errors import CurationError, InputError, RelateError, VocabError
from .export import read_graph, write_graph
from .ingest import Article, parse_article, read_articles
from .vocab import load_vocab

__all__ = [
    "Article",
    "CurationError",
    "InputError",
    "RelateError",
    "VocabError",
    "assemble_graph",
    "build_graph",
    "load_vocab",
    "parse_article",
    "read_articles",
    "read_graph",
    "summarize_graph",
    "write_graph",
]
