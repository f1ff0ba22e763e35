"""Prompt/completion JSONL for supervised fine-tuning: deterministic splits, validation, a card.

Each line of ``train.jsonl``, ``val.jsonl`` and ``test.jsonl`` is
``{"id": "<objectID>", "prompt": "...", "completion": "... <END>"}``, TRL's prompt/completion
format, so ``datasets.load_dataset("json", data_files=...)`` feeds SFTTrainer directly.

Splits are decided by a hash of a key (the objectID, or the artist with ``split_by="artist"``),
so a record never changes split when others are added, and with ``artist`` every artist's works
sit in one split: the test set then measures paintings by artists the model never saw.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from museumguide.common import jsonl
from museumguide.common.text import fold
from museumguide.records.clean import load_paintings
from museumguide.records.prompt import END_MARKER, build_prompt

SPLITS = ("train", "val", "test")
WORDS_PER_MINUTE = 160
SOURCE_NAMES = {"met": "The Metropolitan Museum of Art", "aic": "Art Institute of Chicago", "user": "your own records"}


def split_key(painting: Mapping, split_by: str) -> str:
    if split_by == "artist":
        maker = painting.get("artist") or painting.get("culture")
        if maker:
            return "artist:" + fold(maker)
    # Met paintings keep the key they always had, so their splits do not move.
    if painting.get("source", "met") == "met":
        return f"object:{painting['object_id']}"
    return f"object:{painting['key']}"


def _fraction(key: str, seed: int) -> float:
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(keys: Iterable[str], val_frac: float, test_frac: float, seed: int = 0) -> dict[str, str]:
    """Map each distinct key to a split; with three or more keys no split is left empty."""
    unique = sorted(set(keys), key=lambda k: _fraction(k, seed))
    out = {}
    for key in unique:
        f = _fraction(key, seed)
        out[key] = "test" if f < test_frac else "val" if f < test_frac + val_frac else "train"
    if len(unique) >= 3:
        # Small collections: make sure every split gets at least one key, taking from train.
        for split in ("test", "val"):
            if split not in out.values():
                donor = next(k for k in reversed(unique) if out[k] == "train")
                out[donor] = split
    return out


def painting_id(painting: Mapping) -> str:
    """The id a dataset row carries: the painting's key ("met-436535", "aic-2816")."""
    return painting.get("key") or f"met-{painting['object_id']}"


def paintings_by_row_id(processed_dir: Path) -> dict[str, dict]:
    """The processed folder's paintings by the id a split row carries: the key, and for the
    Met also the bare object id that datasets written before keys used."""
    paintings = {p["key"]: p for p in load_paintings(processed_dir)}
    paintings.update({str(p["object_id"]): p for p in list(paintings.values()) if p["source"] == "met"})
    return paintings


def make_example(painting: Mapping, script: str, language: str = "en", style: str = "standard") -> dict:
    """A training row in ``language`` and ``style`` (the painting already ``in_language``; its
    prompt asks for the language and names the style). Rows written before languages have no
    ``language``: they are English; rows without ``style`` are in the standard style."""
    return {"id": painting_id(painting), "prompt": build_prompt(painting, language, style),
            "completion": script.strip() + END_MARKER, "language": language, "style": style}


def validate_example(row: object, path: Path, lineno: int) -> dict:
    if not isinstance(row, dict):
        raise jsonl.JsonlError(path, lineno, "expected a JSON object")
    for key in ("id", "prompt", "completion"):
        if key not in row:
            raise jsonl.JsonlError(path, lineno, f"missing key {key!r}")
        if not isinstance(row[key], str):
            raise jsonl.JsonlError(path, lineno, f"{key!r} must be a string")
    if not row["prompt"].strip():
        raise jsonl.JsonlError(path, lineno, "empty prompt")
    if not row["completion"].endswith(END_MARKER):
        raise jsonl.JsonlError(path, lineno, f"completion does not end with {END_MARKER}")
    if not row["completion"][: -len(END_MARKER)].strip():
        raise jsonl.JsonlError(path, lineno, "empty completion")
    if END_MARKER in row["completion"][: -len(END_MARKER)] or END_MARKER in row["prompt"]:
        raise jsonl.JsonlError(path, lineno, f"{END_MARKER} may only close the completion")
    return row


