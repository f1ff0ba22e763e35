"""Facts said less exactly than the prompt gives them: the sentences a word check lets through.

    from museumguide.checks.exactness import Exactness
    Exactness(painting).problem("The artist was born in 1808 and died in 1866.")
    # -> "states 1866 as certain where the prompt hedges it" (the record: "1808–after 1866")

Every word of such a sentence is in the prompt, so a claim check (``museumguide.checks.grounding``)
and a coverage check pass it; a curator strikes it. Each rule is one way of being wrong that hand
labels of strict guides found (docs/benchmarks.md, "Strict guides and signable shares"; each sample in bench/results/history.md):

- a **hedge dropped**: a year the prompt gives only hedged ("ca. 1818", "after 1866", "1290 (?)")
  said with no hedge word;
- a **range cut to its start**: "painted in 1503" where the date is "ca. 1503–19" or "1880/81";
- a **number of another unit**: a size in centimetres that is no centimetre figure of the prompt
  ("214 by 39 centimetres" from "84 1/4 x 39 3/4 in. (214 x 101 cm)");
- a **name or title cut short**: "Hans Holbein" for Hans Holbein the Younger, "Joseph Mallord
  Turner", "Lake George by Thomas Chambers" for Lake George and the Village of Caldwell (the
  surname alone, "da Vinci" or "Holbein", is a name said short, not cut);
- a **place in another role**: "died in Berlin" where the artist's life says no such thing, or
  "lived in" a place where the prompt never says where the artist lived;
- a **hedge added**: "around 1929" where the prompt gives 1929 exactly (issue 33);
- a **death "there"**: "born in Limoges ..., the artist died there" where the artist's life names no
  death place, or another one (issue 33);
- a **span said as a choice**: "in 1662 or 1665" where the Art Institute of Chicago's "1662/65"
  means made between those years (``records.prompt.slash_is_span``);
- a **choice said as one year**: "born in 1719" where the artist's life is "1719/20–1781" (issue 36);
- a **span of centuries cut**: "the 12th century" where the date is "11th–12th century" (issue 36).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from museumguide.checks.grounding import range_end
from museumguide.common.text import WORD, fold
from museumguide.records.aloud import title_aloud
from museumguide.records.dimensions import longest_left_out, measured_in_parts, parse_dimensions_cm
from museumguide.records.prompt import build_prompt, slash_is_span

_HEDGE_BEFORE = re.compile(r"\b(?:ca|c|circa|about|around|after|before|probably|possibly|perhaps)\.?\s*(\d{3,4})s?\b",
                           re.IGNORECASE)
_HEDGE_AFTER = re.compile(r"\b(\d{3,4})s?\s*\(?\?")
_YEAR = re.compile(r"(?<![\d.])(\d{3,4})(?!\d|\.\d)")  # "592.4 kg" holds no year
HEDGE_WORDS = {"about", "around", "circa", "ca", "c", "after", "before", "probably", "possibly", "perhaps", "likely",
               "approximately", "roughly", "sometime", "some", "least", "or", "thought", "believed", "may", "might"}
"""Words that keep a year hedged when a sentence says it ("around 1290", "some time after 1866")."""
_DATE_RANGE = re.compile(r"(\d{4})\s*(?:[–/-]|to)\s*(\d{1,4})(?!\d)")
_CM_SIZE = re.compile(r"(\d+(?:\.\d+)?)(?:\s*(?:by|x|×)\s*(\d+(?:\.\d+)?))?(?:\s*(?:by|x|×)\s*(\d+(?:\.\d+)?))?"
                      r"\s*(?:centimet|cm\b)", re.IGNORECASE)
_SIZE_SAID = re.compile(r"(\d+(?:\.\d+)?)\s*(?:by|x|×)\s*(\d+(?:\.\d+)?)(?:\s*(?:by|x|×)\s*(\d+(?:\.\d+)?))?"
                        r"\s*(centimet|cm\b|metre|meter|m\b)", re.IGNORECASE)
_ANY_SIZE = re.compile(r"(?i)\d\s*(?:centimet|cm\b|metres?\b|meters?\b)")
_PART_NAMED = re.compile(r"(?i)\b(?:each|one of|the first|the largest|the longest|the smallest|every)\b")
_ROUNDED = re.compile(r"\b(?:about|around|roughly|nearly|almost|approximately|just (?:over|under))\b", re.IGNORECASE)
LIFE_DASH = re.compile(r"(?<=\d)\??\s*[–-]\s*(?=\D{0,16}\d)")
"""The dash between birth and death in an artist's life ("Florence 1856–1925 London", "1484/85–1545")."""
_PLACE = re.compile(r"\b(born|died)\s+in\s+((?:[A-Z][\w'’-]*)(?:,?\s+[A-Z][\w'’-]*)*)")
_LIVED = re.compile(r"\b(lived|worked|settled|moved)\s+(?:in|to)\s+(?=[A-Z])")
_EPITHETS = {"the", "younger", "elder", "jr", "sr", "ii", "iii"}
_ADDED_HEDGE = re.compile(r"\b(?:around|about|circa|approximately|roughly)\s+(?:the\s+year\s+)?(\d{3,4})(?!\d|[.,]\d|s\b|\s*(?:cm|centimet|by\b|x\b|×))",
                          re.IGNORECASE)


