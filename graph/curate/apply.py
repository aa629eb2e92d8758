"""Applying curation actions to a freshly built graph, in order.

An action that no longer matches the graph (a name the new extraction does not
have) is reported, recorded in ``G.graph["curation"]`` and skipped, unless
``strict``. Edges join by the build's own rules (:class:`graph.edges.EdgeJoiner`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ..edges import EdgeJoiner, find_edge
from ..errors import CurationError
from ..search import find_entity
from ..vocab import entity_id, load_vocab, norm
from .check import CURATION_DOCUMENT, CurationActions, _Where, check_action
from .read import load_curation
from .review import REVIEW_OPS, apply_review

__all__ = ["apply_curation"]


@dataclass
class _Outcome:
    applied: bool = False
    problems: list[str] = field(default_factory=list)
    detail: str = ""


class _Names:
    """Every name of every node (id, merged-away ids, label, aliases, label words),
    kept up to date while actions change the graph, so a name resolves in O(1)."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.index: dict[str, dict[str, set[str]]] = {
            "merged": {},
            "label": {},
            "alias": {},
            "word": {},
        }
        for n in G:
            self.add(n)

    def _keys(self, n: str) -> Iterable[tuple[str, str]]:
        data = self.G.nodes[n]
        label = norm(str(data.get("label", "")))
        yield "label", label
        for word in set(label.split()):
            yield "word", word
        for alias in data.get("aliases") or []:
            yield "alias", norm(alias)
        for old in data.get("merged_from") or []:
            yield "merged", old

    def add(self, n: str) -> None:
        for table, key in self._keys(n):
            self.index[table].setdefault(key, set()).add(n)

    def drop(self, n: str) -> None:
        for table, key in self._keys(n):
            self.index[table].get(key, set()).discard(n)

    def resolve(self, name: str) -> tuple[str | None, str]:
        """The node a name means, or (None, why not).

        The rules of :func:`graph.select.find_entity` (id, label, alias, a label word
        only one entity has), after ids merged away; a name two entities share is
        not guessed.
        """
        if name in self.G:
            return name, ""
        key = norm(name)
        for table, probe in (("merged", name), ("label", key), ("alias", key), ("word", key)):
            hits = sorted(self.index[table].get(probe, ()))
            if len(hits) == 1:
                return hits[0], ""
            if len(hits) > 1 and table != "word":
                return None, (
                    f"'{name}' names {len(hits)} entities ({', '.join(hits)}); use the id"
                )
        found = find_entity(self.G, name)  # any rule find_entity gains later
        if found is not None:
            return found, ""
        return None, f"no entity '{name}' in the graph"


def _note(action: dict[str, Any], text: str) -> str:
    who = f" by {action['analyst']}" if action.get("analyst") else ""
    when = f" on {action['when']}" if action.get("when") else ""
    why = f": {action['note']}" if action.get("note") and action["op"] != "add_edge" else ""
    return f"{text}{who}{when}{why}"


def _mark_node(names: _Names, n: str, action: dict[str, Any], text: str, **attrs: Any) -> None:
    names.drop(n)
    data = names.G.nodes[n]
    data.update(attrs)
    data["curated"] = True
    data["curation_notes"] = [*(data.get("curation_notes") or []), _note(action, text)]
    names.add(n)


def _union(a: Iterable[Any], b: Iterable[Any]) -> list[Any]:
    out = list(a)
    for item in b:
        if item not in out:
            out.append(item)
    return out


def _undirected() -> frozenset[str]:
    """The relations of the vocabulary that read the same both ways."""
    return frozenset(r for r, spec in load_vocab().relations.items() if not spec["directed"])


def _joiner(G: nx.MultiDiGraph) -> EdgeJoiner:
    """Joins edges the build's way; an undirected relation is found either way round."""
    return EdgeJoiner(G, undirected=_undirected())


def _find_edge(G: nx.MultiDiGraph, s: str, t: str, relation: str) -> tuple[str, str, Any] | None:
    """The (s, t, key) of the edge stating relation between s and t (either way if undirected)."""
    return find_edge(G, s, t, relation, undirected=relation in _undirected())


def _resolve_all(names: _Names, wanted: list[str], out: _Outcome) -> list[str] | None:
    nodes = []
    for name in wanted:
        n, why = names.resolve(name)
        if n is None:
            out.problems.append(why)
            return None
        nodes.append(n)
    return nodes


