"""Would a curator sign what a visitor hears? Strict guides on unseen paintings, every spoken sentence
written out for labelling by hand, then scored against the labels.

    .venv/bin/python bench/signable.py sample --adapter artifacts/smollm2-135m-cpu --seed 4 --out bench/results/signable_seed4
    # label <out>/sample.jsonl by ../shared/sentence_rubric.md into <out>/labels.jsonl BEFORE opening verdicts.jsonl
    .venv/bin/python bench/signable.py score bench/results/signable_seed4
    .venv/bin/python bench/signable.py sample --style family --seed 13 --out bench/results/signable_family_seed13

``sample`` writes one guide per painting as a user gets it (``generate_guide(record, seed=seed)``:
strict by default, the machine's default engine), for paintings neither the model nor any guide rule
has seen: Nationalmuseum (Stockholm) records outside the bundled LIDO sample, with English curator
notes; Met paintings of the test split (split by artist, never trained on) outside the test
fixtures; and the hand-written paintings of other museums in ``bench/data``. It prints the machine
line, refusals, median words with and without notes and seconds per guide, and writes every spoken
sentence (the credit line is no spoken sentence), shuffled and without verdicts, to
``sample.jsonl``, and the checker's verdicts and each sentence's origin (model, notes, template) to
``verdicts.jsonl``. ``merge`` joins two blind annotators' labels by the union rule; ``score`` reads the labels (``{"id", "label"}``: supported, viewing or
unsupported) and reports the share a curator signs, overall and by origin, and how the checker's
publishing standard did on them. ``--style`` writes the guides in a style (``records.styles``);
the summary then gives their readability (``checks.readability``); a labelled ``visual`` field
(true for a sentence that says what can be seen in the work) is counted by ``score``: a verbal
description must state no visual detail its notes lack.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED_LIDO = ROOT.parent / "shared" / "data" / "nationalmuseum" / "lido"
SHARED_CSV = ROOT.parent / "shared" / "data" / "met" / "metobjects_sample.csv"


def unseen_objects(n: int, seed: int, exclude: set[str] = frozenset(), paintings: bool = False) -> list[dict]:
    """``n`` objects of forms other than paintings that nothing has seen: rows of the Met's Open
    Access CSV sample outside the bundled records, drawn form by form in turn (``records.forms``),
    so every form is in the sample before any has two; with ``paintings``, paintings of that CSV
    instead (the Met's own fields and no curator notes: the pools of unseen paintings with notes
    are spent)."""
    from museumguide.common import jsonl
    from museumguide.records.clean import clean_record, drop_reason
    from museumguide.records.forms import FORMS
    from museumguide.sources.metcsv import iter_csv_records

    if n <= 0:
        return []
    rng = random.Random(seed)
    bundled = {r["objectID"] for r in jsonl.read_jsonl(ROOT / "data" / "raw" / "met-sample" / "objects.jsonl")}
    by_form: dict[str, list[dict]] = {}
    for raw in iter_csv_records(SHARED_CSV):
        p = clean_record(raw)
        if p["object_id"] in bundled or p["key"] in exclude or drop_reason(p) or p["form"] == "object" \
                or (p["form"] == "painting") != paintings:
            continue
        by_form.setdefault(p["form"], []).append(p)
    for objects in by_form.values():
        rng.shuffle(objects)
    out, forms = [], [f for f in FORMS if f in by_form]
    while len(out) < n and any(by_form[f] for f in forms):
        for form in forms:
            if by_form[form] and len(out) < n:
                out.append(by_form[form].pop())
    return out
HELDOUT = ROOT / "bench" / "data" / "heldout_paintings.jsonl"


def unseen_paintings(n_lido: int, n_met: int, n_heldout: int, seed: int, exclude: set[str] = frozenset(),
                     n_forms: int = 0, n_met_csv: int = 0) -> list[dict]:
    from museumguide.common import jsonl
    from museumguide.data.dataset import paintings_by_row_id
    from museumguide.records.lido import clean_lido_record, iter_records
    from museumguide.records.prompt import to_painting

    rng = random.Random(seed)
    bundled = {p.name for p in (ROOT / "data" / "raw" / "lido-sample").glob("*.xml")}
    files = sorted(p for p in SHARED_LIDO.glob("*.xml") if p.name not in bundled)
    rng.shuffle(files)
    lido = []
    for path in files:
        for record in iter_records(path):
            painting = clean_lido_record(record, "nationalmuseum", "Nationalmuseum")
            if painting and painting.get("notes") and painting.get("title") and painting["key"] not in exclude:
                lido.append(painting)
        if len(lido) >= n_lido:
            break
    fixtures = {r["objectID"] for r in jsonl.read_jsonl(ROOT / "tests" / "fixtures" / "met_objects_60.jsonl")}
    by_id = paintings_by_row_id(ROOT / "data" / "processed")
    test = [by_id[r["id"]] for r in jsonl.read_jsonl(ROOT / "data" / "processed" / "test.jsonl")]
    met = [p for p in test if p["source"] == "met" and p["object_id"] not in fixtures and p["key"] not in exclude]
    heldout = [p for p in (to_painting(r) for r in jsonl.read_jsonl(HELDOUT)) if p["key"] not in exclude]
    return lido[:n_lido] + rng.sample(met, min(n_met, len(met))) + rng.sample(heldout, min(n_heldout, len(heldout))) \
        + unseen_objects(n_met_csv, seed, exclude, paintings=True) + unseen_objects(n_forms, seed, exclude)


def sample_paintings(folder: Path) -> dict[str, dict]:
    """The paintings a written sample was drawn from, by key: its ``paintings.jsonl``, or for the
    samples written before it kept one, the same draw again from its ``summary.json`` (seed,
    counts, the earlier samples it left out)."""
    from museumguide.common import jsonl

    if (folder / "paintings.jsonl").exists():
        return {p["key"]: p for p in jsonl.read_jsonl(folder / "paintings.jsonl")}
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    counts = summary.get("counts", {"lido": 8, "met": 6, "heldout": 6})
    exclude = {row["key"] for f in summary.get("exclude", []) for row in jsonl.read_jsonl(ROOT / f / "guides.jsonl")}
    from museumguide.records.prompt import in_style

    return {p["key"]: in_style(p, summary.get("style", "standard"))
            for p in unseen_paintings(counts["lido"], counts["met"], counts["heldout"], summary["seed"],
                                      exclude, counts.get("forms", 0), counts.get("met_csv", 0))}


def sample(args) -> int:
    from bench.machine import describe
    from museumguide.checks.sentences import CREDIT, check_sentences
    from museumguide.common import jsonl
    from museumguide.guides.generate import UngroundedGuideError, generate_guide, load_run, template_sentences
    from museumguide.checks.readability import summary as readability
    from museumguide.records.prompt import build_prompt, in_style

    machine = describe()
    print(machine["line"], flush=True)
    exclude = {row["key"] for folder in args.exclude for row in jsonl.read_jsonl(folder / "guides.jsonl")}
    # The test split holds a painting once per language and style it was written in: each once here.
    drawn = unseen_paintings(args.lido, args.met, args.heldout, args.seed, exclude, args.forms, args.met_csv)
    paintings = [in_style(p, args.style) for p in {p["key"]: p for p in drawn}.values()]
    load_run(args.adapter)  # converted and loaded once, outside the timing
    guides, seconds = [], []
    for p in paintings:
        start = time.perf_counter()
        try:
            guide = generate_guide(p, adapter=args.adapter, seed=args.seed, style=args.style)
        except UngroundedGuideError:
            guide = ""
        seconds.append(time.perf_counter() - start)
        guides.append(guide)
        print(f"{p['key']}: {len(guide.split())} words, {seconds[-1]:.1f} s", flush=True)
    pool = []
    for p, guide in zip(paintings, guides):
        for v in check_sentences(guide, p, strict=True, template=template_sentences(p, args.seed)) if guide else []:
            if v.verdict != CREDIT:
                pool.append((p, guide, v))
    random.Random(args.seed).shuffle(pool)
    items = [{"id": f"s{i + 1:03d}", "key": p["key"], "sentence": v.text, "guide": g, "prompt": build_prompt(p)}
             for i, (p, g, v) in enumerate(pool)]
    verdicts = [{"id": item["id"], "verdict": v.verdict, "reason": v.reason, "origin": v.origin}
                for item, (_, _, v) in zip(items, pool)]
    words = {True: [], False: []}
    for p, g in zip(paintings, guides):
        words[bool(p.get("notes"))].append(len(g.split()))
    from museumguide.records.notes import without_credit
    from museumguide.records.notes import credit as credit_of

    spoken = [without_credit(g, credit_of(p)) for p, g in zip(paintings, guides) if g]
    summary = {"machine": machine["line"], "adapter": args.adapter, "seed": args.seed, "style": args.style,
               "paintings": len(paintings), "median_words": statistics.median(len(g.split()) for g in spoken)
               if spoken else None, "readability": readability(spoken),
               "refused": sum(not g for g in guides),
               "median_words_with_notes": statistics.median(words[True]) if words[True] else None,
               "median_words_without_notes": statistics.median(words[False]) if words[False] else None,
               "seconds_per_guide": round(statistics.mean(seconds), 1), "spoken_sentences": len(items),
               "no_model_sentence": sum(bool(g) and all(v.origin != "model" for q, _, v in pool if q is p)
                                        for p, g in zip(paintings, guides)),
               "counts": {"lido": args.lido, "met": args.met, "heldout": args.heldout, "forms": args.forms,
                          "met_csv": args.met_csv},
               "forms": dict(sorted(__import__("collections").Counter(p.get("form") for p in paintings).items())),
               "exclude": [str(f) for f in args.exclude]}
    args.out.mkdir(parents=True, exist_ok=True)
    jsonl.write_jsonl_atomic(args.out / "sample.jsonl", items)
    jsonl.write_jsonl_atomic(args.out / "verdicts.jsonl", verdicts)
    jsonl.write_jsonl_atomic(args.out / "guides.jsonl", ({"key": p["key"], "guide": g} for p, g in zip(paintings, guides)))
    jsonl.write_jsonl_atomic(args.out / "paintings.jsonl", paintings)  # what score checks against, as drawn
    jsonl.write_text_atomic(args.out / "summary.json", json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    return 0


def current_verdicts(folder: Path) -> dict[str, dict]:
    """Each sampled sentence's verdict and origin by the checker as it is now (the labels still
    hold when the checker changes), found by its text in its guide."""
    from museumguide.checks.sentences import check_sentences
    from museumguide.common import jsonl
    from museumguide.guides.generate import template_sentences

    seed = json.loads((folder / "summary.json").read_text(encoding="utf-8"))["seed"]
    paintings = sample_paintings(folder)
    out = {}
    for item in jsonl.read_jsonl(folder / "sample.jsonl"):
        p = paintings[item["key"]]
        found = check_sentences(item["guide"], p, strict=True, template=template_sentences(p, seed))
        # exactly that sentence, or the longer one the checker now keeps it in (half of a title)
        v = next((v for v in found if v.text == item["sentence"]), None) or \
            next(v for v in found if item["sentence"] in v.text)
        out[item["id"]] = {"verdict": v.verdict, "reason": v.reason, "origin": v.origin, "sentence": item["sentence"]}
    return out


def score(args) -> int:
    from museumguide.common import jsonl

    rows = list(jsonl.read_jsonl(args.folder / "labels.jsonl"))
    labels = {r["id"]: r["label"] for r in rows}
    visual = {r["id"] for r in rows if r.get("visual")}
    verdicts = current_verdicts(args.folder)
    # Where a sentence came from is a fact of the guide as it was written: the origin recorded
    # then (the template writer has changed since some samples), the verdict the checker's now.
    for row in jsonl.read_jsonl(args.folder / "verdicts.jsonl"):
        verdicts[row["id"]]["origin"] = row["origin"]
    missing = sorted(set(verdicts) - set(labels))
    if missing:
        raise SystemExit(f"{args.folder}: {len(missing)} sentences have no label ({', '.join(missing[:5])} ...)")

    def share(ids: list[str]) -> str:
        good = sum(labels[i] != "unsupported" for i in ids)
        return f"{good} of {len(ids)} ({good / len(ids):.0%})" if ids else "none"

    ids = sorted(verdicts)
    print(f"spoken sentences a curator signs: {share(ids)}")
    for origin in ("model", "notes", "template"):  # as recorded when the sample was drawn
        print(f"  from the {origin}: {share([i for i in ids if verdicts[i]['origin'] == origin])}")
    if visual:
        invented = sorted(i for i in visual if labels[i] == "unsupported")
        print(f"sentences saying what can be seen: {len(visual)}; of them unsupported (a visual detail the "
              f"prompt lacks): {len(invented)}")
    bad = [i for i in ids if labels[i] == "unsupported"]
    flagged = [i for i in ids if verdicts[i]["verdict"] == "unsupported"]
    print(f"struck by the labels: {len(bad)}; of them the checker as it is now flags {len(set(bad) & set(flagged))}")
    print(f"flagged by the checker now: {len(flagged)}; of them labelled unsupported {len(set(bad) & set(flagged))}")
    for i in sorted(set(bad) | set(flagged)):
        print(f"  {i} [{verdicts[i]['origin']}, label: {labels[i]}, checker now: {verdicts[i]['verdict']}"
              f"{' (' + verdicts[i]['reason'] + ')' if verdicts[i]['reason'] else ''}] {verdicts[i]['sentence']}")
    return 0


LABELS = ("supported", "viewing", "unsupported")


def merge(args) -> int:
    """Two blind annotators' ``labels_a.jsonl`` and ``labels_b.jsonl`` into ``labels.jsonl``: a
    sentence either strikes counts as struck (the union rule), each annotator's label kept beside
    it; prints Cohen's kappa on "struck" between the two."""
    from museumguide.common import jsonl

    ids = [row["id"] for row in jsonl.read_jsonl(args.folder / "sample.jsonl")]
    a, b = ({r["id"]: r for r in jsonl.read_jsonl(args.folder / f"labels_{x}.jsonl")} for x in "ab")
    for name, got in (("labels_a", a), ("labels_b", b)):
        if set(got) != set(ids):
            raise SystemExit(f"{args.folder}/{name}.jsonl labels {len(got)} sentences; the sample has {len(ids)}")
        wrong = [i for i in ids if got[i].get("label") not in LABELS]
        if wrong:
            raise SystemExit(f"{args.folder}/{name}.jsonl: no valid label for {', '.join(wrong[:5])}")
    rows = []
    for i in ids:
        row = {"id": i, "label": "unsupported" if "unsupported" in (a[i]["label"], b[i]["label"]) else a[i]["label"],
               "label_a": a[i]["label"], "label_b": b[i]["label"]}
        if "visual" in a[i] or "visual" in b[i]:
            row.update(visual=bool(a[i].get("visual") or b[i].get("visual")),
                       visual_a=bool(a[i].get("visual")), visual_b=bool(b[i].get("visual")))
        rows.append(row)
    jsonl.write_jsonl_atomic(args.folder / "labels.jsonl", rows)
    xa, xb = ([x[i]["label"] == "unsupported" for i in ids] for x in (a, b))
    n = len(ids)
    agree, pa, pb = sum(p == q for p, q in zip(xa, xb)) / n, sum(xa) / n, sum(xb) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    kappa = (agree - chance) / (1 - chance) if chance < 1 else 1.0
    print(f"{args.folder}: {n} sentences, struck by a {sum(xa)}, by b {sum(xb)}, by either "
          f"{sum(r['label'] == 'unsupported' for r in rows)}; Cohen's kappa on struck {kappa:.2f}")
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="write strict guides and their spoken sentences for labelling")
    s.add_argument("--adapter", default=str(ROOT / "artifacts" / "smollm2-135m-cpu"))
    s.add_argument("--seed", type=int, default=4)
    s.add_argument("--lido", type=int, default=8, help="unseen Nationalmuseum paintings with English notes")
    s.add_argument("--met", type=int, default=6, help="Met paintings of the test split outside the fixtures")
    s.add_argument("--heldout", type=int, default=6, help="hand-written paintings of other museums")
    s.add_argument("--forms", type=int, default=0, help="unseen Met objects of other forms than paintings (the "
                   "Open Access CSV sample outside the bundled records), drawn form by form")
    s.add_argument("--met-csv", type=int, default=0, help="unseen Met paintings of the Open Access CSV sample "
                   "outside the bundled records (the Met's fields, no curator notes)")
    s.add_argument("--style", default="standard", help="the guides' style (standard, short, family, description)")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--exclude", type=Path, nargs="*", default=[],
                   help="folders of earlier samples whose paintings are left out (a fresh sample)")
    c = sub.add_parser("score", help="score a labelled sample")
    c.add_argument("folder", type=Path)
    m = sub.add_parser("merge", help="join two blind annotators' labels (labels_a/b.jsonl) by the union rule")
    m.add_argument("folder", type=Path)
    args = p.parse_args(argv)
    return {"sample": sample, "score": score, "merge": merge}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
