"""Stateful mode behaves like the real APIs: records persist, pages walk every item once,
idempotency keys replay, Sendblue's filters, ordering and rate limit work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contract_tests.mock import MockServer, create_app
from tests.conftest import LINQ_AUTH, ROOT, SENDBLUE_AUTH, checked_client

LINQ = ROOT / "spec" / "linq.yaml"
SENDBLUE = ROOT / "spec" / "sendblue.yaml"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture(scope="module")
def linq_server() -> Iterator[MockServer]:
    with MockServer(LINQ, mode="stateful", seed=1, self_check=True) as server:
        yield server


@pytest.fixture(scope="module")
def sendblue_server() -> Iterator[MockServer]:
    with MockServer(SENDBLUE, mode="stateful", seed=1, self_check=True) as server:
        yield server


@pytest.fixture
def linq(linq_server: MockServer) -> Iterator[httpx.Client]:
    with checked_client(linq_server, LINQ_AUTH) as client:
        yield client


@pytest.fixture
def sendblue(sendblue_server: MockServer) -> Iterator[httpx.Client]:
    with checked_client(sendblue_server, SENDBLUE_AUTH) as client:
        yield client


def text(value: str) -> dict[str, Any]:
    return {"parts": [{"type": "text", "value": value}]}


def create_chat(client: httpx.Client, *to: str, **message: Any) -> dict[str, Any]:
    body = {"from": "+12223334444", "to": list(to or ["+13334445555"]), "message": {**text("Hello"), **message}}
    response = client.post("/v3/chats", json=body)
    assert response.status_code == 201, response.text
    chat: dict[str, Any] = response.json()["chat"]
    return chat


def send(client: httpx.Client, chat_id: str, value: str, **message: Any) -> dict[str, Any]:
    response = client.post(f"/v3/chats/{chat_id}/messages", json={"message": {**text(value), **message}})
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    assert body["chat_id"] == chat_id
    sent: dict[str, Any] = body["message"]
    return sent


def walk_cursor(client: httpx.Client, path: str, items: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every item of a cursor-paginated list, page by page."""
    found: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        query = {"limit": limit, **params, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, params=query)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body[items]) <= limit
        found.extend(body[items])
        cursor = body.get("next_cursor")
        if not cursor:
            return found
    raise AssertionError("the walk did not end")


