"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel

__all__ = [
    "ErrorError",
]


class ErrorError(BaseModel):
    status: int
    """HTTP status code."""

    code: int
    """Application error code."""

    message: str
    """Human-readable explanation."""
