"""The sentence checker: table-driven verdicts on a real record, sources with their spans in the
prompt, every template script of every bundled museum, and the hand-labelled set's goals."""

from __future__ import annotations

import re

import pytest

from museumguide import check_sentences
from museumguide.checks import vetted
from museumguide.checks.sentences import stem, words
from museumguide.data.writers import phrases
from museumguide.data.writers.template import TemplateWriter
from museumguide.records.clean import clean_record
from museumguide.records.prompt import build_prompt, in_style, to_painting
from tests.test_quality import RECORD  # Met 437854, Turner's Whalers, as the API returns it

# AIC 6565, American Gothic: the curator notes as the AIC publishes them (CC BY), abridged.
GOTHIC = {
    "title": "American Gothic", "artist": "Grant Wood", "date": "1930", "medium": "Oil on Beaver Board",
    "dimensions": "78 × 65.3 cm (30 3/4 × 25 3/4 in.)", "artist_bio": "American, 1891–1942",
    "notes": "Grant Wood's American Gothic is one of the most famous paintings in the United States. "
             "Wood was inspired to paint this picture after seeing a small farmhouse in Eldon, Iowa. "
             "The painting is not a satire of rural life, Wood said.",
    "notes_license": "CC BY 4.0", "notes_attribution": "the Art Institute of Chicago",
}


@pytest.mark.parametrize("sentence, verdict", [
    # The opening naming work and artist, and prompt facts paraphrased.
    ("Stop here for Whalers by Joseph Mallord William Turner.", "supported"),
    ("It was painted around 1845, in oil on canvas.", "supported"),
    ("The artist was born in London in 1775 and died there in 1851.", "supported"),
    ("It measures about 92 by 123 centimetres.", "supported"),
    ("It measures about 92 by 123 centimetres, so it is easy to take in at a single glance.", "unsupported"),  # 123 cm: no
    # A vetted general statement about the prompt's medium, and a reworded one that contradicts it.
    ("Oil paint dries slowly, which lets a painter blend tones softly and build up glazes.", "supported"),
    ("Oil paint dries slowly, which lets the paint dry faster.", "unsupported"),
    ("Oil paint dries quickly.", "unsupported"),
    # Invitations that presuppose nothing, or only what the prompt shows.
    ("Notice where the light falls first, and where the shadows gather.", "viewing"),
    ("Step back and let the whole picture settle.", "viewing"),
    ("Follow the boats across the water and see how they set the rhythm of the scene.", "viewing"),
    ("Look for the whales.", "viewing"),
    ("Notice the dog by the door.", "unsupported"),  # no dog in the prompt
    # Claims the prompt does not back, in names, numbers or common words.
    ("Turner painted it in 1832.", "unsupported"),
    ("It hangs beside a work by Constable.", "unsupported"),
    ("It was painted on copper.", "unsupported"),
    ("The artist painted it for a wealthy merchant.", "unsupported"),
    ("It was painted in 1775.", "unsupported"),  # the artist's birth year as the date of the work
    ("Born in London in 1775, the artist lived to 1851.", "supported"),  # a life's range: birth to death
    ("Born in London in 1775, the artist lived to 1845.", "unsupported"),  # the work's year as the death
    ("Let's take a moment with Whalers.", "supported"),
    ("The painting is not oil on canvas.", "unsupported"),  # a negation no source makes
    # Not a sentence a listener can follow.
    ("Title: Whalers Artist: Joseph Mallord William Turner Date: ca. 1845", "unsupported"),
    ("It shows whales, seascapes, boats.", "unsupported"),  # the subject tags read as a list
    ("The light the light the light is calm.", "unsupported"),
    ("It was painted around", "unsupported"),  # unfinished
    ("Try painting from memory.", "unsupported"),  # off-task
    # Questions: one that invites the visitor looks; one built from the prompt's words asks nothing of use.
    ("What do you see in the water?", "viewing"),
    ("Who is Whalers?", "unsupported"),
    ("Where is Joseph Mallord William Turner?", "unsupported"),
])
def test_verdicts_on_whalers(sentence, verdict):
    [found] = check_sentences(sentence, RECORD)
    assert found.verdict == verdict, found
    assert (found.reason is None) == (verdict != "unsupported")


def test_a_question_of_the_curator_notes_is_the_museums_own():
    """Nationalmuseum's text for An Old Man with a Candle and a Glass (NM 17472, CC0) asks a question."""
    question = ("Is the candlelight a symbol of the enlightenment of virtuous old age, or of sinister pursuits "
                "obscured by the cloak of night?")
    painting = {**GOTHIC, "title": "An Old Man with a Candle and a Glass", "notes": "An old man by candlelight. " + question}
    for strict in (False, True):
        [carried] = check_sentences(question, painting, strict=strict)
        assert carried.verdict == "supported", carried
        [made] = check_sentences("Is the candlelight a symbol of night?", painting, strict=strict)
        assert made.verdict == "unsupported" and "question" in made.reason


@pytest.mark.parametrize("sentence, reviewed, published", [
    # Said word for word, a vetted statement or invitation passes both standards.
    ("Oil paint dries slowly, which lets a painter blend tones softly and build up glazes.", "supported", "supported"),
    ("Notice where the light falls first, and where the shadows gather.", "viewing", "viewing"),
    ("Look for the whales.", "viewing", "viewing"),  # points only at what the prompt names
    ("It measures about 92 by 123 centimetres.", "supported", "supported"),
    # A vetted statement outside the condition it was vetted for is struck by both (issue 33): 123 cm
    # is not taken in at a single glance.
    ("It measures about 92 by 123 centimetres, so it is easy to take in at a single glance.", "unsupported",
     "unsupported"),
    # Its words cut short or rearranged, or an invitation of the model's own: fine to review, not to
    # publish unreviewed (real kept sentences of strict guides that a blind label struck).
    ("Oil paint dries slowly, which lets a painter blend tones softly build up glazes.", "supported", "unsupported"),
    ("Let's step out for a closer look!", "viewing", "unsupported"),
    ("Look at the details of detail.", "viewing", "unsupported"),
    ("The size of the picture makes it large enough to fill your view.", "unsupported", "unsupported"),
    # Framing words alone state nothing the prompt backs (a sentence of the demo's strict guide).
    ("Its artist died before you.", "unsupported", "unsupported"),
])
def test_the_publishing_standard_is_stricter_than_the_review(sentence, reviewed, published):
    [review] = check_sentences(sentence, RECORD)
    [publish] = check_sentences(sentence, RECORD, strict=True)
    assert (review.verdict, publish.verdict) == (reviewed, published), (review, publish)


def test_a_guide_is_split_and_each_sentence_judged_with_its_span():
    guide = "Stop here for Whalers by Joseph Mallord William Turner. Turner sold it in 1850. Look for the whales."
    found = check_sentences(guide, RECORD)
    assert [v.verdict for v in found] == ["supported", "unsupported", "viewing"]
    assert [guide[v.start:v.end].strip() for v in found] == [v.text for v in found]
    assert "1850" in found[1].reason


def test_sources_name_the_field_or_notes_sentence_with_its_span_in_the_prompt():
    prompt = build_prompt(to_painting(GOTHIC))  # the prompt as the checker and the model see it
    guide = ("Welcome to American Gothic by Grant Wood. Wood was inspired to paint this picture after seeing "
             "a small farmhouse in Eldon, Iowa. It was painted in 1930.")
    opening, note, date = check_sentences(guide, GOTHIC)
    assert {s.field for s in opening.sources} == {"Title", "Artist"}
    [source] = note.sources
    assert source.field == "Notes" and prompt[source.start:source.end] == source.text
    assert source.text.startswith("Wood was inspired")
    assert [(s.field, prompt[s.start:s.end]) for s in date.sources] == [("Date", "1930")]


@pytest.mark.parametrize("sentence, verdict", [
    ("The painting in front of you is not a satire of rural life, Wood said.", "supported"),  # the notes' own "not"
    ("Grant Wood's American Gothic is one of the most famous paintings in the United States.", "supported"),
    ("It is painted on canvas stretched across a wood panel.", "unsupported"),  # it is on Beaver Board
    ("Wood painted it in Paris.", "unsupported"),
    ("Text adapted from the Art Institute of Chicago, CC BY 4.0.", "credit"),  # the credit it is owed, never spoken
    ("Chicago.", "unsupported"),  # a piece of the credit line is not the credit
    # A negation the notes make backs only the sentence that makes it; facts negated are contradictions.
    ("It was not painted in 1930.", "unsupported"),
    ("Wood was not inspired by a farmhouse in Eldon, Iowa.", "unsupported"),
    ("The painting is not oil on Beaver Board.", "unsupported"),
])
def test_verdicts_against_curator_notes(sentence, verdict):
    [found] = check_sentences(sentence, GOTHIC)
    assert found.verdict == verdict, found


def test_bad_input_is_refused_clearly():
    with pytest.raises(TypeError, match="text must be a string"):
        check_sentences(None, RECORD)
    assert check_sentences("", RECORD) == []


def test_every_word_the_template_frames_facts_with_is_vetted():
    # The checker accepts a template sentence only if its fixed words are framing words or words of
    # a vetted statement: a new shape in phrases.py must be reviewed into vetted.py too.
    shapes = (phrases.HOOKS + phrases.MAKER + phrases.MAKER_ONE_PLACE + phrases.MAKER_YEARS + phrases.MADE
              + phrases.DATE_ONLY + phrases.DATE_AS_GIVEN + phrases.SIZE + phrases.LOOK_FOR + phrases.MAKER_SHORT
              + phrases.MAKER_NATIONALITY + phrases.NOTE_LEADS + phrases.VIEWER
              + [s for bank in phrases.CONTEXT.values() for s in bank])
    allowed = {stem(w) for w in vetted.FRAME_WORDS | vetted.STOPWORDS | vetted.INVITE_VERBS}
    for shape in shapes:
        fixed = re.sub(r"\{\w+\}", " ", shape)
        assert {w for w in words(fixed) if stem(w) not in allowed} == set(), shape


def _template_failures(paintings) -> list[tuple]:
    writer = TemplateWriter(seed=0)
    return [(p["key"], v.text, v.reason) for p in paintings  # by the publishing standard
            for v in check_sentences(writer.write(p), p, strict=True) if v.verdict == "unsupported"]


def test_every_template_sentence_of_every_met_record_passes(all_met_records):
    assert _template_failures([clean_record(r) for r in all_met_records]) == []


def test_every_template_sentence_of_every_aic_record_passes(aic_paintings):
    assert _template_failures(aic_paintings) == []


def test_checker_meets_the_goals_on_the_held_back_labelled_sentences():
    # tests/fixtures/sentences: 317 held-back sentences of real model output, labelled by hand before
    # the checker existed. The goals of the issue; docs/benchmarks.md has the figures (and the time
    # a guide takes, measured in bench/sentences.py, not here).
    import bench.sentences as bench

    guides, rows = bench.load()
    predicted, _, _ = bench.verdicts(guides, rows)
    held = bench.scores([r for r in rows if r["part"] == "heldout"], predicted)
    assert held["unsupported"] >= 250 and held["good"] >= 35
    assert held["recall_unsupported"] >= 0.90 and held["precision_unsupported"] >= 0.85
    assert held["good_kept"] >= 0.85


