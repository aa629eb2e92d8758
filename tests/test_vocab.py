"""The vocabulary loader: its checks, its indexes and its helpers.

The shipped data itself is pinned down in test_vocab_data.py; here every test
that breaks a file works on its own copy of ``data/vocab`` in a fresh folder
(``load_vocab`` caches one result per folder).
"""

from __future__ import annotations

import doctest
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import graph.vocab
from graph.errors import RelateError, VocabError
from graph.nlp import gazetteer_patterns
from graph.vocab import VOCAB_DIR, entity_id, load_vocab, norm, slug


def _copy(tmp_path: Path, name: str = "vocab") -> Path:
    folder = tmp_path / name
    shutil.copytree(VOCAB_DIR, folder)
    return folder


def _edit(folder: Path, fname: str, change: Callable[[dict[str, Any]], None]) -> Path:
    """Load a YAML file of the copy, change it in place and write it back."""
    path = folder / fname
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _error(folder: Path) -> str:
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    assert isinstance(err.value, RelateError)
    assert "\n" not in str(err.value).strip()
    return str(err.value)


# --- loader errors name the file and the key ----------------------------------


def test_missing_file(tmp_path):
    folder = _copy(tmp_path)
    (folder / "relations.yaml").unlink()
    message = _error(folder)
    assert str(folder / "relations.yaml") in message
    assert "missing" in message


def test_invalid_yaml(tmp_path):
    folder = _copy(tmp_path)
    (folder / "kinds.yaml").write_text("kinds: [unclosed\n", encoding="utf-8")
    message = _error(folder)
    assert "kinds.yaml" in message
    assert "not valid YAML at line 2, column 1" in message


def test_wrong_top_key(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "agencies.yaml", lambda d: d.update(agency=d.pop("agencies")))
    message = _error(folder)
    assert "agencies.yaml" in message
    assert "'agencies'" in message


def test_body_that_is_not_a_mapping(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "relations.yaml", lambda d: d.update(relations=["accuses", "denies"]))
    message = _error(folder)
    assert "relations.yaml" in message
    assert "'relations' must be a mapping" in message


def test_missing_field(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "kinds.yaml", lambda d: d["kinds"]["person"].pop("colour"))
    message = _error(folder)
    assert "kinds.yaml" in message
    assert "person" in message
    assert "'colour'" in message


@pytest.mark.parametrize(
    ("fname", "top", "key", "field", "value"),
    [
        ("kinds.yaml", "kinds", "state", "colour", 255),
        ("relations.yaml", "relations", "accuses", "directed", "yes"),
        ("relations.yaml", "relations", "denies", "width", 1.5),
        ("countries.yaml", "countries", "POL", "name", ["Poland"]),
        ("organisations.yaml", "organisations", "NATO", "type", None),
    ],
)
def test_wrong_field_type(tmp_path, fname, top, key, field, value):
    folder = _copy(tmp_path)
    _edit(folder, fname, lambda d: d[top][key].update({field: value}))
    message = _error(folder)
    assert fname in message
    assert key in message
    assert f"{field!r} has the wrong type" in message


def test_list_field_of_strings(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "countries.yaml", lambda d: d["countries"]["POL"].update(demonyms="Polish"))
    message = _error(folder)
    assert "countries.yaml" in message
    assert "POL" in message
    assert "'demonyms' must be a list of strings" in message


def test_cues_must_be_lists(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "relations.yaml", lambda d: d["relations"]["accuses"]["cues"].update(nouns="x"))
    message = _error(folder)
    assert "relations.yaml" in message
    assert "accuses" in message
    assert "cues.nouns" in message


def test_lexicon_lists_hold_strings(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "lexicon.yaml", lambda d: d["lexicon"]["hedges"].append(7))
    message = _error(folder)
    assert "lexicon.yaml" in message
    assert "hedges" in message


def test_lexicon_entry_of_the_wrong_shape(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "lexicon.yaml", lambda d: d["lexicon"].update(hedges="allegedly"))
    message = _error(folder)
    assert "lexicon.yaml" in message
    assert "hedges" in message


