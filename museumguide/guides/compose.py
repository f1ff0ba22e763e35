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
goes last, once. A guide states a fact once: a sentence whose facts (its words beyond the guide's
framing words, and its numbers) were all said by the sentences before it is left out, in the
chosen candidate too ("It was painted in 1911, in oil on canvas. ... The work was made in oil on
canvas." keeps the first; issue 33).
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
# Birth and death are facts of their own: "born in Leiden" and "died in Leiden" say two things.
_FRAME = {s for w in vetted.FRAME_WORDS | vetted.VIEWING_WORDS | vetted.INVITE_VERBS for s in stems(w)} - \
    {s for w in ("born", "died", "lived") for s in stems(w)}
_CLOSES = [stems(c) - _STOP for c in vetted.CLOSES + vetted.FAMILY_CLOSE]


def _content(sentence: str) -> set[str]:
    return stems(sentence) - _STOP


def _same(a: set[str], b: set[str]) -> bool:
    return bool(a | b) and len(a & b) / len(a | b) >= SAME_SHARE


def is_close(sentence: str) -> bool:
    """Whether ``sentence`` is one of the vetted closing invitations, as said or nearly."""
    words = _content(sentence)
    return any(_same(words, close) for close in _CLOSES)


def facts(sentence: str) -> set[str]:
    """What a sentence states: its content words beyond the words that frame facts or invite a
    look ("painted", "medium", "notice"), and its numbers."""
    return _content(sentence) - _FRAME


def said_once(sentences: list[str]) -> list[str]:
    """``sentences`` without any whose facts the ones before it have all stated."""
    out: list[str] = []
    told: set[str] = set()
    for sentence in sentences:
        new = facts(sentence)
        if out and new and new <= told:
            continue
        out.append(sentence)
        told |= new
    return out


def compose(first: list[str], others: list[list[str]], target: int = TARGET_WORDS,
            max_words: int = MAX_WORDS) -> list[str]:
    """The sentences of a guide: ``first`` (the chosen candidate's surviving sentences, opening
    included, each fact said once), then others' surviving sentences that add something, up to
    ``target`` words (a style's, ``records.styles.TARGET_WORDS``), never past ``max_words``."""
    body = said_once(list(first))
    seen = [_content(s) for s in body]
    told = set().union(*(facts(s) for s in body)) if body else set()
    words = sum(len(s.split()) for s in body)
    for sentences in others:
        for sentence in sentences:
            n = len(sentence.split())
            if words >= target:
                break
            content = _content(sentence)
            if words + n > max_words or not content or any(_same(content, s) for s in seen):
                continue
            new = facts(sentence)
            if new and new <= told:
                continue
            body.append(sentence)
            seen.append(content)
            told |= new
            words += n
    closes = [s for s in body[1:] if is_close(s)]
    return [s for s in body if s not in closes] + closes[:1]


def within(body: list[str], max_words: int) -> list[str]:
    """``body`` cut to ``max_words``: sentences dropped from the end of the middle (the opening and
    a closing invitation stay), for a style with a length (a short stop is 20 to 30 seconds)."""
    body = list(body)
    while sum(len(s.split()) for s in body) > max_words and len(body) > 2:
        body.pop(-2 if is_close(body[-1]) else -1)
    return body

