"""One prompt builder for training, generation and evaluation, whatever shape the input has."""

from __future__ import annotations

import pytest

from museumguide.clean import clean_record
from museumguide.prompt import MAX_FIELD_CHARS, build_prompt, to_painting


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