def test_country_key_must_be_iso_code(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "countries.yaml", lambda d: d["countries"].update(Narnia={"name": "Narnia"}))
    message = _error(folder)
    assert "countries.yaml" in message
    assert "Narnia" in message
    assert "alpha-3" in message


def test_alias_claimed_by_two_countries(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "countries.yaml", lambda d: d["countries"]["BLR"]["aliases"].append("Rus"))
    _edit(folder, "countries.yaml", lambda d: d["countries"]["RUS"]["aliases"].append("RUS"))
    message = _error(folder)
    path = folder / "countries.yaml"
    assert message == f"{path}: RUS: alias 'RUS' is already claimed by BLR in {path}"


def test_name_used_twice(tmp_path):
    folder = _copy(tmp_path)
    _edit(
        folder,
        "agencies.yaml",
        lambda d: d["agencies"].update(
            {"XXX-KREMLIN": {"name": "Kremlin", "country": "RUS", "type": "government"}}
        ),
    )
    message = _error(folder)
    assert "agencies.yaml" in message
    assert "XXX-KREMLIN" in message
    assert "'Kremlin'" in message


def test_unknown_agency_parent(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "agencies.yaml", lambda d: d["agencies"]["RUS-FSB"].update(parent="RUS-NOPE"))
    message = _error(folder)
    assert "agencies.yaml" in message
    assert "RUS-FSB" in message
    assert "'RUS-NOPE'" in message


@pytest.mark.parametrize(
    "change",
    [
        lambda kinds: kinds.pop("incident"),
        lambda kinds: kinds.update(place=dict(kinds["state"])),
    ],
    ids=["kind-missing", "kind-unknown"],
)
def test_kinds_must_be_exactly_the_four(tmp_path, change):
    folder = _copy(tmp_path)
    _edit(folder, "kinds.yaml", lambda d: change(d["kinds"]))
    message = _error(folder)
    assert "kinds.yaml" in message
    assert "state, person, agency, incident" in message


# --- caching and the digest ---------------------------------------------------


def test_cached_per_folder(tmp_path):
    one, two = _copy(tmp_path, "one"), _copy(tmp_path, "two")
    first = load_vocab(one)
    assert load_vocab(one) is first
    assert load_vocab(str(one)) is first
    assert load_vocab(two) is not first
    assert load_vocab() is load_vocab(VOCAB_DIR)


def test_digest_follows_the_files(tmp_path):
    # copies of one copy: the shipped files may be edited while the tests run
    first = _copy(tmp_path, "first")
    same, changed = tmp_path / "same", tmp_path / "changed"
    shutil.copytree(first, same)
    shutil.copytree(first, changed)
    with (changed / "lexicon.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# one more comment\n")
    digest = load_vocab(first).digest
    assert len(digest) == 16
    assert load_vocab(same).digest == digest
    assert load_vocab(changed).digest != digest


def test_environment_names_the_folder(tmp_path, monkeypatch):
    folder = _copy(tmp_path)
    _edit(folder, "lexicon.yaml", lambda d: d["lexicon"]["hedges"].append("rumouredly"))
    load_vocab()  # the default folder is cached first: the variable must still count
    monkeypatch.setenv("RELATE_VOCAB_DIR", str(folder))
    vocab = load_vocab()
    assert "rumouredly" in vocab.words("hedges")
    assert vocab is load_vocab(folder)


# --- lookups ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "vocab_id"),
    [
        ("Russia", "state:russia"),
        ("russia", "state:russia"),
        ("  the   Russian Federation ", "state:russia"),
        ("Moscow", "state:russia"),
        ("The Kremlin", "agency:kremlin"),
        ("Kremlin\u2019s", None),
        ("NATO", "agency:nato"),
        ("Nato", "agency:nato"),
        ("North Atlantic Treaty Organization", "agency:nato"),
        ("ABW", "agency:internal-security-agency"),
        ("Narnia", None),
        ("", None),
    ],
)
def test_lookup(vocab, name, vocab_id):
    entry = vocab.lookup(name)
    assert (entry.id if entry else None) == vocab_id


