"""Both generated clients against responses that drift from their spec, over real HTTP.

Each case serves one drifted body from a loopback server and checks, sync and async: the call
returns its data; the drift is recorded with its JSON pointer on the result (`drift_of`) and on
the raw response; it is logged once as a warning and counted on the client; and a client with
`strict_responses=True` raises `APIResponseValidationError` naming the pointer.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import linq_client
import pytest
import sendblue_client

from tests.runtime.conftest import LoopbackServer

NOW = "2024-05-01T12:00:00Z"
CHAT = {
    "id": "chat_1",
    "created_at": NOW,
    "display_name": "Team",
    "handles": [],
    "is_archived": False,
    "is_group": False,
    "updated_at": NOW,
}
TEXT_PART = {"type": "text", "value": "hello", "reactions": None}
MESSAGE = {
    "id": "msg_1",
    "chat_id": "chat_1",
    "created_at": NOW,
    "is_delivered": True,
    "is_from_me": True,
    "is_read": False,
    "updated_at": NOW,
    "parts": [TEXT_PART],
}
ATTACHMENT = {
    "id": "att_1",
    "filename": "cat.png",
    "content_type": "image/png",
    "size_bytes": 10,
    "download_url": "https://cdn.example.com/cat.png",
    "created_at": NOW,
    "status": "uploaded",
}
V2_MESSAGE = {"message_handle": "h_1", "content": "hi", "date_sent": NOW, "is_outbound": True, "status": "DELIVERED"}


def changed(body: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of `body` with fields replaced; a value of `...` removes the field."""
    result = copy.deepcopy(body)
    for key, value in changes.items():
        if value is ...:
            result.pop(key, None)
        else:
            result[key] = value
    return result


@dataclass(frozen=True)
class Case:
    """A drifted body, the call that receives it, and what must come out."""

    id: str
    package: ModuleType
    body: dict[str, Any]
    call: str  # "chats.retrieve chat_1": resource path, method, positional arguments
    pointer: str
    kind: str
    check: Callable[[Any], None]  # on the returned object: the data is there
    paged: bool = False


def linq_page(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"messages": messages, "next_cursor": None}


