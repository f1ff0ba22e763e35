"""Limits on guessing curators' passwords: per name, per client address, and for the whole server.

Three promises, each kept where the attempt is counted rather than after the password check:

- a name gets ``MAX_FAILURES`` wrong passwords per ``LOCKOUT_SECONDS``. An attempt is counted as a
  failure *before* its hash is checked (and forgiven if the password was right), so guesses sent
  together cannot all be checked while the first ones are still being hashed;
- a client address has at most one sign-in being checked at a time and ``CLIENT_ATTEMPTS`` a
  minute, and the server hashes ``HASHING_SLOTS`` passwords at once at most, so a flood of
  sign-ins costs the server one core, not all of them, and the page stays usable;
- the counts cannot grow memory without bound: names that are not accounts (anyone can make up
  names) and client addresses live in bounded caches whose entries expire with their window.

Names that exist and names that do not are counted alike, so a lockout says nothing about which
names are accounts.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from cachetools import TTLCache

MAX_FAILURES = 5
"""Wrong passwords for one name before it is locked out for ``LOCKOUT_SECONDS``."""
LOCKOUT_SECONDS = 15 * 60
CLIENT_ATTEMPTS = 10
"""Sign-in attempts one client address may make in ``CLIENT_SECONDS``."""
CLIENT_SECONDS = 60
HASHING_SLOTS = 1
"""Passwords hashed at once, server-wide: Argon2 spends a core for about a fifth of a second each."""
HASHING_WAIT = 2.0
"""Seconds an attempt waits for a hashing slot before the server answers that it is busy."""
MAX_TRACKED = 10_000
"""Made-up names, and client addresses, whose counts are kept at once (the oldest go first)."""
LOCKED = "too many wrong passwords for this name: try again in 15 minutes"


class Refused(Exception):
    """A sign-in attempt not checked at all: locked out or throttled (429), or the server busy (503)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


@dataclass
class Attempt:
    """One sign-in being checked; the caller sets ``ok`` when the password was right."""

    ok: bool = False


class SignInGuard:
    """The counts behind the three promises of the module docstring (thread-safe)."""

    def __init__(self, max_failures: int = MAX_FAILURES, lockout_seconds: float = LOCKOUT_SECONDS,
                 client_attempts: int = CLIENT_ATTEMPTS, client_seconds: float = CLIENT_SECONDS,
                 hashing_slots: int = HASHING_SLOTS, hashing_wait: float = HASHING_WAIT,
                 max_tracked: int = MAX_TRACKED):
        if min(max_failures, client_attempts, hashing_slots, max_tracked) < 1:
            raise ValueError("the guard's limits must be at least 1")
        self.max_failures, self.lockout_seconds = max_failures, lockout_seconds
        self.client_attempts, self.client_seconds = client_attempts, client_seconds
        self.hashing_wait = hashing_wait
        self._lock = threading.Lock()
        self._hashing = threading.BoundedSemaphore(hashing_slots)
        # Accounts' names: as many as the accounts file holds. Made-up names: bounded, expiring.
        self._known: dict[str, list[float]] = {}
        self._unknown: TTLCache = TTLCache(max_tracked, lockout_seconds, timer=time.monotonic)
        self._clients: TTLCache = TTLCache(max_tracked, client_seconds, timer=time.monotonic)
        self._in_flight: set[str] = set()

    def _failures(self, name: str, known: bool) -> tuple[dict, list[float]]:
        table = self._known if known else self._unknown
        now = time.monotonic()
        return table, [t for t in table.get(name, ()) if now - t < self.lockout_seconds]

    def locked(self, name: str, known: bool) -> bool:
        """Whether ``name`` has used up its wrong passwords for now."""
        with self._lock:
            return len(self._failures(name, known)[1]) >= self.max_failures

    @contextmanager
    def attempt(self, name: str, known: bool, client: str | None = None):
        """Count one attempt at ``name`` from ``client`` (None: a caller inside this process),
        then hold a hashing slot while the body checks the password; ``Refused`` when the attempt
        may not be checked. Set the yielded ``Attempt.ok`` on a right password."""
        now = time.monotonic()
        with self._lock:
            if client is not None:
                if client in self._in_flight:
                    raise Refused(429, "a sign-in from this address is being checked: wait for its answer")
                recent = [t for t in self._clients.get(client, ()) if now - t < self.client_seconds]
                if len(recent) >= self.client_attempts:
                    raise Refused(429, "too many sign-in attempts from this address: try again in a minute")
                self._clients[client] = recent + [now]
            table, failures = self._failures(name, known)
            if len(failures) >= self.max_failures:
                raise Refused(429, LOCKED)
            table[name] = failures + [now]  # a failure until the password proves right
            if client is not None:
                self._in_flight.add(client)
        outcome, checked = Attempt(), False
        try:
            if not self._hashing.acquire(timeout=self.hashing_wait):
                raise Refused(503, "the server is busy checking other sign-ins: try again in a moment")
            checked = True
            try:
                yield outcome
            finally:
                self._hashing.release()
        finally:
            with self._lock:
                self._in_flight.discard(client)
                if outcome.ok:  # a right password clears the name's count, as sign-ins usually do
                    table.pop(name, None)
                elif not checked:  # never hashed: no guess was spent
                    left = [t for t in table.get(name, ()) if t != now]
                    if left:
                        table[name] = left
                    else:
                        table.pop(name, None)

    def tracked(self) -> int:
        """How many names and client addresses have counts kept now (for tests and the bench)."""
        with self._lock:
            return len(self._known) + len(self._unknown) + len(self._clients)
