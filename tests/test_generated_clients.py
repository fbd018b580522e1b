"""The committed client packages, used as a user would: against the mock server over HTTP."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import httpx
import linq_client
import pytest
import sendblue_client
from linq_client import AsyncLinq, Linq
from sendblue_client import Sendblue

from contract_tests.mock import FaultConfig, MockServer
from tests.conftest import ROOT, SPECS
from tests.test_ir import LINQ_TREE

TEXT = {"type": "text", "value": "hello"}


@pytest.fixture(scope="module")
def linq_server():
    with MockServer(SPECS["linq"], mode="stateful", seed=7) as server:
        yield server


@pytest.fixture(scope="module")
def sendblue_server():
    with MockServer(SPECS["sendblue"], mode="stateful", seed=7) as server:
        yield server


@pytest.fixture
def linq(linq_server):
    client = Linq(api_key="test-key", base_url=linq_server.url)
    client._sleep = lambda seconds: None  # retries without waiting
    yield client
    client.close()


@pytest.fixture
def sendblue(sendblue_server):
    with Sendblue(api_key="id", api_secret="secret", base_url=sendblue_server.url) as client:
        yield client


def offline(package, client_class, **credentials):
    """A client whose transport records requests and fails the test if one is sent."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, json={"unexpected": True})

    client = client_class(
        **credentials,
        base_url="http://offline.test",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        max_retries=0,
    )
    return client, sent


def test_method_tree_matches_the_pages_sync_and_async(linq_server):
    for client in (Linq(api_key="k", base_url=linq_server.url), AsyncLinq(api_key="k", base_url=linq_server.url)):
        for path, methods in LINQ_TREE.items():
            resource = client
            for name in path:
                resource = getattr(resource, name)
            for method in methods:
                assert callable(getattr(resource, method)), f"client.{'.'.join(path)}.{method}"
                assert callable(getattr(resource.with_raw_response, method))
                assert callable(getattr(resource.with_streaming_response, method))
    sendblue_client_ = Sendblue(api_key="a", api_secret="b")
    for method in ("list", "retrieve", "send", "get_status"):
        assert callable(getattr(sendblue_client_.messages, method))


def test_linq_conversation_round_trip(linq):
    created = linq.chats.create(from_="+12223334444", to=["+13334445555"], message={"parts": [TEXT]})
    chat_id = created.chat.id
    assert linq.chats.retrieve(chat_id).id == chat_id
    sent = linq.chats.messages.send(chat_id, message={"parts": [{"type": "text", "value": "first"}]})
    reply = linq.chats.messages.send(
        chat_id, message={"parts": [{"type": "text", "value": "reply"}], "reply_to": {"message_id": sent.message.id}}
    )
    thread_ids = [m.id for m in linq.messages.list_messages_thread(sent.message.id)]
    assert reply.message.id in thread_ids
    linq.messages.add_reaction(sent.message.id, operation="add", type="love")
    edited = linq.messages.update(sent.message.id, text="edited")
    assert edited.parts[0].value == "edited"
    assert linq.messages.retrieve(sent.message.id).parts[0].reactions[0].type == "love"
    linq.chats.update(chat_id, display_name="Team")
    assert linq.chats.retrieve(chat_id).display_name == "Team"
    assert linq.messages.delete(sent.message.id) is None
    with pytest.raises(linq_client.NotFoundError) as caught:
        linq.messages.retrieve(sent.message.id)
    assert caught.value.status_code == 404
    assert caught.value.request_id
    assert caught.value.body["error"]["status"] == 404


def busiest_chat(client):
    return max(client.chats.list_chats(), key=lambda chat: len(client.chats.messages.list(chat.id, limit=100).items))


def test_cursor_pagination_walks_every_message_once(linq):
    chat = busiest_chat(linq)
    first = linq.chats.messages.list(chat.id, limit=7)
    assert len(first.items) == 7 and first.has_next_page()
    everything = [m.id for m in linq.chats.messages.list(chat.id, limit=7)]
    in_one_page = [m.id for m in linq.chats.messages.list(chat.id, limit=100).items]
    assert len(everything) == len(set(everything)) > 7
    assert sorted(everything) == sorted(in_one_page)
    second = first.get_next_page()
    assert {m.id for m in second.items}.isdisjoint(m.id for m in first.items)


