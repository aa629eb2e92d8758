"""Shared fixtures: the spaCy pipeline and the seed graph are built once per run."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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


@contextlib.contextmanager
def streamlit_server(tmp: Path, env: dict[str, str]):
    """``streamlit run app.py`` on a free localhost port with ``env``; yields its URL and
    stops it afterwards. Fails the test with the server's log if it does not start."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = tmp / "streamlit.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
             "--server.headless", "true", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("streamlit did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def staged(vocab, nlp):
    """Parse a small invented text and run the extraction stages up to ``through``:
    ``staged("Chile accused Peru.", through="mentions")`` -> the ArticleState."""
    from graph.extract import article_state, prepare_text

    def run(text: str, through: str | None = None):
        doc = nlp(prepare_text(text, vocab))
        return article_state(doc, "t.txt", vocab, text=text, through=through)

    return run
