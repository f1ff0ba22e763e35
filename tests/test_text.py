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
    # Issue 33: cuts the template writer and the notes cleaner made, which a trained model copied.
    ("Painted around A.D. 90 to 120, in encaustic. It is small.",
     ["Painted around A.D. 90 to 120, in encaustic.", "It is small."]),
    ("Maharana Bhim Singh (r. 1778-1828) rides across Mewar. He is on horseback.",
     ["Maharana Bhim Singh (r. 1778-1828) rides across Mewar.", "He is on horseback."]),
    ("A hand known as the Master (fl. 1650) painted it. Look closer.",
     ["A hand known as the Master (fl. 1650) painted it.", "Look closer."]),
    ("It was given (cat. no. 5. See also no. 6) in 1950. Look closer.",
     ["It was given (cat. no. 5. See also no. 6) in 1950.", "Look closer."]),
    ("Made before 480 B.C. 12 figures stand on it.", ["Made before 480 B.C. 12 figures stand on it."]),
    ("The vase was made in 480 B.C. The figures are red.", ["The vase was made in 480 B.C.", "The figures are red."]),
    ("Ordered by Mr. Havemeyer. Given by Mrs. Havemeyer.", ["Ordered by Mr. Havemeyer.", "Given by Mrs. Havemeyer."]),
    ("An unclosed (bracket. Still two sentences.", ["An unclosed (bracket.", "Still two sentences."]),
    ("The painting (begun 1650. It was finished later. See the left side (top) too.",
     ["The painting (begun 1650.", "It was finished later.", "See the left side (top) too."]),
    # abbreviations that are also words end nothing only before a number
    ("Look for the cat. Notice the light.", ["Look for the cat.", "Notice the light."]),
    ("A single candle is lit. The room is dark.", ["A single candle is lit.", "The room is dark."]),
    ("Shown as cat. 12 in 1950. Look.", ["Shown as cat. 12 in 1950.", "Look."]),
    # Issue 36 (Nationalmuseum's notes, seed 10): a run of initials names a person.
    ("Painted by his pupil Ludvig August (L.A.) Smith (1820–1906). He is Danish.",
     ["Painted by his pupil Ludvig August (L.A.) Smith (1820–1906).", "He is Danish."]),
    ("A nude by L.A. Smith hangs here. Look.", ["A nude by L.A. Smith hangs here.", "Look."]),
    ("It was painted by J.M.W. Turner in 1839. Look.", ["It was painted by J.M.W. Turner in 1839.", "Look."]),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("language, text, expected", [
    # Abbreviations and capitals of each language (the Nationalmuseum's Swedish texts, guides in
    # French, German, Spanish and Italian): the sentence goes on after them.
    ("sv", "Den målades bl.a. för Karl XI. Ändå syns den sällan.", ["Den målades bl.a. för Karl XI.", "Ändå syns den sällan."]),
    ("sv", "Lucas Cranach d.ä. målade den. Titta på ljuset.", ["Lucas Cranach d.ä. målade den.", "Titta på ljuset."]),
    ("sv", "Porträtt av Govert Dircksz. Camphuysen. Det är litet.", ["Porträtt av Govert Dircksz. Camphuysen.", "Det är litet."]),
    ("de", "Das Bild zeigt z.B. St. Georg. Es ist klein.", ["Das Bild zeigt z.B. St. Georg.", "Es ist klein."]),
    ("fr", "Il a peint Mme. Récamier. Émile l'a vu.", ["Il a peint Mme. Récamier.", "Émile l'a vu."]),
    ("it", "Fu dipinta per S. Giovanni. Osservate la luce.", ["Fu dipinta per S. Giovanni.", "Osservate la luce."]),
    ("es", "La pintó hacia 1650 aprox. En Sevilla. Mire la luz.", ["La pintó hacia 1650 aprox. En Sevilla.", "Mire la luz."]),
    # The same text in English keeps English rules: "z.B." is no English abbreviation.
    ("en", "It is, z.B. Here it is.", ["It is, z.B.", "Here it is."]),
])
def test_sentences_by_language(language, text, expected):
    assert sentences(text, language) == expected


def test_a_non_ascii_capital_opens_a_sentence():
    assert sentences("He studied in Paris. Émile Bernard followed.") == ["He studied in Paris.", "Émile Bernard followed."]


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


@pytest.mark.parametrize("word, language, common", [
    ("bild", "de", True), ("leinwand", "de", True), ("elbfas", "de", False), ("titta", "sv", True), ("titta", "en", False),
    ("målningen", "sv", True), ("rembrandt", "sv", False),
    ("vermeer", "sv", False)])
def test_common_words_per_language(word, language, common):
    assert is_common_word(word, language) is common
