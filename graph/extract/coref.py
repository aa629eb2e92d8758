"""Coreference: who a pronoun, a bare title or an epithet stands for.

The lookups (:func:`antecedent`, :func:`role_antecedent`, :func:`state_epithet`) are pure:
they read the mentions, roles and bindings found so far and return a key or None. The
one stage here, :func:`bind_titles`, runs after the roles stage and before the speakers:
a bare title in subject position with a state ("The Ruritanian premier said ...") and no
titled person of that state nearby stands for the untitled person who speaks right after
("..., John Roe told reporters"); it writes that binding, the person's role and their
affiliation.
"""

from __future__ import annotations

from collections.abc import Iterable

from .quotes import in_quote
from .state import ArticleState

__all__ = [
    "agency_antecedent",
    "antecedent",
    "bind_known_offices",
    "bind_titles",
    "body_antecedent",
    "find_lists",
    "names_person",
    "plural_antecedent",
    "plural_pronoun_antecedent",
    "principal_pair",
    "resolve_references",
    "role_antecedent",
    "role_text",
    "sole_state",
    "state_epithet",
    "title_state",
]

_SUBJ = {"nsubj", "nsubjpass", "csubj"}


def role_text(role: str) -> str:
    """A role as shown: its first letter in capitals ("foreign minister" -> "Foreign ...")."""
    return role[:1].upper() + role[1:]


def _window_start(d: ArticleState, si: int) -> int:
    """The first sentence a pronoun of sentence ``si`` may look back to: this paragraph
    and the one before, at most five sentences back."""
    first = si
    while first > 0 and si - first < 5 and d.para_of[first - 1] >= d.para_of[si] - 1:
        first -= 1
    return first


def gender(d: ArticleState, key: str) -> str | None:
    """A person's gender as the text shows it ("f" or "m"), or None: an honorific or a
    gendered title before a mention ("Mrs Roe", "spokeswoman Jane Roe"), a gendered word
    in their role, or a given name that is almost always one gender's."""
    known = d.genders.get(key, "?")
    if known != "?":
        return known
    lx = d.lx
    ent = d.entities.get(key)
    words: list[str] = []
    for m in d.mentions_of(key):
        if m.start > 0:
            words.append(d.doc[m.start - 1].lower_.rstrip("."))
    if ent is not None:
        words += (ent.role or "").lower().split()
    found = None
    if any(w in lx.female_words for w in words):
        found = "f"
    elif any(w in lx.male_words for w in words):
        found = "m"
    elif ent is not None and ent.label.split():
        first = ent.label.split()[0].lower()
        found = (
            "f" if first in lx.female_given_names else "m" if first in lx.male_given_names else None
        )
    d.genders[key] = found
    return found


def antecedent(d: ArticleState, tok, kind: str, exclude: Iterable[str] = ()) -> str | None:
    """The entity a pronoun stands for: a mention of its kind within this paragraph and
    the one before, from the nearest sentence that has one; within it a subject (or the
    name in apposition to one: "the minister, Jane Roe,") first, then, for "she" or "he",
    a person the text shows to be of that gender before one it does not (never one of
    the other); the ``exclude`` keys (the clause's own actor) never. A pronoun outside a
    quotation never stands for a name inside it ('"... Jane Roe," he said')."""
    si = d.sent_of.get(tok.i, 0)
    first = d.sents[_window_start(d, si)].start
    exclude = set(exclude)
    outside = not in_quote(d, tok)
    kinds = (kind,) if kind == "person" else (kind, "agency")
    lx = d.lx
    wanted = (
        "f" if tok.lower_ in lx.pronouns_female else "m" if tok.lower_ in lx.pronouns_male else None
    )
    window = d.mentions_in(_window_start(d, si), si)
    for want in kinds:
        best = None
        for m in window:
            if not (first <= m.start < tok.i) or m.key in exclude:
                continue
            ent = d.entities.get(m.key)
            if ent is None or ent.kind != want:
                continue
            if outside and d.sent_of.get(m.start) == si and in_quote(d, d.doc[m.start]):
                continue
            if want == "person" and wanted and gender(d, m.key) not in (None, wanted):
                continue  # "she" never stands for a man the text names
            last = d.doc[m.end - 1]
            subj = (
                d.doc[m.start].dep_ in _SUBJ
                or last.dep_ in _SUBJ
                or (last.dep_ == "appos" and last.head.dep_ in _SUBJ)  # "the minister, X,"
            )
            # a person the text shows to be of the pronoun's gender before one it does not
            matched = bool(wanted) and want == "person" and gender(d, m.key) == wanted
            rank = (d.sent_of.get(m.start, 0), subj, matched, m.start)
            if best is None or rank > best[0]:
                best = (rank, m.key)
        if best is not None:
            return best[1]
    return None


