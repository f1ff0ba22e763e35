"""The gallery web app: API checks over FastAPI's TestClient and the page itself driven in
Debian's headless Chromium, with the real model and voice (slow) and, for the curator review,
with a scripted writer and a stand-in voice (fast). Two museums: tests/test_web_museums.py."""

from __future__ import annotations

import contextlib
import io
import json
import socket
import threading
import time
import zipfile

import pytest

from museumguide.common import jsonl
from museumguide.tours import service as tours
from museumguide.tours.defaults import default_service
from museumguide.web import app as web
from tests.browser import chromium
from tests.conftest import LOOPBACK_URL
from museumguide.web.auth import COOKIE, CSRF_HEADER, Curators, local_curator

slow = pytest.mark.slow


@pytest.fixture(scope="module")
def service(trained_run, processed_dir, tmp_path_factory):
    paintings = web.load_paintings(processed_dir)
    return default_service(paintings, tmp_path_factory.mktemp("web"), adapter=trained_run, max_new_tokens=24)


@pytest.fixture(scope="module")
def client(service):
    from fastapi.testclient import TestClient

    return TestClient(web.create_app(service), base_url=LOOPBACK_URL)


def wait_done(client, key, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/guides/{key}").json()
        if job["status"] in ("done", "error"):
            return job
        time.sleep(0.3)
    raise AssertionError("guide did not finish")


@slow
def test_browse_and_search(client, service):
    data = client.get("/api/paintings?limit=5").json()
    assert data["total"] == len(service.paintings) and len(data["items"]) == 5
    some = next(iter(service.paintings.values()))
    found = client.get("/api/paintings", params={"q": some["title"]}).json()
    assert some["key"] in [i["key"] for i in found["items"]]
    assert client.get("/api/paintings?limit=0").status_code == 422


@slow
def test_generate_reuse_audio_and_persistence(client, service):
    key = sorted(service.paintings)[0]
    first = client.post(f"/api/guides/{key}")
    assert first.status_code == 202 and first.json()["status"] in tours.STATES
    again = client.post(f"/api/guides/{key}").json()
    job = wait_done(client, key)
    assert job["status"] == "done", job
    assert job["transcript"] and "<END>" not in job["transcript"]
    assert again["key"] == key and len([j for j in service.jobs if j == key]) == 1
    audio = client.get(job["audio_url"])
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    assert audio.content[:3] == b"ID3" or audio.content[0] == 0xFF, "an MP3 stream"
    assert job["audio_seconds"] > 1
    # A restarted service finds the finished guide on disk and does not redo it.
    restarted = tours.GuideService(service.paintings, service.out_dir, lambda p: pytest.fail("rewritten"),
                                   lambda t, p: pytest.fail("renarrated"))
    assert restarted.request(key).status == "done"


@slow
def test_bad_requests_get_clear_4xx(client, service):
    assert client.get("/api/guides/999999999").status_code == 404
    assert client.post("/api/guides/999999999").json()["detail"] == "no painting with key '999999999'"
    trick = client.get("/api/guides/..%2F..%2Fetc%2Fpasswd")
    assert trick.status_code in (404, 422) and "detail" in trick.json() and "root:" not in trick.text
    assert client.get("/api/audio/12abc").status_code == 404
    big = client.post("/api/tours/export", content=b"x" * (web.MAX_BODY + 1), headers={"content-type": "application/json"})
    assert big.status_code == 413
    unknown = client.post("/api/tours/export", json={"name": "t", "stops": [1, 2]})
    assert unknown.status_code == 422 and "no painting here for stop(s) 1, 2" in unknown.text
    pending = sorted(service.paintings)[-1]
    assert client.post("/api/tours/export", json={"name": "t", "stops": [pending]}).status_code == 409
    assert client.post("/api/tours/export", json={"name": "", "stops": [pending]}).status_code == 422


@slow
def test_tour_export_zip(client, service):
    stops = sorted(service.paintings)[:2][::-1]
    for key in stops:
        client.post(f"/api/guides/{key}")
    for key in stops:
        assert wait_done(client, key)["status"] == "done"
    resp = client.post("/api/tours/export", json={"name": "../../etc/passwd", "stops": stops})
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/zip"
    exported = list((service.out_dir / "exports").glob("*.zip"))
    assert [p.name for p in exported] == ["etc-passwd.zip"], "the name cannot leave the export folder"
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert [s["key"] for s in manifest["stops"]] == stops, "stops keep the tour's order"
        assert manifest["credits"] == [] and all(s["credit"] is None for s in manifest["stops"]), "the Met's need none"
        for stop in manifest["stops"]:
            assert zf.read(stop["audio"])[:3] == b"ID3" or zf.read(stop["audio"])[0] == 0xFF
            assert stop["status"] == "draft", "nobody approved these guides"
            draft_line, _, text = zf.read(stop["transcript"]).decode().partition("\n")
            assert draft_line == tours.DRAFT_LINE
            assert text.strip() == service.jobs[stop["key"]].transcript


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def approve(client, key, keep=(), version=None):
    """Approve ``key``'s guide as the page does: naming the version of the text it shows."""
    if version is None:
        version = client.get(f"/api/guides/{key}").json().get("version") or "none"
    return client.post(f"/api/guides/{key}/approve", json={"version": version, "keep": list(keep)})


@contextlib.contextmanager
def page_in_chromium(app, tmp_path):
    """Serve ``app`` on a free local port and yield (headless Chromium, the page's URL)."""
    with chromium(tmp_path) as browser:
        import uvicorn

        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            while not server.started:
                time.sleep(0.05)
            yield browser, f"http://127.0.0.1:{port}/"
        finally:
            server.should_exit = True
            thread.join(timeout=10)


@slow
def test_page_in_headless_chromium(service, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with page_in_chromium(web.create_app(service), tmp_path) as (browser, url):
        browser.get(url)
        wait = WebDriverWait(browser, 180)
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, ".card"))
        browser.find_elements(By.CSS_SELECTOR, ".card")[0].click()
        browser.find_element(By.ID, "generate").click()
        wait.until(lambda b: b.find_element(By.ID, "transcript").text.strip())
        wait.until(lambda b: b.execute_script("return !document.getElementById('player').hidden"))
        src = browser.execute_script("return document.getElementById('player').src")
        assert "/api/audio/" in src
        # The audio element can play its source: the browser decodes its duration.
        wait.until(lambda b: b.execute_script("const a = document.getElementById('player'); return a.readyState >= 1"))
        duration = browser.execute_script("return document.getElementById('player').duration")
        assert duration > 1
        assert browser.find_element(By.ID, "status").text == "Ready."
        browser.save_screenshot(str(tmp_path / "page.png"))  # kept out of the repo


