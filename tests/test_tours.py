"""Tour exports, read back by the tools their consumers use: webvtt-py, feedparser, iiif-prezi3,
extruct (schema.org JSON-LD), zxing-cpp (the QR codes), and headless Chromium (the player from
file://). The narration is the real Piper voice; the paintings are the fixture records (Met and
AIC, see fixtures/README.md); the guide texts are written here, as a curator would."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from museumguide.records.notes import credit
from museumguide.tours import package
from museumguide.tours.cli import export, main as tours_main, read_keys
from museumguide.tours.package import TourError, TourStop, write_tour
from museumguide.voice.speak import speak

BASE = "https://museum.example/tours/highlights/"


def guide_text(painting: dict) -> str:
    return (f"This is {painting['title']}. Notice where the light falls first. "
            f"Take a step back and look at the whole picture.")


@pytest.fixture(scope="module")
def stops(tmp_path_factory, aic_paintings) -> list[TourStop]:
    """Three narrated stops: a Met painting with an image (approved), another (draft), and an AIC
    painting whose notes are owed a credit (draft)."""
    import json as _json

    from museumguide.records.clean import clean_records
    from tests.conftest import FIXTURES, load_jsonl

    met = clean_records(load_jsonl(FIXTURES / "met_objects_60.jsonl")).paintings
    chosen = [p for p in met if p.get("image_url") and p.get("height_cm")][:2] + [aic_paintings[0]]
    assert credit(chosen[2]), "the AIC painting's notes need a credit line"
    folder = tmp_path_factory.mktemp("audio")
    out = []
    for n, painting in enumerate(chosen):
        narration = speak(guide_text(painting), folder / f"{painting['key']}.mp3")
        cues = [{"start": c.start, "end": c.end, "text": c.text} for c in narration.cues]
        out.append(TourStop(painting["key"], _json.loads(_json.dumps(painting)), guide_text(painting),
                            narration.path, narration.seconds, cues, approved=n == 0, credit=credit(painting)))
    return out


@pytest.fixture(scope="module")
def exported(stops, tmp_path_factory) -> Path:
    return write_tour(stops, tmp_path_factory.mktemp("tour") / "tour", "Highlights", base_url=BASE)


def test_manifest_lists_the_stops_in_order(exported, stops):
    manifest = json.loads((exported / "manifest.json").read_text())
    assert manifest["version"] == package.MANIFEST_VERSION and manifest["base_url"] == BASE
    assert [s["key"] for s in manifest["stops"]] == [s.key for s in stops]
    assert [s["status"] for s in manifest["stops"]] == ["approved", "draft", "draft"]
    assert manifest["credits"] == [stops[2].credit]
    for entry in manifest["stops"]:
        for name in ("audio", "vtt", "transcript"):
            assert (exported / entry[name]).is_file()
        assert entry["audio_bytes"] == (exported / entry["audio"]).stat().st_size
    draft = (exported / manifest["stops"][2]["transcript"]).read_text().splitlines()
    assert draft[0] == package.DRAFT_LINE and draft[-1] == stops[2].credit


def test_vtt_has_a_cue_per_sentence_timed_to_the_audio(exported, stops):
    import webvtt

    manifest = json.loads((exported / "manifest.json").read_text())
    for entry, stop in zip(manifest["stops"], stops):
        captions = webvtt.read(str(exported / entry["vtt"]))
        assert [c.text for c in captions] == [c["text"] for c in stop.cues] == [
            f"This is {stop.painting['title']}.", "Notice where the light falls first.",
            "Take a step back and look at the whole picture."]
        for caption, cue in zip(captions, stop.cues):
            assert seconds(caption.start) == pytest.approx(cue["start"], abs=0.001)
            assert seconds(caption.end) == pytest.approx(cue["end"], abs=0.001)
        assert seconds(captions[-1].end) <= stop.seconds


def seconds(timestamp: str) -> float:
    hours, minutes, rest = timestamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_feed_reads_back_as_a_podcast(exported):
    import feedparser
    from lxml import etree

    feed = feedparser.parse(str(exported / "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    manifest = json.loads((exported / "manifest.json").read_text())
    assert feed.feed.title == "Highlights" and len(feed.entries) == 3
    for item, entry in zip(feed.entries, manifest["stops"]):
        enclosure = item.enclosures[0]
        assert enclosure.href == BASE + entry["audio"] and enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == entry["audio_bytes"]
        assert item.itunes_duration == str(max(1, round(entry["seconds"])))
        assert item.title.endswith("(draft)") == (entry["status"] == "draft")
    # Podcasting 2.0: each item points at its WebVTT.
    root = etree.parse(str(exported / "feed.xml"), etree.XMLParser(resolve_entities=False, no_network=True))
    urls = root.xpath("//item/podcast:transcript/@url", namespaces={"podcast": "https://podcastindex.org/namespace/1.0"})
    assert urls == [BASE + s["vtt"] for s in manifest["stops"]]


def test_iiif_manifest_loads_back(exported, stops):
    from iiif_prezi3 import Manifest

    data = json.loads((exported / "manifest.iiif.json").read_text())
    manifest = Manifest(**data)
    assert len(manifest.items) == 3
    for canvas, stop in zip(manifest.items, stops):
        assert canvas.duration == pytest.approx(stop.seconds, abs=0.001)
        painting = canvas.items[0].items[0]
        assert painting.motivation == "painting" and painting.body.type == "Sound"
        supplement = canvas.annotations[0].items[0]
        assert supplement.motivation == "supplementing" and supplement.body.format == "text/vtt"
    with_image = data["items"][0]["accompanyingCanvas"]["items"][0]["items"][0]["body"]
    assert with_image["id"] == stops[0].painting["image_url"]
    assert "accompanyingCanvas" not in data["items"][2], "the AIC fixture records carry no image_id"


def test_player_page_holds_json_ld_and_no_outside_code(exported, stops):
    import extruct

    page = (exported / "index.html").read_text()
    assert len(page.encode()) < 100_000
    assert "<script src" not in page and "<link" not in page, "CSS and JS are inside the page"
    data = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    trip = next(d for d in data if d["@type"] == "TouristTrip")
    works = [item["item"] for item in trip["itinerary"]["itemListElement"]]
    assert [w["name"] for w in works] == [s.painting["title"] for s in stops]
    assert [w["@type"] for w in works] == ["Painting"] * len(works), "each stop as the type of its form"
    assert works[0]["creator"]["name"] == stops[0].painting["artist"]
    assert works[2]["holdingArchive"]["name"] == "Art Institute of Chicago"


def test_qr_labels_decode_to_each_stop(exported):
    import zxingcpp
    from PIL import Image

    sheet = Image.open(exported / "labels-1.png")
    found = sorted(r.text for r in zxingcpp.read_barcodes(sheet))
    assert found == [f"{BASE}index.html#stop-{n}" for n in (1, 2, 3)]
    pdf = (exported / "labels.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1, "one sheet"


def test_zip_holds_the_same_and_no_labels_without_a_base_url(stops, tmp_path):
    path = write_tour(stops, tmp_path / "tour.zip", "Highlights")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        feed = zf.read("feed.xml").decode()
    assert {"index.html", "feed.xml", "manifest.iiif.json", "manifest.json"} <= names
    assert not any(n.startswith("labels") for n in names), "no QR code without an address visitors reach"
    assert manifest["local_only"] and package.LOCAL_BASE in feed and "For local use" in feed
    assert not list(tmp_path.glob(".*")), "no temporary folder left behind"


@pytest.mark.parametrize("change, message", [
    (lambda s: [], "at least one stop"),
    (lambda s: [s[0], s[0]], "appears twice"),
    (lambda s: [TourStop(s[0].key, s[0].painting, "x", Path("/nonexistent.mp3"), 1.0)], "is missing"),
])
def test_bad_tours_are_refused(stops, tmp_path, change, message):
    with pytest.raises(TourError, match=message):
        write_tour(change(stops), tmp_path / "t.zip", "T")


def test_refuses_a_folder_that_is_not_an_export_and_replaces_one_that_is(stops, tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "keep.jpg").write_bytes(b"x")
    with pytest.raises(TourError, match="not an earlier tour export"):
        write_tour(stops, other, "T")
    assert (other / "keep.jpg").exists()
    with pytest.raises(TourError, match="--base-url must be"):
        write_tour(stops, tmp_path / "t", "T", base_url="ftp://museum.example/")
    first = write_tour(stops[:2], tmp_path / "t", "T")
    again = write_tour(stops[:1], first, "T")
    assert len(json.loads((again / "manifest.json").read_text())["stops"]) == 1
    assert not list(again.glob("02-*")), "the earlier export's files are gone"


@pytest.mark.parametrize("keys, lines, expected", [
    ("met-1,aic-2", None, ["met-1", "aic-2"]),
    ("436535", None, ["met-436535"]),
    (None, "aic-6565\n# a comment\n\nmet-1  # trailing\n", ["aic-6565", "met-1"]),
    ("met-1", "aic-2\n", ["met-1", "aic-2"]),
])
def test_read_keys(tmp_path, keys, lines, expected):
    path = None
    if lines is not None:
        path = tmp_path / "keys.txt"
        path.write_text(lines)
    assert read_keys(keys, path) == expected


@pytest.mark.parametrize("keys, lines, message", [
    ("met-1,../x", None, r"--keys item 2: not a painting key"),
    (None, "met-1\nbad key\n", r"keys.txt:2: not a painting key"),
    ("met-1,met-1", None, "appears twice"),
    ("", None, "no stops"),
])
def test_read_keys_errors(tmp_path, keys, lines, message):
    path = None
    if lines is not None:
        path = tmp_path / "keys.txt"
        path.write_text(lines)
    with pytest.raises(ValueError, match=message):
        read_keys(keys, path)


def test_cli_refuses_clearly(tmp_path, capsys):
    with pytest.raises(SystemExit):
        tours_main(["--keys", "met-1", "--out", str(tmp_path / "t.tar")])
    assert "--out must end in .zip" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown painting key.*met-999999999"):
        export(["met-1", "met-999999999"], tmp_path / "t.zip", "T", {"met-1": {}}, tmp_path / "web", None)
    assert not (tmp_path / "web").exists(), "nothing is written for a tour that cannot be made"
    assert tours_main(["--keys", "met-1", "--out", str(tmp_path / "t.zip"), "--base-url", "museum.example"]) == 2
    assert "--base-url must be an http" in capsys.readouterr().err


@pytest.mark.slow
def test_player_from_file_url_in_headless_chromium(exported, tmp_path):
    """Opened from file://, with no server: the audio loads, the sentence being said lights up, the
    keyboard moves between stops, and a draft is marked as one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.browser import chromium

    with chromium(tmp_path) as browser:
        browser.get((exported / "index.html").as_uri())
        wait = WebDriverWait(browser, 30)
        script = browser.execute_script
        wait.until(lambda b: script("return document.getElementById('audio').readyState >= 1"))
        assert script("return document.getElementById('audio').duration") > 1
        assert "01-" in script("return document.getElementById('audio').currentSrc")
        buttons = browser.find_elements(By.CSS_SELECTOR, "#stop-list button")
        assert len(buttons) == 3 and buttons[0].get_attribute("aria-current") == "true"
        # Into the second sentence: its cue, and only it, becomes active.
        start = float(browser.find_elements(By.CSS_SELECTOR, "#transcript span.cue")[1].get_attribute("data-start"))
        script("document.getElementById('audio').currentTime = arguments[0]", start + 0.2)
        wait.until(lambda b: [s.get_attribute("class") for s in b.find_elements(By.CSS_SELECTOR, "#transcript span.cue")]
                   == ["cue", "cue active", "cue"])
        assert "Draft" not in browser.find_element(By.ID, "stop-title").text, "stop 1 is approved"
        # The keyboard: right arrow to the next stop, a draft; left arrow back.
        browser.find_element(By.TAG_NAME, "body").send_keys("\ue014")  # ArrowRight
        wait.until(lambda b: b.current_url.endswith("#stop-2"))
        assert "Draft" in browser.find_element(By.ID, "stop-title").text
        assert "02-" in script("return document.getElementById('audio').src")
        browser.find_element(By.ID, "next").click()
        wait.until(lambda b: b.current_url.endswith("#stop-3"))
        assert "Art Institute of Chicago" in browser.find_element(By.ID, "stop-credit").text
        assert browser.find_element(By.ID, "next").get_attribute("disabled"), "no stop after the last"
        browser.switch_to.active_element.send_keys("\ue012")  # ArrowLeft, from the focused title
        wait.until(lambda b: b.current_url.endswith("#stop-2"))
        # A QR code's address opens its stop.
        browser.get((exported / "index.html").as_uri() + "#stop-3")
        browser.refresh()
        wait.until(lambda b: b.find_element(By.ID, "stop-title").text.startswith("3."))


