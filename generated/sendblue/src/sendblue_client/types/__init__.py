"""Models of Sendblue API (version 2.0.0).

A module per model, holding the model and the dict (`TypedDict`) a request may take for it;
each module is imported when one of its names is first used.

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .error import Error
    from .message_content import MessageContent
    from .message_content_status import MessageContentStatus
    from .message_list_response import MessageListResponse
    from .message_response import MessageResponse
    from .message_response_status import MessageResponseStatus
    from .message_retrieve_response import MessageRetrieveResponse
    from .message_send_params import MessageSendParams
    from .message_status import MessageStatus
    from .message_type import MessageType
    from .pagination import Pagination
    from .phone_number import PhoneNumber
    from .send_style import SendStyle
    from .service import Service
    from .v2_message import V2Message

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

# The module under `types/` of each name.
_MODULES: dict[str, str] = {
    "Error": "error",
    "MessageContent": "message_content",
    "MessageContentStatus": "message_content_status",
    "MessageListResponse": "message_list_response",
    "MessageResponse": "message_response",
    "MessageResponseStatus": "message_response_status",
    "MessageRetrieveResponse": "message_retrieve_response",
    "MessageSendParams": "message_send_params",
    "MessageStatus": "message_status",
    "MessageType": "message_type",
    "Pagination": "pagination",
    "PhoneNumber": "phone_number",
    "SendStyle": "send_style",
    "Service": "service",
    "V2Message": "v2_message",
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