CASES = [
    Case(
        "linq required field missing",
        linq_client,
        changed(CHAT, display_name=...),
        "chats.retrieve chat_1",
        "/display_name",
        "missing",
        lambda chat: (
            (chat.id == "chat_1" and chat.display_name is None and "display_name" not in chat.to_dict())
            or pytest.fail(repr(chat))
        ),
    ),
    Case(
        "linq attachment without download_url",
        linq_client,
        changed(ATTACHMENT, download_url=...),
        "attachments.retrieve att_1",
        "/download_url",
        "missing",
        lambda att: (att.filename == "cat.png" and att.download_url is None) or pytest.fail(repr(att)),
    ),
    Case(
        "linq wrong type",
        linq_client,
        changed(CHAT, is_group={"yes": True}),
        "chats.retrieve chat_1",
        "/is_group",
        "type",
        lambda chat: (chat.is_group == {"yes": True} and chat.display_name == "Team") or pytest.fail(repr(chat)),
    ),
    Case(
        "linq bad date",
        linq_client,
        changed(CHAT, created_at="last tuesday"),
        "chats.retrieve chat_1",
        "/created_at",
        "format",
        lambda chat: (chat.created_at == "last tuesday" and chat.updated_at.year == 2024) or pytest.fail(repr(chat)),
    ),
    Case(
        "linq new enum value",
        linq_client,
        changed(CHAT, service="WhatsApp"),
        "chats.retrieve chat_1",
        "/service",
        "enum",
        lambda chat: (chat.service == "WhatsApp" and chat.service.is_unknown) or pytest.fail(repr(chat)),
    ),
    Case(
        "linq extra field",
        linq_client,
        changed(CHAT, health_status="degraded"),
        "chats.retrieve chat_1",
        "/health_status",
        "extra",
        lambda chat: (chat.model_extra == {"health_status": "degraded"}) or pytest.fail(repr(chat)),
    ),
    Case(
        "linq new part type",
        linq_client,
        changed(MESSAGE, parts=[TEXT_PART, {"type": "sticker", "sticker_id": "st_1"}]),
        "messages.retrieve msg_1",
        "/parts/1",
        "variant",
        lambda msg: (
            (msg.parts[0].value == "hello" and isinstance(msg.parts[1], linq_client.UnknownVariant))
            or pytest.fail(repr(msg))
        ),
    ),
    Case(
        "linq part without reactions",
        linq_client,
        changed(MESSAGE, parts=[changed(TEXT_PART, reactions=...)]),
        "messages.retrieve msg_1",
        "/parts/0/reactions",
        "missing",
        lambda msg: (msg.parts[0].value == "hello" and msg.parts[0].reactions is None) or pytest.fail(repr(msg)),
    ),
    Case(
        "linq page item missing a field",
        linq_client,
        linq_page([MESSAGE, changed(MESSAGE, id="msg_2", is_read=...), changed(MESSAGE, id="msg_3")]),
        "chats.messages.list chat_1",
        "/messages/1/is_read",
        "missing",
        lambda page: (
            ([m.id for m in page.items] == ["msg_1", "msg_2", "msg_3"] and page.items[1].is_read is None)
            or pytest.fail(repr(page.items))
        ),
        paged=True,
    ),
    Case(
        "sendblue wrong type",
        sendblue_client,
        {"status": "OK", "data": changed(V2_MESSAGE, is_outbound=[1])},
        "messages.retrieve h_1",
        "/data/is_outbound",
        "type",
        lambda res: (res.data.is_outbound == [1] and res.data.content == "hi") or pytest.fail(repr(res)),
    ),
    Case(
        "sendblue bad date",
        sendblue_client,
        {"status": "OK", "data": changed(V2_MESSAGE, date_sent="2024-13-45")},
        "messages.retrieve h_1",
        "/data/date_sent",
        "format",
        lambda res: (res.data.date_sent == "2024-13-45") or pytest.fail(repr(res)),
    ),
    Case(
        "sendblue new enum value",
        sendblue_client,
        {"status": "OK", "data": changed(V2_MESSAGE, status="TELEPORTED")},
        "messages.retrieve h_1",
        "/data/status",
        "enum",
        lambda res: (res.data.status == "TELEPORTED" and res.data.status.is_unknown) or pytest.fail(repr(res)),
    ),
    Case(
        "sendblue extra field",
        sendblue_client,
        {"status": "OK", "data": changed(V2_MESSAGE, delivery_receipt={"at": NOW})},
        "messages.retrieve h_1",
        "/data/delivery_receipt",
        "extra",
        lambda res: (res.data.model_extra == {"delivery_receipt": {"at": NOW}}) or pytest.fail(repr(res)),
    ),
    Case(
        "sendblue page item with a bad date",
        sendblue_client,
        {
            "status": "OK",
            "data": [V2_MESSAGE, changed(V2_MESSAGE, message_handle="h_2", date_sent="soon")],
            "pagination": {"hasMore": False, "total": 2},
        },
        "messages.list",
        "/data/1/date_sent",
        "format",
        lambda page: (
            ([m.message_handle for m in page.items] == ["h_1", "h_2"] and page.items[1].date_sent == "soon")
            or pytest.fail(repr(page.items))
        ),
        paged=True,
    ),
]
CREDENTIALS = {linq_client: {"api_key": "k"}, sendblue_client: {"api_key": "k", "api_secret": "s"}}
CLIENTS = {linq_client: "Linq", sendblue_client: "Sendblue"}


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    running = LoopbackServer()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture(autouse=True)
def forget_logged_drift() -> None:
    """Drift is logged once per process and place; each test starts as a fresh process would."""
    linq_client._base_client._drift_logged.clear()
    sendblue_client._base_client._drift_logged.clear()


def call(client: Any, case: Case, *, raw: bool = False) -> Any:
    """`client.<resource>.<method>(*args)`, through `with_raw_response` when `raw`."""
    target, *args = case.call.split()
    *resources, method = target.split(".")
    owner = client
    for name in resources:
        owner = getattr(owner, name)
    if raw:
        owner = owner.with_raw_response
    return getattr(owner, method)(*args)


def make_client(package: ModuleType, server: LoopbackServer, *, is_async: bool, **options: Any) -> Any:
    name = ("Async" if is_async else "") + CLIENTS[package]
    return getattr(package, name)(**CREDENTIALS[package], base_url=server.url, max_retries=0, **options)


def drift_warnings(caplog: pytest.LogCaptureFixture, package: ModuleType) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == package.__name__ and r.levelno == logging.WARNING and "drift" in r.getMessage()
    ]


