"""The one ``museumguide`` command: stages listed in pipeline order, each handed its own flags."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from museumguide import cli
from tests.conftest import ROOT


def test_help_lists_every_stage_in_pipeline_order(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    names = ["collect", "scripts", "train", "generate", "evaluate", "speak", "tours", "web", "export"]
    positions = [out.index(f"\n    {name} ") for name in names]
    assert positions == sorted(positions), "in pipeline order"
    for _, module, summary in cli.STAGES:
        assert callable(importlib.import_module(module).main), module
        assert summary.split()[0] in out


def test_version_and_a_stage_that_does_not_exist(capsys):
    from museumguide import __version__

    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"museumguide {__version__}"
    with pytest.raises(SystemExit) as done:
        cli.main(["paint"])
    assert done.value.code == 2 and "invalid choice: 'paint'" in capsys.readouterr().err


def test_a_stage_gets_its_own_flags_and_help(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["collect", "--help"])
    assert done.value.code == 0 and "--from-lido" in capsys.readouterr().out, "the stage's own help"
    out = tmp_path / "look.wav"
    assert cli.main(["speak", "Look at the light on the water.", "-o", str(out)]) == 0
    assert out.read_bytes()[:4] == b"RIFF" and out.stat().st_size > 10_000


def test_the_console_command_and_python_dash_m_run_the_same_stages():
    from importlib.metadata import entry_points

    [script] = [e for e in entry_points(group="console_scripts") if e.name == "museumguide"]
    assert script.value == "museumguide.cli:main"
    for command in ([sys.executable, "-m", "museumguide", "tours", "--help"], [sys.executable, "-m", "museumguide.tours", "--help"]):
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and "--base-url" in out.stdout, command
