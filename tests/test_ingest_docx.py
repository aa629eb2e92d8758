"""Word documents: the body's paragraphs in order, the title from the properties or the
first heading, page headers and footers left out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from graph.errors import InputError
from graph.ingest import read_article, read_articles
from graph.ingest.docx import parse_docx

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
PLAIN = (DOCS / "cable.txt").read_text(encoding="utf-8").strip()


def saved(d: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_the_document_gives_the_article_text_exactly():
    assert read_article(DOCS / "cable.docx").text == PLAIN


def test_the_document_gives_its_properties():
    a = read_article(DOCS / "cable.docx")
    assert (a.title, a.author, a.date, a.format) == (
        "Estonia accuses Russia of cutting Baltic data cable",
        "Mart Kivi",
        "2025-03-14",
        "docx",
    )
    assert a.url == "https://ledger.example/world/2025/03/14/estonia-russia-cable"


def test_page_headers_and_footers_are_left_out():
    text = read_article(DOCS / "cable.docx").text
    assert "internal circulation" not in text and "confidential" not in text


def test_the_first_heading_is_the_title_when_the_properties_name_none():
    d = docx.Document()
    d.core_properties.title = ""
    d.add_paragraph("Filed by the Riga desk")
    d.add_heading("Latvia closes a border crossing", level=2)
    d.add_paragraph("Latvia closed a crossing with Belarus on Monday.")
    a = parse_docx(saved(d))
    assert a.title == "Latvia closes a border crossing"
    assert a.text.startswith("Latvia closes a border crossing\n\nFiled by the Riga desk\n\n")


def test_tables_are_read_row_by_row():
    d = docx.Document()
    d.add_paragraph("Statements on the cable:")
    table = d.add_table(rows=2, cols=2)
    for r, (who, what) in enumerate([("Estonia", "accuses Russia"), ("Kremlin", "denies it")]):
        table.cell(r, 0).text, table.cell(r, 1).text = who, what
    d.add_paragraph("More to follow.")
    assert parse_docx(saved(d)).text.split("\n\n") == [
        "Statements on the cable:",
        "Estonia | accuses Russia",
        "Kremlin | denies it",
        "More to follow.",
    ]


def test_an_empty_document_is_a_named_problem(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(saved(docx.Document()))
    assert [str(p) for p in read_articles([path]).problems] == [f"{path}: no text in the document"]


def test_a_zip_that_is_not_a_word_document_is_named(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "not a document")
    path = tmp_path / "fake.docx"
    path.write_bytes(buf.getvalue())
    (reason,) = [p.reason for p in read_articles([path]).problems]
    assert reason.startswith("not a Word document")
    with pytest.raises(InputError, match="fake.docx: not a Word document"):
        parse_docx(path.read_bytes(), str(path))


def test_a_docx_named_without_its_suffix_is_recognised(tmp_path):
    path = tmp_path / "attachment"
    path.write_bytes((DOCS / "cable.docx").read_bytes())
    assert read_article(path).format == "docx"
