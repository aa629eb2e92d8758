"""The rows of the page's tooltips: plain ``(style, text)`` pairs, built into
elements in the browser with ``textContent``, never as markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import networkx as nx

from ..select import edge_support
from ..style import is_directed, kind_label, relation_label
from ..vocab import Vocab, load_vocab
from .documents import origin_text, quote_origin
from .text import as_list, count_phrase, evidence_list, node_label, plain_text

__all__ = ["QUOTE_CHARS", "TOOLTIP_QUOTES", "edge_tooltip", "node_tooltip"]

TOOLTIP_QUOTES = 3
QUOTE_CHARS = 320


def node_tooltip(
    G: nx.MultiDiGraph,
    node: str,
    vocab: Vocab | None = None,
    *,
    counts: Mapping[str, int] | None = None,
) -> list[tuple[str, str]]:
    """Tooltip rows ``(style, text)`` for a node: name, kind and role, aliases,
    mentions and articles, and what curation did to it.

    Styles: ``h`` heading, ``k`` kind line, ``t`` text, ``c`` curation note.
    ``counts`` (relation -> the node's edges of it, in and out) saves walking its
    edges when the caller has counted them.
    """
    vocab = vocab or load_vocab()
    data = G.nodes[node]
    label = str(data.get("label", node))
    kind = str(data.get("kind", ""))
    rows = [("h", plain_text(label, 120))]
    line = kind_label(kind, vocab) + (f" · {data['role']}" if data.get("role") else "")
    rows.append(("k", plain_text(line, 160)))
    aliases = [a for a in as_list(data.get("aliases")) if a != label]
    if aliases:
        rows.append(("t", plain_text("Also: " + ", ".join(aliases), 300)))
    docs = as_list(data.get("documents"))
    relations: Counter = Counter()
    if counts is None:
        counts = Counter(
            d.get("relation", k)
            for _, _, k, d in [
                *G.out_edges(node, keys=True, data=True),
                *G.in_edges(node, keys=True, data=True),
            ]
        )
    for rel, n in counts.items():
        relations[relation_label(rel, vocab)] += n
    mentions = int(data.get("mentions") or 0)
    summary = f"{mentions} mention{'s' if mentions != 1 else ''} in {len(docs)} article"
    summary += "s" if len(docs) != 1 else ""
    if relations:
        summary += " · " + ", ".join(f"{c} {r}" for r, c in relations.most_common())
    rows.append(("t", plain_text(summary, 300)))
    if docs:
        rows.append(
            (
                "d",
                plain_text(
                    "Articles: "
                    + ", ".join(docs[:6])
                    + (f" (+{len(docs) - 6})" if len(docs) > 6 else ""),
                    400,
                ),
            )
        )
    merged = as_list(data.get("merged_labels")) or as_list(data.get("merged_from"))
    if merged:
        rows.append(("c", plain_text("Merged by an analyst from: " + ", ".join(merged), 300)))
    notes = as_list(data.get("curation_notes"))
    if notes:
        rows.extend(("c", plain_text(note, 200)) for note in notes[-2:])
    elif data.get("curated"):
        rows.append(("c", "Changed by an analyst"))
    return rows


def edge_tooltip(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    key: str,
    vocab: Vocab | None = None,
    *,
    quotes: int = TOOLTIP_QUOTES,
) -> list[tuple[str, str]]:
    """Tooltip rows for an edge: who → relation → whom, its sourcing, when it was
    reported, how sure the extraction is, whether an analyst reviewed it, the quotes.

    Styles: ``h`` heading, ``k`` sourcing line, ``w`` single-article warning,
    ``c`` curation or review note, ``q`` quote, ``d`` where a quote comes from (outlet,
    date, address, else the article id), ``t`` other lines.
    """
    vocab = vocab or load_vocab()
    data = G.edges[source, target, key]
    relation = str(data.get("relation", key))
    joiner = "→" if is_directed(relation, vocab) else "—"
    rows = [
        (
            "h",
            plain_text(
                f"{node_label(G, source)} {joiner} {relation_label(relation, vocab)} {joiner} {node_label(G, target)}",
                200,
            ),
        )
    ]
    support = edge_support(data)
    rows.append(
        (
            "k",
            plain_text(
                f"{data.get('modality') or 'asserted'} · {count_phrase(support['evidence'], 'piece')} of evidence · "
                f"{count_phrase(support['articles'], 'article')} · {count_phrase(support['sources'], 'source')}"
                + (f" · {data['date']}" if data.get("date") else "")
            ),
        )
    )
    if support["articles"] <= 1:
        rows.append(("w", "⚠ Single article: no independent confirmation"))
    first, last = data.get("first_date") or "", data.get("last_date") or ""
    if first:
        rows.append(("t", f"Reported {first}" + (f" to {last}" if last != first else "")))
    if data.get("confidence") is not None and data.get("rule") != "analyst":
        rows.append(
            ("t", plain_text(f"Confidence {float(data['confidence']):.2f} ({data.get('rule')})"))
        )
    if data.get("reviewed"):
        who = f" by {data['reviewed_by']}" if data.get("reviewed_by") else ""
        when = f" on {str(data['reviewed_at'])[:10]}" if data.get("reviewed_at") else ""
        rows.append(("c", plain_text(f"✓ Reviewed: {data['reviewed']}{who}{when}", 200)))
    evidence = evidence_list(data)
    if data.get("curated"):
        analysts = sorted({str(e.get("analyst")) for e in evidence if e.get("analyst")})
        rows.append(
            (
                "c",
                plain_text(
                    "Added or confirmed by " + (", ".join(analysts) if analysts else "an analyst"),
                    200,
                ),
            )
        )
    articles = G.graph.get("articles")
    for ev in evidence[:quotes]:
        rows.append(("q", plain_text(f"“{ev.get('sentence', '').strip()}”", QUOTE_CHARS)))
        origin = quote_origin(ev, articles)
        rows.append(("d", plain_text(f"— {origin_text(origin) or origin['article']}", 160)))
    if len(evidence) > quotes:
        rows.append(("t", f"+ {len(evidence) - quotes} more (see the entity panel)"))
    return rows
