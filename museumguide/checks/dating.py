"""Whether a sentence puts a year where the record puts it: the work's date, the artist's birth and
death, the period's span, the events of the making (modelled, cast, carved, printed), each side of
year one and the Hijri calendar, and a century said of a work the record does not date.

``checks.sentences`` asks these of every sentence whose numbers the prompt backs: a year the prompt
gives may still be said in the wrong role ("painted in 1832" where 1832 is the birth year).
"""

from __future__ import annotations

import re
from typing import Any

from museumguide.checks.words import words

_ROLE = {"born": "birth", "birth": "birth", "died": "death", "death": "death", "painted": "work", "made": "work",
         "created": "work", "completed": "work", "executed": "work", "produced": "work", "dated": "work"}

_MAKING = re.compile(r"\b(?:painted|made|created|completed|executed|produced|dated|signed|finished|begun|began)\b")
_CENTURY_MADE = re.compile(r"(?i)\b(?:painted|made|created|dated|executed)\b[^.]{0,30}?\bthe (?:(?:early|mid|late)[- ])?"
                           r"(\w+)[- ]century\b")


def undated_century(text: str, ctx: Any) -> str | None:
    """ "It was painted in the seventeenth century" of a work the record does not date, where the
    notes say only that the genre developed then (seed 19)."""
    m = _CENTURY_MADE.search(text)
    if not m or _record_dated(ctx):
        return None
    if any(m.group(1).lower() in n and "century" in n and _MAKING.search(n) for n in ctx.notes_sentences):
        return None
    return f"the record gives no date, and the notes date no making to the {m.group(1)} century"


_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                  "eighteenth", "nineteenth", "twentieth", "twenty-first"]
_ORDINAL = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
_CENTURY_WORD = re.compile(rf"(?i)\b({_ORDINAL})(?:[- ]centur|(?= (?:and|or|to) (?:the )?(?:(?:early|mid|late)[- ])?"
                           rf"(?:{_ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))[- ]centur))")


