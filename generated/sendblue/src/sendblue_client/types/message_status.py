"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import OpenEnum

__all__ = [
    "MessageStatus",
]


class MessageStatus(OpenEnum):
    """Status of a message as reported by the v2 messages endpoints."""

    REGISTERED = "REGISTERED"
    PENDING = "PENDING"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    RECEIVED = "RECEIVED"
    QUEUED = "QUEUED"
    ERROR = "ERROR"
    DECLINED = "DECLINED"
    ACCEPTED = "ACCEPTED"
    SUCCESS = "SUCCESS"