# Curator review, with a scripted writer and a stand-in voice: no model, so these are fast.

UNSUPPORTED_YEAR = "1066"
KEPT_REASON = "The conservator's report says so"


def scripted_guide(painting: dict) -> str:
    """A guide with one claim the record does not back: a year no fixture painting shows."""
    return f"This is {painting['title']}. It was finished in {UNSUPPORTED_YEAR}, and the light is calm."


class StandInVoice:
    """Writes the text it is asked to say into the "MP3", so a test can tell which text a file speaks."""

    def __init__(self):
        self.said: list[str] = []

    def __call__(self, text: str, path) -> float:
        self.said.append(text)
        path.write_bytes(b"ID3" + text.encode("utf-8"))
        return 2.0


@pytest.fixture
def paintings(met_records) -> dict[str, dict]:
    from museumguide.records.clean import clean_records

    return {p["key"]: p for p in clean_records(met_records).paintings}


@pytest.fixture
def review_service(paintings, tmp_path):
    voice = StandInVoice()
    service = tours.GuideService(paintings, tmp_path / "web", scripted_guide, voice)
    service.voice = voice
    return service


def test_review_requests_refused_clearly(paintings, tmp_path):
    from fastapi.testclient import TestClient

    gate = threading.Event()

    def held_writer(painting):  # the guide stays unfinished until the test lets it go
        gate.wait(30)
        return scripted_guide(painting)

    service = tours.GuideService(paintings, tmp_path, held_writer, StandInVoice())
    client = TestClient(web.create_app(service), base_url=LOOPBACK_URL)
    key = sorted(paintings)[0]
    assert client.put("/api/guides/999999999", json={"text": "A guide."}).status_code == 404
    assert approve(client, "999999999").status_code == 404
    assert approve(client, key).status_code == 404, "no guide requested yet"
    client.post(f"/api/guides/{key}")
    early = approve(client, key)
    assert early.status_code == 409 and "not done" in early.json()["detail"]
    assert client.put(f"/api/guides/{key}", json={"text": "Too soon."}).status_code == 409
    gate.set()
    assert wait_done(client, key, timeout=30)["status"] == "done"
    for body in ({"text": ""}, {"text": "  \n "}, {"text": "x" * (tours.MAX_GUIDE_CHARS + 1)}, {}, {"text": 5}):
        assert client.put(f"/api/guides/{key}", json=body).status_code == 422, body
    assert service.jobs[key].transcript == scripted_guide(paintings[key]), "refusals change nothing"
    assert not service.approved_path.exists() or not service.approved_path.read_text().strip()


