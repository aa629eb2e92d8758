"""Saved web pages: ``.html``, ``.htm``, ``.xhtml``.

The article body is found by trafilatura, the reference open-source extractor
for this job: navigation, cookie banners, related-story rails, comments, ads
and scripts are left out. The page's metadata gives the title, the publication
date, the outlet (site name, else the host of the page's address) and the
canonical address. A page trafilatura finds no article in (a short note, a
fragment) is read as its visible text.

Paragraphs are separated by a blank line and the title leads the text, as in a
plain-text article.

Notes
-----
The page is parsed once, here, by lxml's HTML parser with network access off,
comments and processing instructions dropped; trafilatura is given the parsed
tree, never a string that it might take for an address. Nothing a page
references is loaded: no script runs, and no image, stylesheet or frame is
fetched. What cannot be stored: images, links, formatting and tables' layout
(table cells are read as text lines).
"""

from __future__ import annotations

import codecs
import re
from urllib.parse import urlsplit

from .core import Article, _Unusable, make_article

__all__ = ["html_text", "parse_html", "read_html"]

_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "head",
    "form",
    "button",
    "select",
    "nav",
    "aside",
    "footer",
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
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
        "tr",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "hr",
        "address",
        "body",
        "center",
    }
)
_TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "with_metadata": True,
    "deduplicate": False,
    "date_extraction_params": {"extensive_search": True, "original_date": True},
}


def _decode(data: bytes) -> tuple[str, str]:
    """The page's text and encoding: a byte-order mark, the page's charset, UTF-8, cp1252."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace"), codec.removesuffix("-sig")
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for codec in [*candidates, "utf-8", "cp1252"]:
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1"), "latin-1"


def _parse_tree(text: str):
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, default_doctype=False
    )
    text = _XML_DECL.sub("", text, count=1)  # lxml refuses str input with an encoding declaration
    if not text.strip():
        raise _Unusable("no text")
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except (ValueError, lxml_html.etree.ParserError) as exc:  # a document of only tags
        raise _Unusable(f"not an HTML page ({exc})") from None


def html_text(root) -> str:
    """The visible text of a parsed page or fragment: one paragraph per block element.

    Scripts, styles, forms, navigation, side bars and footers are left out.

    >>> from lxml import html
    >>> html_text(html.fromstring("<div><p>One <b>two</b></p><script>x()</script><p>Three</p></div>"))
    'One two\\n\\nThree'
    """
    for bad in root.iter(*_DROP):
        bad.drop_tree() if bad.getparent() is not None else bad.clear()
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in _BLOCKS
        if block or tag.lower() == "br":
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


def _outlet(sitename: str | None, url: str | None, hostname: str | None) -> str | None:
    if sitename and sitename.strip():
        return sitename
    host = hostname or (urlsplit(url).hostname if url else None)
    return host.removeprefix("www.") if host else None


def read_html(data: bytes, name: str) -> Article:
    """Internal twin of :func:`parse_html` raising ``_Unusable`` (for the readers)."""
    import trafilatura

    text, encoding = _decode(data)
    tree = _parse_tree(text)
    doc = trafilatura.bare_extraction(tree, **_TRAFILATURA_OPTIONS)
    body = getattr(doc, "text", None) if doc is not None else None
    title = getattr(doc, "title", None) if doc is not None else None
    if body and body.strip():
        body = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    else:  # no article found: the page's visible text
        body = html_text(_parse_tree(text))
        title = title or _page_title(text)
    if not body.strip():
        raise _Unusable("no text in the page")
    url = getattr(doc, "url", None) if doc is not None else None
    url = url if url and urlsplit(url).scheme in ("http", "https") else None
    return make_article(
        body,
        name,
        title=title,
        date=getattr(doc, "date", None) if doc is not None else None,
        outlet=_outlet(
            getattr(doc, "sitename", None) if doc is not None else None,
            url,
            getattr(doc, "hostname", None) if doc is not None else None,
        ),
        url=url,
        author=getattr(doc, "author", None) if doc is not None else None,
        fmt="html",
        encoding=encoding,
    )


def _page_title(text: str) -> str | None:
    tree = _parse_tree(text)
    found = tree.find(".//title")
    return found.text_content() if found is not None else None


def parse_html(data: bytes | str, name: str = "page.html") -> Article:
    """Make an :class:`Article` from a saved web page.

    Raises
    ------
    InputError
        When the page holds no text; the message names ``name``.

    Examples
    --------
    >>> page = ('<html><head><meta property="og:site_name" content="Example Post">'
    ...         '<title>Poland blames Russia</title></head><body>'
    ...         '<article><h1>Poland blames Russia</h1><p>Poland accused Russia of '
    ...         'sabotage on Friday, officials in Warsaw said.</p></article></body></html>')
    >>> a = parse_html(page)
    >>> a.text, a.outlet
    ('Poland blames Russia\\n\\nPoland accused Russia of sabotage on Friday, officials in Warsaw said.', 'Example Post')
    """
    from ..errors import InputError
    from .core import display_name

    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return read_html(raw, name)
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None
