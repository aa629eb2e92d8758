"""RSS and Atom feed files: ``.rss``, ``.atom``, ``.xml``.

feedparser reads RSS 0.9x, 1.0 and 2.0 and Atom 0.3 and 1.0. Each entry is one
article: its title, its date (published, else updated), its link, its author,
and its text: the full content (``content:encoded``, Atom ``content``) when the
feed carries it, else the summary, as plain text. The outlet is the feed's own
title. An entry without any text is reported by its number.

Notes
-----
The feed is handed to feedparser as bytes, never as a name it could take for
an address, so nothing is fetched; relative links are not resolved against
anything. feedparser removes every entity declaration but plain-character ones
before parsing (no entity expansion, no external entity, no DTD is loaded),
tells its XML parser not to load external entities, and sanitises the entries'
HTML, which is then read as text only.
"""

from __future__ import annotations

import io

from .core import Article, Problem, _Unusable, clean_field, document_stem, make_article

__all__ = ["parse_feed", "read_feed"]


def _author(value: str | None) -> str | None:
    """An RSS ``author`` is an e-mail address with the name in brackets: keep the name."""
    if value and "@" in value:
        import email.utils

        name, address = email.utils.parseaddr(value)
        return name or address or value
    return value


def _entry_html(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary") or entry.get("description") or ""


def _html_to_text(fragment: str) -> str:
    from lxml import html as lxml_html

    from .html import html_text

    if "<" not in fragment:
        return "\n\n".join(" ".join(p.split()) for p in fragment.split("\n\n") if p.strip())
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    except (ValueError, lxml_html.etree.ParserError):  # nothing but markup
        return ""
    return html_text(root)


def read_feed(data: bytes, name: str) -> tuple[list[Article], list[Problem]]:
    """Internal twin of :func:`parse_feed` raising ``_Unusable`` (for the readers)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        raise _Unusable("not an RSS or Atom feed")
    outlet = clean_field(parsed.feed.get("title"))
    articles: list[Article] = []
    problems: list[Problem] = []
    for n, entry in enumerate(parsed.entries, 1):
        text = _html_to_text(_entry_html(entry))
        title = clean_field(entry.get("title"))
        if not text.strip():
            problems.append(Problem(name, f"entry {n}{f' ({title})' if title else ''}: no text"))
            continue
        date = (
            entry.get("published_parsed")
            or entry.get("updated_parsed")
            or entry.get("published")
            or entry.get("updated")
        )
        try:
            articles.append(
                make_article(
                    text,
                    f"{name}#{n}",
                    title=title,
                    date=date,
                    outlet=outlet,
                    url=entry.get("link"),
                    fmt="feed",
                    author=_author(entry.get("author")),
                    id_name=document_stem(name, n),
                )
            )
        except _Unusable as exc:
            problems.append(Problem(name, f"entry {n}: {exc.args[0]}"))
    if not articles and not problems:
        raise _Unusable("feed without entries")
    return articles, problems


def parse_feed(data: bytes | str, name: str = "feed.xml") -> tuple[list[Article], list[Problem]]:
    """One article per entry of an RSS or Atom feed, and the entries skipped.

    Raises
    ------
    InputError
        When the bytes are not a feed, or the feed has no entries; the message
        names ``name``.

    Examples
    --------
    >>> rss = ('<rss version="2.0"><channel><title>Example Post</title><item>'
    ...        '<title>Poland blames Russia</title><link>https://post.example/a</link>'
    ...        '<pubDate>Fri, 14 Mar 2025 07:30:00 GMT</pubDate>'
    ...        '<description>Poland accused Russia of sabotage.</description>'
    ...        '</item></channel></rss>')
    >>> [a], [] = parse_feed(rss)
    >>> a.text, a.date, a.outlet, a.url
    ('Poland blames Russia\\n\\nPoland accused Russia of sabotage.', '2025-03-14', 'Example Post', 'https://post.example/a')
    """
    from ..errors import InputError
    from .core import display_name

    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return read_feed(raw, name)
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None
