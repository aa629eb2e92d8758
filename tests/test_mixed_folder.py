"""A real folder is mixed: good articles, an empty file, a binary one, a legacy-encoded
one and a long text. The build names every file it skips, exits 0 and keeps the rest.

The long text is a few pages here with the parser's piece size lowered, so it takes
the piece-by-piece path; the multi-megabyte case is ``bench/bench_long.py --mixed``.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import CORPUS, long_text

from graph import memory
from graph.cli import main

PIECE = 1_500
LEGACY = (
    "Poland accused Russia of sabotage at a caf\u00e9 near the border, officials "
    "said \u2013 \u201cagain\u201d.\n"
)


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    """A working folder without data/curation.yaml, so no curation is applied."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def mixed(workdir, nlp, monkeypatch):
    """The mixed folder, and pieces of at most ``PIECE`` characters."""
    monkeypatch.setattr(nlp, "max_length", PIECE)
    folder = workdir / "inbox"
    folder.mkdir()
    for name, text in CORPUS[:2]:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 200)
    (folder / "legacy.txt").write_bytes(("Caf\u00e9 dispatch\n\n" + LEGACY).encode("cp1252"))
    (folder / "log.txt").write_text(long_text(), encoding="utf-8")
    return folder


def _build(folder, out, *extra: str) -> list[str]:
    return ["build", str(folder), "--out", str(out), "--no-cache", *extra]


def _documents(out) -> set[str]:
    data = json.loads(out.read_text(encoding="utf-8"))
    return {d for e in data["edges"] for d in e["documents"]}


def test_a_mixed_folder_builds_and_names_every_skipped_file(mixed, workdir, capsys):
    out = workdir / "graph.json"
    assert main(_build(mixed, out)) == 0
    err = capsys.readouterr().err.splitlines()
    skipped = sorted(line for line in err if line.startswith("skipped "))
    assert skipped == [
        f"skipped {mixed / 'binary.txt'}: binary file (contains NUL bytes)",
        f"skipped {mixed / 'empty.txt'}: empty file",
    ]
    assert re.match(r"4 articles read, 2 skipped; \d+ nodes", err[-1])
    docs = {d.rsplit("-", 1)[0] for d in _documents(out)}
    assert docs == {"depot-fire", "rail-line", "legacy", "log"}
    data = json.loads(out.read_text(encoding="utf-8"))
    text = (mixed / "log.txt").read_text(encoding="utf-8")
    quotes = [
        ev for e in data["edges"] for ev in e["evidence"] if ev["document"].startswith("log-")
    ]
    assert max(ev["start"] for ev in quotes) > 3 * PIECE  # the long text's later pieces count
    assert all(text[ev["start"] : ev["end"]] == ev["sentence"] for ev in quotes)
    legacy = [
        ev for e in data["edges"] for ev in e["evidence"] if ev["document"].startswith("legacy-")
    ]
    assert legacy and "caf\u00e9" in legacy[0]["sentence"]


def test_a_long_text_over_max_bytes_is_skipped_by_name(mixed, workdir, capsys):
    out = workdir / "graph.json"
    assert main(_build(mixed, out, "--max-bytes", "5000")) == 0
    err = capsys.readouterr().err
    assert f"skipped {mixed / 'log.txt'}: too large (" in err
    assert {d.rsplit("-", 1)[0] for d in _documents(out)} == {"depot-fire", "rail-line", "legacy"}


def test_a_long_text_over_the_memory_budget_is_skipped_by_name(mixed, workdir, capsys):
    out = workdir / "graph.json"
    budget = memory.tree_rss() + 150_000_000  # room for short articles, not for a piece
    assert main(_build(mixed, out, "--max-memory", str(budget))) == 0
    err = capsys.readouterr().err
    line = next(ln for ln in err.splitlines() if "log.txt" in ln)
    assert line.startswith(f"skipped {mixed / 'log.txt'}: not processed: the build holds about ")
    assert line.endswith("(--max-memory)")
    assert "3 articles read, 3 skipped" in err
    assert {d.rsplit("-", 1)[0] for d in _documents(out)} == {"depot-fire", "rail-line", "legacy"}


def test_a_build_over_the_memory_budget_stops_with_one_line(mixed, workdir, capsys):
    out = workdir / "graph.json"
    assert main(_build(mixed, out, "--max-memory", "1M")) == 1
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if not ln.startswith("skipped ")]
    assert len(lines) == 1 and lines[0].startswith("Error: stopped after ")
    assert "over the memory budget of 1 MB (--max-memory)" in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("value", ["lots", "0", "2X"])
def test_a_bad_memory_budget_is_one_error_line(mixed, workdir, capsys, value):
    assert main(_build(mixed, workdir / "graph.json", "--max-memory", value)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Error: --max-memory: ")
