"""The Streamlit page (app.py) driven by Streamlit's AppTest: seeds, an empty
corpus, uploads, filters, the URL, entity evidence, downloads and curation."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import pytest

st_testing = pytest.importorskip("streamlit.testing.v1")
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ARTICLE = (
    b"Lithuania accuses Belarus of border provocations\n\n"
    b"Lithuania accused Belarus of orchestrating provocations on the border on Monday.\n"
    b"Belarus denied the accusation and dismissed Lithuania's claims.\n"
)


@pytest.fixture()
def app_env(monkeypatch, tmp_path):
    """The app on the seeds with a private, empty curation file and extraction cache."""
    curation = tmp_path / "curation.yaml"
    monkeypatch.setenv("RELATE_CURATION", str(curation))
    monkeypatch.setenv("RELATE_CACHE", str(tmp_path / "cache" / "extractions.sqlite"))
    monkeypatch.delenv("RELATE_INPUT", raising=False)
    monkeypatch.delenv("RELATE_NO_CACHE", raising=False)
    return curation


@pytest.fixture()
def media(monkeypatch):
    """Every MediaFileManager AppTest makes, to reach the download buttons' data."""
    from streamlit.testing.v1 import app_test

    made: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return made


def run_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in at.metric:
        out.setdefault(m.label, int(m.value))
    return out


