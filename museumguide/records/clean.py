"""Pure functions that turn raw Met API records into cleaned painting records.

Nothing here touches the network or the clock: the same raw file always cleans to the same
output, so cleaning can be re-run offline whenever the rules change::

    python -m museumguide.collect --from-file data/raw/objects.jsonl

The cleaned schema (one JSON object a line in ``data/processed/paintings.jsonl``):

==================== =========== ===========================================================
field                type        meaning
==================== =========== ===========================================================
key                  str         "<source>-<object_id>", e.g. "met-436535": unique across museums
source               str         the museum: "met" or "aic" (the Art Institute of Chicago)
object_id            int         the museum's own id (the Met's objectID, the AIC's id)
title                str         title, entities and mojibake repaired
artist               str | None  artistDisplayName
artist_prefix        str | None  "Attributed to", "Workshop of", ... (artistPrefix)
artist_nationality   str | None  artistNationality
artist_bio           str | None  artistDisplayBio, e.g. "Dutch, Leiden 1606–1669 Amsterdam"
artist_begin_year    int | None  artistBeginDate (a string in the API) as a year
artist_end_year      int | None  artistEndDate as a year
date                 str         objectDate as written, e.g. "ca. 1665"
begin_year           int | None  objectBeginDate (negative = BCE)
end_year             int | None  objectEndDate
medium               str         medium
dimensions           str         dimensions as written, line breaks joined with "; "
height_cm            float|None  first height parsed from the dimensions, in centimetres
width_cm             float|None  first width parsed from the dimensions, in centimetres
culture              str | None  culture
period               str | None  period
classification       str | None  classification, as the museum gives it
form                 str         what kind of object it is, a key of ``museumguide.records.forms.FORMS``
                                 ("painting", "sculpture", "print", ...), mapped from the museum's words
department           str | None  department
tags                 list[str]   subject terms (API null becomes [])
credit_line          str | None  creditLine
image_url            str | None  primaryImage (None when the API gives "")
image_small_url      str | None  primaryImageSmall, for thumbnails
object_url           str | None  objectURL
is_highlight         bool        isHighlight
is_public_domain     bool        isPublicDomain
notes                str | None  curator text as plain text (``museumguide.records.notes``); the Met has none
notes_license        str | None  the notes' licence, e.g. "CC BY 4.0"
notes_attribution    str | None  whom the notes must be credited to
museum               str         the holding museum's name as visitors see it ("The Met")
languages            dict        per language code, what the record gives in it: {"sv": {"title",
                                 "notes", "medium"}}; the fields above are English (LIDO records)
==================== =========== ===========================================================

Records from the Art Institute of Chicago (``museumguide.records.aic``) and any museum's LIDO
export (``museumguide.records.lido``) are cleaned onto the same schema.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import ftfy

from museumguide.common import jsonl
from museumguide.common.paths import NOTES_JOINED_FILE, PAINTINGS_FILE
from museumguide.records.forms import form_of
from museumguide.records.dimensions import parse_dimensions_cm

SCHEMA_FIELDS = (
    "key", "source", "object_id", "title", "artist", "artist_prefix", "artist_nationality", "artist_bio",
    "artist_begin_year", "artist_end_year", "date", "begin_year", "end_year", "medium",
    "dimensions", "height_cm", "width_cm", "culture", "period", "classification", "form",
    "department", "tags", "credit_line", "image_url", "image_small_url", "object_url",
    "is_highlight", "is_public_domain", "notes", "notes_license", "notes_attribution", "museum", "languages",
)
MUSEUM_NAMES = {"met": "The Met", "aic": "Art Institute of Chicago"}
"""The name a record's museum is shown by, for the sources whose records do not carry one."""
NOTE_FIELDS = ("notes", "notes_license", "notes_attribution")
CORE_FIELDS = tuple(f for f in SCHEMA_FIELDS if f not in ("key", "source", "museum", "languages", "form") + NOTE_FIELDS)
"""The fields a cleaned record had before notes and a second museum: still accepted on input."""


def painting_key(source: str, object_id: int | str | None) -> str:
    """The id of a painting that never collides across museums: "met-436535", "aic-27992"."""
    return f"{source}-{object_id}"


def with_new_fields(painting: Mapping[str, Any]) -> dict:
    """A copy of a painting with the fields added since older files were saved filled in (those
    files are the Met's); its other fields are kept as they are."""
    out = dict(painting)
    out.setdefault("source", "met")
    out.setdefault("key", painting_key(out["source"], out.get("object_id")))
    for name in NOTE_FIELDS:
        out.setdefault(name, None)
    if not out.get("museum"):
        out["museum"] = MUSEUM_NAMES.get(out["source"], out["source"])
    if not isinstance(out.get("languages"), dict):
        out["languages"] = {}
    if not out.get("form"):  # files saved before forms: read from the classification kept in them
        out["form"] = form_of(out.get("classification"), None, out.get("medium"))
    return out


