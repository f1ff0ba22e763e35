"""Human-written scripts from a CSV or JSONL file keyed by painting.

    python -m museumguide.scripts --writer import --import-file curators.csv

Accepted columns (case-insensitive): the id as ``objectID``, ``object_id``, ``id`` or ``key`` (a
painting key such as ``aic-2816``, or a bare number for a Met objectID); the text
as ``script``, ``text``, ``guide`` or ``completion``. Imported texts pass the same quality gate
as generated ones.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from museumguide.common import jsonl
from museumguide.records.notes import credit, strip_credit
from museumguide.records.prompt import END_MARKER

ID_COLUMNS = ("key", "objectid", "object_id", "id")
_KEY = re.compile(r"^[a-z]+-\d+$")
TEXT_COLUMNS = ("script", "text", "guide", "completion")


def _pick(row: Mapping, names: tuple[str, ...]):
    lowered = {str(k).lower(): v for k, v in row.items()}
    for name in names:
        if name in lowered and lowered[name] not in (None, ""):
            return lowered[name]
    return None


def id_to_key(raw_id: object) -> str | None:
    """A painting key from a file's id cell: "aic-2816" as it is, "436535" as the Met's."""
    text = str(raw_id).strip().lower()
    if text.isdigit():
        return f"met-{int(text)}"
    return text if _KEY.match(text) else None


def read_rows(path: Path) -> list[tuple[int, object]]:
    """(line number, row) of a CSV (with a header) or JSONL file."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [(i, row) for i, row in enumerate(csv.DictReader(fh), start=2)]
    return list(jsonl.iter_jsonl(path))


def load_scripts(path: str | Path, language: str = "en") -> dict[str, str]:
    """Map painting key -> script text, with line-numbered errors for unusable rows. Rows that
    name another ``"language"`` (a guide approved on the page in Swedish) or another ``"style"``
    (a family guide) are left out: they are no target for a standard guide in this one."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"import file not found: {path}")
    rows = read_rows(path)
    scripts: dict[str, str] = {}
    for lineno, row in rows:
        if not isinstance(row, Mapping):
            raise jsonl.JsonlError(path, lineno, "expected an object with a painting key and a script")
        if (row.get("language") or "en") != language or (row.get("style") or "standard") != "standard":
            continue
        raw_id, text = _pick(row, ID_COLUMNS), _pick(row, TEXT_COLUMNS)
        key = id_to_key(raw_id) if raw_id is not None else None
        if key is None:
            raise jsonl.JsonlError(path, lineno, f"no painting key or numeric objectID (columns tried: {', '.join(ID_COLUMNS)})")
        if not isinstance(text, str) or not text.strip():
            raise jsonl.JsonlError(path, lineno, f"no script text (columns tried: {', '.join(TEXT_COLUMNS)})")
        scripts[key] = text.replace(END_MARKER, "").strip()
    return scripts


class ImportWriter:
    name = "import"

    def __init__(self, path: str | Path):
        self.scripts = load_scripts(path)

    def write_all(self, paintings: Iterable[Mapping]) -> Iterator[tuple[Mapping, str | None, str | None]]:
        for painting in paintings:
            # A curator-approved guide carries its credit line; a training target does not.
            text = strip_credit(self.scripts.get(painting["key"]) or "", credit(painting)) or None
            yield painting, text, None if text else "no imported script for this painting"
