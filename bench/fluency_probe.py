"""Would the model's own likelihood tell the good kept sentences of strict guides from the bad?

    .venv/bin/python bench/fluency_probe.py --adapter artifacts/smollm2-24

A probe for the next step of issue 21, not a feature: the 100 sentences of strict guides that a
blind annotator labelled (``bench/results/strict_sample*.jsonl`` with their ``*_labels.jsonl``; the
review standard's 50 and the publishing standard's 50) are scored by the fine-tuned run as the
mean log-probability of their tokens after the prompt and the guide's text before them, and by
the base model (no adapter) after the guide text alone. Reported: the area under the ROC curve of
each score for good (supported or viewing) against unsupported, and the precision and share of
good sentences kept at the threshold that keeps 90% of the good ones. Prints the machine line;
writes ``bench/results/fluency_probe.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe  # noqa: E402
from museumguide.common import jsonl  # noqa: E402

RESULTS = Path(__file__).parent / "results"
SETS = ("strict_sample_review_standard", "strict_sample")


def labelled() -> list[dict]:
    rows = []
    for name in SETS:
        labels = {r["id"]: r["label"] for r in jsonl.read_jsonl(RESULTS / f"{name}_labels.jsonl")}
        for r in jsonl.read_jsonl(RESULTS / f"{name}.jsonl"):
            rows.append({**r, "good": labels[r["id"]] != "unsupported", "set": name})
    return rows


def mean_logprob(model, tok, context: str, sentence: str) -> float:
    import torch

    ids_ctx = tok(context, add_special_tokens=False)["input_ids"]
    ids_sent = tok(" " + sentence, add_special_tokens=False)["input_ids"]
    ids = torch.tensor([ids_ctx + ids_sent])
    with torch.no_grad():
        logits = model(ids).logits[0, :-1].float()
    logp = torch.log_softmax(logits, -1)
    targets = ids[0, 1:]
    picked = logp[torch.arange(len(targets)), targets][len(ids_ctx) - 1:]
    return float(picked.mean())


def auc(scores: list[float], good: list[bool]) -> float:
    pos = [s for s, g in zip(scores, good) if g]
    neg = [s for s, g in zip(scores, good) if not g]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 3)


def at_keep(scores: list[float], good: list[bool], keep: float = 0.9) -> dict:
    threshold = sorted(s for s, g in zip(scores, good) if g)[int((1 - keep) * sum(good))]
    kept = [g for s, g in zip(scores, good) if s >= threshold]
    return {"threshold": round(threshold, 3), "precision": round(sum(kept) / len(kept), 3),
            "good_kept": round(sum(kept) / sum(good), 3), "kept": len(kept)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default="artifacts/smollm2-24")
    args = p.parse_args(argv)
    from museumguide.model.runs import load_run

    machine = describe()
    print(machine["line"])
    rows = labelled()
    run = load_run(args.adapter)
    model, tok = run.model, run.tokenizer
    model.eval()
    tuned, plain = [], []
    for r in rows:
        before = r["guide"][: r["guide"].find(r["sentence"])].strip()
        tuned.append(mean_logprob(model, tok, r["prompt"] + before, r["sentence"]))
        with model.disable_adapter():
            plain.append(mean_logprob(model, tok, before or r["sentence"][:1], r["sentence"]))
    good = [r["good"] for r in rows]
    out = {"machine": machine["line"], "sentences": len(rows), "good": sum(good),
           "fine-tuned, after prompt and guide": {"auc": auc(tuned, good), **at_keep(tuned, good)},
           "base, after guide": {"auc": auc(plain, good), **at_keep(plain, good)}}
    jsonl.write_text_atomic(RESULTS / "fluency_probe.json", json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