def test_review_edit_approve_restart_and_export(review_service):
    from fastapi.testclient import TestClient

    from museumguide.data.writers.imported import load_scripts

    service, voice = review_service, review_service.voice
    client = TestClient(web.create_app(service), base_url=LOOPBACK_URL)
    first, second = sorted(service.paintings)[:2]
    for key in (first, second):
        client.post(f"/api/guides/{key}")
    job = wait_done(client, first, timeout=30)
    draft = wait_done(client, second, timeout=30)
    assert job["review"] == "draft" and job["approved_at"] is None
    assert [(c["kind"], c["text"]) for c in job["claims"]] == [("year", UNSUPPORTED_YEAR)]
    claim = job["claims"][0]
    assert job["transcript"][claim["start"]:claim["end"]] == UNSUPPORTED_YEAR

    assert [v["verdict"] for v in job["sentences"]] == ["supported", "unsupported"]
    assert job["sentences"][0]["sources"][0]["field"] == "Title" and UNSUPPORTED_YEAR in job["sentences"][1]["reason"]

    # Approval is refused while the unsupported sentence stands, and the refusal changes nothing.
    refused = approve(client, first)
    assert refused.status_code == 409 and "1 unsupported sentence" in refused.json()["detail"]
    assert service.jobs[first].review == "draft" and not service.approved_path.exists()

    fixed = f"This is {service.paintings[first]['title']}. Notice where the light falls first."
    edited = client.put(f"/api/guides/{first}", json={"text": fixed}).json()
    assert edited["transcript"] == fixed and edited["claims"] == [] and edited["review"] == "draft"
    assert [v["verdict"] for v in edited["sentences"]] == ["supported", "viewing"]
    assert edited["audio_url"] == job["audio_url"], "an edit is narrated only when approved"
    approved = approve(client, first).json()
    assert approved["review"] == "approved" and approved["approved_at"]
    assert approved["approved_by"] == approved["edited_by"] == local_curator()
    assert voice.said[-1] == fixed and approved["audio_url"] != job["audio_url"]
    assert load_scripts(service.approved_path) == {first: fixed}

    # Saving the same text (a re-check) keeps the approval; a changed text is a draft again and
    # leaves approved.jsonl until approved anew, when its line is replaced.
    said = len(voice.said)
    assert client.put(f"/api/guides/{first}", json={"text": fixed + "\n"}).json()["review"] == "approved"
    final = fixed + " Take one last look."
    assert client.put(f"/api/guides/{first}", json={"text": final}).json()["review"] == "draft"
    assert load_scripts(service.approved_path) == {}
    assert approve(client, first).json()["review"] == "approved"
    assert approve(client, first).json()["review"] == "approved"
    assert len(voice.said) == said + 1, "narrated once for the changed text, not for re-approvals"
    rows = jsonl.read_jsonl(service.approved_path)
    assert len(rows) == 1 and rows[0]["script"] == final and rows[0]["approved_at"]
    assert rows[0]["approved_by"] == local_curator() and rows[0]["kept_unsupported"] == []
    assert (rows[0]["key"], rows[0]["source"], rows[0]["object_id"]) == (first, "met", service.paintings[first]["object_id"])

    # Review state lives on disk; a lost approved.jsonl is rebuilt, other runs' lines are kept.
    jsonl.write_jsonl_atomic(service.approved_path, [{"object_id": 1, "script": "From elsewhere."}])
    restarted = tours.GuideService(service.paintings, service.out_dir, lambda p: pytest.fail("rewritten"),
                                   lambda t, p: pytest.fail("renarrated"))
    assert restarted.jobs[first].review == "approved" and restarted.jobs[first].transcript == final
    assert restarted.jobs[second].review == "draft" and restarted.jobs[second].claims == draft["claims"]
    assert load_scripts(service.approved_path) == {"met-1": "From elsewhere.", first: final}

    tour = {"name": "Review", "stops": [first, second]}
    resp = TestClient(web.create_app(restarted), base_url=LOOPBACK_URL).post("/api/tours/export", json=tour)
    assert resp.status_code == 200
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        stops = json.loads(zf.read("manifest.json"))["stops"]
        assert [s["status"] for s in stops] == ["approved", "draft"]
        assert zf.read(stops[0]["transcript"]).decode() == final + "\n"
        assert zf.read(stops[0]["audio"]) == b"ID3" + final.encode(), "the approved text is what is heard"
        assert zf.read(stops[1]["transcript"]).decode() == f"{tours.DRAFT_LINE}\n\n{draft['transcript']}\n"