def test_the_credit_line_is_credit_not_a_sentence_of_the_guide():
    """Issue 33: reported as credit, not as a supported sentence, and counted in no verdict share."""
    from museumguide.checks.sentences import CREDIT, VERDICTS

    text = ("Stop here for American Gothic by Grant Wood.\n\n"
            "Text adapted from the Art Institute of Chicago, CC BY 4.0")
    verdicts = check_sentences(text, GOTHIC, strict=True)
    assert [v.verdict for v in verdicts] == ["supported", CREDIT] and CREDIT not in VERDICTS


def test_each_sentence_says_where_it_came_from():
    text = ("Stop here for American Gothic by Grant Wood. Wood was inspired to paint this picture after seeing a "
            "small farmhouse in Eldon, Iowa. The artist was born in 1891 and died in 1942. "
            "Notice where the light falls first, and where the shadows gather.")
    verdicts = check_sentences(text, GOTHIC, template=["The artist was born in 1891 and died in 1942.",
                                                       "Stop here for American Gothic by Grant Wood."])
    assert [v.origin for v in verdicts] == ["template", "notes", "template", "model"]


@pytest.mark.parametrize("sentence, struck", [
    # Issue 33: a period's dates are never the work's or the artist's.
    ("It was painted around 960.", True),
    ("The artist was born in 1127.", True),
    ("It was made around 1000.", False),
    ("It dates from the Northern Song dynasty.", False),
    ("The artist is Chinese, ca. 1000 to 960.", True),  # what the 24-step run wrote
])
def test_a_periods_dates_are_not_the_works(sentence, struck):
    song = {"title": "Travelers among Mountains", "culture": "China", "period": "Northern Song dynasty (960–1127)",
            "date": "c. 1000", "medium": "Hanging scroll; ink on silk"}
    verdict = check_sentences(sentence, song, strict=True)[0]
    assert (verdict.verdict == "unsupported") is struck, verdict.reason


def test_an_artists_year_that_ends_a_dynasty_is_still_the_artists():
    joseon = {"title": "Tiger", "artist": "Kim Hong-do", "artist_bio": "Korean, 1745–1910",
              "period": "Joseon dynasty (1392–1910)", "date": "1800"}
    assert check_sentences("The artist died in 1910.", joseon, strict=True)[0].verdict == "supported"
    assert check_sentences("It was made in 1392.", joseon, strict=True)[0].verdict == "unsupported"


RENOIR = {"title": "Two Sisters", "artist": "Pierre-Auguste Renoir", "date": "1881", "medium": "Oil on canvas",
          "artist_bio": "French, Limoges 1841–1919 Cagnes-sur-Mer"}


@pytest.mark.parametrize("sentence, reason", [
    # Issue 33, from the second fresh blind sample of the run trained to the end (seed 5):
    ("Ta en sista titt innan du går vidare.", "not in the guide's language"),  # a Swedish frame in an English guide
    ("Lägg märke till vart blicken leds först.", "not in the guide's language"),
    ("It was painted in 1881, working in oil on wood; verso: oil and gold on wood.", "catalogue label"),
    ("The artist is described as Italian, active Venice by around 1472 to died before 1498.", "garbled"),
    ("Born in Limoges in 1841, the artist died there in 1919.", "died where they were born"),
    ("The artist was born in Limoges and died in the same place.", "died where they were born"),
])
def test_struck_sentences_of_the_second_fresh_sample(sentence, reason):
    verdict = check_sentences(sentence, RENOIR, strict=True)[0]
    assert verdict.verdict == "unsupported" and reason in verdict.reason


@pytest.mark.parametrize("sentence", [
    "Born in Limoges in 1841, the artist died in Cagnes-sur-Mer in 1919.",
    "Take a moment with Two Sisters by Pierre-Auguste Renoir.",
    "Notice where the light falls first, and where the shadows gather.",
])
def test_the_same_facts_said_well_pass(sentence):
    assert check_sentences(sentence, RENOIR, strict=True)[0].verdict != "unsupported"


def test_a_frame_in_the_guides_own_language_still_passes():
    from museumguide.checks.languages import frames
    from museumguide.records.prompt import in_language, to_painting

    swedish = in_language(to_painting(RENOIR), "sv")
    sentence = next(t for t, (v, _) in frames(swedish, "sv").items() if v == "viewing")
    assert check_sentences(sentence, swedish, strict=True)[0].verdict == "viewing"


def test_a_title_with_a_full_stop_stays_one_sentence():
    """Issue 33 (the fourth fresh sample): a Nationalmuseum title with a full stop inside was cut in
    two, and a guide kept half of it."""
    larsson = {"title": "Mamma's and the Small Girls' Room. From A Home (26 watercolours)", "artist": "Carl Larsson"}
    text = "Before you is Mamma's and the Small Girls' Room. From A Home (26 watercolours) by Carl Larsson. Look closer."
    verdicts = check_sentences(text, larsson, strict=True)
    assert verdicts[0].text.endswith("by Carl Larsson.") and len(verdicts) == 2
    # read out as stored, the series' count in brackets was struck in every style (seeds 26, 27);
    # the template writer's title aloud is signed
    assert verdicts[0].verdict == "unsupported" and "count" in verdicts[0].reason
    said = "Before you is Mamma's and the Small Girls' Room, from A Home by Carl Larsson."
    assert [v.verdict for v in check_sentences(said, larsson, strict=True)] == ["supported"]
    assert TemplateWriter(seed=0).write({**larsson, "medium": "Watercolour"}).split(" by Carl")[0].endswith(
        "Small Girls' Room, from A Home")


KRATER = {"title": "Terracotta column-krater", "artist": "Attributed to the Group of Boston 00.348",
          "date": "ca. 360–350 BCE", "medium": "Terracotta", "culture": "Greek, South Italian, Apulian",
          "classification": "Vases"}  # the Met's 2018 record, data/raw/met-sample
THINKER = {"title": "The Thinker", "artist": "Auguste Rodin", "date": "modeled 1880, cast 1910", "medium": "Bronze",
           "classification": "Sculpture"}
PRINT = {"title": "Seated Giant", "artist": "Goya", "date": "by 1818", "medium": "Burnished aquatint",
         "classification": "Prints"}


@pytest.mark.parametrize("record, sentence, verdict", [
    # Dates before Christ: said as BC, never without it, never BC for a date after.
    (KRATER, "The work was made around 360 to 350 BC, and the medium is terracotta.", "supported"),
    (KRATER, "It was made around 360 to 350.", "unsupported"),
    (THINKER, "It was made in 1880 BC.", "unsupported"),
    # Two events of the making keep their own years.
    (THINKER, "It was modeled in 1880 and cast in 1910.", "supported"),
    (THINKER, "It was cast in 1880.", "unsupported"),
    (THINKER, "The museum dates the model to 1910.", "unsupported"),
    # A vetted statement holds only for what it was reviewed for.
    (THINKER, "Bronze is poured molten into a mould, which is why a bronze can be cast more than once.", "supported"),
    (KRATER, "Terracotta is clay fired in a kiln, shaped while it was still soft.", "supported"),
    (PRINT, "Oil paint dries slowly, which lets a painter blend tones softly and build up glazes.", "unsupported"),
    (THINKER, "Before you move on, step back and let the whole picture settle in your memory.", "unsupported"),
    (THINKER, "If you can, walk slowly around it, and watch how its outline changes.", "viewing"),
    (PRINT, "If you can, walk slowly around it, and watch how its outline changes.", "unsupported"),
    (PRINT, "Come closer to follow the lines, then step back to see how they hold together.", "viewing"),
])
def test_every_form_is_judged_in_its_own_terms(record, sentence, verdict):
    [found] = check_sentences(sentence, record, strict=True)
    assert found.verdict == verdict, found.reason


@pytest.mark.parametrize("date, sentence, verdict", [
    # From the blind sample of other forms (seed 11): the ends of a range on both sides of year one,
    # and one year in two calendars.
    ("100 BCE–700 CE", "The work was made between 100 and 700 BC, and the medium is gold.", "unsupported"),
    ("100 BCE–700 CE", "The work was made between 100 BC and 700 AD.", "supported"),
    ("dated A.H. 641/ 1243 CE", "The artist made it in A.H. 641 or 1243 CE, working in silver.", "unsupported"),
    ("dated A.H. 641/ 1243 CE", "It was made in 1243, and the medium is silver.", "supported"),
])
def test_years_on_either_side_of_year_one_and_in_two_calendars(date, sentence, verdict):
    record = {"title": "Ewer", "artist": "Shuja' ibn Man'a", "date": date, "medium": "Brass; inlaid with silver",
              "classification": "Metal"}
    [found] = check_sentences(sentence, record, strict=True)
    assert found.verdict == verdict, found.reason


# The Met's Open Access CSV (../shared/data/met/metobjects_sample.csv): records of the blind sample of
# other forms (issue 36, seed 12) whose struck sentences the checker passed.
EMBRIACHI = {"title": "Cabinet frontal with panels from two Embriachi caskets", "artist": "Baldassare degli Embriachi",
             "date": "ca. 1400–1409", "medium": "Bone and Certosina", "artist_bio": "Italian, active 1390–1409",
             "classification": "Ivories-Bone"}
RAIMONDI = {"title": "The Judgment of Paris", "artist": "Marcantonio Raimondi", "date": "ca. 1510–20",
            "medium": "Engraving", "artist_bio": "Italian, Argini (?) ca. 1480–before 1534 Bologna (?)",
            "classification": "Prints"}
HAFIZ = {"title": "Jonah and the Whale", "artist": "Hafiz-i Abru", "date": "ca. 1425",
         "medium": "Opaque watercolor, silver, and gold on paper", "artist_bio": "Iranian, born Khorasan–1430 Zanjan",
         "classification": "Codices"}
MOCHE = {"title": "Stirrup-spout bottle with manioc form", "artist": "Moche artist(s)", "date": "600–800 CE",
         "medium": "Ceramic, slip", "classification": "Ceramics-Containers"}
KHAMSA = {"title": "A Muslim Pilgrim Learns a Lesson in Piety from a Brahman", "artist": "Amir Khusrau Dihlavi",
          "date": "1597–98", "medium": "Image: Ink, opaque watercolor, and gold on paper Margins: Gold on dyed paper",
          "artist_bio": "Indian, Patiyali, 1253–1325 Delhi", "classification": "Codices"}
ERARD = {"title": "Grand Piano", "artist": "Érard", "date": "ca. 1840", "medium": "Wood, metal",
         "artist_bio": "French, ca. 1780–1959", "classification": "Chordophone-Zither-struck-piano"}
SUDAN = {"title": "The Last Sound", "artist": "Ibrahim El-Salahi", "date": "1964", "medium": "Oil on canvas",
         "artist_bio": "Sudanese, born 1930"}
