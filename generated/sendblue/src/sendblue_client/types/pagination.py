"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel

__all__ = [
    "Pagination",
]


class Pagination(BaseModel):
    """Offset pagination state of a message listing."""

    has_more: Annotated[bool | None, Field(alias="hasMore")] = None
    """Whether there are more messages available"""

    limit: int | None = None
    """Number of messages returned in this request"""

    offset: int | None = None
    """Number of messages skipped"""

    total: int | None = None
    """Total number of messages matching the filters"""
