"""CPU training throughput of the SmolLM2 recipe against a padded-to-max-length baseline.

    .venv/bin/python bench/train_speed_cpu.py --steps 6

Both use the same recipe, data, seed and number of optimizer steps, in one process; the only
difference is padding. The two alternate (A B A B) so that warm-up and machine noise fall on
both, and each reports the mean of its runs. The recipe pads each batch to its longest
sequence; the baseline pads every batch to ``max_length`` (what a fixed-shape pipeline does).
Throughput counts real (non-padding) tokens, so padding shows up as wasted time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from museumguide.model.config import load_config  # noqa: E402
from museumguide.model.train import train  # noqa: E402


def run(padded: bool, steps: int, artifacts: Path) -> dict:
    config = load_config(ROOT / "recipes/smollm2-135m-cpu.yaml", {
        "run_name": "padded" if padded else "recipe", "artifacts_dir": str(artifacts),
        "data_dir": str(ROOT / "data/processed"), "max_steps": steps, "eval_strategy": "no", "early_stopping_patience": None,
        "save_strategy": "no", "pad_to_max_length": padded,
    })
    metrics = train(config, progress=False).metrics
    return {"tokens/s": metrics["tokens_per_second"], "seconds": metrics["train_seconds"],
            "tokens": metrics["train_tokens"], "max_length": config.max_length}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=4)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args()
    runs: dict[bool, list[dict]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for padded_run in (False, True):
                runs[padded_run].append(run(padded_run, args.steps, Path(tmp)))

    def mean(results: list[dict]) -> dict:
        return {k: (sum(r[k] for r in results) / len(results)) for k in results[0]}

    recipe, padded = mean(runs[False]), mean(runs[True])
    print(f"\n{args.steps} optimizer steps of batch 4, SmolLM2-135M-Instruct 4-bit NF4 + LoRA r16, CPU; "
          f"mean of {args.rounds} alternating runs each\n")
    print("| padding | real tokens/s | seconds | real tokens |")
    print("|---|---:|---:|---:|")
    print(f"| to the longest in the batch (recipe) | {recipe['tokens/s']:.1f} | {recipe['seconds']:.1f} | {recipe['tokens']:.0f} |")
    print(f"| to max_length {padded['max_length']:.0f} (baseline) | {padded['tokens/s']:.1f} | {padded['seconds']:.1f} | {padded['tokens']:.0f} |")
    print(f"\nspeed-up: {recipe['tokens/s'] / padded['tokens/s']:.2f}x")


if __name__ == "__main__":
    main()
