"""A saved run loads the same with standard tools as with ``load_run``: PEFT's
``AutoPeftModelForCausalLM`` and ``PeftModel.from_pretrained`` (after resizing the base to the
run's tokenizer, as PEFT documents) give the same logits and the same stop, in a process that
never imports museumguide and resolves the base by the hub id in ``adapter_config.json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from museumguide.records.prompt import END_MARKER

PROMPT = "Title: The Harvesters\nArtist: Pieter Bruegel the Elder\nDate: 1565\n\nAudio guide:\n"

# Run in a fresh interpreter: plain transformers and PEFT, the base found through the hub cache.
STANDARD_LOAD = r"""
import json, sys, torch
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig, GenerationConfig
from peft import AutoPeftModelForCausalLM, PeftConfig, PeftModel

run_dir, prompt, out = sys.argv[1:4]
bnb = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                         bnb_4bit_compute_dtype=torch.float32)
tok = AutoTokenizer.from_pretrained(run_dir)
ids = tok(prompt, return_tensors="pt")
results = {"museumguide_imported": "museumguide" in sys.modules}

auto = AutoPeftModelForCausalLM.from_pretrained(run_dir, quantization_config=bnb, dtype=torch.float32).eval()
base = AutoModelForCausalLM.from_pretrained(PeftConfig.from_pretrained(run_dir).base_model_name_or_path,
                                            quantization_config=bnb, dtype=torch.float32)
base.resize_token_embeddings(len(tok))  # PEFT's documented step for a grown vocabulary
plain = PeftModel.from_pretrained(base, run_dir).eval()
gen = GenerationConfig.from_pretrained(run_dir)
for name, model in (("auto", auto), ("peft", plain)):
    with torch.no_grad():
        logits = model(**ids).logits[0].tolist()
        seq = model.generate(**ids, generation_config=gen, do_sample=False, max_new_tokens=48)[0]
    results[name] = {"logits": logits, "generated": seq[ids["input_ids"].shape[1]:].tolist()}
json.dump(results, open(out, "w"))
"""


def test_adapter_config_names_the_hub_id_and_the_trainable_tokens(trained_run):
    config = json.loads((trained_run / "adapter_config.json").read_text())
    assert config["base_model_name_or_path"] == "HuggingFaceTB/SmolLM2-135M-Instruct"
    added = json.loads((trained_run / "tokenizer.json").read_text())["added_tokens"]
    end_id = next(t["id"] for t in added if t["content"] == END_MARKER)
    assert config["trainable_token_indices"] == {"embed_tokens": [end_id]}, "SmolLM2 ties its head to the embedding"


@pytest.mark.slow
def test_standard_tools_load_the_run_as_load_run_does(trained_run, tmp_path):
    import torch

    from museumguide.model import base
    from museumguide.model.runs import load_run

    out = tmp_path / "standard.json"
    env = {**os.environ, "HF_HUB_CACHE": str(base.hub_cache()), "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-c", STANDARD_LOAD, str(trained_run), PROMPT, str(out)],
                   check=True, env=env, cwd=tmp_path, timeout=600)
    standard = json.loads(out.read_text())
    assert not standard["museumguide_imported"]

    run = load_run(trained_run, dequantize=False)  # the 4-bit base, as the standard loads read it
    ids = run.tokenizer(PROMPT, return_tensors="pt")
    with torch.no_grad():
        logits = run.model(**ids).logits[0]
        seq = run.model.generate(**ids, do_sample=False, max_new_tokens=48)[0][ids["input_ids"].shape[1]:]
    end_id = run.tokenizer.convert_tokens_to_ids(END_MARKER)
    for name in ("auto", "peft"):
        got = torch.tensor(standard[name]["logits"])
        assert torch.allclose(got, logits, atol=1e-4), f"{name}: logits differ from load_run's"
        # The <END> column is the one a load without the trained rows gets wrong.
        assert torch.allclose(got.softmax(-1)[:, end_id], logits.softmax(-1)[:, end_id], atol=1e-5)
        assert standard[name]["generated"] == seq.tolist(), f"{name}: greedy text or its stop differs"


def test_a_run_that_lost_its_end_rows_is_refused(trained_run, tmp_path):
    """A save interrupted between the adapter and its <END> rows must not load as a model that
    never stops: loading names the problem instead."""
    import shutil

    from museumguide.model.runs import NoAdapterError, load_run

    broken = tmp_path / "broken"
    shutil.copytree(trained_run, broken, ignore=shutil.ignore_patterns("checkpoints"))
    config = json.loads((broken / "adapter_config.json").read_text())
    del config["trainable_token_indices"]
    (broken / "adapter_config.json").write_text(json.dumps(config))
    with pytest.raises(NoAdapterError, match="no trained <END> rows"):
        load_run(broken)
