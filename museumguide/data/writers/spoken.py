"""Record fields as a guide says them aloud: dates in words ("ca. 1650–75" -> "around 1650 to 1675"),
a medium without its catalogue notes and with its list joined by "and", sizes rounded as people
round. The template writer and the styles' writers say every record through these, so what the
training scripts say and what strict guides are filled with read the same.

    from museumguide.data.writers.spoken import medium_parts, spoken_date
    spoken_date("ca. 1650–75")          # "around 1650 to 1675"
    medium_parts("Steel, iron")          # (None, "steel and iron")
"""

from __future__ import annotations

import re

from museumguide.common.text import fold
from museumguide.records.aloud import LONG_LIST, medium_items
from museumguide.records.notes import drop_apparatus

_PROPER_MEDIUM = {"japanese", "chinese", "india", "indian", "korean", "persian", "prussian", "venetian"}


def lower_first(text: str) -> str:
    """Lower-case a leading common word ("Oil on canvas" -> "oil on canvas"), keep names."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:2].islower() and fold(first).strip(",") not in _PROPER_MEDIUM:
        return text[0].lower() + text[1:]
    return text


def with_article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def hedged(text: str) -> str:
    """The record's doubt said in words: "Florence (?)", "The Hague?", "1494(?)" and "?1339" ->
    "probably Florence", "probably The Hague", "probably 1494", "probably 1339"."""
    text = re.sub(r"([^\s,;()\d][^,;()\d]*?|\d{3,4}) ?\(\?\)", r"probably \1", text)
    text = re.sub(r"([^\s,;()\d][^,;()\d]*?|\d{3,4})\?(?=[\s,.;–-]|$)", r"probably \1", text)
    return re.sub(r"\?(?=\d)", "probably ", text)


def spoken(text: str, slash_span: bool = False) -> str:
    """Catalogue shorthand as a guide would say it, hedges kept: "ca. 1565–d. 1635" -> "around 1565
    to died 1635", "Breda (?)" and "?1339" -> "probably Breda", "probably 1339", "1484/85" -> "1484 or
    1485" ("1484 to 1485" where the museum's slash joins a span, ``slash_span``), "1735–78" -> "1735
    to 1778"."""
    text = hedged(text)
    text = re.sub(r"(?i)\b(first|second) half (\d)", r"\1 half of the \2", text)  # "second half 16th century"
    joint = "to" if slash_span else "or"
    text = re.sub(r"(\d{3,4})/(\d{1,4})", lambda m: f"{m.group(1)} {joint} {_full_year(m.group(1), m.group(2))}", text)
    text = re.sub(r"(\d{3,4})([–-])(\d{1,2})(?!\d)", lambda m: m.group(1) + m.group(2) + _full_year(m.group(1), m.group(3)),
                  text)
    text = re.sub(r"\bca\.\s*", "around ", text)
    text = re.sub(r"\bd\.\s*(?=\d)", "died ", text)
    text = re.sub(r"\bb\.\s*(?=\d)", "born ", text)
    text = re.sub(r"\br\.\s*(?=\d)", "reigned ", text)
    # Eras as a guide says them: "490 B.C." and "490 BCE" -> "490 BC", "A.D. 90" -> "AD 90".
    text = re.sub(r"\s*\b(?:B\.\s?C\.(?:\s?E\.)?|BCE)(?=\W|$)", " BC", text)
    text = re.sub(r"\bA\.\s?D\.\s*", "AD ", text)
    # An en dash is always a range; a hyphen only before a number (Aix-en-Provence stays).
    # "mid-17th century" is one part of one century, never "mid to 17th".
    return re.sub(r"\s*–\s*|(?<!mid)(?<!early)(?<!late)\s*-\s*(?=(around |died |after |before |probably )?\d)",
                  " to ", text)


