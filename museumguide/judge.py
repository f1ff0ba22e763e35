"""Pairwise A/B judging of two systems' guides by a judge model (OpenAI-compatible endpoint).

Each painting is judged twice, with the guides in both orders, because judges favour a
position. A system wins a painting only when both orders pick it; any disagreement, or a
"tie" answer, counts as a tie. Replies the judge garbles are retried, then counted as errors
and left out of the rates.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import requests
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from museumguide.prompt import build_prompt

SYSTEM = """You compare two audio-guide scripts written for the same museum object. Judge which one a visitor standing in front of the work would be better served by: accurate to the record (no invented facts), engaging when spoken aloud, well organised, and the right length (about 35 to 55 seconds).
Answer with exactly one word: A, B, or TIE."""
_VERDICT = re.compile(r"\b(A|B|TIE)\b")


class JudgeError(Exception):
    pass


@dataclass
class ABResult:
    wins_a: int = 0
    wins_b: int = 0
    ties: int = 0
    errors: int = 0
    per_item: list[dict] = field(default_factory=list)

    @property
    def judged(self) -> int:
        return self.wins_a + self.wins_b + self.ties

    def summary(self, name_a: str, name_b: str) -> dict:
        n = self.judged or 1
        return {f"{name_a}_win_rate": round(self.wins_a / n, 3), f"{name_b}_win_rate": round(self.wins_b / n, 3),
                "tie_rate": round(self.ties / n, 3), "judged": self.judged, "errors": self.errors}


class Judge:
    def __init__(self, url: str, model: str, api_key_env: str = "OPENAI_API_KEY", attempts: int = 4,
                 timeout: float = 120.0, workers: int = 4):
        self.url = url.rstrip("/") + "/chat/completions"
        self.model, self.timeout, self.workers = model, timeout, workers
        self.session = requests.Session()
        key = os.environ.get(api_key_env)
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"
        self.retrying = dict(retry=retry_if_exception_type((JudgeError, requests.RequestException)),
                             stop=stop_after_attempt(attempts), wait=wait_exponential_jitter(multiplier=0.2, max=10), reraise=True)

    def _ask_once(self, record: Mapping, first: str, second: str) -> str:
        user = (f"The record:\n{build_prompt(record).rsplit(chr(10) * 2, 1)[0]}\n\n"
                f"Script A:\n{first}\n\nScript B:\n{second}\n\nWhich is better: A, B, or TIE?")
        resp = self.session.post(self.url, timeout=self.timeout, json={
            "model": self.model, "temperature": 0,
            "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]})
        if resp.status_code == 429 or resp.status_code >= 500:
            raise JudgeError(f"HTTP {resp.status_code}")
        resp.raise_for_status()
        try:
            text = resp.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise JudgeError("malformed reply") from exc
        match = _VERDICT.search((text or "").upper())
        if not match:
            raise JudgeError(f"no verdict in {text!r:.60}")
        return match.group(1)

    def ask(self, record: Mapping, first: str, second: str) -> str:
        return Retrying(**self.retrying)(self._ask_once, record, first, second)

    def compare(self, records: Sequence[Mapping], guides_a: Sequence[str], guides_b: Sequence[str]) -> ABResult:
        """Judge every painting in both orders; a win needs both orders to agree."""
        def one(item):
            record, a, b = item
            try:
                ab = self.ask(record, a, b)          # A shown first
                ba = self.ask(record, b, a)          # B shown first
            except (JudgeError, requests.RequestException) as exc:
                return {"object_id": record.get("object_id"), "error": str(exc)}
            first_pick = {"A": "a", "B": "b"}.get(ab, "tie")
            second_pick = {"A": "b", "B": "a"}.get(ba, "tie")
            outcome = first_pick if first_pick == second_pick else "tie"
            return {"object_id": record.get("object_id"), "orders": [ab, ba], "outcome": outcome}

        result = ABResult()
        with ThreadPoolExecutor(self.workers) as pool:
            for item in pool.map(one, zip(records, guides_a, guides_b)):
                result.per_item.append(item)
                if "error" in item:
                    result.errors += 1
                elif item["outcome"] == "a":
                    result.wins_a += 1
                elif item["outcome"] == "b":
                    result.wins_b += 1
                else:
                    result.ties += 1
        return result
