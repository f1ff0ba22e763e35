"""Training scripts in Swedish, French, German, Spanish and Italian, from the same record.

    from museumguide.data.writers.languages import LanguageWriter, language_rows
    LanguageWriter("sv").write(in_language(painting, "sv"))

A script in another language is built only from the frames of ``museumguide.checks.languages``
(the opening with the hedge said in the language, when and in what it was made, its size, two or
three invitations to look and a closing one) and, where the record has curator notes in that
language, two to four of their sentences as the curator wrote them. So every sentence of it is
one the sentence checker passes, as for the English template scripts, and nothing is translated
by guesswork: a medium the frames cannot say in the language is left out.

``language_rows`` decides which paintings get which: every painting whose record has notes in one
of the languages gets a script in it (the Nationalmuseum's Swedish texts); of the others, a
``share`` picked by a hash of their key get a metadata-only script in one of the five languages,
in turn.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any, Iterable, Mapping

from museumguide.checks.languages import CLOSES, LANGUAGES, VIEWING, hook, made, size
from museumguide.data.writers.template import note_candidates

MIN_WORDS = 40
"""Shortest script kept in another language: a metadata-only one says less than the English
template's 90 words, since it is built from fixed frames only."""


class LanguageWriter:
    """Writes one script in ``language`` for a painting already ``in_language``."""

    def __init__(self, language: str, seed: int = 0, max_words: int = 150):
        if language not in LANGUAGES:
            raise ValueError(f"no script frames for language {language!r}; there are {', '.join(LANGUAGES)}")
        self.language, self.seed, self.max_words = language, seed, max_words
        self.name = f"template-{language}"

    def write(self, p: Mapping[str, Any]) -> str:
        rng = random.Random(f"{self.seed}:{self.language}:{p.get('key')}:{p.get('title')}")
        parts = [hook(p, self.language, rng)]
        parts += [s for s in (made(p, self.language), size(p, self.language)) if s]
        if p.get("notes"):
            candidates = note_candidates(p["notes"])
            chosen = candidates[:rng.choice((2, 3, 3, 4))]
            while len(chosen) > 1 and sum(len(x.split()) for x in parts + chosen) > self.max_words - 25:
                chosen = chosen[:-1]
            parts += chosen
        looking = VIEWING[self.language][:]
        rng.shuffle(looking)
        parts += looking[: 2 if p.get("notes") else 3]
        parts.append(CLOSES[self.language])
        return " ".join(parts)


def _fraction(key: str, seed: int) -> float:
    return int.from_bytes(hashlib.sha256(f"language:{seed}:{key}".encode()).digest()[:8], "big") / 2**64


def language_rows(paintings: Iterable[Mapping[str, Any]], share: float, seed: int = 0) -> list[tuple[Mapping, str]]:
    """(painting, language) for each script to write besides the English ones: a painting with
    notes in a language gets that language; ``share`` of the rest get one language, in turn.
    Paintings only: the other languages' invitations to look were written for paintings ("step
    back to see the whole painting"), and no side chair is one (issue 36)."""
    if not 0 <= share <= 1:
        raise ValueError(f"language_share must be between 0 and 1, got {share}")
    rows, turn = [], 0
    for p in paintings:
        if p.get("form") not in (None, "painting"):
            continue
        own = [lang for lang in LANGUAGES if ((p.get("languages") or {}).get(lang) or {}).get("notes")]
        if own:
            rows += [(p, lang) for lang in own]
        elif _fraction(str(p.get("key")), seed) < share:
            rows.append((p, LANGUAGES[turn % len(LANGUAGES)]))
            turn += 1
    return rows
