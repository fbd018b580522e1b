"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .handle import Handle

__all__ = [
    "ParticipantRemoveParams",
]


class ParticipantRemoveParams(BaseModel):
    handle: Handle
    """Phone number (E.164) or email address of the participant to remove."""
