"""The words of a guide's sentences as the checker compares them: folded, possessives dropped,
hyphenated words in parts, and English stems ("painted" and "painting" are one), with numbers kept
as written so that sources match them too."""

from __future__ import annotations

import re
from functools import lru_cache

from museumguide.checks import vetted
from museumguide.common.text import WORD, fold, strip_possessive

DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """The words of ``text``, folded (lower case, no accents) and without a possessive "'s";
    hyphenated words in their parts."""
    return [part for w in WORD.findall(text) for part in fold(strip_possessive(w)).split("-") if part]


def stems(text: str) -> set[str]:
    """The stems of ``text``'s words, and its numbers as written ("1930"), which sources match too."""
    return {stem(w) for w in words(text)} | set(DIGITS.findall(text))


STOP = {fold(w) for w in vetted.STOPWORDS} - vetted.NEGATIONS
"""Words no fact rests on ("the", "of"), negations kept: a sentence's "not" must be its sources'."""
STOP_STEMS = {stem(w) for w in STOP}
