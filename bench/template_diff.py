"""What a change to the template writer changed: its script of every bundled record, before and after.

    .venv/bin/python bench/template_diff.py --before HEAD~1      # the last commit against the work tree

Writes the template script of every record in ``data/processed/paintings.jsonl`` (built by
``make data``) with the code of a git revision (checked out to a temporary worktree, run in its
own process) and with the code here, the same seed for both, and prints how many scripts changed,
the sentences only one side says, counted, with up to ``--show`` of each. A rule of issue 33 says
what the writer stops saying; this is how the closing note says what changed.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys
from museumguide.common import jsonl
from museumguide.common.text import sentence_spans
from museumguide.data.writers.template import TemplateWriter
writer = TemplateWriter(seed=int(sys.argv[2]))
for p in jsonl.read_jsonl(sys.argv[1]):
    script = writer.write(p)
    print(json.dumps({"key": p["key"], "sentences": [script[a:b] for a, b in sentence_spans(script)]}))
"""


def scripts(code: Path, paintings: Path, seed: int) -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(paintings), str(seed)], cwd=code, capture_output=True,
                         text=True, env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"}, check=True)
    return {row["key"]: row["sentences"] for row in map(json.loads, out.stdout.splitlines())}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--before", default="HEAD", help="git revision of the code before (default: %(default)s)")
    p.add_argument("--paintings", type=Path, default=ROOT / "data" / "processed" / "paintings.jsonl")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--show", type=int, default=8, help="sentences of each side to print")
    args = p.parse_args(argv)
    if not args.paintings.exists():
        p.error(f"{args.paintings} is missing: run `make data` first")
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.before], cwd=ROOT, check=True)
        try:
            before = scripts(old, args.paintings, args.seed)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=True)
    after = scripts(ROOT, args.paintings, args.seed)
    changed = [k for k in after if before.get(k) != after[k]]
    gone, new = collections.Counter(), collections.Counter()
    for key in changed:
        gone.update(set(before.get(key, [])) - set(after[key]))
        new.update(set(after[key]) - set(before.get(key, [])))
    print(f"{len(changed)} of {len(after)} template scripts changed ({args.before} -> work tree, seed {args.seed}); "
          f"{sum(gone.values())} sentences no longer said, {sum(new.values())} said instead")
    for label, counter in (("no longer said", gone), ("said instead", new)):
        print(f"\n{label}:")
        for sentence, n in counter.most_common(args.show):
            print(f"  {n:>3}x  {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
