"""Art Institute of Chicago records onto the shared schema: real API records from
tests/fixtures/aic_paintings_60.jsonl (see fixtures/README.md), table-driven quirks."""

from __future__ import annotations

import pytest

from museumguide.records import aic, clean


@pytest.mark.parametrize("display, name, bio", [
    ("Grant Wood\nAmerican, 1891–1942", "Grant Wood", "American, 1891–1942"),
    ("Diego Rivera (Mexican, 1886–1957)", "Diego Rivera", "Mexican, 1886–1957"),
    ("Francis Bacon\nEnglish, born Ireland, 1909–1992", "Francis Bacon", "English, born Ireland, 1909–1992"),
    ("Workshop of Somebody", "Workshop of Somebody", None),
    ("", None, None),
])
def test_split_artist_both_shapes(display, name, bio):
    assert aic.split_artist(display) == (name, bio)


@pytest.mark.parametrize("display, fields", [
    # Issue 33: a place, a culture or a period in the maker's line is never the artist; a hedged
    # maker in another line is ("attributed to Ghasi"). The displays are shaped as the AIC writes them.
    ("India, Rajasthan, Udaipur\nAttributed to Ghasi",
     {"artist": "Ghasi", "artist_prefix": "Attributed to", "culture": "India, Rajasthan, Udaipur", "period": None}),
    ("Roman\nRoman Period", {"artist": None, "culture": "Roman", "period": "Roman Period"}),
    ("China\nNorthern Song dynasty (960–1127)",
     {"artist": None, "culture": "China", "period": "Northern Song dynasty (960–1127)", "artist_bio": None}),
    ("Attributed to Ghasi\nIndian, active 1820s", {"artist": "Ghasi", "artist_prefix": "Attributed to",
                                                   "artist_bio": "Indian, active 1820s"}),
    ("Grant Wood\nAmerican, 1891–1942", {"artist": "Grant Wood", "artist_prefix": None, "culture": None}),
    ("Workshop of Somebody", {"artist": "Somebody", "artist_prefix": "Workshop of"}),
    # a person in the first line stays the artist; a named maker after a place is the artist
    ("Peter Paul Rubens\nFlemish, 1577-1640\nAfter Titian", {"artist": "Peter Paul Rubens", "artist_prefix": None}),
    ("Japan\nKatsushika Hokusai (Japanese, 1760-1849)",
     {"artist": "Katsushika Hokusai", "culture": "Japan", "artist_bio": "Japanese, 1760-1849"}),
])
def test_maker_or_place(display, fields):
    got = aic.maker_or_place(*aic.split_artist(display))
    assert {k: got[k] for k in fields} == fields


def test_a_place_as_maker_is_cleaned_to_a_culture(aic_records):
    raw = dict(next(r for r in aic_records if r["id"] == 6565), artist_display="India, Rajasthan, Udaipur\nAttributed to Ghasi")
    painting = aic.clean_aic_record(raw)
    assert (painting["artist"], painting["artist_prefix"], painting["culture"]) == \
        ("Ghasi", "Attributed to", "India, Rajasthan, Udaipur")


@pytest.mark.parametrize("bio, parts", [
    ("American, 1891–1942", ("American", 1891, 1942)),
    ("English, born Ireland, 1909–1992", ("English", 1909, 1992)),
    ("French, 1819-1877", ("French", 1819, 1877)),
    ("Born Moscow (formerly Russian Empire, now Russia), 1866; died Neuilly-sur-Seine, France, 1944", (None, 1866, 1944)),
    ("Japanese", ("Japanese", None, None)),
    (None, (None, None, None)),
])
def test_bio_parts(bio, parts):
    assert aic.bio_parts(bio) == parts


def test_fixture_records_clean(aic_records):
    result = aic.clean_aic_records(aic_records)
    assert result.seen == 60 and len(result.paintings) == 60 and not result.dropped
    no_size = [p for p in result.paintings if not p["dimensions"]]
    assert len(no_size) == 1 and no_size[0]["height_cm"] is None, "kept without a size, which goes unsaid"
    assert {p["form"] for p in result.paintings} == {"painting"}
    for p in result.paintings:
        assert set(p) == set(clean.SCHEMA_FIELDS)
        assert p["source"] == "aic" and p["key"] == f"aic-{p['object_id']}"
        assert p["notes"] and p["notes_license"] == "CC BY 4.0"
        assert p["notes_attribution"] == "the Art Institute of Chicago"
        assert p["object_url"] == f"https://www.artic.edu/artworks/{p['object_id']}"


