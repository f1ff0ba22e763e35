"""How a guide opens in languages other than English: the work and its maker, hedge included.

    from museumguide.checks.openings import hook
    hook({"title": "Drottning Kristina som barn", "artist": "Jacob Heinrich Elbfas",
          "artist_prefix": "School of"}, "sv", random.Random(0))
    # -> "Framför dig hänger Drottning Kristina som barn, från Jacob Heinrich Elbfas skola."

The English openings live with the template writer (``template.HOOKS``); these live with the
checks because the sentence checker passes them word for word (``all_hooks``). Each language has
a few spoken openings and a phrase for each hedge a record's ``artist_prefix`` carries, so
"attributed to" or "copy after" is said in the guide's language, never dropped. Written with
care by the author from the languages' grammar books (Swedish genitive -s, none after s, x or z);
they are short, fixed frames with nothing but the record's own title and name put in them.
"""

from __future__ import annotations

import random
from typing import Any, Mapping

HOOKS = {
    "sv": ["Framför dig hänger {title}, {by}.", "Det här är {title}, {by}.", "Stanna en stund vid {title}, {by}."],
    "fr": ["Voici {title}, {by}.", "Devant vous se trouve {title}, {by}."],
    "de": ["Vor Ihnen hängt {title}, {by}.", "Dies ist {title}, {by}."],
    "es": ["Ante usted está {title}, {by}.", "Esta es la obra {title}, {by}."],
    "it": ["Davanti a voi c'è {title}, {by}.", "Questa è l'opera {title}, {by}."],
}
BY = {
    "sv": {None: "av {a}", "Attributed to": "tillskriven {a}", "Copy after": "en kopia efter {a}",
           "School of": "från {a_s} skola", "Manner of": "i {a_s} stil", "Workshop of": "från {a_s} verkstad",
           "unknown": "av en okänd konstnär"},
    "fr": {None: "de {a}", "Attributed to": "attribué à {a}", "Copy after": "une copie d'après {a}",
           "School of": "de l'école de {a}", "Manner of": "à la manière de {a}", "Workshop of": "de l'atelier de {a}",
           "unknown": "d'un artiste inconnu"},
    "de": {None: "von {a}", "Attributed to": "{a} zugeschrieben", "Copy after": "eine Kopie nach {a}",
           "School of": "aus der Schule von {a}", "Manner of": "in der Art von {a}", "Workshop of": "aus der Werkstatt von {a}",
           "unknown": "von einem unbekannten Künstler"},
    "es": {None: "de {a}", "Attributed to": "atribuida a {a}", "Copy after": "una copia de {a}",
           "School of": "de la escuela de {a}", "Manner of": "al estilo de {a}", "Workshop of": "del taller de {a}",
           "unknown": "de un artista desconocido"},
    "it": {None: "di {a}", "Attributed to": "attribuita a {a}", "Copy after": "una copia da {a}",
           "School of": "della scuola di {a}", "Manner of": "alla maniera di {a}", "Workshop of": "della bottega di {a}",
           "unknown": "di un artista sconosciuto"},
}
UNKNOWN = {"unknown artist", "unknown", "okänd"}


def swedish_genitive(name: str) -> str:
    """"Elbfas" -> "Elbfas", "Larsson" -> "Larssons": -s, none after s, x or z."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def by_phrase(p: Mapping[str, Any], language: str) -> str | None:
    """The maker as the opening says it in ``language``, hedge included; None without a maker."""
    artist = (p.get("artist") or "").strip()
    if not artist:
        return None
    forms = BY[language]
    if artist.lower() in UNKNOWN:
        return forms["unknown"]
    form = forms.get(p.get("artist_prefix")) or forms[None]
    if p.get("artist_prefix") and p.get("artist_prefix") not in forms:
        return f"{p['artist_prefix']} {artist}"  # a hedge with no phrase here is said as the record says it
    return form.format(a=artist, a_s=swedish_genitive(artist))


def all_hooks(p: Mapping[str, Any]) -> set[str]:
    """Every opening this module could give ``p`` in any language: the sentence checker passes
    these word for word, as it passes the credit line (they say only the title and maker)."""
    if not p.get("title"):
        return set()
    by = {lang: by_phrase(p, lang) for lang in HOOKS}
    title = p["title"].rstrip(". ")
    return {(h.replace(", {by}", "").format(title=title) if by[lang] is None else h.format(title=title, by=by[lang]))
            for lang, hooks in HOOKS.items() for h in hooks}


def hook(p: Mapping[str, Any], language: str, rng: random.Random) -> str:
    """The first sentence of a guide in ``language``: the title and maker exactly as the prompt
    shows them."""
    if language not in HOOKS:
        raise ValueError(f"no openings for language {language!r}; there are {', '.join(HOOKS)} and English")
    title = p["title"].rstrip(". ")
    by = by_phrase(p, language)
    if by is None:
        return rng.choice(HOOKS[language]).replace(", {by}", "").format(title=title)
    return rng.choice(HOOKS[language]).format(title=title, by=by)
