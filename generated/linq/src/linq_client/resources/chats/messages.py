"""`client.chats.messages`: generated from Linq Partner API 3. Do not edit."""

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
    Message,
    MessageContent,
    MessageContentParam,
    MessageList,
    MessageSendParams,
    MessageSendResponse,
)

_chats_messages_list_page = PageSpec(
    style="cursor",
    items_field="messages",
    item_type=Message,
    cursor_param="cursor",
    next_cursor_field="next_cursor",
    offset_param=None,
    limit_param="limit",
    has_more_path=(),
)


class ChatsMessages(SyncAPIResource):
    """`client.chats.messages`: list, send."""

    @cached_property
    def with_raw_response(self) -> ChatsMessagesWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return ChatsMessagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ChatsMessagesWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return ChatsMessagesWithStreamingResponse(self)

    def list(
        self,
        chat_id: str,
        *,
        cursor: str | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Message]:
        """Get messages from a chat

        Args:
          chat_id: Unique identifier of the chat.
          cursor: The `next_cursor` of the previous page; omit it for the first page.
          limit: Maximum number of items in the page.

        `GET /v3/chats/{chatId}/messages`
        """
        return self._get_api_list(
            f"/v3/chats/{_path_param(chat_id)}/messages",
            cast_to=MessageList,
            page=_chats_messages_list_page,
            operation_id="chatsMessagesList",
            query=given(
                {
                    "cursor": cursor,
                    "limit": limit,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def send(
        self,
        chat_id: str,
        *,
        message: MessageContent | MessageContentParam,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageSendResponse:
        """Send a message to an existing chat

        Send a URL as a link part to deliver it with a rich preview card showing the page's
        title, description, and image (when available). A link part must be the only part in
        the message; it cannot be combined with text or media parts. To send a URL without a
        preview card, include it in a text part instead. Maximum URL length: 2,048 characters.

        Args:
          chat_id: Unique identifier of the chat.
          message: Message content container. Groups all message-related fields together, separating the
            "what" (message content) from the "where" (routing fields like from/to).

        `POST /v3/chats/{chatId}/messages`
        """
        return self._post(
            f"/v3/chats/{_path_param(chat_id)}/messages",
            cast_to=MessageSendResponse,
            body=given(
                {
                    "message": message,
                }
            ),
            body_type=MessageSendParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=("message", "idempotency_key"),
        )


class ChatsMessagesWithRawResponse:
    def __init__(self, resource: ChatsMessages) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)
        self.send = to_raw_response_wrapper(resource.send)


class ChatsMessagesWithStreamingResponse:
    def __init__(self, resource: ChatsMessages) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)
        self.send = to_streamed_response_wrapper(resource.send)


class AsyncChatsMessages(AsyncAPIResource):
    """`client.chats.messages`: list, send."""

    @cached_property
    def with_raw_response(self) -> AsyncChatsMessagesWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AsyncChatsMessagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncChatsMessagesWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AsyncChatsMessagesWithStreamingResponse(self)

    def list(
        self,
        chat_id: str,
        *,
        cursor: str | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Message]:
        """Get messages from a chat

        Args:
          chat_id: Unique identifier of the chat.
          cursor: The `next_cursor` of the previous page; omit it for the first page.
          limit: Maximum number of items in the page.

        `GET /v3/chats/{chatId}/messages`
        """
        return self._get_api_list(
            f"/v3/chats/{_path_param(chat_id)}/messages",
            cast_to=MessageList,
            page=_chats_messages_list_page,
            operation_id="chatsMessagesList",
            query=given(
                {
                    "cursor": cursor,
                    "limit": limit,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def send(
        self,
        chat_id: str,
        *,
        message: MessageContent | MessageContentParam,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageSendResponse:
        """Send a message to an existing chat

        Send a URL as a link part to deliver it with a rich preview card showing the page's
        title, description, and image (when available). A link part must be the only part in
        the message; it cannot be combined with text or media parts. To send a URL without a
        preview card, include it in a text part instead. Maximum URL length: 2,048 characters.

        Args:
          chat_id: Unique identifier of the chat.
          message: Message content container. Groups all message-related fields together, separating the
            "what" (message content) from the "where" (routing fields like from/to).

        `POST /v3/chats/{chatId}/messages`
        """
        return await self._post(
            f"/v3/chats/{_path_param(chat_id)}/messages",
            cast_to=MessageSendResponse,
            body=given(
                {
                    "message": message,
                }
            ),
            body_type=MessageSendParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=("message", "idempotency_key"),
        )


class AsyncChatsMessagesWithRawResponse:
    def __init__(self, resource: AsyncChatsMessages) -> None:
        self._resource = resource
        self.list = async_to_raw_response_wrapper(resource.list)
        self.send = async_to_raw_response_wrapper(resource.send)


class AsyncChatsMessagesWithStreamingResponse:
    def __init__(self, resource: AsyncChatsMessages) -> None:
        self._resource = resource
        self.list = async_to_streamed_response_wrapper(resource.list)
        self.send = async_to_streamed_response_wrapper(resource.send)
