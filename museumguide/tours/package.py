"""A tour export a visitor can take: player, timed transcripts, podcast feed, IIIF, QR labels.

    python -m museumguide.tours --keys met-436535,aic-6565 --out tour.zip --base-url https://museum.example/tour/

    from museumguide.tours.package import TourStop, write_tour
    write_tour(stops, "tour.zip", title="Highlights", base_url="https://museum.example/tour/")

What one export holds (a folder, or the same as a zip):

- ``index.html``: the offline player (``museumguide.tours.player``), CSS and JS inside, schema.org
  JSON-LD in its head; it works opened from ``file://`` or from any static host.
- per stop ``NN-title.mp3``, ``NN-title.vtt`` (one cue per sentence, timed to the narration) and
  ``NN-title.txt`` (the plain transcript: a draft's first line says so; the credit line last).
- ``feed.xml``: a podcast feed (``museumguide.tours.feed``), ``manifest.iiif.json``: a IIIF
  Presentation 3 manifest (``museumguide.tours.iiif``), ``labels.pdf`` and ``labels-N.png``: QR
  labels to print beside the works (``museumguide.tours.labels``), with ``--base-url`` only.
- ``manifest.json``: our own index of the stops, with ``version``.

A tour may carry several styles of the same stops as parallel tracks (``tracks``: "family",
"description", ...; ``museumguide.records.styles``): the first style's files are at the top as
above, each other track's in a folder named after its style with its own MP3s, transcripts,
``feed.xml``, ``manifest.iiif.json`` and ``manifest.json``, and the one player switches between
them. The QR labels open ``index.html#stop-N``, which plays the track the visitor last chose
(``?track=family`` chooses one).

Absolute URLs (feed, IIIF, QR codes) start at ``base_url``; without one they start at
``LOCAL_BASE``, so the feed and manifest work for a copy served on this machine only, and no QR
labels are made (a code must point where visitors can reach). The export is written to a
temporary folder beside the target and moved into place whole, so a crash leaves no half tour.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urljoin, urlsplit

from museumguide.records.forms import FORMS
from museumguide.tours.keys import museum_of, slug

MANIFEST_VERSION = 3
"""Version of ``manifest.json``: 2 added the VTT, image, player URL and voice of each stop, and
the tour's language and synthetic voices; 3 the tour's ``style`` and its ``tracks``."""
LOCAL_BASE = "http://localhost:8000/"
"""Where absolute URLs point without ``base_url``: ``python -m http.server 8000`` in the folder."""
DRAFT_LINE = "DRAFT - not reviewed by a curator"
"""First line of an unapproved guide's transcript in a tour export."""


class TourError(ValueError):
    """A tour that cannot be exported as asked; the message says why."""


@dataclass
class TourStop:
    """One stop: the painting, the text its audio says, and how it was said."""

    key: str
    painting: Mapping[str, Any]
    text: str
    """The text the MP3 speaks (a curator's approved text, or a draft as narrated)."""
    audio: Path
    seconds: float
    cues: list[dict] = field(default_factory=list)
    """Each sentence said, {start, end, text} in seconds (``museumguide.voice.speak.Cue``)."""
    approved: bool = False
    credit: str | None = None
    """The credit line the painting's notes are owed; said last in the transcript, shown by the player."""
    voice: str | None = None
    """The voice that narrated it (``museumguide.voice.voices.VoiceChoice.label``)."""
    synthetic_voice: bool = False
    """Whether that voice is the synthetic fallback (espeak-ng) a museum should replace."""


def check_base_url(base_url: str | None) -> str | None:
    """``base_url`` ending in "/", or None; raises TourError unless it is an http(s) URL."""
    if base_url is None:
        return None
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TourError(f"--base-url must be an http:// or https:// address, got {base_url!r}")
    return base_url if base_url.endswith("/") else base_url + "/"


def _vtt_time(seconds: float) -> str:
    whole = int(seconds)
    millis = int(round((seconds - whole) * 1000))
    if millis == 1000:
        whole, millis = whole + 1, 0
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{millis:03d}"


