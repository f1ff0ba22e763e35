"""Guide styles (museumguide.records.styles, museumguide.data.writers.styles): the prompt names the
style, every style's script of every bundled record passes the same checker word for word, each
style keeps its length and reading level, and the training data carries the styles.

Records: the bundled Met, Art Institute of Chicago and Nationalmuseum records as collected
(tests/fixtures, data/raw; see tests/fixtures/README.md)."""

from __future__ import annotations

import json
import re
import statistics

import pytest

from museumguide.checks.readability import readability, summary
from museumguide.checks.sentences import check_sentences
from museumguide.checks.vetted import FROM_RECORD
from museumguide.data.writers.styles import OTHER_STYLES, StyleWriter, style_rows
from museumguide.data.writers.template import TemplateWriter
from museumguide.records.prompt import build_prompt, in_style, to_painting
from museumguide.records.styles import INSTRUCTIONS, MAX_WORDS, STYLES, check_style, style_in

HARVESTERS = {"title": "The Harvesters", "artist": "Pieter Bruegel the Elder", "date": "1565",
              "medium": "Oil on wood", "dimensions": "46 7/8 x 63 3/4 in. (119 x 162 cm)", "tags": ["Dogs", "Men"]}


@pytest.fixture(scope="module")
def records(all_met_records, aic_paintings) -> list[dict]:
    """Every bundled Met record (all forms) and the AIC fixture paintings with their notes."""
    from museumguide.records.clean import clean_records

    return clean_records(all_met_records).paintings + aic_paintings


def test_the_prompt_names_the_style_and_the_standard_prompt_is_unchanged():
    painting = to_painting(HARVESTERS)
    standard = build_prompt(painting)
    assert standard == build_prompt(in_style(painting, "standard"))  # runs trained before styles keep theirs
    assert style_in(standard) == "standard"
    for style in OTHER_STYLES:
        prompt = build_prompt(in_style(painting, style))
        assert INSTRUCTIONS[style] in prompt.split("\n\n")[0] and style_in(prompt) == style
        assert prompt.split("\n\n", 1)[1] == standard.split("\n\n", 1)[1], "the same record below the instruction"


@pytest.mark.parametrize("bad", ["childish", "", "Family"])
def test_an_unknown_style_is_refused_naming_the_choices(bad):
    with pytest.raises(ValueError, match="style must be one of standard, short, family, description"):
        check_style(bad)
    with pytest.raises(ValueError, match="style must be one of"):
        in_style(to_painting(HARVESTERS), bad)


def test_every_style_script_of_every_bundled_record_passes_the_checker_word_for_word(records):
    writer, struck = StyleWriter(), []
    for record in records:
        for style in OTHER_STYLES:
            painting = in_style(record, style)
            text = writer.write(painting, style)
            assert len(text.split()) <= MAX_WORDS[style], (style, text)
            struck += [(record["key"], style, v.text, v.reason) for v in check_sentences(text, painting, strict=True)
                       if v.verdict == "unsupported"]
    assert struck == []


@pytest.mark.parametrize("style, said, not_said", [
    ("short", ["The Harvesters by Pieter Bruegel the Elder", "1565", "oil on wood"], ["Before you go"]),
    ("family", ["find the dogs", "Talk together", "Before you go", "1565"], ["oil on wood", "119"]),
    # notes that describe nothing seen: the description says it gives the record's facts
    ("description", ["drawn from the museum's record", "119", "162", "oil on wood"], ["Can you find"]),
])
def test_each_style_says_what_it_is_for(style, said, not_said):
    found = [StyleWriter(seed).write(in_style(to_painting(HARVESTERS), style), style) for seed in range(6)]
    for s in said:
        assert any(s.lower() in text.lower() for text in found), (s, found[0])
    for n in not_said:
        assert not any(n.lower() in text.lower() for text in found), (n, found[0])


def test_a_description_says_what_the_notes_say_is_seen_and_nothing_in_their_place(aic_paintings):
    from museumguide.records.notes import seen_sentences

    described = [p for p in aic_paintings if seen_sentences(p.get("notes") or "")]
    assert described, "some AIC notes describe what is seen"
    for p in described:
        text = StyleWriter().write(in_style(p, "description"), "description")
        assert seen_sentences(p["notes"])[0] in text and FROM_RECORD not in text
        # said where the notes do describe: the checker strikes the from-the-record statement there
        [verdict] = check_sentences(FROM_RECORD, in_style(p, "description"), strict=True)
        assert verdict.verdict == "unsupported"


def test_a_description_gives_the_size_without_a_judgement_made_by_looking():
    """Issue 37, seeds 19 and 20: both blind annotators struck "so it is easy to take in at a
    single glance" in a verbal description, whose listener may not see the work."""
    record = to_painting({**HARVESTERS, "dimensions": "52 x 40.5 cm"})
    glance = "It measures about 52 by 41 centimetres, so it is easy to take in at a single glance."
    [standard] = check_sentences(glance, record, strict=True)
    [described] = check_sentences(glance, in_style(record, "description"), strict=True)
    assert standard.verdict == "supported" and described.verdict == "unsupported"
    for seed in range(6):
        text = StyleWriter(seed=seed).write(in_style(record, "description"), "description")
        assert re.search(r"\b52\b.*\b41\b", text) and "glance" not in text
        # a record as the scripts stage gives it, without its style: the training script the same
        assert "glance" not in StyleWriter(seed=seed).write(record, "description")


