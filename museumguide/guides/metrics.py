"""Scores for generated guides, each from the field's own package, called directly.

* Reference metrics: sacreBLEU BLEU and chrF (with their signatures), ROUGE-L (rouge-score),
  METEOR (NLTK). METEOR needs WordNet, which NLTK normally downloads; here it reads the WordNet
  3.0 database that Debian's ``wordnet-base`` package installs in ``/usr/share/wordnet`` (or
  ``$MUSEUMGUIDE_WORDNET``). Without it METEOR is reported as unavailable, never as zero.
* Grounding: fact precision and coverage from ``museumguide.checks.grounding``.
* Form: words, seconds of speech at 160 words a minute, distinct-n, whether ``<END>`` stopped it.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from museumguide.checks import grounding
from museumguide.checks.sentences import VERDICTS, check_sentences
from museumguide.checks.substance import note_statements
from museumguide.common.text import WORD
from museumguide.records.prompt import END_MARKER

WORDS_PER_MINUTE = 160
WORDNET_DIRS = ("/usr/share/wordnet",)
LEXNAMES_MAN = Path("/usr/share/man/man5/lexnames.5WN.gz")
_CATEGORY = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}


def reference_metrics(hypotheses: Sequence[str], references: Sequence[str], language: str = "en") -> dict:
    """Corpus BLEU and chrF (sacreBLEU), mean ROUGE-L F1 and METEOR, against one reference each.
    In another ``language`` ROUGE-L compares words unstemmed (its stemmer is English) and METEOR,
    whose synonyms come from the English WordNet, is not computed."""
    from rouge_score import rouge_scorer
    from sacrebleu.metrics import BLEU, CHRF

    bleu, chrf = BLEU(), CHRF()
    bleu_score = bleu.corpus_score(list(hypotheses), [list(references)])
    chrf_score = chrf.corpus_score(list(hypotheses), [list(references)])
    # rouge_score's own tokenizer keeps only a-z and 0-9 ("Målningen" -> "m lningen"): other
    # languages are split into whole lower-cased words instead.
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True) if language == "en" else \
        rouge_scorer.RougeScorer(["rougeL"], tokenizer=_Words())
    rouge = [scorer.score(ref, hyp)["rougeL"].fmeasure for hyp, ref in zip(hypotheses, references)]
    out = {
        "bleu": round(bleu_score.score, 2), "bleu_signature": str(bleu.get_signature()),
        "chrf": round(chrf_score.score, 2), "chrf_signature": str(chrf.get_signature()),
        "rougeL_f1": round(statistics.mean(rouge) * 100, 2) if rouge else None,
    }
    wordnet = load_wordnet() if language == "en" else None
    if language != "en":
        out["meteor"] = None
        out["meteor_unavailable"] = f"METEOR's synonyms come from the English WordNet; the guides are in {language!r}"
    elif wordnet is None:
        out["meteor"] = None
        out["meteor_unavailable"] = ("WordNet data not found: install Debian's wordnet-base or set "
                                     "MUSEUMGUIDE_WORDNET to a WordNet 3.0 dict folder")
    else:
        from nltk.translate.meteor_score import meteor_score

        scores = [meteor_score([ref.split()], hyp.split(), wordnet=wordnet) for hyp, ref in zip(hypotheses, references)]
        out["meteor"] = round(statistics.mean(scores) * 100, 2) if scores else None
    return out


class _Words:
    """A tokenizer for rouge_score: the lower-cased words of any script."""

    def tokenize(self, text: str) -> list[str]:
        return [w.lower() for w in WORD.findall(text)]


@lru_cache(maxsize=1)
def load_wordnet():
    """NLTK's WordNet reader over a local WordNet 3.0 database, or None if there is none."""
    candidates = [os.environ.get("MUSEUMGUIDE_WORDNET")] + list(WORDNET_DIRS)
    source = next((Path(c) for c in candidates if c and (Path(c) / "data.noun").is_file()), None)
    if source is None:
        return None
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    from museumguide.model.base import cache_dir

    # NLTK wants a `lexnames` file that Debian ships only as its man page, and reads corpora
    # only from real files under its data path (links out are refused): copy once, 28 MB.
    data_root = cache_dir() / "nltk_data"
    target = data_root / "corpora" / "wordnet"  # where NLTK's own `wordnet` loader looks
    if not (target / "lexnames").is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".wordnet-", dir=target.parent))
        for item in source.iterdir():
            if item.is_file():
                shutil.copy2(item, tmp / item.name)
        if not (tmp / "lexnames").is_file():
            (tmp / "lexnames").write_text(_lexnames_from_man_page())
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    if str(data_root) not in nltk.data.path:
        nltk.data.path.append(str(data_root))

    class LocalWordNet(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):
            # NLTK maps other WordNet versions onto 3.0 through `index.sense`, which Debian's
            # package lacks; this database is 3.0 already, so there is nothing to map.
            return None

    return LocalWordNet(str(target), None)


def _lexnames_from_man_page() -> str:
    text = gzip.open(LEXNAMES_MAN, "rt").read()
    rows = re.findall(r"^(\d\d)\t(\w+)\.(\w+)\s*\t", text, re.M)
    return "".join(f"{num}\t{cat}.{name}\t{_CATEGORY[cat]}\n" for num, cat, name in rows)


