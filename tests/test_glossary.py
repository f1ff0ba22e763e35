"""Swedish media in English (records.glossary): the terms of the Nationalmuseum's LIDO records
(``../shared/data/nationalmuseum/lido``, CC0) whose medium is given in Swedish only."""

from pathlib import Path

import pytest

from museumguide.records import lido
from museumguide.records.glossary import english_medium

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("swedish, english", [
    ("Olja på duk", "Oil on canvas"),
    ("Olja på duk.", "Oil on canvas"),
    ("Akvarell. Glasad", "Watercolour"),  # "glazed" says how it is framed, not what it is made of
    ("Akvarell på papper. Glasad", "Watercolour on paper"),
    ("Olja på duk monterad på masonit", "Oil on canvas mounted on masonite"),
    ("Olja på duk uppklistrad på brun kartong", "Oil on canvas laid down on brown board"),
    ("Olja på duk, med plexiglas", "Oil on canvas"),
    ("Enkaustik/Vax på trä", "Encaustic/wax on wood"),
    ("Akvarell och gouache", "Watercolour and gouache"),
    ("Olja på mahognypannå", "Oil on mahogany panel"),
    ("Olja på koppar. Motstycke till NMDrh 472", "Oil on copper"),
    ("Fotografi på glas", None),  # a word the glossary lacks: no medium, never a guess
    ("", None),
    (None, None),
])
def test_english_medium(swedish, english):
    assert english_medium(swedish) == english


def test_a_swedish_only_medium_is_never_the_english_medium():
    """Every bundled LIDO record: the English medium is the museum's English, the glossary's, or
    none; the Swedish stays in the Swedish entry."""
    records = [lido.clean_lido_record(r, "nationalmuseum") for r in lido.iter_records(ROOT / "data" / "raw" / "lido-sample")]
    swedish_only = [p for p in records if "medium" not in p["languages"].get("en", {})
                    and "medium" in p["languages"].get("sv", {})]
    assert swedish_only, "the bundled sample has records with a Swedish medium only"
    for p in swedish_only:
        assert p["medium"] != p["languages"]["sv"]["medium"]
        assert p["medium"] is None or not any(w in p["medium"].lower() for w in ("olja", "akvarell", " på "))
