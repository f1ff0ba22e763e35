"""Export a trained run as one ordinary model that any serving tool loads.

    python -m museumguide.export artifacts/smollm2-135m-cpu --merged exports/smollm2-guide
    python -m museumguide.export artifacts/smollm2-135m-cpu --onnx           # the CPU engine's copy

The adapter a run saves needs PEFT and a resized base to load. Serving tools want less: vLLM
rejects LoRA adapters that carry rows for new tokens (vllm-project/vllm#28382) and llama.cpp's
``convert_lora_to_gguf.py`` refuses adapters with embeddings. So the export is a full model:

1. the base loaded 4-bit as in training, then dequantised once to the exact NF4 values the LoRA
   was trained against (merging into the original 16-bit weights instead would shift every
   layer by its quantisation error, which the LoRA never saw);
2. its vocabulary grown to the run's tokenizer, the LoRA and the ``<END>`` rows merged in;
3. saved in 16-bit (``--dtype``) with the tokenizer and a generation config whose EOS list
   starts with ``<END>`` and whose defaults are the project's sampling (temperature, top-p,
   repetition penalty), so a plain ``model.generate(**inputs)`` writes a guide and stops where it
   ends.

The result loads with ``AutoModelForCausalLM.from_pretrained(OUT)`` and no museumguide import;
docs/serving.md shows vLLM and llama.cpp serving it, and which of the project's decoding rules a
plain library cannot express.

``--onnx`` converts that merged model for ONNX Runtime GenAI, the CPU engine generation uses by
default (``museumguide.model.fast``), with the engine's own builder: int8 weights, written beside
the run with a fingerprint of the run's files, so that a retrained run is converted again.
Generation does this by itself the first time; the flag does it on purpose (or into another
folder).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DTYPES = ("bfloat16", "float16", "float32")
QUANTIZATIONS = ("int8", "int4", "fp32")
"""What the ONNX Runtime builder stores for the CPU: int8 by default (int4 writes faster per token,
and longer texts on the 135M model; bench/engines_cpu.py)."""
FINGERPRINT_FILE = "museumguide.json"
RUN_FILES = ("adapter_model.safetensors", "adapter_config.json", "run.json", "tokenizer.json",
             "tokenizer_config.json", "generation_config.json", "new_tokens.safetensors")
"""The files of a run that decide what a converted copy of it computes."""


class ExportError(RuntimeError):
    """The run cannot be exported as asked; the message says why."""


def _check_target(run_dir: Path, out: Path, force: bool, inside_run: bool = False) -> None:
    target = out.resolve()
    if target == run_dir or target in run_dir.parents or (run_dir in target.parents and not inside_run):
        raise ExportError(f"{out} overlaps the run folder {run_dir}; export to a folder of its own")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    if out.exists() and not force:
        raise ExportError(f"{out} exists; choose another folder or pass --force to replace it")


def _publish(tmp: Path, out: Path) -> Path:
    """Move a finished ``tmp`` folder to ``out`` in one rename, readable as any output is."""
    from museumguide.common.jsonl import give_user_mode

    for path in tmp.iterdir():
        give_user_mode(path)
    give_user_mode(tmp, directory=True)  # mkdtemp makes it 0700
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return out


def _write_merged(run_dir: Path, folder: Path, dtype: str) -> None:
    import torch
    from peft import PeftModel
    from transformers import AutoTokenizer, GenerationConfig

    from museumguide.model import base
    from museumguide.model.decoding import decoding_defaults
    from museumguide.model.runs import prepare_base, read_manifest

    manifest = read_manifest(run_dir)
    tokenizer = AutoTokenizer.from_pretrained(run_dir)
    # Loaded in the target dtype on the CPU (Mistral-7B: 14.5 GB of RAM in bf16, no GPU needed);
    # PEFT computes each LoRA product in fp32 before adding it.
    lm = base.load_model(manifest["base_model"], load_in_4bit=manifest["load_in_4bit"], dtype=getattr(torch, dtype))
    if manifest["load_in_4bit"]:
        lm = lm.dequantize()
    prepare_base(lm, tokenizer, run_dir)
    merged = PeftModel.from_pretrained(lm, run_dir).merge_and_unload().to(getattr(torch, dtype))
    merged.generation_config = GenerationConfig.from_pretrained(run_dir)
    merged.generation_config.update(**decoding_defaults())
    # What the checkpoint is, for people and tools that read config.json.
    merged.config.name_or_path = f"museumguide export of {run_dir.name} ({base.hub_id(manifest['base_model'])})"
    merged.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    (folder / FINGERPRINT_FILE).write_text(json.dumps({
        "run": str(run_dir), "base_model": base.hub_id(manifest["base_model"]), "dtype": dtype,
        "end_marker": manifest.get("end_marker"), "merged": ["lora", "new token rows"],
        "fingerprint": fingerprint(run_dir),
    }, indent=2) + "\n", encoding="utf-8")


def export_merged(run_dir: str | os.PathLike, out: str | os.PathLike, dtype: str = "bfloat16",
                  force: bool = False) -> Path:
    """Write the merged model of ``run_dir`` to ``out``; return ``out``. The folder appears
    whole or not at all (written beside it, then renamed)."""
    from museumguide.model.runs import find_run

    if dtype not in DTYPES:
        raise ExportError(f"--dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")
    run_dir, out = find_run(run_dir).resolve(), Path(out)
    _check_target(run_dir, out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        _write_merged(run_dir, tmp, dtype)
        return _publish(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fingerprint(run_dir: str | os.PathLike) -> str:
    """A digest of the run's files that decide its weights and tokens (``RUN_FILES``): a run
    trained again, or resumed, has another."""
    digest = hashlib.sha256()
    for name in RUN_FILES:
        path = Path(run_dir) / name
        if path.is_file():
            digest.update(name.encode())
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:16]


def onnx_dir(run_dir: str | os.PathLike, quantization: str = QUANTIZATIONS[0]) -> Path:
    """Where generation keeps (and looks for) the run's ONNX Runtime copy: inside the run."""
    return Path(run_dir) / f"onnx-{quantization}"


