"""Curator accounts and sessions: beyond loopback, every change needs a signed-in curator;
reading and listening stay open. Over FastAPI's TestClient with a scripted writer and stand-in
voice, and the sign-in driven in headless Chromium. The hasher is argon2-cffi's with its cheapest
parameters, so that the suite stays fast; one test uses the real ones."""

from __future__ import annotations

import json
import os
import re
import threading
import time

import pytest
from argon2 import PasswordHasher

from museumguide.common import jsonl
from museumguide.tours import service as tours
from museumguide.web import app as web
from museumguide.web.auth import COOKIE, CSRF_HEADER, Curators
from museumguide.web.guard import Refused, SignInGuard
from museumguide.web.protect import CHANGES, HEADERS, OPEN_CHANGES
from tests.conftest import LOOPBACK_URL
from tests.test_web import StandInVoice, approve, page_in_chromium, paintings, wait_done  # noqa: F401 - a fixture

NAME, PASSWORD = "Ada Byron", "a long enough passphrase"
OTHER, OTHER_PASSWORD = "Grace Hopper", "another long passphrase"
HOST = "museum.example"


def cheap_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


class SlowHasher(PasswordHasher):
    """The cheap hasher, slowed to an Argon2 check's pace, counting the passwords it checks: the
    window in which guesses sent together used to slip past the lockout."""

    def __init__(self, seconds: float = 0.05):
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.seconds, self.checked, self._count = seconds, 0, threading.Lock()

    def verify(self, hash, password):
        with self._count:
            self.checked += 1
        time.sleep(self.seconds)
        return super().verify(hash, password)


def good_guide(painting: dict) -> str:
    return f"This is {painting['title']}. Notice where the light falls first, and where the shadows gather."


@pytest.fixture
def curators(tmp_path) -> Curators:
    accounts = Curators(tmp_path / "curators.json", hasher=cheap_hasher())
    accounts.add(NAME, PASSWORD)
    accounts.add(OTHER, OTHER_PASSWORD)
    return accounts


@pytest.fixture
def guarded(paintings, tmp_path, curators):
    """A service with one finished guide, behind sign-in at ``HOST``, and that guide's key."""
    from fastapi.testclient import TestClient

    service = tours.GuideService(paintings, tmp_path / "web", good_guide, StandInVoice())
    # A browser sends the page's Origin with every change; the tests' client does the same.
    client = TestClient(web.create_app(service, curators, allowed_hosts=[HOST]), base_url=f"http://{HOST}",
                        headers={"Origin": f"http://{HOST}"})
    key = sorted(paintings)[0]
    assert client.post(f"/api/guides/{key}").status_code == 401, "writing a guide is a curator's call"
    service.request(key)
    assert wait_done(client, key, timeout=30)["status"] == "done"
    return service, client, key


def sign_in(client, name: str = NAME, password: str = PASSWORD) -> str:
    resp = client.post("/api/session", json={"name": name, "password": password})
    assert resp.status_code == 200 and resp.json()["curator"] == name
    cookie = resp.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    return resp.json()["csrf"]


def test_accounts_file_keeps_a_salted_argon2_hash_never_the_password(tmp_path, monkeypatch):
    from museumguide.common import jsonl as atomic

    # The real parameters (argon2-cffi's defaults), once; and the file's mode from its first moment.
    modes, create = [], atomic._create_temp

    def watched(path, perms=0o666):
        fd, tmp = create(path, perms)
        modes.append(os.stat(tmp).st_mode & 0o777)
        return fd, tmp

    monkeypatch.setattr(atomic, "_create_temp", watched)
    curators = Curators(tmp_path / "curators.json")
    curators.add(NAME, PASSWORD)
    stored = json.loads(curators.path.read_text())
    assert list(stored) == [NAME] and stored[NAME].startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in curators.path.read_text()
    assert modes == [0o600] and os.stat(curators.path).st_mode & 0o777 == 0o600, "never readable by others"
    curators.add("Second", PASSWORD)
    again = json.loads(curators.path.read_text())
    assert again["Second"] != again[NAME], "each hash has its own salt"
    with pytest.raises(ValueError, match="at least"):
        curators.add("Short", "short")
    assert curators.sign_in(NAME, PASSWORD) and curators.sign_in(NAME, "wrong password!") is None
    assert curators.sign_in("Nobody", PASSWORD) is None


