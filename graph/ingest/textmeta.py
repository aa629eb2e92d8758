"""What a plain text says about itself: the date and the outlet on its first lines.

A ``Date:`` or ``Published:`` line, or the first date written near the start, gives the
date; a ``Source:`` (``via``, ``published by``) line gives the outlet.
"""

from __future__ import annotations

import re

__all__ = ["find_date", "find_source"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}),? (\d{{4}})\b"),
    re.compile(rf"\b({_MONTHS}) (\d{{1,2}}),? (\d{{4}})\b"),
]
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS.split("|"))}
_SOURCE_LINE = re.compile(
    r"^[ \t]*(?:source|via|published by|originally published (?:by|in|on))[ \t]*[:»>\-–]+\s*"
    r"(.+?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_META_LINE = re.compile(
    r"^[ \t]*(date|published|source)[ \t]*:[ \t]*(.+?)[ \t]*$", re.IGNORECASE | re.MULTILINE
)


def find_date(text: str) -> str | None:
    """The date a text states near its start (a ``Date:`` line first), as ``YYYY-MM-DD``.

    >>> find_date("Title\\n\\nDate: 5 March 2024\\n\\nBody.")
    '2024-03-05'
    """
    head = text[:3000]
    meta = _META_LINE.search(head)
    candidates = [meta.group(2)] if meta and meta.group(1).lower() != "source" else []
    candidates.append(head)
    for chunk in candidates:
        for pattern in _DATE_PATTERNS:
            m = pattern.search(chunk)
            if not m:
                continue
            g = m.groups()
            try:
                if pattern is _DATE_PATTERNS[0]:
                    y, mo, d = int(g[0]), int(g[1]), int(g[2])
                elif pattern is _DATE_PATTERNS[1]:
                    d, mo, y = int(g[0]), _MONTH_NUM[g[1]], int(g[2])
                else:
                    mo, d, y = _MONTH_NUM[g[0]], int(g[1]), int(g[2])
            except (KeyError, ValueError):
                continue
            if 1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_source(text: str) -> str | None:
    """The outlet a text names on a ``Source:`` (or ``via``, ``published by``) line.

    >>> find_source("Title\\n\\nBody.\\n\\nSource: Example Post")
    'Example Post'
    """
    for m in _SOURCE_LINE.finditer(text):
        value = m.group(1).strip().strip("»").strip()
        if value:
            return value[:200]
    m = _META_LINE.search(text[:3000])
    if m and m.group(1).lower() == "source":
        return m.group(2)[:200]
    return None
