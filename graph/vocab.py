"""Load and check the vocabularies in ``data/vocab``.

The vocabularies are data, not code: entity kinds, relation types with their
cue words and colours, countries (names, demonyms, capitals), alliances and
international organisations with their members, government bodies and
services, and the lexicon of titles, service nouns, incident nouns, hedges
and negations. Each lives in its own YAML file, read with ``yaml.safe_load``
and checked in two phases: the shape of every entry against the ``TypedDict``
specs below, then the cross references (a member state or an agency's country
that is not in ``countries.yaml``, an alias claimed by two entities). Every
problem raises :class:`~graph.errors.VocabError` naming the file and the key.

Country names also come from ``pycountry`` (ISO 3166), so that official names
("Russian Federation") resolve without being typed again.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import VocabError
from .schema import CUE_PARTS, FRAME_FIELDS, FRAME_FLAGS, KindSpec, RelationSpec, lexicon_fields

__all__ = [
    "VOCAB_DIR",
    "Entry",
    "Vocab",
    "entity_id",
    "load_vocab",
    "norm",
    "slug",
]

VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"

KINDS = ("state", "person", "agency", "incident")


_REQUIRED = {
    "kinds.yaml": {"label": str, "colour": str, "shape": str, "marker": str},
    "relations.yaml": {
        "label": str,
        "family": str,
        "directed": bool,
        "colour": str,
        "dashes": (bool, list),
        "width": int,
        "cues": dict,
    },
    "countries.yaml": {"name": str},
    "organisations.yaml": {"name": str, "type": str},
    "agencies.yaml": {"name": str, "country": (str, type(None)), "type": str},
    "people.yaml": {"name": str, "roles": list},
}
_OPTIONAL_LISTS = {
    "countries.yaml": ("aliases", "demonyms", "capitals"),
    "organisations.yaml": ("aliases", "members"),
    "agencies.yaml": ("aliases",),
    "people.yaml": ("aliases", "roles"),
}
_TOP_KEYS = {
    "kinds.yaml": "kinds",
    "relations.yaml": "relations",
    "countries.yaml": "countries",
    "organisations.yaml": "organisations",
    "agencies.yaml": "agencies",
    "people.yaml": "people",
    "lexicon.yaml": "lexicon",
}


def norm(text: str) -> str:
    """Normalise a name for matching: case-folded, curly quotes straightened,
    a leading "the" dropped, white space folded.

    >>> norm("  The   Kremlin’s ")
    "kremlin's"
    """
    text = text.casefold().replace("\u2019", "'").replace("\u2018", "'").strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


def slug(text: str) -> str:
    """A lower-case ASCII slug for ids.

    >>> slug("Mariusz Błaszczak")
    'mariusz-blaszczak'
    """
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def entity_id(kind: str, label: str) -> str:
    """The stable node id of an entity: its kind and the slug of its label.

    >>> entity_id("person", "Vladimir Putin")
    'person:vladimir-putin'
    """
    return f"{kind}:{slug(label)}"


@dataclass(frozen=True)
class Entry:
    """One entity the vocabulary knows: a state, an organisation or an agency."""

    id: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    type: str = ""
    country: str | None = None  # entity id of the state it belongs to
    parent: str | None = None  # entity id of the agency it belongs to
    members: tuple[str, ...] = ()  # entity ids of member states
    roles: tuple[str, ...] = ()  # a known person's offices, as news titles them


@dataclass
class Vocab:
    """Every vocabulary, checked and indexed."""

    kinds: dict[str, KindSpec]
    relations: dict[str, RelationSpec]
    lexicon: dict[str, Any]
    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # norm(alias) -> id
    demonyms: dict[str, str] = field(default_factory=dict)  # norm(demonym) -> state id
    capitals: dict[str, str] = field(default_factory=dict)  # norm(capital) -> state id
    country_codes: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 -> state id
    forms: dict[str, list[str]] = field(default_factory=dict)  # id -> every name as written
    demonym_forms: dict[str, list[str]] = field(default_factory=dict)  # state id -> as written
    capital_forms: dict[str, list[str]] = field(default_factory=dict)  # state id -> as written
    digest: str = ""

    __hash__ = object.__hash__  # one loaded vocabulary is one object (lru_cache keys)

    def lookup(self, name: str) -> Entry | None:
        """The entry a name, alias or capital stands for, or None.

        >>> load_vocab().lookup("Moscow").label
        'Russia'
        """
        key = norm(name)
        eid = self.aliases.get(key) or self.capitals.get(key)
        return self.entries.get(eid) if eid else None

    def people_named(self, surname: str) -> list[Entry]:
        """The known people whose name ends with ``surname`` ("Roe" -> [Jane Roe])."""
        index = self.__dict__.get("_surnames")
        if index is None:
            index = {}
            for entry in self.entries.values():
                if entry.kind == "person":
                    index.setdefault(norm(entry.label.split()[-1]), []).append(entry)
            self.__dict__["_surnames"] = index
        return list(index.get(norm(surname), ()))

    def state_of_demonym(self, word: str) -> Entry | None:
        """The state a demonym or adjective names ("Polish" -> Poland), or None."""
        eid = self.demonyms.get(norm(word))
        return self.entries.get(eid) if eid else None

    def words(self, key: str) -> list[str]:
        """A word list from the lexicon; ``KeyError`` naming the key if absent."""
        try:
            return self.lexicon[key]
        except KeyError:
            raise KeyError(f"lexicon.yaml has no list {key!r}") from None


# libyaml's safe loader when PyYAML was built with it: the same rules, ten times faster
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> dict[str, Any]:
    top = _TOP_KEYS.get(path.name)
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_SafeLoader)
    except FileNotFoundError:
        raise VocabError(f"{path}: vocabulary file is missing") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise VocabError(f"{path}: not valid YAML{where}: {reason}") from None
    if not isinstance(data, dict) or top not in data:
        raise VocabError(f"{path}: expected a mapping with the top key {top!r}")
    body = data[top]
    if not isinstance(body, dict):
        raise VocabError(f"{path}: {top!r} must be a mapping")
    return body


def _check_entries(path: Path, body: dict[str, Any]) -> None:
    required = _REQUIRED.get(path.name, {})
    lists = _OPTIONAL_LISTS.get(path.name, ())
    for key, spec in body.items():
        if not isinstance(spec, dict):
            raise VocabError(f"{path}: {key}: entry must be a mapping")
        for fname, ftype in required.items():
            if fname not in spec:
                raise VocabError(f"{path}: {key}: missing field {fname!r}")
            if not isinstance(spec[fname], ftype):
                raise VocabError(f"{path}: {key}: field {fname!r} has the wrong type")
        for fname in lists:
            value = spec.get(fname, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise VocabError(f"{path}: {key}: field {fname!r} must be a list of strings")


def _check_lexicon(path: Path, body: dict[str, Any]) -> None:
    """Check ``lexicon.yaml`` against :class:`graph.schema.LexiconSpec`: every key
    declared there is present, no other key is, and each value has its declared shape."""
    fields = lexicon_fields()
    for key in body:
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise VocabError(f"{path}: {key}: unknown key{hint}")
    for key, shape in fields.items():
        if key not in body:
            raise VocabError(f"{path}: {key}: missing key")
        value = body[key]
        if shape == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise VocabError(f"{path}: {key}: must be a list of strings")
        elif not isinstance(value, dict):
            raise VocabError(f"{path}: {key}: must be a mapping")
        elif shape == "lists":
            for sub, words in value.items():
                if not isinstance(words, list) or not all(isinstance(v, str) for v in words):
                    raise VocabError(f"{path}: {key}.{sub}: must be a list of strings")
        else:
            for sub, word in value.items():
                if not isinstance(word, str):
                    raise VocabError(f"{path}: {key}.{sub}: must be a string")


def _check_frames(path: Path, relation: str, frames: Any) -> None:
    """A relation's ``frames``: ``verbs``/``nouns`` frames and per-word ``words`` frames,
    each a mapping of FRAME_FIELDS to lists of words."""

    def frame(where: str, value: Any) -> None:
        if not isinstance(value, dict):
            raise VocabError(f"{path}: {relation}: {where} must be a mapping")
        for field_name, words in value.items():
            if field_name not in FRAME_FIELDS:
                raise VocabError(f"{path}: {relation}: {where}: unknown field {field_name!r}")
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise VocabError(
                    f"{path}: {relation}: {where}.{field_name} must be a list of strings"
                )
            unknown = sorted(set(words) - set(FRAME_FLAGS)) if field_name == "flags" else []
            if unknown:
                raise VocabError(f"{path}: {relation}: {where}.flags: unknown flag {unknown[0]!r}")

    if not isinstance(frames, dict):
        raise VocabError(f"{path}: {relation}: frames must be a mapping")
    for part, value in frames.items():
        if part in ("verbs", "nouns"):
            frame(f"frames.{part}", value)
        elif part == "words" and isinstance(value, dict):
            for word, spec in value.items():
                frame(f"frames.words.{word}", spec)
        else:
            raise VocabError(f"{path}: {relation}: frames: unknown part {part!r}")


def _pycountry_names(code: str) -> list[str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pinned in requirements
        return []
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    names = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
    return [n for n in names if n and "," not in n]


class _Indexer:
    """Collects entries and their aliases, refusing an alias claimed twice."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.owner: dict[str, tuple[str, str]] = {}  # norm alias -> (file, key)

    def claim(self, alias: str, eid: str, where: tuple[str, str], *, strict: bool = True) -> None:
        key = norm(alias)
        if not key:
            return
        if key in self.vocab.aliases and self.vocab.aliases[key] != eid:
            if not strict:
                return
            other = self.owner[key]
            raise VocabError(
                f"{where[0]}: {where[1]}: alias {alias!r} is already claimed by "
                f"{other[1]} in {other[0]}"
            )
        # every distinct spelling is kept ("NATO" and "Nato"): patterns match exact case
        forms = self.vocab.forms.setdefault(eid, [])
        if alias not in forms:
            forms.append(alias)
        self.vocab.aliases.setdefault(key, eid)
        self.owner.setdefault(key, where)

    def add(self, entry: Entry, where: tuple[str, str]) -> None:
        if entry.id in self.vocab.entries:
            raise VocabError(f"{where[0]}: {where[1]}: name {entry.label!r} is used twice")
        self.vocab.entries[entry.id] = entry
        for alias in (entry.label, *entry.aliases):
            self.claim(alias, entry.id, where)


