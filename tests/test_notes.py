"""Curator notes: HTML to plain text, print quirks, sentence cuts, credit lines and the
``scripts --notes-file`` join. Real descriptions from tests/fixtures/aic_paintings_60.jsonl."""

from __future__ import annotations

import pytest

from museumguide.records import notes
from museumguide.common.jsonl import JsonlError


@pytest.mark.parametrize("raw, expected", [
    ("<p>First.</p>\n<p>Second.</p>", "First. Second."),
    ("<p>In <em>American Gothic</em>, Wood</p>", "In American Gothic, Wood"),
    ("line one<br>line two", "line one line two"),
    ("<p>the &quot;apostle of ugliness.&quot;</p>", 'the "apostle of ugliness."'),
    ("a ﬁne ﬂower", "a fine flower"),                      # print ligatures
    ("the High Renais-sance manner", "the High Renaissance manner"),  # a word split at a line end
    ("a well-known self-portrait", "a well-known self-portrait"),      # real compounds stay
    ("Pierre-Auguste Renoir", "Pierre-Auguste Renoir"),                # names stay
    ("In l9l2 Rivera settled in Paris.", "In 1912 Rivera settled in Paris."),  # l typed for 1
    # AIC 7021 (Mondrian): the numeral typed as a letter l.
    ("During World War l, he became a citizen.", "During World War I, he became a citizen."),
    ("After World War ll the group split.", "After World War II the group split."),
    ("It measures 2l0 by 3l5 cm.", "It measures 210 by 315 cm."),  # l between digits
    ("Lloyd walked to l'Estaque.", "Lloyd walked to l'Estaque."),  # a letter l elsewhere stays
    ("  spaced \n\n out\t text ", "spaced out text"),
    ("<a href='x'>linked</a> text", "linked text"),
    # Issue 33: catalogue apparatus is not spoken; a life or reign in brackets is the curator's statement.
    ("The scroll [1947.27] shows a king.", "The scroll shows a king."),
    ("A copy (fig. 2) survives (cat. no. 5).", "A copy survives."),
    ("Its pair (1947.28) hangs nearby.", "Its pair hangs nearby."),
    ("See the study (inv. 1234, Louvre).", "See the study."),
    ("Maharana Bhim Singh (r. 1778-1828) rides.", "Maharana Bhim Singh (r. 1778-1828) rides."),
    ("He lived (1866–1944) in Paris.", "He lived (1866–1944) in Paris."),
    ("Maharana Bhim Singh (r. 1778-1828) rides across Mewar. He is on horseback.",
     "Maharana Bhim Singh (r. 1778-1828) rides across Mewar. He is on horseback."),
    # brackets that are the curator's words stay
    ("A knight (now lost) rides.", "A knight (now lost) rides."),
    ("He wrote that [the painter] was mad.", "He wrote that [the painter] was mad."),
    ("Seen (according to Vasari) in Florence (Accademia).", "Seen (according to Vasari) in Florence (Accademia)."),
    ("Pliny (Pliny the Elder) and Catalan (Catalan) words.", "Pliny (Pliny the Elder) and Catalan (Catalan) words."),
    # a press-release heading (Nationalmuseum's notes) is not a sentence of a guide
    ("Acquisition of the month, december 2015: To bolster its collection, it has acquired a study.",
     "To bolster its collection, it has acquired a study."),
    ("In 1917: he moved to Nice.", "In 1917: he moved to Nice."),
    ("Beginning in 1917, Matisse spent winters in Nice.", "Beginning in 1917, Matisse spent winters in Nice."),
    # Issue 36: a title line over the text (Nationalmuseum, NM 7318) is no sentence; glued to the
    # next one it was one garbled sentence.
    ("New Acquisitions, February 2016:\n\nTwo nudes and an interior by Eckersberg and L.A. Smith\n\n"
     "Nationalmuseum has acquired a nude. It is Danish.", "Nationalmuseum has acquired a nude. It is Danish."),
    ("<h3>A new gift</h3><p>The museum was given a study.</p>", "The museum was given a study."),
    ("Only a line with no stop", "Only a line with no stop"),  # nothing else: kept (a short label)
    ("First paragraph ends here.\n\nSecond one too.", "First paragraph ends here. Second one too."),
])
def test_clean_notes_rules(raw, expected):
    assert notes.clean_notes(raw, max_chars=None) == expected


@pytest.mark.parametrize("bad, error", [(12, TypeError), ("x" * (notes.NOTES_MAX_INPUT_CHARS + 1), ValueError)])
def test_clean_notes_refuses(bad, error):
    with pytest.raises(error):
        notes.clean_notes(bad)


def test_empty_notes_are_none():
    assert notes.clean_notes(None) is None and notes.clean_notes("<p> </p>") is None


def test_cut_keeps_whole_sentences_within_budget(aic_records):
    for record in aic_records:
        full = notes.clean_notes(record["description"], max_chars=None)
        cut = notes.clean_notes(record["description"])
        assert full.startswith(cut) and len(cut) <= notes.NOTES_MAX_CHARS
        assert cut.endswith((".", "!", "?", '"', "”", ")")), cut[-40:]
    assert notes.cut("One two. Three four five six.", 10) == "One two."
    assert notes.cut("A first sentence that is long. Short.", 5) == "", "no sentence is cut short"