def complete(painting: dict) -> dict:
    """A cleaned record in the current schema: the new fields filled in, nothing else kept."""
    out = with_new_fields(painting)
    return {name: out[name] for name in SCHEMA_FIELDS}

# Drop reasons, as printed in the summary and saved in the stats file.
DROP_NOT_CLASSIFICATION = "not the selected classification"
DROP_NO_ID = "no objectID"
DROP_DUPLICATE = "duplicate objectID (older copy)"
DROP_MISSING = "missing {}"
DROP_NO_MAKER = "no artist or culture"
DROP_NOTHING = "nothing but a title (no maker, culture, date or medium)"

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u3000]+")
_INLINE_TAG = re.compile(r"</?(?:i|em|b|strong|sup|sub|span|br|u)\b[^<>]*>", re.IGNORECASE)


def fix_text(value: Any) -> str | None:
    """Repair one text field: HTML entities, mojibake, odd spaces; ``""`` and ``None`` -> None."""
    if value is None:
        return None
    text = str(value)
    # The API double-escapes some names ("&amp;#39;"), so unescape until stable.
    for _ in range(3):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = ftfy.fix_text(text, unescape_html=False, normalization="NFC")
    # The Met's CSV marks a foreign title in italics inside the field ("Helmet (<i>Zukinnari
    # Kabuto</i>)"): the markup read out was struck (seed 26); the words stay.
    text = _INLINE_TAG.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = " ".join(_SPACES.sub(" ", text).split())
    return text or None


def fix_multiline(value: Any) -> str | None:
    """Like ``fix_text`` but keeps line structure visible: lines are joined with "; "."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [fix_text(line) for line in text.split("\n")]
    joined = "; ".join(line for line in lines if line)
    return joined or None


def parse_year(value: Any) -> int | None:
    """A year from the API's int or padded string fields; None for blanks and junk."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d{1,4}", text):
        return int(text)
    return None


def tag_terms(tags: Any) -> list[str]:
    """Subject terms from the API's ``tags`` (a list of {"term": ...} or JSON null)."""
    terms: list[str] = []
    for tag in tags or []:
        term = fix_text(tag.get("term") if isinstance(tag, dict) else tag)
        if term and term not in terms:
            terms.append(term)
    return terms


def matches_classification(record: dict, wanted: str | None) -> bool:
    """Whether a raw record is of the wanted art form (case-insensitive).

    ``None`` or ``"all"`` keeps everything. A record matches on its classification
    ("Paintings", and sub-types such as "Paintings-Panels"); the American Wing leaves
    classification empty, so there the objectName ("Painting") decides.
    """
    if not wanted or wanted.lower() == "all":
        return True
    wanted_l = wanted.lower()
    classification = (record.get("classification") or "").strip().lower()
    if classification:
        return classification == wanted_l or classification.startswith(wanted_l + "-")
    object_name = (record.get("objectName") or "").strip().lower()
    singular = wanted_l[:-1] if wanted_l.endswith("s") else wanted_l
    return object_name == singular or object_name.startswith(singular + ",")


def object_id_of(raw: dict) -> int | None:
    """The record's objectID as an int (the CSV gives strings), or None if it has none."""
    return int_id(raw.get("objectID"))


