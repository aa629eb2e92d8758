"""Briefing images: size, content, determinism, big graphs and the ``render`` command."""

from __future__ import annotations

import io
import random
import re
import struct
import time
import xml.etree.ElementTree as ET

import matplotlib.image as mpimg
import networkx as nx
import numpy as np
import pytest

from graph.cli import main
from graph.errors import RelateError
from graph.export import write_graph
from graph.render import (
    LABEL_ALL_LIMIT,
    parse_names,
    parse_size,
    render,
    render_image,
    view_title,
)
from graph.render.compose import _compose
from graph.render.draw import _edge_curves
from graph.select import subgraph


# ------------------------------------------------------------------ helpers
def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (the IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def pixels(data: bytes) -> np.ndarray:
    return mpimg.imread(io.BytesIO(data), format="png")


def assert_not_blank(data: bytes) -> None:
    img = pixels(data)[..., :3]
    rgb = (img * 255).round().astype(np.uint32)
    colours = np.unique((rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2])
    assert len(colours) > 200, f"only {len(colours)} distinct colours"
    inked = (img < 0.9).any(-1).mean()
    assert 0.01 < inked < 0.6, f"{inked:.3f} of the pixels are drawn"


def svg_text(data: bytes) -> str:
    """Every text element of an SVG, in document order, joined with spaces."""
    root = ET.fromstring(data)
    parts = [el.text or "" for el in root.iter() if el.tag.endswith("}text") or el.tag == "text"]
    return " ".join(" ".join(parts).split())


def synthetic_graph(n: int = 500, m: int = 900, seed: int = 1) -> nx.MultiDiGraph:
    """A big graph shaped like a news corpus: hubs, small islands, all relations."""
    from graph.vocab import load_vocab

    vocab = load_vocab()
    rng = random.Random(seed)
    kinds, rels = list(vocab.kinds), list(vocab.relations)
    G = nx.MultiDiGraph()
    for i in range(n):
        kind = kinds[i % len(kinds)]
        nid = f"{kind}:entity-{i:03d}"
        G.add_node(
            nid,
            id=nid,
            label=f"Entity {i:03d}",
            kind=kind,
            aliases=[],
            mentions=rng.randint(1, 9),
            documents=[f"doc{i % 60}"],
            role="",
        )
    ids = sorted(G)
    for j in range(m):
        a, b = ids[int(n * rng.random() ** 2)], rng.choice(ids)  # a few hubs
        if a == b:
            continue
        rel = rng.choice(rels)
        G.add_edge(
            a,
            b,
            key=rel,
            relation=rel,
            modality="asserted",
            evidence=[{"document": f"doc{j % 60}", "sentence": "s", "start": 0, "end": 1}],
            documents=[f"doc{j % 60}"],
            sources=[f"outlet{j % 17}.example"],
            date=f"2024-{1 + j % 12:02d}-{1 + j % 28:02d}",
        )
    return G


@pytest.fixture(scope="module")
def seed_images(seed_graph):
    return {fmt: render_image(seed_graph, fmt, n_articles=1) for fmt in ("png", "svg", "pdf")}


@pytest.fixture(scope="module")
def big_graph():
    return synthetic_graph()


@pytest.fixture(scope="module")
def big_images(big_graph):
    out, seconds = {}, {}
    for fmt in ("png", "svg", "pdf"):
        start = time.perf_counter()
        out[fmt] = render_image(big_graph, fmt, title="Synthetic corpus")
        seconds[fmt] = time.perf_counter() - start
    return out, seconds


@pytest.fixture()
def graph_file(seed_graph, tmp_path):
    return str(write_graph(seed_graph, tmp_path / "seed.json"))


# ------------------------------------------------------------------ the seed graph
def test_seed_png_has_the_default_size_and_is_not_blank(seed_images):
    assert png_size(seed_images["png"]) == (1920, 1080)
    assert_not_blank(seed_images["png"])


def test_seed_svg_and_pdf_are_real_files_of_the_same_size(seed_images):
    root = ET.fromstring(seed_images["svg"])
    assert (root.get("width"), root.get("height")) == ("921.6pt", "518.4pt")  # 1920x1080 @150
    pdf = seed_images["pdf"]
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    box = re.search(rb"/MediaBox \[ 0 0 ([\d.]+) ([\d.]+) \]", pdf)
    assert box and round(float(box.group(1))) == 922 and round(float(box.group(2))) == 518


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_two_renders_of_the_same_graph_are_identical(seed_graph, seed_images, fmt):
    assert render_image(seed_graph, fmt, n_articles=1) == seed_images[fmt]


def test_files_carry_no_timestamp_or_software_name(seed_images):
    assert b"CreationDate" not in seed_images["pdf"]
    assert b"<dc:date>" not in seed_images["svg"]
    assert b"matplotlib" not in seed_images["png"].lower()


def test_every_label_of_the_seed_view_is_in_the_svg(seed_graph, seed_images, vocab):
    text = svg_text(seed_images["svg"])
    for _, data in seed_graph.nodes(data=True):
        assert data["label"] in text, data["label"]
    # a legend row for every kind and relation shown, and only those
    for kind in {d["kind"] for _, d in seed_graph.nodes(data=True)}:
        assert vocab.kinds[kind]["label"] in text
    shown = {d["relation"] for _, _, d in seed_graph.edges(data=True)}
    for rel, spec in vocab.relations.items():
        assert (f"{spec['label']} (" in text) == (rel in shown), rel
    assert "Sources: msn.com" in text
    n, e = seed_graph.number_of_nodes(), seed_graph.number_of_edges()
    assert f"{n} entities · {e} relations · from 1 article" in text


def test_seed_labels_overlap_neither_each_other_nor_markers(seed_graph):
    import matplotlib

    from graph.render.canvas import _RC

    with matplotlib.rc_context(_RC):
        cv = _compose(
            seed_graph, title="t", subtitle="s", size=(1920, 1080), dpi=150, sources=["msn.com"]
        )
        cv.agg.draw()  # lays out the label boxes
        labels = [t for t in cv.ax.texts if t.get_zorder() == 6]
        assert len(labels) == seed_graph.number_of_nodes()
        boxes = [t.get_bbox_patch().get_window_extent(cv.renderer) for t in labels]
        markers = [c for c in cv.ax.collections if c.get_zorder() == 4]
        points = np.concatenate([cv.ax.transData.transform(c.get_offsets()) for c in markers])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)
        # no marker centre lies under a label
        inside = (
            (points[:, 0] > a.x0)
            & (points[:, 0] < a.x1)
            & (points[:, 1] > a.y0)
            & (points[:, 1] < a.y1)
        )
        assert not inside.any()


