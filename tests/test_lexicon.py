"""The pronunciation lexicon: matching rules, file errors, and what the real Piper voice says."""

from __future__ import annotations

import pytest

from museumguide.voice import speak as speak_module
from museumguide.voice.lexicon import STARTER, Entry, Lexicon, LexiconError, possessive

LEXICON = Lexicon([Entry("Cassatt", "[[ kəsˈæt ]]"), Entry("van Dyck", "[[ væn dˈaɪk ]]"),
                   Entry("Dyck", "[[ dˈaɪk ]]"), Entry("Daddi", "Dahdee"), Entry("Bruegel", "[[ bɹˈɔɪɡəl ]]")])


@pytest.mark.parametrize("text, said", [
    ("by Mary Cassatt.", "by Mary [[ kəsˈæt ]]."),
    ("CASSATT and cassatt", "[[ kəsˈæt ]] and [[ kəsˈæt ]]"),              # case-insensitive
    ("Cassatt's tea", "[[ kəsˈæts ]] tea"),                                  # possessive, in the IPA
    ("Cassatt’s tea", "[[ kəsˈæts ]] tea"),                                  # curly apostrophe too
    ("Anthony van Dyck painted", "Anthony [[ væn dˈaɪk ]] painted"),         # the longest term first
    ("Dyck alone", "[[ dˈaɪk ]] alone"),
    ("Bernardo Daddi's panel", "Bernardo Dahdee's panel"),                  # a respelling
    ("Bruegel's", "[[ bɹˈɔɪɡəlz ]]"),                                       # voiced end: z
    ("Cassattish and Cassatt-like", "Cassattish and Cassatt-like"),          # whole words only
    ("no names here", "no names here"),
])
def test_apply(text, said):
    assert LEXICON.apply(text) == said


@pytest.mark.parametrize("ipa, said", [("kəsˈæt", "kəsˈæts"), ("ɡˈoʊ", "ɡˈoʊz"), ("ɹˈuːbənz", "ɹˈuːbənzɪz"),
                                       ("mɐtˈiːs", "mɐtˈiːsɪz"), ("bˈɔːɹk", "bˈɔːɹks")])
def test_possessive_follows_english(ipa, said):
    assert possessive(ipa) == said


@pytest.mark.parametrize("content, message", [
    ("name,sound\nCassatt,x\n", r"lex.csv:1: the header must be 'term,say'"),
    ("term,say\nCassatt\n", r"lex.csv:2: expected two non-empty fields"),
    ("# a comment\nterm,say\n\nCassatt,[[ kəsˈæt\n", r"lex.csv:4: IPA must be the whole field"),
    ("term,say\nCassatt,[[ kəsˈæt ]]\ncassatt,Kasat\n", r"lex.csv:3: 'cassatt' is already given on line 2"),
    ("term,say\nCassatt,<phoneme>\n", r"lex.csv:2: a respelling takes letters"),
])
def test_bad_files_name_the_line(tmp_path, content, message):
    path = tmp_path / "lex.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        Lexicon.load(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(LexiconError, match="cannot read the lexicon"):
        Lexicon.load(tmp_path / "nope.csv")


def test_starter_lexicon_loads_and_uses_only_the_voices_phonemes():
    voice = speak_module.load_voice()
    starter = Lexicon.load(STARTER)
    assert len(starter) >= 50
    for entry in starter.entries:
        assert entry.ipa, f"{entry.term}: the starter lexicon is IPA"
        unknown = {c for c in entry.ipa if c != " " and c not in voice.config.phoneme_id_map}
        assert not unknown, f"{entry.term}: the voice would drop {unknown}"


@pytest.mark.parametrize("sentence, term", [("Lady at the Tea Table by Mary Cassatt.", "Cassatt"),
                                            ("A panel by Bernardo Daddi.", "Daddi"),
                                            ("Gripsholm Castle in winter.", "Gripsholm")])
def test_piper_says_the_lexicons_phonemes(sentence, term):
    """What the voice says for a sentence with a lexicon term changes, and holds the entry's IPA."""
    starter = Lexicon.load(STARTER)
    ipa = next(e.ipa for e in starter.entries if e.term == term)
    plain, named = speak_module.phonemes(sentence), speak_module.phonemes(sentence, starter)
    assert plain != named
    assert ipa.replace(" ", "") in named.replace(" ", "")
    assert ipa.replace(" ", "") not in plain.replace(" ", "")


def test_narration_with_a_lexicon_differs(tmp_path):
    text = "A portrait by Mary Cassatt."
    plain = speak_module.speak(text, tmp_path / "a.wav")
    named = speak_module.speak(text, tmp_path / "b.wav", lexicon="starter")
    assert plain.path.read_bytes() != named.path.read_bytes()
    assert named.cues[0].text == text, "the transcript keeps the written name"
