"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, NotRequired, TypeAlias, TypedDict

from pydantic import Field, Tag

from ._models import (
    BaseModel,
    ConstFieldsModel,
    OpenEnum,
    OpenLiteral,
    OpenUnion,
    UnknownVariant,
)

__all__ = [
    "Attachment",
    "AttachmentCreateParams",
    "AttachmentCreateResponse",
    "Chat",
    "ChatCreateParams",
    "ChatCreateResponse",
    "ChatHandle",
    "ChatLeaveChatResponse",
    "ChatList",
    "ChatSendVoicememoParams",
    "ChatSendVoicememoResponse",
    "ChatUpdateParams",
    "ChatUpdateResponse",
    "CreatedChat",
    "DeliveryStatus",
    "Error",
    "ErrorError",
    "Handle",
    "HealthScore",
    "LinkPart",
    "LinkPartParam",
    "LinkPartResponse",
    "MediaPart",
    "MediaPartParam",
    "MediaPartResponse",
    "Message",
    "MessageAddReactionParams",
    "MessageAddReactionResponse",
    "MessageContent",
    "MessageContentParam",
    "MessageEffect",
    "MessageEffectParam",
    "MessageList",
    "MessagePart",
    "MessagePartParam",
    "MessagePartResponse",
    "MessageSendParams",
    "MessageSendResponse",
    "MessageUpdateParams",
    "ParticipantAddParams",
    "ParticipantAddResponse",
    "ParticipantRemoveParams",
    "ParticipantRemoveResponse",
    "PhoneNumber",
    "Reaction",
    "ReactionType",
    "ReplyTo",
    "ReplyToParam",
    "SentMessage",
    "ServiceType",
    "Sticker",
    "TextDecoration",
    "TextDecorationParam",
    "TextPart",
    "TextPartParam",
    "TextPartResponse",
    "VoiceMemo",
    "VoiceMemoAttachment",
    "VoiceMemoChat",
]


class ServiceType(OpenEnum):
    """Messaging service type"""

    I_MESSAGE = "iMessage"
    SMS = "SMS"
    RCS = "RCS"


class DeliveryStatus(OpenEnum):
    """Current delivery status of a message"""

    PENDING = "pending"
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"


class ReactionType(OpenEnum):
    """Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
    question. Custom emoji reactions have type "custom" with the actual emoji in the
    custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
    details in the sticker field.
    """

    LOVE = "love"
    LIKE = "like"
    DISLIKE = "dislike"
    LAUGH = "laugh"
    EMPHASIZE = "emphasize"
    QUESTION = "question"
    CUSTOM = "custom"
    STICKER = "sticker"


class Error(BaseModel):
    """Error body of every failed request."""

    error: ErrorError

    trace_id: str
    """Identifier of the request, for support."""


class ErrorError(BaseModel):
    status: int
    """HTTP status code."""

    code: int
    """Application error code."""

    message: str
    """Human-readable explanation."""


class ChatHandle(BaseModel):
    """A chat participant with full handle details."""

    id: str
    """Unique identifier for this handle"""

    handle: Handle
    """Phone number (E.164) or email address of the participant"""

    joined_at: datetime
    """When this participant joined the chat"""

    service: ServiceType
    """Messaging service type"""

    is_me: bool | None = None
    """Whether this handle belongs to the sender (your phone number)"""

    left_at: datetime | None = None
    """When they left (if applicable)"""

    status: OpenLiteral[Literal["active", "left", "removed"]] | None = None
    """Participant status"""


class HealthScore(BaseModel):
    """[BETA] Health assessment for a chat. Higher score is healthier. null when a score isn't
    available yet. Scoring may change during beta.
    """

    reason: str
    """Short summary of what's affecting the score. Empty when the score is 100."""

    score: Annotated[float, Field(ge=0, le=100)]
    """Health score from 0 to 100. Higher is healthier."""

    updated_at: datetime
    """When this health score was last computed."""


