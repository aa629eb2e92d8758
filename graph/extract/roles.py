"""Roles: the titles people hold and the states or bodies they hold them in.

:func:`find_roles` reads titles before a name ("Ruritanian Foreign Minister John Roe",
"Ministry spokesman Jane Roe"), appositions ("John Roe, a spokesman for the Ruritanian
Foreign Ministry") and copulas ("Roe is a Home Office officer"); it writes the person's
``role``, their ``affiliated_with`` relations and ``person_state``, and leaves titles with
no state word in ``pending_roles``. :func:`context_roles`, after the relation rules, gives
each pending title the state of its context: a title the article gives a state elsewhere
("the Ruritanian premier"), a state in the person's clause, or the acting state nearby.
"""

from __future__ import annotations

from ..vocab import slug
from .coref import role_text
from .state import ArticleState
from .syntax import POSSESSIVE, SUBJ, actors

__all__ = ["context_roles", "find_roles"]


def find_roles(d: ArticleState) -> None:
    """Affiliations from titles and appositions, sentence by sentence."""
    for si, sent in enumerate(d.sents):
        _sentence_roles(d, si, sent)


def _sentence_roles(d: ArticleState, si: int, sent) -> None:
    doc, lx = d.doc, d.lx
    titled: dict[int, tuple[str, list[str]]] = {}  # end of a titled name -> its title
    for m in d.mentions_in(si, si):
        ent = d.entities.get(m.key)
        if ent is None or ent.kind != "person":
            continue
        # tokens right before the name that belong to its title
        j = m.start - 1
        title_words: list[str] = []
        targets: list[str] = []
        former = False
        plural = False
        while j >= sent.start:
            tok = doc[j]
            low = tok.lower_
            if low in lx.former_words and (title_words or targets):
                former = True  # "former Ruritanian premier Jane Roe"
            if (
                j in d.at
                and d.entities[d.at[j].key].kind == "person"
                and title_words
                and title_words[0] in POSSESSIVE
            ):
                # "President Roe's senior adviser Jane Doe": of the owner's state, unless a
                # state is named ("Roe's Freedonian counterpart") or the title is relative
                relative = any(w.lower() in d.lx.relative_titles for w in title_words)
                owner = None if targets or relative else _person_state(d, d.at[j].key)
                if owner:
                    targets.append(owner)
                break
            if j in d.at and d.entities[d.at[j].key].kind in ("state", "agency"):
                key = d.at[j].key
                if key not in targets:
                    targets.append(key)
                j = d.at[j].start - 1
                continue
            if j in d.modifier_state:
                sid = d.modifier_state[j]
                d.state_entity(sid)
                if sid not in targets:
                    targets.append(sid)
                j -= 1
                continue
            if low in lx.title_words or (
                (low in lx.title_joiners or low in POSSESSIVE) and title_words
            ):
                title_words.insert(0, tok.text)
                j -= 1
                continue
            if (
                not title_words
                and j == m.start - 1
                and tok.pos_ == "NOUN"
                and tok.text.isalpha()
                and tok.text.islower()
                and tok.dep_ == "compound"
                and j - 1 in d.at
                and d.entities[d.at[j - 1].key].kind == "agency"
            ):
                # "Zorro University cryptographer Jane Roe": any occupation word between a
                # body's name and a person's is a title there
                title_words.insert(0, tok.text)
                j -= 1
                continue
            if not title_words and low.endswith("s") and low[:-1] in lx.titles:
                title_words.insert(0, tok.text[:-1])  # "reporters Jane Roe and John Doe"
                plural = True
                j -= 1
                continue
            if (
                low == "and"
                and title_words
                and j - 1 >= sent.start
                and doc[j - 1].lower_ in lx.title_words
            ):
                title_words.insert(0, tok.text)  # "founder and chief executive Jane Roe"
                j -= 1
                continue
            if title_words and low in lx.service_set and j not in d.at:
                j -= 1  # "the ministry's spokesperson X": resolved to the ministry below
                continue
            if (
                tok.pos_ in ("ADJ", "NOUN", "PROPN")
                and j < tok.head.i < m.end  # "the Courier's North America editor X"
                and tok.dep_ in ("amod", "compound")
                and title_words
            ):
                j -= 1
                continue
            k = _portfolio_start(d, j, sent.start)
            if k is not None and not title_words:
                j = k  # "High Representative for Foreign Affairs X": the portfolio is skipped
                continue
            break
        if not targets:
            # "army spokesman John Roe": the army the article has named
            for k in range(j + 1, m.start):
                # the longest service phrase from here: "foreign ministry", not "ministry"
                phrase = next(
                    (
                        p
                        for e in range(m.start, k, -1)
                        for p in (" ".join(t.lower_ for t in doc[k:e]),)
                        if p in lx.service_set
                    ),
                    None,
                )
                if phrase is None:
                    continue
                service = next((g for g, ps in lx.service_groups.items() if phrase in ps), phrase)
                known = [
                    key
                    for key, e in d.entities.items()
                    if e.kind == "agency" and e.group and e.group.endswith("-" + slug(service))
                ]
                if len(known) == 1:
                    targets.append(known[0])
                break
        if not targets and not title_words:
            # "Ruritania's John Roe", "the Daily Courier's Jane Roe": the owner's person
            for child in doc[m.end - 1].children:
                if child.dep_ == "poss" and child.i < m.start:
                    targets += [
                        key
                        for key in actors(d, child, conj=False)
                        if d.entities[key].kind in ("state", "agency")
                    ]
        role = " ".join(w for w in title_words if w not in POSSESSIVE).strip() or None
        role = role.replace(" - ", "-") if role else None  # "President-elect"
        if role and role.lower() in lx.title_joiners:
            role = None
        if not role and not targets and m.start >= 1 and doc[m.start - 1].lower_ in ("and", ","):
            # "Zorro Radio reporters Jane Roe and John Doe": a plural title covers both names
            role, targets = titled.get(m.start - 1, (None, []))
            targets = list(targets)
        if role and targets and plural:
            titled[m.end] = (role, targets)
        if role:
            ent.role = ent.role or role_text(f"former {role}" if former else role)
        past, definite = _apposition_roles(d, m, ent, role, targets)
        former = former or past
        role = role or definite  # "X, the prime minister,": a title its context owns
        if former:
            continue  # a past role: no affiliation, now or from the context
        for key in targets:
            if d.entities[key].kind == "person":
                continue
            d.add_relation(m.key, "affiliated_with", key, si, rule="roles.title", confidence=0.95)
            d.person_state.setdefault(m.key, key)
        if not targets and role and m.key not in d.person_state:
            national = lx.national_titles.get(role.lower())
            serves = national or _known_office(d, ent, role)
            if serves:
                rule = "roles.national_title" if national else "roles.known_office"
                d.state_entity(serves)
                d.add_relation(m.key, "affiliated_with", serves, si, rule=rule, confidence=0.9)
                d.person_state[m.key] = serves
            else:
                d.pending_roles.append((m, si))


