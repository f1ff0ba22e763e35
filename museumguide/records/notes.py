"""Curator text as plain text: the notes a guide may draw on, cleaned and cut to a budget.

    from museumguide.records.notes import clean_notes
    clean_notes("<p>A ﬁne view of the Renais-sance&quot;s light.</p>")
    # -> 'A fine view of the Renaissance"s light.'

Pure functions over saved text, like ``museumguide.records.clean``. Museums publish label and catalogue
text as HTML with the marks of print on it (ligature characters, words hyphenated across line
ends); a guide's prompt wants a few plain sentences. Notes keep their licence and attribution
beside them (the ``notes_license`` and ``notes_attribution`` fields), and ``credit`` turns those
into the line every guide, page and tour built from them must show.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

import ftfy

from museumguide.common.text import sentence_spans, sentences, zipf

NOTES_MAX_CHARS = 500
"""Notes longer than this are cut at a sentence boundary: about 110 tokens, which keeps prompt
plus script inside the CPU recipe's 512 tokens (58 of the 59 bundled AIC examples fit)."""
NOTES_MAX_INPUT_CHARS = 20_000
"""Longest notes text accepted at all; longer input is refused as not being a label text."""
CC_BY = "CC BY 4.0"

_HYPHENATED = re.compile(r"\b([^\W\d_]+)-\s*([^\W\d_]+)\b")
_SPACE = re.compile(r"\s+")
# Years typed with the letter l for the digit 1, as in print sources ("In l9l2").
_L_FOR_ONE = re.compile(r"\b(?=[l\d]*\d)(?=\d*l)[l\d]{4}\b")
_L_BETWEEN_DIGITS = re.compile(r"(?<=\d)l(?=\d)")
# "World War l" and "World War ll": the Roman numeral typed as letters l.
_WAR_NUMERAL = re.compile(r"\b(World War) (l{1,2})\b")


# Catalogue apparatus a listener cannot use: bracketed references ("[1947.27]", "[fig. 3]"), an
# accession number in brackets ("(1947.27)", "(acc. no. 22.16)"), figure and catalogue pointers
# ("(fig. 2)", "(cat. no. 5)", "(inv. 1234)", "(see p. 12)"). A life or reign in brackets
# ("(r. 1778-1828)", "(1866–1944)") is the curator's statement and stays.
_APPARATUS = re.compile(
    r"\s*\[[^\[\]]*\d[^\[\]]*\]"  # a bracketed reference holds a number: "[1947.27]", "[fig. 3]"
    r"|\s*\((?:(?:acc(?:ession)?\.?\s*(?:no\.?|number)|inv(?:entory)?\.(?:\s*no\.)?|cat(?:alogue)?\.(?:\s*no\.)?|"
    r"figs?\.|fig(?:ure)?s?\b|pls?\.|nos?\.|pp?\.|ill(?:us)?\.|see\s+(?:also\s+)?(?:figs?\.|fig(?:ure)?s?\b|pp?\.|cat\.|no\.))"
    r"\s*\d[^()]*"
    r"|\d{1,4}(?:\.\d+){1,4}[a-z]?"  # an accession number alone: "(1947.27)", "(22.16.4a)"
    r"|[^()]*\b\d{2,4}\.\d{1,4}\.\d+[a-z]?\b[^()]*)\)",  # or among others: "(1980.516.2a–c and 1981.4.1a–o)"
    re.IGNORECASE)


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_HEADING = re.compile(rf"^(?=[^:.]{{0,60}}(?:\b(?i:{_MONTHS})\b|\b(?:19|20)\d\d\b))[A-Z][^:.]{{0,60}}:\s+(?=[A-Z])")
"""A press-release heading the notes open with ("Acquisition of the month, december 2015: ", "New
Acquisition, April 2015: "): a dated label, not a sentence a guide says."""


