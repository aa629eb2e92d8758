"""Analyst curation (graph/curate.py): each operation on the seed graph, survival
across rebuilds, messages for broken files, the CLI, and the app's append / undo."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graph.curate import (
    OPS,
    append_action,
    apply_curation,
    check_action,
    load_curation,
    undo_last,
    write_curation,
)
from graph.errors import CurationError
from graph.export import graph_to_json_data, read_graph, write_graph

NEW_ARTICLE = """Poland shuts Russian consulate after arson attack

Date: 2025-05-12
Source: example-wire

Poland's Foreign Minister Radoslaw Sikorski accused Russia of ordering the arson attack \
that destroyed a shopping centre in Warsaw last year. The Kremlin denied any involvement \
and called the accusation absurd. Sikorski said Poland would close the Russian consulate \
in Krakow.
"""


def snapshot(G: nx.MultiDiGraph) -> str:
    return json.dumps(graph_to_json_data(G), sort_keys=True, default=str)


def write(tmp_path: Path, text: str, name: str = "curation.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(G: nx.MultiDiGraph, *actions: dict, **kw) -> nx.MultiDiGraph:
    return apply_curation(G, list(actions), **kw)


# ------------------------------------------------------------------ operations
def test_merge_moves_aliases_edges_and_evidence(seed_graph):
    before = snapshot(seed_graph)
    peskov_edges = seed_graph.degree("person:dmitry-peskov")
    H = run(seed_graph, {"op": "merge", "keep": "Kremlin", "drop": ["Dmitry Peskov"]})
    assert snapshot(seed_graph) == before, "the input graph must not change"
    assert "person:dmitry-peskov" not in H
    kremlin = H.nodes["agency:kremlin"]
    assert kremlin["curated"] is True
    assert kremlin["merged_from"] == ["person:dmitry-peskov"]
    assert kremlin["merged_labels"] == ["Dmitry Peskov"]
    assert "Dmitry Peskov" in kremlin["aliases"] and "Kremlin" in kremlin["aliases"]
    assert kremlin["mentions"] == (
        seed_graph.nodes["agency:kremlin"]["mentions"]
        + seed_graph.nodes["person:dmitry-peskov"]["mentions"]
    )
    assert kremlin["role"] == "Spokesman"  # the kept node had none
    # both denied Tusk: one edge now, carrying both sentences
    denies = H.edges["agency:kremlin", "person:donald-tusk", "denies"]
    old = [
        *seed_graph.edges["agency:kremlin", "person:donald-tusk", "denies"]["evidence"],
        *seed_graph.edges["person:dmitry-peskov", "person:donald-tusk", "denies"]["evidence"],
    ]
    assert sorted(e["sentence"] for e in denies["evidence"]) == sorted(e["sentence"] for e in old)
    # Peskov's denial of Poland moved with its evidence
    moved = H.edges["agency:kremlin", "state:poland", "denies"]
    assert (
        moved["evidence"]
        == seed_graph.edges["person:dmitry-peskov", "state:poland", "denies"]["evidence"]
    )
    # Peskov affiliated_with Kremlin would be a self-loop: dropped
    assert not any(s == t for s, t in H.edges())
    # every edge of Peskov moved, except the self-loop and the one joined with the Kremlin's
    joined = sum(
        1
        for _, t, k in seed_graph.out_edges("person:dmitry-peskov", keys=True)
        if seed_graph.has_edge("agency:kremlin", t, k)
    )
    assert joined == 1 and peskov_edges >= 3
    assert H.number_of_edges() == seed_graph.number_of_edges() - 1 - joined
    log = H.graph["curation"]["actions"][0]
    assert log["status"] == "applied" and "self-loop" in log["detail"]


def test_merge_keeps_direction_and_dedupes_undirected(seed_graph):
    H = run(
        seed_graph,
        {
            "op": "add_edge",
            "source": "Poland",
            "target": "Ukraine",
            "relation": "allied_with",
            "note": "Joint declaration of 2024.",
            "analyst": "ana",
        },
        {
            "op": "add_edge",
            "source": "Ukraine",
            "target": "Germany",
            "relation": "allied_with",
            "note": "Bilateral security agreement.",
            "analyst": "ana",
        },
        {"op": "merge", "keep": "Poland", "drop": "Germany"},
    )
    # Ukraine-Germany became Ukraine-Poland, joined into the existing Poland-Ukraine edge
    assert not H.has_edge("state:ukraine", "state:poland", "allied_with")
    ev = H.edges["state:poland", "state:ukraine", "allied_with"]["evidence"]
    assert [e["sentence"] for e in ev] == [
        "Joint declaration of 2024.",
        "Bilateral security agreement.",
    ]
    # Germany member_of NATO moved to Poland
    assert H.has_edge("state:poland", "agency:nato", "member_of")


def test_rename_keeps_id_and_old_label(seed_graph):
    H = run(
        seed_graph,
        {
            "op": "rename",
            "entity": "state:united-states",
            "label": "United States of America",
            "analyst": "ana",
        },
        {"op": "set_role", "entity": "United States of America", "role": "superpower"},
    )
    data = H.nodes["state:united-states"]
    assert data["label"] == "United States of America"
    assert "United States" in data["aliases"]
    assert data["curated"] is True and data["role"] == "superpower"
    assert data["curation_notes"][0] == "renamed from United States by ana"
    assert seed_graph.nodes["state:united-states"]["label"] == "United States"


def test_set_kind_and_set_role(seed_graph):
    H = run(
        seed_graph,
        {"op": "set_kind", "entity": "Newsweek", "kind": "agency"},
        {"op": "set_kind", "entity": "sabotage", "kind": "incident"},
        {"op": "set_kind", "entity": "agency:western-intelligence", "kind": "state"},
        {"op": "set_role", "entity": "Tusk", "role": "Prime Minister of Poland"},
        {"op": "set_role", "entity": "Trump", "role": ""},
    )
    assert H.nodes["agency:western-intelligence"]["kind"] == "state"
    assert H.nodes["agency:western-intelligence"]["curated"] is True
    assert H.nodes["person:donald-tusk"]["role"] == "Prime Minister of Poland"
    assert H.nodes["person:donald-trump"]["role"] == ""
    was = seed_graph.nodes["person:donald-trump"]["role"]
    assert H.nodes["person:donald-trump"]["curation_notes"] == [
        f"role cleared (was {was})" if was else "role cleared"
    ]
    assert "curated" not in H.nodes["state:poland"]
    assert sorted(H.edges(keys=True)) == sorted(seed_graph.edges(keys=True))


def test_drop_entity_removes_its_edges(seed_graph):
    H = run(seed_graph, {"op": "drop_entity", "entity": "Chatham House"})
    assert "agency:chatham-house" not in H
    assert seed_graph.degree("agency:chatham-house") >= 1
    assert H.number_of_edges() == (
        seed_graph.number_of_edges() - seed_graph.degree("agency:chatham-house")
    )
    assert H.number_of_nodes() == seed_graph.number_of_nodes() - 1


def test_drop_edge_with_and_without_relation(seed_graph):
    H = run(
        seed_graph, {"op": "drop_edge", "source": "Peskov", "target": "Tusk", "relation": "denies"}
    )
    assert not H.has_edge("person:dmitry-peskov", "person:donald-tusk")
    assert H.has_edge("person:dmitry-peskov", "state:poland", "denies")
    assert H.number_of_edges() == seed_graph.number_of_edges() - 1
    H = run(seed_graph, {"op": "drop_edge", "source": "Tusk", "target": "Russia"})
    assert not H.has_edge("person:donald-tusk", "state:russia")
    # a relation that is not there is reported, nothing removed
    msgs: list[str] = []
    H = run(
        seed_graph,
        {"op": "drop_edge", "source": "Tusk", "target": "Russia", "relation": "supports"},
        report=msgs.append,
    )
    assert H.number_of_edges() == seed_graph.number_of_edges()
    assert msgs == [
        (
            "curation: action 1 (drop_edge): no supports edge from "
            "person:donald-tusk to state:russia; skipped"
        )
    ]


def test_add_edge_new_and_onto_existing(seed_graph):
    H = run(
        seed_graph,
        {
            "op": "add_edge",
            "source": "Poland",
            "target": "Ukraine",
            "relation": "supports",
            "note": "Poland sent air defence systems (MoD, 3 May).",
            "analyst": "Jane Doe",
            "when": "2025-05-03T10:00:00Z",
            "date": "2025-05-03",
        },
        {
            "op": "add_edge",
            "source": "Tusk",
            "target": "Russia",
            "relation": "accuses",
            "note": "Repeated in the Sejm.",
            "analyst": "Jane Doe",
            "modality": "alleged",
        },
    )
    new = H.edges["state:poland", "state:ukraine", "supports"]
    assert new["curated"] is True and new["modality"] == "asserted"
    assert new["sources"] == ["analyst: Jane Doe"] and new["documents"] == []
    assert new["date"] == "2025-05-03"
    assert new["evidence"] == [
        {
            "document": "curation",
            "sentence": "Poland sent air defence systems (MoD, 3 May).",
            "start": 0,
            "end": 0,
            "analyst": "Jane Doe",
            "when": "2025-05-03T10:00:00Z",
            "rule": "analyst",
            "confidence": 1.0,
        }
    ]
    assert new["rule"] == "analyst" and new["confidence"] == 1.0
    old = seed_graph.edges["person:donald-tusk", "state:russia", "accuses"]
    both = H.edges["person:donald-tusk", "state:russia", "accuses"]
    assert len(both["evidence"]) == len(old["evidence"]) + 1
    assert set(both["sources"]) == {*old["sources"], "analyst: Jane Doe"}
    assert both["documents"] == old["documents"]
    assert both["modality"] == "alleged" and both["curated"] is True
    assert "curated" not in old and old["modality"] == "asserted"


def test_add_entity_then_edge(seed_graph):
    H = run(
        seed_graph,
        {"op": "add_entity", "label": "Wagner Group", "kind": "agency"},
        {
            "op": "add_edge",
            "source": "Wagner Group",
            "target": "Russia",
            "relation": "part_of",
            "note": "Known proxy.",
            "analyst": "ana",
        },
    )
    assert H.nodes["agency:wagner-group"]["curated"] is True
    assert H.has_edge("agency:wagner-group", "state:russia", "part_of")
    msgs: list[str] = []
    run(seed_graph, {"op": "add_entity", "label": "Poland", "kind": "state"}, report=msgs.append)
    assert msgs == [
        (
            "curation: action 1 (add_entity): 'Poland' is already in the graph as "
            "state:poland; skipped"
        )
    ]


def test_actions_apply_in_order(seed_graph):
    H = run(
        seed_graph,
        {"op": "merge", "keep": "state:russia", "drop": ["agency:kremlin"]},
        # the merged-away id still names the kept entity
        {"op": "drop_edge", "source": "agency:kremlin", "target": "Tusk", "relation": "denies"},
        {"op": "rename", "entity": "Russia", "label": "Russian Federation"},
        {
            "op": "add_edge",
            "source": "Russian Federation",
            "target": "Poland",
            "relation": "threatens",
            "note": "Missile deployment statement.",
            "analyst": "ana",
        },
        # the old label and the merged-away label are aliases now
        {"op": "set_role", "entity": "Kremlin", "role": "state"},
        {"op": "set_kind", "entity": "Russia", "kind": "state"},
    )
    assert "agency:kremlin" not in H
    assert not H.has_edge("state:russia", "person:donald-tusk")
    assert H.nodes["state:russia"]["label"] == "Russian Federation"
    assert H.has_edge("state:russia", "state:poland", "threatens")
    assert H.nodes["state:russia"]["role"] == "state"
    assert [a["status"] for a in H.graph["curation"]["actions"]] == ["applied"] * 6
    # the other order: the edge is dropped before the merge, so only Russia's own remain
    H2 = run(
        seed_graph,
        {"op": "drop_entity", "entity": "Kremlin"},
        {"op": "merge", "keep": "Russia", "drop": ["Kremlin"]},
        report=lambda m: None,
    )
    assert H2.graph["curation"]["actions"][1]["status"] == "skipped"


def test_unmatched_actions_are_reported_not_silent(seed_graph, tmp_path):
    path = write(
        tmp_path,
        """\
