"""An estimate, on a CPU, of the GPU memory the Mistral-7B QLoRA recipe needs, and what the
trained ``<END>`` rows cost in it under each design.

    python bench/train_memory_estimate.py             # ~2 min on 2 cores; writes bench/results/

No GPU was available to measure ``torch.cuda.max_memory_allocated`` (bench/train_memory.py
does that where one is). The method, which needs no GPU:

1. Build Mistral-7B-Instruct-v0.3's exact shape (museumguide.model.mistral.full_config: hidden 4096,
   intermediate 14336, 32 heads, 8 key-value heads, vocabulary 32,768) with random weights, at
   1 and at 2 decoder layers, with the real v3 tokenizer.
2. Build each exactly as training does (``model.trainer.build_model`` and ``make_trainer`` with
   ``recipes/mistral-7b-qlora.yaml``: 4-bit NF4 with double quantisation, bf16 compute, LoRA
   r16 on seven projections, gradient checkpointing, the ``<END>`` rows) and run two optimizer
   steps on a batch of 2 x 512 tokens (the recipe's batch and length; our examples are padded
   to 512) under ``torch.distributed._tools.mem_tracker.MemTracker``, which attributes every
   tensor (parameters, gradients, activations, temporaries, optimizer states) and records the
   peak of the second step (the first creates the optimizer's states, which every later step
   holds). TRL scores completion positions only, as it does on a GPU with Triton.
3. Peak(k layers) = fixed + k x per-layer, as checkpointing keeps one input per layer and
   recomputes one layer at a time: two depths give both terms, and 32 layers give the estimate.
   What MemTracker counts is what the caching allocator hands out, so the estimate stands for
   ``max_memory_allocated``; the CUDA context (~0.5 GB) and allocator slack come on top of it
   in ``nvidia-smi``.

The ``<END>`` designs, at 1 layer (their cost does not depend on depth):
``museumguide`` (this project's wrappers), ``frozen`` (the rows not trained: the floor), and
``peft`` (PEFT's ``trainable_token_indices`` under TRL's fused head, or the error it raises).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "train_memory_estimate.json"
FULL_DEPTH = 32


def build(path: Path, layers: int) -> None:
    import torch
    from transformers import MistralForCausalLM

    from museumguide.model.mistral import full_config, save_tokenizer

    if (path / "config.json").is_file():
        return
    config = full_config()
    config.num_hidden_layers = layers
    torch.manual_seed(0)
    model = MistralForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(path)
    save_tokenizer(path)


def measure(model_path: Path, design: str, data_dir: Path, out: Path) -> None:
    """Two optimizer steps of the recipe, the second under MemTracker; writes its peak and parts."""
    import torch
    import trl.trainer.utils as trl_utils
    from torch.distributed._tools.mem_tracker import MemTracker

    from museumguide.model import train
    from museumguide.model.trainer import build_model, make_trainer
    from museumguide.model.config import load_config

    trl_utils._use_triton = lambda device: True  # score completion positions only, as on a GPU
    config = load_config(ROOT / "recipes/mistral-7b-qlora.yaml", {
        "model": str(model_path), "requires_gpu": False, "precision": "bf16", "low_memory_cpu": False,
        "pad_to_max_length": True, "max_train_examples": 2, "max_eval_examples": 2, "gradient_accumulation_steps": 1,
        "eval_strategy": "no", "save_strategy": "no", "data_dir": str(data_dir),
        "artifacts_dir": str(out.parent / "artifacts"), "run_name": f"estimate-{design}"})
    splits = train.load_splits(config)
    if design == "peft":
        model, tokenizer = peft_design(config)
    else:
        model, tokenizer, _ = build_model(config, cuda=False)
        if design == "frozen":
            from museumguide.model.newtokens import find_wrappers

            for wrapper in find_wrappers(model):
                wrapper.rows.requires_grad_(False)
    trainer = make_trainer(config, model, tokenizer, splits, "bf16", cuda=False, progress=False) \
        if design != "peft" else peft_trainer(config, model, tokenizer, splits)
    batch = next(iter(trainer.get_train_dataloader()))
    trainer.current_gradient_accumulation_steps = 1  # set by Trainer.train(); one micro-batch here
    assert tuple(batch["input_ids"].shape) == (2, 512), batch["input_ids"].shape
    allow_frozen_parameters()

    def step():
        trainer.training_step(model, batch)
        trainer.optimizer.step()
        trainer.optimizer.zero_grad(set_to_none=True)

    start = time.monotonic()
    error = None
    tracker = MemTracker()
    try:
        step()  # the first step creates the optimizer's states; every later step holds them
        tracker.track_external(model, trainer.optimizer)
        with tracker:
            step()
    except Exception as exc:  # a design that cannot train here is a result, not a crash
        error = f"{type(exc).__name__}: {exc}"[:300]
    peak = tracker.get_tracker_snapshot("peak")
    cpu = next((v for k, v in peak.items() if str(k) == "cpu"), {})
    parts = {str(k).split(".")[-1].lower(): v / 1e9 for k, v in cpu.items()}
    out.write_text(json.dumps({"design": design, "layers": model_layers(model), "peak_gb": parts.get("total"),
                               "parts_gb": parts, "seconds": round(time.monotonic() - start, 1),
                               "error": error}))


def allow_frozen_parameters() -> None:
    """MemTracker puts a gradient hook on every parameter of a module and PyTorch refuses hooks
    on tensors that need no gradient, which is every base weight of a QLoRA model. Frozen
    tensors never get gradients, so for them the hook is skipped (a handle that removes nothing)."""
    import torch
    from torch.utils.hooks import RemovableHandle

    class Hooks(dict):  # RemovableHandle keeps a weak reference to its hooks' dict
        pass

    def guarded(original):
        def register(self, hook):
            return original(self, hook) if self.requires_grad else RemovableHandle(Hooks())
        return register

    torch.Tensor.register_hook = guarded(torch.Tensor.register_hook)
    torch.Tensor.register_post_accumulate_grad_hook = guarded(torch.Tensor.register_post_accumulate_grad_hook)


def model_layers(model) -> int:
    return model.config.num_hidden_layers if hasattr(model, "config") else -1


def peft_design(config):
    """PEFT's own trainable tokens for <END> (the design this project does not use)."""
    import torch
    from peft import LoraConfig, get_peft_model

    from museumguide.model import base
    from museumguide.records.prompt import END_MARKER

    tokenizer = base.prepare_tokenizer(base.load_tokenizer(config.model))
    lm = base.load_model(config.model, load_in_4bit=True, dtype=torch.bfloat16)
    base.grow_vocabulary(lm, tokenizer, like_token=tokenizer.eos_token)
    lm.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    lm.enable_input_require_grads()
    end = tokenizer.convert_tokens_to_ids(END_MARKER)
    lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=config.target_modules, task_type="CAUSAL_LM",
                      trainable_token_indices={"embed_tokens": [end], "lm_head": [end]})
    return get_peft_model(lm, lora), tokenizer


