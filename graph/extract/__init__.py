"""Extract entities and relations from one parsed article.

The input is a spaCy ``Doc`` of the article's text (made by :func:`graph.nlp.make_nlp`
from :func:`prepare_text` of it), the output an :class:`~graph.records.Extraction`: the
article's local entities (with every surface form) and its relations, each with the
evidence sentence and its character offsets in the article. :func:`extract` lists the
stages in the order they run; each module is one stage and says what it writes:

1. :mod:`.text` - what the parser reads; headline sentences (:class:`.state.ArticleState`)
2. :mod:`.services` - agencies named by a state word and a service noun
3. :mod:`.mentions` - states, people and agencies the parser's entities name
4. :mod:`.names` - names the parser missed or split; surnames joined to full names
   (:mod:`.surnames`); aliases the text defines, acronyms and institutions (:mod:`.aliases`)
5. :mod:`.roles` - titles and appositions: roles and affiliations
6. :mod:`.coref` - lists that plural descriptions refer to; bare titles bound to people
7. :mod:`.speakers` - who speaks in each sentence
8. :mod:`.rules` - the relation rules (accuses, denies, alliance, supports, threatens)
9. :mod:`.roles` (context) - titles with no state take the state of their context
10. :mod:`.rules` (denials) - each denial gets the accusers it answers
11. :mod:`.finish` - inherited affiliations, organs of state, the plain record

Lookups shared by the stages are pure (:mod:`.syntax`, :mod:`.coref`, :mod:`.modality`);
every word they read comes from ``data/vocab`` (:mod:`.lexicon`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..records import Extraction
from ..vocab import Vocab
from .coref import resolve_references
from .finish import finish
from .mentions import find_mentions
from .names import find_names
from .roles import context_roles, find_roles
from .rules import apply_rules, resolve_denials
from .services import find_service_agencies
from .speakers import find_speakers
from .state import ArticleState
from .text import prepare_text

__all__ = ["STAGES", "Extraction", "article_state", "extract", "extract_docs", "prepare_text"]

# The stages in the order they run; each reads what the ones before it wrote.
STAGES: tuple[tuple[str, Callable[[ArticleState], None]], ...] = (
    ("services", find_service_agencies),
    ("mentions", find_mentions),
    ("names", find_names),
    ("roles", find_roles),
    ("coref", resolve_references),
    ("speakers", find_speakers),
    ("rules", apply_rules),
    ("context roles", context_roles),
    ("denials", resolve_denials),
)


def article_state(
    doc,
    article_id: str,
    vocab: Vocab,
    *,
    date: str | None = None,
    text: str | None = None,
    through: str | None = None,
    continues: bool = False,
) -> ArticleState:
    """The working state of one article after the stages up to ``through`` (all when
    None): how a test runs one stage on a tiny document."""
    d = ArticleState(doc, article_id, vocab, date, text, continues)
    for name, stage in STAGES:
        stage(d)
        if name == through:
            break
    else:
        if through is not None:
            raise ValueError(f"no stage {through!r}; stages: {', '.join(n for n, _ in STAGES)}")
    return d


def extract(
    doc,
    article_id: str,
    vocab: Vocab,
    *,
    date: str | None = None,
    text: str | None = None,
    continues: bool = False,
) -> Extraction:
    """Extract entities and relations from one parsed article: every stage of
    :data:`STAGES` in order, then :func:`.finish.finish`.

    Parameters
    ----------
    doc : a spaCy ``Doc`` of the article's text, from :func:`graph.nlp.make_nlp`.
    article_id : the article's id, written into every piece of evidence.
    vocab : the loaded vocabulary.
    date : the article's date, written into every relation.
    text : the article's own text when the parser read :func:`prepare_text` of it;
        evidence quotes it.
    continues : the text is a later piece of a long article (its first sentence is no
        headline).
    """
    return finish(article_state(doc, article_id, vocab, date=date, text=text, continues=continues))


def extract_docs(pairs: Iterable[tuple[Any, Any]], vocab: Vocab) -> list[Extraction]:
    """Extract every (doc, article) pair."""
    return [extract(doc, a.id, vocab, date=a.date) for doc, a in pairs]
