"""Pure functions that turn Art Institute of Chicago API records into cleaned painting records.

    python -m museumguide.collect --source aic --from-file ../shared/data/aic/paintings.jsonl

The AIC's open API (https://api.artic.edu/docs/) gives each artwork's metadata under CC0 and a
curator-written ``description`` under CC BY 4.0. Both land on the schema of ``museumguide.records.clean``
with ``source`` "aic": the description becomes the record's ``notes`` (plain text, see
``museumguide.records.notes``), credited to the Art Institute of Chicago.

Quirks handled here, each with a test: ``artist_display`` is either "Name\\nNationality, dates"
or "Name (Nationality, dates)"; dimensions give centimetres first; ``style_title`` is often null;
``subject_titles`` are plain strings.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from museumguide.records import clean, notes
from museumguide.records.forms import form_of
from museumguide.records.dimensions import parse_dimensions_cm

AIC_FIELDS = (
    "id", "title", "artist_display", "date_display", "date_start", "date_end", "medium_display",
    "dimensions", "place_of_origin", "artwork_type_title", "classification_title",
    "department_title", "credit_line", "is_public_domain", "style_title", "subject_titles",
    "description", "image_id",
)
"""The ``fields`` the collector asks the API for: all this module reads, and nothing more."""
ATTRIBUTION = "the Art Institute of Chicago"
IIIF = "https://www.artic.edu/iiif/2/{}/full/{},/0/default.jpg"
OBJECT_URL = "https://www.artic.edu/artworks/{}"

EXHIBITION_TERMS = {"century of progress", "world's fairs", "chicago world's fairs"}
_PAREN_BIO = re.compile(r"^(?P<name>.+?)\s*\((?P<bio>[^()]*\d[^()]*)\)\s*$")
_LIFE = re.compile(r"(\d{3,4})\s*[–-]\s*(\d{3,4})")
_UNKNOWN = re.compile(r"^(artist|maker|painter)?\s*unknown( artist)?$", re.IGNORECASE)
_HEDGE_LINE = re.compile(r"^(Attributed to|Workshop of|Circle of|Follower of|School of|Manner of|Style of|Copy after|"
                        r"After|Possibly by|Probably by)\s+(.+)$")
_PERIOD = re.compile(r"\b(?:dynasty|period|kingdom|empire|era|reign of)\b", re.IGNORECASE)
PLACE_NAMES = {
    "africa", "afghanistan", "america", "anatolia", "arabia", "armenia", "assyria", "babylon", "bactria", "bengal",
    "bolivia", "burma", "byzantium", "cambodia", "china", "colombia", "congo", "crete", "cyprus", "ecuador",
    "egypt", "england", "ethiopia", "etruria", "france", "gandhara", "germany", "ghana", "greece", "guatemala",
    "india", "indonesia", "iran", "iraq", "italy", "japan", "java", "korea", "laos", "mali", "mesoamerica",
    "mesopotamia", "mexico", "mongolia", "nepal", "netherlands", "nigeria", "ottoman empire", "pakistan", "persia",
    "peru", "philippines", "rome", "russia", "spain", "sri lanka", "syria", "thailand", "tibet", "turkey",
    "vietnam", "yemen",
}
CULTURE_NAMES = {
    "african", "american indian", "ancient egyptian", "ancient greek", "ancient roman", "assyrian", "aztec",
    "byzantine", "chinese", "coptic", "egyptian", "etruscan", "greek", "indian", "inca", "islamic", "japanese",
    "khmer", "korean", "maya", "mughal", "nepalese", "ottoman", "persian", "roman", "tibetan", "vietnamese",
}
PLACES = PLACE_NAMES | CULTURE_NAMES
"""Places and cultures the AIC's ``artist_display`` names where no maker is known ("India, Rajasthan,
Udaipur", "Roman"): a place in the maker's line is where the work comes from, never its artist."""


