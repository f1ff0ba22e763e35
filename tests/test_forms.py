"""The form of an object from a museum's own words: the Met's classification and object name, the
AIC's artwork type, LIDO's work type. Cases from the bundled records (data/raw/met-sample,
tests/fixtures/aic_paintings_60.jsonl, data/raw/lido-sample) and the Met's Open Access CSV."""

from __future__ import annotations

import pytest

from museumguide.records.forms import FORMS, form_name, form_of

CASES = [
    # (classification, object name or artwork type, medium) -> form
    (("Paintings", "Painting", "Oil on canvas"), "painting"),
    (("", "Painting, miniature", "Watercolor on ivory"), "painting"),
    (("screen", "Painting", "Six-panel screen; ink, color, and gold on paper"), "painting"),  # AIC: its type first
    (("Drawings", "Drawing", "Brush with colored oil paint; paper partly saturated with oil"), "drawing"),
    (("", "Watercolor", "Watercolor, graphite, and gouache on paper"), "drawing"),
    (("Works on Paper", "Work on paper", "Ink and gold on paper"), "drawing"),
    (("Prints", "Print", "Burnished aquatint, scraper, roulette, lavis"), "print"),
    (("Photographs", "Photograph", "Chromogenic print"), "photograph"),  # a print, but a photograph
    (("Faience-Cylinder Seals", "Folio from an illustrated manuscriptf", "Ink, opaque watercolor, and gold on paper"),
     "manuscript"),  # the object's name is read before an odd classification
    (("Manuscripts and Illuminations", "Book of Hours; Manuscript", "Tempera, gold, and ink on parchment"), "manuscript"),
    (("Sculpture-Bronze", "Statue", "Partially tinted bronze, cotton tarlatan, silk satin, and wood"), "sculpture"),
    (("Ceramics-Sculpture", "Male figure", "Ceramic"), "sculpture"),
    (("Vases", "Column-krater", "Terracotta"), "ceramic"),
    (("Chordophone-Zither-struck-piano", "Grand Piano", "Cypress, boxwood, paint, leather, fir"), "instrument"),
    (("Helmets", "Burgonet", "Steel, gold, textile"), "arms"),
    (("Woodwork-Furniture", "Cabinet", "Painted pine, oil paint on leather, brass, copper"), "furniture"),
    (("Glass-Stained", "Window", "Leaded glass"), "glass"),
    (("", "Quilt", "Cotton"), "textile"),
    (("Metalwork-Gold", "Mask", "Gold"), "metalwork"),
    (("Målningar", None, "olja på duk"), "painting"),  # LIDO, Swedish
    ((None, None, "Oil on canvas"), "painting"),  # a plain record: paint on a support
    ((None, None, "Oil and gold on canvas"), "painting"),  # the paint decides, not the gold on it
    ((None, None, "Watercolor on ivory"), "painting"),  # a portrait miniature
    ((None, None, "Bronze"), "sculpture"),
    # Seed 23 (Met Open Access CSV): a "Panel" filed as a textile, a frame or wallpaper is no painting
    (("Textiles-Tapestries", "Panel", "Wool and silk"), "textile"),
    (("Textiles-Woven", "Panel", "Woven wool, silk and cotton"), "textile"),
    (("Frames", "Restello", "Poplar. Carved, gilt; orangebole, blue and red tempera."), "furniture"),
    (("Wallpaper", "Panel", "Block-printed in distemper colors"), "print"),
    (("Paintings-Panels", "Panel", "Tempera on wood, gold ground"), "painting"),  # a panel painting stays one
    (("Variable Media", "Installation", "Video"), "object"),  # nothing says: a neutral word, never a guess
    ((None, None, None), "object"),
]


@pytest.mark.parametrize("words, form", CASES, ids=[c[0][1] or c[0][2] or "nothing" for c in CASES])
def test_form_of(words, form):
    assert form_of(*words) == form


def test_every_form_is_named_and_unknown_forms_are_refused():
    assert all(form_name(form) for form in FORMS)
    with pytest.raises(ValueError, match="unknown form 'statue'"):
        form_name("statue")
