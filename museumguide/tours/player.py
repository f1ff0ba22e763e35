"""The offline player of a tour export: one ``index.html``, no network, no server.

    from museumguide.tours.player import render, json_ld
    Path("index.html").write_text(render(tour, entries))

The page (``static/player.html``) carries its CSS and JS, the tour's stops with each sentence's
timing as JSON (a browser will not fetch files next to a page opened from ``file://``, so nothing
is fetched but the MP3s, by ``<audio>``), and schema.org JSON-LD: a ``TouristTrip`` whose
``itinerary`` lists each stop as a ``VisualArtwork``. A stop is addressed as ``index.html#stop-N``,
which the QR labels open.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from museumguide.records.forms import SCHEMA_TYPES

TEMPLATE = Path(__file__).with_name("static") / "player.html"
PLAYER_FIELDS = ("stop", "key", "title", "artist", "date", "medium", "form", "form_name", "museum", "audio", "vtt",
                 "transcript", "seconds", "cues", "status", "credit", "thumbnail_url", "object_url", "voice",
                 "synthetic_voice")
"""What the page's script reads of each stop."""


def _script_json(data) -> str:
    """JSON safe inside a <script> element: no "</" can close it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def json_ld(tour: dict, entries: list[dict]) -> dict:
    """schema.org ``TouristTrip`` of the tour, each stop in its ``itinerary`` as the type of its form
    (``Painting``, ``Sculpture``, ``Photograph``, ``Drawing``, ``Manuscript``; any other a
    ``VisualArtwork`` whose ``artform`` names it)."""
    items = []
    for e in entries:
        form = e.get("form") or "object"
        work = {"@type": SCHEMA_TYPES.get(form, "VisualArtwork"), "name": e["title"], "url": e["player_url"]}
        if work["@type"] == "VisualArtwork" and form != "object":
            work["artform"] = e.get("form_name") or form
        if e.get("artist"):
            work["creator"] = {"@type": "Person", "name": e["artist"]}
        if e.get("date"):
            work["dateCreated"] = e["date"]
        if e.get("medium"):
            work["artMedium"] = e["medium"]
        work["holdingArchive"] = {"@type": "Museum", "name": e["museum"]}
        if e.get("image_url"):
            work["image"] = e["image_url"]
        if e.get("object_url"):
            work["sameAs"] = e["object_url"]
        work["audio"] = {"@type": "AudioObject", "contentUrl": e["audio"], "encodingFormat": "audio/mpeg",
                         "duration": f"PT{round(e['seconds'])}S", "transcript": e["transcript"]}
        items.append({"@type": "ListItem", "position": e["stop"], "item": work})
    return {"@context": "https://schema.org", "@type": "TouristTrip", "name": tour["name"],
            "inLanguage": tour["language"], "touristType": "Museum visitors",
            "itinerary": {"@type": "ItemList", "numberOfItems": len(items), "itemListOrder": "https://schema.org/ItemListOrderAscending",
                          "itemListElement": items}}


def render(tour: dict, entries: list[dict], tracks: dict[str, list[dict]] | None = None) -> str:
    """The player page of the tour, ready to write as ``index.html``; ``tracks``: the entries of
    the same stops in other styles, {style: entries}, whose files lie in a folder of that name
    (``museumguide.tours.package``): the page switches between them."""
    from museumguide.records.styles import STYLES

    def stops_of(rows: list[dict], folder: str = "") -> list[dict]:
        out = [{k: e.get(k) for k in PLAYER_FIELDS} for e in rows]
        for stop in out:
            stop["audio"], stop["vtt"], stop["transcript"] = (folder + stop[k] for k in ("audio", "vtt", "transcript"))
        return out

    style = tour.get("style", "standard")
    all_tracks = [{"style": style, "about": STYLES.get(style, ""), "stops": stops_of(entries)}]
    all_tracks += [{"style": name, "about": STYLES.get(name, ""), "stops": stops_of(rows, f"{name}/")}
                   for name, rows in (tracks or {}).items()]
    data = {"name": tour["name"], "language": tour["language"], "credits": tour["credits"],
            "feed": tour["feed"], "stops": all_tracks[0]["stops"], "tracks": all_tracks}
    values = {"__LANG__": html.escape(tour["language"]), "__TITLE__": html.escape(tour["name"]),
              "__JSON_LD__": _script_json(json_ld(tour, entries)), "__TOUR_DATA__": _script_json(data)}
    # One pass, so a title that happens to contain a marker is not filled in again.
    return re.sub(r"__(LANG|TITLE|JSON_LD|TOUR_DATA)__", lambda m: values[m.group(0)],
                  TEMPLATE.read_text(encoding="utf-8"))
