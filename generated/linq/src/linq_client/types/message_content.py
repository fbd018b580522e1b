"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired, TypedDict

from pydantic import Field

from .._models import BaseModel
from .message_effect import MessageEffect, MessageEffectParam
from .message_part import MessagePart, MessagePartParam
from .reply_to import ReplyTo, ReplyToParam
from .service_type import ServiceType

__all__ = [
    "MessageContent",
    "MessageContentParam",
]


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
