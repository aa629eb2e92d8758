"""The shape of every vocabulary file, written once as ``TypedDict`` specs.

Code and data share one contract: :mod:`graph.vocab` checks each YAML file against
these specs when it loads it (a missing, misspelt or mistyped key is a
:class:`~graph.errors.VocabError` naming the file and the key), and the extraction
stages read the lexicon by the names declared here.
"""

from __future__ import annotations

from typing import TypedDict, get_type_hints

__all__ = [
    "AgencySpec",
    "CountrySpec",
    "CueSpec",
    "FrameSpec",
    "FramesSpec",
    "KindSpec",
    "LexiconSpec",
    "OrganisationSpec",
    "PersonSpec",
    "RelationSpec",
    "lexicon_fields",
]


class KindSpec(TypedDict):
    label: str
    colour: str
    shape: str
    marker: str


class CueSpec(TypedDict, total=False):
    verbs: list[str]
    nouns: list[str]
    adjectives: list[str]
    phrases: list[str]  # optional: phrases that carry the relation with no cue word


class FrameSpec(TypedDict, total=False):
    """Where a cue's arguments sit (see relations.yaml): prepositions whose object is the
    target or the source, and verbs governing a cue noun whose subject is the source or
    the target."""

    target: list[str]
    source: list[str]
    head_source: list[str]
    head_target: list[str]
    flags: list[str]  # head_source_first: the governing verb's subject over modifiers


class FramesSpec(TypedDict, total=False):
    verbs: FrameSpec
    nouns: FrameSpec
    words: dict[str, FrameSpec]


class RelationSpec(TypedDict, total=False):
    label: str
    family: str
    directed: bool
    colour: str
    dashes: bool | list[int]
    width: int
    cues: CueSpec
    frames: FramesSpec  # optional


class CountrySpec(TypedDict, total=False):
    name: str
    aliases: list[str]
    demonyms: list[str]
    capitals: list[str]
    status: str


class OrganisationSpec(TypedDict, total=False):
    name: str
    aliases: list[str]
    type: str
    members: list[str]


class AgencySpec(TypedDict, total=False):
    name: str
    aliases: list[str]
    country: str
    type: str
    parent: str


class PersonSpec(TypedDict, total=False):
    name: str
    aliases: list[str]
    country: str  # ISO alpha-3 of the state served, or
    body: str  # the organisations.yaml key of the international body served
    roles: list[str]


CUE_PARTS = ("verbs", "nouns", "adjectives")  # required in every relation's ``cues``
FRAME_FIELDS = ("target", "source", "head_source", "head_target", "flags")
FRAME_FLAGS = ("head_source_first",)


