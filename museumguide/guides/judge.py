"""Pairwise A/B judging of two systems' guides by a judge model (OpenAI-compatible endpoint).

Each painting is judged twice, with the guides in both orders, because judges favour a
position. A system wins a painting only when both orders pick it; any disagreement, or a
"tie" answer, counts as a tie. Replies the judge garbles are retried, then counted as errors
and left out of the rates.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import requests

from museumguide.common.chat import ChatClient, ChatError
from museumguide.records.prompt import build_prompt

SYSTEM = """You compare two audio-guide scripts written for the same museum object. Judge which one a visitor standing in front of the work would be better served by: accurate to the record (no invented facts), engaging when spoken aloud, well organised, and the right length (about 35 to 55 seconds).
Answer with exactly one word: A, B, or TIE."""
_VERDICT = re.compile(r"\b(A|B|TIE)\b")


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


def _verdict(text: str) -> str:
    match = _VERDICT.search(text.upper())
    if not match:
        raise ValueError(f"no verdict in {text!r:.60}")
    return match.group(1)


class Judge:
    def __init__(self, url: str, model: str, api_key_env: str = "OPENAI_API_KEY", attempts: int = 4,
                 timeout: float = 120.0, workers: int = 4):
        self.client = ChatClient(url, model, api_key_env, attempts, timeout, backoff_initial=0.2)
        self.workers = workers

    def ask(self, record: Mapping, first: str, second: str) -> str:
        """"A", "B" or "TIE" for one order; garbled replies are retried by the client."""
        user = (f"The record:\n{build_prompt(record).rsplit(chr(10) * 2, 1)[0]}\n\n"
                f"Script A:\n{first}\n\nScript B:\n{second}\n\nWhich is better: A, B, or TIE?")
        return self.client.complete([{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
                                    temperature=0, parse=_verdict)

    def compare(self, records: Sequence[Mapping], guides_a: Sequence[str], guides_b: Sequence[str]) -> ABResult:
        """Judge every painting in both orders; a win needs both orders to agree."""
        def one(item):
            record, a, b = item
            try:
                ab = self.ask(record, a, b)          # A shown first
                ba = self.ask(record, b, a)          # B shown first
            except (ChatError, requests.RequestException) as exc:
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
