"""Generate audio-guide scripts with a fine-tuned run, checked against their prompt's facts.

    python -m museumguide.generate --object-id 437854          # a collected painting (or aic-6565)
    python -m museumguide.generate --json record.json --seed 1 --no-strict   # the best candidate whole
    python -m museumguide.generate --batch data/processed/paintings.jsonl --out guides.jsonl

    from museumguide import generate_guide, check_guide
    guide = generate_guide({"title": "Whalers", "artist": "J. M. W. Turner", "date": "ca. 1845"})
    check_guide(guide, {"title": "Whalers", "artist": "J. M. W. Turner", "date": "ca. 1845"})

Gated generation: ``candidates`` texts are sampled in one batch, each sentence of each is judged
against its prompt (``museumguide.checks.sentences``: supported, viewing or unsupported), and the
best one is returned: title and artist reproduced exactly, then the fewest unsupported sentences,
then the most statements carried from the curator notes (``museumguide.checks.substance``), then
stopped on ``<END>``, then the model's own likelihood. ``strict=True``, the default of
``generate_guide``, ``generate``, the page and tours, goes further: the guide
opens with a sentence naming the work and artist exactly as the metadata does (the training
scripts' own openings), followed, when the prompt has curator notes, by ``LEAD_NOTES`` of their
sentences in the guide's voice as the training scripts carry them; the model writes on from there,
candidates are ranked by how much of them survives, and only sentences supported or viewing by the
checker's publishing standard are kept (the opening's too), the best candidate's first, then what
the others add (``museumguide.guides.compose``), each fact said once; what was struck is logged
with its reason (the command prints it). If none of the model's sentences is left, the painting
gets ``STRICT_RETRIES`` more rounds of as many candidates (other draws, ranked with the first).
An English guide shorter than ``compose.TARGET_WORDS`` is then filled with the template writer's
sentences of the record's own facts (``data.writers.template.metadata_sentences``: the artist's
life, when and in what it was made, its size) that say something not yet said; only a guide that
would say nothing beyond its first sentence raises ``UngroundedGuideError``. ``check_sentences``
with the result's ``template`` sentences says where each sentence came from (model, notes,
template). Greedy decoding (``temperature=0``) gives one candidate.

``language`` asks for a guide in another language (Swedish, French, German, Spanish, Italian): the
prompt shows the record's title and notes in it, a strict opening is that language's
(``museumguide.checks.languages``) with notes sentences carried as the curator wrote them.
The sentence checker's invitations and vetted statements are English: in another language it
passes what the prompt's own words back and strikes the rest, so it errs towards striking.

``backend``: the engine that writes (``museumguide.model.backends``): on a CPU, ONNX Runtime GenAI by
default where it is installed (the run converted once, int8), else transformers;
``backend="transformers"`` keeps the 4-bit path as trained. Both give every step above.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from museumguide.checks import grounding
from museumguide.checks.sentences import CREDIT, SentenceVerdict, check_sentences
from museumguide.checks.substance import note_statements
from museumguide.common import jsonl
from museumguide.common.paths import PAINTINGS_FILE, PROCESSED_DIR
from museumguide.data.writers.template import metadata_sentences, opening
from museumguide.guides.compose import TARGET_WORDS, compose, facts, is_close, within
from museumguide.guides.decode import DEFAULT_MAX_NEW_TOKENS, Sample
from museumguide.model.backends import BACKENDS, load_run  # noqa: F401 - public here too
from museumguide.model.runs import NoAdapterError, Run, find_run  # noqa: F401 - public here too
from museumguide.records.notes import credit, with_credit
from museumguide.records.prompt import LANGUAGES, build_prompt, check_language, in_language, in_style, to_painting
from museumguide.records.styles import MAX_WORDS as STYLE_MAX_WORDS, STYLES, TARGET_WORDS as STYLE_TARGET_WORDS

log = logging.getLogger(__name__)

DEFAULT_CANDIDATES = 1
"""Samples per guide by default when not ``strict``: one is the cheapest."""
STRICT_CANDIDATES = 2
"""Samples per guide by default with ``strict``: every strict guide keeps only supported and viewing
sentences whatever the number, and more candidates give it more of the model's own that survive.
Chosen from the curve of the CPU recipe's run trained to the end on 40 held-back paintings
(bench/strict.py, docs/benchmarks.md): none refused at any N; the model's own words (median) 54 at
1 candidate, 64 at 2, 72 at 4, 80 at 8, for 1.9, 3.0, 5.2 and 9.1 s a guide. Two buy the largest
step for the seconds; four add 8 words for 2.2 s more."""


STRICT_RETRIES = 1
"""With ``strict``, how many more rounds of as many candidates a painting gets when no sentence of
the first round survived, before it is refused: the cost falls only on the paintings that need
it (bench/generate.py and bench/tour.py count refusals and seconds with it)."""


LEAD_NOTES = 2
"""With ``strict``, how many curator-notes sentences the opening carries before the model writes
on: the curator's statements reach the visitor whatever the model adds (bench/notes.py measures
what the model carries on its own)."""


LEAD_FACTS = False
"""With ``strict``, whether the opening also says the artist's life and when and in what the work
was made, as the training scripts do, before the model writes on. Off: the model then writes those
sentences itself, which are the ones that survive the checker most often; with them given, more
strict guides were refused (bench/strict.py --opening, docs/benchmarks.md)."""


def template_sentences(painting: Mapping, seed: int | None = 0, language: str = "en") -> list[str]:
    """The sentences a strict guide for ``painting`` may take from the template writer with this
    ``seed``: its opening's and the metadata sentences that fill it. What ``check_sentences(...,
    template=...)`` needs to tell them from the model's, once only the text is kept (the page)."""
    from museumguide.common.text import sentences

    if painting.get("style"):
        return _style_writer(seed).sentences(painting, painting["style"])
    start = opening(painting, seed, notes=LEAD_NOTES, facts=LEAD_FACTS and language == "en", language=language)
    return sentences(start, language) + (metadata_sentences(painting, seed) if language == "en" else [])


