"""Is every fact in a text supported by its prompt? The check behind the quality gate, gated
generation, the curator review and the evaluation's fact precision.

    from museumguide import check_guide
    check_guide("Turner painted Whalers in 1832.", {"title": "Whalers", "artist": "J. M. W. Turner",
                                                    "date": "ca. 1845"})
    # -> [Claim(kind='year', text='1832', supported=False, start=26, end=30)]

The prompt is the single source of facts: a claim is supported only when the fields the prompt
shows (``museumguide.records.prompt.prompt_fields``) back it, never by other fields of the record. A
*claim* is

* a **year** (a whole number from 1000 to 2100, a decade like "1660s", or a number followed by
  BCE/BC), a **number** (any other number, an ordinal century like "17th"), supported when the
  prompt writes it, when it is the other end of a range the prompt abbreviates ("1851–52" backs
  1852), a decade or century containing one of the prompt's years, or the prompt's height or
  width rounded to whole centimetres or converted to metres;
* a **name**: a capitalised word, supported when it appears in the prompt (accents and case
  ignored, possessive "'s" dropped). A capitalised word that only starts a sentence counts as a
  name when it is rare in English (wordfreq Zipf frequency below 4), so "Notice" passes and
  "Vermeer" is still checked;
* a **status**: a claim about the object's standing in the museum (a highlight, a credit line, a
  gift, bequest or purchase, a department), supported only when the prompt says the same word.

In another language (a painting ``in_language``, or ``language=``) years, numbers and names are
found the same way; the status words are that language's (``STATUS_WORDS``: Swedish "gåva",
"förvärvad", German "Schenkung", ...), a sentence's first word is a name only when rare in that
language, and in German a capitalised word common in German is a noun, not a name
(``GERMAN_NOUN_ZIPF``); a rarer noun is checked as a name, which errs towards striking.

What this cannot catch: a wrong claim in common words ("painted on copper"), or a name that is a
common English word at sentence start.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping

from museumguide.common.text import WORD, fold, is_common_word, strip_possessive, zipf
from museumguide.records.dimensions import parse_dimensions_cm
from museumguide.records.notes import credit
from museumguide.records.prompt import prompt_fields, to_painting

GENERIC_NAMES = {"museum", "i", "bce", "ce", "ad", "bc", "b", "c"}
"""Capitalised words any guide may use whatever its prompt says."""
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(st|nd|rd|th|s)?(?![\w])")
_ERA = re.compile(r"\s*(BCE|B\.C\.E?\.?|BC)\b")
_RANGE = re.compile(r"(\d{3,4})\s*[–/-]\s*(\d{1,2})(?!\d)")
_SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*\s*$|^\s*$")
_STATUS = re.compile(
    r"\b(highlights?|credit line|gift|gifts|donat(?:ed|ion)|bequest|bequeathed|purchased?|acquired|"
    r"acquisition|department|on loan)\b", re.IGNORECASE)
STATUS_WORDS = {  # the same claims in the other languages guides are written in
    "sv": r"höjdpunkt\w*|gåv[ao]\w*|skänk\w+|doner\w+|donation\w*|testament\w+|inköp\w*|köpt\w*|"
          r"förvärv\w*|deposition\w*|deponera\w*|avdelning\w*|utlån\w*|lånad\w*|tillfälligt lån",
    "fr": r"don|dons|donat\w+|légu\w+|legs|acqui\w+|achet\w+|achat\w*|département\w*|dépôt\w*|prêté\w*|"
          r"en prêt",
    "de": r"\w*schenk\w*|gestiftet|stiftung\w*|vermächtnis\w*|vermacht\w*|erworb\w+|erwerb\w*|"
          r"\w*ankauf\w*|angekauft|gekauft|abteilung\w*|\w*leihgabe\w*",
    "es": r"donaci\w+|donad\w+|donó|legad\w+|legó|adquiri\w+|adquisici\w+|comprad\w+|compra|"
          r"departamento\w*|préstamo\w*|prestad\w+",
    "it": r"dono|donat\w+|donazion\w+|lascit\w+|acquist\w+|acquisi\w+|dipartiment\w+|prestit\w+|prestat\w+",
}
_STATUS_BY_LANGUAGE = {"en": _STATUS, **{lang: re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
                                         for lang, words in STATUS_WORDS.items()}}
KINDS = ("year", "number", "name", "status")
GERMAN_NOUN_ZIPF = 4.0
"""Inside a German sentence a capitalised word this common is a noun ("Bild" 5.4, "Königin" 4.5),
not a name; rarer ones are checked as names, famous painters too ("Rubens" 3.2)."""


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@dataclass
class Support:
    """What a prompt can back: its numbers, years, words and status words."""

    numbers: set[float] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    status: set[str] = field(default_factory=set)
    language: str = "en"
    """The language of the texts: which words are status words."""

    def number_ok(self, value: float, suffix: str) -> bool:
        if suffix == "s":  # a decade: "1660s"
            return value in self.numbers or any(int(value) <= y <= int(value) + 9 for y in self.years)
        if suffix in ("st", "nd", "rd", "th"):  # an ordinal, usually a century
            return value in self.numbers or any((y - 1) // 100 + 1 == value for y in self.years if y > 0)
        return value in self.numbers

    def name_ok(self, word: str) -> bool:
        parts = fold(strip_possessive(word)).split("-")
        return all(p in self.words or p in GENERIC_NAMES for p in parts if p)

    def status_ok(self, phrase: str) -> bool:
        return _status_key(phrase, self.language) in self.status


def _status_key(phrase: str, language: str = "en") -> str:
    key = fold(phrase)
    if language != "en":  # the same word, its ending aside ("förvärvad", "förvärvades")
        return key[:6]
    for stem in ("highlight", "gift", "donat", "beque", "purchase", "acqui", "department", "credit", "loan"):
        if key.startswith(stem) or stem in key:
            return stem
    return key


def range_end(start: str, end: str) -> str:
    """The full year a range ends in, however it is abbreviated ("1851", "52" -> "1852")."""
    return start[: len(start) - len(end)] + end if len(end) < len(start) else end


WEIGHT = re.compile(r"(\d+(?:\.\d+)?)\s*(kg|g)\b")
"""A metric weight in a record's dimensions ("(27.2 kg)", "(470.6 g)")."""
WEIGHT_OF = re.compile(r"(?i)\b(?:wt\.?|weight:?)\s*[^;()]*?\((\d+(?:\.\d+)?)\s*(kg|g)\)")
"""The object's own weight ("Wt. 60 lb. (27.2 kg)"), not a part's ("South base: 1306 lb. (592.4 kg)")."""


