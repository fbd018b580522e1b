"""`client.chats`: generated from Linq Partner API 3. Do not edit."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated

from pydantic import Field

from ..._pagination import AsyncPaginator, PageSpec, SyncPage
from ..._resource import AsyncAPIResource, SyncAPIResource, given
from ..._resource import path_param as _path_param
from ..._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ...types import (
    Chat,
    ChatCreateParams,
    ChatCreateResponse,
    ChatLeaveChatResponse,
    ChatList,
    ChatSendVoicememoParams,
    ChatSendVoicememoResponse,
    ChatUpdateParams,
    ChatUpdateResponse,
    Handle,
    MessageContent,
    MessageContentParam,
    PhoneNumber,
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

_chats_list_chats_page = PageSpec(
    style="cursor",
    items_field="chats",
    item_type=Chat,
    cursor_param="cursor",
    next_cursor_field="next_cursor",
    offset_param=None,
    limit_param="limit",
    has_more_path=(),
)


class Chats(SyncAPIResource):
    """`client.chats`: list_chats, create, retrieve, update, mark_as_read, leave_chat, share_contact_card, send_voicememo."""

    @cached_property
    def participants(self) -> ChatsParticipants:
        return ChatsParticipants(self._client)

    @cached_property
    def typing(self) -> ChatsTyping:
        return ChatsTyping(self._client)

    @cached_property
    def messages(self) -> ChatsMessages:
        return ChatsMessages(self._client)

    @cached_property
    def with_raw_response(self) -> ChatsWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return ChatsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ChatsWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return ChatsWithStreamingResponse(self)

    def list_chats(
        self,
        *,
        cursor: str | NotGiven = NOT_GIVEN,
        from_: PhoneNumber | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        to: Handle | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Chat]:
        """List all chats

        Lists the chats you can access, one page at a time, newest first.

        Args:
          cursor: The `next_cursor` of the previous page; omit it for the first page.
          from_: Only chats sent from this phone number you own (E.164).
          limit: Maximum number of items in the page.
          to: Only chats with this participant handle (E.164 phone number or email).

        `GET /v3/chats`
        """
        return self._get_api_list(
            "/v3/chats",
            cast_to=ChatList,
            page=_chats_list_chats_page,
            operation_id="chatsListChats",
            query=given(
                {
                    "cursor": cursor,
                    "from": from_,
                    "limit": limit,
                    "to": to,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def create(
        self,
        *,
        from_: PhoneNumber,
        to: list[Handle],
        message: MessageContent | MessageContentParam,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatCreateResponse:
        """Create a new chat

        Creates a chat with one or more recipients and sends its first message. Including more
        than one handle in `to` creates a group chat.

        Args:
          from_: Which of your authorized phone numbers the message originates from (E.164).
          to: Recipient handles. More than one handle creates a group chat.
          message: Message content container. Groups all message-related fields together, separating the
            "what" (message content) from the "where" (routing fields like from/to).

        `POST /v3/chats`
        """
        return self._post(
            "/v3/chats",
            cast_to=ChatCreateResponse,
            body=given(
                {
                    "from": from_,
                    "to": to,
                    "message": message,
                }
            ),
            body_type=ChatCreateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=("message", "idempotency_key"),
        )

    def retrieve(
        self,
        chat_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Chat:
        """Get a chat by ID

        Args:
          chat_id: Unique identifier of the chat.

        `GET /v3/chats/{chatId}`
        """
        return self._get(
            f"/v3/chats/{_path_param(chat_id)}",
            cast_to=Chat,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def update(
        self,
        chat_id: str,
        *,
        display_name: str | NotGiven = NOT_GIVEN,
        group_chat_icon: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatUpdateResponse:
        """Update a chat

        Updates a chat's display name or group chat icon.

        Args:
          chat_id: Unique identifier of the chat.
          display_name: Display name for the chat. Can be updated for group chats.
          group_chat_icon: URL of the image to use as the group chat icon.

        `PUT /v3/chats/{chatId}`
        """
        return self._put(
            f"/v3/chats/{_path_param(chat_id)}",
            cast_to=ChatUpdateResponse,
            body=given(
                {
                    "display_name": display_name,
                    "group_chat_icon": group_chat_icon,
                }
            ),
            body_type=ChatUpdateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def mark_as_read(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Mark chat as read

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/read`
        """
        return self._post(
            f"/v3/chats/{_path_param(chat_id)}/read",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def leave_chat(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatLeaveChatResponse:
        """Leave a group chat

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/leave`
        """
        return self._post(
            f"/v3/chats/{_path_param(chat_id)}/leave",
            cast_to=ChatLeaveChatResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def share_contact_card(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Share your contact card with a chat

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/share_contact_card`
        """
        return self._post(
            f"/v3/chats/{_path_param(chat_id)}/share_contact_card",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def send_voicememo(
        self,
        chat_id: str,
        *,
        attachment_id: str | NotGiven = NOT_GIVEN,
        voice_memo_url: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatSendVoicememoResponse:
        """Send a voice memo to a chat

        Sends audio as an iMessage voice memo bubble (with inline playback). Provide either a
        pre-uploaded `attachment_id` or an HTTPS `voice_memo_url`, not both.

        Args:
          chat_id: Unique identifier of the chat.
          attachment_id: Reference to a file pre-uploaded via POST /v3/attachments.
          voice_memo_url: Publicly accessible HTTPS URL of the audio file.

        `POST /v3/chats/{chatId}/voicememo`
        """
        return self._post(
            f"/v3/chats/{_path_param(chat_id)}/voicememo",
            cast_to=ChatSendVoicememoResponse,
            body=given(
                {
                    "attachment_id": attachment_id,
                    "voice_memo_url": voice_memo_url,
                }
            ),
            body_type=ChatSendVoicememoParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class ChatsWithRawResponse:
    def __init__(self, resource: Chats) -> None:
        self._resource = resource
        self.list_chats = to_raw_response_wrapper(resource.list_chats)
        self.create = to_raw_response_wrapper(resource.create)
        self.retrieve = to_raw_response_wrapper(resource.retrieve)
        self.update = to_raw_response_wrapper(resource.update)
        self.mark_as_read = to_raw_response_wrapper(resource.mark_as_read)
        self.leave_chat = to_raw_response_wrapper(resource.leave_chat)
        self.share_contact_card = to_raw_response_wrapper(resource.share_contact_card)
        self.send_voicememo = to_raw_response_wrapper(resource.send_voicememo)

    @cached_property
    def participants(self) -> ChatsParticipantsWithRawResponse:
        return ChatsParticipantsWithRawResponse(self._resource.participants)

    @cached_property
    def typing(self) -> ChatsTypingWithRawResponse:
        return ChatsTypingWithRawResponse(self._resource.typing)

    @cached_property
    def messages(self) -> ChatsMessagesWithRawResponse:
        return ChatsMessagesWithRawResponse(self._resource.messages)


class ChatsWithStreamingResponse:
    def __init__(self, resource: Chats) -> None:
        self._resource = resource
        self.list_chats = to_streamed_response_wrapper(resource.list_chats)
        self.create = to_streamed_response_wrapper(resource.create)
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)
        self.update = to_streamed_response_wrapper(resource.update)
        self.mark_as_read = to_streamed_response_wrapper(resource.mark_as_read)
        self.leave_chat = to_streamed_response_wrapper(resource.leave_chat)
        self.share_contact_card = to_streamed_response_wrapper(resource.share_contact_card)
        self.send_voicememo = to_streamed_response_wrapper(resource.send_voicememo)

    @cached_property
    def participants(self) -> ChatsParticipantsWithStreamingResponse:
        return ChatsParticipantsWithStreamingResponse(self._resource.participants)

    @cached_property
    def typing(self) -> ChatsTypingWithStreamingResponse:
        return ChatsTypingWithStreamingResponse(self._resource.typing)

    @cached_property
    def messages(self) -> ChatsMessagesWithStreamingResponse:
        return ChatsMessagesWithStreamingResponse(self._resource.messages)


class AsyncChats(AsyncAPIResource):
    """`client.chats`: list_chats, create, retrieve, update, mark_as_read, leave_chat, share_contact_card, send_voicememo."""

    @cached_property
    def participants(self) -> AsyncChatsParticipants:
        return AsyncChatsParticipants(self._client)

    @cached_property
    def typing(self) -> AsyncChatsTyping:
        return AsyncChatsTyping(self._client)

    @cached_property
    def messages(self) -> AsyncChatsMessages:
        return AsyncChatsMessages(self._client)

    @cached_property
    def with_raw_response(self) -> AsyncChatsWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AsyncChatsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncChatsWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AsyncChatsWithStreamingResponse(self)

    def list_chats(
        self,
        *,
        cursor: str | NotGiven = NOT_GIVEN,
        from_: PhoneNumber | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        to: Handle | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Chat]:
        """List all chats

        Lists the chats you can access, one page at a time, newest first.

        Args:
          cursor: The `next_cursor` of the previous page; omit it for the first page.
          from_: Only chats sent from this phone number you own (E.164).
          limit: Maximum number of items in the page.
          to: Only chats with this participant handle (E.164 phone number or email).

        `GET /v3/chats`
        """
        return self._get_api_list(
            "/v3/chats",
            cast_to=ChatList,
            page=_chats_list_chats_page,
            operation_id="chatsListChats",
            query=given(
                {
                    "cursor": cursor,
                    "from": from_,
                    "limit": limit,
                    "to": to,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def create(
        self,
        *,
        from_: PhoneNumber,
        to: list[Handle],
        message: MessageContent | MessageContentParam,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatCreateResponse:
        """Create a new chat

        Creates a chat with one or more recipients and sends its first message. Including more
        than one handle in `to` creates a group chat.

        Args:
          from_: Which of your authorized phone numbers the message originates from (E.164).
          to: Recipient handles. More than one handle creates a group chat.
          message: Message content container. Groups all message-related fields together, separating the
            "what" (message content) from the "where" (routing fields like from/to).

        `POST /v3/chats`
        """
        return await self._post(
            "/v3/chats",
            cast_to=ChatCreateResponse,
            body=given(
                {
                    "from": from_,
                    "to": to,
                    "message": message,
                }
            ),
            body_type=ChatCreateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=("message", "idempotency_key"),
        )

    async def retrieve(
        self,
        chat_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Chat:
        """Get a chat by ID

        Args:
          chat_id: Unique identifier of the chat.

        `GET /v3/chats/{chatId}`
        """
        return await self._get(
            f"/v3/chats/{_path_param(chat_id)}",
            cast_to=Chat,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def update(
        self,
        chat_id: str,
        *,
        display_name: str | NotGiven = NOT_GIVEN,
        group_chat_icon: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatUpdateResponse:
        """Update a chat

        Updates a chat's display name or group chat icon.

        Args:
          chat_id: Unique identifier of the chat.
          display_name: Display name for the chat. Can be updated for group chats.
          group_chat_icon: URL of the image to use as the group chat icon.

        `PUT /v3/chats/{chatId}`
        """
        return await self._put(
            f"/v3/chats/{_path_param(chat_id)}",
            cast_to=ChatUpdateResponse,
            body=given(
                {
                    "display_name": display_name,
                    "group_chat_icon": group_chat_icon,
                }
            ),
            body_type=ChatUpdateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def mark_as_read(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Mark chat as read

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/read`
        """
        return await self._post(
            f"/v3/chats/{_path_param(chat_id)}/read",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def leave_chat(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatLeaveChatResponse:
        """Leave a group chat

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/leave`
        """
        return await self._post(
            f"/v3/chats/{_path_param(chat_id)}/leave",
            cast_to=ChatLeaveChatResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def share_contact_card(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Share your contact card with a chat

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/share_contact_card`
        """
        return await self._post(
            f"/v3/chats/{_path_param(chat_id)}/share_contact_card",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def send_voicememo(
        self,
        chat_id: str,
        *,
        attachment_id: str | NotGiven = NOT_GIVEN,
        voice_memo_url: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ChatSendVoicememoResponse:
        """Send a voice memo to a chat

        Sends audio as an iMessage voice memo bubble (with inline playback). Provide either a
        pre-uploaded `attachment_id` or an HTTPS `voice_memo_url`, not both.

        Args:
          chat_id: Unique identifier of the chat.
          attachment_id: Reference to a file pre-uploaded via POST /v3/attachments.
          voice_memo_url: Publicly accessible HTTPS URL of the audio file.

        `POST /v3/chats/{chatId}/voicememo`
        """
        return await self._post(
            f"/v3/chats/{_path_param(chat_id)}/voicememo",
            cast_to=ChatSendVoicememoResponse,
            body=given(
                {
                    "attachment_id": attachment_id,
                    "voice_memo_url": voice_memo_url,
                }
            ),
            body_type=ChatSendVoicememoParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class AsyncChatsWithRawResponse:
    def __init__(self, resource: AsyncChats) -> None:
        self._resource = resource
        self.list_chats = async_to_raw_response_wrapper(resource.list_chats)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.mark_as_read = async_to_raw_response_wrapper(resource.mark_as_read)
        self.leave_chat = async_to_raw_response_wrapper(resource.leave_chat)
        self.share_contact_card = async_to_raw_response_wrapper(resource.share_contact_card)
        self.send_voicememo = async_to_raw_response_wrapper(resource.send_voicememo)

    @cached_property
    def participants(self) -> AsyncChatsParticipantsWithRawResponse:
        return AsyncChatsParticipantsWithRawResponse(self._resource.participants)

    @cached_property
    def typing(self) -> AsyncChatsTypingWithRawResponse:
        return AsyncChatsTypingWithRawResponse(self._resource.typing)

    @cached_property
    def messages(self) -> AsyncChatsMessagesWithRawResponse:
        return AsyncChatsMessagesWithRawResponse(self._resource.messages)


class AsyncChatsWithStreamingResponse:
    def __init__(self, resource: AsyncChats) -> None:
        self._resource = resource
        self.list_chats = async_to_streamed_response_wrapper(resource.list_chats)
        self.create = async_to_streamed_response_wrapper(resource.create)
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
        self.update = async_to_streamed_response_wrapper(resource.update)
        self.mark_as_read = async_to_streamed_response_wrapper(resource.mark_as_read)
        self.leave_chat = async_to_streamed_response_wrapper(resource.leave_chat)
        self.share_contact_card = async_to_streamed_response_wrapper(resource.share_contact_card)
        self.send_voicememo = async_to_streamed_response_wrapper(resource.send_voicememo)

    @cached_property
    def participants(self) -> AsyncChatsParticipantsWithStreamingResponse:
        return AsyncChatsParticipantsWithStreamingResponse(self._resource.participants)

    @cached_property
    def typing(self) -> AsyncChatsTypingWithStreamingResponse:
        return AsyncChatsTypingWithStreamingResponse(self._resource.typing)

    @cached_property
    def messages(self) -> AsyncChatsMessagesWithStreamingResponse:
        return AsyncChatsMessagesWithStreamingResponse(self._resource.messages)
