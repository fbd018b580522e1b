"""Bodies that are not plain JSON, and the `Accept` header: `FinalRequestOptions.content_type`
and `.accept` as the runtime puts them on the wire (`_media.py`)."""

from __future__ import annotations

import datetime
import enum
import io
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import pytest

if TYPE_CHECKING:
    from conftest import LoopbackServer


class Color(enum.Enum):
    RED = "red"


def send(demo: ModuleType, server: LoopbackServer, method: str = "POST", **options: Any) -> None:
    server.reply(json={})
    with demo.Demo(api_key="k", base_url=server.url, max_retries=0) as client:
        client.request(dict, demo.FinalRequestOptions(method=method, url="/v3/things", **options))


def test_form_fields_are_written_the_openapi_way(demo: ModuleType, server: LoopbackServer) -> None:
    body = {
        "name": "Ann",
        "tags": ["a", "b"],
        "active": False,
        "count": 3,
        "color": Color.RED,
        "day": datetime.date(2026, 1, 2),
        "address": {"city": "Oslo"},
        "missing": None,
        "unset": demo.NOT_GIVEN,
    }
    send(demo, server, json_data=body, content_type="application/x-www-form-urlencoded")
    seen = server.last
    assert seen.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(seen.body.decode("ascii")) == {
        "name": ["Ann"],
        "tags": ["a", "b"],
        "active": ["false"],
        "count": ["3"],
        "color": ["red"],
        "day": ["2026-01-02"],
        "address": ['{"city":"Oslo"}'],
    }
    # The idempotency key goes where it would for JSON: into the body when the path is there.
    send(
        demo,
        server,
        json_data={"name": "Ann"},
        content_type="application/x-www-form-urlencoded",
        idempotency_key="key-1",
        idempotency_key_path=("idempotency_key",),
    )
    assert parse_qs(server.last.body.decode("ascii")) == {"name": ["Ann"], "idempotency_key": ["key-1"]}


def test_a_multipart_file_is_sent_again_on_a_retry(demo: ModuleType, server: LoopbackServer) -> None:
    server.reply(503, json={}, headers={"Retry-After": "0"})
    server.reply(json={})
    with demo.Demo(api_key="k", base_url=server.url, max_retries=1) as client:
        options = demo.FinalRequestOptions(
            method="POST",
            url="/v3/files",
            json_data={"file": io.BytesIO(b"content"), "kind": "doc"},
            content_type="multipart/form-data",
        )
        client.request(dict, options)
    for seen in server.requests[-2:]:  # the file is read from its start each time
        assert seen.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert b"\r\n\r\ncontent\r\n" in seen.body and b'name="kind"\r\n\r\ndoc\r\n' in seen.body


@pytest.mark.parametrize(
    ("content_type", "body", "wire"),
    [
        ("application/x-amz-json-1.1", {"a": 1}, b'{"a":1}'),
        ("application/vnd.api+json", [1, 2], b"[1,2]"),
        ("text/plain", "h\u00e9llo", "h\u00e9llo".encode()),
        ("application/octet-stream", b"\x00\xff", b"\x00\xff"),
        ("image/png", io.BytesIO(b"\x89PNG"), b"\x89PNG"),
    ],
)
def test_each_media_type_is_sent_under_its_own_name(
    demo: ModuleType, server: LoopbackServer, content_type: str, body: Any, wire: bytes
) -> None:
    send(demo, server, method="PUT", json_data=body, content_type=content_type)
    assert server.last.headers["content-type"] == content_type
    assert server.last.body.replace(b" ", b"") == wire.replace(b" ", b"")


def test_accept_is_the_operation_s_unless_the_caller_says_otherwise(demo: ModuleType, server: LoopbackServer) -> None:
    send(demo, server, method="GET")
    assert server.last.headers["accept"] == "application/json"
    send(demo, server, method="GET", accept="application/json, text/csv")
    assert server.last.headers["accept"] == "application/json, text/csv"
    send(demo, server, method="GET", accept="application/json, text/csv", headers={"Accept": "text/csv"})
    assert server.last.headers["accept"] == "text/csv"


def test_no_body_sends_no_content_type(demo: ModuleType, server: LoopbackServer) -> None:
    send(demo, server, method="DELETE", content_type="application/x-www-form-urlencoded")
    assert "content-type" not in server.last.headers
    assert server.last.body == b""


def test_a_multipart_body_without_fields_is_still_multipart(demo: ModuleType, server: LoopbackServer) -> None:
    send(demo, server, json_data={"note": None}, content_type="multipart/form-data")
    assert server.last.headers["content-type"] == "multipart/form-data; boundary=empty-form"
    assert server.last.body == b"--empty-form--\r\n"
