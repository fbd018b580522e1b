"""The client's life: settings, copies, the HTTP client it owns or borrows, closing."""

from __future__ import annotations

import copy
import pickle
from types import ModuleType
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer


def test_user_supplied_http_client_is_used_and_left_open(demo: ModuleType, server: LoopbackServer) -> None:
    sent: list[httpx.Request] = []
    http_client = httpx.Client(headers={"X-Proxy-Tag": "corp"}, event_hooks={"request": [sent.append]})
    server.reply(json={"id": "chat_1"})
    with demo.Demo(api_key="k", base_url=server.url, http_client=http_client) as client:
        assert client.http_client is http_client
        client.chats.retrieve("chat_1")
    assert len(sent) == 1
    assert server.last.headers["x-proxy-tag"] == "corp"
    assert server.last.headers["authorization"] == "Bearer k"
    assert not http_client.is_closed  # its owner closes it
    http_client.close()


def test_owned_http_client_is_closed(demo: ModuleType, server: LoopbackServer) -> None:
    client = demo.Demo(api_key="k", base_url=server.url)
    assert not client.is_closed
    client.close()
    assert client.is_closed
    with demo.Demo(api_key="k", base_url=server.url) as managed:
        pass
    assert managed.is_closed


@pytest.mark.anyio
async def test_async_user_supplied_http_client_is_left_open(demo: ModuleType, server: LoopbackServer) -> None:
    http_client = httpx.AsyncClient()
    server.reply(json={"id": "chat_1"})
    async with demo.AsyncDemo(api_key="k", base_url=server.url, http_client=http_client) as client:
        await client.chats.retrieve("chat_1")
    assert not http_client.is_closed
    await http_client.aclose()


@pytest.mark.anyio
async def test_async_owned_http_client_is_closed(demo: ModuleType, server: LoopbackServer) -> None:
    async with demo.AsyncDemo(api_key="k", base_url=server.url) as client:
        assert not client.is_closed
    assert client.is_closed
    other = demo.AsyncDemo(api_key="k", base_url=server.url)
    await other.aclose()
    assert other.is_closed


def test_with_options_keeps_settings_and_credentials(
    demo: ModuleType, server: LoopbackServer, delays: list[float]
) -> None:
    server.reply(500, json={})
    server.reply(json={"id": "chat_1"})
    base = demo.Demo(
        api_key="sk_1",
        base_url=server.url,
        default_headers={"X-Team": "blue"},
        default_query={"region": "eu"},
        timeout=3.0,
    )
    base._sleep = delays.append
    fast = base.with_options(timeout=0.5)
    assert fast.timeout == 0.5
    assert base.timeout == 3.0
    assert fast.max_retries == base.max_retries == 2
    assert fast.api_key == "sk_1"
    assert fast.http_client is base.http_client
    fast.chats.retrieve("chat_1")
    assert len(delays) == 1  # the copy waits the way the original does
    seen = server.last
    assert seen.headers["authorization"] == "Bearer sk_1"
    assert seen.headers["x-team"] == "blue"
    assert seen.headers["user-agent"] == "demo-client/1.0"
    assert seen.query == {"region": ["eu"]}
    fast.close()
    assert not base.is_closed  # the copy borrowed the HTTP client
    base.close()
    assert base.is_closed


def test_copy_overrides_credentials_and_user_agent(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    other = client.copy(api_key="sk_2", user_agent="custom/2", default_headers={"X-New": "1"})
    other.chats.retrieve("chat_1")
    assert server.last.headers["authorization"] == "Bearer sk_2"
    assert server.last.headers["user-agent"] == "custom/2"
    assert server.last.headers["x-new"] == "1"
    assert client.api_key == "sk_test"


def test_with_options_timeout_none_means_no_timeout(client: Any) -> None:
    assert client.with_options(timeout=None).timeout is None


def test_negative_max_retries_is_refused(demo: ModuleType) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        demo.Demo(api_key="k", base_url="http://127.0.0.1:1", max_retries=-1)


def test_defaults(demo: ModuleType) -> None:
    with demo.Demo(api_key="k", base_url="http://127.0.0.1:1") as client:
        assert client.max_retries == demo.DEFAULT_MAX_RETRIES == 2
        assert client.timeout == demo.DEFAULT_TIMEOUT == httpx.Timeout(60.0)
        assert client.base_url == httpx.URL("http://127.0.0.1:1")


def test_not_given_is_a_falsy_singleton(demo: ModuleType) -> None:
    assert not demo.NOT_GIVEN
    assert repr(demo.NOT_GIVEN) == "NOT_GIVEN"
    assert demo.NotGiven() is demo.NOT_GIVEN
    assert copy.deepcopy(demo.NOT_GIVEN) is demo.NOT_GIVEN
    assert pickle.loads(pickle.dumps(demo.NOT_GIVEN)) is demo.NOT_GIVEN
    assert not demo.Omit()