def drop_apparatus(text: str) -> str:
    """``text`` without its catalogue apparatus (``_APPARATUS``): accession numbers and bracketed
    references are not said aloud, and a model trained on notes that hold them learns to say them."""
    return _APPARATUS.sub("", text)  # each match takes the space before it, so "survives (fig. 2)." -> "survives."


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment, with block elements and ``<br>`` as spaces (lxml's parser)."""
    if "<" not in markup:
        return markup
    import lxml.html

    fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    for br in fragment.iter("br"):
        br.tail = " " + (br.tail or "")
    # A block ends a paragraph, so a heading stays a line of its own (``drop_headings``).
    for block in fragment.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return fragment.text_content()


_PARAGRAPH = re.compile(r"\n\s*\n")


def drop_headings(text: str) -> str:
    """``text`` without its heading lines: a paragraph of at most 15 words that ends with no
    sentence mark ("Two nudes and an interior by Eckersberg and L.A. Smith" above the text of a
    Nationalmuseum acquisition note) is a title over the text; joined to the next sentence it
    becomes one garbled sentence."""
    paragraphs = [p.strip() for p in _PARAGRAPH.split(text)]
    kept = [p for p in paragraphs if p and (re.search(r"[.!?…:;\"'”’)\]]$", p) or len(p.split()) > 15)]
    return "\n\n".join(kept) if len(kept) < len(paragraphs) and kept else text


def _is_word(word: str) -> bool:
    return zipf(word.lower()) >= 2.0


def dehyphenate(text: str) -> str:
    """Rejoin words split across print lines ("Renais-sance" -> "Renaissance"). A pair is joined
    only when the joined word is English and one half is not, so "well-known" stays."""
    def join(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        if second[0].isupper():
            return match.group(0)
        joined = first + second
        if _is_word(joined) and not (_is_word(first) and _is_word(second)):
            return joined
        return match.group(0)

    return _HYPHENATED.sub(join, text)


def cut(text: str, max_chars: int = NOTES_MAX_CHARS) -> str:
    """The longest run of whole sentences from the start of ``text`` within ``max_chars``: empty
    when the first sentence alone is longer (a sentence cut short may say something false, and
    notes over the budget would push the script out of the model's context)."""
    kept: list[str] = []
    for sentence in sentences(text):
        if len(" ".join(kept + [sentence])) > max_chars:
            break
        kept.append(sentence)
    return " ".join(kept)


def clean_notes(value: Any, max_chars: int | None = NOTES_MAX_CHARS) -> str | None:
    """Plain, cut notes from a curator text that may be HTML; ``None`` for empty input."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"notes must be a string, got {type(value).__name__}")
    if len(value) > NOTES_MAX_INPUT_CHARS:
        raise ValueError(f"notes are {len(value):,} characters long; the limit is {NOTES_MAX_INPUT_CHARS:,}")
    text = html_to_text(value)
    # ftfy repairs entities, mojibake and the ligature characters (ﬁ -> fi) of print sources.
    text = ftfy.fix_text(text, unescape_html=True, normalization="NFC")
    text = drop_headings(text)
    text = _SPACE.sub(" ", text).strip()
    text = dehyphenate(text)
    text = _L_FOR_ONE.sub(lambda m: m.group(0).replace("l", "1"), text)
    text = _L_BETWEEN_DIGITS.sub("1", text)
    text = _WAR_NUMERAL.sub(lambda m: f"{m.group(1)} {'I' * len(m.group(2))}", text)
    text = drop_apparatus(text)
    text = _HEADING.sub("", text)
    text = drop_unfinished(text)
    if max_chars:
        text = cut(text, max_chars)
    return text or None


_ELISION = re.compile(r"\s*\[(?:\.\.\.|…)\]\s*$")
_FINISHED = re.compile(r"[.!?…][\"'”’)\]]*$")


def drop_unfinished(text: str) -> str:
    """``text`` without a last sentence that stops short of its end mark, as an export cut off
    mid-word leaves it ("... the objects that demonstr"): a sentence cut short may say something
    false. A text of one sentence is kept as it is."""
    text = _ELISION.sub("", text)  # the museum's own "[...]": nothing to say aloud
    parts = sentences(text)
    if len(parts) > 1 and not _FINISHED.search(parts[-1]):
        return " ".join(parts[:-1])
    return text


def credit(painting: Mapping[str, Any]) -> str | None:
    """The credit line owed for a painting's notes ("Text adapted from the Art Institute of
    Chicago, CC BY 4.0"), or None when it has no notes or they need no credit."""
    if not painting.get("notes") or not painting.get("notes_attribution"):
        return None
    line = f"Text adapted from {painting['notes_attribution']}"
    if painting.get("notes_license"):
        line += f", {painting['notes_license']}"
    return line


def with_credit(text: str, line: str | None) -> str:
    """``text`` ending with the credit ``line`` as its own last paragraph: unchanged when its
    last line already is the credit (or there is none to give), so it is never said twice."""
    if not line or not text:
        return text
    lines = [x.strip() for x in text.strip().splitlines() if x.strip()]
    if lines and lines[-1] == line.strip():
        return text
    return f"{text.rstrip()}\n\n{line}"


def strip_credit(text: str, line: str | None) -> str:
    """``text`` without a last paragraph that is the credit ``line`` (a script for training
    states the painting, not its licence)."""
    if line and text.rstrip().endswith(line):
        return text.rstrip()[: -len(line)].rstrip()
    return text


def without_credit(text: str, line: str | None) -> str:
    """``text`` as it is spoken: any paragraph or sentence that is the credit ``line`` left out.
    The credit belongs to the transcript, the player, the feed and the manifests; a visitor does
    not hear "CC BY 4.0" read out as a sentence of the guide (issue 33)."""
    if not line or not text:
        return text
    target = line.strip().rstrip(". ")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip().rstrip(". ") != target]
    out = "\n\n".join(p.strip() for p in paragraphs)
    if out.rstrip().rstrip(".").endswith(target):  # a credit run into the last paragraph
        out = out.rstrip().rstrip(".")[: -len(target)].rstrip()
    return out


def load_notes_file(path, paintings: list[Mapping[str, Any]], max_chars: int | None = NOTES_MAX_CHARS) -> dict[str, dict]:
    """A museum's own label texts joined to collected paintings: ``{key: {notes, notes_license,
    notes_attribution}}`` from a CSV with columns ``object_id,notes`` and optional
    ``license,attribution``.

    ``object_id`` is a painting key ("aic-2816") or a museum's own number; a number held by
    paintings of two museums is refused as ambiguous. Errors name the file and line: unknown
    ids, ids given twice, empty notes, notes over ``NOTES_MAX_INPUT_CHARS``.
    """
    import csv
    from pathlib import Path

    from museumguide.common.jsonl import JsonlError

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"notes file not found: {path}")
    by_key = {p["key"]: p for p in paintings}
    by_number: dict[str, list[str]] = {}
    for p in paintings:
        by_number.setdefault(str(p["object_id"]), []).append(p["key"])
    out: dict[str, dict] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, strict=True)  # a stray quote is an error, not a merged cell
        try:
            columns = {c.strip().lower() for c in reader.fieldnames or []}
            if not {"object_id", "notes"} <= columns:
                raise JsonlError(path, 1, "the header needs columns object_id and notes, got "
                                          f"{', '.join(sorted(columns)) or 'none'}")
            for row in reader:
                key, value = _notes_row(row, by_key, by_number, out, max_chars)
                out[key] = value
        except JsonlError:
            raise
        except (csv.Error, UnicodeDecodeError) as exc:  # raised before the bad line is counted
            raise JsonlError(path, reader.line_num + 1, f"not a readable CSV line: {exc}") from None
        except ValueError as exc:
            # The reader counts physical lines, blank ones too; a record's cells may span several,
            # and the error names the one the record ends on.
            raise JsonlError(path, reader.line_num, str(exc)) from None
    return out


