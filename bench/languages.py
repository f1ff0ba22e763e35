"""Issue 24's held-out goal: Swedish strict guides from the embedded default, beside English ones.

    .venv/bin/python bench/languages.py --adapter artifacts/smollm2-135m-cpu --n 20

The paintings: Nationalmuseum records with curator text in both Swedish and English from
``tests/fixtures/nationalmuseum_lido`` that are not among the 60 bundled in
``data/raw/lido-sample`` (so no run has trained on them and no test tunes to them), the first
``--n`` by key. For each, a strict guide in Swedish and one in English (seed 0, the machine's
default engine). Prints, per language: guides refused, years and numbers the prompt does not
support (the claims check), note statements carried (median), words (median), seconds; and for
the pairs where both were written, how many state a year, number or name the other lacks beyond
what their notes differ in (``museumguide.checks.translation.compare_translation``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402


def held_out(n: int) -> list[dict]:
    from museumguide.records import lido

    bundled = {p.name for p in (ROOT / "data/raw/lido-sample").glob("*.xml")}
    files = [f for f in sorted((ROOT / "tests/fixtures/nationalmuseum_lido").glob("*.xml")) if f.name not in bundled]
    out = []
    for f in files:
        for record in lido.read_file(f):
            p = lido.clean_lido_record(record, "nationalmuseum", "Nationalmuseum, Sweden")
            if all("notes" in p["languages"].get(k, {}) for k in ("sv", "en")):
                out.append(p)
    return sorted(out, key=lambda p: p["key"])[:n]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default=str(ROOT / "artifacts/smollm2-135m-cpu"))
    p.add_argument("--n", type=int, default=20)
    p.add_argument("--results", type=Path, default=ROOT / "bench/results/languages.json")
    args = p.parse_args()
    print(describe()["line"], flush=True)
    from museumguide.checks import grounding
    from museumguide.checks.substance import note_statements
    from museumguide.checks.translation import compare_translation
    from museumguide.guides.generate import generate_guides
    from museumguide.records.prompt import in_language

    paintings = held_out(args.n)
    guides, seconds = {}, {}
    for lang in ("sv", "en"):
        start = time.perf_counter()
        guides[lang] = generate_guides(paintings, batch_size=8, adapter=args.adapter, seed=0, strict=True,
                                       skip_refused=True, language=lang, progress=True)
        seconds[lang] = (time.perf_counter() - start) / len(paintings)
    rows = []
    for i, painting in enumerate(paintings):
        row = {"key": painting["key"]}
        for lang in ("sv", "en"):
            local, text = in_language(painting, lang), guides[lang][i]
            claims = grounding.claims(text, local) if text else []
            row[lang] = {"guide": text, "refused": not text, "words": len(text.split()),
                         "unsupported_years_numbers": [c.text for c in claims
                                                       if c.kind in ("year", "number") and not c.supported],
                         "note_statements": len(note_statements(text, local)) if text else 0}
        if row["sv"]["guide"] and row["en"]["guide"]:
            diff = compare_translation(row["sv"]["guide"], row["en"]["guide"], painting, "sv", "en")
            row["sv_only"], row["en_only"] = sorted(diff.only_in_guide), sorted(diff.only_in_other)
        rows.append(row)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\n{len(paintings)} held-out bilingual Nationalmuseum paintings; guides in {args.results}\n")
    print("| language | refused | unsupported years/numbers | note statements (median) | words (median) | s/guide |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang in ("sv", "en"):
        kept = [r[lang] for r in rows if not r[lang]["refused"]]
        print(f"| {lang} | {sum(r[lang]['refused'] for r in rows)} of {len(rows)} | "
              f"{sum(len(r['unsupported_years_numbers']) for r in kept)} | "
              f"{statistics.median([r['note_statements'] for r in kept]) if kept else '-'} | "
              f"{statistics.median([r['words'] for r in kept]) if kept else '-'} | {seconds[lang]:.1f} |")
    pairs = [r for r in rows if "sv_only" in r]
    differ = [r for r in pairs if r["sv_only"] or r["en_only"]]
    print(f"\npairs written in both: {len(pairs)}; a guide stating a year, number or name the other "
          f"language's prompt lacks, beyond what the two notes differ in: {len(differ)}")
    for r in differ[:5]:
        print(f"  {r['key']}: sv only {r['sv_only']}, en only {r['en_only']}")


if __name__ == "__main__":
    main()