def test_a_swedish_tour_of_five_narrates_with_the_fallback_voice_and_says_so(tmp_path):
    """Five Nationalmuseum paintings (fixtures/nationalmuseum_lido), their Swedish notes' opening
    sentences as the curator-approved text, narrated in Swedish: without a Swedish Piper voice,
    espeak-ng speaks, and the manifest, player and feed say it is a synthetic fallback."""
    import shutil as _shutil

    if not _shutil.which("espeak-ng"):
        from tests.test_voices import needs_espeak

        needs_espeak()
    from museumguide.checks.languages import hook
    from museumguide.records import lido
    from museumguide.records.prompt import in_language
    from museumguide.tours.service import GuideService
    from tests.conftest import FIXTURES

    records = lido.clean_lido_records(lido.iter_records(FIXTURES / "nationalmuseum_lido"), "nationalmuseum",
                                      "Nationalmuseum, Sweden").paintings
    five = [p for p in records if "notes" in p["languages"].get("sv", {})][:5]
    import random as _random

    def write(painting):
        swedish = in_language(painting, "sv")
        return f"{hook(swedish, 'sv', _random.Random(0))} {swedish['notes'].split('. ')[0]}."

    service = GuideService({p["key"]: p for p in five}, tmp_path / "web", write,
                           lambda text, path: speak(text, path, language="sv"), language="sv")
    keys = [p["key"] for p in five]
    for key in keys:
        service.request(key)
    service.wait(keys, timeout=120)
    assert all(service.jobs[k].status == "done" for k in keys), [service.jobs[k].error for k in keys]
    out = service.export_tour("Fem målningar", keys, out=tmp_path / "sv")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["language"] == "sv" and manifest["synthetic_voices"] == ["espeak-ng sv (synthetic fallback voice)"]
    assert all(s["synthetic_voice"] and s["voice"].startswith("espeak-ng sv") for s in manifest["stops"])
    assert "synthetic fallback voice" in (out / "feed.xml").read_text()
    assert '"synthetic_voice":true' in (out / "index.html").read_text()
    assert '<html lang="sv">' in (out / "index.html").read_text()


