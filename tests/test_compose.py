"""Composing a strict guide from the sentences that survive in several candidates."""

from __future__ import annotations

from museumguide.guides import compose as c
from museumguide.guides.decode import Sample
from museumguide.guides.generate import finish
from tests.test_quality import RECORD  # Met 437854, Turner's Whalers

HOOK = "Stop here for Whalers by Joseph Mallord William Turner."
CLOSE = "Before you move on, step back and let the whole picture settle in your memory."


def test_borrows_what_adds_something_until_long_enough_and_closes_last():
    first = [HOOK, CLOSE, "It was painted around 1845, in oil on canvas."]
    others = [
        ["It was painted around 1845 in oil on canvas.",  # says what is kept already
         "Notice where the light falls first, and where the shadows gather."],
        ["Oil paint dries slowly, which lets a painter blend tones softly and build up glazes.",
         "Take one last look, and ask yourself what you would have missed at a glance."],  # a second close
    ]
    body = c.compose(first, others)
    assert body[0] == HOOK and body[-1] == CLOSE, "the opening first, one close last"
    assert "It was painted around 1845 in oil on canvas." not in body
    assert "Notice where the light falls first, and where the shadows gather." in body
    assert not any("last look" in s for s in body), "a second closing invitation is left out"
    assert "Oil paint dries slowly, which lets a painter blend tones softly and build up glazes." in body
    assert len(body) == len(set(body)) == 5


def test_stops_borrowing_at_the_target_length():
    long_first = [HOOK] + [f"Sentence {i} says something about whales and boats at sea." for i in range(9)]
    assert sum(len(s.split()) for s in long_first) >= c.TARGET_WORDS
    assert c.compose(long_first, [["Notice where the light falls first."]]) == long_first


def test_strict_finish_adds_what_other_candidates_kept():
    start = HOOK
    chosen = Sample("It was painted around 1845. Turner sold it to a whaling captain.", "<END>", [1])
    other = Sample("Notice where the light falls first, and where the shadows gather. It hangs in Paris.", "<END>", [1])
    alone = finish(RECORD, chosen, 2, True, 0.0, start)
    together = finish(RECORD, chosen, 2, True, 0.0, start, [other])
    assert alone.text == f"{HOOK} It was painted around 1845."
    assert together.text == f"{HOOK} It was painted around 1845. Notice where the light falls first, and where the shadows gather."
    assert [v.text for v in together.dropped] == ["Turner sold it to a whaling captain."]
    # Nothing of the model's own survives anywhere: refused, whatever the opening.
    empty = finish(RECORD, Sample("It hangs in Paris.", None, [1]), 2, True, 0.0, start,
                   [Sample("Painted in 1700.", None, [1])])
    assert empty.text == ""


def test_a_fact_is_said_once():
    """Issue 33: "It was painted in 1911 or 1923, and the medium is oil on canvas. ... The work was made
    in oil on canvas." keeps the first; a sentence that adds something stays."""
    body = c.said_once([HOOK, "It was painted around 1845, in oil on canvas.",
                        "Notice where the light falls first, and where the shadows gather.",
                        "The work was made in oil on canvas.", "Joseph Mallord William Turner painted Whalers.",
                        "Oil paint dries slowly, which lets a painter blend tones softly and build up glazes."])
    assert body == [HOOK, "It was painted around 1845, in oil on canvas.",
                    "Notice where the light falls first, and where the shadows gather.",
                    "Oil paint dries slowly, which lets a painter blend tones softly and build up glazes."]


def test_strict_finish_fills_with_the_records_facts_once_after_the_opening():
    from museumguide.data.writers.template import metadata_sentences
    from museumguide.records.clean import clean_record

    fill = metadata_sentences(clean_record(RECORD), 0)
    chosen = Sample("It was painted around 1845. Turner sold it to a whaling captain.", "<END>", [1])
    result = finish(RECORD, chosen, 1, True, 0.0, HOOK, [], fill)
    said = result.text
    assert said.startswith(HOOK) and said.count("1845") == 1, "the date the model said is not said again"
    assert "centimetres" in said and result.model_sentences == 1
    assert set(result.template) == {HOOK} | {s for s in fill if s in said}