def _apply_merge(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    keep, why = names.resolve(a["keep"])
    if keep is None:
        out.problems.append(why)
        return out
    drops: list[str] = []
    for name in a["drop"]:
        n, why = names.resolve(name)
        if n is None:
            out.problems.append(why)
        elif n == keep:
            out.problems.append(f"'{name}' is already the kept entity {keep}")
        elif n not in drops:
            drops.append(n)
    lost = 0
    joiner = _joiner(G)
    for d in drops:
        kd, dd = G.nodes[keep], G.nodes[d]
        label = str(dd.get("label", d))
        attrs = {
            "aliases": sorted(
                set(kd.get("aliases") or []) | set(dd.get("aliases") or []) | {label}
            ),
            "mentions": int(kd.get("mentions") or 0) + int(dd.get("mentions") or 0),
            "documents": sorted(set(kd.get("documents") or []) | set(dd.get("documents") or [])),
            "role": kd.get("role") or dd.get("role") or "",
            "merged_from": _union(kd.get("merged_from") or [], [d, *(dd.get("merged_from") or [])]),
            "merged_labels": _union(
                kd.get("merged_labels") or [], [label, *(dd.get("merged_labels") or [])]
            ),
        }
        if dd.get("curation_notes"):
            attrs["curation_notes"] = _union(kd.get("curation_notes") or [], dd["curation_notes"])
        _mark_node(names, keep, a, f"merged {label} ({d})", **attrs)
        moved = [
            *G.out_edges(d, keys=True, data=True),
            *((s, t, k, x) for s, t, k, x in G.in_edges(d, keys=True, data=True) if s != d),
        ]
        for s, t, k, data in moved:
            ns, nt = (keep if s == d else s), (keep if t == d else t)
            if ns == nt:
                lost += 1
                continue
            joiner.join(ns, nt, k, dict(data))
        names.drop(d)
        G.remove_node(d)
        out.applied = True
    joiner.finish()
    if out.applied:
        out.detail = f"merged {', '.join(drops)} into {keep}"
        if lost:
            out.detail += f"; {lost} edge(s) between them dropped as self-loops"
    return out


def _apply_rename(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    nodes = _resolve_all(names, [a["entity"]], out)
    if nodes:
        n = nodes[0]
        old = str(G.nodes[n].get("label", n))
        aliases = sorted(set(G.nodes[n].get("aliases") or []) | {old})
        _mark_node(names, n, a, f"renamed from {old}", label=a["label"], aliases=aliases)
        out.applied, out.detail = True, f"{n}: {old} -> {a['label']}"
    return out


def _apply_set_kind(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    nodes = _resolve_all(names, [a["entity"]], out)
    if nodes:
        n = nodes[0]
        old = G.nodes[n].get("kind", "")
        _mark_node(names, n, a, f"kind changed from {old} to {a['kind']}", kind=a["kind"])
        out.applied, out.detail = True, f"{n}: kind {old} -> {a['kind']}"
    return out


def _apply_set_role(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    nodes = _resolve_all(names, [a["entity"]], out)
    if nodes:
        n = nodes[0]
        old = G.nodes[n].get("role") or ""
        text = f"role set to {a['role']}" if a["role"] else "role cleared"
        _mark_node(names, n, a, text + (f" (was {old})" if old else ""), role=a["role"])
        out.applied, out.detail = True, f"{n}: role {old!r} -> {a['role']!r}"
    return out


def _apply_drop_entity(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    nodes = _resolve_all(names, [a["entity"]], out)
    if nodes:
        n = nodes[0]
        edges = G.degree(n)
        names.drop(n)
        G.remove_node(n)
        out.applied, out.detail = True, f"removed {n} and its {edges} edge(s)"
    return out


def _apply_drop_edge(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    nodes = _resolve_all(names, [a["source"], a["target"]], out)
    if not nodes:
        return out
    s, t = nodes
    rel = a.get("relation")
    if rel:
        found = _find_edge(G, s, t, rel)
        doomed = [found] if found else []
    else:
        doomed = [(s, t, k) for k in (G.get_edge_data(s, t) or {})]
    if not doomed:
        what = f"{rel} edge" if rel else "edge"
        out.problems.append(f"no {what} from {s} to {t}")
        return out
    evidence = sum(len(G.edges[e].get("evidence") or []) for e in doomed)
    G.remove_edges_from(doomed)
    out.applied = True
    out.detail = (
        f"removed {', '.join(f'{u} {k} {v}' for u, v, k in doomed)} "
        f"({evidence} piece(s) of evidence)"
    )
    return out


def _apply_add_edge(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    nodes = _resolve_all(names, [a["source"], a["target"]], out)
    if not nodes:
        out.problems[-1] += " (add it first with add_entity)"
        return out
    s, t = nodes
    if s == t:
        out.problems.append(f"source and target are the same entity ({s})")
        return out
    rel = a["relation"]
    evidence = {
        "document": a.get("document") or CURATION_DOCUMENT,
        "sentence": a.get("sentence") or a["note"],
        "start": a.get("start", 0),
        "end": a.get("end", 0),
        "analyst": a["analyst"],
        "rule": "analyst",
        "confidence": 1.0,
    }
    if a.get("document"):  # a sentence of an article: the analyst's note stays beside it
        evidence["note"] = a["note"]
    if a.get("when"):
        evidence["when"] = a["when"]
    new = {
        "relation": rel,
        "evidence": [evidence],
        "modality": a.get("modality") or "asserted",
        "documents": [a["document"]] if a.get("document") else [],
        "sources": [f"analyst: {a['analyst']}"],
        "date": a.get("date") or "",
        "curated": True,
        "curation_notes": [_note(a, "added")],
        "rule": "analyst",
        "confidence": 1.0,
    }
    joiner = _joiner(G)
    found = joiner.find(s, t, rel)
    if found is None:
        G.add_edge(s, t, key=rel, **new)
        out.detail = f"added {s} {rel} {t}"
    else:
        extracted = G.edges[found].get("modality")
        joiner.join_into(found, {**new, "curation_notes": [_note(a, "confirmed")]})
        joiner.finish()
        # the analyst's modality, when given, overrides the extracted one
        G.edges[found]["modality"] = a.get("modality") or extracted or "asserted"
        out.detail = f"evidence added to {found[0]} {rel} {found[1]}"
    out.applied = True
    return out


def _apply_add_entity(names: _Names, a: dict[str, Any]) -> _Outcome:
    G, out = names.G, _Outcome()
    nid = entity_id(a["kind"], a["label"])
    n, _ = names.resolve(nid)
    if n is None:
        n, _ = names.resolve(a["label"])
        if n is not None and G.nodes[n].get("kind") != a["kind"]:
            n = None
    if n is not None:
        out.problems.append(f"'{a['label']}' is already in the graph as {n}")
        return out
    G.add_node(
        nid,
        id=nid,
        label=a["label"],
        kind=a["kind"],
        aliases=[a["label"]],
        mentions=0,
        documents=[],
        role=a.get("role") or "",
        curated=True,
        curation_notes=[_note(a, "added")],
    )
    names.add(nid)
    out.applied, out.detail = True, f"added {nid}"
    return out


def _apply_review(names: _Names, a: dict[str, Any]) -> _Outcome:
    applied, problems, detail = apply_review(names.G, names.resolve, a)
    return _Outcome(applied, problems, detail)


_APPLY: dict[str, Callable[[_Names, dict[str, Any]], _Outcome]] = {
    "merge": _apply_merge,
    "rename": _apply_rename,
    "set_kind": _apply_set_kind,
    "set_role": _apply_set_role,
    "drop_entity": _apply_drop_entity,
    "drop_edge": _apply_drop_edge,
    "add_edge": _apply_add_edge,
    "add_entity": _apply_add_entity,
    **dict.fromkeys(REVIEW_OPS, _apply_review),
}


def _as_actions(actions: str | Path | Iterable[Mapping[str, Any]]) -> CurationActions:
    if isinstance(actions, (str, Path)):
        return load_curation(actions)
    if isinstance(actions, CurationActions):
        return actions
    return CurationActions([check_action(a, index=i) for i, a in enumerate(actions, 1)])


def apply_curation(
    G: nx.MultiDiGraph,
    actions: str | Path | Iterable[Mapping[str, Any]],
    *,
    report: Callable[[str], None] | None = None,
    strict: bool = False,
) -> nx.MultiDiGraph:
    """Apply a curation file (or a list of actions) to a graph, in order.

    Parameters
    ----------
    G : the extracted graph; it is not modified.
    actions : a path (read with :func:`load_curation`), the result of
        ``load_curation`` or a list of action dicts (checked with :func:`check_action`).
    report : called with one line per action that no longer matches the graph,
        e.g. ``"curation: action 3 (merge, line 12): no entity 'Foo' in the graph; skipped"``.
    strict : raise instead of reporting such an action.

    Returns
    -------
    networkx.MultiDiGraph : a new graph; ``graph["curation"]`` records the file and,
        for every action, its status (``applied``, ``partial``, ``skipped``) and what
        it did.

    Raises
    ------
    CurationError : the file or an action is invalid; with ``strict``, also an action
        that no longer matches the graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("state:russia", label="Russia", kind="state", aliases=["Russia"])
    >>> G.add_node("agency:kremlin", label="Kremlin", kind="agency", aliases=["Kremlin"])
    >>> H = apply_curation(G, [{"op": "merge", "keep": "Russia", "drop": ["Kremlin"]}])
    >>> list(H), H.nodes["state:russia"]["merged_from"]
    (['state:russia'], ['agency:kremlin'])
    """
    actions = _as_actions(actions)
    path = actions.path
    H = G.copy()
    names = _Names(H)
    log: list[dict[str, Any]] = []
    if path is not None and not actions.exists:
        if strict:
            raise CurationError(f"{path}: curation file not found")
        if report:
            report(f"curation: {path} not found; nothing applied")
    for i, action in enumerate(actions, 1):
        line = actions.lines[i - 1] if i - 1 < len(actions.lines) else None
        op = action["op"]
        outcome = _APPLY[op](names, action)
        for problem in outcome.problems:
            if strict:
                raise _Where(str(path) if path else None, i, op).fail(line, problem)
            if report:
                tail = "; the rest applied" if outcome.applied else "; skipped"
                at = f", line {line}" if line else ""
                report(f"curation: action {i} ({op}{at}): {problem}{tail}")
        status = ("partial" if outcome.problems else "applied") if outcome.applied else "skipped"
        log.append(
            {
                "action": i,
                "line": line,
                "op": op,
                "status": status,
                "detail": outcome.detail,
                "problems": outcome.problems,
            }
        )
    H.graph["curation"] = {
        "file": str(path) if path is not None else None,
        "applied": sum(1 for e in log if e["status"] != "skipped"),
        "skipped": sum(1 for e in log if e["status"] == "skipped"),
        "actions": log,
    }
    return H
