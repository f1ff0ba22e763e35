"""Curator accounts and sessions: beyond loopback, editing and approving need a signed-in curator;
reading and listening stay open. Over FastAPI's TestClient with a scripted writer and stand-in
voice, and the sign-in driven in headless Chromium."""

from __future__ import annotations

import json

import pytest

from museumguide.common import jsonl
from museumguide.tours import service as tours
from museumguide.web import app as web
from tests.conftest import LOOPBACK_URL
from museumguide.web.auth import COOKIE, CSRF_HEADER, Curators
from tests.test_web import StandInVoice, page_in_chromium, paintings, wait_done  # noqa: F401 - a fixture

NAME, PASSWORD = "Ada Byron", "a long enough passphrase"


def good_guide(painting: dict) -> str:
    return f"This is {painting['title']}. Notice where the light falls first, and where the shadows gather."


@pytest.fixture
def curators(tmp_path) -> Curators:
    accounts = Curators(tmp_path / "curators.json")
    accounts.add(NAME, PASSWORD)
    return accounts


@pytest.fixture
def guarded(paintings, tmp_path, curators):
    """A service with one finished guide, behind sign-in, and that guide's key."""
    from fastapi.testclient import TestClient

    service = tours.GuideService(paintings, tmp_path / "web", good_guide, StandInVoice())
    client = TestClient(web.create_app(service, curators), base_url="http://museum.example")
    key = sorted(paintings)[0]
    assert client.post(f"/api/guides/{key}").status_code == 401, "writing a guide is a curator's call"
    service.request(key)
    assert wait_done(client, key, timeout=30)["status"] == "done"
    return service, client, key


def sign_in(client) -> str:
    resp = client.post("/api/session", json={"name": NAME, "password": PASSWORD})
    assert resp.status_code == 200 and resp.json()["curator"] == NAME
    cookie = resp.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    return resp.json()["csrf"]


def test_accounts_file_keeps_a_salted_argon2_hash_never_the_password(curators):
    stored = json.loads(curators.path.read_text())
    assert list(stored) == [NAME] and stored[NAME].startswith("$argon2id$")
    assert PASSWORD not in curators.path.read_text()
    curators.add("Second", PASSWORD)
    again = json.loads(curators.path.read_text())
    assert again["Second"] != again[NAME], "each hash has its own salt"
    with pytest.raises(ValueError, match="at least"):
        curators.add("Short", "short")
    assert curators.sign_in(NAME, PASSWORD) and curators.sign_in(NAME, "wrong password!") is None
    assert curators.sign_in("Nobody", PASSWORD) is None


def test_unsigned_changes_are_refused_and_change_nothing(guarded):
    service, client, key = guarded
    before = service.jobs[key].transcript
    assert client.get(f"/api/guides/{key}").status_code == 200, "reading stays open"
    assert client.get(f"/api/audio/{key}").status_code == 200, "listening stays open"
    assert client.get("/api/session").json() == {"auth_required": True, "curator": None, "csrf": None}
    assert client.put(f"/api/guides/{key}", json={"text": "Changed."}).status_code == 401
    assert client.post(f"/api/guides/{key}/approve").status_code == 401
    wrong = client.post("/api/session", json={"name": NAME, "password": "not the password"})
    assert wrong.status_code == 401 and COOKIE not in wrong.headers.get("set-cookie", "")
    assert client.put(f"/api/guides/{key}", json={"text": "Changed."}).status_code == 401
    assert service.jobs[key].transcript == before and service.jobs[key].review == "draft"
    assert not service.approved_path.exists()


def test_signed_in_edit_and_approval_are_recorded_under_the_curators_name(guarded):
    service, client, key = guarded
    csrf = sign_in(client)
    text = good_guide(service.paintings[key]) + " Take one last look."
    # Signed in but without the page's token (a forged cross-site request has no way to read it).
    assert client.put(f"/api/guides/{key}", json={"text": text}).status_code == 403
    forged = client.put(f"/api/guides/{key}", json={"text": text},
                        headers={CSRF_HEADER: csrf, "Origin": "http://evil.example"})
    assert forged.status_code == 403 and "cross-site" in forged.json()["detail"]
    assert service.jobs[key].transcript != text
    edited = client.put(f"/api/guides/{key}", json={"text": text}, headers={CSRF_HEADER: csrf})
    assert edited.status_code == 200 and edited.json()["edited_by"] == NAME
    approved = client.post(f"/api/guides/{key}/approve", headers={CSRF_HEADER: csrf})
    assert approved.status_code == 200 and approved.json()["approved_by"] == NAME
    [row] = jsonl.read_jsonl(service.approved_path)
    assert (row["script"], row["approved_by"], row["edited_by"]) == (text, NAME, NAME) and row["approved_at"]
    # Signed out, the same request is refused again.
    client.delete("/api/session")
    assert client.post(f"/api/guides/{key}/approve", headers={CSRF_HEADER: csrf}).status_code == 401


