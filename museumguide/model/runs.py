"""Finding and loading trained runs (and their base models) for inference.

    from museumguide.model.runs import load_run
    run = load_run("artifacts/smollm2-135m-cpu")     # model, tokenizer, folder, device

This is the transformers path; ``museumguide.model.backends.load_run`` chooses between it and the
ONNX Runtime engine (the default on a CPU).

A run is chosen by ``adapter=`` (a folder), else ``$MUSEUMGUIDE_ADAPTER``, else the newest run in
``artifacts/``. What inference needs to know about it is in its small manifest ``run.json``
(base model, quantisation, end marker), not in the training config, so renaming a training
setting never makes old runs unloadable. Loaded models stay cached per process.

On a GPU the base is loaded 4-bit, as in training. On a CPU it depends on the CPU, by
measurement (``bench/inference_cpu.py``, docs/benchmarks.md): where bitsandbytes has its
AVX-512 kernels, the 4-bit layers are the fastest there is (16.2 tokens/s against 13.8 for
fp32 and 15.9 for bf16) and stay as trained; on AVX2 CPUs they are dequantised for every token
(2.8 tokens/s), so the base is dequantised once, at load, to the exact values the 4-bit layers
compute with, and the LoRA merged into it (3.0x faster there, by the issue that asked for it).
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from museumguide.common.paths import ARTIFACTS_DIR as ARTIFACTS

MANIFEST = "run.json"
_CACHE: dict[tuple, "Run"] = {}
_LOCK = threading.Lock()


class NoAdapterError(RuntimeError):
    """No trained run to generate with."""


@dataclass
class Run:
    """A loaded model ready to generate: model, tokenizer, its folder and device, and the engine
    that runs it (``model`` is a transformers model, or a ``museumguide.model.fast.Engine``)."""

    model: Any
    tokenizer: Any
    run_dir: Path
    device: str
    backend: str = "transformers"


DEFAULT_RUN = "smollm2-135m-cpu"
"""The embedded default: the CPU recipe trained to the end (``make model``). Preferred over newer,
shorter runs (the demo's) when no run is named."""


def trained_to_the_end(run_dir: Path) -> bool:
    """Whether ``run_dir`` holds a run trained by its recipe's schedule, not one cut short with
    ``max_steps`` (an older demo trained 24 steps into the same folder)."""
    import yaml

    if not (run_dir / "adapter_config.json").is_file() or not (run_dir / "config.yaml").is_file():
        return False
    try:
        config = yaml.safe_load((run_dir / "config.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return False
    return isinstance(config, dict) and int(config.get("max_steps") or -1) <= 0


def find_run(adapter: str | os.PathLike | None = None) -> Path:
    """The run folder to use: ``adapter``, ``$MUSEUMGUIDE_ADAPTER``, the CPU recipe's run
    (``DEFAULT_RUN``) where it was trained to the end, or the newest in artifacts/."""
    chosen = adapter or os.environ.get("MUSEUMGUIDE_ADAPTER")
    if chosen:
        path = Path(chosen)
        if not (path / "adapter_config.json").is_file():
            raise NoAdapterError(f"{path} is not a trained run (no adapter_config.json in it)")
        return path
    if trained_to_the_end(ARTIFACTS / DEFAULT_RUN):
        return ARTIFACTS / DEFAULT_RUN
    runs = [p.parent for p in ARTIFACTS.glob("*/adapter_config.json")]
    if not runs:
        raise NoAdapterError(
            "no trained adapter found: pass adapter=..., set MUSEUMGUIDE_ADAPTER, or train one with "
            "`python -m museumguide.train --config recipes/smollm2-135m-cpu.yaml`"
        )
    return max(runs, key=lambda p: (p / "adapter_model.safetensors").stat().st_mtime)


def write_manifest(run_dir: Path, model: str, load_in_4bit: bool) -> None:
    """What inference needs to load a run; written by training beside the adapter."""
    from museumguide.common.jsonl import write_text_atomic
    from museumguide.records.prompt import END_MARKER, PROMPT_VERSION

    manifest = {"base_model": model, "load_in_4bit": load_in_4bit, "end_marker": END_MARKER,
                "prompt_version": PROMPT_VERSION}
    write_text_atomic(Path(run_dir) / MANIFEST, json.dumps(manifest, indent=2) + "\n")


def read_manifest(run_dir: Path) -> dict:
    """The run's manifest; runs saved before manifests existed fall back to two keys of their
    config.yaml, read as plain YAML (never validated as a training config)."""
    path = Path(run_dir) / MANIFEST
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    import yaml

    config = yaml.safe_load((Path(run_dir) / "config.yaml").read_text(encoding="utf-8")) or {}
    if "model" not in config:
        raise NoAdapterError(f"{run_dir} has neither {MANIFEST} nor a base model in config.yaml")
    return {"base_model": config["model"], "load_in_4bit": bool(config.get("load_in_4bit", True))}


def device_and_dtype(device: str | None):
    """The device (CUDA when there is one) and its compute dtype: fp32 on the CPU, bf16 on GPUs
    that support it, fp16 on older ones. Training picks the same way."""
    import torch

    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        return device, torch.float32
    return device, torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def cpu_flags() -> set[str]:
    """The CPU's feature flags (/proc/cpuinfo; empty where there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            line = next((ln for ln in fh if ln.startswith("flags")), "")
    except OSError:
        return set()
    return set(line.split(":", 1)[-1].split())


def fast_4bit_on_cpu() -> bool:
    """Whether bitsandbytes' 4-bit CPU kernels are fast here (they use AVX-512)."""
    return "avx512f" in cpu_flags()


def load_run(adapter: str | os.PathLike | None = None, device: str | None = None,
             dequantize: bool | None = None) -> Run:
    """Base model, grown vocabulary with the ``<END>`` rows, then the LoRA adapter.
    ``dequantize`` (CPU only): None chooses by the CPU (see the module docstring)."""
    run_dir = find_run(adapter).resolve()
    device, dtype = device_and_dtype(device)
    # Resolved before the cache key, so one loading is never cached under two keys.
    dequantize = device == "cpu" and (not fast_4bit_on_cpu() if dequantize is None else dequantize)
    key = (str(run_dir), device, dequantize)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        from peft import PeftModel
        from transformers import AutoTokenizer, GenerationConfig

        from museumguide.model import base, newtokens

        manifest = read_manifest(run_dir)
        tokenizer = AutoTokenizer.from_pretrained(run_dir)
        lm = base.load_model(manifest["base_model"], load_in_4bit=manifest["load_in_4bit"], dtype=dtype,
                             device_map={"": 0} if device == "cuda" else None)
        dequantize = dequantize and manifest["load_in_4bit"]
        if dequantize:
            lm = lm.dequantize()  # once, to the exact NF4 values: no dequantising per token
        prepare_base(lm, tokenizer, run_dir)
        model = PeftModel.from_pretrained(lm, run_dir)
        if dequantize:
            # Into the dequantised fp32 weights the LoRA (and the <END> rows) merge cleanly; one
            # matrix a layer instead of three makes each token cheaper.
            model = model.merge_and_unload()
        else:
            newtokens.merge_token_rows(model)
        model.generation_config = GenerationConfig.from_pretrained(run_dir)
        model.eval()
        _CACHE[key] = Run(model, tokenizer, run_dir, device)
        return _CACHE[key]


def prepare_base(lm, tokenizer, run_dir: Path) -> None:
    """PEFT's documented order for a grown vocabulary: resize the base to the run's tokenizer;
    the adapter loaded next holds the <END> rows as trainable tokens. Runs from before that
    format keep them in a file of their own; a run with neither lost them in an interrupted save."""
    from museumguide.model import base, newtokens

    base.grow_vocabulary(lm, tokenizer)
    config = json.loads((Path(run_dir) / "adapter_config.json").read_text(encoding="utf-8"))
    if not config.get("trainable_token_indices") and not newtokens.install_legacy_rows(lm, run_dir):
        raise NoAdapterError(f"{run_dir} has no trained <END> rows (its save was interrupted?); "
                             "train it again, or resume it with --resume")


def load_base(model_name: str, load_in_4bit: bool = True, device: str | None = None) -> Run:
    """The untouched base model with its own tokenizer, for comparison: prompts go through its
    chat template (its native format, its best chance) and it stops on its own EOS."""
    device, dtype = device_and_dtype(device)
    key = ("base", model_name, load_in_4bit, device)
    with _LOCK:
        if key not in _CACHE:
            from museumguide.model import base

            tokenizer = base.load_tokenizer(model_name)
            if tokenizer.pad_token is None or tokenizer.pad_token == tokenizer.eos_token:
                tokenizer.pad_token = next((t for t in base.PAD_CANDIDATES if t in tokenizer.get_vocab()),
                                           tokenizer.eos_token)
            lm = base.load_model(model_name, load_in_4bit=load_in_4bit, dtype=dtype,
                                 device_map={"": 0} if device == "cuda" else None)
            if device == "cpu" and load_in_4bit and not fast_4bit_on_cpu():
                lm = lm.dequantize()
            lm.eval()
            _CACHE[key] = Run(lm, tokenizer, Path(model_name), device)
        return _CACHE[key]


def cached(key: tuple, make) -> Run:
    """The run kept under ``key``, made by ``make()`` the first time (another engine's loader)."""
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = make()
        return _CACHE[key]


def clear_cache() -> None:
    """Forget loaded models (tests and benchmarks that compare loading modes)."""
    with _LOCK:
        _CACHE.clear()
