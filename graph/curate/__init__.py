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
                        evidence), ``analyst: NAME``, ``modality*``, ``date*``;
                        ``document*``, ``sentence*``, ``start*``, ``end*``: a
                        sentence of an article as the evidence, at its offsets
``add_entity``          ``label: TEXT``, ``kind: KIND``, ``role*``
``accept_edge``         ``source``, ``target``, ``relation``: the edge is right
``reject_edge``         ``source``, ``target``, ``relation``: wrong, removed
``set_relation``        ``source``, ``target``, ``relation``, ``new_relation: REL``
``reverse_edge``        ``source``, ``target``, ``relation``: swap its direction
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
the source ``"analyst: NAME"``. Reviewed edges (:mod:`graph.curate.review`) get
``reviewed`` (``accepted`` or ``corrected``), ``reviewed_by`` and ``reviewed_at``.
The JSON export keeps them all; GraphML, GEXF and CSV
flatten the lists with ``" | "``.
"""

from __future__ import annotations

from .apply import apply_curation
from .check import OPS, CurationActions, check_action
from .read import load_curation
from .write import append_action, undo_last, write_curation

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
