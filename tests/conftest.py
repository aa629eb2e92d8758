"""Shared fixtures: the spaCy pipeline and the seed graph are built once per run."""

from __future__ import annotations

import contextlib
import os
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


# ------------------------------------------------------------------ a multi-article corpus
# Four invented dispatches from three outlets. One fact (Poland accuses Russia) is stated
# in two of them; every other fact rests on a single article.
CORPUS = [
    (
        "depot-fire.txt",
        (
            "Depot fire blamed on Moscow\n\nSource: Example Wire\n\n"
            "Poland accused Russia of sabotage after a fire at a fuel depot near Gdansk on Monday."
            "\n\nThe Kremlin denied any involvement.\n"
        ),
    ),
    (
        "rail-line.txt",
        (
            "Rail line cut\n\nSource: Northern Herald\n\n"
            "Polish officials said Russia was behind an attack on a rail line in the east.\n\n"
            "Lithuania pledged support for Poland.\n"
        ),
    ),
    (
        "balloons.txt",
        (
            "Balloons over the border\n\nSource: Baltic Times\n\n"
            "Lithuania accused Belarus of sending balloons across the border.\n"
        ),
    ),
    (
        "pact.txt",
        (
            "Island states sign pact\n\nSource: Example Wire\n\n"
            "Japan and the Philippines signed a defence pact in Manila.\n"
        ),
    ),
]
SHARED_FACT = ("state:poland", "state:russia", "accuses")


@pytest.fixture(scope="session")
def corpus_articles():
    """The four articles of ``CORPUS``."""
    from graph.ingest import parse_article

    return [parse_article(text, name) for name, text in CORPUS]


@pytest.fixture(scope="session")
def corpus_graph(corpus_articles, vocab, nlp):
    """The graph of ``CORPUS``: one edge from two articles, the others from one."""
    from graph.build import build_graph

    return build_graph(corpus_articles, vocab=vocab, nlp=nlp, n_process=1)


# ------------------------------------------------------------------ no hidden skips in CI
def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "ci_may_skip(why): the test may skip even under RELATE_NO_SKIP, because another "
        "test covers what it checks where it cannot run (say which in `why`)",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With ``RELATE_NO_SKIP`` set (``.ci/run`` sets it), a skipped test fails, with the
    reason it would have been skipped for, unless it is marked ``ci_may_skip``."""
    outcome = yield
    report = outcome.get_result()
    if (
        report.skipped
        and os.environ.get("RELATE_NO_SKIP")
        and not hasattr(report, "wasxfail")
        and item.get_closest_marker("ci_may_skip") is None
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, but RELATE_NO_SKIP is set: {reason}"


# ------------------------------------------------------------------ long texts
LOG_PARAGRAPHS = [
    "Poland accused Russia of sabotage after a fire at a depot.",
    "Lithuania accused Belarus of sending balloons across the border.",
    "The Kremlin denied any involvement in the fires.",
    "Japan and the Philippines signed a defence pact in Manila.",
    "Officials in Warsaw said the investigation would take weeks.",
]


def long_text(paragraphs: int = 100) -> str:
    """An invented dispatch log: a headline, then numbered paragraphs (100 make about
    6,800 characters; every fifth is Poland accusing Russia)."""
    body = [f"Day {i + 1}. {LOG_PARAGRAPHS[i % len(LOG_PARAGRAPHS)]}" for i in range(paragraphs)]
    return "Border incidents log\n\n" + "\n\n".join(body) + "\n"


# ------------------------------------------------------------------ the project's data/ is not touched
def _project_data_state() -> tuple[bytes | None, frozenset]:
    curation = ROOT / "data" / "curation.yaml"
    cache = ROOT / "data" / "cache"
    files = frozenset(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in cache.glob("*") if p.is_file()
    )
    return (curation.read_bytes() if curation.exists() else None), files


@pytest.fixture(scope="session", autouse=True)
def project_data_untouched():
    """No test may write the project's ``data/curation.yaml`` or ``data/cache``: the app
    runs without the extraction cache in tests (``RELATE_NO_CACHE``), and the session
    fails if either changed."""
    before = _project_data_state()
    old = os.environ.get("RELATE_NO_CACHE")
    os.environ["RELATE_NO_CACHE"] = "1"
    yield
    if old is None:
        os.environ.pop("RELATE_NO_CACHE", None)
    else:
        os.environ["RELATE_NO_CACHE"] = old
    after = _project_data_state()
    if after != before:
        changed = [
            n for n, a, b in zip(("data/curation.yaml", "data/cache"), before, after) if a != b
        ]
        pytest.fail(f"the tests wrote the project's own {' and '.join(changed)}", pytrace=False)
