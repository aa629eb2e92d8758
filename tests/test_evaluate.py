"""``python -m graph evaluate`` scores exactly as the reference scorer does.

The reference is ``../shared/score.py``, run as a subprocess on a graph JSON
file; its report must equal ``format_score(score_graph(...))`` and the output of
``graph.cli.main(["evaluate", "--graph", ...])`` line for line. The graphs are
the seed graph, the graph of the dev articles, and perturbed copies of both:
edges removed, wrong edges added, nodes renamed, denials pointed at incidents,
alliances reversed, duplicates, edges touching incidents.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph.cli import main
from graph.errors import RelateError
from graph.evaluate import format_score, load_gold, score_graph
from graph.export import graph_to_json_data

Data = dict[str, Any]
LAST_LINE = re.compile(
    r"relations F1=(?P<f1>[\d.]+) P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) "
    r"entities R=(?P<er>[\d.]+) P=(?P<ep>[\d.]+)$"
)


def _article_of(gold_path: Path) -> Path:
    """The article a gold file annotates (its ``article`` field, beside it or one up)."""
    rel = json.loads(gold_path.read_text(encoding="utf-8"))["article"]
    for base in (gold_path.parent, gold_path.parent.parent):
        if (base / rel).is_file():
            return (base / rel).resolve()
    raise FileNotFoundError(rel)


@pytest.fixture(scope="module")
def seed_gold(shared_dir) -> list[Path]:
    return [shared_dir / "gold" / "seed.json"]


@pytest.fixture(scope="module")
def dev_golds(shared_dir) -> list[Path]:
    paths = sorted((shared_dir / "dev" / "gold").glob("*.json"))
    if not paths:
        pytest.skip("no dev gold files")
    return paths


@pytest.fixture(scope="module")
def seed_data(seed_graph) -> Data:
    return json.loads(json.dumps(graph_to_json_data(seed_graph)))


@pytest.fixture(scope="module")
def dev_data(dev_golds, vocab, nlp) -> Data:
    from graph.build import build_graph
    from graph.ingest import read_article

    articles = [read_article(_article_of(p)) for p in dev_golds]
    G = build_graph(articles, vocab=vocab, nlp=nlp)
    return json.loads(json.dumps(graph_to_json_data(G)))


def _reference(shared_dir: Path, graph_path: Path, golds: list[Path], *flags: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(shared_dir / "score.py"), str(graph_path), *map(str, golds), *flags],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return proc.stdout.rstrip("\n")


def _ours(data: Data, golds: list[Path], *, verbose: bool = False) -> str:
    return format_score(score_graph(copy.deepcopy(data), load_gold(golds)), verbose=verbose)


def _write(tmp_path: Path, data: Data, name: str = "graph.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _assert_same(shared_dir: Path, tmp_path: Path, data: Data, golds: list[Path], capsys):
    path = _write(tmp_path, data)
    ref = _reference(shared_dir, path, golds)
    assert LAST_LINE.match(ref.splitlines()[-1]), ref
    assert _ours(data, golds) == ref
    assert main(["evaluate", "--graph", str(path), *map(str, golds)]) == 0
    assert capsys.readouterr().out.rstrip("\n") == ref
    # -v lists the same misses and extras (the reference prints them in set order)
    ref_v = _reference(shared_dir, path, golds, "-v")
    ours_v = _ours(data, golds, verbose=True)
    assert sorted(ours_v.splitlines()) == sorted(ref_v.splitlines())
    assert ours_v.splitlines()[-1] == ref_v.splitlines()[-1]


# --- perturbations of node-link data -------------------------------------------------


def _edges(data: Data) -> list[dict]:
    return data["edges"]


def _node(data: Data, nid: str) -> dict:
    return next(n for n in data["nodes"] if n["id"] == nid)


def _nodes_of(data: Data, kind: str) -> list[str]:
    return sorted(n["id"] for n in data["nodes"] if n.get("kind") == kind)


def drop_every_other_edge(data: Data) -> None:
    data["edges"] = _edges(data)[::2]


def drop_accusations(data: Data) -> None:
    data["edges"] = [e for e in _edges(data) if e["relation"] != "accuses"]


def drop_all_edges(data: Data) -> None:
    data["edges"] = []


def add_wrong_accusations(data: Data) -> None:
    states = _nodes_of(data, "state")
    for a, b in zip(states, states[1:] + states[:1]):
        _edges(data).append({"source": a, "target": b, "relation": "accuses", "key": "accuses"})


def add_edges_to_unknown_nodes(data: Data) -> None:
    data["nodes"].append(
        {"id": "agency:nowhere", "label": "Nowhere Institute", "kind": "agency", "aliases": ["NI"]}
    )
    data["nodes"].append({"id": "person:nobody", "label": "Nobody", "kind": "person"})
    for rel in ("accuses", "denies", "member_of", "affiliated_with"):
        _edges(data).append(
            {"source": "person:nobody", "target": "agency:nowhere", "relation": rel, "key": rel}
        )


def rename_most_mentioned_state(data: Data) -> None:
    states = [n for n in data["nodes"] if n.get("kind") == "state"]
    node = max(states, key=lambda n: (len(n.get("aliases") or []), n["id"]))
    node["label"] = "Ruritania"
    node["aliases"] = ["Ruritanian capital"]


def rename_people_to_surnames(data: Data) -> None:
    for n in data["nodes"]:
        if n.get("kind") == "person":
            n["label"] = n["label"].split()[-1].upper()
            n["aliases"] = []


def label_from_id_only(data: Data) -> None:
    for n in data["nodes"]:
        n.pop("label", None)
        n["aliases"] = None


def denials_to_incidents(data: Data) -> None:
    data["nodes"].append(
        {"id": "incident:made-up", "label": "made-up attack", "kind": "incident", "aliases": []}
    )
    for e in _edges(data):
        if e["relation"] == "denies":
            e["target"] = "incident:made-up"
    actors = _nodes_of(data, "state") + _nodes_of(data, "person")
    _edges(data).append(
        {"source": actors[0], "target": "incident:made-up", "relation": "denies", "key": "denies"}
    )


def incidents_on_both_ends(data: Data) -> None:
    data["nodes"].append({"id": "incident:blast", "label": "blast", "kind": "incident"})
    actor = _nodes_of(data, "state")[0]
    for rel in ("accuses", "member_of", "affiliated_with", "denies"):
        _edges(data).append(
            {"source": "incident:blast", "target": actor, "relation": rel, "key": rel}
        )
        _edges(data).append(
            {"source": actor, "target": "incident:blast", "relation": rel, "key": rel}
        )


def reverse_alliances(data: Data) -> None:
    for e in _edges(data):
        if e["relation"] in ("member_of", "allied_with"):
            e["source"], e["target"] = e["target"], e["source"]


def alliances_as_allied_with_both_ways(data: Data) -> None:
    for e in list(_edges(data)):
        if e["relation"] == "member_of":
            e["relation"] = e["key"] = "allied_with"
            _edges(data).append({**e, "source": e["target"], "target": e["source"]})


def reverse_accusations(data: Data) -> None:
    for e in _edges(data):
        if e["relation"] in ("accuses", "denies"):
            e["source"], e["target"] = e["target"], e["source"]


def duplicate_every_edge(data: Data) -> None:
    data["edges"] = [dict(e, key=f"{e['relation']}-copy") for e in _edges(data)] + _edges(data)


def links_instead_of_edges(data: Data) -> None:
    data["links"] = data.pop("edges")


def merge_two_people(data: Data) -> None:
    people = _nodes_of(data, "person")
    if len(people) < 2:
        return
    keep, gone = people[0], people[1]
    _node(data, keep)["aliases"] = [
        *(_node(data, keep).get("aliases") or []),
        _node(data, gone)["label"],
    ]
    data["nodes"] = [n for n in data["nodes"] if n["id"] != gone]
    for e in _edges(data):
        for end in ("source", "target"):
            if e[end] == gone:
                e[end] = keep
    data["edges"] = [e for e in _edges(data) if e["source"] != e["target"]]


def no_nodes(data: Data) -> None:
    data["nodes"], data["edges"] = [], []


PERTURBATIONS: list[Callable[[Data], None]] = [
    drop_every_other_edge,
    drop_accusations,
    drop_all_edges,
    add_wrong_accusations,
    add_edges_to_unknown_nodes,
    rename_most_mentioned_state,
    rename_people_to_surnames,
    label_from_id_only,
    denials_to_incidents,
    incidents_on_both_ends,
    reverse_alliances,
    alliances_as_allied_with_both_ways,
    reverse_accusations,
    duplicate_every_edge,
    links_instead_of_edges,
    merge_two_people,
    no_nodes,
]


def _perturbed(data: Data, change: Callable[[Data], None]) -> Data:
    out = copy.deepcopy(data)
    change(out)
    return out


# --- the seed graph ----------------------------------------------------------------


def test_seed_graph_scores_as_reference(shared_dir, seed_data, seed_gold, tmp_path, capsys):
    _assert_same(shared_dir, tmp_path, seed_data, seed_gold, capsys)


@pytest.mark.parametrize("change", PERTURBATIONS, ids=lambda f: f.__name__)
def test_perturbed_seed_graph_scores_as_reference(
    shared_dir, seed_data, seed_gold, tmp_path, capsys, change
):
    data = _perturbed(seed_data, change)
    assert data != seed_data
    _assert_same(shared_dir, tmp_path, data, seed_gold, capsys)


def test_perturbations_change_the_score(seed_data, seed_gold):
    """The perturbed graphs are real tests: most of them move the numbers."""
    base = _ours(seed_data, seed_gold)
    changed = {
        f.__name__ for f in PERTURBATIONS if _ours(_perturbed(seed_data, f), seed_gold) != base
    }
    assert {
        "drop_accusations",
        "add_wrong_accusations",
        "rename_most_mentioned_state",
        "denials_to_incidents",
        "reverse_accusations",
        "no_nodes",
    } <= changed
    unchanged = {f.__name__ for f in PERTURBATIONS} - changed
    # the rules say these must not move it: alliances read both ways, duplicates count
    # once, edges touching incidents are not scored, "links" is read like "edges"
    assert unchanged <= {
        "reverse_alliances",
        "alliances_as_allied_with_both_ways",
        "duplicate_every_edge",
        "incidents_on_both_ends",
        "links_instead_of_edges",
        "add_edges_to_unknown_nodes",
        "merge_two_people",
        "rename_people_to_surnames",
    }


# --- the dev articles ----------------------------------------------------------------


def test_dev_graph_scores_as_reference(shared_dir, dev_data, dev_golds, tmp_path, capsys):
    _assert_same(shared_dir, tmp_path, dev_data, dev_golds, capsys)


@pytest.mark.parametrize(
    "change",
    [
        drop_every_other_edge,
        add_wrong_accusations,
        rename_most_mentioned_state,
        denials_to_incidents,
        reverse_alliances,
        reverse_accusations,
        merge_two_people,
    ],
    ids=lambda f: f.__name__,
)
def test_perturbed_dev_graph_scores_as_reference(
    shared_dir, dev_data, dev_golds, tmp_path, capsys, change
):
    _assert_same(shared_dir, tmp_path, _perturbed(dev_data, change), dev_golds, capsys)


def test_one_dev_gold_at_a_time(shared_dir, dev_data, dev_golds, tmp_path, capsys):
    for gold in dev_golds:
        _assert_same(shared_dir, tmp_path, dev_data, [gold], capsys)


# --- the bar the seed article must meet --------------------------------------------------


def test_seed_article_meets_the_bar(seed_gold, capsys):
    assert main(["evaluate", "--quiet", str(seed_gold[0])]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    m = LAST_LINE.match(last)
    assert m, last
    assert float(m["f1"]) >= 0.85, last
    assert float(m["er"]) >= 0.90, last
    assert float(m["ep"]) >= 0.90, last


def test_per_article_report(seed_gold, capsys):
    assert main(["evaluate", "--quiet", "--per-article", str(seed_gold[0])]) == 0
    out = capsys.readouterr().out
    assert "per article:" in out
    line = r"^seed\s+F1=[\d.]+ P=[\d.]+ R=[\d.]+ entR=[\d.]+ entP=[\d.]+"
    assert re.search(line, out, re.MULTILINE)


# --- gold files that are not gold ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{oops", "cannot read gold file"),
        ('{"entities": []}', "not a gold file"),
        ("[1, 2]", "not a gold file"),
    ],
)
def test_bad_gold_file(tmp_path, capsys, text, reason):
    path = tmp_path / "gold.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RelateError) as err:
        load_gold([path])
    assert str(path) in str(err.value) and reason in str(err.value)
    assert main(["evaluate", str(path)]) == 1
    err_lines = capsys.readouterr().err.strip().splitlines()
    assert len(err_lines) == 1 and err_lines[0].startswith("Error: ")
    assert str(path) in err_lines[0]


def test_missing_gold_file(tmp_path, capsys):
    path = tmp_path / "absent.json"
    assert main(["evaluate", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [err[0]] and err[0].startswith("Error: ") and str(path) in err[0]


def test_gold_whose_article_is_missing(tmp_path, capsys):
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps({"article": "nowhere.txt", "entities": [], "relations": []}), encoding="utf-8"
    )
    assert main(["evaluate", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: ") and "article" in err[0]
