"""The real guide service: the fine-tuned run writes, Piper narrates, one folder per language and style.

    from museumguide.tours.defaults import default_service, track_dir
    service = default_service(paintings, track_dir(run / "web", "en", "family"), run, style="family")

``museumguide.tours.service.GuideService`` takes any writer and narrator (the tests give it fakes
where the model is not the point); this module gives it the real ones.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Mapping

from museumguide.common import jsonl
from museumguide.tours.service import LEXICON_FILE, GuideService


def default_service(paintings: Mapping[Any, dict], out_dir: Path, adapter=None, max_new_tokens: int = 300,
                    seed: int | None = 0, lexicon: str | Path | None = None, strict: bool = True,
                    language: str = "en", voice: str | Path | None = None,
                    pool: ThreadPoolExecutor | None = None, style: str = "standard") -> GuideService:
    """The real thing: the fine-tuned run writes (``strict``: only sentences the checker passes),
    Piper narrates. ``lexicon`` (a ``term,say`` CSV, or "starter") is checked, copied to
    ``<out_dir>/lexicon.csv`` and used from then on; without one, a lexicon kept there by an
    earlier run is used, else the starter lexicon shipped with the package. ``language``: the
    guides' and the narration's (``voice``, a Piper model, or the voice found for the language;
    espeak-ng, marked as a synthetic fallback, where there is none). ``pool``: a one-worker pool
    shared with the services of other languages, so that one model writes one guide at a time."""
    from museumguide.guides.generate import generate_guide
    from museumguide.voice.lexicon import lexicon_path, load_lexicon
    from museumguide.voice.speak import speak
    from museumguide.voice.voices import find_voice

    kept = Path(out_dir) / LEXICON_FILE
    if lexicon is not None:
        load_lexicon(lexicon)  # a bad file fails here, before it replaces a good one
        source = lexicon_path(lexicon)
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        if source.resolve() != kept.resolve():
            with jsonl.atomic_open(kept, "wb") as fh:
                fh.write(source.read_bytes())
    names = load_lexicon(kept if kept.is_file() else "starter")

    find_voice(language, voice)  # no voice for the language fails here, not at the first guide

    def write(painting: dict) -> str:
        return generate_guide(painting, adapter=adapter, seed=seed, max_new_tokens=max_new_tokens, strict=strict,
                              language=language, style=style)

    def narrate(text: str, path: Path):
        return speak(text, path, lexicon=names, language=language, voice=voice)

    from museumguide.guides.generate import template_sentences

    return GuideService(paintings, out_dir, write, narrate, language, pool,
                        template_of=(lambda p: template_sentences(p, seed, language)) if strict else None, style=style)


def track_dir(web_dir: Path, language: str = "en", style: str = "standard") -> Path:
    """Where the guides of one language and style are kept: English standard guides in the web
    folder itself (as before languages and styles), another language's in ``<web>/<code>``, a
    style's in a folder of its name below that ("<web>/family", "<web>/sv/short")."""
    base = Path(web_dir) if language == "en" else Path(web_dir) / language
    return base if style == "standard" else base / style