def spoken_date(date: str | None, slash_span: bool = False) -> str | None:
    """A date as a guide says it after "painted": "ca. 1665" -> "around 1665" (and "1665" ->
    "in 1665": a hedge only where the record has one), "1851–52" -> "between 1851 and 1852",
    "1640s" -> "in the 1640s", "1662/65" -> "between 1662 and 1665" where the museum's slash joins
    a span (``slash_span``, the Art Institute of Chicago's), else "in 1662 or 1665". Only the date
    text is used (the prompt shows nothing else), and None when it has no shape a sentence can carry."""
    if not date:
        return None
    text = re.sub(r"^dated\s+(?=\d)", "", date.strip())  # "dated 1543": the year the work bears
    # "A.H. 1226/1812 CE": one year in two calendars (the Hijri first), said as the Common Era's.
    hijri = re.fullmatch(r"(?:dated\s+)?(?:A\.?\s?H\.?\s*\d{3,4}(?:[–-]\d{1,4})?|\d{3,4}(?:[–-]\d{1,4})?\s*A\.?\s?H\.?)"
                         r"\s*/\s*(.+?)\s*C\.?\s?E\.?", text)
    if hijri:
        return _date_words(hijri.group(1).strip(), slash_span)
    era = re.search(r"\s*\b(?:B\.\s?C\.(?:\s?E\.)?|BCE)$", text)
    if era:  # "ca. 360–350 BCE" -> "around 360 to 350 BC": ranges before Christ count down
        said = _date_words(text[:era.start()].strip(), slash_span, descending=True)
        return f"{said} BC" if said else None
    return _date_words(text, slash_span)


_EVENT_VERBS = {"modeled", "modelled", "cast", "carved", "printed", "published", "designed", "executed",
                "painted", "reworked", "completed", "assembled", "engraved", "etched"}
_EVENT_NOUNS = {"negative", "print", "model", "cast", "panel", "panels", "frame", "mount", "tutu", "base",
                "plate", "design", "carving", "pedestal", "stand"}


def event_dates(date: str | None, slash_span: bool = False) -> str | None:
    """A date that names two or more events of the making, as one sentence: "modeled 1880, cast
    1910" -> "It was modeled in 1880 and cast in 1910."; "negative 1890; print 1920" and "1922
    (cast), 2018 (tutu)" -> "The museum dates the negative to 1890 and the print to 1920." Each
    event keeps its own date (a modelling date is never the cast's); None for any other date."""
    parts = [p.strip() for p in re.split(r"[;,]\s*", (date or "").strip().rstrip(".")) if p.strip()]
    if len(parts) < 2:
        return None
    verbs, nouns = [], []
    for part in parts:
        m = re.fullmatch(r"(?i)([a-z]+)\s*:?\s+(.*\d.*)", part)
        n = re.fullmatch(r"(?i)(.*\d.*?)\s*\(([a-z ]+)\)", part)
        # "modeled 1880 or 1881": a choice of two years is the museum's own words
        when = (spoken_date(m.group(2), slash_span) or (f"in {m.group(2)}" if re.fullmatch(
            r"\d{3,4} or \d{3,4}", m.group(2)) else None)) if m else None
        if m and m.group(1).lower() in _EVENT_VERBS and when:
            verbs.append((m.group(1).lower(), when))
        if m and m.group(1).lower() in _EVENT_NOUNS:
            nouns.append((m.group(1).lower(), spoken(m.group(2), slash_span)))
        elif n and n.group(2).lower().strip() in _EVENT_NOUNS:
            nouns.append((n.group(2).lower().strip(), spoken(n.group(1), slash_span)))
    nouns = [(what, f"the {when}" if "century" in when and not when.startswith(("the ", "around ")) else when)
             for what, when in nouns]
    if len(verbs) == len(parts):
        return "It was " + " and ".join(f"{v} {when}" for v, when in verbs) + "."
    # "1871–72, carved 1874": the making's date, then an event's (the template read it out as
    # stored, "Its date is given as 1871 to 1872, carved 1874", struck in seed 26)
    made = None if re.match(r"(?i)[a-z]", parts[0]) else spoken_date(parts[0], slash_span)
    if made and verbs and len(verbs) == len(parts) - 1:
        return f"It was made {made} and " + " and ".join(f"{v} {when}" for v, when in verbs) + "."
    if len(nouns) == len(parts):
        return "The museum dates " + " and ".join(f"the {what} to {when}" for what, when in nouns) + "."
    return None


