"""Pure functions that read any museum's LIDO XML export onto the cleaned schema.

    python -m museumguide.collect --from-lido ../shared/data/nationalmuseum/lido --source-name Nationalmuseum

LIDO (lido-schema.org) is the XML schema museums publish and harvest object records in. Files
are parsed with lxml with entity expansion, DTD loading and network access off. This module maps
what a record says and only that:

- the maker: an actor of the creation event whose role made the work ("Konstnär", "Artist",
  "Utförd av", ...), with the hedge its role or qualifier carries kept as the Met's
  ``artist_prefix`` is ("Attributed to", "Copy after", "School of", "Manner of"); never a
  former owner ("Härkomst"), a donor or a former attribution ("Tidigare attribution"). An
  unknown maker ("Okänd", "Unknown") keeps the painting, as an unknown artist;
- the date: the creation event's ``displayDate`` (English where given), its prefixes read
  ("Utf."/"Executed" = made, "Sign." = signed, "ca", "(?)", "1700-talet" = the 18th century),
  never an acquisition's year ("Förvärvsår");
- the size: the painting's own height and width from the structured ``measurementsSet`` values,
  the pair the "Mått" (size) display names rather than the frame's ("Ram");
- classification from ``objectWorkType``; the notes per language from
  ``descriptiveNoteValue[@xml:lang]``, cleaned as every museum's notes are
  (``museumguide.records.notes``); titles, notes and medium per language in ``languages``; the
  licence from ``rightsType``; the museum (``legalBodyName``) credited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from museumguide.records import clean, notes
from museumguide.records.forms import form_of
from museumguide.records.glossary import english_medium

NS = {"lido": "http://www.lido-schema.org"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAKER_ROLES = {"konstnär", "artist", "painter", "målare", "utförd av", "creator", "maker",
               "attribuerad till", "kopia efter", "copy after", "attributed to"}
"""Roles (lower case) of an actor who made the work, in Swedish and English."""
ROLE_PREFIX = {"attribuerad till": "Attributed to", "attributed to": "Attributed to",
               "kopia efter": "Copy after", "copy after": "Copy after"}
QUALIFIER_PREFIX = {"tillskriven": "Attributed to", "osäker attribution": "Attributed to",
                    "attributed to": "Attributed to", "hans skola": "School of", "school of": "School of",
                    "hans art": "Manner of", "manner of": "Manner of", "hans verkstad": "Workshop of",
                    "workshop of": "Workshop of", "kopia efter": "Copy after", "circle of": "Circle of",
                    "follower of": "Follower of", "copy after": "Copy after"}
"""Qualifiers of a maker kept as the hedge a guide must say; "Tidigare attribution" (a former
attribution) is not one: such an actor did not make the work."""
FORMER = {"tidigare attribution", "former attribution"}
_NAME_QUALIFIER = re.compile(r"^(.*?)\s*\((workshop of|attributed to|school of|manner of|circle of|copy after|"
                             r"follower of|hans verkstad|hans skola|hans art|tillskriven)\)$", re.IGNORECASE)
"""A hedge written into the name itself ("Jusepe de Ribera (Workshop of)"): the hedge is the
prefix, the name the maker."""
UNKNOWN = {"okänd", "unknown", "ingen uppgift", "anonymous", "okänd konstnär"}
UNKNOWN_ARTIST = "Unknown artist"
CREATION = {"creation", "production", "tillkomst", "tillverkning"}
_DATE_PREFIX = re.compile(r"^(utf\.|executed|made|painted|dat\.|dated|sign\.|signed|målad)\s+", re.IGNORECASE)
_APPROX = re.compile(r"^(ca\.?|circa|omkring)\s+", re.IGNORECASE)
_SWEDISH_PART = {"början av": "early", "mitten av": "mid-", "slutet av": "late"}
_TALET = re.compile(r"^(\d{3,4})-talet$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(?:0[1-9]|1[0-2])(?:-\d{2})?$")
"""An ISO month or day ("1876-09", signed September 1876): the year is the date a guide says."""
_RANGE = re.compile(r"^(\d{3,4})\s*-\s*(\d{3,4})$")
_DISPLAY_SIZE = re.compile(r"^(?:Mått|Size|Dimensions)\s+(\d+(?:,\d+)?)\s*x\s*(\d+(?:,\d+)?)", re.IGNORECASE)


class LidoError(ValueError):
    """A LIDO file that cannot be read; the message names the file and line."""


@dataclass
class LidoRecord:
    """One ``lido:lido`` element and where it came from."""

    element: Any
    path: str
    line: int


def parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


def read_file(path: Path) -> list[LidoRecord]:
    """The LIDO records of one file (one ``lido:lido``, or a ``lido:lidoWrap`` of many)."""
    from lxml import etree

    try:
        tree = etree.parse(str(path), parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else "?")
        raise LidoError(f"{path}:{line}: not well-formed XML ({exc.msg})") from None
    except OSError as exc:
        raise LidoError(f"{path}: cannot read it ({exc})") from None
    root = tree.getroot()
    if root.tag == f"{{{NS['lido']}}}lido":
        records = [root]
    elif root.tag == f"{{{NS['lido']}}}lidoWrap":
        records = root.findall("lido:lido", NS)
    else:
        raise LidoError(f"{path}:{root.sourceline}: not a LIDO file (the root is <{etree.QName(root).localname}>, "
                        "not lido:lido or lido:lidoWrap)")
    return [LidoRecord(r, str(path), r.sourceline or 0) for r in records]


def lido_files(path: Path) -> list[Path]:
    """The XML files of ``path``: itself, or a folder's ``*.xml`` (not its subfolders), sorted."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.glob("*.xml") if p.is_file())
    if path.is_file():
        return [path]
    raise LidoError(f"{path}: no such file or folder")