def test_offset_pagination_walks_every_message_once(sendblue):
    page = sendblue.messages.list(limit=50)
    assert page.envelope.pagination.has_more is True
    handles = [m.message_handle for m in sendblue.messages.list(limit=50)]
    assert len(handles) == len(set(handles)) == page.envelope.pagination.total


def test_sendblue_send_and_status(sendblue):
    sent = sendblue.messages.send(number="+12223334444", content="hi", send_style="invisible")
    assert sent.status in {"QUEUED", "SENT", "DELIVERED"}
    assert sendblue.messages.get_status(handle=sent.message_handle).message_handle == sent.message_handle
    assert sendblue.messages.retrieve(sent.message_handle).data.message_handle == sent.message_handle


def test_idempotency_key_repeats_return_the_first_result(linq):
    chat = next(iter(linq.chats.list_chats()))
    before = len(list(linq.chats.messages.list(chat.id, limit=100)))
    body = {"parts": [{"type": "text", "value": "once"}], "idempotency_key": "order-42"}
    first = linq.chats.messages.send(chat.id, message=body)
    again = linq.chats.messages.send(chat.id, message=body)
    assert first.message.id == again.message.id
    assert len(list(linq.chats.messages.list(chat.id, limit=100))) == before + 1


@pytest.mark.parametrize(
    ("call", "pointer"),
    [
        (
            lambda c: c.chats.messages.send("c", message={"parts": [{"type": "link", "value": "https://a.co"}, TEXT]}),
            "/message/parts",
        ),
        (lambda c: c.chats.messages.send("c", message={"parts": [TEXT, TEXT]}), "/message/parts/1"),
        (
            lambda c: c.chats.messages.send("c", message={"parts": [{"type": "text", "value": "x" * 10001}]}),
            "/message/parts/0/value",
        ),
        (
            lambda c: c.chats.messages.send("c", message={"parts": [{"type": "media", "url": "http://a.co/x.png"}]}),
            "/message/parts/0",
        ),
        (lambda c: c.chats.create(from_="555-1234", to=["+13334445555"], message={"parts": [TEXT]}), "/from"),
        (lambda c: c.chats.list_chats(limit=0), "limit"),
        (lambda c: c.messages.add_reaction("m", operation="add", type="custom"), "/custom_emoji"),
        (lambda c: c.messages.list_messages_thread("m", order="sideways"), "order"),
    ],
)
def test_invalid_calls_are_refused_before_the_network(call, pointer):
    client, sent = offline(linq_client, Linq, api_key="k")
    with pytest.raises(linq_client.RequestValidationError) as caught:
        call(client)
    assert sent == []
    assert any(where.startswith(pointer) for where, _ in caught.value.errors), caught.value.errors