def test_tour_export_with_a_base_url_offers_feed_and_labels(review_service):
    from fastapi.testclient import TestClient
    import zxingcpp
    from PIL import Image

    service, base = review_service, "https://museum.example/tour/"
    keys = sorted(service.paintings)[:2]
    for key in keys:
        service.request(key)
    service.wait(keys, timeout=30)
    bare = TestClient(web.create_app(service), base_url=LOOPBACK_URL)
    assert bare.get("/api/tours/settings").json() == {"base_url": None, "feed_url": None}
    resp = bare.post("/api/tours/export", json={"name": "Local", "stops": keys})
    assert resp.headers["x-tour-id"] == "local"
    assert bare.get("/api/tours/local/labels-1.png").status_code == 404, "no labels without a base URL"

    client = TestClient(web.create_app(service, base_url=base), base_url=LOOPBACK_URL)
    assert client.get("/api/tours/settings").json() == {"base_url": base, "feed_url": base + "feed.xml"}
    resp = client.post("/api/tours/export", json={"name": "Gallery 7", "stops": keys})
    assert resp.status_code == 200 and resp.headers["x-tour-id"] == "gallery-7"
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        assert {"index.html", "feed.xml", "manifest.iiif.json", "labels.pdf", "labels-1.png"} <= set(zf.namelist())
    sheet = client.get("/api/tours/gallery-7/labels-1.png")
    assert sheet.status_code == 200 and sheet.headers["content-type"] == "image/png"
    codes = sorted(r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(sheet.content))))
    assert codes == [f"{base}index.html#stop-1", f"{base}index.html#stop-2"]
    assert client.get("/api/tours/gallery-7/labels-2.png").status_code == 404
    assert client.get("/api/tours/..%2Fx/labels-1.png").status_code == 404

def test_review_in_headless_chromium(review_service, tmp_path):
    from fastapi.testclient import TestClient
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from museumguide.data.writers.imported import load_scripts

    service = review_service
    first, second = sorted(service.paintings)[:2]
    service.request(second)  # a stop nobody reviews
    service.wait([second], timeout=30)
    app = web.create_app(service)
    # Markup in a curator's text is shown as text, never parsed.
    fixed = f"This is {service.paintings[first]['title']}. The light is <b>calm</b> & still."
    with page_in_chromium(app, tmp_path) as (browser, url):
        browser.get(url)
        wait = WebDriverWait(browser, 60)

        def text_of(element_id):
            return browser.find_element(By.ID, element_id).text

        def marks():
            return browser.find_elements(By.CSS_SELECTOR, "#transcript mark.unsupported")

        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, f'.card[data-key="{first}"]'))
        browser.find_element(By.CSS_SELECTOR, f'.card[data-key="{first}"]').click()
        browser.find_element(By.ID, "generate").click()
        wait.until(lambda b: marks() and text_of("claims-note"))  # marks come while narrating, the review once done
        assert [m.text for m in marks()] == [f"It was finished in {UNSUPPORTED_YEAR}, and the light is calm."]
        assert UNSUPPORTED_YEAR in marks()[0].get_attribute("title")
        assert text_of("review") == "Draft" and "1 unsupported" in text_of("claims-note")
        # A supported sentence shows the field that backs it; the struck one, why.
        browser.find_element(By.CSS_SELECTOR, "#transcript .sentence.supported").click()
        assert f"Title: {service.paintings[first]['title']}" in text_of("sources")
        marks()[0].click()
        assert "Unsupported" in text_of("why") and UNSUPPORTED_YEAR in text_of("why")
        # Approve is refused while it stands unkept.
        browser.find_element(By.ID, "approve").click()
        wait.until(lambda b: "unsupported sentence" in text_of("status"))
        assert text_of("review") == "Draft" and not service.approved_path.exists()

        browser.find_element(By.ID, "edit").click()
        editor = browser.find_element(By.ID, "editor")
        assert editor.is_displayed() and editor.get_attribute("value") == scripted_guide(service.paintings[first])
        editor.clear()
        editor.send_keys(fixed)
        browser.find_element(By.ID, "recheck").click()
        wait.until(lambda b: text_of("transcript") == fixed)
        assert [m.text for m in marks()] == ["The light is <b>calm</b> & still."]
        assert not browser.find_elements(By.CSS_SELECTOR, "#transcript b")
        assert "1 unsupported" in text_of("claims-note") and text_of("review") == "Draft"
        # The curator keeps the struck sentence with a reason; the approval records it.
        marks()[0].click()
        browser.find_element(By.ID, "keep-reason").send_keys(KEPT_REASON)
        browser.find_element(By.ID, "keep").click()
        assert "1 kept" in text_of("claims-note")

        browser.find_element(By.ID, "approve").click()
        wait.until(lambda b: text_of("review") == "Approved")
        assert text_of("status") == "Ready."
        browser.save_screenshot(str(tmp_path / "review.png"))  # kept out of the repo

    resp = TestClient(app, base_url=LOOPBACK_URL).post("/api/tours/export", json={"name": "Reviewed", "stops": [first, second]})
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        stops = json.loads(zf.read("manifest.json"))["stops"]
        assert [(s["key"], s["status"]) for s in stops] == [(first, "approved"), (second, "draft")]
        assert zf.read(stops[0]["transcript"]).decode() == fixed + "\n"
        assert zf.read(stops[1]["transcript"]).decode().startswith(tours.DRAFT_LINE + "\n")
    assert load_scripts(service.approved_path) == {first: fixed}
    row = next(r for r in jsonl.read_jsonl(service.approved_path) if r["key"] == first)
    assert row["kept_unsupported"] == [{"sentence": "The light is <b>calm</b> & still.", "reason": KEPT_REASON}]
    assert row["approved_by"] == row["edited_by"] == local_curator() and row["approved_at"]