def test_every_change_route_is_refused_without_a_session(guarded):
    """Walks the app's routes, so that a route added later cannot forget the sign-in."""
    from fastapi.routing import APIRoute

    service, client, key = guarded
    changes = sorted((method, route.path) for route in client.app.routes if isinstance(route, APIRoute)
                     for method in route.methods & set(CHANGES))
    assert ("POST", "/api/tours/export") in changes and ("POST", "/api/guides/{key}/approve") in changes
    guarded_routes = [c for c in changes if c not in OPEN_CHANGES]
    assert len(guarded_routes) >= 4
    before = service.jobs[key].transcript
    bodies = {"/api/tours/export": {"name": "Forged", "stops": [key]}, "/api/guides/{key}": {"text": "Changed."},
              "/api/guides/{key}/approve": {"version": "x"}}
    csrf = None
    for signed in (False, True):
        if signed:
            csrf = sign_in(client)
            client.cookies.clear()  # the token alone, without the cookie it belongs to
        for method, path in guarded_routes:
            url = path.replace("{key}", key).replace("{tour_id}", "forged").replace("{page}", "1")
            headers = {CSRF_HEADER: csrf} if csrf else {}
            resp = client.request(method, url, json=bodies.get(path, {}), headers=headers)
            assert resp.status_code == 401, (method, path, resp.status_code)
    assert service.jobs[key].transcript == before and service.jobs[key].review == "draft"
    assert list(service.exports_dir.iterdir()) == [] and not service.approved_path.exists()


def test_unsigned_changes_are_refused_and_change_nothing(guarded):
    service, client, key = guarded
    before = service.jobs[key].transcript
    assert client.get(f"/api/guides/{key}").status_code == 200, "reading stays open"
    assert client.get(f"/api/audio/{key}").status_code == 200, "listening stays open"
    assert client.get("/api/session").json() == {"auth_required": True, "curator": None, "csrf": None}
    wrong = client.post("/api/session", json={"name": NAME, "password": "not the password"})
    assert wrong.status_code == 401 and COOKIE not in wrong.headers.get("set-cookie", "")
    assert client.put(f"/api/guides/{key}", json={"text": "Changed."}).status_code == 401
    assert client.post("/api/tours/export", json={"name": "Tour", "stops": [key]}).status_code == 401
    assert service.jobs[key].transcript == before and service.jobs[key].review == "draft"
    assert not service.approved_path.exists() and list(service.exports_dir.iterdir()) == []


def test_a_host_the_server_does_not_serve_is_refused(guarded):
    """A page on another name rebound to this server's address (DNS rebinding), its Origin matching."""
    from fastapi.testclient import TestClient

    service, client, key = guarded
    csrf = sign_in(client)
    rebound = TestClient(client.app, base_url="http://evil.example:8765", cookies=dict(client.cookies))
    headers = {"Origin": "http://evil.example:8765", CSRF_HEADER: csrf}
    assert rebound.post("/api/tours/export", json={"name": "Tour", "stops": [key]}, headers=headers).status_code == 400
    assert rebound.get(f"/api/guides/{key}").status_code == 400
    assert list(service.exports_dir.iterdir()) == []
    exported = client.post("/api/tours/export", json={"name": "Tour", "stops": [key]}, headers={CSRF_HEADER: csrf})
    assert exported.status_code == 200 and [p.name for p in service.exports_dir.iterdir()] == ["tour.zip"]