STAZIO = {"title": "Bedroom from the Sagredo Palace", "artist": "Abbondio Stazio", "date": "ca. 1720 or later",
          "medium": "Wood, stucco, marble, glass", "artist_bio": "Swiss (active Italy), Mossagno, near Lugano 1663–1745 Venice"}


THIRD_SAMPLE_OF_OTHER_FORMS = [
    # an active life's years are no birth and death
    (EMBRIACHI, "The artist was born in 1390 and died in 1409.", "unsupported"),
    (EMBRIACHI, "The artist was active from 1390 to 1409.", "supported"),
    (STAZIO, "Born in Mossagno, near Lugano in 1663, the artist died in Venice in 1745.", "supported"),
    # a life read out as stored, garbled
    (RAIMONDI, "The museum describes the artist as Italian, probably Argini around 1480 to before 1534 probably "
               "Bologna.", "unsupported"),
    (HAFIZ, "The artist is described as Iranian, born Khorasan to 1430 Zanjan.", "unsupported"),
    (SUDAN, "The artist is described as Sudanese, born 1930.", "supported"),
    # a date with an article, a record's label read out, a firm's span said as a life
    (MOCHE, "The museum dates it to the 600 to 800 CE.", "unsupported"),
    (MOCHE, "The museum dates it 600 to 800 CE.", "supported"),
    (KHAMSA, "The medium is ink, opaque watercolor, and gold on paper Margins: Gold on dyed paper.", "unsupported"),
    (ERARD, "The artist was born around 1780 and died in 1959.", "unsupported"),
]


# The Met's Open Access CSV and the Nationalmuseum's LIDO (../shared/data): sentences of the fourth
# blind samples (issues 33 and 36, seed 13) both annotators struck and the checker passed.
EWER = {"title": "Rosewater ewer", "artist": "Johann Erhard Heiglen", "date": "ca. 1730",
        "medium": "Silver gilt", "dimensions": "Height: 13 3/8 in. (34 cm)", "culture": "German, Augsburg",
        "classification": "Metalwork-Silver"}
CHALK = {"title": "Study of a Man", "artist": "Guercino", "date": "1634–35", "medium": "Red chalk",
         "classification": "Drawings"}
WASH = {"title": "Landscape", "artist": "Claude Lorrain", "date": "1658", "classification": "Drawings",
        "medium": "Pen and brown ink, brush and brown wash, heightened with white, over black chalk"}
QURAN = {"title": "Folio from a Qur'an", "artist": "`Umar Aqta'", "date": "late 14th–early 15th century (before 1405)",
         "medium": "Ink, opaque watercolor, and gold on paper", "classification": "Codices"}
TAPESTRY = {"title": "The Triumph of Fame", "date": "ca. 1502–4", "medium": "Wool, silk",
            "culture": "Netherlandish, probably Brussels", "classification": "Textiles-Tapestries"}
PENDANT_SMALL = {"title": "Pendant", "date": "ca. 1600", "medium": "Gold, enamel", "classification": "Jewelry",
                 "dimensions": "2.5 × 1.3 cm"}
LARSSON = {"title": "Self-portrait", "artist": "Carl Larsson", "date": "1906", "medium": "Oil on canvas",
           "notes": "Larsson was often asked to paint portraits. He often refused, and once even turned down a "
                    "request from the royal family."}


FOURTH_SAMPLES = [
    (EWER, "It belongs to the German period.", "unsupported"),          # a culture is no period
    (EWER, "It measures about 34 by 34 centimetres.", "unsupported"),   # one measurement given
    (EWER, "It is about 34 centimetres high.", "supported"),
    (CHALK, "It was painted between 1634 and 1635, in red chalk.", "unsupported"),
    (CHALK, "It was drawn between 1634 and 1635, in red chalk.", "supported"),
    (WASH, "The artist painted it in 1658.", "unsupported"),
    (QURAN, "It was made around 14th to early 15th century (before 1405).", "unsupported"),
    (QURAN, "It was made in the late 14th to early 15th century, before 1405.", "supported"),
    (TAPESTRY, "The artist made it around 1502 to 1504, working in wool, silk.", "unsupported"),
    (TAPESTRY, "It was made around 1502 to 1504, in wool and silk.", "supported"),  # "wool, silk" bare: seed 25's rule
    (PENDANT_SMALL, "It measures about 2 by 1.3 centimetres.", "unsupported"),
    (PENDANT_SMALL, "It measures about 2.5 by 1.3 centimetres.", "supported"),
    (LARSSON, "She often refused, and once even turned down a request from the royal family.", "unsupported"),
    (LARSSON, "He often refused, and once even turned down a request from the royal family.", "supported"),
    ({"title": "Bowl", "artist": "Hans Holbein", "date": "1560", "medium": "Silver",
      "artist_bio": "Swiss, Zurich before 1539–1591 Nuremberg"},
     "The artist was born in Zurich before in 1539 and died in Nuremberg in 1591.", "unsupported"),
]


@pytest.mark.parametrize("record, sentence, verdict", [
    # the fifth samples (issues 33, 36 and 37, seeds 14 and 15): the Met's CSV and Nationalmuseum's LIDO
    ({"title": "Cradle", "date": "19th century (?)", "medium": "Wood, glass beads", "classification": "Furniture"},
     "The work was made in the 19th century, and the medium is wood, glass beads.", "unsupported"),
    ({"title": "Cradle", "date": "19th century (?)", "medium": "Wood, glass beads", "classification": "Furniture"},
     "The work was probably made in the 19th century.", "supported"),
    ({"title": "Study", "artist": "Rembrandt", "date": "1673", "classification": "Drawings",
      "medium": "Pen and brown ink, framing lines by the artist (?)"},
     "It was drawn in 1673, in pen and brown ink, framing lines by the artist (?).", "unsupported"),
    ({"title": "Saint", "artist": "Lorenzo Monaco", "artist_bio": "Italian, Florence (?) ca. 1370–1425 Florence (?)",
      "date": "ca. 1400", "medium": "Tempera on wood", "classification": "Paintings"},
     "The artist was born in Florence around 1370 and died there in 1425.", "unsupported"),
    ({"title": "Book of Hours", "date": "second half 15th century", "medium": "Tempera on parchment",
      "classification": "Manuscripts"},
     "The work was made in the second half 15th century.", "unsupported"),
    ({"title": "Jug", "artist": "Hirschvogel Workshop", "date": "ca. 1550", "medium": "Earthenware",
      "culture": "German, Nuremberg", "classification": "Ceramics"}, "The artist was German.", "unsupported"),
    ({"title": "Robe", "date": "7th–9th century CE", "medium": "Silk, linen, fur", "classification": "Textiles"},
     "The medium is silk, linen, fur, and fur.", "unsupported"),
    ({"title": "Hiawatha", "artist": "Augustus Saint-Gaudens", "date": "1871–72, carved 1874", "medium": "Marble",
      "classification": "Sculpture"}, "The artist made it between 1871 and 1872, working in marble.", "unsupported"),
    ({"title": "Landscape", "artist": "Per Ekström", "date": "1880s", "medium": "Oil on canvas",
      "notes": "Per Ekström went to France in 1876 and stayed there until 1890."},
     "The artist was born in 1876 and died in 1890.", "unsupported"),
    ({"title": "Landscape", "artist": "Per Ekström", "date": "1880s", "medium": "Oil on canvas"},
     "The work was painted in 1880s, and the medium is oil on canvas.", "unsupported"),
    ({"title": "Armor Garniture", "artist": "Jacob Halder", "date": "1586", "medium": "Steel, gold",
      "form": "arms", "classification": "Armor for Man"}, "Find the arms and the armour.", "unsupported"),
])
def test_struck_sentences_of_the_fifth_samples(record, sentence, verdict):
    from museumguide.records.prompt import to_painting

    if record["title"] == "Saint":  # the Met's "Circle of Lorenzo Monaco": the prefix of a cleaned record
        record = {**to_painting(record), "artist_prefix": "Circle of"}
    [found] = check_sentences(sentence, record, strict=True)
    assert found.verdict == verdict, found.reason


SIXTH_SAMPLE = [
    # the sixth sample (issue 33, seed 17): the Met's CSV and the Nationalmuseum's LIDO
    ({"title": "Love", "artist": "Adam Fuss", "date": "1992", "medium": "Silver dye bleach print",
      "dimensions": "Frame: 43 1/2 × 33 1/2 in. (110.5 × 85.1 cm)", "classification": "Photographs"},
     "It measures about 111 by 85 centimetres.", "unsupported"),
    ({"title": "Love", "artist": "Adam Fuss", "date": "1992", "medium": "Silver dye bleach print",
      "dimensions": "Frame: 43 1/2 × 33 1/2 in. (110.5 × 85.1 cm)", "classification": "Photographs"},
     "In its frame, it measures about 111 by 85 centimetres.", "supported"),
    ({"title": "Getting Ready for a Game", "artist": "Carl Larsson", "date": "1901", "medium": "Oil on canvas",
      "notes": "In the background is the altar itself, the card table that I have arranged myself."},
     'In the background is the altar itself, the card table that I have arranged myself."', "unsupported"),
    ({"title": "Midsummer Dance", "artist": "Anders Zorn", "date": "1897", "medium": "Oil on canvas",
      "notes": 'Zorn writes: "I had just given Morkarlby a new maypole."'},
     'Zorn writes: "I had just given Morkarlby a new maypole."', "supported"),  # a quotation said as one
    ({"title": "Cottage among Trees", "artist": "Rembrandt", "date": "ca. 1650", "medium": "Pen and brown ink",
      "artist_nationality": "Dutch", "classification": "Drawings"}, "It belongs to the Dutch artist.", "unsupported"),
    ({"title": "Charles I", "artist": "Anthony van Dyck", "date": "1635", "medium": "Oil on canvas",
      "notes": "The portrait of Charles I was painted in London."},
     "The portrait of Charles I was painted in London.", "supported"),
]


ARMOUR = {"title": "Armor Garniture", "artist": "Jacob Halder", "date": "1586", "medium": "Steel, gold",
          "dimensions": "H. 69 1/2 in. (176.5 cm); Wt. 60 lb. (27.2 kg)", "classification": "Armor for Man"}


@pytest.mark.parametrize("sentence, verdict", [
    ("It weighs about 27 kilograms.", "supported"),      # a weight as the record gives it, rounded
    ("It weighs about 27.2 kilograms.", "supported"),
    ("It weighs about 40 kilograms.", "unsupported"),    # a weight the record does not give
])
def test_weights(sentence, verdict):
    [found] = check_sentences(sentence, ARMOUR, strict=True)
    assert found.verdict == verdict, found.reason


# Nationalmuseum 19129 (LIDO, CC0): "Sign. 1876-09", signed September 1876.
GREZ = {"title": "Landscape near Grez-sur-Loing", "artist": "Oscar Törnå", "date": "1876-09",
        "medium": "Oil on canvas", "dimensions": "43 x 77 cm",
        "notes": "He was one of the first Swedes who joined the artist colony in Grez-sur-Loing."}
