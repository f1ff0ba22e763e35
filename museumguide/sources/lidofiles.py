"""Save a museum's LIDO export among the raw records, as the museum published it.

    python -m museumguide.collect --from-lido ../shared/data/nationalmuseum/lido --source-name Nationalmuseum

The "fetch" of a LIDO export is a copy: each XML file (one file, or every ``*.xml`` of a folder)
is read once to check it is well-formed LIDO (a bad file is refused, named with its line, before
anything is copied), then copied unchanged to ``<raw-dir>/lido/<prefix>/`` with ``source.json``
naming the museum. Cleaning (``museumguide.records.museums.clean_sources``) reads that folder like
every other museum's raw records, so a later ``collect`` of another museum keeps these paintings.
Copies are atomic; a file already there with the same bytes is counted as present.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from museumguide.common import jsonl
from museumguide.common.paths import LIDO_RAW_DIR
from museumguide.records import lido
from museumguide.records.clean import MUSEUM_NAMES
from museumguide.sources.rawlog import FetchSummary

SOURCE_FILE = "source.json"


def museum_of_export(files: list[Path], source_name: str | None) -> tuple[str, str]:
    """(key prefix, museum name) of an export: from ``source_name``, else the first record's
    repository ``legalBodyName``. Raises ValueError when neither gives one, or when the prefix is
    another source's (met, aic)."""
    name = source_name
    if not name:
        for record in lido.read_file(files[0]):
            name = lido.repository_name(record.element)
            if name:
                break
    if not name:
        raise ValueError(f"{files[0]}: the record names no repository (legalBodyName): give --source-name")
    prefix = lido.source_prefix(name)
    if prefix in MUSEUM_NAMES:
        raise ValueError(f"--source-name {name!r} gives the key prefix {prefix!r}, which is {MUSEUM_NAMES[prefix]}'s: "
                         "choose another name")
    return prefix, name


def save_export(path: Path, raw_dir: Path, source_name: str | None = None) -> tuple[str, FetchSummary]:
    """Check and copy the LIDO files of ``path`` into the raw folder; return the key prefix and
    what was copied."""
    start = time.monotonic()
    files = lido.lido_files(Path(path))
    if not files:
        raise ValueError(f"{path}: no .xml files")
    counts = [len(lido.read_file(f)) for f in files]  # every file is checked before one is copied
    empty = [f for f, n in zip(files, counts) if n == 0]
    if empty:
        raise ValueError(f"{empty[0]}: a lidoWrap with no lido:lido record")
    prefix, name = museum_of_export(files, source_name)
    folder = Path(raw_dir) / LIDO_RAW_DIR / prefix
    folder.mkdir(parents=True, exist_ok=True)
    summary = FetchSummary()
    for file in files:
        data, target = file.read_bytes(), folder / file.name
        if target.is_file() and target.read_bytes() == data:
            summary.already_present += 1
            continue
        with jsonl.atomic_open(target, "wb") as fh:
            fh.write(data)
        summary.fetched += 1
    jsonl.write_text_atomic(folder / SOURCE_FILE, json.dumps({"name": name, "prefix": prefix}, ensure_ascii=False) + "\n")
    summary.elapsed_s = time.monotonic() - start
    summary.note = f"{sum(counts)} LIDO records in {len(files)} files, saved in {folder} as {name!r} ({prefix}-<id>)"
    return prefix, summary
