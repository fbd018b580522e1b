"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel

__all__ = [
    "MessageAddReactionResponse",
]


class MessageAddReactionResponse(BaseModel):
    message: str | None = None

    status: str | None = None

    trace_id: str | None = None
