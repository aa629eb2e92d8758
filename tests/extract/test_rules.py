"""The relation rules: matchers are pure, annotate writes, the registry runs them in order."""

from __future__ import annotations

import copy

import pytest

from graph.extract.rules import AFTER, BEFORE, TOKEN_RULES, accuses, alliance, denies
from graph.extract.rules.base import Denial, Edge, MakeState, annotate


def _snapshot(d):
    return (
        copy.deepcopy(d.relations),
        {k: e.as_dict() for k, e in d.entities.items()},
        list(d.pending_denials),
        list(d.incidents),
    )


def _tok(d, lemma: str):
    return next(t for t in d.doc if t.lemma_ == lemma)


def test_verb_matcher_is_pure_and_annotate_writes(staged):
    d = staged("Chile accused Peru of spying on its navy.", through="speakers")
    before = _snapshot(d)
    found = accuses.match_verb(d, 0, _tok(d, "accuse"), d.speaker.get(0, []))
    assert _snapshot(d) == before
    assert Edge("state:chile", "accuses", "state:peru", 0, "asserted") in found
    annotate(d, found)
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


def test_a_demonym_target_is_made_when_written(staged):
    d = staged("Chile condemned what it said were Peruvian fishing crews.", through="speakers")
    found = accuses.match_verb(d, 0, _tok(d, "condemn"), [])
    assert "state:peru" not in d.entities
    assert found.index(MakeState("state:peru")) < found.index(
        Edge("state:chile", "accuses", "state:peru", 0, "asserted")
    )
    annotate(d, found)
    assert "state:peru" in d.entities


def test_denial_verb_gives_a_pending_denial(staged):
    d = staged("Chile accused Peru of spying. Peru denied the accusations.", through="speakers")
    found = denies.match_verb(d, 1, _tok(d, "deny"), d.speaker.get(1, []))
    assert [c for c in found if isinstance(c, Denial)] == [Denial(1, "state:peru", (), "asserted")]


def test_denial_targets_are_the_accusers(staged):
    d = staged("Chile accused Peru of spying. Peru denied the accusations.")
    assert ("state:peru", "state:chile") in {
        (r["source"], r["target"]) for r in d.relations if r["relation"] == "denies"
    }


def test_membership_sentence_rule(staged):
    d = staged("NATO member states Chile and Peru met.", through="speakers")
    found = alliance.match_membership(d, 0, d.sents[0], [])
    assert {(c.source, c.target) for c in found if isinstance(c, Edge)} == {
        ("state:chile", "agency:nato"),
        ("state:peru", "agency:nato"),
    }


def test_registry_lists_every_family_once_in_order():
    names = [r.name for r in TOKEN_RULES]
    assert len(names) == len(set(names))
    assert names.index("accuses.verb") < names.index("accuses.noun")
    assert alliance.match_membership in [r.match for r in BEFORE]
    assert denies.match_phrases in [r.match for r in AFTER]
    for rule in (*BEFORE, *TOKEN_RULES, *AFTER):
        assert 0 < rule.confidence <= 1, rule.name
    assert {n.split(".")[0] for n in names} == {
        "accuses",
        "denies",
        "supports",
        "threatens",
        "alliance",
        "leaders",
    }


@pytest.mark.parametrize(
    "text, edge",
    [
        ("Chile accused Peru of spying.", ("state:chile", "accuses", "state:peru")),
        ("Peru was blamed by Chile for the blast.", ("state:chile", "accuses", "state:peru")),
        ("Chile threatened Peru with sanctions.", ("state:chile", "threatens", "state:peru")),
        ("Chile supplied weapons to Peru.", ("state:chile", "supports", "state:peru")),
        ("Chile is a close ally of Peru.", ("state:chile", "allied_with", "state:peru")),
    ],
)
def test_each_family_on_a_plain_sentence(staged, text, edge):
    d = staged(text)
    assert edge in {(r["source"], r["relation"], r["target"]) for r in d.relations}


