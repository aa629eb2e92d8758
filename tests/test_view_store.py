"""The app's options and its store of built corpora (graph/view/store.py)."""

from __future__ import annotations

import contextlib
import doctest
import os
from pathlib import Path

import networkx as nx
import pytest

import graph.view.store
from graph.build import BuildResult
from graph.view import AppOptions, CorpusStore, parse_app_options

ROOT = Path(__file__).resolve().parent.parent


def test_doctests():
    assert doctest.testmod(graph.view.store).failed == 0


def test_options_defaults_and_environment(tmp_path):
    opts = parse_app_options([], {}, root=tmp_path)
    assert opts == AppOptions([tmp_path / "seeds"], tmp_path / "data" / "curation.yaml")
    assert opts.cache_path == "default"
    env = {
        "RELATE_INPUT": f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}",
        "RELATE_CURATION": "c.yaml",
        "RELATE_CACHE": str(tmp_path / "x.sqlite"),
        "RELATE_NO_CACHE": "0",
    }
    opts = parse_app_options([], env, root=tmp_path)
    assert opts.input == [tmp_path / "a", tmp_path / "b"]
    assert opts.curation == Path("c.yaml").resolve() and opts.cache_path == tmp_path / "x.sqlite"
    cli = parse_app_options(["--input", str(tmp_path), "--cache", str(tmp_path / "y.sqlite")], env)
    assert cli.input == [tmp_path] and cli.cache == tmp_path / "y.sqlite"  # the command line wins
    assert parse_app_options([], {"RELATE_NO_CACHE": "1"}).cache_path is None
    assert parse_app_options([]).input == [ROOT / "seeds"]


@pytest.fixture()
def builds(monkeypatch):
    """Stand-in for the pipeline: records each build instead of parsing articles."""
    calls: list[dict] = []

    def fake_build(inputs, **kwargs):
        calls.append({"inputs": list(inputs), **kwargs})
        if kwargs.get("progress"):
            kwargs["progress"](1, 1)
        kwargs["report"]("curation: c.yaml not found; nothing applied")
        kwargs["report"]("skipped notes.txt: empty")
        return BuildResult(nx.MultiDiGraph(name=str(len(calls))))

    monkeypatch.setattr(graph.view.store, "build_corpus", fake_build)
    return calls


def corpus_dir(tmp_path: Path, name: str, text: str) -> AppOptions:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return AppOptions([folder], tmp_path / "curation.yaml", cache=tmp_path / "cache.sqlite")


def test_a_corpus_is_built_once_and_kept(tmp_path, builds):
    store = CorpusStore(size=2)
    opts = corpus_dir(tmp_path, "one", "Ruritania blamed Freedonia.")
    shown: list[tuple[int, int]] = []

    @contextlib.contextmanager
    def bar():
        yield lambda done, total: shown.append((done, total))

    first = store.load(opts, progress=bar)
    again = store.load(opts, progress=bar)
    assert again is first and len(builds) == 1 and shown == [(1, 1)]
    assert builds[0]["cache_path"] == tmp_path / "cache.sqlite"
    assert builds[0]["curation_path"] == tmp_path / "curation.yaml"
    assert first.notes == ["skipped notes.txt: empty"]  # a missing curation file is no news
    (opts.input[0] / "b.txt").write_text("Freedonia denied it.", encoding="utf-8")
    assert store.load(opts) is not first and len(builds) == 2  # new content, new build


def test_the_least_recently_used_corpus_goes(tmp_path, builds):
    store = CorpusStore(size=2)
    a, b, c = (corpus_dir(tmp_path, n, f"Text {n}.") for n in "abc")
    first = store.load(a)
    store.load(b)
    store.load(a)  # a is now the most recently used
    store.load(c)
    assert len(store) == 2 and store.get(store.key(b)) is None
    assert store.load(a) is first and len(builds) == 3


def test_no_cache_is_another_corpus(tmp_path, builds):
    opts = corpus_dir(tmp_path, "one", "Ruritania blamed Freedonia.")
    uncached = AppOptions(opts.input, opts.curation, no_cache=True)
    assert CorpusStore.key(uncached) == CorpusStore.key(opts) + "-nocache"
    store = CorpusStore()
    store.load(uncached)
    assert builds[0]["cache_path"] is None


def test_a_corpus_let_go_is_freed(tmp_path, builds):
    """Kept corpora are frozen out of the cyclic collector; one the store drops is not."""
    import weakref

    store = CorpusStore(size=1)
    a, b = (corpus_dir(tmp_path, n, f"Text {n}.") for n in "ab")
    graph = store.load(a).result.graph
    assert graph.edges is not None  # a cached view: the graph now holds a reference cycle
    gone = weakref.ref(graph)
    del graph
    store.load(b)
    assert gone() is None