def weight_figures(value: float, unit: str) -> set[float]:
    """The figures a guide may say for a weight: in kilograms to a tenth under 10 kg and whole
    above, in grams whole; halves rounded up, as people round."""
    kg = value / 1000 if unit == "g" else value
    grams = kg * 1000
    return {value, float(int(kg + 0.5)), int(kg * 10 + 0.5) / 10, float(int(grams + 0.5)), round(kg, 1)}


def text_support(texts: list[str], height_cm: float | None = None, width_cm: float | None = None,
                 language: str = "en") -> Support:
    """The support of some texts in ``language``, with a height and width in centimetres if they
    give one."""
    support = Support(language=language)
    for text in texts:
        for match in _NUMBER.finditer(text):
            support.numbers.add(_number(match.group(1)))
        for match in _RANGE.finditer(text):  # "1851–52" also says 1852
            end = range_end(match.group(1), match.group(2))
            if int(end) > int(match.group(1)):  # "1876-09" is September 1876, not a range to 1809
                support.numbers.add(float(end))
        for word in WORD.findall(text):
            for part in fold(strip_possessive(word)).split("-"):
                support.words.add(part)
        support.status.update(_status_key(m.group(0), language)
                              for m in status_pattern(language).finditer(text))
        for match in WEIGHT.finditer(text):  # "Wt. 60 lb. (27.2 kg)": the weight as a guide rounds it
            support.numbers.update(weight_figures(_number(match.group(1)), match.group(2)))
    support.years = {int(n) for n in support.numbers if n == int(n) and 100 <= n <= 2100}
    for cm in (height_cm, width_cm):
        if isinstance(cm, (int, float)) and cm > 0:
            # as Python rounds (68.5 -> 68) and as people do, halves up (68.5 -> 69, 2.45 -> 2.5)
            support.numbers.update({float(round(cm)), round(cm, 1), round(cm / 100, 1), round(cm / 100, 2),
                                    float(int(cm + 0.5)), int(cm * 10 + 0.5) / 10})
            if cm >= 100:
                support.numbers.add(float(round(cm / 100)))
    return support


def prompt_support(painting: Mapping[str, Any]) -> Support:
    """What the prompt of ``painting`` (cleaned schema, or any dict with its field names) backs."""
    fields = prompt_fields(painting)
    texts = [value for _, value in fields]
    dims = next((value for label, value in fields if label == "Dimensions"), None)
    height, width = parse_dimensions_cm(dims) if dims else (None, None)
    return text_support(texts, height, width, language_of(painting))


def language_of(painting: Mapping[str, Any]) -> str:
    """The language a painting's prompt and guide are in: set by ``records.prompt.in_language``."""
    return painting.get("language") or "en"


def status_pattern(language: str) -> re.Pattern:
    return _STATUS_BY_LANGUAGE.get(language, _STATUS)


