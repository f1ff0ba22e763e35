"""The gallery web app with the real model and voice: API checks over FastAPI's TestClient, and
the page itself driven in Debian's headless Chromium."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import threading
import time
import zipfile

import pytest

from museumguide import jsonl, tours, web

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(trained_run, processed_dir, tmp_path_factory):
    paintings = {p["object_id"]: p for p in jsonl.read_jsonl(processed_dir / "paintings.jsonl")}
    return tours.default_service(paintings, tmp_path_factory.mktemp("web"), adapter=trained_run, max_new_tokens=24)


@pytest.fixture(scope="module")
def client(service):
    from fastapi.testclient import TestClient

    return TestClient(web.create_app(service))


def wait_done(client, object_id, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/guides/{object_id}").json()
        if job["status"] in ("done", "error"):
            return job
        time.sleep(0.3)
    raise AssertionError("guide did not finish")


def test_browse_and_search(client, service):
    data = client.get("/api/paintings?limit=5").json()
    assert data["total"] == len(service.paintings) and len(data["items"]) == 5
    some = next(iter(service.paintings.values()))
    found = client.get("/api/paintings", params={"q": some["title"]}).json()
    assert some["object_id"] in [i["object_id"] for i in found["items"]]
    assert client.get("/api/paintings?limit=0").status_code == 422


def test_generate_reuse_audio_and_persistence(client, service):
    object_id = sorted(service.paintings)[0]
    first = client.post(f"/api/guides/{object_id}")
    assert first.status_code == 202 and first.json()["status"] in tours.STATES
    again = client.post(f"/api/guides/{object_id}").json()
    job = wait_done(client, object_id)
    assert job["status"] == "done", job
    assert job["transcript"] and "<END>" not in job["transcript"]
    assert again["object_id"] == object_id and len([j for j in service.jobs if j == object_id]) == 1
    audio = client.get(job["audio_url"])
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    assert audio.content[:3] == b"ID3" or audio.content[0] == 0xFF, "an MP3 stream"
    assert job["audio_seconds"] > 1
    # A restarted service finds the finished guide on disk and does not redo it.
    restarted = tours.GuideService(service.paintings, service.out_dir, lambda p: pytest.fail("rewritten"),
                                   lambda t, p: pytest.fail("renarrated"))
    assert restarted.request(object_id).status == "done"


def test_bad_requests_get_clear_4xx(client, service):
    assert client.get("/api/guides/999999999").status_code == 404
    assert client.post("/api/guides/999999999").json()["detail"] == "no painting with object id 999999999"
    trick = client.get("/api/guides/..%2F..%2Fetc%2Fpasswd")
    assert trick.status_code in (404, 422) and "detail" in trick.json() and "root:" not in trick.text
    assert client.get("/api/audio/12abc").status_code == 422
    big = client.post("/api/tours/export", content=b"x" * (web.MAX_BODY + 1), headers={"content-type": "application/json"})
    assert big.status_code == 413
    unknown = client.post("/api/tours/export", json={"name": "t", "stops": [1, 2]})
    assert unknown.status_code == 422 and "unknown object id" in unknown.text
    pending = sorted(service.paintings)[-1]
    assert client.post("/api/tours/export", json={"name": "t", "stops": [pending]}).status_code == 409
    assert client.post("/api/tours/export", json={"name": "", "stops": [pending]}).status_code == 422


def test_tour_export_zip(client, service):
    stops = sorted(service.paintings)[:2][::-1]
    for object_id in stops:
        client.post(f"/api/guides/{object_id}")
    for object_id in stops:
        assert wait_done(client, object_id)["status"] == "done"
    resp = client.post("/api/tours/export", json={"name": "../../etc/passwd", "stops": stops})
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/zip"
    exported = list((service.out_dir / "exports").glob("*.zip"))
    assert [p.name for p in exported] == ["etc-passwd.zip"], "the name cannot leave the export folder"
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert [s["object_id"] for s in manifest["stops"]] == stops, "stops keep the tour's order"
        for stop in manifest["stops"]:
            assert zf.read(stop["audio"])[:3] == b"ID3" or zf.read(stop["audio"])[0] == 0xFF
            assert zf.read(stop["transcript"]).decode().strip() == service.jobs[stop["object_id"]].transcript


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_page_in_headless_chromium(service, tmp_path):
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium and chromium-driver (make test installs them)")
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(web.create_app(service), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--autoplay-policy=no-user-gesture-required", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    try:
        while not server.started:
            time.sleep(0.05)
        browser.get(f"http://127.0.0.1:{port}/")
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
    finally:
        browser.quit()
        server.should_exit = True
        thread.join(timeout=10)
