"""Is every fact in a text supported by the record? The check behind the quality gate and the
evaluation's fact precision.

A *claim* is a number (a year, a measurement, a decade like "1660s", a century like "17th") or a
proper name (a capitalised word). A claim is supported when the record backs it:

* numbers: any number written in the record, its years, the parsed height and width rounded to
  whole centimetres or converted to metres (so "about 73 by 93 centimetres" and "1.3 metres"
  pass for 72.7 x 92.7 cm), a decade containing one of its years, the century of one of its
  years;
* names: the word appears in the record's text (accents and case ignored, possessive "'s"
  dropped), or is one of a few words any guide may use ("Met", "Museum").

Capitalised words that only start a sentence are treated as names when the word is rare in
English (wordfreq Zipf frequency below 4), so "Notice" and "Imagine" pass while "Vermeer" at
the start of a sentence is still checked. What this cannot catch: a wrong common-word claim
("painted on copper"), or a name that happens to be a common English word at sentence start.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

GENERIC_NAMES = {"met", "metropolitan", "museum", "art", "i", "bce", "ce", "ad", "bc"}
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(st|nd|rd|th|s)?(?![\w])")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$|^\s*$")


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


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


@dataclass
class Support:
    """What a record can back: its numbers, years and words."""

    numbers: set[float] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    def number_ok(self, value: float, suffix: str) -> bool:
        if suffix == "s":  # a decade: "1660s"
            return value in self.numbers or any(int(value) <= y <= int(value) + 9 for y in self.years)
        if suffix in ("st", "nd", "rd", "th"):  # an ordinal, usually a century
            return value in self.numbers or any((y - 1) // 100 + 1 == value for y in self.years if y > 0)
        return value in self.numbers

    def name_ok(self, word: str) -> bool:
        parts = fold(_strip_possessive(word)).split("-")
        return all(p in self.words or p in GENERIC_NAMES for p in parts if p)


def _texts(record: Mapping[str, Any]) -> list[str]:
    texts = []
    for value in record.values():
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, (list, tuple)):
            texts.extend(str(v) for v in value)
    return texts


def record_support(record: Mapping[str, Any]) -> Support:
    support = Support()
    for text in _texts(record):
        for match in _NUMBER.finditer(text):
            support.numbers.add(float(match.group(1).replace(",", "")))
        for word in _WORD.findall(text):
            for part in fold(_strip_possessive(word)).split("-"):
                support.words.add(part)
    for key in ("begin_year", "end_year", "artist_begin_year", "artist_end_year"):
        if isinstance(record.get(key), int):
            support.numbers.add(float(abs(record[key])))  # -450 is said "450 BCE"
    support.years = {int(n) for n in support.numbers if n == int(n) and 100 <= n <= 2100}
    for key in ("height_cm", "width_cm"):
        cm = record.get(key)
        if isinstance(cm, (int, float)) and cm > 0:
            support.numbers.update({float(round(cm)), round(cm, 1), round(cm / 100, 1), round(cm / 100, 2)})
            if cm >= 100:
                support.numbers.add(float(round(cm / 100)))
    return support


@dataclass
class Claim:
    kind: str  # "number" or "name"
    text: str
    supported: bool


def claims(text: str, record: Mapping[str, Any], support: Support | None = None) -> list[Claim]:
    """Every number and proper name in ``text``, each marked supported or not."""
    support = support or record_support(record)
    found: list[Claim] = []
    for match in _NUMBER.finditer(text):
        value = float(match.group(1).replace(",", ""))
        suffix = match.group(2) or ""
        found.append(Claim("number", match.group(0), support.number_ok(value, suffix)))
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not word[0].isupper():
            continue
        sentence_start = bool(_SENTENCE_END.search(text[: match.start()]))
        if sentence_start and is_common_word(fold(_strip_possessive(word))):
            continue
        found.append(Claim("name", word, support.name_ok(word)))
    return found


def unsupported(text: str, record: Mapping[str, Any]) -> list[str]:
    return [c.text for c in claims(text, record) if not c.supported]


def fact_precision(text: str, record: Mapping[str, Any]) -> float | None:
    """Share of claims the record supports; None when the text makes no claim."""
    found = claims(text, record)
    if not found:
        return None
    return sum(c.supported for c in found) / len(found)


def mentions(text: str, phrase: str | None, kind: str = "title") -> bool:
    """Whether ``text`` names ``phrase``.

    An artist counts as named by the surname (the last word before any parenthesis:
    "Velázquez (Diego Rodríguez de Silva y Velázquez)" -> "Velázquez"); a title when at least
    60% of its content words (longer than three letters, not function words) appear.
    """
    if not phrase:
        return False
    text_words = {fold(_strip_possessive(w)) for w in _WORD.findall(text)}
    if kind == "artist":
        name = re.sub(r"\(.*?\)", "", phrase).strip() or phrase
        surname = _WORD.findall(name)[-1:] or [name]
        return fold(surname[0]) in text_words
    words = [fold(w) for w in _WORD.findall(phrase)]
    key = [w for w in words if len(w) > 3 and zipf(w) < 6.0] or words
    return bool(key) and sum(w in text_words for w in key) / len(key) >= 0.6