version: 1
actions:
  - op: merge
    keep: Russia
    drop: [Kremlin, Atlantis]
  - op: rename
    entity: Ruritania
    label: Ruritania Republic
""",
    )
    msgs: list[str] = []
    H = apply_curation(seed_graph, path, report=msgs.append)
    assert msgs == [
        "curation: action 1 (merge, line 3): no entity 'Atlantis' in the graph; the rest applied",
        "curation: action 2 (rename, line 6): no entity 'Ruritania' in the graph; skipped",
    ]
    assert "agency:kremlin" not in H
    info = H.graph["curation"]
    assert (info["file"], info["applied"], info["skipped"]) == (str(path), 1, 1)
    assert [a["status"] for a in info["actions"]] == ["partial", "skipped"]
    with pytest.raises(
        CurationError,
        match=r"curation.yaml, line 3: action 1 \(merge\): "
        r"no entity 'Atlantis' in the graph",
    ):
        apply_curation(seed_graph, path, strict=True)


def test_ambiguous_name_is_reported():
    G = nx.MultiDiGraph()
    G.add_node("state:georgia", label="Georgia", kind="state", aliases=["Georgia"])
    G.add_node("person:georgia", label="Georgia", kind="person", aliases=["Georgia"])
    msgs: list[str] = []
    H = run(G, {"op": "drop_entity", "entity": "Georgia"}, report=msgs.append)
    assert H.number_of_nodes() == 2
    assert "names 2 entities (person:georgia, state:georgia); use the id" in msgs[0]


def test_shipped_file_is_empty_and_applies_cleanly(root, seed_graph):
    actions = load_curation(root / "data" / "curation.yaml")
    assert actions == [] and actions.exists
    msgs: list[str] = []
    H = apply_curation(seed_graph, root / "data" / "curation.yaml", report=msgs.append)
    assert msgs == []
    assert sorted(H.edges(keys=True)) == sorted(seed_graph.edges(keys=True))
    # every op is documented in it
    text = (root / "data" / "curation.yaml").read_text()
    assert all(f"op: {op}" in text for op in OPS)


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".csv"])
def test_curated_marks_survive_every_export(seed_graph, tmp_path, suffix):
    H = run(
        seed_graph,
        {"op": "merge", "keep": "Russia", "drop": ["Kremlin"], "note": "same actor"},
        {
            "op": "add_edge",
            "source": "Poland",
            "target": "Russia",
            "relation": "threatens",
            "note": "Closed the consulate.",
            "analyst": "ana",
        },
    )
    out = write_graph(H, tmp_path / f"g{suffix}")
    R = read_graph(out if suffix != ".csv" else tmp_path / "g.csv")
    russia = R.nodes["state:russia"]
    assert russia["curated"] is True
    assert russia["merged_from"] == ["agency:kremlin"]
    assert russia["curation_notes"] == ["merged Kremlin (agency:kremlin): same actor"]
    edge = R.edges["state:poland", "state:russia", "threatens"]
    assert edge["curated"] is True
    assert edge["sources"] == ["analyst: ana"]
    assert edge["evidence"][0]["analyst"] == "ana"
    assert not R.nodes["state:poland"].get("curated")
    assert not R.edges["person:donald-tusk", "state:russia", "accuses"].get("curated")


# ------------------------------------------------------------------ rebuilds
def test_curation_survives_a_new_article(seed_copy, tmp_path, extract_text):
    from graph.pipeline import build_corpus

    path = write(
        tmp_path,
        """\
