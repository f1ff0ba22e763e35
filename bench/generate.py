"""Generation speed on the CPU with the SmolLM2 adapter: one at a time against batched.

    .venv/bin/python bench/generate.py --adapter artifacts/smollm2-135m-cpu --n 16

Side by side in one process, on the same 16 test-split paintings with greedy decoding (so both
sides write the same texts and lengths): first each guide alone (median latency per guide),
then all of them through ``generate_guides`` in batches. Throughput is guides per minute.
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
from museumguide.data.dataset import paintings_by_row_id  # noqa: E402
from museumguide.data.dataset import load_split  # noqa: E402
from museumguide.guides.generate import generate_guide, generate_guides, load_run  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default=str(ROOT / "artifacts/smollm2-135m-cpu"))
    p.add_argument("--n", type=int, default=16)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--max-new-tokens", type=int, default=300)
    args = p.parse_args()
    paintings = paintings_by_row_id(ROOT / "data/processed")
    records = [paintings[row["id"]] for row in load_split(ROOT / "data/processed/test.jsonl")[: args.n]]
    load_run(args.adapter)  # load once, outside the timings

    latencies, singles = [], []
    start = time.monotonic()
    for record in records:
        t0 = time.monotonic()
        singles.append(generate_guide(record, adapter=args.adapter, temperature=0, max_new_tokens=args.max_new_tokens))
        latencies.append(time.monotonic() - t0)
    one_at_a_time = time.monotonic() - start

    start = time.monotonic()
    batched = generate_guides(records, batch_size=args.batch_size, adapter=args.adapter, temperature=0,
                              max_new_tokens=args.max_new_tokens)
    batched_s = time.monotonic() - start

    words = sum(len(g.split()) for g in singles)
    same = sum(a.split()[:10] == b.split()[:10] for a, b in zip(singles, batched))
    print(describe()["line"])
    print(f"\n{len(records)} guides, greedy, max {args.max_new_tokens} new tokens, SmolLM2-135M 4-bit + LoRA, CPU\n")
    print("| mode | seconds | guides/min | median latency per guide (s) |")
    print("|---|---:|---:|---:|")
    print(f"| one at a time | {one_at_a_time:.0f} | {len(records) / one_at_a_time * 60:.1f} | {statistics.median(latencies):.1f} |")
    print(f"| batched ({args.batch_size} a batch) | {batched_s:.0f} | {len(records) / batched_s * 60:.1f} | - |")
    print(f"\nspeed-up {one_at_a_time / batched_s:.2f}x; {words / len(records):.0f} words a guide; "
          f"{same}/{len(records)} batched guides open with the same ten words as their single twin")


if __name__ == "__main__":
    main()
