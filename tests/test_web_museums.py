"""The gallery with two museums: paintings by key, the museum on cards and pages, curator notes
beside a guide with their credit line, credits in every tour manifest, the review checked
against the notes. Real Met and AIC records (tests/fixtures), a scripted writer and a stand-in
voice, the page in Debian's headless Chromium."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from museumguide.common import jsonl
from museumguide.tours import service as tours
from museumguide.web import app as web
from tests.conftest import LOOPBACK_URL
from tests.test_web import (  # noqa: F401 - paintings is a fixture
    UNSUPPORTED_YEAR, StandInVoice, approve, page_in_chromium, paintings, scripted_guide, wait_done)

# Two museums: paintings by key, the museum on the page, curator notes and their credit line.

CREDIT = "Text adapted from the Art Institute of Chicago, CC BY 4.0"
GOTHIC = "aic-6565"  # American Gothic: its notes say where the farmhouse was; its record does not


def credited_guide(painting: dict) -> str:
    """As ``generate_guide`` writes from credited notes: the credit line is its last paragraph."""
    from museumguide.records.notes import credit

    return f"{scripted_guide(painting)}\n\n{credit(painting)}" if credit(painting) else scripted_guide(painting)


def notes_guide(painting: dict) -> str:
    """American Gothic's guide from its notes (Eldon, Iowa, the 1880s), one unsupported year, no credit."""
    return (f"This is {painting['title']}. Wood had seen a similar farmhouse in Eldon, Iowa, built in the "
            f"1880s style. It was finished in {UNSUPPORTED_YEAR}.")


def two_museums(met_records, aic_records, out_dir, writer) -> tours.GuideService:
    """Met and AIC paintings, with one AIC painting under a Met painting's object id."""
    from museumguide.records.aic import clean_aic_records
    from museumguide.records.clean import clean_records

    met = clean_records(met_records).paintings
    twin = dict(aic_records[0], id=met[0]["object_id"])
    aic = clean_aic_records([*aic_records, twin]).paintings
    service = tours.GuideService({p["key"]: p for p in met + aic}, out_dir, writer, StandInVoice())
    assert len(service.paintings) == len(met) + len(aic), "keys keep colliding object ids apart"
    return service


@pytest.fixture
def mixed(met_records, aic_records, tmp_path):
    from fastapi.testclient import TestClient

    service = two_museums(met_records, aic_records, tmp_path / "web", credited_guide)
    return service, TestClient(web.create_app(service), base_url=LOOPBACK_URL)


def test_cards_name_the_museum_and_details_carry_notes_and_credit(mixed):
    service, client = mixed
    items = client.get("/api/paintings?limit=200").json()["items"]
    assert len(items) == len(service.paintings)
    assert {(i["source"], i["museum"]) for i in items} == {("met", "The Met"), ("aic", "Art Institute of Chicago")}
    assert all(i["key"] == f"{i['source']}-{i['object_id']}" for i in items)
    twin_id = min(p["object_id"] for p in service.paintings.values() if p["source"] == "met")
    assert {f"met-{twin_id}", f"aic-{twin_id}"} <= {i["key"] for i in items}
    chicago = client.get("/api/paintings", params={"q": "art institute", "limit": 200}).json()
    assert chicago["total"] == sum(p["source"] == "aic" for p in service.paintings.values())

    gothic = client.get(f"/api/paintings/{GOTHIC}").json()
    assert gothic["museum"] == "Art Institute of Chicago" and gothic["credit"] == CREDIT
    assert gothic["notes"] == service.paintings[GOTHIC]["notes"] and "Eldon, Iowa" in gothic["notes"]
    met = client.get(f"/api/paintings/{twin_id}").json()  # a bare number is the Met's, as before keys
    assert (met["key"], met["museum"], met["notes"], met["credit"]) == (f"met-{twin_id}", "The Met", None, None)


def test_attribution_travels_to_the_guide_and_every_tour(mixed):
    service, client = mixed
    met_key = sorted(k for k in service.paintings if k.startswith("met-"))[0]
    met_id = service.paintings[met_key]["object_id"]
    for key in (GOTHIC, met_key):
        client.post(f"/api/guides/{key}")
    gothic, met = wait_done(client, GOTHIC, timeout=30), wait_done(client, met_key, timeout=30)
    assert (gothic["key"], gothic["source"], gothic["credit"]) == (GOTHIC, "aic", CREDIT)
    assert gothic["transcript"].endswith("\n\n" + CREDIT) and gothic["audio_url"].startswith(f"/api/audio/{GOTHIC}?")
    assert met["credit"] is None

    def export():
        # The Met stop as a bare int, as clients from before keys send it.
        resp = client.post("/api/tours/export", json={"name": "Two museums", "stops": [GOTHIC, met_id]})
        assert resp.status_code == 200, resp.text
        with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            return manifest, [zf.read(s["transcript"]).decode() for s in manifest["stops"]]

    manifest, (gothic_text, met_text) = export()
    assert manifest["credits"] == [CREDIT]
    fields = ("key", "source", "museum", "credit")
    assert [tuple(s[f] for f in fields) for s in manifest["stops"]] == [
        (GOTHIC, "aic", "Art Institute of Chicago", CREDIT), (met_key, "met", "The Met", None)]
    assert gothic_text.endswith(f"\n\n{CREDIT}\n") and gothic_text.count(CREDIT) == 1, "not repeated"
    assert "Chicago" not in met_text

    # A curator's text without the credit line: the tour credits the notes all the same.
    edited = "This is American Gothic. Notice where the light falls first."
    assert client.put(f"/api/guides/{GOTHIC}", json={"text": edited}).json()["credit"] == CREDIT
    assert approve(client, GOTHIC).json()["review"] == "approved"
    manifest, (gothic_text, _) = export()
    assert manifest["credits"] == [CREDIT] and manifest["stops"][0]["credit"] == CREDIT
    assert manifest["stops"][0]["status"] == "approved" and gothic_text == f"{edited}\n\n{CREDIT}\n"
    rows = jsonl.read_jsonl(service.approved_path)
    assert [(r["key"], r["source"], r["object_id"], r["script"]) for r in rows] == [(GOTHIC, "aic", 6565, edited)]