def test_signed_in_edit_and_approval_are_recorded_under_the_curators_name(guarded):
    service, client, key = guarded
    csrf = sign_in(client)
    text = good_guide(service.paintings[key]) + " Take one last look."
    # Signed in but without the page's token (a forged cross-site request has no way to read it).
    assert client.put(f"/api/guides/{key}", json={"text": text}).status_code == 403
    for origin in ("http://evil.example", f"https://{HOST}", "null", f"http://{HOST}:8080", ""):
        forged = client.put(f"/api/guides/{key}", json={"text": text}, headers={CSRF_HEADER: csrf, "Origin": origin})
        assert forged.status_code == 403, origin
        assert ("Origin header" if not origin else "cross-site") in forged.json()["detail"], origin
    assert service.jobs[key].transcript != text
    edited = client.put(f"/api/guides/{key}", json={"text": text}, headers={CSRF_HEADER: csrf, "Origin": f"http://{HOST}"})
    assert edited.status_code == 200 and edited.json()["edited_by"] == NAME
    approved = client.post(f"/api/guides/{key}/approve", json={"version": edited.json()["version"]},
                           headers={CSRF_HEADER: csrf})
    assert approved.status_code == 200 and approved.json()["approved_by"] == NAME
    [row] = jsonl.read_jsonl(service.approved_path)
    assert (row["script"], row["approved_by"], row["edited_by"]) == (text, NAME, NAME) and row["approved_at"]
    # Signed out, the same request is refused again.
    client.delete("/api/session")
    assert client.post(f"/api/guides/{key}/approve", json={"version": "x"}, headers={CSRF_HEADER: csrf}).status_code == 401


def test_approving_names_the_version_seen_and_a_stale_one_is_refused(guarded):
    from fastapi.testclient import TestClient

    service, first, key = guarded
    second = TestClient(first.app, base_url=f"http://{HOST}", headers={"Origin": f"http://{HOST}"})
    first_csrf, second_csrf = sign_in(first), sign_in(second, OTHER, OTHER_PASSWORD)
    seen = second.get(f"/api/guides/{key}").json()["version"]
    changed = good_guide(service.paintings[key]) + " Look again at the corners."
    assert first.put(f"/api/guides/{key}", json={"text": changed, "version": seen},
                     headers={CSRF_HEADER: first_csrf}).status_code == 200
    # The second curator approves what they saw, which is no longer the text: refused, unchanged.
    stale = second.post(f"/api/guides/{key}/approve", json={"version": seen}, headers={CSRF_HEADER: second_csrf})
    assert stale.status_code == 409 and "changed since" in stale.json()["detail"]
    assert second.post(f"/api/guides/{key}/approve", json={}, headers={CSRF_HEADER: second_csrf}).status_code == 422
    assert service.jobs[key].review == "draft" and not service.approved_path.exists()
    # An edit over a stale version is refused too (no lost update).
    lost = second.put(f"/api/guides/{key}", json={"text": "Mine.", "version": seen}, headers={CSRF_HEADER: second_csrf})
    assert lost.status_code == 409 and service.jobs[key].transcript == changed
    current = second.get(f"/api/guides/{key}").json()["version"]
    ok = second.post(f"/api/guides/{key}/approve", json={"version": current}, headers={CSRF_HEADER: second_csrf})
    assert ok.status_code == 200 and (ok.json()["approved_by"], ok.json()["edited_by"]) == (OTHER, NAME)


