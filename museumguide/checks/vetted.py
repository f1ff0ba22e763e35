"""What a guide may say without the prompt: statements and words a person has reviewed once.

    from museumguide.checks.vetted import applicable
    applicable({"medium": "Oil on canvas", "tags": ["Boats"]})   # the vetted statements this prompt allows

The sentence checker (``museumguide.checks.sentences``) accepts a sentence only when every content
word is backed by the prompt, by the guide's framing words below, or by a vetted statement about
something the prompt names; the template writer draws its fact-free sentences from the same lists,
so what the training scripts say and what the checker accepts cannot drift apart. Each list was
read once by a person (this project's maintainers, 2026-12) for truth about any work it can be said
of: a medium note is said only when the prompt's medium names that medium, a tag prompt only when
the prompt's subjects hold that tag, a looking prompt of any painting.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from museumguide.records.notes import seen_sentences

MEDIUM_NOTES = [
    # "..., so it is built up in fine hatched strokes" was struck by both blind annotators of seed 21:
    # said of one work, it claims a technique its record does not give.
    ("tempera", "Tempera is pigment bound with egg, and it dries quickly."),
    # "Watercolor leaves little room for correction." was struck by both blind annotators of two
    # samples (issues 33 and 36): a painter lifts and washes watercolour; said as a rule it is false.
    ("watercolor", "Watercolor is pigment bound with gum and thinned with water."),
    ("gold", "Shift your position a little and watch the gold catch the light."),
    ("oil", "Oil paint dries slowly, which lets a painter blend tones softly and build up glazes."),
    # was "Follow the ink line, and notice how its pressure changes from thick to thin.": both blind
    # annotators of seed 26 struck it of an ink painting (it presumes a line that swells and thins)
    ("ink", "Step closer and look at how the ink was laid down, stroke by stroke."),
    ("acrylic", "Acrylic dries fast and flat, which gives colour a bright, even surface."),
    ("bronze", "Bronze is poured molten into a mould, which is why a bronze can be cast more than once."),
    ("marble", "Marble is carved away a little at a time, so every form in it was found by taking stone away."),
    ("terracotta", "Terracotta is clay fired in a kiln, shaped while it was still soft."),
    ("wood(?:block|cut)", "A woodblock print is printed from a carved block of wood: the parts left standing take the ink."),
    ("engraving", "In an engraving, every line was cut into a metal plate before the plate was inked and printed."),
    ("etching", "In an etching, the lines were drawn through a coating on a metal plate and bitten into it with acid."),
    ("lithograph", "A lithograph is printed from a flat stone or plate drawn on with a greasy crayon or ink."),
    ("albumen", "An albumen print holds its image in a thin layer of egg white on the paper."),
    ("gelatin silver", "A gelatin silver print holds its image in silver, held in a thin layer of gelatin."),
    ("porcelain", "Porcelain is fired at a very high temperature, which makes it hard and white."),
    ("chalk", "Chalk sits on the surface of the paper, so the grain of the sheet shows through the strokes."),
]
"""(word the prompt's medium must contain, general statement about that medium); each is said
only where ``MEDIUM_CONDITIONS`` also holds."""

LIFE_AS_STORED = re.compile(r"[^\d,()]+(?:, [^\d,()]+)?|[^\d,()]+, born (?:[A-Z][\w'’ -]*, )?\d{4}")
"""An artist life a guide may read out as the museum stores it ("Italian, Naples", "Sudanese, born
1930", "British, born Bradford, 1937"); a life with other years is said only as a birth and a
death the template writer has parsed ("Iranian, born Khorasan–1430 Zanjan" read out was garbled)."""

FIRST_PERSON = re.compile(r"\bI (?:have|had|am|was|will|would|do|did|can|could|think|feel|see|saw|want|wanted|know|"
                          r"knew|love|like|paint|painted|made|arranged|wrote)\b|\b(?:my|myself)\b")
"""The artist's own words quoted in the notes: no guide says "I" or "my" in its own voice."""

PRINTED = re.compile(r"\b(?:print|prints|printed|woodblock|woodcut|wood engraving|engraving|etching|lithograph\w*|"
                     r"screenprint|silkscreen|serigraph|aquatint|mezzotint|drypoint|linocut|photograph\w*|"
                     r"gelatin silver|albumen|monotype|intaglio|relief print)\b", re.IGNORECASE)
"""A work made by printing, or a photograph: no brush or pen line of the maker's hand on it."""

PAINTED_FORMS = {"painting", "drawing", "manuscript"}
"""Forms whose paint a painter handled: oil on a cabinet door is paint, not a painter's glazes."""


def _hand_painted(medium: str, classification: str, form: str) -> bool:
    return form in PAINTED_FORMS and not PRINTED.search(f"{medium} {classification}")


MEDIUM_CONDITIONS = {
    # The pressure of a pen or brush shows only in a line drawn by hand, never in ink printed from
    # a block, a plate or a screen (issue 33: said of a woodblock print).
    # Reviewed for ink paintings (a handscroll, an album leaf); two blind annotators struck it of
    # an ink drawing and a manuscript page (issue 36), so it is said of paintings only.
    "ink": lambda medium, classification, form: form == "painting" and not PRINTED.search(f"{medium} {classification}"),
    # Paint that dries and is blended or hatched: a painted surface, not a print that holds the word.
    "tempera": _hand_painted, "oil": _hand_painted, "acrylic": _hand_painted, "watercolor": _hand_painted,
    # A sculptor's materials, said of sculpture (a bronze vessel was cast too, but this was
    # reviewed for sculpture); terracotta of a fired clay figure or vessel.
    "bronze": lambda medium, classification, form: form == "sculpture",
    "marble": lambda medium, classification, form: form == "sculpture",
    "terracotta": lambda medium, classification, form: form in ("sculpture", "ceramic"),
    # How a print was printed, of prints only; a wood engraving is cut in wood, not metal.
    "wood(?:block|cut)": lambda medium, classification, form: form == "print",
    "engraving": lambda medium, classification, form: form == "print" and "wood engraving" not in medium,
    "etching": lambda medium, classification, form: form == "print",
    "lithograph": lambda medium, classification, form: form == "print",
    # A photograph's process, of photographs.
    "albumen": lambda medium, classification, form: form == "photograph",
    "gelatin silver": lambda medium, classification, form: form == "photograph",
    "porcelain": lambda medium, classification, form: form in ("ceramic", "sculpture"),
    "chalk": lambda medium, classification, form: form == "drawing" and "paper" in medium,
}
"""The condition a medium note was reviewed for, beyond its word in the medium, as a test of the
prompt's medium and classification (lower case) and its form (``museumguide.records.forms``)."""


def medium_notes(painting: Mapping[str, Any]) -> list[str]:
    """The medium notes that may be said of this work: its medium names the note's medium as a
    word ("oil", not "soil"), and the note's condition holds (no ink strokes on a print)."""
    medium = (painting.get("medium") or "").lower()
    classification = (painting.get("classification") or "").lower()
    form = painting.get("form") or "painting"
    return [note for key, note in MEDIUM_NOTES if re.search(rf"\b{key}", medium)
            and MEDIUM_CONDITIONS.get(key, lambda m, c, f: True)(medium, classification, form)]

TAG_PROMPTS = {
    "portraits": "Notice how the sitter meets your gaze, or avoids it.",
    "landscapes": "Let your eye travel from the foreground into the far distance.",
    "boats": "Follow the boats across the water and see how they set the rhythm of the scene.",
    "ships": "Follow the ships across the water and see how they set the rhythm of the scene.",
    "flowers": "Study the flowers one by one; each bloom is a small portrait of its own.",
    "horses": "Watch how the horses carry the movement through the picture.",
    "dogs": "Find the dog, and notice what it adds to the mood.",
    "children": "Watch the children; they often carry the feeling of the whole scene.",
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
"""Subject tag (lower case) -> an invitation to look that presupposes only that tag."""

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
"""Invitations to look that fit any painting."""

CLOSES = [
    "Before you move on, step back and let the whole picture settle in your memory.",
    "As you leave, carry one detail with you, and see whether you notice it again in the next room.",
    "Take one last look, and ask yourself what you would have missed at a glance.",
    "When you are ready, walk on, but glance back once from across the gallery.",
    "Let it hold you for one more breath before you continue.",
]
"""Closing invitations that fit any painting; all but the first fit any object."""

LOOKING_PAPER = [
    "Give your eyes a moment to adjust, and let a first impression form before you read anything into it.",
    "Notice where the light falls first, and where the shadows gather.",
    "Look at the edges as well as the centre; small decisions often hide there.",
    "Ask yourself where your eye enters the picture and where it comes to rest.",
    "Come closer to follow the lines, then step back to see how they hold together.",
    "Compare the most finished passages with the looser ones nearby.",
]
"""Invitations to look that fit any drawing, print, photograph or page."""

LOOKING_ROUND = [
    "Give your eyes a moment to adjust, and let a first impression form before you read anything into it.",
    "If you can, walk slowly around it, and watch how its outline changes.",
    "Watch how the light moves across its surfaces as you change your position.",
    "Look at it first from a little distance, then come closer to study the details.",
    "Look for the marks of making: where the material was shaped, joined or finished.",
    "Look at the edges as well as the centre; small decisions often hide there.",
]
"""Invitations to look that fit any object in the round: sculpture, furniture, vessels, armour."""

LOOKING_FORM = {
    "instrument": ["Imagine the sound it was made to give, and the hands that played it."],
    "textile": ["Look closely at the threads, and how the pattern is built up from them."],
    "furniture": ["Imagine it in use: where would you stand, sit or reach?"],
    # a page has a layout whatever it holds; it replaces the "picture" prompt left out of pages (seed 29)
    "manuscript": ["Look at how the page is laid out: what fills it, and what is left empty."],
}
"""Invitations that fit every object of one form."""

ROUND_FORMS = {"sculpture", "instrument", "arms", "furniture", "ceramic", "glass", "textile", "metalwork", "object"}

# The styles of ``museumguide.records.styles``: what a family guide and a verbal description may
# say that no record backs. Written for children of 7 to 11 (short words, one idea a sentence) and
# read once for truth of any work of the forms each is said of.
FAMILY_LOOK = {
    "picture": ["Look closely, and say out loud the first thing you notice.",
                "Find the brightest part of it, and then the darkest part."],
    "page": ["Look closely, and say out loud the first thing you notice.",
             "Find the brightest part of it, and then the darkest part."],
    "round": ["Look closely, and say out loud the first thing you notice.",
              "Walk around it if you can, and see whether it looks different from the side."],
}
FAMILY_TALK = {
    "picture": ["Talk together: if you could step inside this picture, what would you hear?",
                "Talk together about what you think is going on here."],
    # a page of writing or a sheet of ornament is no scene to step into (``family_prompts``)
    "page": ["Talk together about what you think is going on here.",
             "Talk together: what do you notice first, and why?"],
    "round": ["Talk together about how you think it was made.",
              "Talk together: if you could hold it, would it feel heavy or light?"],
}
FAMILY_CLOSE = ["Before you go, pick one thing you want to remember.",
                "Before you go, tell each other your favourite part."]
FROM_RECORD = "This description is drawn from the museum's record of the work."
"""Said by a verbal description whose notes describe nothing seen (``records.styles``), instead of
any visual detail; never said where the notes do describe what is seen."""


NO_SCENE = {"calligraphy", "poetry", "ornament", "inscriptions", "text", "writing", "script", "arabic", "abstraction",
            "patterns", "geometric patterns", "designs", "decoration"}
"""Subject tags of a sheet or a page that shows no scene: "if you could step inside this picture"
said of a page of calligraphy (tags Poetry, Calligraphy) was struck by both blind annotators of
seed 27's family sample, and of a sheet of ornament designs for firearms (Ornament) by one of seed
28's; said of prints, drawings and pages whose tags name figures or things, it was signed."""


SCENE_OF_PAGE = {"men", "women", "children", "boys", "girls", "portraits", "self-portraits", "horses", "animals",
                 "birds", "kings", "warriors", "soldiers", "riders", "hunting", "battles", "landscapes", "musicians",
                 "angels", "figures", "couples", "lovers", "gardens", "elephants", "lions", "camels", "deer"}
"""Subject tags by which a page of a book shows a scene: a Qur'an's "Arabic" and "Flowers" name its
script and its illumination, and "step inside this picture" said of it was struck by both blind
annotators of seed 29's family sample; a manuscript's self-portrait (Men) was signed (seed 27)."""


def _shape(form: str | None, tags: Iterable[str] = ()) -> str:
    """Forms seen in the round (``museumguide.records.forms``), a sheet or page that shows no scene
    (a painting always may), and pictures."""
    if form in ROUND_FORMS:
        return "round"
    named = {str(t).lower() for t in tags}
    if form == "manuscript" and not named & SCENE_OF_PAGE or \
            form in ("drawing", "print", "photograph") and named and not named - NO_SCENE:
        return "page"
    return "picture"


def family_prompts(form: str | None, tags: Iterable[str] = ()) -> tuple[list[str], list[str], list[str]]:
    """The family style's invitations to look, questions to talk about, and closes, for ``form``
    and the record's subject ``tags``."""
    shape = _shape(form, tags)
    return FAMILY_LOOK[shape], FAMILY_TALK[shape], FAMILY_CLOSE


DRAWINGS_ONLY = {"Compare the most finished passages with the looser ones nearby."}
"""Paper prompts reviewed for drawings: both annotators struck the comparison of finished and
loose passages said of a calligraphy page (issue 36, seed 13)."""
NOT_OF_PAGES = {"Notice where the light falls first, and where the shadows gather.",
                "Ask yourself where your eye enters the picture and where it comes to rest."}
"""Paper prompts not said of a manuscript page: light and gathering shadows presuppose shading an
ink and gold page rarely has (issue 37, seed 14); a page of a Qur'an is no picture (seed 29)."""
TAG_PROMPT_FORMS = {None, "painting", "drawing"}
"""Forms the tag prompts were reviewed for: "each bloom is a small portrait of its own" was struck
of a calligraphy page with flowers in its margin (issue 36, seed 13)."""


def looking_prompts(form: str | None) -> list[str]:
    """The invitations to look that fit every object of ``form`` (None: a painting)."""
    if form in ROUND_FORMS:
        return LOOKING_ROUND + LOOKING_FORM.get(form, [])
    if form in (None, "painting"):
        return LOOKING
    left_out = set() if form == "drawing" else DRAWINGS_ONLY | (NOT_OF_PAGES if form == "manuscript" else set())
    return [x for x in LOOKING_PAPER if x not in left_out] + LOOKING_FORM.get(form or "", [])


def closing_prompts(form: str | None) -> list[str]:
    """The closing invitations that fit every object of ``form``: "the whole picture" only of one."""
    return CLOSES[1:] if form in ROUND_FORMS else CLOSES

SCALE = {
    "small": ["small enough to reward a close look", "an intimate size, made for close viewing"],
    # "a size that would suit a wall at home" was struck by blind annotators in three samples
    # (issues 36 and 37): where a work would hang is no fact of its size.
    "medium": ["easy to take in at a single glance"],
    "large": ["large enough to fill your view if you step close", "big enough to hold a whole room's attention"],
}
"""What a size means to a visitor, by the longer side: under 40 cm, 40 to 100 cm, over 150 cm.
Between 100 and 150 cm none of them is true of every work (a 141 cm canvas is not taken in at a
single glance, nor does it fill a room), so the size is said without a judgement (issue 33)."""
SIZE_BOUNDS = {"small": (0, 40), "medium": (40, 100), "large": (150, float("inf"))}
"""The longer side, in centimetres, for which each ``SCALE`` judgement was reviewed."""

FRAME_WORDS = set("""
stop here before you take moment minute spend let's let welcome standing front look
artist artist's painter work works painting paintings picture
born died die lived reigned active same place there later
painted made make created produced dated dates date museum describes described given catalogued drawn drew
bc ad
comes us gives give culture period belongs belong medium media materials material working worked measures measure measured about
origin
centimetres centimeters centimetre high wide tall across size metres metre
probably around perhaps between roughly nearly almost
depicts depict shows show portrays portray presents present captures capture offers offer
notice helps know keep mind something worth knowing consider
front viewer viewers
description verbal
weighs weigh weight kilograms kilogram grams gram
""".split())
"""Words a guide uses to frame what the prompt says ("Born in ..., the artist died there in ...");
they assert nothing on their own. Every word of the template writer's sentence shapes is here or
in the prompt it fills them from (tests/test_sentences.py)."""

VIEWING_WORDS = set("""
look looking notice see seeing watch find follow study compare ask imagine consider picture
step steps closer close back left right centre center edge edges corner corners surface foreground
background distance middle top bottom eye eyes gaze attention glance moment breath hurry
light shadow shadows colour colours color colors line lines shape shapes space spaces
detail details mood feeling impression memory room gallery whole first last next once again
slowly carefully quietly moving move walk walking stand standing turn pause linger
while yourself minute minutes time
""".split())
"""Words an invitation to look may use about any painting (what the eye does, where to stand);
in a statement about the work they back nothing."""

INVITE_VERBS = set("""
look notice see watch find follow study compare ask imagine consider step take spend give come
pay let keep move walk stand turn glance pause linger picture think search focus observe explore
carry remember return shift
""".split())
"""First words of an invitation ("Notice where the light falls first.")."""

STOPWORDS = set("""
a an the and or but nor so yet for of in on at by to from with within without into onto upon over under
above below up down out off through across along around about against among between behind beside
beyond during before after since until till as than then that this these those there here where when
while which who whom whose what why how if whether because although though unless whereas
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
one ones oneself itself himself herself themselves yourself yourselves myself ourselves
is am are was were be been being have has had having do does did doing will would shall should
can could may might must
not no never nothing none any some each every all both either neither such own other another
very too also just only even still more most much many few less least again once
there's it's that's you'll you're you've we'll we're else don't
""".split())
"""Function words: they carry no fact of their own, except the negations, which
``museumguide.checks.sentences`` compares with its sources."""

NEGATIONS = {"not", "no", "never", "nothing", "none", "neither", "nor", "without"}


def size_class(height_cm: float | None, width_cm: float | None) -> str | None:
    """"small", "medium" or "large" by the longer side (``SIZE_BOUNDS``); "plain" for a size no
    judgement fits; None without a size."""
    if not (isinstance(height_cm, (int, float)) and isinstance(width_cm, (int, float))):
        return None
    if height_cm < 1 or width_cm < 1:
        return None
    longer = max(height_cm, width_cm)
    return next((name for name, (low, high) in SIZE_BOUNDS.items() if low <= longer < high), "plain")


def applicable(painting: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The vetted statements that may be said of this painting, as (kind, text): medium notes for
    the media its prompt names (each within its condition), what its size means to a visitor and
    tag prompts for its tags (of pictures), and the looking and closing prompts of its form."""
    tags = {str(t).lower() for t in painting.get("tags") or []}
    out = [("medium", note) for note in medium_notes(painting)]
    form = painting.get("form")
    # What a size means was reviewed for paintings (issue 36) seen by the visitor: a verbal
    # description's listener may not see it (issue 37: "at a single glance" struck twice).
    if form in (None, "painting") and painting.get("style") != "description":
        size = size_class(painting.get("height_cm"), painting.get("width_cm"))
        out += [("size", phrase) for phrase in SCALE.get(size or "", [])]
    if form in TAG_PROMPT_FORMS:  # where to look for a subject, in a painting or a drawing
        out += [("subject", text) for tag, text in TAG_PROMPTS.items() if tag in tags]
    out += [("looking", text) for text in looking_prompts(form) + closing_prompts(form)]
    if painting.get("style") == "family":  # reviewed for family guides; their words back no other invitation
        out += [("looking", text) for group in family_prompts(form, painting.get("tags") or []) for text in group]
    if painting.get("style") == "description" and not seen_sentences(painting.get("notes") or ""):
        out.append(("style", FROM_RECORD))
    return out


def reviewed_statements() -> set[str]:
    """Every vetted statement, whatever it was reviewed for: one said outside its condition is
    struck by the checker (a prompt for a picture said of armour)."""
    return ({note for _, note in MEDIUM_NOTES} | {p for group in SCALE.values() for p in group}
            | set(TAG_PROMPTS.values()) | set(LOOKING) | set(LOOKING_PAPER) | set(LOOKING_ROUND)
            | {p for group in LOOKING_FORM.values() for p in group} | set(CLOSES)
            | {p for bank in (FAMILY_LOOK, FAMILY_TALK) for group in bank.values() for p in group}
            | set(FAMILY_CLOSE) | {FROM_RECORD})