def _count(d: ArticleState, tok) -> int | None:
    """The number a plural description gives: "the three countries" -> 3, "both" -> 2."""
    for c in tok.children:
        if c.dep_ in ("nummod", "det", "predet", "quantmod") or c.lower_ in d.lx.numbers:
            value = d.lx.numbers.get(c.lower_) or (c.text if c.text.isdigit() else None)
            if value:
                return int(value)
    return None


def plural_antecedent(d: ArticleState, tok) -> list[str]:
    """The actors a plural description stands for: the most recent list of that many
    states or bodies before it ("Ruritania, Freedonia and Utopia ... the three
    countries", "both sides"); nothing when no list fits."""
    want = _count(d, tok)
    people = want is None and tok.lower_ in d.lx.numbers and not list(tok.children)
    if people:
        want = int(d.lx.numbers[tok.lower_])  # "both deny it": people or actors
    si = d.sent_of.get(tok.i, 0)
    first = d.sents[_window_start(d, si)].start
    states_only = tok.lemma_.lower() in d.lx.country_nouns or tok.lemma_.lower() == "state"
    for start, keys in reversed(d.lists):
        if start >= tok.i or start < first:
            continue
        if states_only and any(d.entities[k].kind != "state" for k in keys):
            continue
        if not people and any(d.entities[k].kind == "person" for k in keys):
            continue  # "the two countries" never stands for two people
        if (want is None and len(keys) >= 2) or len(keys) == want:
            return list(keys)
    if want == 2 and (states_only or tok.lemma_.lower() == "side"):
        return principal_pair(d)
    return []


def principal_pair(d: ArticleState) -> list[str]:
    """The two states an article is about, when two stand out: each named at least
    three times and together at least two thirds of the times any state is named
    ("both sides", "the two countries" with no list near)."""
    counts: dict[str, int] = {}
    for m in d.mentions:
        ent = d.entities.get(m.key)
        if ent is not None and ent.kind == "state":
            counts[m.key] = counts.get(m.key, 0) + 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    if len(ranked) < 2 or counts[ranked[1]] < 3:
        return []
    if 3 * (counts[ranked[0]] + counts[ranked[1]]) < 2 * sum(counts.values()):
        return []
    return ranked[:2]


def plural_pronoun_antecedent(d: ArticleState, tok) -> list[str]:
    """What "they" or "them" stands for: the most salient plural subject of this sentence
    or the one before (a main clause's over a subordinate one's, the nearer sentence's
    first), when it is a group named in the plural ("the rebels", "the Zorrinos") or a
    list of actors ("Ruritania and Freedonia"); nothing when that subject is no actor
    ("protesters"), and never a name inside the quotation the pronoun's sentence
    attributes."""
    si = d.sent_of.get(tok.i, 0)
    first = d.sents[max(0, si - 1)].start
    outside = not in_quote(d, tok)
    lists = {start: keys for start, keys in d.lists}
    best = None
    for t in d.doc[first : tok.i]:
        if t.dep_ not in _SUBJ or t.lower_ in d.lx.pronouns_plural:
            continue
        listed = lists.get(d.at[t.i].start) if t.i in d.at else None
        plural_name = (  # "the Zorrinos", tagged as one name
            t.i in d.at
            and t.text.endswith("s")
            and t.tag_ == "NNP"
            and d.entities[d.at[t.i].key].kind == "agency"
        )
        if t.tag_ not in ("NNS", "NNPS") and not listed and not plural_name:
            continue
        if outside and d.sent_of.get(t.i) == si and in_quote(d, t):
            continue
        rank = (d.sent_of.get(t.i, 0), t.head.dep_ == "ROOT", t.i)
        if best is None or rank > best[0]:
            best = (rank, t)
    if best is None:
        return []
    t = best[1]
    m = d.at.get(t.i)
    if m is None:
        return []
    if m.start in lists:
        return list(lists[m.start])
    ent = d.entities.get(m.key)
    return [m.key] if ent and ent.kind == "agency" else []


