"""Hostile documents stay harmless: nothing is fetched, no entity is expanded, no script
runs, archives and PDF streams are bounded, and each refused file is named while the
rest is read."""

from __future__ import annotations

import io
import socket
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from graph.ingest import ReadOptions, parse_document, read_articles
from graph.ingest.archive import MAX_MEMBERS, MAX_RATIO

GOOD = "Poland accused Russia of sabotage.\n"
SECRET = "TOP-SECRET-MARKER-42"


@pytest.fixture()
def no_network(monkeypatch):
    """Every attempt to open a connection or resolve a name is recorded and refused."""
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise OSError("network use in a test of hostile documents")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture()
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def zipped(members: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ------------------------------------------------------------------ pages
def test_a_page_loads_nothing_it_references_and_runs_no_script(tmp_path, no_network, secret_file):
    page = f"""<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret_file}">]>
<html><head><link rel="stylesheet" href="https://evil.example/s.css">
<script src="https://evil.example/x.js"></script>
<script>document.write("Hungary accuses Serbia"); fetch("https://evil.example/p");</script>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<base href="https://evil.example/"></head>
<body onload="alert(1)"><iframe src="https://evil.example/frame"></iframe>
<article><h1>Envoy summoned</h1><p>Estonia summoned the Russian envoy on Friday over the
damaged cable, the foreign ministry in Tallinn said in a short statement.</p>
<p>&xxe;</p><img src="https://evil.example/pixel.gif" onerror="alert(2)">
<object data="https://evil.example/o.swf"></object></article></body></html>"""
    path = write(tmp_path / "page.html", page)
    [article] = read_articles([path]).articles
    assert "Estonia summoned the Russian envoy" in article.text
    assert SECRET not in article.text and "Hungary" not in article.text
    assert no_network == []


# ------------------------------------------------------------------ feeds
def test_a_feed_expands_no_external_entity(tmp_path, no_network, secret_file):
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret_file}">
<!ENTITY remote SYSTEM "https://evil.example/dtd">]>
<rss version="2.0"><channel><title>Desk</title><item><title>Envoy</title>
<description>Estonia summoned the envoy. &xxe; &remote;</description></item></channel></rss>"""
    corpus = read_articles([write(tmp_path / "f.rss", feed)])
    assert SECRET not in " ".join(a.text for a in corpus.articles)
    assert no_network == []


def test_a_feed_entity_bomb_is_not_expanded(tmp_path):
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
        '<rss version="2.0"><channel><title>Desk</title><item><title>Envoy</title>'
        "<description>Estonia summoned the envoy. &lol9;</description></item></channel></rss>"
    )
    start = time.monotonic()
    corpus = read_articles([write(tmp_path / "bomb.rss", feed)])
    assert time.monotonic() - start < 10
    assert all(len(a.text) < 10_000 for a in corpus.articles)


# ------------------------------------------------------------------ Word files
def test_a_word_file_resolves_no_external_entity(tmp_path, no_network, secret_file):
    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                head, rest = xml.split("?>", 1)
                xml = (
                    f'{head}?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
                    + rest.replace("PLACEHOLDER", "Estonia summoned the envoy. &amp; &xxe;")
                )
                data = xml.encode("utf-8")
            z.writestr(info, data)
    corpus = read_articles([write(tmp_path / "x.docx", out.getvalue())])
    assert SECRET not in " ".join(a.text for a in corpus.articles)
    assert no_network == []


def test_a_word_file_that_is_a_zip_bomb_is_refused(tmp_path):
    path = write(tmp_path / "bomb.docx", zipped({"word/document.xml": b"<" * 60_000_000}))
    (reason,) = [p.reason for p in read_articles([path], max_bytes=100_000_000).problems]
    assert f"compression ratio over {MAX_RATIO}" in reason


# ------------------------------------------------------------------ archives
def test_a_zip_bomb_member_is_refused_without_being_inflated(tmp_path):
    path = write(tmp_path / "bomb.zip", zipped({"a.txt": GOOD, "big.txt": b"\0" * 80_000_000}))
    start = time.monotonic()
    corpus = read_articles([path], max_bytes=100_000_000)
    assert time.monotonic() - start < 5
    assert corpus.articles == []
    assert [p.reason for p in corpus.problems] == [
        f"zip archive member big.txt: compression ratio over {MAX_RATIO} (zip bomb?)"
    ]


def test_a_member_over_the_size_limit_refuses_the_archive(tmp_path):
    path = write(tmp_path / "big.zip", zipped({"a.txt": GOOD, "b.txt": "x" * 5000}))
    (reason,) = [p.reason for p in read_articles([path], max_bytes=1000).problems]
    assert reason.startswith("zip archive member b.txt: too large (5000 bytes, the limit is 1000")


def test_an_archive_of_too_many_members_is_refused(tmp_path):
    path = write(
        tmp_path / "many.zip",
        zipped({f"{i}.txt": "x" for i in range(MAX_MEMBERS + 1)}, zipfile.ZIP_STORED),
    )
    (reason,) = [p.reason for p in read_articles([path]).problems]
    assert reason.startswith("zip archive has too many members")


def test_a_member_that_lies_about_its_size_is_cut_off(tmp_path):
    data = bytearray(zipped({"a.txt": "Estonia summoned the envoy. " * 2000}))
    # shrink the declared size in the central directory: the reader must not trust the rest
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    path = write(tmp_path / "liar.zip", bytes(data))
    corpus = read_articles([path])
    assert corpus.articles == []
    assert [str(p) for p in corpus.problems] == [f"{path}!a.txt: damaged member (BadZipFile)"]


def test_members_leading_outside_the_archive_and_links_are_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ok.txt", GOOD)
        z.writestr("../../etc/evil.txt", GOOD)
        z.writestr("/abs/evil.txt", GOOD)
        z.writestr("C:/win/evil.txt", GOOD)
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = 0o120777 << 16
        z.writestr(link, "/etc/passwd")
    path = write(tmp_path / "paths.zip", buf.getvalue())
    corpus = read_articles([path])
    assert [a.path for a in corpus.articles] == [f"{path}!ok.txt"]
    assert sorted(p.reason for p in corpus.problems) == [
        "path outside the archive, skipped",
        "path outside the archive, skipped",
        "path outside the archive, skipped",
        "symbolic link in the archive, skipped",
    ]
    assert not (tmp_path.parent / "etc").exists()


# ------------------------------------------------------------------ PDFs
def _pdf_with_stream(stream: bytes, *, flate: bool) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (Flate-compressed when asked)."""
    body = zlib.compress(stream, 9) if flate else stream
    filt = b"/Filter /FlateDecode " if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< "
        + filt
        + b"/Length "
        + str(len(body)).encode()
        + b" >>\nstream\n"
        + body
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def test_a_hand_written_pdf_is_read():
    data = _pdf_with_stream(
        b"BT /F1 12 Tf 72 700 Td (Estonia summoned the envoy.) Tj ET", flate=True
    )
    assert [a.text for a in parse_document(data, "h.pdf").articles] == [
        "Estonia summoned the envoy."
    ]