# Nationalmuseum 24212 (LIDO, CC0), its notes abridged: a sentence that leans on the one before.
STUDIO = {"title": "The Studio", "artist": "Carl Larsson", "medium": "Watercolour",
          "notes": "Practicality dictated their interior design. This ideal was also propagated by others, "
                   "including Ellen Key, in 1899. This painting shows the studio."}


SEVENTH_SAMPLES = [
    # the seventh samples (issue 37, seed 16): what the blind annotators struck
    (GREZ, "The artist painted it between 1876 and 1809, working in oil on canvas.", "unsupported"),
    ({**GREZ, "date": "1876"}, "It was painted in 1876, in oil on canvas.", "supported"),  # as cleaned
    ({**GREZ, "date": "1876–1879"}, "The work was painted between 1876 and 1879.", "supported"),
    (GREZ, "The artist was painted in 1876.", "unsupported"),
    ({**GREZ, "artist_bio": "American, active 1791–1869"},
     "The artist was born in active United States in 1791 and died in 1869.", "unsupported"),
    (GREZ, "This painting was painted in 1876, and the medium is oil on canvas.)", "unsupported"),
    ({**GREZ, "notes": "Schultzberg's painting s a commentary on the same process."},
     "Schultzberg's painting s a commentary on the same process.", "unsupported"),
    ({**GREZ, "notes": "In 1896, he moved to the town Moret-sur... this painting is of the canal."},
     "In 1896, he moved to the town Moret-sur... this painting is of the canal.", "unsupported"),
    ({**GREZ, "notes": "The boy discovers the candle flame."}, "Can you find the candles?", "unsupported"),
    ({**GREZ, "notes": "The boy discovers the candle flame."}, "Can you find the candle?", "supported"),
    ({**GREZ, "artist": "J. M. W. Turner"}, "This is Landscape near Grez-sur-Loing by J. M. W. Turner.",
     "supported"),  # initials are no typo
]


@pytest.mark.parametrize("guide, struck", [
    # said alone, "this ideal" names nothing the visitor heard
    ("This is The Studio by Carl Larsson. This ideal was also propagated by others, including Ellen Key, in 1899.",
     True),
    # after the notes' sentence it leans on, it follows
    ("This is The Studio by Carl Larsson. Practicality dictated their interior design. This ideal was also "
     "propagated by others, including Ellen Key, in 1899.", False),
    ("This is The Studio by Carl Larsson. This painting shows the studio.", False),  # "this painting" leans on nothing
])
def test_a_notes_sentence_that_leans_on_one_left_out_is_struck(guide, struck):
    found = {v.text: v for v in check_sentences(guide, STUDIO, strict=True)}
    ideal = next((v for t, v in found.items() if t.startswith("This ideal") or t.startswith("This painting")))
    assert (ideal.verdict == "unsupported") == struck, ideal.reason


# Nationalmuseum records of the seed-18 samples (LIDO, CC0), notes abridged; none gives a date.
STUDIO_GREZ = {"title": "Open-air Studio", "artist": "William Blair Bruce", "medium": "Oil on canvas",
               "dimensions": "73 x 92 cm",
               "notes": "In the artist colony in Grez-sur-Loing, he met the Swedish sculptor Carolina Benedicks in 1885. "
                        "They married and eventually settled on Gotland. Open-air Studio was painted in Grez and the "
                        "woman in the picture is probably the artist's wife. She is working on an engraving behind a "
                        "textile screen."}
SLEDGING = {"title": "Sledging", "artist": "Bruno Liljefors", "medium": "Oil on canvas",
            "notes": "Winter scenes are central to Bruno Liljefors's imagery. Here, instead of wild animals, "
                     "children are playing in the snowy setting. In 1888 he painted the first version."}


EIGHTH_SAMPLES = [
    # the eighth samples (issues 33 and 37, seed 18): what the blind annotators struck
    (STUDIO_GREZ, "Painted in 1885, it is oil on canvas.", "unsupported"),  # 1885 dates a meeting
    (SLEDGING, "It was painted in 1888.", "supported"),                   # the notes date a making to it
    ({**SLEDGING, "notes": "In the mid-1820s he was in Rome, where he painted this portrait."},
     "The work was painted in the mid-1820s.", "supported"),
    (SLEDGING, "Painted between 1888 and 1909, it is oil on canvas.", "unsupported"),
    (SLEDGING, "Can you find the animals?", "unsupported"),               # "instead of wild animals"
    (SLEDGING, "Can you find the children?", "supported"),
    ({**SLEDGING, "notes": "Nude and muscular men in gymnasiums or, as in this picture, at public baths."},
     "Can you find the nude and muscular men in gymnasiums or, as in this picture, at public baths?", "unsupported"),
    (SLEDGING, "Winter scenes are central to Bruno LiljefORS imagery.", "unsupported"),
    ({**SLEDGING, "date": "early 1630s"}, "It was painted early 1630s, in oil on canvas.", "unsupported"),
    ({**SLEDGING, "date": "early 1630s"}, "It was painted in the early 1630s, in oil on canvas.", "supported"),
    ({"title": "Songs of the Birds", "artist": "George Brainerd", "date": "1908", "medium": "Illustrated book",
      "classification": "Books"}, "The work was made in 1908, and the medium is illustrated book.", "unsupported"),
]


@pytest.mark.parametrize("guide, struck", [
    ("This is Open-air Studio by William Blair Bruce. She is working on an engraving behind a textile screen.", True),
    ("This is Open-air Studio by William Blair Bruce. They married and eventually settled on Gotland.", True),
    ("This is Open-air Studio by William Blair Bruce. Open-air Studio was painted in Grez and the woman in the "
     "picture is probably the artist's wife. She is working on an engraving behind a textile screen.", False),
])
def test_a_pronoun_with_no_one_before_it_is_struck(guide, struck):
    last = check_sentences(guide, STUDIO_GREZ, strict=True)[-1]
    assert (last.verdict == "unsupported") == struck, last.reason


def test_she_of_the_artist_the_opening_named_leans_on_no_one():
    """Nationalmuseum, Anna Boberg (seed 18): "She returned ..." after a sentence naming the artist."""
    record = {"title": "Northern Lights", "artist": "Anna Boberg", "medium": "Oil on canvas",
              "notes": "In 1901, Anna Boberg made her first visit to the Lofoten islands. She returned some thirty "
                       "times, summer and winter, to paint in different light conditions."}
    guide = ("This is Northern Lights by Anna Boberg. It helps to know that she returned some thirty times, summer "
             "and winter, to paint in different light conditions.")
    last = check_sentences(guide, record, strict=True)[-1]
    assert last.verdict == "supported", last.reason


def test_a_find_prompt_that_pastes_the_notes_is_struck():
    record = {"title": "Selfportrait", "artist": "Eugène Jansson", "medium": "Oil on canvas",
              "notes": "His later paintings are populated by nude, muscular men in gymnasiums or, as in this "
                       "picture, at public baths."}
    [found] = check_sentences("Can you find the nude and muscular men in gymnasiums or, as in this picture, "
                              "at public baths?", record, strict=True)
    assert found.verdict == "unsupported", found.reason


# Nationalmuseum records of the seed-19 samples (LIDO, CC0), notes abridged.
OLD_ANNA = {"title": "Old Anna", "artist": "Carl Larsson", "medium": "Watercolour",
            "notes": 'Larsson wrote: "My mother was a good woman. She loves both her son and everyone else, '
                     'that ugly, old, biddy. Is she not blithe!" The picture was painted in Sundborn.'}
VANITAS = {"title": "Vanitas Still Life", "artist": "Christian von Thum", "medium": "Oil on canvas",
           "notes": "Still-life painting developed in the seventeenth century."}


NINTH_SAMPLES = [
    # the ninth samples (issues 33 and 37, seed 19): what the blind annotators struck
    (OLD_ANNA, "Is she not blithe!", "unsupported"),          # the memoir's words, not the guide's
    (OLD_ANNA, "She loves both her son and everyone else, that ugly, old, biddy.", "unsupported"),
    (OLD_ANNA, "The picture was painted in Sundborn.", "supported"),
    ({**OLD_ANNA, "notes": "It is one of the Museum's best- loved paintings."},
     "It is one of the Museum's best- loved paintings.", "unsupported"),
    ({**OLD_ANNA, "notes": "It shows 19th- and 20th-century dress."}, "It shows 19th- and 20th-century dress.",
     "supported"),                                              # a suspended hyphen is no typo
    ({**OLD_ANNA, "notes": "I In the background we can make out the clerk."},
     "I In the background we can make out the clerk.", "unsupported"),
    ({**OLD_ANNA, "date": "1882"}, "The artist was a painter in the 1882.", "unsupported"),
    (VANITAS, "It was painted in the seventeenth century.", "unsupported"),  # the genre's century, not its date
    ({**VANITAS, "notes": "It was painted in the seventeenth century in Leiden."},
     "It was painted in the seventeenth century.", "supported"),
]


def test_a_strict_guide_states_the_size_once():
    record = {"title": "At Breakfast", "artist": "Carl Larsson", "medium": "Oil on canvas", "dimensions": "52 x 40.5 cm"}
    guide = ("This is At Breakfast by Carl Larsson. It measures about 52 by 41 centimetres. "
             "It measures about 52 by 40 centimetres, so it is easy to take in at a single glance.")
    verdicts = check_sentences(guide, record, strict=True)
    assert verdicts[1].verdict == "supported"
    assert verdicts[2].verdict == "unsupported" and "second time" in verdicts[2].reason


@pytest.mark.parametrize("seed", range(6))
def test_a_name_ending_in_an_abbreviation_ends_the_opening_once(seed):
    """Met 20498 (a side chair by "George A. Schastey & Co."): "... & Co.." was the opening."""
    record = to_painting({"title": "Side chair", "artist": "George A. Schastey & Co.", "date": "1882",
                          "medium": "Rosewood", "classification": "Furniture"})
    script = TemplateWriter(seed=seed).write(record)
    assert "Schastey & Co." in script and ".." not in script


WEGMANN = {"title": "The Artist Jeanna Bauck", "artist": "Bertha Wegmann", "medium": "Oil on canvas",
           "notes": "Wegmann grew up in Denmark and trained as an artist in Munich."}
TENTH_SAMPLES = [
    # the tenth samples (seed 20, the retrained run): what the blind annotators struck
    (WEGMANN,
     "Here is something worth knowing: wegmann grew up in Denmark and trained as an artist in Munich.", "unsupported"),
    (WEGMANN,
     "Wegmann grew up in Denmark and trained as an artist in Munich.", "supported"),
    ({"title": "View of Riddarholmen", "artist": "Emma Toll", "medium": "Oil on canvas",
      "notes": "The steeple of the Riddar-holmen church is silhouetted against the sky."},
     "The steeple of the Riddar-holmen church is silhouetted against the sky.", "unsupported"),
    ({"title": "Saint Bruno", "artist": "Philippe de Champaigne", "medium": "Oil on canvas",
      "notes": "He is shown in solitary prayer at his mountain retreat near Grenoble."},
     "The museum describes the medium as solitary prayer at his mountain retreat near Grenoble.", "unsupported"),
    ({"title": "By the Sea", "artist": "Bruno Liljefors", "medium": "Oil on canvas",
      "notes": "He spent a spring in Grez-sur-Loing. This is where he painted this view across the Loing."},
     "This is where he painted this view across the Loing.", "unsupported"),
]


