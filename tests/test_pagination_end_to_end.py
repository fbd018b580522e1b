"""Every paging shape end to end: a client generated from a small spec of that shape, walking a
list the mock keeps in stateful mode, gets every item exactly once (sync and async) in as many
requests as there are pages; the mock's page facts (total, page count, "has more", the next
cursor) are right; and in examples mode the same walk ends after the example's second page.
"""

from __future__ import annotations

import importlib
import itertools
import json
import subprocess
import sys
from collections.abc import AsyncIterable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from contract_tests.mock import ApiTable, MockServer
from contract_tests.mock.behaviour import Seed
from tests.conftest import ROOT

N = 23  # widgets in the mock
SIZE = 5  # a page: 5 pages of 5, 5, 5, 5 and 3
PAGES = -(-N // SIZE)
MAX_ITEMS = 4 * N  # reaching it means the walk did not end

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
WIDGETS = {"type": "array", "items": {"$ref": "#/components/schemas/Widget"}}
EXAMPLE_WIDGETS = [{"id": "w_1", "name": "first"}, {"id": "w_2", "name": "second"}]


@dataclass(frozen=True)
class Shape:
    """One list shape: the list's query parameters, its response, and its example page."""

    name: str
    params: dict[str, Any]
    response: dict[str, Any]
    required: tuple[str, ...]
    example: dict[str, Any]
    size_param: str
    size_arg: str  # the size parameter's name in Python

    def spec(self) -> dict[str, Any]:
        size = {"type": "integer", "minimum": 1, "maximum": 100}
        parameters = [
            {"name": name, "in": "query", "schema": size if name == self.size_param else schema}
            for name, schema in self.params.items()
        ]
        page_schema = {"type": "object", "required": list(self.required), "properties": self.response}
        return {
            "openapi": "3.1.0",
            "info": {"title": f"Widgets {self.name}", "version": "1.0.0"},
            "paths": {
                "/widgets": {
                    "get": {
                        "operationId": "widgetsList",
                        "x-sdk-method": "widgets.list",
                        "parameters": parameters,
                        "responses": {
                            "200": {
                                "description": "A page of widgets.",
                                "content": {"application/json": {"schema": page_schema, "example": self.example}},
                            }
                        },
                    }
                },
                "/widgets/{widgetId}": {
                    "get": {
                        "operationId": "widgetsRetrieve",
                        "x-sdk-method": "widgets.retrieve",
                        "parameters": [{"name": "widgetId", "in": "path", "required": True, "schema": STRING}],
                        "responses": {
                            "200": {
                                "description": "A widget.",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}},
                            }
                        },
                    }
                },
            },
            "components": {
                "schemas": {
                    "Widget": {
                        "type": "object",
                        "required": ["id", "name"],
                        "properties": {"id": STRING, "name": STRING},
                    }
                }
            },
        }