def agency_antecedent(d: ArticleState, tok) -> str | None:
    """The body "the ministry", "the army" or "the rebels" stands for: the most recent
    agency of this paragraph or the one before whose name ends in that noun ("the
    Ruritanian Defence Ministry", "the Zorro rebels")."""
    si = d.sent_of.get(tok.i, 0)
    first = d.sents[_window_start(d, si)].start
    word = tok.lemma_.lower()
    best = None
    for m in d.mentions_in(_window_start(d, si), si):
        if not first <= m.start < tok.i:
            continue
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "agency":
            continue
        last = d.doc[m.end - 1]
        names = {last.lemma_.lower(), last.lower_, (ent.group or "").rsplit("-", 1)[-1]}
        if word in names:
            best = m.key
    return best


def sole_state(d: ArticleState, tok) -> str | None:
    """The state a bare "the government" or "the authorities" stands for: the one state
    in sight (named, or the state of a body or person named) in this paragraph and the
    one before, up to the word; none when there are several ("Ruritania accused
    Freedonia. The government denied it." is left unresolved)."""
    si = d.sent_of.get(tok.i, 0)
    first = d.sents[_window_start(d, si)].start
    states = {
        d.state_of(m.key)  # a state, or the state of a body or person ("police in X")
        for m in d.mentions_in(_window_start(d, si), si)
        if first <= m.start < tok.i and d.entities.get(m.key)
    } - {None}
    return states.pop() if len(states) == 1 else None


def body_antecedent(d: ArticleState, tok) -> str | None:
    """The organisation "the group", "the bloc" or "the alliance" stands for: the most
    recent international organisation the text names within this paragraph and the one
    before."""
    si = d.sent_of.get(tok.i, 0)
    first = d.sents[_window_start(d, si)].start
    best = None
    for m in d.mentions_in(_window_start(d, si), si):
        if not first <= m.start < tok.i:
            continue
        entry = d.vocab.entries.get(d.entities[m.key].vocab_id or "")
        if entry is not None and entry.members:
            best = m.key
    return best


