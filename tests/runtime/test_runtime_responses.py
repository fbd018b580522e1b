"""Raw and streamed responses: the HTTP facts first, the parsed body when asked."""

from __future__ import annotations

import threading
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer


def test_raw_response_gives_status_headers_and_parse(
    demo: ModuleType, client: Any, server: LoopbackServer, delays: list[float]
) -> None:
    server.reply(503, json={})
    server.reply(json={"id": "chat_1", "display_name": "Team"}, headers={"X-Request-Id": "req_1"})
    response = client.chats.with_raw_response.retrieve("chat_1")
    assert isinstance(response, demo.APIResponse)
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req_1"
    assert response.method == "GET"
    assert response.url == f"{server.url}/v3/chats/chat_1"
    assert response.retries_taken == 1
    assert response.elapsed.total_seconds() >= 0
    assert response.is_closed  # the body was read before returning
    chat = response.parse()
    assert isinstance(chat, demo.Chat)
    assert chat.display_name == "Team"
    assert response.parse() is chat
    assert response.json() == {"id": "chat_1", "display_name": "Team"}
    assert response.text() == response.read().decode()
    assert "x-sdk-response-mode" not in {name.lower() for name in server.last.headers}


def test_raw_response_keeps_the_callers_extra_headers(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.with_raw_response.retrieve("chat_1", extra_headers={"X-Call": "1"})
    assert server.last.headers["x-call"] == "1"
    assert all(not name.startswith("x-sdk") for name in server.last.headers)


def test_raw_response_of_an_empty_body(client: Any, server: LoopbackServer) -> None:
    server.reply(204)
    response = client.chats.with_raw_response.delete("chat_1")
    assert response.status_code == 204
    assert response.parse() is None


def test_raw_response_still_raises_status_errors(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(404, json={"error": {"message": "Chat not found."}})
    with pytest.raises(demo.NotFoundError):
        client.chats.with_raw_response.retrieve("missing")


def test_streamed_response_is_returned_before_the_body_arrives(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    release = threading.Event()
    server.reply(json={"id": "chat_1"}, headers={"X-Stage": "headers"}, hold=release, tail=b"\n" * 3)
    try:
        with client.chats.with_streaming_response.retrieve("chat_1") as response:
            # The server still holds back part of the body: only headers have arrived.
            assert response.status_code == 200
            assert response.headers["x-stage"] == "headers"
            assert not response.is_closed
            release.set()
            chat = response.parse()
            assert isinstance(chat, demo.Chat)
    finally:
        release.set()
    assert response.is_closed


def test_streamed_response_iterates_lines(client: Any, server: LoopbackServer) -> None:
    server.reply(body=b'{"id": "a"}\n{"id": "b"}\n', headers={"Content-Type": "application/x-ndjson"})
    with client.chats.with_streaming_response.retrieve("chat_1") as response:
        lines = list(response.iter_lines())
    assert lines == ['{"id": "a"}', '{"id": "b"}']


def test_streamed_response_iterates_bytes(client: Any, server: LoopbackServer) -> None:
    payload = bytes(range(256)) * 40
    server.reply(body=payload, headers={"Content-Type": "application/octet-stream"})
    with client.chats.with_streaming_response.retrieve("chat_1") as response:
        received = b"".join(response.iter_bytes(chunk_size=1000))
    assert received == payload


def test_streamed_create_sends_one_idempotency_key(client: Any, server: LoopbackServer) -> None:
    server.reply(500, json={})
    server.reply(json={"id": "chat_1"})
    with client.chats.with_streaming_response.create(display_name="Team") as response:
        assert response.retries_taken == 1
        assert response.parse().id == "chat_1"
    keys = {seen.headers["idempotency-key"] for seen in server.requests}
    assert len(keys) == 1


def test_wrappers_keep_the_method_name_and_docs(client: Any) -> None:
    assert client.chats.with_raw_response.retrieve.__name__ == "retrieve"
    assert client.chats.with_streaming_response.list.__wrapped__ == client.chats.list


@pytest.mark.anyio
async def test_async_raw_response(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"}, headers={"X-Request-Id": "req_2"})
    response = await async_client.chats.with_raw_response.retrieve("chat_1")
    assert isinstance(response, demo.AsyncAPIResponse)
    assert response.headers["x-request-id"] == "req_2"
    chat = await response.parse()
    assert chat.id == "chat_1"
    assert await response.json() == {"id": "chat_1"}
    assert await response.text() == '{"id": "chat_1"}'


@pytest.mark.anyio
async def test_async_streamed_response(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    release = threading.Event()
    server.reply(body=b"line one\n", hold=release, tail=b"line two\n", headers={"Content-Type": "text/plain"})
    try:
        async with async_client.chats.with_streaming_response.retrieve("chat_1") as response:
            assert response.status_code == 200
            assert not response.is_closed
            release.set()
            lines = [line async for line in response.iter_lines()]
    finally:
        release.set()
    assert lines == ["line one", "line two"]
    assert response.is_closed


@pytest.mark.anyio
async def test_async_streamed_response_parse(async_client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    async with async_client.chats.with_streaming_response.create(display_name="Team") as response:
        assert (await response.parse()).id == "chat_1"
        # Once read, the body can still be iterated (from memory).
        chunks = [chunk async for chunk in response.iter_bytes()]
        assert b"".join(chunks) == b'{"id": "chat_1"}'
