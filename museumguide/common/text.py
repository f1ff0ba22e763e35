"""Words and sentences of English text: the pieces that records, checks and training data share.

    from museumguide.common.text import sentences, fold, zipf
    sentences("Painted ca. 1665 in Delft. It is 73.5 cm high.")
    # -> ['Painted ca. 1665 in Delft.', 'It is 73.5 cm high.']

One splitter for guides and curator notes, so "ca. 1665", "St. Jerome" and "73.5 cm" stay inside
their sentence wherever a sentence is counted; one way to fold a word for comparison; one table of
how common an English word is (wordfreq). They live below every stage so that the notes cleaner
and the fact checker, which both need them, need not import each other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
"""A word: letters, with inner apostrophes ("Turner's") and hyphens ("well-known")."""
# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) and a space before
# something that can open a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {"st", "mr", "mrs", "ms", "dr", "ca", "c", "no", "nos", "jr", "sr", "mt", "vol", "fig",
                  "figs", "p", "pp", "cf", "inv", "approx", "rev", "gen", "col"}


def fold(word: str) -> str:
    """Lower-case and strip accents, so "Ruisdael" matches "RUÏSDAEL"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """How common an English word is: wordfreq's Zipf scale (7 = "the", 3 = rare, 0 = unseen)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def is_common_word(word: str) -> bool:
    return zipf(word) >= 4.0


def strip_possessive(word: str) -> str:
    """"Turner's" -> "Turner"; contractions too ("I'm" -> "I")."""
    return re.sub(r"['’](s|m|ll|re|ve|d)$", "", word)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: a sentence ends at . ! or ? before a space and
    a capital, digit or opening quote; abbreviations ("St.", "ca.") and initials do not end one,
    nor does a decimal point ("73.5")."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start:match.start()].rstrip(".!?\"”’)]")
        last = (before.rsplit(None, 1)[-1] if before.split() else "").lstrip("\"“‘([")
        if last.lower() in _ABBREVIATIONS or (len(last) == 1 and last.isupper()):
            continue
        spans.append((start, match.start() + len(match.group(1))))
        start = match.end()
    spans.append((start, len(text)))
    # Leading and trailing spaces are not part of a sentence; empty pieces are none.
    out = []
    for s, e in spans:
        piece = text[s:e]
        if piece.strip():
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            out.append((s, e))
    return out


def sentences(text: str) -> list[str]:
    """The sentences of plain ``text`` (see ``sentence_spans``)."""
    return [text[s:e] for s, e in sentence_spans(text)]