def test_a_family_guide_to_a_page_asks_no_question_of_a_scene():
    """Issue 37, seed 27: both blind annotators struck "if you could step inside this picture" said
    of a page of calligraphy (Met 446175); a page gets questions that fit any page."""
    page = to_painting({"title": "Page of Calligraphy from an Anthology of Poetry by Sa`di and Hafiz",
                        "date": "late 15th century", "medium": "Ink, opaque watercolor, silver, and gold on paper",
                        "classification": "Codices"})
    talks = {re.search(r"Talk together[^.?]*[.?]", StyleWriter(seed=seed).write(page, "family")).group(0)
             for seed in range(12)}
    assert len(talks) == 2 and not any("step inside" in t for t in talks), talks


def test_short_stops_are_short_and_family_guides_read_more_easily_than_standard_ones(records):
    paintings = [r for r in records if r.get("form") in (None, "painting")]
    standard = [TemplateWriter().write(p) for p in paintings]
    family = [StyleWriter().write(in_style(p, "family"), "family") for p in paintings]
    short = [StyleWriter().write(in_style(p, "short"), "short") for p in paintings]
    assert statistics.median(len(t.split()) for t in short) <= 75
    family_grade = summary(family)["median_flesch_kincaid_grade"]
    assert family_grade <= 5 and family_grade < summary(standard)["median_flesch_kincaid_grade"]


@pytest.mark.parametrize("language, measures", [
    ("en", {"flesch_kincaid_grade", "flesch_reading_ease"}), ("sv", {"lix"}), ("de", {"flesch_reading_ease"})])
def test_readability_per_language(language, measures):
    got = readability("Här är en bild. Den är röd och liten.", language)
    assert set(got) == {"words"} | measures and got["words"] == 9
    with pytest.raises(ValueError, match="no readability formula for language 'xx'"):
        readability("text", "xx")


def test_a_harder_text_reads_harder():
    easy = readability("Here is a cat. It is red. Can you find it?")
    hard = readability("The iconographic programme articulates an eschatological interpretation of "
                       "contemporaneous devotional conventions.")
    assert easy["flesch_kincaid_grade"] < 3 < 12 < hard["flesch_kincaid_grade"]


def test_style_rows_share_and_turn():
    paintings = [{"key": f"met-{i}"} for i in range(400)]
    rows = style_rows(paintings, 0.3)
    assert 90 <= len(rows) <= 150  # about 30% of 400
    assert {s for _, s in rows} == set(OTHER_STYLES) and [s for _, s in rows][:3] == OTHER_STYLES
    assert style_rows(paintings, 0) == []
    with pytest.raises(ValueError, match="style_share must be between 0 and 1"):
        style_rows(paintings, 1.5)


def test_the_scripts_stage_writes_style_rows_in_their_paintings_split(processed_dir):
    rows = {split: [json.loads(line) for line in (processed_dir / f"{split}.jsonl").open()]
            for split in ("train", "val", "test")}
    styled = [(split, r) for split, rs in rows.items() for r in rs if r.get("style", "standard") != "standard"]
    assert styled and {r["style"] for _, r in styled} <= set(STYLES) - {"standard"}
    for split, row in styled:
        assert style_in(row["prompt"]) == row["style"] and row["completion"].endswith("<END>")
        standard_split = next(s for s, rs in rows.items() for r in rs
                              if r["id"] == row["id"] and r.get("style", "standard") == "standard")
        assert standard_split == split, "a painting's scripts in every style share its split"
    kept = [json.loads(line) for line in (processed_dir / "scripts_styles.jsonl").open()]
    assert len(kept) == len(styled)


def test_mix_styles_reaches_the_share():
    from museumguide.model.train import mix_styles

    painting = to_painting(HARVESTERS)
    standard = [{"prompt": build_prompt(painting), "completion": "x"}] * 90
    styled = [{"prompt": build_prompt(in_style(painting, "family")), "completion": "y"}] * 10
    mixed = mix_styles(standard + styled, 0.25)
    share = sum(style_in(r["prompt"]) != "standard" for r in mixed) / len(mixed)
    assert 0.2 <= share <= 0.3
    assert all(style_in(r["prompt"]) == "standard" for r in mix_styles(standard + styled, 0))


def test_a_strict_guide_keeps_what_its_style_must_hold():
    """A family guide whose model sentences lack the question to talk about gets the style's own,
    before its close; a description without seen notes says it gives the record's facts first."""
    from museumguide.guides.generate import _required

    painting = in_style(to_painting(HARVESTERS), "family")
    said = StyleWriter(3).sentences(painting, "family")
    model = [said[0], "It was made in 1565.", "As you leave, carry one detail with you, and see whether you notice "
                                              "it again in the next room."]
    body = _required(model, painting, said[1:])
    assert body[0] == said[0] and body[-1] == model[-1], "the opening first, the guide's own close last"
    assert any(s.startswith("Talk together") for s in body) and any("find" in s.lower() for s in body)
    assert not any(s.startswith("Before you go") for s in body), "the guide had a close: no second one"
    assert _required(said, painting, said[1:]) == said, "nothing added to a guide that holds it all"
    described = in_style(to_painting(HARVESTERS), "description")
    said = StyleWriter().sentences(described, "description")
    body = _required([said[0], "It was made in 1565."], described, said[1:])
    assert body[1] == FROM_RECORD
    assert _required(model, to_painting(HARVESTERS), said[1:]) == model, "the standard style needs none"
