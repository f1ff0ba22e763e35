"""QLoRA fine-tuning with TRL's SFTTrainer.

    python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml           # CPU, minutes
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml           # 12 GB GPU
    python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml --max_steps 20 --run_name quick
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml --resume  # after a crash

The base model is quantised to 4-bit NF4 (double quantisation) and frozen; LoRA adapters on the
attention and MLP projections and the two rows of the new ``<END>`` token are trained. Only
completion tokens count in the loss (the prompt is masked with -100). Everything the run makes
goes to ``artifacts/<run_name>/``: the adapter with the ``<END>`` rows in PEFT's trainable-tokens
format (``museumguide.runs.load_run``, or PEFT's own loaders, read it), the tokenizer, a
generation config that stops on ``<END>``, ``run.json`` (what inference needs),
``config.yaml``, ``metrics.json`` and ``loss.png``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from museumguide import dataset, jsonl
from museumguide.config import ConfigError, TrainConfig, load_config
from museumguide.model import ModelNotAvailable
from museumguide.prompt import END_MARKER, has_notes

CPU_RECIPE = "recipes/smollm2-135m-cpu.yaml"


class TrainError(RuntimeError):
    """A run that cannot go on; the message says what to change."""


def _precision(config: TrainConfig, cuda: bool) -> str:
    if config.precision != "auto":
        return config.precision
    if not cuda:
        return "fp32"
    import torch

    return "bf16" if torch.cuda.is_bf16_supported() else "fp16"


def load_splits(config: TrainConfig):
    """Validated train/val rows as ``datasets.Dataset`` objects (errors name file and line)."""
    from datasets import Dataset

    splits = {}
    for name, limit in (("train", config.max_train_examples), ("val", config.max_eval_examples)):
        if name == "val" and config.eval_strategy == "no":
            continue
        rows = dataset.load_split(config.data_dir / f"{name}.jsonl")
        rows = rows[:limit] if limit else rows
        if name == "train" and config.notes_share:
            rows = mix_notes(rows, config.notes_share)
        splits[name] = Dataset.from_list([{"prompt": r["prompt"], "completion": r["completion"]} for r in rows])
    return splits


def mix_notes(rows: list[dict], share: float) -> list[dict]:
    """``rows`` with the examples whose prompt has curator notes repeated until they are about
    ``share`` of the whole (the trainer shuffles; repeats are whole copies, never fewer)."""
    with_notes = [r for r in rows if has_notes(r["prompt"])]
    without = [r for r in rows if not has_notes(r["prompt"])]
    if not with_notes or not without:
        return rows
    copies = max(1, round(share / (1 - share) * len(without) / len(with_notes)))
    return without + with_notes * copies


def local_rank() -> int:
    """This process's GPU under ``accelerate launch``/``torchrun`` (0 alone). Each DDP rank holds
    a whole 4-bit copy on its own GPU: ``device_map="auto"`` would split one copy across all."""
    return int(os.environ.get("LOCAL_RANK", 0))


def main_process() -> bool:
    """Whether this process writes the run's files (rank 0 of a DDP launch, or the only one)."""
    return int(os.environ.get("RANK", 0)) == 0


def build_model(config: TrainConfig, cuda: bool):
    """Tokenizer with ``<END>``; 4-bit base with LoRA and trainable ``<END>`` rows."""
    import torch
    from peft import LoraConfig, get_peft_model

    from museumguide import model as base, newtokens

    precision = _precision(config, cuda)
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}[precision]
    tokenizer = base.prepare_tokenizer(base.load_tokenizer(config.model))
    lm = base.load_model(config.model, load_in_4bit=config.load_in_4bit, dtype=dtype,
                         device_map={"": local_rank()} if cuda else None)
    start = base.grow_vocabulary(lm, tokenizer, like_token=tokenizer.eos_token)
    rows = newtokens.attach(lm, start)
    if config.gradient_checkpointing:
        lm.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        lm.enable_input_require_grads()
    lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=config.target_modules, bias="none", task_type="CAUSAL_LM")
    model = get_peft_model(lm, lora)
    # The Trainer's checkpoints call save_pretrained without arguments; PEFT then sees the grown
    # vocabulary and copies both full matrices into every checkpoint (236 MB for SmolLM2).
    # Checkpoints keep the <END> rows in a file of their own (_SaveNewTokenRows); the final
    # run adds them to the adapter (save_run).
    model.save_pretrained = functools.partial(model.save_pretrained, save_embedding_layers=False)
    # adapter_config.json names the base as the hub knows it, not the local copy it was read from.
    model.peft_config["default"].base_model_name_or_path = base.hub_id(config.model)
    for row in rows:  # PEFT freezes everything that is not LoRA; the <END> rows train too
        row.requires_grad_(True)
    return model, tokenizer, precision


