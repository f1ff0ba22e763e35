"""How hard a guide is to follow, measured with textstat, per language where a formula exists for it.

    from museumguide.checks.readability import readability
    readability("Here is a cat. It is red.")   # {'words': 7, 'flesch_kincaid_grade': ..., ...}

What each language gets (``FORMULAS``): English the Flesch-Kincaid grade (the school year a reader
needs; the family style aims at grade 5 and below) and Flesch reading ease; German, Spanish,
French and Italian the reading ease with that language's own constants (Amstad, Fernández-Huerta,
Kandel-Moles, Flesch-Vacca, as textstat carries them); Swedish LIX (Björnsson's läsbarhetsindex,
the measure Swedish writers use, which needs no syllables). The credit line is left out: it is
shown, not said.
"""

from __future__ import annotations

import statistics
from typing import Iterable

FORMULAS = {
    "en": ("flesch_kincaid_grade", "flesch_reading_ease"),
    "de": ("flesch_reading_ease",), "es": ("flesch_reading_ease",), "fr": ("flesch_reading_ease",),
    "it": ("flesch_reading_ease",),
    "sv": ("lix",),
}
"""The textstat measures reported for each language a guide can be written in."""


def readability(text: str, language: str = "en") -> dict:
    """Words and the readability measures of ``FORMULAS`` for ``text`` in ``language``."""
    import textstat

    if language not in FORMULAS:
        raise ValueError(f"no readability formula for language {language!r}; there are {', '.join(FORMULAS)}")
    textstat.set_lang(language)
    try:
        out: dict = {"words": textstat.lexicon_count(text)}
        for name in FORMULAS[language]:
            out[name] = round(float(getattr(textstat, name)(text)), 2) if text.strip() else None
        return out
    finally:
        textstat.set_lang("en")  # textstat keeps one language for the whole process


def summary(texts: Iterable[str], language: str = "en") -> dict:
    """The median of each measure over ``texts`` (guides of one style and language), with their count."""
    rows = [readability(t, language) for t in texts if t and t.strip()]
    if not rows:
        return {"guides": 0}
    out: dict = {"guides": len(rows)}
    for key in rows[0]:
        values = [r[key] for r in rows if r[key] is not None]
        out[f"median_{key}"] = round(statistics.median(values), 2) if values else None
    return out
