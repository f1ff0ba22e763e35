"""GPU memory and speed of the Mistral-7B QLoRA recipe against plain TRL defaults (GPU only).

    python bench/train_memory.py --steps 10          # on a CUDA machine, from the repo root

The hub is unreachable on measurement machines, so the model is Mistral-7B-Instruct-v0.3's
exact shape (MistralConfig: vocab 32768, hidden 4096, 32 layers, intermediate 14336, 32 heads,
8 key-value heads) with random weights, saved once in bf16 to local disk. Random weights give
the true memory and speed of a training step, nothing about quality. The tokenizer is the real
one, Mistral's v3 SentencePiece model from the PyPI package mistral-common
(museumguide.mistral), so token counts are those of production.

Each side runs in its own process so its peak ``torch.cuda.max_memory_allocated`` is its own:

* ``museumguide``: ``museumguide.model.train`` with ``recipes/mistral-7b-qlora.yaml`` (4-bit NF4,
  double quantisation, LoRA r16/alpha32 on all projections, gradient checkpointing, batch 2 x 4
  accumulation, max length 512, trained ``<END>`` rows);
* ``plain TRL``: ``SFTTrainer(model=path, peft_config=LoraConfig(r=16, lora_alpha=32,
  target_modules="all-linear"))`` with ``SFTConfig`` defaults apart from the same batch,
  accumulation, max length and step count: bf16 weights, no quantisation.
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


def build_model(path: Path) -> None:
    import torch
    from transformers import MistralForCausalLM

    from museumguide.model.mistral import full_config, save_tokenizer

    if (path / "config.json").is_file():
        return
    path.mkdir(parents=True, exist_ok=True)
    save_tokenizer(path)
    torch.manual_seed(0)
    with torch.device("cuda"):
        model = MistralForCausalLM(full_config()).to(torch.bfloat16)
    model.save_pretrained(path)
    del model
    torch.cuda.empty_cache()


def side(name: str, model_path: Path, steps: int, out: Path) -> None:
    import torch

    torch.cuda.reset_peak_memory_stats()
    start = time.monotonic()
    if name == "museumguide":
        from museumguide.model.config import load_config
        from museumguide.model.train import train

        config = load_config(ROOT / "recipes/mistral-7b-qlora.yaml", {
            "model": str(model_path), "max_steps": steps, "eval_strategy": "no", "save_strategy": "no",
            "artifacts_dir": str(out.parent / "artifacts"), "data_dir": str(ROOT / "data/processed")})
        metrics = train(config, progress=False).metrics
        tokens, seconds = metrics["train_tokens"], metrics["train_seconds"]
    else:
        from datasets import load_dataset
        from peft import LoraConfig
        from trl import SFTConfig, SFTTrainer

        data = load_dataset("json", data_files=str(ROOT / "data/processed/train.jsonl"))["train"]
        data = data.remove_columns(["id"])
        args = SFTConfig(output_dir=str(out.parent / "plain"), max_steps=steps, per_device_train_batch_size=2,
                         gradient_accumulation_steps=4, max_length=512, report_to=[], save_strategy="no")
        trainer = SFTTrainer(model=str(model_path), args=args, train_dataset=data,
                             peft_config=LoraConfig(r=16, lora_alpha=32, target_modules="all-linear"))
        t0 = time.monotonic()
        trainer.train()
        seconds = time.monotonic() - t0
        tokens = max(h.get("num_tokens", 0) for h in trainer.state.log_history)
    result = {"side": name, "peak_allocated_gb": torch.cuda.max_memory_allocated() / 1e9,
              "tokens_per_s": tokens / seconds, "seconds": seconds, "wall_s": time.monotonic() - start,
              "gpu": torch.cuda.get_device_name(0)}
    out.write_text(json.dumps(result))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--workdir", type=Path, default=Path("/tmp/museumguide-bench"))
    p.add_argument("--side", choices=("museumguide", "plain"), help=argparse.SUPPRESS)
    args = p.parse_args()
    model_path = args.workdir / "mistral-7b-shape"
    if args.side:
        side(args.side, model_path, args.steps, args.workdir / f"{args.side}.json")
        return
    build_model(model_path)
    results = []
    for name in ("museumguide", "plain"):
        subprocess.run([sys.executable, __file__, "--side", name, "--steps", str(args.steps),
                        "--workdir", str(args.workdir)], check=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        results.append(json.loads((args.workdir / f"{name}.json").read_text()))
    ours, plain = results
    print(f"\nGPU: {ours['gpu']}; {args.steps} optimizer steps, batch 2 x 4, max length 512\n")
    print("| setup | peak allocated (GB) | tokens/s |")
    print("|---|---:|---:|")
    print(f"| museumguide recipe (4-bit NF4 QLoRA) | {ours['peak_allocated_gb']:.2f} | {ours['tokens_per_s']:.0f} |")
    print(f"| plain TRL defaults (bf16 LoRA) | {plain['peak_allocated_gb']:.2f} | {plain['tokens_per_s']:.0f} |")
    print(f"\nmemory ratio {ours['peak_allocated_gb'] / plain['peak_allocated_gb']:.2f}, "
          f"speed ratio {ours['tokens_per_s'] / plain['tokens_per_s']:.2f}")


if __name__ == "__main__":
    main()