def make_optimizer(model, config: TrainConfig):
    """AdamW with two groups: LoRA at ``learning_rate``, the ``<END>`` rows at
    ``new_token_learning_rate`` (a new token starts far from where it must end up)."""
    import torch

    from museumguide.newtokens import find_wrappers

    embed, head = find_wrappers(model)
    rows = {id(embed.rows): embed.rows, id(head.rows): head.rows}
    others = [p for p in model.parameters() if p.requires_grad and id(p) not in rows]
    row_lr = config.new_token_learning_rate or config.learning_rate
    return torch.optim.AdamW([{"params": others, "lr": config.learning_rate},
                              {"params": list(rows.values()), "lr": row_lr}], lr=config.learning_rate,
                             weight_decay=0.0)


class _SaveNewTokenRows:
    """Trainer callback: checkpoints hold the adapter only, so add the <END> rows to each one."""

    def __new__(cls, model):
        from transformers import TrainerCallback

        from museumguide import newtokens

        class Callback(TrainerCallback):
            def on_save(self, args, state, control, **kwargs):
                ckpt = Path(args.output_dir) / f"checkpoint-{state.global_step}"
                if state.is_world_process_zero and ckpt.is_dir():
                    newtokens.save_checkpoint_rows(model, ckpt)

        return Callback()


