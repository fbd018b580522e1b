"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel

__all__ = [
    "ChatSendVoicememoParams",
]


class ChatSendVoicememoParams(BaseModel):
    """The audio of the voice memo: either a pre-uploaded `attachment_id` or an HTTPS
    `voice_memo_url`, not both.
    """

    attachment_id: str | None = None
    """Reference to a file pre-uploaded via POST /v3/attachments."""

    voice_memo_url: Annotated[str, Field(max_length=2048, pattern="^https://")] | None = None
    """Publicly accessible HTTPS URL of the audio file."""
