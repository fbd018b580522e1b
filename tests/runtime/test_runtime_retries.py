"""Retries: which failures are retried, how long the client waits, and idempotency keys."""

from __future__ import annotations

import email.utils
import time
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_status_is_retried_then_succeeds(
    client: Any, server: LoopbackServer, delays: list[float], status: int
) -> None:
    server.reply(status, json={"error": {"message": "try again"}})
    server.reply(json={"id": "chat_1"})
    assert client.chats.retrieve("chat_1").id == "chat_1"
    assert len(server.requests) == 2
    assert len(delays) == 1


@pytest.mark.parametrize(("status", "class_name"), [(400, "BadRequestError"), (404, "NotFoundError")])
def test_client_errors_are_not_retried(
    demo: ModuleType, client: Any, server: LoopbackServer, delays: list[float], status: int, class_name: str
) -> None:
    server.reply(status, json={})
    with pytest.raises(getattr(demo, class_name)):
        client.chats.retrieve("chat_1")
    assert len(server.requests) == 1
    assert delays == []


def test_gives_up_after_max_retries_with_the_last_error(
    demo: ModuleType, client: Any, server: LoopbackServer, delays: list[float]
) -> None:
    server.reply(503, json={"message": "down"}, times=3)
    with pytest.raises(demo.InternalServerError) as caught:
        client.chats.retrieve("chat_1")
    assert caught.value.status_code == 503
    assert len(server.requests) == 3  # the default: 2 retries
    assert len(delays) == 2


def test_dropped_connection_is_retried(client: Any, server: LoopbackServer, delays: list[float]) -> None:
    server.reply(drop=True)
    server.reply(json={"id": "chat_1"})
    assert client.chats.retrieve("chat_1").id == "chat_1"
    assert len(server.requests) == 2
    assert len(delays) == 1


def test_dropped_connections_exhaust_into_connection_error(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.reply(drop=True, times=3)
    with pytest.raises(demo.APIConnectionError) as caught:
        client.chats.retrieve("chat_1")
    assert not isinstance(caught.value, demo.APITimeoutError)
    assert len(server.requests) == 3


def test_timeout_is_retried_then_raises_timeout_error(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"id": "late"}, delay=0.2, times=2)
    with demo.Demo(api_key="k", base_url=server.url, timeout=0.05, max_retries=1) as client:
        client._sleep = lambda _: None
        with pytest.raises(demo.APITimeoutError) as caught:
            client.chats.retrieve("chat_1")
    assert caught.value.message == "Request timed out."
    assert len(server.requests) == 2


def test_per_call_timeout_overrides_the_client_default(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "late"}, delay=0.2, times=3)
    with pytest.raises(demo.APITimeoutError):
        client.chats.retrieve("chat_1", timeout=0.05)  # the client's is 2 s


def test_max_retries_zero_sends_once(demo: ModuleType, server: LoopbackServer, delays: list[float]) -> None:
    server.reply(503, json={})
    with demo.Demo(api_key="k", base_url=server.url, max_retries=0) as client:
        client._sleep = delays.append
        with pytest.raises(demo.InternalServerError):
            client.chats.retrieve("chat_1")
    assert len(server.requests) == 1
    assert delays == []


def test_max_retries_per_call(demo: ModuleType, client: Any, server: LoopbackServer, delays: list[float]) -> None:
    server.reply(500, json={}, times=5)
    with pytest.raises(demo.InternalServerError):
        client.request(dict, demo.FinalRequestOptions(method="GET", url="/x", max_retries=4))
    assert len(server.requests) == 5
    assert len(delays) == 4


def test_with_options_changes_retries_and_keeps_the_rest(
    demo: ModuleType, client: Any, server: LoopbackServer, delays: list[float]
) -> None:
    server.reply(500, json={}, times=2)
    no_retries = client.with_options(max_retries=0)
    with pytest.raises(demo.InternalServerError):
        no_retries.chats.retrieve("chat_1")
    assert len(server.requests) == 1
    assert server.last.headers["authorization"] == "Bearer sk_test"
    assert client.max_retries == 2  # the original is untouched


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": "0.5"}, 0.5),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),
    ],
)
def test_server_asked_delay_is_honoured(
    client: Any, server: LoopbackServer, delays: list[float], headers: dict[str, str], expected: float
) -> None:
    server.reply(429, json={}, headers=headers)
    server.reply(json={"id": "chat_1"})
    client.chats.retrieve("chat_1")
    assert delays == [expected]


def test_retry_after_http_date_is_honoured(client: Any, server: LoopbackServer, delays: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 5, usegmt=True)
    server.reply(503, json={}, headers={"Retry-After": when})
    server.reply(json={"id": "chat_1"})
    client.chats.retrieve("chat_1")
    [delay] = delays
    assert 3.5 < delay <= 5.0  # the date has whole seconds


@pytest.mark.parametrize("retry_after", ["0", "-1", "61", "3600", "soon"])
def test_unreasonable_retry_after_falls_back_to_backoff(
    client: Any, server: LoopbackServer, delays: list[float], retry_after: str
) -> None:
    server.reply(429, json={}, headers={"Retry-After": retry_after})
    server.reply(json={"id": "chat_1"})
    client.chats.retrieve("chat_1")
    [delay] = delays
    assert 0.375 <= delay <= 0.5