def is_place_name(text: str | None) -> bool:
    """Whether ``text`` names a place ("India, Rajasthan"), not a culture ("Japanese")."""
    return bool(text) and text.split(",")[0].strip().lower() in PLACE_NAMES


_BORN = re.compile(r"\bborn\b[^;]*?(\d{4})", re.IGNORECASE)
_DIED = re.compile(r"\bdied\b[^;]*?(\d{4})", re.IGNORECASE)


def is_aic_record(value: Any) -> bool:
    """Whether a dict has the shape of an AIC API artwork record."""
    return isinstance(value, dict) and "id" in value and ("artist_display" in value or "date_display" in value)


def aic_id_of(raw: dict) -> int | None:
    """The record's id as an int, or None if it has none."""
    return clean.int_id(raw.get("id"))


def split_artist(display: str | None) -> tuple[str | None, str | None]:
    """(name, biography) from either shape of ``artist_display``.

    "Grant Wood\\nAmerican, 1891–1942" and "Diego Rivera (Mexican, 1886–1957)" both give a name
    and a biography; a display without either gives the whole text as the name.
    """
    if not display:
        return None, None
    lines = [line for line in (clean.fix_text(x) for x in str(display).replace("\r", "\n").split("\n")) if line]
    if not lines:
        return None, None
    if len(lines) > 1:
        return lines[0], "; ".join(lines[1:])
    match = _PAREN_BIO.match(lines[0])
    if match:
        return match.group("name"), match.group("bio")
    return lines[0], None


def maker_or_place(artist: str | None, bio: str | None) -> dict:
    """The maker's fields of a display that may name a place, a period or a hedged maker instead of
    a person: "India, Rajasthan, Udaipur" + "Attributed to Ghasi" -> artist "Ghasi" with prefix
    "Attributed to", culture "India, Rajasthan, Udaipur"; "Roman" + "Roman Period" -> no artist,
    culture "Roman", period "Roman Period"; "China" + "Northern Song dynasty (960–1127)" -> the
    dynasty as the period (its dates are the period's, never the work's or the artist's); a named
    maker after a place ("Japan" + "Katsushika Hokusai (Japanese, 1760-1849)") is the artist. A
    person in the first line stays the artist whatever later lines say ("After Titian")."""
    out = {"artist": artist, "artist_prefix": None, "artist_bio": bio, "culture": None, "period": None}
    first = (artist or "").split(",")[0].strip().lower()
    own = _HEDGE_LINE.match(artist or "")
    if own:  # "Attributed to Ghasi" in the first line
        out["artist_prefix"], out["artist"] = own.group(1), own.group(2).strip()
        return out
    if first not in PLACES:
        return out
    rest = [x.strip() for x in (bio.split("; ") if bio else []) if x.strip()]
    out["culture"], out["artist"], out["artist_bio"] = artist, None, None
    out["period"] = next((x for x in rest if _PERIOD.search(x)), None)
    rest = [x for x in rest if x != out["period"]]
    if rest:  # the maker after the place, hedged or not, with a life in brackets where given
        hedged = _HEDGE_LINE.match(rest[0])
        name, life = split_artist(hedged.group(2) if hedged else rest[0])
        if name and name.split(",")[0].strip().lower() not in PLACES:
            out["artist"], out["artist_prefix"] = name, hedged.group(1) if hedged else None
            out["artist_bio"] = "; ".join(([life] if life else []) + rest[1:]) or None
    return out


def bio_parts(bio: str | None) -> tuple[str | None, int | None, int | None]:
    """(nationality, birth year, death year) from "English, born Ireland, 1909–1992"."""
    if not bio:
        return None, None, None
    first = bio.split(",")[0].strip()
    plain = first and not any(c.isdigit() or c in "()" for c in first)
    nationality = first if plain and not first.lower().startswith("born") else None
    life = _LIFE.search(bio)
    if life:
        return nationality, int(life.group(1)), int(life.group(2))
    born, died = _BORN.search(bio), _DIED.search(bio)
    return nationality, (int(born.group(1)) if born else None), (int(died.group(1)) if died else None)