def test_a_given_subtitle_follows_the_facts(seed_graph):
    text = svg_text(
        render_image(seed_graph, "svg", title="T", subtitle="whole graph", n_articles=3)
    )
    n, e = seed_graph.number_of_nodes(), seed_graph.number_of_edges()
    assert f"{n} entities · {e} relations · from 1 of 3 articles · " in text
    assert " · whole graph" in text


def test_size_and_dpi_options(seed_graph):
    data = render_image(seed_graph, "png", size=(1280, 720), dpi=200)
    assert png_size(data) == (1280, 720)
    assert_not_blank(data)


def test_focused_view_is_titled_and_labelled(seed_graph, tmp_path):
    out = render(seed_graph, tmp_path / "russia.svg", focus="Russia", hops=1)
    text = svg_text(out.read_bytes())
    assert "Russia and its direct connections" in text
    view = subgraph(seed_graph, focus="Russia", hops=1)
    for _, data in view.nodes(data=True):
        assert data["label"] in text
    outside = set(seed_graph) - set(view)
    assert outside and all(
        seed_graph.nodes[n]["label"] not in text
        for n in outside
        if len(seed_graph.nodes[n]["label"]) > 8
    )


def test_empty_view_says_so(seed_graph):
    view = subgraph(seed_graph, kinds=["incident"], relations=["accuses"], hide_isolated=True)
    assert view.number_of_nodes() == 0
    data = render_image(view, "svg")
    assert "No entities match these filters" in svg_text(data)
    assert png_size(render_image(view, "png")) == (1920, 1080)