def test_bad_keys_are_404s_naming_them(mixed):
    _, client = mixed
    for raw in ("aic-1", "MET-1", "met-1-2", "12abc", "aic_6565"):
        for method, path in (("GET", f"/api/paintings/{raw}"), ("POST", f"/api/guides/{raw}"),
                             ("PUT", f"/api/guides/{raw}"), ("GET", f"/api/audio/{raw}")):
            resp = client.request(method, path, json={"text": "A guide."})
            assert resp.status_code == 404 and resp.json()["detail"] == f"no painting with key '{raw}'", path
    for stops in (["aic-1"], ["../../etc"], [True], [-5], [GOTHIC, "aic-06565"], [[GOTHIC]]):
        assert client.post("/api/tours/export", json={"name": "t", "stops": stops}).status_code == 422, stops
    twice = client.post("/api/tours/export", json={"name": "t", "stops": [GOTHIC, GOTHIC]})
    assert twice.status_code == 422 and "twice" in twice.text


def test_guides_saved_before_keys_reload_as_the_mets(paintings, tmp_path):
    from fastapi.testclient import TestClient

    key = sorted(paintings)[0]
    object_id = paintings[key]["object_id"]
    guides = tmp_path / "web" / "guides"
    guides.mkdir(parents=True)
    old = {"object_id": object_id, "status": "done", "transcript": "An old guide.", "audio_seconds": 2.0,
           "error": None, "review": "approved", "claims": [], "approved_at": "2025-01-01T00:00:00+00:00",
           "narrated": "An old guide."}
    (guides / f"{object_id}.json").write_text(json.dumps(old))
    (guides / f"{object_id}.mp3").write_bytes(b"ID3 old")
    jsonl.write_jsonl_atomic(tmp_path / "web" / "approved.jsonl", [{"object_id": object_id, "script": "An old guide."}])
    for _ in range(2):  # the second start finds the files moved and reads them the same
        service = tours.GuideService(paintings, tmp_path / "web", lambda p: pytest.fail("rewritten"),
                                     lambda t, p: pytest.fail("renarrated"))
        assert sorted(p.name for p in guides.iterdir()) == [f"{key}.json", f"{key}.mp3"]
        assert list(service.jobs) == [key] and service.jobs[key].review == "approved"
        client = TestClient(web.create_app(service), base_url=LOOPBACK_URL)
        assert client.get(f"/api/guides/{object_id}").json()["transcript"] == "An old guide."
        assert client.get(client.get(f"/api/guides/{key}").json()["audio_url"]).content == b"ID3 old"
        rows = jsonl.read_jsonl(service.approved_path)
        assert [(r["key"], r["source"], r["object_id"]) for r in rows] == [(key, "met", object_id)], "not twice"


def test_review_checks_claims_against_the_notes(met_records, aic_records, tmp_path):
    # Depends on museumguide.checks.grounding taking the notes into account (and never flagging the credit line).
    from fastapi.testclient import TestClient

    service = two_museums(met_records, aic_records, tmp_path / "web", notes_guide)
    client = TestClient(web.create_app(service), base_url=LOOPBACK_URL)
    client.post(f"/api/guides/{GOTHIC}")
    job = wait_done(client, GOTHIC, timeout=30)
    assert [(c["kind"], c["text"]) for c in job["claims"]] == [("year", UNSUPPORTED_YEAR)]
    with_credit = f"{job['transcript']}\n\n{CREDIT}"
    checked = client.put(f"/api/guides/{GOTHIC}", json={"text": with_credit}).json()
    assert [(c["kind"], c["text"]) for c in checked["claims"]] == [("year", UNSUPPORTED_YEAR)]


def test_museum_notes_and_credit_in_headless_chromium(met_records, aic_records, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    service = two_museums(met_records, aic_records, tmp_path / "web", notes_guide)
    with page_in_chromium(web.create_app(service), tmp_path) as (browser, url):
        browser.get(url)
        wait = WebDriverWait(browser, 60)

        def shown(element_id):  # textContent: the CSS upper-cases the museum's name
            element = browser.find_element(By.ID, element_id)
            return element.get_attribute("textContent") if element.is_displayed() else None

        card = f'.card[data-key="{GOTHIC}"]'
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, card))
        assert browser.find_element(By.CSS_SELECTOR, f"{card} .museum").get_attribute("textContent") == \
            "Art Institute of Chicago"
        browser.find_element(By.CSS_SELECTOR, card).click()
        wait.until(lambda b: shown("notes-text"))
        assert shown("guide-museum") == "Art Institute of Chicago"
        assert shown("notes-text") == service.paintings[GOTHIC]["notes"] and shown("notes-credit") == CREDIT
        browser.find_element(By.ID, "generate").click()
        # Marks show while the guide is still narrated; the review bar only once it is done.
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#transcript mark.unsupported") and shown("claims-note"))
        # The guide does not end with the credit line, so the page shows it under the guide.
        assert shown("guide-credit") == CREDIT and "notes" in shown("claims-note")
        browser.find_elements(By.CSS_SELECTOR, '.card[data-key^="met-"]')[0].click()
        wait.until(lambda b: shown("guide-museum") == "The Met")
        assert shown("notes-text") is None and shown("guide-credit") is None
