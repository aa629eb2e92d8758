"""Analyst curation that survives rebuilds: a YAML file of corrections applied,
in order, to every freshly extracted graph.

The file (default ``data/curation.yaml``) is a mapping ``{version: 1, actions: [...]}``;
each action is a mapping with an ``op`` and its fields. ENTITY is a node id
(``state:russia``), the id of an entity merged away earlier, or any label or alias
(``Moscow``); REL is a relation of ``data/vocab/relations.yaml``.

======================  ==========================================================
op                      fields (``*`` optional)
======================  ==========================================================
``merge``               ``keep: ENTITY``, ``drop: [ENTITY, ...]``
``rename``              ``entity: ENTITY``, ``label: TEXT``
``set_kind``            ``entity: ENTITY``, ``kind: state|person|agency|incident``
``set_role``            ``entity: ENTITY``, ``role: TEXT`` (empty clears it)
``drop_entity``         ``entity: ENTITY``
``drop_edge``           ``source: ENTITY``, ``target: ENTITY``, ``relation: REL*``
                        (without ``relation``: every edge from source to target)
``add_edge``            ``source``, ``target``, ``relation``, ``note: TEXT`` (the
                        evidence), ``analyst: NAME``, ``modality*``, ``date*``
``add_entity``          ``label: TEXT``, ``kind: KIND``, ``role*``
======================  ==========================================================

Every action may also carry ``when`` (ISO timestamp), ``analyst`` and ``note`` (why).

Two kinds of trouble are told apart:

- **An invalid file** (bad YAML, not a mapping, unknown op or field, wrong type,
  unknown relation, kind or modality) raises :class:`~graph.errors.CurationError`
  naming the file, the line and what is wrong, before anything is built or written.
- **An action that no longer matches the graph** (an entity or edge that the new
  extraction does not have) is passed to ``report`` with its action number and line,
  recorded in ``G.graph["curation"]`` and skipped; the rest still applies. With
  ``strict=True`` (``--strict-curation``) it raises ``CurationError`` instead. An
  analyst building a subset of the corpus with the shared curation file is the
  common case, so the default is to report, not to fail.

Node ids never change under curation (``rename`` and ``set_kind`` change the
``label`` and ``kind`` attributes), so saved selections and later actions that name
an id keep working; a merged-away id resolves to the entity it was merged into.

Curated things are marked: nodes touched by an action get ``curated: True`` and a
``curation_notes`` list; a kept node also gets ``merged_from`` (the dropped ids) and
``merged_labels``; edges added or confirmed by an analyst get ``curated: True``,
evidence ``{document: "curation", sentence: note, start: 0, end: 0, analyst}`` and
the source ``"analyst: NAME"``. The JSON export keeps them all; GraphML, GEXF and CSV
flatten the lists with ``" | "``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import CurationError
from .select import find_entity
from .vocab import entity_id, load_vocab, norm

__all__ = [
    "OPS",
    "CurationActions",
    "append_action",
    "apply_curation",
    "check_action",
    "load_curation",
    "undo_last",
    "write_curation",
]

VERSION = 1
MODALITIES = ("asserted", "alleged", "hypothetical")
MODALITY_RANK = {"asserted": 3, "alleged": 2, "hypothetical": 1}
CURATION_DOCUMENT = "curation"

#: op -> (required fields, optional fields), in the order they are written.
OPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("keep", "drop"), ()),
    "rename": (("entity", "label"), ()),
    "set_kind": (("entity", "kind"), ()),
    "set_role": (("entity", "role"), ()),
    "drop_entity": (("entity",), ()),
    "drop_edge": (("source", "target"), ("relation",)),
    "add_edge": (("source", "target", "relation", "note", "analyst"), ("modality", "date")),
    "add_entity": (("label", "kind"), ("role",)),
}
COMMON_FIELDS = ("note", "analyst", "when")

FIELD_TYPES = {
    "keep": "entity", "drop": "entities", "entity": "entity", "source": "entity",
    "target": "entity", "label": "text", "role": "role", "kind": "kind",
    "relation": "relation", "note": "text", "analyst": "text", "modality": "modality",
    "when": "timestamp", "date": "date",
}

DEFAULT_HEADER = """\
# Relate curation file: analyst corrections applied, in order, after every build.
# Format: {version: 1, actions: [...]}; each action is a mapping with an `op`:
#   merge {keep, drop: [..]} | rename {entity, label} | set_kind {entity, kind}
#   set_role {entity, role} | drop_entity {entity} | drop_edge {source, target, relation}
#   add_edge {source, target, relation, note, analyst} | add_entity {label, kind}
# Optional on every action: when (ISO timestamp), analyst, note.
# Entities are node ids (state:russia) or any label or alias. See README "Curation".
"""

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DASH_PREFIX = re.compile(r"[ \t]*-[ \t]+")


class CurationActions(list):
    """The checked actions of a curation file, in order (a ``list`` of dicts).

    ``path`` is the file they came from (None for actions made in code),
    ``lines[i]`` the line of action ``i + 1`` and ``exists`` whether the file was there.
    """

    def __init__(
        self,
        actions: Iterable[dict[str, Any]] = (),
        *,
        path: str | Path | None = None,
        lines: list[int | None] | None = None,
        exists: bool = True,
    ) -> None:
        super().__init__(actions)
        self.path = Path(path) if path is not None else None
        self.lines = list(lines) if lines is not None else [None] * len(self)
        self.exists = exists


# ------------------------------------------------------------------ checking
@dataclass
class _Where:
    """Where a problem is: file, line, action number and op, for messages."""

    path: str | None = None
    index: int | None = None
    op: str | None = None

    def prefix(self, line: int | None) -> str:
        loc = ""
        if self.path:
            loc = f"{self.path}, line {line}" if line else self.path
        what = "new action" if self.index is None else f"action {self.index}"
        if self.op:
            what += f" ({self.op})"
        return f"{loc}: {what}: " if loc else f"{what}: "

    def fail(self, line: int | None, message: str) -> CurationError:
        return CurationError(self.prefix(line) + message)


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return (f"{str(value).lower()} (YAML reads yes/no/on/off/true/false as booleans; "
                "quote the text)")
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value} (quote it if it is text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _check_value(name: str, value: Any, where: _Where, line: int | None,
                 ftype: str | None = None) -> Any:
    """The normalised value of one field, or CurationError."""
    ftype = ftype or FIELD_TYPES[name]
    vocab = load_vocab()
    if ftype == "entities":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise where.fail(line, f"'{name}' must be an entity or a list of entities, "
                                   f"got {_describe(value)}")
        return [_check_value(name, v, where, line, "entity") for v in items]
    if ftype == "role" and value is None:
        return ""
    if ftype in ("timestamp", "date"):
        if isinstance(value, datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
            return value.isoformat() if ftype == "timestamp" else value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
    if not isinstance(value, str):
        raise where.fail(line, f"'{name}' must be text, got {_describe(value)}")
    value = value.strip()
    if ftype == "role":
        return value
    if not value:
        raise where.fail(line, f"'{name}' is empty")
    if ftype == "kind" and value not in vocab.kinds:
        raise where.fail(line, f"unknown kind '{value}'{_suggest(value, vocab.kinds)} "
                               f"(valid: {', '.join(vocab.kinds)})")
    if ftype == "relation" and value not in vocab.relations:
        raise where.fail(line, f"unknown relation '{value}'{_suggest(value, vocab.relations)} "
                               f"(valid: {', '.join(vocab.relations)})")
    if ftype == "modality" and value not in MODALITIES:
        raise where.fail(line, f"unknown modality '{value}' (valid: {', '.join(MODALITIES)})")
    if ftype == "timestamp":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise where.fail(line, f"'{name}' must be an ISO timestamp such as "
                                   f"2025-01-31T09:30:00Z, got '{value}'") from None
    if ftype == "date" and not _DATE.fullmatch(value):
        raise where.fail(line, f"'{name}' must be a date such as 2024-11-05, got '{value}'")
    return value


def _check_fields(
    fields: Mapping[str, tuple[Any, int | None, int | None]], where: _Where, line: int | None
) -> dict[str, Any]:
    """Check one action given as ``{field: (value, key_line, value_line)}``."""
    if "op" not in fields:
        raise where.fail(line, f"missing field 'op' (one of: {', '.join(OPS)})")
    op, _, op_line = fields["op"]
    if not isinstance(op, str):
        raise where.fail(op_line, f"'op' must be text, got {_describe(op)}")
    if op not in OPS:
        raise where.fail(op_line, f"unknown op '{op}'{_suggest(op, OPS)} "
                                  f"(valid: {', '.join(OPS)})")
    where.op = op
    required, optional = OPS[op]
    allowed = (*required, *optional, *COMMON_FIELDS)
    for name, (_, key_line, _) in fields.items():
        if name != "op" and name not in allowed:
            raise where.fail(key_line, f"unknown field '{name}'{_suggest(name, allowed)} "
                                       f"(expected: {', '.join(allowed)})")
    for name in required:
        if name not in fields:
            raise where.fail(line, f"missing field '{name}' (needs: {', '.join(required)})")
    out: dict[str, Any] = {"op": op}
    for name in allowed:
        if name in fields:
            value, _, value_line = fields[name]
            out[name] = _check_value(name, value, where, value_line)
    if op == "merge" and norm(out["keep"]) in {norm(d) for d in out["drop"]}:
        raise where.fail(line, f"'{out['keep']}' is both kept and dropped")
    if op in ("add_edge", "drop_edge") and norm(out["source"]) == norm(out["target"]):
        raise where.fail(line, f"source and target are the same ('{out['source']}')")
    return out


def check_action(action: Mapping[str, Any], *, path: str | Path | None = None,
                 index: int | None = None) -> dict[str, Any]:
    """Check one action made in code (the app) and return it normalised.

    Parameters
    ----------
    action : ``{"op": ..., field: value, ...}``.
    path, index : name the file and the action number in messages (``index=None``
        says "new action").

    Returns
    -------
    dict : the action with its fields in the canonical order, text stripped,
        ``drop`` as a list and timestamps as ISO strings.

    Raises
    ------
    CurationError : what is wrong, e.g. ``"new action (merge): unknown field 'kep'"``.

    Examples
    --------
    >>> check_action({"op": "merge", "keep": "Russia", "drop": "Kremlin"})
    {'op': 'merge', 'keep': 'Russia', 'drop': ['Kremlin']}
    """
    where = _Where(str(path) if path is not None else None, index)
    if not isinstance(action, Mapping):
        raise where.fail(None, f"expected a mapping with 'op', got {_describe(action)}")
    return _check_fields({str(k): (v, None, None) for k, v in action.items()}, where, None)


# ------------------------------------------------------------------ reading
def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _compose(text: str, name: str) -> tuple[yaml.SafeLoader, Node | None]:
    loader = yaml.SafeLoader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot parse"
        where = f"{name}, line {mark.line + 1}" if mark else name
        raise CurationError(f"{where}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise CurationError(f"{name}: invalid YAML: {exc}") from None


def _construct(loader: yaml.SafeLoader, node: Node, name: str) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        raise CurationError(f"{name}, line {_line(node)}: invalid YAML value: {problem}") from None


def _items(loader: yaml.SafeLoader, node: MappingNode, name: str,
           where: _Where | None = None) -> dict[str, tuple[Node, Node]]:
    """The key -> (key node, value node) pairs of a mapping; duplicates are an error."""
    try:
        loader.flatten_mapping(node)
    except yaml.MarkedYAMLError as exc:
        raise CurationError(f"{name}, line {_line(node)}: invalid YAML: {exc.problem}") from None
    out: dict[str, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            msg = "a field name must be text"
            raise (where.fail(_line(key_node), msg) if where
                   else CurationError(f"{name}, line {_line(key_node)}: {msg}"))
        key = key_node.value
        if key in out:
            msg = f"field '{key}' given twice (lines {_line(out[key][0])} and {_line(key_node)})"
            raise (where.fail(_line(key_node), msg) if where
                   else CurationError(f"{name}, line {_line(key_node)}: {msg}"))
        out[key] = (key_node, value_node)
    return out


def _kind_of(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the value '{node.value}'"


def _peek_op(item: Node) -> str | None:
    """The op of an action node, if it plainly has a known one (for early messages)."""
    if isinstance(item, MappingNode):
        for key, value in item.value:
            if (isinstance(key, ScalarNode) and key.value == "op"
                    and isinstance(value, ScalarNode) and value.value in OPS):
                return value.value
    return None


def _parse(text: str, name: str) -> CurationActions:
    """Check the text of a curation file; the actions with their lines."""
    loader, root = _compose(text, name)
    try:
        if root is None:
            return CurationActions(path=name, lines=[])
        if not isinstance(root, MappingNode):
            raise CurationError(f"{name}, line {_line(root)}: expected a mapping with "
                                f"'version' and 'actions', got {_kind_of(root)}")
        top = _items(loader, root, name)
        for key, (key_node, _) in top.items():
            if key not in ("version", "actions"):
                raise CurationError(
                    f"{name}, line {_line(key_node)}: unknown top-level field '{key}'"
                    f"{_suggest(key, ('version', 'actions'))} (expected: version, actions)")
        if "version" in top:
            version = _construct(loader, top["version"][1], name)
            if version != VERSION or isinstance(version, bool):
                raise CurationError(f"{name}, line {_line(top['version'][1])}: unsupported "
                                    f"version {version!r} (this Relate reads version {VERSION})")
        if "actions" not in top:
            raise CurationError(f"{name}, line {_line(root)}: no 'actions' list "
                                "(write 'actions: []' for none)")
        seq = top["actions"][1]
        if isinstance(seq, ScalarNode) and seq.tag == "tag:yaml.org,2002:null":
            return CurationActions(path=name, lines=[])
        if not isinstance(seq, SequenceNode):
            raise CurationError(f"{name}, line {_line(seq)}: 'actions' must be a list, "
                                f"got {_kind_of(seq)}")
        actions, lines = [], []
        for i, item in enumerate(seq.value, 1):
            where = _Where(name, i, _peek_op(item))
            line = _line(item)
            if not isinstance(item, MappingNode):
                raise where.fail(line, f"expected a mapping with 'op', got {_kind_of(item)}")
            fields = {
                key: (_construct(loader, v, name), _line(k), _line(v))
                for key, (k, v) in _items(loader, item, name, where).items()
            }
            actions.append(_check_fields(fields, where, line))
            lines.append(line)
        return CurationActions(actions, path=name, lines=lines)
    finally:
        loader.dispose()


def _read_text(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise CurationError(f"{path}: cannot read ({exc.strerror})") from None


def load_curation(path: str | Path) -> CurationActions:
    """Read and check a curation file.

    Parameters
    ----------
    path : the YAML file; a missing file gives no actions.

    Returns
    -------
    CurationActions : a list of normalised action dicts (see :func:`check_action`)
        with ``path``, ``lines`` and ``exists``.

    Raises
    ------
    CurationError : the file is not valid; the message names the file, the line
        and what is wrong, e.g. ``"c.yaml, line 7: action 2 (merge): unknown field 'kep';
        did you mean 'keep'? ..."``.
    """
    path = Path(path)
    text = _read_text(path)
    if text is None:
        return CurationActions(path=path, lines=[], exists=False)
    actions = _parse(text, str(path))
    actions.path = path
    return actions


# ------------------------------------------------------------------ applying
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
            "merged": {}, "label": {}, "alias": {}, "word": {}}
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
                return None, (f"'{name}' names {len(hits)} entities ({', '.join(hits)}); "
                              "use the id")
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


def _evidence_key(e: dict[str, Any]) -> tuple[str, int]:
    return (str(e.get("document", "")), int(e.get("start", 0) or 0))


def _combine_edges(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The attributes of one edge standing for the two facts a and b."""
    out = {**b, **a}
    out["evidence"] = sorted(_union(a.get("evidence") or [], b.get("evidence") or []),
                             key=_evidence_key)
    out["documents"] = sorted(set(a.get("documents") or []) | set(b.get("documents") or []))
    out["sources"] = sorted(set(a.get("sources") or []) | set(b.get("sources") or []))
    ma, mb = a.get("modality") or "asserted", b.get("modality") or "asserted"
    out["modality"] = ma if MODALITY_RANK.get(ma, 0) >= MODALITY_RANK.get(mb, 0) else mb
    dates = [d for d in (a.get("date"), b.get("date")) if d]
    out["date"] = min(dates) if dates else ""
    if a.get("curated") or b.get("curated"):
        out["curated"] = True
    notes = _union(a.get("curation_notes") or [], b.get("curation_notes") or [])
    if notes:
        out["curation_notes"] = notes
    return out


