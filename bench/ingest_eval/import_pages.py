"""Bring saved news pages and their reference bodies into this sample (``html/``, ``ground-truth.json``).

The pages come from two public test sets, read from local copies (nothing is fetched):

* ``--readability DIR``: a ``test/test-pages`` folder of Mozilla Readability (Apache 2.0):
  ``<name>/source.html`` is the saved page, ``<name>/expected.html`` the reviewed article
  Readability gives; the reference body is the visible text of ``expected.html``, one
  paragraph per block (paragraph, heading, list item, caption, table cell), in order.
* ``--newspaper DIR``: the ``tests/data`` folder of newspaper4k (MIT): ``html/<name>.html``
  is the saved page, ``txt/<name>.txt`` the article text the project's tests hold the
  extractor to, one paragraph a line.

Each page is stored in ``html/<id>.html`` as UTF-8, made smaller without removing any visible
text: the bodies of ``<script>``, ``<style>`` and ``<noembed>`` elements (never shown by a
browser), comments, processing instructions, the shapes inside inline ``<svg>`` (their
titles and text are kept), ``on...=`` event attributes and
``data-...`` attributes longer than 200 characters are removed, and whitespace-only runs
between elements are collapsed. The page's declared character set is rewritten to UTF-8.

``PAGES`` below lists the pages taken (every news article page of the two sets whose
reference was checked, see ``README.md``). Each page belongs to one half, fixed by its id
alone before any page was scored (``split``): ``dev`` pages were looked at while changing
``graph/ingest/html.py``; ``held`` pages were only scored.

Usage::

    .venv/bin/python bench/ingest_eval/import_pages.py --readability R/test/test-pages \\
        --newspaper N/tests/data
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from graph.ingest.html import _decode

# id: (set, name in the set, outlet and language)
PAGES: dict[str, tuple[str, str, str]] = {
    # Mozilla Readability test pages
    "ars-1": ("readability", "ars-1", "Ars Technica, English, 2015"),
    "buzzfeed-1": ("readability", "buzzfeed-1", "BuzzFeed News, English, 2015"),
    "heise": ("readability", "heise", "heise online (Mac & i), German, 2015"),
    "herald-sun-1": ("readability", "herald-sun-1", "Herald Sun, English, 2015"),
    "keep-images": ("readability", "keep-images", "Backchannel (Medium), English, 2015"),
    "la-nacion": ("readability", "la-nacion", "LA NACION, Spanish, 2017"),
    "lemonde-1": ("readability", "lemonde-1", "Le Monde, French, 2015"),
    "liberation-1": ("readability", "liberation-1", "Libération, French, 2015"),
    "salon-1": ("readability", "salon-1", "Salon, English, 2014"),
    "tmz-1": ("readability", "tmz-1", "TMZ, English, 2015"),
    "wapo-1": ("readability", "wapo-1", "The Washington Post, English, 2015"),
    "wapo-2": ("readability", "wapo-2", "The Washington Post, English, 2015"),
    "webmd-1": ("readability", "webmd-1", "WebMD News, English, 2015"),
    "webmd-2": ("readability", "webmd-2", "WebMD News, English, 2015"),
    # newspaper4k test pages
    "afpbb": ("newspaper", "japanese_article2", "AFPBB News, Japanese, 2018"),
    "bbc-burmese": ("newspaper", "burmese_article", "BBC News Burmese, Burmese, 2018"),
    "chinadaily": ("newspaper", "chinese_article_001", "China Daily, Chinese, 2023"),
    "cnn-2013": ("newspaper", "cnn_article", "CNN, English, 2013"),
    "cnn-2016": ("newspaper", "cnn_test_nlp", "CNN, English, 2016"),
    "cnn-2023": ("newspaper", "cnn_001", "CNN, English, 2023"),
    "cnn-arabic": ("newspaper", "arabic_article", "CNN Arabic, Arabic, 2013"),
    "fox13now": ("newspaper", "fox13now_001", "FOX 13 (CNN wire), English, 2013"),
    "lsm-lv": ("newspaper", "latvian_article", "LSM.lv, Latvian, 2020"),
    "prachatai": ("newspaper", "thai_article", "Prachatai, Thai, 2019"),
    "sohu": ("newspaper", "chinese_article", "Sohu News, Chinese, 2005"),
    "sott": ("newspaper", "article_with_br", "Sott.net (The Grayzone), English, 2020"),
    "time": ("newspaper", "time_001", "TIME, English, 2023"),
    "ultimahora": ("newspaper", "spanish_article", "Ultima Hora, Spanish, 2013"),
    "wired": ("newspaper", "wired_001", "WIRED, English, 2023"),
    "xinhua": ("newspaper", "chinese_article_002", "Xinhua, Chinese, 2023"),
    "yonhap": ("newspaper", "yna_co_kr", "Yonhap News Agency, English, 2019"),
}


def split(key: str) -> str:
    """The half a page belongs to: the parity of the SHA-1 of its id."""
    return "dev" if int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "held"


_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "hr",
        "address",
        "body",
        "center",
    ]
)
_SVG_TEXT = frozenset({"title", "desc", "text", "tspan", "textpath"})
_CHARSET_META = re.compile(r"charset\s*=\s*[\"']?[^\"'\s;>]+", re.IGNORECASE)


def visible_text(page: str) -> str:
    """The visible text of a page or fragment: one paragraph per block element, in order."""
    root = lxml_html.document_fromstring(page)
    for bad in list(root.iter("script", "style", "noscript", "noembed", "template", "head")):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        block = tag in _BLOCKS
        if block or tag == "br":
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    paragraphs = (" ".join(chunk.split()) for chunk in "".join(parts).split("\n"))
    return "\n\n".join(p for p in paragraphs if p)


def lines_text(text: str) -> str:
    """A text of one paragraph a line, as paragraphs separated by a blank line."""
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _drop_drawing(svg) -> None:
    """Remove the shapes of an inline drawing, keeping its titles and text."""
    for el in reversed(list(svg.iterdescendants())):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag.rpartition("}")[2] not in _SVG_TEXT and len(el) == 0 and not (el.text or "").strip():
            tail, parent = el.tail, el.getparent()
            parent.remove(el)
            if tail and tail.strip():
                prev = parent[-1] if len(parent) else None
                if prev is None:
                    parent.text = (parent.text or "") + tail
                else:
                    prev.tail = (prev.tail or "") + tail


def slim_page(data: bytes) -> str:
    """The page as UTF-8 HTML without script and style bodies, comments, drawings and handlers."""
    text, _ = _decode(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    root = lxml_html.document_fromstring(text, parser=parser)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in ("script", "style", "noembed"):
            el.text = None
            for child in list(el):
                el.remove(child)
        elif tag == "svg":
            _drop_drawing(el)
        for name in list(el.attrib):
            low = name.lower()
            if low.startswith("on") or (low.startswith("data-") and len(el.attrib[name]) > 200):
                del el.attrib[name]
        if tag == "meta":
            if "charset" in el.attrib:
                el.attrib["charset"] = "utf-8"
            content = el.attrib.get("content", "")
            if el.attrib.get("http-equiv", "").lower() == "content-type" and content:
                el.attrib["content"] = _CHARSET_META.sub("charset=utf-8", content)
    keep_space = {"pre", "textarea", "code"}
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or any(
            isinstance(a.tag, str) and a.tag.lower() in keep_space for a in el.iterancestors()
        ):
            continue
        if el.tag.lower() not in keep_space and el.text is not None and not el.text.strip():
            el.text = "\n" if "\n" in el.text else " "
        if el.tail is not None and not el.tail.strip():
            el.tail = "\n" if "\n" in el.tail else " "
    head = root.find("head")
    if head is not None and not any(
        "charset" in m.attrib or m.attrib.get("http-equiv", "").lower() == "content-type"
        for m in head.iter("meta")
    ):
        head.insert(0, etree.Element("meta", charset="utf-8"))
    doctype = root.getroottree().docinfo.doctype
    body = lxml_html.tostring(root, encoding="unicode", method="html")
    return (doctype + "\n" if doctype else "") + body + "\n"


def load(kind: str, name: str, readability: Path | None, newspaper: Path | None):
    """The saved page's bytes, its reference body and where both come from."""
    if kind == "readability":
        if readability is None:
            raise SystemExit("--readability is needed")
        folder = readability / name
        body = visible_text((folder / "expected.html").read_text(encoding="utf-8"))
        where = f"mozilla/readability test/test-pages/{name} (source.html, expected.html)"
        return (folder / "source.html").read_bytes(), body, where
    if newspaper is None:
        raise SystemExit("--newspaper is needed")
    body = lines_text((newspaper / "txt" / f"{name}.txt").read_text(encoding="utf-8"))
    where = f"newspaper4k tests/data (html/{name}.html, txt/{name}.txt)"
    return (newspaper / "html" / f"{name}.html").read_bytes(), body, where


