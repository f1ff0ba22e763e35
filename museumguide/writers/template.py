"""The offline script writer: grounded, varied, deterministic.

It states only what the prompt shows (title, maker, date, medium, size, subjects, culture,
period), never other fields of the record (a credit line read aloud is not what a guide says,
and a model trained on facts it cannot see learns to invent them), reproduces the title and
artist exactly, speaks numbers as a guide would ("around 1665", "about 73 by 93 centimetres"), names each fact
once, and draws its sentence shapes from small banks with a random generator seeded by
``(seed, object_id)``, so the same seed always gives the same script. Sentences that carry no
fact (what to look at, how to close) fill the script up to the target length.

Given curator notes (the prompt's Notes section), the script carries two to four of their
sentences, chosen by the same seeded generator and kept in the notes' order, turned toward the
listener ("This painting depicted" -> "The painting in front of you depicts", a lead-in such as
"Notice that") with citation apparatus (bracketed references, parenthetical asides) removed.
Every word of a carried statement comes from the notes, so it states nothing the prompt lacks.
"""

from __future__ import annotations

import random
import re
from typing import Any, Mapping

from museumguide.grounding import fold, zipf
from museumguide.notes import sentences as note_sentences
from museumguide.quality import repeated_phrase

HOOKS = [
    "You are standing in front of {title}{by}.",
    "Before you is {title}{by}.",
    "Take a moment with {title}{by}.",
    "Stop here for {title}{by}.",
    "Let's spend a minute with {title}{by}.",
    "Welcome to {title}{by}.",
]
# The hook already names the artist, so these refer back without repeating the name.
MAKER = [
    "The artist was born in {born} in {b} and died in {died} in {e}.",
    "Born in {born} in {b}, the artist died in {died} in {e}.",
    "This {nat} artist was born in {born} in {b} and died in {died} in {e}.",
    "The artist's life began in {born} in {b} and ended in {died} in {e}.",
]
MAKER_ONE_PLACE = [
    "The artist was born in {born} in {b} and died there in {e}.",
    "This {nat} artist was born in {born} in {b} and died in the same place in {e}.",
    "Born in {born} in {b}, the artist died there in {e}.",
]
MAKER_YEARS = ["The artist lived from {b} to {e}.", "The artist's life ran from {b} to {e}."]
MAKER_NATIONALITY = ["The artist was {nat}.", "This is the work of {a_nat} artist."]
MAKER_SHORT = ["The museum describes the artist as {bio}.", "The artist is described as {bio}."]
MADE = [
    "It was {verb} {date}, in {medium}.",
    "The work was {verb} {date}, and the medium is {medium}.",
    "{Verb} {date}, it is {medium}.",
    "The artist {verb} it {date}, working in {medium}.",
]
DATE_ONLY = ["It was {verb} {date}.", "The work was {verb} {date}."]
DATE_AS_GIVEN = ["The museum dates it {date}.", "Its date is given as {date}."]
SIZE = [
    "It measures about {h} by {w} centimetres, so it is {scale}.",
    "At about {h} centimetres high and {w} wide, it is {scale}.",
    "The picture is about {h} by {w} centimetres, which makes it {scale}.",
]
SCALE = {
    "small": ["small enough to reward a close look", "an intimate size, made for close viewing"],
    "medium": ["easy to take in at a single glance", "a size that would suit a wall at home"],
    "large": ["large enough to fill your view if you step close", "big enough to hold a whole room's attention"],
}
LOOK_FOR = [
    "Look for {subjects}.",
    "See if you can find {subjects}.",
    "Keep an eye out for {subjects}.",
]
TAG_PROMPTS = {
    "portraits": "Notice how the sitter meets your gaze, or avoids it.",
    "landscapes": "Let your eye travel from the foreground into the far distance.",
    "boats": "Follow the boats across the water and see how they set the rhythm of the scene.",
    "ships": "Follow the ships across the water and see how they set the rhythm of the scene.",
    "flowers": "Study the flowers one by one; each bloom is a small portrait of its own.",
    "horses": "Watch how the horses carry the movement through the picture.",
    "dogs": "Find the dog, and notice what it adds to the mood.",
    "children": "Watch the children; they often carry the feeling of the whole scene.",
    "women": "Notice the gestures of the women and where they direct your attention.",
    "men": "Notice the gestures of the men and where they direct your attention.",
    "trees": "Look at how the trees frame the space and lead you inward.",
    "mountains": "Notice how the mountains give the scene its depth and scale.",
    "clouds": "Spend a moment with the clouds; skies like this set the mood of everything below.",
    "interiors": "Step mentally into the room and notice what has been placed where.",
    "still life": "Each object here was chosen and placed; ask what it might stand for.",
    "madonna and child": "Notice the tenderness in how mother and child are held together.",
    "angels": "Find the angels and follow their gestures.",
    "saints": "Look for the objects the saints hold; they are clues to who they are.",
    "musical instruments": "Find the instruments and imagine the music in the room.",
    "buildings": "Notice how the buildings organise the space and lead your eye.",
    "water": "Watch how the water catches the light.",
    "animals": "Look for the animals and what they are doing.",
}
MEDIUM_NOTES = [
    ("tempera", "Tempera, pigment bound with egg, dries quickly, so it is built up in fine hatched strokes."),
    ("watercolor", "Watercolor leaves little room for correction; every wash stays visible."),
    ("gold", "Shift your position a little and watch the gold catch the light."),
    ("oil", "Oil paint dries slowly, which lets a painter blend tones softly and build up glazes."),
    ("ink", "Follow the ink line, and notice how its pressure changes from thick to thin."),
    ("acrylic", "Acrylic dries fast and flat, which gives colour a bright, even surface."),
]
CONTEXT = {
    "culture": ["The museum gives its culture as {culture}.", "It comes to us catalogued as {culture}."],
    "period": ["It dates from the {period}.", "It belongs to the {period}."],
}
LOOKING = [
    "Give your eyes a moment to adjust, and let a first impression form before you read anything into it.",
    "Notice where the light falls first, and where the shadows gather.",
    "Try moving a step to the left, then to the right, and see how the surface changes.",
    "Look at the edges as well as the centre; small decisions often hide there.",
    "Ask yourself where your eye enters the picture and where it comes to rest.",
    "Compare the most finished passages with the looser ones nearby.",
    "Pay attention to the colours: which ones advance toward you, and which ones fall back?",
    "Come closer to study the handling, then step back to see how it all resolves.",
]
CLOSES = [
    "Before you move on, step back and let the whole picture settle in your memory.",
    "As you leave, carry one detail with you, and see whether you notice it again in the next room.",
    "Take one last look, and ask yourself what you would have missed at a glance.",
    "When you are ready, walk on, but glance back once from across the gallery.",
    "Let it hold you for one more breath before you continue.",
]

