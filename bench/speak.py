"""Narration speed: Piper's real-time factor on the CPU.

    .venv/bin/python bench/speak.py

Synthesises the first N training scripts (each 90-150 words, 35-55 s of speech) after one
warm-up sentence, and reports synthesis time over audio time (below 1 is faster than real
time; the goal is under 0.2), for WAV and for MP3 (synthesis plus LAME encoding).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from museumguide.data.dataset import load_split  # noqa: E402
from museumguide.records.prompt import END_MARKER  # noqa: E402
from museumguide import speak  # noqa: E402
from museumguide.voice import speak as speak_module  # noqa: E402
from bench.machine import describe  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-n", type=int, default=5)
    args = p.parse_args()
    texts = [r["completion"][: -len(END_MARKER)] for r in load_split(ROOT / "data/processed/train.jsonl")[: args.n]]
    print(describe()["line"], flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        speak("Welcome to the museum.", Path(tmp) / "warm.wav")  # loads the voice
        print("| format | scripts | audio seconds | synthesis seconds | real-time factor |")
        print("|---|---:|---:|---:|---:|")
        sentences = 0
        for suffix in (".wav", ".mp3"):
            audio = synth = 0.0
            for i, text in enumerate(texts):
                t0 = time.monotonic()
                narration = speak(text, Path(tmp) / f"{i}{suffix}")
                audio += narration.seconds
                sentences += len(narration.cues) if suffix == ".wav" else 0
                synth += time.monotonic() - t0
            print(f"| {suffix[1:].upper()} | {len(texts)} | {audio:.1f} | {synth:.1f} | {synth / audio:.3f} |")
        print(f"\n{sentences} sentences, each followed by {speak_module.SENTENCE_PAUSE} s of silence "
              f"({sentences * speak_module.SENTENCE_PAUSE:.1f} s of the WAV audio)")


if __name__ == "__main__":
    main()
