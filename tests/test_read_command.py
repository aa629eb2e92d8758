"""``python -m graph read``: each document's metadata and the exact text analysed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "fixtures" / "documents"
PLAIN = (DOCS / "cable.txt").read_text(encoding="utf-8").strip()


def test_json_lines_give_path_metadata_and_text(capsys):
    assert main(["read", "--json", str(DOCS / "cable.html"), str(DOCS / "cable.pdf")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in rows] == [str(DOCS / "cable.html"), str(DOCS / "cable.pdf")]
    page, report = rows
    assert {k: page[k] for k in ("title", "date", "outlet", "url")} == {
        "title": "Estonia accuses Russia of cutting Baltic data cable",
        "date": "2025-03-14",
        "outlet": "The Baltic Ledger",
        "url": "https://ledger.example/world/2025/03/14/estonia-russia-cable",
    }
    assert page["text"] == report["text"] == PLAIN
    assert report["outlet"] is None and report["format"] == "pdf"


def test_plain_output_shows_the_metadata_then_the_text(capsys):
    assert main(["read", str(DOCS / "cable.html")]) == 0
    out = capsys.readouterr().out
    head, text = out.split("\n\n", 1)
    assert head.splitlines()[0] == f"== {DOCS / 'cable.html'}"
    assert "outlet: The Baltic Ledger" in head and "date:   2025-03-14" in head
    assert text.rstrip("\n") == PLAIN


def test_skipped_parts_are_named_on_stderr(capsys):
    assert main(["read", "--json", str(DOCS / "cable.jsonl")]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert captured.err.splitlines() == [
        f"skipped {DOCS / 'cable.jsonl'}: line 3: no text (column 'body' is empty)"
    ]


def test_named_columns_and_nothing_to_read(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("words,paper\nEstonia summoned the envoy.,Example Post\n")
    assert main(["read", "--json", "--columns", "text=words,outlet=paper", str(path)]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["text"], row["outlet"]) == ("Estonia summoned the envoy.", "Example Post")
    assert main(["read", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"Error: no document could be read from {path}"
    assert main(["read", "--columns", "colour=red", str(path)]) == 1
    assert "unknown field 'colour'" in capsys.readouterr().err


def test_read_runs_as_a_program():
    out = subprocess.run(
        [sys.executable, "-m", "graph", "read", "--json", str(DOCS / "cable.docx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert json.loads(out)["text"] == PLAIN
