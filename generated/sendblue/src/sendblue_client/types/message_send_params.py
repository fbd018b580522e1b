"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .phone_number import PhoneNumber
from .send_style import SendStyle

__all__ = [
    "MessageSendParams",
]


class MessageSendParams(BaseModel):
    """A message to send. `content` may be omitted only when `media_url` is given."""

    number: PhoneNumber
    """Recipient phone number (E.164)"""

    content: Annotated[str, Field(min_length=1)] | None = None
    """Message text"""

    from_number: PhoneNumber | None = None
    """Your Sendblue phone number to send from (E.164)"""

    media_url: str | None = None
    """URL of a media file to attach"""

    send_style: SendStyle | None = None
    """The iMessage expressive message style"""

    status_callback: str | None = None
    """Webhook URL that receives status updates for this message"""