def test_real_descriptions_come_out_plain(aic_records):
    for record in aic_records:
        text = notes.clean_notes(record["description"], max_chars=None)
        assert "<" not in text and "&quot;" not in text and "ﬁ" not in text and "ﬂ" not in text
        assert "  " not in text and "\n" not in text


def test_credit_line():
    painting = {"notes": "Some text.", "notes_license": "CC BY 4.0", "notes_attribution": "the Art Institute of Chicago"}
    assert notes.credit(painting) == "Text adapted from the Art Institute of Chicago, CC BY 4.0"
    assert notes.credit({**painting, "notes_license": None}) == "Text adapted from the Art Institute of Chicago"
    assert notes.credit({**painting, "notes_attribution": None}) is None
    assert notes.credit({**painting, "notes": None}) is None


PAINTINGS = [{"key": "met-10", "object_id": 10}, {"key": "aic-10", "object_id": 10}, {"key": "aic-2816", "object_id": 2816}]


def write_csv(path, rows: list[str]):
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_notes_file_joins_by_key_or_unique_number(tmp_path):
    path = write_csv(tmp_path / "notes.csv", [
        "object_id,notes,license,attribution",
        'aic-10,"<p>Painted in Nice.</p>",CC BY 4.0,the Art Institute of Chicago',
        "2816,A label text.,,",
    ])
    joined = notes.load_notes_file(path, PAINTINGS)
    assert joined == {
        "aic-10": {"notes": "Painted in Nice.", "notes_license": "CC BY 4.0",
                   "notes_attribution": "the Art Institute of Chicago"},
        "aic-2816": {"notes": "A label text.", "notes_license": None, "notes_attribution": None},
    }


@pytest.mark.parametrize("row, message", [
    ("999,Some text.", ":3: unknown object_id '999'"),
    ("10,Some text.", ":3: object_id 10 is held by met-10 and aic-10"),
    ("aic-10,", ":3: empty notes for aic-10"),
    ("aic-2816,First again.", ":3: notes for aic-2816 were already given"),
    ("aic-10," + "x" * (notes.NOTES_MAX_INPUT_CHARS + 1), ":3: notes for aic-10 are 20,001 characters"),
    ("aic-10,Some text.,CC BY 4.0,", ":3: notes for aic-10 are CC BY 4.0, which needs an attribution"),
    ('aic-10,"' + "word " * 200 + '"', ":3: notes for aic-10 hold no sentence within 500 characters"),
    ('aic-10,"bad "quote" here"', ":3: not a readable CSV line"),
])
def test_notes_file_errors_name_the_line(tmp_path, row, message):
    path = write_csv(tmp_path / "notes.csv", ["object_id,notes,license,attribution", "aic-2816,A first text.", row])
    with pytest.raises(JsonlError, match=message):
        notes.load_notes_file(path, PAINTINGS)


def test_notes_file_line_numbers_count_multiline_cells_and_blank_lines(tmp_path):
    path = write_csv(tmp_path / "notes.csv", ["object_id,notes", "", 'aic-2816,"First line.', 'Second line."',
                                              "999,x"])
    with pytest.raises(JsonlError, match=":5: unknown object_id '999'"):
        notes.load_notes_file(path, PAINTINGS)


def test_notes_file_needs_its_columns(tmp_path):
    path = write_csv(tmp_path / "notes.csv", ["id,text", "aic-10,x"])
    with pytest.raises(JsonlError, match=":1: the header needs columns object_id and notes"):
        notes.load_notes_file(path, PAINTINGS)


@pytest.mark.parametrize("text, expected", [
    ("A guide.", "A guide.\n\nCREDIT"),
    ("A guide.\n\nCREDIT", "A guide.\n\nCREDIT"),          # never twice
    ("A guide.\n\nCREDIT\n", "A guide.\n\nCREDIT\n"),
    ("", ""),
])
def test_with_credit(text, expected):
    assert notes.with_credit(text, "CREDIT") == expected
    assert notes.with_credit(text, None) == text
    assert notes.strip_credit(notes.with_credit(text, "CREDIT"), "CREDIT") == text.replace("CREDIT", "").strip()


@pytest.mark.parametrize("text, spoken", [
    # Issue 33: the credit line stays in the transcript, but is not a sentence of the spoken guide.
    ("A guide.\n\nText adapted from the Art Institute of Chicago, CC BY 4.0", "A guide."),
    ("A guide. Text adapted from the Art Institute of Chicago, CC BY 4.0.", "A guide."),
    ("DRAFT - not reviewed\n\nA guide.\n\nText adapted from the Art Institute of Chicago, CC BY 4.0",
     "DRAFT - not reviewed\n\nA guide."),
    ("A guide with no credit.", "A guide with no credit."),
])
def test_without_credit(text, spoken):
    assert notes.without_credit(text, "Text adapted from the Art Institute of Chicago, CC BY 4.0") == spoken


@pytest.mark.parametrize("sentence, leaning", [
    # Nationalmuseum 18240's notes (seed 28): "the works" are the five the sentence before named
    ("Each of the works represents a different segment of Eckersberg's artistic career.", "Each of the"),
    ("Both of them were painted in Rome.", "Both of them"),
    ("Each figure is painted with care.", None),
    ("This painting was made in Rome.", None),
])
def test_a_sentence_that_counts_what_the_one_before_named_leans_back(sentence, leaning):
    from museumguide.records.notes import leans_back

    assert leans_back(sentence) == leaning
