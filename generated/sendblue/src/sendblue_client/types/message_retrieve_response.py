"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .v2_message import V2Message

__all__ = [
    "MessageRetrieveResponse",
]


class MessageRetrieveResponse(BaseModel):
    """One message."""

    data: V2Message | None = None
    """A message as returned by the v2 list and retrieve endpoints."""

    status: str | None = None
