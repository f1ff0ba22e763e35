"""The production path in miniature: Mistral-7B-Instruct-v0.3's real v3 tokenizer (shipped by
mistral-common) on a miniature Mistral with random weights, through recipes/mistral-7b-qlora.yaml
on the CPU: train (4-bit NF4, prompt masking, <END>), generate, evaluate, export.

The recipe is used as written except for what a CPU run must change (MISTRAL_CPU_OVERRIDES):
the model path, the data and output folders, the step and example counts, and
``requires_gpu``. Everything else (LoRA r16/alpha32 on seven projections, dropout 0.05, lr
2e-4, batch 2 x accumulation 4, length 512, gradient checkpointing, 4-bit NF4 with double
quantisation) is the production setting; precision ``auto`` resolves to fp32 on a CPU.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from museumguide.records.prompt import END_MARKER
from tests.conftest import ROOT, mistral_cpu_overrides

GPU_RECIPE = ROOT / "recipes" / "mistral-7b-qlora.yaml"


def test_chat_template_encodes_as_mistral_common_does(tmp_path):
    from mistral_common.protocol.instruct.messages import AssistantMessage, SystemMessage, UserMessage
    from mistral_common.protocol.instruct.request import ChatCompletionRequest
    from mistral_common.tokens.tokenizers.mistral import MistralTokenizer

    from museumguide.model.mistral import save_tokenizer

    ours = save_tokenizer(tmp_path)
    reference = MistralTokenizer.v3()
    conversations = [
        [UserMessage(content="Tell me about The Harvesters (1565) by Pieter Bruegel the Elder.")],
        [SystemMessage(content="You are a museum guide."), UserMessage(content="Title: Whalers\nArtist: Turner")],
        [UserMessage(content="One"), AssistantMessage(content="Two."), UserMessage(content="Three?")],
        [SystemMessage(content="Be brief."), UserMessage(content="A"), AssistantMessage(content="B"),
         UserMessage(content="C")],
    ]
    for messages in conversations:
        want = reference.encode_chat_completion(ChatCompletionRequest(messages=messages)).tokens
        got = ours.apply_chat_template([{"role": m.role, "content": m.content} for m in messages],
                                       tokenize=True, add_generation_prompt=True)
        got = got["input_ids"] if hasattr(got, "keys") else got
        assert list(got) == want, ours.decode(got)
    assert len(ours) == 32768 and ours.convert_ids_to_tokens([1, 2, 3, 4]) == ["<s>", "</s>", "[INST]", "[/INST]"]
    with pytest.raises(Exception, match="alternate"):
        ours.apply_chat_template([{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], tokenize=False)


def test_end_marker_pad_and_bos_with_sentencepiece(mini_mistral, processed_dir):
    """<END> is one new id after the 32,768 pieces; pad is <unk>, neither EOS nor <END>; each
    prompt's ids are a prefix of prompt + completion (what prompt masking relies on), with BOS
    once, at the start."""
    from museumguide.common import jsonl
    from museumguide.model.base import load_tokenizer, prepare_tokenizer

    tok = prepare_tokenizer(load_tokenizer(str(mini_mistral)))
    end_id = tok.convert_tokens_to_ids(END_MARKER)
    assert end_id == 32768 and len(tok) == 32769
    assert tok.pad_token == "<unk>" and tok.pad_token_id not in (end_id, tok.eos_token_id)
    rows = jsonl.read_jsonl(processed_dir / "train.jsonl")
    assert rows
    for row in rows:
        prompt = tok(row["prompt"])["input_ids"]
        whole = tok(row["prompt"] + row["completion"])["input_ids"]
        assert whole[:len(prompt)] == prompt, row["id"]
        assert whole[0] == tok.bos_token_id and whole.count(tok.bos_token_id) == 1
        assert whole[-1] == end_id and whole.count(end_id) == 1
        assert tok.decode(whole[len(prompt):], skip_special_tokens=True) == row["completion"][:-len(END_MARKER)]


@pytest.fixture(scope="module")
def mistral_run(mini_mistral, processed_dir, tmp_path_factory):
    from museumguide.model.config import load_config
    from museumguide.model.train import train

    artifacts = tmp_path_factory.mktemp("mistral-artifacts")
    config = load_config(GPU_RECIPE, mistral_cpu_overrides(mini_mistral, processed_dir, artifacts))
    outcome = train(config, progress=False)
    outcome.run_dir = config.run_dir
    return outcome


@pytest.mark.slow
def test_recipe_trains_lora_and_both_end_rows(mistral_run, mini_mistral):
    import torch
    from safetensors.torch import load_file

    from museumguide.model import newtokens

    saved = json.loads((mistral_run.run_dir / "adapter_config.json").read_text())
    assert saved["r"] == 16 and saved["lora_alpha"] == 32 and len(saved["target_modules"]) == 7
    assert saved["trainable_token_indices"] == {"embed_tokens": [32768], "lm_head": [32768]}, "untied: both rows"
    from museumguide.model.config import load_config
    from museumguide.model.trainer import _precision

    # the recipe's "auto" on this CPU: bf16 autocast where it has AMX or AVX-512 BF16, else fp32
    assert mistral_run.metrics["steps"] == 2 and mistral_run.metrics["precision"] == _precision(load_config(GPU_RECIPE), False)
    lora_b = [p for n, p in mistral_run.model.named_parameters() if "lora_B" in n]
    assert len(lora_b) == 2 * 7 and all(p.abs().sum() > 0 for p in lora_b), "every LoRA B moved from zero"
    # Both <END> rows start as </s> (id 2) of the untouched model; both must have moved.
    base = load_file(str(mini_mistral / "model.safetensors"))
    adapter = load_file(str(mistral_run.run_dir / "adapter_model.safetensors"))
    embed, head = newtokens.find_wrappers(mistral_run.model)
    assert embed.rows is not head.rows
    for name, start in (("model.embed_tokens", base["model.embed_tokens.weight"][2]), ("lm_head", base["lm_head.weight"][2])):
        row = adapter[f"base_model.model.{name}.token_adapter.trainable_tokens_delta"][0]
        assert not torch.allclose(row, start.float(), atol=1e-5), f"{name}: the <END> row trained"


@pytest.mark.slow
def test_recipe_run_generates_evaluates_and_exports(mistral_run, processed_dir, tmp_path):
    from museumguide import generate_guide
    from museumguide.common import jsonl
    from museumguide.guides import evaluate
    from museumguide.model import export
    from museumguide.model.runs import load_run

    run_dir = mistral_run.run_dir
    painting = jsonl.read_jsonl(processed_dir / "paintings.jsonl")[0]
    guide = generate_guide(painting, adapter=run_dir, max_new_tokens=12, seed=0, strict=False)  # the model's own
    assert isinstance(guide, str) and guide.strip(), "random weights write noise, but they write it"
    run = load_run(run_dir)
    assert run.model.generation_config.eos_token_id[0] == 32768

    assert evaluate.main(["--adapter", str(run_dir), "--processed-dir", str(processed_dir), "--limit", "1",
                          "--max-new-tokens", "8", "--systems", "base,fine-tuned", "--no-progress"]) == 0
    report = json.loads((run_dir / "eval" / "metrics.json").read_text())
    assert set(report["systems"]) == {"base", "fine-tuned"}

    out = tmp_path / "merged"
    assert export.main([str(run_dir), "--merged", str(out), "--dtype", "float32"]) == 0
    script = ("import json,sys,torch\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\n"
              "tok=AutoTokenizer.from_pretrained(sys.argv[1]); m=AutoModelForCausalLM.from_pretrained(sys.argv[1])\n"
              "ids=tok(sys.argv[2], return_tensors='pt')\n"
              "seq=m.generate(**ids, do_sample=False, repetition_penalty=1.0, max_new_tokens=10)[0][ids['input_ids'].shape[1]:]\n"
              "end=m(**ids).logits[0].softmax(-1)[:, 32768]\n"
              "print(json.dumps({'ids': ids['input_ids'][0].tolist(), 'gen': seq.tolist(), 'vocab': m.config.vocab_size,"
              " 'p_end': end.tolist(),"
              " 'eos': m.generation_config.eos_token_id, 'imported': 'museumguide' in sys.modules}))")
    prompt = "Title: Whalers\nArtist: Joseph Mallord William Turner\n\nAudio guide:\n"
    plain = json.loads(subprocess.run([sys.executable, "-c", script, str(out), prompt], check=True,
                                      capture_output=True, text=True, cwd=tmp_path).stdout.strip().splitlines()[-1])
    assert not plain["imported"] and plain["vocab"] == 32769 and plain["eos"][0] == 32768
    assert plain["ids"][0] == 1 and plain["ids"].count(1) == 1, "one BOS"

    import torch

    merged = load_run(run_dir, dequantize=True)
    ids = merged.tokenizer(prompt, return_tensors="pt")
    with torch.no_grad():
        seq = merged.model.generate(**ids, do_sample=False, max_new_tokens=10)[0][ids["input_ids"].shape[1]:]
        p_end = merged.model(**ids).logits[0].softmax(-1)[:, 32768]
    assert plain["gen"] == seq.tolist(), "the export generates what the run generates"
    assert torch.allclose(torch.tensor(plain["p_end"]), p_end, rtol=1e-3, atol=1e-9), "with the trained <END> rows"


@pytest.mark.slow
def test_two_process_ddp_trains_one_run(mini_mistral, processed_dir, tmp_path):
    """DDP as recipes/accelerate-ddp.yaml sets it up on GPUs, launched here with
    torch.distributed.run (what accelerate launches with) on a CPU: two processes (gloo), each
    with its own 4-bit copy; only rank 0 writes the run and reports, and the Trainer saw a world
    of two."""
    import os

    args = ["--config", str(GPU_RECIPE)]
    for key, value in mistral_cpu_overrides(mini_mistral, processed_dir, tmp_path).items():
        args += [f"--{key}", str(value).lower() if isinstance(value, bool) else str(value)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                           "-m", "museumguide.train", *args, "--no-progress"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.count("trained 2 steps") == 1, "rank 0 alone reports"
    metrics = json.loads((tmp_path / "mistral-7b-qlora" / "metrics.json").read_text())
    assert metrics["world_size"] == 2
    from museumguide.model.runs import load_run

    run = load_run(tmp_path / "mistral-7b-qlora")
    assert run.model.generation_config.eos_token_id[0] == 32768