# Met 501510, 363811 (Piranesi), 222906 (Beauvais tapestry), 24903 (wheellock pistols): records as
# ../shared/data/met/metobjects_sample.csv holds them; the notes sentences are Nationalmuseum's.
CLARINET = {"title": "Clarinet in B-flat", "artist": "Graves & Company", "date": "ca. 1830–40",
            "medium": "Boxwood, ebonite, ivory, brass", "classification": "Aerophone-Reed Vibrated-single reed cylindrical",
            "dimensions": "Total length : 660 mm.; Bell diam.: 75 mm.; Mouthpiece length: 91 mm."}
PIRANESI = {"title": "The Round Tower", "artist": "Giovanni Battista Piranesi", "date": "ca. 1749–50",
            "medium": "Etching, engraving, sulphur tint or open bite, burnishing; first state of four (Robison)",
            "classification": "Prints", "dimensions": "Plate: 21 3/4 x 16 5/16 in. (55.2 x 41.4 cm)"}
BEAUVAIS = {"title": "Tapestry lining for tester", "date": "ca. 1780–90", "classification": "Textiles-Tapestries",
            "medium": "Silk and wool (20-25 warps per inch, 8-11 per centimeter)", "dimensions": "221 x 183 cm"}
ELEVENTH_SAMPLES = [
    # the eleventh sample (seed 21: Nationalmuseum paintings and Met objects of other forms)
    (CLARINET, "It measures about 660 by 75 centimetres.", "unsupported"),     # millimetres said as centimetres
    # a bare list: seed 21's annotators signed it, seeds 22 to 25 struck 20 of 25 such lists
    (CLARINET, "The work was made around 1830 to 1840, and the medium is boxwood, ebonite, ivory, brass.",
     "unsupported"),
    (CLARINET, "The work was made around 1830 to 1840, and the medium is boxwood, ebonite, ivory and brass.",
     "supported"),
    (PIRANESI, "It is an etching, engraving, sulphur tint or open bite, burnishing, first state of four (Robison).",
     "unsupported"),
    (PIRANESI, "The work was made around 1749 to 1750, and the medium is etching, engraving, sulphur tint or "
               "open bite, burnishing.", "supported"),
    (BEAUVAIS, "It was made around 1780 to 1790, in silk and wool (20-25 warps per inch, 8-11 by centimeter).",
     "unsupported"),
    (BEAUVAIS, "The museum describes it as textile-tapestries.", "unsupported"),
    (BEAUVAIS, "It was made around 1780 to 1790, in silk and wool.", "supported"),
    ({"title": "Pair of Wheellock Pistols", "artist": "Giovan Antonio Gavacciolo", "date": "mid-17th century",
      "medium": "Steel, wood (walnut)", "classification": "Firearms-Pistols-Wheellock"},
     "The work was made in the mid-17 century, and the medium is steel, wood (walnut).", "unsupported"),
    ({"title": "An August Night. Study from North Norway", "artist": "Anna Boberg", "medium": "Oil on cardboard",
      "notes": "Daylight lingers in the sky above the mountains and cabins reflected in the still water below."},
     "Daylight lingers in the sky above the mountains and cabins reflected in the still water below the still water.",
     "unsupported"),
    ({"title": "Teresa Vandoni", "artist": "Carl Fredrik von Breda", "medium": "Oil on canvas",
      "notes": "After many years living in England, Carl Fredric von Breda returned to Stockholm in 1796."},
     "After many years living in England, Carl Fredric von Breda returned to Stockholm in 1796.", "unsupported"),
    ({"title": "Teresa Vandoni", "artist": "Carl Fredrik von Breda", "medium": "Oil on canvas",
      "notes": "After many years living in England, Carl Fredrik von Breda returned to Stockholm in 1796."},
     "After many years living in England, Carl Fredrik von Breda returned to Stockholm in 1796.", "supported"),
    ({"title": "The Artist's Mother", "artist": "Akseli Gallen-Kallela", "medium": "Tempera on canvas"},
     "Tempera, pigment bound with egg, dries quickly, so it is built up in fine hatched strokes.", "unsupported"),
    ({"title": "The Artist's Mother", "artist": "Akseli Gallen-Kallela", "medium": "Tempera on canvas"},
     "Tempera is pigment bound with egg, and it dries quickly.", "supported"),
]


# Met 231915, 451203, 472155, 282756, 652987, 468320, 472301, 250945, 22135, 42716, 470136 as
# ../shared/data/met/metobjects_sample.csv holds them (the twelfth sample, seed 22).
SETTEE = {"title": "Settee (one of a pair)", "artist": "John Mayhew", "artist_bio": "British, 1736–1811",
          "artist_nationality": "British", "culture": "British and French", "date": "1769–71",
          "medium": "Gilded fruitwood; wool and silk", "classification": "Woodwork-Furniture"}
QURAN_FOLIO = {"title": "Folio from a Qur'an Manuscript", "artist": "Ahmad ibn al-Suhrawardi al-Bakri",
               "artist_bio": "died 1320/21", "date": "dated A.H. 707/ 1307–8 CE",
               "medium": "Ink, opaque watercolor, and gold on paper", "classification": "Codices"}
DESIGN = {"title": "Design for the Decoration of Firearms", "artist": "Nicolas Noël Boutet",
          "artist_bio": "French, Versailles and Paris, 1761–1833", "date": "ca. 1797–1805",
          "medium": "Pencil, ink, gray wash on paper", "classification": "Drawings"}
TRIPTYCH = {"title": "Triptych Panel with Saint Sebastian", "artist": "Master of the Triptych of Louis XII",
            "artist_bio": "ca. 1490–ca. 1515", "culture": "French", "date": "15th–16th century",
            "medium": "Painted enamel, copper", "classification": "Enamels-Painted"}
SORROWS = {"title": "Man of Sorrows", "artist": "Niccolò di Tommaso", "artist_bio": "Italian, Florence, active 1343–76",
           "date": "ca. 1370", "medium": "Fresco transferred to canvas", "classification": "Paintings"}
BOSCOTRECASE = {"title": "Wall painting: Perseus and Andromeda in landscape", "culture": "Roman",
                "date": "last decade of the 1st century BCE", "medium": "Fresco", "classification": "Paintings"}
TWELFTH_SAMPLES = [
    (QURAN_FOLIO, "It dates from the A.H. period.", "unsupported"),
    (QURAN_FOLIO, "It was made between A.H. 1307 and 1308, in ink, opaque watercolor, and gold on paper.",
     "unsupported"),
    (QURAN_FOLIO, "The museum dates it to A.H. 707, 1307 to 1308 CE.", "supported"),
    (BOSCOTRECASE, "The work was painted last decade of the 1st century BC, and the medium is Fresco.", "unsupported"),
    (DESIGN, "The work was made around 1797 to 1805, and the medium is pencil, ink, gray wash on paper.",
     "supported"),                                     # a bare list: one annotator of two struck it
    (DESIGN, "The work was made around 1797 to 1805, and the medium is pencil, ink and gray wash on paper.",
     "supported"),
    (TRIPTYCH, "The artist painted it between 15th and 16th century, working in enamel, copper.", "unsupported"),
    (SORROWS, "The artist painted it around 1370, working in Fresco transferred to canvas.", "unsupported"),
    (SORROWS, "The artist painted it around 1370, working in fresco transferred to canvas.", "supported"),
    ({"title": "Adoration of the Magi", "culture": "Austrian", "date": "ca. 1390", "medium": "Pot-metal glass"},
     "This is the work of an Austrian artist.", "unsupported"),
    ({"title": "Wrack", "artist": "William Henry Fox Talbot", "artist_bio": "British, Dorset 1800–1877 Lacock",
      "date": "1839", "medium": "Salted paper print", "classification": "Photographs"},
     "It was made in 1839, in salted paper print.", "unsupported"),
    (SETTEE, "The museum describes the artist as British and French.", "unsupported"),
    (SETTEE, "The museum describes the artist as British.", "supported"),
]


# Met 232250, 459252, 449211, 324695, 27568, 27936, 34812 as ../shared/data/met/metobjects_sample.csv
# holds them (the thirteenth sample, seed 23, on the run padded to 64).
ARMCHAIR_BACK = {"title": "Armchair back", "artist": "Jean-Baptiste Oudry", "artist_bio": "French, Paris 1686–1755 Beauvais",
                 "date": "1754–56", "medium": "Wool and silk", "classification": "Textiles-Tapestries"}
RESTELLO = {"title": "Restello", "date": "early 16th century", "classification": "Frames",
            "medium": "Poplar. Carved, gilt; orangebole, blue and red tempera."}
THIRTEENTH_SAMPLES = [
    ({**ARMCHAIR_BACK, "classification": "Paintings"}, "Painted between 1754 and 1756, it is wool and silk.",
     "unsupported"),                                   # filed among paintings: the medium is no paint
    (ARMCHAIR_BACK, "Made between 1754 and 1756, it is wool and silk.", "supported"),
    (RESTELLO, "It is a poplar.", "unsupported"),
    (RESTELLO, "Made in the early 28 by Italian, Venice.", "unsupported"),
    ({"title": "Panel", "date": "second half 8th century", "classification": "Wood",
      "medium": "Wood (fig); mosaic with bone and four different types of wood"}, "It is a wood (fig).", "unsupported"),
    ({"title": "Furniture plaque carved in relief", "date": "ca. 9th–8th century BCE", "medium": "Ivory, glass",
      "classification": "Ivory/Bone-Reliefs"},
     "The work was made around 9th to 8th century BC, and the medium is ivory, glass.", "unsupported"),
    ({"title": "Gründtliche Beschreibung", "artist": "Joachim Meyer", "date": "dated 1570", "medium": "Ink, paper",
      "classification": "Books & Manuscripts"}, "It is a book or manuscript.", "unsupported"),
    ({"title": "Helmet", "date": "ca. 1560", "medium": "Steel, iron, gold, silver, copper alloy", "classification": "Helmets"},
     "It is an iron, iron, gold, silver, copper alloy.", "unsupported"),
    ({"title": "Nouveaux Ornemens D'Arquebuseries", "artist": "Gilles Demarteau", "date": "ca. 1750–55",
      "medium": "Ink on paper", "classification": "Works on Paper-Prints", "dimensions": "sheet: 7 1/2 x 10 1/4 in. (19 x 26 cm)"},
     "It measures about 19 x 26 centimetres.", "unsupported"),
    ({"title": "Nouveaux Ornemens D'Arquebuseries", "artist": "Gilles Demarteau", "date": "ca. 1750–55",
      "medium": "Ink on paper", "classification": "Works on Paper-Prints", "dimensions": "sheet: 7 1/2 x 10 1/4 in. (19 x 26 cm)"},
     "It measures about 19 by 26 centimetres.", "supported"),
]


