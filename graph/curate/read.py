"""Reading a curation file: YAML with the line of every action, checked before use.

A missing file gives no actions; an invalid one raises
:class:`~graph.errors.CurationError` naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import CurationError
from .check import OPS, VERSION, CurationActions, _check_fields, _suggest, _Where

__all__ = ["load_curation"]


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


def _items(
    loader: yaml.SafeLoader, node: MappingNode, name: str, where: _Where | None = None
) -> dict[str, tuple[Node, Node]]:
    """The key -> (key node, value node) pairs of a mapping; duplicates are an error."""
    try:
        loader.flatten_mapping(node)
    except yaml.MarkedYAMLError as exc:
        raise CurationError(f"{name}, line {_line(node)}: invalid YAML: {exc.problem}") from None
    out: dict[str, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            msg = "a field name must be text"
            raise (
                where.fail(_line(key_node), msg)
                if where
                else CurationError(f"{name}, line {_line(key_node)}: {msg}")
            )
        key = key_node.value
        if key in out:
            msg = f"field '{key}' given twice (lines {_line(out[key][0])} and {_line(key_node)})"
            raise (
                where.fail(_line(key_node), msg)
                if where
                else CurationError(f"{name}, line {_line(key_node)}: {msg}")
            )
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
            if (
                isinstance(key, ScalarNode)
                and key.value == "op"
                and isinstance(value, ScalarNode)
                and value.value in OPS
            ):
                return value.value
    return None


def _parse(text: str, name: str) -> CurationActions:
    """Check the text of a curation file; the actions with their lines."""
    loader, root = _compose(text, name)
    try:
        if root is None:
            return CurationActions(path=name, lines=[])
        if not isinstance(root, MappingNode):
            raise CurationError(
                f"{name}, line {_line(root)}: expected a mapping with "
                f"'version' and 'actions', got {_kind_of(root)}"
            )
        top = _items(loader, root, name)
        for key, (key_node, _) in top.items():
            if key not in ("version", "actions"):
                raise CurationError(
                    f"{name}, line {_line(key_node)}: unknown top-level field '{key}'"
                    f"{_suggest(key, ('version', 'actions'))} (expected: version, actions)"
                )
        if "version" in top:
            version = _construct(loader, top["version"][1], name)
            if version != VERSION or isinstance(version, bool):
                raise CurationError(
                    f"{name}, line {_line(top['version'][1])}: unsupported "
                    f"version {version!r} (this Relate reads version {VERSION})"
                )
        if "actions" not in top:
            raise CurationError(
                f"{name}, line {_line(root)}: no 'actions' list (write 'actions: []' for none)"
            )
        seq = top["actions"][1]
        if isinstance(seq, ScalarNode) and seq.tag == "tag:yaml.org,2002:null":
            return CurationActions(path=name, lines=[])
        if not isinstance(seq, SequenceNode):
            raise CurationError(
                f"{name}, line {_line(seq)}: 'actions' must be a list, got {_kind_of(seq)}"
            )
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
