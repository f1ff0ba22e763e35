"""Strict guides from the embedded default: what survives the sentence checker, with 1 to 8 candidates.

    .venv/bin/python bench/strict.py --adapter artifacts/smollm2-135m-cpu      # after `make demo`

Paintings no test tunes to: the whole test split of the bundled records (Met without notes, AIC
with) and the 20 paintings of other museums written by hand (``bench/data/heldout_paintings.jsonl``).
For each painting the fine-tuned run samples ``--max-candidates`` continuations of the strict
opening (``generate_guide(strict=True)``'s own path: the hook and, with notes, ``LEAD_NOTES`` of
their sentences); the figures for N candidates choose among the first N (independent draws),
ranked by what survives (``museumguide.guides.generate.rank``), two ways side by side: the best
candidate alone ("whole"), and the best with surviving sentences of the others added up to 90 words
(``museumguide.guides.compose``) filled with the template writer's sentences of the record's facts
(what ``generate_guide`` does). Reported per N and way: refusals
(``UngroundedGuideError``: nothing of the model's survives), median words with and without notes
(a refused guide counting as none), the model's own surviving words (median over guides given), and the verdicts of the kept sentences. Seconds per guide are
timed separately, one painting at a time as ``generate_guide`` works.

Also writes a blind sample of ``--sample`` kept sentences the model wrote (not the given opening),
without verdicts, to ``bench/results/strict_sample.jsonl`` for labelling by hand, and the
checker's verdicts for them to ``strict_sample_verdicts.jsonl``: label the first before opening
the second. Prints the machine line; writes ``bench/results/strict.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gating import latency, paintings, sample_all  # noqa: E402
from bench.machine import describe  # noqa: E402
from museumguide.checks.sentences import check_sentences  # noqa: E402
from museumguide.common import jsonl  # noqa: E402
from museumguide.data.writers.template import metadata_sentences, opening  # noqa: E402
from museumguide.guides.generate import BACKENDS, LEAD_NOTES, finish, rank  # noqa: E402
from museumguide.records.prompt import build_prompt  # noqa: E402

RESULTS = Path(__file__).parent / "results"


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def model_sentences(record, start: str, text: str) -> list:
    """The verdicts of ``text``'s sentences the model wrote: those not in the opening it was given."""
    given = {v.text for v in check_sentences(start, record)}
    return [v for v in check_sentences(text, record) if v.text not in given] if text else []


def summarise(records, openings, results) -> dict:
    kept = [v for record, r in zip(records, results) if r.text for v in check_sentences(r.text, record)]
    words = {True: [], False: []}
    own = []
    for record, start, result in zip(records, openings, results):
        # A refused guide counts as no words at all: the visitor hears nothing.
        words[bool(record.get("notes"))].append(len(result.text.split()))
        if result.text:
            own.append(sum(len(v.text.split()) for v in model_sentences(record, start, result.text)
                           if v.text not in result.template))
    n = len(results)
    return {
        "paintings": n, "refused": sum(not r.text for r in results),
        "refused_share": round(sum(not r.text for r in results) / n, 3),
        "median_words_with_notes": _median(words[True]), "median_words_without_notes": _median(words[False]),
        "paintings_with_notes": len(words[True]), "paintings_without_notes": len(words[False]),
        "median_model_words": _median(own),
        "no_model_sentence": sum(bool(r.text) and not r.model_sentences for r in results),
        "kept_sentences": len(kept),
        "kept_supported_or_viewing": round(sum(v.verdict != "unsupported" for v in kept) / len(kept), 4) if kept else None,
        "struck_sentences_mean": round(statistics.mean(len(r.dropped) for r in results), 2),
    }


