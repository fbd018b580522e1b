"""Models of Linq Partner API (version 3).

A module per model, holding the model and the dict (`TypedDict`) a request may take for it;
each module is imported when one of its names is first used.

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .attachment import Attachment
    from .attachment_create_params import AttachmentCreateParams
    from .attachment_create_response import AttachmentCreateResponse
    from .chat import Chat
    from .chat_create_params import ChatCreateParams
    from .chat_create_response import ChatCreateResponse
    from .chat_handle import ChatHandle
    from .chat_leave_chat_response import ChatLeaveChatResponse
    from .chat_list import ChatList
    from .chat_send_voicememo_params import ChatSendVoicememoParams
    from .chat_send_voicememo_response import ChatSendVoicememoResponse
    from .chat_update_params import ChatUpdateParams
    from .chat_update_response import ChatUpdateResponse
    from .created_chat import CreatedChat
    from .delivery_status import DeliveryStatus
    from .error import Error
    from .error_error import ErrorError
    from .handle import Handle
    from .health_score import HealthScore
    from .link_part import LinkPart, LinkPartParam
    from .link_part_response import LinkPartResponse
    from .media_part import MediaPart, MediaPartParam
    from .media_part_response import MediaPartResponse
    from .message import Message
    from .message_add_reaction_params import MessageAddReactionParams
    from .message_add_reaction_response import MessageAddReactionResponse
    from .message_content import MessageContent, MessageContentParam
    from .message_effect import MessageEffect, MessageEffectParam
    from .message_list import MessageList
    from .message_part import MessagePart, MessagePartParam
    from .message_part_response import MessagePartResponse
    from .message_send_params import MessageSendParams
    from .message_send_response import MessageSendResponse
    from .message_update_params import MessageUpdateParams
    from .participant_add_params import ParticipantAddParams
    from .participant_add_response import ParticipantAddResponse
    from .participant_remove_params import ParticipantRemoveParams
    from .participant_remove_response import ParticipantRemoveResponse
    from .phone_number import PhoneNumber
    from .reaction import Reaction
    from .reaction_type import ReactionType
    from .reply_to import ReplyTo, ReplyToParam
    from .sent_message import SentMessage
    from .service_type import ServiceType
    from .sticker import Sticker
    from .text_decoration import TextDecoration, TextDecorationParam
    from .text_part import TextPart, TextPartParam
    from .text_part_response import TextPartResponse
    from .voice_memo import VoiceMemo
    from .voice_memo_attachment import VoiceMemoAttachment
    from .voice_memo_chat import VoiceMemoChat

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

# The module under `types/` of each name.
_MODULES: dict[str, str] = {
    "Attachment": "attachment",
    "AttachmentCreateParams": "attachment_create_params",
    "AttachmentCreateResponse": "attachment_create_response",
    "Chat": "chat",
    "ChatCreateParams": "chat_create_params",
    "ChatCreateResponse": "chat_create_response",
    "ChatHandle": "chat_handle",
    "ChatLeaveChatResponse": "chat_leave_chat_response",
    "ChatList": "chat_list",
    "ChatSendVoicememoParams": "chat_send_voicememo_params",
    "ChatSendVoicememoResponse": "chat_send_voicememo_response",
    "ChatUpdateParams": "chat_update_params",
    "ChatUpdateResponse": "chat_update_response",
    "CreatedChat": "created_chat",
    "DeliveryStatus": "delivery_status",
    "Error": "error",
    "ErrorError": "error_error",
    "Handle": "handle",
    "HealthScore": "health_score",
    "LinkPart": "link_part",
    "LinkPartParam": "link_part",
    "LinkPartResponse": "link_part_response",
    "MediaPart": "media_part",
    "MediaPartParam": "media_part",
    "MediaPartResponse": "media_part_response",
    "Message": "message",
    "MessageAddReactionParams": "message_add_reaction_params",
    "MessageAddReactionResponse": "message_add_reaction_response",
    "MessageContent": "message_content",
    "MessageContentParam": "message_content",
    "MessageEffect": "message_effect",
    "MessageEffectParam": "message_effect",
    "MessageList": "message_list",
    "MessagePart": "message_part",
    "MessagePartParam": "message_part",
    "MessagePartResponse": "message_part_response",
    "MessageSendParams": "message_send_params",
    "MessageSendResponse": "message_send_response",
    "MessageUpdateParams": "message_update_params",
    "ParticipantAddParams": "participant_add_params",
    "ParticipantAddResponse": "participant_add_response",
    "ParticipantRemoveParams": "participant_remove_params",
    "ParticipantRemoveResponse": "participant_remove_response",
    "PhoneNumber": "phone_number",
    "Reaction": "reaction",
    "ReactionType": "reaction_type",
    "ReplyTo": "reply_to",
    "ReplyToParam": "reply_to",
    "SentMessage": "sent_message",
    "ServiceType": "service_type",
    "Sticker": "sticker",
    "TextDecoration": "text_decoration",
    "TextDecorationParam": "text_decoration",
    "TextPart": "text_part",
    "TextPartParam": "text_part",
    "TextPartResponse": "text_part_response",
    "VoiceMemo": "voice_memo",
    "VoiceMemoAttachment": "voice_memo_attachment",
    "VoiceMemoChat": "voice_memo_chat",
}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        module = _MODULES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
