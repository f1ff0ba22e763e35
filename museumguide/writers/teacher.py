"""Scripts from a teacher model behind any OpenAI-compatible chat-completions endpoint.

    OPENAI_API_KEY=... python -m museumguide.scripts --writer teacher \\
        --teacher-url http://localhost:8000/v1 --teacher-model Qwen/Qwen2.5-72B-Instruct

vLLM, Ollama (``/v1``), llama.cpp's server and hosted APIs all speak this protocol. Replies
are cached on disk, keyed by record, prompt version, style-guide version and model, so a
re-run costs nothing and an interrupted run resumes where it stopped. The cache holds the
teacher's raw text; the quality gate judges it afterwards, so changing the gate never needs
the teacher again.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import requests
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from museumguide import jsonl
from museumguide.prompt import PROMPT_VERSION, build_prompt

STYLE_VERSION = "s1"
STYLE_GUIDE = """You write audio-guide scripts for an art museum. The visitor is standing in front of the work, listening on headphones.

Rules:
- Use only facts given in the record. Do not add any year, number, person, place or title that the record does not contain. If unsure, describe what to look at instead.
- Open with a hook that names the work. Then point out one or two things to notice, give context from the record, and end with a memorable close.
- Spoken English: short sentences, no lists, no headings, no quotation of the field labels. Say "around 1665" for "ca. 1665" and round measurements ("about 73 by 93 centimetres").
- Between {min_words} and {max_words} words. Reply with the script only."""


class TeacherError(Exception):
    """A reply that cannot be used (HTTP error, malformed body); retried, then reported."""


class TeacherWriter:
    name = "teacher"

    def __init__(self, url: str, model: str, cache_path: Path, api_key_env: str = "OPENAI_API_KEY",
                 workers: int = 4, attempts: int = 5, timeout: float = 120.0, temperature: float = 0.7,
                 min_words: int = 90, max_words: int = 150, backoff_initial: float = 1.0):
        if not url or not model:
            raise ValueError("the teacher writer needs --teacher-url and --teacher-model")
        self.url = url.rstrip("/") + "/chat/completions"
        self.model = model
        self.cache_path = Path(cache_path)
        self.api_key = os.environ.get(api_key_env, "")
        self.workers, self.timeout, self.temperature = workers, timeout, temperature
        self.system = STYLE_GUIDE.format(min_words=min_words, max_words=max_words)
        self.retrying = dict(
            retry=retry_if_exception_type((TeacherError, requests.RequestException)),
            stop=stop_after_attempt(attempts),
            wait=wait_exponential_jitter(multiplier=backoff_initial, max=60, jitter=backoff_initial),
            reraise=True,
        )
        self.session = requests.Session()
        if self.api_key:
            self.session.headers["Authorization"] = f"Bearer {self.api_key}"
        self.requests_made = 0
        self._lock = threading.Lock()

    def cache_key(self, painting: Mapping) -> str:
        payload = [painting.get("object_id"), PROMPT_VERSION, STYLE_VERSION, self.model, build_prompt(painting)]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()

    def _load_cache(self) -> dict[str, str]:
        jsonl.repair_tail(self.cache_path)
        if not self.cache_path.exists():
            return {}
        return {row["key"]: row["text"] for row in jsonl.read_jsonl(self.cache_path, require=("key", "text"))}

    def _ask_once(self, painting: Mapping) -> str:
        with self._lock:
            self.requests_made += 1
        body = {
            "model": self.model,
            "temperature": self.temperature,
            "messages": [{"role": "system", "content": self.system},
                         {"role": "user", "content": build_prompt(painting)}],
        }
        resp = self.session.post(self.url, json=body, timeout=self.timeout)
        if resp.status_code == 429 or resp.status_code >= 500:
            raise TeacherError(f"HTTP {resp.status_code}")
        if resp.status_code >= 400:
            # Bad model name or key: retrying cannot help, and every other request will fail too.
            raise PermissionError(f"teacher answered HTTP {resp.status_code}: {resp.text[:200]}")
        try:
            text = resp.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise TeacherError(f"malformed reply ({exc.__class__.__name__})") from exc
        if not isinstance(text, str) or not text.strip():
            raise TeacherError("empty reply")
        return text.strip()

    def ask(self, painting: Mapping) -> str:
        return Retrying(**self.retrying)(self._ask_once, painting)

    def write_all(self, paintings: Iterable[Mapping]) -> Iterator[tuple[Mapping, str | None, str | None]]:
        """Yield ``(painting, text, error)``; cached replies first, then fresh ones as they arrive."""
        cache = self._load_cache()
        todo = []
        for painting in paintings:
            key = self.cache_key(painting)
            if key in cache:
                yield painting, cache[key], None
            else:
                todo.append((key, painting))
        with jsonl.AppendLog(self.cache_path) as log, ThreadPoolExecutor(self.workers) as pool:
            futures = {pool.submit(self.ask, p): (key, p) for key, p in todo}
            for fut in as_completed(futures):
                key, painting = futures[fut]
                try:
                    text = fut.result()
                except (TeacherError, requests.RequestException) as exc:
                    yield painting, None, f"teacher failed: {exc}"
                    continue
                log.write({"key": key, "object_id": painting.get("object_id"), "model": self.model, "text": text})
                yield painting, text, None
