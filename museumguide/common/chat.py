"""One client for OpenAI-compatible chat-completions endpoints (vLLM, Ollama, llama.cpp's
server, hosted APIs), shared by the teacher writer and the A/B judge.

429, 5xx, connection faults, timeouts and unusable replies are retried with exponential backoff
and jitter; any other 4xx (a wrong key, an unknown model) is raised at once as
``PermissionError``, since every further request would fail the same way.
"""

from __future__ import annotations

import os
from typing import Callable

import requests
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class ChatError(Exception):
    """A reply that could not be used after the allowed attempts."""


class ChatClient:
    def __init__(self, url: str, model: str, api_key_env: str = "OPENAI_API_KEY", attempts: int = 5,
                 timeout: float = 120.0, backoff_initial: float = 1.0):
        self.url = url.rstrip("/") + "/chat/completions"
        self.model, self.timeout = model, timeout
        self.session = requests.Session()
        key = os.environ.get(api_key_env)
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"
        self._retrying = dict(
            retry=retry_if_exception_type((ChatError, requests.RequestException)),
            stop=stop_after_attempt(attempts),
            wait=wait_exponential_jitter(multiplier=backoff_initial, max=60, jitter=backoff_initial),
            reraise=True,
        )

    def _once(self, messages: list[dict], temperature: float, parse: Callable[[str], str] | None) -> str:
        resp = self.session.post(self.url, timeout=self.timeout,
                                 json={"model": self.model, "temperature": temperature, "messages": messages})
        if resp.status_code == 429 or resp.status_code >= 500:
            raise ChatError(f"HTTP {resp.status_code}")
        if resp.status_code >= 400:
            raise PermissionError(f"{self.url} answered HTTP {resp.status_code}: {resp.text[:200]}")
        try:
            text = resp.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ChatError(f"malformed reply ({exc.__class__.__name__})") from exc
        if not isinstance(text, str) or not text.strip():
            raise ChatError("empty reply")
        if parse is not None:
            try:
                return parse(text)
            except ValueError as exc:
                raise ChatError(str(exc)) from exc
        return text.strip()

    def complete(self, messages: list[dict], temperature: float = 0.7,
                 parse: Callable[[str], str] | None = None) -> str:
        """The reply's text (or ``parse(text)``; a ValueError from it counts as a bad reply)."""
        return Retrying(**self._retrying)(self._once, messages, temperature, parse)