def _style_writer(seed: int | None):
    from museumguide.data.writers.styles import StyleWriter

    return StyleWriter(seed or 0)


def _opening(p: Mapping, seed: int | None, language: str) -> str:
    """A strict guide's opening: the style's own (``data.writers.styles``), else the standard one."""
    if p.get("style"):
        return _style_writer(seed).opening(p, p["style"])
    return opening(p, seed, notes=LEAD_NOTES, facts=LEAD_FACTS and language == "en", language=language)


def _fill_sentences(p: Mapping, seed: int | None) -> list[str]:
    """What a strict English guide is filled with: the record's facts as the training scripts say
    them, in the guide's style (a family guide's are a family script's)."""
    if p.get("style"):
        return _style_writer(seed).sentences(p, p["style"])[1:]
    return metadata_sentences(p, seed)


class UngroundedGuideError(ValueError):
    """``strict=True`` and the guide would say nothing beyond its opening: no sentence the model
    wrote, in any candidate, survived the checker, and the record has no fact left to fill it with
    (in English; other languages are not filled)."""


@dataclass
class GuideResult:
    """One guide and how it was chosen."""

    text: str
    stop: str | None
    unsupported: list[grounding.Claim]
    """Claims of ``text`` the prompt does not support (empty after ``strict``)."""
    candidates: int = 1
    dropped: list[SentenceVerdict] = field(default_factory=list)
    """With ``strict``: the sentences removed, each with the reason it was unsupported."""
    seconds: float = 0.0
    opening: str = ""
    """With ``strict``: what the guide opened with before the model wrote (the hook and any
    notes sentences)."""
    model_sentences: int = 0
    """With ``strict``: how many of the model's own sentences the guide keeps."""
    template: list[str] = field(default_factory=list)
    """With ``strict``: the template writer's sentences in ``text`` (the opening's and the
    metadata sentences that filled it), so ``check_sentences`` can say each sentence's origin."""


