"""Cleaning rules, table-driven, on the quirks of the real Met records (fixtures/README.md)."""

from __future__ import annotations

import pytest

from museumguide.records import clean
from museumguide.records.dimensions import longest_left_out, measured_in_parts, parse_dimensions_cm
from museumguide.sources.metcsv import iter_csv_records
from tests.conftest import FIXTURES


@pytest.mark.parametrize("raw, expected", [
    # HTML entities as the API sends them in constituent names (record 451023).
    ("Painting by Riza-yi &#39;Abbasi", "Painting by Riza-yi 'Abbasi"),
    ("George A. Schastey &amp; Co.", "George A. Schastey & Co."),
    ("Georgia O&amp;#39;Keeffe", "Georgia O'Keeffe"),  # double-escaped
    # Mojibake: UTF-8 read as Windows-1252.
    ("Ã‰douard Manet", "Édouard Manet"),
    ("  Oil on   canvas \r\n", "Oil on canvas"),
    ("Paris\u00a0 1713", "Paris 1713"),
    ("", None),
    (None, None),
    ("   ", None),
    # Italics marked inside a Met CSV title (Met 24014; seed 26: the markup read out was struck).
    ("Helmet (<i>Zukinnari Kabuto</i>)", "Helmet (Zukinnari Kabuto)"),
    ("Plate 3 <I>Lyre</I><br/>", "Plate 3 Lyre"),
    ("H. 5 < 7 cm", "H. 5 < 7 cm"),                                    # a bare "<" is no markup
])
def test_fix_text(raw, expected):
    assert clean.fix_text(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # Record 451023: per-element lines with \r\n and runs of spaces.
    ("Painting: H. 6 7/8 in. (17.5 cm)\r\n                W. 4 3/8 in. (11.1 cm)\r\nPage: H. 7 1/2 in. (19.1 cm)",
     "Painting: H. 6 7/8 in. (17.5 cm); W. 4 3/8 in. (11.1 cm); Page: H. 7 1/2 in. (19.1 cm)"),
    ("42 1/2 x 35 1/16 in. (108 x 89 cm)", "42 1/2 x 35 1/16 in. (108 x 89 cm)"),
    ("\r\n", None),
])
def test_fix_multiline(raw, expected):
    assert clean.fix_multiline(raw) == expected


