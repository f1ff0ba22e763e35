"""Record lines as a guide hears them (museumguide.records.aloud): the materials of a medium line,
a series title without its count, a maker the title names. Lines are the Met's, the Art Institute
of Chicago's and Nationalmuseum's as their records in ../shared/data/ hold them (object numbers
beside each)."""

from __future__ import annotations

import pytest

from museumguide.records.aloud import LONG_LIST, maker_in_title, maker_said_twice, medium_items, title_aloud


@pytest.mark.parametrize("medium, items", [
    ("Oil on canvas", ["Oil on canvas"]),
    ("Steel, iron", ["Steel", "iron"]),                                               # Met 27255
    ("Ink, opaque watercolor, silver, and gold on paper", ["Ink", "opaque watercolor", "silver", "gold on paper"]),
    # an "and" inside a phrase is no list's (Met 337494)
    ("Silverpoint, partly reworked by the artist with pen and dark brown ink on pink prepared paper",
     ["Silverpoint", "partly reworked by the artist with pen and dark brown ink on pink prepared paper"]),
    # the last item's "and" is the list's (Met 503530); brackets are the cataloguer's (Met 194622)
    ("Ebony, gliding, brass, silver gilt, gilt brass, iron, various wood and metals, wire, parchment and leather",
     ["Ebony", "gliding", "brass", "silver gilt", "gilt brass", "iron", "various wood and metals", "wire",
      "parchment", "leather"]),
    ("Oak veneered with ebony and 17th-century Japanese lacquer; interiors veneered with tulipwood, amaranth, holly, "
     "and ebonized holly; gilt-bronze mounts; marble top; velvet (not original)",
     ["Oak veneered with ebony and 17th-century Japanese lacquer", "interiors veneered with tulipwood", "amaranth",
      "holly", "ebonized holly", "gilt-bronze mounts", "marble top", "velvet"]),
    (None, []),
])
def test_medium_items(medium, items):
    assert medium_items(medium) == items


def test_a_long_list_is_one_a_listener_cannot_follow():
    assert len(medium_items("Ink, opaque watercolor, silver, and gold on paper")) < LONG_LIST
    assert len(medium_items("Ebony, gliding, brass, silver gilt, gilt brass, iron")) >= LONG_LIST


@pytest.mark.parametrize("title, said", [
    # Nationalmuseum 24209: the series after a full stop, its count of parts left out
    ("Flowers on the Windowsill. From A Home (26 watercolours)", "Flowers on the Windowsill, from A Home"),
    ("Blommor på fönsterbänken. Ur Ett hem (26 akvareller)", "Blommor på fönsterbänken, ur Ett hem"),
    ("House of Cards (5 Panes)", "House of Cards (5 Panes)"),                         # Met 816148: the title's own
    ("Mrs. John Winthrop", "Mrs. John Winthrop"),                                     # Met 10531: an abbreviation
    ("Testing Eggs. Interior of a Kitchen", "Testing Eggs. Interior of a Kitchen"),   # Nationalmuseum: no series
    ("The Harvesters.", "The Harvesters"),
])
def test_title_aloud(title, said):
    assert title_aloud(title) == said


ANTHOLOGY = {"title": "Page of Calligraphy from an Anthology of Poetry by Sa`di and Hafiz", "artist": "Sa'di"}  # Met 446175


@pytest.mark.parametrize("painting, named", [
    (ANTHOLOGY, True),                                   # a backtick and an apostrophe are one name aloud
    ({"title": "Portrait by Candlelight", "artist": "Sa'di"}, False),
    ({"title": "The Harvesters", "artist": "Pieter Bruegel the Elder"}, False),
    ({"title": "A Song by Hafiz", "artist": None}, False),
])
def test_maker_in_title(painting, named):
    assert maker_in_title(painting) is named


@pytest.mark.parametrize("text, twice", [
    ("Take a moment with Page of Calligraphy from an Anthology of Poetry by Sa`di and Hafiz by Sa'di.", True),
    ("Take a moment with Page of Calligraphy from an Anthology of Poetry by Sa`di and Hafiz.", False),
])
def test_maker_said_twice(text, twice):
    assert maker_said_twice(text, ANTHOLOGY) is twice