def _add_form(table: dict[str, list[str]], eid: str, text: str) -> None:
    """Record a spelling exactly as written in the vocabulary, once."""
    text = text.strip()
    forms = table.setdefault(eid, [])
    if text and text not in forms:
        forms.append(text)


def _vocab_digest(directory: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_vocab(directory: str | Path | None = None) -> Vocab:
    """Read, check and index every vocabulary file of a folder.

    The result is cached per folder (the folder named, or ``$RELATE_VOCAB_DIR``
    as set at the time of the call): a folder is read once per process.

    Parameters
    ----------
    directory : folder holding the YAML files; default ``$RELATE_VOCAB_DIR`` or
        ``data/vocab``.

    Raises
    ------
    VocabError
        naming the file and key of the first problem found.

    Examples
    --------
    >>> vocab = load_vocab()
    >>> vocab.lookup("Kremlin").kind, vocab.state_of_demonym("Polish").label
    ('agency', 'Poland')
    """
    directory = Path(directory or os.environ.get("RELATE_VOCAB_DIR") or VOCAB_DIR)
    return _load_vocab(directory.resolve())


@functools.lru_cache(maxsize=8)
def _load_vocab(directory: Path) -> Vocab:
    bodies = {}
    for fname in _TOP_KEYS:
        path = directory / fname
        body = _read_yaml(path)
        if fname == "lexicon.yaml":
            _check_lexicon(path, body)
        else:
            _check_entries(path, body)
        bodies[fname] = (path, body)

    kinds = bodies["kinds.yaml"][1]
    unknown = set(kinds) - set(KINDS)
    if unknown or set(kinds) != set(KINDS):
        raise VocabError(f"{bodies['kinds.yaml'][0]}: kinds must be exactly {', '.join(KINDS)}")
    relations = bodies["relations.yaml"][1]
    for key, spec in relations.items():
        cues = spec["cues"]
        for part in cues:
            if part not in (*CUE_PARTS, "phrases"):
                raise VocabError(f"{bodies['relations.yaml'][0]}: {key}: unknown cue list {part!r}")
        for part in (*CUE_PARTS, *(("phrases",) if "phrases" in cues else ())):
            words = cues.get(part)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise VocabError(
                    f"{bodies['relations.yaml'][0]}: {key}: cues.{part} must be a list of strings"
                )

    for key, spec in relations.items():
        _check_frames(bodies["relations.yaml"][0], key, spec.get("frames", {}))

    vocab = Vocab(kinds=kinds, relations=relations, lexicon=bodies["lexicon.yaml"][1])
    idx = _Indexer(vocab)

    path, countries = bodies["countries.yaml"]
    for code, spec in countries.items():
        if not re.fullmatch(r"[A-Z]{3}", str(code)):
            raise VocabError(f"{path}: {code}: key must be an ISO 3166 alpha-3 code")
        eid = entity_id("state", spec["name"])
        entry = Entry(eid, "state", spec["name"], tuple(spec.get("aliases", [])), "state")
        idx.add(entry, (str(path), code))
        vocab.country_codes[code] = eid
        for name in _pycountry_names(code):
            idx.claim(name, eid, (str(path), code), strict=False)
        for word in spec.get("demonyms", []):
            if norm(word) in vocab.demonyms and vocab.demonyms[norm(word)] != eid:
                raise VocabError(f"{path}: {code}: demonym {word!r} is claimed twice")
            vocab.demonyms[norm(word)] = eid
            _add_form(vocab.demonym_forms, eid, word)
        for city in spec.get("capitals", []):
            if vocab.capitals.setdefault(norm(city), eid) == eid:
                _add_form(vocab.capital_forms, eid, city)

    def state_ref(path: Path, key: str, code: str) -> str:
        if code not in vocab.country_codes:
            raise VocabError(f"{path}: {key}: unknown country code {code!r}")
        return vocab.country_codes[code]

    path, orgs = bodies["organisations.yaml"]
    for key, spec in orgs.items():
        members = tuple(state_ref(path, key, c) for c in spec.get("members", []))
        entry = Entry(
            entity_id("agency", spec["name"]),
            "agency",
            spec["name"],
            tuple(spec.get("aliases", [])),
            spec["type"],
            members=members,
        )
        idx.add(entry, (str(path), key))

    path, agencies = bodies["agencies.yaml"]
    parents: list[tuple[str, str, str]] = []
    for key, spec in agencies.items():
        country = spec.get("country")
        entry = Entry(
            entity_id("agency", spec["name"]),
            "agency",
            spec["name"],
            tuple(spec.get("aliases", [])),
            spec["type"],
            country=state_ref(path, key, country) if country else None,
        )
        idx.add(entry, (str(path), key))
        if spec.get("parent"):
            parents.append((key, entry.id, spec["parent"]))
    for key, eid, parent in parents:
        if parent not in agencies:
            raise VocabError(f"{bodies['agencies.yaml'][0]}: {key}: unknown parent {parent!r}")
        pid = entity_id("agency", agencies[parent]["name"])
        old = vocab.entries[eid]
        vocab.entries[eid] = Entry(
            old.id, old.kind, old.label, old.aliases, old.type, old.country, pid, old.members
        )

    path, people = bodies["people.yaml"]
    for key, spec in people.items():
        country, body = spec.get("country"), spec.get("body")
        if (country is None) == (body is None):
            raise VocabError(f"{path}: {key}: needs exactly one of 'country' and 'body'")
        if body is not None and body not in orgs:
            raise VocabError(f"{path}: {key}: unknown body {body!r}")
        entry = Entry(
            entity_id("person", spec["name"]),
            "person",
            spec["name"],
            tuple(spec.get("aliases", [])),
            "person",
            country=state_ref(path, key, country) if country else None,
            parent=entity_id("agency", orgs[body]["name"]) if body else None,
            roles=tuple(spec["roles"]),
        )
        idx.add(entry, (str(path), key))

    vocab.digest = _vocab_digest(directory)
    return vocab


load_vocab.cache_clear = _load_vocab.cache_clear  # type: ignore[attr-defined]
