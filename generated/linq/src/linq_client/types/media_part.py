"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired, TypedDict

from pydantic import Field

from .._models import ConstFieldsModel

__all__ = [
    "MediaPart",
    "MediaPartParam",
]


class MediaPart(ConstFieldsModel):
    """A media attachment part. Either url or attachment_id must be provided, but not both."""

    __const_fields__ = ("type",)

    type: Literal["media"] = "media"
    """Indicates this is a media attachment part"""

    attachment_id: str | None = None
    """Reference to a file pre-uploaded via POST /v3/attachments (optional). The file is
    already stored, so sends using this ID skip the download step, useful when sending
    the same file to many recipients.
    """

    url: Annotated[str, Field(max_length=2048, pattern="^https://")] | None = None
    """Any publicly accessible HTTPS URL to the media file. The server downloads and sends
    the file automatically; no pre-upload step required. Size limit: 10MB maximum for
    URL-based downloads. For larger files (up to 100MB), use the pre-upload flow.
    """


class MediaPartParam(TypedDict):
    """`MediaPart` as a dict, keyed by its Python field names.

    A media attachment part. Either url or attachment_id must be provided, but not both.
    """

    type: Literal["media"]
    """Indicates this is a media attachment part"""

    attachment_id: NotRequired[str]
    """Reference to a file pre-uploaded via POST /v3/attachments (optional). The file is
    already stored, so sends using this ID skip the download step, useful when sending
    the same file to many recipients.
    """

    url: NotRequired[str]
    """Any publicly accessible HTTPS URL to the media file. The server downloads and sends
    the file automatically; no pre-upload step required. Size limit: 10MB maximum for
    URL-based downloads. For larger files (up to 100MB), use the pre-upload flow.
    """