def test_lookup_entry_fields(vocab):
    fsb = vocab.lookup("FSB")
    assert fsb.kind == "agency"
    assert fsb.country == "state:russia"
    assert fsb.id == entity_id("agency", fsb.label)
    assert vocab.entries[fsb.id] is fsb


@pytest.mark.parametrize(
    ("word", "vocab_id"),
    [
        ("Polish", "state:poland"),
        ("polish", "state:poland"),
        ("North Korean", "state:north-korea"),
        ("Russians", "state:russia"),
        ("Martian", None),
        ("Poland", None),
    ],
)
def test_state_of_demonym(vocab, word, vocab_id):
    entry = vocab.state_of_demonym(word)
    assert (entry.id if entry else None) == vocab_id


def test_words(vocab):
    assert "allegedly" in vocab.words("hedges")
    with pytest.raises(KeyError, match="no list 'nonsense'"):
        vocab.words("nonsense")


# --- spellings as written (patterns match exact case) -------------------------


@pytest.mark.parametrize(
    ("table", "vocab_id", "spelling"),
    [
        ("demonym_forms", "state:north-korea", "North Korean"),
        ("demonym_forms", "state:sri-lanka", "Sri Lankans"),
        ("capital_forms", "state:haiti", "Port-au-Prince"),
        ("capital_forms", "state:tanzania", "Dar es Salaam"),
        ("capital_forms", "state:united-states", "Washington, D.C."),
        ("capital_forms", "state:chad", "N'Djamena"),
        ("forms", "agency:nato", "NATO"),
        ("forms", "agency:nato", "Nato"),
    ],
)
def test_spellings_kept_as_written(vocab, table, vocab_id, spelling):
    assert spelling in getattr(vocab, table)[vocab_id]


def test_every_spelling_of_one_alias_is_kept(tmp_path):
    folder = _copy(tmp_path)
    _edit(
        folder,
        "agencies.yaml",
        lambda d: d["agencies"]["RUS-FSB"]["aliases"].extend(["Fsb", "the FSB"]),
    )
    vocab = load_vocab(folder)
    fsb = vocab.lookup("FSB").id
    assert {"FSB", "Fsb", "the FSB"} <= set(vocab.forms[fsb])
    assert len(vocab.forms[fsb]) == len(set(vocab.forms[fsb]))
    patterns = {(p["pattern"], p["id"]) for p in gazetteer_patterns(vocab)}
    assert ("Fsb", fsb) in patterns
    assert ("FSB", fsb) in patterns


def test_a_spelling_given_way_is_not_a_form(vocab):
    # pycountry's names give way silently on a clash: the loser never gets the spelling
    owners = {}
    for eid, names in vocab.forms.items():
        for name in names:
            assert vocab.aliases[norm(name)] == eid, (eid, name)
            owners.setdefault(name, eid)
    assert owners["NATO"] == "agency:nato"


# --- helpers, and the module's doctests -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  The   Kremlin\u2019s ", "kremlin's"),
        ("the US", "us"),
        ("Theresa May", "theresa may"),
        ("\u2018Quoted\u2019", "'quoted'"),
        ("STRASSE", "strasse"),
    ],
)
def test_norm(text, expected):
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mariusz B\u0142aszczak", "mariusz-blaszczak"),
        ("C\u00f4te d'Ivoire", "cote-d-ivoire"),
        ("  U.S. Department of State ", "u-s-department-of-state"),
        ("\u5317\u4eac", "x"),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


def test_entity_id():
    assert entity_id("person", "Vladimir Putin") == "person:vladimir-putin"
    assert entity_id("state", "C\u00f4te d'Ivoire") == "state:cote-d-ivoire"


def test_doctests():
    result = doctest.testmod(graph.vocab)
    assert result.attempted >= 4
    assert result.failed == 0
