"""Cursor and offset pagination, sync and async: every item once, then a clean stop."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pydantic
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


# --- the other shapes: a nested cursor, offset with a total, page numbers -------------------------

ITEM_IDS = [f"item_{n}" for n in range(7)]


def items_of(ids: list[str]) -> list[dict[str, str]]:
    return [{"id": i} for i in ids]


def first_page(demo: ModuleType, client: Any, spec: Any, **params: Any) -> Any:
    """The first page of GET /items paged by `spec`, its envelope left as decoded JSON."""
    return client.request(dict, demo.FinalRequestOptions(method="GET", url="/items", params=params), page=spec)


async def async_first_page(demo: ModuleType, async_client: Any, spec: Any, **params: Any) -> Any:
    return await async_client.request(
        dict, demo.FinalRequestOptions(method="GET", url="/items", params=params), page=spec
    )


def query_values(server: LoopbackServer, name: str) -> list[list[str] | None]:
    return [seen.query.get(name) for seen in server.requests]


def nested_cursor_route(seen: Seen) -> dict[str, Any]:
    """`after` is "a<start>"; the next cursor is at meta.next_cursor, null on the last page."""
    start = int(seen.query.get("after", ["a0"])[0].removeprefix("a"))
    end = start + 3
    following = f"a{end}" if end < len(ITEM_IDS) else None
    return {"json": {"items": items_of(ITEM_IDS[start:end]), "meta": {"next_cursor": following}}}


def test_a_nested_cursor_walks_every_page(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = nested_cursor_route
    spec = demo.PageSpec(
        style="cursor",
        items_field="items",
        item_type=demo.Chat,
        cursor_param="after",
        next_cursor_path=("meta", "next_cursor"),
    )
    page = first_page(demo, client, spec)
    assert page.next_cursor == "a3"
    assert [item.id for item in page] == ITEM_IDS
    assert query_values(server, "after") == [None, ["a3"], ["a6"]]


def test_a_nested_cursor_in_a_parsed_envelope_is_read_by_its_wire_name(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    class Meta(pydantic.BaseModel):
        next_page_token: str | None = pydantic.Field(default=None, alias="nextPageToken")

    class Listing(pydantic.BaseModel):
        items: list[demo.Chat]  # type: ignore[name-defined]
        meta: Meta

    server.reply(json={"items": items_of(["item_0"]), "meta": {"nextPageToken": "t1"}})
    server.reply(json={"items": items_of(["item_1"]), "meta": {"nextPageToken": None}})
    spec = demo.PageSpec(
        style="cursor",
        items_field="items",
        item_type=demo.Chat,
        cursor_param="pageToken",
        next_cursor_path=("meta", "nextPageToken"),
    )
    page = client.request(Listing, demo.FinalRequestOptions(method="GET", url="/items"), page=spec)
    assert isinstance(page.envelope, Listing)
    assert [item.id for item in page] == ["item_0", "item_1"]
    assert query_values(server, "pageToken") == [None, ["t1"]]


def test_a_cursor_page_with_has_more_false_is_the_last(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"data": items_of(["item_0"]), "next_cursor": "c1", "has_more": False})
    spec = demo.PageSpec(
        style="cursor",
        items_field="data",
        item_type=demo.Chat,
        cursor_param="starting_after",
        next_cursor_field="next_cursor",
        has_more_path=("has_more",),
    )
    assert [item.id for item in first_page(demo, client, spec)] == ["item_0"]
    assert len(server.requests) == 1


def test_a_repeated_nested_cursor_is_a_loop(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = lambda seen: {"json": {"items": items_of(["item_0"]), "cursors": {"after": "same"}}}
    spec = demo.PageSpec(
        style="cursor",
        items_field="items",
        item_type=demo.Chat,
        cursor_param="after",
        next_cursor_path=("cursors", "after"),
    )
    with pytest.raises(demo.PaginationLoopError) as caught:
        list(first_page(demo, client, spec))
    assert (caught.value.parameter, caught.value.value) == ("after", "same")
    assert len(server.requests) == 2


def total_route(ids: list[str], page_size: int, *, nested: bool = False) -> Callable[[Seen], dict[str, Any]]:
    """GET /items by offset: at most `page_size` items whatever the limit, and the total count."""

    def route(seen: Seen) -> dict[str, Any]:
        offset = int(seen.query.get("offset", ["0"])[0])
        limit = min(int(seen.query.get("limit", ["100"])[0]), page_size)
        chunk = items_of(ids[offset : offset + limit])
        return {
            "json": {"data": chunk, "meta": {"total_count": len(ids)}} if nested else {"data": chunk, "total": len(ids)}
        }

    return route


def test_offset_with_a_total_stops_when_every_item_is_received(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.route = total_route(ITEM_IDS, page_size=3)
    spec = demo.PageSpec(
        style="offset",
        items_field="data",
        item_type=demo.Chat,
        offset_param="offset",
        limit_param="limit",
        total_path=("total",),
    )
    assert [item.id for item in first_page(demo, client, spec, limit=5)] == ITEM_IDS
    # 3 + 3 + 1 items: the third page reaches the total, so there is no fourth (empty) request.
    assert query_values(server, "offset") == [None, ["3"], ["6"]]


def test_offset_with_a_nested_total_from_the_callers_offset(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.route = total_route(ITEM_IDS, page_size=2, nested=True)
    spec = demo.PageSpec(
        style="offset",
        items_field="data",
        item_type=demo.Chat,
        offset_param="offset",
        total_path=("meta", "total_count"),
    )
    assert [item.id for item in first_page(demo, client, spec, offset=3)] == ITEM_IDS[3:]
    assert query_values(server, "offset") == [["3"], ["5"]]


@pytest.mark.parametrize("offset", ["³", "٣", "３"])
def test_an_offset_in_other_than_ascii_digits_is_read_as_no_number(
    demo: ModuleType, client: Any, server: LoopbackServer, offset: str
) -> None:
    """As any other text ('abc'): '³' passes `isdigit()` though `int()` refuses it (the walk
    failed with a ValueError), and `int()` reads '٣' and '３' as 3."""
    spec = demo.PageSpec(
        style="offset", items_field="data", item_type=demo.Chat, offset_param="offset", total_path=("total",)
    )
    walked = []
    for text in ("abc", offset):
        server.reply(json={"data": items_of(ITEM_IDS[:3]), "total": 5})
        page = first_page(demo, client, spec, offset=text)
        walked.append((page.has_next_page(), page._received()))
    assert walked == [(True, 3), (True, 3)]


def page_route(
    ids: list[str], page_size: int, facts: Callable[[int, int], dict[str, Any]] = lambda page, size: {}, first: int = 1
) -> Callable[[Seen], dict[str, Any]]:
    """GET /items by page number: at most `page_size` items a page, whatever `per_page` asks."""

    def route(seen: Seen) -> dict[str, Any]:
        page = int(seen.query.get("page", [str(first)])[0])
        size = min(int(seen.query.get("per_page", ["100"])[0]), page_size)
        start = (page - first) * size
        return {"json": {"results": items_of(ids[start : start + size]), **facts(page, size)}}

    return route


def page_spec(demo: ModuleType, **facts: Any) -> Any:
    return demo.PageSpec(
        style="page", items_field="results", item_type=demo.Chat, page_param="page", limit_param="per_page", **facts
    )


def test_page_numbers_walk_to_an_empty_page(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = page_route(ITEM_IDS, page_size=3)
    assert [item.id for item in first_page(demo, client, page_spec(demo), per_page=3)] == ITEM_IDS
    assert query_values(server, "page") == [None, ["2"], ["3"], ["4"]]
    assert all(seen.query["per_page"] == ["3"] for seen in server.requests)


def test_page_numbers_stop_at_the_last_page_of_the_count(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = page_route(
        ITEM_IDS, page_size=3, facts=lambda page, size: {"total_pages": -(-len(ITEM_IDS) // size)}
    )
    page = first_page(demo, client, page_spec(demo, total_pages_path=("total_pages",)), per_page=3)
    assert [item.id for item in page] == ITEM_IDS
    assert query_values(server, "page") == [None, ["2"], ["3"]]


def test_page_numbers_stop_at_the_total_even_when_the_server_caps_the_page_size(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    # 10 asked a page, 3 given: the total, not the size asked for, says when the walk is done.
    server.route = page_route(ITEM_IDS, page_size=3, facts=lambda page, size: {"total": len(ITEM_IDS)})
    page = first_page(demo, client, page_spec(demo, total_path=("total",)), per_page=10)
    assert [item.id for item in page] == ITEM_IDS
    assert query_values(server, "page") == [None, ["2"], ["3"]]


def test_page_numbers_stop_on_has_more_false(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    def facts(page: int, size: int) -> dict[str, Any]:
        return {"paging": {"hasMore": page * size < len(ITEM_IDS)}}

    server.route = page_route(ITEM_IDS, page_size=4, facts=facts)
    page = first_page(demo, client, page_spec(demo, has_more_path=("paging", "hasMore")), per_page=4)
    assert [item.id for item in page] == ITEM_IDS
    assert query_values(server, "page") == [None, ["2"]]


def test_zero_based_page_numbers_and_a_walk_from_a_later_page(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.route = page_route(ITEM_IDS, page_size=2, facts=lambda page, size: {"total": len(ITEM_IDS)}, first=0)
    spec = page_spec(demo, total_path=("total",), first_page=0)
    assert [item.id for item in first_page(demo, client, spec, per_page=2)] == ITEM_IDS
    assert query_values(server, "page") == [None, ["1"], ["2"], ["3"]]
    server.requests.clear()
    assert [item.id for item in first_page(demo, client, spec, per_page=2, page=2)] == ITEM_IDS[4:]
    assert query_values(server, "page") == [["2"], ["3"]]


def test_page_numbers_by_hand(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.route = page_route(ITEM_IDS, page_size=3, facts=lambda page, size: {"total": len(ITEM_IDS)})
    first = first_page(demo, client, page_spec(demo, total_path=("total",)), per_page=3)
    second = first.get_next_page()
    last = second.get_next_page()
    assert [item.id for item in last.items] == ITEM_IDS[6:]
    assert not last.has_next_page() and last.next_page_options() is None
    assert len(server.requests) == 3


def test_page_spec_needs_what_its_style_reads(demo: ModuleType) -> None:
    with pytest.raises(ValueError, match="page"):
        demo.PageSpec(style="page", items_field="results", item_type=demo.Chat)
    with pytest.raises(ValueError, match="offset"):
        demo.PageSpec(style="offset", items_field="data", item_type=demo.Chat, offset_param="offset")
    assert demo.PageSpec(
        style="offset", items_field="data", item_type=demo.Chat, offset_param="offset", total_path=("total",)
    )


@pytest.mark.anyio
async def test_async_walks_of_every_style(demo: ModuleType, async_client: Any, server: LoopbackServer) -> None:
    server.route = nested_cursor_route
    cursor = demo.PageSpec(
        style="cursor",
        items_field="items",
        item_type=demo.Chat,
        cursor_param="after",
        next_cursor_path=("meta", "next_cursor"),
    )
    assert [item.id async for item in await async_first_page(demo, async_client, cursor)] == ITEM_IDS

    server.route = total_route(ITEM_IDS, page_size=3)
    offset = demo.PageSpec(
        style="offset", items_field="data", item_type=demo.Chat, offset_param="offset", total_path=("total",)
    )
    assert [item.id async for item in await async_first_page(demo, async_client, offset)] == ITEM_IDS

    server.route = page_route(ITEM_IDS, page_size=3, facts=lambda page, size: {"total": len(ITEM_IDS)})
    server.requests.clear()
    page = await async_first_page(demo, async_client, page_spec(demo, total_path=("total",)), per_page=3)
    assert [item.id async for item in page] == ITEM_IDS
    assert query_values(server, "page") == [None, ["2"], ["3"]]
    second = await page.get_next_page()
    assert [item.id for item in second.items] == ITEM_IDS[3:6] and second.has_next_page()
