"""Issue 23's goals: a 10-painting tour export against the export as it was before, side by side.

    .venv/bin/python bench/tour_export.py --adapter artifacts/smollm2-24 --n 10 --rounds 2

In one process: strict guides for the first ``--n`` bundled paintings are written once (seeded,
the machine's default engine; both exports start from the same texts, so generation is timed once
and shown apart). Then, alternating ``--rounds`` times:

- before: the ``GuideService`` and ``speak`` of commit ``--before`` (d112b75, the last before the
  new export), loaded from git: each guide narrated whole, then a zip of MP3s, transcripts and
  manifest;
- after: today's service and voice: narrated sentence by sentence with the starter lexicon, then
  the full export (player, WebVTT, feed, IIIF manifest, QR labels with a base URL) as a zip.

Prints the machine line, each round's seconds, the ratio of the medians (narration and export,
and with generation added), and the player page's size.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402


def module_at(commit: str, path: str, name: str):
    """The module ``path`` as it was at ``commit``, imported under ``name``."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                            capture_output=True, text=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="before-"))
    (folder / f"{name}.py").write_text(source)
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def export_once(service_cls, narrate, paintings: dict, guides: dict, out: Path, **export_args) -> tuple[float, Path]:
    start = time.perf_counter()
    service = service_cls(paintings, out, lambda p: guides[p["key"]], narrate)
    keys = list(guides)
    for key in keys:
        service.request(key)
    service.wait(keys, timeout=3600)
    path = service.export_tour("bench tour", keys, **export_args)
    return time.perf_counter() - start, path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--adapter", default=str(ROOT / "artifacts/smollm2-135m-cpu"))
    p.add_argument("--processed-dir", type=Path, default=ROOT / "data/processed")
    p.add_argument("--n", type=int, default=10)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--before", default="d112b75", help="the commit whose export is the baseline")
    args = p.parse_args()
    print(describe()["line"], flush=True)
    from museumguide.guides.generate import generate_guides
    from museumguide.records.clean import load_paintings
    from museumguide.tours.service import GuideService
    from museumguide.voice.lexicon import load_lexicon
    from museumguide.voice.speak import speak

    old_speak = module_at(args.before, "museumguide/voice/speak.py", "speak_before").speak
    OldService = module_at(args.before, "museumguide/tours/service.py", "service_before").GuideService
    records = load_paintings(args.processed_dir)[: args.n]
    start = time.perf_counter()
    texts = generate_guides(records, batch_size=16, adapter=args.adapter, seed=0, strict=True, skip_refused=True)
    generation = time.perf_counter() - start
    guides = {r["key"]: g for r, g in zip(records, texts) if g}
    paintings = {r["key"]: r for r in records if r["key"] in guides}
    names = load_lexicon("starter")
    speak("Warm up the voice.", Path(tempfile.mkdtemp()) / "warm.wav")
    before, after = [], []
    for n in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            seconds, _ = export_once(OldService, lambda t, path: old_speak(t, path).seconds, paintings, guides,
                                     Path(tmp) / "before")
            before.append(seconds)
            seconds, path = export_once(GuideService, lambda t, path: speak(t, path, lexicon=names), paintings,
                                        guides, Path(tmp) / "after", base_url="https://museum.example/tour/")
            after.append(seconds)
            with zipfile.ZipFile(path) as zf:
                page_kb = zf.getinfo("index.html").file_size / 1024
                files = len(zf.namelist())
        print(f"round {n + 1}: before {before[-1]:.1f} s, after {after[-1]:.1f} s", flush=True)
    b, a = statistics.median(before), statistics.median(after)
    print(f"\n{len(records)} paintings, {len(guides)} stops; strict generation {generation:.1f} s (once, shared)\n")
    print("| | before (d112b75) | after | ratio |\n|---|---:|---:|---:|")
    print(f"| narration and export, median of {args.rounds} | {b:.1f} s | {a:.1f} s | {a / b:.2f}x |")
    print(f"| with generation | {b + generation:.1f} s | {a + generation:.1f} s | {(a + generation) / (b + generation):.2f}x |")
    print(f"\nplayer page index.html: {page_kb:.1f} KB without the audio; {files} files in the export")


if __name__ == "__main__":
    main()
