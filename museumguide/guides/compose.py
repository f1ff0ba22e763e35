"""A strict guide from the sentences that survive in several candidates, not one candidate alone.

    from museumguide.guides.compose import compose
    compose(kept_of_best, [kept_of_second, kept_of_third])   # the sentences, in the order a guide says them

Sample & Select (arXiv 2403.00696) chooses among sampled texts by a factuality check; a small model's
candidates each keep only a few sentences once the checker has struck the rest, so choosing whole
texts leaves short guides. Here the best candidate's surviving sentences come first (the opening
included), then surviving sentences of the other candidates, in their rank order, while the guide
is shorter than ``TARGET_WORDS`` and a sentence says something not said yet (its content words
overlap no kept sentence's by ``SAME_SHARE`` or more). Every sentence is one the checker passed
in its own candidate, against the same prompt. A closing invitation ("Before you move on, ...")
goes last, once.
"""

from __future__ import annotations

from museumguide.checks import vetted
from museumguide.checks.sentences import stems

TARGET_WORDS = 90
"""Stop borrowing once the guide is this long: the training scripts' shortest length."""
MAX_WORDS = 150
"""Never borrow past this length: the training scripts' longest."""
SAME_SHARE = 0.5
"""Content-word overlap (Jaccard) at which a sentence says what one already kept says."""

_STOP = {s for w in vetted.STOPWORDS for s in stems(w)}
_CLOSES = [stems(c) - _STOP for c in vetted.CLOSES]


def _content(sentence: str) -> set[str]:
    return stems(sentence) - _STOP


def _same(a: set[str], b: set[str]) -> bool:
    return bool(a | b) and len(a & b) / len(a | b) >= SAME_SHARE


def is_close(sentence: str) -> bool:
    """Whether ``sentence`` is one of the vetted closing invitations, as said or nearly."""
    words = _content(sentence)
    return any(_same(words, close) for close in _CLOSES)


def compose(first: list[str], others: list[list[str]]) -> list[str]:
    """The sentences of a guide: ``first`` (the chosen candidate's surviving sentences, opening
    included), then others' surviving sentences that add something, up to ``TARGET_WORDS``."""
    body = list(first)
    seen = [_content(s) for s in body]
    words = sum(len(s.split()) for s in body)
    for sentences in others:
        for sentence in sentences:
            n = len(sentence.split())
            if words >= TARGET_WORDS:
                break
            content = _content(sentence)
            if words + n > MAX_WORDS or not content or any(_same(content, s) for s in seen):
                continue
            body.append(sentence)
            seen.append(content)
            words += n
    closes = [s for s in body[1:] if is_close(s)]
    return [s for s in body if s not in closes] + closes[:1]