def test_parallel_edges_between_one_pair_are_curved_apart():
    G = nx.MultiDiGraph()
    for n in ("state:a", "state:b"):
        G.add_node(n, label=n[6:].upper(), kind="state")
    G.add_edge("state:a", "state:b", key="accuses", relation="accuses")
    G.add_edge("state:b", "state:a", key="denies", relation="denies")
    G.add_edge("state:a", "state:b", key="threatens", relation="threatens")
    xy = {"state:a": np.array([0.0, 0.0]), "state:b": np.array([100.0, 0.0])}
    curves = _edge_curves(G, xy)
    # the bend in a common direction (arc3 bends relative to the drawing direction)
    bends = sorted(rad if s == "state:a" else -rad for s, _, _, _, rad in curves)
    assert len(set(bends)) == 3 and min(abs(b) for b in bends) == 0.0
    assert min(np.diff(bends)) >= 0.2
    G.remove_edge("state:a", "state:b", key="threatens")
    assert all(abs(rad) > 0.1 for *_, rad in _edge_curves(G, xy))
    assert render_image(G, "png")  # draws


# ------------------------------------------------------------------ big graphs
def test_big_graph_renders_in_every_format(big_images):
    images, seconds = big_images
    assert png_size(images["png"]) == (1920, 1080)
    assert_not_blank(images["png"])
    assert ET.fromstring(images["svg"]).get("width") == "921.6pt"
    assert images["pdf"].startswith(b"%PDF-")
    assert max(seconds.values()) < 60, seconds


def test_big_graph_labels_only_the_most_connected_and_says_so(big_graph, big_images):
    images, _ = big_images
    text = svg_text(images["svg"])
    shown = re.search(r"Labels shown for (\d+) of the 500 entities \(the most connected\)", text)
    assert shown, text[-400:]
    labelled = [d["label"] for _, d in big_graph.nodes(data=True) if d["label"] in text]
    assert len(labelled) == int(shown.group(1))
    assert 10 <= len(labelled) < LABEL_ALL_LIMIT
    top = max(big_graph, key=lambda n: (big_graph.degree(n), n))
    assert big_graph.nodes[top]["label"] in labelled
    sources = re.search(r"Sources: outlet\d+\.example(, outlet\d+\.example)* and (\d+) more", text)
    assert sources and 0 < int(sources.group(2)) < 17, text  # as many as fit of 17


def test_big_graph_renders_identically_twice(big_graph, big_images):
    images, _ = big_images
    assert render_image(big_graph, "png", title="Synthetic corpus") == images["png"]


# ------------------------------------------------------------------ options and titles
def test_view_title_says_the_filters_in_words(seed_graph):
    assert view_title(seed_graph) == "Who does what to whom"
    assert view_title(seed_graph, focus="moscow", hops=2) == "Russia: network within 2 hops"
    title = view_title(seed_graph, kinds=["state", "person"], relations=["accuses"], min_evidence=2)
    assert title == (
        "Who does what to whom among states and people: accuses (links with 2+ pieces of evidence)"
    )


def test_parse_names_accepts_ids_and_labels(vocab):
    assert parse_names("State, people", vocab.kinds, "kind") == ["state", "person"]
    assert parse_names("allied with,accuses", vocab.relations, "relation") == [
        "allied_with",
        "accuses",
    ]
    assert parse_names(None, vocab.kinds, "kind") is None
    with pytest.raises(RelateError, match="unknown kind 'planet'; choose from state, person"):
        parse_names("state,planet", vocab.kinds, "kind")


def test_parse_size():
    assert parse_size("2560x1440") == (2560, 1440)
    with pytest.raises(RelateError, match="not WIDTHxHEIGHT"):
        parse_size("big")
    with pytest.raises(RelateError, match="out of range"):
        parse_size("10x10")