def graph_page(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def graph_nodes(at: AppTest) -> set[str]:
    m = re.search(
        r'<script id="relate-data" type="application/json">(.*?)</script>',
        graph_page(at),
        re.DOTALL,
    )
    return {n["id"] for n in json.loads(m.group(1))["nodes"]}


def test_seeds_page(app_env):
    at = run_app()
    counts = metrics(at)
    assert counts["Entities"] >= 20 and counts["Relations"] >= 20 and counts["Articles"] == 1
    assert counts["Single-article edges"] == counts["Relations"]
    page = graph_page(at)
    assert "new vis.Network" in page and "Vladimir Putin" in page
    assert not re.search(r"https?://", page)
    assert {"person:vladimir-putin", "agency:kremlin", "state:russia"} <= graph_nodes(at)
    # no article text reaches Markdown
    for el in [*at.markdown, *at.caption, *at.info, *at.title, *at.subheader]:
        assert "Putin" not in el.value and "Kremlin" not in el.value


def test_filters_change_the_graph_and_the_url(app_env):
    at = run_app()
    before = metrics(at)
    at.sidebar.multiselect(key="f_rel").set_value(["accuses"]).run()
    after = metrics(at)
    assert after["Relations"] == after["Accusations"] == 3 < before["Relations"]
    assert at.query_params["rel"] == "accuses"
    at.sidebar.checkbox(key="f_iso").check().run()
    isolated_hidden = metrics(at)
    assert isolated_hidden["Entities"] < before["Entities"]
    assert len(graph_nodes(at)) == isolated_hidden["Entities"]
    assert at.query_params["isolated"] == "hide"
    at.sidebar.slider(key="f_min_art").set_value(2).run()
    assert metrics(at)["Relations"] == 0
    assert "Nothing matches" in graph_page(at)
    at.sidebar.button[0].click().run()  # reset
    assert metrics(at) == before and dict(at.query_params) == {}


def test_url_opens_a_shared_view(app_env):
    at = run_app({"focus": "Putin", "hops": "2", "kinds": "state,person,agency"})
    assert at.selectbox(key="entity").value == "person:vladimir-putin"
    assert at.toggle(key="focus_on").value is True
    nodes = graph_nodes(at)
    assert "person:vladimir-putin" in nodes and "state:russia" in nodes
    assert not any(n.startswith("incident:") for n in nodes)
    assert metrics(at)["Entities"] == len(nodes) < 24
    assert at.query_params["focus"] == "person:vladimir-putin"


def test_search_by_alias_and_entity_evidence(app_env):
    at = run_app()
    at.text_input(key="q").set_value("Moscow").run()
    picker = at.selectbox(key="entity")
    assert picker.options[0] == "Russia · state"
    picker.set_value("state:russia").run()
    evidence = next(d.value for d in at.dataframe if "sentence" in d.value.columns)
    assert len(evidence) >= 5
    # the entity's own words are marked wherever the sentence names it (its demonym
    # "Russian" is one of its surface forms too)
    marked = evidence["sentence"].str.contains("⟦Russia⟧")
    assert marked.sum() >= len(evidence) - 1
    found = evidence.loc[marked, "names found"].str.split(", ")
    assert found.map(lambda names: "Russia" in names and set(names) <= {"Russia", "Russian"}).all()
    assert set(evidence["article"]) == {"newsweek-putin-nato-2024-0ef6f38e"}
    assert at.code and "▶" in at.code[0].value  # the sentence in its article
    at.toggle(key="focus_on").set_value(True).run()
    assert metrics(at)["Entities"] < 24


def test_claims_and_key_actors(app_env):
    at = run_app()
    claims = next(d.value for d in at.dataframe if "accuser" in d.value.columns)
    assert len(claims) == 3 and claims["denied"].sum() == 3 and claims["single_article"].all()
    actors = next(d.value for d in at.dataframe if "betweenness" in d.value.columns)
    assert actors.iloc[0]["label"] == "Russia"


def test_path_finder(app_env):
    at = run_app()
    at.selectbox(key="path_a").set_value("person:donald-tusk")
    at.selectbox(key="path_b").set_value("person:vladimir-putin").run()
    assert any("Donald Tusk → Russia → Vladimir Putin" == t.value for t in at.text)
    at.toggle(key="path_on").set_value(True).run()
    assert graph_nodes(at) == {"person:donald-tusk", "state:russia", "person:vladimir-putin"}
    assert at.query_params["path"] == "person:donald-tusk,person:vladimir-putin"


def test_every_download_parses(app_env, media):
    at = run_app()
    at.sidebar.multiselect(key="f_rel").set_value(["accuses", "denies", "affiliated_with"]).run()
    n, m = metrics(at)["Entities"], metrics(at)["Relations"]
    from graph.view import DOWNLOAD_FORMATS

    buttons = {b.label: b for b in at.download_button}
    assert sorted(buttons) == sorted(spec["label"] for spec in DOWNLOAD_FORMATS.values())
    deferred = media[-1]._deferred_callables

    def data(suffix: str) -> bytes:
        label = next(
            spec["label"] for spec in DOWNLOAD_FORMATS.values() if spec["suffix"] == suffix
        )
        out = deferred[buttons[label].proto.deferred_file_id]["callable"]()
        return out if isinstance(out, bytes) else out.encode()

    g = nx.read_graphml(io.BytesIO(data(".graphml")), force_multigraph=True)
    assert (g.number_of_nodes(), g.number_of_edges()) == (n, m)
    assert nx.read_gexf(io.BytesIO(data(".gexf"))).number_of_nodes() == n
    j = json.loads(data(".json"))
    assert len(j["nodes"]) == n and len(j["edges"]) == m
    assert {e["relation"] for e in j["edges"]} == {"accuses", "denies", "affiliated_with"}
    with zipfile.ZipFile(io.BytesIO(data(".csv.zip"))) as zf:
        edges = list(csv.DictReader(io.StringIO(zf.read("edges.csv").decode())))
        assert (
            len(edges) == m
            and len(list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode())))) == n
        )
    page = data(".html").decode()
    assert "new vis.Network" in page and not re.search(r"https?://", page)
    assert data(".png").startswith(b"\x89PNG\r\n\x1a\n")