def _date_words(core_text: str, slash_span: bool = False, descending: bool = False) -> str | None:
    """``spoken_date``'s shapes, for a date without its era (``descending``: a range counts down,
    as years before Christ do)."""
    text = core_text
    approx = bool(re.match(r"^(ca\.|c\.|about|circa)\s*", text))
    core = re.sub(r"^(ca\.|c\.|about|circa)\s*", "", text)
    if re.fullmatch(r"\d{3,4}", core) or (descending and re.fullmatch(r"\d{1,4}", core)):
        return f"around {core}" if approx else f"in {core}"
    season = re.fullmatch(r"(?i)(spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|"
                          r"august|september|october|november|december)\s+(\d{4})(\s*\(?\?\)?)?", core)
    if season:  # "Summer 1906?" -> "probably in the summer of 1906"
        when = f"in the {season.group(1).lower()} of {season.group(2)}" if season.group(1).lower() in (
            "spring", "summer", "autumn", "fall", "winter") else f"in {season.group(1).capitalize()} {season.group(2)}"
        return f"probably {when}" if season.group(3) else when
    m = re.fullmatch(r"(\d{3,4})/(\d{1,4})", core)
    if m:
        first, end = m.group(1), _full_year(*m.groups())
        if int(end) <= int(first):
            return None
        if slash_span:
            return f"around {first} to {end}" if approx else f"between {first} and {end}"
        return f"around {first} or {end}" if approx else f"in {first} or {end}"
    m = re.fullmatch(r"(\d{1,4})\s*[–-]\s*(\d{1,4})", core)
    if m:
        first, tail = m.groups()
        end = tail if descending else _full_year(first, tail)
        if (int(end) < int(first)) if descending else (int(end) > int(first) and len(first) >= 3):
            return f"around {first} to {end}" if approx else f"between {first} and {end}"
    if re.fullmatch(r"(early |mid-|late |first half of the |second half of the )?\d{1,2}(st|nd|rd|th) century|\d{3,4}s", core):
        return f"around the {core}" if approx else f"in the {core}"
    return None


_MATERIAL = re.compile(r"\b(?:on|and|with|oil|ink|inks|color|colour|colors|gold|silver|tempera|paper|silk|canvas|wood|"
                       r"panel|bronze|marble|pigment|pigments|watercolor|gouache|chalk|graphite|charcoal)\b",
                       re.IGNORECASE)


_PRINT_FROM = re.compile(r"(?i)((?:[\w-]+ ){0,3}print)(?: from (?:an? )?((?:glass |paper |film )?negative))?")


def leading_materials(medium: str | None) -> str | None:
    """The first materials of a medium too long to hear whole (``records.materials.LONG_LIST``),
    as "Among its materials are ..." says them: the first part a semicolon ends, else the first two
    of the list ("Oak veneered with ebony and 17th-century Japanese lacquer; interiors ...; velvet
    (not original)" -> "oak veneered with ebony and 17th-century Japanese lacquer"); None for a
    medium short enough to say whole."""
    if len(medium_items(medium)) < LONG_LIST:
        return None
    text = re.sub(r"\s*\([^()]*\)", "", drop_apparatus(medium or "")).strip().rstrip(".")
    first = text.split(";")[0].strip()
    if ";" not in text or len(medium_items(first)) > 3:
        first = " and ".join(medium_items(first)[:2])
    return lower_first(first)


