"""Building requests: URL, query string, headers and JSON body; parsing what comes back."""

from __future__ import annotations

import datetime
import enum
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pydantic
import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer


class Service(enum.Enum):
    IMESSAGE = "iMessage"


def options(demo: ModuleType, method: str = "GET", url: str = "/v3/things", **kwargs: Any) -> Any:
    return demo.FinalRequestOptions(method=method, url=url, **kwargs)


def test_query_merges_defaults_params_and_extra_query(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={})
    with demo.Demo(api_key="k", base_url=server.url, default_query={"region": "us", "limit": 5}) as client:
        client.request(
            dict,
            options(
                demo,
                params={
                    "limit": 10,
                    "cursor": demo.NOT_GIVEN,
                    "group_id": None,
                    "service": Service.IMESSAGE,
                    "is_outbound": False,
                    "is_read": True,
                    "status": ["SENT", "DELIVERED"],
                    "created_at_gte": datetime.datetime(2025, 5, 1, 12, 0, tzinfo=datetime.UTC),
                },
                extra_query={"region": "eu", "trace": "1"},
            ),
        )
    assert server.last.query == {
        "region": ["eu"],
        "limit": ["10"],
        "service": ["iMessage"],
        "is_outbound": ["false"],
        "is_read": ["true"],
        "status": ["SENT", "DELIVERED"],
        "created_at_gte": ["2025-05-01T12:00:00+00:00"],
        "trace": ["1"],
    }


def test_none_removes_a_default_query_value_and_not_given_keeps_it(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={})
    with demo.Demo(api_key="k", base_url=server.url, default_query={"region": "us", "team": "blue"}) as client:
        client.request(dict, options(demo, params={"team": demo.NOT_GIVEN}, extra_query={"region": None}))
    assert server.last.query == {"team": ["blue"]}


def test_base_url_path_prefix_is_kept(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    with demo.Demo(api_key="k", base_url=server.url + "/api/partner/") as client:
        client.chats.retrieve("chat_1")
    assert server.last.path == "/api/partner/v3/chats/chat_1"


def test_headers_layer_defaults_auth_user_agent_accept_then_the_call(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    with demo.Demo(
        api_key="sk_live",
        base_url=server.url,
        default_headers={"X-Team": "blue", "Authorization": "overridden by auth"},
    ) as client:
        client.chats.retrieve("chat_1", extra_headers={"X-Call": "1", "Accept": "application/problem+json"})
    headers = server.last.headers
    assert headers["authorization"] == "Bearer sk_live"
    assert headers["x-team"] == "blue"
    assert headers["x-call"] == "1"
    assert headers["user-agent"] == "demo-client/1.0"
    assert headers["accept"] == "application/problem+json"
    assert "idempotency-key" not in headers  # GET
    assert not any(name.startswith("x-sdk") for name in headers)


def test_omit_removes_a_header_the_client_would_send(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    client.chats.retrieve(
        "chat_1",
        extra_headers={"User-Agent": demo.Omit(), "Accept": demo.Omit(), "Authorization": demo.NOT_GIVEN},
    )
    assert "user-agent" not in server.last.headers
    assert "accept" not in server.last.headers
    assert server.last.headers["authorization"] == "Bearer sk_test"  # NOT_GIVEN changes nothing


def test_json_body_drops_not_given_and_merges_extra_body(client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1", "display_name": "Team"})
    chat = client.chats.create(display_name="Team", extra_body={"ttl": 30, "display_name": "Team!"})
    assert server.last.method == "POST"
    assert server.last.headers["content-type"] == "application/json"
    assert server.last.json() == {"display_name": "Team!", "ttl": 30}  # `message` was NOT_GIVEN
    assert chat.display_name == "Team"


def test_json_body_serialises_models_dates_and_enums(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    class Part(pydantic.BaseModel):
        kind: str = pydantic.Field(alias="type")
        value: str = "x"

    server.reply(json={})
    client.request(
        dict,
        options(
            demo,
            "POST",
            json_data={
                "part": Part(type="text"),
                "at": datetime.date(2025, 5, 1),
                "service": Service.IMESSAGE,
                "note": None,
            },
        ),
    )
    assert server.last.json() == {"part": {"type": "text"}, "at": "2025-05-01", "service": "iMessage", "note": None}


def test_extra_body_replaces_a_body_that_is_not_an_object(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.reply(json={})
    client.request(dict, options(demo, "POST", json_data=["a"], extra_json=["b"]))
    assert server.last.json() == ["b"]


def test_response_is_parsed_into_the_model(client: Any, server: LoopbackServer, demo: ModuleType) -> None:
    server.reply(json={"id": "chat_1", "display_name": "Team", "unknown": 1})
    chat = client.chats.retrieve("chat_1")
    assert isinstance(chat, demo.Chat)
    assert chat.id == "chat_1"


def test_response_types_pydantic_accepts(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(json=[{"id": "a"}, {"id": "b"}])
    chats = client.request(list[demo.Chat], options(demo))
    assert [chat.id for chat in chats] == ["a", "b"]
    server.reply(json={"ok": True})
    assert client.request(dict[str, bool], options(demo)) == {"ok": True}


def test_empty_body_with_none_cast_to(client: Any, server: LoopbackServer) -> None:
    server.reply(204)
    assert client.chats.delete("chat_1") is None
    assert server.last.method == "DELETE"


def test_text_response_as_str(demo: ModuleType, client: Any, server: LoopbackServer) -> None:
    server.reply(body=b"pong", headers={"Content-Type": "text/plain"})
    assert client.request(str, options(demo)) == "pong"


def test_body_not_matching_the_model_raises_response_validation_error_when_strict(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.reply(json={"display_name": "no id"})
    with pytest.raises(demo.APIResponseValidationError) as caught:
        client.with_options(strict_responses=True).chats.retrieve("chat_1")
    assert caught.value.status_code == 200
    assert caught.value.body == {"display_name": "no id"}
    assert "Chat" in caught.value.message


def test_body_that_is_not_json_raises_response_validation_error(
    demo: ModuleType, client: Any, server: LoopbackServer
) -> None:
    server.reply(body=b"<html>oops</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(demo.APIResponseValidationError) as caught:
        client.chats.retrieve("chat_1")
    assert caught.value.body == "<html>oops</html>"


@pytest.mark.anyio
async def test_async_client_builds_the_same_request(async_client: Any, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    chat = await async_client.chats.create(display_name="Team", message={"parts": []})
    assert chat.id == "chat_1"
    seen = server.last
    assert seen.path == "/v3/chats"
    assert seen.headers["authorization"] == "Bearer sk_test"
    assert seen.json()["message"]["parts"] == []