# analyst corrections
version: 1
actions:
  - op: merge
    keep: Russia
    drop: [Kremlin]
  - op: add_edge
    source: Poland
    target: Ukraine
    relation: supports
    note: Air defence deliveries confirmed by the Polish MoD.
    analyst: Jane Doe
  - op: drop_edge
    source: Peskov
    target: Tusk
    relation: denies
""",
    )
    msgs: list[str] = []
    first = build_corpus([seed_copy], cache_path=None, curation_path=path, report=msgs.append).graph
    (seed_copy / "consulate.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = build_corpus(
        [seed_copy], cache_path=None, curation_path=path, report=msgs.append
    ).graph
    assert msgs == []
    for G in (first, second):
        assert "agency:kremlin" not in G
        assert G.nodes["state:russia"]["merged_from"] == ["agency:kremlin"]
        assert G.edges["state:poland", "state:ukraine", "supports"]["curated"] is True
        assert not G.has_edge("person:dmitry-peskov", "person:donald-tusk", "denies")
    # the Kremlin of the new article was merged too: its edges are now Russia's
    alone = extract_text(NEW_ARTICLE, "consulate.txt")
    kremlin_edges = [
        (s, t, k)
        for s, t, k in alone.edges(keys=True)
        if "agency:kremlin" in (s, t) and {s, t} != {"agency:kremlin", "state:russia"}
    ]
    assert kremlin_edges, "the new article should mention the Kremlin"
    for s, t, k in kremlin_edges:
        s, t = (
            "state:russia" if s == "agency:kremlin" else s,
            "state:russia" if t == "agency:kremlin" else t,
        )
        assert any(d.startswith("consulate") for d in second.edges[s, t, k]["documents"])
    assert second.number_of_nodes() > first.number_of_nodes()


def test_bad_curation_fails_before_reading_articles(monkeypatch, tmp_path):
    from graph import pipeline

    def boom(*a, **k):
        raise AssertionError("articles read before the curation file was checked")

    monkeypatch.setattr(pipeline, "read_articles", boom)
    path = write(tmp_path, "version: 1\nactions:\n  - op: merj\n")
    with pytest.raises(CurationError, match="unknown op 'merj'"):
        pipeline.build_corpus(["seeds"], cache_path=None, curation_path=path)


# ------------------------------------------------------------------ broken files
BROKEN = [
    (
        "version: 1\nactions:\n  - op: merge\n    keep: [Russia\n",
        r"c.yaml, line 5: invalid YAML: expected ',' or ']', but got '<stream end>'",
    ),
    ("version: 1\nactions:\n  - op: merge\n   keep: Russia\n", r"c.yaml, line 4: invalid YAML: "),
    (
        "- op: merge\n",
        (
            r"c.yaml, line 1: expected a mapping with 'version' and 'actions', "
            r"got a list"
        ),
    ),
    (
        "version: 1\nactoins: []\n",
        (
            r"c.yaml, line 2: unknown top-level field 'actoins'; "
            r"did you mean 'actions'\?"
        ),
    ),
    ("version: 2\nactions: []\n", r"c.yaml, line 1: unsupported version 2"),
    ("version: 1\nactions:\n  op: merge\n", r"c.yaml, line 3: 'actions' must be a list"),
    (
        "version: 1\nactions:\n  - merge Kremlin into Russia\n",
        r"c.yaml, line 3: action 1: expected a mapping with 'op'",
    ),
    ("version: 1\nactions:\n  - keep: Russia\n", r"c.yaml, line 3: action 1: missing field 'op'"),
    (
        "version: 1\nactions:\n  - op: merge\n    keep: a\n    drop: [b]\n  - op: merj\n",
        (
            r"c.yaml, line 6: action 2: unknown op 'merj'; did you mean 'merge'\? \(valid: merge, "
            r"rename, set_kind, set_role, drop_entity, drop_edge, add_edge, add_entity, "
            r"accept_edge, reject_edge, set_relation, reverse_edge\)"
        ),
    ),
    (
        "version: 1\nactions:\n  - op: merge\n    kep: Russia\n    drop: [Kremlin]\n",
        r"c.yaml, line 4: action 1 \(merge\): unknown field 'kep'; did you mean 'keep'\?",
    ),
    (
        "version: 1\nactions:\n  - op: merge\n    drop: [Kremlin]\n",
        r"c.yaml, line 3: action 1 \(merge\): missing field 'keep'",
    ),
    (
        (
            "version: 1\nactions:\n  - op: drop_edge\n    source: Tusk\n    target: Russia\n"
            "    relation: acuses\n"
        ),
        (
            r"c.yaml, line 6: action 1 \(drop_edge\): unknown relation 'acuses'; "
            r"did you mean 'accuses'\?"
        ),
    ),
    (
        "version: 1\nactions:\n  - op: set_kind\n    entity: Kremlin\n    kind: org\n",
        r"c.yaml, line 5: action 1 \(set_kind\): unknown kind 'org'",
    ),
    (
        "version: 1\nactions:\n  - op: drop_entity\n    entity: no\n",
        (
            r"c.yaml, line 4: action 1 \(drop_entity\): 'entity' must be text, got false "
            r"\(YAML reads yes/no"
        ),
    ),
    (
        "version: 1\nactions:\n  - op: rename\n    entity: x\n    label: 1984\n",
        r"line 5: action 1 \(rename\): 'label' must be text, got the number 1984",
    ),
    (
        "version: 1\nactions:\n  - op: rename\n    entity: x\n    label: y\n    label: z\n",
        r"line 6: action 1 \(rename\): field 'label' given twice \(lines 5 and 6\)",
    ),
    (
        (
            "version: 1\nactions:\n  - op: add_edge\n    source: Poland\n    target: Russia\n"
            "    relation: accuses\n    note: x\n"
        ),
        r"line 3: action 1 \(add_edge\): missing field 'analyst'",
    ),
    (
        "version: 1\nactions:\n  - op: merge\n    keep: Russia\n    drop: [russia]\n",
        r"line 3: action 1 \(merge\): 'Russia' is both kept and dropped",
    ),
    (
        "version: 1\nactions:\n  - op: rename\n    entity: x\n    label: y\n    when: yesterday\n",
        r"line 6: action 1 \(rename\): 'when' must be an ISO timestamp",
    ),
]


@pytest.mark.parametrize("text, message", BROKEN)
def test_broken_file_message(tmp_path, text, message):
    path = write(tmp_path, text, "c.yaml")
    with pytest.raises(CurationError, match=message) as info:
        load_curation(path)
    assert str(info.value).startswith(str(path))


def test_missing_and_empty_files(tmp_path, seed_graph):
    assert load_curation(tmp_path / "none.yaml") == []
    assert load_curation(write(tmp_path, "# nothing yet\n")) == []
    assert load_curation(write(tmp_path, "version: 1\nactions:\n")) == []
    msgs: list[str] = []
    apply_curation(seed_graph, tmp_path / "none.yaml", report=msgs.append)
    assert msgs == [f"curation: {tmp_path / 'none.yaml'} not found; nothing applied"]
    with pytest.raises(CurationError, match="curation file not found"):
        apply_curation(seed_graph, tmp_path / "none.yaml", strict=True)


def test_actions_given_in_code_are_checked(seed_graph):
    with pytest.raises(CurationError, match=r"action 2 \(add_edge\): unknown relation 'likes'"):
        run(
            seed_graph,
            {"op": "drop_entity", "entity": "Newsweek"},
            {
                "op": "add_edge",
                "source": "a",
                "target": "b",
                "relation": "likes",
                "note": "n",
                "analyst": "x",
            },
        )
    assert check_action(
        {"op": "rename", "entity": " Tusk ", "label": "Donald Tusk", "when": "2025-01-31T09:30:00Z"}
    ) == {"op": "rename", "entity": "Tusk", "label": "Donald Tusk", "when": "2025-01-31T09:30:00Z"}


# ------------------------------------------------------------------ command line
def test_cli_broken_file_exits_1_and_leaves_output(seed_copy, tmp_path, capsys):
    from graph.cli import main

    out = tmp_path / "out.json"
    out.write_bytes(b'{"previous": "build"}\n')
    bad = write(tmp_path, "version: 1\nactions:\n  - op: merge\n    kep: Russia\n")
    code = main(
        [
            "build",
            str(seed_copy),
            "--no-cache",
            "--quiet",
            "--curation",
            str(bad),
            "--out",
            str(out),
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [
        (
            f"Error: {bad}, line 4: action 1 (merge): unknown field 'kep'; did you mean "
            "'keep'? (expected: keep, drop, note, analyst, when)"
        )
    ]
    assert out.read_bytes() == b'{"previous": "build"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curation.yaml", "out.json", "seeds"]


def test_cli_unmatched_entity_reports_or_fails_strict(seed_copy, tmp_path, capsys):
    from graph.cli import main

    out = tmp_path / "out.json"
    path = write(
        tmp_path,
        "version: 1\nactions:\n  - op: drop_entity\n    entity: Atlantis\n"
        "  - op: drop_entity\n    entity: Newsweek\n",
    )
    assert (
        main(
            [
                "build",
                str(seed_copy),
                "--no-cache",
                "--quiet",
                "--curation",
                str(path),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert (
        "curation: action 1 (drop_entity, line 3): no entity 'Atlantis' in the graph; "
        "skipped" in err
    )
    built = out.read_bytes()
    assert "agency:newsweek" not in {n["id"] for n in json.loads(built)["nodes"]}
    assert (
        main(
            [
                "build",
                str(seed_copy),
                "--no-cache",
                "--quiet",
                "--strict-curation",
                "--curation",
                str(path),
                "--out",
                str(out),
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.strip() == (
        f"Error: {path}, line 3: action 1 (drop_entity): no entity 'Atlantis' in the graph"
    )
    assert out.read_bytes() == built


# ------------------------------------------------------------------ app helpers
def test_append_and_undo_round_trip(tmp_path, root):
    path = tmp_path / "curation.yaml"
    path.write_bytes((root / "data" / "curation.yaml").read_bytes())
    header = path.read_text().split("version:")[0]
    merge = append_action(
        path, {"op": "merge", "keep": "state:russia", "drop": ["agency:kremlin"], "analyst": "ana"}
    )
    assert merge["when"].endswith("+00:00")
    add = append_action(
        path,
        {
            "op": "add_edge",
            "source": "state:poland",
            "target": "state:ukraine",
            "relation": "supports",
            "note": "Air defence: 'Patriot' batteries.",
            "analyst": "ana",
        },
    )
    text = path.read_text()
    assert text.startswith(header)
    assert load_curation(path) == [merge, add]
    assert undo_last(path) == add
    assert load_curation(path) == [merge]
    assert undo_last(path) == merge
    assert load_curation(path) == []
    assert undo_last(path) is None
    assert path.read_text() == header + "version: 1\nactions: []\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curation.yaml"]


def test_append_keeps_hand_written_comments(tmp_path):
    path = write(
        tmp_path,
        """\
