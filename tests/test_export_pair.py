"""The CSV pair is written as one: both tables or neither, and never read mixed.

``write_csv`` stages both tables before either replaces its old file; a failure
while writing or renaming the second puts the old pair back. Both tables carry
the same build id, and ``read_graph`` refuses a nodes table and an edges table
from two different writes.
"""

from __future__ import annotations

import csv
import os

import networkx as nx
import pytest

from graph import export
from graph.errors import RelateError
from graph.export import atomic_write_many, generate_csv, read_graph, write_graph


def _graph(label: str, relation: str = "accuses") -> nx.MultiDiGraph:
    """Two invented states and one fact between them."""
    G = nx.MultiDiGraph()
    for nid, name in (("state:ruritania", label), ("state:freedonia", "Freedonia")):
        G.add_node(
            nid,
            id=nid,
            label=name,
            kind="state",
            aliases=[name],
            mentions=1,
            documents=["memo-1"],
            role="",
        )
    ev = {"document": "memo-1", "sentence": f"{label} blamed Freedonia.", "start": 0, "end": 20}
    G.add_edge(
        "state:ruritania",
        "state:freedonia",
        key=relation,
        relation=relation,
        evidence=[ev],
        modality="asserted",
        documents=["memo-1"],
        sources=["memo-1"],
        date="",
    )
    return G


def _pair(tmp_path):
    return tmp_path / "g.nodes.csv", tmp_path / "g.edges.csv"


def _build_ids(path) -> set[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["build"] for row in csv.DictReader(fh)}


def _listing(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


def test_both_tables_carry_one_build_id_and_read_back(tmp_path):
    write_graph(_graph("Ruritania"), tmp_path / "g.csv")
    nodes, edges = _pair(tmp_path)
    assert _build_ids(nodes) == _build_ids(edges) and len(_build_ids(nodes)) == 1
    G = read_graph(tmp_path / "g.csv")
    assert "build" not in G.nodes["state:ruritania"]
    assert "build" not in G.edges["state:ruritania", "state:freedonia", "accuses"]
    assert _listing(tmp_path) == ["g.edges.csv", "g.nodes.csv"]


def test_the_build_id_follows_the_content():
    assert generate_csv(_graph("Ruritania")) == generate_csv(_graph("Ruritania"))
    first = generate_csv(_graph("Ruritania"))[0].splitlines()[1].rsplit(",", 1)[1]
    other = generate_csv(_graph("Ruritania", "threatens"))[0].splitlines()[1].rsplit(",", 1)[1]
    assert first != other  # only the edges differ, and the nodes table's id changes too


def test_a_failed_second_write_keeps_the_old_pair(tmp_path, monkeypatch):
    write_graph(_graph("Ruritania"), tmp_path / "g.csv")
    nodes, edges = _pair(tmp_path)
    before = nodes.read_bytes(), edges.read_bytes()
    real = export._stage

    def disk_full_on_edges(path, data):
        if path.name.endswith(".edges.csv"):
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(export, "_stage", disk_full_on_edges)
    with pytest.raises(OSError, match="No space left"):
        write_graph(_graph("New Ruritania", "threatens"), tmp_path / "g.csv")
    assert (nodes.read_bytes(), edges.read_bytes()) == before
    assert _listing(tmp_path) == ["g.edges.csv", "g.nodes.csv"]  # no temporary file left
    assert read_graph(tmp_path / "g.csv").nodes["state:ruritania"]["label"] == "Ruritania"


def test_a_failed_second_rename_puts_the_first_file_back(tmp_path, monkeypatch):
    write_graph(_graph("Ruritania"), tmp_path / "g.csv")
    nodes, edges = _pair(tmp_path)
    before = nodes.read_bytes(), edges.read_bytes()
    real = os.replace

    def fail_on_edges(src, dst):
        if str(dst).endswith(".edges.csv"):
            raise PermissionError(13, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(export.os, "replace", fail_on_edges)
    with pytest.raises(PermissionError):
        write_graph(_graph("New Ruritania", "threatens"), tmp_path / "g.csv")
    monkeypatch.setattr(export.os, "replace", real)
    assert (nodes.read_bytes(), edges.read_bytes()) == before
    assert _listing(tmp_path) == ["g.edges.csv", "g.nodes.csv"]


def test_a_first_write_that_fails_leaves_no_file(tmp_path, monkeypatch):
    real = export._stage

    def fail_on_edges(path, data):
        if path.name.endswith(".edges.csv"):
            raise OSError(5, "Input/output error")
        return real(path, data)

    monkeypatch.setattr(export, "_stage", fail_on_edges)
    with pytest.raises(OSError):
        write_graph(_graph("Ruritania"), tmp_path / "g.csv")
    assert _listing(tmp_path) == []


def test_a_pair_from_two_writes_is_refused(tmp_path):
    write_graph(_graph("Ruritania"), tmp_path / "old.csv")
    write_graph(_graph("New Ruritania", "threatens"), tmp_path / "g.csv")
    nodes, _ = _pair(tmp_path)
    nodes.write_bytes((tmp_path / "old.nodes.csv").read_bytes())  # copied over by hand
    with pytest.raises(
        RelateError,
        match=r"g\.nodes\.csv and g\.edges\.csv are not one pair: "
        r"they come from different writes \(build [0-9a-f]{16} and [0-9a-f]{16}\)",
    ):
        read_graph(tmp_path / "g.csv")


def test_a_stamped_table_beside_an_unstamped_one_is_refused(tmp_path):
    write_graph(_graph("Ruritania"), tmp_path / "g.csv")
    nodes, _ = _pair(tmp_path)
    nodes.write_text("id,label,kind\nstate:ruritania,Ruritania,state\n", encoding="utf-8")
    with pytest.raises(RelateError, match=r"build none and [0-9a-f]{16}"):
        read_graph(tmp_path / "g.csv")


def test_tables_written_before_stamps_still_read(tmp_path):
    nodes, edges = _pair(tmp_path)
    nodes.write_text(
        "id,label,kind\nstate:ruritania,Ruritania,state\nstate:freedonia,Freedonia,state\n",
        encoding="utf-8",
    )
    edges.write_text(
        "source,target,relation\nstate:ruritania,state:freedonia,accuses\n", encoding="utf-8"
    )
    G = read_graph(tmp_path / "g.csv")
    assert list(G.edges(keys=True)) == [("state:ruritania", "state:freedonia", "accuses")]


def test_write_many_replaces_every_file_or_none(tmp_path, monkeypatch):
    a, b, c = (tmp_path / n for n in ("a.txt", "b.txt", "c.txt"))
    atomic_write_many([(a, "a1"), (b, "b1")])
    real = os.replace
    calls = []

    def fail_third(src, dst):
        calls.append(dst)
        if str(dst).endswith("c.txt") and len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(export.os, "replace", fail_third)
    with pytest.raises(OSError):
        atomic_write_many([(a, "a2"), (b, "b2"), (c, "c2")])
    monkeypatch.setattr(export.os, "replace", real)
    assert (a.read_text(), b.read_text(), c.exists()) == ("a1", "b1", False)
    assert _listing(tmp_path) == ["a.txt", "b.txt"]
