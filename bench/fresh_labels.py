"""Add a labelled blind sample of ``bench/signable.py`` to the hand-labelled set, with its records.

    .venv/bin/python bench/fresh_labels.py bench/results/signable_seed4 bench/results/signable_seed5
    .venv/bin/python bench/fresh_labels.py --append bench/results/signable_seed22   # one more sample

Writes ``tests/fixtures/sentences/fresh.jsonl``: one row per spoken sentence of the samples' strict
guides (from the CPU recipe's run trained to the end), with the painting record its guide was
written from, the guide, the two blind labels and the label counted (unsupported when either
annotator struck it). ``bench/sentences.py`` reports the checker on them as part ``fresh``: every
sentence there was kept by the strict path when it was generated, so the checker's recall there is
what it catches now that it missed then.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "tests" / "fixtures" / "sentences" / "fresh.jsonl"


def rows(folder: Path) -> list[dict]:
    from bench.signable import sample_paintings
    from museumguide.common import jsonl

    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    paintings = sample_paintings(folder)
    labels = {r["id"]: r for r in jsonl.read_jsonl(folder / "labels.jsonl")}
    out = []
    for item in jsonl.read_jsonl(folder / "sample.jsonl"):
        lab = labels[item["id"]]
        out.append({"id": f"seed{summary['seed']}-{item['id']}", "sample": folder.name, "key": item["key"],
                    "sentence": item["sentence"], "guide": item["guide"], "painting": paintings[item["key"]],
                    "label_a": lab["label_a"], "label_b": lab["label_b"], "label": lab["label"]})
    return out


def main(argv=None) -> int:
    from museumguide.common import jsonl

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folders", type=Path, nargs="+")
    p.add_argument("--append", action="store_true", help="keep the samples already in the file (their "
                   "records as written then), replacing only those named")
    args = p.parse_args(argv)
    names = {folder.name for folder in args.folders}
    kept = [r for r in jsonl.read_jsonl(OUT) if r["sample"] not in names] if args.append and OUT.exists() else []
    out = kept + [r for folder in args.folders for r in rows(folder)]
    jsonl.write_jsonl_atomic(OUT, out)
    print(f"{len(out)} sentences -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
