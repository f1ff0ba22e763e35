"""Guides and scripts in other languages: the frames, the writer, the checker passing them word for
word, and the prompt (Nationalmuseum records from fixtures/nationalmuseum_lido; Met fixtures)."""

from __future__ import annotations

import random

import pytest

from museumguide.checks import languages
from museumguide.checks.sentences import check_sentences
from museumguide.data.writers.languages import LanguageWriter, language_rows
from museumguide.records import lido
from museumguide.records.prompt import build_prompt, in_language, to_painting
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def nationalmuseum() -> list[dict]:
    return lido.clean_lido_records(lido.iter_records(FIXTURES / "nationalmuseum_lido"), "nationalmuseum",
                                   "Nationalmuseum, Sweden").paintings


def kristina(paintings):
    return next(p for p in paintings if p["object_id"] == 23742)


@pytest.mark.parametrize("painting, language, said", [
    ({"title": "Vinet", "artist": "Carl Larsson"}, "sv", "av Carl Larsson"),
    ({"title": "X", "artist": "Jacob Heinrich Elbfas", "artist_prefix": "School of"}, "sv", "från Jacob Heinrich Elbfas skola"),
    ({"title": "X", "artist": "Carl Larsson", "artist_prefix": "Manner of"}, "sv", "i Carl Larssons stil"),
    ({"title": "X", "artist": "Rembrandt", "artist_prefix": "Copy after"}, "de", "eine Kopie nach Rembrandt"),
    ({"title": "X", "artist": "Rembrandt", "artist_prefix": "Attributed to"}, "de", "Rembrandt zugeschrieben"),
    ({"title": "X", "artist": "Unknown artist"}, "fr", "d'un artiste inconnu"),
    ({"title": "X", "artist": "Titian", "artist_prefix": "Circle of"}, "it", "Circle of Titian"),  # no phrase: as given
])
def test_hedges_are_said_in_the_language_never_dropped(painting, language, said):
    assert languages.by_phrase(painting, language) == said


@pytest.mark.parametrize("date, language, said", [
    ("1733", "sv", "år 1733"), ("ca. 1648", "sv", "omkring år 1648"), ("1725–1730", "sv", "mellan 1725 och 1730"),
    ("1660s", "sv", "på 1660-talet"), ("1733", "de", "im Jahr 1733"), ("ca. 1648", "fr", "vers 1648"),
    ("1725–1730", "es", "entre 1725 y 1730"), ("1660s", "it", None), ("18th century", "sv", None),
    ("begun 1782, accomplished 1793", "sv", None), (None, "fr", None),
])
def test_dates_in_the_language_or_left_out(date, language, said):
    assert languages.date_phrase(date, language) == said


def test_swedish_script_carries_swedish_notes_and_passes_the_checker(nationalmuseum):
    painting = in_language(kristina(nationalmuseum), "sv")
    script = LanguageWriter("sv").write(painting)
    assert script.split(". ")[0].endswith("Drottning Kristina som barn, från Jacob Heinrich Elbfas skola")
    assert "Kristina framträder här som drottning" in script
    assert "Den är målad i olja på duk." in script and "Målningen är omkring 130 gånger 92 centimeter." in script
    verdicts = check_sentences(script, painting, strict=True)
    assert all(v.verdict in ("supported", "viewing") for v in verdicts), [(v.text, v.reason) for v in verdicts]


@pytest.mark.parametrize("language", ["fr", "de", "es", "it"])
def test_metadata_only_scripts_pass_the_checker(met_records, language):
    from museumguide.records.clean import clean_records

    painting = next(p for p in clean_records(met_records).paintings if p["medium"] == "Oil on canvas"
                    and languages.date_phrase(p["date"], language))
    script = LanguageWriter(language).write(in_language(painting, language))
    assert languages.MEDIA["oil on canvas"][language] in script
    assert painting["title"] in script and painting["artist"] in script
    # judged as a guide in its language (the frames of one language pass only in that language's guides)
    verdicts = check_sentences(script, in_language(painting, language), strict=True)
    assert all(v.verdict in ("supported", "viewing") for v in verdicts), [(v.text, v.reason) for v in verdicts]


def test_a_frame_with_another_value_is_not_passed(nationalmuseum):
    painting = in_language(kristina(nationalmuseum), "sv")
    wrong = "Målningen är omkring 200 gånger 92 centimeter. Den målades år 1900."
    assert [v.verdict for v in check_sentences(wrong, painting, strict=True)] == ["unsupported", "unsupported"]


def test_prompt_in_swedish_shows_swedish_title_and_notes_only(nationalmuseum):
    swedish_only = next(p for p in nationalmuseum if "notes" in p["languages"].get("sv", {})
                        and "notes" not in p["languages"].get("en", {}))
    prompt = build_prompt(in_language(swedish_only, "sv"), "sv")
    assert prompt.splitlines()[0].endswith("Write it in Swedish.")
    assert swedish_only["languages"]["sv"]["notes"][:40] in prompt
    english = build_prompt(in_language(swedish_only, "en"))
    assert "Notes:" not in english and "Write it in" not in english
    with pytest.raises(ValueError, match="language must be one of"):
        build_prompt(swedish_only, "xx")