# Met 470919 as ../shared/data/met/metobjects_sample.csv holds it (the fourteenth sample, seed 24).
BIRTH_OF_JOHN = {"title": "Panel with the Birth of St. John the Baptist from Retable", "artist": "Domingo Ram",
                 "date": "ca. 1470", "medium": "Tempera on wood, gold ground", "dimensions": "H. 37-1/2, W. 28 in.",
                 "classification": "Paintings"}
FOURTEENTH_SAMPLES = [
    (BIRTH_OF_JOHN, "It measures about 37 by 28 centimetres.", "unsupported"),  # inches said as centimetres
    (BIRTH_OF_JOHN, "The work was made around 1470, and the medium is tempera on wood and gold ground.", "supported"),
    ({"title": "Book of Prayers", "date": "1852", "medium": "Ink, opaque watercolor, and gold on paper Binding: lacquer",
      "classification": "Codices"},
     "It was made in 1852, in ink, opaque watercolor, and gold on paper Binding: lacquer.", "unsupported"),
]


# Met 671042, 456101, 505254, 314034, 722508, 470920, 247017, 24785, 36091, 45428 as the Met CSV in
# ../shared/data/met/ holds them (the fifteenth sample, seed 25, on the run padded to 64).
HOTEI = {"title": "Hotei with a Child", "artist": "Ono no Ozū (Ono no Tsū)", "date": "1624",
         "medium": "Hanging scroll; ink on paper", "classification": "Paintings", "tags": ["Boys", "Men"]}
EPINETTE = {"title": "Epinette des Vosges", "artist": "Amant Constant (Amé) Lambert", "date": "late 19th century",
            "artist_bio": "French, La Girmont 1843–1908 Val-d'Ajol", "medium": "wood, metal",
            "classification": "Chordophone-Zither-plucked", "form": "instrument",
            "dimensions": "W. 2 13/16 x D. 1 1/8 x L. 20 11/16 in. (7.2 x 2.9 x 52.6 cm); Sounding Length: 15 15/16 in. (40.5 cm)"}
LUPONA = {"title": "Royal Seat (Lupona): Female Caryatid", "date": "19th century", "medium": "Wood, metal studs",
          "artist": "Buli Master, possibly Ngongo ya Chintu (Hemba, ca. 1810-1870)", "classification": "Wood-Furniture",
          "form": "furniture", "dimensions": "H. 24 × W. 11 × D. 11 in. (61 × 27.9 × 27.9 cm)"}
CUBICULUM = {"title": "Cubiculum (bedroom) from the Villa of P. Fannius Synistor at Boscoreale", "date": "ca. 50–40 BCE",
             "medium": "Fresco", "culture": "Roman", "classification": "Miscellaneous-Paintings",
             "dimensions": "8 ft. 8 1/2 in. × 10 ft. 11 1/2 in. × 19 ft. 1 7/8 in. (265.4 × 334 × 583.9 cm)"}
KITANO = {"title": "Illustrated Legends of the Kitano Tenjin Shrine (Kitano Tenjin engi emaki)", "date": "late 13th century",
          "medium": "Set of five handscrolls; ink, color, and cut gold on paper", "culture": "Japan",
          "classification": "Paintings",
          "dimensions": "a: 11 5/16 in. × 22 ft. 7 7/16 in. (28.8 × 689.4 cm); b: 11 5/16 in. × 25 ft. 3/8 in. (28.8 × 763 cm)"}
FIFTEENTH_SAMPLES = [
    (HOTEI, "Find the boys.", "unsupported"),                      # the tag names a kind, the title one child
    (HOTEI, "Find the child.", "supported"),
    ({"title": "Capital with Putti Holding Wreaths and with Acanthus Leaves", "date": "second half 4th century",
      "medium": "Limestone; carved in relief", "classification": "Sculpture"},
     "The work was made in the second half of the second century, and the medium is limestone, carved in relief.",
     "unsupported"),
    ({"title": "Capital with Putti Holding Wreaths and with Acanthus Leaves", "date": "second half 4th century",
      "medium": "Limestone; carved in relief", "classification": "Sculpture"},
     "The work was made in the second half of the 4th century.", "supported"),
    (EPINETTE, "It measures about 7.2 by 2.9 centimetres.", "unsupported"),   # a zither 52.6 cm long
    (EPINETTE, "It measures about 7.2 by 2.9 by 52.6 centimetres.", "supported"),
    (EPINETTE, "It was made around the late 19th century, in wood, metal.", "unsupported"),
    (EPINETTE, "It was made in the late 19th century, in wood and metal.", "supported"),
    (LUPONA, "Welcome to Royal Seat (Lupona): Female Caryatid by Buli Master, possibly Ngongo ya Chintu "
             "(Hemba, ca. 1810-1870).", "unsupported"),
    (LUPONA, "Welcome to Royal Seat (Lupona): Female Caryatid by Buli Master, possibly Ngongo ya Chintu.", "supported"),
    (LUPONA, "It measures about 61 by 28 centimetres.", "supported"),          # its height is its longest side
    ({"title": "Plate Nine from Nouveavx Desseins D'Arquebvseries", "artist": "Gilles Demarteau", "date": "dated 1743",
      "medium": "Engraving", "classification": "Works on Paper-Engravings"},
     "The work was made between 1743, and the medium is engraving.", "unsupported"),
    ({"title": "Panel with The Crucifixion from Retable", "artist": "Domingo Ram", "date": "15th century",
      "medium": "Tempera on wood, gold ground", "classification": "Paintings-Panels"},
     "It was painted between the 15th and 15th centuries, in tempera on wood, gold ground.", "unsupported"),
    (CUBICULUM, "It measures about 265 by 334 centimetres, so it is big enough to hold a whole room's attention.",
     "unsupported"),
    ({"title": "Hunting Sword", "artist": "Emanuel Pioté", "date": "ca. 1825", "classification": "Swords",
      "medium": "Steel, gold, enamel, agate, wood, leather"},
     "The work was made around 1825, and the medium is steel, gold, enamel, agate, wood, leather.", "unsupported"),
    ({"title": "Mountain Retreat, leaf from Album for Zhou Lianggong", "artist": "Shi Lin", "date": "datable to 1654–55",
      "medium": "Leaf from a collective album of many leaves; ink and color on paper", "classification": "Paintings"},
     "It is a leaf from an ink and color on paper.", "unsupported"),
    (KITANO, "It measures about 29 by 689 centimetres.", "unsupported"),       # one scroll of a set of five
]


def _cleaned(**fields) -> dict:
    """A cleaned Met record (the schema's every field), for rules that read fields a plain dict
    cannot carry (``artist_prefix``, the years)."""
    from museumguide.records.clean import SCHEMA_FIELDS

    return {**{f: None for f in SCHEMA_FIELDS}, "object_id": 0, "source": "met", "tags": [], **fields}


# Met 312346, 312078, 454083, 36120, 337625, 75372, 481545 as the Met CSV in ../shared/data/met/ holds
# them (the sixteenth sample, seed 26, standard and description styles).
BALAFON = {"title": "Figure: Pair of Balafon Players", "artist": "Dogon artist", "date": "18th–early 19th century",
           "medium": "Wood, metal", "culture": "Dogon", "classification": "Wood-Sculpture", "form": "sculpture"}
MARIWAI = _cleaned(title="Painting from a Ceremonial House Ceiling", artist="Artists of Mariwai Village",
                   artist_prefix="Workshop of", date="1970", medium="Sago palm spathe, paint",
                   culture="Kwoma, Amachi-Kalaba clan", classification="Bark-Paintings")
SHARAFNAMA = _cleaned(title="Page of Calligraphy from a Sharafnama (Book of Honour) of Nizami of Ganja", artist="Nizami",
                      artist_bio="present-day Azerbaijan, Ganja 1141–1209 Ganja", artist_begin_year=1141,
                      artist_end_year=1209, date="ca. 1620–30", begin_year=1595, end_year=1655,
                      medium="Ink, opaque watercolor, and gold on paper", classification="Codices")
WHITE_ELEPHANT = {"title": "Washing the White Elephant", "artist": "Chen Zi", "artist_bio": "Chinese, 1634–1711",
                  "date": "undated", "medium": "Hanging scroll; ink on paper", "classification": "Paintings"}
CIVIL_WAR = {"title": "Civil War", "artist": "Edouard Manet", "artist_bio": "French, Paris 1832–1883 Paris",
             "date": "1871–73 [published 1874]", "medium": "Lithograph on chine collé; second state of two",
             "classification": "Prints"}
HUNDRED_BOYS = {"title": "One Hundred Boys", "artist": "Kano Einō", "date": "17th century", "classification": "Paintings",
                "medium": "Pair of six-panel folding screens; ink, color, and gold on paper",
                "dimensions": "Image (each screen): 44 7/8 in. × 9 ft. 3 in. (114 × 282 cm)"}
NAVIGATION = {"title": '"History of Navigation" Mural', "artist": "Jean Dupas", "date": "1934",
              "medium": "Glass, paint, gold, silver, palladium leaf", "classification": "Glass"}
SIXTEENTH_SAMPLES = [
    (BALAFON, "Let's spend a minute with Figure: Pair of Balafon Players by Dogon artist.", "unsupported"),
    (BALAFON, "Let's spend a minute with Figure: Pair of Balafon Players by a Dogon artist.", "supported"),
    (MARIWAI, "The artist made it in 1970, working in sago palm spathe and paint.", "unsupported"),
    (MARIWAI, "It was made in 1970, in sago palm spathe and paint.", "supported"),
    (MARIWAI, "It belongs to the Kwoma, Amachi-Kalaba clan.", "unsupported"),
    (SHARAFNAMA, "The artist was born in Ganja in 1141 and died there in 1209.", "unsupported"),
    (WHITE_ELEPHANT, "The museum dates it to undated.", "unsupported"),
    (CIVIL_WAR, "The museum dates it to 1871 to 1873 [published 1874].", "unsupported"),
    (HUNDRED_BOYS, "It was painted in the 17th century, in pair of six-panel folding screens.", "unsupported"),
    (HUNDRED_BOYS, "The picture is about 114 centimetres high and 282 wide.", "unsupported"),   # each of two screens
    (HUNDRED_BOYS, "It is a pair of six-panel folding screens.", "supported"),
    (NAVIGATION, "The work you are looking at was made in 1934, and the medium is glass, paint.", "unsupported"),
    (NAVIGATION, "The work was made in 1934, and the medium is glass, paint, gold, silver and palladium leaf.",
     "supported"),
    ({"title": "Cubiculum (bedroom) from the Villa of P. Fannius Synistor at Boscoreale", "date": "ca. 50–40 BCE",
      "medium": "Fresco", "classification": "Paintings"}, "The museum dates it ca. 50–40 BC.", "unsupported"),
    ({"title": "Battle Scene", "date": "16th century", "medium": "Oil on canvas", "classification": "Paintings"},
     "The museum dates it 16th century.", "unsupported"),
    ({"title": "Battle Scene", "date": "16th century", "medium": "Oil on canvas", "classification": "Paintings"},
     "The museum dates it to the 16th century.", "supported"),
    ({"title": "Hiawatha", "artist": "Augustus Saint-Gaudens", "date": "1871–72, carved 1874", "medium": "Marble",
      "classification": "Sculpture"}, "The artist made it between 1871 and 1872, carved 1874 to make it marble.",
     "unsupported"),
    ({"title": "Helmet (Zukinnari Kabuto)", "date": "16th century", "medium": "Iron, lacquer", "classification": "Helmets"},
     "Let's spend a minute with Helmet (<i>Zukinnari Kabuto</i>).", "unsupported"),
    ({"title": "Reclining Woman", "artist": "Gustave Courbet", "medium": "Oil on canvas", "classification": "Paintings",
      "dimensions": "73 1/2 × 73 1/2 in. (186.7 × 186.7 cm)"}, "It measures about 187 by 186 centimetres.",
     "unsupported"),
    ({"title": "Reclining Woman", "artist": "Gustave Courbet", "medium": "Oil on canvas", "classification": "Paintings",
      "dimensions": "73 1/2 × 73 1/2 in. (186.7 × 186.7 cm)"}, "It measures about 187 by 187 centimetres.",
     "supported"),
    ({"title": "The Pilgrim", "artist": "John Smith", "artist_bio": "British, (active United States)",
      "medium": "Oil on canvas", "classification": "Paintings"},
     "The museum describes the artist as British, (active United States).", "unsupported"),
]


