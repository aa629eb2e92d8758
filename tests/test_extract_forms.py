"""News forms learned from real reporting beyond the dev set: datelines, Title Case
headlines, state epithets, titles standing for people, reactions and judged acts."""

from __future__ import annotations

import pytest

from graph.vocab import norm


def _triples(G) -> set[tuple[str, str, str]]:
    out = set()
    for s, t, k in G.edges(keys=True):
        for a in [G.nodes[s]["label"], *G.nodes[s]["aliases"]]:
            for b in [G.nodes[t]["label"], *G.nodes[t]["aliases"]]:
                out.add((norm(a), k, norm(b)))
                if k == "allied_with":  # an alliance reads both ways
                    out.add((norm(b), k, norm(a)))
    return out


CASES = [
    (
        "dateline",
        (
            "Venezuela denounced\n\nGEORGETOWN, Guyana (AFP) — The United States on Saturday "
            "denounced what it said were Venezuelan naval vessels threatening an oil platform."
        ),
        {("united states", "accuses", "venezuela")},
        {("guyana", "accuses", "venezuela")},
    ),
    (
        "title-case-headline",
        (
            "Iran Rejects U.S. Accusation It Is Behind Saudi Attacks\n\nIran on Sunday rejected "
            "the charges."
        ),
        {("united states", "accuses", "iran"), ("iran", "denies", "united states")},
        set(),
    ),
    (
        "north-and-south",
        (
            "North Korea denied the hacking charges.\n\nSouth Korea said North Korea hacked its "
            "officials' phones. It called the South's accusation a fabrication."
        ),
        {("south korea", "accuses", "north korea")},
        set(),
    ),
    (
        "state-epithet",
        (
            "The United Arab Emirates said it had foiled a weapons shipment intended for the "
            "Sudanese army, which has accused the Gulf state of backing rival paramilitaries."
        ),
        {("sudanese army", "accuses", "united arab emirates")},
        set(),
    ),
    (
        "its-ally",
        (
            "Azerbaijan rejected the proposal. It has pushed for its ally Turkey to take part in "
            "the talks."
        ),
        {("azerbaijan", "allied_with", "turkey")},
        set(),
    ),
    (
        "reaction-over-act",
        (
            "Germany summoned the Russian charge d'affaires in response to a Russian cyberattack "
            "on the ruling party."
        ),
        {("germany", "accuses", "russia")},
        set(),
    ),
    (
        "judged-possessive",
        (
            "Russia's irresponsible behaviour in cyberspace is contrary to international norms, "
            "Berlin said."
        ),
        {("germany", "accuses", "russia")},
        set(),
    ),
    (
        "title-then-name",
        (
            "The Greek prime minister has accused Turkey of harassing his helicopter.\n\n"
            "Alexis Tsipras said his helicopter was forced into low manoeuvres."
        ),
        {("alexis tsipras", "accuses", "turkey"), ("alexis tsipras", "affiliated_with", "greece")},
        set(),
    ),
    (
        "bare-title-speaker",
        (
            'Foreign Minister Annalena Baerbock of Germany spoke on Friday. "The GRU is behind '
            'this attack," said the minister.'
        ),
        {("annalena baerbock", "accuses", "gru")},
        set(),
    ),
    (
        "rejected-by-officials",
        (
            "Azerbaijani authorities accused Armenia of shelling a region in Azerbaijan, a claim "
            "rejected by Armenian officials."
        ),
        {("azerbaijan", "accuses", "armenia"), ("armenia", "denies", "azerbaijan")},
        set(),
    ),
    (
        "name-calling",
        "Ukraine called Russia a terrorist state after the strike on the power plant.",
        {("ukraine", "accuses", "russia")},
        {("russia", "accuses", "ukraine")},
    ),
    (
        "neither-nor",
        "Israel has neither confirmed nor denied that it carried out the strike on Isfahan.",
        set(),
        {("israel", "denies", "iran")},
    ),
    (
        "rejects-a-right",
        (
            "Iran, which rejects Israel's right to exist, has been accused by Israel of planning "
            "attacks."
        ),
        {("israel", "accuses", "iran")},
        {("iran", "denies", "israel")},
    ),
]


@pytest.mark.parametrize(
    "text, expected, forbidden", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_news_form(extract_text, text, expected, forbidden):
    got = _triples(extract_text(text))
    assert expected <= got, sorted(expected - got)
    assert not (forbidden & got), sorted(forbidden & got)


def test_dateline_keeps_evidence_offsets(extract_text):
    text = "Headline here\n\nISLAMABAD (Reuters) - Pakistan accused India of staging the attack."
    G = extract_text(text)
    for _, _, data in G.edges(data=True):
        for ev in data["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["sentence"]
