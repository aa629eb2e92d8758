"""Shared fixtures: the spaCy pipeline and the seed graph are built once per run.

Every test also checks that it left the project's own ``data/curation.yaml`` and
``data/cache/`` alone (:func:`project_data_state`): tests write to ``tmp_path``,
and the app under test gets a temporary curation file and cache.
"""

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


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


def project_data_state(root: Path = ROOT) -> dict[str, tuple[int, int] | str | None]:
    """What the tests must leave alone: ``data/curation.yaml`` (size and time of its
    last write) and ``data/cache/`` (whether it exists, and every file in it)."""
    cache = root / "data" / "cache"
    state: dict[str, tuple[int, int] | str | None] = {
        "data/curation.yaml": _stamp(root / "data" / "curation.yaml"),
        "data/cache": "folder" if cache.is_dir() else None,
    }
    if cache.is_dir():
        for path in sorted(p for p in cache.rglob("*") if p.is_file()):
            state[path.relative_to(root).as_posix()] = _stamp(path)
    return state


def changed_paths(before: dict, after: dict) -> list[str]:
    """The paths whose state differs between two :func:`project_data_state` results."""
    return sorted(k for k in {*before, *after} if before.get(k) != after.get(k))


@pytest.fixture(autouse=True)
def _project_data_untouched(request):
    """Fail the test that wrote into the project's data/curation.yaml or data/cache."""
    before = project_data_state()
    yield
    changed = changed_paths(before, project_data_state())
    if changed:
        pytest.fail(
            f"{request.node.nodeid} wrote into the project's data: {', '.join(changed)}; "
            "give it a temporary --curation and --cache",
            pytrace=False,
        )


def pytest_sessionstart(session):
    session.config._relate_data_state = project_data_state()


def pytest_sessionfinish(session, exitstatus):
    """The whole run, fixtures included, leaves the project's data as it found it."""
    before = getattr(session.config, "_relate_data_state", None)
    if before is None:
        return
    changed = changed_paths(before, project_data_state())
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"ERROR: the test run wrote into the project's data: {', '.join(changed)}", red=True
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
    stops it afterwards. Fails the test with the server's log if it does not start.

    Without ``RELATE_CURATION`` and ``RELATE_CACHE`` in ``env`` the app gets a curation
    file and an extraction cache in ``tmp``, never the project's own."""
    env = {**env}
    env.setdefault("RELATE_CURATION", str(tmp / "curation.yaml"))
    env.setdefault("RELATE_CACHE", str(tmp / "cache" / "extractions.sqlite"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = tmp / "streamlit.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
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


# ------------------------------------------------------------------ the app runs without the cache
@pytest.fixture(scope="session", autouse=True)
def app_without_cache():
    """The app started by tests keeps no extraction cache (``RELATE_NO_CACHE``): the
    data checks above fail any test that writes the project's ``data/``."""
    old = os.environ.get("RELATE_NO_CACHE")
    os.environ["RELATE_NO_CACHE"] = "1"
    yield
    if old is None:
        os.environ.pop("RELATE_NO_CACHE", None)
    else:
        os.environ["RELATE_NO_CACHE"] = old


# ------------------------------------------------------------------ a dated corpus
# Six invented dispatches over six weeks (one undated), from four outlets; China,
# France and Germany are named but take part in no relation.
DATED = {
    "a1.txt": (
        "Warsaw blames Moscow for depot fire",
        "Example Wire",
        "2024-03-04",
        (
            "Poland accused Russia of sabotage after a fire at a fuel depot near Gdansk on "
            "Monday.\n\nThe Kremlin denied any involvement."
        ),
    ),
    "a2.txt": (
        "Vilnius points at Minsk over balloons",
        "Baltic Times",
        "2024-03-12",
        (
            "Lithuania accused Belarus of sending balloons across the border.\n\n"
            "Belarus rejected the accusation."
        ),
    ),
    "a3.txt": (
        "Rail line cut in the east",
        "Northern Herald",
        "2024-03-20",
        (
            "Polish officials said Russia was behind an attack on a rail line in the east."
            "\n\nLithuania pledged support for Poland."
        ),
    ),
    "a4.txt": (
        "Island states sign pact",
        "Example Wire",
        "2024-04-02",
        "Japan and the Philippines signed a defence pact in Manila.\n\nChina criticised the pact.",
    ),
    "a5.txt": (
        "Estonia summons envoy",
        "Daily Sample",
        "2024-04-15",
        (
            "Estonia accused Russia of jamming satellite signals over the Baltic Sea.\n\n"
            "Finland backed Estonia."
        ),
    ),
    "a6.txt": (
        "Undated note on talks",
        "Daily Sample",
        "",
        "France and Germany agreed to coordinate their response.",
    ),
}


@pytest.fixture(scope="session")
def dated_dir(tmp_path_factory) -> Path:
    """A folder of the ``DATED`` articles (``Source:`` and ``Date:`` lines)."""
    folder = tmp_path_factory.mktemp("dated")
    for name, (title, outlet, date, body) in DATED.items():
        when = f"Date: {date}\n" if date else ""
        text = f"{title}\n\nSource: {outlet}\n{when}\n{body}\n"
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ------------------------------------------------------------------ tiny documents
@pytest.fixture(scope="session")
def make_document():
    """Build a tiny web page or PDF: ``make_document("html", title, paragraphs,
    outlet=..., date="2025-04-03", url=..., author=...)`` -> bytes. Values go in
    unescaped, so a test can make a hostile page."""
    import datetime as dt
    import io

    def build(fmt: str, title: str, paragraphs: list[str], **meta: str) -> bytes:
        if fmt == "html":
            tags = {
                "outlet": '<meta property="og:site_name" content="{}">',
                "date": '<meta property="article:published_time" content="{}">',
                "url": '<link rel="canonical" href="{}">',
                "author": '<meta name="author" content="{}">',
            }
            head = [f"<title>{title}</title>"]
            head += [tag.format(meta[k]) for k, tag in tags.items() if meta.get(k)]
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            return (
                f"<!doctype html><html><head>{''.join(head)}</head><body><article>"
                f"<h1>{title}</h1>{body}</article></body></html>"
            ).encode()
        import pypdf
        from pypdf.xmp import XmpInformation
        from reportlab.pdfgen import canvas

        buf = io.BytesIO()
        c = canvas.Canvas(buf, invariant=1)
        c.setTitle(title)
        c.setAuthor(meta.get("author", ""))
        c.setFont("Times-Roman", 11)
        for n, line in enumerate([title, "", *paragraphs]):
            c.drawString(72, 780 - 16 * n, line)
        c.save()
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(buf.getvalue())))
        xmp = XmpInformation.create()
        if meta.get("outlet"):
            xmp.dc_publisher = [meta["outlet"]]
        if meta.get("date"):
            xmp.xmp_create_date = dt.datetime.fromisoformat(meta["date"])
        writer.xmp_metadata = xmp
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    return build