def envelope(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


SHAPES = {
    # A cursor nested in an envelope, with a flag and a total beside it.
    "cursor": Shape(
        name="cursor",
        params={"after": STRING, "limit": INTEGER},
        response={
            "data": WIDGETS,
            "meta": envelope(next_cursor={"type": ["string", "null"]}, has_more=BOOLEAN, total=INTEGER),
        },
        required=("data", "meta"),
        example={"data": EXAMPLE_WIDGETS, "meta": {"next_cursor": "abc", "has_more": True, "total": 40}},
        size_param="limit",
        size_arg="limit",
    ),
    # `{data, total}` with limit and offset: nothing but the total says when the list ends.
    "offset": Shape(
        name="offset",
        params={"limit": INTEGER, "offset": {"type": "integer", "minimum": 0}},
        response={"data": WIDGETS, "total": INTEGER},
        required=("data", "total"),
        example={"data": EXAMPLE_WIDGETS, "total": 40},
        size_param="limit",
        size_arg="limit",
    ),
    # Page numbers with a page count and a total.
    "page": Shape(
        name="page",
        params={"page": {"type": "integer", "minimum": 1, "default": 1}, "per_page": INTEGER},
        response={"results": WIDGETS, "total": INTEGER, "total_pages": INTEGER},
        required=("results", "total", "total_pages"),
        example={"results": EXAMPLE_WIDGETS, "total": 40, "total_pages": 20},
        size_param="per_page",
        size_arg="per_page",
    ),
    # Page numbers from zero, ended by a flag in an envelope.
    "page-flag": Shape(
        name="page-flag",
        params={"page": {"type": "integer", "minimum": 0, "default": 0}, "pageSize": INTEGER},
        response={"items": WIDGETS, "paging": envelope(hasMore=BOOLEAN)},
        required=("items", "paging"),
        example={"items": EXAMPLE_WIDGETS, "paging": {"hasMore": True}},
        size_param="pageSize",
        size_arg="page_size",
    ),
}


@dataclass
class Generated:
    shape: Shape
    spec: Path
    package: ModuleType

    def client(self, base_url: str, *, is_async: bool = False, seen: list[httpx.Request] | None = None) -> Any:
        exported = list(self.package.__all__)
        name = next(n for n in exported if f"Async{n}" in exported and n not in ("APIResponse", "Paginator", "Page"))
        hooks = {"request": [_recorder(seen, is_async)]} if seen is not None else {}
        http = httpx.AsyncClient(event_hooks=hooks) if is_async else httpx.Client(event_hooks=hooks)
        return getattr(self.package, ("Async" if is_async else "") + name)(
            base_url=base_url, max_retries=0, strict_responses=True, http_client=http
        )


def _recorder(seen: list[httpx.Request] | None, is_async: bool) -> Any:
    def record(request: httpx.Request) -> None:
        assert seen is not None
        seen.append(request)

    async def async_record(request: httpx.Request) -> None:
        record(request)

    return async_record if is_async else record


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Generated]]:
    root = tmp_path_factory.mktemp("paging")
    made: dict[str, Generated] = {}
    for key, shape in SHAPES.items():
        package = "paging_" + key.replace("-", "_") + "_client"
        spec = root / f"{key}.json"
        spec.write_text(json.dumps(shape.spec()), encoding="utf-8")
        command = [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(root / package)]
        result = subprocess.run([*command, "--package", package], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        sys.path.insert(0, str(root / package / "src"))
        made[key] = Generated(shape, spec, __import__(package))
    yield made
    for key in made:
        package = "paging_" + key.replace("-", "_") + "_client"
        sys.path.remove(str(root / package / "src"))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module", params=list(SHAPES))
def stateful(request: pytest.FixtureRequest, generated: dict[str, Generated]) -> Iterator[tuple[Generated, MockServer]]:
    made = generated[request.param]
    table = ApiTable(title=f"Widgets {made.shape.name}", seed=(Seed("widgets", N),))
    with MockServer(made.spec, mode="stateful", seed=1, table=table, self_check=True) as server:
        yield made, server


def walk(items: Iterable[Any]) -> list[str]:
    """The ids of the items, failing rather than walking forever."""
    ids = []
    for item in items:
        ids.append(item.id)
        assert len(ids) <= MAX_ITEMS, "the walk did not end"
    return ids


async def async_walk(items: AsyncIterable[Any]) -> list[str]:
    ids = []
    async for item in items:
        ids.append(item.id)
        assert len(ids) <= MAX_ITEMS, "the walk did not end"
    return ids


def stored_ids(server: MockServer) -> list[str]:
    assert server.app.state is not None
    return sorted(record.id for record in server.app.state.store.all("widgets"))


def _page_spec(package: ModuleType) -> Any:
    return importlib.import_module(f"{package.__name__}.resources.widgets")._widgets_list_page


def test_the_ir_infers_each_shape(generated: dict[str, Generated]) -> None:
    styles = {key: _page_spec(made.package).style for key, made in generated.items()}
    assert styles == {"cursor": "cursor", "offset": "offset", "page": "page", "page-flag": "page"}
    assert generated["page-flag"].package.resources.widgets._widgets_list_page.first_page == 0


def test_a_walk_gets_every_item_once_in_one_request_a_page(stateful: tuple[Generated, MockServer]) -> None:
    made, server = stateful
    seen: list[httpx.Request] = []
    with made.client(server.url, seen=seen) as client:
        ids = walk(client.widgets.list(**{made.shape.size_arg: SIZE}))
    assert len(ids) == N and sorted(ids) == stored_ids(server)
    # The last page is known to be the last: no request for an empty page after it (the
    # page-numbered list ended by a flag included).
    assert len(seen) == PAGES
    assert server.violations == []


@pytest.mark.anyio
async def test_an_async_walk_gets_every_item_once(stateful: tuple[Generated, MockServer]) -> None:
    made, server = stateful
    seen: list[httpx.Request] = []
    async with made.client(server.url, is_async=True, seen=seen) as client:
        ids = await async_walk(client.widgets.list(**{made.shape.size_arg: SIZE}))
    assert len(ids) == N and sorted(ids) == stored_ids(server)
    assert len(seen) == PAGES
    assert server.violations == []


def test_page_by_page_the_mock_says_where_the_list_is(stateful: tuple[Generated, MockServer]) -> None:
    made, server = stateful
    with made.client(server.url) as client:
        pages = list(itertools.islice(client.widgets.list(**{made.shape.size_arg: SIZE}).iter_pages(), PAGES + 1))
    bodies = [page.envelope.model_dump(by_alias=True, mode="json") for page in pages]
    assert [len(page.items) for page in pages] == [SIZE] * (PAGES - 1) + [N - SIZE * (PAGES - 1)]
    if made.shape.name == "cursor":
        assert [body["meta"]["total"] for body in bodies] == [N] * PAGES
        assert [body["meta"]["has_more"] for body in bodies] == [True] * (PAGES - 1) + [False]
        assert all(body["meta"]["next_cursor"] for body in bodies[:-1]) and bodies[-1]["meta"]["next_cursor"] is None
    elif made.shape.name == "offset":
        assert [body["total"] for body in bodies] == [N] * PAGES
    elif made.shape.name == "page":
        assert [(body["total"], body["total_pages"]) for body in bodies] == [(N, PAGES)] * PAGES
    else:
        assert [body["paging"]["hasMore"] for body in bodies] == [True] * (PAGES - 1) + [False]


def test_the_mock_honours_the_requested_page(stateful: tuple[Generated, MockServer]) -> None:
    made, server = stateful
    size = made.shape.size_arg
    first = 0 if made.shape.name == "page-flag" else 1
    with made.client(server.url) as client:
        everything = walk(client.widgets.list(**{size: 100}))
        assert len(everything) == N
        if made.shape.name == "cursor":  # the page after the first two pages of 4
            second = client.widgets.list(limit=4).get_next_page()
            later = client.widgets.list(limit=4, after=second.next_cursor)
            expected = everything[8:12]
        elif made.shape.name == "offset":
            later = client.widgets.list(limit=4, offset=10)
            expected = everything[10:14]
        else:  # the third page of 4
            later = client.widgets.list(page=first + 2, **{size: 4})
            expected = everything[8:12]
        assert [widget.id for widget in later.items] == expected
        if made.shape.name == "cursor":  # a page that holds everything is the last
            whole = client.widgets.list(limit=N)
            assert len(whole.items) == N and not whole.has_next_page()
            return
        if made.shape.name == "offset":
            past_the_end = client.widgets.list(limit=4, offset=N)
        else:
            past_the_end = client.widgets.list(page=first + -(-N // 4), **{size: 4})
        assert past_the_end.items == [] and not past_the_end.has_next_page()


@pytest.mark.parametrize("key", list(SHAPES))
def test_examples_mode_ends_the_walk_after_the_second_page(key: str, generated: dict[str, Generated]) -> None:
    made = generated[key]
    seen: list[httpx.Request] = []
    with MockServer(made.spec, self_check=True) as server, made.client(server.url, seen=seen) as client:
        ids = walk(client.widgets.list())
        assert server.violations == []
    # The example page says more follow; the page after it is the same example, marked as the last.
    assert ids == [w["id"] for w in EXAMPLE_WIDGETS] * 2
    assert len(seen) == 2


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
