"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .error_error import ErrorError

__all__ = [
    "Error",
]


class Error(BaseModel):
    """Error body of every failed request."""

    error: ErrorError

    trace_id: str
    """Identifier of the request, for support."""
