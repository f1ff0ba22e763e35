"""QLoRA fine-tuning with TRL's SFTTrainer.

    python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml           # CPU, minutes
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml           # 12 GB GPU
    python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml --max_steps 20 --run_name quick
    python -m museumguide.train --config recipes/mistral-7b-qlora.yaml --resume  # after a crash

The base model is quantised to 4-bit NF4 (double quantisation) and frozen; LoRA adapters on the
attention and MLP projections and the two rows of the new ``<END>`` token are trained. Only
completion tokens count in the loss (the prompt is masked with -100). Everything the run makes
goes to ``artifacts/<run_name>/``: the adapter with the ``<END>`` rows in PEFT's trainable-tokens
format (``museumguide.model.runs.load_run``, or PEFT's own loaders, read it), the tokenizer, a
generation config that stops on ``<END>``, ``run.json`` (what inference needs),
``config.yaml``, ``metrics.json`` and ``loss.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from museumguide.common import jsonl
from museumguide.common.paths import dir_size
from museumguide.data import dataset
from museumguide.model.base import ModelNotAvailable
from museumguide.model.config import ConfigError, TrainConfig, load_config
from museumguide.model.trainer import build_model, make_trainer
from museumguide.records.prompt import END_MARKER, form_in, has_notes
from museumguide.records.styles import style_in

CPU_RECIPE = "recipes/smollm2-135m-cpu.yaml"


class TrainError(RuntimeError):
    """A run that cannot go on; the message says what to change."""


def load_splits(config: TrainConfig):
    """Validated train/val rows as ``datasets.Dataset`` objects (errors name file and line)."""
    from datasets import Dataset

    splits = {}
    for name, limit in (("train", config.max_train_examples), ("val", config.max_eval_examples)):
        if name == "val" and config.eval_strategy == "no":
            continue
        rows = dataset.load_split(config.data_dir / f"{name}.jsonl")
        rows = rows[:limit] if limit else rows
        if name == "train" and config.form_share is not None:
            rows = mix_forms(rows, config.form_share)
        if name == "train" and config.language_share is not None:
            rows = mix_languages(rows, config.language_share)
        if name == "train" and config.style_share is not None:
            rows = mix_styles(rows, config.style_share)
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


def mix_forms(rows: list[dict], share: float) -> list[dict]:
    """``rows`` with the examples of forms other than paintings about ``share`` of the whole:
    repeated (whole copies) when they are fewer, evenly spaced ones kept when they are more (so
    every form keeps its place in the mix); 0 leaves paintings only (the form is read from the
    prompt, ``records.prompt.form_in``)."""
    paintings = [r for r in rows if form_in(r["prompt"]) == "painting"]
    other = [r for r in rows if form_in(r["prompt"]) != "painting"]
    if not paintings or not other:
        return rows if share else paintings
    want = round(share / (1 - share) * len(paintings))
    if want <= len(other):
        return paintings + [other[i * len(other) // want] for i in range(want)]
    return paintings + other * max(1, round(want / len(other)))


def mix_languages(rows: list[dict], share: float) -> list[dict]:
    """``rows`` with the examples in languages other than English about ``share`` of the whole:
    repeated (whole copies) when they are fewer, the first ones kept when they are more; 0 leaves
    English only. Rows without ``language`` are English."""
    return _mix(rows, share, lambda r: r.get("language", "en") != "en")


def mix_styles(rows: list[dict], share: float) -> list[dict]:
    """``rows`` with the examples in styles other than the standard one about ``share`` of the
    whole, as ``mix_languages`` does for languages (the style is read from the prompt)."""
    return _mix(rows, share, lambda r: style_in(r["prompt"]) != "standard")


def _mix(rows: list[dict], share: float, other_of) -> list[dict]:
    main = [r for r in rows if not other_of(r)]
    other = [r for r in rows if other_of(r)]
    if not main or not other:
        return rows if share else main
    want = round(share / (1 - share) * len(main))
    if want <= len(other):
        return main + other[:want]
    return main + other * max(1, round(want / len(other)))


def main_process() -> bool:
    """Whether this process writes the run's files (rank 0 of a DDP launch, or the only one)."""
    return int(os.environ.get("RANK", 0)) == 0


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
        from museumguide.model.base import quiet_progress

        quiet_progress()
    low_memory = not cuda and config.low_memory_cpu
    if low_memory:
        from museumguide.model import lowmem

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
        from museumguide.model import newtokens

        newtokens.load_checkpoint_rows(model, resume_from)
    trainer = make_trainer(config, model, tokenizer, splits, precision, cuda, progress)
    result, elapsed, initial = run_training(config, trainer, "val" in splits, resume_from)
    if config.early_stopping_patience:
        keep_best(trainer, model)
    metrics = save_run(config, trainer, model, tokenizer, result, elapsed, precision, initial)
    return TrainOutcome(metrics, model, tokenizer)


def keep_best(trainer, model) -> Path | None:
    """After a run that stopped on a flat validation loss, the weights of its best evaluation
    (LoRA and the <END> rows) back in ``model``; the checkpoint used, or None when the last
    step was the best."""
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    from museumguide.model import newtokens

    best = trainer.state.best_model_checkpoint
    if not best or Path(best).name == f"checkpoint-{trainer.state.global_step}":
        return None
    set_peft_model_state_dict(model, load_file(str(Path(best) / "adapter_model.safetensors")))
    newtokens.load_checkpoint_rows(model, best)
    print(f"kept the weights of {Path(best).name}, the best validation loss "
          f"({trainer.state.best_metric:.4f})", flush=True)
    return Path(best)


def save_run(config: TrainConfig, trainer, model, tokenizer, result, elapsed: float, precision: str,
             initial_eval_loss: float | None = None) -> dict:
    from museumguide.model import newtokens
    from museumguide.model.runs import write_manifest

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
        "best_step": int(Path(trainer.state.best_model_checkpoint).name.split("-")[1])
        if getattr(trainer.state, "best_model_checkpoint", None) else None,
        "best_eval_loss": trainer.state.best_metric if config.early_stopping_patience else None,
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
                    "overridden as --field value (see museumguide/model/config.py for the list).",
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