# team file
version: 1
actions:
  # Peskov speaks for the Kremlin
  - op: merge
    keep: Kremlin
    drop: [Peskov]   # spokesman
""",
    )
    append_action(path, {"op": "drop_entity", "entity": "Newsweek", "when": "2025-01-01T00:00:00Z"})
    assert (
        path.read_text()
        == """\
# team file
version: 1
actions:
  # Peskov speaks for the Kremlin
  - op: merge
    keep: Kremlin
    drop: [Peskov]   # spokesman
  - op: drop_entity
    entity: Newsweek
    when: '2025-01-01T00:00:00Z'
"""
    )
    undo_last(path)
    assert "# spokesman" in path.read_text() and "Newsweek" not in path.read_text()


def test_append_refuses_bad_action_or_bad_file(tmp_path):
    path = write(tmp_path, "version: 1\nactions: []\n")
    with pytest.raises(
        CurationError,
        match=r"curation.yaml: new action \(merge\): "
        r"unknown field 'kep'",
    ):
        append_action(path, {"op": "merge", "kep": "Russia", "drop": ["Kremlin"]})
    assert path.read_text() == "version: 1\nactions: []\n"
    broken = write(tmp_path, "version: 1\nactions: [\n", "broken.yaml")
    with pytest.raises(CurationError, match="broken.yaml, line 3: invalid YAML"):
        append_action(broken, {"op": "drop_entity", "entity": "Newsweek"})
    assert broken.read_text() == "version: 1\nactions: [\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "curation.yaml"]


def test_append_creates_file_with_header(tmp_path):
    path = tmp_path / "sub" / "new.yaml"
    append_action(path, {"op": "drop_entity", "entity": "Newsweek"})
    text = path.read_text()
    assert text.startswith("# Relate curation file")
    assert [a["op"] for a in load_curation(path)] == ["drop_entity"]
    write_curation(path, [{"op": "set_role", "entity": "Tusk", "role": "PM"}])
    assert load_curation(path) == [{"op": "set_role", "entity": "Tusk", "role": "PM"}]
    assert path.read_text().startswith("# Relate curation file")