def _is_directed(relation: str) -> bool:
    spec = load_vocab().relations.get(relation)
    return bool(spec["directed"]) if spec else True


def _find_edge(G: nx.MultiDiGraph, s: str, t: str, relation: str) -> tuple[str, str, Any] | None:
    """The (s, t, key) of the edge stating relation between s and t (either way if undirected)."""
    ends = [(s, t)] if _is_directed(relation) else [(s, t), (t, s)]
    for u, v in ends:
        for key, data in (G.get_edge_data(u, v) or {}).items():
            if data.get("relation", key) == relation:
                return u, v, key
    return None


def _join_edge(G: nx.MultiDiGraph, s: str, t: str, key: Any, data: dict[str, Any]) -> None:
    found = _find_edge(G, s, t, data.get("relation", key))
    if found is None:
        G.add_edge(s, t, key=key, **data)
    else:
        u, v, k = found
        G.edges[u, v, k].update(_combine_edges(dict(G.edges[u, v, k]), data))


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
    for d in drops:
        kd, dd = G.nodes[keep], G.nodes[d]
        label = str(dd.get("label", d))
        attrs = {
            "aliases": sorted(set(kd.get("aliases") or []) | set(dd.get("aliases") or []) | {label}),
            "mentions": int(kd.get("mentions") or 0) + int(dd.get("mentions") or 0),
            "documents": sorted(set(kd.get("documents") or []) | set(dd.get("documents") or [])),
            "role": kd.get("role") or dd.get("role") or "",
            "merged_from": _union(kd.get("merged_from") or [], [d, *(dd.get("merged_from") or [])]),
            "merged_labels": _union(kd.get("merged_labels") or [],
                                    [label, *(dd.get("merged_labels") or [])]),
        }
        if dd.get("curation_notes"):
            attrs["curation_notes"] = _union(kd.get("curation_notes") or [], dd["curation_notes"])
        _mark_node(names, keep, a, f"merged {label} ({d})", **attrs)
        moved = [*G.out_edges(d, keys=True, data=True),
                 *((s, t, k, x) for s, t, k, x in G.in_edges(d, keys=True, data=True) if s != d)]
        for s, t, k, data in moved:
            ns, nt = (keep if s == d else s), (keep if t == d else t)
            if ns == nt:
                lost += 1
                continue
            _join_edge(G, ns, nt, k, dict(data))
        names.drop(d)
        G.remove_node(d)
        out.applied = True
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
    out.detail = (f"removed {', '.join(f'{u} {k} {v}' for u, v, k in doomed)} "
                  f"({evidence} piece(s) of evidence)")
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
    evidence = {"document": CURATION_DOCUMENT, "sentence": a["note"], "start": 0, "end": 0,
                "analyst": a["analyst"]}
    if a.get("when"):
        evidence["when"] = a["when"]
    new = {
        "relation": rel, "evidence": [evidence], "modality": a.get("modality") or "asserted",
        "documents": [], "sources": [f"analyst: {a['analyst']}"], "date": a.get("date") or "",
        "curated": True, "curation_notes": [_note(a, "added")],
    }
    found = _find_edge(G, s, t, rel)
    if found is None:
        G.add_edge(s, t, key=rel, **new)
        out.detail = f"added {s} {rel} {t}"
    else:
        old = dict(G.edges[found])
        merged = _combine_edges(old, {**new, "curation_notes": [_note(a, "confirmed")]})
        # the analyst's modality, when given, overrides the extracted one
        merged["modality"] = a.get("modality") or old.get("modality") or "asserted"
        G.edges[found].update(merged)
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
    G.add_node(nid, id=nid, label=a["label"], kind=a["kind"], aliases=[a["label"]], mentions=0,
               documents=[], role=a.get("role") or "", curated=True,
               curation_notes=[_note(a, "added")])
    names.add(nid)
    out.applied, out.detail = True, f"added {nid}"
    return out


