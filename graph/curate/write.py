"""Writing a curation file: append an action, undo the last one, or write it whole.

Every write is atomic and keeps the comments already in the file; the result is
read back and must give the same actions, else nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import CurationError
from ..export import atomic_write
from .check import VERSION, check_action
from .read import _compose, _parse, _read_text

__all__ = ["DEFAULT_HEADER", "append_action", "undo_last", "write_curation"]

DEFAULT_HEADER = """\
# Relate curation file: analyst corrections applied, in order, after every build.
# Format: {version: 1, actions: [...]}; each action is a mapping with an `op`:
#   merge {keep, drop: [..]} | rename {entity, label} | set_kind {entity, kind}
#   set_role {entity, role} | drop_entity {entity} | drop_edge {source, target, relation}
#   add_edge {source, target, relation, note, analyst} | add_entity {label, kind}
#   accept_edge | reject_edge | reverse_edge {source, target, relation}
#   set_relation {source, target, relation, new_relation}
# Optional on every action: when (ISO timestamp), analyst, note.
# Entities are node ids (state:russia) or any label or alias. See README "Curation".
"""

_DASH_PREFIX = re.compile(r"[ \t]*-[ \t]+")


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
            flow = yaml.safe_dump(
                value, default_flow_style=True, allow_unicode=True, width=10_000
            ).strip()
            lines.append(f"{key}: {flow}")
        else:
            dumped = yaml.safe_dump(
                {key: value},
                default_flow_style=False,
                sort_keys=False,
                allow_unicode=True,
                width=10_000,
            )
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
        if (
            isinstance(key, ScalarNode)
            and key.value == "actions"
            and isinstance(value, SequenceNode)
            and not value.flow_style
            and value.value
        ):
            return value
    return None


def _item_prefix(text: str, item: Node) -> tuple[int, str] | None:
    start = text.rfind("\n", 0, item.start_mark.index) + 1
    prefix = text[start : item.start_mark.index]
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
    return text[: found[0]] + text[end:]


def _save(path: Path, text: str, edited: str | None, actions: list[dict[str, Any]]) -> None:
    """Write the edited text if it reads back as the actions, else the file re-rendered."""
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
