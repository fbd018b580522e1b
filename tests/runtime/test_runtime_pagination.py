"""Cursor and offset pagination, sync and async: every item once, then a clean stop."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer, Seen

CHAT_IDS = [f"chat_{n}" for n in range(5)]
MESSAGE_IDS = [f"msg_{n}" for n in range(7)]


def cursor_route(ids: list[str]) -> Callable[[Seen], dict[str, Any]]:
    """GET /v3/chats: `cursor` is "c<start>"; the last page has next_cursor null."""

    def route(seen: Seen) -> dict[str, Any]:
        limit = int(seen.query.get("limit", ["2"])[0])
        start = int(seen.query.get("cursor", ["c0"])[0].removeprefix("c"))
        end = start + limit
        return {
            "json": {
                "chats": [{"id": i} for i in ids[start:end]],
                "next_cursor": f"c{end}" if end < len(ids) else None,
            }
        }

    return route


def offset_route(ids: list[str], page_size: int = 3) -> Callable[[Seen], dict[str, Any]]:
    """GET /api/v2/messages: returns at most `page_size` items, whatever the limit."""

    def route(seen: Seen) -> dict[str, Any]:
        limit = min(int(seen.query.get("limit", ["100"])[0]), page_size)
        offset = int(seen.query.get("offset", ["0"])[0])
        chunk = ids[offset : offset + limit]
        return {
            "json": {
                "data": [{"id": i} for i in chunk],
                "pagination": {"hasMore": offset + len(chunk) < len(ids), "total": len(ids)},
            }
        }

    return route


def test_cursor_iteration_walks_every_page_once(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = cursor_route(CHAT_IDS)
    page = client.chats.list(limit=2, extra_query={"archived": "false"})
    assert isinstance(page, demo.SyncPage)
    assert [chat.id for chat in page] == CHAT_IDS
    assert [seen.query.get("cursor") for seen in server.requests] == [None, ["c2"], ["c4"]]
    assert all(seen.query["limit"] == ["2"] for seen in server.requests)
    assert all(seen.query["archived"] == ["false"] for seen in server.requests)


def test_cursor_pages_by_hand(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = cursor_route(CHAT_IDS)
    first = client.chats.list(limit=2)
    assert isinstance(first.envelope, demo.ChatList)
    assert first.envelope.next_cursor == "c2"
    assert [chat.id for chat in first.items] == ["chat_0", "chat_1"]
    assert first.has_next_page()
    second = first.get_next_page()
    assert [chat.id for chat in second.items] == ["chat_2", "chat_3"]
    last = second.get_next_page()
    assert [chat.id for chat in last.items] == ["chat_4"]
    assert not last.has_next_page()
    assert last.next_page_options() is None
    with pytest.raises(demo.SDKError):
        last.get_next_page()
    assert len(server.requests) == 3  # pages are fetched only when asked


def test_iter_pages(client: Any, server: LoopbackServer) -> None:
    server.route = cursor_route(CHAT_IDS)
    sizes = [len(page.items) for page in client.chats.list(limit=2).iter_pages()]
    assert sizes == [2, 2, 1]


@pytest.mark.parametrize("next_cursor", [None, ""])
def test_cursor_walk_stops_without_a_cursor(client: Any, server: LoopbackServer, next_cursor: str | None) -> None:
    server.reply(json={"chats": [{"id": "chat_0"}], "next_cursor": next_cursor})
    assert [chat.id for chat in client.chats.list()] == ["chat_0"]
    assert len(server.requests) == 1


def test_cursor_walk_stops_on_an_empty_page(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"chats": [{"id": "chat_0"}], "next_cursor": "c1"})
    server.reply(json={"chats": [], "next_cursor": "c1"})  # a server that would loop forever
    assert [chat.id for chat in client.chats.list()] == ["chat_0"]
    assert len(server.requests) == 2


def test_offset_advances_by_the_items_received(client: Any, server: LoopbackServer) -> None:
    server.route = offset_route(MESSAGE_IDS, page_size=3)
    page = client.messages.list(limit=5, is_outbound=True)  # the server gives only 3 a page
    ids = [message.id for message in page]
    assert ids == MESSAGE_IDS
    assert len(set(ids)) == len(ids)
    assert [seen.query.get("offset") for seen in server.requests] == [None, ["3"], ["6"]]
    assert all(seen.query["limit"] == ["5"] for seen in server.requests)
    assert all(seen.query["is_outbound"] == ["true"] for seen in server.requests)


def test_offset_starts_from_the_callers_offset(client: Any, server: LoopbackServer) -> None:
    server.route = offset_route(MESSAGE_IDS, page_size=3)
    page = client.messages.list(offset=2)
    assert [message.id for message in page] == MESSAGE_IDS[2:]
    assert [seen.query["offset"] for seen in server.requests] == [["2"], ["5"]]


def test_offset_has_more_false_ends_the_walk(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"data": [{"id": "msg_0"}], "pagination": {"hasMore": False}})
    page = client.messages.list()
    assert page.envelope.pagination.has_more is False
    assert not page.has_next_page()
    assert [message.id for message in page] == ["msg_0"]
    assert len(server.requests) == 1


def test_offset_walk_stops_on_an_empty_page(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"data": [{"id": "msg_0"}], "pagination": {"hasMore": True}})
    server.reply(json={"data": [], "pagination": {"hasMore": True}})
    assert [message.id for message in client.messages.list()] == ["msg_0"]
    assert len(server.requests) == 2


def test_raw_response_of_a_list_parses_into_a_page(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = cursor_route(CHAT_IDS)
    response = client.chats.with_raw_response.list(limit=2)
    assert response.status_code == 200
    page = response.parse()
    assert isinstance(page, demo.SyncPage)
    assert [chat.id for chat in page] == CHAT_IDS  # later pages are plain calls again


def test_page_items_that_do_not_match_raise_response_validation_error_when_strict(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.reply(json={"chats": [{"name": "no id"}], "next_cursor": None})
    with pytest.raises(demo.APIResponseValidationError):
        client.with_options(strict_responses=True).chats.list()


@pytest.mark.anyio
async def test_async_for_directly_on_the_call(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    server.route = cursor_route(CHAT_IDS)
    paginator = async_client.chats.list(limit=2)
    assert isinstance(paginator, demo.AsyncPaginator)
    assert [chat.id async for chat in paginator] == CHAT_IDS
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_async_pages_by_hand(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    server.route = cursor_route(CHAT_IDS)
    first = await async_client.chats.list(limit=2)
    assert isinstance(first, demo.AsyncPage)
    assert first.has_next_page()
    second = await first.get_next_page()
    assert [chat.id for chat in second.items] == ["chat_2", "chat_3"]
    sizes = [len(page.items) async for page in second.iter_pages()]
    assert sizes == [2, 1]
    ids = [chat.id async for chat in first]  # a page iterates its own and the following items
    assert ids == CHAT_IDS


@pytest.mark.anyio
async def test_async_offset_pagination(async_client: Any, server: LoopbackServer) -> None:
    server.route = offset_route(MESSAGE_IDS, page_size=2)
    ids = [message.id async for message in async_client.messages.list(limit=2)]
    assert ids == MESSAGE_IDS
    assert [seen.query.get("offset") for seen in server.requests] == [None, ["2"], ["4"], ["6"]]


@pytest.mark.anyio
async def test_async_raw_response_of_a_list(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    server.route = cursor_route(CHAT_IDS)
    response = await async_client.chats.with_raw_response.list(limit=2)
    page = await response.parse()
    assert isinstance(page, demo.AsyncPage)
    assert [chat.id async for chat in page] == CHAT_IDS


def test_page_spec_rejects_an_incomplete_description(demo: ModuleType) -> None:
    with pytest.raises(ValueError, match="cursor"):
        demo.PageSpec(style="cursor", items_field="chats", item_type=demo.Chat)
    with pytest.raises(ValueError, match="offset"):
        demo.PageSpec(style="offset", items_field="data", item_type=demo.Message, offset_param="offset")


def test_a_dict_envelope_still_gives_typed_items(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"chats": [{"id": "chat_0"}], "next_cursor": None})
    spec = demo.PageSpec(
        style="cursor", items_field="chats", item_type=demo.Chat, cursor_param="cursor", next_cursor_field="next_cursor"
    )
    page = client.request(dict, demo.FinalRequestOptions(method="GET", url="/v3/chats"), page=spec)
    assert page.envelope == {"chats": [{"id": "chat_0"}], "next_cursor": None}
    assert page.items == [demo.Chat(id="chat_0")]