def test_a_pdf_stream_bomb_is_bounded(tmp_path):
    bomb = b"BT /F1 12 Tf 72 700 Td (Estonia summoned the envoy.) Tj ET\n" + b" " * 100_000_000
    path = write(tmp_path / "bomb.pdf", _pdf_with_stream(bomb, flate=True))
    start = time.monotonic()
    corpus = read_articles([path])
    assert time.monotonic() - start < 30
    assert corpus.articles == []
    (problem,) = corpus.problems
    assert problem.path == str(path) and problem.reason.startswith("cannot read pdf")


def test_a_pdf_with_actions_and_links_fetches_and_runs_nothing(tmp_path, no_network):
    data = _pdf_with_stream(
        b"BT /F1 12 Tf 72 700 Td (Estonia summoned the envoy.) Tj ET", flate=False
    )
    data = data.replace(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript "
        b"/JS (app.launchURL\\('https://evil.example'\\)) >> "
        b"/URI << /Base (https://evil.example/) >> >>",
    )
    corpus = read_articles([write(tmp_path / "js.pdf", data)])
    assert [a.text for a in corpus.articles] == ["Estonia summoned the envoy."]
    assert no_network == []


# ------------------------------------------------------------------ all together
def test_every_refused_document_is_named_and_the_rest_is_read(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "bomb.zip", zipped({"big.txt": b"\0" * 80_000_000}))
    write(tmp_path / "scan.pdf", _pdf_with_stream(b"0 0 m 100 100 l S", flate=False))
    write(tmp_path / "broken.pdf", b"%PDF-1.7\nnot really")
    write(tmp_path / "empty.html", "<html><body><script>alert(1)</script></body></html>")
    write(tmp_path / "fake.docx", b"PK\x03\x04 this is no archive")
    write(tmp_path / "notes.xml", "<settings/>")
    write(tmp_path / "table.csv", "a,b\n1,2\n")
    write(tmp_path / "rows.jsonl", "[1, 2]\n")
    corpus = read_articles([tmp_path], options=ReadOptions(max_bytes=100_000_000))
    assert [Path(a.path).name for a in corpus.articles] == ["good.txt"]
    named = {Path(p.path).name for p in corpus.problems}
    assert named == {
        "bomb.zip",
        "scan.pdf",
        "broken.pdf",
        "empty.html",
        "fake.docx",
        "notes.xml",
        "table.csv",
        "rows.jsonl",
    }
    assert all(p.reason for p in corpus.problems)
