"""The pieces of one fine-tuning run: the 4-bit model with LoRA and ``<END>`` rows, the optimizer,
and TRL's SFTTrainer configured for the recipe.

    from museumguide.model.trainer import build_model, make_trainer   # what model.train.train calls

``museumguide.model.train`` runs them in order (python -m museumguide.train); they are apart so a
benchmark or a notebook can build a trainer exactly as a run does (bench/train_memory_estimate.py).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from museumguide.model.config import TrainConfig
from museumguide.records.prompt import END_MARKER


CPU_BF16_FLAGS = ("amx_bf16", "avx512_bf16")
"""CPU flags that make bf16 matmuls fast: with AMX, 5.8x fp32's GFLOP/s on the machine of
bench/train_levers.py; without either, bf16 is emulated and slower than fp32."""


def _precision(config: TrainConfig, cuda: bool) -> str:
    if config.precision != "auto":
        return config.precision
    if not cuda:
        from museumguide.model.runs import cpu_flags

        return "bf16" if set(CPU_BF16_FLAGS) & cpu_flags() else "fp32"
    import torch

    return "bf16" if torch.cuda.is_bf16_supported() else "fp16"


def local_rank() -> int:
    """This process's GPU under ``accelerate launch``/``torchrun`` (0 alone). Each DDP rank holds
    a whole 4-bit copy on its own GPU: ``device_map="auto"`` would split one copy across all."""
    return int(os.environ.get("LOCAL_RANK", 0))


def build_model(config: TrainConfig, cuda: bool):
    """Tokenizer with ``<END>``; 4-bit base with LoRA and trainable ``<END>`` rows."""
    import torch
    from peft import LoraConfig, get_peft_model

    from museumguide.model import base, newtokens

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

    from museumguide.model.newtokens import find_wrappers

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

        from museumguide.model import newtokens

        class Callback(TrainerCallback):
            def on_save(self, args, state, control, **kwargs):
                ckpt = Path(args.output_dir) / f"checkpoint-{state.global_step}"
                if state.is_world_process_zero and ckpt.is_dir():
                    newtokens.save_checkpoint_rows(model, ckpt)

        return Callback()


class _Clock:
    """Trainer callback: every logged line of the run's history carries the seconds since training
    began (``elapsed_s``), so a run that slows as it goes shows where (the full CPU run reached
    half the speed of a short one, issue 33)."""

    def __new__(cls):
        import time

        from transformers import TrainerCallback

        class Callback(TrainerCallback):
            start = None  # the evaluation before training logs before training begins

            def on_train_begin(self, args, state, control, **kwargs):
                self.start = time.monotonic()

            def on_log(self, args, state, control, logs=None, **kwargs):
                if self.start is not None and state.log_history:  # appended before on_log is called
                    state.log_history[-1]["elapsed_s"] = round(time.monotonic() - self.start, 1)

        return Callback()


class _StopWhenFlat:
    """Trainer callback: stop once validation loss has not improved on its best for ``patience``
    evaluations in a row. (transformers' EarlyStoppingCallback needs load_best_model_at_end, whose
    reload knows nothing of the <END> rows; ``model.train.keep_best`` reloads both instead.)"""

    def __new__(cls, patience: int):
        from transformers import TrainerCallback

        class Callback(TrainerCallback):
            def __init__(self):
                self.best, self.flat = float("inf"), 0

            def on_train_begin(self, args, state, control, **kwargs):
                if state.best_metric is not None:  # resumed: the best so far is the checkpoint's
                    self.best = state.best_metric

            def on_evaluate(self, args, state, control, metrics=None, **kwargs):
                loss = (metrics or {}).get("eval_loss")
                if loss is None:
                    return
                if loss < self.best:
                    self.best, self.flat = loss, 0
                else:
                    self.flat += 1
                    if self.flat >= patience:
                        control.should_training_stop = True

        return Callback()


def sft_config(config: TrainConfig, precision: str, cuda: bool, has_val: bool, progress: bool):
    """TRL's SFTConfig for this run."""
    from trl import SFTConfig

    return SFTConfig(
        output_dir=str(config.run_dir / "checkpoints"),
        eos_token=END_MARKER,  # completions already end with <END>; TRL adds no other EOS
        completion_only_loss=True,
        max_length=config.max_length,
        pad_to_multiple_of=config.max_length if config.pad_to_max_length else config.pad_to_multiple_of,
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
        # The best evaluation's checkpoint is never rotated away, so a run that stops early can
        # go back to it (model.train.keep_best).
        metric_for_best_model="eval_loss" if config.early_stopping_patience and has_val else None,
        greater_is_better=False if config.early_stopping_patience and has_val else None,
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
                         processing_class=tokenizer, callbacks=[_SaveNewTokenRows(model), _Clock()])
    if config.early_stopping_patience:
        trainer.add_callback(_StopWhenFlat(config.early_stopping_patience))
    if not cuda and config.low_memory_cpu:
        from museumguide.model.lowmem import trim_callback

        trainer.add_callback(trim_callback())
    if precision != "bf16" or not cuda:
        # TRL casts the trainable weights of a quantised model to bf16 (the QLoRA paper's choice on
        # bf16 GPUs). In fp32 on a CPU without fast bf16 that halves the speed, fp16 mixed
        # precision needs fp32 master weights, and on a CPU bf16 is autocast over fp32 weights
        # (AdamW's small updates vanish in bf16's 8-bit mantissa), so keep them in fp32 there.
        for param in model.parameters():
            if param.requires_grad:
                param.data = param.data.float()
    # Built after TRL's dtype changes, so it holds the tensors that will actually train; the
    # Trainer still makes the warmup/cosine schedule, which scales each group's own rate.
    trainer.optimizer = make_optimizer(model, config)
    return trainer