def iter_records(path: Path) -> Iterator[LidoRecord]:
    for file in lido_files(path):
        yield from read_file(file)


def _text(node) -> str | None:
    if node is None:
        return None
    value = " ".join("".join(node.itertext()).split())
    return value or None


def _by_lang(nodes) -> dict[str, str]:
    """Text per ``xml:lang`` (an element without one counts as "und"), the first non-empty of each."""
    out: dict[str, str] = {}
    for node in nodes:
        value = node.text if node.text is not None else ""
        if value.strip():
            out.setdefault(node.get(XML_LANG) or "und", value)
    return out


def repository_name(element) -> str | None:
    """The museum holding the work: the current repository's ``legalBodyName``."""
    for path in ("lido:descriptiveMetadata/lido:objectIdentificationWrap/lido:repositoryWrap/"
                 "lido:repositorySet[@lido:type='current']/lido:repositoryName/lido:legalBodyName/lido:appellationValue",
                 ".//lido:repositoryName/lido:legalBodyName/lido:appellationValue",
                 ".//lido:recordSource/lido:legalBodyName/lido:appellationValue"):
        value = _text(element.find(path, NS))
        if value:
            return value
    return None


def record_id(element) -> int | None:
    """The record's numeric id (``lido:recordID``, else the number in ``lido:lidoRecID``)."""
    for path in ("lido:administrativeMetadata/lido:recordWrap/lido:recordID", "lido:lidoRecID"):
        value = _text(element.find(path, NS)) or ""
        if value.isdigit():
            return int(value)
    return None


def _creation(element):
    for event in element.iterfind(".//lido:eventSet/lido:event", NS):
        kind = (_text(event.find("lido:eventType/lido:term", NS)) or "").lower()
        if kind in CREATION:
            return event
    return None


_ELDER_YOUNGER = ((re.compile(r"\s+d\.\s?ä\.?$"), " the Elder"), (re.compile(r"\s+d\.\s?y\.?$"), " the Younger"))
"""The Swedish "d.ä." (den äldre) and "d.y." (den yngre) after a name: said in English, as the
museum's English pages write them ("Frans Hals d.ä." was read aloud as "d.ä.." (seed 19))."""


