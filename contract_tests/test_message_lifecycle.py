"""Business rules of Linq messages that Schemathesis cannot see, through HTTP only.

- The documented chain: create chat -> retrieve -> send -> list -> react -> edit -> delete ->
  404, every step read back.
- An `idempotency_key` repeated returns the first result and creates nothing (sending to a
  chat, and creating a chat).
- A Hypothesis rule-based model of chats and messages: sends, edits, reactions added and
  removed, deletes, in any order; after each step what the API returns agrees with the model
  (edits and reactions persist, a deleted message stays 404 and leaves the chat's listing).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from .strategies import PartRules, PartStrategies
from .targets import load_api, property_settings, stateful_examples
from .workflows import LinqFlows

RULES = PartRules.from_api(load_api("linq"))
REACTION_TYPES: tuple[str, ...] = tuple(load_api("linq").model("ReactionType").enum_values)
CUSTOM_EMOJI = ["🎉", "🔥", "👀", "🙌"]


def reaction_body(kind: str, operation: str, part_index: int, emoji: str) -> dict[str, Any]:
    body: dict[str, Any] = {"operation": operation, "type": kind, "part_index": part_index}
    if kind == "custom":
        body["custom_emoji"] = emoji
    return body


def my_reactions(message: dict[str, Any], part_index: int) -> set[tuple[str, str | None]]:
    parts = message.get("parts") or []
    if part_index >= len(parts):
        return set()
    reactions = parts[part_index].get("reactions") or []
    return {(r["type"], r.get("custom_emoji") if r["type"] == "custom" else None) for r in reactions if r.get("is_me")}


def stable_parts(message: dict[str, Any]) -> list[dict[str, Any]]:
    """A message's parts without media download URLs, which are presigned anew on every read."""
    return [
        {k: v for k, v in part.items() if not (part.get("type") == "media" and k == "url")} for part in message["parts"]
    ]


def test_linked_chain_create_to_delete(linq: LinqFlows) -> None:
    client = linq.client
    chat = linq.create_chat(recipient=linq.unique_recipient())
    chat_id = chat["id"]
    retrieved = linq.call_ok("chatsRetrieve", "retrieve_chat", path={"chatId": chat_id})
    client.expect(retrieved["id"] == chat_id, "retrieve_chat", f"asked for chat {chat_id}, got {retrieved['id']}")

    message = linq.send_text(chat_id, "Chain step one")
    message_id = message["id"]
    listed = linq.walk("chatsMessagesList", path={"chatId": chat_id})
    client.expect(
        message_id in [m["id"] for m in listed.items], "list_after_send", f"message {message_id} is not listed"
    )

    linq.call_ok(
        "messagesAddReaction", "react", path={"messageId": message_id}, json_body=reaction_body("love", "add", 0, "")
    )
    read = linq.call_ok("messagesRetrieve", "reaction_persists", path={"messageId": message_id})
    client.expect(
        ("love", None) in my_reactions(read, 0), "reaction_persists", f"reactions read back: {read.get('parts')}"
    )

    edited = linq.call_ok(
        "messagesUpdate", "edit", path={"messageId": message_id}, json_body={"text": "Chain step two", "part_index": 0}
    )
    client.expect(edited["parts"][0]["value"] == "Chain step two", "edit_returns_new_text", f"parts: {edited['parts']}")
    read = linq.call_ok("messagesRetrieve", "edit_persists", path={"messageId": message_id})
    client.expect(read["parts"][0]["value"] == "Chain step two", "edit_persists", f"parts read back: {read['parts']}")

    operation, response = linq.call("messagesDelete", path={"messageId": message_id})
    linq.checked(operation, response, 204, "delete_message")
    for attempt in range(2):
        operation, response = linq.call("messagesRetrieve", path={"messageId": message_id})
        linq.checked(operation, response, 404, "deleted_stays_404")
        linq.send_text(chat_id, f"activity after the delete {attempt}")
    for operation_id, body in (
        ("messagesDelete", None),
        ("messagesUpdate", {"text": "too late", "part_index": 0}),
        ("messagesAddReaction", reaction_body("like", "add", 0, "")),
        ("messagesListMessagesThread", None),
    ):
        operation, response = linq.call(operation_id, path={"messageId": message_id}, json_body=body)
        linq.checked(operation, response, 404, "deleted_stays_404")
    listed = linq.walk("chatsMessagesList", path={"chatId": chat_id})
    client.expect(
        message_id not in [m["id"] for m in listed.items], "deleted_leaves_listing", f"{message_id} is still listed"
    )


