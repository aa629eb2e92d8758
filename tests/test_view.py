"""The explorer's logic (graph/view.py): the offline page, filters and URL
parameters, tooltips, claims, evidence, downloads and uploads."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import networkx as nx
import pytest

from graph import view
from graph.errors import InputError, RelateError
from graph.ingest import parse_article
from graph.view import ViewFilters

EVIL = '<img src=x onerror="alert(1)"> <a href="https://evil.example/">x</a></script><script>alert(2)</script>'


def page_data(page: str) -> dict:
    """The JSON block the page draws from."""
    m = re.search(
        r'<script id="relate-data" type="application/json">(.*?)</script>', page, re.DOTALL
    )
    assert m, "no data block"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def evil_graph():
    """A graph whose names, roles and quotes are hostile markup."""
    G = nx.MultiDiGraph()
    G.add_node(
        "person:evil",
        id="person:evil",
        label=EVIL,
        kind="person",
        aliases=[EVIL, "Evil"],
        mentions=2,
        documents=["doc-1"],
        role='<b onmouseover="x">Chief</b>',
    )
    G.add_node(
        "state:russia",
        id="state:russia",
        label="Russia",
        kind="state",
        aliases=["Russia"],
        mentions=3,
        documents=["doc-1"],
        role="",
    )
    G.add_edge(
        "person:evil",
        "state:russia",
        key="accuses",
        relation="accuses",
        modality="alleged",
        evidence=[
            {
                "document": "doc-1",
                "sentence": f"He said {EVIL} about Russia.",
                "start": 0,
                "end": 10,
            }
        ],
        documents=["doc-1"],
        sources=["<script>src</script>"],
        date="",
    )
    return G


# ------------------------------------------------------------------ the page
def test_page_is_self_contained(seed_graph):
    page = view.view_html(seed_graph)
    assert not re.search(r"https?://", page), "the page holds an outside URL"
    assert not re.search(r"<script[^>]+src=", page) and "<link" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "new vis.Network" in page and "vis.DataSet" in page
    # vis-network itself is inlined (its licence header is kept)
    assert "vis-network" in page and len(page) > 300_000


def test_page_is_stable_from_run_to_run(seed_graph):
    a, b = view.view_html(seed_graph, seed=7), view.view_html(seed_graph, seed=7)
    assert a == b
    assert view.view_html(seed_graph, seed=8) != a


def test_styles_come_from_the_vocabulary(seed_graph, vocab):
    data = page_data(view.view_html(seed_graph))
    nodes = {n["id"]: n for n in data["nodes"]}
    for node, attrs in seed_graph.nodes(data=True):
        spec = vocab.kinds[attrs["kind"]]
        assert nodes[node]["shape"] == spec["shape"]
        assert nodes[node]["color"]["background"] == spec["colour"]
    edges = {(e["from"], e["to"], e["id"].split("\x1f")[2]): e for e in data["edges"]}
    assert len(edges) == seed_graph.number_of_edges()
    for s, t, k in seed_graph.edges(keys=True):
        spec = vocab.relations[k]
        e = edges[(s, t, k)]
        assert e["color"]["color"] == spec["colour"]
        assert e["dashes"] == spec["dashes"]
        assert e["arrows"]["to"]["enabled"] == spec["directed"]
    # denials are dashed, accusations are not, and they differ in colour
    assert vocab.relations["denies"]["dashes"] and not vocab.relations["accuses"]["dashes"]
    assert len({vocab.relations[r]["colour"] for r in ("accuses", "denies", "allied_with")}) == 3
    # the more connected, the bigger
    assert nodes["state:russia"]["value"] > nodes["person:keir-giles"]["value"]


def test_legend_lists_what_is_drawn(seed_graph, vocab):
    page = view.view_html(seed_graph)
    legend = page[page.index('<details id="legend"') : page.index("</details>")]
    for kind in {d["kind"] for _, d in seed_graph.nodes(data=True)}:
        assert vocab.kinds[kind]["label"] in legend
    for rel in {k for _, _, k in seed_graph.edges(keys=True)}:
        assert vocab.relations[rel]["label"] in legend
    assert "supports" not in legend  # not in the seed graph


def test_physics_small_and_large():
    small = nx.path_graph(5, create_using=nx.MultiDiGraph)
    small = nx.relabel_nodes(small, {i: f"state:s{i}" for i in small})
    for n in small:
        small.nodes[n].update(label=n, kind="state")
    assert page_data(view.view_html(small))["options"]["physics"]["enabled"] is True
    assert page_data(view.view_html(small, physics=False))["options"]["physics"]["enabled"] is False
    big = nx.MultiDiGraph()
    for i in range(view.LARGE_GRAPH + 1):  # a star: cheap to lay out
        big.add_node(f"agency:a{i}", label=f"A{i}", kind="agency")
        if i:
            big.add_edge(f"agency:a{i}", "agency:a0", key="part_of", relation="part_of")
    data = page_data(view.view_html(big))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_positions_are_kept_when_given(seed_graph):
    positions = {n: (0.5, -0.5) for n in seed_graph}
    data = page_data(view.view_html(seed_graph, positions=positions))
    assert {(n["x"], n["y"]) for n in data["nodes"]} == {
        (n["x"], n["y"]) for n in data["nodes"][:1]
    }


def test_hostile_text_never_becomes_markup(evil_graph):
    page = view.view_html(evil_graph, selected="person:evil")
    assert "<img" not in page and "<a href" not in page and "<b onmouseover" not in page
    assert page.count("</script>") == 3  # vis-network, the data, the page's own: nothing else
    assert not re.search(r"https?://", page)
    data = page_data(page)
    node = next(n for n in data["nodes"] if n["id"] == "person:evil")
    text = " ".join(t for _, t in node["tip"])
    assert "<" not in text and ">" not in text and "‹img" in text
    assert 'href="https://evil.example/"' in text  # kept as text, only written \/ in the page
    assert "<" not in node["label"]
    edge = data["edges"][0]
    quotes = [t for style, t in edge["tip"] if style == "q"]
    assert quotes and "<" not in quotes[0] and "‹/script›" in quotes[0]
    # tooltips are built with textContent, never innerHTML
    assert "innerHTML" not in page.split("</head>")[1]
    assert "textContent = rows[i][1]" in page


def test_tooltips_say_how_well_sourced(seed_graph):
    rows = view.edge_tooltip(seed_graph, "person:donald-tusk", "state:russia", "accuses")
    assert rows[0] == ("h", "Donald Tusk → accuses → Russia")
    n = len(seed_graph.edges["person:donald-tusk", "state:russia", "accuses"]["evidence"])
    pieces = "1 piece" if n == 1 else f"{n} pieces"
    assert f"{pieces} of evidence · 1 article · 1 source" in rows[1][1]
    assert ("w", "⚠ Single article: no independent confirmation") in rows
    assert any(style == "q" and "accused Russia" in text for style, text in rows)
    node = view.node_tooltip(seed_graph, "person:vladimir-putin")
    assert node[:3] == [("h", "Vladimir Putin"), ("k", "Person · President"), ("t", "Also: Putin")]
    assert ("t", "5 mentions in 1 article · 1 affiliated with") in node


def test_path_is_highlighted(seed_graph):
    chain = ["person:donald-tusk", "state:russia", "person:vladimir-putin"]
    data = page_data(view.view_html(seed_graph, highlight=chain))
    widths = {e["id"]: e["width"] for e in data["edges"]}
    assert (
        widths["person:donald-tusk\x1fstate:russia\x1faccuses"]
        > widths["agency:western-intelligence\x1fstate:russia\x1faccuses"]
    )
    assert {n["id"] for n in data["nodes"] if n["borderWidth"] == 4} == set(chain)


def test_empty_view_still_renders():
    page = view.view_html(nx.MultiDiGraph())
    assert "Nothing matches these filters." in page and page_data(page)["nodes"] == []


def test_bad_height_is_refused(seed_graph):
    with pytest.raises(RelateError, match="CSS length"):
        view.view_html(seed_graph, height="1px; background:url(x)")


# ------------------------------------------------------------------ filters and URL parameters
@pytest.mark.parametrize(
    "filters",
    [
        ViewFilters(),
        ViewFilters(kinds=("state", "person"), relations=("accuses",), min_articles=2),
        ViewFilters(modalities=(), hide_isolated=True, physics=False),
        ViewFilters(
            documents=("doc-a", "doc-b"),
            min_evidence=3,
            focus="state:russia",
            hops=2,
            entity="state:russia",
        ),
        ViewFilters(path=("person:donald-tusk", "person:vladimir-putin")),
    ],
)
def test_filters_round_trip_through_url_params(filters):
    params = view.params_from_filters(filters)
    assert all(isinstance(v, str) for v in params.values())
    assert view.view_from_params(params) == filters


def test_default_filters_make_an_empty_query():
    assert view.params_from_filters(ViewFilters()) == {}
    assert ViewFilters().is_default() and not ViewFilters(min_articles=2).is_default()


def test_malformed_params_are_ignored(seed_graph):
    f = view.view_from_params(
        {
            "kinds": "state,<script>",
            "rel": "accuses,nope",
            "min_ev": "-4",
            "min_art": "many",
            "hops": "99",
            "focus": "Nobody At All",
            "doc": "not-an-article",
            "path": "Tusk",
            "physics": "maybe",
        },
        seed_graph,
    )
    assert f.kinds == ("state",) and f.relations == ("accuses",)
    assert f.min_evidence == 1 and f.min_articles == 1 and f.hops == view.MAX_HOPS
    assert f.focus is None and f.documents == () and f.path is None and f.physics is True


def test_params_name_entities_by_alias(seed_graph):
    f = view.view_from_params({"focus": "Moscow", "path": "Tusk,Putin"}, seed_graph)
    assert f.focus == "state:russia"
    assert f.path == ("person:donald-tusk", "person:vladimir-putin")


def test_filters_narrow_the_view(seed_graph):
    whole = view.apply_filters(seed_graph, ViewFilters())
    assert whole.number_of_edges() == seed_graph.number_of_edges()
    claims = view.apply_filters(seed_graph, ViewFilters(relations=("accuses",), hide_isolated=True))
    assert {k for _, _, k in claims.edges(keys=True)} == {"accuses"}
    assert claims.number_of_nodes() < whole.number_of_nodes()
    people = view.apply_filters(seed_graph, ViewFilters(kinds=("person",)))
    assert {d["kind"] for _, d in people.nodes(data=True)} == {"person"}
    assert view.apply_filters(seed_graph, ViewFilters(min_articles=2)).number_of_edges() == 0
    ego = view.apply_filters(seed_graph, ViewFilters(focus="person:vladimir-putin", hops=1))
    assert set(ego) == {"person:vladimir-putin", "state:russia"}
    assert (
        len(view.apply_filters(seed_graph, ViewFilters(focus="person:vladimir-putin", hops=2))) > 2
    )


def test_path_view_is_the_chain(seed_graph):
    H = view.apply_filters(
        seed_graph, ViewFilters(path=("person:donald-tusk", "person:vladimir-putin"))
    )
    assert set(H) == {"person:donald-tusk", "state:russia", "person:vladimir-putin"}
    steps = view.path_steps(H, ["person:donald-tusk", "state:russia", "person:vladimir-putin"])
    assert [s["statement"] for s in steps] == [
        "Donald Tusk accuses Russia",
        "Vladimir Putin affiliated with Russia",
    ]
    blocked = view.apply_filters(
        seed_graph,
        ViewFilters(relations=("member_of",), path=("person:donald-tusk", "person:vladimir-putin")),
    )
    assert blocked.number_of_nodes() == 0


def test_describe_filters(seed_graph):
    assert view.describe_filters(ViewFilters()) == "whole graph"
    text = view.describe_filters(
        ViewFilters(focus="state:russia", hops=2, min_articles=2), seed_graph
    )
    assert text == "around Russia (2 hops); ≥2 articles per edge"


# ------------------------------------------------------------------ evidence
def test_highlight_spans_whole_words():
    s = "Russian officials said Russia’s army and the Kremlin denied it; russia"
    assert [s[a:b] for a, b in view.highlight_spans(s, ["Russia"])] == ["Russia", "russia"]
    assert (
        view.mark_spans("Kremlin said", view.highlight_spans("Kremlin said", ["Kremlin"]))
        == "⟦Kremlin⟧ said"
    )


def test_entity_details(seed_graph):
    d = view.entity_details(seed_graph, "state:russia")
    assert d["label"] == "Russia" and d["kind_label"] == "State" and "Moscow" in d["aliases"]
    assert d["degree"] == seed_graph.degree("state:russia") and d["documents"]
    rels = {(r["direction"], r["relation"], r["other_id"]) for r in d["evidence"]}
    assert ("in", "accuses", "person:donald-tusk") in rels
    assert ("out", "involved_in", "incident:sabotage") in rels
    for r in d["evidence"]:
        assert r["sentence"] and r["document"] and r["single_article"]
        for a, b in r["spans"]:
            assert r["sentence"][a:b].casefold() in {a.casefold() for a in d["aliases"]}
    tusk = next(r for r in d["evidence"] if r["other_id"] == "person:donald-tusk")
    assert "⟦Russia⟧" in tusk["marked"] and tusk["matched"] == "Russia"
    with pytest.raises(RelateError, match="no entity"):
        view.entity_details(seed_graph, "state:atlantis")


def test_claims_table(seed_graph):
    rows = {(r["accuser"], r["accused"]): r for r in view.claims_table(seed_graph)}
    assert set(rows) == {
        ("Donald Tusk", "Russia"),
        ("Western intelligence agencies", "Russia"),
        ("Internal Security Agency", "Russian special services"),
    }
    tusk = rows[("Donald Tusk", "Russia")]
    assert tusk["denied"] and "Kremlin (against Donald Tusk)" in tusk["denied_by"]
    assert "Dmitry Peskov (against Poland)" in tusk["denied_by"]
    assert "Internal Security Agency" not in tusk["denied_by"]  # a sibling, not the accuser
    assert (
        "accused Russia" in tusk["quotes"] and "unsubstantiated accusation" in tusk["denial_quotes"]
    )
    assert tusk["single_article"] and tusk["articles"] == 1 and tusk["evidence"] >= 1
    assert rows[("Western intelligence agencies", "Russia")]["denied_by"] == (
        "Kremlin (against Western intelligence agencies)"
    )


def test_undenied_accusation(extract_text):
    G = extract_text("Poland accused Belarus of sabotage.")
    rows = view.claims_table(G)
    assert rows and not rows[0]["denied"] and rows[0]["denied_by"] == ""


def test_edge_table_and_rankings(seed_graph):
    rows = view.edge_table(seed_graph)
    assert len(rows) == seed_graph.number_of_edges()
    assert all(r["single_article"] == (r["articles"] <= 1) for r in rows)
    actors, approximate = view.rank_view_actors(seed_graph, limit=5)
    assert not approximate and actors[0]["label"] == "Russia" and len(actors) == 5


def test_entity_options_search_any_alias(seed_graph):
    assert view.entity_options(seed_graph, "moscow")[0] == "state:russia"
    assert view.entity_options(seed_graph, "ABW") == ["agency:internal-security-agency"]
    everyone = view.entity_options(seed_graph)
    assert len(everyone) == seed_graph.number_of_nodes() and everyone[0] == "state:russia"


# ------------------------------------------------------------------ downloads
def test_every_download_parses(seed_graph, tmp_path):
    files = {
        fmt: view.generate_download(seed_graph, fmt, title="T", subtitle="S")
        for fmt in view.DOWNLOAD_FORMATS
    }
    n, m = seed_graph.number_of_nodes(), seed_graph.number_of_edges()
    g = nx.read_graphml(io.BytesIO(files["graphml"]), force_multigraph=True)
    assert (g.number_of_nodes(), g.number_of_edges()) == (n, m)
    x = nx.read_gexf(io.BytesIO(files["gexf"]))
    assert x.number_of_nodes() == n
    data = json.loads(files["json"])
    j = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    assert (j.number_of_nodes(), j.number_of_edges()) == (n, m)
    with zipfile.ZipFile(io.BytesIO(files["csv"])) as zf:
        assert sorted(zf.namelist()) == ["claims.csv", "edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode())))
        edges = list(csv.DictReader(io.StringIO(zf.read("edges.csv").decode())))
        claims = list(csv.DictReader(io.StringIO(zf.read("claims.csv").decode())))
    assert len(nodes) == n and len(edges) == m and len(claims) == 3
    page = files["html"].decode()
    assert (
        "new vis.Network" in page
        and not re.search(r"https?://", page)
        and "<title>T</title>" in page
    )
    assert files["png"].startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(RelateError, match="unknown download format"):
        view.generate_download(seed_graph, "docx")


# ------------------------------------------------------------------ uploads and the cache key
def test_save_upload_sanitises_names(tmp_path):
    text = b"Poland accused Russia of sabotage."
    assert view.save_upload(tmp_path, "../../etc/passwd.txt", text) == tmp_path / "passwd.txt"
    assert view.save_upload(tmp_path, "..\\..\\win name!.MD", text).name == "win-name.md"
    assert view.save_upload(tmp_path, "passwd.txt", text) == tmp_path / "passwd.txt"  # same bytes
    assert view.save_upload(tmp_path, "passwd.txt", b"Other text.").name == "passwd-2.txt"
    assert view.save_upload(tmp_path, "....txt", text).name == "article.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "article.txt",
        "passwd-2.txt",
        "passwd.txt",
        "win-name.md",
    ]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("report.pdf", b"%PDF-1.4", "damaged PDF"),
        ("report.exe", b"x", "only .txt, .md, .html"),
        ("empty.txt", b"", "empty"),
        ("big.txt", b"x" * 2000, "over the"),
        ("bin.txt", b"\x00\x01\x02binary", "binary"),
        ("<img src=x>.exe", b"x", "only"),
    ],
)
def test_save_upload_refuses(tmp_path, name, data, message):
    with pytest.raises(InputError, match=message) as err:
        view.save_upload(tmp_path, name, data, max_bytes=1000)
    assert "<" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_corpus_fingerprint_follows_content(seed_copy, tmp_path):
    curation = tmp_path / "curation.yaml"
    first = view.corpus_fingerprint([seed_copy], [curation])
    assert view.corpus_fingerprint([seed_copy], [curation]) == first
    (seed_copy / "new.txt").write_text("Poland accused Russia.", encoding="utf-8")
    second = view.corpus_fingerprint([seed_copy], [curation])
    assert second != first
    (seed_copy / "notes.exe").write_bytes(b"ignored")
    assert view.corpus_fingerprint([seed_copy], [curation]) == second
    curation.write_text("version: 1\nactions: []\n", encoding="utf-8")
    assert view.corpus_fingerprint([seed_copy], [curation]) != second


def test_plain_text():
    assert view.plain_text("a\x00b<c>", 10) == "a b‹c›"
    assert view.plain_text(None) == ""
    assert view.plain_text(parse_article("x", "y.txt").title) == "x"


def test_app_briefing_png_is_the_render_command_image(seed_graph, tmp_path):
    """The app's "briefing PNG" download and ``python -m graph render`` draw the same bytes."""
    from graph.cli import main
    from graph.export import write_json
    from graph.render import view_title
    from graph.select import subgraph

    src = tmp_path / "seed.json"
    write_json(seed_graph, src)
    out = tmp_path / "cli.png"
    assert (
        main(["render", "--graph", str(src), "--out", str(out), "--focus", "Russia", "--quiet"])
        == 0
    )
    H = subgraph(seed_graph, focus="Russia", hops=1)
    n_articles = len({d for _, data in seed_graph.nodes(data=True) for d in data["documents"]})
    png = view.generate_download(
        H,
        "png",
        title=view_title(seed_graph, focus="state:russia", hops=1),
        focus="state:russia",
        n_articles=n_articles,
    )
    assert png == out.read_bytes()
