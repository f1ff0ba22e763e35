"""Curators who may write, edit and approve guides when the page listens beyond this machine.

    python -m museumguide.web --add-curator "Ada Byron"       # asks for a password twice
    python -m museumguide.web --host 0.0.0.0                  # writing, editing, approving need a sign-in

Accounts live in a JSON file the museum keeps (``--curators``, default ``data/curators.json``):
each name with a salted Argon2id hash made by argon2-cffi, never the password. Signing in gives a
random session token in a cookie the page's scripts cannot read (HttpOnly) and browsers do not
send from other sites (SameSite=Strict), plus a second token the page sends back in a header
(``X-CSRF-Token``) with every change, so a request forged by another site fails twice over. A
change whose ``Origin`` names another site is refused too, and five wrong passwords lock a name
out for a quarter of an hour. Sessions live in memory: restarting the server signs everyone out.
On loopback (the default, unless ``--sign-in``) nobody signs in, as before, but a change is taken
only from this machine's own host and origin (no other site in the curator's browser, no name
rebound to 127.0.0.1); approvals are then recorded under the local user's name.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from museumguide.common import jsonl

COOKIE = "museumguide_session"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 8 * 3600
"""A sign-in lasts a working day."""
MIN_PASSWORD = 10
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_FAILURES = 5
"""Wrong passwords for one name before it is locked out for ``LOCKOUT_SECONDS``."""
LOCKOUT_SECONDS = 15 * 60
_HOST = re.compile(r"^(?:\[(?P<v6>[^\]]+)\]|(?P<name>[^:\[\]]+))(?::\d+)?$")  # host[:port], [v6][:port]


class AuthError(Exception):
    """A change refused for want of a valid sign-in (401) or as a cross-site request (403)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


@dataclass
class Session:
    curator: str
    csrf: str
    expires: float


def same_site(origin: str | None, host: str | None) -> None:
    """Refuse (403) a change whose ``Origin`` names another site than the page's own host."""
    if origin and (not host or origin.split("://", 1)[-1].rstrip("/") != host):
        raise AuthError(403, f"cross-site request from {origin[:60]} refused")


def loopback_only(origin: str | None, host: str | None) -> None:
    """On loopback, where nobody signs in: a change must come from this machine's own page, so
    neither another site open in the curator's browser nor a name rebound to 127.0.0.1 can make it."""
    match = _HOST.match(host or "")
    if not match or (match.group("name") or match.group("v6")) not in LOOPBACK:
        raise AuthError(403, f"requests for host {str(host)[:60]!r} refused: this page listens on loopback only")
    same_site(origin, host)


def local_curator() -> str:
    """Who approves on loopback, where nobody signs in: the account running the server."""
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry in a container
        return "local"


class Curators:
    """The accounts file and the signed-in sessions over it."""

    def __init__(self, path: Path):
        from argon2 import PasswordHasher

        self.path = Path(path)
        self._hasher = PasswordHasher()
        self._sessions: dict[str, Session] = {}
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        # Verifying an unknown name against a real hash takes as long as a known one.
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    def accounts(self) -> dict[str, str]:
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{self.path}: not valid JSON (line {exc.lineno}): {exc.msg}") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise ValueError(f"{self.path}: expected {{name: argon2 hash}}")
        return data

    def add(self, name: str, password: str) -> None:
        """Add a curator, or set a new password for one."""
        name = name.strip()
        if not name or len(name) > 80:
            raise ValueError("a curator's name must be 1 to 80 characters")
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"the password must be at least {MIN_PASSWORD} characters")
        accounts = self.accounts()
        accounts[name] = self._hasher.hash(password)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        jsonl.write_text_atomic(self.path, json.dumps(accounts, indent=1, sort_keys=True) + "\n")
        os.chmod(self.path, 0o600)  # hashes are not for other accounts on this machine to read

    def locked(self, name: str) -> bool:
        """Whether ``name`` had ``MAX_FAILURES`` wrong passwords within ``LOCKOUT_SECONDS``."""
        now = time.time()
        with self._lock:
            recent = [t for t in self._failures.get(name, []) if now - t < LOCKOUT_SECONDS]
            self._failures[name] = recent
            return len(recent) >= MAX_FAILURES

    def sign_in(self, name: str, password: str) -> tuple[str, Session] | None:
        """A new session and its cookie token for a right name and password; None otherwise
        (and a failure counted against the name, see ``locked``)."""
        from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

        stored = self.accounts().get(name)
        try:
            ok = self._hasher.verify(stored or self._dummy, password) and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if not ok:
            with self._lock:
                self._failures.setdefault(name, []).append(time.time())
            return None
        session = Session(name, secrets.token_urlsafe(32), time.time() + SESSION_SECONDS)
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[token] = session
        return token, session

    def session(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self._lock:
            session = self._sessions.get(token)
            if session and session.expires < time.time():
                del self._sessions[token]
                return None
        return session

    def sign_out(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)

    def authorise(self, token: str | None, csrf: str | None, origin: str | None, host: str | None) -> str:
        """The signed-in curator a change comes from; ``AuthError`` when there is none or the
        request comes from another site."""
        same_site(origin, host)
        session = self.session(token)
        if session is None:
            raise AuthError(401, "sign in as a curator to edit or approve guides")
        if not csrf or not secrets.compare_digest(csrf.encode(), session.csrf.encode()):
            raise AuthError(403, f"missing or wrong {CSRF_HEADER} header")
        return session.curator


def add_curator_interactive(path: Path, name: str) -> int:
    """``--add-curator NAME``: ask for the password twice (without echo) and store its hash."""
    password = getpass.getpass(f"password for {name}: ")
    if getpass.getpass("again: ") != password:
        print("error: the passwords differ; nothing was stored", file=sys.stderr)
        return 2
    Curators(path).add(name, password)
    print(f"curator {name!r} stored in {path}")
    return 0
