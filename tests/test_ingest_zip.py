"""Zip archives: every document inside is read as if it were a file, named ARCHIVE!MEMBER."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from graph.ingest import read_articles
from graph.ingest.archive import MAX_DEPTH

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
PLAIN = (DOCS / "cable.txt").read_text(encoding="utf-8").strip()
GOOD = "Poland accused Russia of sabotage.\n"


def zipped(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_the_documents_in_the_archive_are_read():
    path = DOCS / "cable.zip"
    corpus = read_articles([path])
    paths = [a.path for a in corpus.articles]
    assert paths == [
        f"{path}!bundle/cable.html",
        f"{path}!bundle/cable.pdf",
        f"{path}!bundle/cable.jsonl#1",
        f"{path}!bundle/cable.jsonl#2",
    ]
    assert corpus.articles[0].text == PLAIN and corpus.articles[0].outlet == "The Baltic Ledger"
    assert [str(p) for p in corpus.problems] == [
        f"{path}!bundle/cable.jsonl: line 3: no text (column 'body' is empty)"
    ]


def test_members_of_unknown_type_are_named_and_folders_and_hidden_files_passed_over(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(
        zipped(
            {
                "docs/": b"",
                "docs/a.txt": GOOD,
                "docs/photo.jpg": b"\xff\xd8",
                "__MACOSX/docs/._a.txt": b"\x00",
                "docs/.DS_Store": b"\x00",
            }
        )
    )
    corpus = read_articles([path])
    assert [a.path for a in corpus.articles] == [f"{path}!docs/a.txt"]
    assert [str(p) for p in corpus.problems] == [
        f"{path}!docs/photo.jpg: unknown extension (.jpg), skipped"
    ]


def test_a_zip_inside_a_zip_is_read(tmp_path):
    path = tmp_path / "outer.zip"
    path.write_bytes(zipped({"inner.zip": zipped({"a.txt": GOOD})}))
    assert [a.path for a in read_articles([path]).articles] == [f"{path}!inner.zip!a.txt"]


def test_nesting_is_bounded(tmp_path):
    data = zipped({"a.txt": GOOD})
    for n in range(MAX_DEPTH):
        data = zipped({f"level{n}.zip": data})
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    corpus = read_articles([path])
    assert corpus.articles == []
    assert [p.reason for p in corpus.problems] == [
        f"zip archives nested more than {MAX_DEPTH} deep"
    ]


def test_a_broken_member_is_named_and_the_others_read(tmp_path):
    path = tmp_path / "mixed.zip"
    path.write_bytes(zipped({"a.txt": GOOD, "b.pdf": b"%PDF-1.4 nothing here", "c.txt": b""}))
    corpus = read_articles([path])
    assert [a.path for a in corpus.articles] == [f"{path}!a.txt"]
    reasons = {p.path: p.reason for p in corpus.problems}
    assert set(reasons) == {f"{path}!b.pdf", f"{path}!c.txt"}
    assert reasons[f"{path}!c.txt"] == "empty file"


def test_an_empty_or_damaged_archive_is_named(tmp_path):
    empty = tmp_path / "empty.zip"
    empty.write_bytes(zipped({}))
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    reasons = {Path(p.path).name: p.reason for p in read_articles([empty, damaged]).problems}
    assert reasons["empty.zip"] == "no documents in the archive"
    assert reasons["damaged.zip"].startswith("damaged zip archive")
