"""Fact-gated generation: what each number of candidates buys in grounding, and what it costs.

    .venv/bin/python bench/gating.py --adapter artifacts/smollm2-135m-cpu     # after `make demo`

Paintings the developers' tests do not tune to: the test split of the bundled Met records and
20 famous paintings of other museums written by hand (``bench/data/heldout_paintings.jsonl``).
For each painting the fine-tuned run samples one guide as it comes and ``--max-candidates`` (8)
that continue the strict opening sentence; the base model 1 and 4. The figures for N candidates choose among the
first N (the samples are independent draws), without and with ``strict``. The seconds a guide for each N are timed separately, one painting at a
time as ``generate_guide`` works. Prints the machine (matmul GFLOP/s, CPU flags) beside them and
writes ``bench/results/gating.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe  # noqa: E402
from museumguide.data.dataset import paintings_by_row_id  # noqa: E402
from museumguide.common import jsonl  # noqa: E402
from museumguide.guides import metrics  # noqa: E402
from museumguide.guides.generate import LEAD_FACTS, LEAD_NOTES, finish, rank  # noqa: E402
from museumguide.records.prompt import build_prompt, to_painting  # noqa: E402
from museumguide.data.writers.template import opening  # noqa: E402

HELDOUT = Path(__file__).parent / "data" / "heldout_paintings.jsonl"
KEYS = ("year_precision", "number_precision", "name_precision", "status_precision", "title_exact", "artist_exact")


def paintings(processed: Path, limit: int) -> list[dict]:
    test_ids = [r["id"] for r in jsonl.read_jsonl(processed / "test.jsonl")][:limit]
    by_id = paintings_by_row_id(processed)
    return [by_id[i] for i in test_ids] + [to_painting(r) for r in jsonl.read_jsonl(HELDOUT)]


def sample_all(run, records, n, prompts, add_special_tokens, seed, batch, max_new_tokens, written_from=None):
    """``n`` samples for each prompt, ``batch`` paintings at a time; ``written_from`` as in
    ``decode.sample`` (where each guide's own words begin)."""
    from museumguide.guides.decode import sample

    rows = []
    for i in range(0, len(records), batch):
        starts = written_from[i:i + batch] if written_from else None
        rows += sample(run, prompts[i:i + batch], n, 0.7, seed + i, max_new_tokens, add_special_tokens, starts)
        print(f"  sampled {min(i + batch, len(records))}/{len(records)}", file=sys.stderr, flush=True)
    return rows


def summarise(run, records, prompts, rows, k, strict, add_special_tokens, openings) -> dict:
    scores = []
    for record, prompt, cands, start in zip(records, prompts, rows, openings):
        ranked = rank(run, prompt + start, record, cands[:k], add_special_tokens, start, strict)
        result = finish(record, ranked[0], k, strict, 0.0, start, ranked[1:] if strict else ())
        scores.append(metrics.guide_scores(result.text, record, result.stop))
    summary = metrics.summarise(scores)
    return {key: summary[key] for key in KEYS} | {"empty_after_strict": sum(not s["words"] for s in scores)}


def latency(run, records, k, max_new_tokens) -> float:
    from museumguide.guides.generate import gated_guides

    start = time.perf_counter()
    for i, record in enumerate(records):
        gated_guides(run, [record], k, 0.7, i, max_new_tokens, strict=True)
    return (time.perf_counter() - start) / len(records)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default="artifacts/smollm2-135m-cpu")
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--test-limit", type=int, default=30, help="test-split paintings (plus the 20 written by hand)")
    p.add_argument("--latency-paintings", type=int, default=2)
    p.add_argument("--max-new-tokens", type=int, default=300)
    p.add_argument("--batch", type=int, default=4, help="paintings per sampling batch")
    p.add_argument("--max-candidates", type=int, default=8, help="strict candidates sampled for the fine-tuned run")
    p.add_argument("--out", type=Path, default=Path("bench/results/gating.json"))
    args = p.parse_args(argv)

    from museumguide.guides.evaluate import chat_prompt
    from museumguide.model.runs import load_base, load_run, read_manifest

    machine = describe()
    print(machine["line"])
    records = paintings(args.processed_dir, args.test_limit)
    tuned = load_run(args.adapter)
    manifest = read_manifest(tuned.run_dir)
    base = load_base(manifest["base_model"], manifest["load_in_4bit"])
    prompts = [build_prompt(r) for r in records]
    base_prompts = [chat_prompt(base, q) for q in prompts]
    out = {"machine": machine, "run": str(tuned.run_dir), "paintings": len(records), "systems": {}}
    starts = [opening(r, 0, notes=LEAD_NOTES, facts=LEAD_FACTS) for r in records]  # generate_guide's own
    plans = (("fine-tuned", tuned, prompts, True, 1, args.max_candidates),
             ("base", base, base_prompts, False, 1, 4))
    for name, run, qs, special, n_plain, n_strict in plans:
        for strict, n in ((False, n_plain), (True, n_strict)):
            print(f"{name}{' strict' if strict else ''}: {n} candidates for each of {len(records)} paintings",
                  file=sys.stderr)
            heads = starts if strict else [""] * len(records)
            rows = sample_all(run, records, n, [q + h for q, h in zip(qs, heads)], special, 0, args.batch,
                              args.max_new_tokens)
            for k in (k for k in (1, 2, 4, 8) if k <= n):
                label = f"{name} N={k}{' strict' if strict else ''}"
                out["systems"][label] = summarise(run, records, qs, rows, k, strict, special, heads)
    sample_records = records[: args.latency_paintings]
    for k in (k for k in (1, 2, 4, 8) if k <= args.max_candidates):
        out["systems"][f"fine-tuned N={k} strict"]["seconds_per_guide"] = round(
            latency(tuned, sample_records, k, args.max_new_tokens), 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    jsonl.write_text_atomic(args.out, json.dumps(out, indent=2) + "\n")
    print(f"| system | {' | '.join(KEYS)} | empty | s/guide |\n|---|" + "---:|" * (len(KEYS) + 2))
    for label, s in out["systems"].items():
        cells = ["n/a" if s[k] is None else f"{s[k]:.3f}" for k in KEYS]
        print(f"| {label} | {' | '.join(cells)} | {s['empty_after_strict']} | {s.get('seconds_per_guide', '')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
