"""The whole pipeline on the bundled real Met records, on a CPU, in minutes.

    python -m museumguide.demo          # what `make demo` runs

Collect (from the bundled API records), write training data, fine-tune SmolLM2-135M-Instruct
with 4-bit QLoRA for a few dozen steps, then evaluate it against its base model on three
held-back paintings and print their guides and the evaluation summary, and finally narrate those
guides into a tour zip for offline playback and say how to open the gallery page. Each stage is
the same code its own CLI runs; re-running the demo trains again unless ``--skip-train``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from museumguide import collect, jsonl, scripts
from museumguide.paths import ARTIFACTS_DIR, PAINTINGS_FILE, PROCESSED_DIR, RAW_DIR

SAMPLE = RAW_DIR / "met-sample" / "objects.jsonl"
RECIPE = Path("recipes/smollm2-135m-cpu.yaml")
RUN_DIR = ARTIFACTS_DIR / "smollm2-135m-cpu"


def banner(text: str, start: float) -> None:
    """A stage's title, with the minutes since the demo began (where the time goes, at a glance)."""
    print(f"\n=== {text} === [{(time.monotonic() - start) / 60:.1f} min]", flush=True)


def narrate_tour(guides: dict[int, str]) -> Path:
    """Narrate already written guides (no second generation) and export them as a tour zip."""
    from museumguide.speak import speak
    from museumguide.tours import GuideService

    paintings = {p["object_id"]: p for p in jsonl.read_jsonl(PROCESSED_DIR / PAINTINGS_FILE)
                 if p["object_id"] in guides}
    out_dir = RUN_DIR / "tour"
    shutil.rmtree(out_dir, ignore_errors=True)  # this run's guides, not a previous run's
    service = GuideService(paintings, out_dir, lambda p: guides[p["object_id"]],
                           lambda text, path: speak(text, path).seconds)
    stops = list(guides)
    for object_id in stops:
        service.request(object_id)
    service.wait(stops, timeout=600)
    return service.export_tour("demo tour", stops)


def stage(module: str, *argv: str) -> int:
    """Run a model stage in its own process, so that its memory is the system's again when it
    ends and the demo's peak is the largest stage's, not their sum."""
    return subprocess.run([sys.executable, "-m", f"museumguide.{module}", *argv]).returncode


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.demo", description=__doc__.split("\n")[0])
    p.add_argument("--skip-train", action="store_true", help="re-use the last demo run if there is one")
    p.add_argument("--guides", type=int, default=2, help="held-back paintings to evaluate and print")
    p.add_argument("--max-new-tokens", type=int, default=240, help="per guide in the evaluation (scripts are "
                   "90-150 words, about 200 tokens; a base model that rambles stops here)")
    args = p.parse_args(argv)
    start = time.monotonic()

    banner("1/5 collect: bundled Met API records -> data/processed/paintings.jsonl", start)
    if collect.main(["--from-file", str(SAMPLE), "--no-progress"]) != 0:
        return 1
    banner("2/5 training data: grounded scripts -> data/processed/{train,val,test}.jsonl", start)
    if scripts.main(["--no-progress"]) != 0:
        return 1
    banner("3/5 fine-tune SmolLM2-135M-Instruct, 4-bit QLoRA on the CPU", start)
    if not (args.skip_train and (RUN_DIR / "adapter_config.json").is_file()):
        if stage("train", "--config", str(RECIPE), "--no-progress") != 0:
            return 1
    banner(f"4/5 evaluate against the base model on {args.guides} held-back paintings (test split)", start)
    if stage("evaluate", "--split", "test", "--limit", str(args.guides), "--adapter", str(RUN_DIR),
             "--max-new-tokens", str(args.max_new_tokens), "--systems", "base,fine-tuned,fine-tuned gated",
             "--no-progress") != 0:
        return 1
    tuned = [row for row in jsonl.read_jsonl(RUN_DIR / "eval" / "guides.jsonl") if row["system"] == "fine-tuned gated"]
    for row in tuned:
        dropped = f"\n(fact check dropped sentences claiming: {', '.join(row['dropped'])})" if row["dropped"] else ""
        print(f"\n## {row['title']}\n{row['guide']}{dropped}")
    guides = {row["object_id"]: row["guide"] for row in tuned}

    banner("5/5 narrate the held-back guides as a tour", start)
    zip_path = narrate_tour(guides)
    print(f"tour audio, transcripts and manifest: {zip_path}")
    print("browse, generate and listen in the gallery page: .venv/bin/python -m museumguide.web "
          "then open http://127.0.0.1:8000")
    print(f"\ndemo finished in {(time.monotonic() - start) / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
