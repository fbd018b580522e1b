"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel

__all__ = [
    "AttachmentCreateParams",
]


class AttachmentCreateParams(BaseModel):
    """The file to upload."""

    content_type: Annotated[str, Field(min_length=3, max_length=255)]
    """MIME type of the file."""

    filename: Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[^\u0000-\u001F\u007F/\\]{1,255}$")]
    """Original filename."""

    size_bytes: Annotated[int, Field(ge=1, le=104857600)]
    """File size in bytes (up to 100 MB)."""
