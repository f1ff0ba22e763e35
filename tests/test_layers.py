"""The house's rules: stages import only the stages below them, nothing downstream of the
collector reaches the network, training data needs no training stack, and importing the package
loads none of the heavy stacks. The import contracts live in pyproject.toml; these tests run
`lint-imports` on them and check, in a fresh interpreter (this test process already has it all),
what importing a stage really loads.
"""

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ["requests", "tenacity", "museumguide.sources", "torch", "transformers", "trl", "peft"]
COMMANDS = ["collect", "scripts", "train", "generate", "evaluate", "speak", "web", "export", "mistral", "replay",
            "aicreplay"]
"""What users type after ``python -m museumguide.``, as before the package was grouped by stage."""
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def loaded_after(code: str) -> list[str]:
    """Which HEAVY modules are in sys.modules after running ``code`` in a fresh interpreter."""
    probe = f"import json, sys\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_importing_the_package_loads_no_heavy_stack():
    """`import museumguide` (and the public names' lookup table) stays fast: no torch, no HTTP."""
    assert loaded_after("import museumguide\nfrom museumguide import speak") == []


def test_scripts_stage_loads_no_http_or_training_stack():
    code = ("from museumguide.data import scripts as s\n"
            "config = s.ScriptsConfig()\n"
            "s.make_writer(config)\n"  # the default (template) writer
            "s.build_parser().parse_args([])")
    assert loaded_after(code) == []


@pytest.mark.parametrize("module", ["museumguide.generate", "museumguide.guides.generate"])
def test_importing_generate_loads_no_http_or_training_stack(module):
    """The model loads on first use; generation never loads the collector's HTTP stack."""
    assert loaded_after(f"import {module}") == []


def test_import_contracts_hold():
    """The import-linter contracts in pyproject.toml (they also count imports inside functions)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    out = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in out.stdout


def test_every_stage_and_command_has_its_place_in_the_layers():
    """A new stage must take its place in the layer order (and so under the contracts), a new
    command its place among the commands, and a new module goes into a stage: the package's top
    level holds only the commands and the demo."""
    layers = next(c for c in CONTRACTS if c["type"] == "layers")["layers"]
    layered = [{m.strip().removeprefix("museumguide.") for m in layer.replace(":", "|").split("|")} for layer in layers]
    stages = {p.name for p in (ROOT / "museumguide").iterdir() if (p / "__init__.py").is_file()}
    top = {p.stem for p in (ROOT / "museumguide").glob("*.py")} - {"__init__"}
    assert layered[:3] == [{"__main__"}, {"cli"}, {"demo"}], "the museumguide command over the demo"
    assert layered[3] == top - {"demo", "cli", "__main__"}, "the commands, one layer above every stage"
    assert set().union(*layered[4:]) == stages
    assert top - {"demo", "cli", "__main__"} == set(COMMANDS) - {"web"}  # the page's command is its package's __main__


@pytest.mark.parametrize("verb", COMMANDS + ["demo"])
def test_every_command_answers_help(verb):
    """`python -m museumguide.<verb>` works for every command users type, whichever stage holds it."""
    out = subprocess.run([sys.executable, "-m", f"museumguide.{verb}", "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"museumguide.{verb}" in out.stdout or "usage:" in out.stdout
