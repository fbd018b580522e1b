"""A hand-written stand-in for a generated client: two resources, bearer auth, both I/O styles.

The tests render the runtime next to this file and drive it the way a user drives a generated
package; mypy --strict checks it together with the runtime (see test_runtime_templates.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import httpx
import pydantic

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, FinalRequestOptions, SyncAPIClient
from ._exceptions import MissingCredentialsError
from ._pagination import AsyncPaginator, PageSpec, SyncPage
from ._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout


class Chat(pydantic.BaseModel):
    id: str
    display_name: str | None = None


class ChatList(pydantic.BaseModel):
    chats: list[Chat]
    next_cursor: str | None = None


class Message(pydantic.BaseModel):
    id: str
    text: str = ""


class Pagination(pydantic.BaseModel):
    has_more: bool = pydantic.Field(alias="hasMore")
    total: int | None = None


class MessageList(pydantic.BaseModel):
    data: list[Message]
    pagination: Pagination


_LIST_CHATS_PAGE = PageSpec(
    style="cursor",
    items_field="chats",
    item_type=Chat,
    cursor_param="cursor",
    next_cursor_field="next_cursor",
    limit_param="limit",
)
_LIST_MESSAGES_PAGE = PageSpec(
    style="offset",
    items_field="data",
    item_type=Message,
    offset_param="offset",
    limit_param="limit",
    has_more_path=("pagination", "hasMore"),
)


def _chat_body(display_name: str, message: Mapping[str, Any] | NotGiven) -> dict[str, object]:
    return {"display_name": display_name, "message": message}


class Chats:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ChatsWithRawResponse:
        return ChatsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ChatsWithStreamingResponse:
        return ChatsWithStreamingResponse(self)

    def create(
        self,
        *,
        display_name: str,
        message: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Chat:
        options = FinalRequestOptions(
            method="POST",
            url="/v3/chats",
            json_data=_chat_body(display_name, message),
            headers=extra_headers,
            extra_query=extra_query,
            extra_json=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=("message", "idempotency_key"),
        )
        return self._client.request(Chat, options)

    def retrieve(
        self,
        chat_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Chat:
        options = FinalRequestOptions(
            method="GET", url=f"/v3/chats/{chat_id}", headers=extra_headers, extra_query=extra_query, timeout=timeout
        )
        return self._client.request(Chat, options)

    def delete(self, chat_id: str, *, extra_headers: Headers | None = None) -> None:
        options = FinalRequestOptions(method="DELETE", url=f"/v3/chats/{chat_id}", headers=extra_headers)
        return self._client.request(None, options)

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        cursor: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
    ) -> SyncPage[Chat]:
        options = FinalRequestOptions(
            method="GET",
            url="/v3/chats",
            params={"limit": limit, "cursor": cursor},
            headers=extra_headers,
            extra_query=extra_query,
        )
        return self._client.request(ChatList, options, page=_LIST_CHATS_PAGE)


class ChatsWithRawResponse:
    def __init__(self, chats: Chats) -> None:
        self.create = to_raw_response_wrapper(chats.create)
        self.retrieve = to_raw_response_wrapper(chats.retrieve)
        self.delete = to_raw_response_wrapper(chats.delete)
        self.list = to_raw_response_wrapper(chats.list)


class ChatsWithStreamingResponse:
    def __init__(self, chats: Chats) -> None:
        self.create = to_streamed_response_wrapper(chats.create)
        self.retrieve = to_streamed_response_wrapper(chats.retrieve)
        self.delete = to_streamed_response_wrapper(chats.delete)
        self.list = to_streamed_response_wrapper(chats.list)


class Messages:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def send(
        self,
        *,
        content: str,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Message:
        options = FinalRequestOptions(
            method="POST",
            url="/api/send-message",
            json_data={"content": content},
            headers=extra_headers,
            timeout=timeout,
            idempotency_key=idempotency_key,
        )
        return self._client.request(Message, options)

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        offset: int | NotGiven = NOT_GIVEN,
        is_outbound: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
    ) -> SyncPage[Message]:
        options = FinalRequestOptions(
            method="GET",
            url="/api/v2/messages",
            params={"limit": limit, "offset": offset, "is_outbound": is_outbound},
            headers=extra_headers,
        )
        return self._client.request(MessageList, options, page=_LIST_MESSAGES_PAGE)


class AsyncChats:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncChatsWithRawResponse:
        return AsyncChatsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncChatsWithStreamingResponse:
        return AsyncChatsWithStreamingResponse(self)

    async def create(
        self,
        *,
        display_name: str,
        message: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Chat:
        options = FinalRequestOptions(
            method="POST",
            url="/v3/chats",
            json_data=_chat_body(display_name, message),
            headers=extra_headers,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=("message", "idempotency_key"),
        )
        return await self._client.request(Chat, options)

    async def retrieve(
        self,
        chat_id: str,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Chat:
        options = FinalRequestOptions(method="GET", url=f"/v3/chats/{chat_id}", headers=extra_headers, timeout=timeout)
        return await self._client.request(Chat, options)

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
    ) -> AsyncPaginator[Chat]:
        options = FinalRequestOptions(method="GET", url="/v3/chats", params={"limit": limit}, headers=extra_headers)
        return self._client.request(ChatList, options, page=_LIST_CHATS_PAGE)


class AsyncChatsWithRawResponse:
    def __init__(self, chats: AsyncChats) -> None:
        self.create = async_to_raw_response_wrapper(chats.create)
        self.retrieve = async_to_raw_response_wrapper(chats.retrieve)
        self.list = async_to_raw_response_wrapper(chats.list)


class AsyncChatsWithStreamingResponse:
    def __init__(self, chats: AsyncChats) -> None:
        self.create = async_to_streamed_response_wrapper(chats.create)
        self.retrieve = async_to_streamed_response_wrapper(chats.retrieve)
        self.list = async_to_streamed_response_wrapper(chats.list)


class AsyncMessages:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def list(self, *, limit: int | NotGiven = NOT_GIVEN) -> AsyncPaginator[Message]:
        options = FinalRequestOptions(method="GET", url="/api/v2/messages", params={"limit": limit})
        return self._client.request(MessageList, options, page=_LIST_MESSAGES_PAGE)


def _api_key(api_key: str | None) -> str:
    if not api_key:
        raise MissingCredentialsError("pass api_key=... to the client")
    return api_key


class Demo(SyncAPIClient):
    _log_env = "DEMO_LOG"

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        http_client: httpx.Client | None = None,
        validate_requests: bool = True,
        strict_responses: bool = False,
    ) -> None:
        self.api_key = _api_key(api_key)
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            validate_requests=validate_requests,
            strict_responses=strict_responses,
            user_agent="demo-client/1.0",
        )

    @property
    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def _copy_kwargs(self) -> dict[str, Any]:
        return {**super()._copy_kwargs(), "api_key": self.api_key}

    @cached_property
    def chats(self) -> Chats:
        return Chats(self)

    @cached_property
    def messages(self) -> Messages:
        return Messages(self)


class AsyncDemo(AsyncAPIClient):
    _log_env = "DEMO_LOG"

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        http_client: httpx.AsyncClient | None = None,
        validate_requests: bool = True,
        strict_responses: bool = False,
    ) -> None:
        self.api_key = _api_key(api_key)
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            validate_requests=validate_requests,
            strict_responses=strict_responses,
            user_agent="demo-client/1.0",
        )

    @property
    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def _copy_kwargs(self) -> dict[str, Any]:
        return {**super()._copy_kwargs(), "api_key": self.api_key}

    @cached_property
    def chats(self) -> AsyncChats:
        return AsyncChats(self)

    @cached_property
    def messages(self) -> AsyncMessages:
        return AsyncMessages(self)