def test_render_image_rejects_a_bad_format_or_dpi(seed_graph):
    with pytest.raises(RelateError, match="unknown image format 'gif'"):
        render_image(seed_graph, "gif")
    with pytest.raises(RelateError, match="dpi 5 is out of range"):
        render_image(seed_graph, "png", dpi=5)


# ------------------------------------------------------------------ the command
def test_cli_renders_a_focused_view_of_a_graph_file(graph_file, tmp_path):
    out = tmp_path / "x.png"
    code = main(
        [
            "render",
            "--graph",
            graph_file,
            "--out",
            str(out),
            "--focus",
            "Russia",
            "--hops",
            "1",
            "--quiet",
        ]
    )
    assert code == 0
    assert png_size(out.read_bytes()) == (1920, 1080)
    assert not list(tmp_path.glob(".x.png.*"))  # the atomic write left no temporary file


def test_cli_options_reach_the_image(graph_file, tmp_path):
    out = tmp_path / "x.svg"
    code = main(
        [
            "render",
            "--graph",
            graph_file,
            "--out",
            str(out),
            "--kinds",
            "state,person",
            "--relations",
            "accuses,denies",
            "--title",
            "Who blames whom",
            "--size",
            "1600x900",
            "--dpi",
            "120",
            "-q",
        ]
    )
    assert code == 0
    text = svg_text(out.read_bytes())
    assert "Who blames whom" in text
    assert "Donald Tusk" in text and "Kremlin" not in text  # agencies filtered out
    assert "denies (" in text and "member of (" not in text
    assert ET.fromstring(out.read_bytes()).get("width") == "960pt"  # 1600 px at 120 dpi


def test_cli_builds_from_an_input_folder(seed_copy, tmp_path):
    out = tmp_path / "b.pdf"
    code = main(["render", "--input", str(seed_copy), "--no-cache", "--out", str(out), "-q"])
    assert code == 0 and out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--focus", "Atlantis"], "Error: no entity named 'Atlantis' in the graph"),
        (["--kinds", "state,planet"], "Error: unknown kind 'planet'; choose from state, person"),
        (["--relations", "hugs"], "Error: unknown relation 'hugs'; choose from accuses"),
        (["--size", "huge"], "Error: size 'huge' is not WIDTHxHEIGHT"),
    ],
)
def test_cli_errors_are_one_line(graph_file, tmp_path, capsys, args, message):
    out = tmp_path / "x.png"
    assert main(["render", "--graph", graph_file, "--out", str(out), *args]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and "\n" not in err
    assert not out.exists()


def test_cli_rejects_a_graph_file_with_inputs(graph_file, seed_copy, tmp_path, capsys):
    out = str(tmp_path / "x.png")
    assert main(["render", "--graph", graph_file, str(seed_copy), "--out", out]) == 1
    assert "Error: --graph and INPUT/--input cannot be used together" in capsys.readouterr().err


def test_cli_rejects_an_unknown_suffix(graph_file, tmp_path, capsys):
    assert main(["render", "--graph", graph_file, "--out", str(tmp_path / "x.gif")]) == 1
    assert "unknown image format '.gif'; choose from .png, .svg, .pdf" in capsys.readouterr().err


def _with_loners(n_loners: int = 45) -> nx.MultiDiGraph:
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("state:a", label="A", kind="state")
    G.add_node("state:b", label="B", kind="state")
    G.add_edge("state:a", "state:b", relation="accuses", evidence=[])
    for i in range(n_loners):
        G.add_node(f"person:p{i}", label=f"P{i}", kind="person")
        G.add_edge(f"person:p{i}", "state:a", relation="affiliated_with", evidence=[])
    return G


def test_a_briefing_hides_the_entities_its_filters_leave_unconnected():
    from graph.render import briefing_view

    G = _with_loners()
    view = briefing_view(G, relations=["accuses"])
    assert set(view) == {"state:a", "state:b"}
    kept = briefing_view(G, relations=["accuses"], hide_isolated=False)
    assert len(kept) == 47
    small = briefing_view(_with_loners(5), relations=["accuses"])  # few: all kept
    assert len(small) == 7
