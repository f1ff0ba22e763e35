"""The request bodies the gallery page's API takes, checked by pydantic before a route runs (a
refused one is answered 422 naming the field, never echoing its value: ``museumguide.web.protect``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictInt, StrictStr, StringConstraints, field_validator

from museumguide.tours.service import MAX_GUIDE_CHARS, as_key

MAX_STOPS = 50


class TourRequest(BaseModel):
    """An ordered tour: a name for the zip and the paintings' keys (or, from clients of before
    keys, Met object ids), which arrive as keys."""

    name: str = Field(min_length=1, max_length=80)
    stops: list[StrictInt | StrictStr] = Field(min_length=1, max_length=MAX_STOPS)
    tracks: list[Literal["standard", "short", "family", "description"]] = Field(default=[], max_length=4)
    """Other styles served here whose guides of the same stops the tour carries as parallel tracks."""

    @field_validator("stops")
    @classmethod
    def _keys(cls, stops: list) -> list[str]:
        keys = []
        for n, stop in enumerate(stops, 1):
            try:
                keys.append(as_key(stop))
            except ValueError:  # -> 422 naming the stop by its place, never echoing what was sent
                raise ValueError(f"stop {n} is not a painting key (met-436535, aic-6565, ...)") from None
        return keys


class GuideEdit(BaseModel):
    """A curator's text for a guide (saved as a draft); with ``version``, saved only over that
    version of the text (409 if another curator saved since)."""

    text: str = Field(min_length=1, max_length=MAX_GUIDE_CHARS)
    version: str | None = Field(default=None, max_length=64)


class Kept(BaseModel):
    """An unsupported sentence the curator publishes anyway, and why (a reason of at least three
    characters once spaces are stripped)."""

    sentence: str = Field(min_length=1, max_length=MAX_GUIDE_CHARS)
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]


class Approval(BaseModel):
    """What a curator approves: the ``version`` of the text the page showed them (the guide's
    ``version``), and the unsupported sentences they keep, each with a reason."""

    version: str = Field(min_length=1, max_length=64)
    keep: list[Kept] = Field(default_factory=list, max_length=100)


class SignIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1024)