class Chat(BaseModel):
    """A conversation thread with one or more participants."""

    id: str
    """Unique identifier for the chat"""

    created_at: datetime
    """When the chat was created"""

    display_name: str | None
    """Display name for the chat. Defaults to a comma-separated list of recipient handles.
    Can be updated for group chats.
    """

    handles: list[ChatHandle]
    """List of chat participants with full handle details. Always contains at least two
    handles (your phone number and the other participant).
    """

    is_archived: bool
    """Whether the chat is archived"""

    is_group: bool
    """Whether this is a group chat"""

    updated_at: datetime
    """When the chat was last updated"""

    health_score: HealthScore | None = None
    """[BETA] Health assessment for a chat. Higher score is healthier. null when a score
    isn't available yet.
    """

    service: ServiceType | None = None
    """Messaging service type"""


class ChatList(BaseModel):
    """One page of chats."""

    chats: list[Chat]

    next_cursor: str | None = None
    """Cursor of the next page; null or absent on the last page."""


class CreatedChat(BaseModel):
    """The chat created together with its first message."""

    id: str
    """Unique identifier for the created chat (UUID)"""

    display_name: str | None
    """Display name for the chat. Defaults to a comma-separated list of recipient handles.
    Can be updated for group chats.
    """

    handles: list[ChatHandle]
    """List of participants in the chat. Always contains at least two handles (your phone
    number and the other participant).
    """

    is_group: bool
    """Whether this is a group chat"""

    message: SentMessage
    """A message that was sent (used in CreateChat and SendMessage responses)"""

    service: ServiceType
    """Messaging service type"""

    health_score: HealthScore | None = None
    """[BETA] Health assessment for a chat. Higher score is healthier. null when a score
    isn't available yet.
    """


class SentMessage(BaseModel):
    """A message that was sent (used in CreateChat and SendMessage responses)"""

    id: str
    """Message identifier (UUID)"""

    created_at: datetime
    """When the message was created"""

    delivery_status: DeliveryStatus
    """Current delivery status of a message"""

    is_read: bool
    """Whether the message has been read"""

    parts: list[MessagePartResponse]
    """Message parts in order (text, media, and link)"""

    sent_at: datetime | None
    """When the message was actually sent (null if still queued)"""

    delivered_at: datetime | None = None
    """When the message was delivered"""

    effect: MessageEffect | None = None
    """iMessage effect applied to a message (screen or bubble effect)"""

    from_handle: ChatHandle | None = None
    """The sender of this message as a full handle object"""

    preferred_service: ServiceType | None = None
    """Messaging service type"""

    reply_to: ReplyTo | None = None
    """Indicates this message is a threaded reply to another message"""

    service: ServiceType | None = None
    """Messaging service type"""


class TextPartResponse(ConstFieldsModel):
    """A text message part"""

    __const_fields__ = ("type",)

    reactions: list[Reaction] | None
    """Reactions on this message part"""

    type: Literal["text"] = "text"
    """Indicates this is a text message part"""

    value: str
    """The text content"""

    text_decorations: list[TextDecoration] | None = None
    """Text decorations applied to character ranges in the value"""


class Reaction(BaseModel):
    """A reaction on a message part."""

    handle: ChatHandle
    """A chat participant with full handle details."""

    is_me: bool
    """Whether this reaction is from the current user"""

    type: ReactionType
    """Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
    question. Custom emoji reactions have type "custom" with the actual emoji in the
    custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
    details in the sticker field.
    """

    custom_emoji: str | None = None
    """Custom emoji if type is "custom", null otherwise"""

    sticker: Sticker | None = None
    """Sticker attachment details when reaction_type is "sticker". Null for non-sticker
    reactions.
    """


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


