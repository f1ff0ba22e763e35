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


def test_every_stage_is_in_the_layers_and_every_module_in_a_stage():
    """A new stage must take its place in the layer order (and so in the contracts), and a new
    module goes into a stage: the package's top level holds only the commands and the demo."""
    stages = sorted(p.name for p in (ROOT / "museumguide").iterdir() if (p / "__init__.py").is_file())
    layers = next(c for c in CONTRACTS if c["type"] == "layers")["layers"]
    layered = sorted(m.strip().removeprefix("museumguide.") for layer in layers for m in layer.split("|"))
    assert stages == layered
    for contract in CONTRACTS:  # every forbidden rule names each stage it means, none left out
        if contract["type"] == "forbidden" and contract["forbidden_modules"] == ["museumguide.sources"]:
            named = {m.removeprefix("museumguide.") for m in contract["source_modules"]}
            assert named == set(stages) - {"sources"}
    commands = {"collect", "scripts", "train", "generate", "evaluate", "speak", "export", "demo", "mistral",
                "replay", "aicreplay"}
    top = {p.stem for p in (ROOT / "museumguide").glob("*.py")} - {"__init__"}
    assert top == commands


@pytest.mark.parametrize("verb", ["collect", "scripts", "train", "generate", "evaluate", "speak", "web", "export",
                                  "demo", "mistral", "replay", "aicreplay"])
def test_every_command_answers_help(verb):
    """`python -m museumguide.<verb>` works for every command users type, whichever stage holds it."""
    out = subprocess.run([sys.executable, "-m", f"museumguide.{verb}", "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"museumguide.{verb}" in out.stdout or "usage:" in out.stdout
