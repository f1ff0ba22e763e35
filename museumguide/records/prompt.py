"""The prompt: one function that training, generation and evaluation all call.

    from museumguide.records.prompt import build_prompt, to_painting
    print(build_prompt(to_painting({"title": "The Harvesters", "artist": "Pieter Bruegel the Elder"})))

``to_painting`` accepts any of the shapes users have at hand (a raw Met API record, a raw Art
Institute of Chicago API record, a cleaned record from ``paintings.jsonl``, or a plain dict with
``title``, ``artist``, ``date``, ``medium``, ``dimensions`` and perhaps ``notes``) and returns the
cleaned schema, so the prompt never depends on where the metadata came from.

Curator notes get a section of their own at the end of the prompt. Whatever the prompt shows is
what a guide may state (``museumguide.checks.grounding``), so notes widen what a guide can say.

A guide in another language (``build_prompt(painting, "sv")``) is asked for in the instruction,
and the prompt shows the record's title, medium and notes in that language where it has them
(``in_language``; LIDO records keep them per language): notes in another language are left out,
so a guide states only what a prompt in its own language supports. English prompts are unchanged.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from museumguide.records import aic, clean, notes, styles
from museumguide.records.forms import FORMS, check_form, form_of
from museumguide.records.dimensions import parse_dimensions_cm

LANGUAGES = {"en": "English", "sv": "Swedish", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian"}
"""Languages a guide can be asked for: English, Swedish (the Nationalmuseum's), and the four
Mistral-7B-Instruct writes well."""
END_MARKER = "<END>"
PROMPT_VERSION = "v3"  # v2: the Notes section; v3: the object type (museumguide.records.forms)
INSTRUCTION = "Write a spoken audio-guide script for a museum visitor standing in front of this work."
RESPONSE_HEADER = "Audio guide:"
MAX_FIELD_CHARS = 2000
"""Longest value accepted for one metadata field; longer input is refused, not truncated."""

# Plain-dict keys users may pass, with the cleaned field each one fills.
PLAIN_FIELDS = {
    "title": "title", "artist": "artist", "date": "date", "medium": "medium",
    "dimensions": "dimensions", "culture": "culture", "period": "period",
    "classification": "classification", "artist_nationality": "artist_nationality",
    "nationality": "artist_nationality", "artist_bio": "artist_bio", "tags": "tags",
    "object_id": "object_id", "objectID": "object_id", "credit_line": "credit_line",
    "department": "department", "notes": "notes", "notes_license": "notes_license",
    "notes_attribution": "notes_attribution", "form": "form",
}


def _check_text(name: str, value: Any) -> None:
    if value is None:
        return
    if name == "tags":
        if not isinstance(value, (list, tuple)) or not all(isinstance(t, (str, dict)) for t in value):
            raise TypeError("field 'tags' must be a list of strings")
        return
    if name in ("object_id", "objectID"):
        return
    if name == "form":
        check_form(value)
        return
    if name == "notes":  # its own, larger limit (museumguide.records.notes)
        if not isinstance(value, str):
            raise TypeError(f"field 'notes' must be a string, got {type(value).__name__}")
        return
    if not isinstance(value, str):
        raise TypeError(f"field {name!r} must be a string, got {type(value).__name__}")
    if len(value) > MAX_FIELD_CHARS:
        raise ValueError(f"field {name!r} is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}")


def to_painting(metadata: Mapping[str, Any]) -> dict:
    """Normalise a raw API record, a cleaned record or a plain dict to the cleaned schema.

    Raises ``TypeError``/``ValueError`` naming the field for unusable input.
    """
    if not isinstance(metadata, Mapping):
        raise TypeError(f"metadata must be a mapping (dict), got {type(metadata).__name__}")
    if "artistDisplayName" in metadata or "objectDate" in metadata:  # a raw API record
        for key in ("title", "artistDisplayName", "objectDate", "medium", "dimensions"):
            _check_text(key, metadata.get(key))
        raw = dict(metadata)
        raw.setdefault("objectID", 0)
        painting = clean.clean_record(raw)
    elif aic.is_aic_record(metadata):  # a raw AIC API record
        for key in ("title", "artist_display", "date_display", "medium_display", "dimensions"):
            _check_text(key, metadata.get(key))
        _check_text("notes", metadata.get("description"))
        painting = aic.clean_aic_record(dict(metadata))
    elif "object_id" in metadata and set(clean.CORE_FIELDS) <= set(metadata):  # cleaned
        painting = clean.complete(dict(metadata))
        for key in ("title", "artist", "date", "medium", "dimensions", "notes"):
            _check_text(key, painting.get(key))
    else:
        unknown = [k for k in metadata if k not in PLAIN_FIELDS]
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(map(repr, unknown))}; "
                             f"expected some of {', '.join(sorted(set(PLAIN_FIELDS) - {'objectID'}))}")
        for key, value in metadata.items():
            _check_text(key, value)
        painting = {k: None for k in clean.SCHEMA_FIELDS}
        painting["tags"] = []
        for key, value in metadata.items():
            target = PLAIN_FIELDS[key]
            if target == "tags":
                painting["tags"] = clean.tag_terms(value)
            elif target == "object_id":
                painting["object_id"] = value
            elif target == "notes":
                painting["notes"] = notes.clean_notes(value)
            else:
                painting[target] = clean.fix_multiline(value) if target == "dimensions" else clean.fix_text(value)
        painting["height_cm"], painting["width_cm"] = parse_dimensions_cm(painting["dimensions"])
        painting["form"] = painting.get("form") or form_of(painting.get("classification"), None, painting.get("medium"))
        painting["is_highlight"] = painting["is_public_domain"] = False
        painting["source"] = "user"
        painting["key"] = clean.painting_key("user", painting["object_id"] if painting["object_id"] is not None else 0)
    if not painting.get("title"):
        raise ValueError("field 'title' is required and must not be empty")
    return painting


def _artist_line(p: Mapping[str, Any]) -> str | None:
    artist = p.get("artist")
    if not artist:
        return None
    prefix = p.get("artist_prefix")
    return f"{prefix} {artist}" if prefix else artist


def prompt_fields(p: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (label, value) lines of the prompt, in order, missing fields left out."""
    subjects = ", ".join(p.get("tags") or [])
    lines = [
        ("Title", p.get("title")),
        ("Artist", _artist_line(p)),
        ("Date", p.get("date")),
        ("Medium", p.get("medium")),
        ("Dimensions", p.get("dimensions")),
        ("Object type", FORMS.get(p.get("form")) if p.get("form") not in (None, "object") else None),
        ("Artist nationality", p.get("artist_nationality")),
        ("Artist life", p.get("artist_bio")),
        ("Culture", p.get("culture")),
        ("Period", p.get("period")),
        ("Classification", p.get("classification")),
        ("Subjects", subjects),
        ("Notes", p.get("notes")),
    ]
    return [(label, str(value)) for label, value in lines if value]


SPAN_SLASH_SOURCES = {"aic"}
"""Museums whose work dates use a slash for a span: the Art Institute of Chicago's "1662/65" means
made between 1662 and 1665 (its ``date_start`` and ``date_end``). Elsewhere, as in the Met's
artist lives ("1484/85"), a slash is one year or the other."""


def lived_before(painting: Mapping[str, Any]) -> bool:
    """Whether the named artist died before the work was begun (the Met's ``artist_end_year`` and
    ``begin_year``): the poet of a manuscript made centuries later (the Met names Amir Khusrau,
    1253–1325, as "artist" of a 1597 folio; Nizami, 1141–1209, of a page of ca. 1620–30). His life
    told as the maker's misleads: "The artist was born in Ganja in 1141" of that page was struck by
    both blind annotators of seed 26, "by Nizami" by one."""
    end, begin = painting.get("artist_end_year"), painting.get("begin_year")
    if not (isinstance(end, int) and isinstance(begin, int) and end < begin):
        return False
    # the life line must agree, a birth and a death: the Met gives Lucia Kleinhans Mathews (1870–1955)
    # an end year of 1870, and Master Heinrich ("active in Constance, ca. 1300") one of 1300
    bio = painting.get("artist_bio") or ""
    lived = [int(y) for y in re.findall(r"(?<!\d)(\d{3,4})(?!\d)", bio)]
    return len(lived) >= 2 and not re.search(r"(?i)\b(?:active|working|flourished)\b|\bfl\.", bio) \
        and max(lived) < begin


NO_NAME = re.compile(r"(?i)^(?:unknown|unidentified|anonymous)(?: (?:artist|maker|painter))?$")
"""An artist line that names no one ("Unknown", "Unidentified artist")."""
OTHER_MAKER = re.compile(r"(?i)or|and|with|and/or")
"""An artist prefix that joins this maker to another the record names elsewhere ("or Matteo
Cecchi, called Acquafresca"): no opening says "by" him, nor ", or Matteo Cecchi" after the title,
heard as the work's other name and struck by blind annotators in every style of seed 29."""
GROUP_NAME = re.compile(r"(?:[A-Z][\w'’-]+ ){1,3}(?:artists?|peoples?|workshop|maker|makers)")
"""A maker named by a people or place, not a person ("Dogon artist", "Kwoma artists")."""


def one_maker(painting: Mapping[str, Any]) -> bool:
    """Whether "the artist" fits the record's maker: a person, named or not ("Dogon artist"), not
    no one, a workshop or a people ("Workshop of Artists of Mariwai Village": "The artist made it" struck, seed 26), nor the
    author of a text copied long after (``lived_before``)."""
    artist = re.sub(r"\s*\([^()]*\)", "", painting.get("artist") or "").strip()
    group = f"{painting.get('artist_prefix') or ''} {painting.get('artist') or ''}".strip()
    return bool(artist) and not NO_NAME.match(artist) \
        and not re.search(r"(?i)\b(?:workshop|artists|makers|peoples)\b|\(s\)", group) and not lived_before(painting)


def slash_is_span(painting: Mapping[str, Any]) -> bool:
    """Whether a slash in this painting's date joins the ends of a span (``SPAN_SLASH_SOURCES``)."""
    return painting.get("source") in SPAN_SLASH_SOURCES


def form_in(prompt: str) -> str:
    """The form a prompt built by ``build_prompt`` names ("painting", "sculpture"; "object" for a
    prompt without an object type, which is also how prompts before forms read)."""
    named = re.search(r"\nObject type: ([^\n]+)\n", prompt)
    return next((form for form, name in FORMS.items() if named and name == named.group(1)), "object")


def has_notes(prompt: str) -> bool:
    """Whether a prompt built by ``build_prompt`` shows curator notes."""
    return "\nNotes: " in prompt


def check_language(language: str) -> str:
    """``language`` if a guide can be written in it; ValueError naming the choices otherwise."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return language


def in_language(painting: Mapping[str, Any], language: str = "en") -> dict:
    """The painting as a prompt in ``language`` shows it: title and medium in that language where
    the record has them, and only that language's notes (none when it has none). It carries
    ``"language"`` so that the checks judge a guide for it in that language."""
    painting = dict(painting)
    if check_language(language) == "en":
        return painting
    painting["language"] = language
    own = (painting.get("languages") or {}).get(language, {})
    painting["title"] = own.get("title") or painting.get("title")
    painting["medium"] = own.get("medium") or painting.get("medium")
    painting["notes"] = own.get("notes")
    return painting


def build_prompt(painting: Mapping[str, Any], language: str = "en", style: str | None = None) -> str:
    """The model's prompt for one painting (cleaned schema; see ``to_painting``), asking for a
    guide in ``language``; pass the painting through ``in_language`` first. ``style``
    (``records.styles``; default the painting's own ``"style"``, else standard) adds its sentence to
    the instruction; a standard prompt is as it was before styles."""
    body = "\n".join(f"{label}: {value}" for label, value in prompt_fields(painting))
    instruction = INSTRUCTION if check_language(language) == "en" else f"{INSTRUCTION} Write it in {LANGUAGES[language]}."
    extra = styles.instruction(style or painting.get("style") or "standard")
    instruction = f"{instruction} {extra}" if extra else instruction
    return f"{instruction}\n\n{body}\n\n{RESPONSE_HEADER}\n"


def in_style(painting: Mapping[str, Any], style: str = "standard") -> dict:
    """The painting as a prompt for a guide in ``style`` shows it: the same record, carrying
    ``"style"`` so that the prompt, the template writer and the generator say it that way."""
    painting = dict(painting)
    if styles.check_style(style) == "standard":
        painting.pop("style", None)
    else:
        painting["style"] = style
    return painting
