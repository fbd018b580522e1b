"""What a client works out once and reuses for every call (its headers, the query in the URL)
must follow every change of what it was worked out from: credentials, the user agent, and the
headers and query parameters of the HTTP client itself, which its owner may change at any time.

Each request is captured as httpx builds it (an `httpx.MockTransport`), so that a header sent
twice, or a value encoded differently, would show.
"""

from __future__ import annotations

import datetime
from types import ModuleType
from typing import Any

import httpx


class Capture:
    """An HTTP client whose transport records each request and answers `{}`."""

    def __init__(self, **options: Any) -> None:
        self.requests: list[httpx.Request] = []
        self.http_client = httpx.Client(transport=httpx.MockTransport(self._answer), **options)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={"id": "chat_1"})

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def values(self, name: str) -> list[str]:
        """Every value of the header `name` on the last request (one per header line)."""
        return self.last.headers.get_list(name)


def get(demo: ModuleType, client: Any, url: str = "/v3/chats", **options: Any) -> None:
    client.request(dict, demo.FinalRequestOptions(method="GET", url=url, **options))


def test_new_credentials_are_sent_from_the_next_call(demo: ModuleType) -> None:
    capture = Capture()
    client = demo.Demo(api_key="sk_old", base_url="https://api.example.com", http_client=capture.http_client)
    get(demo, client)
    client.api_key = "sk_new"
    get(demo, client)
    assert [request.headers["authorization"] for request in capture.requests] == ["Bearer sk_old", "Bearer sk_new"]


def test_each_header_is_sent_once_with_the_clients_value_over_the_http_clients(demo: ModuleType) -> None:
    capture = Capture(headers={"User-Agent": "theirs/1.0", "X-Env": "prod", "Accept": "application/json"})
    client = demo.Demo(api_key="sk", base_url="https://api.example.com", http_client=capture.http_client)
    get(demo, client)
    assert capture.values("user-agent") == ["demo-client/1.0"]
    assert capture.values("accept") == ["application/json"]
    assert capture.values("x-env") == ["prod"]
    assert capture.values("authorization") == ["Bearer sk"]


def test_the_http_clients_headers_changed_in_place_are_seen(demo: ModuleType) -> None:
    # The HTTP client starts with the client's own values: the client need not send them...
    capture = Capture(headers={"Accept": "application/json", "User-Agent": "demo-client/1.0"})
    client = demo.Demo(api_key="sk", base_url="https://api.example.com", http_client=capture.http_client)
    get(demo, client)
    assert capture.values("accept") == ["application/json"]
    # ... until its owner changes them.
    capture.http_client.headers["Accept"] = "text/plain"
    capture.http_client.headers["User-Agent"] = "theirs/2.0"
    capture.http_client.headers["X-Added"] = "1"
    get(demo, client)
    assert capture.values("accept") == ["application/json"]  # the client's own still win
    assert capture.values("user-agent") == ["demo-client/1.0"]
    assert capture.values("x-added") == ["1"]
    del capture.http_client.headers["X-Added"]
    get(demo, client)
    assert capture.values("x-added") == []


def test_copies_sharing_an_http_client_send_their_own_headers(demo: ModuleType) -> None:
    capture = Capture()
    base = demo.Demo(
        api_key="sk_base",
        base_url="https://api.example.com",
        http_client=capture.http_client,
        default_headers={"X-Team": "blue"},
    )
    red = base.with_options(default_headers={"X-Team": "red"}, api_key="sk_red")
    for client in (base, red, base):
        get(demo, client)
    sent = [(request.headers["x-team"], request.headers["authorization"]) for request in capture.requests]
    assert sent == [("blue", "Bearer sk_base"), ("red", "Bearer sk_red"), ("blue", "Bearer sk_base")]


def test_a_new_user_agent_on_a_copy_is_sent(demo: ModuleType) -> None:
    capture = Capture()
    client = demo.Demo(api_key="sk", base_url="https://api.example.com", http_client=capture.http_client)
    get(demo, client)
    get(demo, client.copy(user_agent="other/2.0"))
    assert [request.headers["user-agent"] for request in capture.requests] == ["demo-client/1.0", "other/2.0"]


def test_a_call_can_replace_or_omit_any_header_of_the_http_client(demo: ModuleType) -> None:
    capture = Capture(headers={"X-Env": "prod"})
    client = demo.Demo(api_key="sk", base_url="https://api.example.com", http_client=capture.http_client)
    get(demo, client, headers={"X-Env": "staging", "Accept-Encoding": demo.Omit()}, accept="text/csv")
    assert capture.values("x-env") == ["staging"]
    assert capture.values("accept") == ["text/csv"]
    assert "accept-encoding" not in capture.last.headers
    get(demo, client)  # the next call is back to the client's own
    assert capture.values("x-env") == ["prod"]
    assert capture.values("accept") == ["application/json"]
    assert capture.values("accept-encoding") != []


def test_the_query_in_the_url_is_encoded_as_httpx_encodes_params(demo: ModuleType) -> None:
    capture = Capture()
    client = demo.Demo(api_key="sk", base_url="https://api.example.com/base/", http_client=capture.http_client)
    params = {
        "q": "a b&c=d/é?#",
        "plus": "1+1",
        "status": ["SENT", "DELIVERED"],
        "flag": True,
        "since": datetime.date(2025, 5, 1),
        "empty": "",
    }
    get(demo, client, url="/v3/chats", params=params)
    expected = httpx.Request(
        "GET",
        "https://api.example.com/base/v3/chats",
        params=[
            ("q", "a b&c=d/é?#"),
            ("plus", "1+1"),
            ("status", "SENT"),
            ("status", "DELIVERED"),
            ("flag", "true"),
            ("since", "2025-05-01"),
            ("empty", ""),
        ],
    )
    assert str(capture.last.url) == str(expected.url)


def test_the_http_clients_own_query_parameters_still_merge(demo: ModuleType) -> None:
    capture = Capture(params={"region": "us", "team": "blue"})
    client = demo.Demo(api_key="sk", base_url="https://api.example.com", http_client=capture.http_client)
    get(demo, client, params={"region": "eu", "limit": 5})
    assert dict(capture.last.url.params.multi_items()) == {"region": "eu", "team": "blue", "limit": "5"}
    get(demo, client)
    assert dict(capture.last.url.params.multi_items()) == {"region": "us", "team": "blue"}


def test_a_url_with_a_query_of_its_own_meets_the_params_as_in_httpx(demo: ModuleType) -> None:
    capture = Capture()
    client = demo.Demo(api_key="sk", base_url="https://api.example.com", http_client=capture.http_client)
    url = "https://other.example.com/v3/chats?cursor=abc"
    get(demo, client, url=url, params={"limit": 5})
    assert capture.last.url == httpx.Client().build_request("GET", url, params={"limit": "5"}).url
    get(demo, client, url=url)
    assert capture.last.url == httpx.URL(url)
