"""Which list shapes the IR recognises as paginated, and which near misses it leaves alone.

Each case is a one-operation spec built here: the list's query parameters and its response
schema. The seeds' pagination is pinned too, and how a change of paging style is reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.ir.build import build_api
from generator.ir.model import ModelRef, Pagination
from generator.release.changes import diff_apis
from tests.conftest import SPECS

INTEGER = {"type": "integer"}
STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
ITEMS = {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}


def spec_text(params: dict[str, Any], response: dict[str, Any], extension: Any = None) -> str:
    """A spec with `GET /items` taking `params` (name: schema) and answering `response`."""
    operation: dict[str, Any] = {
        "operationId": "listItems",
        "parameters": [{"name": name, "in": "query", "schema": schema} for name, schema in params.items()],
        "responses": {
            "200": {
                "description": "A page of items.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemList"}}},
            }
        },
    }
    if extension is not None:
        operation["x-pagination"] = extension
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "Shapes", "version": "1.0.0"},
        "paths": {"/items": {"get": operation}},
        "components": {
            "schemas": {
                "Item": {"type": "object", "required": ["id"], "properties": {"id": STRING}},
                "ItemList": {"type": "object", "properties": response},
            }
        },
    }
    return json.dumps(spec)


def obj(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


@pytest.fixture
def paginate(write_spec: Any) -> Any:
    def infer(params: dict[str, Any], response: dict[str, Any], extension: Any = None) -> Pagination | None:
        api = build_api(write_spec(spec_text(params, response, extension)))
        return api.operation("listItems").pagination

    return infer


# --- cursor -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("param", "response", "path"),
    [
        ("cursor", {"next_cursor": STRING}, ("next_cursor",)),
        ("after", {"nextCursor": STRING}, ("nextCursor",)),
        ("starting_after", {"next": {"type": ["string", "null"]}}, ("next",)),
        ("page_token", {"next_page_token": STRING}, ("next_page_token",)),
        ("pageToken", {"nextPageToken": STRING}, ("nextPageToken",)),
        ("next_token", {"nextToken": STRING}, ("nextToken",)),
        ("continuation_token", {"continuation_token": STRING}, ("continuation_token",)),
        ("cursor", {"pagination": obj(next_cursor=STRING)}, ("pagination", "next_cursor")),
        ("cursor", {"meta": obj(next_cursor=STRING)}, ("meta", "next_cursor")),
        ("after", {"cursors": obj(before=STRING, after=STRING)}, ("cursors", "after")),
        ("cursor", {"response_metadata": obj(next_cursor=STRING)}, ("response_metadata", "next_cursor")),
    ],
)
def test_cursor_shapes(paginate: Any, param: str, response: dict[str, Any], path: tuple[str, ...]) -> None:
    page = paginate({param: STRING, "limit": INTEGER}, {"data": ITEMS, **response})
    assert page is not None
    assert (page.style, page.cursor_param, page.next_cursor_path, page.limit_param) == ("cursor", param, path, "limit")
    assert page.next_cursor_field == (path[0] if len(path) == 1 else None)
    assert (page.items, page.item_type) == ("data", ModelRef("Item"))


def test_a_cursor_list_records_its_flag_and_total(paginate: Any) -> None:
    page = paginate(
        {"page_token": STRING, "page_size": INTEGER},
        {"items": ITEMS, "next_page_token": STRING, "has_more": BOOLEAN, "total_count": INTEGER},
    )
    assert page is not None
    assert (page.limit_param, page.has_more_path, page.total_path) == ("page_size", ("has_more",), ("total_count",))


# --- offset -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "items", "total"),
    [
        ({"data": ITEMS, "total": INTEGER}, "data", ("total",)),
        ({"items": ITEMS, "total_count": INTEGER}, "items", ("total_count",)),
        ({"results": ITEMS, "count": INTEGER, "next": {"type": "string", "format": "uri"}}, "results", ("count",)),
        ({"data": ITEMS, "meta": obj(totalCount=INTEGER)}, "data", ("meta", "totalCount")),
    ],
)
def test_offset_with_a_total(paginate: Any, response: dict[str, Any], items: str, total: tuple[str, ...]) -> None:
    page = paginate({"limit": INTEGER, "offset": INTEGER}, response)
    assert page is not None
    assert (page.style, page.items, page.offset_param, page.limit_param) == ("offset", items, "offset", "limit")
    assert (page.total_path, page.has_more_path) == (total, ())


@pytest.mark.parametrize(
    ("response", "flag"),
    [
        ({"data": ITEMS, "has_more": BOOLEAN}, ("has_more",)),
        ({"data": ITEMS, "more": BOOLEAN}, ("more",)),
        ({"data": ITEMS, "paging": obj(hasMore=BOOLEAN)}, ("paging", "hasMore")),
    ],
)
def test_offset_with_a_has_more_flag_anywhere(paginate: Any, response: dict[str, Any], flag: tuple[str, ...]) -> None:
    page = paginate({"limit": INTEGER, "offset": INTEGER}, response)
    assert page is not None and page.style == "offset"
    assert page.has_more_path == flag


# --- page numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["per_page", "page_size", "pageSize", "limit"])
def test_page_and_a_page_size(paginate: Any, size: str) -> None:
    page = paginate({"page": INTEGER, size: INTEGER}, {"data": ITEMS})
    assert page is not None
    assert (page.style, page.page_param, page.limit_param, page.first_page) == ("page", "page", size, 1)
    assert (page.has_more_path, page.total_path, page.total_pages_path) == ((), (), ())


def test_page_counts_and_flags_are_recorded(paginate: Any) -> None:
    page = paginate(
        {"page": INTEGER, "per_page": INTEGER},
        {"items": ITEMS, "meta": obj(total_pages=INTEGER, total=INTEGER, has_more=BOOLEAN)},
    )
    assert page is not None
    assert page.total_pages_path == ("meta", "total_pages")
    assert page.total_path == ("meta", "total")
    assert page.has_more_path == ("meta", "has_more")


def test_pages_numbered_from_zero_by_the_parameters_default(paginate: Any) -> None:
    page = paginate({"page": {"type": "integer", "default": 0}, "per_page": INTEGER}, {"data": ITEMS})
    assert page is not None and page.first_page == 0


# --- near misses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "response"),
    [
        # Parameters of the wrong type.
        ({"limit": STRING, "offset": STRING}, {"data": ITEMS, "total": INTEGER}),
        ({"page": STRING, "per_page": INTEGER}, {"data": ITEMS}),
        ({"cursor": INTEGER}, {"data": ITEMS, "next_cursor": STRING}),
        # A date filter named like a cursor.
        ({"after": {"type": "string", "format": "date-time"}}, {"data": ITEMS, "next_cursor": STRING}),
        # The "next cursor" is a link to the next page.
        ({"cursor": STRING}, {"results": ITEMS, "next": {"type": "string", "format": "uri"}}),
        # Offset and limit without anything to say when the list ends.
        ({"limit": INTEGER, "offset": INTEGER}, {"data": ITEMS}),
        # A total that is not an integer, a flag that is not a boolean.
        ({"limit": INTEGER, "offset": INTEGER}, {"data": ITEMS, "total": STRING}),
        ({"limit": INTEGER, "offset": INTEGER}, {"data": ITEMS, "count": {"type": "number"}}),
        ({"limit": INTEGER, "offset": INTEGER}, {"data": ITEMS, "has_more": STRING}),
        # A page number without a page size.
        ({"page": INTEGER}, {"data": ITEMS}),
        # Two arrays, neither with a conventional name.
        ({"limit": INTEGER, "offset": INTEGER}, {"users": ITEMS, "groups": ITEMS, "total": INTEGER}),
        # No array at all.
        ({"cursor": STRING}, {"next_cursor": STRING, "item": {"$ref": "#/components/schemas/Item"}}),
        # A total nested in an object that is not a paging envelope.
        ({"limit": INTEGER, "offset": INTEGER}, {"data": ITEMS, "summary": obj(total=INTEGER)}),
    ],
)
def test_near_misses_are_not_paginated(paginate: Any, params: dict[str, Any], response: dict[str, Any]) -> None:
    assert paginate(params, response) is None


def test_two_arrays_one_of_them_conventional(paginate: Any) -> None:
    page = paginate({"limit": INTEGER, "offset": INTEGER}, {"data": ITEMS, "included": ITEMS, "total": INTEGER})
    assert page is not None and page.items == "data"


# --- x-pagination -------------------------------------------------------------------------------


def test_x_pagination_names_every_part(paginate: Any) -> None:
    page = paginate(
        {"pg": INTEGER, "size": INTEGER},
        {"rows": ITEMS, "other": ITEMS, "info": obj(pages=INTEGER, last=BOOLEAN)},
        {"style": "page", "items": "rows", "page_param": "pg", "limit_param": "size", "total_pages": "info.pages"},
    )
    assert page is not None
    assert (page.style, page.items, page.page_param, page.limit_param) == ("page", "rows", "pg", "size")
    assert page.total_pages_path == ("info", "pages")


def test_x_pagination_nested_cursor(paginate: Any) -> None:
    page = paginate(
        {"from": STRING},
        {"rows": ITEMS, "links": obj(token=STRING)},
        {"style": "cursor", "cursor_param": "from", "next_cursor": ["links", "token"]},
    )
    assert page is not None and (page.cursor_param, page.next_cursor_path) == ("from", ("links", "token"))


def test_x_pagination_false_wins(paginate: Any) -> None:
    assert paginate({"cursor": STRING}, {"data": ITEMS, "next_cursor": STRING}, False) is None


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        ({"style": "pages"}, "style must be one of cursor, offset, page"),
        ({"style": "page", "page_param": "p"}, "'p' is not a query parameter"),
        ({"style": "offset", "total": "meta.total"}, "'meta.total' is not a property of ItemList"),
        ({"style": "cursor"}, "cursor pagination needs"),
        ({"style": "page", "first_page": 2}, "first_page must be 0 or 1"),
        ({"style": "page", "pages": "x"}, "unknown keys ['pages']"),
    ],
)
def test_x_pagination_that_does_not_fit_is_an_error(write_spec: Any, extension: dict[str, Any], message: str) -> None:
    text = spec_text({"page": INTEGER, "limit": INTEGER}, {"data": ITEMS}, extension)
    with pytest.raises(SpecError) as caught:
        build_api(write_spec(text))
    assert message in str(caught.value)
    assert "x-pagination" in str(caught.value)


# --- the seeds and the change report ------------------------------------------------------------


def test_the_seeds_infer_what_they_always_have() -> None:
    linq = build_api(SPECS["linq"])
    for operation_id, items, item in [
        ("chatsListChats", "chats", "Chat"),
        ("chatsMessagesList", "messages", "Message"),
        ("messagesListMessagesThread", "messages", "Message"),
    ]:
        assert linq.operation(operation_id).pagination == Pagination(
            style="cursor",
            items=items,
            item_type=ModelRef(item),
            limit_param="limit",
            cursor_param="cursor",
            next_cursor_path=("next_cursor",),
        )
    assert [op.id for op in linq.operations if op.pagination] == [
        "chatsListChats",
        "chatsMessagesList",
        "messagesListMessagesThread",
    ]
    sendblue = build_api(SPECS["sendblue"])
    assert [op.id for op in sendblue.operations if op.pagination] == ["messagesList"]
    assert sendblue.operation("messagesList").pagination == Pagination(
        style="offset",
        items="data",
        item_type=ModelRef("V2Message"),
        limit_param="limit",
        offset_param="offset",
        has_more_path=("pagination", "hasMore"),
        # Recorded now that totals are read; the walk still ends on `hasMore`.
        total_path=("pagination", "total"),
    )


def test_a_change_of_paging_style_is_reported(tmp_path: Path) -> None:
    cursor = tmp_path / "cursor.json"
    cursor.write_text(spec_text({"cursor": STRING, "limit": INTEGER}, {"data": ITEMS, "next_cursor": STRING}))
    paged = tmp_path / "paged.json"
    paged.write_text(spec_text({"page": INTEGER, "limit": INTEGER}, {"data": ITEMS, "total_pages": INTEGER}))
    changes = [c for c in diff_apis(build_api(cursor), build_api(paged)) if c.rule.startswith("pagination")]
    assert [(c.level, c.rule) for c in changes] == [("ERR", "pagination-changed")]
    assert "style 'cursor' -> 'page'" in changes[0].message
    assert "page_param None -> 'page'" in changes[0].message


def test_a_total_added_to_a_cursor_list_is_not_a_paging_change(tmp_path: Path) -> None:
    before = tmp_path / "before.json"
    before.write_text(spec_text({"cursor": STRING}, {"data": ITEMS, "meta": obj(next_cursor=STRING)}))
    after = tmp_path / "after.json"
    after.write_text(spec_text({"cursor": STRING}, {"data": ITEMS, "meta": obj(next_cursor=STRING, total=INTEGER)}))
    assert not [c for c in diff_apis(build_api(before), build_api(after)) if c.rule.startswith("pagination")]
    moved = tmp_path / "moved.json"
    moved.write_text(spec_text({"cursor": STRING}, {"data": ITEMS, "paging": obj(next_cursor=STRING)}))
    changes = [c for c in diff_apis(build_api(before), build_api(moved)) if c.rule.startswith("pagination")]
    assert [c.rule for c in changes] == ["pagination-changed"]
    assert "next_cursor_path ('meta', 'next_cursor') -> ('paging', 'next_cursor')" in changes[0].message