def _rank_key(painting: Mapping, cand: Sample, start: str, strict: bool) -> tuple:
    text = f"{start} {cand.text}".strip()
    verdicts = [v for v in check_sentences(text, painting, strict=strict) if v.start >= len(start)]
    kept = sum(len(v.text.split()) for v in verdicts if v.verdict != "unsupported")
    bad = sum(v.verdict == "unsupported" for v in verdicts)
    if strict:  # what the visitor will hear is what survives: the most of it, then the least struck
        return (-kept, bad, cand.stop is None)
    artist = painting.get("artist")
    # A text that does not name the work is no guide to it, however little it claims: naming
    # comes first, then the fewest unsupported sentences, then the most carried from the notes.
    return (not grounding.exact_mention(text, painting.get("title")),
            bool(artist) and not grounding.artist_exact(text, artist),
            bad, -len(note_statements(text, painting)), -kept, cand.stop is None)


def rank(run: Run, prompt: str, painting: Mapping, cands: list[Sample], add_special_tokens: bool = True,
         start: str = "", strict: bool = False) -> list[Sample]:
    """The candidates best first by their sentences' verdicts (``_rank_key``); a tie for first
    place goes to the model's own likelihood."""
    if len(cands) == 1:  # nothing to choose between (the default): finish() checks it once
        return list(cands)
    keys = [_rank_key(painting, c, start, strict) for c in cands]
    order = sorted(range(len(cands)), key=keys.__getitem__)
    tied = [i for i in order if keys[i] == keys[order[0]]]
    if len(tied) > 1:
        from museumguide.guides.decode import mean_logprobs

        scores = mean_logprobs(run, prompt, [cands[i] for i in tied], add_special_tokens)
        best = tied[max(range(len(tied)), key=scores.__getitem__)]
        order = [best] + [i for i in order if i != best]
    return [cands[i] for i in order]


def choose(run: Run, prompt: str, painting: Mapping, cands: list[Sample], add_special_tokens: bool = True,
           start: str = "", strict: bool = False) -> Sample:
    """The best candidate (see ``rank``)."""
    return rank(run, prompt, painting, cands, add_special_tokens, start, strict)[0]


def finish(painting: Mapping, chosen: Sample, n: int, strict: bool, seconds: float, start: str = "",
           others: Iterable[Sample] = (), fill: list[str] | None = None) -> GuideResult:
    """The chosen text as a result; with ``strict``, after ``start`` (the opening the model
    continued) with only its supported and viewing sentences (the opening's too), then surviving
    sentences of the ``others`` candidates (``museumguide.guides.compose``), each fact said once;
    then, while the guide is shorter than ``compose.TARGET_WORDS``, the template writer's
    sentences of the record's facts (``fill``) that state something not yet said. Empty when the
    guide would say nothing beyond its first sentence."""
    text = f"{start} {chosen.text}".strip()
    if not strict:
        bad = [c for c in grounding.claims(text, painting) if not c.supported]
        return GuideResult(text, chosen.stop, bad, n, seconds=seconds)
    verdicts = check_sentences(text, painting, strict=True)
    # The credit line is added once, after the guide; one the model wrote is no sentence of it.
    kept = [v.text for v in verdicts if v.verdict not in ("unsupported", CREDIT)]
    dropped = [v for v in verdicts if v.verdict == "unsupported"]
    borrowed = [[v.text for v in check_sentences(f"{start} {c.text}".strip(), painting, strict=True)
                 if v.verdict not in ("unsupported", CREDIT) and v.start >= len(start)] for c in others]
    style = painting.get("style") or "standard"
    body = compose(kept, borrowed, STYLE_TARGET_WORDS[style], STYLE_MAX_WORDS[style])
    given = [v.text for v in verdicts if v.verdict != "unsupported" and v.start < len(start)]  # the opening's
    own = [s for s in body if s not in given]
    # Fill sentences are checked again against this painting, as every sentence of a guide is.
    fill = [s for s in fill or [] if all(v.verdict == "supported" for v in check_sentences(s, painting, strict=True))]
    body = _fill(body, fill, after=max(len(given), 1), target=STYLE_TARGET_WORDS[style])
    body = _standing_together(within(_required(body, painting, fill), STYLE_MAX_WORDS[style]), painting)
    added = [s for s in body if s in fill and s not in own]
    template = [s for s in body if s in given or s in added]
    # A guide says something beyond its opening: the model's own words or the record's facts.
    text = " ".join(body) if own or added else ""
    return GuideResult(text, chosen.stop, [], n, dropped, seconds, start.strip(), len(own), template if text else [])


