"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .message_status import MessageStatus
from .message_type import MessageType
from .send_style import SendStyle
from .service import Service

__all__ = [
    "V2Message",
]


class V2Message(BaseModel):
    """A message as returned by the v2 list and retrieve endpoints."""

    account_email: Annotated[str | None, Field(alias="accountEmail")] = None
    """Email of the account"""

    content: str | None = None
    """Message content"""

    date_sent: datetime | None = None
    """When the message was sent"""

    date_updated: datetime | None = None
    """When the message was last updated"""

    error_code: int | None = None
    """Numeric error code if message failed"""

    error_detail: str | None = None
    """Detailed error information"""

    error_message: str | None = None
    """Error message if message failed"""

    error_reason: str | None = None
    """Error reason if message failed"""

    from_number: str | None = None
    """Sender phone number"""

    group_display_name: str | None = None
    """Display name for group messages"""

    group_id: str | None = None
    """Group ID for group messages"""

    is_outbound: bool | None = None
    """Whether this is an outbound message"""

    media_url: str | None = None
    """URL of attached media"""

    message_handle: str | None = None
    """Unique message identifier"""

    message_type: MessageType | None = None
    """Whether the message belongs to a one-to-one conversation or a group."""

    number: str | None = None
    """Primary phone number (to_number for outbound, from_number for inbound)"""

    opted_out: bool | None = None
    """Whether the recipient has opted out"""

    participants: list[str] | None = None
    """List of participants for group messages"""

    plan: str | None = None
    """Account plan used for this message"""

    send_style: SendStyle | None = None
    """The iMessage expressive message style"""

    sendblue_number: str | None = None
    """Sendblue phone number used"""

    service: Service | None = None
    """The messaging service used"""

    status: MessageStatus | None = None
    """Status of a message as reported by the v2 messages endpoints."""

    to_number: str | None = None
    """Recipient phone number"""

    was_downgraded: bool | None = None
    """Whether the message was downgraded from iMessage to SMS"""
