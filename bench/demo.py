"""The README's main command, before and after, side by side on one machine: wall time and
peak resident memory of ``python -m museumguide.demo`` at two revisions.

    .venv/bin/python bench/demo.py --before 438a4f0      # ~15 min on 2 AVX-512 cores

Each revision is checked out into a temporary git worktree and its demo run there, in a fresh
process under ``/usr/bin/time -v``, with this checkout's virtual environment (the same packages
for both). The default ``--before`` is the revision issue 12 was measured against. Prints the
machine (CPU flags, matmul GFLOP/s) beside the figures and writes bench/results/demo.json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "demo.json"


def run_demo(checkout: Path) -> dict:
    """One demo in ``checkout``; its wall time, peak RSS and the lines that say how it went."""
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "museumguide.demo"], cwd=checkout,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the demo failed in {checkout}:\n{done.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    hours, minutes, seconds = (float(g) if g else 0.0 for g in wall.groups())
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    trained = next((ln for ln in done.stdout.splitlines() if ln.startswith("trained ")), "")
    return {"minutes": round(hours * 60 + minutes + seconds / 60, 2), "peak_rss_gb": round(rss_kb * 1024 / 1e9, 2),
            "trained": trained}


def worktree(rev: str, into: Path) -> Path:
    path = into / rev
    subprocess.run(["git", "worktree", "add", "--detach", str(path), rev], cwd=ROOT, check=True,
                   capture_output=True)
    return path


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--before", default="438a4f0", help="the earlier revision (default: issue 12's)")
    p.add_argument("--after", default="HEAD", help="the later revision (default: HEAD)")
    args = p.parse_args(argv)
    from bench.machine import describe

    machine = describe()
    print(machine["line"], flush=True)
    results = {}
    try:
        with tempfile.TemporaryDirectory(prefix="museumguide-demo-") as tmp:
            for side, rev in (("before", args.before), ("after", args.after)):
                sha = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout.strip()
                print(f"{side}: {sha} ...", flush=True)
                results[side] = {"revision": sha, **run_demo(worktree(sha, Path(tmp)))}
                print(f"  {results[side]}", flush=True)
    finally:  # after the folders are gone, so git forgets the worktrees
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=False)
    before, after = results["before"], results["after"]
    print("\n| revision | minutes | peak RSS (GB) |\n|---|---:|---:|")
    for side in ("before", "after"):
        print(f"| {side} {results[side]['revision']} | {results[side]['minutes']:.1f} | {results[side]['peak_rss_gb']:.2f} |")
    print(f"\ntime {before['minutes'] / after['minutes']:.2f}x faster, memory {before['peak_rss_gb'] / after['peak_rss_gb']:.2f}x less")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": machine, **results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
