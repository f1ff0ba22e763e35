"""A record's dimensions line read for what a guide may say of its size: the height and width in
centimetres of the work itself (not its frame or mount), the longest axis when those two leave it
out, and whether the line measures several lettered parts of a set.

    from museumguide.records.dimensions import parse_dimensions_cm
    parse_dimensions_cm("Framed: 113 × 142.6 cm; without frame: 108 × 136.8 cm")   # (108.0, 136.8)

Pure functions over the museum's own text: the Met's "H. 24 × W. 11 × D. 11 in. (61 × 27.9 ×
27.9 cm)", the Art Institute's "73 × 92.1 cm (28 3/4 × 36 1/4 in.)", Nationalmuseum's "108 x 89 cm".
"""

from __future__ import annotations

import re

_NUMBER = r"(\d+(?:\.\d+)?)"
_TIMES = r"\s*[x×]\s*"
# "108 x 89 cm", "179.4 × 131.4 cm", "23 x 18 x 2 cm", "250 × 300 mm", "3.6 x 49.5 m"
_METRIC_BOX = re.compile(_NUMBER + _TIMES + _NUMBER + r"(?:" + _TIMES + _NUMBER + r")?\s*(cm|mm|m)\b")
# Single-axis lines of the Islamic and Asian departments: "H. 6 7/8 in. (17.5 cm)".
_LABELLED = {
    "height": re.compile(r"\bH(?:t|eight)?\.?:?\s[^()\n;]*\(\s*" + _NUMBER + r"\s*(cm|mm|m)\s*\)"),
    "width": re.compile(r"\bW(?:idth)?\.?:?\s[^()\n;]*\(\s*" + _NUMBER + r"\s*(cm|mm|m)\s*\)"),
}
# Inches only, with fractions: "4 5/8 x 3 3/8 in."
_INCH = r"(\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d+)?)"
_INCH_BOX = re.compile(_INCH + _TIMES + _INCH + r"(?:" + _TIMES + _INCH + r")?\s*in\b")
_UNIT_CM = {"mm": 0.1, "cm": 1.0, "m": 100.0}


def _to_cm(number: str, unit: str) -> float:
    return round(float(number) * _UNIT_CM[unit], 2)


def _inches(text: str) -> float:
    whole, _, frac = text.strip().partition(" ")
    if "/" in whole:
        whole, frac = "0", whole
    value = float(whole)
    if frac:
        num, den = frac.split("/")
        value += int(num) / int(den)
    return value


_FRAMED = re.compile(r"\b(?:framed|with (?:engaged |artist )?frame|artist frame)\b", re.IGNORECASE)
_UNFRAMED = re.compile(r"\b(?:without (?:the |artist )?frame|unframed)\b", re.IGNORECASE)


def _is_framed(part: str) -> bool:
    return bool(_FRAMED.search(part)) and not _UNFRAMED.search(part)


def parse_dimensions_cm(text: str | None) -> tuple[float | None, float | None]:
    """The painting's own (height, width) in centimetres from a dimensions string.

    The Met writes height before width, usually inches first and metric in parentheses;
    metric figures win, inches are converted only when there is no metric pair. A single
    figure (a diameter, a depth) gives ``(None, None)``. When the first measurement is of the
    work in its frame ("Framed: 113 × 142.6 cm; without frame: 108 × 136.8 cm") and another is
    not, the unframed one is the painting's size.
    """
    if not text:
        return None, None
    parts = [p for p in text.split(";") if p.strip()]
    if len(parts) > 1 and _is_framed(parts[0]):
        for part in parts[1:]:
            if not _is_framed(part):
                size = _first_size(part)
                if size != (None, None):
                    return size
    return _first_size(text)


def _first_size(text: str) -> tuple[float | None, float | None]:
    box = _METRIC_BOX.search(text)
    labelled = {k: rx.search(text) for k, rx in _LABELLED.items()}
    # Prefer labelled H./W. lines when they come before any two-axis box.
    if labelled["height"] and (box is None or labelled["height"].start() < box.start()):
        height = _to_cm(*labelled["height"].groups())
        width = _to_cm(*labelled["width"].groups()) if labelled["width"] else None
        return height, width
    if box:
        unit = box.group(4)
        return _to_cm(box.group(1), unit), _to_cm(box.group(2), unit)
    inches = _INCH_BOX.search(text)
    if inches:
        return round(_inches(inches.group(1)) * 2.54, 1), round(_inches(inches.group(2)) * 2.54, 1)
    return None, None


def longest_left_out(text: str | None) -> float | None:
    """The longest measurement, in centimetres, of an object measured on three axes whose height
    and width (``parse_dimensions_cm``) leave it out: the length of a zither measured "W. 2 13/16 x
    D. 1 1/8 x L. 20 11/16 in. (7.2 x 2.9 x 52.6 cm)", the depth of a room. Said without it, the
    size tells a visitor the wrong scale (seed 25: "about 7.2 by 2.9 centimetres" of a 53 cm zither)."""
    box = _METRIC_BOX.search(text or "")
    if not box or not box.group(3):
        return None
    h, w = parse_dimensions_cm(text)
    third = _to_cm(box.group(3), box.group(4))
    return third if h and w and third > 1.1 * max(h, w) else None


_PART = re.compile(r"(?:^|[;,.]\s*|\s)([a-h])\s*[:)]\s*(?=[A-Za-z]*\.?\s*\d|\d)", re.IGNORECASE)


_EACH = re.compile(r"(?i)\beach\b")
_NAMED_PART = re.compile(r"(?i)\b(?:overall|height|h\.)\s*\(\s*([a-z][a-z -]*?)\s*[,)]")
"""A measure labelled with the part it measures: "Overall (stand, confirmed): ...;; Overall (kettle,
confirmed): ..." of a teakettle on its stand (seed 29: the stand's size said as the whole's)."""


def measured_in_parts(text: str | None) -> bool:
    """Whether the dimensions measure several lettered parts ("a: 11 5/16 in. ... ; b: ..."): a set
    of five handscrolls, a cup and its cover; or each of several ("Image (each screen): ..."); or
    named parts ("Overall (stand, confirmed): ...;; Overall (kettle, confirmed): ...").
    One part's size said as the object's is not the object's size (seed 25: one scroll's size for a
    set of five)."""
    # "Image (each screen): 44 7/8 in. × 9 ft. 3 in. (114 × 282 cm)": one of a pair (seed 26)
    named = [m.group(1).lower() for m in _NAMED_PART.finditer(text or "")]
    # "Overall (of all four panels): ...; Overall (a): ..." measures the whole first: its size is the work's
    parts = {n for n in named if "frame" not in n and n not in ("confirmed", "approximate")}
    whole = bool(named) and re.match(r"(?:of )?(?:all|whole|total|assembled|together)\b", named[0])
    return len({m.group(1).lower() for m in _PART.finditer(text or "")}) >= 2 or bool(_EACH.search(text or "")) \
        or (len(parts) >= 2 and not whole)