def peft_trainer(config, model, tokenizer, splits):
    from trl import SFTTrainer

    from museumguide.model.trainer import sft_config

    return SFTTrainer(model=model, args=sft_config(config, "bf16", False, False, False),
                      train_dataset=splits["train"], processing_class=tokenizer)


def run_side(args, model_path: Path, design: str) -> dict:
    out = args.workdir / f"{model_path.name}-{design}.json"
    subprocess.run([sys.executable, __file__, "--side", design, "--model", str(model_path),
                    "--workdir", str(args.workdir), "--data-dir", str(args.data_dir)], check=True,
                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workdir", type=Path, default=Path("/tmp/museumguide-estimate"))
    p.add_argument("--data-dir", type=Path, default=ROOT / "data" / "processed")
    p.add_argument("--designs", default="museumguide,frozen,peft")
    p.add_argument("--side", help=argparse.SUPPRESS)
    p.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.side:
        measure(args.model, args.side, args.data_dir, args.workdir / f"{args.model.name}-{args.side}.json")
        return
    from bench.machine import describe

    args.workdir.mkdir(parents=True, exist_ok=True)
    machine = describe()  # measured once, before the runs, and recorded with their figures
    print(machine["line"])
    paths = {k: args.workdir / f"mistral-7b-shape-{k}L" for k in (1, 2)}
    for k, path in paths.items():
        build(path, k)
    one, two = run_side(args, paths[1], "museumguide"), run_side(args, paths[2], "museumguide")
    per_layer = {part: two["parts_gb"].get(part, 0) - one["parts_gb"].get(part, 0) for part in two["parts_gb"]}
    fixed = {part: one["parts_gb"][part] - per_layer.get(part, 0) for part in one["parts_gb"]}
    estimate = {part: fixed[part] + FULL_DEPTH * per_layer.get(part, 0) for part in fixed}
    designs = {"museumguide": one}
    for design in [d for d in args.designs.split(",") if d != "museumguide"]:
        designs[design] = run_side(args, paths[1], design)
    result = {"machine": machine, "method": "MemTracker on CPU, 1 and 2 layers of Mistral-7B shape, "
              "scaled to 32; batch 2 x 512, bf16 compute, 4-bit NF4", "one_layer": one, "two_layers": two,
              "per_layer_gb": per_layer, "fixed_gb": fixed, "estimate_32_layers_gb": estimate,
              "end_token_designs_at_1_layer": designs}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nestimated peak allocated at 32 layers: {estimate['total']:.2f} GB "
          f"(fixed {fixed['total']:.2f} + 32 x {per_layer['total']:.3f})")
    for part in sorted(estimate):
        print(f"  {part:>6}: {estimate[part]:.2f} GB")
    floor = designs.get("frozen", {}).get("peak_gb")
    for name, d in designs.items():
        if d.get("error") or d.get("peak_gb") is None:
            print(f"<END> design {name}: cannot train under TRL's fused head: {d['error']}")
            continue
        extra = f" (+{d['peak_gb'] - floor:.2f} GB over frozen rows)" if floor else ""
        print(f"<END> design {name}: peak at 1 layer {d['peak_gb']:.2f} GB{extra}")


if __name__ == "__main__":
    main()
