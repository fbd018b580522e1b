"""The resources of the Linq Partner API client."""

from .attachments import AsyncAttachments, Attachments
from .chats import AsyncChats, Chats
from .messages import AsyncMessages, Messages

__all__ = [
    "AsyncAttachments",
    "AsyncChats",
    "AsyncMessages",
    "Attachments",
    "Chats",
    "Messages",
]
