"""Shared fixtures. Everything runs offline: the Met API is a replay server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED_RECORDS = ROOT / "data" / "raw" / "met-sample" / "objects.jsonl"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def met_records() -> list[dict]:
    """60 real API responses (see fixtures/README.md)."""
    return load_jsonl(FIXTURES / "met_objects_60.jsonl")


@pytest.fixture(scope="session")
def all_met_records() -> list[dict]:
    """All 784 bundled real API responses."""
    return load_jsonl(BUNDLED_RECORDS)
