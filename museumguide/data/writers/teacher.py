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
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import requests

from museumguide.common import jsonl
from museumguide.common.chat import ChatClient, ChatError
from museumguide.records.prompt import PROMPT_VERSION, build_prompt

STYLE_VERSION = "s2"  # s2: notes
STYLE_GUIDE = """You write audio-guide scripts for an art museum. The visitor is standing in front of the work, listening on headphones.

Rules:
- Use only facts given in the record. Do not add any year, number, person, place or title that the record does not contain. If unsure, describe what to look at instead.
- Open with a hook that names the work. Then point out one or two things to notice, give context from the record, and end with a memorable close.
- When the record has Notes (curator text), carry two to four of their statements in your own spoken words: second person, present tense where natural, no citations or references. Add nothing the notes and fields do not say. Without Notes, add no history or interpretation.
- Spoken English: short sentences, no lists, no headings, no quotation of the field labels. Say "around 1665" for "ca. 1665" and round measurements ("about 73 by 93 centimetres").
- Between {min_words} and {max_words} words. Reply with the script only."""


class TeacherWriter:
    name = "teacher"

    def __init__(self, url: str, model: str, cache_path: Path, api_key_env: str = "OPENAI_API_KEY",
                 workers: int = 4, attempts: int = 5, timeout: float = 120.0, temperature: float = 0.7,
                 min_words: int = 90, max_words: int = 150, backoff_initial: float = 1.0):
        if not url or not model:
            raise ValueError("the teacher writer needs --teacher-url and --teacher-model")
        self.model = model
        self.cache_path = Path(cache_path)
        self.workers, self.temperature = workers, temperature
        self.system = STYLE_GUIDE.format(min_words=min_words, max_words=max_words)
        self.client = ChatClient(url, model, api_key_env, attempts, timeout, backoff_initial)

    def cache_key(self, painting: Mapping) -> str:
        payload = [painting.get("key") or painting.get("object_id"), PROMPT_VERSION, STYLE_VERSION, self.model, build_prompt(painting)]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()

    def _load_cache(self) -> dict[str, str]:
        jsonl.repair_tail(self.cache_path)
        if not self.cache_path.exists():
            return {}
        return {row["key"]: row["text"] for row in jsonl.read_jsonl(self.cache_path, require=("key", "text"))}

    def ask(self, painting: Mapping) -> str:
        return self.client.complete([{"role": "system", "content": self.system},
                                     {"role": "user", "content": build_prompt(painting)}], self.temperature)

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
            try:
                for fut in as_completed(futures):
                    key, painting = futures[fut]
                    try:
                        text = fut.result()
                    except (ChatError, requests.RequestException) as exc:
                        yield painting, None, f"teacher failed: {exc}"
                        continue
                    log.write({"key": key, "painting": painting.get("key"), "object_id": painting.get("object_id"), "model": self.model, "text": text})
                    yield painting, text, None
            except PermissionError:
                # A wrong key or model fails every request alike: drop the queued ones, not ask them.
                for fut in futures:
                    fut.cancel()
                raise
