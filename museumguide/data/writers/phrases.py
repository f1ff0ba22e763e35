"""The words of the template writer: every sentence shape it may say, in banks to draw from.

    from museumguide.data.writers.phrases import HOOKS
    HOOKS[0].format(title="Whalers", by=" by Joseph Mallord William Turner")

``museumguide.data.writers.template`` fills these shapes with what a painting's prompt shows and
nothing else. A museum that wants another voice edits the banks here: a fact goes in only
through a ``{placeholder}`` the writer fills from the prompt; a sentence with no placeholder must
assert nothing that could be false about a work (an invitation to look, or, in ``MEDIUM_NOTES``,
a general statement about a medium that a person has checked once).
"""

HOOKS = [
    "You are standing in front of {title}{by}.",
    "Before you is {title}{by}.",
    "Take a moment with {title}{by}.",
    "Stop here for {title}{by}.",
    "Let's spend a minute with {title}{by}.",
    "Welcome to {title}{by}.",
]
# The hook already names the artist, so these refer back without repeating the name.
# Hedges stay as the record gives them: {b}/{e} are "in 1290" or "around 1290", {was_born} is
# "was born" or "was probably born" for a birthplace the record marks "(?)".
MAKER = [
    "The artist {was_born} in {born} {b} and {died_in} {died} {e}.",
    "{Born} in {born} {b}, the artist {died_in} {died} {e}.",
    "This {nat} artist {was_born} in {born} {b} and {died_in} {died} {e}.",
]
MAKER_ONE_PLACE = [
    "The artist {was_born} in {born} {b} and died there {e}.",
    "This {nat} artist {was_born} in {born} {b} and died in the same place {e}.",
    "{Born} in {born} {b}, the artist died there {e}.",
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
# Subject tags are catalogue terms; only those a visitor can find in a picture are woven in,
# at most two ("Look for the horses and the boats."), never read out as a list.
LOOK_FOR = [
    "Look for the {subjects}.",
    "See if you can find the {subjects}.",
    "Keep an eye out for the {subjects}.",
]
FINDABLE = {
    "horses", "dogs", "cats", "cows", "sheep", "birds", "fish", "boats", "ships", "trees", "flowers",
    "mountains", "rivers", "waterfalls", "houses", "bridges", "buildings", "trains", "grapes", "skulls",
    "clouds", "gardens", "forests", "fruit", "musical instruments", "books", "candles", "windows",
    "angels", "soldiers", "musicians", "lions", "deer", "ducks", "swans", "roses", "lilies", "apples",
    "lemons", "oranges", "vases", "mirrors", "chairs", "tables", "hats", "fans", "umbrellas", "churches",
    "whales", "castles", "ruins", "windmills", "bottles", "cups", "flags", "swords", "shells", "butterflies",
}
"""Tags that name something a visitor can look for in a picture."""
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
