"""Do a guide and its translation state the same facts? Years, numbers and names compared.

    from museumguide.checks.translation import compare_translation
    diff = compare_translation(swedish_guide, english_guide, painting, "sv", "en")
    diff.only_in_guide, diff.only_in_other   # e.g. ({'1632'}, set()): the Swedish names a year the English lacks

A museum that publishes a guide in several languages owes every visitor the same facts. Years
and numbers are the same in every language; names nearly so (a translation may write "Jacob"
where the Swedish has "Jakob", or translate a title). So a fact one guide states counts against
it only when the other language's prompt lacks it too, and when the two curator texts do not
themselves differ in it: a guide may carry what its own language's notes say and the other's do
not. Each language's own title and the unknown-maker phrase are no names to compare.

A name here is a capitalised word that does not open a sentence (``common.text.sentences`` with
the language's abbreviations) and, in German, where every noun is capitalised, is rare in German
(wordfreq). A capitalised common word mid-sentence ("Vet vi" in a Swedish guide) still counts:
the comparison is meant to be read by a person, and it errs towards showing a difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from museumguide.checks.grounding import GERMAN_NOUN_ZIPF
from museumguide.common.text import WORD, fold, sentences, zipf
from museumguide.records.notes import credit
from museumguide.records.prompt import build_prompt, in_language

_YEAR_OR_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_UNKNOWN = ("Unknown", "Okänd", "Inconnu", "Unbekannt", "Desconocido", "Sconosciuto")


@dataclass
class TranslationDiff:
    """What one guide states that its translation does not, beyond what their notes differ in."""

    only_in_guide: set[str] = field(default_factory=set)
    only_in_other: set[str] = field(default_factory=set)

    @property
    def same(self) -> bool:
        return not self.only_in_guide and not self.only_in_other


def numbers(text: str) -> set[str]:
    """Every number of ``text``, decimal commas read as points ("92,5" and "92.5" are one)."""
    return {m.replace(",", ".") for m in _YEAR_OR_NUMBER.findall(text)}


def names(text: str, language: str, titles: str = "") -> set[str]:
    """Capitalised words of ``text`` that do not open a sentence and are not words of ``titles``."""
    skip = {fold(w) for w in WORD.findall(titles)}
    out = set()
    for sentence in sentences(text, language):
        for word in WORD.findall(sentence)[1:]:
            if not word[0].isupper() or fold(word) in skip:
                continue
            if language == "de" and zipf(word.lower(), "de") >= GERMAN_NOUN_ZIPF:
                continue  # a German noun, not a name
            out.add(word)
    return out


def facts(text: str, language: str, titles: str = "", painting: Mapping[str, Any] | None = None) -> set[str]:
    """The years, numbers and names ``text`` states; the notes' credit line left out."""
    line = credit(painting) if painting else None
    if line:
        text = text.replace(line, " ")
    return numbers(text) | names(text, language, titles)


def compare_translation(guide: str, other: str, painting: Mapping[str, Any], language: str,
                        other_language: str) -> TranslationDiff:
    """The years, numbers and names ``guide`` (in ``language``) states that ``other`` (in
    ``other_language``) lacks, and the reverse, each left out when the other language's prompt
    states it or when it is among what the two languages' notes differ in. ``painting`` is the
    cleaned record with its ``languages`` (``museumguide.records.lido``)."""
    mine, theirs = in_language(painting, language), in_language(painting, other_language)
    titles = " ".join([mine.get("title") or "", theirs.get("title") or "", *_UNKNOWN])
    my_notes = facts(mine.get("notes") or "", language, titles)
    their_notes = facts(theirs.get("notes") or "", other_language, titles)
    my_prompt = facts(build_prompt(mine, language), language, titles)
    their_prompt = facts(build_prompt(theirs, other_language), other_language, titles)
    said = facts(guide, language, titles, mine) - facts(other, other_language, titles, theirs)
    unsaid = facts(other, other_language, titles, theirs) - facts(guide, language, titles, mine)
    return TranslationDiff(only_in_guide=said - their_prompt - (my_notes - their_notes),
                           only_in_other=unsaid - my_prompt - (their_notes - my_notes))
