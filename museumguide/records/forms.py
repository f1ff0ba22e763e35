"""What kind of object a record is: a small vocabulary of forms, mapped from each museum's own words.

    from museumguide.records.forms import form_of
    form_of("Sculpture-Bronze", "Statue")          # "sculpture"
    form_of("Faience-Cylinder Seals", "Folio from an illustrated manuscript")  # "manuscript"

Museums classify in their own words (the Met's ``classification`` and ``objectName``, the Art
Institute of Chicago's ``artwork_type_title``, LIDO's ``objectWorkType``), at their own grain
("Chordophone-Zither-struck-piano"), and sometimes oddly (a Shahnama folio filed under
"Faience-Cylinder Seals"). A guide needs only how the object is spoken of: which verb makes it
(painted, drawn, printed, cast, carved), which invitations to look fit it (walk around a
sculpture; step back from a painting), what its size means. The museum's own classification is
kept beside the form, unchanged.

A classification that names a kind of picture decides ("Paintings", "Drawings", "Prints",
"Photographs"); otherwise the object's name is read first (it names the thing: "Folio", "Statue",
"Armchair"), then the classification, then the medium; within each, the first rule of ``RULES`` that matches decides,
so the more particular forms come first ("chromogenic print" is a photograph, not a print).
"""

from __future__ import annotations

import re

FORMS = {
    "painting": "painting",
    "drawing": "drawing or watercolour",
    "print": "print",
    "photograph": "photograph",
    "manuscript": "book or manuscript",
    "sculpture": "sculpture",
    "instrument": "musical instrument",
    "arms": "arms and armour",
    "furniture": "furniture",
    "ceramic": "ceramics",
    "glass": "glass",
    "textile": "textile",
    "metalwork": "metalwork",
    "object": "object",
}
"""The vocabulary: form -> how the prompt names it."""

FLAT = {"painting", "drawing", "print", "photograph", "manuscript"}
PICTURES = ("photograph", "print", "drawing", "painting")
"""Forms a museum's classification names reliably: its department's own word for the picture."""
"""Forms seen as a picture on a wall or a page; the rest are objects in the round."""

NOUNS = {"painting": "painting", "drawing": "drawing", "print": "print", "photograph": "photograph",
         "manuscript": "page", "sculpture": "sculpture", "instrument": "instrument", "textile": "textile"}
"""How a guide refers to the object in front of the visitor ("The sculpture in front of you");
forms without a noun that fits every object of the form are "work"."""

WORK_NOUNS = ("painting|work|canvas|picture|panel|composition|sculpture|figure|statue|print|drawing|photograph|"
              "object|piece|vessel|vase")
"""How curator notes name the work they describe ("This sculpture shows ..."): the template writer
turns such a sentence to the listener, and the checker knows it again by the same words."""

SCHEMA_TYPES = {"painting": "Painting", "drawing": "Drawing", "photograph": "Photograph", "sculpture": "Sculpture",
                "manuscript": "Manuscript"}
"""schema.org types of the forms that have one; every other form is a ``VisualArtwork`` whose
``artform`` names it."""

