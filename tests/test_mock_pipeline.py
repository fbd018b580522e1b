"""The order in which the mock's stages look at a request (`contract_tests/mock/pipeline.py`).

A request with two things wrong gets the answer of the earlier stage: a client (or a test)
can rely on which status it sees, and on a refused request not costing what a later stage
would charge (reading its body, a unit of its rate limit).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from functools import cache

import httpx
import pytest

from contract_tests.mock import Limits, MockServer, create_app
from generator.ir.build import build_api
from generator.ir.model import Api
from tests.conftest import LINQ_AUTH, ROOT

LINQ = ROOT / "spec" / "linq.yaml"
VALID_CHAT = {"from": "+12223334444", "to": ["+13334445555"], "message": {"parts": [{"type": "text", "value": "x"}]}}
INVALID_CHAT = {"from": "+12223334444", "to": ["+13334445555"], "message": {"parts": []}}


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(LINQ, mode="examples", limits=Limits(max_body_bytes=1000), self_check=True) as running:
        yield running


@pytest.fixture
def client(server: MockServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url) as client:
        yield client
    assert server.violations == []


@cache
def linq_api() -> Api:
    return build_api(LINQ)


def status_and_message(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["message"]


def test_an_unknown_route_is_answered_before_any_fault(client: httpx.Client) -> None:
    fault = {**LINQ_AUTH, "X-Mock-Fault": "503"}
    assert client.delete("/v3/chats", headers=fault).status_code == 405
    assert client.get("/v3/nothing", headers=fault).status_code == 404


def test_a_fault_is_injected_before_the_body_is_read(client: httpx.Client) -> None:
    oversized = b"{" + b" " * 5000 + b"}"
    headers = {**LINQ_AUTH, "Content-Type": "application/json", "X-Mock-Fault": "503"}
    assert client.post("/v3/chats", content=oversized, headers=headers).status_code == 503


def test_the_body_limit_is_applied_before_credentials_are_asked_for(client: httpx.Client) -> None:
    oversized = b"{" + b" " * 5000 + b"}"
    response = client.post("/v3/chats", content=oversized, headers={"Content-Type": "application/json"})
    status, message = status_and_message(response)
    assert status == 413 and "too large" in message
    assert response.headers["connection"] == "close"


@pytest.mark.parametrize("declared", [b"\xb3", b"\xb2\xb3", b"1" * 5000, b"12\xb3", b"x"])
def test_a_content_length_in_other_than_ascii_digits_is_no_length(declared: bytes) -> None:
    """Such a header reaches the app only in process (a server's HTTP parser refuses it): '³'
    (Latin-1 0xB3) passes `isdigit()`, and `int()` refuses it, as it refuses 5000 digits."""
    app = create_app(linq_api(), "examples", limits=Limits(max_body_bytes=1000))

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            request = client.build_request("POST", "/v3/chats", content=json.dumps(INVALID_CHAT).encode())
            request.headers = httpx.Headers(
                [*LINQ_AUTH.items(), ("Content-Type", "application/json"), (b"Content-Length", declared)]
            )
            return await asyncio.wait_for(client.send(request), 10)

    status, message = status_and_message(asyncio.run(send()))
    assert status == 400 and "body#/message/parts" in message  # the body was read, and checked


def test_credentials_before_validation(client: httpx.Client) -> None:
    assert client.post("/v3/chats", json=INVALID_CHAT).status_code == 401


def test_an_unacceptable_accept_is_a_406_only_for_an_otherwise_valid_request(client: httpx.Client) -> None:
    headers = {**LINQ_AUTH, "Accept": "text/html"}
    status, message = status_and_message(client.post("/v3/chats", json=INVALID_CHAT, headers=headers))
    assert status == 400 and "body#/message/parts" in message
    status, message = status_and_message(client.post("/v3/chats", json=VALID_CHAT, headers=headers))
    assert status == 406 and "Cannot answer Accept: text/html" in message


def test_requests_without_credentials_do_not_count_against_the_rate_limit() -> None:
    with MockServer(LINQ, mode="examples", rate_limit=(2, 60)) as server, httpx.Client(base_url=server.url) as client:
        for _ in range(5):
            assert client.get("/v3/chats").status_code == 401
        assert client.get("/v3/chats", headers=LINQ_AUTH).status_code == 200
        # The limit is counted before validation: an invalid request uses up a unit, and once the
        # limit is reached it gets the 429, not its 400.
        assert client.post("/v3/chats", json=INVALID_CHAT, headers=LINQ_AUTH).status_code == 400
        response = client.post("/v3/chats", json=INVALID_CHAT, headers=LINQ_AUTH)
        assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1


def test_a_path_parameter_holding_a_slash_is_one_segment(tmp_path) -> None:
    """Clients percent-encode a `/` in a path parameter (an AWS ARN, an Azure scope); the mock
    matched the decoded path, where the value split into segments: `No operation matches` (26
    calls of the public-spec corpus)."""
    spec = tmp_path / "tags.json"
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.0.3",
                "info": {"title": "Tags", "version": "1"},
                "paths": {
                    "/tags/{arn}": {
                        "get": {
                            "operationId": "listTags",
                            "parameters": [
                                {"name": "arn", "in": "path", "required": True, "schema": {"type": "string"}}
                            ],
                            "responses": {"200": {"description": "ok"}},
                        }
                    },
                    "/tags/{arn}/count": {
                        "get": {
                            "operationId": "countTags",
                            "parameters": [
                                {"name": "arn", "in": "path", "required": True, "schema": {"type": "string"}}
                            ],
                            "responses": {"200": {"description": "ok"}},
                        }
                    },
                    "/café/x%y": {"get": {"operationId": "literal", "responses": {"200": {"description": "ok"}}}},
                },
            }
        ),
        encoding="utf-8",
    )
    with MockServer(spec, mode="examples") as server, httpx.Client(base_url=server.url) as client:
        assert client.get("/tags/arn%3Aaws%3Agroup%2Fa").status_code == 200
        assert client.get("/tags/arn%3Aaws%3Agroup%2Fa/count").status_code == 200
        assert client.get("/tags/group/a/b").status_code == 404  # a slash as it is still separates segments
        assert client.get("/caf%C3%A9/x%25y").status_code == 200  # literal paths match decoded
