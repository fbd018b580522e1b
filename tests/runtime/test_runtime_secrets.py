"""Credentials stay out of reprs and error messages; headers that could split a request are refused."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer

SECRET = "sk_live_never_shown"


def test_repr_shows_settings_and_masks_credentials(demo: ModuleType) -> None:
    with demo.Demo(api_key=SECRET, base_url="https://api.example.test/v1", timeout=5.0, max_retries=3) as client:
        text = repr(client)
    assert text == "Demo(base_url='https://api.example.test/v1', timeout=5.0, max_retries=3, api_key='***')"
    copied = client.with_options(timeout=httpx.Timeout(2.0))
    assert repr(copied).startswith("Demo(base_url='https://api.example.test/v1', timeout=Timeout(timeout=2.0)")
    assert SECRET not in repr(copied)


@pytest.mark.anyio
async def test_async_repr_masks_credentials_and_url_user_info(demo: ModuleType) -> None:
    async with demo.AsyncDemo(api_key=SECRET, base_url=f"https://user:{SECRET}@api.example.test") as client:
        text = repr(client)
    assert SECRET not in text
    assert text.startswith("AsyncDemo(base_url='https://***@api.example.test'")
    assert text.endswith("api_key='***')")


def test_status_error_carries_no_credential(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(401, json={"error": {"message": "bad key"}})
    with (
        demo.Demo(api_key=SECRET, base_url=server.url, default_query={"api_key": SECRET}, max_retries=0) as client,
        pytest.raises(demo.AuthenticationError) as caught,
    ):
        client.chats.retrieve("chat_1", extra_headers={"X-Secret": SECRET})
    error = caught.value
    for text in (str(error), repr(error), error.message, str(error.args)):
        assert SECRET not in text
    assert error.message == f"401 Unauthorized from GET {server.url}/v3/chats/chat_1?api_key=***: bad key"
    assert error.request.headers["authorization"] == f"Bearer {SECRET}"  # still there for the caller to inspect


def test_response_validation_error_masks_query_secrets(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"chats": "not a list"})
    with (
        demo.Demo(
            api_key=SECRET, base_url=server.url, default_query={"access_token": SECRET}, strict_responses=True
        ) as client,
        pytest.raises(demo.APIResponseValidationError) as caught,
    ):
        client.chats.list()
    assert SECRET not in str(caught.value)


HEADER_CASES = [
    pytest.param({"extra_headers": {"X-Trace": "a\r\nX-Injected: 1"}}, "X-Trace", id="extra_headers CRLF"),
    pytest.param({"extra_headers": {"X-Trace": "a\nb"}}, "X-Trace", id="extra_headers LF"),
    pytest.param({"extra_headers": {"X-Bad\r\nName": "a"}}, "X-Bad\r\nName", id="header name"),
    pytest.param({"default_headers": {"X-Team": "blue\r"}}, "X-Team", id="default_headers CR"),
    pytest.param({"api_key": SECRET + "\n"}, "Authorization", id="credential"),
    pytest.param({"idempotency_key": "order-1\r\n"}, "Idempotency-Key", id="idempotency key"),
]


def _split_call_kwargs(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    client_kwargs = {k: v for k, v in kwargs.items() if k in ("default_headers", "api_key")}
    return {"api_key": SECRET, **client_kwargs}, {k: v for k, v in kwargs.items() if k not in client_kwargs}


@pytest.mark.parametrize(("kwargs", "header"), HEADER_CASES)
def test_line_breaks_in_headers_are_refused_before_sending(
    demo: ModuleType, server: LoopbackServer, kwargs: dict[str, Any], header: str
) -> None:
    client_kwargs, call_kwargs = _split_call_kwargs(kwargs)
    with demo.Demo(base_url=server.url, **client_kwargs) as client, pytest.raises(demo.InvalidHeaderError) as caught:
        client.messages.send(content="hi", **call_kwargs)
    assert server.requests == []
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, demo.RequestValidationError)
    assert error.header == header
    assert repr(header) in str(error) and "line break" in str(error)
    assert SECRET not in str(error) and "X-Injected" not in str(error)


@pytest.mark.anyio
@pytest.mark.parametrize(("kwargs", "header"), HEADER_CASES[:1] + HEADER_CASES[3:5])
async def test_async_line_breaks_in_headers_are_refused_before_sending(
    demo: ModuleType, server: LoopbackServer, kwargs: dict[str, Any], header: str
) -> None:
    client_kwargs, call_kwargs = _split_call_kwargs(kwargs)
    async with demo.AsyncDemo(base_url=server.url, **client_kwargs) as client:
        with pytest.raises(demo.InvalidHeaderError, match="line break") as caught:
            await client.chats.retrieve("chat_1", **call_kwargs)
        with pytest.raises(demo.InvalidHeaderError):
            await client.chats.list(extra_headers=call_kwargs.get("extra_headers"))
    assert caught.value.header == header
    assert server.requests == []
