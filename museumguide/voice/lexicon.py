"""Names said right: a pronunciation lexicon a museum edits, applied before Piper speaks.

    python -m museumguide.speak --phonemes "Mary Cassatt" --lexicon names.csv   # what the voice says
    python -m museumguide.speak "Lady at the Tea Table by Mary Cassatt." -o cassatt.mp3 --lexicon names.csv

    from museumguide.voice.lexicon import Lexicon
    Lexicon.load("names.csv").apply("Cassatt's Lady")   # -> "[[ kəsˈæts ]] Lady"

The file is a CSV with a header ``term,say``. ``say`` is either IPA between ``[[ ]]``, which
piper-tts 1.8 speaks as given (the voice's own phoneme set: ``python -m museumguide.speak
--phonemes "Gogh"`` prints what the voice says now, to start from), or a respelling in plain
letters ("Go" for Gogh). Terms match whole words, case-insensitively, the longest first, and also in
the possessive ("Cassatt's"): an IPA entry gets the possessive's sound added inside its brackets.
Lines starting with ``#`` are comments. The starter lexicon (``STARTER``) covers names in the
bundled records that the bundled voice gets wrong; its README says how it was judged.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

STARTER = Path(__file__).with_name("lexicons") / "names.csv"
"""The lexicon shipped with the package: names from the bundled Met and AIC records."""
_IPA = re.compile(r"^\[\[\s*(?P<ipa>[^\[\]]+?)\s*\]\]$")
_VOICELESS = set("ptkfθ")
_SIBILANT = ("s", "z", "ʃ", "ʒ", "tʃ", "dʒ")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


def possessive(ipa: str) -> str:
    """IPA for the possessive of a name said as ``ipa``: "ɪz" after a sibilant, "s" after a
    voiceless consonant, else "z" (English's own rule)."""
    core = ipa.rstrip("ːˈˌ ")
    if core.endswith(_SIBILANT):
        return ipa + "ɪz"
    return ipa + ("s" if core[-1:] in _VOICELESS else "z")


@dataclass(frozen=True)
class Entry:
    term: str
    say: str
    line: int = 0

    @property
    def ipa(self) -> str | None:
        match = _IPA.match(self.say)
        return match.group("ipa") if match else None

    def spoken(self, possessive_form: bool) -> str:
        ipa = self.ipa
        if ipa is not None:
            return f"[[ {possessive(ipa) if possessive_form else ipa} ]]"
        return f"{self.say}'s" if possessive_form else self.say


class Lexicon:
    """Whole-word, case-insensitive replacements, the longest term first."""

    def __init__(self, entries: list[Entry]):
        self.entries = sorted(entries, key=lambda e: -len(e.term))
        self._by_term = {e.term.casefold(): e for e in self.entries}
        if self.entries:
            alternatives = "|".join(re.escape(e.term) for e in self.entries)
            # A word boundary that also holds next to letters with accents; an optional 's or ’s.
            self._pattern = re.compile(rf"(?<![\w-])({alternatives})(['’]s)?(?![\w-])", re.IGNORECASE)
        else:
            self._pattern = None

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, path: str | Path) -> "Lexicon":
        """Read a ``term,say`` CSV; raises LexiconError naming the file and line of a bad row."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{path}: cannot read the lexicon ({exc})") from None
        rows = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
                if line.strip() and not line.lstrip().startswith("#")]
        if not rows:
            return cls([])
        reader = csv.reader([line for _, line in rows])
        header = [h.strip().lower() for h in next(reader)]
        if header != ["term", "say"]:
            raise LexiconError(f"{path}:{rows[0][0]}: the header must be 'term,say', got {','.join(header)!r}")
        entries, seen = [], {}
        for (n, _), row in zip(rows[1:], reader):
            if len(row) != 2 or not row[0].strip() or not row[1].strip():
                raise LexiconError(f"{path}:{n}: expected two non-empty fields, term and say; got {row!r}")
            term, say = row[0].strip(), row[1].strip()
            if "[[" in say or "]]" in say:
                if not _IPA.match(say):
                    raise LexiconError(f"{path}:{n}: IPA must be the whole field between [[ and ]], got {say!r}")
            elif not re.fullmatch(r"[\w' .,-]+", say):
                raise LexiconError(f"{path}:{n}: a respelling takes letters, spaces, hyphens and "
                                   f"apostrophes only, got {say!r}")
            if term.casefold() in seen:
                raise LexiconError(f"{path}:{n}: {term!r} is already given on line {seen[term.casefold()]}")
            seen[term.casefold()] = n
            entries.append(Entry(term, say, n))
        return cls(entries)

    def apply(self, text: str) -> str:
        """``text`` with every lexicon term replaced by how it is said."""
        if self._pattern is None:
            return text

        def replace(match: re.Match) -> str:
            entry = self._by_term[match.group(1).casefold()]
            return entry.spoken(bool(match.group(2)))

        return self._pattern.sub(replace, text)


def lexicon_path(path: str | Path) -> Path:
    """The file a ``--lexicon`` value names: "starter" is the one shipped with the package."""
    return STARTER if str(path) == "starter" else Path(path)


def load_lexicon(path: str | Path | None) -> Lexicon | None:
    """``path``'s lexicon (see ``lexicon_path``), or None for None."""
    if path is None:
        return None
    return Lexicon.load(lexicon_path(path))