def _standing_together(body: list[str], painting: Mapping) -> list[str]:
    """``body`` without the sentences the checker strikes once they stand together in one guide: a
    fill sentence that says the size or a date the model's sentences said in other words (seed 22:
    "about 752 by 1511 centimetres" twice, the second with a judgement added). The opening stays."""
    for _ in range(2):  # a sentence struck may leave another leaning on nothing
        struck = {v.text for v in check_sentences(" ".join(body), painting, strict=True) if v.verdict == "unsupported"}
        if not struck & set(body[1:]):
            break
        body = body[:1] + [s for s in body[1:] if s not in struck]
    return body


def _required(body: list[str], painting: Mapping, fill: list[str]) -> list[str]:
    """``body`` with what its style must hold and the model left out (a family guide's question to
    talk about, ``data.writers.styles.StyleWriter.required``), each the style's own checked sentence."""
    import re

    if not painting.get("style") or not fill:
        return body
    from museumguide.data.writers.styles import CLOSE, StyleWriter

    body = list(body)
    for pattern, sentence, first in StyleWriter.required(painting["style"], body[:1] + fill):
        if not any(is_close(s) if pattern == CLOSE else re.search(pattern, s) for s in body[1:]):
            # right after the opening, or before a closing invitation the guide already has
            at = 1 if first else next((i for i, s in enumerate(body) if i and is_close(s)), len(body))
            body.insert(at, sentence)
    return body


def _fill(body: list[str], fill: list[str], after: int = 1, target: int = TARGET_WORDS) -> list[str]:
    """``body`` with the ``fill`` sentences that state something it does not, after its first
    ``after`` sentences (the opening), until ``target`` words; a closing invitation stays last."""
    closes = [s for s in body[1:] if is_close(s)]
    main = [s for s in body if s not in closes]
    told = set().union(*(facts(s) for s in main)) if main else set()
    words = sum(len(s.split()) for s in body)
    at = min(after, len(main))
    for sentence in fill:
        new = facts(sentence)
        if words >= target:
            break
        if not new or new <= told:
            continue
        main.insert(at, sentence)
        at += 1
        told |= new
        words += len(sentence.split())
    return main + closes


def _text(result: GuideResult, painting: Mapping, strict: bool, skip_refused: bool = False) -> str:
    for v in result.dropped:  # what strict struck and why: the command prints it, callers may log it
        log.info("struck from %r: %r (%s)", painting.get("title"), v.text, v.reason)
    if strict and not result.text:
        why = (f"struck: {'; '.join(f'{v.text[:60]!r} ({v.reason})' for v in result.dropped[:3])}"
               if result.dropped else "the model wrote nothing after the opening")
        error = UngroundedGuideError(
            f"no sentence of the guide for {painting.get('title')!r} is supported by its metadata "
            f"({why}); try more candidates or another seed")
        if not skip_refused:
            raise error
        log.warning("refused: %s", error)
        return ""
    # The credit its notes' licence asks for ("Text adapted from the Art Institute of Chicago,
    # CC BY 4.0") as the last paragraph, when the prompt had such notes.
    return with_credit(result.text, credit(painting))


def _resolve_candidates(candidates: int | None, temperature: float, strict: bool = False) -> int:
    if not 0 <= temperature <= 2:
        raise ValueError(f"temperature must be between 0 and 2, got {temperature}")
    if candidates is None:
        return (STRICT_CANDIDATES if strict else DEFAULT_CANDIDATES) if temperature > 0 else 1
    if not isinstance(candidates, int) or candidates < 1:
        raise ValueError(f"candidates must be a whole number of at least 1, got {candidates!r}")
    if candidates > 1 and temperature == 0:
        raise ValueError("candidates > 1 needs sampling (temperature > 0): greedy decoding gives one text")
    return candidates