def test_keyword_arguments_are_sent_under_their_wire_names():
    captured: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(json.loads(request.content))
        return httpx.Response(
            201,
            json={
                "chat": {
                    "id": "c",
                    "display_name": None,
                    "handles": [],
                    "is_group": False,
                    "service": "iMessage",
                    "message": None,
                }
            },
        )

    client = Linq(
        api_key="k", base_url="http://x.test", http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    # The handler's body is not a full chat; only the request matters here.
    with contextlib.suppress(linq_client.APIResponseValidationError):
        client.chats.create(from_="+12223334444", to=["+13334445555"], message={"parts": [TEXT]})
    assert captured[0]["from"] == "+12223334444" and "from_" not in captured[0]
    assert captured[0]["message"]["idempotency_key"]  # a generated key, in the body field the API defines


def test_server_errors_are_retried_then_raised(linq):
    with pytest.raises(linq_client.InternalServerError) as caught:
        linq.chats.retrieve("x", extra_headers={"X-Mock-Fault": "503"})
    assert caught.value.status_code == 503


def test_retries_ride_out_flaky_servers():
    faults = FaultConfig(error_rate=0.3, drop_rate=0.2, throttle_rate=0.1, retry_after=0)
    with MockServer(SPECS["linq"], mode="stateful", seed=3, faults=faults) as server:
        client = Linq(api_key="k", base_url=server.url, max_retries=8)
        client._sleep = lambda seconds: None
        chat = client.chats.create(from_="+12223334444", to=["+13334445555"], message={"parts": [TEXT]})
        for _ in range(15):
            client.chats.messages.send(chat.chat.id, message={"parts": [TEXT]})
        # Each send happened once, however many attempts it took: the idempotency key held.
        assert len(list(client.chats.messages.list(chat.chat.id, limit=100))) == 16


def test_rate_limit_error_carries_retry_after(linq):
    with pytest.raises(linq_client.RateLimitError) as caught:
        linq.with_options(max_retries=0).chats.list_chats(extra_headers={"X-Mock-Fault": "429"})
    assert caught.value.status_code == 429
    assert caught.value.retry_after is not None


def test_credentials_and_base_url_from_the_environment(monkeypatch, linq_server):
    monkeypatch.setenv("LINQ_API_KEY", "from-env")
    monkeypatch.setenv("LINQ_BASE_URL", linq_server.url)
    client = Linq()
    assert client.api_key == "from-env"
    assert client.chats.retrieve(next(iter(client.chats.list_chats())).id).id
    monkeypatch.delenv("LINQ_API_KEY")
    with pytest.raises(linq_client.MissingCredentialsError, match="LINQ_API_KEY"):
        Linq()
    monkeypatch.delenv("SENDBLUE_API_SECRET", raising=False)
    with pytest.raises(sendblue_client.MissingCredentialsError, match="SENDBLUE_API_SECRET"):
        Sendblue(api_key="id")


def test_streaming_response_reads_the_body_only_when_asked(linq):
    chat = next(iter(linq.chats.list_chats()))
    with linq.chats.with_streaming_response.retrieve(chat.id) as response:
        assert response.status_code == 200
        assert response.parse().id == chat.id


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_async_client_iterates_directly_and_sends(linq_server):
    async with AsyncLinq(api_key="k", base_url=linq_server.url) as client:
        chats = [chat async for chat in client.chats.list_chats(limit=1)]
        assert len(chats) >= 3
        page = await client.chats.list_chats(limit=1)
        assert len(page.items) == 1 and page.has_next_page()
        sent = await client.chats.messages.send(chats[0].id, message={"parts": [TEXT]})
        assert (await client.messages.retrieve(sent.message.id)).id == sent.message.id
        raw = await client.chats.with_raw_response.retrieve(chats[0].id)
        assert (await raw.parse()).id == chats[0].id


def test_packages_do_not_import_the_generator():
    for package in ("linq", "sendblue"):
        for source in (ROOT / "generated" / package / "src").rglob("*.py"):
            text = source.read_text()
            assert "import generator" not in text and "from generator" not in text, source


def test_packages_are_standalone_distributions():
    for package, distribution in (("linq", "linq-client"), ("sendblue", "sendblue-client")):
        root = ROOT / "generated" / package
        assert f'name = "{distribution}"' in (root / "pyproject.toml").read_text()
        assert (root / "src" / f"{package}_client" / "py.typed").exists()
        readme = (root / "README.md").read_text()
        api_md = (root / "api.md").read_text()
        assert readme.count("```python") >= 5 and "## Methods" in readme
        assert "## Types" in api_md


def test_readme_has_an_example_for_every_method():
    readme = (ROOT / "generated" / "linq" / "README.md").read_text()
    for path, methods in LINQ_TREE.items():
        for method in methods:
            assert f"client.{'.'.join(path)}.{method}(" in readme, method
    assert Path(ROOT / "generated" / "sendblue" / "README.md").read_text().count("client.messages.") >= 4
