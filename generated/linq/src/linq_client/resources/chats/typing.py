"""`client.chats.typing`: generated from Linq Partner API 3. Do not edit."""

from __future__ import annotations

from functools import cached_property

from ..._resource import AsyncAPIResource, SyncAPIResource
from ..._resource import path_param as _path_param
from ..._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout


class ChatsTyping(SyncAPIResource):
    """`client.chats.typing`: start, stop."""

    @cached_property
    def with_raw_response(self) -> ChatsTypingWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return ChatsTypingWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ChatsTypingWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return ChatsTypingWithStreamingResponse(self)

    def start(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Start typing indicator

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/typing`
        """
        return self._post(
            f"/v3/chats/{_path_param(chat_id)}/typing",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def stop(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Stop typing indicator

        Args:
          chat_id: Unique identifier of the chat.

        `DELETE /v3/chats/{chatId}/typing`
        """
        return self._delete(
            f"/v3/chats/{_path_param(chat_id)}/typing",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class ChatsTypingWithRawResponse:
    def __init__(self, resource: ChatsTyping) -> None:
        self._resource = resource
        self.start = to_raw_response_wrapper(resource.start)
        self.stop = to_raw_response_wrapper(resource.stop)


class ChatsTypingWithStreamingResponse:
    def __init__(self, resource: ChatsTyping) -> None:
        self._resource = resource
        self.start = to_streamed_response_wrapper(resource.start)
        self.stop = to_streamed_response_wrapper(resource.stop)


class AsyncChatsTyping(AsyncAPIResource):
    """`client.chats.typing`: start, stop."""

    @cached_property
    def with_raw_response(self) -> AsyncChatsTypingWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AsyncChatsTypingWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncChatsTypingWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AsyncChatsTypingWithStreamingResponse(self)

    async def start(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Start typing indicator

        Args:
          chat_id: Unique identifier of the chat.

        `POST /v3/chats/{chatId}/typing`
        """
        return await self._post(
            f"/v3/chats/{_path_param(chat_id)}/typing",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def stop(
        self,
        chat_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Stop typing indicator

        Args:
          chat_id: Unique identifier of the chat.

        `DELETE /v3/chats/{chatId}/typing`
        """
        return await self._delete(
            f"/v3/chats/{_path_param(chat_id)}/typing",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class AsyncChatsTypingWithRawResponse:
    def __init__(self, resource: AsyncChatsTyping) -> None:
        self._resource = resource
        self.start = async_to_raw_response_wrapper(resource.start)
        self.stop = async_to_raw_response_wrapper(resource.stop)


class AsyncChatsTypingWithStreamingResponse:
    def __init__(self, resource: AsyncChatsTyping) -> None:
        self._resource = resource
        self.start = async_to_streamed_response_wrapper(resource.start)
        self.stop = async_to_streamed_response_wrapper(resource.stop)