@property_settings()
@given(data=st.data())
def test_idempotency_key_on_send_returns_first_result(linq: LinqFlows, attachment_ids: list[str], data: Any) -> None:
    parts = data.draw(PartStrategies(RULES, attachment_ids).valid_parts(), label="parts")
    key = f"contract-{uuid.uuid4()}"
    chat = linq.create_chat(recipient=linq.unique_recipient())
    first = linq.send_ok(chat["id"], parts, "idempotent_send", idempotency_key=key)
    listed_once = [m["id"] for m in linq.walk("chatsMessagesList", path={"chatId": chat["id"]}).items]
    again = data.draw(st.integers(1, 3), label="repeats")
    for _ in range(again):
        replay = linq.send_ok(chat["id"], parts, "idempotent_send", idempotency_key=key)
        linq.client.expect(
            replay["message"]["id"] == first["message"]["id"] and replay["chat_id"] == first["chat_id"],
            "idempotency_replays_first_result",
            f"first send gave message {first['message']['id']}, the repeat gave {replay['message']['id']}",
        )
        linq.client.expect(
            stable_parts(replay["message"]) == stable_parts(first["message"]),
            "idempotency_replays_first_result",
            "the repeat's parts differ from the first result's",
        )
    listed = [m["id"] for m in linq.walk("chatsMessagesList", path={"chatId": chat["id"]}).items]
    linq.client.expect(
        sorted(listed) == sorted(listed_once),
        "idempotency_creates_nothing",
        f"after {again} repeat(s) the chat lists {len(listed)} messages instead of {len(listed_once)}",
    )


