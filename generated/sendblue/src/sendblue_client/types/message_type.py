"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import OpenEnum

__all__ = [
    "MessageType",
]


class MessageType(OpenEnum):
    """Whether the message belongs to a one-to-one conversation or a group."""

    MESSAGE = "message"
    GROUP = "group"
