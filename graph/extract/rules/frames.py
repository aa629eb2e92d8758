"""Argument frames shared by the relation rules: where a cue's source and target sit.

A cue verb's source is its subject (active) or its agent (passive, else the speaker whose
words hold it); its target is its object, or the subject of a passive, or the object of
a preposition its frame names ("attributed to X"). A cue noun's source is its possessor,
its modifier or the object of a source preposition ("accusations by X"), else the
subject of a verb its frame names ("X levelled accusations"); its target is the object
of a target preposition ("against X"), else the subject of a verb its frame names ("X
drew condemnation"). The frames are data: ``frames`` in ``data/vocab/relations.yaml``.
The lookups are pure; they return keys and record, in a :class:`~.base.Found`, the
vocabulary states a demonym names.
"""

from __future__ import annotations

from ...records import ACTOR_KINDS
from ..coref import antecedent, state_epithet
from ..state import ArticleState
from ..syntax import OBJ, actors, agent, objects, speaker_for, subject
from .base import Found

__all__ = [
    "act_authors",
    "actors_or_demonym",
    "noun_arguments",
    "object_modifiers",
    "recent_author",
    "verb_arguments",
]


def verb_arguments(
    d: ArticleState, f: Found, verb, relation: str, speakers: list[str]
) -> tuple[list[str], list[str]]:
    """The (sources, targets) of a cue verb of ``relation``."""
    lx = d.lx
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
    preps = lx.frame(relation, "verbs", verb.lemma_.lower())["target"]
    if passive:
        targets: list[str] = []
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                targets = actors(d, c)
        if not f.actor_keys(targets) and preps:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets.extend(actors(d, p))
        sources = agent(d, verb)
        if not sources:
            sources = speaker_for(d, verb, speakers) or []
            if not sources:
                head = verb
                for _ in range(4):
                    if head.dep_ in ("ccomp",) and head.head.lemma_ in lx.reporting_verbs:
                        sources = subject(d, head.head)
                        break
                    if head.head.i == head.i:
                        break
                    head = head.head
    else:
        sources = subject(d, verb)
        targets = objects(d, verb, preps)
        if any(c.lower_ in lx.pronouns_first for c in verb.children if c.dep_ == "nsubj"):
            sources = speaker_for(d, verb, speakers) or speakers
    sources = f.actor_keys(sources)
    sides = set(sources) | {f.state_of(x) for x in sources}
    for c in verb.children:
        # "Ruritania ... after accusing it of complicity": "it" is not the accuser itself
        if c.dep_ in OBJ and c.lower_ in lx.object_pronouns and set(f.actor_keys(targets)) <= sides:
            ref = antecedent(d, c, "state", exclude=sides)
            targets = [ref] if ref else []
    if not f.actor_keys(targets) and relation in ("accuses", "supports", "threatens"):
        for c in verb.children:
            if (
                c.dep_ in OBJ
                and c.lemma_ in lx.epithet_nouns
                and any(x.lower_ == "the" for x in c.children)
            ):
                sides = {f.state_of(s) for s in sources} | set(sources)
                ref = state_epithet(d, c, sides)
                if ref:
                    targets = [ref]
    return sources, targets


def _suffers(tok, top, lx) -> bool:
    """Whether ``tok`` names the possessor of an act it suffers, below ``top``: "Jane
    Roe's killing", "the Ruritanian envoy's arrest"."""
    h = tok
    while h.i != top.i and h.head.i != h.i:
        if h.dep_ == "poss" and h.head.lemma_.lower() in lx.suffered_nouns:
            return True
        h = h.head
    return False


