"""The extraction cache: hits skip parsing, changes are reprocessed, a changed
vocabulary invalidates, damaged files are replaced, and ``--no-cache`` bypasses it."""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest

from graph.build import build_graph
from graph.cache import (
    ExtractionCache,
    _model_name,
    model_signature,
    pipeline_fingerprint,
)
from graph.cli import main
from graph.export import write_json
from graph.ingest import parse_article
from graph.pipeline import build_corpus
from graph.records import Extraction
from graph.vocab import load_vocab

TEXTS = [
    ("one.txt", "Poland accused Russia of sabotage.\n\nThe Kremlin denied the accusation."),
    ("two.txt", "Estonia accused Russia of jamming GPS signals over the Baltic Sea."),
    ("three.txt", "Japan and the Philippines are allies, officials in Tokyo said."),
]


class CountingNLP:
    """Wraps the pipeline and counts the texts it is asked to parse."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.parsed: list[str] = []

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        self.parsed.extend(texts)
        return self.nlp.pipe(texts, **kwargs)


@pytest.fixture()
def articles():
    return [parse_article(text, name) for name, text in TEXTS]


@pytest.fixture()
def cache_path(tmp_path):
    return tmp_path / "cache" / "extractions.sqlite"


def _build(articles, vocab, nlp, cache):
    counting = CountingNLP(nlp)
    G = build_graph(articles, vocab=vocab, nlp=counting, cache=cache, n_process=1)
    return G, counting.parsed


def test_unchanged_articles_are_not_parsed_again(articles, vocab, nlp, cache_path, tmp_path):
    fp = pipeline_fingerprint(nlp, vocab)
    with ExtractionCache(cache_path, fp) as cache:
        G1, parsed1 = _build(articles, vocab, nlp, cache)
        assert len(parsed1) == 3 and len(cache) == 3
    with ExtractionCache(cache_path, fp) as cache:  # a later run opens the same file
        G2, parsed2 = _build(articles, vocab, nlp, cache)
    assert parsed2 == []
    a = write_json(G1, tmp_path / "fresh.json").read_bytes()
    assert a == write_json(G2, tmp_path / "cached.json").read_bytes()


def test_changed_and_added_articles_are_the_only_ones_parsed(articles, vocab, nlp, cache_path):
    with ExtractionCache(cache_path, pipeline_fingerprint(nlp, vocab)) as cache:
        _build(articles, vocab, nlp, cache)
        changed = parse_article(TEXTS[1][1].replace("Estonia", "Latvia"), TEXTS[1][0])
        added = parse_article("Iran threatened Israel with retaliation.", "four.txt")
        G, parsed = _build([articles[0], changed, articles[2], added], vocab, nlp, cache)
    assert parsed == [changed.text, added.text]
    assert G.has_edge("state:latvia", "state:russia", "accuses")
    assert not G.has_node("state:estonia")


def test_fingerprint_reads_the_installed_pipeline_without_loading_it(nlp, vocab, monkeypatch):
    import graph.nlp

    assert pipeline_fingerprint(nlp, vocab) == pipeline_fingerprint(vocab=vocab)
    assert model_signature(nlp) == model_signature(model=graph.nlp.model_name())
    monkeypatch.delenv("RELATE_SPACY_MODEL", raising=False)
    assert _model_name() == graph.nlp.model_name()
    monkeypatch.setenv("RELATE_SPACY_MODEL", "xx_other_pipeline")
    assert _model_name() == graph.nlp.model_name() == "xx_other_pipeline"
    assert pipeline_fingerprint(vocab=vocab) != pipeline_fingerprint(nlp, vocab)


def test_changed_vocabulary_reprocesses_the_articles(
    articles, vocab, nlp, cache_path, root, tmp_path
):
    folder = tmp_path / "vocab"
    shutil.copytree(root / "data" / "vocab", folder)
    relations = folder / "relations.yaml"
    text = relations.read_text(encoding="utf-8")
    assert "verbs: [accuse, " in text
    relations.write_text(
        text.replace("verbs: [accuse, ", "verbs: [accuse, slam, ", 1), encoding="utf-8"
    )
    changed = load_vocab(folder)
    assert "slam" in changed.relations["accuses"]["cues"]["verbs"]
    assert changed.digest != vocab.digest
    old_fp, new_fp = pipeline_fingerprint(nlp, vocab), pipeline_fingerprint(nlp, changed)
    assert old_fp != new_fp
    with ExtractionCache(cache_path, old_fp) as cache:
        _build(articles, vocab, nlp, cache)
    with ExtractionCache(cache_path, new_fp) as cache:
        assert cache.get_many(articles) == {}
        assert cache.count(articles) == 0
    with ExtractionCache(cache_path, old_fp) as cache:  # the old entries are still there
        assert cache.count(articles) == 3


def test_a_file_that_is_not_a_database_is_reported_and_replaced(articles, cache_path):
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(b"this is not SQLite\n" * 200)
    messages: list[str] = []
    with ExtractionCache(cache_path, "fp", report=messages.append) as cache:
        assert cache.usable
        cache.put_many([(articles[0], Extraction(articles[0].id, {}, []))])
        assert set(cache.get_many(articles)) == {articles[0].id}
    assert len(messages) == 1 and "damaged" in messages[0] and "starting a new one" in messages[0]
    assert (cache_path.parent / "extractions.sqlite.corrupt").exists()


def test_a_damaged_database_is_replaced_when_read(articles, cache_path):
    with ExtractionCache(cache_path, "fp") as cache:
        many = [parse_article(f"Article {i} text. " * 100, f"a{i}.txt") for i in range(200)]
        cache.put_many([(a, Extraction(a.id, {"k": {"n": a.text}}, [])) for a in many])
    size = cache_path.stat().st_size
    with open(cache_path, "r+b") as fh:  # overwrite pages in the middle of the file
        fh.seek(size // 2)
        fh.write(b"\xff" * 16384)
    messages: list[str] = []
    with ExtractionCache(cache_path, "fp", report=messages.append) as cache:
        found = cache.get_many(many)
        assert len(found) < len(many)
        cache.put_many([(articles[0], Extraction(articles[0].id, {}, []))])
        assert articles[0].id in cache.get_many(articles)
    assert messages and "damaged" in messages[0]


def test_build_goes_on_when_the_cache_file_is_broken(seed_copy, tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"\x00garbage" * 512)
    messages: list[str] = []
    result = build_corpus([seed_copy], cache_path=path, report=messages.append)
    assert result.graph.number_of_edges() > 0
    assert any("damaged" in m for m in messages)
    again = build_corpus([seed_copy], cache_path=path, report=messages.append)
    assert again.cached == len(again.articles)


def test_writes_are_all_or_nothing(articles, cache_path):
    good = Extraction(articles[0].id, {}, [])
    bad = Extraction(articles[1].id, {"k": {"x": object()}}, [])  # not JSON
    with ExtractionCache(cache_path, "fp") as cache:
        with pytest.raises(TypeError):
            cache.put_many([(articles[0], good), (articles[1], bad)])
        assert len(cache) == 0


def test_readers_and_a_writer_share_the_file(articles, cache_path):
    writer = ExtractionCache(cache_path, "fp")
    reader = ExtractionCache(cache_path, "fp")
    try:
        reader.db.execute("BEGIN")  # a reader in the middle of a read transaction
        assert reader.get_many(articles) == {}
        writer.put_many([(a, Extraction(a.id, {}, [])) for a in articles])
        reader.db.execute("COMMIT")
        assert set(reader.get_many(articles)) == {a.id for a in articles}
    finally:
        writer.close()
        reader.close()


def test_old_entries_of_other_pipelines_are_dropped(articles, cache_path):
    with ExtractionCache(cache_path, "old") as cache:
        cache.put_many([(articles[0], Extraction(articles[0].id, {}, []))])
        cache.db.execute("UPDATE extractions SET created = ?", (time.time() - 90 * 86400,))
        cache.db.commit()
        cache.put_many([(articles[1], Extraction(articles[1].id, {}, []))])
    with ExtractionCache(cache_path, "new") as cache:
        cache.put_many([(articles[2], Extraction(articles[2].id, {}, []))])
    db = sqlite3.connect(cache_path)
    rows = sorted(db.execute("SELECT fingerprint FROM extractions"))
    db.close()
    assert rows == [("new",), ("old",)]  # the stale "old" entry is gone, the recent one kept


def test_no_cache_option_writes_no_cache(seed_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "g.json"
    assert main(["build", str(seed_copy), "--out", str(out), "--no-cache", "-q"]) == 0
    assert out.exists() and not (tmp_path / "data" / "cache").exists()
    assert main(["build", str(seed_copy), "--out", str(out), "-q"]) == 0
    assert (tmp_path / "data" / "cache" / "extractions.sqlite").exists()