def blind_sample(records, openings, results, size: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    """Kept sentences the model wrote, shuffled: (items to label, the checker's verdicts on them)."""
    pool = [(record, result.text, v) for record, start, result in zip(records, openings, results)
            for v in model_sentences(record, start, result.text) if v.text not in result.template]
    random.Random(seed).shuffle(pool)
    items, verdicts = [], []
    for i, (record, text, v) in enumerate(pool[:size]):
        items.append({"id": f"k{i + 1:02d}", "key": record["key"], "sentence": v.text, "guide": text,
                      "prompt": build_prompt(record)})
        verdicts.append({"id": f"k{i + 1:02d}", "verdict": v.verdict, "reason": v.reason})
    return items, verdicts


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default="artifacts/smollm2-135m-cpu")
    p.add_argument("--processed-dir", type=Path, default=Path("data/processed"))
    p.add_argument("--test-limit", type=int, default=100, help="test-split paintings (plus the 20 written by hand)")
    p.add_argument("--max-candidates", type=int, default=8)
    p.add_argument("--max-new-tokens", type=int, default=300)
    p.add_argument("--batch", type=int, default=4, help="paintings per sampling batch")
    p.add_argument("--latency-paintings", type=int, default=3)
    p.add_argument("--sample", type=int, default=50, help="kept sentences to write out for labelling by hand")
    p.add_argument("--sample-candidates", type=int, default=4, help="the N whose kept sentences are sampled")
    p.add_argument("--opening", choices=("facts", "hook"), default="facts", help="what strict opens with before "
                   "the model writes: the hook, the artist's life, date and medium (generate_guide's default), or "
                   "the hook alone; notes sentences follow either where the prompt has notes")
    p.add_argument("--backend", choices=BACKENDS,
                   help="the engine (default: the machine's, as generate_guide chooses)")
    p.add_argument("--results", type=Path, default=RESULTS / "strict.json",
                   help="where the figures go; the blind sample is written beside them")
    p.add_argument("--no-blind-sample", dest="blind", action="store_false",
                   help="do not write the blind sample for labelling (a comparison run)")
    p.add_argument("--seed", type=int, default=0, help="the sampling seed (another one draws a fresh blind sample)")
    p.add_argument("--cache", type=Path, default=Path("artifacts/strict_samples.jsonl"),
                   help="where the sampled candidates are saved (for reading them; not reused)")
    args = p.parse_args(argv)
    if args.sample_candidates not in [k for k in (1, 2, 4, 8) if k <= args.max_candidates]:
        p.error("--sample-candidates must be one of 1, 2, 4, 8 and at most --max-candidates")

    from museumguide.model.backends import load_run

    machine = describe()
    print(machine["line"])
    records = paintings(args.processed_dir, args.test_limit)
    run = load_run(args.adapter, args.backend)
    prompts = [build_prompt(r) for r in records]
    openings = [opening(r, 0, notes=LEAD_NOTES, facts=args.opening == "facts") for r in records]
    rows = sample_all(run, records, args.max_candidates, [q + o for q, o in zip(prompts, openings)], True, args.seed,
                      args.batch, args.max_new_tokens, written_from=[len(q) for q in prompts])
    jsonl.write_jsonl_atomic(args.cache, ({"key": r["key"], "candidates": [c.text for c in cands]}
                                          for r, cands in zip(records, rows)))
    out = {"machine": machine["line"], "run": str(run.run_dir), "backend": run.backend, "paintings": len(records),
           "opening": args.opening, "by_candidates": {}}
    chosen_results = {}
    for k in (k for k in (1, 2, 4, 8) if k <= args.max_candidates):
        ranked = [rank(run, q + o, r, cands[:k], True, o, True) for r, q, o, cands in zip(records, prompts, openings, rows)]
        whole = [finish(r, c[0], k, True, 0.0, o) for r, o, c in zip(records, openings, ranked)]
        # What generate_guide does: the others' surviving sentences, then the record's facts (issue 33).
        composed = [finish(r, c[0], k, True, 0.0, o, c[1:], metadata_sentences(r, 0))
                    for r, o, c in zip(records, openings, ranked)]
        chosen_results[k] = composed
        out["by_candidates"][f"{k} whole"] = summarise(records, openings, whole)
        out["by_candidates"][f"{k} composed"] = summarise(records, openings, composed)
    lat = records[: args.latency_paintings]
    for k in (k for k in (1, 2, 4, 8) if k <= args.max_candidates):
        seconds = round(latency(run, lat, k, args.max_new_tokens), 1)
        for way in ("whole", "composed"):
            out["by_candidates"][f"{k} {way}"]["seconds_per_guide"] = seconds
    RESULTS.mkdir(exist_ok=True)
    if args.blind:
        items, verdicts = blind_sample(records, openings, chosen_results[args.sample_candidates], args.sample)
        # Beside the figures, so a comparison run never overwrites a sample already labelled.
        jsonl.write_jsonl_atomic(args.results.parent / "strict_sample.jsonl", items)
        jsonl.write_jsonl_atomic(args.results.parent / "strict_sample_verdicts.jsonl", verdicts)
    jsonl.write_text_atomic(args.results, json.dumps(out, indent=2) + "\n")
    cols = ("refused", "no_model_sentence", "median_words_with_notes", "median_words_without_notes", "median_model_words",
            "kept_supported_or_viewing", "struck_sentences_mean", "seconds_per_guide")
    print("| N, way | " + " | ".join(cols) + " |\n|---|" + "---:|" * len(cols))
    for k, s in out["by_candidates"].items():
        print(f"| {k} | " + " | ".join(str(s[c]) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
