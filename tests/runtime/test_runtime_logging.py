"""Logging: silent until the client's environment variable turns it on, and never a secret."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer

SECRET = "sk_live_do_not_log"
LOGGER = "demo_client"


@pytest.fixture(autouse=True)
def restore_logger(monkeypatch: pytest.MonkeyPatch) -> Iterator[logging.Logger]:
    """Each test starts from an unconfigured logger and leaves none of its settings behind."""
    monkeypatch.delenv("DEMO_LOG", raising=False)
    logger = logging.getLogger(LOGGER)
    level, handlers = logger.level, list(logger.handlers)
    logger.setLevel(logging.NOTSET)
    yield logger
    logger.setLevel(level)
    logger.handlers[:] = handlers


def records(caplog: pytest.LogCaptureFixture, level: int | None = None) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and (level is None or r.levelno == level)]


def test_silent_by_default(demo: ModuleType, server: LoopbackServer, caplog: pytest.LogCaptureFixture) -> None:
    server.reply(json={"id": "chat_1"})
    with demo.Demo(api_key=SECRET, base_url=server.url) as client:
        client.chats.retrieve("chat_1")
    assert records(caplog) == []


def test_info_logs_one_line_per_call(
    demo: ModuleType, server: LoopbackServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_LOG", "info")
    server.reply(503, json={})
    server.reply(json={"id": "chat_1"})
    server.reply(json={"chats": []})
    with demo.Demo(api_key=SECRET, base_url=server.url) as client:
        client._sleep = lambda delay: None
        client.chats.retrieve("chat_1")
        client.chats.list(limit=2, extra_query={"api_key": SECRET})
    lines = [r.getMessage() for r in records(caplog)]
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"GET {server.url}/v3/chats/chat_1 -> 200 OK in ")
    assert lines[0].endswith("s (1 retry)")
    assert lines[1].startswith(f"GET {server.url}/v3/chats?limit=2&api_key=*** -> 200 OK")
    assert lines[1].endswith("(0 retries)")
    assert all(r.levelno == logging.INFO for r in records(caplog))
    assert SECRET not in caplog.text


def test_info_logs_calls_that_got_no_response(
    demo: ModuleType, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_LOG", "INFO")
    with (
        demo.Demo(api_key=SECRET, base_url="http://127.0.0.1:1", max_retries=0) as client,
        pytest.raises(demo.APIConnectionError),
    ):
        client.chats.retrieve("chat_1")
    (line,) = [r.getMessage() for r in records(caplog)]
    assert line.startswith("GET http://127.0.0.1:1/v3/chats/chat_1 -> ConnectError in ")


def test_debug_logs_headers_and_bodies_with_secrets_masked(
    demo: ModuleType, server: LoopbackServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_LOG", "debug")
    server.reply(
        json={"id": "chat_1", "display_name": "Team", "access_token": SECRET},
        headers={"Set-Cookie": f"session={SECRET}", "X-Request-Id": "req_1"},
    )
    with demo.Demo(
        api_key=SECRET,
        base_url=server.url,
        default_headers={"sb-api-key-id": SECRET, "sb-api-secret-key": SECRET, "X-Team": "blue"},
        default_query={"token": SECRET, "region": "eu"},
    ) as client:
        client.chats.create(
            display_name="Team",
            extra_body={"client_secret": SECRET},
            extra_headers={"X-Auth-Token": SECRET, "Proxy-Authorization": f"Basic {SECRET}"},
        )
    text = caplog.text
    assert SECRET not in text
    request, response, outcome = records(caplog)
    assert request.levelno == response.levelno == logging.DEBUG
    assert outcome.levelno == logging.INFO
    sent = request.getMessage()
    assert f"POST {server.url}/v3/chats?token=***&region=eu" in sent
    for header in ("Authorization", "sb-api-key-id", "sb-api-secret-key", "X-Auth-Token", "Proxy-Authorization"):
        assert f"{header}: ***" in sent
    assert "X-Team: blue" in sent
    assert '"display_name": "Team"' in sent and '"client_secret": "***"' in sent
    received = response.getMessage()
    assert "200 OK" in received
    assert "Set-Cookie: ***" in received and "X-Request-Id: req_1" in received
    assert '"access_token": "***"' in received and '"display_name": "Team"' in received


def test_debug_does_not_read_a_streamed_body(
    demo: ModuleType, client: Any, server: LoopbackServer, caplog: pytest.LogCaptureFixture, restore_logger: Any
) -> None:
    restore_logger.setLevel(logging.DEBUG)  # configured by the application, not the variable
    server.reply(json={"id": "chat_1"})
    with client.chats.with_streaming_response.retrieve("chat_1") as response:
        assert "body not read" in records(caplog)[1].getMessage()
        assert response.parse().id == "chat_1"


def test_debug_logs_each_retry(
    demo: ModuleType, client: Any, server: LoopbackServer, caplog: pytest.LogCaptureFixture, restore_logger: Any
) -> None:
    restore_logger.setLevel(logging.DEBUG)
    server.reply(429, json={}, headers={"Retry-After": "0"})
    server.reply(json={"id": "chat_1"})
    client.chats.retrieve("chat_1")
    messages = [r.getMessage() for r in records(caplog)]
    assert any(m.startswith(f"retrying GET {server.url}/v3/chats/chat_1 in ") and "429" in m for m in messages)
    assert "request (attempt 2)" in messages[3]


def test_the_variable_adds_one_handler_however_many_clients(
    demo: ModuleType, monkeypatch: pytest.MonkeyPatch, restore_logger: logging.Logger
) -> None:
    monkeypatch.setenv("DEMO_LOG", "debug")
    for _ in range(3):
        demo.Demo(api_key="k", base_url="http://127.0.0.1:1").close()
    assert restore_logger.level == logging.DEBUG
    assert len(restore_logger.handlers) == 1


@pytest.mark.parametrize("value", ["", "off", "warning", "verbose"])
def test_other_values_leave_logging_alone(
    demo: ModuleType, monkeypatch: pytest.MonkeyPatch, restore_logger: logging.Logger, value: str
) -> None:
    monkeypatch.setenv("DEMO_LOG", value)
    demo.Demo(api_key="k", base_url="http://127.0.0.1:1").close()
    assert restore_logger.level == logging.NOTSET
    assert restore_logger.handlers == []


@pytest.mark.anyio
async def test_async_client_logs_the_same_way(
    demo: ModuleType, server: LoopbackServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_LOG", "debug")
    server.reply(json={"id": "chat_1"})
    async with demo.AsyncDemo(api_key=SECRET, base_url=server.url) as client:
        await client.chats.retrieve("chat_1")
    assert SECRET not in caplog.text
    request, response, outcome = (r.getMessage() for r in records(caplog))
    assert "Authorization: ***" in request
    assert '"id": "chat_1"' in response
    assert outcome.startswith(f"GET {server.url}/v3/chats/chat_1 -> 200 OK")


def test_redaction_helpers(demo: ModuleType) -> None:
    from demo_client import _logging

    assert _logging.redact_url("https://user:pw@h.test/a?x=1&apiKey=s%20k&b=%2F&access-token") == (
        "https://***@h.test/a?x=1&apiKey=***&b=%2F&access-token"
    )
    assert _logging.redact_headers({"Authorization": "Bearer s", "Cookie": "a=b", "Accept": "*/*"}) == [
        ("Authorization", "***"),
        ("Cookie", "***"),
        ("Accept", "*/*"),
    ]
    assert _logging.redact_json({"a": [{"password": "p", "refresh_token": None}], "n": 1}) == {
        "a": [{"password": "***", "refresh_token": None}],
        "n": 1,
    }
