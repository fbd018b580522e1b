"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Literal

from .._models import ConstFieldsModel

__all__ = [
    "Error",
]


class Error(ConstFieldsModel):
    """Error body of every Sendblue error response."""

    __const_fields__ = ("status",)

    status: Literal["ERROR"] = "ERROR"

    error_code: int
    """Numeric error code"""

    error_message: str
    """Human-readable error message"""
