"""Swedish media said in English, for records whose medium the museum gives in Swedish only.

Half of the Nationalmuseum's LIDO records (226 of the 450 in ``../shared``) name their medium
in Swedish only ("Olja på duk", "Akvarell. Glasad"). Read as stored into an English prompt, the
medium is a Swedish phrase a guide then speaks ("The medium is akvarell."), which the blind
annotators struck. This glossary says the medium's first clause in English, word by word, from
the terms those records use; a clause with any word it does not know gives None, so an English
guide says no medium rather than a guessed or a Swedish one. The Swedish stays the medium of the
record's Swedish entry.
"""

from __future__ import annotations

import re

TERMS = {
    # what it is made with
    "olja": "oil", "akvarell": "watercolour", "pastell": "pastel", "gouache": "gouache",
    "tempera": "tempera", "enkaustik": "encaustic", "vax": "wax", "tusch": "ink", "blyerts": "graphite",
    "kol": "charcoal", "krita": "chalk", "silverstift": "silverpoint", "lavering": "wash",
    # what it is on
    "duk": "canvas", "trä": "wood", "koppar": "copper", "papper": "paper", "papp": "cardboard",
    "kartong": "board", "pergament": "parchment", "masonit": "masonite", "pannå": "panel",
    "mahognypannå": "mahogany panel", "ekpannå": "oak panel", "linjeetsning": "line etching",
    "elfenben": "ivory", "sten": "stone", "marmor": "marble", "siden": "silk", "brun": "brown",
    # how the parts join
    "på": "on", "och": "and", "monterad": "mounted", "monterat": "mounted", "uppsatt": "mounted",
    "uppklistrad": "laid down", "uppklistrat": "laid down", "dubblerad": "lined", "/": "/",
}
"""Swedish terms of the Nationalmuseum's media, each with the English a museum label uses."""

_TOKEN = re.compile(r"\w+|/")


def english_medium(swedish: str | None) -> str | None:
    """The first clause of a Swedish medium in English ("Olja på duk monterad på masonit" ->
    "Oil on canvas mounted on masonite", "Akvarell. Glasad" -> "Watercolour"), or None where a
    word of it is not in ``TERMS``."""
    if not swedish or not swedish.strip():
        return None
    clause = re.split(r"\.\s|,\s", swedish.strip().rstrip(".") + " ")[0]
    tokens = _TOKEN.findall(clause.lower())
    if not tokens or any(t not in TERMS for t in tokens):
        return None
    text = " ".join(TERMS[t] for t in tokens).replace(" / ", "/")
    return text[0].upper() + text[1:]
