"""Score a graph against hand-annotated gold files, by the rules of DESIGN.md.

The numbers equal those of the reference scorer ``shared/score.py`` for the
same graph: a node matches a gold entity when its label, id or an alias equals
one of the entity's names (case and a leading "the" ignored); relations are
scored per family (``accuses``, ``denies``, ``affiliated_with``, and alliance =
``member_of`` + ``allied_with`` in either direction); for ``denies`` an
incident node as target counts when the gold target list holds an incident;
other edges touching incidents are not scored; duplicates count once, and so
do several alternatives of one gold fact.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RelateError
from .vocab import load_vocab

__all__ = [
    "FAMILIES",
    "Score",
    "format_score",
    "gold_names",
    "load_gold",
    "match_nodes",
    "norm_name",
    "score_graph",
]

# the scored families of DESIGN.md; each relation's family comes from relations.yaml
SCORED_FAMILIES = ("accuses", "denies", "alliance", "affiliated_with")


def _families() -> dict[str, str]:
    vocab = load_vocab()
    return {
        rel: spec["family"]
        for rel, spec in vocab.relations.items()
        if spec["family"] in SCORED_FAMILIES
    }


FAMILIES = _families()  # relation -> scored family: member_of and allied_with are "alliance"
UNDIRECTED = {"alliance"}
ACTOR_KINDS = {"state", "person", "agency"}


def _norm(s: str) -> str:
    s = s.casefold().replace("\u2019", "'").strip()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s)


@dataclass
class Score:
    """Counts and rates of one scoring run."""

    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    entity_recall: float = 0.0
    entity_precision: float = 0.0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def families(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def family(self, fam: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp[fam], self.fp[fam], self.fn[fam]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def precision(self) -> float:
        t, f = sum(self.tp.values()), sum(self.fp.values())
        return t / (t + f) if t + f else 0.0

    @property
    def recall(self) -> float:
        t, n = sum(self.tp.values()), sum(self.fn.values())
        return t / (t + n) if t + n else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Read gold annotation files; ``RelateError`` naming a file that is not gold."""
    golds = []
    for p in paths:
        try:
            data = json.loads(Path(p).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RelateError(f"{p}: cannot read gold file ({exc})") from None
        if not isinstance(data, dict) or "entities" not in data or "relations" not in data:
            raise RelateError(f"{p}: not a gold file (needs 'entities' and 'relations')")
        data["_path"] = str(p)
        golds.append(data)
    return golds


def norm_name(s: str) -> str:
    """A name as the scorer compares it: case-folded, curly quotes straightened, a
    leading "the" dropped, white space folded."""
    return _norm(s)


def gold_names(
    golds: list[dict[str, Any]],
) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """(normalised alias -> gold name, gold name -> kind, gold name -> its names), over
    all gold files together (the first file to claim an alias keeps it)."""
    by_name: dict[str, str] = {}
    kinds: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for gold in golds:
        local: dict[str, str] = {}
        for e in gold["entities"]:
            kinds[e["name"]] = e["kind"]
            names.setdefault(e["name"], []).extend([e["name"], *e.get("aliases", [])])
            for a in [e["name"], *e.get("aliases", [])]:
                local.setdefault(_norm(a), e["name"])
        for key, v in local.items():
            by_name.setdefault(key, v)
    return by_name, kinds, names


def match_nodes(nodes: dict[str, dict[str, Any]], by_name: dict[str, str]) -> dict[str, str | None]:
    """The gold entity each node matches by its label, id or an alias, or None."""

    def match(node: dict[str, Any]) -> str | None:
        names = [
            node.get("label") or str(node["id"]),
            str(node["id"]),
            *(node.get("aliases") or []),
        ]
        for n in names:
            hit = by_name.get(_norm(str(n)))
            if hit:
                return hit
        return None

    return {nid: match(n) for nid, n in nodes.items()}


def score_graph(graph_data: dict[str, Any], golds: list[dict[str, Any]]) -> Score:
    """Score node-link graph data against gold annotations."""
    nodes = {n["id"]: n for n in graph_data["nodes"]}
    edges = graph_data.get("edges", graph_data.get("links", []))
    sc = Score()
    by_name, kinds, _ = gold_names(golds)
    node_gold = match_nodes(nodes, by_name)
    matched = {v for v in node_gold.values() if v}
    ent_total = ent_found = 0
    for name, kind in kinds.items():
        if kind in ACTOR_KINDS:
            ent_total += 1
            if name in matched:
                ent_found += 1
            else:
                sc.misses.append(f"entity {name} ({kind})")
    actor_nodes = [nid for nid, n in nodes.items() if n.get("kind") in ACTOR_KINDS]
    ok = sum(1 for nid in actor_nodes if node_gold[nid])
    sc.entity_recall = ent_found / ent_total if ent_total else 0.0
    sc.entity_precision = ok / len(actor_nodes) if actor_nodes else 0.0

    gold_triples: dict[str, set] = defaultdict(set)
    incident_names = {n for n, k in kinds.items() if k == "incident"}
    for gold in golds:
        for r in gold["relations"]:
            fam = FAMILIES.get(r["relation"])
            if not fam:
                continue
            tgts = r["target"] if isinstance(r["target"], list) else [r["target"]]
            gold_triples[fam].add((r["source"], frozenset(tgts)))
    pred: dict[str, set] = defaultdict(set)
    for e in edges:
        fam = FAMILIES.get(e.get("relation"))
        if not fam:
            continue
        s_node, t_node = nodes.get(e["source"], {}), nodes.get(e["target"], {})
        s, t = node_gold.get(e["source"]), node_gold.get(e["target"])
        t_is_incident = t_node.get("kind") == "incident"
        if s_node.get("kind") == "incident":
            continue
        if t_is_incident and fam != "denies":
            continue
        pred[fam].add(
            (
                s or f"?{s_node.get('label', e['source'])}",
                t or ("<incident>" if t_is_incident else f"?{t_node.get('label', e['target'])}"),
            )
        )
    for fam in sorted(set(gold_triples) | set(pred)):
        golds_f = gold_triples[fam]
        used: set = set()
        # the reference scorer walks a set; sort so the result never depends on order
        for s, t in sorted(pred[fam]):
            hit = None
            for g in sorted(golds_f, key=lambda g: (g[0], sorted(g[1]))):
                gs, gt = g
                good = s == gs and (t in gt or (t == "<incident>" and bool(gt & incident_names)))
                if fam in UNDIRECTED and not good:
                    good = t == gs and s in gt
                if good:
                    hit = g
                    break
            if hit in used:
                continue
            if hit:
                sc.tp[fam] += 1
                used.add(hit)
            else:
                sc.fp[fam] += 1
                sc.extras.append(f"extra {fam}: {s} -> {t}")
        for g in sorted(golds_f - used, key=lambda g: (g[0], sorted(g[1]))):
            sc.fn[fam] += 1
            sc.misses.append(f"missed {fam}: {g[0]} -> {sorted(g[1])}")
    return sc


def format_score(sc: Score, *, verbose: bool = False) -> str:
    """The report, line for line as the reference scorer prints it."""
    lines = []
    for fam in sc.families:
        tp, fp, fn = sc.tp[fam], sc.fp[fam], sc.fn[fam]
        p, r, _ = sc.family(fam)
        lines.append(f"{fam:16s} tp={tp:3d} fp={fp:3d} fn={fn:3d} P={p:.2f} R={r:.2f}")
    if verbose:
        lines.extend(f"   {m}" for m in sc.misses + sc.extras)
    lines.append(
        f"relations F1={sc.f1:.2f} P={sc.precision:.2f} R={sc.recall:.2f} "
        f"entities R={sc.entity_recall:.2f} P={sc.entity_precision:.2f}"
    )
    return "\n".join(lines)
