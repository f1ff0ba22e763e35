"""The headline job: 100 bundled paintings to a narrated tour zip, end to end, on the default engine.

    .venv/bin/python bench/tour.py --adapter artifacts/smollm2-135m-cpu --n 100

In one fresh process: strict guides for the first ``--n`` bundled paintings
(``generate_guides`` on the machine's default engine, seeded, refusals skipped), then each kept
guide narrated to MP3 by Piper and the whole exported as a tour zip (MP3s, transcripts,
manifest) by the gallery page's own ``GuideService``. Prints where the time goes, what narration
costs per minute of speech, the zip, and the peak resident memory after generation (before the
voice loads) and at the end.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # kB on Linux


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default=str(ROOT / "artifacts/smollm2-135m-cpu"))
    p.add_argument("--processed-dir", type=Path, default=ROOT / "data/processed")
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--out", type=Path, help="folder for the tour (default: a temporary one)")
    args = p.parse_args()
    print(describe()["line"], flush=True)
    from museumguide.guides.generate import generate_guides
    from museumguide.records.clean import load_paintings
    from museumguide.tours.service import GuideService
    from museumguide.voice.speak import speak

    start = time.perf_counter()
    records = load_paintings(args.processed_dir)[: args.n]
    guides = generate_guides(records, batch_size=args.batch_size, adapter=args.adapter, seed=0, strict=True,
                             skip_refused=True, progress=True)
    generated, gen_peak = time.perf_counter(), peak_gb()
    kept = {r["key"]: g for r, g in zip(records, guides) if g}
    out = args.out or Path(tempfile.mkdtemp(prefix="tour-"))
    service = GuideService({r["key"]: r for r in records if r["key"] in kept}, out,
                           lambda painting: kept[painting["key"]], lambda text, path: speak(text, path, lexicon="starter"))
    stops = list(kept)
    for key in stops:
        service.request(key)
    service.wait(stops, timeout=3600)
    zipped = service.export_tour("bench tour", stops)
    end = time.perf_counter()
    with zipfile.ZipFile(zipped) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = zf.namelist()
    speech = sum(stop["seconds"] or 0 for stop in manifest["stops"])
    narration = end - generated
    print(f"\n{len(records)} paintings -> {len(stops)} stops ({len(records) - len(stops)} refused by strict), "
          f"{len(names)} files in {zipped} ({zipped.stat().st_size / 1e6:.1f} MB)\n")
    print("| stage | seconds | share |\n|---|---:|---:|")
    for name, seconds in (("strict guides (generation)", generated - start), ("narration and zip", narration)):
        print(f"| {name} | {seconds:.0f} | {seconds / (end - start):.0%} |")
    print(f"| total | {end - start:.0f} ({(end - start) / 60:.1f} min) | |")
    print(f"\nspeech {speech / 60:.1f} min: narration costs {narration / (speech / 60):.1f} s per minute of speech; "
          f"peak RSS {gen_peak:.2f} GB after generation, {peak_gb():.2f} GB at the end")


if __name__ == "__main__":
    main()
