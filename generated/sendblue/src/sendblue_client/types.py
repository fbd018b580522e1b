"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, TypeAlias

from pydantic import Field

from ._models import BaseModel, ConstFieldsModel, OpenEnum

__all__ = [
    "Error",
    "MessageContent",
    "MessageContentStatus",
    "MessageListResponse",
    "MessageResponse",
    "MessageResponseStatus",
    "MessageRetrieveResponse",
    "MessageSendParams",
    "MessageStatus",
    "MessageType",
    "Pagination",
    "PhoneNumber",
    "SendStyle",
    "Service",
    "V2Message",
]


class SendStyle(OpenEnum):
    """The iMessage expressive message style"""

    CELEBRATION = "celebration"
    SHOOTING_STAR = "shooting_star"
    FIREWORKS = "fireworks"
    LASERS = "lasers"
    LOVE = "love"
    CONFETTI = "confetti"
    BALLOONS = "balloons"
    SPOTLIGHT = "spotlight"
    ECHO = "echo"
    INVISIBLE = "invisible"
    GENTLE = "gentle"
    LOUD = "loud"
    SLAM = "slam"


class MessageStatus(OpenEnum):
    """Status of a message as reported by the v2 messages endpoints."""

    REGISTERED = "REGISTERED"
    PENDING = "PENDING"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    RECEIVED = "RECEIVED"
    QUEUED = "QUEUED"
    ERROR = "ERROR"
    DECLINED = "DECLINED"
    ACCEPTED = "ACCEPTED"
    SUCCESS = "SUCCESS"


class MessageResponseStatus(OpenEnum):
    """Status of a sent message."""

    QUEUED = "QUEUED"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    ERROR = "ERROR"


class MessageContentStatus(OpenEnum):
    """Status of a message, inbound (`RECEIVED`) or outbound."""

    QUEUED = "QUEUED"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    ERROR = "ERROR"
    RECEIVED = "RECEIVED"


class Service(OpenEnum):
    """The messaging service used"""

    I_MESSAGE = "iMessage"
    SMS = "SMS"
    RCS = "RCS"


class MessageType(OpenEnum):
    """Whether the message belongs to a one-to-one conversation or a group."""

    MESSAGE = "message"
    GROUP = "group"


class MessageContent(BaseModel):
    """A message as delivered to webhooks and message listings."""

    account_email: str | None = None
    """Email of the account"""

    content: str | None = None
    """Message content"""

    date_created: datetime | None = None
    """When the message was created"""

    date_sent: datetime | None = None
    """When the message was sent"""

    date_updated: datetime | None = None
    """When the message was last updated"""

    from_number: str | None = None
    """Sender phone number"""

    is_outbound: bool | None = None
    """Whether this is an outbound message"""

    media_url: str | None = None
    """URL of attached media"""

    message_handle: str | None = None
    """Unique message identifier"""

    send_style: SendStyle | None = None
    """The iMessage expressive message style"""

    status: MessageContentStatus | None = None
    """Status of a message, inbound (`RECEIVED`) or outbound."""

    to_number: str | None = None
    """Recipient phone number"""


class MessageResponse(BaseModel):
    """A sent message and its status, as returned by send-message and status."""

    account_email: str | None = None
    """Email of the account that sent the message"""

    content: str | None = None
    """Message content"""

    date_created: datetime | None = None
    """When the message was created"""

    date_updated: datetime | None = None
    """When the message was last updated"""

    error_code: int | None = None
    """Numeric error code if message failed"""

    error_message: str | None = None
    """Error message if message failed"""

    from_number: str | None = None
    """Sending phone number"""

    is_outbound: bool | None = None
    """Whether this is an outbound message"""

    media_url: str | None = None
    """URL of attached media"""

    message_handle: str | None = None
    """Unique identifier for tracking the message"""

    number: str | None = None
    """Recipient phone number"""

    send_style: SendStyle | None = None
    """The iMessage expressive message style"""

    status: MessageResponseStatus | None = None
    """Status of a sent message."""


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


class Pagination(BaseModel):
    """Offset pagination state of a message listing."""

    has_more: Annotated[bool | None, Field(alias="hasMore")] = None
    """Whether there are more messages available"""

    limit: int | None = None
    """Number of messages returned in this request"""

    offset: int | None = None
    """Number of messages skipped"""

    total: int | None = None
    """Total number of messages matching the filters"""


class MessageListResponse(BaseModel):
    """One page of messages."""

    data: list[V2Message] | None = None

    pagination: Pagination | None = None
    """Offset pagination state of a message listing."""

    status: str | None = None


class MessageRetrieveResponse(BaseModel):
    """One message."""

    data: V2Message | None = None
    """A message as returned by the v2 list and retrieve endpoints."""

    status: str | None = None


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


class Error(ConstFieldsModel):
    """Error body of every Sendblue error response."""

    __const_fields__ = ("status",)

    status: Literal["ERROR"] = "ERROR"

    error_code: int
    """Numeric error code"""

    error_message: str
    """Human-readable error message"""


PhoneNumber: TypeAlias = Annotated[str, Field(pattern=r"^\+[1-9][0-9]{7,14}$")]
"""E.164 phone number (`+` then 8 to 15 digits, no spaces or punctuation)."""