@dataclass
class Claim:
    kind: str
    """year, number, name or status."""
    text: str
    supported: bool
    start: int = 0
    """Character offset of the claim in the checked text."""
    end: int = 0


def _number_kind(text: str, match: re.Match) -> str:
    value, suffix = _number(match.group(1)), match.group(2) or ""
    if "." in match.group(1):
        return "number"
    if (suffix in ("", "s") and 1000 <= value <= 2100) or _ERA.match(text, match.end()):
        return "year"
    return "number"


def claims(text: str, painting: Mapping[str, Any], support: Support | None = None,
           language: str | None = None) -> list[Claim]:
    """Every year, number, name and status claim in ``text``, in order, each marked supported or
    not by the prompt of ``painting``. ``language``: the text's (default: the painting's, see
    ``language_of``): its status words, and which capitalised words are common words, not names
    (at a sentence's start; in German, where every noun is capitalised, anywhere)."""
    language = language or language_of(painting)
    support = support or prompt_support({**painting, "language": language})
    found: list[Claim] = []
    # The credit line owed for the notes ("Text adapted from the Art Institute of Chicago, ...")
    # names its source by design; it is not a claim about the painting.
    line = credit(painting)
    credited = [(m.start(), m.end()) for m in re.finditer(re.escape(line), text)] if line else []
    for match in _NUMBER.finditer(text):
        ok = support.number_ok(_number(match.group(1)), match.group(2) or "")
        found.append(Claim(_number_kind(text, match), match.group(0), ok, match.start(), match.end()))
    for match in WORD.finditer(text):
        word = match.group(0)
        if not word[0].isupper():
            continue
        sentence_start = bool(_SENTENCE_END.search(text[: match.start()]))
        bare = strip_possessive(word)  # accents kept outside English: wordfreq lists "Königin", not "konigin"
        if sentence_start and is_common_word(fold(bare) if language == "en" else bare.lower(), language):
            continue
        if language == "de" and not sentence_start and zipf(bare.lower(), "de") >= GERMAN_NOUN_ZIPF:
            continue
        found.append(Claim("name", word, support.name_ok(word), match.start(), match.end()))
    for match in status_pattern(language).finditer(text):
        found.append(Claim("status", match.group(0), support.status_ok(match.group(0)), match.start(), match.end()))
    found = [c for c in found if not any(s <= c.start < e for s, e in credited)]
    return sorted(found, key=lambda c: c.start)


def check_guide(text: str, metadata: Mapping[str, Any]) -> list[Claim]:
    """The claims in ``text`` that the prompt for ``metadata`` does not support, with their
    character spans. ``metadata`` is any shape ``generate_guide`` takes."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return [c for c in claims(text, to_painting(metadata), language=language_of(metadata)) if not c.supported]


def unsupported(text: str, painting: Mapping[str, Any]) -> list[str]:
    return [c.text for c in claims(text, painting) if not c.supported]


def fact_precision(text: str, painting: Mapping[str, Any]) -> float | None:
    """Share of claims the prompt supports; None when the text makes no claim."""
    found = claims(text, painting)
    if not found:
        return None
    return sum(c.supported for c in found) / len(found)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def exact_mention(text: str, phrase: str | None) -> bool:
    """Whether ``text`` reproduces ``phrase`` character for character (whitespace and curly
    quotes normalised, a trailing full stop of the phrase ignored)."""
    if not phrase:
        return False
    target = _normal(phrase).rstrip(". ")
    return bool(target) and target in _normal(text)


def artist_exact(text: str, artist: str | None) -> bool:
    """The artist's name as the prompt writes it; the part before a parenthesis (the Met's
    "Velázquez (Diego Rodríguez de Silva y Velázquez)") counts as the name."""
    if not artist:
        return False
    short = re.sub(r"\s*\(.*?\)\s*", " ", artist).strip()
    return exact_mention(text, artist) or exact_mention(text, short)


def mentions(text: str, phrase: str | None, kind: str = "title") -> bool:
    """Whether ``text`` names ``phrase``, loosely (``exact_mention`` is the strict test).

    An artist counts as named by the surname (the last word before any parenthesis); a title
    when at least 60% of its content words (longer than three letters, not function words)
    appear.
    """
    if not phrase:
        return False
    text_words = {fold(strip_possessive(w)) for w in WORD.findall(text)}
    if kind == "artist":
        name = re.sub(r"\(.*?\)", "", phrase).strip() or phrase
        surname = WORD.findall(name)[-1:] or [name]
        return fold(surname[0]) in text_words
    words = [fold(w) for w in WORD.findall(phrase)]
    key = [w for w in words if len(w) > 3 and zipf(w) < 6.0] or words
    return bool(key) and sum(w in text_words for w in key) / len(key) >= 0.6
