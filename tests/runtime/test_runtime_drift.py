"""Drift in the runtime alone (plain pydantic models, no generated hooks): a response that
fails validation is built leniently and reported, sync and async; strict clients raise."""

from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer


def drift_of(demo: ModuleType, obj: object) -> list[tuple[str, str]]:
    return [(d.pointer, d.kind) for d in demo._drift.drift_of(obj)]


def test_missing_field_and_wrong_type(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"display_name": ["not", "text"]})
    chat = client.chats.retrieve("chat_1")
    assert chat.id is None and chat.display_name == ["not", "text"]
    assert drift_of(demo, chat) == [("/display_name", "type"), ("/id", "missing")]
    drift = demo._drift.drift_of(chat)[0]
    assert drift.expected == "string or null" and drift.received == "['not', 'text']"
    assert drift.method == "GET" and drift.url.endswith("/v3/chats/chat_1")
    assert client.drift_counts == {"missing": 1, "type": 1}


def test_a_page_keeps_every_item(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"chats": [{"id": "a"}, {"display_name": "no id"}, {"id": "c"}], "next_cursor": None})
    page = client.chats.list()
    assert [chat.id for chat in page.items] == ["a", None, "c"]
    assert drift_of(demo, page) == [("/chats/1/id", "missing")]
    assert drift_of(demo, page.items[1]) == [("/chats/1/id", "missing")]
    assert drift_of(demo, page.items[0]) == []


def test_wrong_pagination_type_keeps_the_page(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"data": [{"id": "m1"}], "pagination": {"hasMore": "perhaps"}})
    page = client.messages.list()
    assert [m.id for m in page.items] == ["m1"]
    assert drift_of(demo, page) == [("/pagination/hasMore", "type")]
    assert not page.has_next_page()  # a "has more" that is not true ends the walk


def test_long_values_are_cut(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "x" * 5, "display_name": {"text": "y" * 1000}})
    chat = client.chats.retrieve("chat_1")
    (drift,) = demo._drift.drift_of(chat)
    assert isinstance(drift.received, str) and len(drift.received) < 220 and drift.received.endswith("...")
    assert chat.display_name == {"text": "y" * 1000}  # the value itself is kept whole


def test_secret_looking_fields_are_masked(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    class Secret(demo.Chat):  # type: ignore[name-defined,misc]
        api_token: str

    server.reply(json={"id": "c", "api_token": 12345})
    result = client.request(Secret, demo.FinalRequestOptions(method="GET", url="/v3/chats/c"))
    assert result.api_token == 12345
    (drift,) = demo._drift.drift_of(result)
    assert drift.pointer == "/api_token" and drift.received == "***"


def test_logged_once_per_place_and_kind(
    demo: ModuleType, client: Any, server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    demo._base_client._drift_logged.clear()
    caplog.set_level(logging.WARNING, logger="demo_client")
    server.reply(json={"chats": [{"x": 1}, {"x": 2}], "next_cursor": None}, times=3)
    for _ in range(3):
        client.chats.list()
    lines = [r.getMessage() for r in caplog.records if r.name == "demo_client"]
    assert len(lines) == 1  # /chats/0/id and /chats/1/id are one place: /chats/*/id
    assert "/chats/0/id" in lines[0] and "missing" in lines[0]
    assert client.drift_counts == {"missing": 6}


def test_strict_client_raises_with_every_pointer(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"chats": [{"x": 1}, {"id": 2}], "next_cursor": 7})
    with pytest.raises(demo.APIResponseValidationError) as caught:
        client.with_options(strict_responses=True).chats.list()
    error = caught.value
    assert [(d.pointer, d.kind) for d in error.drift] == [
        ("/chats/0/id", "missing"),
        ("/chats/1/id", "type"),
        ("/next_cursor", "type"),
    ]
    for pointer in ("/chats/0/id", "/chats/1/id", "/next_cursor"):
        assert pointer in error.message
    assert client.drift_counts == {}  # raised, not counted


def test_raw_response_has_the_drift_after_parse(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"display_name": "no id"})
    response = client.chats.with_raw_response.retrieve("chat_1")
    assert response.drift == ()
    assert response.parse().display_name == "no id"
    assert [(d.pointer, d.kind) for d in response.drift] == [("/id", "missing")]


def test_keys_that_look_like_digits_are_not_array_indexes(demo: ModuleType) -> None:
    """A pointer token is an array index only in ASCII digits (RFC 6901): '³' passes `isdigit()`
    though `int()` refuses it (building the result failed with a ValueError), and `int()`
    reads '٣' as 3."""
    drift = importlib.import_module(f"{demo.__name__}._drift")
    body = {"³": "x", "10": "y", "2": "z", "٣": "w", "01": "v"}
    value, found = drift.build_leniently(dict[str, int], body)
    assert value == body
    assert [pointer for pointer, *_ in found] == ["/2", "/10", "/01", "/³", "/٣"]
    items = ["a", "b", "c", "d"]
    assert [drift._child(items, token) for token in ("3", "٣", "³", "03", "9" * 5000)] == ["d", None, None, None, None]


def test_not_json_still_raises(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(body=b"<html>", headers={"Content-Type": "text/html"})
    with pytest.raises(demo.APIResponseValidationError):
        client.chats.retrieve("chat_1")


@pytest.mark.anyio
async def test_async_drift(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    server.reply(json={"chats": [{"id": "a"}, {"display_name": 3}], "next_cursor": None}, times=2)
    page = await async_client.chats.list()
    assert [chat.id for chat in page.items] == ["a", None]
    assert drift_of(demo, page) == [("/chats/1/display_name", "type"), ("/chats/1/id", "missing")]
    response = await async_client.chats.with_raw_response.list()
    await response.parse()
    assert [(d.pointer, d.kind) for d in response.drift] == drift_of(demo, page)
    assert async_client.drift_counts == {"missing": 2, "type": 2}
    server.reply(json={"id": 1})
    with pytest.raises(demo.APIResponseValidationError) as caught:
        await async_client.with_options(strict_responses=True).chats.retrieve("c")
    assert [d.pointer for d in caught.value.drift] == ["/id"]
