"""The article state: every field says who writes it and who reads it."""

from __future__ import annotations

from dataclasses import fields

from graph.extract import STAGES, article_state
from graph.extract.state import ArticleState, fields_table

STAGE_WORDS = {
    "input",
    "start",
    "services",
    "mentions",
    "names",
    "roles",
    "coref",
    "speakers",
    "rules",
    "finish",
}


def test_every_field_declares_its_writer_and_readers():
    for f in fields(ArticleState):
        assert f.metadata.get("written_by"), f.name
        assert f.metadata.get("read_by"), f.name
    assert len(fields_table()) == len(fields(ArticleState))


def test_writers_are_stages():
    for name, writers, _ in fields_table():
        for w in writers.split(", "):
            assert w.split(" ")[0] in STAGE_WORDS, (name, w)


def test_stages_run_in_order_and_stop_where_asked(staged):
    assert [n for n, _ in STAGES][:3] == ["services", "mentions", "names"]
    d = staged("Chile accused Peru of spying.", through="mentions")
    assert not d.relations and not d.speaker


def test_unknown_stage_is_refused(nlp, vocab):
    import pytest

    with pytest.raises(ValueError, match="no stage 'parsing'"):
        article_state(nlp("Chile."), "t", vocab, through="parsing")


def test_token_doc_gives_the_same_tokens_each_time(nlp):
    from graph.extract.state import TokenDoc

    doc = nlp("Chile accused Peru. Peru denied it.")
    td = TokenDoc(doc)
    assert td[1] is td[1] and td[-1] is td.tokens[-1]
    assert [t.text for t in td] == [t.text for t in doc] and len(td) == len(doc)
    assert td[0:2].text == "Chile accused"  # a slice is the doc's own span
    assert td.text == doc.text and [s.text for s in td.sents] == [s.text for s in doc.sents]