def test_american_gothic(aic_paintings):
    gothic = next(p for p in aic_paintings if p["title"] == "American Gothic")
    assert (gothic["artist"], gothic["artist_nationality"], gothic["artist_begin_year"]) == ("Grant Wood", "American", 1891)
    assert (gothic["date"], gothic["begin_year"], gothic["medium"]) == ("1930", 1930, "Oil on Beaver Board")
    assert (gothic["height_cm"], gothic["width_cm"]) == (78.0, 65.3)  # centimetres first in the AIC's text
    assert gothic["notes"].startswith("In American Gothic, Grant Wood directly evoked")
    assert "farm life" in gothic["tags"] and "world's fairs" not in gothic["tags"]


@pytest.mark.parametrize("titles, terms", [
    (["blue (color)", "everyday life (genre)", "boats"], ["blue", "everyday life", "boats"]),
    (["Century of Progress", "world's fairs", "Chicago World's Fairs", "portraits"], ["portraits"]),
    (None, []),
])
def test_subject_terms(titles, terms):
    assert aic.subject_terms(titles) == terms


def test_unknown_artist_becomes_a_culture(aic_paintings):
    unknown = [p for p in aic_paintings if p["artist"] is None]
    assert unknown and all(p["culture"] == "Japanese" for p in unknown)


def test_keys_never_collide_across_museums(aic_records, met_records):
    met = clean.clean_records(met_records).paintings
    chicago = aic.clean_aic_records(aic_records).paintings
    # A Met record given an AIC painting's number still gets its own key.
    kept = next(r for r in met_records if r["objectID"] == met[0]["object_id"])
    twin = clean.clean_records([dict(kept, objectID=chicago[0]["object_id"])]).paintings
    assert twin and twin[0]["key"] == f"met-{chicago[0]['object_id']}"
    both = met + twin + chicago
    assert len({p["key"] for p in both}) == len(both)
    assert len({p["object_id"] for p in both}) < len(both)


def test_complete_fills_fields_of_older_files(met_records):
    old = {k: v for k, v in clean.clean_record(met_records[0]).items() if k in clean.CORE_FIELDS}
    done = clean.complete(old)
    assert list(done) == list(clean.SCHEMA_FIELDS)
    assert done["source"] == "met" and done["key"] == f"met-{old['object_id']}" and done["notes"] is None


@pytest.mark.parametrize("kind, wanted, keep", [
    ("Painting", "Paintings", True), ("Painting", "all", True), ("Print", "Paintings", False),
])
def test_classification(kind, wanted, keep):
    assert aic.matches_classification({"artwork_type_title": kind}, wanted) is keep


@pytest.mark.parametrize("image_id, large, small", [
    # The AIC's IIIF Image API, as its documentation builds URLs: identifier, full region, width 843
    # (the size it caches) or a thumbnail's width, rotation 0, default.jpg.
    ("2d484387-2509-5e8e-2c43-22f9981972eb",
     "https://www.artic.edu/iiif/2/2d484387-2509-5e8e-2c43-22f9981972eb/full/843,/0/default.jpg",
     "https://www.artic.edu/iiif/2/2d484387-2509-5e8e-2c43-22f9981972eb/full/200,/0/default.jpg"),
    (None, None, None),   # the shared records were fetched without image_id: the page says "no image"
    ("", None, None),
])
def test_image_urls_from_image_id(aic_records, image_id, large, small):
    raw = dict(aic_records[0], image_id=image_id)
    painting = aic.clean_aic_record(raw)
    assert (painting["image_url"], painting["image_small_url"]) == (large, small)


def test_collector_asks_for_image_id():
    # test_aicapi checks on loopback that every request carries exactly AIC_FIELDS.
    assert "image_id" in aic.AIC_FIELDS