def test_empty_corpus_is_friendly(app_env, monkeypatch, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("RELATE_INPUT", str(empty))
    at = run_app()
    assert any("No articles to show yet" in i.value for i in at.info)
    assert not at.error and not at.metric
    assert len(at.sidebar.file_uploader) == 1


def test_upload_adds_an_article(app_env, monkeypatch, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    monkeypatch.setenv("RELATE_INPUT", str(corpus))
    at = run_app()
    uploader = at.sidebar.file_uploader[0]
    uploader.set_value(
        [
            ("../../secret/Border report!.txt", ARTICLE, "text/plain"),
            ("malware.exe.txt", b"\x00\x01\x02\x03", "text/plain"),
        ]
    ).run()
    assert not at.exception
    assert sorted(p.name for p in corpus.iterdir()) == ["Border-report.txt"]
    assert metrics(at)["Articles"] == 1
    assert {"state:lithuania", "state:belarus"} <= graph_nodes(at)
    assert any("binary" in t.value for t in at.sidebar.text)
    claims = next(d.value for d in at.dataframe if "accuser" in d.value.columns)
    assert list(claims["accuser"]) == ["Lithuania"]


def test_curation_merge_and_undo(app_env):
    curation = app_env
    at = run_app()
    before = metrics(at)["Entities"]
    at.text_input(key="cur_analyst").set_value("Test Analyst")
    at.selectbox(key="cur_keep").set_value("state:russia")
    at.multiselect(key="cur_drop").set_value(["agency:kremlin"]).run()
    at.button(key="cur_merge").click().run()
    assert not at.exception
    text = curation.read_text(encoding="utf-8")
    assert "op: merge" in text and "agency:kremlin" in text and "Test Analyst" in text
    assert metrics(at)["Entities"] == before - 1
    assert "agency:kremlin" not in graph_nodes(at)
    assert "Merged by an analyst from: Kremlin" in graph_page(at)
    assert any(t.value == "Saved: merge" for t in at.text)
    at.button(key="cur_undo").click().run()
    assert "op: merge" not in curation.read_text(encoding="utf-8")
    assert metrics(at)["Entities"] == before
    assert "agency:kremlin" in graph_nodes(at)


def test_curation_add_and_drop_edge(app_env):
    curation = app_env
    at = run_app()
    relations = metrics(at)["Relations"]
    at.text_input(key="cur_analyst").set_value("Test Analyst")
    at.selectbox(key="cur_src").set_value("state:poland")
    at.selectbox(key="cur_rel").set_value("allied_with")
    at.selectbox(key="cur_dst").set_value("state:ukraine")
    at.text_input(key="cur_note").set_value("Joint statement, 2024").run()
    at.button(key="cur_add_edge").click().run()
    assert metrics(at)["Relations"] == relations + 1
    assert "Added or confirmed by Test Analyst" in graph_page(at)
    at.selectbox(key="cur_edge").set_value(0).run()
    at.button(key="cur_drop_edge").click().run()
    assert metrics(at)["Relations"] == relations
    assert curation.read_text(encoding="utf-8").count("- op:") == 2


def test_options_from_command_line_and_environment(monkeypatch, tmp_path):
    sys_path = str(ROOT)
    monkeypatch.syspath_prepend(sys_path)
    import app

    for name in ("RELATE_INPUT", "RELATE_CURATION", "RELATE_CACHE", "RELATE_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    opts = app.parse_options([])
    assert opts.input == [ROOT / "seeds"] and opts.curation == ROOT / "data" / "curation.yaml"
    assert opts.cache is None and opts.cache_path == "default" and not opts.no_cache
    opts = app.parse_options(
        [
            "--input",
            str(tmp_path),
            "--curation",
            str(tmp_path / "c.yaml"),
            "--cache",
            str(tmp_path / "x.sqlite"),
            "-q",
            "--unrelated",
        ]
    )
    assert opts.input == [tmp_path] and opts.curation == tmp_path / "c.yaml"
    assert opts.cache_path == tmp_path / "x.sqlite"
    monkeypatch.setenv("RELATE_CACHE", str(tmp_path / "env.sqlite"))
    assert app.parse_options([]).cache == tmp_path / "env.sqlite"
    assert app.parse_options(["--no-cache"]).cache_path is None
    monkeypatch.setenv("RELATE_INPUT", f"{tmp_path}{__import__('os').pathsep}{ROOT / 'seeds'}")
    assert app.parse_options([]).input == [tmp_path, ROOT / "seeds"]
    assert app.parse_options(["--input", str(ROOT)]).input == [ROOT]  # the command line wins
