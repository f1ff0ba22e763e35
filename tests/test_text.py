"""Words and sentences shared by the stages (museumguide.common.text): one splitter for guides and
curator notes, folding for comparison, word frequencies."""

from __future__ import annotations

import pytest

from museumguide.common.text import fold, is_common_word, sentence_spans, sentences, strip_possessive


@pytest.mark.parametrize("text, expected", [
    ("He painted St. Jerome twice. It hangs here.", ["He painted St. Jerome twice.", "It hangs here."]),
    ("A copy (c. 1650; Rome) exists. Another does not.", ["A copy (c. 1650; Rome) exists.", "Another does not."]),
    ("By J. M. W. Turner. Late work.", ["By J. M. W. Turner.", "Late work."]),
    ('He called it "a song." Then he left!', ['He called it "a song."', "Then he left!"]),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_spans_and_sentences_agree():
    text = "It measures 73.5 cm. Painted ca. 1650 for St. Jerome's altar. It stays."
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences(text) == [
        "It measures 73.5 cm.", "Painted ca. 1650 for St. Jerome's altar.", "It stays."]


@pytest.mark.parametrize("word, folded", [("RUÏSDAEL", "ruisdael"), ("Velázquez", "velazquez"), ("Turner", "turner")])
def test_fold(word, folded):
    assert fold(word) == folded


@pytest.mark.parametrize("word, bare", [("Turner's", "Turner"), ("I'm", "I"), ("Degas’s", "Degas"), ("Ross", "Ross")])
def test_strip_possessive(word, bare):
    assert strip_possessive(word) == bare


def test_common_words_by_frequency():
    assert is_common_word("notice") and not is_common_word("vermeer")
