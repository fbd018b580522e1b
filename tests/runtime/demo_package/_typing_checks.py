"""What a type checker must infer for generated code; checked by mypy, never run."""

from __future__ import annotations

from typing import assert_type

from ._client import AsyncDemo, Chat, Demo, Message
from ._pagination import AsyncPage, AsyncPaginator, SyncPage
from ._response import APIResponse, AsyncAPIResponse


def sync_checks(client: Demo) -> None:
    assert_type(client.chats.retrieve("chat_1"), Chat)
    assert_type(client.chats.delete("chat_1"), None)
    page = client.chats.list(limit=2)
    assert_type(page, SyncPage[Chat])
    assert_type(page.items, list[Chat])
    assert_type(page.get_next_page(), SyncPage[Chat])
    for chat in page:
        assert_type(chat, Chat)
    assert_type(client.messages.list(), SyncPage[Message])

    raw = client.chats.with_raw_response.retrieve("chat_1", timeout=5.0)
    assert_type(raw, APIResponse[Chat])
    assert_type(raw.parse(), Chat)
    assert_type(client.chats.with_raw_response.list().parse(), SyncPage[Chat])
    with client.chats.with_streaming_response.create(display_name="x") as streamed:
        assert_type(streamed, APIResponse[Chat])
    # The wrappers keep the method's parameters: a wrong argument type is an error.
    client.chats.with_raw_response.retrieve(chat_id=1)  # type: ignore[arg-type]
    client.with_options(max_retries=0).chats.retrieve("chat_1")


async def async_checks(client: AsyncDemo) -> None:
    assert_type(await client.chats.retrieve("chat_1"), Chat)
    assert_type(client.chats.list(), AsyncPaginator[Chat])
    page = await client.chats.list()
    assert_type(page, AsyncPage[Chat])
    assert_type(await page.get_next_page(), AsyncPage[Chat])
    async for chat in client.chats.list():
        assert_type(chat, Chat)
    async for message in await client.messages.list():
        assert_type(message, Message)

    raw = await client.chats.with_raw_response.retrieve("chat_1")
    assert_type(raw, AsyncAPIResponse[Chat])
    assert_type(await raw.parse(), Chat)
    raw_page = await client.chats.with_raw_response.list(limit=2)
    assert_type(await raw_page.parse(), AsyncPage[Chat])
    async with client.chats.with_streaming_response.retrieve("chat_1") as streamed:
        assert_type(streamed, AsyncAPIResponse[Chat])
    await client.chats.with_raw_response.retrieve(chat_id=1)  # type: ignore[arg-type]