class TextDecoration(BaseModel):
    """A style or an animation applied to a character range of a text part. Exactly one of
    style or animation.
    """

    range: Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=2, max_length=2)]
    """Character range [start, end) in the value string where the decoration applies.
    start is inclusive, end is exclusive. Characters are measured as UTF-16 code units.
    Most characters count as 1; some emoji count as 2.
    """

    animation: OpenLiteral[Literal["big", "small", "shake", "nod", "explode", "ripple", "bloom", "jitter"]] | None = (
        None
    )
    """Animated text effect to apply. Mutually exclusive with style."""

    style: OpenLiteral[Literal["bold", "italic", "strikethrough", "underline"]] | None = None
    """Text style to apply. Mutually exclusive with animation."""


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


class LinkPartResponse(ConstFieldsModel):
    """A link part with a rich preview card"""

    __const_fields__ = ("type",)

    reactions: list[Reaction] | None
    """Reactions on this message part"""

    type: Literal["link"] = "link"
    """Indicates this is a link part"""

    value: str
    """The URL shown with a rich preview card"""


class MessageEffect(BaseModel):
    """iMessage effect applied to a message (screen or bubble effect)"""

    name: str | None = None
    """Name of the effect. Common values: screen effects confetti, fireworks, lasers,
    sparkles, celebration, hearts, love, balloons, happy_birthday, echo, spotlight;
    bubble effects slam, loud, gentle, invisible.
    """

    type: OpenLiteral[Literal["screen", "bubble"]] | None = None
    """Type of effect"""


class ReplyTo(BaseModel):
    """Indicates this message is a threaded reply to another message"""

    message_id: str
    """The ID of the message to reply to"""

    part_index: Annotated[int, Field(ge=0)] | None = None
    """The specific message part to reply to (0-based index). Defaults to 0 (first part)
    if not provided.
    """


class ChatCreateParams(BaseModel):
    """Body of a request that creates a chat and sends its first message."""

    from_: Annotated[PhoneNumber, Field(alias="from")]
    """Which of your authorized phone numbers the message originates from (E.164)."""

    to: Annotated[list[Handle], Field(min_length=1)]
    """Recipient handles. More than one handle creates a group chat."""

    message: MessageContent
    """Message content container. Groups all message-related fields together, separating the
    "what" (message content) from the "where" (routing fields like from/to).
    """


class MessageContent(BaseModel):
    """Message content container. Groups all message-related fields together, separating the
    "what" (message content) from the "where" (routing fields like from/to).
    """

    parts: Annotated[list[MessagePart], Field(min_length=1, max_length=100)]
    """Array of message parts. Each part can be text, media, or link. Parts are displayed
    in order. Text and media can be mixed freely, but a link part must be the only part
    in the message. Maximum of 100 parts total.
    """

    effect: MessageEffect | None = None
    """iMessage effect to apply to this message (screen or bubble effect)"""

    idempotency_key: Annotated[str, Field(max_length=255)] | None = None
    """Optional idempotency key for this message. Use this to prevent duplicate sends of the
    same message.
    """

    preferred_service: ServiceType | None = None
    """Messaging service type"""

    reply_to: ReplyTo | None = None
    """Reply to another message to create a threaded conversation"""


class TextPart(ConstFieldsModel):
    """A text message part"""

    __const_fields__ = ("type",)

    type: Literal["text"] = "text"
    """Indicates this is a text message part"""

    value: Annotated[str, Field(min_length=1, max_length=10000)]
    """The text content of the message. This value is sent as-is with no parsing or
    transformation: Markdown syntax will be delivered as plain text. Use
    text_decorations to apply inline formatting and animations (iMessage only).
    """

    text_decorations: list[TextDecoration] | None = None
    """Optional array of text decorations applied to character ranges in the value field
    (iMessage only). Each decoration specifies a character range [start, end) and
    exactly one of style or animation. Style ranges may overlap (e.g. bold + italic on
    the same text), but animation ranges must not overlap with other animations or
    styles. Characters are measured as UTF-16 code units. Text decorations only render
    for iMessage recipients.
    """


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


