"""File names and default folders that more than one stage uses.

They live here, with no imports beyond ``pathlib``, so a stage can name another stage's files
without importing that stage (and its HTTP or training stack); the import contracts in pyproject.toml
keep ``museumguide.common`` free of every other stage.
"""

from pathlib import Path

RAW_DIR = Path("data/raw")
"""The collector's append-only logs of API records."""
PROCESSED_DIR = Path("data/processed")
"""Cleaned paintings, scripts and the train/val/test splits."""
ARTIFACTS_DIR = Path("artifacts")
"""Trained runs, one folder each."""
PAINTINGS_FILE = "paintings.jsonl"
"""The cleaned paintings in PROCESSED_DIR: written by collect, read by every later stage."""
NOTES_JOINED_FILE = "notes.jsonl"
"""Notes joined from a ``scripts --notes-file`` in PROCESSED_DIR: the prompts were built with them,
so every later stage reads paintings through ``clean.load_paintings``, which applies them."""
MET_RAW_FILE = "objects.jsonl"
"""The Met's records in RAW_DIR, as its API sent them: appended by the collector, cleaned by records."""
AIC_RAW_FILE = "aic_artworks.jsonl"
"""The Art Institute of Chicago's records in RAW_DIR, as its API sent them."""
LIDO_RAW_DIR = "lido"
"""LIDO exports in RAW_DIR: one folder a museum (named by its key prefix), the files as the museum
published them, and ``source.json`` naming the museum."""


def dir_size(path: Path, pattern: str = "*") -> int:
    """Bytes of the files in ``path`` matching ``pattern`` (not recursing)."""
    return sum(p.stat().st_size for p in Path(path).glob(pattern) if p.is_file())
