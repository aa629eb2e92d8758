"""Text preparation: headlines recased, datelines blanked, offsets unchanged."""

from __future__ import annotations

from graph.extract.text import headline_sentences, prepare_text, title_case


def test_headline_in_title_case_is_recased(vocab):
    text = "Chile Rejects Claim It Spied On Peru\n\nChile rejected the claim on Monday."
    out = prepare_text(text, vocab)
    assert out.startswith("Chile rejects claim it spied on Peru")
    assert len(out) == len(text)


def test_body_names_keep_their_capitals(vocab):
    text = "Peru Says Maria Lopez Accused Neighbour\n\nOn Monday Maria Lopez spoke in Lima."
    assert prepare_text(text, vocab).startswith("Peru says Maria Lopez accused neighbour")


def test_dateline_is_blanked_at_the_same_length(vocab):
    text = "LIMA, Peru (Reuters) - Peru accused Chile of spying.\nMore text here."
    out = prepare_text(text, vocab)
    assert len(out) == len(text)
    assert out.lstrip().startswith("Peru accused Chile")


def test_single_line_is_left_alone(vocab):
    text = "Chile Accuses Peru Of Spying On Its Navy"
    assert prepare_text(text, vocab) == text


def test_headline_sentences(staged):
    d = staged("Chile warns Peru\n\nChile accused Peru of spying. Peru denied it.")
    assert 0 in d.headline
    assert headline_sentences(d.doc_text, d.sents) == d.headline
    assert all(si not in d.headline for si in range(1, len(d.sents)))


def test_title_case():
    assert title_case("MARIA LOPEZ") == "Maria Lopez"
    assert title_case("NATO") == "NATO"
