"""A polite client for The Met Collection API: one session, a shared rate limit, bounded retries.

    python -m museumguide.collect --department-id 11 --limit 200

It only fetches. What to fetch is ``sources/collect.py``'s job; where to save it and how to resume,
``sources/rawlog.py``'s (and ``sources/aicapi.py``'s for the AIC's pages).
``JsonApiClient`` holds the machinery (session, token bucket, retries, the failure kinds) and is
shared with the Art Institute of Chicago's client (``museumguide.sources.aicapi``); ``MetClient`` adds the
Met's endpoints and quirks.

Failures come in three kinds, because each needs a different response:

* ``TransientError``: 429, 5xx, dropped connections, timeouts, truncated or non-JSON bodies.
  Retried with exponential backoff and jitter (``Retry-After`` honoured), a bounded number
  of times.
* ``PermanentError``: 404 "ObjectID not found", "Not a valid object" and other 4xx answers
  about one object. Not retried; the collector records it in its failures file.
* ``BlockedError``: HTTP 403, the bot-protection HTML page the Met serves bulk clients. It is
  retried with backoff like a transient error, but if it persists the whole run must stop,
  because every further request would be refused too.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from museumguide.common import __version__

DEFAULT_API_URL = "https://collectionapi.metmuseum.org/public/collection/v1"
USER_AGENT = (
    f"museumguide/{__version__} (audio-guide research collector; "
    "+https://github.com/museumguide/museumguide)"
)


class ApiError(Exception):
    """Base class: a request that did not give a usable JSON answer."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class TransientError(ApiError):
    """Worth retrying: the same request may well succeed later."""


class BlockedError(TransientError):
    """The API refuses us (HTTP 403 bot protection); retried, then stops the run."""


class PermanentError(ApiError):
    """Will never succeed for this object (404, invalid object)."""


class TokenBucket:
    """A thread-safe token bucket: at most ``rate`` acquisitions a second, bursts of ``burst``."""

    def __init__(self, rate: float, burst: int = 1):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = float(rate)
        self.capacity = float(max(1, burst))
        self._tokens = self.capacity
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
                self._last = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                wait = (1 - self._tokens) / self.rate
            time.sleep(wait)


def _parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # HTTP-date form; fall back to our own backoff


