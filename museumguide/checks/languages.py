"""What a guide says in languages other than English: fixed spoken frames filled with the
record's own values, which the sentence checker passes word for word.

    from museumguide.checks.languages import frames, hook
    hook({"title": "Drottning Kristina som barn", "artist": "Jacob Heinrich Elbfas",
          "artist_prefix": "School of"}, "sv", random.Random(0))
    # -> "Framför dig hänger Drottning Kristina som barn, från Jacob Heinrich Elbfas skola."
    frames(painting)   # every such sentence for the painting, with its verdict and fields

The English frames live with the template writer (``data.writers.template``) and its vetted
statements (``checks.vetted``). Here each of Swedish, French, German, Spanish and Italian has an
opening naming the work and its maker (the hedge of ``artist_prefix`` said in the language,
never dropped), a sentence of when and in what it was made (the date as the record gives it, the
medium where the record gives it in the language or ``MEDIA`` knows it), its size in rounded
centimetres, invitations to look and a closing one. A sentence is one of these frames with
nothing but the record's values in it, so the checker (``checks.sentences``) can pass it exactly:
"supported" for the opening, date, medium and size, "viewing" for the invitations. Written with
care by the author from each language's grammar (Swedish genitive -s, none after s, x or z); a
native speaker's review is the next step before a museum publishes them.
"""

from __future__ import annotations

import random
import re
from typing import Any, Mapping

from museumguide.records.aloud import title_aloud