def test_every_relation_says_which_rule_and_how_sure(staged):
    d = staged("Chile accused Peru of spying. Peru denied the accusations.")
    for r in d.relations:
        assert r["evidence"]["rule"], r
        assert 0 < r["evidence"]["confidence"] <= 1, r
    by = {(r["source"], r["relation"], r["target"]): r["evidence"] for r in d.relations}
    named = by["state:chile", "accuses", "state:peru"]
    assert named["rule"] == "accuses.verb" and named["confidence"] == 0.9
    # the denial answers an accuser its sentence does not name: less sure
    answer = by["state:peru", "denies", "state:chile"]
    assert answer["rule"] == "denies.verb" and answer["confidence"] < named["confidence"]


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean Foreign Ministry labelled Peru as the world's top hacking empire.",
        "The Chilean Foreign Ministry called Peru a reckless state.",
        "The Chilean Foreign Ministry called Peru reckless.",
        "The Chilean Foreign Ministry branded Peru's statement as immature.",
        "The Chilean Foreign Ministry considers Peru a threat.",
        "The Chilean Foreign Ministry called Peru a drug-trafficking state.",
        "Peru, which is regarded as an aggressor by the Chilean Foreign Ministry, sent ships.",
    ],
)
def test_a_hostile_name_accuses(staged, text):
    d = staged(text)
    assert ("agency:chile-foreign-ministry", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean Foreign Ministry called Peru a trading empire.",
        "The Chilean Foreign Ministry called the talks with Peru stupid.",
        "The Chilean Foreign Ministry will list Peru as a terrorist state.",
    ],
)
def test_a_harmless_name_does_not_accuse(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "accuses"]


@pytest.mark.parametrize(
    "text",
    [
        "Chile expelled the Peruvian ambassador over the cyber attacks.",
        "Chile expels Peru ambassador over cyber attacks.",
    ],
)
def test_an_expulsion_over_an_act_accuses_the_envoys_state(staged, text):
    d = staged(text)
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


def test_an_envoy_in_a_place_is_no_reason(staged):
    d = staged("Chile expelled the ambassador in Lima.")
    assert not [r for r in d.relations if r["relation"] == "accuses"]


def test_criticism_by_countries_including_a_list(staged):
    d = staged(
        "Chile dismissed criticism by leftist countries in the region, including Peru and "
        "Bolivia, over the vote."
    )
    triples = {(r["source"], r["relation"], r["target"]) for r in d.relations}
    assert {
        ("state:peru", "accuses", "state:chile"),
        ("state:bolivia", "accuses", "state:chile"),
        ("state:chile", "denies", "state:peru"),
    } <= triples


@pytest.mark.parametrize(
    "text",
    [
        "Chile said Peru's interference in the vote was clear.",
        '"Peru\'s cyberespionage operations are highly targeted," Chile said.',
        "Chile said Peru had no right to trigger the mechanism.",
    ],
)
def test_reported_words_that_accuse_without_a_verb(staged, text):
    d = staged(text)
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    [
        "Chile said Peru's occupation of the island was over.",
        "Chile said Peru has a right to defend itself.",
    ],
)
def test_reported_words_that_do_not_accuse(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "accuses"]


def test_a_body_made_up_of_states(staged):
    d = staged(
        "Talks began. Ruiz met the leaders of the Andean Trade Community (ATC) - made up of "
        "Peru, Chile and Bolivia."
    )
    members = {r["source"] for r in d.relations if r["relation"] == "member_of"}
    assert members == {"state:peru", "state:chile", "state:bolivia"}


@pytest.mark.parametrize(
    "text", ["Chile has been a key US ally for years.", "Chile is a close American ally."]
)
def test_an_ally_named_by_its_state_word(staged, text):
    d = staged(text)
    assert ("state:chile", "allied_with", "state:united-states") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    [
        "Chile lashed out at Peru over the attacks.",
        "Chile took aim at Peru over the raid.",
        "Chile's president railed against the Peruvian government.",
        "Chile took a few shots at Peru.",
    ],
)
def test_scorn_phrases_accuse_the_actor_they_aim_at(staged, text):
    d = staged(text)
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text", ["Chile's president spoke at the United Nations.", "Chile fired missiles at Peru."]
)
def test_no_scorn_without_the_phrase(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "accuses"]


def test_blame_on_parsed_onto_the_object(staged):
    d = staged("Police in Chile arrested two men. The government blamed the assault on Peru.")
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    [
        "Militants from Zorro Front, an affiliate of al-Qaeda, crossed the border.",
        (
            "Another group, Zorro Front, which claims to be the Andean chapter of al-Qaeda, "
            "claimed the attack."
        ),
    ],
)
def test_a_group_named_as_anothers_branch_is_its_ally(staged, text):
    d = staged(text)
    assert ("agency:zorro-front", "allied_with", "agency:al-qaeda") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


def test_a_state_paper_is_no_branch_ally(staged):
    d = staged("The Global Times, an offshoot of the Chinese Communist Party, wrote.")
    assert not [r for r in d.relations if r["relation"] == "allied_with"]