class LinkPart(ConstFieldsModel):
    """A URL sent with a rich preview card showing the page's title, description, and image
    (when available). A link part must be the only part in the message.
    """

    __const_fields__ = ("type",)

    type: Literal["link"] = "link"
    """Indicates this is a link part"""

    value: Annotated[str, Field(max_length=2048)]
    """The URL to preview. Maximum URL length 2,048 characters."""


class ChatCreateResponse(BaseModel):
    """Response for creating a new chat with an initial message"""

    chat: CreatedChat
    """The chat created together with its first message."""


class ChatUpdateParams(BaseModel):
    """Fields of a chat that can be updated."""

    display_name: str | None = None
    """Display name for the chat. Can be updated for group chats."""

    group_chat_icon: str | None = None
    """URL of the image to use as the group chat icon."""


class ChatUpdateResponse(BaseModel):
    chat_id: str | None = None

    status: str | None = None


class ChatLeaveChatResponse(BaseModel):
    message: str | None = None

    status: str | None = None

    trace_id: str | None = None


class ChatSendVoicememoParams(BaseModel):
    """The audio of the voice memo: either a pre-uploaded `attachment_id` or an HTTPS
    `voice_memo_url`, not both.
    """

    attachment_id: str | None = None
    """Reference to a file pre-uploaded via POST /v3/attachments."""

    voice_memo_url: Annotated[str, Field(max_length=2048, pattern="^https://")] | None = None
    """Publicly accessible HTTPS URL of the audio file."""


class ChatSendVoicememoResponse(BaseModel):
    """Response for sending a voice memo to a chat"""

    voice_memo: VoiceMemo
    """A voice memo message sent to a chat."""


class VoiceMemo(BaseModel):
    """A voice memo message sent to a chat."""

    id: str
    """Message identifier"""

    chat: VoiceMemoChat
    """The chat a voice memo was sent to."""

    created_at: datetime
    """When the voice memo was created"""

    from_: Annotated[PhoneNumber, Field(alias="from")]
    """Sender phone number"""

    status: str
    """Current delivery status"""

    to: list[Handle]
    """Recipient handles (phone numbers or email addresses)"""

    voice_memo: VoiceMemoAttachment
    """The audio attachment of a voice memo."""

    service: ServiceType | None = None
    """Messaging service type"""


class VoiceMemoChat(BaseModel):
    """The chat a voice memo was sent to."""

    id: str
    """Chat identifier"""

    handles: list[ChatHandle]
    """Chat participants"""

    is_active: bool
    """Whether the chat is active"""

    is_group: bool
    """Whether this is a group chat"""

    service: ServiceType
    """Messaging service type"""


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


class ParticipantAddParams(BaseModel):
    handle: Handle
    """Phone number (E.164) or email address of the participant to add."""


class ParticipantRemoveParams(BaseModel):
    handle: Handle
    """Phone number (E.164) or email address of the participant to remove."""


class ParticipantAddResponse(BaseModel):
    message: str | None = None

    status: str | None = None

    trace_id: str | None = None


class ParticipantRemoveResponse(BaseModel):
    message: str | None = None

    status: str | None = None

    trace_id: str | None = None


class MessageSendParams(BaseModel):
    message: MessageContent
    """Message content container. Groups all message-related fields together, separating the
    "what" (message content) from the "where" (routing fields like from/to).
    """


class MessageSendResponse(BaseModel):
    """Response for sending a message to a chat"""

    chat_id: str
    """Unique identifier of the chat this message was sent to"""

    message: SentMessage
    """A message that was sent (used in CreateChat and SendMessage responses)"""


class MessageUpdateParams(BaseModel):
    """New text for one part of a message."""

    text: Annotated[str, Field(min_length=1, max_length=10000)]
    """The new text content of the part."""

    part_index: Annotated[int, Field(ge=0)] | None = None
    """The message part to edit (0-based index)."""