NOTE_LEADS = [
    "Notice that {s}", "It helps to know that {s}", "As you look, keep in mind that {s}",
    "Here is something worth knowing: {s}", "Consider this: {s}", "{S}", "{S}", "{S}",
]
VIEWER = ["The painting in front of you", "The picture before you", "The work you are looking at"]
_WORK_SUBJECT = re.compile(
    r"^(This|The) (painting|work|canvas|picture|panel|composition)\b(?= (?:is|was|depicts|depicted|shows|"
    r"showed|portrays|portrayed|presents|presented|still|has|had|captures|captured|offers|offered)\b)")
_PAST_VERBS = {"depicted": "depicts", "showed": "shows", "portrayed": "portrays", "presented": "presents",
               "captured": "captures", "offered": "offers"}
# Bracketed references and parenthetical asides ("(c. 1650; Galleria Doria-Pamphilj, Rome)",
# "(fig. 2)") are catalogue apparatus that a listener cannot use.
_CITATION = re.compile(r"\s*\[[^\]]*\]|\s*\([^()]*\)")
_OPENERS = {
    "a", "an", "the", "this", "these", "those", "it", "its", "he", "she", "they", "his", "her", "their",
    "in", "at", "on", "by", "for", "from", "with", "after", "before", "during", "between", "since", "over",
    "although", "though", "while", "when", "as", "because", "like", "unlike", "throughout", "early",
    "just", "many", "some", "both", "each", "one", "here", "there", "produced", "known",
    "born", "painted", "made", "created", "rather", "instead", "once", "today", "now", "later"}
NOTE_WORDS = (8, 40)
"""Shortest and longest notes sentence, in words, that a script carries."""