_APPLY: dict[str, Callable[[_Names, dict[str, Any]], _Outcome]] = {
    "merge": _apply_merge,
    "rename": _apply_rename,
    "set_kind": _apply_set_kind,
    "set_role": _apply_set_role,
    "drop_entity": _apply_drop_entity,
    "drop_edge": _apply_drop_edge,
    "add_edge": _apply_add_edge,
    "add_entity": _apply_add_entity,
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
        log.append({"action": i, "line": line, "op": op, "status": status,
                    "detail": outcome.detail, "problems": outcome.problems})
    H.graph["curation"] = {
        "file": str(path) if path is not None else None,
        "applied": sum(1 for e in log if e["status"] != "skipped"),
        "skipped": sum(1 for e in log if e["status"] == "skipped"),
        "actions": log,
    }
    return H


# ------------------------------------------------------------------ writing
def _header(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    header = "".join(lines).rstrip()
    if "#" not in header:
        return DEFAULT_HEADER
    return header + "\n"


def _render_item(action: dict[str, Any], prefix: str = "  - ") -> str:
    lines: list[str] = []
    for key, value in action.items():
        if isinstance(value, list):
            flow = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                                  width=10_000).strip()
            lines.append(f"{key}: {flow}")
        else:
            dumped = yaml.safe_dump({key: value}, default_flow_style=False, sort_keys=False,
                                    allow_unicode=True, width=10_000)
            lines.extend(dumped.splitlines())
    pad = " " * len(prefix)
    return "".join((prefix if i == 0 else pad) + line + "\n" for i, line in enumerate(lines))


def _render(header: str, actions: list[dict[str, Any]]) -> str:
    if not actions:
        return f"{header}version: {VERSION}\nactions: []\n"
    return f"{header}version: {VERSION}\nactions:\n" + "".join(_render_item(a) for a in actions)


def _actions_node(text: str) -> SequenceNode | None:
    loader, root = _compose(text, "")
    loader.dispose()
    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if (isinstance(key, ScalarNode) and key.value == "actions"
                and isinstance(value, SequenceNode) and not value.flow_style and value.value):
            return value
    return None


def _item_prefix(text: str, item: Node) -> tuple[int, str] | None:
    start = text.rfind("\n", 0, item.start_mark.index) + 1
    prefix = text[start:item.start_mark.index]
    return (start, prefix) if _DASH_PREFIX.fullmatch(prefix) else None


def _append_text(text: str, action: dict[str, Any]) -> str | None:
    """The text with the action added after the last one, comments kept; None if unsure."""
    seq = _actions_node(text)
    if seq is None:
        return None
    found = _item_prefix(text, seq.value[-1])
    if found is None:
        return None
    item = _render_item(action, found[1])
    at = seq.end_mark.index
    if at >= len(text):
        return text + ("" if text.endswith("\n") else "\n") + item
    if seq.end_mark.column == 0:
        return text[:at] + item + text[at:]
    return None


def _content_end(node: Node) -> int:
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return max(_content_end(n) for pair in node.value for n in pair)
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return max(_content_end(n) for n in node.value)
    return node.end_mark.index


def _undo_text(text: str) -> str | None:
    """The text without its last action, comments kept; None if unsure."""
    seq = _actions_node(text)
    if seq is None or len(seq.value) < 2:
        return None
    last = seq.value[-1]
    found = _item_prefix(text, last)
    if found is None:
        return None
    end = text.find("\n", _content_end(last))
    end = len(text) if end < 0 else end + 1
    return text[:found[0]] + text[end:]


def _save(path: Path, text: str, edited: str | None, actions: list[dict[str, Any]]) -> None:
    """Write the edited text if it reads back as the actions, else the file re-rendered."""
    from .export import atomic_write

    for candidate in (edited, _render(_header(text), actions)):
        if candidate is None:
            continue
        try:
            if list(_parse(candidate, str(path))) == actions:
                atomic_write(path, candidate)
                return
        except CurationError:
            continue
    raise CurationError(f"{path}: cannot write these actions so that they read back the same")


def write_curation(path: str | Path, actions: Iterable[Mapping[str, Any]]) -> None:
    """Write a whole curation file atomically, keeping the existing file's header comment.

    Every action is checked first (:func:`check_action`); nothing is written if one
    is invalid.
    """
    path = Path(path)
    checked = [check_action(a, path=path, index=i) for i, a in enumerate(actions, 1)]
    _save(path, _read_text(path) or "", None, checked)


def append_action(path: str | Path, action: Mapping[str, Any]) -> dict[str, Any]:
    """Check an action, stamp it and add it at the end of the curation file, atomically.

    The file is created (with a header comment explaining the format) if missing;
    the comments already in it are kept. An invalid action or an invalid existing
    file raises :class:`~graph.errors.CurationError` and writes nothing.

    Returns
    -------
    dict : the action as written (normalised, with ``when`` in UTC if it had none).
    """
    path = Path(path)
    new = check_action(action, path=path)
    if "when" not in new:
        new["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    text = _read_text(path) or ""
    existing = list(_parse(text, str(path)))
    _save(path, text, _append_text(text, new), [*existing, new])
    return new


def undo_last(path: str | Path) -> dict[str, Any] | None:
    """Remove the last action of the curation file atomically and return it.

    Returns None (and writes nothing) when the file is missing or has no action.
    """
    path = Path(path)
    text = _read_text(path)
    if text is None:
        return None
    existing = list(_parse(text, str(path)))
    if not existing:
        return None
    _save(path, text, _undo_text(text), existing[:-1])
    return existing[-1]