LANGUAGES = ("sv", "fr", "de", "es", "it")
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
MADE = {  # {date} and {medium} as the phrases below give them
    "sv": {"both": "Den målades {date} i {medium}.", "date": "Den målades {date}.", "medium": "Den är målad i {medium}."},
    "fr": {"both": "Elle a été peinte {date} {medium}.", "date": "Elle a été peinte {date}.", "medium": "Elle est peinte {medium}."},
    "de": {"both": "Das Bild wurde {date} {medium} gemalt.", "date": "Das Bild wurde {date} gemalt.",
           "medium": "Das Bild ist {medium} gemalt."},
    "es": {"both": "Fue pintada {date} {medium}.", "date": "Fue pintada {date}.", "medium": "Está pintada {medium}."},
    "it": {"both": "Fu dipinta {date} {medium}.", "date": "Fu dipinta {date}.", "medium": "È dipinta {medium}."},
}
DATES = {  # year, about a year, a range, a decade ("1660s")
    "sv": ("år {y}", "omkring år {y}", "mellan {a} och {b}", "på {d}-talet"),
    "fr": ("en {y}", "vers {y}", "entre {a} et {b}", "dans les années {d}"),
    "de": ("im Jahr {y}", "um {y}", "zwischen {a} und {b}", "in den {d}er-Jahren"),
    "es": ("en {y}", "hacia {y}", "entre {a} y {b}", "en la década de {d}"),
    "it": ("nel {y}", "intorno al {y}", "tra il {a} e il {b}", None),
}
MEDIA = {  # the English medium as records give it -> the phrase after the verb
    "oil on canvas": {"sv": "olja på duk", "fr": "à l'huile sur toile", "de": "in Öl auf Leinwand",
                      "es": "al óleo sobre lienzo", "it": "a olio su tela"},
    "oil on wood": {"sv": "olja på trä", "fr": "à l'huile sur bois", "de": "in Öl auf Holz",
                    "es": "al óleo sobre tabla", "it": "a olio su tavola"},
    "oil on panel": {"sv": "olja på pannå", "fr": "à l'huile sur panneau", "de": "in Öl auf Holz",
                     "es": "al óleo sobre tabla", "it": "a olio su tavola"},
    "oil on copper": {"sv": "olja på koppar", "fr": "à l'huile sur cuivre", "de": "in Öl auf Kupfer",
                      "es": "al óleo sobre cobre", "it": "a olio su rame"},
    "tempera on wood": {"sv": "tempera på trä", "fr": "à la détrempe sur bois", "de": "in Tempera auf Holz",
                        "es": "al temple sobre tabla", "it": "a tempera su tavola"},
}
SIZE = {
    "sv": "Målningen är omkring {h} gånger {w} centimeter.",
    "fr": "Le tableau mesure environ {h} sur {w} centimètres.",
    "de": "Das Bild misst etwa {h} mal {w} Zentimeter.",
    "es": "El cuadro mide unos {h} por {w} centímetros.",
    "it": "Il dipinto misura circa {h} per {w} centimetri.",
}
VIEWING = {
    "sv": ["Titta på hur ljuset faller.", "Ta ett steg bakåt och se hela bilden.",
           "Gå närmare och titta på penseldragen.", "Lägg märke till vart blicken leds först."],
    "fr": ["Regardez comment tombe la lumière.", "Reculez d'un pas pour voir le tableau entier.",
           "Approchez-vous pour observer les coups de pinceau.", "Remarquez où votre regard se pose en premier."],
    "de": ["Achten Sie darauf, wie das Licht fällt.", "Treten Sie einen Schritt zurück und betrachten Sie das ganze Bild.",
           "Gehen Sie näher heran und sehen Sie sich die Pinselstriche an.", "Beachten Sie, wohin Ihr Blick zuerst fällt."],
    "es": ["Observe cómo cae la luz.", "Dé un paso atrás para ver el cuadro entero.",
           "Acérquese para mirar las pinceladas.", "Fíjese en dónde se posa primero su mirada."],
    "it": ["Osservate come cade la luce.", "Fate un passo indietro per vedere l'intero dipinto.",
           "Avvicinatevi per guardare le pennellate.", "Notate dove si posa per primo il vostro sguardo."],
}
CLOSES = {
    "sv": "Ta en sista titt innan du går vidare.",
    "fr": "Prenez un dernier moment avant de continuer.",
    "de": "Nehmen Sie sich noch einen Moment, bevor Sie weitergehen.",
    "es": "Tómese un último momento antes de seguir.",
    "it": "Prendetevi un ultimo momento prima di proseguire.",
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
    prefix = p.get("artist_prefix")
    if prefix and prefix not in forms:
        return f"{prefix} {artist}"  # a hedge with no phrase here is said as the record says it
    return forms[prefix].format(a=artist, a_s=swedish_genitive(artist))


def _hook_text(template: str, title: str, by: str | None) -> str:
    text = template.replace(", {by}", "").format(title=title) if by is None else template.format(title=title, by=by)
    return text[:-1] if text.endswith("..") else text  # a name ending in an abbreviation ("d.ä.")


def hook(p: Mapping[str, Any], language: str, rng: random.Random) -> str:
    """The first sentence of a guide in ``language``: the title and maker exactly as the prompt
    shows them."""
    if language not in HOOKS:
        raise ValueError(f"no openings for language {language!r}; there are {', '.join(HOOKS)} and English")
    return _hook_text(rng.choice(HOOKS[language]), title_aloud(p["title"]), by_phrase(p, language))


def date_phrase(date: str | None, language: str) -> str | None:
    """The record's date (as cleaned: "1733", "ca. 1648", "1725–1730", "1660s") said in
    ``language``; None for any other shape (it is then left out, never guessed)."""
    year, about, between, decade = DATES[language]
    text = (date or "").strip()
    approx = bool(re.match(r"^(ca\.|c\.|circa)\s*", text))
    core = re.sub(r"^(ca\.|c\.|circa)\s*", "", text)
    if re.fullmatch(r"\d{4}", core):
        return (about if approx else year).format(y=core)
    m = re.fullmatch(r"(\d{4})\s*[–-]\s*(\d{4})", core)
    if m and not approx and int(m.group(2)) > int(m.group(1)):
        return between.format(a=m.group(1), b=m.group(2))
    m = re.fullmatch(r"(\d{3}0)s", core)
    if m and decade and not approx:
        return decade.format(d=m.group(1))
    return None


def medium_phrase(p: Mapping[str, Any], language: str) -> str | None:
    """The medium in ``language``: the record's own where it gives one in the language (Swedish
    "Olja på duk"), else the phrase ``MEDIA`` has for its English medium, else None."""
    own = ((p.get("languages") or {}).get(language) or {}).get("medium")
    if own and language == "sv":
        own = own.split(". ")[0].rstrip(".")  # "Akvarell. Diptyk, i samma ram ...": the medium is the first
        return own[0].lower() + own[1:]
    english = (p.get("medium") or "").strip().rstrip(".").lower()
    return MEDIA.get(english, {}).get(language)


def made(p: Mapping[str, Any], language: str) -> str | None:
    """When and in what the work was made, in ``language``, or None when the record says neither
    in a shape the frames can carry."""
    date, medium = date_phrase(p.get("date"), language), medium_phrase(p, language)
    if date and medium:
        return MADE[language]["both"].format(date=date, medium=medium)
    if date:
        return MADE[language]["date"].format(date=date)
    return MADE[language]["medium"].format(medium=medium) if medium else None


def size(p: Mapping[str, Any], language: str) -> str | None:
    h, w = p.get("height_cm"), p.get("width_cm")
    return SIZE[language].format(h=round(h), w=round(w)) if h and w else None


def frames(p: Mapping[str, Any], language: str | None = None) -> dict[str, tuple[str, list[str]]]:
    """Every frame sentence this module can say of ``p`` in ``language`` (every language when
    None): sentence -> (verdict, the prompt fields it states)."""
    out: dict[str, tuple[str, list[str]]] = {}
    if not p.get("title"):
        return out
    title = title_aloud(p["title"])
    for lang in (LANGUAGES if language is None else [x for x in LANGUAGES if x == language]):
        by = by_phrase(p, lang)
        for template in HOOKS[lang]:
            out[_hook_text(template, title, by)] = ("supported", ["Title", "Artist"] if by else ["Title"])
        # The other languages' frames were written for paintings ("Den målades", "Målningen är"): of
        # another form only the opening, two invitations that fit any object, and the close.
        painting = p.get("form") in (None, "painting")
        said = made(p, lang) if painting else None
        if said:
            fields = [f for f, v in (("Date", date_phrase(p.get("date"), lang)), ("Medium", medium_phrase(p, lang))) if v]
            out[said] = ("supported", fields)
        if painting and size(p, lang):
            out[size(p, lang)] = ("supported", ["Dimensions"])
        # The invitations to look were written for paintings; the close fits any object.
        for sentence in (VIEWING[lang] if painting else [VIEWING[lang][0], VIEWING[lang][3]]) + [CLOSES[lang]]:
            out[sentence] = ("viewing", [])
    return out


def keep_frames_whole(text: str, spans: list[tuple[int, int]], known: Mapping[str, Any]) -> list[tuple[int, int]]:
    """``spans`` (``common.text.sentence_spans``) with every ``known`` frame sentence of ``text``
    one sentence: a title with a full stop inside ("Äggprovet. Köksinteriör") or a maker ending in
    an abbreviation ("Pehr Hilleström d.ä.", then the next sentence) cuts a frame where the splitter
    alone cannot tell. At each sentence start the longest frame found there is taken whole; the
    splitter's sentence goes on otherwise."""
    if not known or not spans:
        return spans
    out, pos = [], spans[0][0]
    while pos < len(text):
        whole = [f for f in known if text.startswith(f, pos)
                 and (pos + len(f) == len(text) or text[pos + len(f)].isspace())]
        end = pos + max(map(len, whole)) if whole else next((e for s, e in spans if s <= pos < e), len(text))
        out.append((pos, end))
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out
