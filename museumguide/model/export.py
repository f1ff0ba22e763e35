"""Export a trained run as one ordinary model that any serving tool loads.

    python -m museumguide.export artifacts/smollm2-135m-cpu --merged exports/smollm2-guide

The adapter a run saves needs PEFT and a resized base to load. Serving tools want less: vLLM
rejects LoRA adapters that carry rows for new tokens (vllm-project/vllm#28382) and llama.cpp's
``convert_lora_to_gguf.py`` refuses adapters with embeddings. So the export is a full model:

1. the base loaded 4-bit as in training, then dequantised once to the exact NF4 values the LoRA
   was trained against (merging into the original 16-bit weights instead would shift every
   layer by its quantisation error, which the LoRA never saw);
2. its vocabulary grown to the run's tokenizer, the LoRA and the ``<END>`` rows merged in;
3. saved in 16-bit (``--dtype``) with the tokenizer and a generation config whose EOS list
   starts with ``<END>``, so ``generate`` and vLLM stop where the guide ends.

The result loads with ``AutoModelForCausalLM.from_pretrained(OUT)`` and no museumguide import;
docs/serving.md shows vLLM and llama.cpp serving it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

DTYPES = ("bfloat16", "float16", "float32")


class ExportError(RuntimeError):
    """The run cannot be exported as asked; the message says why."""


def export_merged(run_dir: str | os.PathLike, out: str | os.PathLike, dtype: str = "bfloat16",
                  force: bool = False) -> Path:
    """Write the merged model of ``run_dir`` to ``out``; return ``out``. The folder appears
    whole or not at all (written beside it, then renamed)."""
    import torch
    from peft import PeftModel
    from transformers import AutoTokenizer, GenerationConfig

    from museumguide.model import base
    from museumguide.model.runs import find_run, prepare_base, read_manifest

    if dtype not in DTYPES:
        raise ExportError(f"--dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")
    run_dir, out = find_run(run_dir).resolve(), Path(out)
    target = out.resolve()
    if target == run_dir or target in run_dir.parents or run_dir in target.parents:
        raise ExportError(f"{out} overlaps the run folder {run_dir}; export to a folder of its own")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    if out.exists() and not force:
        raise ExportError(f"{out} exists; choose another folder or pass --force to replace it")
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
    # What the checkpoint is, for people and tools that read config.json.
    merged.config.name_or_path = f"museumguide export of {run_dir.name} ({base.hub_id(manifest['base_model'])})"

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        merged.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        (tmp / "museumguide.json").write_text(json.dumps({
            "run": str(run_dir), "base_model": base.hub_id(manifest["base_model"]), "dtype": dtype,
            "end_marker": manifest.get("end_marker"), "merged": ["lora", "new token rows"],
        }, indent=2) + "\n", encoding="utf-8")
        from museumguide.common.jsonl import give_user_mode

        for path in tmp.iterdir():
            give_user_mode(path)
        give_user_mode(tmp, directory=True)  # mkdtemp makes it 0700
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m museumguide.export",
        description="Export a trained run as a merged model (base + LoRA + <END> rows) that plain "
                    "transformers, vLLM and llama.cpp's converter load as an ordinary checkpoint.",
    )
    p.add_argument("run", help="the run folder (artifacts/<run_name>)")
    p.add_argument("--merged", required=True, metavar="OUT", help="folder to write the merged model to")
    p.add_argument("--dtype", default="bfloat16", choices=DTYPES,
                   help="weights' dtype on disk (default bfloat16; float16 for GPUs without bf16)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = p.parse_args(argv)
    from museumguide.model.base import ModelNotAvailable
    from museumguide.model.runs import NoAdapterError
    from museumguide.model.train import dir_size

    try:
        out = export_merged(args.run, args.merged, args.dtype, args.force)
    except (ExportError, NoAdapterError, ModelNotAvailable, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({dir_size(out) / 1e6:.0f} MB, {args.dtype}); it stops on the <END> token")
    return 0


if __name__ == "__main__":
    sys.exit(main())