def write_vtt(cues: list[dict], path: Path) -> None:
    """One WebVTT cue per narrated sentence (webvtt-py writes the file)."""
    import webvtt

    vtt = webvtt.WebVTT()
    for n, cue in enumerate(cues, start=1):
        vtt.captions.append(webvtt.Caption(_vtt_time(cue["start"]), _vtt_time(cue["end"]),
                                           " ".join(cue["text"].split()), identifier=f"s{n}"))
    vtt.save(str(path))


def transcript(stop: TourStop) -> str:
    """The plain transcript: a draft's first line says so, and the credit line comes last."""
    from museumguide.records.notes import with_credit

    text = with_credit(stop.text.strip(), stop.credit)
    return (text if stop.approved else f"{DRAFT_LINE}\n\n{text}") + "\n"


def stop_entries(stops: list[TourStop], base: str) -> list[dict]:
    """Each stop as the manifest, player, feed, IIIF manifest and labels describe it."""
    entries = []
    for n, stop in enumerate(stops, start=1):
        p = stop.painting
        stem = f"{n:02d}-{slug(p.get('title') or 'untitled')}"
        entries.append({
            "stop": n, "key": stop.key, "source": p.get("source"), "museum": museum_of(p),
            "object_id": p.get("object_id"), "title": p.get("title"), "artist": p.get("artist"),
            "date": p.get("date"), "medium": p.get("medium"),
            "form": p.get("form") or "object", "form_name": FORMS.get(p.get("form") or "object"),
            "classification": p.get("classification"),
            "audio": f"{stem}.mp3", "audio_bytes": stop.audio.stat().st_size, "vtt": f"{stem}.vtt",
            "transcript": f"{stem}.txt", "seconds": round(stop.seconds, 3),
            "cues": [{"start": c["start"], "end": c["end"], "text": c["text"]} for c in stop.cues],
            "object_url": p.get("object_url"), "image_url": p.get("image_url"),
            "thumbnail_url": p.get("image_small_url"), "height_cm": p.get("height_cm"), "width_cm": p.get("width_cm"),
            "status": "approved" if stop.approved else "draft", "credit": stop.credit,
            "voice": stop.voice, "synthetic_voice": stop.synthetic_voice,
            "player_url": urljoin(base, f"index.html#stop-{n}")})
    return entries


def _check_stops(stops: list[TourStop], keys: list[str] | None = None, style: str = "standard") -> None:
    if not stops:
        raise TourError("a tour needs at least one stop")
    own = [s.key for s in stops]
    if len(set(own)) != len(own):
        raise TourError(f"a painting appears twice in the tour: {sorted({k for k in own if own.count(k) > 1})}")
    if keys is not None and own != keys:
        raise TourError(f"the {style} track's stops are not the tour's: each track holds the same stops in order")
    for stop in stops:
        if not stop.audio.is_file():
            raise TourError(f"{stop.key}: its narration {stop.audio} is missing")


def _write_files(stops: list[TourStop], entries: list[dict], folder: Path) -> None:
    for stop, entry in zip(stops, entries):
        shutil.copyfile(stop.audio, folder / entry["audio"])
        write_vtt(stop.cues, folder / entry["vtt"])
        (folder / entry["transcript"]).write_text(transcript(stop), encoding="utf-8")


