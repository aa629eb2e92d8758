"""Extraction building blocks, each on a tiny text: the gazetteer, mentions,
names, capitals, agencies, and the shape of what the graph gets.

Every text starts with a headline line, as articles do; the shared ``nlp`` and
``extract_text`` fixtures load the spaCy pipeline once per run.
"""

from __future__ import annotations

import pytest

from graph.nlp import gazetteer_patterns

HEAD = "Headline here\n\n"


def _persons(G) -> dict[str, dict]:
    return {n: d for n, d in G.nodes(data=True) if d["kind"] == "person"}


def _edges(G) -> set[tuple[str, str, str]]:
    return {(s, k, t) for s, t, k in G.edges(keys=True)}


def _ents(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(e.text, e.label_, e.ent_id_) for e in nlp(text).ents}


# --- the gazetteer ------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "pattern", "vocab_id"),
    [
        ("DEMONYM", "North Korean", "state:north-korea"),
        ("DEMONYM", "Sri Lankans", "state:sri-lanka"),
        ("CAPITAL", "Port-au-Prince", "state:haiti"),
        ("CAPITAL", "Dar es Salaam", "state:tanzania"),
        ("CAPITAL", "Washington, D.C.", "state:united-states"),
        ("CAPITAL", "N'Djamena", "state:chad"),
        ("CAPITAL", "The Hague", "state:netherlands"),
        ("KNOWN", "NATO", "agency:nato"),
        ("KNOWN", "Nato", "agency:nato"),
        ("KNOWN", "the Kremlin", "agency:kremlin"),
        ("KNOWN", "Kremlin", "agency:kremlin"),
        ("STATE", "Russia", "state:russia"),
        ("REGION", "North America", "region:north-america"),
        ("REGION", "Middle East", "region:the-middle-east"),
    ],
)
def test_pattern_spelled_as_written(vocab, label, pattern, vocab_id):
    assert {"label": label, "pattern": pattern, "id": vocab_id} in gazetteer_patterns(vocab)


@pytest.mark.parametrize(
    "miscapitalised",
    ["North korean", "Port-au-prince", "Dar Es Salaam", "Washington, D.c.", "N'djamena"],
)
def test_no_miscapitalised_pattern(vocab, miscapitalised):
    assert miscapitalised not in {p["pattern"] for p in gazetteer_patterns(vocab)}


def test_patterns_are_unique_and_complete(vocab):
    patterns = gazetteer_patterns(vocab)
    keys = [(p["label"], p["pattern"]) for p in patterns]
    assert len(keys) == len(set(keys))
    labels = {"STATE", "KNOWN", "PERSON", "DEMONYM", "CAPITAL", "REGION"}
    assert {p["label"] for p in patterns} == labels
    for p in patterns:
        if p["label"] != "REGION":
            assert p["id"] in vocab.entries, p


def test_ruler_matches_exact_spellings(nlp):
    ents = _ents(
        nlp,
        "North Korean hackers struck banks in Port-au-Prince, Dar es Salaam and N'Djamena, "
        "officials in Washington, D.C. said. Nato and NATO allies met.",
    )
    assert ("North Korean", "DEMONYM", "state:north-korea") in ents
    assert ("Port-au-Prince", "CAPITAL", "state:haiti") in ents
    assert ("Dar es Salaam", "CAPITAL", "state:tanzania") in ents
    assert ("N'Djamena", "CAPITAL", "state:chad") in ents
    assert ("Washington, D.C.", "CAPITAL", "state:united-states") in ents
    assert ("Nato", "KNOWN", "agency:nato") in ents
    assert ("NATO", "KNOWN", "agency:nato") in ents


def test_ruler_matches_case_exactly(nlp):
    ents = _ents(nlp, "Let us talk about it, said the man from the U.S. to us.")
    assert ("U.S.", "STATE", "state:united-states") in ents
    assert not any(text == "us" for text, _, _ in ents)


# --- regions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Leaders from North America met in Ottawa on Monday.", "North America"),
        ("Diplomats from South America and Europe said talks would go on.", "South America"),
        ("Latin American diplomats said the vote was fair.", "Latin American"),
        ("Central America faces a migration crisis, officials said.", "Central America"),
        ("Trade across the Americas grew last year, the bank said.", "the Americas"),
    ],
)
def test_region_is_not_a_state(nlp, extract_text, text, region):
    ents = _ents(nlp, text)
    assert any(t == region and label == "REGION" for t, label, _ in ents), ents
    assert not any(eid == "state:united-states" for _, _, eid in ents)
    G = extract_text(HEAD + text)
    assert "state:united-states" not in G
    assert not any(n.startswith("region:") for n in G)


def test_america_alone_is_still_the_united_states(extract_text):
    G = extract_text(HEAD + "America imposed sanctions on Venezuela, officials said.")
    assert "America" in G.nodes["state:united-states"]["aliases"]


