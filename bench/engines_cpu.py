"""Why ONNX Runtime GenAI: the CPU engines that install as wheels, side by side on one run.

    pip install ctranslate2==4.8.5     # the engine before this one; not a dependency
    .venv/bin/python bench/engines_cpu.py --adapter artifacts/smollm2-24 --n 3

In one process, on the first ``--n`` test-split prompts, at most 300 new tokens:

- **greedy, one stream**: one guide at a time, the measure of the page's latency. The transformers
  4-bit path (``backend="transformers"``) is the reference every ratio is against.
- **sampled, 4 candidates**: each prompt's 4 candidates at temperature 0.7, top-k 50, top-p 0.9,
  with the project's repetition penalty and no-repeat rule over the generated tokens, each engine
  driven as it best uses 2 cores; aggregate tokens a second, the measure of a batch of guides.

ONNX Runtime GenAI runs as generation drives it (``museumguide.model.fast.Engine``: the engine
runs the model, numpy chooses the tokens) on the run's int8 copy, and on an int4 one (int8
arithmetic) made by the same builder. CTranslate2 4.8 (the engine issue 22 first tried) runs on
its own int8 conversion of the same merged model, as it was driven before: one single-threaded
worker per core. "stopped" is how many texts ended on ``<END>``: a quantisation that breaks the
model shows there first. The figures are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe  # noqa: E402
from museumguide.common import jsonl  # noqa: E402
from museumguide.model.decoding import NO_REPEAT_NGRAM, REPETITION_PENALTY  # noqa: E402

CANDIDATES, TOP_K, TOP_P, TEMPERATURE = 4, 50, 0.9, 0.7
PENALTIES = dict(repetition_penalty=REPETITION_PENALTY, no_repeat_ngram=NO_REPEAT_NGRAM)


def transformers_greedy(adapter: Path, prompts: list[str], max_new: int):
    from museumguide.guides.decode import sample
    from museumguide.model.backends import load_run

    run = load_run(adapter, backend="transformers")
    sample(run, prompts[:1], 1, 0.0, None, 8)  # warm-up
    outs, start = [], time.perf_counter()
    for p in prompts:
        outs.append(sample(run, [p], 1, 0.0, None, max_new)[0][0])
    seconds = time.perf_counter() - start
    return sum(len(o.token_ids) - (o.stop is not None) for o in outs), seconds, sum(o.stop is not None for o in outs)


def _timed(make):
    """(tokens written, seconds, texts that stopped) of ``make()``'s (ids, stop) pairs."""
    start = time.perf_counter()
    outs = make()
    seconds = time.perf_counter() - start
    return sum(len(ids) for ids, _ in outs), seconds, sum(stop is not None for _, stop in outs)


def onnx_rows(adapter: Path, merged: Path, work: Path, ids: list[list[int]], stops: list[int], max_new: int) -> dict:
    from museumguide.model import export
    from museumguide.model.fast import QUANTIZATION, Engine, load_fast

    load_fast(adapter)  # the run's own copy, converted as generation converts it
    export._build_onnx(merged, work / "onnx-int4", "int4", work / "cache")
    rows = {}
    for precision, folder in ((QUANTIZATION, export.onnx_dir(adapter, QUANTIZATION)), ("int4", work / "onnx-int4")):
        for threads in (1, 2):
            engine = Engine(folder, stops, threads=threads)
            engine.generate(ids[:1], max_new_tokens=4, temperature=0)  # warm-up
            rows[f"ONNX Runtime GenAI {precision}, greedy, one stream, {threads} thread(s)"] = _timed(
                lambda: [out for p in ids for out in engine.generate([p], 1, 0.0, max_new_tokens=max_new)[0]])
        rows[f"ONNX Runtime GenAI {precision}, sampled, one batch on 2 threads"] = _timed(
            lambda: [out for row in engine.generate(ids, CANDIDATES, TEMPERATURE, TOP_P, max_new_tokens=max_new, seed=0,
                                                    **PENALTIES) for out in row])
    return rows