def _notes_row(row: dict, by_key: dict, by_number: dict, out: dict, max_chars: int | None) -> tuple[str, dict]:
    """One ``--notes-file`` row as ``(key, note fields)``; ``ValueError`` says what is wrong."""
    row = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
    raw_id = row.get("object_id", "").lower()
    if raw_id in by_key:
        key = raw_id
    elif len(by_number.get(raw_id, [])) == 1:
        key = by_number[raw_id][0]
    elif raw_id in by_number:
        raise ValueError(f"object_id {raw_id} is held by {' and '.join(by_number[raw_id])}; write the key to say which")
    else:
        raise ValueError(f"unknown object_id {raw_id!r}: no collected painting has it")
    if key in out:
        raise ValueError(f"notes for {key} were already given on an earlier line")
    text, license_, attribution = row.get("notes", ""), row.get("license") or None, row.get("attribution") or None
    if not text:
        raise ValueError(f"empty notes for {key}")
    if len(text) > NOTES_MAX_INPUT_CHARS:
        raise ValueError(f"notes for {key} are {len(text):,} characters; the limit is {NOTES_MAX_INPUT_CHARS:,}")
    if license_ and license_.upper().startswith("CC BY") and not attribution:
        raise ValueError(f"notes for {key} are {license_}, which needs an attribution: fill the attribution column")
    cleaned = clean_notes(text, max_chars)
    if not cleaned:
        raise ValueError(f"notes for {key} hold no sentence within {max_chars} characters once HTML is removed")
    return key, {"notes": cleaned, "notes_license": license_, "notes_attribution": attribution}


