"""Training scripts in the short, family and verbal-description styles, from the template writer's parts.

    from museumguide.data.writers.styles import StyleWriter
    StyleWriter(seed=0).write(painting, "family")

Each style says the record's facts in the template writer's own checked sentences
(``museumguide.data.writers.template``) and adds only vetted, fact-free ones
(``museumguide.checks.vetted``): a style changes how much is said and in what words, never what may
be stated, and every script passes the same sentence checker as a standard one
(tests/test_styles.py runs every bundled record through it in every style).

- ``short``: the opening, when and in what the work was made, and one thing to look at;
- ``family``: the opening, what kind of object it is, the artist's nationality and the date in a
  short sentence each, one thing to find (a subject of the record's) or to look at, one question to
  talk about, a close; a notes sentence only where it is short;
- ``description``: what the curator notes say is seen (``records.notes.seen_sentences``), else a
  plain statement that the description gives the record's facts, then the facts: form, size, date
  and medium, the artist, where it comes from.
"""

from __future__ import annotations

import hashlib
import random
import re
from typing import Any, Iterable, Mapping

from museumguide.checks.vetted import FAMILY_CLOSE, FROM_RECORD, TAG_PROMPT_FORMS, TAG_PROMPTS, family_prompts, looking_prompts
from museumguide.data.writers.phrases import FINDABLE, HOOKS, LOOK_FOR
from museumguide.data.quality import repeated_phrase
from museumguide.data.writers.template import _FIRM, TemplateWriter, _by, _findable, _seed_id
from museumguide.records.notes import seen_sentences
from museumguide.records.aloud import title_aloud
from museumguide.records.prompt import one_maker
from museumguide.records.styles import MAX_WORDS, STYLES, check_style

FAMILY_HOOKS = ["Here is {title}{by}.", "This is {title}{by}."]
FAMILY_FIND = ["Can you find the {subjects}?", "Look for the {subjects}. Can you find them?"]
DESCRIPTION_HOOKS = ["This is a verbal description of {title}{by}.", "Here is a description of {title}{by}."]
FAMILY_NOTE_WORDS = 14
"""Longest notes sentence a family script carries, in words: a child follows a short sentence."""
MIN_WORDS = 20
"""Shortest style script kept: a short stop says the work, one fact and one thing to look at."""
OTHER_STYLES = [s for s in STYLES if s != "standard"]
CLOSE = "<close>"
"""``required``'s pattern for a closing invitation of any style (``guides.compose.is_close``)."""
_INVITATION = (r"^(?:Look|Notice|Find|See|Watch|Follow|Compare|Let|Give|Try|Ask|Come|Take|Study|Step|Imagine|"
               r"Walk|If you)\b")


def style_rows(paintings: Iterable[Mapping[str, Any]], share: float, seed: int = 0) -> list[tuple[Mapping, str]]:
    """(painting, style) for each script to write besides the standard ones: ``share`` of the
    records (every form; English), each with one style, the styles in turn."""
    if not 0 <= share <= 1:
        raise ValueError(f"style_share must be between 0 and 1, got {share}")
    rows = []
    for p in paintings:
        digest = hashlib.sha256(f"style:{seed}:{p.get('key')}".encode()).digest()
        if int.from_bytes(digest[:8], "big") / 2**64 < share:
            rows.append((p, OTHER_STYLES[len(rows) % len(OTHER_STYLES)]))
    return rows