@pytest.mark.parametrize("text, expected", [
    ("42 1/2 x 35 1/16 in. (108 x 89 cm)", (108.0, 89.0)),
    ("Overall (shaped top): 70 5/8 × 51 3/4 in. (179.4 × 131.4 cm)", (179.4, 131.4)),
    ("Painting: H. 6 7/8 in. (17.5 cm); W. 4 3/8 in. (11.1 cm); Page: H. 7 1/2 in. (19.1 cm)", (17.5, 11.1)),
    ("12 x 165 ft. (3.6 x 49.5 m)", (360.0, 4950.0)),
    ("128.9 x 169.5 cm (50 3/4 x 66 3/4 in.)", (128.9, 169.5)),
    ("Image: 250 × 300 mm", (25.0, 30.0)),
    ("Overall 4 5/8 x 3 3/8 in. ; recto, painted surface 4 1/8 x 3 1/8 in.", (11.7, 8.6)),
    # The painting's own size beside its framed size (Met 458998, 483000, 458961; AIC 68823).
    ("Framed: 44 1/2 × 56 1/8 × 2 3/4 in. (113 × 142.6 × 7 cm); without frame: 42 1/2 × 53 7/8 in. "
     "(108 × 136.8 cm)", (108.0, 136.8)),
    ("Painting+Artist frame: 42 in. × 54 1/4 in. (106.7 × 137.8 cm); Painting (without artist frame): "
     "35 1/2 × 47 7/8 in. (90.2 × 121.6 cm)", (90.2, 121.6)),
    ("Overall, with engaged frame, 20 x 12 7/8 in. (50.8 x 32.7 cm); painted surface 17 5/8 x 10 1/2 in. "
     "(44.8 x 26.7 cm)", (44.8, 26.7)),
    ("Framed: 254.6 × 204.5 cm (100 1/4 × 80 9/16 in.); 254.7 × 204.5 cm (100 1/4 × 80 1/2 in.)", (254.7, 204.5)),
    ("51 3/4 x 78 in. (131.4 x 198.1 cm); framed: 60 x 86 1/2 x 4 in.", (131.4, 198.1)),
    ("Central panel, with engaged frame, 46 x 32 in. (117.5 x 81.3 cm); each wing, with engaged frame, "
     "47 x 14 in. (120.7 x 35.6 cm)", (117.5, 81.3)),  # framed throughout: the first
    ("40 in. (101.6 cm)", (None, None)),  # one figure: a diameter or a side, not a box
    ("Overall, with engaged frame, diameter 36 1/2 in. (92.7 cm)", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_parse_dimensions_cm(text, expected):
    assert parse_dimensions_cm(text) == expected


@pytest.mark.parametrize("value, expected", [
    (1665, 1665), (-2600, -2600), ("1540", 1540), ("1780      ", 1780), ("", None),
    (None, None), ("ca. 1600", None), (True, None),
])
def test_parse_year(value, expected):
    assert clean.parse_year(value) == expected


@pytest.mark.parametrize("tags, expected", [
    (None, []),  # JSON null in 104 real records
    ([], []),
    ([{"term": "Couples"}, {"term": "Men"}, {"term": "Men"}], ["Couples", "Men"]),
    ([{"term": "Saint John the Baptist", "AAT_URL": "x"}], ["Saint John the Baptist"]),
])
def test_tag_terms(tags, expected):
    assert clean.tag_terms(tags) == expected


@pytest.mark.parametrize("record, wanted, expected", [
    ({"classification": "Paintings"}, "Paintings", True),
    ({"classification": "Paintings-Panels"}, "Paintings", True),  # The Cloisters
    ({"classification": "Drawings"}, "Paintings", False),
    ({"classification": "", "objectName": "Painting"}, "Paintings", True),  # The American Wing
    ({"classification": "", "objectName": "Painting, miniature"}, "Paintings", True),
    ({"classification": "", "objectName": "Quilt"}, "Paintings", False),
    ({"classification": "Codices"}, "codices", True),
    ({"classification": "Vases"}, "all", True),
])
def test_matches_classification(record, wanted, expected):
    assert clean.matches_classification(record, wanted) is expected


def _record(**overrides):
    base = {
        "objectID": 436105, "title": "The Death of Socrates", "artistDisplayName": "Jacques Louis David",
        "culture": "", "objectDate": "1787", "medium": "Oil on canvas",
        "dimensions": "51 x 77 1/4 in. (129.5 x 196.2 cm)", "classification": "Paintings",
        "tags": None, "primaryImage": "", "artistBeginDate": "1748", "artistEndDate": "1825",
        "objectBeginDate": 1787, "objectEndDate": 1787,
    }
    return {**base, **overrides}


@pytest.mark.parametrize("overrides, reason", [
    ({}, None),
    ({"title": ""}, "missing title"),
    # Every object with a title and something more is kept: what is missing is left unsaid.
    ({"medium": "  "}, None),
    ({"objectDate": ""}, None),
    ({"dimensions": "\r\n"}, None),
    ({"artistDisplayName": "", "culture": ""}, None),
    ({"artistDisplayName": "", "culture": "Japan"}, None),
    ({"artistDisplayName": "", "culture": "", "objectDate": "", "medium": ""}, clean.DROP_NOTHING),
])
def test_drop_reasons(overrides, reason):
    assert clean.drop_reason(clean.clean_record(_record(**overrides))) == reason


def test_clean_record_schema():
    painting = clean.clean_record(_record())
    assert tuple(painting) == clean.SCHEMA_FIELDS
    assert painting["tags"] == [] and painting["image_url"] is None
    assert (painting["artist_begin_year"], painting["artist_end_year"]) == (1748, 1825)
    assert (painting["height_cm"], painting["width_cm"]) == (129.5, 196.2)


def test_dedupe_keeps_newest_and_counts_drops():
    records = [_record(title="Old title"), _record(objectID=1, classification="Vases"),
               _record(title="New title"), _record(objectID=2, title="")]
    result = clean.clean_records(records, classification="Paintings")  # the paintings-only choice
    assert [p["title"] for p in result.paintings] == ["New title"]
    assert result.dropped == {clean.DROP_DUPLICATE: 1, clean.DROP_NOT_CLASSIFICATION: 1, "missing title": 1}
    everything = clean.clean_records(records)  # by default every object with a title is kept
    assert [(p["object_id"], p["form"]) for p in everything.paintings] == [(1, "ceramic"), (436105, "painting")]
    assert result.seen == 4


def test_all_bundled_records(all_met_records):
    result = clean.clean_records(all_met_records)
    assert len(result.paintings) + sum(result.dropped.values()) == len(all_met_records)
    kept = result.paintings
    assert len(kept) == len(all_met_records), "every bundled record has a title and more: all are kept"
    assert {p["form"] for p in kept} >= {"painting", "drawing", "sculpture", "print", "photograph", "ceramic",
                                         "furniture", "instrument", "arms", "textile", "glass", "manuscript"}
    text_fields = [k for k in clean.SCHEMA_FIELDS if k not in ("tags",)]
    for p in kept:
        for key in text_fields:
            value = p[key]
            if isinstance(value, str):
                assert "&#" not in value and "&amp;" not in value and "\r" not in value, (p["object_id"], key)
                assert value == value.strip() and "  " not in value, (p["object_id"], key)
        assert isinstance(p["tags"], list)
    # The dimension parser finds a height and width for nearly every painting.
    paintings = [p for p in kept if p["form"] == "painting"]
    parsed = sum(1 for p in paintings if p["height_cm"] and p["width_cm"])
    assert len(paintings) > 400 and parsed / len(paintings) > 0.98


def test_csv_rows_match_api_shape():
    records = list(iter_csv_records(FIXTURES / "metobjects_113.csv"))
    multi = next(r for r in records if len(r["constituents"] or []) > 1)
    assert "|" not in multi["artistDisplayName"] and "|" not in multi["artistBeginDate"]
    assert multi["artistDisplayName"] == multi["constituents"][0]["name"]
    tagged = next(r for r in records if r["tags"])
    assert all("|" not in t["term"] for t in tagged["tags"])
    painting = clean.clean_records(records).paintings[0]
    assert tuple(painting) == clean.SCHEMA_FIELDS


@pytest.mark.parametrize("title, spoken", [
    ("元 廣勝寺 藥師佛法會圖壁畫|Buddha of Medicine Bhaishajyaguru (Yaoshi fo)", "Buddha of Medicine Bhaishajyaguru (Yaoshi fo)"),
    ("Armrest", "Armrest"),
    ("Plate 3 | Plate 4", "Plate 3"),
])
def test_a_title_in_two_scripts_is_said_in_latin_letters(title, spoken):
    """Seed 22: the Met's title line in Chinese and English, read out whole, was struck."""
    from museumguide.records.clean import spoken_title

    assert spoken_title(title) == spoken


# Dimensions as the Met CSV in ../shared/data/met/ holds them (Met 505254, 247017, 314034, 45428, 671042).
@pytest.mark.parametrize("dimensions, longest", [
    ("W. 2 13/16 x D. 1 1/8 x L. 20 11/16 in. (7.2 x 2.9 x 52.6 cm); Sounding Length: 15 15/16 in. (40.5 cm)", 52.6),
    ("8 ft. 8 1/2 in. × 10 ft. 11 1/2 in. × 19 ft. 1 7/8 in. (265.4 × 334 × 583.9 cm)", 583.9),
    ("H. 24 × W. 11 × D. 11 in. (61 × 27.9 × 27.9 cm)", None),      # its height is its longest side
    ("23 x 18 x 2 cm", None),
    ("108 x 89 cm", None),
    (None, None),
])
def test_the_longest_axis_a_height_and_width_leave_out(dimensions, longest):
    assert longest_left_out(dimensions) == longest


@pytest.mark.parametrize("dimensions, parts", [
    ("a: 11 5/16 in. × 22 ft. 7 7/16 in. (28.8 × 689.4 cm); b: 11 5/16 in. × 25 ft. 3/8 in. (28.8 × 763 cm)", True),
    ("Image: 24 5/8 × 16 1/16 in. (62.6 × 40.8 cm); Overall with mounting: 68 1/2 × 21 9/16 in. (174 × 54.7 cm)", False),
    ("H. 24 × W. 11 × D. 11 in. (61 × 27.9 × 27.9 cm)", False),
    ("a: H. 4 in. (10.2 cm)", False),                                  # one lettered part is no set
    ("Image (each screen): 44 7/8 in. × 9 ft. 3 in. (114 × 282 cm)", True),   # Met 75372, a pair of screens
    # Met 204896 (seed 29): a kettle and its stand, each measured; Met 231667: two panels
    ("Overall (stand, confirmed): 25 1/4 x 14 7/8 x 14 7/8 in. (64.1 x 37.8 x 37.8 cm);; Overall (kettle, confirmed): "
     "15 1/4 x 10 x 7 1/2 in. (38.7 x 25.4 x 19.1 cm)", True),
    ("Overall (Panel A): 105 1/2 x 29 in. (268 x 73.7 cm); Overall (Panel B): 114 3/4 x 26 1/4 in. (291.5 x 66.7 cm)", True),
    # Met 44858: the whole measured first, then its panels: the first is the work's size
    ("Overall (of all four panels): 68 3/4 x 191 1/8 in. (174.6 x 485.5 cm); Overall (a): 68 3/8 x 47 5/8 in. "
     "(173.7 x 121 cm); Overall (b): 68 3/8 x 48 3/4 in. (173.7 x 123.8 cm)", False),
    ("Overall (with frame): 30 x 40 in. (76.2 x 101.6 cm); Overall (without frame): 20 x 30 in. (50.8 x 76.2 cm)", False),
])
def test_dimensions_measured_in_lettered_parts(dimensions, parts):
    assert measured_in_parts(dimensions) is parts