def subject_terms(titles: Any) -> list[str]:
    """Subjects a visitor can look for: qualifiers dropped ("blue (color)" -> "blue") and the
    exhibition-history terms the AIC files as subjects ("world's fairs") left out."""
    terms = []
    for term in clean.tag_terms(titles):
        term = re.sub(r"\s*\([^()]*\)", "", term).strip()
        if term and term.lower() not in EXHIBITION_TERMS and term not in terms:
            terms.append(term)
    return terms


def _year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else clean.parse_year(value)


def clean_aic_record(raw: dict) -> dict:
    """Map one raw AIC record onto the cleaned schema (no filtering)."""
    object_id = aic_id_of(raw)
    artist, bio = split_artist(raw.get("artist_display"))
    nationality, born, died = bio_parts(bio)
    culture = None
    if artist and _UNKNOWN.match(artist):  # "Artist unknown\nJapanese": the Met's shape is a culture
        artist, culture = None, nationality
    maker = maker_or_place(artist, bio)
    if maker["artist"] != artist or maker["culture"]:
        artist, bio, culture = maker["artist"], maker["artist_bio"], maker["culture"] or culture
        nationality, born, died = bio_parts(bio)
    dimensions = clean.fix_multiline(raw.get("dimensions"))
    height, width = parse_dimensions_cm(dimensions)
    # style_title ("Cubism") is left out: read as a subject it gives "Look for Cubism".
    tags = subject_terms(raw.get("subject_titles"))
    image_id = clean.fix_text(raw.get("image_id"))
    description = notes.clean_notes(raw.get("description"))
    return {
        "key": clean.painting_key("aic", object_id),
        "source": "aic",
        "object_id": object_id,
        "title": clean.fix_text(raw.get("title")),
        "artist": artist,
        "artist_prefix": maker["artist_prefix"],
        "artist_nationality": nationality,
        "artist_bio": bio,
        "artist_begin_year": born,
        "artist_end_year": died,
        "date": clean.fix_text(raw.get("date_display")),
        "begin_year": _year(raw.get("date_start")),
        "end_year": _year(raw.get("date_end")),
        "medium": clean.fix_text(raw.get("medium_display")),
        "dimensions": dimensions,
        "height_cm": height,
        "width_cm": width,
        "culture": culture,
        "period": maker["period"],
        "classification": clean.fix_text(raw.get("artwork_type_title")),
        # The artwork type is the museum's own form ("Painting" for a painted screen), read first.
        "form": form_of(raw.get("classification_title"), raw.get("artwork_type_title"), raw.get("medium_display")),
        "department": clean.fix_text(raw.get("department_title")),
        "tags": tags,
        "credit_line": clean.fix_text(raw.get("credit_line")),
        "image_url": IIIF.format(image_id, 843) if image_id else None,
        "image_small_url": IIIF.format(image_id, 200) if image_id else None,
        "object_url": OBJECT_URL.format(object_id) if object_id is not None else None,
        "is_highlight": False,
        "is_public_domain": bool(raw.get("is_public_domain")),
        "notes": description,
        "notes_license": notes.CC_BY if description else None,
        "notes_attribution": ATTRIBUTION if description else None,
        "museum": clean.MUSEUM_NAMES["aic"],
        "languages": {},
    }


def matches_classification(raw: dict, wanted: str | None) -> bool:
    """Whether an AIC record is of the wanted art form: "Paintings" matches artwork type "Painting"."""
    if not wanted or wanted.lower() == "all":
        return True
    kind = (raw.get("artwork_type_title") or "").strip().lower()
    wanted_l = wanted.lower()
    return kind in (wanted_l, wanted_l.rstrip("s"))


def clean_aic_records(raw_records: Iterable[dict], classification: str | None = "all") -> clean.CleanResult:
    """Clean, filter and deduplicate AIC records; the newest copy of an id wins."""
    return clean.clean_newest(raw_records, aic_id_of, matches_classification, clean_aic_record, classification,
                              no_id="no id")
