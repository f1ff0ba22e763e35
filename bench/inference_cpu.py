"""Single-guide latency on the CPU: the transformers loadings against the ONNX Runtime engine.

    .venv/bin/python bench/inference_cpu.py --adapter artifacts/smollm2-135m-cpu --n 3
    .venv/bin/python bench/inference_cpu.py --modes 4bit,onnxruntime    # the two engines only

"before" loads a run as generation did until this change: the 4-bit NF4 base (dequantised by
bitsandbytes for every token) with the LoRA adapter beside it (``load_run(dequantize=False)``).
"after" is ``load_run(dequantize=True)``: the base dequantised once to fp32 at load and the
LoRA merged in; "after, bf16" also casts that model to bf16 (the dtype AVX-512-BF16 and AMX
CPUs are fast at). ``load_run`` picks between them by the CPU. "onnxruntime" is the engine
generation uses by default (``museumguide.model.fast``: the run converted once to int8, every
core on one stream). Each writes the same test-split
paintings one at a time with greedy decoding and at most 300 new tokens, after one warm-up
guide; all in one process, one model at a time. Reports seconds a guide, tokens a second, and
how many characters of each guide agree with "before" (greedy text is only the same while the
arithmetic is). Prints the machine beside the figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe  # noqa: E402
from museumguide.common import jsonl  # noqa: E402


def load(run_dir: Path, dequantize: bool, bf16: bool = False):
    import torch

    from museumguide.model.runs import clear_cache, load_run

    clear_cache()
    if dequantize is None:
        from museumguide.model.backends import load_run as load_on

        return load_on(run_dir, backend="onnxruntime")
    run = load_run(run_dir, device="cpu", dequantize=dequantize)
    if bf16:
        run.model.to(torch.bfloat16)
    return run


MODES = ("4bit", "fp32", "bf16", "onnxruntime")


def time_guides(run, prompts: list[str], max_new_tokens: int) -> tuple[float, float, list[str]]:
    from museumguide.guides.decode import sample

    sample(run, prompts[:1], 1, 0.0, None, 16)  # warm-up
    texts, tokens, start = [], 0, time.perf_counter()
    for prompt in prompts:
        out = sample(run, [prompt], 1, 0.0, None, max_new_tokens)[0][0]
        texts.append(out.text)
        tokens += len(out.token_ids)
    seconds = time.perf_counter() - start
    return seconds / len(prompts), tokens / seconds, texts


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", type=Path, default=Path("artifacts/smollm2-135m-cpu"))
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--n", type=int, default=3)
    p.add_argument("--max-new-tokens", type=int, default=300)
    p.add_argument("--modes", default=",".join(MODES), help="which of: %(default)s")
    args = p.parse_args()
    print(describe()["line"], flush=True)
    prompts = [row["prompt"] for row in jsonl.read_jsonl(args.processed_dir / "test.jsonl")][: args.n]
    rows = {}
    loaders = {"4bit": ("before: 4-bit base + LoRA", lambda: load(args.adapter, False)),
               "fp32": ("after: dequantised fp32, LoRA merged", lambda: load(args.adapter, True)),
               "bf16": ("after, bf16", lambda: load(args.adapter, True, bf16=True)),
               "onnxruntime": ("ONNX Runtime GenAI int8 (the default engine)", lambda: load(args.adapter, None))}
    for mode in args.modes.split(","):
        name, loader = loaders[mode]
        run = loader()
        rows[name] = time_guides(run, prompts, args.max_new_tokens)
        print(name, f"{rows[name][0]:.1f} s/guide", flush=True)
        del run
    before_s, before_tps, before_texts = next(iter(rows.values()))
    print(f"\n{args.n} test-split paintings, greedy, one at a time, at most {args.max_new_tokens} new tokens\n")
    print("| loading | s/guide | tokens/s | tokens/s against the first | characters equal to the first |\n"
          "|---|---:|---:|---:|---|")
    for name, (s, tps, texts) in rows.items():
        same = [len(os.path.commonprefix([a, b])) for a, b in zip(texts, before_texts)]
        print(f"| {name} | {s:.1f} | {tps:.1f} | {tps / before_tps:.2f}x | "
              f"{', '.join(f'{n}/{len(b)}' for n, b in zip(same, before_texts))} |")


if __name__ == "__main__":
    main()
