"""Guide styles: the same checked facts said for different visitors.

    from museumguide.records.styles import STYLES, check_style
    check_style("family")   # -> "family"; a ValueError names the choices for anything else

A style changes how much a guide says and in what words, never what it may state: every style's
prompt shows the same record, and the same sentence checker (``museumguide.checks.sentences``)
judges every style's guide. The prompt names the style in its instruction (``instruction``); the
standard style's prompt is the prompt as it was before styles, so runs trained before them keep
their prompts.

Sources for what each style is: short stops as museums publish them for a quick walk (20 to 30
seconds); family tours for children of about 7 to 11 with their adults; verbal description as the
Art Beyond Sight and VocalEyes guidelines describe it (what is where, said only from what the
museum's own text says is seen).
"""

from __future__ import annotations

STYLES = {
    "standard": "a 60 to 90 second stop for an adult visitor",
    "short": "a 20 to 30 second stop: the work and one thing to look at",
    "family": "for children of about 7 to 11 and their adults: plain words, short sentences, "
              "one thing to find and one question to talk about",
    "description": "verbal description for blind and low-vision visitors: what is seen, only where "
                   "the museum's notes describe it, and the record's facts",
}
"""Each style a guide can be written in, with what it is for (``--style``'s help shows these)."""

INSTRUCTIONS = {
    "standard": "",
    "short": "Keep it short: 20 to 30 seconds, the work and one thing to look at.",
    "family": "Write it for children of about 7 to 11 and their adults: plain words, short sentences, "
              "one thing to find and one question to talk about.",
    "description": "Write it as a verbal description for blind and low-vision visitors: say what is seen "
                   "only where the notes describe it; otherwise say that the description comes from the record.",
}
"""The sentence a prompt's instruction adds for the style (none for the standard style)."""

TARGET_WORDS = {"standard": 90, "short": 40, "family": 55, "description": 80}
"""Length a strict guide of each style is filled to with the record's facts (``guides.compose``)."""
MAX_WORDS = {"standard": 170, "short": 75, "family": 110, "description": 170}
"""Longest guide of each style, in words: a short stop is 20 to 30 seconds at about 150 spoken
words a minute (75 leaves room for a long title); the others as the template writer's budget."""


def check_style(style: str) -> str:
    """``style`` if a guide can be written in it; a ValueError naming the choices otherwise."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, got {style!r}")
    return style


def instruction(style: str) -> str:
    """The instruction sentence the prompt adds for ``style`` ("" for the standard style)."""
    return INSTRUCTIONS[check_style(style)]


def style_in(prompt: str) -> str:
    """The style a prompt built by ``records.prompt.build_prompt`` asks for ("standard" when it
    names none, as every prompt before styles)."""
    return next((s for s, text in INSTRUCTIONS.items() if text and text in prompt.split("\n\n", 1)[0]), "standard")
