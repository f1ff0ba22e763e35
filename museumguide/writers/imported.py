"""Human-written scripts from a CSV or JSONL file keyed by objectID.

    python -m museumguide.scripts --writer import --import-file curators.csv

Accepted columns (case-insensitive): the id as ``objectID``, ``object_id`` or ``id``; the text
as ``script``, ``text``, ``guide`` or ``completion``. Imported texts pass the same quality gate
as generated ones.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from museumguide import jsonl
from museumguide.prompt import END_MARKER

ID_COLUMNS = ("objectid", "object_id", "id")
TEXT_COLUMNS = ("script", "text", "guide", "completion")


def _pick(row: Mapping, names: tuple[str, ...]):
    lowered = {str(k).lower(): v for k, v in row.items()}
    for name in names:
        if name in lowered and lowered[name] not in (None, ""):
            return lowered[name]
    return None


def load_scripts(path: str | Path) -> dict[int, str]:
    """Map objectID -> script text, with line-numbered errors for unusable rows."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"import file not found: {path}")
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = [(i, row) for i, row in enumerate(csv.DictReader(fh), start=2)]
    else:
        rows = list(jsonl.iter_jsonl(path))
    scripts: dict[int, str] = {}
    for lineno, row in rows:
        if not isinstance(row, Mapping):
            raise jsonl.JsonlError(path, lineno, "expected an object with an id and a script")
        raw_id, text = _pick(row, ID_COLUMNS), _pick(row, TEXT_COLUMNS)
        if raw_id is None or not str(raw_id).strip().isdigit():
            raise jsonl.JsonlError(path, lineno, f"no numeric objectID (columns tried: {', '.join(ID_COLUMNS)})")
        if not isinstance(text, str) or not text.strip():
            raise jsonl.JsonlError(path, lineno, f"no script text (columns tried: {', '.join(TEXT_COLUMNS)})")
        scripts[int(str(raw_id).strip())] = text.replace(END_MARKER, "").strip()
    return scripts


class ImportWriter:
    name = "import"

    def __init__(self, path: str | Path):
        self.scripts = load_scripts(path)

    def write_all(self, paintings: Iterable[Mapping]) -> Iterator[tuple[Mapping, str | None, str | None]]:
        for painting in paintings:
            text = self.scripts.get(painting["object_id"])
            yield painting, text, None if text else "no imported script for this objectID"