def gated_guides(run: Run, paintings: list[Mapping], candidates: int, temperature: float = 0.7,
                 seed: int | None = None, max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, strict: bool = False,
                 prompts: list[str] | None = None, add_special_tokens: bool = True,
                 retries: int = 0, language: str = "en") -> list[GuideResult]:
    """One batch: ``candidates`` samples per painting, each painting's best one kept (with
    ``strict``, a result's text is empty when no sentence survived; ``retries`` more rounds of
    ``candidates`` for such paintings first, ranked with the earlier ones).
    ``prompts`` overrides the model input (a base model's chat template) while the facts are
    still checked against the paintings' own prompts. ``language``: the guides' (the paintings
    already ``in_language``); the checker judges other languages conservatively (see the module
    docstring)."""
    from museumguide.guides.decode import sample

    prompts = prompts or [build_prompt(p, language) for p in paintings]
    openings = [_opening(p, seed, language) if strict else "" for p in paintings]
    start = time.perf_counter()
    inputs = [q + o for q, o in zip(prompts, openings)]
    # The opening is the guide's own: the model must not say it twice, but may quote the prompt.
    rows = sample(run, inputs, candidates, temperature, seed, max_new_tokens, add_special_tokens,
                  written_from=[len(q) for q in prompts])

    # English strict guides are filled with the template writer's sentences of the record's facts
    # where the model's are struck; the other languages' checker is English-only, so not there.
    fills = [_fill_sentences(p, seed) if strict and language == "en" else [] for p in paintings]

    def judge(i: int) -> GuideResult:
        ranked = rank(run, inputs[i], paintings[i], rows[i], add_special_tokens, openings[i], strict)
        # With strict, what survives in the other candidates may lengthen the chosen one.
        return finish(paintings[i], ranked[0], len(rows[i]), strict, 0.0, openings[i], ranked[1:] if strict else (),
                      fills[i])

    results = [judge(i) for i in range(len(paintings))]
    # Greedy decoding draws the same text again: another round only when sampling.
    for round_ in range(1, retries + 1 if strict and temperature > 0 else 1):
        # Another round where none of the model's own sentences survived, filled or not.
        again = [i for i, r in enumerate(results) if not r.model_sentences]
        if not again:
            break
        more = sample(run, [inputs[i] for i in again], candidates, temperature,
                      None if seed is None else seed + 7919 * round_,  # other draws than the round before
                      max_new_tokens, add_special_tokens, written_from=[len(prompts[i]) for i in again])
        for i, extra in zip(again, more):
            rows[i] = rows[i] + extra
            results[i] = judge(i)
    seconds = (time.perf_counter() - start) / max(len(paintings), 1)
    for r in results:
        r.seconds = seconds
    return results


