"""Checking curation actions: the ops, their fields and the value each field takes.

An invalid action raises :class:`~graph.errors.CurationError` naming the file, the
line, the action number and what is wrong, with a suggestion for a misspelt name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..edges import MODALITIES
from ..errors import CurationError
from ..vocab import load_vocab, norm

__all__ = [
    "COMMON_FIELDS",
    "CURATION_DOCUMENT",
    "FIELD_TYPES",
    "MODALITIES",
    "OPS",
    "VERSION",
    "CurationActions",
    "check_action",
]

VERSION = 1
CURATION_DOCUMENT = "curation"

#: op -> (required fields, optional fields), in the order they are written.
OPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("keep", "drop"), ()),
    "rename": (("entity", "label"), ()),
    "set_kind": (("entity", "kind"), ()),
    "set_role": (("entity", "role"), ()),
    "drop_entity": (("entity",), ()),
    "drop_edge": (("source", "target"), ("relation",)),
    "add_edge": (
        ("source", "target", "relation", "note", "analyst"),
        ("modality", "date", "document", "sentence", "start", "end"),
    ),
    "add_entity": (("label", "kind"), ("role",)),
    # review decisions on an edge (graph/curate/review.py)
    "accept_edge": (("source", "target", "relation"), ()),
    "reject_edge": (("source", "target", "relation"), ()),
    "set_relation": (("source", "target", "relation", "new_relation"), ()),
    "reverse_edge": (("source", "target", "relation"), ()),
}
COMMON_FIELDS = ("note", "analyst", "when")

FIELD_TYPES = {
    "keep": "entity",
    "drop": "entities",
    "entity": "entity",
    "source": "entity",
    "target": "entity",
    "label": "text",
    "role": "role",
    "kind": "kind",
    "relation": "relation",
    "new_relation": "relation",
    "note": "text",
    "analyst": "text",
    "modality": "modality",
    "when": "timestamp",
    "date": "date",
    "document": "text",
    "sentence": "text",
    "start": "offset",
    "end": "offset",
}


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


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
        return (
            f"{str(value).lower()} (YAML reads yes/no/on/off/true/false as booleans; "
            "quote the text)"
        )
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value} (quote it if it is text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _check_value(
    name: str, value: Any, where: _Where, line: int | None, ftype: str | None = None
) -> Any:
    """The normalised value of one field, or CurationError."""
    ftype = ftype or FIELD_TYPES[name]
    vocab = load_vocab()
    if ftype == "entities":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise where.fail(
                line, f"'{name}' must be an entity or a list of entities, got {_describe(value)}"
            )
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
    if ftype == "offset":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise where.fail(
                line, f"'{name}' must be a character offset (0 or more), got {_describe(value)}"
            )
        return value
    if not isinstance(value, str):
        raise where.fail(line, f"'{name}' must be text, got {_describe(value)}")
    value = value.strip()
    if ftype == "role":
        return value
    if not value:
        raise where.fail(line, f"'{name}' is empty")
    if ftype == "kind" and value not in vocab.kinds:
        raise where.fail(
            line,
            f"unknown kind '{value}'{_suggest(value, vocab.kinds)} "
            f"(valid: {', '.join(vocab.kinds)})",
        )
    if ftype == "relation" and value not in vocab.relations:
        raise where.fail(
            line,
            f"unknown relation '{value}'{_suggest(value, vocab.relations)} "
            f"(valid: {', '.join(vocab.relations)})",
        )
    if ftype == "modality" and value not in MODALITIES:
        raise where.fail(line, f"unknown modality '{value}' (valid: {', '.join(MODALITIES)})")
    if ftype == "timestamp":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise where.fail(
                line,
                f"'{name}' must be an ISO timestamp such as 2025-01-31T09:30:00Z, got '{value}'",
            ) from None
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
        raise where.fail(op_line, f"unknown op '{op}'{_suggest(op, OPS)} (valid: {', '.join(OPS)})")
    where.op = op
    required, optional = OPS[op]
    allowed = (*required, *optional, *COMMON_FIELDS)
    for name, (_, key_line, _) in fields.items():
        if name != "op" and name not in allowed:
            raise where.fail(
                key_line,
                f"unknown field '{name}'{_suggest(name, allowed)} (expected: {', '.join(allowed)})",
            )
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
    if "source" in out and norm(out["source"]) == norm(out["target"]):
        raise where.fail(line, f"source and target are the same ('{out['source']}')")
    if ("start" in out) != ("end" in out) or ("start" in out and "document" not in out):
        raise where.fail(line, "'start' and 'end' go together, with the 'document' they are in")
    if "start" in out and out["end"] <= out["start"]:
        raise where.fail(line, f"'end' ({out['end']}) must come after 'start' ({out['start']})")
    return out


def check_action(
    action: Mapping[str, Any], *, path: str | Path | None = None, index: int | None = None
) -> dict[str, Any]:
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
