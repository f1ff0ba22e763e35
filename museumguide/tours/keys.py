"""Painting keys across museums, and the names the page and tours give them.

    from museumguide.tours.keys import as_key, split_key
    as_key(436535)          # -> "met-436535" (a bare number is the Met's, as before keys)
    split_key("aic-6565")   # -> ("aic", 6565)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping

KEY_PATTERN = re.compile(r"[a-z]{1,16}-\d{1,12}")
"""A painting key: strict, because keys name files in the guides folder."""


def as_key(value: Any) -> str:
    """A painting key from a key or, for clients from before keys, a bare Met object id (an int or
    a string of digits). Raises ValueError for anything else."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"met-{value}"
    if isinstance(value, str):
        if value.isascii() and value.isdigit() and len(value) <= 12:
            return f"met-{int(value)}"
        if KEY_PATTERN.fullmatch(value):
            return value
    raise ValueError(f"not a painting key: {str(value)[:40]!r}")


def split_key(key: str) -> tuple[str, int]:
    """(source, the museum's own id) of a painting key: "aic-6565" -> ("aic", 6565)."""
    source, _, number = key.rpartition("-")
    return source, int(number)


def museum_name(source: str | None) -> str:
    """How the page and tours name a source museum (imported here: records.clean pulls in ftfy)."""
    from museumguide.records.clean import MUSEUM_NAMES

    return MUSEUM_NAMES.get(source or "", source or "unknown")


def museum_of(painting: Mapping[str, Any]) -> str:
    """The name of the museum holding a painting: the record's own (a LIDO export's
    ``legalBodyName``), else its source's."""
    return painting.get("museum") or museum_name(painting.get("source"))


def credit_of(painting: Mapping[str, Any]) -> str | None:
    """The credit line a painting's notes are owed, or None (imported here: notes pulls in ftfy)."""
    from museumguide.records.notes import credit

    return credit(painting)


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe form of ``text``: lower-case letters, digits and dashes only, accents
    dropped rather than the letters under them ("inför" is "infor", not "inf-r")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "untitled"


def row_key(row: Mapping) -> str | None:
    """The painting key of an approved.jsonl line; lines from before keys name a Met object id."""
    for value in (row.get("key"), row.get("object_id")):
        try:
            return as_key(value)
        except ValueError:
            continue
    return None


def row_order(row: dict) -> tuple:
    key = row_key(row)
    if key is None:
        return ("", -1)
    return split_key(key)


def keyed(paintings: Mapping[Any, dict]) -> dict[str, dict]:
    """``paintings`` by key, whatever they were keyed by (callers from before keys use object
    ids); records saved before keys existed are the Met's, as in ``clean.complete``."""
    from museumguide.records.clean import with_new_fields

    out: dict[str, dict] = {}
    for painting in paintings.values():
        painting = with_new_fields(painting)
        out[as_key(painting["key"])] = painting
    return out
