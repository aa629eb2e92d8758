"""Why a gold fact was missed, and where an extra edge came from.

For each gold relation the graph does not hold, :func:`explain` names the first thing that
lost it, in pipeline order:

- ``entity missing: NAME`` - no node matches the source or the target;
- ``wrong direction`` - the edge exists, reversed;
- ``other relation: R`` - the two are joined by another relation;
- ``other ends: A -> B`` - in the gold sentence the rule found this family between other
  entities (an antecedent, an alias or an attribution went wrong);
- ``coreference: NAME not named in the sentence`` - the sentence calls an end by a pronoun
  or a description that was not resolved;
- ``no frame`` - both ends are named in the sentence but no rule read a relation there;

and for each extra edge it gives the sentences it was read from.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .evaluate import FAMILIES, UNDIRECTED, gold_names, match_nodes, norm_name

__all__ = ["explain"]


def _inside(a: str, b: str) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    return bool(a) and bool(b) and (a in b or b in a)


def _named(sentence: str, names: list[str]) -> bool:
    low = sentence.casefold()
    return any(norm_name(n) and norm_name(n) in low for n in names)


def explain(graph_data: dict[str, Any], golds: list[dict[str, Any]]) -> list[str]:
    """One line per missed gold fact and per extra edge, with the reason or the source.

    Parameters
    ----------
    graph_data : node-link data of the graph (edges under ``edges``).
    golds : gold files from :func:`graph.evaluate.load_gold`.
    """
    nodes = {n["id"]: n for n in graph_data["nodes"]}
    edges = graph_data.get("edges", graph_data.get("links", []))
    by_name, kinds, aliases = gold_names(golds)
    node_gold = match_nodes(nodes, by_name)
    gold_nodes: dict[str, list[str]] = defaultdict(list)
    for nid, name in node_gold.items():
        if name:
            gold_nodes[name].append(nid)
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        by_pair[e["source"], e["target"]].append(e)

    def family(e: dict[str, Any]) -> str | None:
        return FAMILIES.get(e.get("relation"))

    lines: list[str] = []
    found: set[tuple[str, str, str]] = set()
    for gold in golds:
        for r in gold["relations"]:
            fam = FAMILIES.get(r["relation"])
            if not fam:
                continue
            targets = r["target"] if isinstance(r["target"], list) else [r["target"]]
            srcs = gold_nodes.get(r["source"], [])
            tgts = [n for t in targets for n in gold_nodes.get(t, [])]
            if fam == "denies":
                tgts += [
                    nid
                    for nid, n in nodes.items()
                    if n.get("kind") == "incident"
                    and any(kinds.get(t) == "incident" for t in targets)
                ]
            hit = any(
                family(e) == fam
                for s in srcs
                for t in tgts
                for e in by_pair[s, t] + (by_pair[t, s] if fam in UNDIRECTED else [])
            )
            if hit:
                for s in srcs:
                    for t in tgts:
                        found.update((s, t, e["relation"]) for e in by_pair[s, t])
                continue
            sentence = r.get("evidence", "")
            reason = _reason(r, fam, srcs, tgts, targets, sentence, edges, nodes, by_pair, aliases)
            lines.append(
                f"missed {fam}: {r['source']} -> {targets} | {reason} | {sentence[:160]!r}"
            )
    for e in edges:
        fam = family(e)
        if not fam or nodes.get(e["source"], {}).get("kind") == "incident":
            continue
        if nodes.get(e["target"], {}).get("kind") == "incident" and fam != "denies":
            continue
        if (e["source"], e["target"], e["relation"]) in found:
            continue
        s = node_gold.get(e["source"]) or f"?{nodes[e['source']].get('label')}"
        t = node_gold.get(e["target"]) or f"?{nodes[e['target']].get('label')}"
        gold_fact = any(
            r["source"] == s
            and t in (r["target"] if isinstance(r["target"], list) else [r["target"]])
            and FAMILIES.get(r["relation"]) == fam
            for g in golds
            for r in g["relations"]
        )
        if gold_fact:
            continue
        where = "; ".join(repr(ev["sentence"][:120]) for ev in e.get("evidence", [])[:2])
        lines.append(f"extra {fam}: {s} -> {t} | {where}")
    return lines


def _reason(r, fam, srcs, tgts, targets, sentence, edges, nodes, by_pair, aliases) -> str:
    if not srcs:
        return f"entity missing: {r['source']}"
    if not tgts:
        return f"entity missing: {', '.join(targets)}"
    for s in srcs:
        for t in tgts:
            if any(FAMILIES.get(e.get("relation")) == fam for e in by_pair[t, s]):
                return "wrong direction"
            others = [e["relation"] for e in by_pair[s, t]]
            if others:
                return f"other relation: {', '.join(sorted(set(others)))}"
    in_sentence = [
        e
        for e in edges
        if FAMILIES.get(e.get("relation")) == fam
        and any(_inside(ev.get("sentence", ""), sentence) for ev in e.get("evidence", []))
    ]
    if in_sentence:
        pairs = {
            f"{nodes[e['source']].get('label')} -> {nodes[e['target']].get('label')}"
            for e in in_sentence
        }
        return f"other ends: {'; '.join(sorted(pairs))}"
    if not _named(sentence, aliases.get(r["source"], [r["source"]])):
        return f"coreference: {r['source']} not named in the sentence"
    if not any(_named(sentence, aliases.get(t, [t])) for t in targets):
        return f"coreference: {'/'.join(targets)} not named in the sentence"
    return "no frame"