def test_a_removed_curator_or_a_changed_password_ends_sessions_at_once(guarded, curators):
    service, client, key = guarded
    csrf = sign_in(client)
    text = good_guide(service.paintings[key]) + " One."
    assert client.put(f"/api/guides/{key}", json={"text": text}, headers={CSRF_HEADER: csrf}).status_code == 200
    curators.add(NAME, "a brand new passphrase")  # a new password: the old sign-in ends
    assert client.put(f"/api/guides/{key}", json={"text": text + " Two."}, headers={CSRF_HEADER: csrf}).status_code == 401
    assert client.get("/api/session").json()["curator"] is None
    csrf = sign_in(client, NAME, "a brand new passphrase")
    accounts = json.loads(curators.path.read_text())
    del accounts[NAME]
    jsonl.write_text_atomic(curators.path, json.dumps(accounts), perms=0o600)  # removed by hand
    assert client.put(f"/api/guides/{key}", json={"text": text + " Three."}, headers={CSRF_HEADER: csrf}).status_code == 401
    assert service.jobs[key].transcript == text


def test_concurrent_guesses_never_check_more_than_five(tmp_path):
    """Guesses released together from many addresses: the lockout counts each before its check."""
    hasher = SlowHasher()
    curators = Curators(tmp_path / "curators.json", hasher=hasher)
    curators.add(NAME, PASSWORD)
    for guesses in ([f"wrong guess {i:02d}" for i in range(12)], [f"wrong guess {i:02d}" for i in range(14)] + [PASSWORD]):
        curators.guard = SignInGuard(hashing_slots=4)
        hasher.checked = 0
        barrier, answers = threading.Barrier(len(guesses)), []

        def guess(i, password):
            barrier.wait()
            try:
                answers.append("in" if curators.sign_in(NAME, password, client=f"10.0.0.{i}") else "wrong")
            except Refused as exc:
                answers.append(exc.status)

        threads = [threading.Thread(target=guess, args=(i, p)) for i, p in enumerate(guesses)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert hasher.checked <= 5 and answers.count(429) >= len(guesses) - 5, answers
        assert curators.locked(NAME) or "in" in answers


def test_a_lockout_answers_alike_for_names_that_exist_and_names_that_do_not(guarded, curators):
    service, client, key = guarded
    curators.guard = SignInGuard(client_attempts=100)  # the per-address limit is another test's
    seen = {}
    for name in (NAME, "Nobody at all"):
        answers = [client.post("/api/session", json={"name": name, "password": "not the password"}) for _ in range(6)]
        answers.append(client.post("/api/session", json={"name": name, "password": PASSWORD}))
        seen[name] = [(r.status_code, r.json()["detail"]) for r in answers]
    assert [status for status, _ in seen[NAME]] == [401] * 5 + [429, 429], "locked out, even with the right password"
    assert seen[NAME] == seen["Nobody at all"]


def test_made_up_names_do_not_grow_memory_and_do_not_free_a_locked_name(tmp_path):
    curators = Curators(tmp_path / "curators.json", hasher=cheap_hasher(), guard=SignInGuard(max_tracked=50))
    curators.add(NAME, PASSWORD)
    for _ in range(5):
        curators.sign_in(NAME, "not the password")
    for i in range(300):
        curators.sign_in(f"made-up name {i}", "not the password")
    assert curators.guard.tracked() <= 51, "the account's count and at most 50 made-up names"
    assert curators.locked(NAME), "a flood of made-up names does not free an account that is locked out"
    with pytest.raises(Refused):
        curators.sign_in(NAME, PASSWORD)


def test_password_checks_per_client_and_server_wide_are_limited(tmp_path):
    curators = Curators(tmp_path / "curators.json", hasher=SlowHasher(0.3),
                        guard=SignInGuard(client_attempts=3, hashing_slots=1, hashing_wait=0.05))
    curators.add(NAME, PASSWORD)
    for i in range(3):
        assert curators.sign_in(f"name {i}", "not the password", client="10.0.0.1") is None
    with pytest.raises(Refused, match="this address") as refused:
        curators.sign_in("name 4", "not the password", client="10.0.0.1")
    assert refused.value.status == 429
    # One address, one check at a time; and the server hashes one password at a time.
    started, errors = threading.Event(), []

    def slow_guess():
        started.set()
        curators.sign_in("name 5", "not the password", client="10.0.0.2")

    thread = threading.Thread(target=slow_guess)
    thread.start()
    started.wait()
    time.sleep(0.05)
    for client in ("10.0.0.2", "10.0.0.3"):
        try:
            curators.sign_in("name 6", "not the password", client=client)
        except Refused as exc:
            errors.append((client, exc.status))
    thread.join()
    assert errors == [("10.0.0.2", 429), ("10.0.0.3", 503)]
    assert not curators.guard.locked("name 6", known=False), "a guess never checked is not counted"


def test_refusals_do_not_echo_the_body_and_answers_carry_safe_headers(guarded):
    service, client, key = guarded
    secret = "my real password, sent in the wrong shape " * 40
    refused = client.post("/api/session", json={"name": NAME, "password": secret})
    assert refused.status_code == 422 and "password" in refused.text and "my real password" not in refused.text
    guessed = client.post("/api/tours/export", json={"name": "Tour", "stops": ["my secret password", key]})
    assert guessed.status_code == 401, "without a session, not even the body is read"
    csrf = sign_in(client)
    for stops in (["my secret password", key], ["met-999999999", key]):
        shown = client.post("/api/tours/export", json={"name": "Tour", "stops": stops}, headers={CSRF_HEADER: csrf})
        assert shown.status_code == 422 and re.search(r"\bstop(\(s\))? 1\b", shown.text), shown.text
        assert stops[0] not in shown.text, "the refusal names the stop by its place, not by what was sent"
    from fastapi.testclient import TestClient

    other_host = TestClient(client.app, base_url="http://evil.example").get("/")
    assert other_host.status_code == 400
    for resp in (client.get("/"), client.get(f"/api/guides/{key}"), refused, other_host,
                 client.put(f"/api/guides/{key}", json={"text": "x"})):
        assert {name: resp.headers.get(name) for name in HEADERS} == HEADERS, resp.request.url


def test_an_ipv6_literal_host_is_served_when_named(paintings, tmp_path, curators):
    from fastapi.testclient import TestClient

    service = tours.GuideService(paintings, tmp_path / "web", good_guide, StandInVoice())
    app = web.create_app(service, curators, allowed_hosts=["::1"])
    assert TestClient(app, base_url="http://[::1]:8000").get("/api/session").status_code == 200
    assert TestClient(app, base_url="http://[::2]:8000").get("/api/session").status_code == 400


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
    assert approve(client, key).status_code == 409
    for blank in ("", "  a  ", " \n\t  "):  # three characters needed once the spaces are stripped
        no_reason = approve(client, key, keep=[{"sentence": struck, "reason": blank}])
        assert no_reason.status_code == 422 and service.jobs[key].review == "draft", blank
    other = approve(client, key, keep=[{"sentence": "Another.", "reason": "Why not"}])
    assert other.status_code == 409, "a reason for another sentence keeps nothing"
    reason = "The donor's letter in our files says so"
    ok = approve(client, key, keep=[{"sentence": struck, "reason": f"  {reason} "}])
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
    assert Curators(path, hasher=cheap_hasher()).sign_in(NAME, PASSWORD) is not None
    assert web.main(["--curators", str(path), "--add-curator", "Second"]) == 2, "the passwords differ"
    assert "Second" not in json.loads(path.read_text())
    # Beyond loopback without any curator, the page refuses to start rather than open editing to all.
    empty = tmp_path / "none.json"
    assert web.main(["--host", "0.0.0.0", "--curators", str(empty)]) == 2
    assert "--add-curator" in capsys.readouterr().err


def test_the_hosts_a_signed_in_page_answers_for():
    hosts = web.allowed_hosts("0.0.0.0", "https://tours.museum.example/guides/", ["Gallery.Local"])
    assert {"127.0.0.1", "localhost", "::1", "tours.museum.example", "gallery.local"} <= set(hosts)
    assert "0.0.0.0" not in hosts and "10.1.2.3" in web.allowed_hosts("10.1.2.3", None, [])
