"""Words and sentences of a guide's text: the pieces that records, checks and training data share.

    from museumguide.common.text import sentences, fold, zipf
    sentences("Painted ca. 1665 in Delft. It is 73.5 cm high.")
    # -> ['Painted ca. 1665 in Delft.', 'It is 73.5 cm high.']

One splitter for guides and curator notes, so "ca. 1665", "St. Jerome" and "73.5 cm" stay inside
their sentence wherever a sentence is counted (``sentences(text, "sv")`` with Swedish abbreviations
such as "bl.a." and "d.ä."); one way to fold a word for comparison; how common a word is in a
language (wordfreq). They live below every stage so that the notes cleaner and the fact checker,
which both need them, need not import each other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
"""A word: letters, with inner apostrophes ("Turner's") and hyphens ("well-known")."""
# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) and a space before
# something that can open a sentence; ``sentence_spans`` then asks that it be a capital or a digit
# in any script ("Ändå", "Émile").
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’)\]]*)\s+(?=[\"“‘(\[]?\w)")
ABBREVIATIONS = {
    "en": {"st", "mr", "mrs", "ms", "dr", "ca", "c", "no", "nos", "jr", "sr", "mt", "vol", "fig",
           "figs", "p", "pp", "cf", "inv", "approx", "rev", "gen", "col", "r", "fl", "b", "d",
           "esp", "repr", "illus", "vs", "viz", "bros", "ltd", "prof", "messrs", "mme", "mlle", "ste"},
    "sv": {"ca", "bl.a", "t.ex", "s.k", "d.ä", "d.y", "f", "d", "resp", "jfr", "nr", "st", "kl", "m.fl",
           "o.s.v", "osv", "inv", "ev", "fr.o.m", "t.o.m", "e.kr", "f.kr", "kap", "sid", "s"},
    "fr": {"st", "ste", "m", "mme", "mlle", "env", "n°", "no", "vol", "fig", "p", "av", "apr", "j.-c", "cf",
           "inv", "éd", "ca"},
    "de": {"st", "hl", "ca", "z.b", "bzw", "u.a", "d.h", "v.chr", "n.chr", "geb", "gest", "nr", "inv", "vgl",
           "s", "jh", "jhs", "abb", "dr", "usw", "etc"},
    "es": {"sr", "sra", "sta", "sto", "s", "aprox", "a.c", "d.c", "núm", "n.º", "vol", "fig", "p", "pág",
           "inv", "ca", "cf"},
    "it": {"ca", "s", "sig", "sig.ra", "a.c", "d.c", "sec", "n", "vol", "fig", "p", "pag", "inv", "cfr"},
}
"""Words after which a full stop does not end a sentence, per language ("ca. 1665", "bl.a.",
"z.B.", "S. Giovanni", "(r. 1778-1828)", "fl. 1650"); a single capital letter (an initial) never
ends one in any language."""
BEFORE_NUMBERS = {"cat", "acc", "ed", "eds", "lit", "ref", "pl", "ser", "sec", "ill", "nr", "fol", "ff"}
"""Abbreviations that are also everyday words ("the cat.", "was lit."): a full stop after them ends
no sentence only before a number ("cat. 12", "ill. 4")."""
ERAS = {"a.d", "b.c", "b.c.e", "c.e", "a.h", "ah", "ad", "bc", "bce", "ce", "e.kr", "f.kr", "v.chr", "n.chr", "j.-c", "a.c",
        "d.c", "av. j.-c", "a.c.n"}
"""Era marks: before a number ("A.D. 90", "B.C. 480", the Hijri "A.H. 1226") they never end a sentence; before a word
("in 480 B.C. The vase ...") they may."""
_PATRONYMIC = re.compile(r"\w+sz(?:n|oon)?$")
"""Dutch patronymics written short ("Dircksz.", "Jansz."), common in the names of Dutch painters."""


def fold(word: str) -> str:
    """Lower-case and strip accents, so "Ruisdael" matches "RUÏSDAEL"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def zipf(word: str, language: str = "en") -> float:
    """How common a word is in ``language``: wordfreq's Zipf scale (7 = "the", 3 = rare, 0 = unseen)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)


COMMON_ZIPF = {"en": 4.0}
"""How common a word must be to count as a common word, not a name. Lower (3.0) in the other
languages: wordfreq's lists for them are smaller and spread a word over its inflected forms
(Swedish "målningen", "the painting", is 3.7), while names stay rare ("Rembrandt" 2.7)."""


def is_common_word(word: str, language: str = "en") -> bool:
    return zipf(word, language) >= COMMON_ZIPF.get(language, 3.0)


ASIDES = re.compile(r"\s*\[[^\]]*\]|\s*\([^()]*\)")
"""Bracketed references and parenthetical asides of a notes sentence ("(c. 1650; Galleria
Doria-Pamphilj, Rome)", "(fig. 2)"): a guide carries the sentence without them."""
PERIOD_DATES = re.compile(r"(?i)\b(dynasty|period|era|reign|kingdom)\s*\(([^()]*\d[^()]*)\)")
"""A period's or dynasty's own dates in brackets ("Northern Song dynasty (960–1127)"): the period's,
never the work's or the artist's. Group 1 is the period word, group 2 the dates."""
OTHER_LANGUAGES = ("en", "sv", "fr", "de", "es", "it")


