"""Collector throughput against a loopback Met API that allows 80 requests/s and adds 50 ms.

    .venv/bin/python bench/collect.py            # prints a Markdown table for docs/benchmarks.md

Side by side in one run, on the same object ids and the same server settings:

* ``museumguide``: ``fetch_objects`` with its shared token bucket and a worker pool;
* ``sequential``: a plain ``for id in ids: requests.get(...)`` loop, the way the reference
  project scrapes.

Each side gets a fresh server, so the server's per-object counters show lost and duplicate
fetches exactly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from museumguide.sources.rawlog import fetch_objects  # noqa: E402
from museumguide.common.jsonl import read_jsonl  # noqa: E402
from museumguide.sources.metapi import MetClient  # noqa: E402
from museumguide.sources.replay import ReplayServer  # noqa: E402


def run_museumguide(records, ids, rps, workers):
    with ReplayServer(records, latency=0.05, rate_limit=80) as server, tempfile.TemporaryDirectory() as tmp:
        client = MetClient(server.url, rps=rps, pool_size=workers)
        summary = fetch_objects(client, ids, Path(tmp), workers=workers, progress=False)
        saved = [r["objectID"] for r in read_jsonl(Path(tmp) / "objects.jsonl")]
        return {
            "objects/s": summary.fetched / summary.elapsed_s,
            "seconds": summary.elapsed_s,
            "lost": len(set(ids) - set(saved)),
            "duplicate fetches": sum(n - 1 for n in server.served.values() if n > 1),
            "429s": server.rate_limited,
        }


def run_sequential(records, ids):
    with ReplayServer(records, latency=0.05, rate_limit=80) as server:
        start = time.monotonic()
        saved = []
        for object_id in ids:
            resp = requests.get(f"{server.url}/objects/{object_id}", timeout=30)
            if resp.ok:
                saved.append(resp.json()["objectID"])
        elapsed = time.monotonic() - start
        return {
            "objects/s": len(saved) / elapsed,
            "seconds": elapsed,
            "lost": len(set(ids) - set(saved)),
            "duplicate fetches": sum(n - 1 for n in server.served.values() if n > 1),
            "429s": server.rate_limited,
        }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-n", type=int, default=784, help="objects to fetch (default: all bundled)")
    p.add_argument("--rps", type=float, default=78.0)
    p.add_argument("--workers", type=int, default=8)
    args = p.parse_args()
    records = read_jsonl(ROOT / "data/raw/met-sample/objects.jsonl")[: args.n]
    ids = [r["objectID"] for r in records]
    ours = run_museumguide(records, ids, args.rps, args.workers)
    seq = run_sequential(records, ids)
    print(describe()["line"])
    print(f"{len(ids)} objects, server: 80 requests/s allowed, +50 ms per answer\n")
    print("| collector | objects/s | seconds | lost | duplicate fetches | 429s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in ((f"museumguide (--rps {args.rps:g} --workers {args.workers})", ours),
                    ("sequential requests.get loop", seq)):
        print(f"| {name} | {r['objects/s']:.1f} | {r['seconds']:.1f} | {r['lost']} | "
              f"{r['duplicate fetches']} | {r['429s']} |")
    print(f"\nspeed-up: {ours['objects/s'] / seq['objects/s']:.2f}x")


if __name__ == "__main__":
    main()
