"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Literal

from .._models import ConstFieldsModel
from .reaction import Reaction

__all__ = [
    "MediaPartResponse",
]


class MediaPartResponse(ConstFieldsModel):
    """A media attachment part"""

    __const_fields__ = ("type",)

    id: str
    """Unique attachment identifier"""

    filename: str
    """Original filename"""

    mime_type: str
    """MIME type of the file"""

    reactions: list[Reaction] | None
    """Reactions on this message part"""

    size_bytes: int
    """File size in bytes"""

    type: Literal["media"] = "media"
    """Indicates this is a media attachment part"""

    url: str
    """Presigned URL for downloading the attachment (expires in 1 hour)."""
