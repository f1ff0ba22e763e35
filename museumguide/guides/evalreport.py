"""The evaluation's outputs: metrics.json, guides.jsonl, report.md and PNG charts."""

from __future__ import annotations

import json
from pathlib import Path

from museumguide.common import jsonl

HEADLINE = [
    ("supported_share", "sentences supported", 1), ("viewing_share", "sentences viewing", 1),
    ("unsupported_share", "sentences unsupported", 1),
    ("fact_precision", "fact precision", 1), ("year_precision", "year precision", 1),
    ("number_precision", "number precision", 1), ("name_precision", "name precision", 1),
    ("status_precision", "status precision", 1), ("title_exact", "title exact", 1),
    ("artist_exact", "artist exact", 1), ("title_coverage", "title mentioned", 1),
    ("artist_coverage", "artist mentioned", 1), ("end_stop_rate", "stopped on <END>", 1),
    ("self_stop_rate", "stopped by itself", 1),
    ("words", "words", 0), ("seconds", "seconds of speech", 0), ("distinct_2", "distinct-2", 1),
    ("bleu", "BLEU", 0), ("chrf", "chrF", 0), ("rougeL_f1", "ROUGE-L F1", 0), ("meteor", "METEOR", 0),
    ("seconds_per_guide", "generation s/guide", 0),
    ("note_statements_median", "note statements (median)", 0), ("note_statements_mean", "note statements (mean)", 0),
    ("model_note_statements_median", "... the model's (median)", 0),
]
NOT_CHARTED = ("words", "seconds", "note_statements_median", "note_statements_mean", "model_note_statements_median")
COLORS = ("#999999", "#cccccc", "#4c72b0", "#8fb3e0", "#dd8452", "#f2c09c", "#55a868", "#a6d8b0")


def _fmt(value, share: int) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if share else f"{value:.1f}"


def write_report(out_dir: Path, run_dir: Path, source: str, args, records, outputs, results, worst, ab) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = {name: {k: v for k, v in r.items() if k != "per_guide"} for name, r in results.items()}
    report = {"run": str(run_dir), "references": source, "records": len(records), "seed": args.seed,
              "language": getattr(args, "language", "en"), "style": getattr(args, "style", "standard"),
              "systems": summary, "worst_fine_tuned": worst}
    if ab is not None:
        report["ab"] = ab.summary("fine-tuned", "base")
    jsonl.write_text_atomic(out_dir / "metrics.json", json.dumps(report, indent=2) + "\n")
    jsonl.write_jsonl_atomic(out_dir / "guides.jsonl", (
        {"key": r.get("key"), "object_id": r["object_id"], "title": r["title"], "system": name, "guide": g.text,
         "opening": g.opening, "stop": g.stop,
         "dropped": [{"sentence": v.text, "reason": v.reason} for v in g.dropped]}
        for name, guides in outputs.items() for r, g in zip(records, guides)))
    _charts(summary, out_dir)
    names = list(summary)
    lines = [f"# Evaluation of `{run_dir.name}`", "",
             f"{len(records)} records; references: {source}; seed {args.seed}. Every system gets the same "
             "records and seeds; the base model sees the prompt through its chat template. A gated system "
             f"samples {args.candidates} candidates, keeps the best-grounded one and drops sentences with "
             "claims its prompt does not support. Claim precisions are pooled over all claims. A note "
             "statement is a guide sentence carrying a statement of the curator notes (museumguide.checks.substance); "
             "\"the model's\" leaves out those of a strict guide's opening, which carries two notes sentences; "
             "systems marked \"notes withheld\" saw the same paintings with their notes removed.", "",
             "| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key, label, share in HEADLINE:
        lines.append(f"| {label} | " + " | ".join(_fmt(summary[n].get(key), share) for n in names) + " |")
    sig = next(iter(summary.values()))
    lines += ["", f"BLEU signature `{sig['bleu_signature']}`; chrF signature `{sig['chrf_signature']}`."]
    lines += ["", "Readability (textstat, medians over the guides; museumguide.checks.readability): "
              + "; ".join(f"{n}: " + ", ".join(f"{k.removeprefix('median_')} {v}" for k, v in
                                               (summary[n].get("readability") or {}).items() if k != "guides")
                          for n in names) + "."]
    if sig.get("meteor") is None:
        lines.append(f"METEOR unavailable: {sig.get('meteor_unavailable')}.")
    if ab is not None:
        s = report["ab"]
        lines += ["", "## A/B judge (both orders must agree for a win)", "",
                  f"fine-tuned wins {s['fine-tuned_win_rate']:.1%}, base wins {s['base_win_rate']:.1%}, "
                  f"ties {s['tie_rate']:.1%} over {s['judged']} paintings ({s['errors']} judge errors)."]
    lines += ["", "## Least grounded fine-tuned guides", ""]
    if not worst:
        lines.append("Every claim in every fine-tuned guide is supported by its prompt.")
    for w in worst:
        lines += [f"- **{w['title']}** ({w.get('key') or w['object_id']}): precision {w['fact_precision']}, "
                  f"unsupported: {', '.join(w['unsupported'])}", f"  > {w['guide'][:400]}"]
    lines += ["", "![metrics](metrics.png)", ""]
    jsonl.write_text_atomic(out_dir / "report.md", "\n".join(lines) + "\n")
    return report


def _charts(summary: dict, out_dir: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shares = [(k, label) for k, label, share in HEADLINE if share]
    scores = [(k, label) for k, label, share in HEADLINE if not share and k not in NOT_CHARTED]
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), dpi=120)
    for ax, group, title in ((axes[0], shares, "grounding and form (0-1)"), (axes[1], scores, "reference metrics")):
        x = range(len(group))
        width = 0.8 / len(summary)
        for j, (name, color) in enumerate(zip(summary, COLORS)):
            values = [summary[name].get(k) or 0 for k, _ in group]
            ax.bar([i - 0.4 + width * (j + 0.5) for i in x], values, width=width, label=name, color=color)
        ax.set_xticks(list(x), [label for _, label in group], rotation=30, ha="right", fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out_dir / "metrics.png")
    plt.close(fig)


def print_summary(report: dict) -> None:
    systems = report["systems"]
    print(f"evaluation on {report['records']} records (references: {report['references']})")
    width = {n: max(18, len(n) + 2) for n in systems}  # "fine-tuned gated, notes withheld" is long
    print(f"{'metric':26s}" + "".join(f"{name:>{width[name]}s}" for name in systems))
    for key, label, share in HEADLINE:
        print(f"{label:26s}" + "".join(f"{_fmt(systems[n].get(key), share):>{width[n]}s}" for n in systems))
    for name in systems:
        readable = {k.removeprefix("median_"): v for k, v in (systems[name].get("readability") or {}).items()
                    if k != "guides"}
        print(f"readability ({name}): " + ", ".join(f"{k} {v}" for k, v in readable.items()))
    if "ab" in report:
        s = report["ab"]
        print(f"A/B judge: fine-tuned {s['fine-tuned_win_rate']:.1%}, base {s['base_win_rate']:.1%}, ties {s['tie_rate']:.1%}")
