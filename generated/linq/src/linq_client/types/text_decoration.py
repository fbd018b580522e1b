"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired, TypedDict

from pydantic import Field

from .._models import BaseModel, OpenLiteral

__all__ = [
    "TextDecoration",
    "TextDecorationParam",
]


class TextDecoration(BaseModel):
    """A style or an animation applied to a character range of a text part. Exactly one of
    style or animation.
    """

    range: Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=2, max_length=2)]
    """Character range [start, end) in the value string where the decoration applies.
    start is inclusive, end is exclusive. Characters are measured as UTF-16 code units.
    Most characters count as 1; some emoji count as 2.
    """

    animation: OpenLiteral[Literal["big", "small", "shake", "nod", "explode", "ripple", "bloom", "jitter"]] | None = (
        None
    )
    """Animated text effect to apply. Mutually exclusive with style."""

    style: OpenLiteral[Literal["bold", "italic", "strikethrough", "underline"]] | None = None
    """Text style to apply. Mutually exclusive with animation."""


class TextDecorationParam(TypedDict):
    """`TextDecoration` as a dict, keyed by its Python field names.

    A style or an animation applied to a character range of a text part. Exactly one of
    style or animation.
    """

    range: list[int]
    """Character range [start, end) in the value string where the decoration applies.
    start is inclusive, end is exclusive. Characters are measured as UTF-16 code units.
    Most characters count as 1; some emoji count as 2.
    """

    animation: NotRequired[Literal["big", "small", "shake", "nod", "explode", "ripple", "bloom", "jitter"]]
    """Animated text effect to apply. Mutually exclusive with style."""

    style: NotRequired[Literal["bold", "italic", "strikethrough", "underline"]]
    """Text style to apply. Mutually exclusive with animation."""