class Message(BaseModel):
    """An individual communication within a chat thread."""

    id: str
    """Unique identifier for the message"""

    chat_id: str
    """ID of the chat this message belongs to"""

    created_at: datetime
    """When the message was created"""

    is_delivered: bool
    """Whether the message has been delivered"""

    is_from_me: bool
    """Whether this message was sent by the authenticated user"""

    is_read: bool
    """Whether the message has been read"""

    updated_at: datetime
    """When the message was last updated"""

    delivered_at: datetime | None = None
    """When the message was delivered"""

    effect: MessageEffect | None = None
    """iMessage effect applied to a message (screen or bubble effect)"""

    from_: Annotated[
        PhoneNumber | None,
        Field(alias="from", deprecated="DEPRECATED: Use from_handle instead. Phone number of the message sender."),
    ] = None
    """DEPRECATED: Use from_handle instead. Phone number of the message sender."""

    from_handle: ChatHandle | None = None
    """The sender of this message as a full handle object"""

    parts: list[MessagePartResponse] | None = None
    """Message parts in order (text, media, and link)"""

    preferred_service: ServiceType | None = None
    """Messaging service type"""

    read_at: datetime | None = None
    """When the message was read"""

    reply_to: ReplyTo | None = None
    """Indicates this message is a threaded reply to another message"""

    sent_at: datetime | None = None
    """When the message was sent"""

    service: ServiceType | None = None
    """Messaging service type"""


class MessageList(BaseModel):
    """One page of messages."""

    messages: list[Message]

    next_cursor: str | None = None
    """Cursor of the next page; null or absent on the last page."""


class MessageAddReactionParams(BaseModel):
    """A reaction to add to or remove from a message part."""

    operation: OpenLiteral[Literal["add", "remove"]]
    """Whether to add or remove the reaction."""

    type: ReactionType
    """Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
    question. Custom emoji reactions have type "custom" with the actual emoji in the
    custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
    details in the sticker field.
    """

    custom_emoji: Annotated[str, Field(min_length=1)] | None = None
    """The emoji to react with; required when type is "custom"."""

    part_index: Annotated[int, Field(ge=0)] | None = None
    """The message part to react to (0-based index)."""


class MessageAddReactionResponse(BaseModel):
    message: str | None = None

    status: str | None = None

    trace_id: str | None = None


class AttachmentCreateParams(BaseModel):
    """The file to upload."""

    content_type: Annotated[str, Field(min_length=3, max_length=255)]
    """MIME type of the file."""

    filename: Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[^\u0000-\u001F\u007F/\\]{1,255}$")]
    """Original filename."""

    size_bytes: Annotated[int, Field(ge=1, le=104857600)]
    """File size in bytes (up to 100 MB)."""


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


PhoneNumber: TypeAlias = Annotated[str, Field(pattern=r"^\+[1-9][0-9]{7,14}$")]
"""A phone number in E.164 format (`+` then 8 to 15 digits, no spaces or punctuation)."""


Handle: TypeAlias = Annotated[
    str,
    Field(
        pattern=r"^(\+[1-9][0-9]{7,14}|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$"
    ),
]
"""A participant handle: a phone number in E.164 format (e.g. +12223334444) or an email
address.
"""


MessagePartResponse: TypeAlias = Annotated[
    Annotated[TextPartResponse, Tag("text")]
    | Annotated[MediaPartResponse, Tag("media")]
    | Annotated[LinkPartResponse, Tag("link")]
    | UnknownVariant,
    OpenUnion("type"),
]
"""A part of a delivered message (text, media, or link)."""


MessagePart: TypeAlias = Annotated[
    Annotated[TextPart, Tag("text")]
    | Annotated[MediaPart, Tag("media")]
    | Annotated[LinkPart, Tag("link")]
    | UnknownVariant,
    OpenUnion("type"),
]
"""A part of a message to send (text, media, or link)."""