@slow
def test_page_shows_feed_and_qr_sheet_after_export(review_service, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    service, base = review_service, "https://museum.example/tour/"
    keys = sorted(service.paintings)[:2]
    with page_in_chromium(web.create_app(service, base_url=base), tmp_path) as (browser, url):
        browser.get(url)
        wait = WebDriverWait(browser, 60)
        for key in keys:
            wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, f'.card[data-key="{key}"]'))
            browser.find_element(By.CSS_SELECTOR, f'.card[data-key="{key}"]').click()
            wait.until(lambda b: b.find_element(By.ID, "add").is_enabled())
            browser.find_element(By.ID, "add").click()
        assert len(browser.find_elements(By.CSS_SELECTOR, "#tour li")) == 2
        assert not browser.find_element(By.ID, "tour-published").is_displayed()
        browser.find_element(By.ID, "export").click()
        wait.until(lambda b: b.find_element(By.ID, "tour-published").is_displayed())
        assert browser.find_element(By.ID, "feed-url").text == base + "feed.xml"
        wait.until(lambda b: b.execute_script("return document.getElementById('labels').naturalWidth") > 500)


@slow
def test_page_names_a_synthetic_fallback_voice(paintings, tmp_path):
    """Guides narrated in Swedish without a Swedish Piper voice: espeak-ng reads them, and the
    guide's JSON and the page say it is a synthetic fallback."""
    from fastapi.testclient import TestClient
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from museumguide.voice.speak import speak
    from tests.test_voices import needs_espeak

    needs_espeak()
    service = tours.GuideService(paintings, tmp_path / "web", lambda p: f"Det här är {p['title']}. Titta på ljuset.",
                                 lambda text, path: speak(text, path, language="sv"), language="sv")
    key = sorted(service.paintings)[0]
    client = TestClient(web.create_app(service), base_url=LOOPBACK_URL)
    client.post(f"/api/guides/{key}")
    job = wait_done(client, key, timeout=60)
    assert job["synthetic_voice"] and job["voice"].startswith("espeak-ng sv")
    with page_in_chromium(web.create_app(service), tmp_path) as (browser, url):
        browser.get(url)
        wait = WebDriverWait(browser, 60)
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, f'.card[data-key="{key}"]'))
        browser.find_element(By.CSS_SELECTOR, f'.card[data-key="{key}"]').click()
        browser.find_element(By.ID, "generate").click()
        wait.until(lambda b: b.find_element(By.ID, "voice-note").is_displayed())
        assert "synthetic fallback voice" in browser.find_element(By.ID, "voice-note").text
