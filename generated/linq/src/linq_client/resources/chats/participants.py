"""`client.chats.participants`: generated from Linq Partner API 3. Do not edit."""

from __future__ import annotations

from functools import cached_property

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
    Handle,
    ParticipantAddParams,
    ParticipantAddResponse,
    ParticipantRemoveParams,
    ParticipantRemoveResponse,
)


class ChatsParticipants(SyncAPIResource):
    """`client.chats.participants`: add, remove."""

    @cached_property
    def with_raw_response(self) -> ChatsParticipantsWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return ChatsParticipantsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ChatsParticipantsWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return ChatsParticipantsWithStreamingResponse(self)

    def add(
        self,
        chat_id: str,
        *,
        handle: Handle,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ParticipantAddResponse:
        """Add a participant to a chat

        Args:
          chat_id: Unique identifier of the chat.
          handle: Phone number (E.164) or email address of the participant to add.

        `POST /v3/chats/{chatId}/participants`
        """
        return self._post(
            f"/v3/chats/{_path_param(chat_id)}/participants",
            cast_to=ParticipantAddResponse,
            body=given(
                {
                    "handle": handle,
                }
            ),
            body_type=ParticipantAddParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def remove(
        self,
        chat_id: str,
        *,
        handle: Handle,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ParticipantRemoveResponse:
        """Remove a participant from a chat

        Args:
          chat_id: Unique identifier of the chat.
          handle: Phone number (E.164) or email address of the participant to remove.

        `DELETE /v3/chats/{chatId}/participants`
        """
        return self._delete(
            f"/v3/chats/{_path_param(chat_id)}/participants",
            cast_to=ParticipantRemoveResponse,
            body=given(
                {
                    "handle": handle,
                }
            ),
            body_type=ParticipantRemoveParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class ChatsParticipantsWithRawResponse:
    def __init__(self, resource: ChatsParticipants) -> None:
        self._resource = resource
        self.add = to_raw_response_wrapper(resource.add)
        self.remove = to_raw_response_wrapper(resource.remove)


class ChatsParticipantsWithStreamingResponse:
    def __init__(self, resource: ChatsParticipants) -> None:
        self._resource = resource
        self.add = to_streamed_response_wrapper(resource.add)
        self.remove = to_streamed_response_wrapper(resource.remove)


class AsyncChatsParticipants(AsyncAPIResource):
    """`client.chats.participants`: add, remove."""

    @cached_property
    def with_raw_response(self) -> AsyncChatsParticipantsWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AsyncChatsParticipantsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncChatsParticipantsWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AsyncChatsParticipantsWithStreamingResponse(self)

    async def add(
        self,
        chat_id: str,
        *,
        handle: Handle,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ParticipantAddResponse:
        """Add a participant to a chat

        Args:
          chat_id: Unique identifier of the chat.
          handle: Phone number (E.164) or email address of the participant to add.

        `POST /v3/chats/{chatId}/participants`
        """
        return await self._post(
            f"/v3/chats/{_path_param(chat_id)}/participants",
            cast_to=ParticipantAddResponse,
            body=given(
                {
                    "handle": handle,
                }
            ),
            body_type=ParticipantAddParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def remove(
        self,
        chat_id: str,
        *,
        handle: Handle,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ParticipantRemoveResponse:
        """Remove a participant from a chat

        Args:
          chat_id: Unique identifier of the chat.
          handle: Phone number (E.164) or email address of the participant to remove.

        `DELETE /v3/chats/{chatId}/participants`
        """
        return await self._delete(
            f"/v3/chats/{_path_param(chat_id)}/participants",
            cast_to=ParticipantRemoveResponse,
            body=given(
                {
                    "handle": handle,
                }
            ),
            body_type=ParticipantRemoveParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )


class AsyncChatsParticipantsWithRawResponse:
    def __init__(self, resource: AsyncChatsParticipants) -> None:
        self._resource = resource
        self.add = async_to_raw_response_wrapper(resource.add)
        self.remove = async_to_raw_response_wrapper(resource.remove)


class AsyncChatsParticipantsWithStreamingResponse:
    def __init__(self, resource: AsyncChatsParticipants) -> None:
        self._resource = resource
        self.add = async_to_streamed_response_wrapper(resource.add)
        self.remove = async_to_streamed_response_wrapper(resource.remove)