@dataclass
class RetryPolicy:
    """How hard to try before giving up on one request."""

    attempts: int = 6
    """Total tries per request, the first included."""
    backoff_initial: float = 1.0
    """First backoff in seconds; doubles each retry, plus up to ``backoff_initial`` of jitter."""
    backoff_max: float = 60.0
    """Cap on any single wait, ``Retry-After`` included."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.backoff_initial < 0 or self.backoff_max < 0:
            raise ValueError("backoff times must not be negative")


class JsonApiClient:
    """Fetches JSON from one API root with one ``requests.Session`` shared by all threads.

    Subclasses name their API (``headers``, ``blocked_message``) and may refuse a 200 body that is
    really an error (``_check_body``); the rate limit, retries and failure kinds are the same.
    """

    blocked_message = "HTTP 403 Forbidden"

    def __init__(
        self,
        api_url: str,
        rps: float,
        retry: RetryPolicy | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
        pool_size: int = 16,
        headers: dict[str, str] | None = None,
    ):
        self.api_url = api_url.rstrip("/")
        self.limiter = TokenBucket(rps)
        self.retry = retry or RetryPolicy()
        self._backoff = wait_exponential_jitter(
            multiplier=self.retry.backoff_initial, max=self.retry.backoff_max, jitter=self.retry.backoff_initial
        )
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})})
        adapter = requests.adapters.HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._stats_lock = threading.Lock()
        self.requests_made = 0
        self.retries = 0

    # -- one attempt -------------------------------------------------------------------
    def _get_once(self, path: str, params: dict | None) -> Any:
        self.limiter.acquire()
        with self._stats_lock:
            self.requests_made += 1
        try:
            resp = self.session.get(self.api_url + path, params=params, timeout=self.timeout)
            body = resp.content  # read fully here so a truncated body raises now
        except requests.Timeout as exc:
            raise TransientError(f"timed out: {exc.__class__.__name__}") from exc
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            raise TransientError(f"connection dropped: {exc.__class__.__name__}") from exc
        status = resp.status_code
        if status == 403:
            raise BlockedError(self.blocked_message, status)
        if status == 429:
            raise TransientError(
                "HTTP 429 Too Many Requests", status, _parse_retry_after(resp.headers.get("Retry-After"))
            )
        if status >= 500:
            raise TransientError(
                f"HTTP {status}", status, _parse_retry_after(resp.headers.get("Retry-After"))
            )
        try:
            data = resp.json() if body else None
        except ValueError:
            data = None
        if status >= 400:
            # The Met says {"message": ...}; the AIC says {"status", "error", "detail"}.
            message = (data.get("message") or data.get("detail")) if isinstance(data, dict) else None
            raise PermanentError(message or f"HTTP {status}", status)
        if not isinstance(data, dict):
            raise TransientError(f"HTTP {status} but the body is not a JSON object (truncated?)", status)
        return self._check_body(data, status)

    def _check_body(self, data: dict, status: int) -> dict:
        """Raise ``ApiError`` for a 200 answer that is really an error; the default trusts it."""
        return data

    # -- with retries ------------------------------------------------------------------
    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            return min(retry_after + random.uniform(0, 0.1), self.retry.backoff_max)
        return self._backoff(state)

    def _count_retry(self, state: RetryCallState) -> None:
        with self._stats_lock:
            self.retries += 1

    def get_json(self, path: str, params: dict | None = None) -> dict:
        """GET ``path`` under the API root, retrying transient failures; raise ``ApiError``."""
        retrying = Retrying(
            retry=retry_if_exception_type(TransientError),
            stop=stop_after_attempt(self.retry.attempts),
            wait=self._wait,
            before_sleep=self._count_retry,
            reraise=True,
        )
        return retrying(self._get_once, path, params)

    def close(self) -> None:
        self.session.close()


class MetClient(JsonApiClient):
    """The Met Collection API's endpoints on ``JsonApiClient``."""

    blocked_message = "HTTP 403 (bot protection page)"

    def __init__(
        self,
        api_url: str = DEFAULT_API_URL,
        rps: float = 20.0,
        retry: RetryPolicy | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
        pool_size: int = 16,
    ):
        super().__init__(api_url, rps, retry, timeout, pool_size)

    def _check_body(self, data: dict, status: int) -> dict:
        if "message" in data and "objectID" not in data and "objectIDs" not in data and len(data) == 1:
            # The API answers some bad ids with 200 {"message": "Not a valid object"}.
            raise PermanentError(str(data["message"]), status)
        return data

    # -- endpoints ---------------------------------------------------------------------
    def object_ids(
        self,
        department_id: int | None = None,
        query: str | None = None,
        has_images: bool = False,
        highlight: bool = False,
    ) -> list[int]:
        """Object ids from ``/search`` (when filtering) or ``/objects`` (a whole department)."""
        if query or has_images or highlight:
            params: dict[str, Any] = {"q": query or "*"}
            if department_id is not None:
                params["departmentId"] = department_id
            if has_images:
                params["hasImages"] = "true"
            if highlight:
                params["isHighlight"] = "true"
            data = self.get_json("/search", params)
        else:
            params = {"departmentIds": department_id} if department_id is not None else None
            data = self.get_json("/objects", params)
        # /search with no hits answers {"total": 0, "objectIDs": null}.
        return [int(i) for i in (data.get("objectIDs") or [])]

    def get_object(self, object_id: int) -> dict:
        return self.get_json(f"/objects/{int(object_id)}")