# Met 544 (Five Men) and 452314 as the Met CSV in ../shared/data/met/ holds them (the seventeenth
# sample, seed 27, on the run trained again on the template writer of 315c1b9).
FIVE_MEN = {"title": "Five Men", "artist": "Albert George Lutterodt", "artist_bio": "Ghanaian, active from 1876",
            "date": "ca. 1880–85", "medium": "Albumen silver print from glass negative", "classification": "Photographs",
            "dimensions": "Height: 6 in. (15.2 cm); Width: 4 1/8 in. (10.5 cm)"}
ANTHOLOGY = {"title": "Page of Calligraphy from an Anthology of Poetry by Sa`di and Hafiz", "artist": "Sa'di",
             "artist_bio": "Iranian, Shiraz ca. 1213–1291 Shiraz", "date": "late 15th century",
             "medium": "Ink, opaque watercolor, silver, and gold on paper", "classification": "Codices"}
SABER = {"title": "Saber", "date": "1522–66", "medium": "Steel, gold, fish skin, wood", "classification": "Swords",
         "tags": ["Arabic"]}                                           # Met 24320
# Met 501911 as the Met CSV in ../shared/data/met/ holds it (the eighteenth sample, seed 28)
VIOL = {"title": "Treble Viol", "artist": "Cabroly", "artist_bio": "Italian (active France), Toulouse, France, active ca. "
        "1730–1749", "date": "1730", "medium": "Wood", "classification": "Chordophone-Lute-bowed-fretted", "tags": ["Heads"]}
SEVENTEENTH_SAMPLES = [
    (FIVE_MEN, "It measures about 15 by 15 centimetres.", "unsupported"),
    (FIVE_MEN, "It measures about 15 by 10.5 centimetres.", "supported"),
    (SABER, "Look for the fish.", "unsupported"),                      # fish skin is a material (family)
    (SABER, "Can you find it?", "unsupported"),                        # nothing named before it to find
]


@pytest.mark.parametrize("record, guide, struck", [
    (SABER, "This is Saber. It was made between 1522 and 1566. Can you find it?", [2]),
    # seed 28: "it" after a find of several
    (VIOL, "This is Treble Viol. Look for the marks of making: where the material was shaped, joined or finished. "
           "Can you find it?", [2]),
    (VIOL, "This is Treble Viol. Look for the heads. Can you find them?", []),
    (SABER, "This is Saber. Look for the gold. Can you find it?", [1]),         # gold: its material
    ({**SABER, "tags": ["Birds"]}, "This is Saber. Look for the birds. Can you find them?", []),
])
def test_a_find_of_it_needs_a_thing_named_before(record, guide, struck):
    """Seed 27's family guides asked "Can you find them?" after a date, with nothing named to find."""
    verdicts = check_sentences(guide, record, strict=True)
    assert [i for i, v in enumerate(verdicts) if v.verdict == "unsupported"] == struck, verdicts


# Met 194622 and 503530 as the Met CSV in ../shared/data/met/ holds them, Nationalmuseum 24209 as
# its LIDO file in ../shared/data/ holds it (the seventeenth sample, seed 27, in its four styles)
SECRETARY = {"title": "Drop-front secretary (Secrétaire en armoire)", "artist": "Jean Henri Riesener",
             "artist_bio": "French, Gladbeck, North Rhine-Westphalia 1734–1806 Paris", "date": "1783",
             "medium": "Oak veneered with ebony and 17th-century Japanese lacquer; interiors veneered with tulipwood, "
                       "amaranth, holly, and ebonized holly; gilt-bronze mounts; marble top; velvet (not original)",
             "classification": "Woodwork-Furniture"}
CLOCK = {"title": "Musical Clock with Spinet and Organ", "artist": "Veit Langenbucher", "artist_bio": "1587–1631",
         "date": "ca. 1625", "classification": "Chordophone",
         "medium": "Ebony, gliding, brass, silver gilt, gilt brass, iron, various wood and metals, wire, parchment and leather"}
WINDOWSILL = {"title": "Flowers on the Windowsill. From A Home (26 watercolours)", "artist": "Carl Larsson",
              "medium": "Watercolour", "classification": "Paintings", "dimensions": "32 x 43 cm"}
ANTHOLOGY_CLEANED = _cleaned(**ANTHOLOGY, artist_begin_year=1213, artist_end_year=1291, begin_year=1475, end_year=1499)
EIGHTEENTH_SAMPLES = [
    (SECRETARY, "The artist made it in 1783, working in oak veneered with ebony and 17th-century Japanese lacquer, "
                "interiors veneered with tulipwood, amaranth, holly, and ebonized holly, gilt-bronze mounts, marble top, "
                "velvet (not original).", "unsupported"),                # nine materials read out
    (SECRETARY, "Among its materials are oak veneered with ebony and 17th-century Japanese lacquer.", "supported"),
    (CLOCK, "The work was made around 1625, and the medium is ebony, gliding, brass, silver gilt and gilt brass, iron, "
            "various wood and metals, wire, parchment and leather.", "unsupported"),
    (CLOCK, "Among its materials are ebony and brass.", "supported"),
    (FIVE_MEN, "The work was made around 1880 to 1885, and the medium is albumen silver print from glass negative.",
     "unsupported"),
    (FIVE_MEN, "It is an albumen silver print from a glass negative.", "supported"),
    (WINDOWSILL, "Stop here for Flowers on the Windowsill. From A Home (26 watercolours) by Carl Larsson.", "unsupported"),
    (WINDOWSILL, "Stop here for Flowers on the Windowsill, from A Home by Carl Larsson.", "supported"),
    (ANTHOLOGY, "Take a moment with Page of Calligraphy from an Anthology of Poetry by Sa`di and Hafiz by Sa'di.",
     "unsupported"),                                                    # the maker said twice
    (ANTHOLOGY, "Take a moment with Page of Calligraphy from an Anthology of Poetry by Sa`di and Hafiz.", "supported"),
    (ANTHOLOGY_CLEANED, "The museum describes this Iranian artist as Iranian, Shiraz around 1213 to 1291 Shiraz.",
     "unsupported"),                                                    # a poet dead two centuries before the page
    (in_style(to_painting(ANTHOLOGY), "family"),
     "Talk together: if you could step inside this picture, what would you hear?", "unsupported"),  # no scene to step into
    (in_style(to_painting(ANTHOLOGY), "family"), "Talk together: what do you notice first, and why?", "viewing"),
]


# Met 206989, 652994 as the Met CSV in ../shared/data/met/ holds them, Nationalmuseum 22406
# and 18240 as its LIDO file in ../shared/data/ holds them (the eighteenth sample, seed 28, four styles)
COMMODE = {"title": "Commode à vantaux", "artist": "David Roentgen",
           "artist_bio": "German, Herrnhaag 1743–1807 Wiesbaden, master 1780", "date": "ca. 1775–79 with later alterations",
           "medium": "Oak, pine, walnut, mahogany, and cherry veneered with hornbeam (partially stained), tulipwood, "
                     "walnut, holly and maple (both partially stained), boxwood, mahogany, and other woods; red brocatelle "
                     "marble; gilt bronze; iron, steel, and brass", "classification": "Woodwork-Furniture"}
CLEVE = {"title": "Miss Agnes Cleve", "artist": "Carl Wilhelmson", "medium": "Oil on canvas", "classification": "Paintings",
         "notes": "Old fishing villages and their people were his subject matter, and the scenes in his paintings are "
                  "usually set in summer. Wilhelmson's paintings are characterised by a dry, unvarnished surface."}
FIREARMS = {"title": "Designs for the Decoration of Firearms", "artist": "Nicolas Noël Boutet",
            "date": "ca. 1797–1805", "medium": "Pencil, ink, gray wash on paper",
            "classification": "Works on Paper-Drawings", "tags": ["Ornament"]}
NINETEENTH_SAMPLES = [
    (COMMODE, "Made around 1775 to 1779 with later alterations, it is oak and pine.", "unsupported"),  # 2 of 16 as all
    (COMMODE, "It was made around 1775 to 1779, in oak, pine and walnut.", "unsupported"),
    (COMMODE, "Among its materials are oak and pine.", "supported"),
    (COMMODE, "The artist was born in Herrnhaag in 1743 and died in Wiesbaden, master in 1807.", "unsupported"),
    (COMMODE, "The artist was born in Herrnhaag in 1743 and died in Wiesbaden in 1807.", "supported"),
    (VIOL, "It is a wood instrument.", "unsupported"),                  # heard as a woodwind
    (VIOL, "The medium is wood.", "supported"),
    (CLEVE, "The medium is oil on canvas and the medium is described as oil on canvas.", "unsupported"),
    (CLEVE, "The medium is oil on canvas and its surface is dry, unvarnished surface.", "unsupported"),
    (CLEVE, "Painted in summer, it is oil on canvas.", "unsupported"),  # the notes: his scenes are usually set in summer
    (CLEVE, "The medium is oil on canvas.", "supported"),
    (in_style(to_painting(FIREARMS), "family"),
     "Talk together: if you could step inside this picture, what would you hear?", "unsupported"),  # ornament, no scene
    (in_style(to_painting({**FIREARMS, "tags": ["Men", "Horses"]}), "family"),
     "Talk together: if you could step inside this picture, what would you hear?", "viewing"),
]


# Met 23943, 446539, 337699, 204896 as the Met CSV in ../shared/data/met/ holds them, Nationalmuseum
# 22284 as its LIDO file in ../shared/data/ holds it (the nineteenth sample, seed 29, four styles)
FLINTLOCK = {"title": "Detached Flintlock alla Fiorentina", "artist": "Matteo Cecchi, called Acquafresca",
             "artist_prefix": "or", "artist_bio": "Italian, Bargi, 1651–1738", "date": "dated 1679", "medium": "Steel",
             "classification": "Firearms-Flintlocks"}
