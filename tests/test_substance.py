"""The substance measure: guide sentences that carry a statement from the notes."""

from __future__ import annotations

from museumguide.checks.sentences import check_sentences
from museumguide.checks.substance import note_statements
from museumguide.data.writers.template import TemplateWriter


def gothic(aic_paintings):
    return next(p for p in aic_paintings if p["title"] == "American Gothic")


def test_tombstone_guide_carries_nothing(aic_paintings):
    p = gothic(aic_paintings)
    text = ("Stop here for American Gothic by Grant Wood. It was painted in 1930, in oil on Beaver Board. "
            "Notice where the light falls first, and where the shadows gather.")
    assert note_statements(text, p) == []


def test_notes_sentences_count_once_each(aic_paintings):
    p = gothic(aic_paintings)
    text = ("Stop here for American Gothic by Grant Wood. They stand outside of their home, built in an 1880s "
            "style known as Carpenter Gothic. Wood had seen a similar farmhouse during a visit to Eldon, Iowa.")
    assert len(note_statements(text, p)) == 2
    # The same statement with an invented year is not support; nor is anything without notes.
    assert len(note_statements(text.replace("1880s", "1790s"), p)) == 1
    assert note_statements(text, {**p, "notes": None}) == []


def test_template_scripts_carry_two_to_four_statements(aic_paintings):
    writer = TemplateWriter(seed=0)
    counts = [len(note_statements(writer.write(p), p)) for p in aic_paintings]
    counts.sort()
    assert counts[len(counts) // 2] >= 2, counts
    assert max(counts) <= 4


def test_opening_carries_notes_only_when_asked_and_present(aic_paintings, met_records):
    from museumguide.records.clean import clean_records
    from museumguide.data.writers.template import opening

    from museumguide.data.writers.template import note_candidates

    gothic = next(p for p in aic_paintings if p["title"] == "American Gothic")
    # American Gothic's notes: the first quotes Wood ("my old family album") and the second leans
    # on it ("They stand outside ..."), so one sentence of them stands alone
    carried = min(2, len(note_candidates(gothic["notes"])))
    assert carried == 1
    assert opening(gothic, 0) == opening(gothic, 0, notes=0)
    assert len(note_statements(opening(gothic, 0, notes=2), gothic)) == carried
    met = clean_records(met_records).paintings[0]
    assert opening(met, 0, notes=2) == opening(met, 0), "no notes, nothing added"
    # With facts, the artist's life and when and in what it was made follow the hook, before the notes.
    facts = opening(gothic, 0, notes=2, facts=True)
    assert facts.startswith(opening(gothic, 0)) and len(note_statements(facts, gothic)) == carried
    assert "1930" in facts and "oil on Beaver Board" in facts
    assert check_sentences(facts, gothic) and all(v.verdict == "supported" for v in check_sentences(facts, gothic))
