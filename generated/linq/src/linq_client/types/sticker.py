"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel

__all__ = [
    "Sticker",
]


class Sticker(BaseModel):
    """Sticker attachment details."""

    file_name: str | None = None
    """Filename of the sticker"""

    height: int | None = None
    """Sticker image height in pixels"""

    mime_type: str | None = None
    """MIME type of the sticker image"""

    url: str | None = None
    """Presigned URL for downloading the sticker image (expires in 1 hour)."""

    width: int | None = None
    """Sticker image width in pixels"""
