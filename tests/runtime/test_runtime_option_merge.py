"""`copy()` / `with_options()` merge `default_headers` and `default_query` with the client's:
a name given replaces its value, `None` removes it, `Omit()` keeps a header (even an HTTP client default) from being sent."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import LoopbackServer


def test_headers_and_query_merge(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    with demo.Demo(
        api_key="k", base_url=server.url, default_headers={"X-Team": "blue"}, default_query={"region": "eu"}
    ) as base:
        copy = base.with_options(default_headers={"X-Trace": "1"}, default_query={"lang": "fr"})
        assert copy.default_headers == {"X-Team": "blue", "X-Trace": "1"}
        assert copy.default_query == {"region": "eu", "lang": "fr"}
        assert base.default_headers == {"X-Team": "blue"}  # the original is unchanged
        assert base.default_query == {"region": "eu"}
        copy.chats.retrieve("chat_1")
    seen = server.last
    assert seen.headers["x-team"] == "blue" and seen.headers["x-trace"] == "1"
    assert seen.query == {"region": ["eu"], "lang": ["fr"]}


def test_a_name_given_replaces_its_value_whatever_its_case(demo: ModuleType) -> None:
    base = demo.Demo(api_key="k", base_url="http://127.0.0.1:1", default_headers={"X-Team": "blue"})
    assert base.copy(default_headers={"x-team": "red"}).default_headers == {"x-team": "red"}
    assert base.copy(default_query={"a": "1"}).copy(default_query={"a": "2"}).default_query == {"a": "2"}


def test_none_removes_a_default(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    base = demo.Demo(
        api_key="k",
        base_url=server.url,
        default_headers={"X-Team": "blue", "X-Keep": "1"},
        default_query={"region": "eu", "keep": "1"},
    )
    copy = base.with_options(default_headers={"x-team": None}, default_query={"region": None})
    assert copy.default_headers == {"X-Keep": "1"}
    assert copy.default_query == {"keep": "1"}
    copy.chats.retrieve("chat_1")
    assert "x-team" not in server.last.headers
    assert server.last.query == {"keep": ["1"]}


def test_omit_keeps_a_header_from_being_sent(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(json={"id": "chat_1"})
    base = demo.Demo(api_key="k", base_url=server.url, default_query={"region": "eu"})
    copy = base.with_options(default_headers={"Accept-Encoding": demo.Omit()}, default_query={"region": demo.Omit()})
    assert copy.default_query == {}
    copy.chats.retrieve("chat_1")
    assert "accept-encoding" not in server.last.headers
    assert "region" not in server.last.query


def test_other_options_pass_through_and_drift_counts_are_shared(demo: ModuleType) -> None:
    base = demo.Demo(api_key="k", base_url="http://127.0.0.1:1")
    strict = base.with_options(strict_responses=True, validate_requests=False)
    assert strict.strict_responses is True and strict.validate_requests is False
    assert base.strict_responses is False
    assert strict.drift_counts is base.drift_counts
    assert strict.copy().strict_responses is True