@pytest.fixture(scope="module")
def family_tour(tmp_path_factory, aic_paintings):
    """A family tour of five works with a verbal-description track (issue 37): the style writer's
    scripts of five real records (the Met's fixture records and an AIC painting whose notes describe
    what is seen), each narrated by Piper, exported through the guide service of each style."""
    from museumguide.data.writers.styles import StyleWriter
    from museumguide.records.clean import clean_records
    from museumguide.records.notes import seen_sentences
    from museumguide.tours.defaults import track_dir
    from museumguide.tours.service import GuideService
    from tests.conftest import FIXTURES, load_jsonl

    met = clean_records(load_jsonl(FIXTURES / "met_objects_60.jsonl")).paintings
    five = [p for p in met if p.get("height_cm") and p.get("tags")][:4] + \
        [next(p for p in aic_paintings if seen_sentences(p.get("notes") or ""))]
    web = tmp_path_factory.mktemp("web")
    services = [GuideService({p["key"]: p for p in five}, track_dir(web, "en", style),
                             lambda p, s=style: StyleWriter().write(p, s), speak, style=style)
                for style in ("family", "description")]
    keys = [p["key"] for p in five]
    for service in services:
        for key in keys:
            service.request(key)
        service.wait(keys, timeout=180)
    out = services[0].export_tour("Family tour", keys, out=tmp_path_factory.mktemp("tour") / "family",
                                  base_url=BASE, tracks=services[1:])
    return out, services, keys