class TextDecorationParam(TypedDict):
    """`TextDecoration` as a dict, keyed by its Python field names.

    A style or an animation applied to a character range of a text part. Exactly one of
    style or animation.
    """

    range: list[int]
    """Character range [start, end) in the value string where the decoration applies.
    start is inclusive, end is exclusive. Characters are measured as UTF-16 code units.
    Most characters count as 1; some emoji count as 2.
    """

    animation: NotRequired[Literal["big", "small", "shake", "nod", "explode", "ripple", "bloom", "jitter"]]
    """Animated text effect to apply. Mutually exclusive with style."""

    style: NotRequired[Literal["bold", "italic", "strikethrough", "underline"]]
    """Text style to apply. Mutually exclusive with animation."""


class MessageEffectParam(TypedDict):
    """`MessageEffect` as a dict, keyed by its Python field names.

    iMessage effect applied to a message (screen or bubble effect)
    """

    name: NotRequired[str]
    """Name of the effect. Common values: screen effects confetti, fireworks, lasers,
    sparkles, celebration, hearts, love, balloons, happy_birthday, echo, spotlight;
    bubble effects slam, loud, gentle, invisible.
    """

    type: NotRequired[Literal["screen", "bubble"]]
    """Type of effect"""


class ReplyToParam(TypedDict):
    """`ReplyTo` as a dict, keyed by its Python field names.

    Indicates this message is a threaded reply to another message
    """

    message_id: str
    """The ID of the message to reply to"""

    part_index: NotRequired[int]
    """The specific message part to reply to (0-based index). Defaults to 0 (first part)
    if not provided.
    """


class MessageContentParam(TypedDict):
    """`MessageContent` as a dict, keyed by its Python field names.

    Message content container. Groups all message-related fields together, separating the
    "what" (message content) from the "where" (routing fields like from/to).
    """

    parts: list[MessagePartParam]
    """Array of message parts. Each part can be text, media, or link. Parts are displayed
    in order. Text and media can be mixed freely, but a link part must be the only part
    in the message. Maximum of 100 parts total.
    """

    effect: NotRequired[MessageEffect | MessageEffectParam]
    """iMessage effect to apply to this message (screen or bubble effect)"""

    idempotency_key: NotRequired[str]
    """Optional idempotency key for this message. Use this to prevent duplicate sends of the
    same message.
    """

    preferred_service: NotRequired[ServiceType | Literal["iMessage", "SMS", "RCS"]]
    """Messaging service type"""

    reply_to: NotRequired[ReplyTo | ReplyToParam]
    """Reply to another message to create a threaded conversation"""


class TextPartParam(TypedDict):
    """`TextPart` as a dict, keyed by its Python field names.

    A text message part
    """

    type: Literal["text"]
    """Indicates this is a text message part"""

    value: str
    """The text content of the message. This value is sent as-is with no parsing or
    transformation: Markdown syntax will be delivered as plain text. Use
    text_decorations to apply inline formatting and animations (iMessage only).
    """

    text_decorations: NotRequired[list[TextDecoration | TextDecorationParam]]
    """Optional array of text decorations applied to character ranges in the value field
    (iMessage only). Each decoration specifies a character range [start, end) and
    exactly one of style or animation. Style ranges may overlap (e.g. bold + italic on
    the same text), but animation ranges must not overlap with other animations or
    styles. Characters are measured as UTF-16 code units. Text decorations only render
    for iMessage recipients.
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


class LinkPartParam(TypedDict):
    """`LinkPart` as a dict, keyed by its Python field names.

    A URL sent with a rich preview card showing the page's title, description, and image
    (when available). A link part must be the only part in the message.
    """

    type: Literal["link"]
    """Indicates this is a link part"""

    value: str
    """The URL to preview. Maximum URL length 2,048 characters."""


MessagePartParam: TypeAlias = "TextPart | TextPartParam | MediaPart | MediaPartParam | LinkPart | LinkPartParam"
"""What a request takes for `MessagePart`: its models, or dicts of them."""
