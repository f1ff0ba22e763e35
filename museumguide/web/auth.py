"""Curators who may write, edit and approve guides when the page listens beyond this machine.

    python -m museumguide.web --add-curator "Ada Byron"       # asks for a password twice
    python -m museumguide.web --host 0.0.0.0                  # writing, editing, approving need a sign-in

Accounts live in a JSON file the museum keeps (``--curators``, default ``data/curators.json``):
each name with a salted Argon2id hash made by argon2-cffi, never the password. Signing in gives a
random session token in a cookie the page's scripts cannot read (HttpOnly) and browsers do not
send from other sites (SameSite=Strict), plus a second token the page sends back in a header
(``X-CSRF-Token``) with every change, so a request forged by another site fails twice over. A
change whose ``Origin`` names another site (or scheme) is refused too, and five wrong passwords
lock a name out for a quarter of an hour (``museumguide.web.guard`` keeps the counts). Sessions live
in memory: restarting the server signs everyone out; removing a curator from the accounts file, or
setting a new password, ends their sessions at their next request.
On loopback (the default, unless ``--sign-in``) nobody signs in, as before, but a change is taken
only from this machine's own host and origin (no other site in the curator's browser, no name
rebound to 127.0.0.1); approvals are then recorded under the local user's name.
"""

from __future__ import annotations

import getpass
import json
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from museumguide.common import jsonl
from museumguide.web.guard import SignInGuard

COOKIE = "museumguide_session"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 8 * 3600
"""A sign-in lasts a working day."""
MIN_PASSWORD = 10
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
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
    account: str
    """The account's stored hash at sign-in: a session lives only while the account still holds it."""


def host_name(host: str | None) -> str | None:
    """The name part of a ``Host`` header ("museum.example" of "museum.example:8000"; "::1" of
    "[::1]:8000"), lower-cased; None for a header that is not a host."""
    match = _HOST.match(host or "")
    return (match.group("name") or match.group("v6")).lower() if match else None


def same_site(origin: str | None, host: str | None, scheme: str = "http") -> None:
    """Refuse (403) a change whose ``Origin`` is not the page's own: its scheme, host and port."""
    if origin and (not host or origin.rstrip("/").lower() != f"{scheme}://{host}".lower()):
        raise AuthError(403, f"cross-site request from {origin[:60]} refused")


def loopback_only(origin: str | None, host: str | None, scheme: str = "http") -> None:
    """On loopback, where nobody signs in: a change must come from this machine's own page, so
    neither another site open in the curator's browser nor a name rebound to 127.0.0.1 can make it."""
    if host_name(host) not in LOOPBACK:
        raise AuthError(403, f"requests for host {str(host)[:60]!r} refused: this page listens on loopback only")
    same_site(origin, host, scheme)


def local_curator() -> str:
    """Who approves on loopback, where nobody signs in: the account running the server."""
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry in a container
        return "local"


class Curators:
    """The accounts file and the signed-in sessions over it."""

    def __init__(self, path: Path, hasher=None, guard: SignInGuard | None = None):
        """``hasher``: an ``argon2.PasswordHasher`` (default: argon2-cffi's own parameters; tests
        pass a cheap one). ``guard``: the limits on guessing (default: ``SignInGuard()``)."""
        from argon2 import PasswordHasher

        self.path = Path(path)
        self._hasher = hasher or PasswordHasher()
        self.guard = guard or SignInGuard()
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self._cache: tuple[tuple, dict[str, str]] | None = None
        # Verifying an unknown name against a real hash takes as long as a known one.
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    def accounts(self) -> dict[str, str]:
        """The accounts file as it is now ({name: hash}); read again whenever it changes."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        cached = self._cache
        if cached and cached[0] == stamp:
            return cached[1]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{self.path}: not valid JSON (line {exc.lineno}): {exc.msg}") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise ValueError(f"{self.path}: expected {{name: argon2 hash}}")
        self._cache = (stamp, data)
        return data

    def add(self, name: str, password: str) -> None:
        """Add a curator, or set a new password for one (which ends their sessions)."""
        name = name.strip()
        if not name or len(name) > 80:
            raise ValueError("a curator's name must be 1 to 80 characters")
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"the password must be at least {MIN_PASSWORD} characters")
        accounts = dict(self.accounts())
        accounts[name] = self._hasher.hash(password)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Hashes are not for other accounts on this machine to read, not even for a moment.
        jsonl.write_text_atomic(self.path, json.dumps(accounts, indent=1, sort_keys=True) + "\n", perms=0o600)

    def locked(self, name: str) -> bool:
        """Whether ``name`` has used up its wrong passwords for now (``museumguide.web.guard``)."""
        return self.guard.locked(name, known=name in self.accounts())

    def sign_in(self, name: str, password: str, client: str | None = None) -> tuple[str, Session] | None:
        """A new session and its cookie token for a right name and password; None for a wrong one.
        ``Refused`` when the attempt may not be checked (``museumguide.web.guard``): the name
        locked out, ``client`` (the caller's address) throttled, or the server busy hashing."""
        from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

        stored = self.accounts().get(name)
        with self.guard.attempt(name, known=stored is not None, client=client) as attempt:
            try:
                attempt.ok = self._hasher.verify(stored or self._dummy, password) and stored is not None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                attempt.ok = False
        if not attempt.ok:
            return None
        session = Session(name, secrets.token_urlsafe(32), time.time() + SESSION_SECONDS, stored)
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[token] = session
        return token, session

    def session(self, token: str | None) -> Session | None:
        """The live session of a cookie token: not expired, and its curator still in the accounts
        file with the password they signed in with (else it ends now)."""
        if not token:
            return None
        with self._lock:
            session = self._sessions.get(token)
        if session is None:
            return None
        try:
            current = self.accounts().get(session.curator)
        except (ValueError, OSError):
            current = None  # an accounts file that cannot be read vouches for nobody
        if session.expires < time.time() or current != session.account:
            with self._lock:
                self._sessions.pop(token, None)
            return None
        return session

    def sign_out(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)

    def authorise(self, token: str | None, csrf: str | None, origin: str | None, host: str | None,
                  scheme: str = "http") -> str:
        """The signed-in curator a change comes from; ``AuthError`` when there is none or the
        request comes from another site."""
        same_site(origin, host, scheme)
        session = self.session(token)
        if session is None:
            raise AuthError(401, "sign in as a curator to make changes")
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