def int_id(value: Any) -> int | None:
    """A museum's id as an int, from an int or a digit string; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def spoken_title(title: str | None) -> str | None:
    """A title the Met gives in two scripts, joined by "|" ("元 廣勝寺 藥師佛法會圖壁畫|Buddha of
    Medicine Bhaishajyaguru (Yaoshi fo)"): its part in Latin letters, the one an English guide can
    say (seed 22: the whole line read out was struck). Any other title as it is."""
    if not title or "|" not in title:
        return title
    parts = [part.strip() for part in title.split("|") if part.strip()]
    latin = [part for part in parts if _latin_share(part) >= 0.5]
    return latin[0] if latin else title


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(unicodedata.name(c, "").startswith("LATIN") for c in letters) / len(letters) if letters else 0.0


def clean_record(raw: dict) -> dict:
    """Map one raw API record onto the cleaned schema (no filtering)."""
    dimensions = fix_multiline(raw.get("dimensions"))
    height, width = parse_dimensions_cm(dimensions)
    object_id = object_id_of(raw)
    return {
        "key": painting_key("met", object_id),
        "source": "met",
        "object_id": object_id,
        "title": spoken_title(fix_text(raw.get("title"))),
        "artist": fix_text(raw.get("artistDisplayName")),
        "artist_prefix": fix_text(raw.get("artistPrefix")),
        "artist_nationality": fix_text(raw.get("artistNationality")),
        "artist_bio": fix_text(raw.get("artistDisplayBio")),
        "artist_begin_year": parse_year(raw.get("artistBeginDate")),
        "artist_end_year": parse_year(raw.get("artistEndDate")),
        "date": fix_text(raw.get("objectDate")),
        "begin_year": parse_year(raw.get("objectBeginDate")),
        "end_year": parse_year(raw.get("objectEndDate")),
        "medium": fix_text(raw.get("medium")),
        "dimensions": dimensions,
        "height_cm": height,
        "width_cm": width,
        "culture": fix_text(raw.get("culture")),
        "period": fix_text(raw.get("period")),
        "classification": fix_text(raw.get("classification")),
        "form": form_of(raw.get("classification"), raw.get("objectName"), raw.get("medium")),
        "department": fix_text(raw.get("department")),
        "tags": tag_terms(raw.get("tags")),
        "credit_line": fix_text(raw.get("creditLine")),
        "image_url": fix_text(raw.get("primaryImage")),
        "image_small_url": fix_text(raw.get("primaryImageSmall")),
        "object_url": fix_text(raw.get("objectURL")),
        "is_highlight": bool(raw.get("isHighlight")),
        "is_public_domain": bool(raw.get("isPublicDomain")),
        "notes": None,
        "notes_license": None,
        "notes_attribution": None,
        "museum": MUSEUM_NAMES["met"],
        "languages": {},
    }


def drop_reason(painting: dict) -> str | None:
    """Why a cleaned record is not usable for a guide, or None to keep it: it needs a title, and
    something to say of the object beyond it (a maker or culture, a date, or a medium). A missing
    size, date or medium is left out of the prompt, never invented."""
    if not painting.get("title"):
        return DROP_MISSING.format("title")
    if not any(painting.get(k) for k in ("artist", "culture", "date", "medium")):
        return DROP_NOTHING
    return None


@dataclass
class CleanResult:
    """Cleaned paintings, sorted by object id, and how many raw records were dropped, by reason."""

    paintings: list[dict] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)
    seen: int = 0


def clean_records(raw_records: Iterable[dict], classification: str | None = "all") -> CleanResult:
    """Clean, filter and deduplicate the Met's raw records. The newest copy of an objectID wins."""
    return clean_newest(raw_records, object_id_of, matches_classification, clean_record, classification)


def clean_newest(raw_records: Iterable[dict], id_of: Callable[[dict], int | None],
                 matches: Callable[[dict, str | None], bool], clean_one: Callable[[dict], dict],
                 classification: str | None, no_id: str = DROP_NO_ID,
                 drop: Callable[[dict], str | None] | None = None) -> CleanResult:
    """One museum's raw records cleaned: the newest copy of each id kept, sorted by id, records
    of another art form (``matches``) or without what a guide needs (``drop_reason``) dropped and
    counted by reason; ``no_id`` is the reason given for a record without an id; ``drop`` replaces
    ``drop_reason`` for a museum whose records keep less."""
    result = CleanResult()
    latest: dict[int, dict] = {}
    for raw in raw_records:
        result.seen += 1
        object_id = id_of(raw)
        if object_id is None:
            result.dropped[no_id] += 1
            continue
        if object_id in latest:
            result.dropped[DROP_DUPLICATE] += 1
        latest[object_id] = raw
    for object_id in sorted(latest):
        raw = latest[object_id]
        if not matches(raw, classification):
            result.dropped[DROP_NOT_CLASSIFICATION] += 1
            continue
        painting = clean_one(raw)
        reason = (drop or drop_reason)(painting)
        if reason:
            result.dropped[reason] += 1
            continue
        result.paintings.append(painting)
    return result


def read_paintings(processed_dir) -> list[dict]:
    """``paintings.jsonl`` of a processed folder as collected, completed to the current schema
    (no ``--notes-file`` notes: ``load_paintings`` adds those)."""
    return [complete(p) for p in jsonl.read_jsonl(Path(processed_dir) / PAINTINGS_FILE, require=CORE_FIELDS)]


def load_paintings(processed_dir) -> list[dict]:
    """The cleaned paintings of a processed folder as the prompts saw them: ``paintings.jsonl``
    completed to the current schema, with the notes a ``--notes-file`` joined (``notes.jsonl``)."""
    folder = Path(processed_dir)
    paintings = read_paintings(folder)
    joined_path = folder / NOTES_JOINED_FILE
    if joined_path.is_file():
        joined = {row["key"]: row for row in jsonl.read_jsonl(joined_path, require=("key",) + NOTE_FIELDS)}
        paintings = [{**p, **{f: joined[p["key"]][f] for f in NOTE_FIELDS}} if p["key"] in joined else p
                     for p in paintings]
    return paintings
