"""What makes CPU training faster: the recipe's levers measured one at a time, side by side.

    .venv/bin/python bench/train_levers.py --steps 6

Each variant trains the same data (``data/processed``, the recipe's mix) for the same optimizer
steps in its own fresh process, then measures validation loss on the same ``--eval`` examples, so
a faster variant is kept only at equal loss. Variants run in turn, the old recipe first and last,
so a machine that drifts shows as two different figures for it. The machine line (CPU flags, matmul
GFLOP/s in fp32 and bf16) is printed first. Levers: gradient checkpointing, bf16 autocast (fast
where the CPU has AMX or AVX-512 BF16), the 4-bit weights, the batch's shape (3 sequences in one
pass, padded to the longest, against 1 a pass with 3 accumulated).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OLD = {"load_in_4bit": True, "gradient_checkpointing": True, "precision": "fp32"}
"""The CPU recipe before issue 33: 4-bit NF4 base, gradient checkpointing, fp32."""
NOW = {"load_in_4bit": False, "gradient_checkpointing": False, "precision": "bf16"}
"""The CPU recipe now (on a CPU with AMX or AVX-512 BF16, where ``precision: auto`` picks bf16)."""
VARIANTS = {
    "recipe as it was (4-bit, checkpointing, fp32, 1x3)": OLD,
    "4-bit, no checkpointing": {**OLD, "gradient_checkpointing": False},
    "4-bit, no checkpointing, bf16 autocast": {**OLD, "gradient_checkpointing": False, "precision": "bf16"},
    "4-bit, no checkpointing, bf16, batch 3x1": {**OLD, "gradient_checkpointing": False, "precision": "bf16",
                                                 "per_device_train_batch_size": 3, "gradient_accumulation_steps": 1},
    "recipe now (bf16 base, no 4-bit, no checkpointing, bf16 autocast, 1x3)": NOW,
    "recipe now, fp32": {**NOW, "precision": "fp32"},
    "recipe now, checkpointing on": {**NOW, "gradient_checkpointing": True},
    "recipe now, batch 3x1": {**NOW, "per_device_train_batch_size": 3, "gradient_accumulation_steps": 1},
}
CHILD = """
import json, resource, sys
from museumguide.model.config import load_config
from museumguide.model.train import train
config = load_config(sys.argv[1], json.loads(sys.argv[2]))
outcome = train(config, progress=False)
m = outcome.metrics
print("RESULT " + json.dumps({"seconds": m["train_seconds"], "steps": m["steps"], "tokens": m["train_tokens"],
      "eval_loss": m["last_eval_loss"], "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))
"""


def run(overrides: dict, steps: int, n_eval: int, artifacts: Path, name: str, child: str = CHILD,
        env: dict | None = None) -> dict:
    """One variant trained ``steps`` steps in a fresh process running ``child`` (with ``env`` added
    to the environment); what it printed after "RESULT ", or the error it died with."""
    settings = {"run_name": name, "artifacts_dir": str(artifacts), "data_dir": str(ROOT / "data/processed"),
                "max_steps": steps, "eval_strategy": "steps", "eval_steps": steps, "save_strategy": "no",
                "max_eval_examples": n_eval, "early_stopping_patience": None, **overrides}
    out = subprocess.run([sys.executable, "-c", child, str(ROOT / "recipes/smollm2-135m-cpu.yaml"),
                          json.dumps(settings)], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, **(env or {})})
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def running_order(names: list[str], only: str | None) -> list[str]:
    """The variants chosen by ``--only`` (1-based numbers), the first run again last: drift shows."""
    if only:
        names = [names[int(i) - 1] for i in only.split(",")]
    return names + ([names[0]] if len(names) > 1 else [])


def main() -> None:
    from bench.machine import describe

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=6)
    p.add_argument("--eval", type=int, default=16, help="validation examples each variant is measured on")
    p.add_argument("--only", help="comma-separated variant numbers (1-based) to run")
    p.add_argument("--results", type=Path, default=ROOT / "bench/results/train_levers.json")
    args = p.parse_args()
    machine = describe()
    print(machine["line"], flush=True)
    order = running_order(list(VARIANTS), args.only)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(order):
            result = run(VARIANTS[name], args.steps, args.eval, Path(tmp), f"v{i}")
            rows.append({"variant": name, **result})
            print(json.dumps(rows[-1]), flush=True)
    print(f"\n{args.steps} optimizer steps each, validation loss on {args.eval} examples after them\n")
    print("| variant | s/step | tokens/s | validation loss | peak RSS (GB) |\n|---|---:|---:|---:|---:|")
    for r in rows:
        if "error" in r:
            print(f"| {r['variant']} | failed: {r['error'][:60]} | | | |")
            continue
        print(f"| {r['variant']} | {r['seconds'] / r['steps']:.2f} | {r['tokens'] / r['seconds']:.0f} | "
              f"{r['eval_loss']:.3f} | {r['peak_rss_gb']:.2f} |")
    args.results.write_text(json.dumps({"machine": machine, "steps": args.steps, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
