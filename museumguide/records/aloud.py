"""Record lines as a guide hears them: a medium's materials as the catalogue lists them, a title
without its catalogue asides, a title's maker. The template writer and the checker both read a
record through these, so the one says only what the other accepts.

    from museumguide.records.aloud import medium_items, maker_in_title, title_aloud
    title_aloud("Flowers on the Windowsill. From A Home (26 watercolours)")
    # 'Flowers on the Windowsill, from A Home'
    medium_items("Ebony, brass, silver gilt; marble top; velvet (not original)")
    # ['Ebony', 'brass', 'silver gilt', 'marble top', 'velvet']
    maker_in_title({"artist": "Sa'di", "title": "Anthology of Poetry by Sa`di and Hafiz"})  # True
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from museumguide.common.text import fold

LONG_LIST = 6
"""A medium of this many materials or more is too long a list to hear: read out whole ("oak
veneered with ebony ...; interiors veneered with tulipwood, amaranth, holly, and ebonized holly;
gilt-bronze mounts; marble top; velvet (not original)"), both blind annotators of seed 27 struck
it in every style; the template writer names its first materials instead."""


def medium_items(medium: str | None) -> list[str]:
    """The materials of a medium line, split where the catalogue lists (commas, semicolons, the
    last item's "and"), without the cataloguer's brackets ("(not original)", "(ebony, fruitwood)").
    An "and" inside a phrase is no list's: "Silverpoint, partly reworked by the artist with pen and
    dark brown ink on pink prepared paper" is two items, not six."""
    text = re.sub(r"\s*\([^()]*\)", "", medium or "").strip().rstrip(".")
    items = [re.sub(r"^and\s+", "", item.strip()) for item in re.split(r"[;,]", text) if item.strip()]
    if len(items) > 1 and not re.search(r"\b(?:on|with|over|by)\b", items[-1]):
        items[-1:] = [x.strip() for x in items[-1].split(" and ") if x.strip()]
    return items


SERIES = re.compile(r"\. ([Ff]rom|[Uu]r|[Aa]us|[Dd]e) ([^.]+?)(\s*\(\d+ [^\W\d_][^()]*\))?$")
"""A title that names its series after a full stop, with the catalogue's count of the series'
parts ("Flowers on the Windowsill. From A Home (26 watercolours)"). A count that is the title's
own ("House of Cards (5 Panes)") is no series' and stays."""


def title_aloud(title: str) -> str:
    """A title as a guide says it: "Flowers on the Windowsill. From A Home (26 watercolours)" ->
    "Flowers on the Windowsill, from A Home". Read as stored it was struck by blind annotators of
    seeds 26 and 27 in every style (the count in brackets, and "From A Home" heard as a sentence)."""
    said = title.strip().rstrip(". ")
    return SERIES.sub(lambda m: f", {m.group(1).lower()} {m.group(2)}", said)


def _spoken_name(text: str) -> str:
    """A name as a listener hears it: folded, brackets, apostrophes and backticks left out."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w ]", "", fold(re.sub(r"\s*\(.*?\)", "", text)))).strip()


def maker_in_title(painting: Mapping[str, Any]) -> bool:
    """Whether the title already says who made it ("Page ... of Poetry by Sa`di and Hafiz" of the
    artist "Sa'di"): "... by Sa`di and Hafiz by Sa'di" says him twice, struck by both blind
    annotators of seed 27."""
    by = re.search(r"\bby\b(.*)", painting.get("title") or "")
    name = _spoken_name(painting.get("artist") or "")
    return bool(by and name) and name in _spoken_name(by.group(1))


def maker_said_twice(text: str, painting: Mapping[str, Any]) -> bool:
    """Whether ``text`` says "by" the maker twice, as an opening does that names him after a title
    that already does (``maker_in_title``)."""
    name = _spoken_name(painting.get("artist") or "")
    return bool(name) and len(re.findall(rf"\bby {re.escape(name)}\b", _spoken_name(text))) >= 2
