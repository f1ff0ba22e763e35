"""Issue 24's held-out goal: Swedish strict guides from the embedded default, beside English ones.

    .venv/bin/python bench/languages.py --adapter artifacts/smollm2-135m-cpu --n 20

The paintings: Nationalmuseum records with curator text in both Swedish and English from
``tests/fixtures/nationalmuseum_lido`` that are not among the 60 bundled in
``data/raw/lido-sample`` (so no run has trained on them and no test tunes to them), the first
``--n`` by key. For each, a strict guide in Swedish and one in English (seed 0, the machine's
default engine). Prints, per language: guides refused, years and numbers the prompt does not
support (the claims check), note statements carried (median), words (median), seconds; and for
the pairs where both were written, how many state a year, number or name the other lacks beyond
what their notes differ in.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402

YEAR_OR_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
CAPITALISED = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéü]+$")


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


def numbers(text: str) -> set[str]:
    return {m.replace(",", ".") for m in YEAR_OR_NUMBER.findall(text)}


def names(text: str, titles: str) -> set[str]:
    """Capitalised words of ``text`` not starting a sentence and not in the painting's titles
    (a title is the language's own): the names it states."""
    from museumguide.common.text import sentences

    out = set()
    for sentence in sentences(text):
        words = re.findall(r"[\wåäöÅÄÖéü]+", sentence)[1:]
        out |= {w for w in words if CAPITALISED.match(w) and w not in titles}
    return out


def facts(text: str, titles: str) -> set[str]:
    """Years, numbers and names ``text`` states, its credit line left out (the same in both)."""
    text = re.sub(r"\n\nText adapted from .*$", "", text.strip(), flags=re.S)
    return numbers(text) | names(text, titles)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default=str(ROOT / "artifacts/smollm2-135m-cpu"))
    p.add_argument("--n", type=int, default=20)
    p.add_argument("--results", type=Path, default=ROOT / "bench/results/languages.json")
    args = p.parse_args()
    print(describe()["line"], flush=True)
    from museumguide.checks import grounding
    from museumguide.checks.substance import note_statements
    from museumguide.guides.generate import generate_guides
    from museumguide.records.prompt import build_prompt, in_language

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
            # A guide may state what its own language's notes say and the other's do not (the notes
            # differ: a translation names "Jacob" where the Swedish has "Jakob"); beyond that, a
            # year, number or name one guide states must be in the other language's prompt too.
            sv, en = in_language(painting, "sv"), in_language(painting, "en")
            titles = f"{sv['title']} {en['title']} Unknown Okänd"
            prompts = {k: build_prompt(v, k) for k, v in (("sv", sv), ("en", en))}
            notes_only_sv = facts(sv["notes"], titles) - facts(en["notes"], titles)
            notes_only_en = facts(en["notes"], titles) - facts(sv["notes"], titles)
            row["sv_only"] = sorted(facts(row["sv"]["guide"], titles) - facts(prompts["en"], titles) - notes_only_sv)
            row["en_only"] = sorted(facts(row["en"]["guide"], titles) - facts(prompts["sv"], titles) - notes_only_en)
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
