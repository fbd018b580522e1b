"""`client.chats` and its sub-resources: generated from Linq Partner API 3. Do not edit."""

from .chats import (
    AsyncChats,
    AsyncChatsWithRawResponse,
    AsyncChatsWithStreamingResponse,
    Chats,
    ChatsWithRawResponse,
    ChatsWithStreamingResponse,
)
from .messages import (
    AsyncChatsMessages,
    AsyncChatsMessagesWithRawResponse,
    AsyncChatsMessagesWithStreamingResponse,
    ChatsMessages,
    ChatsMessagesWithRawResponse,
    ChatsMessagesWithStreamingResponse,
)
from .participants import (
    AsyncChatsParticipants,
    AsyncChatsParticipantsWithRawResponse,
    AsyncChatsParticipantsWithStreamingResponse,
    ChatsParticipants,
    ChatsParticipantsWithRawResponse,
    ChatsParticipantsWithStreamingResponse,
)
from .typing import (
    AsyncChatsTyping,
    AsyncChatsTypingWithRawResponse,
    AsyncChatsTypingWithStreamingResponse,
    ChatsTyping,
    ChatsTypingWithRawResponse,
    ChatsTypingWithStreamingResponse,
)

__all__ = [
    "AsyncChats",
    "AsyncChatsMessages",
    "AsyncChatsMessagesWithRawResponse",
    "AsyncChatsMessagesWithStreamingResponse",
    "AsyncChatsParticipants",
    "AsyncChatsParticipantsWithRawResponse",
    "AsyncChatsParticipantsWithStreamingResponse",
    "AsyncChatsTyping",
    "AsyncChatsTypingWithRawResponse",
    "AsyncChatsTypingWithStreamingResponse",
    "AsyncChatsWithRawResponse",
    "AsyncChatsWithStreamingResponse",
    "Chats",
    "ChatsMessages",
    "ChatsMessagesWithRawResponse",
    "ChatsMessagesWithStreamingResponse",
    "ChatsParticipants",
    "ChatsParticipantsWithRawResponse",
    "ChatsParticipantsWithStreamingResponse",
    "ChatsTyping",
    "ChatsTypingWithRawResponse",
    "ChatsTypingWithStreamingResponse",
    "ChatsWithRawResponse",
    "ChatsWithStreamingResponse",
]