def test_a_family_tour_with_a_description_track_reads_back_in_the_standard_parsers(family_tour):
    import feedparser
    import webvtt
    from iiif_prezi3 import Manifest

    out, services, keys = family_tour
    root = json.loads((out / "manifest.json").read_text())
    assert root["style"] == "family" and [t["style"] for t in root["tracks"]] == ["family", "description"]
    assert services[1].out_dir.name == "description", "each style's guides in its own folder"
    for track in root["tracks"]:
        folder = out / track["folder"]
        manifest = json.loads((out / track["manifest"]).read_text())
        assert manifest["style"] == track["style"] and [s["key"] for s in manifest["stops"]] == keys
        texts = [(folder / s["transcript"]).read_text() for s in manifest["stops"]]
        for stop in manifest["stops"]:
            cues = webvtt.read(str(folder / stop["vtt"]))
            assert len(cues) >= 2 and cues[-1].end_in_seconds <= stop["seconds"] + 0.5
            assert (folder / stop["audio"]).stat().st_size == stop["audio_bytes"]
            assert stop["player_url"].startswith(BASE + "index.html")
        feed = feedparser.parse(str(out / track["feed"]))
        assert not feed.bozo and len(feed.entries) == 5
        prefix = BASE + track["folder"]
        assert [e.enclosures[0].href for e in feed.entries] == [prefix + s["audio"] for s in manifest["stops"]]
        iiif = Manifest(**json.loads((out / track["iiif"]).read_text()))
        assert len(iiif.items) == 5 and iiif.items[0].items[0].items[0].body.id.startswith(prefix)
        if track["style"] == "family":
            assert all("Talk together" in t and "Before you go" in t for t in texts)
        else:
            spoken = [t.split("\n\n")[1] for t in texts]  # after the draft line
            assert all(t.startswith(("This is a verbal description of", "Here is a description of")) for t in spoken)
    # the two tracks speak different texts of the same works
    family, description = (json.loads((out / t["manifest"]).read_text())["stops"] for t in root["tracks"])
    assert all(f["audio"] == d["audio"] for f, d in zip(family, description))  # same names, own folders
    assert (out / family[0]["transcript"]).read_text() != (out / "description" / description[0]["transcript"]).read_text()