class StyleWriter:
    """Scripts in every style but the standard one (``TemplateWriter`` writes that)."""

    name = "template"

    def __init__(self, seed: int = 0):
        self.seed = seed

    def write(self, p: Mapping[str, Any], style: str) -> str:
        """The script for painting ``p`` in ``style`` ("short", "family" or "description")."""
        if check_style(style) == "standard":
            raise ValueError("the standard style is the template writer's (TemplateWriter.write)")
        rng = random.Random(f"{style}:{self.seed}:{_seed_id(p)}:{p.get('title')}")
        p = {**p, "style": style}  # what the checker judges it as: no size judgement heard by a blind visitor
        title, by = title_aloud(p["title"]), _by(p)
        body = getattr(self, f"_{style}")(p, rng, title, by)
        body[0] = body[0].replace("..", ".")  # a maker ending in an abbreviation ("Avery Sr.")
        return _within(body, MAX_WORDS[style], p)

    def opening(self, p: Mapping[str, Any], style: str) -> str:
        """The first sentence of a strict guide in ``style``, as this writer's scripts open (the
        model continues it; ``museumguide.guides.generate``)."""
        return self.sentences(p, style)[0]

    def sentences(self, p: Mapping[str, Any], style: str) -> list[str]:
        """The script for ``p`` in ``style`` as its sentences: a strict guide takes the ones after
        the opening to fill what the model's struck sentences leave short."""
        from museumguide.common.text import sentences

        script = self.write(p, style)
        title = title_aloud(p["title"])
        hook = next(h.format(title=title, by=_by(p)).replace("..", ".")
                    for h in HOOKS + FAMILY_HOOKS + DESCRIPTION_HOOKS
                    if script.startswith(h.format(title=title, by=_by(p)).replace("..", ".")))
        return [hook] + sentences(script[len(hook):].strip())

    @staticmethod
    def required(style: str, said: list[str]) -> list[tuple[str, str, bool]]:
        """What a guide in ``style`` must hold whatever the model wrote, as (pattern a sentence of
        that kind matches, the record's sentence of that kind from ``said``, its script's sentences
        (``sentences``), whether it goes right after the opening): a short stop's thing to look at;
        a family guide's thing to find, question to talk about and close; a description's statement
        that it gives the record's facts, where the notes describe nothing seen."""
        def first(pattern: str) -> str | None:
            return next((x for x in said[1:] if re.search(pattern, x)), None)

        find = r"(?i)\bfind\b|\blook closely\b|\bwalk around\b"
        wanted = {"short": [(_INVITATION, first(_INVITATION), False)],
                  "family": [(find, first(find), False), (r"^Talk together", first(r"^Talk together"), False),
                             (CLOSE, next((x for x in said if x in FAMILY_CLOSE), None), False)],
                  "description": [(re.escape(FROM_RECORD), FROM_RECORD if FROM_RECORD in said else None, True)]}
        return [(pattern, sentence, at_start) for pattern, sentence, at_start in wanted.get(style, []) if sentence]

    @staticmethod
    def _look(p: Mapping[str, Any], rng: random.Random) -> str:
        """One thing to look at: a subject of the record's to find, a prompt for one, or a prompt of its form."""
        tags = [t for t in p.get("tags") or [] if t.lower() not in (p.get("title") or "").lower()]
        findable = _findable(tags)
        if findable:
            return rng.choice(LOOK_FOR).format(subjects=findable)
        prompts = [TAG_PROMPTS[t.lower()] for t in tags if t.lower() in TAG_PROMPTS]
        if prompts and p.get("form") in TAG_PROMPT_FORMS:
            return rng.choice(prompts)
        return rng.choice(looking_prompts(p.get("form")))

    def _short(self, p, rng, title, by) -> list[str]:
        made = TemplateWriter._made(p, rng.choice)  # when and in what ("modeled 1880, cast 1910" is two events)
        return [rng.choice(HOOKS).format(title=title, by=by)] + made + [self._look(p, rng)]

    def _family(self, p, rng, title, by) -> list[str]:
        look, talk, close = family_prompts(p.get("form"), p.get("tags") or [])
        out = [rng.choice(FAMILY_HOOKS).format(title=title, by=by)]
        nat = (p.get("artist_nationality") or "").strip()
        if one_maker(p) and nat.isalpha() and nat[:1].isupper() and not _FIRM.search(p["artist"]):
            out.append(f"The artist was {nat}.")
        out += TemplateWriter._made({**p, "medium": None}, rng.choice)  # its form, and the date said short
        notes = [s for s in (seen_sentences(p.get("notes") or "") or []) if len(s.split()) <= FAMILY_NOTE_WORDS]
        out += notes[:1]
        # One thing to find: a subject of the record's a child can spot ("the dogs"), else a prompt to look.
        found = [t.lower() for t in p.get("tags") or [] if t.lower() in FINDABLE and t.lower() not in title.lower()]
        findable = " and the ".join(found[:2])
        out.append(rng.choice(FAMILY_FIND).format(subjects=findable) if findable else rng.choice(look))
        return out + [rng.choice(talk), rng.choice(close)]

    def _description(self, p, rng, title, by) -> list[str]:
        out = [rng.choice(DESCRIPTION_HOOKS).format(title=title, by=by)]
        seen = seen_sentences(p.get("notes") or "")
        out += seen[:4] if seen else [FROM_RECORD]
        out += TemplateWriter._size(p, rng.choice)
        out += TemplateWriter._made(p, rng.choice)
        optional: list[str] = []
        out += TemplateWriter._maker(p, rng.choice, optional) + optional[:1]
        return out + TemplateWriter._culture(p, rng.choice)


def _within(body: list[str], max_words: int, record: Mapping[str, Any]) -> str:
    """The sentences in order, without one that would make the script say five words twice (a
    record that repeats itself), dropping from the end of the middle until the script fits
    ``max_words`` (the opening and the last sentence stay)."""
    kept: list[str] = []
    for sentence in dict.fromkeys(s for s in body if s):
        if not kept or repeated_phrase(" ".join(kept + [sentence]), record) is None:
            kept.append(sentence)
    body = kept
    while sum(len(s.split()) for s in body) > max_words and len(body) > 2:
        body.pop(-2)
    return " ".join(body)
