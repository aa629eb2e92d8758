"""The extractor's words: every lexicon key and relation cue is read by some code, and a
misspelt, missing or mistyped key is a VocabError naming the file and the key."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
import yaml

from graph.errors import VocabError
from graph.extract.lexicon import Lexicon
from graph.schema import KindSpec, RelationSpec, lexicon_fields
from graph.vocab import VOCAB_DIR, load_vocab

GRAPH = Path(__file__).resolve().parents[2] / "graph"


def _code_reads() -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """Attribute names read anywhere in graph/, string keys read outside the vocabulary's
    own loaders (subscripts and .get() arguments, and lexicon.py's subscripts), and the
    (relation, part) pairs of every literal ``cue(...)`` call."""
    attrs: set[str] = set()
    keys: set[str] = set()
    cues: set[tuple[str, str]] = set()
    for path in GRAPH.rglob("*.py"):
        if path.name in ("schema.py", "vocab.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                attrs.add(node.attr)
            elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                keys.add(str(node.slice.value))
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if name == "get" and args:
                    keys.add(str(args[0]))
                if name in ("cue", "_cue") and len(args) >= 2:
                    cues.add((args[0], args[1]))
    return attrs, keys, cues


def test_every_lexicon_key_is_read_by_the_code():
    attrs, keys, _ = _code_reads()
    unread = sorted(k for k in lexicon_fields() if k not in attrs and k not in keys)
    assert not unread, f"lexicon.yaml keys no code reads: {unread}"


def test_every_relation_cue_list_is_read_by_a_rule(vocab):
    _, _, cues = _code_reads()
    listed = {
        (rel, part)
        for rel, spec in vocab.relations.items()
        for part, words in spec["cues"].items()
        if words
    }
    assert listed - cues == set(), f"cue lists no rule reads: {sorted(listed - cues)}"


def test_every_frame_is_the_frame_of_a_cue(vocab):
    for rel, spec in vocab.relations.items():
        cues = set().union(*(spec["cues"].get(p, []) for p in ("verbs", "nouns", "adjectives")))
        for word in spec.get("frames", {}).get("words", {}):
            assert word in cues, f"relations.yaml: {rel}: frame for {word!r}, which is no cue"


def test_frames_read_as_data(vocab):
    lx = Lexicon.of(vocab)
    assert lx.frame("accuses", "verbs", "attribute")["target"] == {"to"}
    assert "level" in lx.frame("accuses", "nouns", "accusation")["head_source"]
    # a word's own frame replaces the field of its part of speech, keeps the others
    sanction = lx.frame("accuses", "nouns", "sanction")
    assert sanction["head_target"] == {"face"} and sanction["source"] == {"by", "from"}
    assert lx.frame("denies", "verbs", "deny") == {f: frozenset() for f in sanction}


def test_every_kind_and_relation_field_is_read():
    attrs, keys, _ = _code_reads()
    for spec in (KindSpec, RelationSpec):
        for key in spec.__annotations__:
            assert key in keys or key in attrs, f"{spec.__name__}.{key} is read nowhere"


def test_lexicon_attributes_are_the_file_keys(vocab):
    lx = Lexicon.of(vocab)
    for key in lexicon_fields():
        assert hasattr(lx, key), key
    with pytest.raises(AttributeError, match="lexicon.yaml has no key 'wish_verb'"):
        lx.wish_verb  # noqa: B018


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "vocab"
    shutil.copytree(VOCAB_DIR, folder)
    return folder


def _edit_lexicon(folder: Path, change) -> None:
    path = folder / "lexicon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["lexicon"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_misspelt_key_names_file_key_and_suggestion(tmp_path):
    folder = _copy(tmp_path)
    _edit_lexicon(folder, lambda lx: lx.update(wish_verb=lx.pop("wish_verbs")))
    with pytest.raises(VocabError) as err:
        load_vocab(folder)
    message = str(err.value)
    assert "lexicon.yaml" in message and "wish_verb" in message
    assert "did you mean 'wish_verbs'" in message


def test_missing_key(tmp_path):
    folder = _copy(tmp_path)
    _edit_lexicon(folder, lambda lx: lx.pop("negators"))
    with pytest.raises(VocabError, match=r"lexicon.yaml: negators: missing key"):
        load_vocab(folder)


@pytest.mark.parametrize(
    "key, value, problem",
    [
        ("negators", "neither", "must be a list of strings"),
        ("service_groups", ["army"], "must be a mapping"),
        (
            "title_abbreviations",
            {"pm": ["prime minister"]},
            "title_abbreviations.pm: must be a string",
        ),
    ],
)
def test_mistyped_value(tmp_path, key, value, problem):
    folder = _copy(tmp_path)
    _edit_lexicon(folder, lambda lx: lx.update({key: value}))
    with pytest.raises(VocabError, match=problem):
        load_vocab(folder)


def test_unknown_cue_list(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "relations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["relations"]["accuses"]["cues"]["adverbs"] = ["loudly"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(VocabError, match="accuses: unknown cue list 'adverbs'"):
        load_vocab(folder)


def test_unknown_frame_field(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "relations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["relations"]["accuses"]["frames"]["words"]["blame"] = {"targets": ["on"]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(VocabError, match="accuses: frames.words.blame: unknown field 'targets'"):
        load_vocab(folder)