def find_lists(d: ArticleState) -> None:
    """Every list of two or more actors the text coordinates ("Ruritania, Freedonia and
    Utopia"), by the token where it starts: what plural descriptions refer back to."""
    for m in d.mentions:
        root = d.doc[m.end - 1]
        if root.dep_ == "conj":
            continue  # a later member of a list already taken from its first member
        keys = [m.key]
        stack = [c for c in root.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop(0)
            if c.i in d.at and d.at[c.i].key not in keys:
                keys.append(d.at[c.i].key)
            stack.extend(x for x in c.children if x.dep_ == "conj")
        kinds = {d.entities[k].kind == "person" for k in keys}
        if len(keys) >= 2 and len(kinds) == 1:  # all people, or all states and bodies
            d.lists.append((m.start, tuple(keys)))
    d.lists.sort()


def state_epithet(d: ArticleState, tok, exclude: set) -> str | None:
    """ "the Gulf state", "the Andean country": the nearest state named before that is
    not the speaker's own."""
    for m in reversed(d.mentions_in(0, d.sent_of.get(tok.i, 0))):
        if m.start >= tok.i:
            continue
        sid = d.state_of(m.key)
        if sid and sid not in exclude and d.entities.get(sid) and d.entities[sid].kind == "state":
            return sid
    return None


def title_state(d: ArticleState, tok) -> str | None:
    """The state a bare title names, if any: "the Ruritanian premier", "Ruritania's PM"."""
    state = None
    for c in tok.children:
        if c.i in d.modifier_state:
            state = d.modifier_state[c.i]
        elif c.dep_ == "poss" and c.i in d.at and d.entities[d.at[c.i].key].kind == "state":
            state = d.at[c.i].key
    if state is None and tok.i > 0 and tok.i - 1 in d.modifier_state:
        state = d.modifier_state[tok.i - 1]  # "Ruritanian PM"
    return state


def _titled_person(d: ArticleState, tok, state: str | None) -> str | None:
    """The nearest person (within six sentences) whose role holds the title's head noun
    and whose state, if known, is the title's."""
    head = d.lx.title_abbreviations.get(tok.lower_, tok.lower_).split()[-1]
    si = d.sent_of.get(tok.i, 0)
    best = None
    for m in d.mentions_in(si - 6, si + 6):
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "person" or not ent.role:
            continue
        if head not in d.lx.norm_title(ent.role).split():
            continue
        if state and d.state_of(m.key) not in (None, state):
            continue
        distance = abs(d.sent_of.get(m.start, 0) - si)
        if distance > 6:
            continue
        rank = (distance, 0 if m.start < tok.i else 1)
        if best is None or rank < best[0]:
            best = (rank, m.key)
    return best[1] if best else None


def names_person(d: ArticleState, tok) -> bool:
    return any(c.i in d.at and d.entities[d.at[c.i].key].kind == "person" for c in tok.children)


def role_antecedent(d: ArticleState, tok) -> str | None:
    """The person a bare title stands for: "the minister", "the spokesman added", or the
    person :func:`bind_titles` bound it to. The title's state, if it names one, must
    match; the nearest such person wins."""
    if names_person(d, tok):
        return None
    bound = d.title_bindings.get(tok.i)
    return bound or _titled_person(d, tok, title_state(d, tok))


def resolve_references(d: ArticleState) -> None:
    """The coreference stage: the lists plural descriptions refer to, the bare titles
    that name a known office holder of the article, then the bare titles bound to the
    person who speaks next."""
    find_lists(d)
    bind_known_offices(d)
    bind_titles(d)


def bind_known_offices(d: ArticleState) -> None:
    """ "the prime minister" in an article that names exactly one known prime minister
    (one the vocabulary knows as such) stands for that person; their role and their
    state follow from the vocabulary."""
    lx = d.lx
    known: dict[str, set[str]] = {}  # title head noun -> vocabulary people named
    for key, ent in d.entities.items():
        entry = d.vocab.entries.get(ent.vocab_id or "")
        if ent.kind != "person" or entry is None or not (entry.country or entry.parent):
            continue
        for role in entry.roles:
            known.setdefault(lx.norm_title(role), set()).add(key)
    if not known:
        return
    for tok in d.tokens:
        if tok.i in d.at or tok.lower_ not in lx.title_words | set(lx.title_abbreviations):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue  # "the prime minister", not "a minister"
        if names_person(d, tok):
            continue
        if title_state(d, tok) or tok.head.i == tok.i + 1 and tok.head.lower_ in lx.title_words:
            continue  # "the Ruritanian premier" (bind_titles), "the prime | minister" (head)
        words = [t.lower_ for t in d.doc[tok.left_edge.i : tok.i + 1] if t.lower_ in lx.title_words]
        title = lx.norm_title(" ".join(words) or tok.lower_)
        people = known.get(title, set())
        if len(people) != 1:
            continue
        key = next(iter(people))
        ent = d.entities[key]
        entry = d.vocab.entries[ent.vocab_id]
        ent.role = ent.role or role_text(title)
        d.title_bindings[tok.i] = key
        if key not in d.person_state:
            state = entry.country or entry.parent
            d.person_state[key] = state
            d.state_entity(state)
            d.add_relation(
                key,
                "affiliated_with",
                state,
                d.sent_of.get(tok.i, 0),
                rule="coref.known_office",
                confidence=0.8,
            )


def bind_titles(d: ArticleState) -> None:
    """Bind each bare title with a state, in subject position, that no titled person
    answers ("The Ruritanian premier has accused Freedonia ...") to the untitled person
    who is the subject of one of the next two sentences ("..., John Roe said")."""
    lx = d.lx
    for tok in d.tokens:
        if tok.dep_ not in _SUBJ:
            continue
        if tok.lower_ not in lx.title_words and tok.lower_ not in lx.title_abbreviations:
            continue
        if tok.i in d.at or names_person(d, tok):
            continue
        if any(c.dep_ == "appos" and c.i in d.at for c in tok.children):
            continue  # "the premier, John Roe": the apposition names the person
        state = title_state(d, tok)
        if not state or _titled_person(d, tok, state):
            continue
        si = d.sent_of.get(tok.i, 0)
        for m in d.mentions_in(si + 1, si + 2):
            ent = d.entities.get(m.key)
            if ent is None or ent.kind != "person" or ent.role or m.key in d.person_state:
                continue
            if not (si < d.sent_of.get(m.start, 0) <= si + 2):
                continue
            if d.doc[m.end - 1].dep_ not in _SUBJ:
                continue
            ent.role = role_text(
                " ".join(
                    t.text
                    for t in tok.subtree
                    if t.i <= tok.i
                    and t.dep_ not in ("det", "poss", "case")
                    and t.i not in d.modifier_state
                )
            )
            d.person_state[m.key] = state
            d.state_entity(state)
            d.add_relation(
                m.key, "affiliated_with", state, si, rule="coref.title_binding", confidence=0.7
            )
            d.title_bindings[tok.i] = m.key
            break
