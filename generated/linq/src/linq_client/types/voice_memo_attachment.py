"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel

__all__ = [
    "VoiceMemoAttachment",
]


class VoiceMemoAttachment(BaseModel):
    """The audio attachment of a voice memo."""

    id: str
    """Attachment identifier"""

    filename: str
    """Original filename"""

    mime_type: str
    """Audio MIME type"""

    size_bytes: int
    """File size in bytes"""

    url: str
    """CDN URL for downloading the voice memo"""

    duration_ms: int | None = None
    """Duration in milliseconds"""
