"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from .._models import BaseModel, OpenLiteral

__all__ = [
    "MessageEffect",
    "MessageEffectParam",
]


class MessageEffect(BaseModel):
    """iMessage effect applied to a message (screen or bubble effect)"""

    name: str | None = None
    """Name of the effect. Common values: screen effects confetti, fireworks, lasers,
    sparkles, celebration, hearts, love, balloons, happy_birthday, echo, spotlight;
    bubble effects slam, loud, gentle, invisible.
    """

    type: OpenLiteral[Literal["screen", "bubble"]] | None = None
    """Type of effect"""


class MessageEffectParam(TypedDict):
    """`MessageEffect` as a dict, keyed by its Python field names.

    iMessage effect applied to a message (screen or bubble effect)
    """

    name: NotRequired[str]
    """Name of the effect. Common values: screen effects confetti, fireworks, lasers,
    sparkles, celebration, hearts, love, balloons, happy_birthday, echo, spotlight;
    bubble effects slam, loud, gentle, invisible.
    """

    type: NotRequired[Literal["screen", "bubble"]]
    """Type of effect"""