def object_modifiers(d: ArticleState, f: Found, verb) -> list[str]:
    """The actor named inside a cue's object when the object is no actor itself:
    "accused the Ruritanian navy's ships", "denounced what it said were Ruritanian vessels"."""
    lx = d.lx
    targets: list[str] = []
    for c in verb.children:
        if c.dep_ in OBJ or (c.dep_ == "ccomp" and verb.lemma_ in lx.condemn_verbs):
            for sub in c.subtree:
                # only the object's own modifiers and agents, not any place it mentions
                if sub.i != c.i and sub.dep_ not in (
                    "poss",
                    "compound",
                    "amod",
                    "nsubj",
                    "pobj",
                    "attr",
                ):
                    continue
                if sub.dep_ == "pobj" and sub.head.lower_ != "by":
                    continue
                pobj = sub if sub.dep_ == "pobj" else sub.head if sub.head.dep_ == "pobj" else None
                if pobj is not None and pobj.head.head.lemma_.lower() in lx.pursuit_verbs:
                    continue  # "arrested a suspect wanted by Freedonia": Freedonia's pursuit
                if sub.dep_ == "nsubj" and sub.head.lemma_ in lx.reporting_verbs:
                    continue  # "the floods, which Ruritania said were natural": a speaker
                if (
                    sub.dep_ in ("compound", "amod")
                    and sub.head.dep_ == "pobj"
                    and sub.head.head.lower_ != "by"
                ):
                    continue  # "the killing of Jane Roe": a name inside a non-agent phrase
                if _suffers(sub, c, lx):
                    continue  # "condemned X's killing": X is the victim, not the accused
                if sub.i in d.at and f.kind(d.at[sub.i].key) in ("state", "person", "agency"):
                    targets.append(d.at[sub.i].key)
                    break
                if (
                    sub.i in d.modifier_state
                    and sub.dep_ in ("amod", "compound")
                    and sub.head.lower_ not in lx.private_person_nouns
                ):  # "accused Freedonian ships", not "charged a Freedonian national"
                    targets.append(f.make_state(d.modifier_state[sub.i]))
                    break
    if not targets:
        # "condemned the drills by X", "by X" hung on the verb
        targets = [k for c in verb.children if c.dep_ in OBJ for k in act_authors(d, f, c)]
    return targets


def _by_phrase(d: ArticleState, f: Found, head, after: int = -1) -> list[str]:
    """The actors of ``head``'s "by" phrases after token ``after``: "by a Freedonian
    plane" names Freedonia."""
    return [
        k
        for c in head.children
        if c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.i > after
        for p in c.children
        if p.dep_ == "pobj"
        for k in actors_or_demonym(d, f, p)
    ]


def act_authors(d: ArticleState, f: Found, noun) -> list[str]:
    """Who does an act named by a noun: "the drills by X" (also when the parser hangs "by
    X" on the active verb above the noun: "condemned the drills | by X", "kept up
    criticism against drills | by X")."""
    found = _by_phrase(d, f, noun)
    for c in noun.children if not found else ():
        if (
            c.dep_ == "acl"
            and c.lemma_.lower() not in d.lx.pursuit_verbs  # not "a suspect wanted by X"
            and any(g.dep_ == "agent" for g in c.children)
        ):
            found = _by_phrase(d, f, c)  # "intrusions carried out by Freedonian hackers"
    if found or noun.pos_ != "NOUN":
        return found
    verb = noun.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.children
    ):
        return found  # a passive's "by" names who did the verb
    return _by_phrase(d, f, verb, after=noun.i)


def recent_author(d: ArticleState, noun) -> list[str]:
    """Who did the act a definite noun refers back to: "Freedonia's navy seized two boats.
    Ruritania condemned the seizure." -> the navy. The act is the nearest verb before,
    in this sentence or the two before, whose lemma shares the noun's first four letters
    ("seize" / "seizure", "invade" / "invasion") and that names its doer."""
    lemma = noun.lemma_.lower()
    act = lemma in d.lx.incident_nouns or lemma.endswith(("ure", "ion", "ing", "ment", "al"))
    if (
        len(lemma) < 4
        or lemma in d.lx.titles
        or noun.i in d.at
        or not any(
            c.dep_ in ("det", "amod", "predet") and c.lower_ in d.lx.anaphoric_determiners
            for c in noun.children
        )
    ):
        return []
    si = d.sent_of.get(noun.i, 0)
    start = d.sents[max(0, si - 2)].start
    for k in range(noun.i - 1, start - 1, -1):
        v = d.doc[k]
        if v.pos_ == "NOUN" and v.lemma_.lower() == lemma:
            # "North Korea's nuclear test ... the test": the doer named on the noun before;
            # a claim's maker is also the subject of the verb that made it ("X unsealed
            # charges ... the charges"); an act's never is ("X condemned an attack")
            owners = [
                key
                for c in v.children
                if c.dep_ in ("poss", "compound")
                for key in actors(d, c)
                if d.entities[key].kind in ACTOR_KINDS
            ]
            h = v  # up through "freedom of navigation operations" to the object
            for _ in range(4):
                if h.dep_ in OBJ or h.dep_ not in ("pobj", "prep", "compound", "conj"):
                    break
                h = h.head
            claim = lemma in d.lx.cue("accuses", "nouns") and lemma not in d.lx.incident_nouns
            if not owners and claim and h.dep_ in OBJ and h.head.pos_ == "VERB":
                owners = [key for key in subject(d, h.head) if d.entities[key].kind in ACTOR_KINDS]
            if owners:
                return owners
            continue
        if not act or v.pos_ != "VERB" or v.lemma_.lower()[:4] != lemma[:4]:
            continue  # only a noun of an act refers back to a verb ("the seizure")
        if any(c.dep_ == "neg" for c in v.children):
            return []
        found = agent(d, v) if any(c.dep_ == "agent" for c in v.children) else subject(d, v)
        return [k for k in found if d.entities[k].kind in ACTOR_KINDS]
    return []


