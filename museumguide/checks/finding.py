"""Invitations to find something in the work, judged against what the record says is there: not
what the object itself is, not a clause pasted from the notes, not what the notes say is absent,
not several where the prompt names one, not a material, and not "it" with nothing named before.
Each kind was struck by blind annotators of a family or standard sample (issue 37; seeds 14 to 27).

``checks.sentences`` asks ``wrong_find`` of every sentence whose facts the prompt backs, and
``pronoun_without_thing`` (with ``sentence_before``) of "Can you find it?".
"""

from __future__ import annotations

import re
from typing import Any

from museumguide.checks.words import STOP, STOP_STEMS, stem, words
from museumguide.common.text import sentence_spans
from museumguide.records.forms import FORMS

FIND = re.compile(r"(?i)\b(?:find|look for|spot)\b(?: the)? ([^.?!;]+)")


FIND_PRONOUN = re.compile(r"(?i)(?:can you |try to |now )?(?:find|spot|see) (it|them|one)\s*[?.!]")


def pronoun_without_thing(sentence: str, before: str) -> str | None:
    """Why "Can you find it?" has nothing to find: no sentence before names a thing to find (seed
    27), or the one before names several ("Look for the marks of making ... Can you find it?", seed
    28)."""
    m = FIND_PRONOUN.fullmatch(sentence)
    if not m:
        return None
    found = FIND.search(before)
    if not found:
        return "asks the visitor to find \"it\" where no sentence before names a thing to find"
    head = re.match(r"(?:the |a |an )?(\w+)", found.group(1).strip().lower())
    if m.group(1).lower() == "it" and head and re.fullmatch(r"\w{3,}[^s]s", head.group(1)):
        return f"asks the visitor to find \"it\" after several ({head.group(1)!r})"
    return None


def sentence_before(text: str, start: int) -> str:
    """The sentence of ``text`` that ends before ``start``, cut by the splitter every check uses
    ("Can you find them?" of seed 27's family guides came after a date, with nothing named to find)."""
    before = text[:start]
    spans = sentence_spans(before)
    return before[spans[-1][0]:spans[-1][1]] if spans else ""


def wrong_find(text: str, ctx: Any) -> str | None:
    """An invitation to find what the visitor cannot find: what the object itself is ("Find the arms
    and the armour." of a suit of armour, issue 37, seed 14), a clause pasted from the notes, what
    the notes say is not there, several where the prompt names one."""
    m = FIND.search(text)
    if not m:
        return None
    wanted = {stem(w) for w in words(m.group(1))} - STOP_STEMS
    own = {stem(w) for w in words(f"{FORMS.get(ctx.painting.get('form') or 'object', '')} "
                                  f"{ctx.painting.get('classification') or ''}")}
    if wanted and wanted <= own:
        return "asks the visitor to find what the object itself is"
    # "Can you find the candles?" where the notes name one candle flame: the stem matches, the
    # number does not, and a child looks for what is not there (issue 37, seed 16).
    notes = (ctx.painting.get("notes") or "").lower()
    asked = m.group(1).strip().lower()
    said_words, asked_words = f' {" ".join(words(notes))} ', words(asked)
    if len(asked_words) > 5 and any(f' {" ".join(asked_words[i:i + 4])} ' in said_words
                                    for i in range(len(asked_words) - 3)):
        return "a find prompt that pastes a clause of the notes"
    for w in set(words(m.group(1))) - STOP:
        # "Can you find the animals?" where the notes say "instead of wild animals"
        found = [n.start() for n in re.finditer(rf"\b{re.escape(w)}\b", notes)]
        if found and all(_NEGATED.search(notes[max(0, i - 30):i]) for i in found) \
                and w not in ctx.title.lower() and not any(w in t for t in ctx.tags):
            return f"asks the visitor to find {w}, which the notes say are not there"
    said = set(re.findall(r"\w+", f"{ctx.title} {ctx.painting.get('notes') or ''}".lower()))
    tagged = {w for tag in ctx.tags for w in re.findall(r"\w+", tag.lower())}
    for w in re.findall(r"\w+", m.group(1).lower()):
        singular = {w[:-1], w[:-2]}
        # a subject tag names a kind ("Lion", "Saints"), so "find the lions" is no miscount
        if len(w) > 3 and w.endswith("s") and w not in said | tagged and singular & said and not singular & tagged:
            return f"asks the visitor to find several {w} where the prompt names one"
    # "Look for the fish." of a saber whose medium lists fish skin: a material, not a thing to find (seed 27)
    named = {stem(w) for w in words(f"{ctx.title} {ctx.painting.get('notes') or ''} {' '.join(ctx.tags)}")}
    material = {stem(w) for w in words(ctx.painting.get("medium") or "")} - named
    if wanted and wanted <= material:
        return "asks the visitor to find what the record names only as a material"
    # "Find the boys." of "Hotei with a Child": the Met's tag names a kind ("Boys"), the title counts (seed 25)
    several = re.compile(r"(?i)\b(?:boys|girls|children|men|women|babies|infants)\b")
    if several.search(m.group(1)) and not several.search(ctx.title) and re.search(
            r"(?i)\b(?:a|an|one)\s+(?:\w+\s+)?(?:boy|girl|child|man|woman|baby|infant)\b", ctx.title):
        return "asks the visitor to find several people where the title names one"
    return None


_NEGATED = re.compile(r"\b(?:instead of|rather than|no|not|without|never|nor)\s+(?:\w+\s+){0,2}$")