@property_settings(max_examples=max(2, stateful_examples() // 2))
@given(repeats=st.integers(1, 2))
def test_idempotency_key_on_create_chat_returns_first_result(linq: LinqFlows, repeats: int) -> None:
    key = f"contract-{uuid.uuid4()}"
    recipient = linq.unique_recipient()
    first = linq.create_chat(recipient=recipient, idempotency_key=key)
    before = [c["id"] for c in linq.walk("chatsListChats", params={"to": recipient}).items]
    for _ in range(repeats):
        replay = linq.create_chat(recipient=recipient, idempotency_key=key)
        linq.client.expect(
            replay["id"] == first["id"] and replay["message"]["id"] == first["message"]["id"],
            "idempotency_replays_first_result",
            f"first create gave chat {first['id']} / message {first['message']['id']}, "
            f"the repeat gave {replay['id']} / {replay['message']['id']}",
        )
    after = [c["id"] for c in linq.walk("chatsListChats", params={"to": recipient}).items]
    linq.client.expect(
        sorted(after) == sorted(before), "idempotency_creates_nothing", f"chats before {before}, after {after}"
    )
    messages = linq.walk("chatsMessagesList", path={"chatId": first["id"]}).items
    linq.client.expect(
        [m["id"] for m in messages] == [first["message"]["id"]],
        "idempotency_creates_nothing",
        f"the chat should hold only its first message, it lists {[m['id'] for m in messages]}",
    )


# --- the model -----------------------------------------------------------------------------------


@dataclass
class MessageModel:
    chat_id: str
    parts: list[dict[str, Any]]
    reactions: dict[int, set[tuple[str, str | None]]] = field(default_factory=dict)
    deleted: bool = False


class MessageLifecycle(RuleBasedStateMachine):
    """What the API should hold after any sequence of sends, edits, reactions and deletes."""

    flows: ClassVar[LinqFlows]
    parts: ClassVar[PartStrategies]

    chats = Bundle("chats")
    messages = Bundle("messages")

    def __init__(self) -> None:
        super().__init__()
        self.model: dict[str, MessageModel] = {}

    @property
    def client(self) -> Any:
        return self.flows.client

    def expect_404(self, operation_id: str, message_id: str, body: Any = None) -> None:
        operation, response = self.flows.call(operation_id, path={"messageId": message_id}, json_body=body)
        self.flows.checked(operation, response, 404, "deleted_stays_404")

    @initialize(target=chats)
    def first_chat(self) -> str:
        return self.new_chat()

    @rule(target=chats)
    def new_chat(self) -> str:
        chat = self.flows.create_chat(recipient=self.flows.unique_recipient())
        first = chat["message"]
        self.model[first["id"]] = MessageModel(
            chat["id"], [{"type": p["type"], "value": p.get("value")} for p in first["parts"]]
        )
        chat_id: str = chat["id"]
        return chat_id

    @rule(target=messages, chat_id=chats, data=st.data())
    def send(self, chat_id: str, data: Any) -> str:
        parts = data.draw(self.parts.valid_parts(), label="parts")
        sent = self.flows.send_ok(chat_id, parts)["message"]
        self.model[sent["id"]] = MessageModel(chat_id, parts)
        message_id: str = sent["id"]
        return message_id

    @rule(message_id=messages, data=st.data())
    def edit(self, message_id: str, data: Any) -> None:
        state = self.model[message_id]
        texts = [i for i, part in enumerate(state.parts) if part["type"] == "text"]
        new_text = data.draw(self.parts.text_value(), label="new text")
        if state.deleted:
            self.expect_404("messagesUpdate", message_id, {"text": new_text, "part_index": 0})
            return
        if not texts:
            return
        index = data.draw(st.sampled_from(texts), label="part_index")
        edited = self.flows.call_ok(
            "messagesUpdate", "edit", path={"messageId": message_id}, json_body={"text": new_text, "part_index": index}
        )
        self.client.expect(
            edited["parts"][index]["value"] == new_text, "edit_returns_new_text", f"parts: {edited['parts']}"
        )
        state.parts[index] = {**state.parts[index], "value": new_text}

    @rule(message_id=messages, data=st.data())
    def react(self, message_id: str, data: Any) -> None:
        state = self.model[message_id]
        index = data.draw(st.integers(0, len(state.parts) - 1), label="part_index")
        mine = state.reactions.setdefault(index, set())
        if mine and data.draw(st.booleans(), label="remove one"):
            kind, emoji = data.draw(st.sampled_from(sorted(mine, key=str)), label="reaction")
            body = reaction_body(kind, "remove", index, emoji or "")
        else:
            kind = data.draw(st.sampled_from(REACTION_TYPES), label="type")
            emoji = data.draw(st.sampled_from(CUSTOM_EMOJI), label="emoji") if kind == "custom" else None
            body = reaction_body(kind, "add", index, emoji or "")
        if state.deleted:
            self.expect_404("messagesAddReaction", message_id, body)
            return
        self.flows.call_ok("messagesAddReaction", "react", path={"messageId": message_id}, json_body=body)
        if body["operation"] == "add":
            mine.add((kind, emoji))
        else:
            mine.discard((kind, emoji))

    @rule(message_id=messages)
    def delete(self, message_id: str) -> None:
        state = self.model[message_id]
        operation, response = self.flows.call("messagesDelete", path={"messageId": message_id})
        self.flows.checked(operation, response, 404 if state.deleted else 204, "delete_message")
        state.deleted = True

    @rule(message_id=messages)
    def read_back(self, message_id: str) -> None:
        state = self.model[message_id]
        if state.deleted:
            self.expect_404("messagesRetrieve", message_id)
            return
        read = self.flows.call_ok("messagesRetrieve", "read_back", path={"messageId": message_id})
        parts = read.get("parts") or []
        self.client.expect(
            len(parts) == len(state.parts), "parts_persist", f"sent {len(state.parts)} parts, read back {len(parts)}"
        )
        for index, (sent, got) in enumerate(zip(state.parts, parts, strict=False)):
            self.client.expect(got["type"] == sent["type"], "parts_persist", f"part {index}: sent {sent}, read {got}")
            if sent["type"] in ("text", "link"):
                self.client.expect(
                    got.get("value") == sent.get("value"),
                    "edit_persists",
                    f"part {index}: expected {sent!r}, read {got!r}",
                )
            expected = state.reactions.get(index, set())
            self.client.expect(
                my_reactions(read, index) == expected,
                "reaction_persists",
                f"part {index}: expected my reactions {sorted(expected, key=str)}, read {got.get('reactions')}",
            )

    @rule(chat_id=chats)
    def list_chat(self, chat_id: str) -> None:
        listed = {m["id"] for m in self.flows.walk("chatsMessagesList", path={"chatId": chat_id}).items}
        mine = {mid for mid, state in self.model.items() if state.chat_id == chat_id}
        alive = {mid for mid in mine if not self.model[mid].deleted}
        self.client.expect(alive <= listed, "list_after_send", f"sent but not listed: {sorted(alive - listed)}")
        gone = (mine - alive) & listed
        self.client.expect(not gone, "deleted_leaves_listing", f"deleted but still listed: {sorted(gone)}")


def test_message_lifecycle_model(linq: LinqFlows, attachment_ids: list[str]) -> None:
    MessageLifecycle.flows = linq
    MessageLifecycle.parts = PartStrategies(RULES, attachment_ids)
    run_state_machine_as_test(
        MessageLifecycle, settings=property_settings(max_examples=stateful_examples(), stateful_step_count=12)
    )