# What a sighted visitor sees, as curators' label text says it: where things are, who is doing
# what, colour and light. A notes sentence with two of these describes the work; one alone
# ("light" in "in the light of his travels") does not.
_SEEN = re.compile(r"(?i)\b(?:left|right|centre|center|middle|foreground|background|distance|corner|top|bottom|"
                   r"above|below|behind|beside|front|edge|sky|horizon|figures?|faces?|gaze|eyes|hands?|arms?|"
                   r"stands?|standing|sits?|seated|sitting|kneels?|kneeling|lies|lying|holds?|holding|wears?|wearing|"
                   r"dressed|looks|looking|gestures?|red|blue|green|yellow|white|black|gold(?:en)?|grey|gray|brown|"
                   r"pink|purple|orange|silver|dark|bright|light|shadows?|glow\w*|colou?rs?|"
                   r"dress\w*|gown|coat|hat|clothes|clothing|jewell?e?ry|necklace|meadow|water|river|sea|mist\w*|"
                   r"clouds?|trees?|field|portrays?|portrayal|depicts?|depicted|shows|shown)\b")


def seen_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of curator ``text`` that describe what can be seen (two words of
    ``_SEEN`` or more): what a verbal description may say of the work (``records.styles``).
    English only: no other language's notes are read for it."""
    if language != "en" or not text:
        return []
    # "She is working on an engraving ..." names no one when it is said alone (``leans_back``)
    return [s for s in sentences(text) if len(set(m.lower() for m in _SEEN.findall(s))) >= 2 and not leans_back(s)]



_WORK_NOUNS = {"painting", "work", "picture", "portrait", "canvas", "panel", "image", "artwork", "piece",
               "watercolour", "watercolor", "drawing", "print", "sculpture", "object", "landscape", "is", "was"}
_DEMONSTRATIVE = re.compile(r"^(?:This|These|Such) ([a-z]+)\b")
_LEANING = re.compile(r"^(?:She\b|They\b|Their\b|Them\b|(?:Apparently, )?[Ii]t also\b|This is where\b|"
                      r"(?:Each|All|Both|None|Several|Many|Most|Some|Two|Three|Four|Five) of (?:the|these|those|them)\b)")
"""Openings that point back to a person or a thing the sentence before named (blind labels of
issue 37, seed 18: "She is working on an engraving ...", "They married ...", "Apparently, it
also had a particular purpose."; "Each of the works represents ..." after the sentence that named
five works, seed 28). "Here" is left out: the annotators signed it of the picture
("Here, instead of wild animals, children are playing") as often as they struck it of a place."""


def leans_back(sentence: str) -> str | None:
    """The words by which a notes sentence leans on the one before it ("This ideal", "This new
    style", "She", "They"), or None: said without that one, it names something the
    listener never heard. "This painting" and "This is" lean on nothing."""
    text = sentence.strip()
    m = _DEMONSTRATIVE.match(text)
    if m and m.group(1) not in _WORK_NOUNS:
        return m.group(0)
    m = _LEANING.match(text)
    return m.group(0) if m else None


def quoted_sentences(text: str, language: str = "en") -> set[str]:
    """The sentences of ``text`` that begin inside a quotation of several sentences (Larsson's
    "Is she not blithe!", from a paragraph of his memoirs the notes quote): said alone, the
    artist's or a sitter's words become the guide's own (seed 19)."""
    out = set()
    for start, end in sentence_spans(text, language):
        before = text[:start]
        if before.count('"') % 2 or before.count("“") > before.count("”"):
            out.add(text[start:end].strip())
    return out