def generate_guides(records: Iterable[Mapping[str, Any]], batch_size: int = 8, adapter=None,
                    temperature: float = 0.7, seed: int | None = None,
                    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, progress: bool = False,
                    candidates: int | None = None, strict: bool = True, backend: str | None = None,
                    skip_refused: bool = False, language: str = "en", style: str = "standard") -> list[str]:
    """Guides for many records, in batches of ``batch_size`` paintings (much faster per guide).
    With ``strict``, a painting none of whose sentences survives raises ``UngroundedGuideError``,
    or with ``skip_refused`` gets an empty guide (logged) while the others go on."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    n = _resolve_candidates(candidates, temperature, strict)
    paintings = [in_style(in_language(to_painting(r), check_language(language)), style) for r in records]
    run = load_run(adapter, backend)
    from tqdm import tqdm

    guides: list[str] = []
    for i in tqdm(range(0, len(paintings), batch_size), disable=not progress, desc="generating", unit="batch"):
        chunk_seed = None if seed is None else seed + i
        chunk = paintings[i:i + batch_size]
        results = gated_guides(run, chunk, n, temperature, chunk_seed, max_new_tokens, strict,
                               retries=STRICT_RETRIES if strict else 0, language=language)
        guides.extend(_text(r, p, strict, skip_refused) for r, p in zip(results, chunk))
    return guides


def generate_guide(metadata: Mapping[str, Any], adapter=None, temperature: float = 0.7, seed: int | None = None,
                   max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS, audio=None, candidates: int | None = None,
                   strict: bool = True, backend: str | None = None, language: str = "en",
                   style: str = "standard") -> str:
    """One audio-guide script for one painting's metadata (raw Met or AIC API record, cleaned
    record or plain dict with title, artist, date, medium, dimensions and perhaps ``notes``:
    curator text, with ``notes_license`` and ``notes_attribution`` when it must be credited, in
    which case the guide ends with the credit line). ``candidates`` samples are
    judged sentence by sentence against the prompt and the best kept (default
    ``DEFAULT_CANDIDATES``, or ``STRICT_CANDIDATES`` with ``strict``, when sampling; 1 when
    greedy); strict by default (issue 33): only supported and viewing sentences are kept, from all
    candidates (see the module docstring), and ``UngroundedGuideError`` says when none is left;
    ``strict=False`` keeps the best-ranked candidate whole, for evaluation and research. ``backend``: the engine (None: this machine's default, see the module
    docstring). ``language`` ("sv"): the guide's language, its prompt showing the record's title
    and notes in it (``museumguide.records.prompt.in_language``). ``style``: "standard", "short",
    "family" or "description" (``museumguide.records.styles``), judged by the same checker.
    ``audio=path`` also narrates it, in that language's voice."""
    n = _resolve_candidates(candidates, temperature, strict)
    # validates before any model loads
    painting = in_style(in_language(to_painting(metadata), check_language(language)), style)
    result = gated_guides(load_run(adapter, backend), [painting], n, temperature, seed, max_new_tokens, strict,
                          retries=STRICT_RETRIES if strict else 0, language=language)[0]
    guide = _text(result, painting, strict)
    if audio is not None:
        from museumguide.records.notes import without_credit
        from museumguide.voice.speak import speak

        speak(without_credit(guide, credit(painting)), audio, language=language)  # the credit is shown, not said
    return guide


