"""Read the Met's bulk Open Access file (MetObjects.csv) as API-shaped records.

The CSV (54 columns, about 480,000 rows, 300 MB) is how to get the whole collection without
meeting the API's rate limit. Its rows say the same things as ``/objects/{id}`` with other
names and a few quirks, so we map each row onto the API's keys and the one cleaning module
serves both sources:

* multi-artist fields are pipe-joined ("Érard|George Henry Blake"); the API's flat
  ``artist*`` keys describe the first constituent, so we take the first part there and keep
  all of them in ``constituents``;
* artist dates are right-padded with spaces ("1780      |          ");
* tags are three parallel pipe-joined columns (term, AAT URL, Wikidata URL);
* booleans are "True"/"False" and object dates are strings.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Iterator

# CSV column -> API key, for the columns that map one to one.
_DIRECT = {
    "Object Number": "accessionNumber",
    "Gallery Number": "GalleryNumber",
    "Department": "department",
    "AccessionYear": "accessionYear",
    "Object Name": "objectName",
    "Title": "title",
    "Culture": "culture",
    "Period": "period",
    "Dynasty": "dynasty",
    "Reign": "reign",
    "Portfolio": "portfolio",
    "Object Date": "objectDate",
    "Medium": "medium",
    "Dimensions": "dimensions",
    "Credit Line": "creditLine",
    "Geography Type": "geographyType",
    "City": "city",
    "State": "state",
    "County": "county",
    "Country": "country",
    "Region": "region",
    "Subregion": "subregion",
    "Locale": "locale",
    "Locus": "locus",
    "Excavation": "excavation",
    "River": "river",
    "Classification": "classification",
    "Rights and Reproduction": "rightsAndReproduction",
    "Link Resource": "objectURL",
    "Object Wikidata URL": "objectWikidata_URL",
    "Metadata Date": "metadataDate",
    "Repository": "repository",
}
# Pipe-joined per-constituent columns -> API key of the first constituent.
_ARTIST = {
    "Artist Role": "artistRole",
    "Artist Prefix": "artistPrefix",
    "Artist Display Name": "artistDisplayName",
    "Artist Display Bio": "artistDisplayBio",
    "Artist Suffix": "artistSuffix",
    "Artist Alpha Sort": "artistAlphaSort",
    "Artist Nationality": "artistNationality",
    "Artist Begin Date": "artistBeginDate",
    "Artist End Date": "artistEndDate",
    "Artist Gender": "artistGender",
    "Artist ULAN URL": "artistULAN_URL",
    "Artist Wikidata URL": "artistWikidata_URL",
}
_BOOL = {"Is Highlight": "isHighlight", "Is Timeline Work": "isTimelineWork", "Is Public Domain": "isPublicDomain"}
REQUIRED_COLUMNS = ("Object ID", "Title", "Classification", "Medium", "Dimensions", "Object Date")


class CsvFormatError(ValueError):
    """The file is not in the MetObjects.csv layout."""


def _parts(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split("|")]


def _int_or_none(value: str | None) -> int | None:
    text = (value or "").strip()
    try:
        return int(text)
    except ValueError:
        return None


def row_to_record(row: dict[str, str]) -> dict:
    """One CSV row as a dict with the API's keys (strings stay as the CSV has them)."""
    record: dict = {"objectID": _int_or_none(row.get("Object ID"))}
    for column, key in _DIRECT.items():
        record[key] = (row.get(column) or "").strip()
    for column, key in _BOOL.items():
        record[key] = (row.get(column) or "").strip().lower() == "true"
    for key in ("Object Begin Date", "Object End Date"):
        record["objectBeginDate" if "Begin" in key else "objectEndDate"] = _int_or_none(row.get(key))

    artist_columns = {key: _parts(row.get(column)) for column, key in _ARTIST.items()}
    ids = _parts(row.get("Constituent ID"))
    for key, parts in artist_columns.items():
        record[key] = parts[0] if parts else ""
    constituents = []
    for i, name in enumerate(artist_columns["artistDisplayName"]):
        if not name:
            continue
        constituents.append({
            "constituentID": _int_or_none(ids[i] if i < len(ids) else None),
            "role": artist_columns["artistRole"][i] if i < len(artist_columns["artistRole"]) else "",
            "name": name,
        })
    record["constituents"] = constituents or None

    terms = _parts(row.get("Tags"))
    aat = _parts(row.get("Tags AAT URL"))
    wikidata = _parts(row.get("Tags Wikidata URL"))
    tags = [
        {"term": t, "AAT_URL": aat[i] if i < len(aat) else "", "Wikidata_URL": wikidata[i] if i < len(wikidata) else ""}
        for i, t in enumerate(terms) if t
    ]
    record["tags"] = tags or None
    # The bulk file has no image links; the API's keys are present but empty.
    record["primaryImage"] = ""
    record["primaryImageSmall"] = ""
    return record


def iter_csv_records(path: str | Path) -> Iterator[dict]:
    """Stream API-shaped records from a MetObjects.csv file, checking its header first."""
    path = Path(path)
    if not path.exists():
        raise CsvFormatError(f"{path}: file not found")
    # Rows hold multi-line dimension text; the default field limit is too small for a few.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    # utf-8-sig: the Met's own download starts with a byte-order mark.
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise CsvFormatError(
                f"{path}: not a MetObjects.csv file; missing column(s) {', '.join(missing)} "
                f"(found {len(header)} columns)"
            )
        for row in reader:
            yield row_to_record(row)