def _english_name(name: str) -> str:
    for pattern, english in _ELDER_YOUNGER:
        name = pattern.sub(english, name)
    return clean.fix_text(name)


def maker(event) -> tuple[str | None, str | None]:
    """(artist, artist_prefix) of a creation event: the first actor whose role made the work,
    with its hedge; else the first actor of the event given no role at all (the event is the
    making; some exports leave the role out); (UNKNOWN_ARTIST, None) for an unknown maker;
    (None, None) when nobody made it by the record's account."""
    if event is None:
        return None, None
    unknown, roleless = False, None
    for actor in event.iterfind("lido:eventActor/lido:actorInRole", NS):
        name = _text(actor.find("lido:actor/lido:nameActorSet/lido:appellationValue", NS))
        role = (_text(actor.find("lido:roleActor/lido:term", NS)) or "").lower()
        qualifier = (_text(actor.find("lido:attributionQualifierActor", NS)) or "").lower()
        if not name or role in FORMER or qualifier in FORMER or (role and role not in MAKER_ROLES):
            continue
        own = _NAME_QUALIFIER.match(name)
        if own:
            name, qualifier = own.group(1), qualifier or own.group(2).lower()
        if name.lower() in UNKNOWN:
            unknown = True
        elif not role:
            roleless = roleless or (_english_name(name), QUALIFIER_PREFIX.get(qualifier))
        else:
            return _english_name(name), ROLE_PREFIX.get(role) or QUALIFIER_PREFIX.get(qualifier)
    if roleless:
        return roleless
    return (UNKNOWN_ARTIST, None) if unknown else (None, None)


def spoken_date(display: str | None, earliest: int | None, latest: int | None) -> str | None:
    """A creation date as the other museums write theirs: "Utf. 1725 - 1730" -> "1725–1730",
    "Utf. ca 1648" -> "ca. 1648", "Sign. 1733" -> "1733" (the year it is signed with), "1838 (?)"
    -> "ca. 1838", "1700-talet" -> "18th century", "1660-talet" -> "1660s", "1876-09" -> "1876"."""
    if not display:
        return None
    text = _DATE_PREFIX.sub("", " ".join(display.split()))
    approx = bool(_APPROX.match(text)) or text.endswith("(?)")
    text = _APPROX.sub("", text).removesuffix("(?)").strip()
    part = next((english for swedish, english in _SWEDISH_PART.items() if text.lower().startswith(swedish + " ")), None)
    if part:  # "slutet av 1890-talet": the late 1890s
        text = text[text.index(" av ") + 4:]
    if m := _YEAR_MONTH.match(text):
        text = m.group(1)
    elif m := _TALET.match(text):
        start = int(m.group(1))
        if start % 100 == 0 and (latest or start + 99) - (earliest or start) >= 99:
            n = start // 100 + 1
            text = f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')} century"
        else:
            text = f"{start}s"
    elif m := _RANGE.match(text):
        text = f"{m.group(1)}–{m.group(2)}"
    if part:
        text = f"{part}{text}" if part.endswith("-") else f"{part} {text}"
    return f"ca. {text}" if approx and re.match(r"\d", text) else text


def size_cm(element) -> tuple[float | None, float | None]:
    """(height, width) of the painting itself: the structured pair that the size display ("Mått
    130,5 x 92,5 cm") names, not the frame's ("Ram ..."); the only pair when there is one."""
    values: dict[str, list[float]] = {"height": [], "width": []}
    for m in element.iterfind(".//lido:objectMeasurements/lido:measurementsSet", NS):
        kind = (_text(m.find("lido:measurementType", NS)) or "").lower()
        unit = (_text(m.find("lido:measurementUnit", NS)) or "").lower()
        try:
            value = float((_text(m.find("lido:measurementValue", NS)) or "").replace(",", "."))
        except ValueError:
            continue
        if kind in values and unit in ("cm", "mm"):
            values[kind].append(value / 10 if unit == "mm" else value)
    for display in element.iterfind(".//lido:displayObjectMeasurements", NS):
        if m := _DISPLAY_SIZE.match(_text(display) or ""):
            height, width = (float(x.replace(",", ".")) for x in m.groups())
            if height in values["height"] and width in values["width"]:
                return height, width
    if len(values["height"]) == 1 and len(values["width"]) == 1:
        return values["height"][0], values["width"][0]
    return None, None


