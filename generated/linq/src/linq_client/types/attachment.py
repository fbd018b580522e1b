"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from .._models import BaseModel, OpenLiteral

__all__ = [
    "Attachment",
]


class Attachment(BaseModel):
    """Metadata of an attachment. The reference pages do not list the values of `status`;
    pending (created, not yet uploaded), uploaded and failed are this project's choice.
    """

    id: str
    """Unique attachment identifier."""

    filename: str
    """Original filename."""

    content_type: str
    """MIME type of the file."""

    size_bytes: int
    """File size in bytes."""

    download_url: str
    """URL for downloading the file."""

    created_at: datetime
    """When the attachment was created."""

    status: OpenLiteral[Literal["pending", "uploaded", "failed"]]
    """Upload state of the attachment."""
