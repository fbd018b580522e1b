"""Error responses become the exception a caller catches, carrying what support needs."""

from __future__ import annotations

import socket
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer

STATUS_CLASSES = [
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "InternalServerError"),
    (502, "InternalServerError"),
    (503, "InternalServerError"),
    (418, "APIStatusError"),
]


@pytest.mark.parametrize(("status", "class_name"), STATUS_CLASSES)
def test_each_status_raises_its_class(demo: ModuleType, server: LoopbackServer, status: int, class_name: str) -> None:
    body = {"error": {"status": status, "code": status * 10, "message": "Chat not found."}, "trace_id": "tr_123"}
    server.reply(status, json=body, headers={"X-Extra": "yes"})
    with (
        demo.Demo(api_key="k", base_url=server.url, max_retries=0) as client,
        pytest.raises(demo.APIStatusError) as caught,
    ):
        client.chats.retrieve("chat_1")
    error = caught.value
    assert type(error) is getattr(demo, class_name)
    assert isinstance(error, demo.APIError)
    assert isinstance(error, demo.SDKError)
    assert error.status_code == status
    assert error.headers["x-extra"] == "yes"
    assert error.body == body
    assert error.request_id == "tr_123"
    assert error.request.method == "GET"
    assert error.response.status_code == status
    assert str(status) in error.message
    assert f"GET {server.url}/v3/chats/chat_1" in error.message
    assert error.message.endswith(": Chat not found.")
    assert str(error) == error.message


@pytest.mark.parametrize("header", ["x-request-id", "request-id", "x-trace-id"])
def test_request_id_from_headers_first(demo: ModuleType, client: Any, server: LoopbackServer, header: str) -> None:
    server.reply(400, json={"trace_id": "from-body"}, headers={header: "from-header"})
    with pytest.raises(demo.BadRequestError) as caught:
        client.chats.retrieve("chat_1")
    assert caught.value.request_id == "from-header"


def test_request_id_and_message_nested_under_error(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(404, json={"error": {"message": "gone", "request_id": "req_9"}})
    with pytest.raises(demo.NotFoundError) as caught:
        client.chats.retrieve("chat_1")
    assert caught.value.request_id == "req_9"
    assert caught.value.message.endswith(": gone")


def test_sendblue_style_error_message(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    body = {"status": "ERROR", "error_code": 400, "error_message": "number must be an E.164 phone number"}
    server.reply(400, json=body)
    with pytest.raises(demo.BadRequestError) as caught:
        client.messages.send(content="hi")
    assert caught.value.body == body
    assert caught.value.request_id is None
    assert "400 Bad Request from POST" in caught.value.message
    assert caught.value.message.endswith(": number must be an E.164 phone number")


def test_text_error_body(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(403, body=b"forbidden here", headers={"Content-Type": "text/plain"})
    with pytest.raises(demo.PermissionDeniedError) as caught:
        client.chats.retrieve("chat_1")
    assert caught.value.body == "forbidden here"
    assert caught.value.message.endswith(": forbidden here")


def test_rate_limit_error_carries_retry_after(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(429, json={"error_message": "Too many requests"}, headers={"Retry-After": "7"})
    with (
        demo.Demo(api_key="k", base_url=server.url, max_retries=0) as client,
        pytest.raises(demo.RateLimitError) as caught,
    ):
        client.chats.retrieve("chat_1")
    assert caught.value.retry_after == 7.0


def test_error_from_a_streamed_call_has_its_body(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(404, json={"error": {"message": "Chat not found."}})
    with pytest.raises(demo.NotFoundError) as caught, client.chats.with_streaming_response.retrieve("nope"):
        pass
    assert caught.value.body == {"error": {"message": "Chat not found."}}


def test_connection_refused_is_a_connection_error(demo: ModuleType, delays: list[float]) -> None:
    with socket.socket() as probe:  # a port nobody listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with demo.Demo(api_key="k", base_url=f"http://127.0.0.1:{port}", max_retries=1) as client:
        client._sleep = delays.append
        with pytest.raises(demo.APIConnectionError) as caught:
            client.chats.retrieve("chat_1")
    assert not isinstance(caught.value, demo.APITimeoutError)
    assert caught.value.request.url == f"http://127.0.0.1:{port}/v3/chats/chat_1"
    assert len(delays) == 1


def test_missing_credentials(demo: ModuleType) -> None:
    with pytest.raises(demo.MissingCredentialsError):
        demo.Demo(base_url="http://127.0.0.1:1")
    assert issubclass(demo.MissingCredentialsError, demo.SDKError)


def test_request_validation_error_lists_every_problem(demo: ModuleType) -> None:
    error = demo.RequestValidationError([("/message/parts/0", "a link must be alone"), ("limit", "at most 100")])
    assert isinstance(error, ValueError)
    assert isinstance(error, demo.SDKError)
    assert error.errors == [("/message/parts/0", "a link must be alone"), ("limit", "at most 100")]
    assert str(error) == "invalid request: /message/parts/0: a link must be alone; limit: at most 100"
