"""Strict guides for many paintings: the transformers path one at a time against ONNX Runtime.

    .venv/bin/python bench/generate.py --adapter artifacts/smollm2-135m-cpu --n 100 --baseline 10

Side by side in one process, on the first bundled paintings (data/processed/paintings.jsonl),
strict guides with the default candidates, seeded:

- "transformers, one at a time": ``generate_guide(strict=True, backend="transformers")`` on the
  first ``--baseline`` paintings (the path of before, and the unit the goal is stated in);
- "onnxruntime, one at a time": the same paintings on the default engine (the page's latency);
- "onnxruntime, batched": ``generate_guides`` over all ``--n`` paintings, ``--batch-size`` a batch
  (the engine takes them one prompt at a time, its candidates one batch on every core).

Throughput is guides per minute; refusals (``UngroundedGuideError``) and the median words of the
guides kept are printed beside it, so speed is never bought with emptier guides.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from museumguide.guides.generate import UngroundedGuideError, generate_guide, generate_guides, load_run  # noqa: E402
from museumguide.records.clean import load_paintings  # noqa: E402


def one_at_a_time(records: list[dict], adapter: str, backend: str) -> tuple[float, list[str]]:
    guides, start = [], time.perf_counter()
    for i, record in enumerate(records):
        try:
            guides.append(generate_guide(record, adapter=adapter, seed=i, strict=True, backend=backend))
        except UngroundedGuideError:
            guides.append("")
    return time.perf_counter() - start, guides


def row(name: str, seconds: float, guides: list[str]) -> str:
    kept = [len(g.split()) for g in guides if g]
    return (f"| {name} | {len(guides)} | {seconds:.0f} | {len(guides) / seconds * 60:.1f} | "
            f"{len(guides) - len(kept)} | {statistics.median(kept) if kept else 0:.0f} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default=str(ROOT / "artifacts/smollm2-135m-cpu"))
    p.add_argument("--processed-dir", type=Path, default=ROOT / "data/processed")
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--baseline", type=int, default=10, help="paintings the one-at-a-time rows write")
    p.add_argument("--batch-size", type=int, default=32)
    args = p.parse_args()
    print(describe()["line"], flush=True)
    records = load_paintings(args.processed_dir)[: args.n]
    for backend in ("transformers", "onnxruntime"):
        load_run(args.adapter, backend)  # load (and convert) once, outside the timings
    rows = []
    for backend in ("transformers", "onnxruntime"):
        seconds, guides = one_at_a_time(records[: args.baseline], args.adapter, backend)
        rows.append((f"{backend}, one at a time", seconds, guides))
        print(rows[-1][0], f"{seconds:.0f} s", flush=True)
    start = time.perf_counter()
    guides = generate_guides(records, batch_size=args.batch_size, adapter=args.adapter, seed=0, strict=True,
                             backend="onnxruntime", skip_refused=True, progress=True)
    rows.append((f"onnxruntime, batched ({args.batch_size} a batch)", time.perf_counter() - start, guides))
    print("\nstrict guides, default candidates, SmolLM2-135M run on the CPU\n")
    print("| mode | paintings | seconds | guides/min | refused | median words kept |\n|---|---:|---:|---:|---:|---:|")
    for name, seconds, out in rows:
        print(row(name, seconds, out))
    base = len(rows[0][2]) / rows[0][1]
    print("\nthroughput against transformers one at a time: "
          + ", ".join(f"{name} {len(out) / seconds / base:.1f}x" for name, seconds, out in rows[1:]))


if __name__ == "__main__":
    main()