def test_backoff_doubles_with_jitter_and_is_capped(
    demo: ModuleType, server: LoopbackServer, delays: list[float]
) -> None:
    server.reply(500, json={}, times=7)
    with demo.Demo(api_key="k", base_url=server.url, max_retries=6) as client:
        client._sleep = delays.append
        with pytest.raises(demo.InternalServerError):
            client.chats.retrieve("chat_1")
    ceilings = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert len(delays) == len(ceilings)
    for delay, ceiling in zip(delays, ceilings, strict=True):
        assert ceiling * 0.75 <= delay <= ceiling


def test_should_retry_header_can_forbid_a_retry(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(503, json={}, headers={"x-should-retry": "false"})
    with pytest.raises(demo.InternalServerError):
        client.chats.retrieve("chat_1")
    assert len(server.requests) == 1


def test_should_retry_header_can_ask_for_a_retry(client: Any, server: LoopbackServer) -> None:
    server.reply(400, json={}, headers={"x-should-retry": "true"})
    server.reply(json={"id": "chat_1"})
    assert client.chats.retrieve("chat_1").id == "chat_1"
    assert len(server.requests) == 2


# --- idempotency keys ------------------------------------------------------------------------------


def test_idempotency_key_header_is_the_same_on_every_retry(client: Any, server: LoopbackServer) -> None:
    server.reply(500, json={}, times=2)
    server.reply(json={"id": "msg_1"})
    client.messages.send(content="hi")
    keys = [seen.headers.get("idempotency-key") for seen in server.requests]
    assert len(keys) == 3
    assert keys[0] and len(set(keys)) == 1
    assert all("idempotency_key" not in seen.json() for seen in server.requests)


def test_each_call_gets_its_own_key(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "msg_1"}, times=2)
    client.messages.send(content="hi")
    client.messages.send(content="hi")
    first, second = (seen.headers["idempotency-key"] for seen in server.requests)
    assert first != second


def test_callers_key_is_sent(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "msg_1"})
    client.messages.send(content="hi", idempotency_key="mine-1")
    assert server.last.headers["idempotency-key"] == "mine-1"


def test_key_goes_into_the_body_path_when_the_body_has_it(client: Any, server: LoopbackServer) -> None:
    server.reply(503, json={})
    server.reply(json={"id": "chat_1"})
    client.chats.create(display_name="Team", message={"parts": [{"type": "text", "value": "hi"}]})
    bodies = [seen.json() for seen in server.requests]
    keys = [body["message"]["idempotency_key"] for body in bodies]
    assert keys[0] and keys[0] == keys[1]
    assert all("idempotency-key" not in seen.headers for seen in server.requests)


def test_callers_key_in_the_body_is_kept(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.create(display_name="Team", message={"parts": [], "idempotency_key": "welcome-001"})
    assert server.last.json()["message"]["idempotency_key"] == "welcome-001"
    assert "idempotency-key" not in server.last.headers


def test_idempotency_key_argument_goes_into_the_body_path(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.create(display_name="Team", message={"parts": []}, idempotency_key="arg-key")
    assert server.last.json()["message"]["idempotency_key"] == "arg-key"


def test_without_the_parent_object_the_key_is_a_header(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.create(display_name="Team")  # no `message` object in the body
    assert "message" not in server.last.json()
    assert server.last.headers["idempotency-key"]


def test_callers_header_is_the_only_key(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.create(display_name="Team", message={"parts": []}, extra_headers={"Idempotency-Key": "hdr"})
    assert server.last.headers["idempotency-key"] == "hdr"
    assert "idempotency_key" not in server.last.json()["message"]


def test_omitting_the_header_sends_no_key(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.create(display_name="Team", message={"parts": []}, extra_headers={"Idempotency-Key": demo.Omit()})
    assert "idempotency-key" not in server.last.headers
    assert "idempotency_key" not in server.last.json()["message"]


def test_get_requests_carry_no_key(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.retrieve("chat_1")
    assert "idempotency-key" not in server.last.headers


def test_delete_carries_a_key(client: Any, server: LoopbackServer) -> None:
    server.reply(204)
    client.chats.delete("chat_1")
    assert server.last.headers["idempotency-key"]


@pytest.mark.anyio
async def test_async_retries_keep_the_key_and_record_delays(
    async_client: Any, server: LoopbackServer, delays: list[float]
) -> None:
    server.reply(429, json={}, headers={"Retry-After": "2"})
    server.reply(drop=True)
    server.reply(json={"id": "chat_1"})
    chat = await async_client.chats.create(display_name="Team", message={"parts": []})
    assert chat.id == "chat_1"
    assert delays[0] == 2.0
    assert len(delays) == 2
    keys = {seen.json()["message"]["idempotency_key"] for seen in server.requests}
    assert len(server.requests) == 3
    assert len(keys) == 1


@pytest.mark.anyio
async def test_async_timeout(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"id": "late"}, delay=0.2)
    async with demo.AsyncDemo(api_key="k", base_url=server.url, max_retries=0) as client:
        with pytest.raises(demo.APITimeoutError):
            await client.chats.retrieve("chat_1", timeout=0.05)


@pytest.mark.anyio
async def test_the_async_client_waits_by_itself_before_a_retry(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(503, json={"error": {"message": "busy"}}, headers={"retry-after-ms": "50"})
    server.reply(json={"id": "chat_1"})
    async with demo.AsyncDemo(api_key="sk_test", base_url=server.url, timeout=2.0) as client:
        started = time.monotonic()
        assert (await client.chats.retrieve("chat_1")).id == "chat_1"
    assert time.monotonic() - started >= 0.05
    assert len(server.requests) == 2
