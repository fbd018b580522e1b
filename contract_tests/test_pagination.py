"""Pagination terminates, with no duplicates and no gaps, and honours `limit` (and `offset`).

Cursor pagination: Linq chats, a chat's messages, a message's thread. Offset pagination: the
Sendblue message list. Each test creates what it lists through the API, walks every page with a
drawn page size, and compares the union of the pages with one call at the largest page size the
spec allows (when everything fits in it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.ir.model import constraints_of

from .targets import property_settings
from .workflows import LinqFlows, SendblueFlows, Walk


def largest_limit(flows: Any, operation_id: str) -> int:
    """The `maximum` of the operation's limit parameter in the spec."""
    operation = flows.operation(operation_id)
    assert operation.pagination is not None and operation.pagination.limit_param
    param = next(p for p in operation.params if p.name == operation.pagination.limit_param)
    maximum = constraints_of(param.type).maximum
    assert maximum is not None
    return int(maximum)


def check_walk(flows: Any, walk: Walk, *, limit: int, key: str, reference: Walk | None, created: list[str]) -> None:
    """The invariants every paginated walk must keep."""
    client = flows.client
    for page in walk.pages:
        client.expect(
            len(page.items) <= limit,
            "pagination_limit_honoured",
            f"limit={limit} but the page has {len(page.items)} items",
            page.response,
        )
    keys = [item[key] for item in walk.items]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    client.expect(
        not duplicates,
        "pagination_no_duplicates",
        f"items returned on more than one page: {duplicates[:5]}",
        walk.pages[-1].response,
    )
    missing = [k for k in created if k not in keys]
    client.expect(
        not missing,
        "pagination_no_gaps",
        f"{len(missing)} item(s) created by this test never appear in any page: {missing[:5]}",
        walk.pages[-1].response,
    )
    if reference is not None and len(reference.pages) == 1:
        expected = [item[key] for item in reference.items]
        client.expect(
            keys == expected,
            "pagination_no_gaps",
            f"the pages (limit={limit}) list {len(keys)} items, one call with the largest limit lists "
            f"{len(expected)}; only in pages: {sorted(set(keys) - set(expected))[:5]}, "
            f"only in the single call: {sorted(set(expected) - set(keys))[:5]}",
            walk.pages[-1].response,
        )


def timestamps(items: list[dict[str, Any]]) -> list[datetime]:
    return [datetime.fromisoformat(item["created_at"].replace("Z", "+00:00")) for item in items]


# --- Linq: cursor pagination ------------------------------------------------------------------


@property_settings()
@given(limit=st.integers(1, 5), count=st.integers(0, 4))
def test_linq_chats_walk_every_page_once(linq: LinqFlows, limit: int, count: int) -> None:
    recipient = linq.unique_recipient()
    created = [linq.create_chat(recipient=recipient)["id"] for _ in range(count)]
    params = {"to": recipient}
    walk = linq.walk("chatsListChats", params=params, limit=limit)
    reference = linq.walk("chatsListChats", params=params, limit=largest_limit(linq, "chatsListChats"))
    check_walk(linq, walk, limit=limit, key="id", reference=reference, created=created)
    for chat in walk.items:
        handles = [handle["handle"] for handle in chat.get("handles", [])]
        linq.client.expect(
            recipient in handles,
            "list_filter_honoured",
            f"to={recipient} but chat {chat['id']} has handles {handles}",
            walk.pages[0].response,
        )
    # Newest first: this test's chats come back in the reverse of the order they were created.
    listed = [chat_id for chat_id in (item["id"] for item in walk.items) if chat_id in created]
    linq.client.expect(
        linq.live or listed == created[::-1],
        "list_order_newest_first",
        f"created {created}, listed {listed}",
        walk.pages[0].response,
    )


@property_settings()
@given(limit=st.integers(1, 5), count=st.integers(0, 6))
def test_linq_chat_messages_walk_every_page_once(linq: LinqFlows, limit: int, count: int) -> None:
    chat = linq.create_chat(recipient=linq.unique_recipient())
    created = [chat["message"]["id"]] + [linq.send_text(chat["id"], f"message {n}")["id"] for n in range(count)]
    path = {"chatId": chat["id"]}
    walk = linq.walk("chatsMessagesList", path=path, limit=limit)
    reference = linq.walk("chatsMessagesList", path=path, limit=largest_limit(linq, "chatsMessagesList"))
    check_walk(linq, walk, limit=limit, key="id", reference=reference, created=created)
    foreign = [item["id"] for item in walk.items if item.get("chat_id") != chat["id"]]
    linq.client.expect(
        not foreign, "list_scope", f"messages of other chats listed: {foreign[:5]}", walk.pages[0].response
    )


@property_settings()
@given(limit=st.integers(1, 5), replies=st.integers(0, 5), order=st.sampled_from(["asc", "desc"]))
def test_linq_thread_walk_every_page_once(linq: LinqFlows, limit: int, replies: int, order: str) -> None:
    chat = linq.create_chat(recipient=linq.unique_recipient())
    root = chat["message"]["id"]
    created = [
        linq.send_text(chat["id"], f"reply {n}", reply_to={"message_id": root, "part_index": 0})["id"]
        for n in range(replies)
    ]
    path, params = {"messageId": root}, {"order": order}
    walk = linq.walk("messagesListMessagesThread", path=path, params=params, limit=limit)
    big = largest_limit(linq, "messagesListMessagesThread")
    reference = linq.walk("messagesListMessagesThread", path=path, params=params, limit=big)
    check_walk(linq, walk, limit=limit, key="id", reference=reference, created=created)
    times = timestamps(walk.items)
    ordered = times == sorted(times, reverse=(order == "desc"))
    linq.client.expect(
        ordered, "thread_order_honoured", f"order={order} but created_at is {times}", walk.pages[-1].response
    )


# --- Sendblue: offset pagination --------------------------------------------------------------


@property_settings()
@given(limit=st.integers(1, 7), count=st.integers(0, 4))
def test_sendblue_messages_walk_every_page_once(sendblue: SendblueFlows, limit: int, count: int) -> None:
    created = [sendblue.send(f"contract message {n}")["message_handle"] for n in range(count)]
    params = {"number": sendblue.ids.sendblue_recipient}
    walk = sendblue.walk("messagesList", params=params, limit=limit)
    reference = sendblue.walk("messagesList", params=params, limit=largest_limit(sendblue, "messagesList"))
    check_walk(sendblue, walk, limit=limit, key="message_handle", reference=reference, created=created)
    everything = [item["message_handle"] for item in reference.items]
    client = sendblue.client
    offset = 0
    for page in walk.pages:
        envelope = page.body.get("pagination", {})
        # The spec describes `limit` as the number of messages returned; the example echoes the
        # requested one. Either reading is accepted.
        client.expect(
            envelope.get("limit") in (limit, len(page.items)) and envelope.get("offset") == offset,
            "pagination_envelope",
            f"asked for limit={limit} offset={offset} and got {len(page.items)} items; the envelope says {envelope}",
            page.response,
        )
        if len(reference.pages) == 1:
            # `offset` is honoured: the page is exactly that slice of the full listing.
            expected = everything[offset : offset + limit]
            got = [item["message_handle"] for item in page.items]
            client.expect(
                got == expected,
                "pagination_offset_honoured",
                f"offset={offset} limit={limit}: got {got}, the full listing has {expected} there",
                page.response,
            )
            total = envelope.get("total")
            client.expect(
                total is None or total == len(everything),
                "pagination_total",
                f"pagination.total={total} but the listing has {len(everything)} items",
                page.response,
            )
        offset += len(page.items)
