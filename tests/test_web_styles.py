"""The gallery in several styles: a guide service per style behind a style switch, tours with a
track per style. Real Met records (tests/fixtures/met_objects_60.jsonl), the style writer's own
scripts as the guides, a stand-in voice, the page in Debian's headless Chromium."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from museumguide.data.writers.styles import StyleWriter
from museumguide.data.writers.template import TemplateWriter
from museumguide.records.clean import clean_records
from museumguide.tours import service as tours
from museumguide.tours.defaults import track_dir
from museumguide.web import app as web
from tests.conftest import LOOPBACK_URL
from tests.test_web import StandInVoice, page_in_chromium


@pytest.fixture
def paintings(met_records) -> dict[str, dict]:
    return {p["key"]: p for p in clean_records(met_records).paintings}


@pytest.fixture
def key(paintings) -> str:
    return next(k for k, p in paintings.items() if p.get("tags") and p.get("artist"))


@pytest.fixture
def services(paintings, tmp_path):
    voice = StandInVoice()
    return [tours.GuideService(paintings, track_dir(tmp_path / "web", "en", style),
                               lambda p, s=style: TemplateWriter().write(p) if s == "standard" else
                               StyleWriter().write(p, s), voice,
                               style=style)
            for style in ("standard", "family")]


@pytest.fixture
def client(services):
    from fastapi.testclient import TestClient

    return TestClient(web.create_app(services), base_url=LOOPBACK_URL)


def done(client, key, style=None, timeout=10):
    params = {"style": style} if style else {}
    client.post(f"/api/guides/{key}", params=params)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/guides/{key}", params=params).json()
        if job["status"] in ("done", "error"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"the {style} guide of {key} did not finish")


def test_styles_served_and_an_unknown_one_named(client):
    data = client.get("/api/styles").json()
    assert data["default"] == "standard" and [s["code"] for s in data["styles"]] == ["standard", "family"]
    assert "children" in data["styles"][1]["about"]
    missing = client.get("/api/guides/met-1", params={"style": "description"})
    assert missing.status_code == 404 and "there are: standard, family" in missing.json()["detail"]


def test_a_family_guide_is_its_own_job_checked_as_every_guide_is(client, services, key):
    job = done(client, key, "family")
    assert job["status"] == "done" and job["style"] == "family" and "Talk together" in job["transcript"]
    assert [s["text"] for s in job["sentences"] if s["verdict"] == "unsupported"] == []
    assert "style=family" in job["audio_url"]
    assert client.get(f"/api/guides/{key}").status_code == 404, "no standard guide was asked for"
    assert (services[1].guides_dir / f"{key}.json").is_file() and services[1].out_dir.name == "family"
    # A curator's edit that adds what the record lacks is struck in a family guide too.
    edited = client.put(f"/api/guides/{key}", params={"style": "family"},
                        json={"text": job["transcript"] + " The painter kept three cats in the studio."}).json()
    assert any(s["verdict"] == "unsupported" and "cats" in s["text"] for s in edited["sentences"])


def test_a_tour_carries_each_style_served_as_a_track(client, key):
    done(client, key)
    assert client.post("/api/tours/export", json={"name": "Two styles", "stops": [key], "tracks": ["family"]}
                       ).status_code == 409, "the family guide is not written yet"
    done(client, key, "family")
    r = client.post("/api/tours/export", json={"name": "Two styles", "stops": [key], "tracks": ["standard", "family"]})
    assert r.status_code == 200
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    root = json.loads(zf.read("manifest.json"))
    assert [t["style"] for t in root["tracks"]] == ["standard", "family"]
    family = json.loads(zf.read("family/manifest.json"))
    assert family["style"] == "family" and "Talk together" in zf.read("family/" + family["stops"][0]["transcript"]).decode()
    bad = client.post("/api/tours/export", json={"name": "t", "stops": [key], "tracks": ["childish"]})
    assert bad.status_code == 422 and "childish" not in bad.text, "no echo of what was sent"


def test_cli_refuses_an_unknown_style(capsys):
    assert web.main(["--style", "standard,childish"]) == 2
    assert "style must be one of" in capsys.readouterr().err


def test_style_switch_in_headless_chromium(services, key, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    with page_in_chromium(web.create_app(services), tmp_path) as (browser, url):
        browser.get(url)
        wait = WebDriverWait(browser, 30)
        wait.until(lambda b: b.find_element(By.ID, "style-switch").is_displayed())
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, f'.card[data-key="{key}"]'))
        browser.find_element(By.CSS_SELECTOR, f'.card[data-key="{key}"]').click()
        Select(browser.find_element(By.ID, "style")).select_by_value("family")
        wait.until(lambda b: b.find_element(By.ID, "generate").is_enabled())
        browser.find_element(By.ID, "generate").click()
        wait.until(lambda b: "Talk together" in b.find_element(By.ID, "transcript").text)
        assert key in services[1].jobs and key not in services[0].jobs