def _number(value: float) -> str:
    return f"{value:g}"


def clean_lido_record(record: LidoRecord, source: str, museum: str | None = None) -> dict:
    """One LIDO record on the cleaned schema, keyed "<source>-<record id>" (no filtering)."""
    e = record.element
    d = "lido:descriptiveMetadata/"
    titles = _by_lang(e.iterfind(d + "lido:objectIdentificationWrap/lido:titleWrap/lido:titleSet/lido:appellationValue", NS))
    note_texts = _by_lang(e.iterfind(d + "lido:objectIdentificationWrap/lido:objectDescriptionWrap/"
                                     "lido:objectDescriptionSet/lido:descriptiveNoteValue", NS))
    event = _creation(e)
    artist, prefix = maker(event)
    media = _by_lang(event.iterfind("lido:eventMaterialsTech/lido:materialsTech/lido:termMaterialsTech/lido:term", NS)) if event is not None else {}
    media.update({k: v for k, v in _by_lang(event.iterfind("lido:eventMaterialsTech/lido:displayMaterialsTech", NS)).items()
                  if k not in media} if event is not None else {})
    dates = _by_lang(event.iterfind("lido:eventDate/lido:displayDate", NS)) if event is not None else {}

    def year(tag: str) -> int | None:
        value = _text(event.find(f"lido:eventDate/lido:date/lido:{tag}", NS)) if event is not None else None
        return int(value) if value and re.fullmatch(r"-?\d{1,4}", value) else None

    begin, end = year("earliestDate"), year("latestDate")
    height, width = size_cm(e)
    museum = museum or repository_name(e)
    languages: dict[str, dict] = {}
    for lang in sorted(set(titles) | set(note_texts) | set(media) - {"und"}):
        entry = {"title": titles.get(lang), "notes": notes.clean_notes(note_texts.get(lang)),
                 "medium": clean.fix_text(media.get(lang))}
        entry = {k: v for k, v in entry.items() if v}
        if entry and lang != "und":
            languages[lang] = entry
    english = languages.get("en", {})
    first = next(iter(titles.values()), None)
    rights = _text(e.find("lido:administrativeMetadata/lido:recordWrap/lido:recordRights/lido:rightsType/lido:term", NS))
    object_id = record_id(e)
    links = {r.get(f"{{{NS['lido']}}}type"): _text(r.find("lido:linkResource", NS))
             for r in e.iterfind(".//lido:resourceRepresentation", NS) if _text(r.find("lido:linkResource", NS))}
    note = english.get("notes")
    # The licence and credit hold for the notes of every language, English or not.
    any_notes = any("notes" in entry for entry in languages.values())
    return {
        "key": clean.painting_key(source, object_id), "source": source, "object_id": object_id,
        "title": clean.fix_text(english.get("title") or titles.get("und") or first),
        "artist": artist, "artist_prefix": prefix, "artist_nationality": None, "artist_bio": None,
        "artist_begin_year": None, "artist_end_year": None,
        "date": spoken_date(dates.get("en") or dates.get("und") or dates.get("sv"), begin, end),
        "begin_year": begin, "end_year": end,
        # A medium in Swedish only is said in English or not at all: never read out in Swedish.
        "medium": clean.fix_text(english.get("medium") or english_medium(media.get("sv")) or media.get("und")
                                 or (None if "sv" in media else next(iter(media.values()), None))),
        "dimensions": f"{_number(height)} x {_number(width)} cm" if height and width else None,
        "height_cm": height, "width_cm": width, "culture": None, "period": None,
        "classification": classification(e),
        "form": form_of(classification(e), None, " ".join(v for v in media.values() if v)),
        "department": None, "tags": [], "credit_line": _text(e.find(".//lido:rightsWorkSet/lido:creditLine", NS)),
        "image_url": links.get("image_master"), "image_small_url": links.get("image_thumb"),
        "object_url": _text(e.find("lido:objectPublishedID", NS)) or _text(e.find(".//lido:recordInfoLink", NS)),
        "is_highlight": False, "is_public_domain": (rights or "").upper() in ("CC0", "PUBLIC DOMAIN"),
        "notes": note, "notes_license": rights if any_notes else None,
        "notes_attribution": museum if any_notes else None,
        "museum": museum, "languages": languages,
    }


