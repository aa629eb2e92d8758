"""Text that is safe to show: article text is untrusted.

Every text that reaches a tooltip, a label or a table goes through
:func:`plain_text` (control characters dropped, ``<`` and ``>`` made harmless
look-alikes); text put in the page's HTML or its JSON block is escaped further.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

__all__ = [
    "as_list",
    "count_phrase",
    "evidence_list",
    "html_text",
    "node_label",
    "plain_text",
    "script_json",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# ------------------------------------------------------------------ text
def plain_text(value: Any, limit: int | None = None) -> str:
    """Text safe to show anywhere: control characters dropped, ``<``/``>`` made
    harmless look-alikes, cut to ``limit`` characters with an ellipsis.

    >>> plain_text("<img src=x onerror=alert(1)> Moscow")
    '‹img src=x onerror=alert(1)› Moscow'
    >>> plain_text("a long sentence", limit=6)
    'a lon…'
    """
    text = _CONTROL.sub(" ", "" if value is None else str(value))
    text = text.replace("<", "\u2039").replace(">", "\u203a")
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)].rstrip() + "\u2026"
    return text


def html_text(value: Any, limit: int) -> str:
    """Escaped text for an HTML element; ``/`` as ``&#x2F;`` so no URL can be read in it."""
    return html.escape(plain_text(value, limit)).replace("/", "&#x2F;")


def script_json(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``</script>``, no entity,
    and ``/`` written ``\\/`` so that not even a URL quoted in an article reads as one."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        text.replace("/", "\\/")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def as_list(value: Any) -> list[str]:
    """A list attribute as a list, also when a flat export joined it with ``" | "``.

    >>> as_list("Ruritania | Strelsau"), as_list(None)
    (['Ruritania', 'Strelsau'], [])
    """
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v for v in value.split(" | ") if v]
    return [str(v) for v in value]


def node_label(G: nx.MultiDiGraph, node: str) -> str:
    """The label of a node, or its id when it has none (or is not in G)."""
    return str(G.nodes[node].get("label", node)) if node in G else str(node)


def count_phrase(n: int, word: str) -> str:
    """``"1 piece"``, ``"2 pieces"``.

    >>> count_phrase(2, "article")
    '2 articles'
    """
    return f"{n} {word}{'s' if n != 1 else ''}"


def evidence_list(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """An edge's evidence as a list of dicts (a flat export stores it as JSON text)."""
    evidence = data.get("evidence") or []
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            evidence = []
    return [e for e in evidence if isinstance(e, dict)]
