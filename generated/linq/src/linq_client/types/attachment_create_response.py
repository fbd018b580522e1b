"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from .._models import ConstFieldsModel

__all__ = [
    "AttachmentCreateResponse",
]


class AttachmentCreateResponse(ConstFieldsModel):
    """Where and how to upload the file. Upload it with `http_method` to `upload_url`, sending
    `required_headers`, before `expires_at`; then reference it by `attachment_id`.
    """

    __const_fields__ = ("http_method",)

    attachment_id: str
    """Identifier to reference the file by in media parts and voice memos."""

    download_url: str
    """URL the file can be downloaded from once uploaded."""

    upload_url: str
    """Presigned URL to upload the file to."""

    http_method: Literal["PUT"] = "PUT"
    """HTTP method of the upload."""

    required_headers: dict[str, str]
    """Headers the upload request must send."""

    expires_at: datetime
    """When upload_url expires."""
