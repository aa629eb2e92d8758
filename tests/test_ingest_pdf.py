"""PDF reports: the text layer in reading order, lines rejoined into paragraphs, running
headers, footers and page numbers dropped, scans named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.ingest import read_article, read_articles
from graph.ingest.pdf import _Line, _mend, parse_pdf, pdf_text

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
PLAIN = (DOCS / "cable.txt").read_text(encoding="utf-8").strip()


def pdf(pages: list[list[tuple[float, float, str, float]]], **meta) -> bytes:
    """A PDF of A4 pages, each a list of (x, y, text, size) strings."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    if meta.get("title"):
        c.setTitle(meta["title"])
    for lines in pages:
        for x, y, text, size in lines:
            c.setFont("Times-Roman", size)
            c.drawString(x, y, text)
        if not lines:
            c.rect(100, 100, 300, 400, fill=1)  # a page with only a picture
        c.showPage()
    c.save()
    return buf.getvalue()


def test_the_report_gives_the_article_text_exactly():
    assert read_article(DOCS / "cable.pdf").text == PLAIN


def test_running_header_and_page_numbers_are_dropped():
    text = read_article(DOCS / "cable.pdf").text
    assert "Baltic Wire Digest" not in text and "Page 1 of 2" not in text and "Page 2" not in text


def test_hyphenated_words_are_mended_and_wrapped_lines_joined():
    text = read_article(DOCS / "cable.pdf").text
    for word in ("reporters", "spokesman", "undersea infrastructure"):
        assert word in text
    assert "re-" not in text and "spokes-" not in text and "\nporters" not in text


def test_the_report_gives_its_metadata():
    a = read_article(DOCS / "cable.pdf")
    assert (a.title, a.date, a.author, a.format) == (
        "Estonia accuses Russia of cutting Baltic data cable",
        "2025-03-14",
        "Baltic Wire Digest",
        "pdf",
    )


def test_a_paragraph_running_over_a_page_break_is_one_paragraph():
    text = read_article(DOCS / "cable.pdf").text
    assert "attacks on undersea infrastructure would be met with a firm response" in text


def test_a_pdf_without_a_text_layer_is_named_as_a_scan(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf([[], []]))
    corpus = read_articles([path])
    assert [str(p) for p in corpus.problems] == [f"{path}: no text layer (scanned?)"]
    with pytest.raises(InputError, match=r"scan.pdf: no text layer \(scanned\?\)"):
        parse_pdf(path.read_bytes(), str(path))


def test_a_damaged_pdf_is_a_named_problem(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage")
    corpus = read_articles([path])
    assert corpus.articles == []
    assert len(corpus.problems) == 1 and corpus.problems[0].path == str(path)


def test_an_encrypted_pdf_needs_a_password(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([[(72, 700, "Secret brief.", 12)]]))))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buf.getvalue())
    assert [p.reason for p in read_articles([path]).problems] == [
        "encrypted PDF (needs a password)"
    ]


def test_a_bare_page_number_and_a_one_page_footer_are_dropped():
    data = pdf([[(72, 800, "Estonia summoned the Russian envoy.", 12), (290, 30, "7", 9)]])
    assert parse_pdf(data).text == "Estonia summoned the Russian envoy."


def test_lines_without_extra_spacing_break_paragraphs_at_short_sentence_ends():
    lines = [
        (72, 700 - 14 * i, t, 12)
        for i, t in enumerate(
            [
                "Estonia accused Russia on Friday of damaging a cable in the",
                "Gulf of Finland, officials in Tallinn said.",
                "The Kremlin denied it and asked for evidence, a spokesman for",
                "the Russian government told reporters in Moscow on Saturday.",
            ]
        )
    ]
    text = parse_pdf(pdf([lines])).text
    assert text.split("\n\n") == [
        (
            "Estonia accused Russia on Friday of damaging a cable in the Gulf of Finland, "
            "officials in Tallinn said."
        ),
        (
            "The Kremlin denied it and asked for evidence, a spokesman for the Russian "
            "government told reporters in Moscow on Saturday."
        ),
    ]


def test_the_title_is_the_largest_line_when_the_pdf_names_none():
    data = pdf(
        [[(72, 780, "Cable cut in the Baltic", 20), (72, 740, "Estonia blamed Russia.", 11)]]
    )
    assert parse_pdf(data).title == "Cable cut in the Baltic"


@pytest.mark.parametrize(
    ("prev", "nxt", "joined"),
    [
        ("told re-", "porters", "told reporters"),
        ("a Russian-", "backed group", "a Russian-backed group"),
        ("its self-", "defence", "its self-defence"),
        ("the pro-", "Kremlin press", "the pro-Kremlin press"),
        ("the line", "this winter", "the line this winter"),
    ],
)
def test_line_ends_are_mended(prev, nxt, joined):
    assert _mend(prev, nxt, {"russian", "told"}) == joined


def test_a_hyphenated_word_seen_elsewhere_keeps_its_hyphen():
    assert _mend("a well-", "known fact", {"well-known"}) == "a well-known fact"
    assert _mend("the cease-", "fire held", {"ceasefire"}) == "the ceasefire held"


def test_running_headers_repeat_but_body_lines_do_not():
    page = [_Line("Weekly brief 12", 72, 810, 8), _Line("Estonia blamed Russia.", 72, 700, 12)]
    page2 = [_Line("Weekly brief 13", 72, 810, 8), _Line("Finland agreed.", 72, 700, 12)]
    text = pdf_text([(page, 0, 842), (page2, 0, 842)])
    assert "Weekly brief" not in text
    assert "Estonia blamed Russia." in text and "Finland agreed." in text