def test_every_track_of_a_tour_holds_the_same_stops(stops, tmp_path):
    with pytest.raises(TourError, match="the family track's stops are not the tour's"):
        write_tour(stops, tmp_path / "t", "T", tracks={"family": stops[:2]})
    with pytest.raises(TourError, match="no style 'childish'"):
        write_tour(stops, tmp_path / "t", "T", tracks={"childish": stops})


@pytest.mark.slow
def test_the_player_switches_tracks_and_a_label_opens_the_chosen_one(family_tour, tmp_path):
    """From file://: the style switch plays the description track's audio; the choice is kept, so
    the address a QR label opens (index.html#stop-2) plays the description of that stop."""
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from tests.browser import chromium

    out, _, _ = family_tour
    with chromium(tmp_path) as browser:
        browser.get((out / "index.html").as_uri())
        wait = WebDriverWait(browser, 30)
        script = browser.execute_script
        wait.until(lambda b: script("return document.getElementById('audio').readyState >= 1"))
        assert not browser.find_element("id", "track-choice").get_attribute("hidden")
        assert "/description/" not in script("return document.getElementById('audio').src")
        Select(browser.find_element("id", "track")).select_by_value("description")
        wait.until(lambda b: "/description/01-" in script("return document.getElementById('audio').src"))
        wait.until(lambda b: script("return document.getElementById('audio').readyState >= 1"))
        browser.get((out / "index.html").as_uri() + "#stop-2")
        browser.refresh()
        wait.until(lambda b: b.find_element("id", "stop-title").text.startswith("2."))
        assert "/description/02-" in script("return document.getElementById('audio').src")
        browser.get((out / "index.html").as_uri() + "?track=family#stop-3")
        wait.until(lambda b: b.find_element("id", "stop-title").text.startswith("3."))
        assert "/description/" not in script("return document.getElementById('audio').src")
