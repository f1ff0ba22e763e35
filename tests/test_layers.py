"""The data stages must not drag in the collector's HTTP stack or the training stack.

Building training data has to work (and start fast) on a machine without network access or
torch, so these checks import in a fresh interpreter: this test process already has it all.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ["requests", "tenacity", "museumguide.metapi", "museumguide.collect",
         "torch", "transformers", "trl", "peft"]


def loaded_after(code: str) -> list[str]:
    """Which HEAVY modules are in sys.modules after running ``code`` in a fresh interpreter."""
    probe = f"import json, sys\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_scripts_stage_loads_no_http_or_training_stack():
    code = ("import museumguide.scripts as s\n"
            "config = s.ScriptsConfig()\n"
            "s.make_writer(config)\n"  # the default (template) writer
            "s.build_parser().parse_args([])")
    assert loaded_after(code) == []


def test_importing_generate_loads_no_http_or_training_stack():
    """The model loads on first use; the Met API client only for an --object-id fallback."""
    assert loaded_after("import museumguide.generate") == []


def test_import_contracts_hold():
    """The import-linter contracts in pyproject.toml (they also count imports inside functions)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    out = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
