"""The corpus the app opens, and the built corpora it keeps between page runs.

:func:`parse_app_options` reads which articles, curation file and extraction cache
the app uses (``streamlit run app.py -- --input DIR --curation PATH --cache PATH``,
or the ``RELATE_*`` environment variables). :class:`CorpusStore` keeps the last
few built corpora, keyed on their content (:func:`~graph.view.corpus_fingerprint`),
so a page run after a widget change does not build again; one store is shared by
every session, behind a lock.
"""

from __future__ import annotations

import argparse
import gc
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from ..build import BuildResult
from ..pipeline import build_corpus
from .uploads import corpus_fingerprint

__all__ = ["PROJECT_ROOT", "AppOptions", "Corpus", "CorpusStore", "parse_app_options"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
"""The folder holding ``app.py``, ``seeds/`` and ``data/``."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AppOptions:
    """What the app opens: article ``input`` paths, the ``curation`` file, and the
    extraction ``cache`` file (None: the default ``data/cache/extractions.sqlite``)
    unless ``no_cache``."""

    input: list[Path]
    curation: Path
    no_cache: bool = False
    cache: Path | None = None

    @property
    def cache_path(self) -> str | Path | None:
        """The ``cache_path`` of :func:`graph.pipeline.build_corpus`."""
        if self.no_cache:
            return None
        return self.cache or "default"


def parse_app_options(
    argv: Sequence[str],
    environ: Mapping[str, str] | None = None,
    *,
    root: Path = PROJECT_ROOT,
) -> AppOptions:
    """The app's options: the command line after ``--``, else environment variables.

    ``--input DIR`` (repeatable; ``RELATE_INPUT``, paths joined by the OS path
    separator; default ``seeds/``), ``--curation PATH`` (``RELATE_CURATION``; default
    ``data/curation.yaml``), ``--cache PATH`` (``RELATE_CACHE``) and ``--no-cache``
    (``RELATE_NO_CACHE=1``). Unknown options are ignored; the command line wins.

    >>> opts = parse_app_options(["--curation", "/tmp/c.yaml", "--no-cache"], {}, root=Path("/r"))
    >>> opts.input, opts.curation, opts.cache_path
    ([PosixPath('/r/seeds')], PosixPath('/tmp/c.yaml'), None)
    """
    environ = os.environ if environ is None else environ
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--input", action="append", default=None)
    parser.add_argument("--curation", default=None)
    parser.add_argument("--cache", default=None)
    parser.add_argument("--no-cache", action="store_true")
    opts, _ = parser.parse_known_args(list(argv))
    inputs = opts.input
    if not inputs and environ.get("RELATE_INPUT"):
        inputs = [p for p in environ["RELATE_INPUT"].split(os.pathsep) if p]
    curation = opts.curation or environ.get("RELATE_CURATION") or None
    cache = opts.cache or environ.get("RELATE_CACHE") or None
    return AppOptions(
        input=[Path(p).expanduser().resolve() for p in (inputs or [root / "seeds"])],
        curation=(
            Path(curation).expanduser().resolve() if curation else root / "data" / "curation.yaml"
        ),
        no_cache=opts.no_cache or environ.get("RELATE_NO_CACHE") == "1",
        cache=Path(cache).expanduser().resolve() if cache else None,
    )


@dataclass
class Corpus:
    """A built corpus: the build ``result``, the ``key`` it is kept under and the
    build's ``notes`` (files skipped, curation actions that no longer apply)."""

    result: BuildResult
    key: str
    notes: list[str] = field(default_factory=list)


class CorpusStore:
    """The last ``size`` built corpora, most recently used last; thread-safe.

    Examples
    --------
    >>> store = CorpusStore(size=2)
    >>> len(store)
    0
    """

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Corpus] = OrderedDict()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @staticmethod
    def key(options: AppOptions) -> str:
        """The content key of a corpus: its articles and curation file, and whether
        the extraction cache is used."""
        key = corpus_fingerprint(options.input, [options.curation])
        return key + ("-nocache" if options.no_cache else "")

    def get(self, key: str) -> Corpus | None:
        """The corpus kept under ``key`` (now the most recently used), or None."""
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
            return hit

    def put(self, corpus: Corpus) -> None:
        """Keep a corpus, dropping the least recently used beyond ``size``."""
        with self._lock:
            self._entries[corpus.key] = corpus
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def load(
        self,
        options: AppOptions,
        *,
        progress: Callable[[], AbstractContextManager[Progress | None]] | None = None,
    ) -> Corpus:
        """The built corpus of ``options``: kept, or built now and kept.

        ``progress`` is called only when the corpus must be built; it returns a
        context (a progress bar) giving the ``(done, total)`` callback of the build.
        Raises ``InputError`` when there is no article and ``CurationError`` for a
        broken curation file.
        """
        key = self.key(options)
        hit = self.get(key)
        if hit is not None:
            return hit
        notes: list[str] = []
        with progress() if progress else nullcontext(None) as step:
            result = build_corpus(
                options.input,
                cache_path=options.cache_path,
                curation_path=options.curation,
                progress=step,
                report=notes.append,
            )
        corpus = Corpus(result, key, [n for n in notes if "not found; nothing applied" not in n])
        self.put(corpus)
        # the kept corpora live as long as the store: frozen out of the cyclic
        # collector's walks, a large graph no longer makes every page build pay for a
        # full collection. What was frozen before is thawed and collected first, so a
        # corpus the store let go of (a graph holds cycles) is freed, not kept frozen.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        return corpus