@pytest.mark.parametrize(
    "text, edge",
    [
        (
            "Maria Lopez joined Hamas in 2010.",
            ("person:maria-lopez", "affiliated_with", "agency:hamas"),
        ),
        (
            "Police said Maria Lopez belonged to Hamas.",
            ("person:maria-lopez", "affiliated_with", "agency:hamas"),
        ),
        ("Chile belongs to NATO.", ("state:chile", "member_of", "agency:nato")),
    ],
)
def test_joining_and_belonging(staged, text, edge):
    d = staged(text)
    assert edge in {(r["source"], r["relation"], r["target"]) for r in d.relations}


@pytest.mark.parametrize(
    "text", ["Maria Lopez never joined Hamas.", "Maria Lopez will join Hamas."]
)
def test_no_group_affiliation_when_denied_or_to_come(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["target"] == "agency:hamas"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru accused Chile of spying. Chile said the report was not credible.",
        "Peru accused Chile of spying. Chile does not find the allegations credible.",
        "Peru accused Chile of spying. Chile does not consider Peru's findings to be objective.",
    ],
)
def test_calling_a_claim_untrue_denies_it(staged, text):
    d = staged(text)
    assert ("state:chile", "denies", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


def test_calling_a_claim_true_is_no_denial(staged):
    d = staged("Peru accused Chile of spying. Chile said the report was credible.")
    assert not [r for r in d.relations if r["relation"] == "denies"]


def test_a_confession_reported_by_a_body_is_its_accusation(staged):
    d = staged("According to the Andean Bureau (ABI), Juan Cruz confessed to spying for Chile.")
    assert any(
        r["relation"] == "accuses" and r["target"] == "person:juan-cruz" for r in d.relations
    )


def test_no_confession_no_accusation(staged):
    d = staged("According to the Andean Bureau (ABI), Juan Cruz never admitted to spying.")
    assert not [r for r in d.relations if r["relation"] == "accuses"]


@pytest.mark.parametrize(
    "text",
    [
        "Chilean President Ana Ruiz condemned Luis Vega's killing.",
        "Chile condemned the killing of Luis Vega.",
    ],
)
def test_condemning_a_killing_never_accuses_the_one_killed(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "accuses"]


def test_condemning_a_killing_accuses_its_named_author(staged):
    d = staged("Chile condemned the killing of Luis Vega by Peru.")
    assert {(r["source"], r["target"]) for r in d.relations if r["relation"] == "accuses"} == {
        ("state:chile", "state:peru")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Chile's president Ana Ruiz said Chile would avenge the killing of Juan Cruz.",
        "Chilean officials mourned Juan Cruz's death and described the murder as a tragedy.",
    ],
)
def test_speaking_of_a_killing_accuses_no_one_killed(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "accuses"]


def test_carrying_out_a_killing_is_its_author(staged):
    d = staged("Chile said Peruvian agents carried out the killing of Juan Cruz.")
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    ["The two allies, Mali and Niger, met.", "The two junta-led allies, Mali and Niger, met."],
)
def test_the_two_allies_named_after_them(staged, text):
    d = staged(text)
    assert ("state:mali", "allied_with", "state:niger") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    [
        "Chile demanded that Peru withdraw its troops from the border.",
        "Chile urged Peru to stop its attacks on the border posts.",
        "Chile urged Peru to refrain from provocative actions.",
    ],
)
def test_urging_an_actor_to_stop_a_hostile_act_accuses_it(staged, text):
    d = staged(text)
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text", ["Chile urged Peru to abandon the plan.", "Chile will urge Peru to stop its raids."]
)
def test_urging_that_accuses_no_one(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "accuses"]


def test_held_responsible_in_the_past_tense(staged):
    d = staged("Chile held Peru responsible for the attack.")
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


def test_the_hallmarks_of_an_author_in_someones_words(staged):
    d = staged("The blast bore all the hallmarks of a Peruvian operation, Chilean officials said.")
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


def test_hallmarks_without_a_speaker_accuse_no_one(staged):
    d = staged("The raid had the hallmarks of a Peruvian operation.")
    assert not [r for r in d.relations if r["relation"] == "accuses"]


@pytest.mark.parametrize(
    "text",
    [
        "Chile alleged that Peru had funded the rebels.",
        "Chile suspects that Peru hacked its ministries.",
    ],
)
def test_an_accusing_verb_with_a_clause_accuses_its_subject(staged, text):
    d = staged(text)
    assert ("state:chile", "accuses", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    [
        "Chile blamed the floods, which Peru said were natural.",
        "Chile alleged that Peru had not paid.",
    ],
)
def test_a_speaker_or_a_denied_clause_is_not_the_accused(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "accuses"]
