"""`client.messages`: generated from Linq Partner API 3. Do not edit."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field

from .._pagination import AsyncPaginator, PageSpec, SyncPage
from .._resource import AsyncAPIResource, SyncAPIResource, given
from .._resource import path_param as _path_param
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import (
    Message,
    MessageAddReactionParams,
    MessageAddReactionResponse,
    MessageList,
    MessageUpdateParams,
    ReactionType,
)

_messages_list_messages_thread_page = PageSpec(
    style="cursor",
    items_field="messages",
    item_type=Message,
    cursor_param="cursor",
    next_cursor_field="next_cursor",
    offset_param=None,
    limit_param="limit",
    has_more_path=(),
)


class Messages(SyncAPIResource):
    """`client.messages`: list_messages_thread, retrieve, delete, update, add_reaction."""

    @cached_property
    def with_raw_response(self) -> MessagesWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return MessagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> MessagesWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return MessagesWithStreamingResponse(self)

    def list_messages_thread(
        self,
        message_id: str,
        *,
        cursor: str | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        order: Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Message]:
        """Get all messages in a thread

        Args:
          message_id: Unique identifier of the message.
          cursor: The `next_cursor` of the previous page; omit it for the first page.
          limit: Maximum number of items in the page.
          order: Order of the thread's messages by creation time.

        `GET /v3/messages/{messageId}/thread`
        """
        return self._get_api_list(
            f"/v3/messages/{_path_param(message_id)}/thread",
            cast_to=MessageList,
            page=_messages_list_messages_thread_page,
            operation_id="messagesListMessagesThread",
            query=given(
                {
                    "cursor": cursor,
                    "limit": limit,
                    "order": order,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def retrieve(
        self,
        message_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Get a message by ID

        Args:
          message_id: Unique identifier of the message.

        `GET /v3/messages/{messageId}`
        """
        return self._get(
            f"/v3/messages/{_path_param(message_id)}",
            cast_to=Message,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def delete(
        self,
        message_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a message from system

        Args:
          message_id: Unique identifier of the message.

        `DELETE /v3/messages/{messageId}`
        """
        return self._delete(
            f"/v3/messages/{_path_param(message_id)}",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def update(
        self,
        message_id: str,
        *,
        text: str,
        part_index: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Edit the content of a message part

        Args:
          message_id: Unique identifier of the message.
          text: The new text content of the part.
          part_index: The message part to edit (0-based index).

        `PATCH /v3/messages/{messageId}`
        """
        return self._patch(
            f"/v3/messages/{_path_param(message_id)}",
            cast_to=Message,
            body=given(
                {
                    "text": text,
                    "part_index": part_index,
                }
            ),
            body_type=MessageUpdateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def add_reaction(
        self,
        message_id: str,
        *,
        operation: Literal["add", "remove"],
        type: ReactionType | Literal["love", "like", "dislike", "laugh", "emphasize", "question", "custom", "sticker"],
        custom_emoji: str | NotGiven = NOT_GIVEN,
        part_index: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageAddReactionResponse:
        """Add or remove a reaction to a message

        Args:
          message_id: Unique identifier of the message.
          operation: Whether to add or remove the reaction.
          type: Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
            question. Custom emoji reactions have type "custom" with the actual emoji in the
            custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
            details in the sticker field.
          custom_emoji: The emoji to react with; required when type is "custom".
          part_index: The message part to react to (0-based index).

        `POST /v3/messages/{messageId}/reactions`
        """
        return self._post(
            f"/v3/messages/{_path_param(message_id)}/reactions",
            cast_to=MessageAddReactionResponse,
            body=given(
                {
                    "operation": operation,
                    "type": type,
                    "custom_emoji": custom_emoji,
                    "part_index": part_index,
                }
            ),
            body_type=MessageAddReactionParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class MessagesWithRawResponse:
    def __init__(self, resource: Messages) -> None:
        self._resource = resource
        self.list_messages_thread = to_raw_response_wrapper(resource.list_messages_thread)
        self.retrieve = to_raw_response_wrapper(resource.retrieve)
        self.delete = to_raw_response_wrapper(resource.delete)
        self.update = to_raw_response_wrapper(resource.update)
        self.add_reaction = to_raw_response_wrapper(resource.add_reaction)


class MessagesWithStreamingResponse:
    def __init__(self, resource: Messages) -> None:
        self._resource = resource
        self.list_messages_thread = to_streamed_response_wrapper(resource.list_messages_thread)
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)
        self.delete = to_streamed_response_wrapper(resource.delete)
        self.update = to_streamed_response_wrapper(resource.update)
        self.add_reaction = to_streamed_response_wrapper(resource.add_reaction)


class AsyncMessages(AsyncAPIResource):
    """`client.messages`: list_messages_thread, retrieve, delete, update, add_reaction."""

    @cached_property
    def with_raw_response(self) -> AsyncMessagesWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AsyncMessagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncMessagesWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AsyncMessagesWithStreamingResponse(self)

    def list_messages_thread(
        self,
        message_id: str,
        *,
        cursor: str | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        order: Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Message]:
        """Get all messages in a thread

        Args:
          message_id: Unique identifier of the message.
          cursor: The `next_cursor` of the previous page; omit it for the first page.
          limit: Maximum number of items in the page.
          order: Order of the thread's messages by creation time.

        `GET /v3/messages/{messageId}/thread`
        """
        return self._get_api_list(
            f"/v3/messages/{_path_param(message_id)}/thread",
            cast_to=MessageList,
            page=_messages_list_messages_thread_page,
            operation_id="messagesListMessagesThread",
            query=given(
                {
                    "cursor": cursor,
                    "limit": limit,
                    "order": order,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def retrieve(
        self,
        message_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Get a message by ID

        Args:
          message_id: Unique identifier of the message.

        `GET /v3/messages/{messageId}`
        """
        return await self._get(
            f"/v3/messages/{_path_param(message_id)}",
            cast_to=Message,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def delete(
        self,
        message_id: str,
        *,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a message from system

        Args:
          message_id: Unique identifier of the message.

        `DELETE /v3/messages/{messageId}`
        """
        return await self._delete(
            f"/v3/messages/{_path_param(message_id)}",
            cast_to=None,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def update(
        self,
        message_id: str,
        *,
        text: str,
        part_index: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Edit the content of a message part

        Args:
          message_id: Unique identifier of the message.
          text: The new text content of the part.
          part_index: The message part to edit (0-based index).

        `PATCH /v3/messages/{messageId}`
        """
        return await self._patch(
            f"/v3/messages/{_path_param(message_id)}",
            cast_to=Message,
            body=given(
                {
                    "text": text,
                    "part_index": part_index,
                }
            ),
            body_type=MessageUpdateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def add_reaction(
        self,
        message_id: str,
        *,
        operation: Literal["add", "remove"],
        type: ReactionType | Literal["love", "like", "dislike", "laugh", "emphasize", "question", "custom", "sticker"],
        custom_emoji: str | NotGiven = NOT_GIVEN,
        part_index: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageAddReactionResponse:
        """Add or remove a reaction to a message

        Args:
          message_id: Unique identifier of the message.
          operation: Whether to add or remove the reaction.
          type: Type of reaction. Standard iMessage tapbacks are love, like, dislike, laugh, emphasize,
            question. Custom emoji reactions have type "custom" with the actual emoji in the
            custom_emoji field. Sticker reactions have type "sticker" with sticker attachment
            details in the sticker field.
          custom_emoji: The emoji to react with; required when type is "custom".
          part_index: The message part to react to (0-based index).

        `POST /v3/messages/{messageId}/reactions`
        """
        return await self._post(
            f"/v3/messages/{_path_param(message_id)}/reactions",
            cast_to=MessageAddReactionResponse,
            body=given(
                {
                    "operation": operation,
                    "type": type,
                    "custom_emoji": custom_emoji,
                    "part_index": part_index,
                }
            ),
            body_type=MessageAddReactionParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class AsyncMessagesWithRawResponse:
    def __init__(self, resource: AsyncMessages) -> None:
        self._resource = resource
        self.list_messages_thread = async_to_raw_response_wrapper(resource.list_messages_thread)
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)
        self.delete = async_to_raw_response_wrapper(resource.delete)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.add_reaction = async_to_raw_response_wrapper(resource.add_reaction)


class AsyncMessagesWithStreamingResponse:
    def __init__(self, resource: AsyncMessages) -> None:
        self._resource = resource
        self.list_messages_thread = async_to_streamed_response_wrapper(resource.list_messages_thread)
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
        self.delete = async_to_streamed_response_wrapper(resource.delete)
        self.update = async_to_streamed_response_wrapper(resource.update)
        self.add_reaction = async_to_streamed_response_wrapper(resource.add_reaction)
