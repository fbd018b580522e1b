"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import OpenEnum

__all__ = [
    "MessageContentStatus",
]


class MessageContentStatus(OpenEnum):
    """Status of a message, inbound (`RECEIVED`) or outbound."""

    QUEUED = "QUEUED"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    ERROR = "ERROR"
    RECEIVED = "RECEIVED"