def last_checkpoint(run_dir: Path) -> Path | None:
    ckpts = sorted((run_dir / "checkpoints").glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    return ckpts[-1] if ckpts else None


def plot_losses(log_history: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    train = [(h["step"], h["loss"]) for h in log_history if "loss" in h]
    val = [(h["step"], h["eval_loss"]) for h in log_history if "eval_loss" in h]
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=120)
    if train:
        ax.plot(*zip(*train), label="train", color="#4c72b0")
    if val:
        ax.plot(*zip(*val), "o-", label="validation", color="#dd8452")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss (completion tokens)")
    ax.set_title("museumguide fine-tuning")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def dir_size(path: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in path.glob(pattern) if p.is_file())


@dataclass
class TrainOutcome:
    """What a run leaves in memory: its metrics (also in metrics.json), model and tokenizer."""

    metrics: dict
    model: Any
    tokenizer: Any


def check_device(config: TrainConfig, cuda: bool) -> None:
    if config.requires_gpu and not cuda:
        raise TrainError(f"the recipe for {config.model} needs a CUDA GPU and none was found; "
                         f"on a CPU use {CPU_RECIPE}")


def sft_config(config: TrainConfig, precision: str, cuda: bool, has_val: bool, progress: bool):
    """TRL's SFTConfig for this run."""
    from trl import SFTConfig

    return SFTConfig(
        output_dir=str(config.run_dir / "checkpoints"),
        eos_token=END_MARKER,  # completions already end with <END>; TRL adds no other EOS
        completion_only_loss=True,
        max_length=config.max_length,
        pad_to_multiple_of=config.max_length if config.pad_to_max_length else None,
        per_device_train_batch_size=config.per_device_train_batch_size,
        per_device_eval_batch_size=config.per_device_train_batch_size,
        gradient_accumulation_steps=config.gradient_accumulation_steps,
        num_train_epochs=config.num_train_epochs,
        max_steps=config.max_steps,
        learning_rate=config.learning_rate,
        lr_scheduler_type=config.lr_scheduler_type,
        warmup_steps=config.warmup_ratio,  # a float below 1 is a ratio of the total steps
        logging_steps=config.logging_steps,
        eval_strategy=config.eval_strategy if has_val else "no",
        eval_steps=config.eval_steps,
        save_strategy=config.save_strategy,
        save_steps=config.save_steps,
        save_total_limit=2,
        bf16=precision == "bf16",
        fp16=precision == "fp16",
        gradient_checkpointing=False,  # enabled on the model already, before PEFT wrapped it
        use_cpu=not cuda,
        seed=config.seed,
        report_to=[],
        disable_tqdm=not progress,
        dataloader_num_workers=0,
        # Under DDP every trainable tensor (LoRA, the <END> rows) takes part in every step, and
        # gradient checkpointing breaks DDP's search for unused ones.
        ddp_find_unused_parameters=False,
    )


def make_trainer(config: TrainConfig, model, tokenizer, splits, precision: str, cuda: bool, progress: bool):
    """The SFTTrainer, with fp32 trainable weights off bf16 and our two-group optimizer."""
    from trl import SFTTrainer

    args = sft_config(config, precision, cuda, "val" in splits, progress)
    trainer = SFTTrainer(model=model, args=args, train_dataset=splits["train"], eval_dataset=splits.get("val"),
                         processing_class=tokenizer, callbacks=[_SaveNewTokenRows(model)])
    if not cuda and config.low_memory_cpu:
        from museumguide.lowmem import trim_callback

        trainer.add_callback(trim_callback())
    if precision != "bf16":
        # TRL casts the trainable weights of a quantised model to bf16 (the QLoRA paper's choice on
        # bf16 GPUs). In fp32 on a CPU without fast bf16 that halves the speed, and fp16 mixed
        # precision needs fp32 master weights, so keep them in fp32 there.
        for param in model.parameters():
            if param.requires_grad:
                param.data = param.data.float()
    # Built after TRL's dtype changes, so it holds the tensors that will actually train; the
    # Trainer still makes the warmup/cosine schedule, which scales each group's own rate.
    trainer.optimizer = make_optimizer(model, config)
    return trainer


def run_training(config: TrainConfig, trainer, has_val: bool, resume_from: Path | None):
    """Measure the loss before training (a fresh run), then train; ``(result, seconds, initial)``."""
    import torch

    initial = None
    try:
        if has_val and resume_from is None:
            # The loss before any training, so "it learned" is a measured comparison.
            initial = trainer.evaluate()["eval_loss"]
        start = time.monotonic()
        result = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    except torch.cuda.OutOfMemoryError:
        raise TrainError(
            f"out of GPU memory: lower per_device_train_batch_size (now {config.per_device_train_batch_size}) "
            f"and raise gradient_accumulation_steps to keep the effective batch, or lower max_length "
            f"(now {config.max_length})") from None
    return result, time.monotonic() - start, initial


def train(config: TrainConfig, resume: bool = False, progress: bool = True) -> TrainOutcome:
    """Run one fine-tuning as configured."""
    import torch

    cuda = torch.cuda.is_available()
    check_device(config, cuda)
    if not progress:
        from museumguide.model import quiet_progress

        quiet_progress()
    low_memory = not cuda and config.low_memory_cpu
    if low_memory:
        from museumguide import lowmem

        lowmem.release_freed_memory()
        lowmem.lighter_loss_head()
    config.run_dir.mkdir(parents=True, exist_ok=True)
    if main_process():
        jsonl.write_text_atomic(config.run_dir / "config.yaml", yaml.safe_dump(config.to_dict(), sort_keys=False))
    splits = load_splits(config)
    model, tokenizer, precision = build_model(config, cuda)
    if low_memory:
        lowmem.trim()  # the full-precision weights, freed once quantised
    resume_from = last_checkpoint(config.run_dir) if resume else None
    if resume and resume_from is None:
        raise TrainError(f"--resume: no checkpoint in {config.run_dir / 'checkpoints'}; start without --resume")
    if resume_from is not None:
        from museumguide import newtokens

        newtokens.load_checkpoint_rows(model, resume_from)
    trainer = make_trainer(config, model, tokenizer, splits, precision, cuda, progress)
    result, elapsed, initial = run_training(config, trainer, "val" in splits, resume_from)
    metrics = save_run(config, trainer, model, tokenizer, result, elapsed, precision, initial)
    return TrainOutcome(metrics, model, tokenizer)


def save_run(config: TrainConfig, trainer, model, tokenizer, result, elapsed: float, precision: str,
             initial_eval_loss: float | None = None) -> dict:
    from museumguide import newtokens
    from museumguide.runs import write_manifest

    run_dir = config.run_dir
    gen = model.generation_config
    gen.eos_token_id = [tokenizer.convert_tokens_to_ids(END_MARKER)] + [
        i for i in ([gen.eos_token_id] if isinstance(gen.eos_token_id, int) else gen.eos_token_id or [])
        if i != tokenizer.convert_tokens_to_ids(END_MARKER)]
    gen.pad_token_id = tokenizer.pad_token_id
    is_main = main_process()  # under DDP every rank holds the same weights; one writes them
    if is_main:
        # save_embedding_layers=False: only the new tokens' rows are added (in PEFT's
        # trainable-tokens format); PEFT would otherwise copy both full grown matrices.
        model.save_pretrained(run_dir)
        newtokens.save_rows(model, run_dir)
        tokenizer.save_pretrained(run_dir)
        write_manifest(run_dir, config.model, config.load_in_4bit)
        gen.save_pretrained(run_dir)
        # A run trained again in a folder that held an older-format run keeps no stale rows.
        (run_dir / newtokens.ROWS_FILE).unlink(missing_ok=True)
        for weights in run_dir.glob("*.safetensors"):  # written 0600 by safetensors
            jsonl.give_user_mode(weights)
    history = list(trainer.state.log_history)
    if initial_eval_loss is not None:  # Trainer.train() starts a fresh history; put step 0 back
        history.insert(0, {"step": 0, "eval_loss": initial_eval_loss})
    evals = [h["eval_loss"] for h in history if "eval_loss" in h]
    tokens = max((h.get("num_tokens", 0) for h in history), default=0)
    metrics = {
        "model": config.model, "precision": precision, "steps": trainer.state.global_step,
        "world_size": trainer.args.world_size,
        "train_loss": result.training_loss, "eval_losses": evals,
        "first_eval_loss": evals[0] if evals else None, "last_eval_loss": evals[-1] if evals else None,
        "train_seconds": round(elapsed, 1), "train_tokens": tokens,
        "tokens_per_second": round(tokens / elapsed, 1) if elapsed and tokens else None,
        "adapter_bytes": dir_size(run_dir, "adapter_model.safetensors") if is_main else None,
        "log_history": history,
    }
    if is_main:
        jsonl.write_text_atomic(run_dir / "metrics.json", json.dumps(metrics, indent=2) + "\n")
        plot_losses(history, run_dir / "loss.png")
    return metrics


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, dict[str, str]]:
    p = argparse.ArgumentParser(
        prog="python -m museumguide.train",
        description="Fine-tune with 4-bit QLoRA and TRL's SFTTrainer. Any config field can be "
                    "overridden as --field value (see museumguide/config.py for the list).",
    )
    p.add_argument("--config", type=Path, default=Path(CPU_RECIPE), help="YAML recipe (default: %(default)s)")
    p.add_argument("--resume", action="store_true", help="continue from the run's last checkpoint")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="hide progress bars")
    args, rest = p.parse_known_args(argv)
    try:
        return args, parse_overrides(rest)
    except ValueError as exc:
        p.error(str(exc))


