"""Evaluate a fine-tuned run against its base model, on the same records with the same seeds.

    python -m museumguide.evaluate --split test
    python -m museumguide.evaluate --split test --limit 8 --adapter artifacts/smollm2-135m-cpu
    python -m museumguide.evaluate --references ../shared/data/refs/semart_val.tsv --limit 20
    python -m museumguide.evaluate --split test --compare-notes   # guides with and without notes
    python -m museumguide.evaluate --split test --judge-url http://localhost:8000/v1 --judge-model judge
    python -m museumguide.evaluate --split test --language sv   # Swedish guides against Swedish scripts
    python -m museumguide.evaluate --split test --style family  # family guides against family scripts

Writes ``artifacts/<run>/eval/report.md``, ``metrics.json``, ``guides.jsonl`` and PNG charts.
References are the split's target scripts unless ``--references`` names human-written texts: a
JSONL/CSV of ``{id, reference}`` keyed by objectID, or a SemArt-style TSV (its metadata becomes
the records, its comments the references). ``--language`` evaluates guides in another language:
the split's scripts in it are the references, the prompts show the records' titles and notes in
it, and the checks judge the guides in it (``museumguide.checks``); METEOR, whose WordNet is
English, is left out, and ROUGE-L compares whole words, unstemmed.
"""

from __future__ import annotations

import argparse
import csv
import html
import sys
from pathlib import Path

from museumguide.common.paths import PROCESSED_DIR
from museumguide.data.dataset import load_split, paintings_by_row_id
from museumguide.guides import metrics
from museumguide.guides.generate import BACKENDS, STRICT_CANDIDATES
from museumguide.records.prompt import END_MARKER, LANGUAGES, build_prompt, in_language, in_style, to_painting
from museumguide.records.styles import STYLES

SYSTEMS = ("base", "base gated", "fine-tuned", "fine-tuned gated")
WITHHELD = ", notes withheld"
"""Suffix of a system's name when it ran on the same paintings with their notes removed."""


def pick_keys(records: list[dict], refs: list[str], keys: str) -> tuple[list[dict], list[str]]:
    """The records named by a comma-separated list of keys, in its order; unknown keys are an error."""
    index = {r["key"]: i for i, r in enumerate(records)}
    wanted = [k.strip() for k in keys.split(",") if k.strip()]
    missing = [k for k in wanted if k not in index]
    if missing or not wanted:
        raise ValueError(f"--keys: {', '.join(missing) or 'none given'} not in the evaluated split")
    return [records[index[k]] for k in wanted], [refs[index[k]] for k in wanted]


def withhold_notes(records: list[dict]) -> list[dict]:
    return [{**r, "notes": None, "notes_license": None, "notes_attribution": None} for r in records]


def split_records(split: str, processed_dir: Path, language: str = "en",
                  style: str = "standard") -> tuple[list[dict], list[str]]:
    """The split's paintings in ``language`` and ``style`` (full cleaned records, ``in_language``,
    ``in_style``) and its target scripts in that language and style as references: a painting's
    scripts in each language and style share its split."""
    rows = [r for r in load_split(processed_dir / f"{split}.jsonl")
            if r.get("language", "en") == language and r.get("style", "standard") == style]
    if not rows:
        kind = "" if style == "standard" else f"{style} "
        raise ValueError(f"{split}.jsonl has no {kind}scripts in {LANGUAGES.get(language, language)}: "
                         "python -m museumguide.scripts writes them with the template writer")
    paintings = paintings_by_row_id(processed_dir)
    missing = [r["id"] for r in rows if r["id"] not in paintings]
    if missing:
        raise ValueError(f"{len(missing)} ids of {split}.jsonl are not in paintings.jsonl (first: {missing[0]})")
    return ([in_style(in_language(paintings[r["id"]], language), style) for r in rows],
            [r["completion"][: -len(END_MARKER)] for r in rows])


def semart_records(path: Path) -> tuple[list[dict], list[str]]:
    """SemArt's TSV (cp1252): TITLE, AUTHOR, TECHNIQUE ("Oil on canvas, 61 x 50 cm"), DATE,
    TYPE, SCHOOL, and the human-written DESCRIPTION as the reference."""
    with path.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    records, refs = [], []
    for i, row in enumerate(rows, start=1):
        technique = (row.get("TECHNIQUE") or "").split(",")
        author = (row.get("AUTHOR") or "").strip()
        # SemArt writes "SURNAME, Firstname"; a guide says "Firstname Surname".
        if "," in author:
            last, first = author.split(",", 1)
            author = f"{first.strip()} {last.strip().title()}"
        metadata = {"title": row.get("TITLE", "").strip(), "artist": author or None,
                    "date": (row.get("DATE") or "").strip() or None,
                    "medium": technique[0].strip() or None,
                    "dimensions": ",".join(technique[1:]).strip() or None,
                    "culture": (row.get("SCHOOL") or "").strip() or None,
                    "classification": (row.get("TYPE") or "").strip() or None, "object_id": i}
        painting = to_painting({k: v for k, v in metadata.items() if v is not None})
        records.append(painting)
        refs.append(" ".join(html.unescape(row.get("DESCRIPTION") or "").split()))
    return records, refs