def test_a_loopback_page_takes_changes_only_from_this_machine(paintings, tmp_path):
    from fastapi.testclient import TestClient

    service = tours.GuideService(paintings, tmp_path / "web", good_guide, StandInVoice())
    key = sorted(paintings)[0]
    app = web.create_app(service)  # loopback: nobody signs in
    # Another site open in the curator's browser, and a name rebound to 127.0.0.1: both refused.
    forged = TestClient(app, base_url=LOOPBACK_URL).post(f"/api/guides/{key}", headers={"Origin": "http://evil.example"})
    rebound = TestClient(app, base_url="http://evil.example").post(f"/api/guides/{key}")
    assert forged.status_code == rebound.status_code == 403 and key not in service.jobs
    assert TestClient(app, base_url=LOOPBACK_URL).post(f"/api/guides/{key}").status_code == 202
    assert TestClient(app, base_url="http://evil.example").get(f"/api/guides/{key}").status_code == 200, "reading"


def test_wrong_passwords_lock_the_name_out(curators):
    from museumguide.web import auth

    for _ in range(auth.MAX_FAILURES):
        assert curators.sign_in(NAME, "not the password") is None
    assert curators.locked(NAME) and not curators.locked("Someone else")


def test_keeping_an_unsupported_sentence_needs_a_reason_that_is_recorded(paintings, tmp_path):
    from fastapi.testclient import TestClient

    def with_invention(painting):
        return f"This is {painting['title']}. It was painted for a wealthy merchant."

    service = tours.GuideService(paintings, tmp_path / "web", with_invention, StandInVoice())
    client = TestClient(web.create_app(service), base_url=LOOPBACK_URL)  # loopback: no sign-in
    key = sorted(paintings)[0]
    client.post(f"/api/guides/{key}")
    job = wait_done(client, key, timeout=30)
    struck = next(v["text"] for v in job["sentences"] if v["verdict"] == "unsupported")
    assert client.post(f"/api/guides/{key}/approve").status_code == 409
    no_reason = client.post(f"/api/guides/{key}/approve", json={"keep": [{"sentence": struck, "reason": ""}]})
    assert no_reason.status_code == 422 and service.jobs[key].review == "draft"
    other = client.post(f"/api/guides/{key}/approve", json={"keep": [{"sentence": "Another.", "reason": "Why not"}]})
    assert other.status_code == 409, "a reason for another sentence keeps nothing"
    reason = "The donor's letter in our files says so"
    ok = client.post(f"/api/guides/{key}/approve", json={"keep": [{"sentence": struck, "reason": reason}]})
    assert ok.status_code == 200 and ok.json()["kept"] == [{"sentence": struck, "reason": reason}]
    [row] = jsonl.read_jsonl(service.approved_path)
    assert row["kept_unsupported"] == [{"sentence": struck, "reason": reason}] and row["script"] == job["transcript"]


def test_sign_in_on_the_page_in_headless_chromium(guarded, curators, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    service, _, key = guarded
    with page_in_chromium(web.create_app(service, curators), tmp_path) as (browser, url):
        browser.get(url)
        wait = WebDriverWait(browser, 60)
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, f'.card[data-key="{key}"]'))
        browser.find_element(By.CSS_SELECTOR, f'.card[data-key="{key}"]').click()
        wait.until(lambda b: b.find_element(By.ID, "signin").is_displayed())
        assert not browser.find_element(By.ID, "approve").is_enabled(), "no approving before signing in"
        browser.find_element(By.ID, "signin-name").send_keys(NAME)
        browser.find_element(By.ID, "signin-password").send_keys("wrong password!")
        browser.find_element(By.ID, "signin-button").click()
        wait.until(lambda b: "wrong name or password" in b.find_element(By.ID, "status").text)
        browser.find_element(By.ID, "signin-password").send_keys(PASSWORD)
        browser.find_element(By.ID, "signin-button").click()
        wait.until(lambda b: f"Signed in as {NAME}" in b.find_element(By.ID, "status").text)
        assert browser.execute_script("return document.cookie") == "", "the session cookie is HttpOnly"
        browser.find_element(By.ID, "approve").click()
        wait.until(lambda b: b.find_element(By.ID, "review").text == "Approved")
    [row] = jsonl.read_jsonl(service.approved_path)
    assert row["approved_by"] == NAME


def test_add_curator_command_stores_a_hash_and_a_public_host_needs_one(tmp_path, monkeypatch, capsys):
    path = tmp_path / "curators.json"
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "typo in the second"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert web.main(["--curators", str(path), "--add-curator", NAME]) == 0
    assert Curators(path).sign_in(NAME, PASSWORD) is not None
    assert web.main(["--curators", str(path), "--add-curator", "Second"]) == 2, "the passwords differ"
    assert "Second" not in json.loads(path.read_text())
    # Beyond loopback without any curator, the page refuses to start rather than open editing to all.
    empty = tmp_path / "none.json"
    assert web.main(["--host", "0.0.0.0", "--curators", str(empty)]) == 2
    assert "--add-curator" in capsys.readouterr().err