def test_middle_east_is_dropped(nlp, extract_text):
    text = "Iran said the Middle East would not accept foreign troops."
    assert ("the Middle East", "REGION", "region:the-middle-east") in _ents(nlp, text)
    G = extract_text(HEAD + text)
    assert set(G) == {"state:iran"}


# --- people -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "role"),
    [
        (
            "Polish Prime Minister Donald Tusk said the fire was arson.",
            "Donald Tusk",
            "Prime Minister",
        ),
        (
            "Russian President Vladimir Putin said the talks were over.",
            "Vladimir Putin",
            "President",
        ),
        (
            "Secretary of State Mike Pompeo said Iran was responsible.",
            "Mike Pompeo",
            "Secretary of State",
        ),
        (
            "Kremlin spokesman Dmitry Peskov said the claims were false.",
            "Dmitry Peskov",
            "Spokesman",
        ),
    ],
)
def test_titles_stripped_from_person_labels(extract_text, text, label, role):
    G = extract_text(HEAD + text)
    persons = _persons(G)
    assert list(persons) == [f"person:{label.lower().replace(' ', '-')}"]
    data = next(iter(persons.values()))
    assert data["label"] == label
    assert data["role"].casefold() == role.casefold()
    assert all(not alias.casefold().startswith(role.casefold()) for alias in data["aliases"])


def test_honorific_surname_joins_full_name(extract_text):
    G = extract_text(
        HEAD + "Mr. Pompeo blamed Iran for the attacks. "
        "Secretary of State Mike Pompeo said Iran was responsible."
    )
    assert list(_persons(G)) == ["person:mike-pompeo"]


def test_surname_joined_to_full_name(extract_text):
    G = extract_text(
        HEAD + "Polish Prime Minister Donald Tusk accused Russia of sabotage. "
        "Tusk said the attacks were planned in Moscow. Later, Tusk spoke to reporters."
    )
    persons = _persons(G)
    assert list(persons) == ["person:donald-tusk"]
    tusk = persons["person:donald-tusk"]
    assert {"Donald Tusk", "Tusk"} <= set(tusk["aliases"])
    assert tusk["mentions"] >= 3


def test_headline_fragment_kept_only_as_the_body_names_it(extract_text):
    G = extract_text(
        "Putin Accuses Ukraine of Terror Attack\n\n"
        "Russian President Vladimir Putin said the attack was planned abroad."
    )
    assert list(_persons(G)) == ["person:vladimir-putin"]


@pytest.mark.parametrize(
    "headline",
    ["Tusk Warns Putin", "Putin Slams Tusk Over Sabotage Claims"],
)
def test_headline_verb_is_not_a_first_name(extract_text, headline):
    G = extract_text(
        f"{headline}\n\nPolish Prime Minister Donald Tusk warned Russian President "
        "Vladimir Putin on Monday."
    )
    assert set(_persons(G)) == {"person:donald-tusk", "person:vladimir-putin"}


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv Hits Back\n\nKyiv said the strikes were war crimes.",
        HEAD + "Kyiv said the strikes on its power grid were war crimes.",
        HEAD + "President Volodymyr Zelensky spoke in Kyiv. Kyiv's mayor said Kyiv was calm.",
        HEAD + "Zelensky's office said Kyiv would respond to Moscow.",
    ],
)
def test_kyiv_is_never_a_person(extract_text, text):
    G = extract_text(text)
    for data in _persons(G).values():
        assert "Kyiv" not in data["label"]
        assert not any("Kyiv" in alias for alias in data["aliases"])
    assert not any(n.endswith("kyiv") for n in G)
    assert "Kyiv" in G.nodes["state:ukraine"]["aliases"]


# --- states, capitals, agencies ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "capital", "state"),
    [
        ("Moscow said on Tuesday that the claims were false.", "Moscow", "state:russia"),
        ("Beijing denied the accusation on Friday.", "Beijing", "state:china"),
        ("Warsaw's response came quickly, officials said.", "Warsaw", "state:poland"),
        ("Kyiv said the strikes were war crimes.", "Kyiv", "state:ukraine"),
        (
            "Washington, D.C. said it would send more aid.",
            "Washington, D.C.",
            "state:united-states",
        ),
    ],
)
def test_capital_as_actor_resolves_to_state(extract_text, text, capital, state):
    G = extract_text(HEAD + text)
    assert state in G
    assert G.nodes[state]["kind"] == "state"
    assert capital in G.nodes[state]["aliases"]


def test_capital_as_a_place_is_not_an_actor(extract_text):
    G = extract_text(HEAD + "Officials held talks in Moscow on Monday.")
    assert "state:russia" not in G


def test_capital_named_as_accuser(extract_text):
    G = extract_text(HEAD + "Moscow accused Ukraine of attacking its power grid.")
    assert ("state:russia", "accuses", "state:ukraine") in _edges(G)


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (
            "Kyiv accused Moscow of attacking its power grid.",
            ("state:ukraine", "accuses", "state:russia"),
        ),
        (
            "Washington accused Beijing of spying.",
            ("state:united-states", "accuses", "state:china"),
        ),
    ],
)
def test_capital_named_as_the_accused(extract_text, text, edge):
    assert edge in _edges(extract_text(HEAD + text))


