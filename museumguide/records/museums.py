"""What differs between the museums' raw records, and cleaning every museum's raw file at once.

    python -m museumguide.collect --from-file data/raw/met-sample/objects.jsonl   # cleans them all

Each museum's raw log (``common.paths.MET_RAW_FILE``, ``AIC_RAW_FILE``) holds records exactly as
its API sent them; ``MUSEUMS`` says how to recognise one, where its id is and which cleaner maps it
onto the schema. ``clean_sources`` cleans every raw file present, the Met's first, each sorted by
id, and ``clean_to_processed`` writes them atomically as one ``paintings.jsonl``. They read saved
files only, never the network: the collector calls them after fetching, and they re-run offline
when the rules change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from museumguide.common import jsonl
from museumguide.common.paths import AIC_RAW_FILE, LIDO_RAW_DIR, MET_RAW_FILE, PAINTINGS_FILE
from museumguide.records import aic, clean, lido


@dataclass(frozen=True)
class Museum:
    """One museum's raw records: where they are saved and how to read and clean them."""

    name: str
    """How summaries name it: "the Met"."""
    raw_file: str
    """Its raw log's file name in the raw folder."""
    id_of: Callable[[dict], int | None]
    """The museum's own id of a raw record, or None."""
    is_record: Callable[[object], bool]
    """Whether a value is one of its raw records (a --from-file line is checked with it)."""
    not_a_record: str
    """The error for a --from-file line that is not this museum's record."""
    clean: Callable[[Iterable[dict], str | None], clean.CleanResult]
    """Its cleaner: raw records and a classification to keep, to cleaned paintings."""


MUSEUMS = {
    "met": Museum("the Met", MET_RAW_FILE, clean.object_id_of,
                  lambda v: isinstance(v, dict) and clean.object_id_of(v) is not None,
                  "not a Met object record (no objectID)", clean.clean_records),
    "aic": Museum("the Art Institute of Chicago", AIC_RAW_FILE, aic.aic_id_of,
                  lambda v: aic.is_aic_record(v) and aic.aic_id_of(v) is not None,
                  "not an AIC artwork record (needs an id and artist_display or date_display)",
                  aic.clean_aic_records),
}
"""Cleaning reads the raw files in this order: the Met first, then the AIC."""


def lido_sources(raw_dir: Path) -> dict[str, str]:
    """The LIDO exports saved in ``raw_dir``: key prefix -> the museum's name, in prefix order."""
    import json

    found = {}
    for folder in sorted((Path(raw_dir) / LIDO_RAW_DIR).glob("*/")):
        meta = folder / "source.json"
        if meta.is_file():
            found[folder.name] = json.loads(meta.read_text(encoding="utf-8"))["name"]
    return found


def source_name(source: str, raw_dir: Path) -> str:
    """How summaries name a source: "the Met", or a LIDO export's museum."""
    return MUSEUMS[source].name if source in MUSEUMS else lido_sources(raw_dir).get(source, source)


def clean_sources(raw_dir: Path, classification: str, met_records: Iterable[dict] | None = None
                  ) -> dict[str, clean.CleanResult]:
    """Clean every museum's raw file present in ``raw_dir`` (the Met's from ``met_records``
    instead when given: the bulk CSV), each through its own cleaner, in ``MUSEUMS`` order, then
    every saved LIDO export (``museumguide.sources.lidofiles``) in the order of their prefixes."""
    results = {}
    for name, museum in MUSEUMS.items():
        records = met_records if name == "met" and met_records is not None else None
        if records is None and (raw_dir / museum.raw_file).exists():
            records = (v for _, v in jsonl.iter_jsonl(raw_dir / museum.raw_file))
        if records is not None:
            results[name] = museum.clean(records, classification)
    for prefix, museum_name in lido_sources(raw_dir).items():
        records = lido.iter_records(Path(raw_dir) / LIDO_RAW_DIR / prefix)
        results[prefix] = lido.clean_lido_records(records, prefix, museum_name, classification)
    return results


@dataclass
class MergedResult(clean.CleanResult):
    """All museums' cleaning together, and each museum's own (in ``MUSEUMS`` order)."""

    by_source: dict[str, clean.CleanResult] = field(default_factory=dict)


def clean_to_processed(results: dict[str, clean.CleanResult], processed_dir: Path) -> MergedResult:
    """Write all museums' paintings, concatenated, to paintings.jsonl; return the combined result."""
    combined = MergedResult(by_source=results)
    for result in results.values():
        combined.paintings += result.paintings
        combined.dropped += result.dropped
        combined.seen += result.seen
    jsonl.write_jsonl_atomic(processed_dir / PAINTINGS_FILE, combined.paintings)
    return combined
