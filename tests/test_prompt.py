"""One prompt builder for training, generation and evaluation, whatever shape the input has."""

from __future__ import annotations

import pytest

from museumguide.records.clean import clean_record
from museumguide.records.prompt import MAX_FIELD_CHARS, build_prompt, lived_before, one_maker, to_painting


def test_prompt_lines_in_order_and_missing_fields_left_out(met_records):
    raw = next(r for r in met_records if r["department"] == "European Paintings" and r["tags"])
    prompt = build_prompt(clean_record(raw))
    labels = [line.split(":")[0] for line in prompt.splitlines() if ": " in line]
    assert labels[:5] == ["Title", "Artist", "Date", "Medium", "Dimensions"]
    assert "Subjects" in labels
    assert "Period" not in labels  # empty in this record: never printed empty
    assert not any(line.endswith(": ") or line.endswith(":") and ": " in line for line in prompt.splitlines())
    assert prompt.endswith("Audio guide:\n")


def test_three_input_shapes_give_the_same_prompt(met_records):
    raw = met_records[30]
    cleaned = clean_record(raw)
    plain = {k: cleaned[k] for k in ("title", "artist", "date", "medium", "dimensions")}
    assert build_prompt(to_painting(raw)) == build_prompt(cleaned) == build_prompt(to_painting(cleaned))
    plain_prompt = build_prompt(to_painting(plain))
    assert plain_prompt.startswith(build_prompt(cleaned).split("\nArtist nationality")[0].split("\n\nAudio")[0])


def test_title_only():
    assert "Title: Untitled\n\nAudio guide:" in build_prompt(to_painting({"title": "Untitled"}))


@pytest.mark.parametrize("metadata, error, message", [
    ("The Harvesters", TypeError, "must be a mapping"),
    ({"artist": "Bruegel"}, ValueError, "'title' is required"),
    ({"title": ""}, ValueError, "'title' is required"),
    ({"title": 1565}, TypeError, "'title' must be a string"),
    ({"title": "x", "date": 1565}, TypeError, "'date' must be a string"),
    ({"title": "x" * (MAX_FIELD_CHARS + 1)}, ValueError, "the limit is"),
    ({"title": "x", "painter": "Bruegel"}, ValueError, "unknown field(s) 'painter'"),
    ({"title": "x", "tags": "fields"}, TypeError, "'tags' must be a list"),
])
def test_bad_metadata_names_the_field(metadata, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        to_painting(metadata)


# -- curator notes and a second museum (issue 14) ------------------------------------------------
def test_aic_record_as_it_comes(aic_records):
    from museumguide.records.prompt import build_prompt, to_painting

    gothic = next(r for r in aic_records if r["title"] == "American Gothic")
    painting = to_painting(gothic)
    assert painting["key"] == "aic-6565" and painting["artist"] == "Grant Wood"
    prompt = build_prompt(painting)
    assert "\nNotes: In American Gothic, Grant Wood directly evoked" in prompt
    assert prompt.index("Title:") < prompt.index("Notes:") < prompt.index("Audio guide:")
    assert "<p>" not in prompt and "&quot;" not in prompt


def test_plain_dict_with_notes():
    from museumguide.records.prompt import build_prompt, to_painting

    painting = to_painting({"title": "Whalers", "notes": "<p>Turner showed it in 1845.</p>",
                            "notes_license": "CC BY 4.0", "notes_attribution": "a museum"})
    assert painting["notes"] == "Turner showed it in 1845." and painting["notes_license"] == "CC BY 4.0"
    assert build_prompt(painting).endswith("Notes: Turner showed it in 1845.\n\nAudio guide:\n")
    with pytest.raises(TypeError, match="'notes' must be a string"):
        to_painting({"title": "Whalers", "notes": ["a list"]})


def test_grounding_extends_to_the_notes(aic_paintings):
    from museumguide.checks.grounding import check_guide, unsupported

    rivera = next(p for p in aic_paintings if p["title"] == "Portrait of Marevna")
    # 1907, Mexico City and Modigliani appear only in the notes; 1921 and Picasso nowhere.
    assert unsupported("He travelled from Mexico City in 1907 and met Modigliani.", rivera) == []
    assert sorted(unsupported("He met Picasso in 1921.", rivera)) == ["1921", "Picasso"]
    without = {**rivera, "notes": None}
    assert sorted(unsupported("He travelled from Mexico City in 1907.", without)) == ["1907", "City", "Mexico"]
    # The credit line names its source by design and is never flagged.
    assert check_guide("Look closely.\n\nText adapted from the Art Institute of Chicago, CC BY 4.0.", rivera) == []
    assert [c.text for c in check_guide("Look closely at Chicago.", rivera)] == ["Chicago"]


# Met records as ../shared/data/met/ holds them: Nizami (454083, seed 26), Lucia Kleinhans Mathews
# (21303, whose end year the Met gives as 1870), Master Heinrich (464596, "active ... ca. 1300").
@pytest.mark.parametrize("fields, before", [
    ({"artist_bio": "present-day Azerbaijan, Ganja 1141–1209 Ganja", "artist_end_year": 1209, "begin_year": 1595}, True),
    ({"artist_bio": "American, 1870–1955", "artist_end_year": 1870, "begin_year": 1916}, False),
    ({"artist_bio": "German, active in Constance, ca. 1300", "artist_end_year": 1300, "begin_year": 1310}, False),
    ({"artist_bio": "French, Paris 1834–1917 Paris", "artist_end_year": 1917, "begin_year": 1922}, True),  # a cast
    ({"artist_bio": "French, Paris 1834–1917 Paris"}, False),
])
def test_an_artist_who_died_before_the_work_was_begun(fields, before):
    assert lived_before(fields) is before


@pytest.mark.parametrize("fields, one", [
    ({"artist": "Gustave Courbet"}, True),
    ({"artist": "Dogon artist"}, True),                                   # one maker, unnamed
    ({"artist": "Artists of Mariwai Village", "artist_prefix": "Workshop of"}, False),
    ({"artist": "Moche artist(s)"}, False),
    ({"artist": "Unknown"}, False),
    ({"artist": None}, False),
    ({"artist": "Nizami", "artist_bio": "Ganja 1141–1209 Ganja", "artist_end_year": 1209, "begin_year": 1595}, False),
])
def test_one_maker_is_the_artist(fields, one):
    assert one_maker(fields) is one
