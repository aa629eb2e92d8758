"""Shared fixtures: the spaCy pipeline and the seed graph are built once per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def vocab():
    from graph.vocab import load_vocab

    return load_vocab()


@pytest.fixture(scope="session")
def nlp(vocab):
    from graph.nlp import make_nlp

    return make_nlp(vocab)


@pytest.fixture(scope="session")
def seed_articles():
    from graph.ingest import read_articles

    return read_articles([SEEDS]).articles


@pytest.fixture(scope="session")
def seed_graph(seed_articles, vocab, nlp):
    from graph.build import build_graph

    return build_graph(seed_articles, vocab=vocab, nlp=nlp)


@pytest.fixture()
def seed_copy(tmp_path) -> Path:
    """A private copy of seeds/ to add or break files in."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture(scope="session")
def extract_text(vocab, nlp):
    """Extract one small text: returns (graph) for quick sentence-level checks."""
    from graph.build import build_graph
    from graph.ingest import parse_article

    def run(text: str, name: str = "sentence.txt"):
        return build_graph([parse_article(text, name)], vocab=vocab, nlp=nlp, n_process=1)

    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
