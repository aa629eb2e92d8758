"""The mechanisms written for unseen news, each on invented sentences of its shape."""

from __future__ import annotations

import pytest


def _triples(d) -> set[tuple[str, str, str]]:
    return {(r["source"], r["relation"], r["target"]) for r in d.relations}


@pytest.mark.parametrize(
    "text, triple",
    [
        # actors named by description
        ("Lima authorities accused Chile of spying.", ("state:peru", "accuses", "state:chile")),
        (
            "Chile said Tigray rebels had attacked the convoy.",
            ("state:chile", "accuses", "agency:tigray-rebels"),
        ),
        # a group named by its noun; an honorific name
        (
            "Peru blamed the Zorrino hacking group for the breach.",
            ("state:peru", "accuses", "agency:zorrino"),
        ),
        (
            "Mr Quispeluz said Chile had ignored the treaty. Chile accused Mr Quispeluz of lying.",
            ("state:chile", "accuses", "person:quispeluz"),
        ),
        # plural descriptions stand for the list before them
        (
            (
                "Chile, Peru and Bolivia met on Monday. Ecuador accused the three countries of "
                "hoarding water."
            ),
            ("state:ecuador", "accuses", "state:bolivia"),
        ),
        (
            "Chile and Peru have signed a pact. The two allies share a long border.",
            ("state:chile", "allied_with", "state:peru"),
        ),
        # a bloc that comprises states
        (
            (
                "The Shanghai Cooperation Organisation met. The group comprises China, India and "
                "Russia."
            ),
            ("state:india", "member_of", "agency:shanghai-cooperation-organisation"),
        ),
        # frames as data: who levels, who draws condemnation, who imposes sanctions
        (
            "Peru levelled accusations against Chile on Monday.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "The Chilean decision drew sharp condemnation from Peru.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Peru imposed sanctions on Chile over the blockade.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # reported judgements and victims; reciprocal accusations
        (
            "Peru said the Chilean blockade was a clear violation of the treaty.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Maria Lopez said she had become a target of the Chilean government.",
            ("person:maria-lopez", "accuses", "state:chile"),
        ),
        ("Chile and Peru accused each other of spying.", ("state:peru", "accuses", "state:chile")),
        ("Chile and Peru accused each other of spying.", ("state:chile", "accuses", "state:peru")),
        # evidence of an act found by someone; membership by election
        (
            "Peru obtained intelligence on a plot by Chile.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Peruvian investigators found evidence of a Chilean plot.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Peru was elected as a member of the UN Security Council.",
            ("state:peru", "member_of", "agency:un-security-council"),
        ),
        # who a title stands for; who a body's person is
        (
            "Chile and Peru met. David Cameron arrived. The prime minister said nothing.",
            ("person:david-cameron", "affiliated_with", "state:united-kingdom"),
        ),
        (
            "Maria Lopez of the Zorro Institute said Chile had lied.",
            ("person:maria-lopez", "affiliated_with", "agency:zorro-institute"),
        ),
        # a known office holder's title binds them to their own state
        (
            "In talks with Chile and Peru, President Gustavo Petro accused Venezuela of lying.",
            ("person:gustavo-petro", "affiliated_with", "state:colombia"),
        ),
        # a state's agents, spies and diplomats stand for the state
        (
            "Peru said Chilean agents had planted the device.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Peru expelled two Chilean diplomats, accusing them of espionage.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # an office holder the article never names speaks for the state
        (
            "The Peruvian defence minister said Chile was responsible for the blast.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # "A, B and C" parsed as an apposition is still a list
        (
            "Chile, Bolivia and Ecuador formed a customs pact.",
            ("state:chile", "allied_with", "state:ecuador"),
        ),
        # founders of a named alliance body are its members
        (
            "Chile and Peru founded the Andean Maritime Alliance in 2011.",
            ("state:peru", "member_of", "agency:andean-maritime-alliance"),
        ),
        # the possessor of an attempt is its author
        (
            '"Chile\'s attempts to bring violence here will fail," Peru said.',
            ("state:peru", "accuses", "state:chile"),
        ),
        # leadership and provenance make affiliations
        (
            "Peru hired a firm, the Roe Advisory Group, led by John Roe.",
            ("person:john-roe", "affiliated_with", "agency:roe-advisory-group"),
        ),
        (
            "The Andean Front was founded by John Roe.",
            ("person:john-roe", "affiliated_with", "agency:andean-front"),
        ),
        (
            "Maria Lopez, who chairs the Andean Trade Forum, spoke.",
            ("person:maria-lopez", "affiliated_with", "agency:andean-trade-forum"),
        ),
        (
            "Peru relies on Hezbollah, whose leader, Carlos Quispe, is close to the president.",
            ("person:carlos-quispe", "affiliated_with", "agency:hezbollah"),
        ),
        (
            "One of the Peruvian border guards, Artur Zelaya, said it.",
            ("person:artur-zelaya", "affiliated_with", "agency:peru-border-guards"),
        ),
        # reciprocal accusations
        (
            "Chile and Peru clashed again, and both sides now blame the other.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Chile and Peru traded accusations over the clashes.",
            ("state:chile", "accuses", "state:peru"),
        ),
        # criticism of an act accuses its authors, wherever the parser hangs "by"
        (
            "Chile condemned the naval drills by Peru and Bolivia.",
            ("state:chile", "accuses", "state:bolivia"),
        ),
        (
            "Chile keeps up a steady stream of criticism of naval drills by Peru.",
            ("state:chile", "accuses", "state:peru"),
        ),
        # a title with its portfolio: "Minister for Foreign Affairs X"
        (
            "Peru's Minister for Foreign Affairs Ana Quispe accused Chile.",
            ("person:ana-quispe", "affiliated_with", "state:peru"),
        ),
        (
            "Chile condemned the vote in Peru, EU High Representative Ana Quispe said.",
            ("person:ana-quispe", "affiliated_with", "agency:european-union"),
        ),
        # a title with no state word takes the state of its context
        (
            "Chile held elections. President Ana Quispe spoke.",
            ("person:ana-quispe", "affiliated_with", "state:chile"),
        ),
        # a group acts for whom it is linked to, loyal to, working for
        (
            "Chile blamed the unrest on foreign agents working for Peru.",
            ("state:chile", "accuses", "state:peru"),
        ),
        (
            "Chile said hackers linked to Peru's military had attacked its banks.",
            ("state:chile", "accuses", "agency:peru-military"),
        ),
        # protests accuse the author of the act protested
        (
            "Chile protested a flyover by a Peruvian spy plane.",
            ("state:chile", "accuses", "state:peru"),
        ),
        (
            "Chile lodged a formal protest with Peru over the incursion.",
            ("state:chile", "accuses", "state:peru"),
        ),
        (
            "Chile summoned Peru's ambassador to protest the incursion.",
            ("state:chile", "accuses", "state:peru"),
        ),
        # the middle sentence of a three-sentence quotation is quoted too
        (
            (
                'Chilean President Ana Quispe spoke. "We are calm. Peru shelled our towns. We '
                'will not give in," she said.'
            ),
            ("person:ana-quispe", "accuses", "state:peru"),
        ),
        # "with ties to X"; a hyphenated name kept whole; an alliance owned by two states
        (
            "Hackers with ties to Peru are trying to spy on voters, Chile says.",
            ("state:chile", "accuses", "state:peru"),
        ),
        (
            "Chile outlawed the opposition Co-ordination Front, which it accuses of plotting.",
            ("state:chile", "accuses", "agency:co-ordination-front"),
        ),
        (
            "Chile and Peru met on Monday. Their alliance dates back to 1990.",
            ("state:chile", "allied_with", "state:peru"),
        ),
        # a name beside a body noun is a body's; the named person beside an agent leads
        (
            (
                "Andes Shield, another security firm led by a former Peruvian officer, John "
                "Quispe, lists many clients."
            ),
            ("person:john-quispe", "affiliated_with", "agency:andes-shield"),
        ),
        (
            "Chile has always backed Peru, says Thomas Becker of Pacific Horizons, a think-tank.",
            ("person:thomas-becker", "affiliated_with", "agency:pacific-horizons"),
        ),
        # coordinated demonyms share the service; a known group's fighters are the group
        (
            "Chile said Peruvian and Bolivian troops had attacked the town.",
            ("state:chile", "accuses", "agency:peru-military"),
        ),
        (
            "Chile said Hezbollah fighters had attacked the town.",
            ("state:chile", "accuses", "agency:hezbollah"),
        ),
        # "both Z allies": each is allied with Z; peace and normalisation are alliances
        (
            "Chile and Peru, both allies of Bolivia, backed the plan.",
            ("state:peru", "allied_with", "state:bolivia"),
        ),
        (
            "Ecuador announces peace deal between Chile and Peru.",
            ("state:chile", "allied_with", "state:peru"),
        ),
        (
            "Last month Chile agreed to normalise ties with Peru.",
            ("state:chile", "allied_with", "state:peru"),
        ),
        # a title owned by a person is of that person's state
        (
            "President Trump's senior adviser Jane Roe flew to Peru.",
            ("person:jane-roe", "affiliated_with", "state:united-states"),
        ),
        # a group named in the plural is "them"; an act named again is its doer's
        (
            "The Houthis have attacked ships. Washington accused them of piracy.",
            ("state:united-states", "accuses", "agency:houthis"),
        ),
        (
            "Peru's navy seized two boats. Chile condemned the seizure.",
            ("state:chile", "accuses", "agency:peru-navy"),
        ),
        # a denial with no accuser answers the act it names
        (
            "Peru denied involvement in the bombing of the pipeline.",
            ("state:peru", "denies", "incident:bombing-of-the-pipeline"),
        ),
        # reciprocity with a phrase on "each other"; "both" as an object; a person's body
        (
            "Chile and Peru hold drills and often accuse each other of spying.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Peru and Bolivia held drills. Chile accused both of provocations.",
            ("state:chile", "accuses", "state:bolivia"),
        ),
        (
            "Peru dismissed Chile as a puppet of Bolivia.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Khalifa Haftar's self-styled Libyan National Army says it will cease fire.",
            ("person:khalifa-haftar", "affiliated_with", "agency:libyan-national-army"),
        ),
        # an act named again on a noun: its owner the first time is its doer
        (
            "Peru's missile test worried Chile. Chile condemned the test.",
            ("state:chile", "accuses", "state:peru"),
        ),
        # hyphenated given names; an armed group's army is the group
        (
            "Army spokesman Kim Min-seok said Peru had fired first.",
            ("person:kim-min-seok", "accuses", "state:peru"),
        ),
        (
            "Houthi army spokesman Ali Rahman said the strike would be answered.",
            ("person:ali-rahman", "affiliated_with", "agency:houthis"),
        ),
        # "X's two closest allies" stand for the pair named before
        (
            "Japan and South Korea met. America's two closest allies signed a deal.",
            ("state:japan", "allied_with", "state:united-states"),
        ),
        # a plural title covers each name; titles joined by "and"; cast as a name
        (
            "Zorro Radio reporters Jane Roe and John Doe were killed in Peru.",
            ("person:john-doe", "affiliated_with", "agency:zorro-radio"),
        ),
        (
            "In an interview, Andes Group founder and chief executive Jane Roe spoke.",
            ("person:jane-roe", "affiliated_with", "agency:andes-group"),
        ),
        (
            "Peru has cast Chile as a thief.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # a state body's own name before a service noun names that body
        (
            "Chile said the Mossad spy agency was behind it.",
            ("state:chile", "accuses", "agency:mossad"),
        ),
        # a role in brackets after a name; an occupation between a body and a name
        (
            "Jane Roe (chief of the second unit of the FSB) was named.",
            ("person:jane-roe", "affiliated_with", "agency:fsb"),
        ),
        (
            "Oxford University cryptographer Jane Roe spoke on Monday.",
            ("person:jane-roe", "affiliated_with", "agency:oxford-university"),
        ),
        # "the charges allege ...": the maker of the charges named before
        (
            (
                "Peru's prosecutors filed charges against two Chilean officers. The charges "
                "allege that Jose Soto and Luis Vera hacked a voter database."
            ),
            ("agency:peru-prosecutors", "accuses", "person:jose-soto"),
        ),
        # a report speaks for the body it is from
        (
            "A 2019 study from the ICC said Peruvian soldiers had tortured prisoners.",
            ("agency:international-criminal-court", "accuses", "agency:peru-military"),
        ),
        # reports on acts by X; a tool from X; the head of an "according to" phrase
        (
            "Chile issued an advisory on attacks by Peruvian hackers.",
            ("state:chile", "accuses", "agency:peru-hackers"),
        ),
        (
            (
                "Spyware from NSO Group was implicated in hacking a Chilean senator, according "
                "to Oxford University group Amnesty International."
            ),
            ("agency:amnesty-international", "accuses", "agency:nso-group"),
        ),
    ],
)
def test_mechanism(staged, text, triple):
    assert triple in _triples(staged(text))


@pytest.mark.parametrize(
    "text, triple",
    [
        # a past role gives no affiliation
        (
            "Former Peruvian minister Maria Lopez accused Chile of lying.",
            ("person:maria-lopez", "affiliated_with", "state:peru"),
        ),
        (
            "Maria Lopez, a retired Peruvian army general, accused Chile of lying.",
            ("person:maria-lopez", "affiliated_with", "state:peru"),
        ),
        # no evidence, no accusation
        (
            "Peru said there was no evidence that the Chilean move was a violation of the treaty.",
            ("state:peru", "accuses", "state:chile"),
        ),
        (
            "Peru found no evidence of a plot by Chile.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # the one spoken to is not the speaker
        (
            '"Chile attacked the convoy," a source told Radio Andina.',
            ("agency:radio-andina", "accuses", "state:chile"),
        ),
        # a plan named without its author accuses no one it mentions
        (
            "Peru said there was a plot to plant devices on planes bound for Chile.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # a named person keeps the words: the title's state does not take them
        (
            "Peruvian defence minister Ana Quispe said Chile was responsible for the blast.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # a company is not an alliance
        (
            "Chile and Peru created a mining company, Andes Copper Group.",
            ("state:chile", "member_of", "agency:andes-copper-group"),
        ),
        # the authors of the act criticised are not the critics
        (
            "Chile keeps up a steady stream of criticism of naval drills by Peru.",
            ("state:peru", "accuses", "state:chile"),
        ),
        # a place after a name is no body
        (
            "The killing of John Roe in Lima shocked Peru.",
            ("person:john-roe", "affiliated_with", "state:peru"),
        ),
        # condemning an act is a reaction to it, not a deed, in anyone's words
        (
            "The African Union condemns the coup in Peru, its envoy Ana Quispe said.",
            ("person:ana-quispe", "accuses", "agency:african-union"),
        ),
        # a role outside government takes no state from the context
        (
            "Chile held elections. Opposition leader Ana Quispe fled to Peru.",
            ("person:ana-quispe", "affiliated_with", "state:chile"),
        ),
        # the one a state indicts is not its own officer
        (
            "In March Chile indicted General Carlos Mendoza for trafficking.",
            ("person:carlos-mendoza", "affiliated_with", "state:chile"),
        ),
        # a private person's nationality does not make their state the accused
        (
            "Chile charged a Peruvian national with a plot to sway the vote.",
            ("state:chile", "accuses", "state:peru"),
        ),
        # broadcasting propaganda denies nothing
        (
            (
                "Chile accused Peru of spying. Peruvian officials responded by resuming "
                "broadcasts of propaganda along the border."
            ),
            ("state:peru", "denies", "state:chile"),
        ),
        # helping investigate an act, or arresting someone another state wants, accuses
        # no one of it
        (
            "Chile said it would help Peru investigate the attack.",
            ("state:chile", "accuses", "state:peru"),
        ),
        (
            "Peru arrested a suspect wanted by Chilean police.",
            ("state:peru", "accuses", "agency:chile-police"),
        ),
        (
            "Chile and Peru, both allies of Bolivia, backed the plan.",
            ("state:chile", "allied_with", "state:peru"),
        ),
        (
            "A trade deal between Chile and Peru was signed.",
            ("state:chile", "allied_with", "state:peru"),
        ),
        # a counterpart serves the other state
        (
            "President Trump's Peruvian counterpart Ana Quispe flew to Lima.",
            ("person:ana-quispe", "affiliated_with", "state:united-states"),
        ),
        (
            "Peru did not seize the boats. Chile condemned the seizure.",
            ("state:chile", "accuses", "state:peru"),
        ),
        (
            "Peru may deny involvement in the bombing of the pipeline.",
            ("state:peru", "denies", "incident:bombing-of-the-pipeline"),
        ),
        # calling a state a puppet is no denial; a ministry word is not every ministry
        (
            "Chile accused Peru of spying. Peru dismissed Chile as a puppet of Bolivia.",
            ("state:peru", "denies", "state:chile"),
        ),
        (
            (
                "Peru's defence ministry said the drills were routine. Foreign Ministry "
                "spokesman Lu Quispe said so."
            ),
            ("person:lu-quispe", "affiliated_with", "agency:peru-defence-ministry"),
        ),
        # a singular title does not cover the next name; no one denies their own body
        (
            "Zorro Radio reporter Jane Roe and John Doe were killed in Peru.",
            ("person:john-doe", "affiliated_with", "agency:zorro-radio"),
        ),
        (
            "In an interview, Andes Group founder and chief executive Jane Roe denied it.",
            ("person:jane-roe", "denies", "agency:andes-group"),
        ),
        (
            "Jane Roe (a former FSB officer) spoke.",
            ("person:jane-roe", "affiliated_with", "agency:fsb"),
        ),
    ],
)
def test_mechanism_refuses(staged, text, triple):
    assert triple not in _triples(staged(text))


def test_a_title_never_refers_back_to_a_verb(staged):
    """ "the chairman" is a person, not the act of "chaired by"."""
    from graph.extract.rules.frames import recent_author

    d = staged("The council, chaired by Jose Serra, criticized the chairman of the bloc.")
    chairman = next(t for t in d.tokens if t.lower_ == "chairman")
    assert recent_author(d, chairman) == []
    seizure = staged("Peru's navy seized two boats. Chile condemned the seizure.")
    noun = next(t for t in seizure.tokens if t.lower_ == "seizure")
    assert recent_author(seizure, noun) == ["agency:peru-navy"]


def test_a_unit_acronym_is_not_the_vocabulary_body_of_the_same_letters(staged):
    """ "a desk of SCO of the FSB" names a unit of the FSB, not the Shanghai Cooperation
    Organisation; the bare acronym elsewhere still names the organisation."""
    unit = staged("Jane Roe leads the third desk of SCO of the FSB in the city.")
    assert "agency:shanghai-cooperation-organisation" not in unit.entities
    body = staged("India joined the SCO in 2017.")
    assert "agency:shanghai-cooperation-organisation" in body.entities
