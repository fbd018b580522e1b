"""Auto-pagination always ends: a server that points back to a page already fetched gets a
`PaginationLoopError` naming the repeated value, sync and async, instead of a walk forever."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer, Seen


def repeating_route(seen: Seen) -> dict[str, Any]:
    """Page one points to "c1", and "c1" points to itself."""
    cursor = seen.query.get("cursor", [""])[0]
    return {"json": {"chats": [{"id": f"chat_{cursor or 0}"}], "next_cursor": "c1"}}


def cycling_route(seen: Seen) -> dict[str, Any]:
    """Cursors "a" -> "b" -> "a": a loop two pages long."""
    cursor = seen.query.get("cursor", [""])[0]
    following = {"": "a", "a": "b", "b": "a"}[cursor]
    return {"json": {"chats": [{"id": f"chat_{cursor}"}], "next_cursor": following}}


def test_a_repeated_cursor_stops_the_walk(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = repeating_route
    seen_ids = []
    with pytest.raises(demo.PaginationLoopError) as caught:
        for chat in client.chats.list(limit=1):
            seen_ids.append(chat.id)
    assert seen_ids == ["chat_0", "chat_c1"]  # every page once
    assert len(server.requests) == 2
    error = caught.value
    assert isinstance(error, demo.APIError)
    assert error.parameter == "cursor" and error.value == "c1"
    assert "cursor='c1'" in str(error)
    assert "/v3/chats" in str(error) and "GET" in str(error)
    assert error.request.url.params["cursor"] == "c1"
    assert error.request.url.params["limit"] == "1"


def test_a_longer_cycle_stops_too(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = cycling_route
    with pytest.raises(demo.PaginationLoopError) as caught:
        list(client.chats.list().iter_pages())
    assert caught.value.value == "a"
    assert [seen.query.get("cursor") for seen in server.requests] == [None, ["a"], ["b"]]


def test_a_walk_starting_at_a_cursor_counts_it(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = repeating_route
    with pytest.raises(demo.PaginationLoopError):
        list(client.chats.list(cursor="c1"))
    assert len(server.requests) == 1


def test_pages_by_hand_are_not_checked(client: Any, server: LoopbackServer) -> None:
    # get_next_page() is the caller's own walk: it may ask for the same page twice on purpose.
    server.route = repeating_route
    page = client.chats.list().get_next_page()
    assert page.get_next_page().items[0].id == "chat_c1"


@pytest.mark.anyio
async def test_async_repeated_cursor_stops_the_walk(
    demo: ModuleType, async_client: Any, server: LoopbackServer
) -> None:
    server.route = repeating_route
    seen_ids = []
    with pytest.raises(demo.PaginationLoopError) as caught:
        async for chat in async_client.chats.list(limit=1):
            seen_ids.append(chat.id)
    assert seen_ids == ["chat_0", "chat_c1"]
    assert caught.value.value == "c1"
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_async_longer_cycle_stops_too(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    server.route = cycling_route
    page = await async_client.chats.list()
    with pytest.raises(demo.PaginationLoopError) as caught:
        async for _ in page.iter_pages():
            pass
    assert caught.value.value == "a"
    assert len(server.requests) == 3