class Exactness:
    """What one prompt states exactly, computed once for all the sentences of a guide."""

    def __init__(self, painting: Mapping[str, Any]):
        self.prompt = build_prompt(painting)
        hedged = {int(y) for rx in (_HEDGE_BEFORE, _HEDGE_AFTER) for y in rx.findall(self.prompt)}
        plain = self.prompt
        for rx in (_HEDGE_BEFORE, _HEDGE_AFTER):
            plain = rx.sub(" ", plain)
        date = painting.get("date") or ""
        # A range's end the date gives exactly ("1435–38") is exact, whatever the life hedges ("after 1438").
        date_exact = {int(range_end(m.group(1), m.group(2))) for m in _DATE_RANGE.finditer(date)
                      if not _HEDGE_BEFORE.search(date)}
        self.hedged = hedged - {int(y) for y in _YEAR.findall(plain)} - date_exact
        # A range's start said alone is the date cut short, unless the prompt gives that year elsewhere
        # (the artist's life: "active by 1465" beside "ca. 1465–70").
        elsewhere = self.prompt.replace(date, " ") if date else self.prompt
        self.ranges = [(m.group(1), range_end(m.group(1), m.group(2))) for m in _DATE_RANGE.finditer(date)
                       if not re.search(rf"(?<!\d){m.group(1)}(?!\d)", elsewhere)]
        self.date = date
        self.spans = [(m.group(1), range_end(m.group(1), m.group(2)))
                      for m in re.finditer(r"(\d{3,4})/(\d{1,4})(?!\d)", date)] if slash_is_span(painting) else []
        self.exact_years = {int(y) for y in _YEAR.findall(plain)} - hedged
        # A life's "1719/20" is one year or the other: either said alone states what the museum does not.
        self.choices = [(m.group(1), range_end(m.group(1), m.group(2)))
                        for m in re.finditer(r"(?<!\d)(\d{3,4})/(\d{1,4})(?!\d)", painting.get("artist_bio") or "")
                        if 0 < int(range_end(m.group(1), m.group(2))) - int(m.group(1)) <= 5]
        # "11th–12th century": one of the two centuries said alone is the date cut short.
        # "late 14th–early 15th century": the part of a century the museum gives, kept when said.
        self.qualified = re.findall(r"(?i)\b(late|early|mid|first half of the|second half of the)[- ]?(\d{1,2})(?:st|nd|rd|th)\b",
                                    date)
        self.centuries = re.findall(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)\s*(?:[–-]|to)\s*(\d{1,2})(?:st|nd|rd|th)\b", date)
        self.cm = _centimetre_figures(painting.get("dimensions") or "")
        self.inches_only = bool(re.search(r"\bin\b\.?", painting.get("dimensions") or ""))
        dims = painting.get("dimensions") or ""
        self.longest = longest_left_out(dims)
        self.parts = measured_in_parts(dims)
        height, width = parse_dimensions_cm(dims)
        self.square = bool(height) and height == width
        self.oblong = bool(height and width) and abs(height - width) > 0.1 * max(height, width)
        self.frame_only = bool(re.match(r"(?i)\s*(?:frame|framed)\s*:", dims)) and ";" not in dims
        # A square work gives one figure twice: two measurements are the prompt's if it has two.
        self.two_sides = bool(painting.get("height_cm") and painting.get("width_cm")) or len(re.findall(
            r"\d+(?:\.\d+)?", " ".join(x for x in re.split(r"[;()]", painting.get("dimensions") or "")
                                       if re.search(r"\bcm\b", x)))) >= 2
        bio = painting.get("artist_bio") or ""
        parts = LIFE_DASH.split(bio, maxsplit=1)
        self.life = {"born": fold(parts[0]), "died": fold(parts[1]) if len(parts) == 2 else ""}
        self.artist = _tokens(re.sub(r"\s*\(.*?\)", "", painting.get("artist") or ""))
        title = re.sub(r"[\s.]+$", "", painting.get("title") or "")
        self.titles = {t for t in (title, re.sub(r"\s*\(.*?\)\s*", " ", title).strip(), title_aloud(title),
                                   *re.findall(r"\((.*?)\)", title)) if t}
        self.title = title
        self.folded_prompt = fold(self.prompt)

    def problem(self, sentence: str) -> str | None:
        """Why ``sentence`` says a fact less exactly than the prompt, or None."""
        for rule in (self._hedge, self._range, self._span, self._choice, self._century, self._qualifier,
                     self._centimetres, self._whole, self._name,
                     self._title, self._place, self._there, self._added_hedge):
            reason = rule(sentence)
            if reason:
                return reason
        return None

    def _hedge(self, sentence: str) -> str | None:
        # "19th century (?)": the date doubted as a whole, said without a hedge
        if re.search(r"\(\?\)|\?\s*$", self.date) and not HEDGE_WORDS & {fold(w) for w in WORD.findall(sentence)}:
            parts = set(re.findall(r"\b\d{1,4}(?:st|nd|rd|th)?\b", self.date))
            if parts and parts & set(re.findall(r"\b\d{1,4}(?:st|nd|rd|th)?\b", sentence)):
                return f"states the date as certain where the prompt doubts it ({self.date})"
        said = {int(y) for y in _YEAR.findall(sentence)} & self.hedged
        if said and not HEDGE_WORDS & {fold(w) for w in WORD.findall(sentence)}:
            return f"states {min(said)} as certain where the prompt hedges it"
        return None

    def _added_hedge(self, sentence: str) -> str | None:
        for m in _ADDED_HEDGE.finditer(sentence):
            year = int(m.group(1))
            if year in self.exact_years and year not in self.hedged:
                return f"says {m.group(0)!r} where the prompt gives {year} exactly"
        return None

    def _there(self, sentence: str) -> str | None:
        if not re.search(r"\b(?:died|died later|lived and died) (?:there|in the same place)\b|\bsame place as\b",
                         sentence, re.IGNORECASE):
            return None
        def places(text: str) -> set[str]:
            return {w for w in re.findall(r"[^\W\d_]+", text) if w not in {"ca", "c", "about", "after", "before", "d", "b"}}
        born, died = places(self.life["born"]), places(self.life["died"])
        if not died or not died <= born:
            return "says the artist died where they were born, which the prompt's artist life does not say"
        return None

    def _span(self, sentence: str) -> str | None:
        for start, end in self.spans:
            if re.search(rf"(?<!\d){start}\s*(?:or|/)\s*{end}(?!\d)", sentence):
                return f"says {start} or {end} where the museum's {self.date} means between them"
        return None

    def _choice(self, sentence: str) -> str | None:
        if not re.search(r"(?i)\b(?:born|died|birth|death|lived|life)\b", sentence):
            return None  # "made around 1325 to 1350" beside a life "died 1349/50" is the work's date
        for first, second in self.choices:
            said = [y for y in (first, second) if re.search(rf"(?<!\d){y}(?!\d)", sentence)]
            if len(said) == 1:
                return f"states {said[0]} where the artist's life gives {first} or {second}"
        return None

    def _century(self, sentence: str) -> str | None:
        for first, second in self.centuries:
            said = [c for c in (first, second) if re.search(rf"\b{c}(?:st|nd|rd|th)\b", sentence)]
            if len(said) == 1:
                return f"names one of two centuries where the prompt's date is {self.date}"
        return None

    def _qualifier(self, sentence: str) -> str | None:
        for qualifier, number in self.qualified:
            if re.search(rf"\b{number}(?:st|nd|rd|th)\b", sentence) and not re.search(
                    rf"(?i)\b{re.escape(qualifier)}[- ]?{number}(?:st|nd|rd|th)\b", sentence):
                return f"drops {qualifier!r} from the {number}th century the prompt's date gives ({self.date})"
        return None

    def _range(self, sentence: str) -> str | None:
        for start, end in self.ranges:
            if re.search(rf"(?<!\d){start}(?!\d)", sentence) and not re.search(
                    rf"(?<!\d){end}(?!\d)|{start}\s*(?:[–/-]|to|and)\s*\d", sentence):
                return f"gives {start} where the prompt's date is {self.date}"
        return None

    def _whole(self, sentence: str) -> str | None:
        """A size that is not the whole object's: one lettered part's for a set ("about 29 by 689
        centimetres" of a set of five handscrolls), or two axes of three that leave out the longest
        ("7.2 by 2.9 centimetres" of a zither 52.6 long; both seed 25); or a square said as two sizes."""
        if self.parts and _ANY_SIZE.search(sentence) and not _PART_NAMED.search(sentence):
            return "gives one part's size as the whole's (the record measures lettered parts or each of several)"
        for m in _SIZE_SAID.finditer(sentence):
            scale = 100.0 if m.group(4).lower().startswith("m") else 1.0
            said = [float(v) * scale for v in m.groups()[:3] if v]
            if self.square and len(said) == 2 and said[0] != said[1]:  # "187 by 186" of 186.7 × 186.7 (seed 26)
                return "gives a square's two sides as different measurements"
            if self.oblong and len(said) == 2 and said[0] == said[1]:  # "15 by 15" of 15.2 × 10.5 (seed 27)
                return "gives one side twice where the prompt's two sides differ"
            if self.longest and len(said) == 2 and not any(abs(v - self.longest) <= 0.1 * self.longest for v in said):
                return f"leaves out the longest measurement ({self.longest:g} cm) of three"
        return None

    def _centimetres(self, sentence: str) -> str | None:
        if not self.cm:
            # No metric figure and none the records module converts ("H. 37-1/2, W. 28 in."): the
            # inches said as centimetres ("about 37 by 28 centimetres", seed 24) back nothing.
            if self.inches_only and _CM_SIZE.search(sentence):
                return "gives centimetres where the prompt measures in inches only"
            return None
        slack = 0.06 if _ROUNDED.search(sentence) else 0.0
        for m in _CM_SIZE.finditer(sentence):
            values = [float(v) for v in m.groups() if v]
            for value in values:
                # under 10 cm a figure is said to the millimetre: "about 2" for 2.5 cm is no rounding
                if not any(abs(value - cm) <= (max(1.0, slack * cm) if cm >= 10 else 0.5 - 1e-9) for cm in self.cm):
                    return f"{value:g} centimetres is no measurement of the prompt"
            if self.frame_only and not re.search(r"(?i)\bframe", sentence):
                return "gives the frame's measurements as the work's"
            if len(values) > 1 and not self.two_sides:
                return "gives two measurements where the prompt gives one"
        return None

    def _name(self, sentence: str) -> str | None:
        if len(self.artist) < 2:
            return None
        names = set(self.artist)
        for run in _runs(sentence, names):
            if run == self.artist or sum(w[:1].isupper() for w in run) < 2:
                continue
            tail = self.artist[len(self.artist) - len(run):]
            if run == tail and not _EPITHETS & {fold(w) for w in self.artist}:
                continue  # the surname with its particles ("van Gogh", "da Vinci")
            if self._said_alone(run):
                continue
            return f"names the artist only in part: {' '.join(run)!r} for {' '.join(self.artist)!r}"
        return None

    def _said_alone(self, run: list[str]) -> bool:
        """Whether the prompt itself names someone ``run`` and no more (another person in the notes)."""
        phrase = fold(" ".join(run))
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", self.folded_prompt):
            nxt = re.match(r"\s+([\w'’-]+)", self.folded_prompt[m.end():])
            if not nxt or nxt.group(1) not in {fold(w) for w in self.artist}:
                return True
        return False

    def _title(self, sentence: str) -> str | None:
        if any(t.lower() in sentence.lower() for t in self.titles):
            return None
        words = self.title.split()
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n]).rstrip(",:;")
            if re.search(rf"(?<![\w]){re.escape(prefix)}\s+by\b", sentence):
                return f"names the work only in part: {prefix!r} for {self.title!r}"
        return None

    def _place(self, sentence: str) -> str | None:
        for m in _PLACE.finditer(sentence):
            role, place = m.group(1).lower(), m.group(2)
            places = [fold(w) for w in WORD.findall(place)]
            if not any(re.search(rf"\b{re.escape(p)}\b", self.life[role]) or  # or the notes say so
                       re.search(rf"\b{role}\b[^.]{{0,60}}\b{re.escape(p)}\b", self.folded_prompt) for p in places):
                return f"{place} is not where the prompt says the artist {'was born' if role == 'born' else 'died'}"
        lived = _LIVED.search(sentence)
        if lived and not re.search(rf"\b{lived.group(1).lower()}\b", self.folded_prompt):
            return f"the prompt does not say where the artist {lived.group(1).lower()}"
        return None


def _centimetre_figures(dimensions: str) -> list[float]:
    """Every figure of the metric parts of a dimensions string ("L. 53.5 x W. 7.9 cm"; millimetres
    in centimetres, so "Total length: 660 mm" is 66 and no 660 centimetres, seed 21), and the
    painting's size as the records module reads it (inches converted when no metric is given)."""
    figures = {float(v) / (10 if unit == "mm" else 1) for part in re.split(r"[;()]", dimensions)
               for unit in re.findall(r"\b(cm|mm)\b", part)[:1]
               for v in re.findall(r"(?<![\d/.])\d+(?:\.\d+)?(?![\d/])", part)}
    return sorted(figures | {v for v in parse_dimensions_cm(dimensions) if v})


def _tokens(name: str) -> list[str]:
    return WORD.findall(name.replace(".", ". "))


def _runs(sentence: str, names: set[str]) -> list[list[str]]:
    """The runs of consecutive words of ``sentence`` that are all words of ``names``."""
    runs, run = [], []
    for w in re.findall(r"[\w'’-]+|[^\w\s]", sentence):
        base = re.sub(r"['’]s$", "", w)
        if base in names:
            run.append(base)
            continue
        if run:
            runs.append(run)
        run = []
    return runs + ([run] if run else [])