def walk_offset(client: httpx.Client, limit: int, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    offset = 0
    while True:
        page = client.get("/api/v2/messages", params={"limit": limit, "offset": offset, **params})
        assert page.status_code == 200, page.text
        body = page.json()
        found.extend(body["data"])
        assert body["pagination"]["offset"] == offset and body["pagination"]["limit"] == limit
        assert body["status"] == "OK"
        if not body["pagination"]["hasMore"]:
            assert body["pagination"]["total"] == len(found)
            return found
        offset += len(body["data"])


# --- Linq ----------------------------------------------------------------------------------------


def test_seed_data_fills_several_pages(linq_server: MockServer, linq: httpx.Client) -> None:
    assert linq_server.app.state is not None
    assert linq_server.app.state.store.count() == {"chats": 3, "messages": 135}
    chats = walk_cursor(linq, "/v3/chats", "chats", limit=1)
    assert len(chats) >= 3
    messages = walk_cursor(linq, f"/v3/chats/{chats[-1]['id']}/messages", "messages", limit=20)
    assert len(messages) >= 45


def test_chat_lifecycle(linq: httpx.Client) -> None:
    chat = create_chat(linq, "+13334445555")
    assert chat["is_group"] is False and chat["display_name"] == "+13334445555"
    assert {(h["handle"], h["is_me"]) for h in chat["handles"]} == {("+12223334444", True), ("+13334445555", False)}
    first = chat["message"]
    assert first["parts"][0]["value"] == "Hello"

    retrieved = linq.get(f"/v3/chats/{chat['id']}").json()
    assert retrieved["id"] == chat["id"] and retrieved["handles"] == chat["handles"]
    assert chat["id"] in {c["id"] for c in walk_cursor(linq, "/v3/chats", "chats", limit=2)}
    assert walk_cursor(linq, "/v3/chats", "chats", limit=50)[0]["id"] == chat["id"], "newest first"

    second = send(linq, chat["id"], "Second")
    listed = walk_cursor(linq, f"/v3/chats/{chat['id']}/messages", "messages", limit=50)
    assert [m["id"] for m in listed] == [second["id"], first["id"]]
    assert all(m["chat_id"] == chat["id"] for m in listed)

    reply = send(linq, chat["id"], "A reply", reply_to={"message_id": first["id"]})
    reply_to_reply = send(linq, chat["id"], "Deeper", reply_to={"message_id": reply["id"]})
    thread = {first["id"], reply["id"], reply_to_reply["id"]}
    for anchor in thread:
        got = walk_cursor(linq, f"/v3/messages/{anchor}/thread", "messages", limit=2, order="asc")
        assert [m["id"] for m in got] == [first["id"], reply["id"], reply_to_reply["id"]]
    lone = walk_cursor(linq, f"/v3/messages/{second['id']}/thread", "messages", limit=10)
    assert [m["id"] for m in lone] == [second["id"]]

    added = linq.post(f"/v3/messages/{second['id']}/reactions", json={"operation": "add", "type": "love"})
    assert added.status_code == 200
    added_again = linq.post(
        f"/v3/messages/{second['id']}/reactions", json={"operation": "add", "type": "custom", "custom_emoji": "🚀"}
    )
    assert added_again.status_code == 200
    reactions = linq.get(f"/v3/messages/{second['id']}").json()["parts"][0]["reactions"]
    assert [(r["type"], r.get("custom_emoji"), r["is_me"]) for r in reactions] == [
        ("love", None, True),
        ("custom", "🚀", True),
    ]
    assert reactions[0]["handle"]["handle"] == "+12223334444"
    linq.post(f"/v3/messages/{second['id']}/reactions", json={"operation": "remove", "type": "love"})
    reactions = linq.get(f"/v3/messages/{second['id']}").json()["parts"][0]["reactions"]
    assert [r["type"] for r in reactions] == ["custom"]

    edited = linq.patch(f"/v3/messages/{second['id']}", json={"text": "Second, edited"})
    assert edited.status_code == 200 and edited.json()["parts"][0]["value"] == "Second, edited"
    assert linq.get(f"/v3/messages/{second['id']}").json()["parts"][0]["value"] == "Second, edited"
    out_of_range = linq.patch(f"/v3/messages/{second['id']}", json={"text": "x", "part_index": 3})
    assert out_of_range.status_code == 400 and "part_index" in out_of_range.json()["error"]["message"]

    assert linq.delete(f"/v3/messages/{second['id']}").status_code == 204
    gone = linq.get(f"/v3/messages/{second['id']}")
    assert gone.status_code == 404 and gone.json()["error"]["status"] == 404
    assert linq.delete(f"/v3/messages/{second['id']}").status_code == 404
    assert linq.patch(f"/v3/messages/{second['id']}", json={"text": "x"}).status_code == 404
    listed = walk_cursor(linq, f"/v3/chats/{chat['id']}/messages", "messages", limit=50)
    assert second["id"] not in {m["id"] for m in listed} and len(listed) == 3


def test_unknown_ids_are_404(linq: httpx.Client) -> None:
    assert linq.get(f"/v3/chats/{UNKNOWN}").status_code == 404
    assert linq.get(f"/v3/chats/{UNKNOWN}/messages").status_code == 404
    assert linq.post(f"/v3/chats/{UNKNOWN}/messages", json={"message": text("x")}).status_code == 404
    assert linq.post(f"/v3/chats/{UNKNOWN}/typing").status_code == 404
    assert linq.get(f"/v3/messages/{UNKNOWN}/thread").status_code == 404
    assert linq.get(f"/v3/attachments/{UNKNOWN}").status_code == 404


def test_references_to_unknown_records_are_refused(linq: httpx.Client) -> None:
    chat = create_chat(linq)
    response = linq.post(
        f"/v3/chats/{chat['id']}/messages", json={"message": {**text("x"), "reply_to": {"message_id": UNKNOWN}}}
    )
    assert response.status_code == 400
    assert "body#/message/reply_to/message_id: no message has id" in response.json()["error"]["message"]


def test_participants_and_display_name(linq: httpx.Client) -> None:
    chat = create_chat(linq, "+13334445555")
    assert linq.post(f"/v3/chats/{chat['id']}/participants", json={"handle": "jordan@example.com"}).status_code == 200
    retrieved = linq.get(f"/v3/chats/{chat['id']}").json()
    jordan = next(h for h in retrieved["handles"] if h["handle"] == "jordan@example.com")
    assert jordan["status"] == "active" and jordan["is_me"] is False
    assert retrieved["is_group"] is True

    removed = linq.request("DELETE", f"/v3/chats/{chat['id']}/participants", json={"handle": "jordan@example.com"})
    assert removed.status_code == 200
    jordan = next(
        h for h in linq.get(f"/v3/chats/{chat['id']}").json()["handles"] if h["handle"] == "jordan@example.com"
    )
    assert jordan["status"] == "removed" and jordan["left_at"]
    again = linq.request("DELETE", f"/v3/chats/{chat['id']}/participants", json={"handle": "jordan@example.com"})
    assert again.status_code == 400

    updated = linq.put(f"/v3/chats/{chat['id']}", json={"display_name": "Weekend plans"})
    assert updated.status_code == 200 and updated.json() == {"chat_id": chat["id"], "status": "updated"}
    retrieved = linq.get(f"/v3/chats/{chat['id']}").json()
    assert retrieved["display_name"] == "Weekend plans"
    assert retrieved["updated_at"] >= retrieved["created_at"]

    filtered = walk_cursor(linq, "/v3/chats", "chats", limit=10, to="+13334445555")
    assert chat["id"] in {c["id"] for c in filtered}
    assert all(any(h["handle"] == "+13334445555" for h in c["handles"]) for c in filtered)
    assert walk_cursor(linq, "/v3/chats", "chats", limit=10, **{"from": "+19990001111"}) == []


def test_chat_actions(linq: httpx.Client) -> None:
    chat = create_chat(linq)
    send(linq, chat["id"], "unread")
    assert linq.post(f"/v3/chats/{chat['id']}/read").status_code == 204
    messages = walk_cursor(linq, f"/v3/chats/{chat['id']}/messages", "messages", limit=10)
    assert all(m["is_read"] and m["read_at"] for m in messages)
    assert linq.post(f"/v3/chats/{chat['id']}/typing").status_code == 204
    assert linq.delete(f"/v3/chats/{chat['id']}/typing").status_code == 204
    assert linq.post(f"/v3/chats/{chat['id']}/share_contact_card").status_code == 204
    memo = linq.post(f"/v3/chats/{chat['id']}/voicememo", json={"voice_memo_url": "https://cdn.example.com/a.m4a"})
    assert memo.status_code == 202 and memo.json()["voice_memo"]["chat"]["id"] == chat["id"]
    left = linq.post(f"/v3/chats/{chat['id']}/leave")
    assert left.status_code == 200
    me = next(h for h in linq.get(f"/v3/chats/{chat['id']}").json()["handles"] if h["is_me"])
    assert me["status"] == "left"


def test_adding_a_participant_again_reactivates_it_and_keeps_who_it_is(linq: httpx.Client) -> None:
    chat = create_chat(linq, "+13334445555")
    me = next(h for h in chat["handles"] if h["is_me"])
    # Your own handle, added again, stays yours: the chat can still be left.
    assert linq.post(f"/v3/chats/{chat['id']}/participants", json={"handle": me["handle"]}).status_code == 200
    mine = [h for h in linq.get(f"/v3/chats/{chat['id']}").json()["handles"] if h["handle"] == me["handle"]]
    assert [(h["is_me"], h["id"], h["joined_at"]) for h in mine] == [(True, me["id"], me["joined_at"])]
    assert linq.post(f"/v3/chats/{chat['id']}/leave").status_code == 200
    # A participant removed and added again is active again, with no left_at.
    path = f"/v3/chats/{chat['id']}/participants"
    assert linq.request("DELETE", path, json={"handle": "+13334445555"}).status_code == 200
    assert linq.post(path, json={"handle": "+13334445555"}).status_code == 200
    other = next(h for h in linq.get(f"/v3/chats/{chat['id']}").json()["handles"] if h["handle"] == "+13334445555")
    assert other["status"] == "active" and other["left_at"] is None and other["is_me"] is False


def test_attachments_flow(linq: httpx.Client) -> None:
    created = linq.post("/v3/attachments", json={"content_type": "image/png", "filename": "a.png", "size_bytes": 1234})
    assert created.status_code == 200
    attachment_id = created.json()["attachment_id"]
    assert created.json()["http_method"] == "PUT"
    metadata = linq.get(f"/v3/attachments/{attachment_id}").json()
    assert (metadata["id"], metadata["filename"], metadata["size_bytes"]) == (attachment_id, "a.png", 1234)
    chat = create_chat(linq)
    part = {"type": "media", "attachment_id": attachment_id}
    assert linq.post(f"/v3/chats/{chat['id']}/messages", json={"message": {"parts": [part]}}).status_code == 202
    unknown = {"type": "media", "attachment_id": UNKNOWN}
    assert linq.post(f"/v3/chats/{chat['id']}/messages", json={"message": {"parts": [unknown]}}).status_code == 400


def test_idempotency_key_replays_the_first_result(linq: httpx.Client) -> None:
    chat = create_chat(linq)
    first = send(linq, chat["id"], "once", idempotency_key="key-1")
    again = send(linq, chat["id"], "once", idempotency_key="key-1")
    assert again == first
    listed = walk_cursor(linq, f"/v3/chats/{chat['id']}/messages", "messages", limit=10)
    assert len(listed) == 2  # the chat's first message and this one

    body = {"from": "+12223334444", "to": ["+15556667777"], "message": {**text("hi"), "idempotency_key": "chat-1"}}
    count = len(walk_cursor(linq, "/v3/chats", "chats", limit=100))
    one = linq.post("/v3/chats", json=body)
    two = linq.post("/v3/chats", json=body)
    assert one.status_code == two.status_code == 201 and one.json() == two.json()
    assert len(walk_cursor(linq, "/v3/chats", "chats", limit=100)) == count + 1
    header_key = {"Idempotency-Key": "header-1"}
    three = linq.post(f"/v3/chats/{chat['id']}/messages", json={"message": text("h")}, headers=header_key)
    four = linq.post(f"/v3/chats/{chat['id']}/messages", json={"message": text("h")}, headers=header_key)
    assert three.json() == four.json()


def test_cursor_pagination_walks_every_item_exactly_once(linq: httpx.Client) -> None:
    chat_id = walk_cursor(linq, "/v3/chats", "chats", limit=100)[-1]["id"]
    everything = walk_cursor(linq, f"/v3/chats/{chat_id}/messages", "messages", limit=100)
    for limit in (1, 7, 20):
        walked = walk_cursor(linq, f"/v3/chats/{chat_id}/messages", "messages", limit=limit)
        assert [m["id"] for m in walked] == [m["id"] for m in everything]
    # Items added during a walk do not repeat or displace what is still to come.
    first_page = linq.get(f"/v3/chats/{chat_id}/messages", params={"limit": 10}).json()
    send(linq, chat_id, "arrives mid-walk")
    rest = walk_cursor(linq, f"/v3/chats/{chat_id}/messages", "messages", limit=10, cursor=first_page["next_cursor"])
    walked_ids = [m["id"] for m in first_page["messages"] + rest]
    assert walked_ids == [m["id"] for m in everything]
    bad = linq.get(f"/v3/chats/{chat_id}/messages", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and "query.cursor" in bad.json()["error"]["message"]


def test_seeded_threads_exist(linq: httpx.Client) -> None:
    chat_id = walk_cursor(linq, "/v3/chats", "chats", limit=100)[-1]["id"]
    messages = walk_cursor(linq, f"/v3/chats/{chat_id}/messages", "messages", limit=100)
    replies = [m for m in messages if m.get("reply_to")]
    assert replies
    thread = walk_cursor(linq, f"/v3/messages/{replies[0]['id']}/thread", "messages", limit=5)
    assert replies[0]["reply_to"]["message_id"] in {m["id"] for m in thread}


# --- Sendblue ------------------------------------------------------------------------------------


def test_sendblue_send_status_retrieve(sendblue: httpx.Client) -> None:
    body = {"number": "+18887776666", "content": "Hello!", "from_number": "+19998887777", "send_style": "confetti"}
    sent = sendblue.post("/api/send-message", json=body)
    assert sent.status_code == 200
    message = sent.json()
    assert message["status"] == "QUEUED" and message["content"] == "Hello!" and message["number"] == "+18887776666"
    handle = message["message_handle"]
    status = sendblue.get("/api/status", params={"handle": handle})
    assert status.status_code == 200 and status.json()["message_handle"] == handle
    retrieved = sendblue.get(f"/api/v2/messages/{handle}").json()
    assert retrieved["status"] == "OK"
    assert retrieved["data"]["message_handle"] == handle and retrieved["data"]["send_style"] == "confetti"
    assert retrieved["data"]["to_number"] == "+18887776666" and retrieved["data"]["is_outbound"] is True
    missing = sendblue.get("/api/v2/messages/msg_nope")
    assert missing.status_code == 404 and missing.json()["error_code"] == 404
    assert sendblue.get("/api/status", params={"handle": "msg_nope"}).status_code == 404


def test_sendblue_offset_pagination_walks_every_item_exactly_once(sendblue: httpx.Client) -> None:
    everything = walk_offset(sendblue, limit=1000)
    assert len(everything) >= 120
    for limit in (1, 25, 50):
        walked = walk_offset(sendblue, limit=limit)
        assert [m["message_handle"] for m in walked] == [m["message_handle"] for m in everything]
    assert len({m["message_handle"] for m in everything}) == len(everything)


def test_sendblue_filters(sendblue: httpx.Client) -> None:
    everything = walk_offset(sendblue, limit=1000)
    for name, field, value in [
        ("status", "status", "DELIVERED"),
        ("service", "service", "SMS"),
        ("message_type", "message_type", "group"),
        ("is_outbound", "is_outbound", "true"),
        ("from_number", "from_number", next(m["from_number"] for m in everything if m.get("from_number"))),
        ("account_email", "accountEmail", next(m["accountEmail"] for m in everything if m.get("accountEmail"))),
    ]:
        expected = [m for m in everything if str(m.get(field)).lower() == str(value).lower()]
        got = walk_offset(sendblue, limit=1000, **{name: value})
        assert expected, name
        assert [m["message_handle"] for m in got] == [m["message_handle"] for m in expected], name
    number = next(m["to_number"] for m in everything if m.get("to_number"))
    either = [m for m in everything if number in (m.get("from_number"), m.get("to_number"))]
    assert len(walk_offset(sendblue, limit=1000, number=number)) == len(either)
    sent = sorted(m["date_sent"] for m in everything if m.get("date_sent"))
    middle = sent[len(sent) // 2]
    later = walk_offset(sendblue, limit=1000, sent_at_gte=middle)
    assert later and all(m["date_sent"] >= middle for m in later)
    assert len(later) == len([s for s in sent if s >= middle])
    earlier = walk_offset(sendblue, limit=1000, sent_at_lte=middle)
    assert len(earlier) + len(later) == len(sent) + 1
    assert walk_offset(sendblue, limit=1000, created_at_gte="2999-01-01T00:00:00Z") == []


def test_sendblue_ordering(sendblue: httpx.Client) -> None:
    ascending = walk_offset(sendblue, limit=1000, order_by="sentAt", order_direction="asc")
    dates = [m["date_sent"] for m in ascending if m.get("date_sent")]
    assert dates == sorted(dates) and len(dates) > 10
    descending = walk_offset(sendblue, limit=1000, order_by="sentAt", order_direction="desc")
    assert [m["date_sent"] for m in descending if m.get("date_sent")] == sorted(dates, reverse=True)
    by_update = walk_offset(sendblue, limit=1000, order_by="updatedAt", order_direction="asc")
    updates = [m["date_updated"] for m in by_update if m.get("date_updated")]
    assert updates == sorted(updates)
    newest_first = walk_offset(sendblue, limit=5)
    sent = sendblue.post("/api/send-message", json={"number": "+18887776666", "content": "newest"}).json()
    assert (
        walk_offset(sendblue, limit=5)[0]["message_handle"]
        == sent["message_handle"]
        != newest_first[0]["message_handle"]
    )


def test_sendblue_idempotency_key_header(sendblue: httpx.Client) -> None:
    total = sendblue.get("/api/v2/messages", params={"limit": 1}).json()["pagination"]["total"]
    headers = {"Idempotency-Key": "send-once"}
    body = {"number": "+18887776666", "content": "only once"}
    first = sendblue.post("/api/send-message", json=body, headers=headers)
    second = sendblue.post("/api/send-message", json=body, headers=headers)
    assert first.json() == second.json()
    assert sendblue.get("/api/v2/messages", params={"limit": 1}).json()["pagination"]["total"] == total + 1


def test_sendblue_rate_limit() -> None:
    with MockServer(SENDBLUE, mode="stateful", seed=3, rate_limit=True, self_check=True) as server:
        with httpx.Client(base_url=server.url, headers=SENDBLUE_AUTH) as client:
            statuses = [client.get("/api/v2/messages", params={"limit": 1}).status_code for _ in range(100)]
            assert statuses == [200] * 100
            limited = client.get("/api/v2/messages")
            assert limited.status_code == 429
            assert 1 <= int(limited.headers["retry-after"]) <= 10
            assert limited.json()["error_code"] == 429 and "100 requests per 10 s" in limited.json()["error_message"]
            other_account = {"sb-api-key-id": "another", "sb-api-secret-key": "secret"}
            assert client.get("/api/v2/messages", headers=other_account).status_code == 200
        assert server.violations == []
    with MockServer(SENDBLUE, mode="stateful", rate_limit=(2, 60)) as server:
        url = server.url + "/api/v2/messages"
        assert [httpx.get(url, headers=SENDBLUE_AUTH).status_code for _ in range(3)] == [200, 200, 429]


def test_seed_data_and_ids_are_reproducible() -> None:
    def chat_ids(seed: int) -> list[str]:
        app = create_app(LINQ, "stateful", seed=seed)
        assert app.state is not None
        return [record.id for record in app.state.store.all("chats")]

    assert chat_ids(1) == chat_ids(1)
    assert chat_ids(1) != chat_ids(2)
