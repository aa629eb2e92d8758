"""Documents per second per format, and ingestion's share of build time.

The synthetic articles of ``bench/make_corpus.py`` (about 700 words each) are written in
every format Relate reads: plain text, a saved web page (inside site navigation, a
related-stories rail, comments and scripts), a two- or three-page PDF report with a
running header and page numbers, a Word file, one RSS feed and one JSON Lines and one
CSV table holding all of them, and a zip of the web pages. Each format is then read with
:func:`graph.ingest.read_articles`, in this process, ``--repeat`` times (the best run
counts). Last, the plain-text articles are built without a cache (``build_graph``, one
worker, the model already loaded) to compare reading with the rest of a build.

Usage::

    .venv/bin/python bench/bench_ingest.py            # 60 articles
    .venv/bin/python bench/bench_ingest.py --n 200 --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | Example Post</title>
<meta property="og:site_name" content="Example Post">
<meta property="article:published_time" content="2025-03-14T09:30:00Z">
<link rel="canonical" href="https://post.example/{n}"><script>var x = {n};</script>
<link rel="stylesheet" href="https://cdn.post.example/site.css"></head><body>
<nav><ul><li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<div class="cookie">We use cookies to improve your experience.</div>
<main><article><h1>{title}</h1><div class="byline">By Desk Reporter</div>{body}</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Another accusation over a border
incident</a></li><li><a href="/b">Ministers meet over the fishing dispute</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><p>First!</p><p>Who is really behind this?</p></section>
</main><footer>&copy; 2025 Example Post. All rights reserved.</footer></body></html>"""


def _paragraphs(text: str) -> tuple[str, list[str]]:
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return parts[0], parts[1:]


def write_pdf(path: Path, title: str, paras: list[str]) -> None:
    """An A4 report: a running header and a page number on every page, wrapped lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(title)

    def header(page: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(72, 810, "Example Wire - Daily digest")
        c.drawRightString(523, 30, f"Page {page}")

    page, y = 1, 760
    header(page)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(72, y, title[:80])
    y -= 30
    for para in paras:
        for line in simpleSplit(para, "Times-Roman", 11, 451):
            if y < 60:
                c.showPage()
                page, y = page + 1, 780
                header(page)
            c.setFont("Times-Roman", 11)
            c.drawString(72, y, line)
            y -= 14
        y -= 8
    c.showPage()
    c.save()


def write_formats(articles: list[tuple[str, str]], root: Path) -> dict[str, list[Path]]:
    """Every article in every format: format -> the files to read."""
    import docx

    out: dict[str, list[Path]] = {}
    for fmt in ("text", "html", "pdf", "docx"):
        (root / fmt).mkdir(parents=True)
        out[fmt] = []
    rows = []
    items = []
    for n, (name, text) in enumerate(articles):
        stem = Path(name).stem
        title, paras = _paragraphs(text)
        path = root / "text" / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        out["text"].append(path)
        body = "".join(f"<p>{escape(p)}</p>" for p in paras)
        path = root / "html" / f"{stem}.html"
        path.write_text(PAGE.format(title=escape(title), body=body, n=n), encoding="utf-8")
        out["html"].append(path)
        path = root / "pdf" / f"{stem}.pdf"
        write_pdf(path, title, paras)
        out["pdf"].append(path)
        d = docx.Document()
        d.core_properties.title = title
        for para in paras:
            d.add_paragraph(para)
        path = root / "docx" / f"{stem}.docx"
        d.save(str(path))
        out["docx"].append(path)
        rows.append(
            {
                "title": title,
                "text": "\n\n".join(paras),
                "date": "2025-03-14",
                "source": "Example Post",
                "url": f"https://post.example/{n}",
            }
        )
        items.append(
            f"<item><title>{escape(title)}</title><link>https://post.example/{n}</link>"
            f"<pubDate>Fri, 14 Mar 2025 07:30:00 GMT</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    feed = root / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Post</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    table = root / "corpus.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet = root / "corpus.csv"
    sheet.write_text(buf.getvalue(), encoding="utf-8")
    archive = root / "pages.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in out["html"]:
            z.write(path, f"pages/{path.name}")
    out.update(feed=[feed], jsonl=[table], csv=[sheet], zip=[archive])
    return out


def time_read(paths: list[Path], repeat: int) -> tuple[float, int, int]:
    """Best seconds to read the paths, the articles read and the problems."""
    from graph.ingest import read_articles

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        corpus = read_articles(paths)
        best = min(best, time.perf_counter() - start)
    return best, len(corpus.articles), len(corpus.problems)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=60, help="articles per format (default 60)")
    p.add_argument("--repeat", type=int, default=2, help="runs per format; the best counts")
    p.add_argument("--no-build", action="store_true", help="skip the build comparison")
    args = p.parse_args(argv)
    articles = make_corpus(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_formats(articles, Path(tmp))
        from graph.ingest import read_articles

        read_articles(files["html"][:1] + files["pdf"][:1] + files["docx"][:1])  # imports, once
        print(
            f"{args.n} synthetic articles of about 700 words, each format read "
            f"{args.repeat} time(s), best run:"
        )
        per_doc: dict[str, float] = {}
        for fmt, paths in files.items():
            seconds, n_read, n_problems = time_read(paths, args.repeat)
            per_doc[fmt] = seconds / max(n_read, 1)
            print(
                f"  {fmt:6s} {n_read:5d} documents in {seconds:6.2f} s = "
                f"{n_read / seconds:8.1f} docs/s ({1000 * per_doc[fmt]:6.1f} ms each)"
                f"{f', {n_problems} problems' if n_problems else ''}"
            )
        if args.no_build:
            return 0
        from graph.build import build_graph
        from graph.nlp import make_nlp
        from graph.vocab import load_vocab

        vocab = load_vocab()
        nlp = make_nlp(vocab)
        text_articles = read_articles(files["text"]).articles
        build_graph(text_articles[:2], vocab=vocab, nlp=nlp, n_process=1)  # warm up
        start = time.perf_counter()
        build_graph(text_articles, vocab=vocab, nlp=nlp, n_process=1)
        build = (time.perf_counter() - start) / len(text_articles)
        print(
            f"build (parse, extract, assemble; no cache, 1 worker): {1000 * build:.1f} ms per article"
        )
        for fmt, seconds in per_doc.items():
            share = seconds / (seconds + build)
            print(f"  reading {fmt:6s} is {100 * share:5.1f}% of reading + building one article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