def _write_track(tour: dict, style: str, stops: list[TourStop], base: str, folder: Path) -> list[dict]:
    """One more track, in ``folder`` (named after its style): its files, feed, IIIF manifest and
    manifest; its stops' player URLs open the tour's one player on this track."""
    from museumguide.tours import feed, iiif

    track_base = urljoin(base, f"{style}/")
    entries = stop_entries(stops, track_base)
    for e in entries:
        e["player_url"] = urljoin(base, f"index.html?track={style}#stop-{e['stop']}")
    own = {**tour, "style": style, "player": f"../index.html?track={style}", "tracks": None,
           "credits": list(dict.fromkeys(s.credit for s in stops if s.credit)),
           "synthetic_voices": sorted({s.voice or "" for s in stops if s.synthetic_voice})}
    folder.mkdir()
    _write_files(stops, entries, folder)
    feed.write_feed(own, entries, track_base, folder / "feed.xml")
    iiif.write_manifest(own, entries, track_base, folder / "manifest.iiif.json")
    stops_out = [{k: v for k, v in e.items() if k != "cues"} for e in entries]
    (folder / "manifest.json").write_text(json.dumps({**own, "stops": stops_out}, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    return entries


def write_tour(stops: list[TourStop], out: str | Path, title: str, base_url: str | None = None,
               language: str = "en", lexicon: Path | None = None, style: str = "standard",
               tracks: Mapping[str, list[TourStop]] | None = None) -> Path:
    """Export ``stops`` (in order), a guide in ``style`` each, to ``out``: a ``.zip`` file, or a
    folder. ``tracks``: the same stops in other styles, {style: stops} (see the module docstring).
    Returns ``out``. A folder that exists must be an earlier export (it holds manifest.json); it
    is replaced."""
    from museumguide.records.styles import STYLES
    from museumguide.tours import feed, iiif, labels, player

    if not title.strip():
        raise TourError("the tour needs a title")
    _check_stops(stops)
    tracks = {k: v for k, v in (tracks or {}).items() if k != style}
    for name, more in tracks.items():
        if name not in STYLES:
            raise TourError(f"no style {name!r}: there are {', '.join(STYLES)}")
        _check_stops(more, [s.key for s in stops], name)
    out = Path(out)
    base = check_base_url(base_url) or LOCAL_BASE
    as_zip = out.suffix.lower() == ".zip"
    if not as_zip and out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "manifest.json").is_file())):
        raise TourError(f"{out} exists and is not an earlier tour export: choose another --out-dir")
    out.parent.mkdir(parents=True, exist_ok=True)
    entries = stop_entries(stops, base)
    credits = list(dict.fromkeys(s.credit for s in stops if s.credit))
    tour = {"version": MANIFEST_VERSION, "name": title.strip(), "language": language,
            "base_url": base_url and base, "local_only": base_url is None, "credits": credits,
            "player": "index.html", "feed": "feed.xml", "iiif": "manifest.iiif.json",
            "labels": "labels.pdf" if base_url else None,
            "synthetic_voices": sorted({s.voice or "" for s in stops if s.synthetic_voice}),
            "style": style,
            "tracks": [{"style": name, "folder": "" if name == style else f"{name}/",
                        "manifest": "manifest.json" if name == style else f"{name}/manifest.json",
                        "feed": "feed.xml" if name == style else f"{name}/feed.xml",
                        "iiif": "manifest.iiif.json" if name == style else f"{name}/manifest.iiif.json"}
                       for name in [style, *tracks]]}
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.", dir=out.parent) as tmp:
        work = Path(tmp) / "tour"
        work.mkdir()
        _write_files(stops, entries, work)
        more = {name: _write_track(tour, name, more, base, work / name) for name, more in tracks.items()}
        (work / "index.html").write_text(player.render(tour, entries, more), encoding="utf-8")
        feed.write_feed(tour, entries, base, work / "feed.xml")
        iiif.write_manifest(tour, entries, base, work / "manifest.iiif.json")
        if base_url:
            labels.write_labels(tour, entries, work)
        if lexicon is not None:
            shutil.copyfile(lexicon, work / "lexicon.csv")
        stops_out = [{k: v for k, v in e.items() if k != "cues"} for e in entries]
        (work / "manifest.json").write_text(json.dumps({**tour, "stops": stops_out}, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
        if as_zip:
            staged = Path(tmp) / "tour.zip"
            with zipfile.ZipFile(staged, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(p for p in work.rglob("*") if p.is_file()):
                    # MP3 and PNG are compressed already: stored, they unzip faster and no larger.
                    kind = zipfile.ZIP_STORED if path.suffix in (".mp3", ".png", ".pdf") else zipfile.ZIP_DEFLATED
                    zf.write(path, path.relative_to(work).as_posix(), compress_type=kind)
            staged.replace(out)
        else:
            old = Path(tmp) / "old"
            if out.exists():
                out.replace(old)
            work.replace(out)
    return out