class LexiconSpec(TypedDict):
    """Every word list of ``lexicon.yaml``: each key is required and read by the extractor
    (``tests/extract/test_vocabulary_use.py`` fails on a key no code reads)."""

    reporting_verbs: list[str]
    titles: list[str]
    opposite_titles: list[str]
    honorifics: list[str]
    name_inner_words: list[str]
    institution_words: list[str]
    alias_markers: list[str]
    threat_actor_words: list[str]
    person_nouns: list[str]
    honorific_words: list[str]
    group_nouns: list[str]
    national_titles: dict[str, list[str]]
    service_nouns: list[str]
    collective_nouns: list[str]
    bloc_adjectives: list[str]
    incident_nouns: list[str]
    hedges: list[str]
    involvement_nouns: list[str]
    stop_entities: list[str]
    platforms: list[str]
    hostile_verbs: list[str]
    regions: list[str]
    place_nouns: list[str]
    negating_nouns: list[str]
    threat_nouns: list[str]
    document_nouns: list[str]
    claim_nouns: list[str]
    vessel_prefixes: list[str]
    hostile_adjectives: list[str]
    instigation_verbs: list[str]
    reaction_verbs: list[str]
    actor_heads: list[str]
    organisation_heads: list[str]
    accusatory_nouns: list[str]
    pronouns_person: list[str]
    pronouns_female: list[str]
    pronouns_male: list[str]
    pronouns_first: list[str]
    pronouns_thing: list[str]
    pronouns_plural: list[str]
    possessive_pronouns: list[str]
    owned_body_nouns: list[str]
    relative_pronouns: list[str]
    object_pronouns: list[str]
    determiners: list[str]
    name_particles: list[str]
    name_joiners: list[str]
    hyphen_prefixes: list[str]
    name_openers: list[str]
    origin_suffixes: list[str]
    stance_prefixes: list[str]
    actor_prepositions: list[str]
    site_prepositions: list[str]
    place_prepositions: list[str]
    place_heads: list[str]
    place_relatives: list[str]
    facility_organisations: list[str]
    compass_words: list[str]
    wire_agencies: list[str]
    service_groups: dict[str, list[str]]
    modified_heads: list[str]
    state_nouns: list[str]
    body_collectives: list[str]
    founding_verbs: list[str]
    founded_body_heads: list[str]
    leadership_verbs: list[str]
    reciprocal_verbs: list[str]
    measure_nouns: list[str]
    nonstate_role_words: list[str]
    proxy_words: list[str]
    proxy_nouns: list[str]
    private_person_nouns: list[str]
    body_appositions: list[str]
    pursuit_verbs: list[str]
    incident_handling_verbs: list[str]
    deal_nouns: list[str]
    pact_qualifiers: list[str]
    normalising_verbs: list[str]
    relative_titles: list[str]
    anaphoric_determiners: list[str]
    product_nouns: list[str]
    protest_verbs: list[str]
    founder_nouns: list[str]
    provenance_kinds: list[str]
    state_agent_nouns: list[str]
    armed_group_types: list[str]
    state_body_types: list[str]
    epithet_nouns: list[str]
    plural_actor_nouns: list[str]
    inclusion_words: list[str]
    agentive_incident_nouns: list[str]
    suffered_nouns: list[str]
    entitlement_nouns: list[str]
    leader_government_nouns: list[str]
    numbers: dict[str, str]
    agency_nouns: list[str]
    body_nouns: list[str]
    country_nouns: list[str]
    armed_words: list[str]
    title_abbreviations: dict[str, str]
    title_joiners: list[str]
    former_words: list[str]
    affiliation_prepositions: list[str]
    member_prepositions: list[str]
    title_owner_prepositions: list[str]
    voice_nouns: list[str]
    owner_prepositions: list[str]
    citing_verbs: list[str]
    addressee_verbs: list[str]
    negators: list[str]
    negating_verbs: list[str]
    negation_transparent_verbs: list[str]
    negating_phrases: list[str]
    negating_adverbs: list[str]
    negating_determiners: list[str]
    hypothetical_auxiliaries: list[str]
    headline_hypothetical: list[str]
    hedge_verbs: list[str]
    perception_verbs: list[str]
    obligation_auxiliaries: list[str]
    future_auxiliaries: list[str]
    future_markers: list[str]
    wish_verbs: list[str]
    reciprocal_words: list[str]
    affiliate_nouns: list[str]
    admission_verbs: list[str]
    belonging_verbs: list[str]
    naming_verbs: list[str]
    trace_nouns: list[str]
    exhortation_verbs: list[str]
    scorn_verbs: list[str]
    scorn_prepositions: list[str]
    insult_adjectives: list[str]
    desist_verbs: list[str]
    rupture_verbs: list[str]
    tie_nouns: list[str]
    expulsion_verbs: list[str]
    reason_prepositions: list[str]
    object_reason_prepositions: list[str]
    act_prepositions: list[str]
    involvement_accusation_nouns: list[str]
    neutral_incident_nouns: list[str]
    war_nouns: list[str]
    condemn_verbs: list[str]
    disputing_verbs: list[str]
    agent_prepositions: list[str]
    content_claim_nouns: list[str]
    placing_verbs: list[str]
    placed_nouns: list[str]
    placing_prepositions: list[str]
    repeated_accusation_nouns: list[str]
    judging_verbs: list[str]
    copulas: list[str]
    be_forms: list[str]
    judging_copulas: list[str]
    victim_nouns: list[str]
    evidence_nouns: list[str]
    evidence_prepositions: list[str]
    finding_verbs: list[str]
    illegal_adverbs: list[str]
    attack_prepositions: list[str]
    warning_prepositions: list[str]
    signing_verbs: list[str]
    pact_objects: list[str]
    membership_verbs: list[str]
    pact_nouns: list[str]
    holding_verbs: list[str]
    member_list_nouns: list[str]
    list_joiners: list[str]
    claim_pronouns: list[str]
    dismissing_verbs: list[str]
    claim_heads: list[str]
    truth_adjectives: list[str]
    claim_documents: list[str]
    female_words: list[str]
    male_words: list[str]
    female_given_names: list[str]
    male_given_names: list[str]


def lexicon_fields() -> dict[str, str]:
    """Each lexicon key and the shape of its value: ``list``, ``lists`` (a mapping of word
    lists) or ``mapping`` (a mapping of words to words).

    >>> lexicon_fields()["titles"], lexicon_fields()["service_groups"]
    ('list', 'lists')
    """
    shapes = {"list[str]": "list", "dict[str, list[str]]": "lists", "dict[str, str]": "mapping"}
    hints = get_type_hints(LexiconSpec)
    return {key: shapes[_spelling(tp)] for key, tp in hints.items()}


def _spelling(tp: object) -> str:
    return str(tp).replace("typing.", "")
