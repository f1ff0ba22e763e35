"""A hand-labelled blind sample of strict sentences, judged again by the checker as it is now.

    .venv/bin/python bench/blind_sample.py bench/results/strict_onnxruntime bench/results/strict_ctranslate2

``bench/strict.py`` writes 50 kept sentences of strict guides without verdicts
(``strict_sample.jsonl``); a person labels them by ``../shared/sentence_rubric.md`` into
``strict_sample_labels.jsonl`` before opening the verdicts. When the checker changes, the labels
still hold: this prints, for each folder, how many of the sentences the checker would keep now,
how many of those the labels call ones a curator would sign, and each sentence it would strike
with its label and reason. A sample whose labels were used to write a rule measures nothing about
that rule; say which sample is which.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gating import paintings  # noqa: E402
from museumguide.checks.sentences import check_sentences  # noqa: E402
from museumguide.common import jsonl  # noqa: E402


def judge(folder: Path, records: dict[str, dict]) -> tuple[int, int, list[tuple]]:
    """(kept, kept and labelled signable, struck as (id, label, reason, sentence))."""
    labels = {row["id"]: row["label"] for row in jsonl.read_jsonl(folder / "strict_sample_labels.jsonl")}
    kept = good = 0
    struck = []
    for item in jsonl.read_jsonl(folder / "strict_sample.jsonl"):
        verdicts = check_sentences(item["guide"], records[item["key"]], strict=True)
        verdict = next((v for v in verdicts if v.text.strip() == item["sentence"].strip()), None)
        if verdict is None:
            raise SystemExit(f"{folder}: sentence {item['id']} is no longer one sentence of its guide")
        if verdict.verdict == "unsupported":
            struck.append((item["id"], labels[item["id"]], verdict.reason, item["sentence"]))
        else:
            kept += 1
            good += labels[item["id"]] != "unsupported"
    return kept, good, struck


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folders", nargs="+", type=Path, help="folders with strict_sample.jsonl and its labels")
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--test-limit", type=int, default=20, help="as the bench/strict.py run that wrote the samples")
    args = p.parse_args()
    records = {r["key"]: r for r in paintings(args.processed_dir, args.test_limit)}
    for folder in args.folders:
        kept, good, struck = judge(folder, records)
        print(f"{folder}: kept {kept} of {kept + len(struck)}, {good} of them signable by the labels "
              f"({good / kept:.0%}); struck {len(struck)}, labelled unsupported "
              f"{sum(s[1] == 'unsupported' for s in struck)}")
        for item in struck:
            print("    " + " | ".join(item))


if __name__ == "__main__":
    main()