def test_kremlin_is_an_agency_part_of_russia(extract_text):
    G = extract_text(
        HEAD + "The Kremlin said the report was false. Russia has denied any involvement."
    )
    assert G.nodes["agency:kremlin"]["kind"] == "agency"
    assert G.nodes["agency:kremlin"]["label"] == "Kremlin"
    assert G.nodes["state:russia"]["kind"] == "state"
    assert ("agency:kremlin", "part_of", "state:russia") in _edges(G)


def test_acronym_in_brackets_is_an_alias(extract_text):
    G = extract_text(
        HEAD + "Poland's Internal Security Agency (ABW) arrested two men. "
        "The ABW said the men worked for Russia."
    )
    abw = G.nodes["agency:internal-security-agency"]
    assert {"ABW", "Internal Security Agency"} <= set(abw["aliases"])
    assert abw["mentions"] >= 3
    assert ("agency:internal-security-agency", "part_of", "state:poland") in _edges(G)


def test_acronym_of_an_unknown_organisation(extract_text):
    G = extract_text(
        HEAD + "The Baltic Defence Research Centre (BDRC) published a report on Monday. "
        "The BDRC said Russia was behind the attack."
    )
    key = "agency:baltic-defence-research-centre"
    assert "BDRC" in G.nodes[key]["aliases"]
    assert not any(n.endswith(":bdrc") for n in G)
    assert (key, "accuses", "state:russia") in _edges(G)


def test_demonym_with_service_noun_is_an_agency_of_its_state(extract_text):
    G = extract_text(HEAD + "North Korean hackers attacked banks in Seoul, police said.")
    agencies = [n for n, d in G.nodes(data=True) if d["kind"] == "agency"]
    assert len(agencies) == 1
    assert (agencies[0], "part_of", "state:north-korea") in _edges(G)


# --- the shape of every node and edge --------------------------------------------


NODE_FIELDS = {"id", "label", "kind", "aliases", "mentions", "documents"}
EDGE_FIELDS = {"relation", "evidence", "modality", "documents", "sources", "date"}


def _check_shape(G, articles, vocab) -> None:
    texts = {a.id: a.text for a in articles}
    assert G.number_of_nodes() and G.number_of_edges()
    for n, data in G.nodes(data=True):
        assert NODE_FIELDS <= set(data), n
        assert data["id"] == n
        assert n == f"{data['kind']}:{n.split(':', 1)[1]}"
        assert data["kind"] in vocab.kinds
        assert isinstance(data["label"], str) and data["label"].strip()
        assert isinstance(data["aliases"], list)
        assert all(isinstance(a, str) and a for a in data["aliases"])
        assert isinstance(data["mentions"], int) and data["mentions"] >= 0
        assert data["documents"] and set(data["documents"]) <= set(texts)
        assert isinstance(data.get("role", ""), str)
    for s, t, k, data in G.edges(keys=True, data=True):
        assert EDGE_FIELDS <= set(data), (s, k, t)
        assert data["relation"] == k
        assert k in vocab.relations
        assert data["modality"] in ("asserted", "alleged", "hypothetical")
        assert data["evidence"]
        assert sorted({e["document"] for e in data["evidence"]}) == sorted(data["documents"])
        for ev in data["evidence"]:
            assert set(ev) >= {"document", "sentence", "start", "end"}
            text = texts[ev["document"]]
            assert 0 <= ev["start"] < ev["end"] <= len(text)
            assert text[ev["start"] : ev["end"]].strip() == ev["sentence"]


def test_seed_graph_shape(seed_graph, seed_articles, vocab):
    _check_shape(seed_graph, seed_articles, vocab)


def test_small_text_shape(extract_text, vocab):
    from graph.ingest import parse_article

    text = (
        "Poland Blames Russia\n\n"
        "Polish Prime Minister Donald Tusk accused Russia of sabotage on Monday.\n\n"
        "The Kremlin denied the claims. \u201cIt is nonsense,\u201d Kremlin spokesman "
        "Dmitry Peskov said.\n\nPoland and Lithuania are NATO members."
    )
    G = extract_text(text, "small.txt")
    _check_shape(G, [parse_article(text, "small.txt")], vocab)
    assert ("person:donald-tusk", "accuses", "state:russia") in _edges(G)


def test_repeated_fact_is_one_edge_with_more_evidence(extract_text):
    G = extract_text(
        HEAD + "Poland accused Russia of sabotage. Later, Poland accused Russia of arson."
    )
    data = G.get_edge_data("state:poland", "state:russia", "accuses")
    assert data is not None
    assert len(data["evidence"]) == 2
    assert data["evidence"][0]["start"] < data["evidence"][1]["start"]
