"""The CPU recipe's step time and peak memory, before and after the low-memory settings.

    .venv/bin/python bench/train_cpu.py --steps 4 --rounds 2

Each side trains the same data for the same optimizer steps in its own fresh process (peak
resident memory is a per-process figure), alternating A B A B so warm-up and machine noise fall
on both. "before" is the recipe with its low-memory settings undone (LoRA dropout 0.05, no
gradient checkpointing, glibc and TRL defaults); "after" is ``recipes/smollm2-135m-cpu.yaml``
as it is. Prints the machine
(CPU flags, matmul GFLOP/s) beside the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BEFORE = {"lora_dropout": 0.05, "gradient_checkpointing": False, "low_memory_cpu": False}
CHILD = """
import json, resource, sys
from museumguide.model.config import load_config
from museumguide.model.train import train
config = load_config(sys.argv[1], json.loads(sys.argv[2]))
m = train(config, progress=False).metrics
print("RESULT " + json.dumps({"seconds": m["train_seconds"], "steps": m["steps"], "tokens": m["train_tokens"],
      "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))
"""


def run(overrides: dict, steps: int, artifacts: Path, name: str) -> dict:
    settings = {"run_name": name, "artifacts_dir": str(artifacts), "data_dir": str(ROOT / "data/processed"),
                "max_steps": steps, "eval_strategy": "no", "save_strategy": "no", "early_stopping_patience": None, **overrides}
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "recipes/smollm2-135m-cpu.yaml"),
                          json.dumps(settings)], cwd=ROOT, capture_output=True, text=True, check=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def main() -> None:
    from bench.machine import describe

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=4)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args()
    print(describe()["line"], flush=True)
    results: dict[str, list[dict]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for name, overrides in (("before", BEFORE), ("after", {})):
                results[name].append(run(overrides, args.steps, Path(tmp), name))
                print(name, results[name][-1], flush=True)
    print(f"\n{args.steps} optimizer steps of the CPU recipe, mean of {args.rounds} alternating runs each\n")
    print("| settings | s/step | tokens/s | peak RSS (GB) |\n|---|---:|---:|---:|")
    summary = {}
    for name, rows in results.items():
        s_step = sum(r["seconds"] / r["steps"] for r in rows) / len(rows)
        tps = sum(r["tokens"] / r["seconds"] for r in rows) / len(rows)
        peak = max(r["peak_rss_gb"] for r in rows)
        summary[name] = (s_step, peak)
        print(f"| {name} | {s_step:.1f} | {tps:.1f} | {peak:.2f} |")
    (b_step, b_peak), (a_step, a_peak) = summary["before"], summary["after"]
    print(f"\nstep time after/before: {a_step / b_step:.2f}x; peak memory after/before: {a_peak / b_peak:.2f}x")


if __name__ == "__main__":
    main()