def distinct_n(text: str, n: int) -> float | None:
    """Share of n-grams in ``text`` that are distinct (1.0: no repetition)."""
    tokens = text.lower().split()
    grams = [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return len(set(grams)) / len(grams) if grams else None


def guide_scores(guide: str, record: Mapping, stop: str | None = None, seconds: float | None = None,
                 opening: str = "") -> dict:
    """Per-guide grounding and form measures against the record's prompt; ``stop`` is the token
    generation ended on, ``seconds`` what the guide cost to generate, ``opening`` the text a
    strict guide was given to start from (note statements in it are not the model's)."""
    claims = grounding.claims(guide, record)
    words = len(guide.split())
    artist = record.get("artist")
    has_notes = bool(record.get("notes"))
    carried = len(note_statements(guide, record, claims)) if has_notes else None
    # A strict guide's opening was given, not written: the model's own count leaves it out (and
    # is the same count when there was no opening).
    own = guide[len(opening):] if opening and guide.startswith(opening) else None
    model_carried = len(note_statements(own, record)) if has_notes and own is not None else carried
    by_kind = {kind: [c.supported for c in claims if c.kind == kind] for kind in grounding.KINDS}
    verdicts = [v.verdict for v in check_sentences(guide, record)] if guide.strip() else []
    return {
        **{f"{v}_sentences": verdicts.count(v) for v in VERDICTS},
        "fact_precision": (sum(c.supported for c in claims) / len(claims)) if claims else None,
        "unsupported": [c.text for c in claims if not c.supported],
        **{f"{kind}_claims": len(v) for kind, v in by_kind.items()},
        **{f"{kind}_supported": sum(v) for kind, v in by_kind.items()},
        "title_mentioned": grounding.mentions(guide, record.get("title")),
        "artist_mentioned": grounding.mentions(guide, artist, kind="artist") if artist else None,
        "title_exact": grounding.exact_mention(guide, record.get("title")),
        "artist_exact": grounding.artist_exact(guide, artist) if artist else None,
        "generation_seconds": seconds,
        "words": words,
        "seconds": round(words / WORDS_PER_MINUTE * 60, 1),
        "distinct_1": distinct_n(guide, 1),
        "distinct_2": distinct_n(guide, 2),
        "stopped": stop is not None,
        "stopped_at_end": stop == END_MARKER,
        "has_notes": has_notes,
        "note_statements": carried,
        "model_note_statements": model_carried,
    }


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.mean(float(v) for v in values), 4) if values else None


def _pooled(per_guide: list[dict], kind: str) -> float | None:
    """Share of all ``kind`` claims over all guides that are supported (None: no such claim)."""
    total = sum(g[f"{kind}_claims"] for g in per_guide)
    return round(sum(g[f"{kind}_supported"] for g in per_guide) / total, 4) if total else None


def _share(per_guide: list[dict], verdict: str) -> float | None:
    total = sum(g.get(f"{v}_sentences", 0) for g in per_guide for v in VERDICTS)
    return round(sum(g.get(f"{verdict}_sentences", 0) for g in per_guide) / total, 4) if total else None


def summarise(per_guide: list[dict]) -> dict:
    """Averages over guides (booleans become rates); claim precisions pooled over all claims."""
    return {
        "guides": len(per_guide),
        "fact_precision": _mean(g["fact_precision"] for g in per_guide),
        **{f"{kind}_precision": _pooled(per_guide, kind) for kind in grounding.KINDS},
        **{f"{kind}_claims": sum(g[f"{kind}_claims"] for g in per_guide) for kind in grounding.KINDS},
        # Sentences by verdict (museumguide.checks.sentences), pooled over all guides.
        **{f"{v}_share": _share(per_guide, v) for v in VERDICTS},
        "sentences": sum(g.get(f"{v}_sentences", 0) for g in per_guide for v in VERDICTS),
        "title_exact": _mean(g["title_exact"] for g in per_guide),
        "artist_exact": _mean(g["artist_exact"] for g in per_guide),
        "seconds_per_guide": _mean(g["generation_seconds"] for g in per_guide),
        "title_coverage": _mean(g["title_mentioned"] for g in per_guide),
        "artist_coverage": _mean(g["artist_mentioned"] for g in per_guide),
        "end_stop_rate": _mean(g["stopped_at_end"] for g in per_guide),
        "self_stop_rate": _mean(g["stopped"] for g in per_guide),
        "words": _mean(g["words"] for g in per_guide),
        "seconds": _mean(g["seconds"] for g in per_guide),
        "distinct_1": _mean(g["distinct_1"] for g in per_guide),
        "distinct_2": _mean(g["distinct_2"] for g in per_guide),
        # Substance: statements carried from the notes, over the guides whose prompt had notes.
        "guides_with_notes": sum(1 for g in per_guide if g.get("has_notes")),
        "note_statements_median": _median(g.get("note_statements") for g in per_guide),
        "note_statements_mean": _mean(g.get("note_statements") for g in per_guide),
        "model_note_statements_median": _median(g.get("model_note_statements") for g in per_guide),
    }


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(statistics.median(values)) if values else None
