"""Sentences of real model output to label by hand: the raw material of the checker's labelled set.

    .venv/bin/python bench/sentence_items.py EVAL_GUIDES.jsonl [...] --out-dir tests/fixtures/sentences

Each input is an ``eval/guides.jsonl`` that ``python -m museumguide.evaluate`` wrote (the base model
and the fine-tuned run, sampled and gated; with ``--compare-notes`` also with the notes withheld).
Every guide is cut into sentences with the splitter every check uses
(``museumguide.common.text.sentence_spans``); each item carries the prompt the model was given,
the whole guide (for what "it" refers to) and the sentence's span in it. A sentence said twice for
the same painting and prompt is kept once. Writes ``guides.jsonl`` (each guide once, with its
prompt and the cleaned record it was built from) and ``sentences.jsonl`` (each sentence with its guide's id and span). Paintings are assigned to the part the checker may be
tuned on ("tune") or to the held-back part ("heldout") by a hash of their key, so no painting is
in both.

The labels themselves are made by hand, by ``../shared/sentence_rubric.md``, in files beside the
items (see ``tests/fixtures/sentences/README.md``).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from museumguide.common import jsonl  # noqa: E402
from museumguide.common.text import sentence_spans  # noqa: E402
from museumguide.records.clean import load_paintings  # noqa: E402
from museumguide.records.prompt import build_prompt  # noqa: E402

WITHHELD = ", notes withheld"


def part(key: str) -> str:
    """The half a painting belongs to, stable across runs."""
    return "heldout" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 else "tune"


def items(guide_files: list[Path], processed_dir: Path) -> tuple[list[dict], list[dict]]:
    """(guides, sentences) from ``evaluate``'s guide files."""
    paintings = {p["key"]: p for p in load_paintings(processed_dir)}
    seen: set[tuple] = set()
    guides: list[dict] = []
    out: list[dict] = []
    for path in guide_files:
        for row in jsonl.read_jsonl(path, require=("key", "system", "guide")):
            painting = paintings[row["key"]]
            withheld = row["system"].endswith(WITHHELD)
            if withheld:
                painting = {**painting, "notes": None, "notes_license": None, "notes_attribution": None}
            prompt = build_prompt(painting)
            system = row["system"].removesuffix(WITHHELD)
            guide_id = f"g{len(guides) + 1:03d}"
            guides.append({"guide_id": guide_id, "key": row["key"], "system": system,
                           "notes": bool(painting.get("notes")), "guide": row["guide"], "prompt": prompt,
                           "painting": painting})
            for start, end in sentence_spans(row["guide"]):
                sentence = row["guide"][start:end].strip()
                if not sentence or (row["key"], prompt, sentence) in seen:
                    continue
                seen.add((row["key"], prompt, sentence))
                out.append({"id": f"s{len(out) + 1:03d}", "guide_id": guide_id, "key": row["key"],
                            "system": system, "notes": bool(painting.get("notes")), "part": part(row["key"]),
                            "sentence": sentence, "start": start, "end": end})
    return guides, out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("guides", nargs="+", type=Path, help="eval/guides.jsonl files from python -m museumguide.evaluate")
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--out-dir", type=Path, required=True)
    args = p.parse_args(argv)
    existing = [args.out_dir / name for name in ("guides.jsonl", "sentences.jsonl") if (args.out_dir / name).exists()]
    if existing:  # the labelled set lives there: hand labels are never overwritten
        p.error(f"{existing[0]} exists; write to another --out-dir (labels are joined to new items by hand)")
    guides, rows = items(args.guides, args.processed_dir)
    jsonl.write_jsonl_atomic(args.out_dir / "guides.jsonl", guides)
    jsonl.write_jsonl_atomic(args.out_dir / "sentences.jsonl", rows)
    parts = {k: sum(r["part"] == k for r in rows) for k in ("tune", "heldout")}
    print(f"{len(rows)} sentences of {len(guides)} guides, {len({r['key'] for r in rows})} paintings -> "
          f"{args.out_dir} ({parts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
