"""Join the entities of many articles into one set of real-world entities.

Pure functions, no I/O. Each article's extraction names its entities with
local keys that are already canonical where the vocabulary knows the entity
(``state:russia``, ``agency:nato``) or where a rule built the name
(``agency:russia-intelligence``). What remains to join across articles:

- a surname-only person ("Tusk") with the one full name that ends with it;
- an organisation named by the statistical model with a vocabulary or
  rule-built agency that has the same surface form.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .records import Extraction
from .vocab import norm

__all__ = ["resolve_entities"]


def resolve_entities(extractions: Iterable[Extraction]) -> dict[str, str]:
    """Map every local entity key of the extractions to its global entity id.

    >>> from graph.records import Extraction
    >>> a = Extraction("a", {"person:donald-tusk": {"kind": "person", "label": "Donald Tusk",
    ...     "aliases": ["Donald Tusk"]}}, [])
    >>> b = Extraction("b", {"person:tusk": {"kind": "person", "label": "Tusk",
    ...     "aliases": ["Tusk"]}}, [])
    >>> resolve_entities([a, b])["person:tusk"]
    'person:donald-tusk'
    """
    extractions = list(extractions)
    mapping: dict[str, str] = {}
    records: dict[str, dict] = {}
    for ex in extractions:
        for key, ent in ex.entities.items():
            mapping[key] = key
            rec = records.setdefault(
                key, {"kind": ent["kind"], "label": ent["label"], "aliases": set()}
            )
            rec["aliases"].update(ent.get("aliases", []))

    # surname-only people join the single full name that ends with the surname
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for key, rec in records.items():
        if rec["kind"] == "person" and len(rec["label"].split()) > 1:
            full_by_surname[rec["label"].split()[-1].casefold()].add(key)
    for key, rec in records.items():
        if rec["kind"] != "person" or len(rec["label"].split()) != 1:
            continue
        hits = full_by_surname.get(rec["label"].casefold(), set())
        if len(hits) == 1:
            mapping[key] = next(iter(hits))

    # an agency named by the model that another agency already has as a surface form
    alias_owner: dict[str, set[str]] = defaultdict(set)
    for key, rec in records.items():
        if rec["kind"] == "agency":
            for alias in rec["aliases"] | {rec["label"]}:
                alias_owner[norm(alias)].add(key)
    for key, rec in records.items():
        if rec["kind"] != "agency":
            continue
        owners = alias_owner.get(norm(rec["label"]), set()) - {key}
        canonical = [
            o for o in owners if o < key or len(records[o]["aliases"]) > len(rec["aliases"])
        ]
        if len(owners) == 1 and canonical:
            mapping[key] = canonical[0]

    # follow chains
    for key in list(mapping):
        seen = {key}
        target = mapping[key]
        while mapping.get(target, target) != target and target not in seen:
            seen.add(target)
            target = mapping[target]
        mapping[key] = target
    return mapping