def parse_overrides(rest: list[str]) -> dict[str, str]:
    """``--field value``, ``--field=value``, or a bare ``--flag`` (true) / ``--no_flag`` (false)."""
    overrides: dict[str, str] = {}
    i = 0
    while i < len(rest):
        token = rest[i]
        if not token.startswith("--") or token == "--":
            raise ValueError(f"overrides come as --field value; could not read {token!r}")
        key, eq, value = token[2:].partition("=")
        if eq:
            i += 1
        elif i + 1 < len(rest) and not rest[i + 1].startswith("--"):
            value, i = rest[i + 1], i + 2
        else:  # a bare flag
            value, i = ("false", i + 1) if key.startswith("no_") else ("true", i + 1)
            key = key[3:] if key.startswith("no_") else key
        overrides[key] = value
    return overrides


def main(argv: list[str] | None = None) -> int:
    args, overrides = parse_args(argv)
    try:
        config = load_config(args.config, overrides)
        metrics = train(config, resume=args.resume, progress=args.progress).metrics
    except (ConfigError, TrainError, ModelNotAvailable, jsonl.JsonlError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not main_process():
        return 0
    evals = metrics["eval_losses"]
    trend = f"; validation loss {evals[0]:.3f} -> {evals[-1]:.3f}" if len(evals) > 1 else ""
    print(f"trained {metrics['steps']} steps in {metrics['train_seconds']:.0f}s "
          f"({metrics['tokens_per_second'] or 0:.0f} tokens/s){trend}; "
          f"adapter {metrics['adapter_bytes'] / 1e6:.1f} MB (LoRA and the <END> rows) "
          f"-> {config.run_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