def load_split(path: str | Path, *, allow_empty: bool = False) -> list[dict]:
    """Read and validate one split file; errors name the file and line."""
    path = Path(path)
    rows = [validate_example(row, path, lineno) for lineno, row in jsonl.iter_jsonl(path)]
    if not rows and not allow_empty:
        raise jsonl.JsonlError(path, None, "the split is empty")
    return rows


def write_splits(examples: list[dict], split_of: Mapping[str, str], out_dir: Path) -> dict[str, list[dict]]:
    by_split: dict[str, list[dict]] = {s: [] for s in SPLITS}
    for example in examples:
        by_split[split_of[example["id"]]].append(example)
    for split, rows in by_split.items():
        jsonl.write_jsonl_atomic(out_dir / f"{split}.jsonl", rows)
    return by_split


def length_stats(rows: list[dict]) -> dict:
    counts = [len(r["completion"][: -len(END_MARKER)].split()) for r in rows]
    if not counts:
        return {"examples": 0}
    return {
        "examples": len(counts),
        "words_min": min(counts), "words_mean": round(statistics.mean(counts), 1), "words_max": max(counts),
        "seconds_mean": round(statistics.mean(counts) / WORDS_PER_MINUTE * 60, 1),
        "prompt_chars_mean": round(statistics.mean(len(r["prompt"]) for r in rows)),
    }


def dataset_card(stats: Mapping) -> str:
    lines = [
        "# museumguide training data",
        "",
        f"Written by `python -m museumguide.scripts` with the `{stats['writer']}` writer "
        f"(split by {stats['split_by']}, seed {stats['seed']}).",
        "",
        "Each line: `{\"id\", \"prompt\", \"completion\"}`; the completion ends with `<END>`.",
        "",
        "| split | examples | words min / mean / max | seconds of speech (mean) |",
        "|---|---:|---:|---:|",
    ]
    for split in SPLITS:
        s = stats["splits"][split]
        if s["examples"]:
            lines.append(f"| {split} | {s['examples']} | {s['words_min']} / {s['words_mean']} / "
                         f"{s['words_max']} | {s['seconds_mean']} |")
        else:
            lines.append(f"| {split} | 0 | - | - |")
    lines += ["", f"Paintings in: {stats['paintings']}. Scripts kept: {stats['kept']}.", ""]
    sources = stats.get("sources") or {}
    if sources:
        lines += ["| museum | scripts kept | with curator notes |", "|---|---:|---:|"]
        lines += [f"| {SOURCE_NAMES.get(src, src)} | {n['kept']} | {n['with_notes']} |" for src, n in sorted(sources.items())]
        lines.append("")
    credits = stats.get("credits") or {}
    if credits:
        lines += ["## Credits", "", "Prompts, and the scripts written from them, carry curator text that must be credited:", ""]
        lines += [f"- {line} ({n} paintings)" for line, n in sorted(credits.items())]
        lines.append("")
    if stats["rejected"]:
        lines += ["Rejected by the quality gate or the writer, by reason:", ""]
        lines += [f"- {reason}: {n}" for reason, n in Counter(stats["rejected"]).most_common()]
    else:
        lines.append("No script was rejected.")
    return "\n".join(lines) + "\n"


def write_card(stats: dict, out_dir: Path) -> None:
    jsonl.write_text_atomic(out_dir / "dataset_stats.json", json.dumps(stats, indent=2) + "\n")
    jsonl.write_text_atomic(out_dir / "README.md", dataset_card(stats))
