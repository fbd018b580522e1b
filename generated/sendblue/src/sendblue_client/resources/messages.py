"""`client.messages`: generated from Sendblue API 2.0.0. Do not edit."""

from __future__ import annotations

from datetime import datetime
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
    MessageListResponse,
    MessageResponse,
    MessageRetrieveResponse,
    MessageSendParams,
    MessageStatus,
    MessageType,
    PhoneNumber,
    SendStyle,
    V2Message,
)

_messages_list_page = PageSpec(
    style="offset",
    items_field="data",
    item_type=V2Message,
    cursor_param=None,
    next_cursor_field=None,
    offset_param="offset",
    limit_param="limit",
    has_more_path=("pagination", "hasMore"),
    total_path=("pagination", "total"),
)


class Messages(SyncAPIResource):
    """`client.messages`: list, retrieve, send, get_status."""

    @cached_property
    def with_raw_response(self) -> MessagesWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return MessagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> MessagesWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return MessagesWithStreamingResponse(self)

    def list(
        self,
        *,
        account_email: str | NotGiven = NOT_GIVEN,
        created_at_gte: datetime | NotGiven = NOT_GIVEN,
        created_at_lte: datetime | NotGiven = NOT_GIVEN,
        from_number: str | NotGiven = NOT_GIVEN,
        group_id: str | NotGiven = NOT_GIVEN,
        is_outbound: Literal["true", "false"] | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=1000)] | NotGiven = NOT_GIVEN,
        message_type: MessageType | Literal["message", "group"] | NotGiven = NOT_GIVEN,
        number: str | NotGiven = NOT_GIVEN,
        offset: Annotated[int, Field(ge=0)] | NotGiven = NOT_GIVEN,
        order_by: Literal["createdAt", "updatedAt", "sentAt"] | NotGiven = NOT_GIVEN,
        order_direction: Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        sendblue_number: str | NotGiven = NOT_GIVEN,
        sent_at_gte: datetime | NotGiven = NOT_GIVEN,
        sent_at_lte: datetime | NotGiven = NOT_GIVEN,
        service: Literal["iMessage", "SMS"] | NotGiven = NOT_GIVEN,
        status: MessageStatus
        | Literal[
            "REGISTERED",
            "PENDING",
            "SENT",
            "DELIVERED",
            "RECEIVED",
            "QUEUED",
            "ERROR",
            "DECLINED",
            "ACCEPTED",
            "SUCCESS",
        ]
        | NotGiven = NOT_GIVEN,
        to_number: str | NotGiven = NOT_GIVEN,
        updated_at_gte: datetime | NotGiven = NOT_GIVEN,
        updated_at_lte: datetime | NotGiven = NOT_GIVEN,
        worker_id: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[V2Message]:
        """Get messages

        Retrieve a list of messages for the authenticated account with comprehensive filtering capabilities. Rate limited to 100 requests per 10 seconds per account.

        Args:
          account_email: Filter by account email
          created_at_gte: Filter messages created after this date (ISO 8601 format)
          created_at_lte: Filter messages created before this date (ISO 8601 format)
          from_number: Filter by sender phone number
          group_id: Filter by group ID
          is_outbound: Filter by message direction
          limit: Maximum number of messages to return
          message_type: Filter by message type
          number: Filter by any phone number (from or to)
          offset: Number of messages to skip
          order_by: Field to order messages by
          order_direction: Sort order
          sendblue_number: Filter by Sendblue phone number
          sent_at_gte: Filter messages sent after this date (ISO 8601 format)
          sent_at_lte: Filter messages sent before this date (ISO 8601 format)
          service: Filter by service type
          status: Filter by message status
          to_number: Filter by recipient phone number
          updated_at_gte: Filter messages updated after this date (ISO 8601 format)
          updated_at_lte: Filter messages updated before this date (ISO 8601 format)
          worker_id: Filter by worker ID (Admin only)

        `GET /api/v2/messages`
        """
        return self._get_api_list(
            "/api/v2/messages",
            cast_to=MessageListResponse,
            page=_messages_list_page,
            operation_id="messagesList",
            query=given(
                {
                    "account_email": account_email,
                    "created_at_gte": created_at_gte,
                    "created_at_lte": created_at_lte,
                    "from_number": from_number,
                    "group_id": group_id,
                    "is_outbound": is_outbound,
                    "limit": limit,
                    "message_type": message_type,
                    "number": number,
                    "offset": offset,
                    "order_by": order_by,
                    "order_direction": order_direction,
                    "sendblue_number": sendblue_number,
                    "sent_at_gte": sent_at_gte,
                    "sent_at_lte": sent_at_lte,
                    "service": service,
                    "status": status,
                    "to_number": to_number,
                    "updated_at_gte": updated_at_gte,
                    "updated_at_lte": updated_at_lte,
                    "worker_id": worker_id,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def retrieve(
        self,
        message_id: Annotated[str, Field(min_length=1)],
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageRetrieveResponse:
        """Get a specific message

        Retrieve one message by its `message_handle`.

        Args:
          message_id: The message's `message_handle`.

        `GET /api/v2/messages/{message_id}`
        """
        return self._get(
            f"/api/v2/messages/{_path_param(message_id)}",
            cast_to=MessageRetrieveResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def send(
        self,
        *,
        number: PhoneNumber,
        content: str | NotGiven = NOT_GIVEN,
        from_number: PhoneNumber | NotGiven = NOT_GIVEN,
        media_url: str | NotGiven = NOT_GIVEN,
        send_style: SendStyle
        | Literal[
            "celebration",
            "shooting_star",
            "fireworks",
            "lasers",
            "love",
            "confetti",
            "balloons",
            "spotlight",
            "echo",
            "invisible",
            "gentle",
            "loud",
            "slam",
        ]
        | NotGiven = NOT_GIVEN,
        status_callback: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageResponse:
        """Send a message

        Send a message to one recipient. The message is queued; follow its progress with `GET /api/status` or a `status_callback` webhook.

        Args:
          number: Recipient phone number (E.164)
          content: Message text
          from_number: Your Sendblue phone number to send from (E.164)
          media_url: URL of a media file to attach
          send_style: The iMessage expressive message style
          status_callback: Webhook URL that receives status updates for this message

        `POST /api/send-message`
        """
        return self._post(
            "/api/send-message",
            cast_to=MessageResponse,
            body=given(
                {
                    "number": number,
                    "content": content,
                    "from_number": from_number,
                    "media_url": media_url,
                    "send_style": send_style,
                    "status_callback": status_callback,
                }
            ),
            body_type=MessageSendParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def get_status(
        self,
        *,
        handle: Annotated[str, Field(min_length=1)],
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageResponse:
        """Get message status

        Get the current status of a message by its `message_handle`.

        Args:
          handle: The `message_handle` of the message.

        `GET /api/status`
        """
        return self._get(
            "/api/status",
            cast_to=MessageResponse,
            operation_id="messagesGetStatus",
            query=given(
                {
                    "handle": handle,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class MessagesWithRawResponse:
    def __init__(self, resource: Messages) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)
        self.retrieve = to_raw_response_wrapper(resource.retrieve)
        self.send = to_raw_response_wrapper(resource.send)
        self.get_status = to_raw_response_wrapper(resource.get_status)


class MessagesWithStreamingResponse:
    def __init__(self, resource: Messages) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)
        self.send = to_streamed_response_wrapper(resource.send)
        self.get_status = to_streamed_response_wrapper(resource.get_status)


class AsyncMessages(AsyncAPIResource):
    """`client.messages`: list, retrieve, send, get_status."""

    @cached_property
    def with_raw_response(self) -> AsyncMessagesWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AsyncMessagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncMessagesWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AsyncMessagesWithStreamingResponse(self)

    def list(
        self,
        *,
        account_email: str | NotGiven = NOT_GIVEN,
        created_at_gte: datetime | NotGiven = NOT_GIVEN,
        created_at_lte: datetime | NotGiven = NOT_GIVEN,
        from_number: str | NotGiven = NOT_GIVEN,
        group_id: str | NotGiven = NOT_GIVEN,
        is_outbound: Literal["true", "false"] | NotGiven = NOT_GIVEN,
        limit: Annotated[int, Field(ge=1, le=1000)] | NotGiven = NOT_GIVEN,
        message_type: MessageType | Literal["message", "group"] | NotGiven = NOT_GIVEN,
        number: str | NotGiven = NOT_GIVEN,
        offset: Annotated[int, Field(ge=0)] | NotGiven = NOT_GIVEN,
        order_by: Literal["createdAt", "updatedAt", "sentAt"] | NotGiven = NOT_GIVEN,
        order_direction: Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        sendblue_number: str | NotGiven = NOT_GIVEN,
        sent_at_gte: datetime | NotGiven = NOT_GIVEN,
        sent_at_lte: datetime | NotGiven = NOT_GIVEN,
        service: Literal["iMessage", "SMS"] | NotGiven = NOT_GIVEN,
        status: MessageStatus
        | Literal[
            "REGISTERED",
            "PENDING",
            "SENT",
            "DELIVERED",
            "RECEIVED",
            "QUEUED",
            "ERROR",
            "DECLINED",
            "ACCEPTED",
            "SUCCESS",
        ]
        | NotGiven = NOT_GIVEN,
        to_number: str | NotGiven = NOT_GIVEN,
        updated_at_gte: datetime | NotGiven = NOT_GIVEN,
        updated_at_lte: datetime | NotGiven = NOT_GIVEN,
        worker_id: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[V2Message]:
        """Get messages

        Retrieve a list of messages for the authenticated account with comprehensive filtering capabilities. Rate limited to 100 requests per 10 seconds per account.

        Args:
          account_email: Filter by account email
          created_at_gte: Filter messages created after this date (ISO 8601 format)
          created_at_lte: Filter messages created before this date (ISO 8601 format)
          from_number: Filter by sender phone number
          group_id: Filter by group ID
          is_outbound: Filter by message direction
          limit: Maximum number of messages to return
          message_type: Filter by message type
          number: Filter by any phone number (from or to)
          offset: Number of messages to skip
          order_by: Field to order messages by
          order_direction: Sort order
          sendblue_number: Filter by Sendblue phone number
          sent_at_gte: Filter messages sent after this date (ISO 8601 format)
          sent_at_lte: Filter messages sent before this date (ISO 8601 format)
          service: Filter by service type
          status: Filter by message status
          to_number: Filter by recipient phone number
          updated_at_gte: Filter messages updated after this date (ISO 8601 format)
          updated_at_lte: Filter messages updated before this date (ISO 8601 format)
          worker_id: Filter by worker ID (Admin only)

        `GET /api/v2/messages`
        """
        return self._get_api_list(
            "/api/v2/messages",
            cast_to=MessageListResponse,
            page=_messages_list_page,
            operation_id="messagesList",
            query=given(
                {
                    "account_email": account_email,
                    "created_at_gte": created_at_gte,
                    "created_at_lte": created_at_lte,
                    "from_number": from_number,
                    "group_id": group_id,
                    "is_outbound": is_outbound,
                    "limit": limit,
                    "message_type": message_type,
                    "number": number,
                    "offset": offset,
                    "order_by": order_by,
                    "order_direction": order_direction,
                    "sendblue_number": sendblue_number,
                    "sent_at_gte": sent_at_gte,
                    "sent_at_lte": sent_at_lte,
                    "service": service,
                    "status": status,
                    "to_number": to_number,
                    "updated_at_gte": updated_at_gte,
                    "updated_at_lte": updated_at_lte,
                    "worker_id": worker_id,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def retrieve(
        self,
        message_id: Annotated[str, Field(min_length=1)],
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageRetrieveResponse:
        """Get a specific message

        Retrieve one message by its `message_handle`.

        Args:
          message_id: The message's `message_handle`.

        `GET /api/v2/messages/{message_id}`
        """
        return await self._get(
            f"/api/v2/messages/{_path_param(message_id)}",
            cast_to=MessageRetrieveResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def send(
        self,
        *,
        number: PhoneNumber,
        content: str | NotGiven = NOT_GIVEN,
        from_number: PhoneNumber | NotGiven = NOT_GIVEN,
        media_url: str | NotGiven = NOT_GIVEN,
        send_style: SendStyle
        | Literal[
            "celebration",
            "shooting_star",
            "fireworks",
            "lasers",
            "love",
            "confetti",
            "balloons",
            "spotlight",
            "echo",
            "invisible",
            "gentle",
            "loud",
            "slam",
        ]
        | NotGiven = NOT_GIVEN,
        status_callback: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageResponse:
        """Send a message

        Send a message to one recipient. The message is queued; follow its progress with `GET /api/status` or a `status_callback` webhook.

        Args:
          number: Recipient phone number (E.164)
          content: Message text
          from_number: Your Sendblue phone number to send from (E.164)
          media_url: URL of a media file to attach
          send_style: The iMessage expressive message style
          status_callback: Webhook URL that receives status updates for this message

        `POST /api/send-message`
        """
        return await self._post(
            "/api/send-message",
            cast_to=MessageResponse,
            body=given(
                {
                    "number": number,
                    "content": content,
                    "from_number": from_number,
                    "media_url": media_url,
                    "send_style": send_style,
                    "status_callback": status_callback,
                }
            ),
            body_type=MessageSendParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def get_status(
        self,
        *,
        handle: Annotated[str, Field(min_length=1)],
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> MessageResponse:
        """Get message status

        Get the current status of a message by its `message_handle`.

        Args:
          handle: The `message_handle` of the message.

        `GET /api/status`
        """
        return await self._get(
            "/api/status",
            cast_to=MessageResponse,
            operation_id="messagesGetStatus",
            query=given(
                {
                    "handle": handle,
                }
            ),
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncMessagesWithRawResponse:
    def __init__(self, resource: AsyncMessages) -> None:
        self._resource = resource
        self.list = async_to_raw_response_wrapper(resource.list)
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)
        self.send = async_to_raw_response_wrapper(resource.send)
        self.get_status = async_to_raw_response_wrapper(resource.get_status)


class AsyncMessagesWithStreamingResponse:
    def __init__(self, resource: AsyncMessages) -> None:
        self._resource = resource
        self.list = async_to_streamed_response_wrapper(resource.list)
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
        self.send = async_to_streamed_response_wrapper(resource.send)
        self.get_status = async_to_streamed_response_wrapper(resource.get_status)