def _centuries(text: str) -> set[int]:
    """The centuries a record's text names or dates in ("second half 4th century" -> {4}, "1624" -> {17})."""
    named = {int(n) for n in re.findall(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)\b", text)}
    return named | {(int(y) - 1) // 100 + 1 for y in re.findall(r"(?<![\d.])(\d{3,4})(?![\d.])", text) if int(y) > 0}


def wrong_century(text: str, ctx: Any) -> str | None:
    """A century said in words that is none of the record's ("made in the second half of the second
    century" of a capital dated "second half 4th century", seed 25): the claim check reads "4th" as a
    number, and a century in words was read by nothing."""
    said = [m.group(1).lower() for m in _CENTURY_WORD.finditer(text)]
    if not said or not _record_dated(ctx):
        return None
    record = " ".join(str(ctx.painting.get(k) or "") for k in ("date", "artist_bio"))
    known = _centuries(record)
    for word in said:
        if _ORDINAL_WORDS.index(word) + 1 not in known and f"{word} century" not in ctx.prompt_lower:
            return f"says the {word} century, which the record's dates are not ({ctx.painting.get('date')})"
    return None


def _record_dated(ctx: Any) -> bool:
    return bool((ctx.painting.get("date") or "").strip())


_ERA_BC = re.compile(r"\b(?:BC|BCE|B\.\s?C\.(?:\s?E\.)?)(?=\W|$)")


_DATED_YEAR = re.compile(r"(\d{1,4})(?:\s*(BCE|B\.\s?C\.(?:\s?E\.)?|BC|CE|C\.\s?E\.|AD|A\.\s?D\.))?")
_HIJRI_YEAR = re.compile(r"\bA\.?\s?H\.?\s*(\d{3,4})\b")
_HIJRI_PAIR = re.compile(r"(\d{3,4})\s*(?:A\.?\s?H\.?)?\s*/\s*(\d{3,4})")


def _eras(date: str) -> dict[int, str]:
    """The side of year one of each year a date marks ("100 BCE–700 CE" -> {100: "bc", 700: "ce"});
    a year without a mark takes the next mark after it ("360–350 BCE"), one without any is left out."""
    out, pending = {}, []
    for m in _DATED_YEAR.finditer(date):
        pending.append(int(m.group(1)))
        if m.group(2):
            for year in pending:
                out.setdefault(year, "bc" if m.group(2).upper().startswith("B") else "ce")
            pending = []
    return out


def wrong_era(text: str, ctx: Any) -> str | None:
    """A year said on the wrong side of year one: "BC" where the record's dates have no B.C., or of a
    year the record gives after Christ ("between 100 and 700 BC" for "100 BCE–700 CE"), or a
    year of a B.C. date said without it ("made around 360" for "ca. 360–350 BCE"); and a Hijri
    year and its Common Era year said as two ("641 or 1243" for "A.H. 641/1243 CE")."""
    record = " ".join(str(ctx.painting.get(k) or "") for k in ("date", "period", "culture", "artist_bio"))
    said_bc, record_bc = _ERA_BC.search(text), _ERA_BC.search(record)
    if said_bc and not record_bc:
        return "says BC where the record's dates are not before Christ"
    work = ctx.painting.get("date") or ""
    if said_bc:
        said, given = _eras(text), _eras(work)
        after = [y for y, era in said.items() if era == "bc" and given.get(y) == "ce"]
        if after:
            return f"says BC of {after[0]}, a year the record gives after Christ"
    hijri_said = set(_HIJRI_YEAR.findall(text))
    if hijri_said - set(_HIJRI_YEAR.findall(work)):  # "between A.H. 1307 and 1308" for "A.H. 707/ 1307–8 CE"
        return f"gives the Hijri mark to {min(hijri_said - set(_HIJRI_YEAR.findall(work)))}, no Hijri year of the record"
    hijri = _HIJRI_PAIR.search(work) if re.search(r"A\.?\s?H\b", work) else None
    if hijri and re.search(rf"\b{hijri.group(1)}\b\s+(?:or|to|and)\s+{hijri.group(2)}\b", text):
        return "says one year in two calendars as two years"
    if record_bc and not said_bc and _ERA_BC.search(work):
        years = {int(y) for y in re.findall(r"\b\d{1,4}\b", work)}
        if any(int(y) in years for y in re.findall(r"\b\d{2,4}\b(?! (?:by|centimet|cm|inch|kg|lb))", text)):
            return "gives a year of a date before Christ without saying BC"
    return None


_EVENTS = {"modeled": "model", "modelled": "model", "model": "model", "cast": "cast", "carved": "carving",
           "carving": "carving", "printed": "print", "print": "print", "negative": "negative",
           "designed": "design", "design": "design", "published": "publication", "frame": "frame"}
_EVENT_YEAR = re.compile(r"\b(" + "|".join(_EVENTS) + r")\b(?:\s+(?:in|to|around|from|about|ca\.|dates|dated|was|is|made))*\s+(\d{3,4})\b",
                         re.IGNORECASE)
LONGEST_LIFE = 105
"""Years between a birth and a death a sentence may give; more is a firm's or a period's span."""

_YEAR_EVENT = re.compile(r"\b(\d{3,4})\s*\((" + "|".join(_EVENTS) + r")\)", re.IGNORECASE)


def _event_years(date: str) -> dict[str, set[int]]:
    """The years a date gives each event of the making: "modeled 1880, cast 1910" -> {model:
    {1880}, cast: {1910}}; "1922 (cast), 2018 (tutu)" -> {cast: {1922}}."""
    out: dict[str, set[int]] = {}
    for word, year in _EVENT_YEAR.findall(date):
        out.setdefault(_EVENTS[word.lower()], set()).add(int(year))
    for year, word in _YEAR_EVENT.findall(date):
        out.setdefault(_EVENTS[word.lower()], set()).add(int(year))
    return out


def wrong_event(text: str, ctx: Any) -> str | None:
    """One event's year given to another: "cast in 1880" where the record says "modeled 1880, cast
    1910" (a modelling date is never the cast's); and the material said made in the years of the
    model where the record dates the carving or casting apart ("1871–72, carved 1874": the marble
    was carved in 1874, issue 37)."""
    events = _event_years(ctx.painting.get("date") or "")
    if len(events) == 1 and re.search(r"(?i)\b(?:made|created|executed|produced)\b", text):
        event_years = set().union(*events.values())
        said = {int(y) for y in re.findall(r"(?<!\d)\d{3,4}(?!\d)", text)}
        medium = {w.lower() for w in words(ctx.painting.get("medium") or "") if len(w) > 3}
        if said and not said & event_years and medium & {w.lower() for w in words(text)}:
            return f"gives the work's material other years than the record's {next(iter(events))} ({min(event_years)})"
    if len(events) < 2:
        return None
    for word, year in _EVENT_YEAR.findall(text):
        event, year = _EVENTS[word.lower()], int(year)
        if event in events and year not in events[event] and any(year in ys for ys in events.values()):
            return f"gives another event's year ({year}) as the {event}'s"
    return None


_SEASON_MADE = re.compile(r"(?i)\b(?:painted|made|created|drawn|executed)\b(?: [\w-]+){0,2} in (?:the )?"
                          r"(spring|summer|autumn|fall|winter)\b")


def season_made(text: str, ctx: Any) -> str | None:
    """A season said as when the work was made where the record's date gives none ("Painted in
    summer, it is oil on canvas." where the notes say only that the painter's scenes are usually
    set in summer: struck in two styles of seed 28)."""
    m = _SEASON_MADE.search(text.replace(ctx.title, ""))
    if m and m.group(1).lower() not in (ctx.painting.get("date") or "").lower():
        return f"gives a season ({m.group(1).lower()}) as when it was made, which the record's date does not"
    return None


def wrong_role(text: str, ctx: Any) -> str | None:
    """A year of the prompt put in another role ("painted in 1832" when 1832 is the birth year)."""
    tokens = re.findall(r"[A-Za-z]+|\d{3,4}", text)
    role, dated = None, False
    said: dict[str, int] = {}
    for token in tokens:
        if token.isalpha():
            # "born ... 1879 to 1940": after a birth year, the end of the range is the death year.
            if role == "birth" and dated and token.lower() == "to":
                role = "death"
            elif token.lower() in _ROLE:
                role, dated = _ROLE[token.lower()], False
            continue
        dated = True
        year = int(token)
        said.setdefault(role or "", year)
        if said.get("death", 0) - said.get("birth", 10_000) > LONGEST_LIFE:
            return "a birth and a death further apart than a life: the years of a firm or a period"
        y = ctx.years
        if role in ("work", "birth", "death") and year in y["period"] and year not in y["work"] | y["life"]:
            return f"{year} is a date of the period, not of the work or the artist"
        if role == "work" and year in y["bio"] and year not in y["work"]:
            return f"{year} is a year of the artist's life, not the date of the work"
        # No date in the record: a year is the work's only where the notes date a making to it
        # ("he met Carolina Benedicks in 1885" dates a meeting, not "Painted in 1885").
        if role == "work" and not _record_dated(ctx) and not any(
                re.search(rf"\b{year}s?\b", n) and _MAKING.search(n) for n in ctx.notes_sentences):
            return f"the record gives no date, and the notes date no making to {year}"
        other = {"birth": "death", "death": "birth"}.get(role or "")
        # a birth or death year the prompt gives neither in the artist's life nor beside "born" or "died"
        if other and year not in y["bio"] and not re.search(
                rf"\b(?:born|died|birth|death)\b[^.]{{0,60}}\b{year}\b", ctx.prompt_lower):
            return f"the prompt gives no {role} year {year}"
        if other and ((year in y[other] and year not in y[role]) or (year in y["work"] and year not in y["bio"])
                      or (year in y["bio"] and year not in y[role] | y[other] and not y[role])):
            return f"{year} is not the artist's {role} year in the prompt"
    return None