def test_language_rows(nationalmuseum, met_records):
    from museumguide.records.clean import clean_records

    met = clean_records(met_records).paintings
    rows = language_rows(nationalmuseum + met, share=0.5, seed=0)
    swedish_notes = sum(bool(p["languages"].get("sv", {}).get("notes")) for p in nationalmuseum)
    with_notes = [p for p, lang in rows if lang == "sv" and p["languages"].get("sv", {}).get("notes")]
    assert len(with_notes) == swedish_notes == 350, "every painting with Swedish notes gets a Swedish script"
    others = [lang for p, lang in rows if p["source"] == "met"]
    assert 0.3 * len(met) < len(others) < 0.7 * len(met)
    assert set(others) == set(languages.LANGUAGES), "the languages take turns"
    assert language_rows(met, share=0.0) == []
    with pytest.raises(ValueError, match="language_share"):
        language_rows(met, share=1.5)
    assert language_rows(nationalmuseum, 0.2, seed=0) == language_rows(nationalmuseum, 0.2, seed=0)


def test_hook_is_deterministic_and_in_frames(nationalmuseum):
    painting = in_language(kristina(nationalmuseum), "sv")
    first = languages.hook(painting, "sv", random.Random(3))
    assert first == languages.hook(painting, "sv", random.Random(3))
    assert languages.frames(painting)[first] == ("supported", ["Title", "Artist"])


@pytest.mark.parametrize("text, language, unsupported", [
    # Status words are the language's: a gift the prompt does not mention is a claim in Swedish too,
    # and Swedish "gift" (married) is none.
    ("Målningen är en gåva från kungen.", "sv", [("status", "gåva")]),
    ("Hon var gift med kungen.", "sv", []),
    ("Den förvärvades av museet.", "sv", [("status", "förvärvades")]),
    # German capitalises every noun: common ones are no names, a painter the prompt lacks is one.
    ("Das Bild zeigt die Königin als Kind. Gemalt hat es Rubens.", "de", [("name", "Rubens")]),
    ("Le tableau est un don du roi.", "fr", [("status", "don")]),
])
def test_claims_per_language(nationalmuseum, text, language, unsupported):
    from museumguide.checks.grounding import claims

    local = in_language(kristina(nationalmuseum), language)
    assert [(c.kind, c.text) for c in claims(text, local) if not c.supported] == unsupported


def test_english_rules_would_have_read_german_nouns_as_names(nationalmuseum):
    from museumguide.checks.grounding import claims

    text = "Das Bild zeigt die Königin als Kind."
    assert {c.text for c in claims(text, kristina(nationalmuseum), language="en") if not c.supported} >= {"Bild", "Kind"}


def test_a_guide_and_its_translation_compared(nationalmuseum):
    """Years, numbers and names one guide states and its translation's prompt lacks are reported;
    what the two curator texts themselves say differently ("Christina's" in the English only) is not."""
    from museumguide.checks.translation import compare_translation

    painting = kristina(nationalmuseum)
    sv = ("Det här är Drottning Kristina som barn, av Jacob Heinrich Elbfas. Konstnären Elbfas var vid den här "
          "tiden i tjänst hos Kristinas mor, änkedrottning Maria Eleonora.")
    en = ("This is Queen Kristina as a Child, by Jacob Heinrich Elbfas. At the time, the artist Elbfas was in the "
          "service of Christina's mother, dowager queen Maria Eleonora.")
    assert compare_translation(sv, en, painting, "sv", "en").same
    diff = compare_translation(sv + " Hon kröntes 1650 i Uppsala.", en, painting, "sv", "en")
    assert diff.only_in_guide == {"1650", "Uppsala"} and diff.only_in_other == set()
    reverse = compare_translation(en, sv + " Hon kröntes 1650 i Uppsala.", painting, "en", "sv")
    assert reverse.only_in_other == {"1650", "Uppsala"} and not reverse.same


@pytest.mark.parametrize("title, artist, text", [
    # A title with a full stop inside, and a maker ending in an abbreviation (Nationalmuseum records).
    ("Äggprovet. Köksinteriör", "Pehr Hilleström d.ä.",
     "Stanna en stund vid Äggprovet. Köksinteriör, av Pehr Hilleström d.ä. Titta på hur ljuset faller."),
    ("Berglandskap", "Joos de Momper d.y.",
     "Det här är Berglandskap, av Joos de Momper d.y. Titta på hur ljuset faller."),
])
def test_frames_stay_whole_where_the_splitter_cannot_tell(title, artist, text):
    painting = in_language(to_painting({"title": title, "artist": artist}), "sv")
    verdicts = check_sentences(text, painting, strict=True)
    assert [v.verdict for v in verdicts] == ["supported", "viewing"], [(v.text, v.reason) for v in verdicts]