def actors_or_demonym(d: ArticleState, f: Found, tok) -> list[str]:
    """The actors a token stands for, else the state its demonym modifier names (made
    an entity when written): "the Ruritanian decision" -> Ruritania."""
    found = actors(d, tok)
    if found:
        return found
    found = [
        f.make_state(d.modifier_state[c.i])
        for c in tok.children
        if c.dep_ in ("amod", "compound", "nmod") and c.i in d.modifier_state
    ]
    if found:
        return found
    # "comments by Freedonia's president", "a report from Freedonia": the author
    return [
        k
        for c in tok.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
        for p in c.children
        if p.dep_ == "pobj"
        for k in actors(d, p)
    ]


def noun_arguments(d: ArticleState, f: Found, noun, relation: str) -> tuple[list[str], list[str]]:
    """The (sources, targets) a cue noun's own phrases name: "accusations by X against Y",
    "X's support for Y", "a Ruritanian threat", "claims made by X"."""
    frame = d.lx.frame(relation, "nouns", noun.lemma_.lower())
    sources: list[str] = []
    targets: list[str] = []
    for child in noun.children:
        if child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if child.lower_ in frame["target"]:
                    # "criticism of X", or of an act by X: "criticism against drills by X"
                    targets.extend(actors(d, pobj) or act_authors(d, f, pobj))
                elif child.lower_ in frame["source"]:
                    sources.extend(actors(d, pobj))
        elif child.dep_ == "poss":
            sources.extend(actors(d, child))
        elif child.dep_ == "acl":
            sources.extend(agent(d, child))
        elif child.dep_ in ("compound", "amod") and child.i in d.at:
            sources.append(d.at[child.i].key)
        elif child.dep_ in ("amod", "compound") and child.i in d.modifier_state:
            sources.append(f.make_state(d.modifier_state[child.i]))
    anchor = noun
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_ in d.lx.measure_nouns
    ):
        anchor = noun.head.head  # "a stream of criticism": the noun stands where "stream" does
    head = anchor.head
    if anchor.dep_ in OBJ and head.pos_ in ("VERB", "AUX"):
        # the parser often hangs the noun's phrases on its verb: "drew condemnation |
        # from Ruritania", "imposed sanctions | on Freedonia"
        for child in head.children:
            if child.dep_ != "prep" or child.i < anchor.i:
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if not targets and child.lower_ in frame["target"]:
                    targets = actors(d, pobj)
                elif not sources and child.lower_ in frame["source"]:
                    # not the authors of the act the target names ("criticism against
                    # drills | by X")
                    sources = [k for k in actors(d, pobj) if k not in targets]
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        first = "head_source_first" in frame["flags"]
        if head.lemma_ in frame["head_source"] and (not sources or first):
            # "Ruritania levelled accusations against X"; who imposes sanctions, whatever
            # body's sanctions they are ("X restored the council's sanctions on Y")
            sources = (
                actors_or_demonym(d, f, subj) if subj is not None else subject(d, head)
            ) or sources
        if not targets and head.lemma_ in frame["head_target"]:
            # "the Ruritanian move drew condemnation from Freedonia"
            targets = actors_or_demonym(d, f, subj) if subj is not None else subject(d, head)
    return sources, targets