def assert_drift(found: tuple[Any, ...], case: Case) -> None:
    matching = [d for d in found if d.pointer == case.pointer]
    assert matching, f"no drift at {case.pointer}: {[str(d) for d in found]}"
    assert matching[0].kind == case.kind
    assert matching[0].method == "GET" and matching[0].expected
    assert [d.pointer for d in found] == [case.pointer], [str(d) for d in found]  # nothing else reported


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_sync_call_returns_drifted_data_and_reports_it(
    case: Case, server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.route = lambda seen: {"json": case.body}
    drift_of = case.package._drift.drift_of
    caplog.set_level(logging.WARNING, logger=case.package.__name__)
    with make_client(case.package, server, is_async=False) as client:
        result = call(client, case)
        case.check(result)
        assert_drift(drift_of(result), case)
        if case.paged:
            assert_drift(drift_of(result.envelope), case)
        again = call(client, case)  # the same drift again: counted again, not logged again
        assert_drift(drift_of(again), case)
        assert client.drift_counts == {case.kind: 2}
        assert len(drift_warnings(caplog, case.package)) == 1
        assert case.pointer in drift_warnings(caplog, case.package)[0]

        raw = call(client, case, raw=True)
        assert raw.drift == ()  # not parsed yet
        parsed = raw.parse()
        case.check(parsed)
        assert_drift(raw.drift, case)

        with pytest.raises(case.package.APIResponseValidationError) as caught:
            call(client.with_options(strict_responses=True), case)
        assert case.pointer in str(caught.value)
        assert_drift(caught.value.drift, case)
        assert client.with_options(strict_responses=True).strict_responses is True
        assert client.strict_responses is False


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
async def test_async_call_returns_drifted_data_and_reports_it(
    case: Case, server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.route = lambda seen: {"json": case.body}
    drift_of = case.package._drift.drift_of
    caplog.set_level(logging.WARNING, logger=case.package.__name__)
    async with make_client(case.package, server, is_async=True) as client:
        result = await call(client, case)
        case.check(result)
        assert_drift(drift_of(result), case)
        await call(client, case)
        assert client.drift_counts == {case.kind: 2}
        assert len(drift_warnings(caplog, case.package)) == 1

        raw = await call(client, case, raw=True)
        case.check(await raw.parse())
        assert_drift(raw.drift, case)

        strict = make_client(case.package, server, is_async=True, strict_responses=True)
        async with strict:
            with pytest.raises(case.package.APIResponseValidationError) as caught:
                await call(strict, case)
        assert case.pointer in caught.value.message
        assert_drift(caught.value.drift, case)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_a_page_item_knows_its_own_drift(server: LoopbackServer) -> None:
    body = linq_page([MESSAGE, changed(MESSAGE, id="msg_2", is_read=..., sent_at="never")])
    server.route = lambda seen: {"json": body}
    drift_of = linq_client._drift.drift_of
    with make_client(linq_client, server, is_async=False) as client:
        page = client.chats.messages.list("chat_1")
        assert drift_of(page.items[0]) == ()
        assert [(d.pointer, d.kind) for d in drift_of(page.items[1])] == [
            ("/messages/1/is_read", "missing"),
            ("/messages/1/sent_at", "format"),
        ]
        assert drift_of(page.items[1]) == drift_of(page)
        # Iterating the page (auto-pagination) gives the same items, drift included.
        assert [m.id for m in page] == ["msg_1", "msg_2"]


def test_every_difference_is_listed_when_strict(server: LoopbackServer) -> None:
    body = changed(CHAT, display_name=..., created_at="soon", service="Pigeon", health_status="ok", is_group=None)
    server.route = lambda seen: {"json": body}
    with (
        make_client(linq_client, server, is_async=False, strict_responses=True) as client,
        pytest.raises(linq_client.APIResponseValidationError) as caught,
    ):
        client.chats.retrieve("chat_1")
    found = {(d.pointer, d.kind) for d in caught.value.drift}
    assert found == {
        ("/display_name", "missing"),
        ("/created_at", "format"),
        ("/service", "enum"),
        ("/health_status", "extra"),
        ("/is_group", "type"),
    }
    for pointer, _ in found:
        assert pointer in caught.value.message
    assert caught.value.body == body


def test_a_conforming_response_has_no_drift(server: LoopbackServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route = lambda seen: {"json": CHAT}
    with make_client(linq_client, server, is_async=False, strict_responses=True) as client:
        chat = client.chats.retrieve("chat_1")
        assert linq_client._drift.drift_of(chat) == ()
        assert client.drift_counts == {}
        assert "health_status" not in chat.to_dict()
    assert not drift_warnings(caplog, linq_client)


def test_drift_stays_out_of_dumps(server: LoopbackServer) -> None:
    server.route = lambda seen: {"json": changed(CHAT, display_name=..., created_at="soon")}
    with make_client(linq_client, server, is_async=False) as client:
        chat = client.chats.retrieve("chat_1")
    assert linq_client._drift.drift_of(chat)
    for dumped in (
        chat.to_dict(),
        chat.model_dump(warnings=False),
        chat.to_json(),
        chat.model_dump_json(warnings=False),
    ):
        assert "drift" not in str(dumped)
    assert chat.to_dict()["created_at"] == "soon"


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        (linq_page([MESSAGE, MESSAGE]), False),
        (linq_page([MESSAGE, changed(MESSAGE, delivery_status="sent")]), True),
        (linq_page([changed(MESSAGE, service="WhatsApp")]), True),
        (linq_page([changed(MESSAGE, parts=[{"type": "sticker"}])]), True),
        (linq_page([changed(MESSAGE, effect={"type": "laser"})]), True),
    ],
    ids=["conforming", "extra field", "enum value", "variant", "literal value"],
)
def test_only_undocumented_things_run_the_hooks(body: dict[str, Any], flagged: bool) -> None:
    """The fast path stays free: the drift flag is raised by undocumented things alone."""
    adapter = linq_client._response.type_adapter(linq_client.types.MessageList)
    with linq_client._drift.unknowns_noted() as noted:
        adapter.validate_json(json.dumps(body))
        assert noted() is flagged
