"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .pagination import Pagination
from .v2_message import V2Message

__all__ = [
    "MessageListResponse",
]


class MessageListResponse(BaseModel):
    """One page of messages."""

    data: list[V2Message] | None = None

    pagination: Pagination | None = None
    """Offset pagination state of a message listing."""

    status: str | None = None
