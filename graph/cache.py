"""An incremental cache of per-article extractions, in one SQLite file.

An entry is keyed by the article (its id, which hashes its name and text), the
spaCy pipeline (name and version), the spaCy version, a hash of the vocabulary
files and a hash of the extractor's own source: an unchanged article is not
parsed again, and a changed vocabulary or extractor reprocesses everything it
could affect. SQLite commits atomically, so a build killed half-way leaves the
cache as it was before the last commit.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

from .extract import Extraction
from .ingest import Article

__all__ = ["DEFAULT_CACHE", "ExtractionCache", "pipeline_fingerprint"]

DEFAULT_CACHE = Path("data") / "cache" / "extractions.sqlite"
_CODE_FILES = ("extract.py", "nlp.py")


def pipeline_fingerprint(nlp, vocab) -> str:
    """A hash of everything besides the text that decides an extraction."""
    import spacy

    h = hashlib.sha256()
    meta = getattr(nlp, "meta", {}) or {}
    h.update(f"{meta.get('name')}-{meta.get('version')}-{spacy.__version__}".encode())
    h.update(",".join(nlp.pipe_names).encode())
    h.update(vocab.digest.encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


class ExtractionCache:
    """Extractions stored by article and pipeline fingerprint.

    >>> import tempfile, os
    >>> c = ExtractionCache(os.path.join(tempfile.mkdtemp(), "c.sqlite"), "fp")
    >>> len(c)
    0
    """

    def __init__(self, path: str | Path, fingerprint: str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS extractions ("
            " article TEXT NOT NULL, fingerprint TEXT NOT NULL, data TEXT NOT NULL,"
            " PRIMARY KEY (article, fingerprint))"
        )
        self.db.commit()

    def __len__(self) -> int:
        (n,) = self.db.execute(
            "SELECT COUNT(*) FROM extractions WHERE fingerprint = ?", (self.fingerprint,)
        ).fetchone()
        return n

    def get_many(self, articles: Sequence[Article]) -> dict[str, Extraction]:
        out: dict[str, Extraction] = {}
        ids = [a.id for a in articles]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT article, data FROM extractions WHERE fingerprint = ? AND article IN ({marks})",
                (self.fingerprint, *chunk),
            )
            for article, data in rows:
                try:
                    out[article] = Extraction.from_dict(json.loads(data))
                except (ValueError, KeyError):
                    continue  # a damaged entry is simply extracted again
        return out

    def put_many(self, pairs: Iterable[tuple[Article, Extraction]]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO extractions (article, fingerprint, data) VALUES (?, ?, ?)",
                [(a.id, self.fingerprint, json.dumps(ex.as_dict(), ensure_ascii=False)) for a, ex in pairs],
            )

    def prune(self) -> int:
        """Drop entries made by other pipelines; returns how many."""
        with self.db:
            cur = self.db.execute("DELETE FROM extractions WHERE fingerprint != ?", (self.fingerprint,))
        return cur.rowcount

    def close(self) -> None:
        self.db.close()