def converted_from(folder: str | os.PathLike) -> str | None:
    """The fingerprint of the run a converted folder was made from (None: not a finished one)."""
    try:
        return json.loads((Path(folder) / FINGERPRINT_FILE).read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError, AttributeError):
        return None


def export_onnx(run_dir: str | os.PathLike, out: str | os.PathLike | None = None,
                quantization: str = QUANTIZATIONS[0], dtype: str = "float32", force: bool = False) -> Path:
    """Convert the run for ONNX Runtime GenAI into ``out`` (default: ``onnx_dir``); return it.
    The merged model (``dtype``: float32 quantises from the exact merged values; bfloat16 halves
    the memory a 7B model needs) is written to a scratch folder, converted by the engine's builder,
    and dropped."""
    import importlib.util

    from museumguide.model.runs import find_run

    if quantization not in QUANTIZATIONS:
        raise ExportError(f"--quantization must be one of {', '.join(QUANTIZATIONS)}, not {quantization!r}")
    if dtype not in DTYPES:
        raise ExportError(f"--dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")
    if importlib.util.find_spec("onnxruntime_genai") is None:
        raise ExportError("ONNX Runtime GenAI is not installed: pip install 'museumguide[fast]'")
    run_dir = find_run(run_dir).resolve()
    out = Path(out) if out is not None else onnx_dir(run_dir, quantization)
    # Inside the run only where generation keeps its copy: --force must never replace run files.
    cache = {onnx_dir(run_dir, q).resolve() for q in QUANTIZATIONS}
    _check_target(run_dir, out, force, inside_run=out.resolve() in cache)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        merged, converted = tmp / "merged", tmp / "converted"
        merged.mkdir()
        _write_merged(run_dir, merged, dtype)
        _build_onnx(merged, converted, quantization, tmp / "builder-cache")
        note = json.loads((merged / FINGERPRINT_FILE).read_text(encoding="utf-8"))
        (converted / FINGERPRINT_FILE).write_text(json.dumps(
            {**note, "engine": "onnxruntime-genai", "quantization": quantization}, indent=2) + "\n", encoding="utf-8")
        return _publish(converted, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _build_onnx(merged: Path, out: Path, quantization: str, cache: Path) -> None:
    """The engine's builder, as its documentation runs it (its Python entry wants options its
    command line prepares). Its progress output, a line per tensor, is kept for an error only."""
    cmd = [sys.executable, "-m", "onnxruntime_genai.models.builder", "-i", str(merged), "-o", str(out),
           "-p", quantization, "-e", "cpu", "-c", str(cache)]
    done = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if done.returncode != 0 or not (out / "genai_config.json").is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise ExportError(f"the ONNX Runtime builder failed (exit {done.returncode}): {' | '.join(tail)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m museumguide.export",
        description="Export a trained run as a merged model (base + LoRA + <END> rows) that plain "
                    "transformers, vLLM and llama.cpp's converter load as an ordinary checkpoint, or "
                    "converted for the ONNX Runtime GenAI CPU engine.",
    )
    p.add_argument("run", help="the run folder (artifacts/<run_name>)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--merged", metavar="OUT", help="folder to write the merged model to")
    what.add_argument("--onnx", metavar="OUT", nargs="?", const="",
                      help="convert for ONNX Runtime GenAI, into OUT or (no OUT) into RUN/onnx-<quantization>, "
                           "the copy generation uses")
    p.add_argument("--dtype", choices=DTYPES, help="weights' dtype: on disk for --merged (default bfloat16; "
                   "float16 for GPUs without bf16); before quantising for --onnx (default float32)")
    p.add_argument("--quantization", default=QUANTIZATIONS[0], choices=QUANTIZATIONS,
                   help="ONNX Runtime weights for --onnx (default %(default)s)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = p.parse_args(argv)
    from museumguide.model.base import ModelNotAvailable
    from museumguide.model.runs import NoAdapterError
    from museumguide.common.paths import dir_size

    try:
        if args.merged is not None:
            out = export_merged(args.run, args.merged, args.dtype or "bfloat16", args.force)
            what = f"{args.dtype or 'bfloat16'}; it stops on the <END> token"
        else:
            out = export_onnx(args.run, args.onnx or None, args.quantization, args.dtype or "float32",
                              force=args.force or not args.onnx)
            what = f"ONNX Runtime GenAI, {args.quantization}"
    except (ExportError, NoAdapterError, ModelNotAvailable, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({dir_size(out) / 1e6:.0f} MB, {what})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
