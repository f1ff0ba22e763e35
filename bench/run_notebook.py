"""Run a notebook's code cells top to bottom where no Jupyter kernel is installed (a lent GPU).

    python bench/run_notebook.py notebooks/train.ipynb --set 'OVERRIDES = {"max_steps": 20}'

The cells run in order in one namespace, as one kernel would run them, from the notebook's own
folder; ``--set`` lines replace the cell tagged ``parameters`` the way papermill injects them
(each ``NAME = value`` line replaces that name's line). A cell that only displays (it imports
IPython) is skipped where IPython is missing, and said so. Any other failing cell stops the run
with its traceback and exit status 1. The tests run the same notebook through nbclient
(tests/test_train.py); this runner exists because the GPU image carries no kernel.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
import traceback
from pathlib import Path


def parameters(source: str, settings: list[str]) -> str:
    """``source`` with each ``NAME = ...`` line replaced by the setting of that name."""
    lines = source.splitlines()
    for setting in settings:
        name = setting.split("=", 1)[0].strip()
        if not name.isidentifier():
            raise SystemExit(f"--set {setting!r}: expected NAME = value")
        at = [i for i, line in enumerate(lines) if line.split("=", 1)[0].strip() == name]
        if not at:
            raise SystemExit(f"--set {setting!r}: the parameters cell has no {name}")
        lines[at[0]] = setting
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("notebook", type=Path)
    p.add_argument("--set", action="append", default=[], metavar="'NAME = value'",
                   help="replace a line of the parameters cell (repeatable)")
    args = p.parse_args(argv)
    cells = json.loads(args.notebook.read_text(encoding="utf-8"))["cells"]
    os.chdir(args.notebook.resolve().parent)
    namespace: dict = {"__name__": "__main__"}
    has_ipython = importlib.util.find_spec("IPython") is not None
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = parameters(source, args.set)
        if "IPython" in source and not has_ipython:
            print(f"--- cell {number}: skipped (displays only; IPython is not installed)", flush=True)
            continue
        print(f"--- cell {number}", flush=True)
        start = time.monotonic()
        try:
            exec(compile(source, f"<cell {number}>", "exec"), namespace)
        except Exception:
            traceback.print_exc()
            print(f"--- cell {number} failed after {time.monotonic() - start:.1f} s", flush=True)
            return 1
        print(f"--- cell {number} done in {time.monotonic() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
