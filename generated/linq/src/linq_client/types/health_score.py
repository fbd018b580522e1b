"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from .._models import BaseModel

__all__ = [
    "HealthScore",
]


class HealthScore(BaseModel):
    """[BETA] Health assessment for a chat. Higher score is healthier. null when a score isn't
    available yet. Scoring may change during beta.
    """

    reason: str
    """Short summary of what's affecting the score. Empty when the score is 100."""

    score: Annotated[float, Field(ge=0, le=100)]
    """Health score from 0 to 100. Higher is healthier."""

    updated_at: datetime
    """When this health score was last computed."""
