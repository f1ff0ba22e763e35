"""The words of the template writer: every sentence shape it may say, in banks to draw from.

    from museumguide.data.writers.phrases import HOOKS
    HOOKS[0].format(title="Whalers", by=" by Joseph Mallord William Turner")

``museumguide.data.writers.template`` fills these shapes with what a painting's prompt shows and
nothing else. A museum that wants another voice edits the banks here: a fact goes in only
through a ``{placeholder}`` the writer fills from the prompt; a sentence with no placeholder must
assert nothing that could be false about a work (an invitation to look, or, in ``MEDIUM_NOTES``,
a general statement about a medium that a person has checked once). Those fact-free sentences
live in ``museumguide.checks.vetted``, where the sentence checker reads the same lists.
"""

from museumguide.checks.vetted import CLOSES, LOOKING, MEDIUM_NOTES, SCALE, TAG_PROMPTS  # noqa: F401 - the banks

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
MAKER_YEARS = ["The artist lived from {b} to {e}.", "The artist was born {b_in} and died {e_in}."]
MAKER_NATIONALITY = ["The artist was {nat}.", "This is the work of {a_nat} artist."]
MAKER_SHORT = ["The museum describes the artist as {bio}.", "The artist is described as {bio}."]
MADE = [
    "It was {verb} {date}, in {medium}.",
    "The work was {verb} {date}, and the medium is {medium}.",
    "{Verb} {date}, it is {medium}.",
    "The artist {did} it {date}, working in {medium}.",  # {did}: "drew", not "drawn"
]
DATE_ONLY = ["It was {verb} {date}.", "The work was {verb} {date}."]
DATE_AS_GIVEN = ["The museum dates it to {date}.", "Its date is given as {date}."]
SIZE = [
    "It measures about {h} by {w} centimetres, so it is {scale}.",
    "At about {h} centimetres high and {w} wide, it is {scale}.",
    "The picture is about {h} by {w} centimetres, which makes it {scale}.",
]
SIZE_PLAIN = [
    "It measures about {h} by {w} centimetres.",
    "The picture is about {h} centimetres high and {w} wide.",
]
"""The size alone, where no judgement of what it means fits every work of that size."""
LOOK_FOR = [
    "Look for the {subjects}.",
    "See if you can find the {subjects}.",
    "Find the {subjects}.",
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
CONTEXT = {
    "culture": ["The museum gives its culture as {culture}.", "It comes to us catalogued as {culture}."],
    "place": ["The museum gives its place of origin as {culture}.", "It comes from {culture}."],
    # "It belongs to the Qing dynasty" heard as the dynasty's property: struck by one of seed 26's two
    "period": ["It dates from the {period}.", "It was made in the {period}."],
}
NOTE_LEADS = [
    "Notice that {s}", "It helps to know that {s}", "As you look, keep in mind that {s}",
    "Here is something worth knowing: {s}", "Consider this: {s}", "{S}", "{S}", "{S}",
]
VIEWER = ["The painting in front of you", "The picture before you", "The work you are looking at"]
