"""Segmentation: paragraphs, Punkt sentences and tokens, every span indexing its own text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from panjshir_toolkit.text import paragraphs, pos_tag, split_sentences, tokenize


def test_seed_sentences(seed_text):
    sents = split_sentences(seed_text)
    assert len(sents) == 20
    assert [s.paragraph_id for s in sents][:4] == [0, 0, 0, 1]
    assert sents[1].text.startswith("Taking to Twitter") and sents[2].text.startswith("More than 1,000")
    assert sents[-1].text == "(With inputs from ANI)"
    for s in sents:
        assert seed_text[s.start:s.end] == s.text


def test_paragraphs_by_line_or_by_blank_line():
    assert paragraphs("One line.\nAnother line.") == [(0, 9), (10, 23)]
    wrapped = "A hard-wrapped\nparagraph.\n\n  Second one.  "
    assert [wrapped[s:e] for s, e in paragraphs(wrapped)] == ["A hard-wrapped\nparagraph.", "Second one."]


def test_sentences_do_not_cross_paragraphs():
    text = "The spokesman said no\nTalks resumed on Monday."
    assert [s.text for s in split_sentences(text)] == ["The spokesman said no", "Talks resumed on Monday."]


def test_abbreviations_do_not_split():
    text = "Gen. Sami Sadat told the U.S. envoy that 40 troops died. Officials denied it."
    assert len(split_sentences(text)) == 2


def test_tokens_and_tags():
    toks = tokenize("Masoud's fighters didn't retreat, officials said.", offset=100)
    assert [t.text for t in toks] == ["Masoud", "'s", "fighters", "did", "n't", "retreat", ",", "officials", "said", "."]
    assert toks[0].start == 100
    tags = pos_tag(toks)
    assert tags[-2] == "VBD" and tags[1] == "POS"
    assert pos_tag([]) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_spans_index_their_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
        for t in tokenize(s.text, s.start):
            assert text[t.start:t.end] == t.text