def keyed_references(path: Path, records: list[dict]) -> tuple[list[dict], list[str]]:
    """References keyed by objectID (JSONL or CSV with id/objectID and reference/text)."""
    from museumguide.data.writers.imported import load_scripts

    refs = load_scripts(path)
    kept = [r for r in records if r["key"] in refs]
    if not kept:
        raise ValueError(f"{path}: no reference matches an object of the evaluated split")
    return kept, [refs[r["key"]] for r in kept]


def load_references(path: Path, records: list[dict]) -> tuple[list[dict], list[str]]:
    if not path.is_file():
        raise ValueError(f"references file not found: {path}")
    header = path.open(encoding="cp1252", errors="replace").readline()
    if "DESCRIPTION" in header and "TITLE" in header:
        return semart_records(path)
    return keyed_references(path, records)


def generate_all(records: list[dict], adapter, seed: int, batch_size: int, max_new_tokens: int,
                 candidates: int, progress: bool = True, systems: tuple[str, ...] = SYSTEMS,
                 backend: str | None = None, language: str = "en") -> dict[str, list]:
    """Guides from every system, as ``GuideResult`` lists: the base model and the fine-tuned
    run, each once as sampled (one candidate) and once fact-gated (``candidates`` samples, the
    best-grounded kept, unsupported sentences dropped). ``backend``: the fine-tuned run's engine
    (``museumguide.model.backends``); the base model runs on transformers. ``language``: the
    guides' (the records already ``in_language``)."""
    from tqdm import tqdm

    from museumguide.guides.generate import gated_guides
    from museumguide.model.backends import load_run
    from museumguide.model.runs import load_base, read_manifest

    tuned = load_run(adapter, backend)
    manifest = read_manifest(tuned.run_dir)
    # The base model loads only when a base system is asked for (the demo asks for none).
    base = load_base(manifest["base_model"], manifest["load_in_4bit"]) if any(
        s.startswith("base") for s in systems) else None
    plans = [(name, run, gated) for name, run in (("base", base), ("fine-tuned", tuned))
             for gated in (False, True) if system_name(name, gated) in systems]
    out: dict[str, list] = {system_name(name, gated): [] for name, _, gated in plans}
    total = len(plans) * ((len(records) + batch_size - 1) // batch_size)
    with tqdm(total=total, desc="generating", unit="batch", disable=not progress) as bar:
        for i in range(0, len(records), batch_size):
            chunk = records[i:i + batch_size]
            base_prompts = [chat_prompt(base, build_prompt(r, language)) for r in chunk] if base else None
            for name, run, gated in plans:
                # The same seed for every system on the same batch: only the model and gate differ.
                is_base = name == "base"
                prompts = base_prompts if is_base else None
                out[system_name(name, gated)] += gated_guides(
                    run, chunk, candidates if gated else 1, seed=seed + i, max_new_tokens=max_new_tokens,
                    strict=gated, prompts=prompts, add_special_tokens=not is_base, language=language)
                bar.update(1)
    return out


def system_name(model: str, gated: bool) -> str:
    return f"{model} gated" if gated else model


def chat_prompt(run, prompt: str) -> str:
    """``prompt`` in the tokenizer's chat template (the base model's native format)."""
    if getattr(run.tokenizer, "chat_template", None):
        return run.tokenizer.apply_chat_template([{"role": "user", "content": prompt}], tokenize=False,
                                                 add_generation_prompt=True)
    return prompt


def score(records: list[dict], refs: list[str], outputs: dict[str, list], language: str = "en") -> dict:
    from museumguide.checks.readability import summary

    results = {}
    for name, guides in outputs.items():
        texts = [g.text for g in guides]
        per_guide = [metrics.guide_scores(g.text, r, g.stop, g.seconds, g.opening) for g, r in zip(guides, records)]
        results[name] = {**metrics.summarise(per_guide), **metrics.reference_metrics(texts, refs, language),
                         "readability": summary(texts, language), "per_guide": per_guide}
    return results


def worst(records: list[dict], outputs: dict, results: dict, system: str = "fine-tuned", n: int = 5) -> list[dict]:
    rows = []
    if system not in outputs:
        return rows
    for record, guide, scores in zip(records, outputs[system], results[system]["per_guide"]):
        if scores["fact_precision"] is not None and scores["unsupported"]:
            rows.append({"key": record["key"], "object_id": record["object_id"], "title": record["title"],
                         "fact_precision": round(scores["fact_precision"], 3),
                         "unsupported": scores["unsupported"][:8], "guide": guide.text})
    return sorted(rows, key=lambda r: r["fact_precision"])[:n]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.evaluate",
                                description="Compare the base model and a fine-tuned run on held-out paintings.")
    p.add_argument("--split", default="test", choices=("train", "val", "test"))
    p.add_argument("--processed-dir", type=Path, default=PROCESSED_DIR)
    p.add_argument("--adapter", help="run folder (default: $MUSEUMGUIDE_ADAPTER or newest in artifacts/)")
    p.add_argument("--limit", type=int, help="only the first N records (generation is slow on a CPU)")
    p.add_argument("--keys", help="only these paintings, in this order: comma-separated keys (aic-2816,met-437854)")
    p.add_argument("--references", type=Path, help="human-written references (JSONL/CSV by objectID, or SemArt TSV)")
    p.add_argument("--language", choices=tuple(LANGUAGES), default="en",
                   help="evaluate guides in this language against the split's scripts in it (default: %(default)s)")
    p.add_argument("--style", choices=tuple(STYLES), default="standard",
                   help="evaluate guides in this style against the split's scripts in it; the report gives "
                        "their readability (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--backend", choices=BACKENDS,
                   help="the fine-tuned run's engine (default: ONNX Runtime GenAI on a CPU where installed)")
    p.add_argument("--max-new-tokens", type=int, default=300)
    p.add_argument("--systems", default=",".join(SYSTEMS),
                   help="comma-separated systems to run, of: %(default)s (the A/B judge needs base and fine-tuned)")
    p.add_argument("--candidates", type=int, default=STRICT_CANDIDATES,
                   help="samples per guide for the gated (strict) systems (default: %(default)s)")
    p.add_argument("--judge-url", help="OpenAI-compatible endpoint of a judge model for A/B comparison")
    p.add_argument("--judge-model", help="the judge's model name")
    p.add_argument("--judge-api-key-env", default="OPENAI_API_KEY")
    p.add_argument("--compare-notes", action="store_true",
                   help="only paintings with curator notes, each evaluated twice: with its notes and with them withheld")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    args = p.parse_args(argv)
    if bool(args.judge_url) != bool(args.judge_model):
        p.error("--judge-url and --judge-model go together")
    systems = tuple(name.strip() for name in args.systems.split(",") if name.strip())
    unknown = [name for name in systems if name not in SYSTEMS]
    if unknown or not systems:
        p.error(f"--systems takes some of {', '.join(SYSTEMS)}; got {args.systems!r}")
    if args.judge_url and not {"base", "fine-tuned"} <= set(systems):
        p.error("the A/B judge compares base and fine-tuned: keep both in --systems")
    from museumguide.guides.evalreport import print_summary, write_report
    from museumguide.model.runs import NoAdapterError, find_run

    if not args.progress:
        from museumguide.model.base import quiet_progress

        quiet_progress()

    try:
        run_dir = find_run(args.adapter)
        records, refs = split_records(args.split, args.processed_dir, args.language, args.style)
        source = f"{args.split} split targets" + (f" in {LANGUAGES[args.language]}" if args.language != "en" else "") \
            + (f", {args.style} style" if args.style != "standard" else "")
        if args.references:
            if args.language != "en":
                raise ValueError("--references are English texts: evaluate them with --language en")
            records, refs = load_references(args.references, records)
            source = str(args.references)
        if args.keys:
            records, refs = pick_keys(records, refs, args.keys)
        if args.limit:
            records, refs = records[: args.limit], refs[: args.limit]
        if args.compare_notes:
            kept = [i for i, r in enumerate(records) if r.get("notes")]
            if not kept:
                raise ValueError("--compare-notes: no evaluated painting has notes")
            records, refs = [records[i] for i in kept], [refs[i] for i in kept]
        outputs = generate_all(records, run_dir, args.seed, args.batch_size, args.max_new_tokens,
                               args.candidates, args.progress, systems, args.backend, args.language)
        results = score(records, refs, outputs, args.language)
        if args.compare_notes:
            # The same paintings, seeds and systems with the notes taken out of the prompt.
            bare = withhold_notes(records)
            plain = generate_all(bare, run_dir, args.seed, args.batch_size, args.max_new_tokens,
                                 args.candidates, args.progress, systems, args.backend, args.language)
            results.update({name + WITHHELD: r for name, r in score(bare, refs, plain, args.language).items()})
            outputs.update({name + WITHHELD: g for name, g in plain.items()})
        ab = None
        if args.judge_url:
            from museumguide.guides.judge import Judge

            judge = Judge(args.judge_url, args.judge_model, args.judge_api_key_env)
            ab = judge.compare(records, [g.text for g in outputs["fine-tuned"]], [g.text for g in outputs["base"]])
        out_dir = run_dir / "eval"
        report = write_report(out_dir, run_dir, source, args, records, outputs, results,
                              worst(records, outputs, results), ab)
    except (ValueError, OSError, NoAdapterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print_summary(report)
    print(f"report: {out_dir / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
