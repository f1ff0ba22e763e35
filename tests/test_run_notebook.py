"""bench/run_notebook.py: the notebook runner a lent GPU uses where no Jupyter kernel is installed."""

import json

import pytest

from bench.run_notebook import main, parameters

PARAMS = 'RECIPE = "recipes/a.yaml"\nOVERRIDES = {}          # e.g. {"num_train_epochs": 1}\nREPO = ".."'


@pytest.mark.parametrize("settings, want", [
    ([], PARAMS),
    (['OVERRIDES = {"max_steps": 2}'], PARAMS.replace('OVERRIDES = {}          # e.g. {"num_train_epochs": 1}',
                                                      'OVERRIDES = {"max_steps": 2}')),
    (['REPO = "/x"', 'RECIPE = "b.yaml"'], 'RECIPE = "b.yaml"\nOVERRIDES = {}          # e.g. {"num_train_epochs": 1}\nREPO = "/x"'),
])
def test_parameters_replace_named_lines(settings, want):
    assert parameters(PARAMS, settings) == want


@pytest.mark.parametrize("setting, message", [
    ("MISSING = 1", "has no MISSING"),
    ("not a name = 1", "expected NAME = value"),
])
def test_parameters_refuse_unknown_names(setting, message):
    with pytest.raises(SystemExit, match=message):
        parameters(PARAMS, [setting])


def _notebook(tmp_path, cells):
    nb = {"cells": [{"cell_type": "code", "metadata": meta, "source": src} for meta, src in cells], "nbformat": 4}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_cells_share_a_namespace_and_run_in_the_notebook_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)  # the runner changes folder; monkeypatch changes it back
    path = _notebook(tmp_path, [({"tags": ["parameters"]}, "N = 1\n"),
                                ({}, "import os\nopen('out.txt', 'w').write(str(N * 21) + os.getcwd())\n")])
    assert main([str(path), "--set", "N = 2"]) == 0
    assert (tmp_path / "out.txt").read_text() == "42" + str(tmp_path)


def test_a_failing_cell_stops_the_run(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)
    path = _notebook(tmp_path, [({}, "raise ValueError('boom')\n"), ({}, "open('never.txt', 'w')\n")])
    assert main([str(path)]) == 1
    assert "ValueError: boom" in capsys.readouterr().err
    assert not (tmp_path / "never.txt").exists()
