"""How much a guide carries from the curator notes: statements, not tombstone fields read aloud.

    from museumguide.checks.substance import note_statements
    note_statements(guide_text, painting)   # the guide's sentences that carry a notes statement

Fact precision tells whether a guide invents; it cannot tell a guide that says something from
one that reads out the title, date and medium. A guide sentence is a **note statement** when

* it makes no claim its prompt fails to support (``museumguide.checks.grounding.claims``);
* it has at least four content words (words of four letters or more that are not among the most
  common of English), at least 70% of which occur in the notes;
* at least two of its content words occur in the notes and nowhere else in the prompt, so a
  sentence that only restates the title or the medium does not count.

The measure is a count of sentences, so a guide that copies one long notes passage scores one;
it is reported beside fact precision, per guide and as a median.
"""

from __future__ import annotations

from typing import Any, Mapping

from museumguide.checks.grounding import claims
from museumguide.common.text import WORD, fold, sentence_spans, zipf
from museumguide.records.prompt import prompt_fields

MIN_CONTENT_WORDS = 4
NOTES_SHARE = 0.7
NOTES_ONLY_WORDS = 2


def content_words(text: str) -> list[str]:
    """Words of four letters or more that are not among the most common of English (Zipf < 5.5)."""
    words = [fold(w) for w in WORD.findall(text)]
    return [w for w in words if len(w) >= 4 and zipf(w) < 5.5]


def note_statements(text: str, painting: Mapping[str, Any], found: list | None = None) -> list[str]:
    """The sentences of ``text`` that carry a statement from ``painting``'s notes (see above);
    ``found`` is ``grounding.claims(text, painting)`` when the caller has it already."""
    notes = painting.get("notes")
    if not notes or not text:
        return []
    note_words = set(content_words(notes))
    other_words = {w for label, value in prompt_fields(painting) if label != "Notes" for w in content_words(value)}
    bad = [c.start for c in (claims(text, painting) if found is None else found) if not c.supported]
    carried = []
    for start, end in sentence_spans(text, painting.get("language") or "en"):
        if any(start <= b < end for b in bad):
            continue
        words = content_words(text[start:end])
        if len(words) < MIN_CONTENT_WORDS:
            continue
        in_notes = [w for w in words if w in note_words]
        only_notes = {w for w in in_notes if w not in other_words}
        if len(in_notes) / len(words) >= NOTES_SHARE and len(only_notes) >= NOTES_ONLY_WORDS:
            carried.append(text[start:end].strip())
    return carried
