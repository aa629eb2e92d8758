"""Saved web pages: ``.html``, ``.htm``, ``.xhtml``.

The article body is found by trafilatura, the reference open-source extractor
for this job: navigation, cookie banners, related-story rails, comments, ads
and scripts are left out. The page's metadata gives the title, the publication
date, the outlet (site name, else the host of the page's address) and the
canonical address. A page trafilatura finds no article in (a short note, a
fragment) is read as its visible text.

trafilatura reads the page twice, as it is and favouring precision, and the two
readings are joined (see :func:`_join`): the precise reading leaves out more of
the page's furniture (comment sections, newsletter and error-report boxes, app
promotions) but also, now and then, a lead paragraph, a last paragraph or a
subheading; those are taken back from the first reading when they lie between the
precise reading's paragraphs or are prose next to them. A trailing block of
teasers (short lines that are mostly links, with their kickers and summaries: "More
from ...", a rail of other columns) is left out, and a first line that is the
page's headline becomes the title instead of being read twice.

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

import bisect
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


# the second reading: favouring precision, with links marked (``[text](address)``) to tell
# a list of links from the article's own lines; no metadata (the first reading has it)
_PRECISE_OPTIONS = {
    **_TRAFILATURA_OPTIONS,
    "favor_precision": True,
    "include_links": True,
    "with_metadata": False,
}
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u2026:;\"'\u201d\u2019\u00bb)\]]\s*$")
_WORD = re.compile(r"\w+")
# a teaser: a line of at most this many characters, this share of it a link's text
_TEASER_MAX, _TEASER_LINK_SHARE = 120, 0.4
# a block of teasers at the end of the article holds at least this many
_TEASERS_MIN = 3


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _is_prose(line: str) -> bool:
    """A line that reads as a paragraph of the article: long, ending as a sentence ends."""
    return len(line) >= 80 and _SENTENCE_END.search(line) is not None


def _is_teaser(line: str) -> bool:
    """A short line that is mostly a link (its links marked ``[text](address)``)."""
    plain = _LINK.sub(r"\1", line)
    linked = sum(len(m.group(1)) for m in _LINK.finditer(line))
    return plain != line and len(plain) <= _TEASER_MAX and linked >= _TEASER_LINK_SHARE * len(plain)


def _is_heading(line: str) -> bool:
    return len(line) < 80 and not _SENTENCE_END.search(_LINK.sub(r"\1", line))


def _teasers_start(precise: list[str]) -> int:
    """Where a trailing block of teasers ("More from ...", a rail of other stories) begins.

    The block, read from the end, holds teasers (see :func:`_is_teaser`), the summary line
    right after a teaser, and short headings right before a teaser or before a heading
    that is right before one (a section's name, a story's kicker). With fewer than
    ``_TEASERS_MIN`` teasers there is no block: ``len(precise)``.
    """
    teaser = [_is_teaser(line) for line in precise]
    start, count = len(precise), 0
    for i in range(len(precise) - 1, 0, -1):
        nxt = teaser[i + 1] if i + 1 < len(precise) else False
        kicker = _is_heading(precise[i]) and (
            nxt or (i + 2 < len(precise) and _is_heading(precise[i + 1]) and teaser[i + 2])
        )
        if not (teaser[i] or teaser[i - 1] or kicker):
            break
        start, count = i, count + teaser[i]
    return start if count >= _TEASERS_MIN else len(precise)


def _join(whole: list[str], precise: list[str]) -> list[str]:
    """The article's paragraphs from trafilatura's two readings of the page.

    ``whole`` is the reading as it is, ``precise`` the one favouring precision, whose links
    are marked. A trailing block of teasers is cut from the precise reading first
    (:func:`_teasers_start`). The result runs from the first to the last of ``whole``'s
    paragraphs that the rest of the precise reading holds, with the prose paragraphs right
    before and after that run.
    """
    plain = [_LINK.sub(r"\1", line) for line in precise[: _teasers_start(precise)]]
    places: dict[str, list[int]] = {}
    for at, line in enumerate(whole):
        places.setdefault(line, []).append(at)
    found, start = [], 0
    for line in plain:  # each precise line at its next place in the first reading, in order
        spots = places.get(line, [])
        i = bisect.bisect_left(spots, start)
        if i < len(spots):
            found.append(spots[i])
            start = spots[i] + 1
    if not found:  # the precise reading found nothing, or another text: the first reading
        return whole
    first, last = found[0], found[-1]
    while first > 0 and _is_prose(whole[first - 1]):
        first -= 1
    while last < len(whole) - 1 and _is_prose(whole[last + 1]):
        last += 1
    return whole[first : last + 1]


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _headlines(tree) -> list[str]:
    """The texts of the page's top headings (``<h1>``), before trafilatura changes the tree."""
    return [h.text_content() for h in tree.iter("h1")][:5]


def _headline(
    title: str | None, paragraphs: list[str], headlines: list[str]
) -> tuple[str | None, list[str]]:
    """Lead lines that repeat the headline leave the body; the page's headline is the title.

    A title that starts with one of the page's ``<h1>`` headings and goes on (with the
    site's name or section) is cut to the heading. A first paragraph that is the title,
    the start of the title or one of the headings is the headline read twice: it leaves
    the body, and a heading or the start of the title replaces a title that says more or
    something else. At most two lines go (a section name, then the headline).
    """
    heads = {_words(h) for h in headlines} - {""}
    name = _words(title or "")
    for head in headlines:  # a title that is the page's heading and the site's name or section
        if len(_words(head).split()) >= 3 and name.startswith(_words(head) + " "):
            title = " ".join(head.split())
            break
    for _ in range(2):
        if len(paragraphs) < 2 or _is_prose(paragraphs[0]):
            break
        first, name = _words(paragraphs[0]), _words(title or "")
        if not first:
            break
        if first == name:
            paragraphs = paragraphs[1:]
        elif first in heads or (len(first.split()) >= 3 and name.startswith(first + " ")):
            title, paragraphs = paragraphs[0], paragraphs[1:]
        else:
            break
    return title, paragraphs


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
    headlines = _headlines(tree)
    doc = trafilatura.bare_extraction(tree, **_TRAFILATURA_OPTIONS)
    body = getattr(doc, "text", None) if doc is not None else None
    title = getattr(doc, "title", None) if doc is not None else None
    if body and body.strip():
        precise = trafilatura.bare_extraction(_parse_tree(text), **_PRECISE_OPTIONS)
        paragraphs = _join(_lines(body), _lines(getattr(precise, "text", None) or ""))
        title, paragraphs = _headline(title, paragraphs, headlines)
        body = "\n\n".join(paragraphs)
    if not (body and body.strip()):  # no article found: the page's visible text
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
