"""``python -m museumguide.export RUN --merged OUT``: a merged checkpoint that plain transformers
loads and generates from, in a process that never imports museumguide, with the same greedy
text and stop as ``load_run`` gives for the same run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from museumguide.model import export
from museumguide.model.decoding import DEFAULT_MAX_NEW_TOKENS, REPETITION_PENALTY, TEMPERATURE, TOP_P
from museumguide.records.prompt import END_MARKER

PROMPT = "Title: The Harvesters\nArtist: Pieter Bruegel the Elder\nDate: 1565\n\nAudio guide:\n"

PLAIN_LOAD = r"""
import json, sys, torch
from transformers import AutoModelForCausalLM, AutoTokenizer
out_dir, prompt, out = sys.argv[1:4]
tok = AutoTokenizer.from_pretrained(out_dir)
model = AutoModelForCausalLM.from_pretrained(out_dir, dtype=torch.float32).eval()
ids = tok(prompt, return_tensors="pt")
with torch.no_grad():  # greedy without the checkpoint's sampling and penalty: comparable with load_run
    logits = model(**ids).logits[0]
    seq = model.generate(**ids, do_sample=False, repetition_penalty=1.0, max_new_tokens=48)[0][ids["input_ids"].shape[1]:]
    torch.manual_seed(0)  # and with its own defaults, as a plain user calls it
    plain = [model.generate(**ids)[0][ids["input_ids"].shape[1]:].tolist() for _ in range(2)]
json.dump({"generated": seq.tolist(), "logits": logits.tolist(), "vocab": model.config.vocab_size, "tokenizer": len(tok),
           "eos": model.generation_config.eos_token_id, "museumguide_imported": "museumguide" in sys.modules,
           "config": model.generation_config.to_dict(), "sampled": plain}, open(out, "w"))
"""


@pytest.fixture(scope="module")
def exported(trained_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "merged"
    assert export.main([str(trained_run), "--merged", str(out), "--dtype", "float32"]) == 0
    return out


def test_export_refuses_to_overwrite_and_names_bad_runs(trained_run, exported, tmp_path, capsys):
    assert export.main([str(exported.parent / "nothing-here"), "--merged", str(tmp_path / "x")]) == 2
    assert "not a trained run" in capsys.readouterr().err
    before = sorted(p.name for p in exported.iterdir())
    assert export.main([str(tmp_path), "--merged", str(exported), "--force"]) == 2
    assert "not a trained run" in capsys.readouterr().err
    assert sorted(p.name for p in exported.iterdir()) == before, "a failed export leaves the folder alone"
    run_files = sorted(p.name for p in trained_run.iterdir())
    for inside in (trained_run, trained_run.parent, trained_run / "merged"):  # --force would delete the run
        assert export.main([str(trained_run), "--merged", str(inside), "--force"]) == 2
        assert "overlaps the run folder" in capsys.readouterr().err
    assert sorted(p.name for p in trained_run.iterdir()) == run_files
    (tmp_path / "a-file").write_text("x")
    assert export.main([str(trained_run), "--merged", str(tmp_path / "a-file"), "--force"]) == 2
    assert "is a file" in capsys.readouterr().err


def test_export_refuses_an_existing_folder_without_force(trained_run, exported, capsys):
    assert export.main([str(trained_run), "--merged", str(exported)]) == 2
    assert "--force" in capsys.readouterr().err


@pytest.mark.slow
def test_plain_transformers_generates_what_load_run_generates(trained_run, exported, tmp_path):
    import torch

    from museumguide.model.runs import load_run

    out = tmp_path / "plain.json"
    subprocess.run([sys.executable, "-c", PLAIN_LOAD, str(exported), PROMPT, str(out)], check=True,
                   cwd=tmp_path, timeout=600)
    plain = json.loads(out.read_text())
    assert not plain["museumguide_imported"]
    run = load_run(trained_run, dequantize=True)  # the same dequantise-then-merge, in memory
    end_id = run.tokenizer.convert_tokens_to_ids(END_MARKER)
    assert plain["vocab"] == plain["tokenizer"] == len(run.tokenizer), "the vocabulary holds <END>"
    assert plain["eos"][0] == end_id, "generation stops on <END> first"
    ids = run.tokenizer(PROMPT, return_tensors="pt")
    with torch.no_grad():
        logits = run.model(**ids).logits[0]
        seq = run.model.generate(**ids, do_sample=False, max_new_tokens=48)[0][ids["input_ids"].shape[1]:]
    got = torch.tensor(plain["logits"])
    assert torch.allclose(got, logits, atol=1e-4)
    # The column a merge that lost the trained <END> rows would get wrong (greedy text this
    # short never reaches <END>).
    assert torch.allclose(got.softmax(-1)[:, end_id], logits.softmax(-1)[:, end_id], atol=1e-6)
    assert plain["generated"] == seq.tolist()
    # The project's decoding is the checkpoint's default: sampling, its top-p and penalty.
    config = plain["config"]
    assert (config["do_sample"], config["temperature"], config["top_p"], config["repetition_penalty"]) == \
        (True, TEMPERATURE, TOP_P, REPETITION_PENALTY)
    assert plain["sampled"][0] != plain["sampled"][1], "a plain generate() samples"
    assert all(len(s) <= DEFAULT_MAX_NEW_TOKENS for s in plain["sampled"])
    meta = json.loads((exported / "museumguide.json").read_text())
    assert meta["base_model"] == "HuggingFaceTB/SmolLM2-135M-Instruct" and meta["dtype"] == "float32"