RULES = [
    ("photograph", r"photograph|gelatin silver|albumen|daguerreotype|ambrotype|tintype|chromogenic|cyanotype|"
                   r"platinum print|palladium print|salted paper|gum bichromate|fotografi"),
    ("print", r"\bprints?\b|engraving|etching|woodcut|woodblock|wood engraving|lithograph|aquatint|mezzotint|"
              r"drypoint|screenprint|serigraph|linocut|monotype|wallpaper|grafik|gravyr|etsning|litografi|träsnitt"),
    ("manuscript", r"codex|codices|manuscript|folio|\bbooks?\b|book of hours|album|calligraph|illuminat|"
                   r"handskrift|\bbok\b"),
    ("drawing", r"drawing|watercolou?r|pastel|sketch|gouache|miniature portrait|works? on paper|collage|teckning|akvarell"),
    ("painting", r"painting|panel|miniature|målning|oil sketch|fresco|icon\b"),
    ("sculpture", r"sculpture|statue|statuette|\bbust\b|relief|figurine|\bfigure\b|carving|bronzes|skulptur|"
                  r"\bmedal|plaquette|carousel"),
    ("instrument", r"chordophone|aerophone|idiophone|membranophone|electrophone|piano|harpsichord|virginal|"
                   r"clavichord|violin|viola|guitar|\blute|zither|organ\b|instrument|flute|horn\b|drum"),
    ("arms", r"armou?r|helmet|burgonet|shield|sword|firearm|\bgun\b|pistol|rifle|dagger|weapon|"
             r"sword furniture|gauntlet|cuirass|vapen|rustning"),
    ("furniture", r"furniture|chair|table|cabinet|chest|desk|bookcase|secretary|\bbed\b|sofa|settee|stool|"
                  r"woodwork|screens?\b|clock|frames?\b|möbel|möbler"),
    ("ceramic", r"ceramic|porcelain|pottery|earthenware|stoneware|\bvases?\b|krater|amphora|kylix|lekythos|"
                r"hydria|\bjar\b|faience|keramik|porslin"),
    ("glass", r"glass|glas\b"),
    ("textile", r"textile|quilt|tapestr|embroider|sampler|costume|ensemble|coverlet|carpet|\brug\b|lace|"
                r"textil"),
    ("metalwork", r"metalwork|\bmetal\b|silver|\bgold|enamel|jewel|brooch|ewer|ornament|ivories|\bivory"),
]
"""(form, pattern over lower-case words); the first that matches decides."""
MEDIUM_RULES = [
    ("painting", r"\b(?:oil|tempera|acrylic|encaustic|distemper)\b|on canvas|on panel|on ivory|olja|duk\b"),
    ("sculpture", r"^(?:\w+ )?(?:bronze|marble|alabaster|limestone|sandstone|granite|terracotta)$"),
]
"""Where only the medium speaks: paint on a support is a painting; a sculptor's material alone a
sculpture (a bronze vessel names itself a vessel, and ``RULES`` read it first)."""
_COMPILED = [(form, re.compile(pattern)) for form, pattern in RULES]
_MEDIUM = [(form, re.compile(pattern)) for form, pattern in MEDIUM_RULES]
_BY_MEDIUM = _MEDIUM[:1] + _COMPILED + _MEDIUM[1:]  # paint on a support first: "oil and gold on canvas"


def form_of(classification: str | None, object_name: str | None = None, medium: str | None = None) -> str:
    """The form of a record (a key of ``FORMS``) from the museum's object name, classification and
    medium, in that order, except that a classification naming a kind of picture decides first (a
    painted screen the museum files under Paintings is a painting); "object" when none says."""
    filed = (classification or "").strip().lower()
    for form, pattern in _COMPILED:
        if form in PICTURES and pattern.search(filed):
            return form
    filed_as = next((form for form, pattern in _COMPILED if filed and pattern.search(filed)), None)
    for text in (object_name, classification):
        words = (text or "").strip().lower()
        for form, pattern in _COMPILED if words else ():
            if pattern.search(words):
                # A "Panel" the museum files as a textile, furniture or a frame is one of those, not
                # a painting (seed 23: a tapestry armchair back and woven cloth said "painted").
                if form == "painting" and text is object_name and filed_as and filed_as not in PICTURES \
                        and not re.search(r"painting|fresco|icon\b", words):
                    return filed_as
                return form
    medium = (medium or "").strip().lower().rstrip(".")
    return next((form for form, pattern in _BY_MEDIUM if medium and pattern.search(medium)), "object")


def form_name(form: str | None) -> str:
    """How the prompt names a form ("drawing or watercolour"); ValueError for a form outside
    ``FORMS``."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; the forms are: {', '.join(FORMS)}")
    return FORMS[form]


def check_form(form: str | None) -> str | None:
    """``form`` if it is one of ``FORMS`` (or None); ValueError naming the forms otherwise."""
    if form is not None:
        form_name(form)
    return form