QURAN = {"title": "Qur'an of Ibrahim Sultan", "artist": "Ibrahim Sultan", "artist_bio": "Iranian, 1394–1435 Shiraz",
         "date": "dated A.H. 830/1427 CE", "medium": "Ink, opaque watercolor, and gold on paper; leather binding",
         "classification": "Codices", "tags": ["Arabic", "Flowers"]}
SUMMER_MORNING = {"title": "Summer Morning", "artist": "David Lucas", "date": "ca. 1830",
                  "medium": "Mezzotint; between states a and b, proof before letters", "classification": "Prints"}
TEAKETTLE = {"title": "Teakettle, lamp, and table", "artist": "Simon Pantin I", "date": "1724–25", "medium": "Silver, wood",
             "classification": "Metalwork-Silver", "dimensions": "Overall (stand, confirmed): 25 1/4 x 14 7/8 x 14 7/8 in. "
             "(64.1 x 37.8 x 37.8 cm);; Overall (kettle, confirmed): 15 1/4 x 10 x 7 1/2 in. (38.7 x 25.4 x 19.1 cm)"}
SQUIRREL = {"title": "White Squirrel in a Landscape", "artist": "David Klöcker Ehrenstrahl", "date": "1697",
            "medium": "Oil on canvas", "classification": "Paintings",
            "notes": "Thus not only royalty was eternalized by Ehrenstrahl's brush."}
TWENTIETH_SAMPLES = [
    (_cleaned(**FLINTLOCK), "Take a moment with Detached Flintlock alla Fiorentina, or Matteo Cecchi, called Acquafresca.",
     "unsupported"),                                                    # heard as the work's other name
    (_cleaned(**FLINTLOCK), "Take a moment with Detached Flintlock alla Fiorentina.", "supported"),
    (QURAN, "It was made between A.H. 830/1427 CE, in ink, opaque watercolor, and gold on paper.", "unsupported"),
    (QURAN, "It was made in 1427, in ink, opaque watercolor, and gold on paper.", "supported"),
    (QURAN, "Ask yourself where your eye enters the picture and where it comes to rest.", "unsupported"),
    (in_style(to_painting(QURAN), "family"),
     "Talk together: if you could step inside this picture, what would you hear?", "unsupported"),
    (SUMMER_MORNING, "The work was made around 1830, and the medium is mezzotint and between states a and b, "
                     "proof before letters.", "unsupported"),
    (SUMMER_MORNING, "It is a mezzotint.", "supported"),
    (TEAKETTLE, "It measures about 64 by 38 centimetres.", "unsupported"),  # the stand's size, said as the whole's
    (SQUIRREL, "Thus not only royalty was eternalized by Ehrenstrahl his brush.", "unsupported"),
    (SQUIRREL, "Thus not only royalty was eternalized by Ehrenstrahl's brush.", "supported"),
    (SQUIRREL, "In 1877-1877, he made numerous paintings.", "unsupported"),
]


STRUCK_BY_SAMPLE = {"third sample of other forms": THIRD_SAMPLE_OF_OTHER_FORMS, "fourth": FOURTH_SAMPLES,
                    "sixth": SIXTH_SAMPLE, "seventh": SEVENTH_SAMPLES, "eighth": EIGHTH_SAMPLES, "ninth": NINTH_SAMPLES,
                    "tenth": TENTH_SAMPLES, "eleventh": ELEVENTH_SAMPLES,
                    "twelfth": TWELFTH_SAMPLES, "thirteenth": THIRTEENTH_SAMPLES,
                    "fourteenth": FOURTEENTH_SAMPLES, "fifteenth": FIFTEENTH_SAMPLES,
                    "sixteenth": SIXTEENTH_SAMPLES, "seventeenth": SEVENTEENTH_SAMPLES,
                    "seventeenth, rules of 672628d": EIGHTEENTH_SAMPLES, "eighteenth": NINETEENTH_SAMPLES,
                    "nineteenth": TWENTIETH_SAMPLES}
"""What the blind annotators struck in each fresh sample, with the sentences said well beside them."""


@pytest.mark.parametrize("record, sentence, verdict", [
    pytest.param(*row, id=f"{sample}-{n}") for sample, rows in STRUCK_BY_SAMPLE.items() for n, row in enumerate(rows)])
def test_struck_sentences_of_the_blind_samples(record, sentence, verdict):
    """Each row: a sentence the blind annotators struck, or its fix they would sign, as the checker judges it."""
    [found] = check_sentences(sentence, record, strict=True)
    assert found.verdict == verdict, found.reason


@pytest.mark.parametrize("record, guide, struck", [
    (SETTEE, "This is Settee by John Mayhew. The artist was born in 1736 and died in 1811. "
             "The work was made between 1769 and 1771. The artist lived from 1736 to 1811.", 3),
    (SETTEE, "This is Settee by John Mayhew. The work was made between 1769 and 1771. "
             "The medium is gilded fruitwood. The museum dates it 1769 to 1771.", 3),
    (SETTEE, "This is Settee by John Mayhew. The artist was born in 1736. The artist died in 1811.", None),
    (SETTEE, "This is Settee by John Mayhew. This British artist lived from 1736 to 1811. The artist was British.", 2),
])
def test_a_strict_guide_states_a_life_and_a_date_once(record, guide, struck):
    """Seeds 22 and 24: both blind annotators struck every life, date or nationality a guide said
    a second time."""
    verdicts = check_sentences(guide, record, strict=True)
    again = [i for i, v in enumerate(verdicts) if v.reason and "a second time" in v.reason]
    assert again == ([struck] if struck is not None else [])
    assert all(v.verdict != "unsupported" for i, v in enumerate(verdicts) if i not in again)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("record, unsaid, said", [
    ({**SORROWS, "dimensions": "Overall: 65 x 70 in. (165.1 x 177.8 cm)"}, "Fresco", None),
    (BOSCOTRECASE, "dates it last decade", None),
    ({"title": "Cup-Hilted Rapier", "artist": "Carlo Piccinino", "date": "ca. 1650–75", "medium": "Steel, iron",
      "classification": "Swords", "dimensions": "L. 44 in. (111.8 cm); W. 12 1/16 in. (30.6 cm); Wt. 2 lb. 5 oz. (1048.9 g)"},
     "1 kilograms", "steel and iron"),
    ({"title": "Wall painting on black ground", "culture": "Roman, Pompeian", "date": "ca. 10 BCE",
      "medium": "Fresco", "classification": "Paintings"}, "Roman, Pompeian", None),
    ({"title": "The Mater Dolorosa", "artist": "Circle of Peter Hemmel von Andlau (Strassburger Werkstattgemeinschaft)",
      "date": "ca. 1480", "medium": "Pot-metal glass", "classification": "Glass-Stained"},
     "Werkstattgemeinschaft", "from the circle of Peter Hemmel von Andlau"),
    ({"title": "Crucifix", "artist": "Follower of the Master of Rimini", "date": "ca. 1430",
      "medium": "Alabaster", "classification": "Sculpture"}, "Crucifix, follower of", "by a follower of the Master of Rimini"),
    ({"title": "Buddha of Medicine Bhaishajyaguru (Yaoshi fo)", "culture": "China", "date": "ca. 1319",
      "medium": "Water-based pigment over foundation of clay mixed with straw", "classification": "Paintings",
      "dimensions": "H. 24 ft. 8 in. (751.8 cm); W. 49 ft. 7 in. (1511.3 cm)"}, "centimetres", "7.5 by 15.1 metres"),
])
def test_the_template_writer_says_the_twelfth_samples_records_aloud(seed, record, unsaid, said):
    """What both blind annotators of seed 22 struck in the template writer's sentences, fixed: a
    medium's catalogue capital and bare list, a date phrase without its article, "1 kilograms", a
    culture line, a circle's attribution as a name, a mural's size in centimetres; and the
    publishing checker passes what it says instead."""
    painting = to_painting(record)
    script = TemplateWriter(seed=seed).write(painting)
    assert unsaid not in script and (said is None or said in script), script
    assert all(v.verdict != "unsupported" for v in check_sentences(script, painting, strict=True)), script



@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("record, unsaid", [
    (LUPONA, "Hemba, ca."),
    (EPINETTE, "7.2 by 2.9"),
    (KITANO, "689"),
    (CUBICULUM, "2.7 by 3.3"),
])
def test_the_template_writer_says_the_fifteenth_samples_records_aloud(seed, record, unsaid):
    """What both blind annotators of seed 25 struck in the template writer's sentences: the maker
    line's bracket of dates, a zither's width and depth without its length, one scroll's size for a
    set of five (and a room's two axes of three); and the publishing checker passes what it says."""
    painting = to_painting(record)
    script = TemplateWriter(seed=seed).write(painting)
    assert unsaid not in script, script
    assert all(v.verdict != "unsupported" for v in check_sentences(script, painting, strict=True)), script


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("record, unsaid, said", [
    (BALAFON, "by Dogon artist", "by a Dogon artist"),
    (MARIWAI, "The artist made it", None),
    (SHARAFNAMA, "1141", None),
    (WHITE_ELEPHANT, "undated", None),
    (CIVIL_WAR, "[published", None),
    (HUNDRED_BOYS, "282", "a pair of six-panel folding screens"),
    ({"title": "Hiawatha", "artist": "Augustus Saint-Gaudens", "date": "1871–72, carved 1874", "medium": "Marble",
      "classification": "Sculpture"}, "carved 1874.", "carved in 1874"),
    ({"title": "Christ Crucified between the Two Thieves: The Three Crosses", "artist": "Rembrandt (Rembrandt van Rijn)",
      "date": "1653", "medium": "Drypoint", "classification": "Prints"}, "(Rembrandt van Rijn)", "by Rembrandt"),
    (ANTHOLOGY, "by Sa'di", "by Sa`di and Hafiz"),                  # seed 27: the maker said twice
    (SECRETARY, "velvet", "Among its materials are oak veneered with ebony and 17th-century Japanese lacquer."),
    (FIVE_MEN, "print from glass", "It is an albumen silver print from a glass negative."),
    (WINDOWSILL, "(26 watercolours)", "Flowers on the Windowsill, from A Home by Carl Larsson."),
    (_cleaned(**FLINTLOCK), ", or Matteo", "Detached Flintlock alla Fiorentina."),  # seed 29
    (SUMMER_MORNING, "between states", "the medium is mezzotint"),
    (TEAKETTLE, "64 by 38", None),
])
def test_the_template_writer_says_the_sixteenth_samples_records_aloud(seed, record, unsaid, said):
    """What the blind annotators of seed 26 struck in the template writer's sentences: "by Dogon
    artist", "the artist" of a workshop, the life of a poet dead before the page was made, "dates it
    to undated", a date's bracket, a pair of screens said "in pair of" and measured as one, a date's
    event read out, the maker's other name in brackets; and the publishing checker passes the rest."""
    painting = to_painting(record)
    script = TemplateWriter(seed=seed).write(painting)
    assert unsaid not in script and (said is None or said in script), script
    assert all(v.verdict != "unsupported" for v in check_sentences(script, painting, strict=True)), script
