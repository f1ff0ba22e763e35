"""The quality gate every script passes before it becomes a training target, from any writer.

A script is rejected, with the reason, when

* a year, number, proper name or status claim in it is not supported by the prompt it is
  paired with (``grounding``: the prompt is the single source of facts, so a script never
  teaches the model to state what it cannot see);
* a sentence of it is not *supported* or *viewing* by the sentence checker at the publishing
  standard (``museumguide.checks.sentences``, ``strict``): what a model is trained on is what it
  will say;
* it is shorter or longer than the configured bounds;
* it repeats a phrase (any five-word sequence occurs twice);
* it is a near-duplicate of a script already accepted (word-trigram Jaccard similarity at or
  above ``near_duplicate``), which would teach the model one text for many paintings;
* it still holds the end marker or chat scaffolding that belongs to the format, not the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Mapping

from museumguide.checks import grounding
from museumguide.checks.languages import frames, keep_frames_whole
from museumguide.checks.sentences import check_sentences
from museumguide.common.text import sentence_spans
from museumguide.records.prompt import END_MARKER

_TOKEN = re.compile(r"[\w'’]+")


def words(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def repeated_grams(text: str, n: int = 5) -> list[tuple]:
    """The ``n``-word sequences that occur more than once in ``text``, in order."""
    tokens = words(text)
    seen, repeated = set(), []
    for i in range(len(tokens) - n + 1):
        gram = tuple(tokens[i:i + n])
        if gram in seen and gram not in repeated:
            repeated.append(gram)
        seen.add(gram)
    return repeated


def repeated_phrase(text: str, record: Mapping | None = None, n: int = 5) -> str | None:
    """The first phrase ``text`` says twice, or None.

    A repeat that the record itself makes inside one field (a title naming the same study
    for recto and verso) is a faithful quotation, not the writer's, so it is allowed.
    """
    allowed = set()
    for value in (record or {}).values():
        if isinstance(value, str):
            allowed.update(repeated_grams(value, n))
    for gram in repeated_grams(text, n):
        if gram not in allowed:
            return " ".join(gram)
    return None


def shingles(text: str, n: int = 3) -> frozenset:
    tokens = words(text)
    return frozenset(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


@dataclass
class Verdict:
    ok: bool
    reason: str | None = None
    detail: str | None = None


@dataclass
class QualityGate:
    """Stateful: it remembers accepted scripts to catch near-duplicates across the whole set."""

    min_words: int = 90
    max_words: int = 150
    near_duplicate: float = 0.8
    _accepted: list[frozenset] = field(default_factory=list, repr=False)
    _index: dict = field(default_factory=lambda: defaultdict(set), repr=False)

    def check(self, text: str, record: Mapping) -> Verdict:
        """Judge ``text`` for ``record`` without remembering it."""
        if END_MARKER in text or "[INST]" in text or "<|" in text:
            return Verdict(False, "format tokens in text", END_MARKER)
        n = len(text.split())
        if n < self.min_words:
            return Verdict(False, "too short", f"{n} words < {self.min_words}")
        if n > self.max_words:
            return Verdict(False, "too long", f"{n} words > {self.max_words}")
        # A sentence in another language's fixed frame (museumguide.checks.languages) holds only the
        # record's own values; its capitalised words ("Titta", "Bild") are no names to check.
        known = frames(record)
        spans = keep_frames_whole(text, sentence_spans(text, record.get("language") or "en"), known)
        framed = [(s, e) for s, e in spans if text[s:e] in known]
        bad = [c for c in grounding.claims(text, record) if not c.supported
               and not any(s <= c.start < e for s, e in framed)]
        for kind in grounding.KINDS:  # the first kind found names the reason
            found = [c.text for c in bad if c.kind == kind]
            if found:
                return Verdict(False, f"unsupported {kind}", ", ".join(found))
        struck = next((v for v in check_sentences(text, record, strict=True) if v.verdict == "unsupported"), None)
        if struck:
            return Verdict(False, "unsupported sentence", f"{struck.text[:80]!r}: {struck.reason}")
        phrase = repeated_phrase(text, record)
        if phrase:
            return Verdict(False, "repeated phrase", phrase)
        similar = self._most_similar(shingles(text))
        if similar >= self.near_duplicate:
            return Verdict(False, "near-duplicate of another script", f"Jaccard {similar:.2f}")
        return Verdict(True)

    def admit(self, text: str, record: Mapping) -> Verdict:
        """Judge ``text`` and, if it passes, remember it for later near-duplicate checks."""
        verdict = self.check(text, record)
        if verdict.ok:
            sh = shingles(text)
            idx = len(self._accepted)
            self._accepted.append(sh)
            for gram in sh:
                self._index[gram].add(idx)
        return verdict

    def _most_similar(self, sh: frozenset) -> float:
        # Only scripts sharing at least one trigram can be similar; the index finds them.
        candidates: dict[int, int] = defaultdict(int)
        for gram in sh:
            for idx in self._index.get(gram, ()):
                candidates[idx] += 1
        best = 0.0
        for idx, shared in candidates.items():
            union = len(sh) + len(self._accepted[idx]) - shared
            best = max(best, shared / union if union else 1.0)
        return best
