"""A tour as a podcast feed: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces.

    from museumguide.tours.feed import write_feed
    write_feed(tour, entries, "https://museum.example/tour/", Path("feed.xml"))

feedgen writes the feed and its iTunes tags (its ``podcast`` extension); the Podcasting 2.0 tag a
tour needs, ``podcast:transcript`` (a stop's WebVTT, for WCAG 1.2.1's text alternative), is a small
feedgen extension here, since feedgen has none for that namespace. One item per stop, in tour
order (``itunes:episode`` and ``itunes:type`` serial, so podcast apps keep the order), with the
MP3 as its enclosure (byte length and type), its duration, and a draft marked in its title.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin

from feedgen.ext.base import BaseEntryExtension, BaseExtension

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
CATEGORY = "Arts"
"""The Apple Podcasts category a museum tour belongs to."""


class Podcasting20(BaseExtension):
    """Declares the ``podcast`` namespace on the feed."""

    def extend_ns(self):
        return {"podcast": PODCAST_NS}


class Podcasting20Entry(BaseEntryExtension):
    """``podcast:transcript`` on an item: where its transcript is and in what format."""

    def __init__(self):
        self._transcripts: list[dict] = []

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def transcript(self, url: str, type: str, language: str | None = None, rel: str | None = None) -> None:
        self._transcripts.append({"url": url, "type": type, "language": language, "rel": rel})

    def extend_rss(self, entry):
        from lxml import etree

        for t in self._transcripts:
            node = etree.SubElement(entry, f"{{{PODCAST_NS}}}transcript")
            for name in ("url", "type", "language", "rel"):
                if t[name]:
                    node.set(name, t[name])
        return entry


def write_feed(tour: dict, entries: list[dict], base: str, path: Path) -> None:
    """Write ``feed.xml`` for the tour's stops; URLs are absolute under ``base``."""
    from feedgen.feed import FeedGenerator

    museums = sorted({e["museum"] for e in entries})
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcast20", Podcasting20, Podcasting20Entry)
    fg.title(tour["name"])
    fg.link(href=urljoin(base, tour["player"]), rel="alternate")
    description = f"An audio tour of {len(entries)} works ({', '.join(museums)})."
    if tour["local_only"]:
        description += f" For local use: its links point at {base} (no --base-url was given)."
    if tour["credits"]:
        description += " " + "; ".join(tour["credits"]) + "."
    if tour.get("synthetic_voices"):
        description += f" Narrated by a synthetic fallback voice ({', '.join(tour['synthetic_voices'])})."
    fg.description(description)
    fg.language(tour["language"])
    fg.generator("museumguide")
    fg.podcast.itunes_category(CATEGORY)
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_type("serial")
    fg.podcast.itunes_author(", ".join(museums))
    images = [e["image_url"] for e in entries if e.get("image_url")]
    if images:
        fg.image(images[0], title=tour["name"], link=urljoin(base, tour["player"]))
    # Dates a minute apart in tour order: apps that sort by date keep the tour's order too.
    start = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    for e in entries:
        fe = fg.add_entry(order="append")
        title = f"{e['stop']}. {e['title']}" + (f", {e['artist']}" if e.get("artist") else "")
        fe.title(title + (" (draft)" if e["status"] == "draft" else ""))
        fe.guid(f"{tour['name']}#{e['key']}", permalink=False)
        fe.link(href=e["player_url"])
        kind = e.get("form_name") if e.get("form") not in (None, "object") else None
        summary = ", ".join(x for x in (kind and kind.capitalize(), e.get("date"), e.get("medium"), e["museum"]) if x)
        fe.description(summary + (f". {e['credit']}." if e.get("credit") else "."))
        fe.enclosure(urljoin(base, e["audio"]), str(e["audio_bytes"]), "audio/mpeg")
        fe.pubDate(start + timedelta(minutes=e["stop"]))
        fe.podcast.itunes_duration(max(1, round(e["seconds"])))
        fe.podcast.itunes_episode(e["stop"])
        fe.podcast.itunes_episode_type("full")
        image = e.get("image_url") or ""
        if image.lower().endswith((".jpg", ".png")):  # the only kinds the iTunes tag allows
            fe.podcast.itunes_image(image)
        fe.podcast20.transcript(urljoin(base, e["vtt"]), "text/vtt", tour["language"], "captions")
    fg.rss_file(str(path), pretty=True)