def medium_parts(medium: str | None, picture: bool = True) -> tuple[str | None, str | None]:
    """(form, material) of a medium line that joins them with a semicolon, as catalogues write it:
    "Handscroll; ink and color on silk" -> ("handscroll", "ink and color on silk"); a line that is
    all material comes back as (None, the line), its semicolons said as commas. A record line is
    never read out as stored (issue 33). Of an object in the round (not a ``picture``) the first
    part is its material, not its form ("Glass, opalescent white; blown"), so no form is taken."""
    text = hedged(drop_apparatus((medium or "").strip()).rstrip("."))  # no accession numbers read out
    text = re.sub(r"\s*\b\d{1,4}\.\d{1,4}\.\d{1,4}[a-z]?\b", "", text)  # "and 13.228.24 gold": one left inline
    # A cataloguer's note is no material: a print's state and its catalogue ("; first state of four
    # (Robison)"), a weave's thread count ("(20-25 warps per inch, 8-11 per centimeter)"). Seed 21.
    text = re.sub(r"(?i)\s*[;,]?\s*\b\w+ state of \w+(?:\s*\([^()]*\))?", "", text)
    # "Mezzotint; between states a and b, proof before letters" (seed 29): the state, not a material
    text = re.sub(r"(?i)\s*[;,]?\s*\b(?:between states \w+ and \w+|(?:an? )?proofs? before (?:all )?letters)", "", text)
    text = re.sub(r"(?i)\s*\([^()]*\bper\b[^()]*\)", "", text)
    if not text:
        return None, None
    # The back of the work ("verso: oil and gold on wood") is not what the visitor sees.
    text = re.sub(r"(?i)\s*[;,]?\s*\(?\s*(?:verso|reverse|back)\s*:[^;)]*\)?", "", text).strip(" ;,")
    # "image: Ink ... on paper Margins: Gold on dyed paper": the image's medium, without its labels
    text = re.sub(r"(?i)\s*\b(?:margins?|mount|frame|border|binding)\s*:.*$", "", text)  # "Binding: lacquer" (seed 24)
    text = re.sub(r"(?i)^(?:image|painting|sheet)\s*:\s*", "", text).strip(" ;,")
    parts = [x.strip() for x in text.split(";") if x.strip()]
    if not parts:
        return None, None
    # "Albumen silver print from glass negative" names what a photograph is, not what it is made
    # of: "the medium is albumen silver print from glass negative" was struck in three of seed 27's
    # four styles. Said as its form, with its articles: "an albumen silver print from a glass negative".
    printed = _PRINT_FROM.fullmatch(text)
    if printed:
        return lower_first(printed.group(1)) + (f" from a {printed.group(2)}" if printed.group(2) else ""), None
    # "Gabbro; carved", "Wood (teak); carved": how it was worked, said before what ("carved gabbro");
    # "gabbro, carved" read out was struck (seed 24).
    if len(parts) == 2 and re.fullmatch(r"(?i)(?:carved|gilt|gilded|cast|chased|engraved|polished)", parts[1]):
        return None, f"{parts[1].lower()} {lower_first(parts[0])}"
    # "Fresco; transferred to canvas": the second part says what was done to it, not its material.
    # "Pair of six-panel folding screens; ink, ...": a pair or set is a form however long, and of any
    # object ("in pair of six-panel folding screens" was struck, seed 26)
    if len(parts) > 1 and re.match(r"(?i)(?:pair|set|series|suite) of\b", parts[0]) and _MATERIAL.search(parts[1]):
        return lower_first(parts[0]), lower_first(", ".join(parts[1:]))
    if picture and len(parts) > 1 and not re.search(r"\bon\b", parts[0]) and _MATERIAL.search(parts[1]) \
            and len(parts[0].split()) <= 4 and not re.match(r"\w+ed\b", parts[1]):
        return lower_first(parts[0]), lower_first(", ".join(parts[1:]))
    return None, lower_first(", ".join(_spoken_list(part) for part in parts))  # the parts a semicolon joins are no list


def _spoken_list(material: str) -> str:
    """A medium's list of materials as said aloud, its last two joined by "and" ("steel, iron" ->
    "steel and iron"; "pencil, ink, gray wash on paper" -> "pencil, ink and gray wash on paper"):
    one blind annotator of seed 22 struck every bare list as a record line read out. A list that
    has its "and", or whose last part says what was done ("laid down on panel"), stays."""
    head, sep, last = material.rpartition(", ")
    if not sep or re.search(r"\band\b", material) or re.match(r"\w+(?:ed|wn)\b|laid\b", last):
        return material
    return f"{head} and {last}"


DATE_PHRASE = re.compile(r"(?i)(?:first|second|third|fourth|last|early|mid|late|middle|end|beginning)\b|\d+(?:st|nd|rd|th)\b")


def _full_year(first: str, tail: str) -> str:
    """The other end of an abbreviated pair: ("1484", "85") -> "1485"."""
    return first[: len(first) - len(tail)] + tail if len(tail) < len(first) else tail


def either_year(text: str) -> str:
    """ "1484/85" -> "1484 or 1485"; a single year as it is."""
    first, _, tail = text.partition("/")
    return f"{first} or {_full_year(first, tail)}" if tail else first


def rounded(value: float) -> str:
    """A measure as a guide says it after "about": whole centimetres, or to a millimetre under 10 cm
    (a 2.5 cm pendant said "about 2" was struck: issue 36); halves round up, as people round."""
    if value < 10:
        return f"{int(value * 10 + 0.5) / 10:g}"
    return str(int(value + 0.5))