def _person_state(d: ArticleState, key: str) -> str | None:
    """The state a person serves, if already known or known to the vocabulary."""
    if key in d.person_state:
        return d.person_state[key]
    entry = d.vocab.entries.get(d.entities[key].vocab_id or "")
    state = entry.country if entry is not None else None
    if state:
        d.state_entity(state)
    return state


def _portfolio_start(d: ArticleState, j: int, first: int) -> int | None:
    """The token before "for" or "of" when tokens up to j are a capitalised portfolio
    after a title: "Minister for Foreign Affairs", "Secretary of Defense"."""
    doc, lx = d.doc, d.lx
    k = j
    while k >= first and j - k < 4 and doc[k].text[:1].isupper() and k not in d.at:
        k -= 1
    if k == j or k - 1 < first or doc[k].lower_ not in ("for", "of"):
        return None
    return k - 1 if doc[k - 1].lower_ in lx.title_words else None


def _known_office(d: ArticleState, ent, role: str) -> str | None:
    """The state (or body) a person the vocabulary knows serves, when the article's title
    for them is one of their known offices ("President" for a known president)."""
    entry = d.vocab.entries.get(ent.vocab_id or "")
    if entry is None or not (entry.country or entry.parent):
        return None
    head = d.lx.norm_title(role).split()[-1:]
    if not any(head and head[0] in d.lx.norm_title(r).split() for r in entry.roles):
        return None
    return entry.country or entry.parent