# "Dutch, Leiden 1606–1669 Amsterdam", "American, Buffalo, New York 1840–1928 Capri, Italy"
_BIO = re.compile(
    r"^(?P<nat>[^,\d]+), (?P<born>[^\d]+?) (?:ca\. )?(?P<b>\d{3,4})[–-](?:ca\. )?(?P<e>\d{3,4}) (?P<died>[^\d]+)$"
)
# "American, 1840–1928", "1840–1928"
_BIO_YEARS = re.compile(r"^(?:[^,\d]+, )?(?:ca\. )?(?P<b>\d{3,4})[–-](?:ca\. )?(?P<e>\d{3,4})$")
_PAINTED = ("oil", "tempera", "watercolor", "acrylic", "gouache", "paint", "distemper", "encaustic")


_PROPER_MEDIUM = {"japanese", "chinese", "india", "indian", "korean", "persian", "prussian", "venetian", "chinese"}


def _lower_first(text: str) -> str:
    """Lower-case a leading common word ("Oil on canvas" -> "oil on canvas"), keep names."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:2].islower() and fold(first).strip(",") not in _PROPER_MEDIUM:
        return text[0].lower() + text[1:]
    return text


def _article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def spoken(text: str) -> str:
    """Catalogue shorthand as a guide would say it: "ca. 1565–d. 1635" -> "around 1565 to died 1635"."""
    text = re.sub(r"\bca\.\s*", "around ", text)
    text = re.sub(r"\bd\.\s*(?=\d)", "died ", text)
    text = re.sub(r"\bb\.\s*(?=\d)", "born ", text)
    return re.sub(r"\s*[–-]\s*(?=(around |died )?\d)", " to ", text)


def spoken_date(date: str | None) -> str | None:
    """A date as a guide says it after "painted": "ca. 1665" -> "around 1665", "1851–52" ->
    "between 1851 and 1852", "1640s" -> "in the 1640s". Only the date text is used (the prompt
    shows nothing else), and None when it has no shape a sentence can carry."""
    if not date:
        return None
    text = date.strip()
    approx = bool(re.match(r"^(ca\.|c\.|about|circa)\s*", text))
    core = re.sub(r"^(ca\.|c\.|about|circa)\s*", "", text)
    if re.fullmatch(r"\d{3,4}", core):
        return f"around {core}" if approx else f"in {core}"
    m = re.fullmatch(r"(\d{3,4})\s*[–-]\s*(\d{1,4})", core)
    if m:
        first, tail = m.groups()
        end = first[: len(first) - len(tail)] + tail if len(tail) < len(first) else tail
        if int(end) > int(first):
            return f"around {first} to {end}" if approx else f"between {first} and {end}"
    if re.fullmatch(r"(early |mid-|late |first half of the |second half of the )?\d{1,2}(st|nd|rd|th) century|\d{3,4}s", core):
        return f"around the {core}" if approx else f"in the {core}"
    return None


# Subject words that name someone: the tag keeps its capitals.
_NAME_LIKE = {"christ", "jesus", "god", "mary", "venus", "apollo", "diana", "mars", "mercury", "cupid",
              "bacchus", "hercules", "saint", "virgin", "madonna", "buddha", "krishna", "shiva", "vishnu",
              "adam", "eve", "david", "judith", "moses", "abraham", "magdalene", "jerome", "sebastian",
              "george", "michael", "gabriel", "john", "peter", "paul", "joseph", "anne", "catherine"}


def _subject_word(tag: str) -> str:
    """Common-noun subjects read in lower case ("Men" -> "men"); names keep their capitals."""
    parts = [fold(w) for w in tag.split()]
    if all(zipf(w) >= 3.5 and w not in _NAME_LIKE for w in parts):
        return tag.lower()
    return tag


def _subject_phrase(tags: list[str]) -> str:
    words = [_subject_word(t) for t in tags[:4]]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def _by(p: Mapping[str, Any]) -> str:
    artist = p.get("artist")
    if not artist:
        return ""
    prefix = (p.get("artist_prefix") or "").strip()
    if not prefix:
        return f" by {artist}"
    if prefix.lower() in ("painting by", "by"):
        return f", painted by {artist}"
    return f", {_lower_first(prefix)} {artist}"


def _seed_id(p: Mapping[str, Any]) -> Any:
    """What seeds a painting's choices: the Met's object id (as before keys, so its scripts stay
    the same), another museum's key (its numbers may repeat the Met's)."""
    return p.get("object_id") if p.get("source", "met") == "met" else p.get("key")


def opening(p: Mapping[str, Any], seed: int | None = 0, notes: int = 0) -> str:
    """The first sentence of a guide, naming the work and its maker exactly as the prompt does,
    then, when the prompt has curator notes, up to ``notes`` of their sentences in the guide's
    voice (as the training scripts carry them); strict generation starts from it and lets the
    model continue."""
    rng = random.Random(f"opening:{seed}:{_seed_id(p)}:{p.get('title')}")
    hook = rng.choice(HOOKS).format(title=p["title"].rstrip(". "), by=_by(p))
    if not notes or not p.get("notes"):
        return hook
    return " ".join([hook] + [_to_listener(c, rng) for c in note_candidates(p["notes"])[:notes]])


def note_candidates(text: str) -> list[str]:
    """The notes sentences a script may carry, apparatus removed, of a length a listener follows."""
    cleaned = (_CITATION.sub("", s).strip() for s in note_sentences(text))
    return [c for c in cleaned if NOTE_WORDS[0] <= len(c.split()) <= NOTE_WORDS[1]]


def _to_listener(sentence: str, rng: random.Random) -> str:
    """A notes sentence in the guide's voice: the work as the thing in front of the listener, in
    the present tense, sometimes after a short lead-in. No word is added that states a fact."""
    match = _WORK_SUBJECT.match(sentence)
    if match:
        rest = sentence[match.end():]
        verb = rest.split(None, 1)[0] if rest.strip() else ""
        if verb in _PAST_VERBS:
            rest = rest.replace(verb, _PAST_VERBS[verb], 1)
        return rng.choice(VIEWER) + rest
    lead = rng.choice(NOTE_LEADS)
    first = sentence.split(" ", 1)[0].rstrip(",")
    # Only a word that cannot be a name may lose its capital after a lead-in ("Bacon" can), and
    # a sentence that answers the one before ("But critics ...") reads wrong after "keep in mind that".
    if lead == "{S}" or first.lower() not in _OPENERS:
        return sentence
    return lead.format(s=sentence[0].lower() + sentence[1:])


class TemplateWriter:
    """Writes one grounded script per painting; ``min_words``/``max_words`` bound its length."""

    name = "template"

    def __init__(self, seed: int = 0, min_words: int = 90, max_words: int = 150):
        self.seed, self.min_words, self.max_words = seed, min_words, max_words

    def write(self, p: Mapping[str, Any]) -> str:
        rng = random.Random(f"{self.seed}:{_seed_id(p)}:{p.get('title')}")
        pick = rng.choice
        title = p["title"].rstrip(". ")
        core: list[str] = [pick(HOOKS).format(title=title, by=_by(p))]
        optional: list[str] = []  # kept while they fit, in this order of priority

        core += self._maker(p, pick, optional)
        date_text = (p.get("date") or "").strip()
        date = spoken_date(date_text)
        medium = (p.get("medium") or "").rstrip(".") or None
        painted = (p.get("classification") or "").lower().startswith("painting") or \
            (medium or "").lower().startswith(_PAINTED)
        verb = "painted" if painted else "made"
        if date and medium:
            core.append(pick(MADE).format(date=date, medium=_lower_first(medium), verb=verb, Verb=verb.capitalize()))
        elif date:
            core.append(pick(DATE_ONLY).format(date=date, verb=verb))
        else:
            if date_text:
                core.append(pick(DATE_AS_GIVEN).format(date=spoken(date_text)))
            if medium:
                core.append(f"The medium is {_lower_first(medium)}.")

        # With notes to carry, size and subjects give way to them when the script runs long.
        secondary = optional if p.get("notes") else core
        h, w = p.get("height_cm"), p.get("width_cm")
        if h and w and h >= 1 and w >= 1:
            size = "small" if max(h, w) < 40 else "large" if max(h, w) > 150 else "medium"
            secondary.append(pick(SIZE).format(h=round(h), w=round(w), scale=pick(SCALE[size])))

        # A subject that is already in the title would be said twice.
        tags = [t for t in p.get("tags") or [] if fold(t) not in fold(title)]
        if tags:
            secondary.append(pick(LOOK_FOR).format(subjects=_subject_phrase(tags)))
            prompts = [TAG_PROMPTS[t.lower()] for t in tags if t.lower() in TAG_PROMPTS]
            if prompts:
                optional.append(pick(prompts))
        for key, note in MEDIUM_NOTES:
            if key in (medium or "").lower():
                optional.append(note)
                break
        if p.get("culture") and not p.get("artist"):
            core.append(pick(CONTEXT["culture"]).format(culture=p["culture"]))
        period = re.sub(r"\s*\(.*?\)", "", p.get("period") or "").strip()
        if period:
            optional.append(pick(CONTEXT["period"]).format(period=period if "period" in period.lower() else f"{period} period"))
        close = pick(CLOSES)
        if p.get("notes"):
            room = self.max_words - sum(len(x.split()) for x in core + [close]) - 5
            core += self._notes(p["notes"], rng, room)

        looking = LOOKING[:]
        rng.shuffle(looking)
        return self._fit(p, core, optional, looking, close)

    @staticmethod
    def _notes(text: str, rng: random.Random, room: int) -> list[str]:
        """Two to four notes sentences in the guide's voice, in the notes' order, within ``room``
        words (fewer when the notes are short)."""
        candidates = note_candidates(text)
        if not candidates:
            return []
        want = rng.choice((2, 3, 3, 4))
        chosen = sorted(rng.sample(range(len(candidates)), min(want, len(candidates))))
        voiced = {i: _to_listener(candidates[i], rng) for i in chosen}
        while len(voiced) > 1 and sum(len(v.split()) for v in voiced.values()) > room:
            del voiced[max(voiced, key=lambda i: len(voiced[i].split()))]
        return [voiced[i] for i in sorted(voiced)]

    @staticmethod
    def _maker(p: Mapping[str, Any], pick, optional: list[str]) -> list[str]:
        """The sentence about the artist, from the prompt's artist life and nationality."""
        if not p.get("artist"):
            return []
        bio, nat = p.get("artist_bio") or "", (p.get("artist_nationality") or "").strip()
        m = _BIO.match(bio)
        if m:
            bank = MAKER_ONE_PLACE if m.group("born") == m.group("died") else MAKER
            return [pick(bank).format(**m.groupdict())]
        years = _BIO_YEARS.match(bio)
        if years:
            return [pick(MAKER_YEARS).format(b=years.group("b"), e=years.group("e"))]
        if bio:
            optional.append(pick(MAKER_SHORT).format(bio=spoken(bio)))
        elif nat and re.fullmatch(r"[A-Z][a-z]+", nat):
            optional.append(pick(MAKER_NATIONALITY).format(nat=nat, a_nat=_article(nat)))
        return []

    def _fit(self, record, core: list[str], optional: list[str], looking: list[str], close: str) -> str:
        def words(parts: list[str]) -> int:
            return sum(len(s.split()) for s in parts)

        def repeats(parts: list[str]) -> bool:
            return repeated_phrase(" ".join(parts), record) is not None

        # A record can repeat itself (a place in the bio twice, a title in the credit line):
        # any sentence that would make the script say the same five words twice is left out.
        body = core[:1]
        for sentence in core[1:]:
            if not repeats(body + [sentence]):
                body.append(sentence)
        n_core = len(body)
        budget = self.max_words - words([close])
        for sentence in optional:
            if words(body) + len(sentence.split()) <= budget and not repeats(body + [sentence]):
                body.append(sentence)
        # Fact-free looking prompts go after the hook's facts, until the script is long enough.
        insert_at = min(len(body), 3)
        for sentence in looking:
            if words(body) + words([close]) >= self.min_words:
                break
            if words(body) + len(sentence.split()) <= budget:
                body.insert(insert_at, sentence)
                insert_at += 1
        # Too long even so (very long titles or credit lines): drop trailing optional facts.
        while words(body) > budget and len(body) > n_core:
            body.pop()
        return " ".join(body + [close])

    def write_all(self, paintings):
        """Yield ``(painting, text, error)`` like the other writers."""
        for painting in paintings:
            yield painting, self.write(painting), None