def ctranslate2_rows(merged: Path, work: Path, ids: list[list[int]], stops: list[int], tok, max_new: int) -> dict:
    import ctranslate2
    from ctranslate2.converters import TransformersConverter

    folder = str(work / "ct2-int8")
    TransformersConverter(str(merged), low_cpu_mem_usage=True).convert(folder, quantization="int8")

    def pairs(results):
        return [(list(s[:-1]), s[-1]) if s and s[-1] in stops else (list(s), None)
                for r in results for s in r.sequences_ids]

    options = dict(max_length=max_new, end_token=stops, include_prompt_in_result=False, return_end_token=True)
    rows = {}
    for threads in (1, 2):
        gen = ctranslate2.Generator(folder, device="cpu", compute_type="int8", inter_threads=1, intra_threads=threads)
        rows[f"CTranslate2 int8, greedy, one stream, {threads} thread(s)"] = _timed(
            lambda: pairs([gen.generate_batch([tok.convert_ids_to_tokens(p)], **options)[0] for p in ids]))
    gen = ctranslate2.Generator(folder, device="cpu", compute_type="int8", inter_threads=2, intra_threads=1)
    rows["CTranslate2 int8, sampled, 2 workers of 1 thread"] = _timed(
        lambda: pairs([r.result() for r in [gen.generate_batch(
            [tok.convert_ids_to_tokens(p)], num_hypotheses=CANDIDATES, sampling_topk=TOP_K, sampling_topp=TOP_P,
            sampling_temperature=TEMPERATURE, asynchronous=True, repetition_penalty=REPETITION_PENALTY,
            no_repeat_ngram_size=NO_REPEAT_NGRAM, **options)[0] for p in ids]]))
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", type=Path, default=Path("artifacts/smollm2-135m-cpu"))
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--n", type=int, default=3)
    p.add_argument("--max-new-tokens", type=int, default=300)
    args = p.parse_args()
    print(describe()["line"], flush=True)
    from transformers import AutoTokenizer

    from museumguide.model.export import export_merged

    tok = AutoTokenizer.from_pretrained(args.adapter)
    prompts = [row["prompt"] for row in jsonl.read_jsonl(args.processed_dir / "test.jsonl")][: args.n]
    ids = [tok(q)["input_ids"] for q in prompts]
    stops = [tok.convert_tokens_to_ids("<END>")]
    rows = {"transformers 4-bit + LoRA, greedy, one stream": transformers_greedy(args.adapter, prompts,
                                                                                   args.max_new_tokens)}
    with tempfile.TemporaryDirectory() as tmp:
        merged = Path(tmp) / "merged"
        export_merged(args.adapter, merged, dtype="float32")
        rows.update(onnx_rows(args.adapter, merged, Path(tmp), ids, stops, args.max_new_tokens))
        try:
            import ctranslate2  # noqa: F401
        except ImportError:
            print("CTranslate2 is not installed: its rows are left out (see the docstring)", file=sys.stderr)
        else:
            rows.update(ctranslate2_rows(merged, Path(tmp), ids, stops, tok, args.max_new_tokens))
    base = rows["transformers 4-bit + LoRA, greedy, one stream"]
    print(f"\n{args.n} test-split prompts, at most {args.max_new_tokens} new tokens; sampled rows: "
          f"{CANDIDATES} candidates a prompt\n")
    print("| engine, mode | tokens | s | tokens/s | against transformers greedy | stopped on <END> | tokens a text |\n"
          "|---|---:|---:|---:|---:|---:|---:|")
    for name, (tokens, seconds, stopped) in rows.items():
        texts = args.n * (CANDIDATES if "sampled" in name else 1)
        print(f"| {name} | {tokens} | {seconds:.1f} | {tokens / seconds:.1f} | "
              f"{tokens / seconds / (base[0] / base[1]):.2f}x | {stopped}/{texts} | {tokens / texts:.0f} |")


if __name__ == "__main__":
    main()
