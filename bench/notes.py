"""Curator notes in, substance out: guides with and without notes on paintings nobody tuned to.

    .venv/bin/python bench/notes.py --adapter artifacts/smollm2-135m-cpu      # after `make demo`

The paintings: the first ``--n`` of SemArt's validation split (``../shared/data/refs/semart_val.tsv``,
research licence, evaluation only), whose human-written Web Gallery of Art comment serves as the
painting's notes (cleaned and cut as ``museumguide.records.notes`` does any notes). Neither the model,
the template writer nor any test has seen them. Each painting gets the fine-tuned run's guide
four ways with the same seed: sampled once and fact-gated (``strict``), each with its notes and
with them withheld. Reported per system: note statements per guide (median, mean;
``museumguide.checks.substance``; "model_" counts leave out the two notes sentences a strict guide opens
with), year, number and name precision pooled over all claims, and how many guides had an
unsupported claim. Prints the machine beside the figures and writes
``bench/results/notes.json``.

The issue's goals: with notes, at least two note statements in the median guide and, gated,
every year and number supported; without notes, nothing invented (no unsupported claim).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe  # noqa: E402
from museumguide.guides import metrics  # noqa: E402
from museumguide.common.text import sentences  # noqa: E402
from museumguide.records import notes  # noqa: E402
from museumguide.guides.evaluate import semart_records, withhold_notes  # noqa: E402

SEMART = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "refs" / "semart_val.tsv"
KEYS = ("year_precision", "number_precision", "name_precision", "year_claims", "number_claims")


def with_notes(path: Path, n: int) -> list[dict]:
    """SemArt paintings whose comment becomes their notes (for evaluation only: never shipped, so no credit line)."""
    records, comments = semart_records(path)
    out = []
    for record, comment in zip(records, comments):
        text = notes.clean_notes(comment)
        if text and len(sentences(text)) >= 2:
            out.append({**record, "notes": text, "notes_license": None, "notes_attribution": None})
        if len(out) == n:
            break
    return out


def run_systems(run, records: list[dict], seed: int, batch: int, max_new_tokens: int) -> dict[str, list]:
    from museumguide.guides.generate import gated_guides

    out: dict[str, list] = {"fine-tuned": [], "fine-tuned gated": []}
    for i in range(0, len(records), batch):
        chunk = records[i:i + batch]
        for name, strict in (("fine-tuned", False), ("fine-tuned gated", True)):
            out[name] += gated_guides(run, chunk, 1, 0.7, seed + i, max_new_tokens, strict=strict)
        print(f"  {min(i + batch, len(records))}/{len(records)}", file=sys.stderr, flush=True)
    return out


def summarise(records: list[dict], guides: list) -> dict:
    scores = [metrics.guide_scores(g.text, r, g.stop, opening=g.opening) for g, r in zip(guides, records)]
    summary = metrics.summarise(scores)
    counts = [s["note_statements"] for s in scores if s["note_statements"] is not None]
    model = [s["model_note_statements"] for s in scores if s["model_note_statements"] is not None]
    return {**{k: summary[k] for k in KEYS},
            "note_statements_median": statistics.median(counts) if counts else None,
            "note_statements_mean": round(statistics.mean(counts), 2) if counts else None,
            "model_note_statements_median": statistics.median(model) if model else None,
            "model_note_statements_mean": round(statistics.mean(model), 2) if model else None,
            "guides_with_unsupported_claims": sum(bool(s["unsupported"]) for s in scores),
            "empty_after_strict": sum(not s["words"] for s in scores),
            "words": summary["words"], "guides": len(scores)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default="artifacts/smollm2-135m-cpu")
    p.add_argument("--semart", type=Path, default=SEMART)
    p.add_argument("--n", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--max-new-tokens", type=int, default=240)
    p.add_argument("--out", type=Path, default=Path("bench/results/notes.json"))
    args = p.parse_args(argv)
    from museumguide.model.runs import load_run

    machine = describe()
    print(machine["line"], flush=True)
    records = with_notes(args.semart, args.n)
    run = load_run(args.adapter)
    start = time.perf_counter()
    results, examples = {}, []
    for label, recs in (("with notes", records), ("notes withheld", withhold_notes(records))):
        outputs = run_systems(run, recs, args.seed, args.batch, args.max_new_tokens)
        for name, guides in outputs.items():
            results[f"{name}, {label}"] = summarise(recs, guides)
            examples += [{"system": f"{name}, {label}", "title": r["title"], "guide": g.text}
                         for r, g in zip(recs[:3], guides[:3])]
    print(f"\n{len(records)} SemArt paintings, their comment as notes; seed {args.seed}; "
          f"{(time.perf_counter() - start) / 60:.1f} min\n")
    cols = ("note_statements_median", "note_statements_mean", "model_note_statements_median",
            "model_note_statements_mean", "year_precision", "number_precision",
            "name_precision", "guides_with_unsupported_claims", "empty_after_strict", "words")
    print("| system | " + " | ".join(cols) + " |\n|---|" + "---:|" * len(cols))
    for name, r in results.items():
        print(f"| {name} | " + " | ".join("n/a" if r[c] is None else str(r[c]) for c in cols) + " |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": machine, "adapter": str(args.adapter), "paintings": len(records),
                                    "seed": args.seed, "results": results, "examples": examples}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
