"""Checks on the shipped vocabulary: countries, organisations and agencies.

The loader's own logic is tested elsewhere; these tests pin down the data in
``data/vocab`` and that a broken copy of it is refused with a useful message.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from graph.errors import VocabError
from graph.vocab import VOCAB_DIR, load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _yaml(name: str) -> dict:
    with (VOCAB_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# --- the shipped data -------------------------------------------------------


def test_vocabulary_loads(vocab):
    assert vocab.entries
    assert vocab.digest


def test_un_status_counts():
    countries = _yaml("countries.yaml")["countries"]
    status = Counter(spec.get("status") for spec in countries.values())
    assert status["member"] == 193
    assert status["observer"] == 2
    assert set(status) <= {"member", "observer", "other"}


def test_observers_and_others_present():
    countries = _yaml("countries.yaml")["countries"]
    assert countries["VAT"]["status"] == "observer"
    assert countries["PSE"]["status"] == "observer"
    for code in ("TWN", "XKX", "ESH", "SUN", "YUG", "CSK"):
        assert countries[code]["status"] == "other", code


def test_country_codes_are_iso():
    pycountry = pytest.importorskip("pycountry")
    countries = _yaml("countries.yaml")["countries"]
    for code in countries:
        if code == "XKX":  # user-assigned code for Kosovo, not in ISO 3166-1
            continue
        known = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(
            alpha_3=code
        )
        assert known is not None, code


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Moscow", "Russia"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("America", "United States"),
        ("Washington", "United States"),
        ("Britain", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("PRC", "China"),
        ("Beijing", "China"),
        ("DRC", "Democratic Republic of Congo"),
        ("Kinshasa", "Democratic Republic of Congo"),
        ("Congo-Brazzaville", "Republic of the Congo"),
        ("Türkiye", "Turkey"),
        ("Czechia", "Czech Republic"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("DPRK", "North Korea"),
        ("ROK", "South Korea"),
        ("Burma", "Myanmar"),
        ("Swaziland", "Eswatini"),
        ("Holland", "Netherlands"),
        ("The Hague", "Netherlands"),
        ("Holy See", "Vatican"),
        ("USSR", "Soviet Union"),
        ("Russian Federation", "Russia"),
        ("Kyiv", "Ukraine"),
        ("Warsaw", "Poland"),
        ("Malé", "Maldives"),
    ],
)
def test_country_lookup(vocab, name, label):
    entry = vocab.lookup(name)
    assert entry is not None, name
    assert entry.label == label
    assert entry.kind == "state"


@pytest.mark.parametrize("word", ["Male", "Victoria", "Korea", "Republic of China"])
def test_ambiguous_names_resolve_to_nothing(vocab, word):
    assert vocab.lookup(word) is None


@pytest.mark.parametrize(
    ("word", "label"),
    [
        ("Polish", "Poland"),
        ("Russian", "Russia"),
        ("Americans", "United States"),
        ("British", "United Kingdom"),
        ("Congolese", "Democratic Republic of Congo"),
        ("Dominican", "Dominican Republic"),
        ("Filipino", "Philippines"),
        ("Dutch", "Netherlands"),
        ("Saudi", "Saudi Arabia"),
        ("Emirati", "United Arab Emirates"),
        ("North Korean", "North Korea"),
        ("South Korean", "South Korea"),
        ("Palestinian", "Palestine"),
        ("Soviet", "Soviet Union"),
        ("Taiwanese", "Taiwan"),
        ("Georgian", "Georgia"),
    ],
)
def test_demonyms(vocab, word, label):
    entry = vocab.state_of_demonym(word)
    assert entry is not None, word
    assert entry.label == label


@pytest.mark.parametrize("word", ["Korean", "Poles"])
def test_ambiguous_demonyms_left_out(vocab, word):
    assert vocab.state_of_demonym(word) is None


def test_abw_is_polish_internal_security_agency(vocab):
    abw = vocab.lookup("ABW")
    assert abw is not None
    assert abw.label == "Internal Security Agency"
    assert abw.kind == "agency"
    assert abw.country == vocab.lookup("Poland").id


def test_nato_members_all_resolve(vocab):
    nato = vocab.lookup("NATO")
    assert nato is not None and nato.type == "alliance"
    assert vocab.lookup("North Atlantic Treaty Organization").id == nato.id
    assert len(nato.members) == 32
    assert vocab.lookup("Finland").id in nato.members
    assert vocab.lookup("Sweden").id in nato.members
    for member in nato.members:
        assert member in vocab.entries
        assert vocab.entries[member].kind == "state"
    codes = _yaml("organisations.yaml")["organisations"]["NATO"]["members"]
    for code in codes:
        assert vocab.country_codes[code] in nato.members


def test_eu_has_27_members(vocab):
    eu = vocab.lookup("EU")
    assert eu.label == "European Union"
    assert len(eu.members) == 27


def test_every_organisation_member_is_a_state(vocab):
    orgs = _yaml("organisations.yaml")["organisations"]
    for key, spec in orgs.items():
        assert spec["type"] in {"alliance", "organisation", "bloc"}, key
        for code in spec.get("members", []):
            assert code in vocab.country_codes, (key, code)


def test_agency_types_and_parents():
    agencies = _yaml("agencies.yaml")["agencies"]
    types = {
        "government",
        "ministry",
        "intelligence",
        "security",
        "military",
        "legislature",
        "judiciary",
        "media",
        "think_tank",
        "company",
        "armed_group",
        "party",
    }
    for key, spec in agencies.items():
        assert spec["type"] in types, key
        if spec.get("parent"):
            assert spec["parent"] in agencies, key


def test_kremlin_is_an_agency(vocab):
    assert vocab.lookup("Kremlin").kind == "agency"
    assert vocab.lookup("the Kremlin").id == vocab.lookup("Kremlin").id


def test_fsb_is_russian(vocab):
    assert vocab.lookup("FSB").country == vocab.lookup("Russia").id


def test_quds_force_parent_is_irgc(vocab):
    quds = vocab.lookup("Quds Force")
    irgc = vocab.lookup("IRGC")
    assert quds is not None and irgc is not None
    assert quds.parent == irgc.id
    assert vocab.lookup("Revolutionary Guards").id == irgc.id


def test_non_state_groups_have_no_country(vocab):
    for name in (
        "Hezbollah",
        "Hamas",
        "Taliban",
        "ISIS",
        "al Qaeda",
        "al-Shabaab",
        "Boko Haram",
        "Ansar Allah",
    ):
        entry = vocab.lookup(name)
        assert entry is not None, name
        assert entry.type == "armed_group", name
        assert entry.country is None, name


@pytest.mark.parametrize(
    "name",
    [
        "APT28",
        "APT29",
        "Sandworm",
        "Fancy Bear",
        "Lazarus Group",
        "M23",
        "IS",
        "UN Group of Experts",
        "Russian special services",
        "Western intelligence agencies",
        "Russian military intelligence",
        "Russian Foreign Ministry",
    ],
)
def test_left_for_the_extractor(vocab, name):
    assert vocab.lookup(name) is None


def test_sis_belongs_to_moldova_not_mi6(vocab):
    sis = vocab.lookup("SIS")
    assert sis.country == vocab.lookup("Moldova").id
    assert vocab.lookup("Secret Intelligence Service").label == "MI6"


def test_media_and_think_tanks(vocab):
    assert vocab.lookup("Newsweek").type == "media"
    assert vocab.lookup("Newsweek").country == vocab.lookup("United States").id
    assert vocab.lookup("Chatham House").type == "think_tank"
    assert vocab.lookup("Chatham House").country == vocab.lookup("United Kingdom").id
    assert vocab.lookup("ISW").label == "Institute for the Study of War"


# --- a broken copy is refused ------------------------------------------------


def _broken_copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(VOCAB_DIR, folder)
    return folder


def _rewrite(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_alias_claimed_twice_is_refused(tmp_path):
    folder = _broken_copy(tmp_path, "alias-twice")
    path = folder / "agencies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["agencies"]["RUS-FSB"]["aliases"].append("Kremlin")
    _rewrite(path, data)
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "agencies.yaml" in message
    assert "RUS-FSB" in message
    assert "RUS-KREMLIN" in message


def test_alias_claimed_across_files_is_refused(tmp_path):
    folder = _broken_copy(tmp_path, "alias-across")
    path = folder / "organisations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["organisations"]["NATO"]["aliases"].append("the U.S.")
    _rewrite(path, data)
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "organisations.yaml" in message
    assert "NATO" in message
    assert "USA" in message


def test_unknown_member_code_is_refused(tmp_path):
    folder = _broken_copy(tmp_path, "unknown-member")
    path = folder / "organisations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["organisations"]["NATO"]["members"].append("XYZ")
    _rewrite(path, data)
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "organisations.yaml" in message
    assert "NATO" in message
    assert "XYZ" in message


def test_unknown_agency_country_is_refused(tmp_path):
    folder = _broken_copy(tmp_path, "unknown-country")
    path = folder / "agencies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["agencies"]["POL-ABW"]["country"] = "PLX"
    _rewrite(path, data)
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "agencies.yaml" in message
    assert "POL-ABW" in message


def test_yaml_that_is_not_a_mapping_is_refused(tmp_path):
    folder = _broken_copy(tmp_path, "not-a-mapping")
    (folder / "countries.yaml").write_text("- just\n- a\n- list\n", encoding="utf-8")
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "countries.yaml" in message
    assert "countries" in message.split("countries.yaml", 1)[1]


def test_entry_that_is_not_a_mapping_is_refused(tmp_path):
    folder = _broken_copy(tmp_path, "entry-not-mapping")
    path = folder / "agencies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["agencies"]["USA-CIA"] = ["CIA", "Central Intelligence Agency"]
    _rewrite(path, data)
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "agencies.yaml" in message
    assert "USA-CIA" in message


def test_demonym_claimed_twice_is_refused(tmp_path):
    folder = _broken_copy(tmp_path, "demonym-twice")
    path = folder / "countries.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["countries"]["COG"]["demonyms"] = ["Congolese"]
    _rewrite(path, data)
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "countries.yaml" in message
    assert "COG" in message