PAINTING_CONCEPTS = {"http://vocab.getty.edu/aat/300033618", "http://vocab.getty.edu/aat/300177435"}
"""Getty AAT concepts of paintings (paintings (visual works), oil paintings)."""
DROP_NO_TITLE = "no title"
DROP_NO_MAKER = "no maker (or unknown maker) in the creation event"
DROP_NO_ID = "no numeric record id"


def matches_classification(record: LidoRecord, wanted: str | None) -> bool:
    """Whether a record's ``objectWorkType`` is the wanted art form: for "Paintings", the Getty
    AAT concept of paintings or a term naming them (Swedish "Målningar" too)."""
    if not wanted or wanted.lower() == "all":
        return True
    path = "lido:descriptiveMetadata/lido:objectClassificationWrap/lido:objectWorkTypeWrap/lido:objectWorkType"
    concepts = {_text(c) for c in record.element.iterfind(f"{path}/lido:conceptID", NS)}
    terms = " ".join(_text(t) or "" for t in record.element.iterfind(f"{path}/lido:term", NS)).lower()
    if wanted.lower() in ("paintings", "painting"):
        return bool(concepts & PAINTING_CONCEPTS) or any(w in terms for w in ("painting", "målning"))
    return wanted.lower().rstrip("s") in terms


def classification(element) -> str | None:
    """The art form: "Paintings" where ``objectWorkType`` cites the Getty AAT concept of
    paintings (the English its concept id stands for), else the work type's term as written."""
    path = "lido:descriptiveMetadata/lido:objectClassificationWrap/lido:objectWorkTypeWrap/lido:objectWorkType"
    if {_text(c) for c in element.iterfind(f"{path}/lido:conceptID", NS)} & PAINTING_CONCEPTS:
        return "Paintings"
    return _text(element.find(f"{path}/lido:term", NS))


def drop_reason(painting: dict) -> str | None:
    """Why a LIDO painting cannot be kept: only a title and a maker (or an unknown maker) are
    needed; a missing date, medium or size is left out of the prompt, never invented."""
    if not painting.get("title"):
        return DROP_NO_TITLE
    if not painting.get("artist"):
        return DROP_NO_MAKER
    return None


def source_prefix(name: str) -> str:
    """The key prefix of a museum's name: the lower-case letters of its first word, at most 16
    ("Nationalmuseum, Sweden" -> "nationalmuseum"); raises ValueError if none is left."""
    first = re.split(r"[\s,;:/]+", name.strip())[0] if name.strip() else ""
    letters = "".join(c for c in first.lower() if "a" <= c <= "z")[:16]
    if not letters:
        raise ValueError(f"cannot make a key prefix from the museum name {name!r}: give --source-name")
    return letters


def clean_lido_records(records: Iterator[LidoRecord], source: str, museum: str | None = None,
                       classification: str | None = "all") -> clean.CleanResult:
    """A museum's LIDO records cleaned: the newest copy of each record id kept (files read later
    win), sorted by id, other art forms and records without a title or maker dropped by reason."""
    return clean.clean_newest(records, lambda r: record_id(r.element), matches_classification,
                              lambda r: clean_lido_record(r, source, museum), classification,
                              no_id=DROP_NO_ID, drop=drop_reason)
