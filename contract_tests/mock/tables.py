"""One table per API: the behaviour stateful mode cannot read in the spec (see `behaviour.py`).

Everything else (which paths are collections and items, record shapes, ids, pagination,
idempotency keys, status codes, 404s) is inferred from the IR. A spec without a table here
runs on inference alone; `table_for` picks a table by the spec's `info.title`.
"""

from __future__ import annotations

from typing import Any

from .behaviour import (
    GENERIC,
    AddOrRemove,
    AnyField,
    ApiTable,
    Append,
    Create,
    CreateChild,
    Derive,
    ItemsMatch,
    KindFacts,
    RateLimit,
    Retrieve,
    Seed,
    UpdateChildren,
    UpdateItems,
)


def _others(chat: dict[str, Any]) -> list[str]:
    return [
        h["handle"] for h in chat.get("handles") or () if not h.get("is_me") and h.get("status") in (None, "active")
    ]


_HANDLE = {"joined_at": "$now", "service": "iMessage", "left_at": None, "status": "active"}

LINQ = ApiTable(
    title="Linq Partner API",
    kinds={
        "chats": KindFacts(
            newest_first=True,
            defaults={"service": "iMessage"},
            filters={
                "from": ItemsMatch("handles", {"handle": "$value", "is_me": True}),
                "to": ItemsMatch("handles", {"handle": "$value"}),
            },
        ),
        "messages": KindFacts(
            newest_first=True,
            thread="reply_to.message_id",
            defaults={
                "is_from_me": True,
                "from_handle": "$parent#/handles/[is_me=true]",
                "service": "iMessage",
            },
        ),
    },
    operations={
        # You (`from`) and the recipients (`to`) become the chat's handles, more than one
        # recipient makes a group, and `message` is sent as the chat's first message.
        "chatsCreate": [
            Append("handles", each="$request.body#/from", item={**_HANDLE, "handle": "$item", "is_me": True}),
            Append("handles", each="$request.body#/to", item={**_HANDLE, "handle": "$item", "is_me": False}),
            Derive({"is_group": lambda chat: len(_others(chat)) > 1, "display_name": lambda c: ", ".join(_others(c))}),
            CreateChild("messages", body="$request.body#/message", expose="message"),
        ],
        "chatsParticipantsAdd": [
            Append(
                "handles",
                each="$request.body#/handle",
                item={**_HANDLE, "handle": "$item", "is_me": False},
                unique_by="handle",
                refresh=("status", "left_at"),
            ),
            Derive({"is_group": lambda chat: len(_others(chat)) > 1}),
        ],
        "chatsParticipantsRemove": [
            UpdateItems(
                "handles",
                where={"handle": "$request.body#/handle", "status": "active"},
                set={"status": "removed", "left_at": "$now"},
                refuse="this handle is not an active participant of the chat",
            ),
        ],
        "chatsLeaveChat": [UpdateItems("handles", where={"is_me": True}, set={"status": "left", "left_at": "$now"})],
        "chatsMarkAsRead": [UpdateChildren("messages", set={"is_read": True, "read_at": "$now"})],
        "messagesUpdate": [
            UpdateItems(
                "parts",
                index="$request.body#/part_index ?? 0",
                set={"value": "$request.body#/text"},
                require={"type": "text"},
                refuse="part_index must name a text part of the message",
            ),
        ],
        "messagesAddReaction": [
            AddOrRemove(
                "parts",
                index="$request.body#/part_index ?? 0",
                list="reactions",
                operation="$request.body#/operation",
                item={
                    "handle": "$parent#/handles/[is_me=true]",
                    "is_me": True,
                    "type": "$request.body#/type",
                    "custom_emoji": "$request.body#/custom_emoji ?? null",
                    "sticker": None,
                },
                same=("is_me", "type", "custom_emoji"),
            ),
        ],
    },
    seed=[
        Seed("chats", 3, via="chatsCreate"),
        Seed("messages", 45, per="chats", via="chatsMessagesSend", replies_every=5),
    ],
)

SENDBLUE = ApiTable(
    title="Sendblue API",
    kinds={
        "messages": KindFacts(
            id_field="message_handle",
            newest_first=True,
            aliases={
                "created_at": "@created",
                "createdAt": "@created",
                "date_created": "@created",
                "sent_at": "date_sent",
                "sentAt": "date_sent",
                "updated_at": "date_updated",
                "updatedAt": "date_updated",
            },
            filters={"number": AnyField(("from_number", "to_number"))},
        ),
    },
    operations={
        "messagesSend": [
            Create(
                "messages",
                set={
                    "to_number": "$request.body#/number",
                    "sendblue_number": "$request.body#/from_number ?? null",
                    "is_outbound": True,
                    "status": "QUEUED",
                    "message_type": "message",
                    "service": "iMessage",
                    "date_sent": "$now",
                    "opted_out": False,
                    "was_downgraded": False,
                    "participants": [],
                },
            ),
        ],
        "messagesGetStatus": [Retrieve("messages", id="$request.query.handle")],
    },
    seed=[Seed("messages", 120)],
    rate_limit=RateLimit(100, 10, key="$request.header.sb-api-key-id"),
)

TABLES = {table.title: table for table in (LINQ, SENDBLUE)}


def table_for(title: str) -> ApiTable:
    return TABLES.get(title, GENERIC)