def _url(page: str) -> str | None:
    root = lxml_html.document_fromstring(page)
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [u for u in root.xpath(xpath) if u.startswith("http")]
        if found:
            return found[0]
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--readability", type=Path, help="Readability's test/test-pages folder")
    p.add_argument("--newspaper", type=Path, help="newspaper4k's tests/data folder")
    p.add_argument("--out", type=Path, default=HERE)
    p.add_argument("--only", nargs="*", help="page ids to import (default: all in PAGES)")
    args = p.parse_args(argv)
    truth_path = args.out / "ground-truth.json"
    truth = json.loads(truth_path.read_text(encoding="utf-8")) if truth_path.exists() else {}
    (args.out / "html").mkdir(parents=True, exist_ok=True)
    for key in args.only or PAGES:
        kind, name, outlet = PAGES[key]
        try:
            data, body, where = load(kind, name, args.readability, args.newspaper)
        except FileNotFoundError:  # imported before, from a copy not given now: metadata only
            truth[key].update(outlet=outlet, split=split(key))
            print(f"{key:14s} kept as it is")
            continue
        page = slim_page(data)
        (args.out / "html" / f"{key}.html").write_text(page, encoding="utf-8")
        truth[key] = {
            "articleBody": body,
            "url": _url(page) or truth.get(key, {}).get("url"),
            "source": where,
            "outlet": outlet,
            "split": split(key),
        }
        print(f"{key:14s} {len(data):>9,d} -> {len(page.encode()):>8,d} bytes, body {len(body):,d}")
    truth = dict(sorted(truth.items()))
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
