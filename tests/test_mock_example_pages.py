"""Examples mode ends lists: a request for a later page (a cursor, an offset past the first
page) gets the example page marked as the last one, so walking a list against the mock ends.
Checked with both generated clients, sync and async, on every list operation of both specs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import linq_client
import pytest
import sendblue_client

from contract_tests.mock import MockServer
from generator.ir.build import build_api
from tests.conftest import SPECS

ID = "6f1b9a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
MAX_ITEMS = 1_000  # far more than two example pages: reaching it means the walk did not end

LINQ_LISTS: list[tuple[str, Callable[[Any], Any]]] = [
    ("chats.list_chats", lambda c: c.chats.list_chats()),
    ("chats.messages.list", lambda c: c.chats.messages.list(ID)),
    ("messages.list_messages_thread", lambda c: c.messages.list_messages_thread(ID)),
]
SENDBLUE_LISTS: list[tuple[str, Callable[[Any], Any]]] = [("messages.list", lambda c: c.messages.list())]


@pytest.fixture(scope="module")
def linq_mock() -> Iterator[MockServer]:
    with MockServer(SPECS["linq"], self_check=True) as server:
        yield server


@pytest.fixture(scope="module")
def sendblue_mock() -> Iterator[MockServer]:
    with MockServer(SPECS["sendblue"], self_check=True) as server:
        yield server


def walk(page: Any) -> list[Any]:
    items = []
    for item in page:
        items.append(item)
        assert len(items) < MAX_ITEMS, "the walk did not end"
    return items


async def async_walk(paginator: Any) -> list[Any]:
    items = []
    async for item in paginator:
        items.append(item)
        assert len(items) < MAX_ITEMS, "the walk did not end"
    return items


def test_every_linq_list_operation_is_covered() -> None:
    listed = [op.id for op in build_api(SPECS["linq"]).operations if op.pagination is not None]
    assert len(listed) == len(LINQ_LISTS), listed
    assert [op for op in build_api(SPECS["sendblue"]).operations if op.pagination is not None]


@pytest.mark.parametrize(("name", "call"), LINQ_LISTS, ids=[name for name, _ in LINQ_LISTS])
def test_linq_lists_end(name: str, call: Callable[[Any], Any], linq_mock: MockServer) -> None:
    with linq_client.Linq(api_key="k", base_url=linq_mock.url, max_retries=0, strict_responses=True) as client:
        first = call(client)
        items = walk(first)
    # The example page, then (when it points to a next page) the same page as the last one.
    assert len(items) == (2 if first.has_next_page() else 1) * len(first.items)
    assert linq_mock.violations == []


@pytest.mark.parametrize(("name", "call"), SENDBLUE_LISTS, ids=[name for name, _ in SENDBLUE_LISTS])
def test_sendblue_lists_end(name: str, call: Callable[[Any], Any], sendblue_mock: MockServer) -> None:
    with sendblue_client.Sendblue(
        api_key="k", api_secret="s", base_url=sendblue_mock.url, max_retries=0, strict_responses=True
    ) as client:
        first = call(client)
        items = walk(first)
    assert len(items) == (2 if first.has_next_page() else 1) * len(first.items)
    assert sendblue_mock.violations == []


@pytest.mark.anyio
async def test_async_walks_end(linq_mock: MockServer, sendblue_mock: MockServer) -> None:
    async with linq_client.AsyncLinq(api_key="k", base_url=linq_mock.url, max_retries=0) as linq:
        for _, call in LINQ_LISTS:
            assert await async_walk(call(linq))
    async with sendblue_client.AsyncSendblue(
        api_key="k", api_secret="s", base_url=sendblue_mock.url, max_retries=0
    ) as sendblue:
        assert await async_walk(sendblue.messages.list())


def test_a_later_page_is_the_last_one(linq_mock: MockServer, sendblue_mock: MockServer) -> None:
    with httpx.Client(base_url=linq_mock.url, headers={"Authorization": "Bearer k"}) as http:
        first = http.get("/v3/chats").json()
        assert first["next_cursor"]  # the spec's example points to a next page
        later = http.get("/v3/chats", params={"cursor": first["next_cursor"]}).json()
        assert later.get("next_cursor") is None
        assert later["chats"] == first["chats"]
    with httpx.Client(base_url=sendblue_mock.url, headers={"sb-api-key-id": "k", "sb-api-secret-key": "s"}) as http:
        first = http.get("/api/v2/messages").json()
        later = http.get("/api/v2/messages", params={"offset": 20}).json()
        assert later["pagination"]["hasMore"] is False
        assert later["data"] == first["data"]
        assert http.get("/api/v2/messages", params={"offset": 0}).json() == first
    assert linq_mock.violations == [] and sendblue_mock.violations == []


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
