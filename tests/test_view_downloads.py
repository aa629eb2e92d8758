"""Downloads of the current view (graph/view/downloads.py): the graph formats are
the very files graph.export writes, plus the page, the image and their names."""

from __future__ import annotations

import io
import zipfile

import pytest

from graph.export import csv_paths, write_graph
from graph.view import DOWNLOAD_FORMATS, ViewFilters, download_context, generate_download


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_downloads_are_the_export_files(seed_graph, tmp_path, fmt):
    path = write_graph(seed_graph, tmp_path / f"g{DOWNLOAD_FORMATS[fmt]['suffix']}")
    assert generate_download(seed_graph, fmt) == path.read_bytes()


def test_the_csv_zip_holds_the_export_tables_and_the_claims(seed_graph, tmp_path):
    write_graph(seed_graph, tmp_path / "g.csv")
    nodes, edges = csv_paths(tmp_path / "g.csv")
    with zipfile.ZipFile(io.BytesIO(generate_download(seed_graph, "csv"))) as zf:
        assert zf.read("nodes.csv") == nodes.read_bytes()
        assert zf.read("edges.csv") == edges.read_bytes()
        assert zf.read("claims.csv").startswith(b"accuser,accused,")


def test_every_format_has_a_label_suffix_and_type(seed_graph):
    for fmt, spec in DOWNLOAD_FORMATS.items():
        assert spec["label"] and spec["suffix"].startswith(".") and "/" in spec["mime"], fmt
        assert generate_download(seed_graph, fmt)


def test_names_of_a_view(seed_graph):
    whole = download_context(seed_graph, ViewFilters())
    assert (whole.title, whole.subtitle, whole.stem) == (
        "Who does what to whom",
        "whole graph",
        "relate-view",
    )
    assert whole.n_articles == 1
    focused = download_context(seed_graph, ViewFilters(focus="state:russia", hops=2))
    assert focused.stem == "relate-russia" and focused.title.startswith("Russia: network")
    assert focused.subtitle == "around Russia (2 hops)"