def _apposition_roles(
    d: ArticleState, m, ent, role: str | None, targets: list[str]
) -> tuple[bool, str | None]:
    """ "X, a spokesman for the Ruritanian Foreign Ministry,", "X is a Home Office officer":
    the apposition's (or the copula's) title is the role, its bodies the targets. Returns
    whether the apposition's role is a past one ("X, a former army officer") and the title
    of a definite apposition naming no body ("X, the prime minister,")."""
    former = False
    definite: str | None = None
    doc, lx = d.doc, d.lx
    name_root = doc[m.end - 1]
    predicate = (
        [c for c in name_root.head.children if c.dep_ == "attr"]
        if name_root.dep_ == "nsubj" and name_root.head.lemma_ == "be"
        else []
    )
    heads = [
        child
        for child in (
            list(name_root.children)
            + ([name_root.head] if name_root.dep_ == "appos" else [])
            + predicate
        )
        if child.dep_ == "appos"
        or (child.i == name_root.head.i and name_root.dep_ == "appos")
        or child in predicate
    ]
    # "X, director of the Y Institute and a fellow at Z": each joined title has its body
    heads += [c for h in heads for c in h.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    past = False
    for head_noun in heads:
        if head_noun.lower_ not in lx.title_words and head_noun.lemma_ not in lx.title_words:
            continue  # only a title makes an apposition a role ("X, a spokesman for Y")
        before = [t for t in head_noun.subtree if t.i <= head_noun.i]
        words = " ".join(t.text for t in before if t.dep_ not in ("det", "punct"))
        ent.role = ent.role or role_text(words)
        if head_noun is heads[0] and any(
            c.dep_ == "det" and c.lower_ == "the" for c in head_noun.children
        ):
            definite = words
        found = _title_bodies(d, m, head_noun, role)
        if any(t.lower_ in lx.former_words for t in before):
            past = True  # "X, an ex-army officer", "X, a retired general": no affiliation
            continue
        targets.extend(k for k in found if k not in targets)
    former = past and not targets
    if not targets:
        # "Jane Roe of the Zorro Institute", "John Roe from Zorro Labs"
        for sub in name_root.children:
            if sub.dep_ == "prep" and sub.lower_ in lx.member_prepositions:
                for pobj in sub.children:
                    if pobj.dep_ == "pobj" and pobj.i in d.at:
                        key = d.at[pobj.i].key
                        if d.entities[key].kind == "agency" and key not in targets:
                            targets.append(key)
    return former, definite


def _title_bodies(d: ArticleState, m, head_noun, role: str | None) -> list[str]:
    """The states and bodies one apposed title names: "a spokesman for X", "X's envoy",
    "a Ruritanian diplomat", "head of research for X"; not those of a title joined to it."""
    lx = d.lx
    found: list[str] = []

    def add(key: str) -> None:
        if key not in found:
            found.append(key)

    for sub in head_noun.children:
        if sub.dep_ == "prep" and sub.lower_ in lx.affiliation_prepositions:
            for pobj in sub.children:
                if pobj.dep_ == "pobj":
                    for key in actors(d, pobj, conj=False):
                        if d.entities[key].kind in ("state", "agency"):
                            add(key)
        elif sub.dep_ == "poss" and head_noun.lower_ not in lx.opposite_titles:
            for key in actors(d, sub, conj=False):
                kind = d.entities[key].kind
                if kind in ("state", "agency"):
                    add(key)
                elif kind == "person" and key != m.key:
                    d.person_state.setdefault(m.key, key)
    for sub in head_noun.children:
        if sub.dep_ in ("compound", "amod") and sub.i in d.modifier_state:
            sid = d.modifier_state[sub.i]
            d.state_entity(sid)
            add(sid)
        elif sub.dep_ in ("compound", "nmod") and sub.i in d.at:
            key = d.at[sub.i].key  # "a Foreign Ministry spokesman", not "a Ruritania expert"
            if d.entities[key].kind == "agency" and role is None:
                add(key)
    if not found:
        # "X, head of threat research for Zorro Labs": the body further down the phrase
        joined = {t.i for c in head_noun.children if c.dep_ == "conj" for t in c.subtree}
        for t in head_noun.subtree:
            if t.i in d.at and t.i > head_noun.i and t.i not in joined and t.head.dep_ == "prep":
                key = d.at[t.i].key
                if (
                    d.entities[key].kind == "agency"
                    and t.head.lower_ in lx.affiliation_prepositions
                ):
                    add(key)
                    break
    return found


def _state_titles(d: ArticleState) -> dict[str, str]:
    """Titles the article gives a state without a name: "Ruritania PM says ...",
    "the Ruritanian prime minister" -> {"prime minister": state}. A title claimed by two
    states is dropped."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    doc, lx = d.doc, d.lx
    for tok in d.tokens:
        state = None
        if tok.i in d.modifier_state:
            state = d.modifier_state[tok.i]
        elif tok.i in d.at and d.entities[d.at[tok.i].key].kind == "state":
            state = d.at[tok.i].key
        if state is None or tok.i + 1 >= len(doc):
            continue
        k = tok.i + 1
        while k < len(doc) and doc[k].text in POSSESSIVE:
            k += 1
        words = []
        while k < len(doc) and (
            doc[k].lower_ in lx.title_words or doc[k].lower_ in lx.title_abbreviations
        ):
            words.append(doc[k].lower_)
            k += 1
        if not words or (k < len(doc) and k in d.at and d.entities[d.at[k].key].kind == "person"):
            continue
        title = lx.norm_title(" ".join(words))
        if out.get(title, state) != state:
            clash.add(title)
        out[title] = state
    # "Ruritania's embassy's acting chargé d'affaires": a title of a named body
    for tok in d.tokens:
        if tok.lower_ not in lx.title_words or (tok.i + 1 < len(doc) and tok.i + 1 in d.at):
            continue
        for child in tok.children:
            if child.dep_ != "prep" or child.lower_ not in lx.title_owner_prepositions:
                continue
            owners = [
                k
                for p in child.children
                if p.dep_ == "pobj"
                for k in actors(d, p, conj=False)
                if d.entities[k].kind in ("state", "agency")
            ]
            if len(owners) == 1:
                words = [
                    t.lower_ for t in doc[tok.left_edge.i : tok.i + 1] if t.lower_ in lx.title_words
                ]
                title = lx.norm_title(" ".join(words) or tok.lower_)
                if out.get(title, owners[0]) != owners[0]:
                    clash.add(title)
                out[title] = owners[0]
    return {t: s for t, s in out.items() if t not in clash}


def _same_sentence_targets(d: ArticleState, si: int) -> set[str]:
    start = d.sents[si].start_char
    return {r["target"] for r in d.relations_at(start) if r["relation"] != "affiliated_with"}


def _context_state(d: ArticleState, m, si: int, titled: dict[str, str]) -> tuple[str | None, bool]:
    """The state a pending title takes from its context, and whether it is named only by a
    demonym (so its entity is still to be made). Pure: reads, never writes."""
    doc = d.doc
    role = d.lx.norm_title(d.entities[m.key].role or "")
    state = titled.get(role) if role else None
    for tok in doc[m.end - 1].subtree if state is None else ():
        if (
            tok.i in d.at
            and d.entities[d.at[tok.i].key].kind == "state"
            and not (m.start <= tok.i < m.end)
        ):
            return d.at[tok.i].key, False
    if state is not None:
        return state, False
    last = doc[m.end - 1]
    if last.dep_ in ("appos", "conj") and last.head.i in d.at:
        # "Ruritanian President Jane Roe, Prime Minister John Doe and ...": the state of
        # the titled person the list began with
        sid = d.person_state.get(d.at[last.head.i].key)
        if sid and d.kind(sid) == "state":
            return sid, False
    accused = _same_sentence_targets(d, si)
    for mm in reversed(d.mentions_in(si, si)):
        if mm.start >= m.start:
            continue
        sid = d.state_of(mm.key)
        if (
            sid
            and sid not in accused
            and d.entities[mm.key].kind != "person"
            and d.kind(sid) == "state"
        ):
            return sid, False
    for back in range(si - 1, max(-1, si - 4), -1):
        for mm in d.mentions_in(back, back):
            if doc[mm.end - 1].dep_ in SUBJ and d.entities[mm.key].kind != "person":
                sid = d.state_of(mm.key)
                if sid and d.kind(sid) == "state":
                    return sid, False
    # "According to Foreign Minister Jane Roe, the Ruritanian government's ..."
    for mm in d.mentions_in(si, si):
        if mm.start <= m.start:
            continue
        sid = d.state_of(mm.key)
        if sid and sid not in accused and d.entities[mm.key].kind != "person":
            return sid, False
    for k in range(m.end, d.sents[si].end):
        if k in d.modifier_state and d.modifier_state[k] not in accused:
            return d.modifier_state[k], True
    return None, False


def _suffers_act(d: ArticleState, m) -> bool:
    """Whether a titled person is the one a hostile act is done to ("a strike killed
    commander John Roe", "Roe was arrested"): the actors around them are the other side,
    so their context gives no state."""
    tok = d.doc[m.end - 1]
    while tok.dep_ in ("appos", "compound", "conj") and tok.head.i != tok.i:
        tok = tok.head
    lemma = tok.head.lemma_.lower()
    return tok.dep_ in ("dobj", "nsubjpass") and (
        lemma in d.lx.hostile_verbs or lemma in d.lx.cue("accuses", "verbs")
    )  # "the United States indicted General Roe": not its general


def _outside_state(d: ArticleState, m) -> bool:
    """Whether a role stands outside any state's government: "opposition leader",
    "rebel commander"; such a person takes no state from the context."""
    words = set((d.entities[m.key].role or "").lower().replace("-", " ").split())
    words |= {t.lower_ for t in d.doc[max(0, m.start - 3) : m.start]}
    return bool(words & d.lx.nonstate_role_words)


def context_roles(d: ArticleState) -> None:
    """A title with no state word ("President John Roe") takes its state from the
    context: a state in the person's own clause, else the nearest acting state before."""
    titled = _state_titles(d)
    for m, si in d.pending_roles:
        if m.key in d.person_state or m.key not in d.entities or _suffers_act(d, m):
            continue
        if _outside_state(d, m):
            continue
        state, unnamed = _context_state(d, m, si, titled)
        if state:
            if unnamed:
                d.state_entity(state)
            d.add_relation(
                m.key, "affiliated_with", state, si, rule="roles.context", confidence=0.6
            )
            d.person_state[m.key] = state
