"""Why a full CPU run is slower a step than the 6-step lever benchmark: every step timed, side by side.

    .venv/bin/python bench/train_drift.py --steps 40

The full run (390 steps) reached 119 to 136 tokens/s where 6 steps of the same recipe reached 218,
and its evaluations slowed from 46 s to 73-114 s over the run. Each variant here trains the same
data in the same order for ``--steps`` optimizer steps in its own fresh process, with a callback
that records the wall time and token count of every step, so a variant that slows as it goes
shows as a later quarter slower than the first. The recipe runs first and last (drift of the
machine shows as two figures for it). Variants:

* padding every sequence to a multiple of 64 tokens: with one sequence a pass and no padding,
  nearly every step has a sequence length oneDNN has not built kernels for yet, and its cache of
  built kernels (1,024 by default) is smaller than the lengths times the layers' shapes;
* a larger oneDNN kernel cache (``ONEDNN_PRIMITIVE_CACHE_CAPACITY``), the same question asked
  without padding;
* ``low_memory_cpu: false``: glibc's default allocator policy and TRL's own loss tiles, against
  the fixed 4 MiB mmap threshold (every big tensor on fresh pages) and a heap trim every step.

The machine line (CPU flags, matmul GFLOP/s) is printed first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = {
    "recipe": ({}, {}),
    "pad to a multiple of 64": ({"pad_to_multiple_of": 64}, {}),
    "oneDNN kernel cache 16384": ({}, {"ONEDNN_PRIMITIVE_CACHE_CAPACITY": "16384"}),
    "low_memory_cpu off": ({"low_memory_cpu": False}, {}),
    "pad to 64, low_memory_cpu off": ({"pad_to_multiple_of": 64, "low_memory_cpu": False}, {}),
}
CHILD = """
import json, resource, sys, time
from transformers import TrainerCallback
import museumguide.model.train as mt
from museumguide.model.config import load_config

steps = []
class Clock(TrainerCallback):
    def on_step_begin(self, args, state, control, **kw):
        self.t = time.monotonic()
    def on_step_end(self, args, state, control, **kw):
        steps.append(time.monotonic() - self.t)

make = mt.make_trainer
def timed(*a, **kw):
    trainer = make(*a, **kw)
    trainer.add_callback(Clock())
    return trainer
mt.make_trainer = timed
config = load_config(sys.argv[1], json.loads(sys.argv[2]))
m = mt.train(config, progress=False).metrics
print("RESULT " + json.dumps({"step_seconds": steps, "tokens": m["train_tokens"], "eval_loss": m["last_eval_loss"],
      "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))
"""


def quarters(seconds: list[float]) -> list[float]:
    """Mean seconds a step in each quarter of the run (the first step, which builds everything, left out)."""
    rest = seconds[1:]
    size = max(1, len(rest) // 4)
    return [statistics.mean(rest[i * size:(i + 1) * size]) for i in range(4) if rest[i * size:(i + 1) * size]]


def main() -> None:
    from bench.machine import describe
    from bench.train_levers import run, running_order

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--eval", type=int, default=16, help="validation examples each variant is measured on")
    p.add_argument("--only", help="comma-separated variant numbers (1-based) to run")
    p.add_argument("--results", type=Path, default=ROOT / "bench/results/train_drift.json")
    args = p.parse_args()
    machine = describe()
    print(machine["line"], flush=True)
    order = running_order(list(VARIANTS), args.only)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(order):
            overrides, env = VARIANTS[name]
            rows.append({"variant": name, **run(overrides, args.steps, args.eval, Path(tmp), f"v{i}", CHILD, env)})
            print(json.dumps({k: v for k, v in rows[-1].items() if k != "step_seconds"}), flush=True)
    print(f"\n{args.steps} optimizer steps each (3 sequences a step); validation loss on {args.eval} examples\n")
    print("| variant | s/step, quarters 1 to 4 | s/step | tokens/s | validation loss | peak RSS (GB) |\n"
          "|---|---|---:|---:|---:|---:|")
    for r in rows:
        if "error" in r:
            print(f"| {r['variant']} | failed: {r['error'][:60]} | | | | |")
            continue
        total = sum(r["step_seconds"])
        print(f"| {r['variant']} | {' / '.join(f'{q:.2f}' for q in quarters(r['step_seconds']))} | "
              f"{total / len(r['step_seconds']):.2f} | {r['tokens'] / total:.0f} | {r['eval_loss']:.3f} | "
              f"{r['peak_rss_gb']:.2f} |")
    args.results.write_text(json.dumps({"machine": machine, "steps": args.steps, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