# -- the command line ---------------------------------------------------------------------------
def load_painting(object_id: int | str, processed_dir: Path) -> dict:
    """A collected painting by key ("aic-2816") or Met object id, with any ``--notes-file`` notes
    as in training. Generation never fetches: a painting not collected yet is a ``ValueError`` that
    says how to collect it (the network is the collector's business alone)."""
    from museumguide.records.clean import load_paintings

    text = str(object_id).strip()
    key = f"met-{text}" if text.isdigit() else text
    path = processed_dir / PAINTINGS_FILE
    if path.is_file():
        for row in load_paintings(processed_dir):
            if row["key"] == key:
                return row
    raise ValueError(f"painting {key!r} is not in {path}; collect it first (python -m museumguide.collect, "
                     "see its --help), or give its record as --json FILE")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m museumguide.generate", description="Generate audio-guide scripts, "
                                "each checked against the facts of its prompt.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--object-id", help="a painting in <processed-dir>/paintings.jsonl: its key (aic-2816, "
                     "met-437854) or a Met object id")
    src.add_argument("--json", type=Path, help="a JSON file with one record (API, cleaned or plain)")
    src.add_argument("--batch", type=Path, help="JSONL of records; needs --out")
    p.add_argument("--out", type=Path, help="JSONL to write {id, guide} lines to (resumes if it exists); with "
                   "--strict, a painting with nothing left to keep gets an empty guide and refused: true")
    p.add_argument("--processed-dir", type=Path, default=PROCESSED_DIR,
                   help="where collect and scripts wrote paintings.jsonl (default: %(default)s)")
    p.add_argument("--adapter", help="run folder (default: $MUSEUMGUIDE_ADAPTER or newest in artifacts/)")
    p.add_argument("--temperature", type=float, default=0.7)
    p.add_argument("--seed", type=int)
    p.add_argument("--candidates", type=int, help=f"samples checked per guide (default {STRICT_CANDIDATES}; "
                   f"{DEFAULT_CANDIDATES} with --no-strict; 1 when --temperature 0)")
    p.add_argument("--strict", action=argparse.BooleanOptionalAction, default=True,
                   help="keep only sentences the checker finds supported by the metadata, or plain invitations to "
                        "look; what is struck is printed on stderr with its reason (the default; --no-strict keeps "
                        "the best-ranked candidate whole, for evaluation and research)")
    p.add_argument("--backend", choices=BACKENDS, help="the engine: default ONNX Runtime GenAI on a CPU where installed "
                   "(the run converted once, int8), else transformers (4-bit, as trained)")
    p.add_argument("--language", choices=tuple(LANGUAGES), default="en",
                   help="the guide's language; the prompt shows the record's title and notes in it where it has "
                        "them (default: %(default)s)")
    p.add_argument("--style", choices=tuple(STYLES), default="standard",
                   help="who the guide is for: " + "; ".join(f"{k}: {v}" for k, v in STYLES.items())
                        + " (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--max-new-tokens", type=int, default=DEFAULT_MAX_NEW_TOKENS)
    args = p.parse_args(argv)
    if args.strict:  # say what the gate struck and why, on stderr beside the guide on stdout
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        if args.batch:
            if not args.out:
                p.error("--batch needs --out")
            return _run_batch(args)
        record = load_painting(args.object_id, args.processed_dir) if args.object_id is not None else \
            json.loads(args.json.read_text(encoding="utf-8"))
        print(generate_guide(record, adapter=args.adapter, temperature=args.temperature, seed=args.seed,
                             max_new_tokens=args.max_new_tokens, candidates=args.candidates, strict=args.strict,
                             backend=args.backend, language=args.language, style=args.style))
    except (ValueError, TypeError, NoAdapterError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _record_id(record: Mapping) -> str:
    """The painting key a --batch output line carries: the same for a raw record (Met or AIC),
    its cleaned form or a plain dict with an object_id."""
    return to_painting(record)["key"]


def _run_batch(args) -> int:
    records = jsonl.read_jsonl(args.batch)
    done = set()
    if args.out.exists():
        jsonl.repair_tail(args.out)
        # Lines written before keys carry the Met's bare object id.
        done = {f"met-{i}" if str(i).isdigit() else str(i)
                for i in (row["id"] for row in jsonl.read_jsonl(args.out, require=("id",)))}
    ids = [_record_id(r) for r in records]
    if len(set(ids)) < len(ids):
        repeated = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"{args.batch}: two records are painting {repeated!r}; give each its own object_id")
    todo = [r for r, i in zip(records, ids) if i not in done]
    print(f"{len(todo)} to generate ({len(done)} already in {args.out})", file=sys.stderr)
    from tqdm import tqdm

    with jsonl.AppendLog(args.out) as log, tqdm(total=len(todo), desc="generating", unit="guide") as bar:
        for i in range(0, len(todo), args.batch_size):
            chunk = todo[i:i + args.batch_size]
            guides = generate_guides(chunk, batch_size=args.batch_size, adapter=args.adapter,
                                     temperature=args.temperature, seed=args.seed, max_new_tokens=args.max_new_tokens,
                                     candidates=args.candidates, strict=args.strict, backend=args.backend,
                                     skip_refused=True, language=args.language, style=args.style)
            for record, guide in zip(chunk, guides):
                # A refused painting is a result too (strict found nothing to keep): an empty
                # guide, so a rerun goes on after it; delete its line to try it again.
                log.write({"id": _record_id(record), "guide": guide, **({} if guide else {"refused": True}),
                           **({"style": args.style} if args.style != "standard" else {})})
                if not guide:
                    print(f"{_record_id(record)}: refused by --strict (no sentence passed the checker); "
                          "delete its line to try again", file=sys.stderr)
            bar.update(len(chunk))
    return 0


if __name__ == "__main__":
    sys.exit(main())