def other_language_share(text: str, language: str = "en") -> tuple[int, float]:
    """(how many, what share) of ``text``'s words are far more common in another of
    ``OTHER_LANGUAGES`` than in ``language`` (wordfreq, 2 Zipf points): "olja på duk" in English
    is (3, 1.0); an English sentence with a Swedish title in it is a small share."""
    ws = [w.lower() for w in WORD.findall(text)]
    if not ws:
        return 0, 0.0
    other = [w for w in ws if max(zipf(w, lang) for lang in OTHER_LANGUAGES if lang != language) - zipf(w, language) >= 2.0]
    return len(other), len(other) / len(ws)


def strip_possessive(word: str) -> str:
    """"Turner's" -> "Turner"; contractions too ("I'm" -> "I")."""
    return re.sub(r"['’](s|m|ll|re|ve|d)$", "", word)


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: a sentence ends at . ! or ? before a space and
    a capital, digit or opening quote; the language's abbreviations (``ABBREVIATIONS``: "St.",
    "ca.", "bl.a.") and initials do not end one, nor does a decimal point ("73.5")."""
    short = ABBREVIATIONS.get(language, ABBREVIATIONS["en"])
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        opener = text[match.end():].lstrip("\"“‘([")[:1]
        if not (opener.isupper() or opener.isdigit()):
            continue
        before = text[start:match.start()].rstrip(".!?\"”’)]")
        last = (before.rsplit(None, 1)[-1] if before.split() else "").lstrip("\"“‘([")
        # An initial or a run of them ("J.", "L.A. Smith", "J.M.W. Turner") names a person.
        if last.lower() in short or (re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", last) and last.lower() not in ERAS) or \
                (text[match.start() - 1:match.start()] == "." and _PATRONYMIC.fullmatch(last)):
            continue
        if (last.lower().rstrip(".") in ERAS or last.lower() in BEFORE_NUMBERS) and opener.isdigit():
            continue
        # Never inside brackets: "(r. 1778-1828)" and "(cat. no. 5. See ...)" belong to their sentence.
        inside = text[start:match.start() + len(match.group(1))]
        # The bracket must close soon and before another opens: a stray "(" ends nothing.
        rest = text[match.end():match.end() + 120]
        if (inside.count("(") > inside.count(")") and ")" in rest.split("(")[0]) or \
                (inside.count("[") > inside.count("]") and "]" in rest.split("[")[0]):
            continue
        spans.append((start, match.start() + len(match.group(1))))
        start = match.end()
    spans.append((start, len(text)))
    # Leading and trailing spaces are not part of a sentence; empty pieces are none.
    out = []
    for s, e in spans:
        piece = text[s:e]
        if piece.strip():
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            out.append((s, e))
    return out


def sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of plain ``text`` in ``language`` (see ``sentence_spans``)."""
    return [text[s:e] for s, e in sentence_spans(text, language)]
