"""Contract between `spec/linq.yaml` and the Linq Partner API v3 reference pages.

The tables below restate the pages (operations, models, enums, constraints, rules) plus the
project's choices for what the pages leave out (status codes, error bodies, pagination
envelopes, attachments). A failing test names the operation, model, field or example that
drifted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[1] / "spec" / "linq.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
SPEC_URI = "urn:spec:linq"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# --------------------------------------------------------------------------- helpers


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer(ptr: str) -> Any:
    """The node of the spec at a JSON pointer (`/components/schemas/Chat`)."""
    node: Any = SPEC
    for token in ptr.lstrip("/").split("/") if ptr.strip("/") else []:
        node = node[int(token)] if isinstance(node, list) else node[_unescape(token)]
    return node


def resolve(node: Any) -> Any:
    """Follow local `#/...` references until a node without `$ref` is reached."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local references are expected, got {ref}"
        assert ref not in seen, f"reference cycle through {ref}"
        seen.add(ref)
        node = pointer(ref[1:])
    return node


def ref_name(node: dict[str, Any]) -> str:
    return node["$ref"].rsplit("/", 1)[-1]


def describe(schema: dict[str, Any]) -> str:
    """A compact, comparable description of a property schema.

    `string(uuid)`, `string|null`, `ChatHandle` (a reference), `HealthScore|null`,
    `array[ChatHandle]`, `const:text`.
    """
    if "$ref" in schema:
        return ref_name(schema)
    if "anyOf" in schema:
        alternatives = schema["anyOf"]
        named = [describe(alt) for alt in alternatives if alt != {"type": "null"}]
        nullable = len(named) < len(alternatives)
        return "|".join(named) + ("|null" if nullable else "")
    if "const" in schema:
        return f"const:{schema['const']}"
    types = schema["type"]
    types = [types] if isinstance(types, str) else list(types)
    nullable = "null" in types
    (base,) = [t for t in types if t != "null"]
    if base == "array":
        text = f"array[{describe(schema['items'])}]"
    elif "format" in schema:
        text = f"{base}({schema['format']})"
    else:
        text = base
    return text + ("|null" if nullable else "")


def locate(path: str) -> dict[str, Any]:
    """A schema node by dotted path: `TextPart.value`, `TextDecoration.range[]`."""
    name, *steps = path.split(".")
    node = SCHEMAS[name]
    for step in steps:
        prop = step.removesuffix("[]")
        node = resolve(node)["properties"][prop]
        if step.endswith("[]"):
            node = node["items"]
    return node


def operations() -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield method, path, item, operation


OPERATIONS_BY_ID = {op["operationId"]: (m, p, item, op) for m, p, item, op in operations()}


def parameters_of(item: dict[str, Any], operation: dict[str, Any]) -> dict[tuple[str, str], Any]:
    params = {}
    for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
        param = resolve(raw)
        params[(param["in"], param["name"])] = param
    return params


FORMATS = FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and not any(c.isspace() for c in value)


REGISTRY = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(SPEC))


def validator_at(ptr: str) -> Draft202012Validator:
    """A 2020-12 validator for the schema at a JSON pointer of the spec."""
    return Draft202012Validator({"$ref": f"{SPEC_URI}#{ptr}"}, registry=REGISTRY, format_checker=FORMATS)


def validator_for(name: str) -> Draft202012Validator:
    return validator_at(f"/components/schemas/{name}")


def errors_of(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


# --------------------------------------------------------------------------- document


def test_document_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"] == "3.1.0"
    validate_openapi(SPEC)


def test_servers() -> None:
    assert [server["url"] for server in SPEC["servers"]] == ["https://api.linqapp.com/api/partner"]


def test_bearer_security_applies_globally() -> None:
    scheme = SPEC["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert SPEC["security"] == [{"bearerAuth": []}]


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS_BY_ID))
def test_operation_does_not_override_security(operation_id: str) -> None:
    assert "security" not in OPERATIONS_BY_ID[operation_id][3]


def test_no_openapi_3_0_nullable_keyword() -> None:
    def walk(node: Any, ptr: str) -> Iterator[str]:
        if isinstance(node, dict):
            if "nullable" in node:
                yield ptr
            for key, value in node.items():
                if key not in ("example", "examples"):
                    yield from walk(value, f"{ptr}/{_escape(key)}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{ptr}/{index}")

    assert list(walk(SPEC, "")) == []


# --------------------------------------------------------------------------- operations

# (method, path, x-sdk-method, success status, request body schema, response schema, summary);
# the attachments operations come from the facts note, not the pages, so their summaries are free.
# fmt: off
OPERATIONS = [
    ("post",   "/v3/chats",                             "chats.create",                "201", "ChatCreateParams",         "ChatCreateResponse",         "Create a new chat"),
    ("get",    "/v3/chats",                             "chats.listChats",             "200", None,                       "ChatList",                   "List all chats"),
    ("get",    "/v3/chats/{chatId}",                    "chats.retrieve",              "200", None,                       "Chat",                       "Get a chat by ID"),
    ("put",    "/v3/chats/{chatId}",                    "chats.update",                "200", "ChatUpdateParams",         "ChatUpdateResponse",         "Update a chat"),
    ("post",   "/v3/chats/{chatId}/read",               "chats.markAsRead",            "204", None,                       None,                         "Mark chat as read"),
    ("post",   "/v3/chats/{chatId}/leave",              "chats.leaveChat",             "200", None,                       "ChatLeaveChatResponse",      "Leave a group chat"),
    ("post",   "/v3/chats/{chatId}/share_contact_card", "chats.shareContactCard",      "204", None,                       None,                         "Share your contact card with a chat"),
    ("post",   "/v3/chats/{chatId}/voicememo",          "chats.sendVoicememo",         "202", "ChatSendVoicememoParams",  "ChatSendVoicememoResponse",  "Send a voice memo to a chat"),
    ("post",   "/v3/chats/{chatId}/participants",       "chats.participants.add",      "200", "ParticipantAddParams",     "ParticipantAddResponse",     "Add a participant to a chat"),
    ("delete", "/v3/chats/{chatId}/participants",       "chats.participants.remove",   "200", "ParticipantRemoveParams",  "ParticipantRemoveResponse",  "Remove a participant from a chat"),
    ("post",   "/v3/chats/{chatId}/typing",             "chats.typing.start",          "204", None,                       None,                         "Start typing indicator"),
    ("delete", "/v3/chats/{chatId}/typing",             "chats.typing.stop",           "204", None,                       None,                         "Stop typing indicator"),
    ("post",   "/v3/chats/{chatId}/messages",           "chats.messages.send",         "202", "MessageSendParams",        "MessageSendResponse",        "Send a message to an existing chat"),
    ("get",    "/v3/chats/{chatId}/messages",           "chats.messages.list",         "200", None,                       "MessageList",                "Get messages from a chat"),
    ("get",    "/v3/messages/{messageId}/thread",       "messages.listMessagesThread", "200", None,                       "MessageList",                "Get all messages in a thread"),
    ("get",    "/v3/messages/{messageId}",              "messages.retrieve",           "200", None,                       "Message",                    "Get a message by ID"),
    ("delete", "/v3/messages/{messageId}",              "messages.delete",             "204", None,                       None,                         "Delete a message from system"),
    ("post",   "/v3/messages/{messageId}/reactions",    "messages.addReaction",        "200", "MessageAddReactionParams", "MessageAddReactionResponse", "Add or remove a reaction to a message"),
    ("patch",  "/v3/messages/{messageId}",              "messages.update",             "200", "MessageUpdateParams",      "Message",                    "Edit the content of a message part"),
    ("post",   "/v3/attachments",                       "attachments.create",          "200", "AttachmentCreateParams",   "AttachmentCreateResponse",   None),
    ("get",    "/v3/attachments/{attachmentId}",        "attachments.retrieve",        "200", None,                       "Attachment",                 None),
]
# fmt: on
OPERATION_IDS = [row[2] for row in OPERATIONS]


def operation_id_of(sdk_method: str) -> str:
    head, *rest = sdk_method.split(".")
    return head + "".join(segment[0].upper() + segment[1:] for segment in rest)


def test_exactly_the_operations_of_the_pages() -> None:
    expected = {(method, path) for method, path, *_ in OPERATIONS}
    actual = {(method, path) for method, path, _, _ in operations()}
    assert len(OPERATIONS) == 21
    assert actual == expected


def test_sdk_methods_and_operation_ids_are_unique() -> None:
    sdk_methods = [op["x-sdk-method"] for _, _, _, op in operations()]
    operation_ids = [op["operationId"] for _, _, _, op in operations()]
    assert len(set(sdk_methods)) == len(sdk_methods)
    assert len(set(operation_ids)) == len(operation_ids)


@pytest.mark.parametrize(
    ("method", "path", "sdk_method", "status", "request_schema", "response_schema", "summary"),
    OPERATIONS,
    ids=OPERATION_IDS,
)
def test_operation(
    method: str,
    path: str,
    sdk_method: str,
    status: str,
    request_schema: str | None,
    response_schema: str | None,
    summary: str | None,
) -> None:
    operation = SPEC["paths"][path][method]
    assert operation["x-sdk-method"] == sdk_method
    assert operation["operationId"] == operation_id_of(sdk_method)
    assert operation["tags"] == [sdk_method.split(".")[0]]
    if summary is not None:
        assert operation["summary"] == summary
    else:
        assert operation["summary"]

    successes = sorted(code for code in operation["responses"] if code.startswith("2"))
    assert successes == [status]
    success = resolve(operation["responses"][status])
    if response_schema is None:
        assert "content" not in success, "a 204 answer has no body"
    else:
        assert list(success["content"]) == ["application/json"]
        assert ref_name(success["content"]["application/json"]["schema"]) == response_schema

    if request_schema is None:
        assert "requestBody" not in operation
    else:
        body = resolve(operation["requestBody"])
        assert body["required"] is True
        assert list(body["content"]) == ["application/json"]
        assert ref_name(body["content"]["application/json"]["schema"]) == request_schema


PATH_PARAMETERS = {"chatId": "/v3/chats/", "messageId": "/v3/messages/", "attachmentId": "/v3/attachments/"}

# operationId -> query parameter -> schema description
QUERY_PARAMETERS = {
    "chatsListChats": {"cursor": "string", "from": "PhoneNumber", "limit": "integer", "to": "Handle"},
    "chatsMessagesList": {"cursor": "string", "limit": "integer"},
    "messagesListMessagesThread": {"cursor": "string", "limit": "integer", "order": "string"},
}


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS_BY_ID))
def test_parameters(operation_id: str) -> None:
    _, path, item, operation = OPERATIONS_BY_ID[operation_id]
    params = parameters_of(item, operation)
    path_names = {name for (where, name) in params if where == "path"}
    assert path_names == {name for name, prefix in PATH_PARAMETERS.items() if f"{{{name}}}" in path}
    for name in path_names:
        param = params[("path", name)]
        assert param["required"] is True
        assert describe(param["schema"]) == "string(uuid)"
    query = {name: describe(p["schema"]) for (where, name), p in params.items() if where == "query"}
    assert query == QUERY_PARAMETERS.get(operation_id, {})
    for (where, name), param in params.items():
        if where == "query":
            assert not param.get("required", False), f"query parameter {name} is optional"
    assert {where for where, _ in params} <= {"path", "query"}


# --------------------------------------------------------------------------- pagination

# operationId -> (items property, item schema)
PAGINATED = {
    "chatsListChats": ("chats", "Chat"),
    "chatsMessagesList": ("messages", "Message"),
    "messagesListMessagesThread": ("messages", "Message"),
}


@pytest.mark.parametrize("operation_id", sorted(PAGINATED))
def test_cursor_pagination_shape(operation_id: str) -> None:
    items, item_schema = PAGINATED[operation_id]
    _, _, item, operation = OPERATIONS_BY_ID[operation_id]
    params = parameters_of(item, operation)
    assert params[("query", "cursor")]["schema"] == {"type": "string"}
    limit = params[("query", "limit")]["schema"]
    assert (limit["type"], limit["minimum"], limit["maximum"], limit["default"]) == ("integer", 1, 100, 20)
    envelope = resolve(operation["responses"]["200"]["content"]["application/json"]["schema"])
    assert set(envelope["properties"]) == {items, "next_cursor"}
    assert describe(envelope["properties"][items]) == f"array[{item_schema}]"
    assert describe(envelope["properties"]["next_cursor"]) == "string|null"
    assert "next_cursor" not in envelope.get("required", []), "absent on the last page"
    assert "x-pagination" not in operation, "pagination is inferred"


@pytest.mark.parametrize("operation_id", sorted(set(OPERATIONS_BY_ID) - set(PAGINATED)))
def test_other_operations_are_not_paginated(operation_id: str) -> None:
    _, _, item, operation = OPERATIONS_BY_ID[operation_id]
    params = parameters_of(item, operation)
    assert ("query", "cursor") not in params
    assert ("query", "offset") not in params


def test_thread_order_enum() -> None:
    _, _, item, operation = OPERATIONS_BY_ID["messagesListMessagesThread"]
    assert parameters_of(item, operation)[("query", "order")]["schema"]["enum"] == ["asc", "desc"]


# --------------------------------------------------------------------------- errors

ERROR_RESPONSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "404": "NotFound",
    "429": "TooManyRequests",
}


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS_BY_ID))
def test_error_responses(operation_id: str) -> None:
    _, _, item, operation = OPERATIONS_BY_ID[operation_id]
    params = parameters_of(item, operation)
    expected = {"401", "429"}
    if "requestBody" in operation or any(where == "query" for where, _ in params):
        expected.add("400")
    if any(where == "path" for where, _ in params):
        expected.add("404")
    errors = {code: resp for code, resp in operation["responses"].items() if not code.startswith("2")}
    assert set(errors) == expected
    for code, response in errors.items():
        assert response == {"$ref": f"#/components/responses/{ERROR_RESPONSES[code]}"}, code


@pytest.mark.parametrize("name", sorted(ERROR_RESPONSES.values()))
def test_shared_error_response_uses_error_body(name: str) -> None:
    response = SPEC["components"]["responses"][name]
    assert response["description"]
    assert list(response["content"]) == ["application/json"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_too_many_requests_has_retry_after_seconds() -> None:
    headers = SPEC["components"]["responses"]["TooManyRequests"]["headers"]
    assert set(headers) == {"Retry-After"}
    header = resolve(headers["Retry-After"])
    assert header["schema"]["type"] == "integer"
    assert "second" in header["description"].lower()


def test_error_body_shape() -> None:
    error = SCHEMAS["Error"]
    assert {k: describe(v) for k, v in error["properties"].items()} == {
        "error": "object",
        "trace_id": "string",
    }
    assert set(error["required"]) == {"error", "trace_id"}
    inner = error["properties"]["error"]
    assert {k: describe(v) for k, v in inner["properties"].items()} == {
        "status": "integer",
        "code": "integer",
        "message": "string",
    }
    assert set(inner["required"]) == {"status", "code", "message"}


# --------------------------------------------------------------------------- links

# (source operationId, status, target operationId, parameter, runtime expression)
LINKS = [
    *(
        ("chatsCreate", "201", target, "chatId", "$response.body#/chat/id")
        for target in (
            "chatsRetrieve",
            "chatsUpdate",
            "chatsMessagesSend",
            "chatsMessagesList",
            "chatsParticipantsAdd",
        )
    ),
    *(
        ("chatsMessagesSend", "202", target, "messageId", "$response.body#/message/id")
        for target in (
            "messagesRetrieve",
            "messagesUpdate",
            "messagesAddReaction",
            "messagesDelete",
            "messagesListMessagesThread",
        )
    ),
    ("attachmentsCreate", "200", "attachmentsRetrieve", "attachmentId", "$response.body#/attachment_id"),
]


@pytest.mark.parametrize(
    ("source", "status", "target", "parameter", "expression"),
    LINKS,
    ids=[f"{source}->{target}" for source, _, target, _, _ in LINKS],
)
def test_link(source: str, status: str, target: str, parameter: str, expression: str) -> None:
    response = resolve(OPERATIONS_BY_ID[source][3]["responses"][status])
    links = [resolve(link) for link in response.get("links", {}).values()]
    matching = [link for link in links if link.get("operationId") == target]
    assert len(matching) == 1, f"one link from {source} to {target}"
    assert matching[0]["parameters"] == {parameter: expression}


def test_no_other_links() -> None:
    declared = set()
    for _, _, _, operation in operations():
        for status, response in operation["responses"].items():
            for link in resolve(response).get("links", {}).values():
                declared.add((operation["operationId"], status, resolve(link)["operationId"]))
    assert declared == {(source, status, target) for source, status, target, _, _ in LINKS}


# --------------------------------------------------------------------------- models

# Field names as on the pages: a trailing `?` marks an optional field. Types use `describe`.
UUID, DATE_TIME, URI = "string(uuid)", "string(date-time)", "string(uri)"
STATUS_REPLY = {"message?": "string", "status?": "string", "trace_id?": "string"}
MODELS: dict[str, dict[str, str]] = {
    "ChatHandle": {
        "id": UUID,
        "handle": "Handle",
        "joined_at": DATE_TIME,
        "service": "ServiceType",
        "is_me?": "boolean|null",
        "left_at?": "string(date-time)|null",
        "status?": "string|null",
    },
    "HealthScore": {"reason": "string", "score": "number", "updated_at": DATE_TIME},
    "Chat": {
        "id": UUID,
        "created_at": DATE_TIME,
        "display_name": "string|null",
        "handles": "array[ChatHandle]",
        "is_archived": "boolean",
        "is_group": "boolean",
        "updated_at": DATE_TIME,
        "health_score?": "HealthScore|null",
        "service?": "ServiceType|null",
    },
    "ChatList": {"chats": "array[Chat]", "next_cursor?": "string|null"},
    "CreatedChat": {
        "id": UUID,
        "display_name": "string|null",
        "handles": "array[ChatHandle]",
        "is_group": "boolean",
        "message": "SentMessage",
        "service": "ServiceType",
        "health_score?": "HealthScore|null",
    },
    "ChatCreateParams": {"from": "PhoneNumber", "to": "array[Handle]", "message": "MessageContent"},
    "ChatCreateResponse": {"chat": "CreatedChat"},
    "ChatUpdateParams": {"display_name?": "string", "group_chat_icon?": URI},
    "ChatUpdateResponse": {"chat_id?": UUID, "status?": "string"},
    "ChatLeaveChatResponse": STATUS_REPLY,
    "ChatSendVoicememoParams": {"attachment_id?": UUID, "voice_memo_url?": URI},
    "ChatSendVoicememoResponse": {"voice_memo": "VoiceMemo"},
    "VoiceMemo": {
        "id": UUID,
        "chat": "VoiceMemoChat",
        "created_at": DATE_TIME,
        "from": "PhoneNumber",
        "status": "string",
        "to": "array[Handle]",
        "voice_memo": "VoiceMemoAttachment",
        "service?": "ServiceType|null",
    },
    "VoiceMemoChat": {
        "id": UUID,
        "handles": "array[ChatHandle]",
        "is_active": "boolean",
        "is_group": "boolean",
        "service": "ServiceType",
    },
    "VoiceMemoAttachment": {
        "id": UUID,
        "filename": "string",
        "mime_type": "string",
        "size_bytes": "integer",
        "url": URI,
        "duration_ms?": "integer|null",
    },
    "ParticipantAddParams": {"handle": "Handle"},
    "ParticipantRemoveParams": {"handle": "Handle"},
    "ParticipantAddResponse": STATUS_REPLY,
    "ParticipantRemoveResponse": STATUS_REPLY,
    "MessageContent": {
        "parts": "array[MessagePart]",
        "effect?": "MessageEffect",
        "idempotency_key?": "string",
        "preferred_service?": "ServiceType",
        "reply_to?": "ReplyTo",
    },
    "TextPart": {"type": "const:text", "value": "string", "text_decorations?": "array[TextDecoration]"},
    "MediaPart": {"type": "const:media", "attachment_id?": UUID, "url?": URI},
    "LinkPart": {"type": "const:link", "value": URI},
    "TextDecoration": {"range": "array[integer]", "animation?": "string", "style?": "string"},
    "MessageEffect": {"name?": "string", "type?": "string"},
    "ReplyTo": {"message_id": UUID, "part_index?": "integer(int32)"},
    "MessageSendParams": {"message": "MessageContent"},
    "MessageSendResponse": {"chat_id": UUID, "message": "SentMessage"},
    "MessageUpdateParams": {"text": "string", "part_index?": "integer"},
    "SentMessage": {
        "id": UUID,
        "created_at": DATE_TIME,
        "delivery_status": "DeliveryStatus",
        "is_read": "boolean",
        "parts": "array[MessagePartResponse]",
        "sent_at": "string(date-time)|null",
        "delivered_at?": "string(date-time)|null",
        "effect?": "MessageEffect|null",
        "from_handle?": "ChatHandle|null",
        "preferred_service?": "ServiceType|null",
        "reply_to?": "ReplyTo|null",
        "service?": "ServiceType|null",
    },
    "Message": {
        "id": UUID,
        "chat_id": UUID,
        "created_at": DATE_TIME,
        "is_delivered": "boolean",
        "is_from_me": "boolean",
        "is_read": "boolean",
        "updated_at": DATE_TIME,
        "delivered_at?": "string(date-time)|null",
        "effect?": "MessageEffect|null",
        "from?": "PhoneNumber|null",
        "from_handle?": "ChatHandle|null",
        "parts?": "array[MessagePartResponse]|null",
        "preferred_service?": "ServiceType|null",
        "read_at?": "string(date-time)|null",
        "reply_to?": "ReplyTo|null",
        "sent_at?": "string(date-time)|null",
        "service?": "ServiceType|null",
    },
    "MessageList": {"messages": "array[Message]", "next_cursor?": "string|null"},
    "TextPartResponse": {
        "reactions": "array[Reaction]|null",
        "type": "const:text",
        "value": "string",
        "text_decorations?": "array[TextDecoration]|null",
    },
    "MediaPartResponse": {
        "id": UUID,
        "filename": "string",
        "mime_type": "string",
        "reactions": "array[Reaction]|null",
        "size_bytes": "integer",
        "type": "const:media",
        "url": URI,
    },
    "LinkPartResponse": {"reactions": "array[Reaction]|null", "type": "const:link", "value": URI},
    "Reaction": {
        "handle": "ChatHandle",
        "is_me": "boolean",
        "type": "ReactionType",
        "custom_emoji?": "string|null",
        "sticker?": "Sticker|null",
    },
    "Sticker": {
        "file_name?": "string",
        "height?": "integer",
        "mime_type?": "string",
        "url?": URI,
        "width?": "integer",
    },
    "MessageAddReactionParams": {
        "operation": "string",
        "type": "ReactionType",
        "custom_emoji?": "string",
        "part_index?": "integer",
    },
    "MessageAddReactionResponse": STATUS_REPLY,
    "AttachmentCreateParams": {"content_type": "string", "filename": "string", "size_bytes": "integer"},
    "AttachmentCreateResponse": {
        "attachment_id": UUID,
        "download_url": URI,
        "upload_url": URI,
        "http_method": "const:PUT",
        "required_headers": "object",
        "expires_at": DATE_TIME,
    },
    "Attachment": {
        "id": UUID,
        "filename": "string",
        "content_type": "string",
        "size_bytes": "integer",
        "download_url": URI,
        "created_at": DATE_TIME,
        "status": "string",
    },
    "Error": {"error": "object", "trace_id": "string"},
}
# Schemas that are not objects with fields: scalars, enums and part unions.
VALUE_SCHEMAS = {
    "PhoneNumber": "string",
    "Handle": "string",
    "ServiceType": "string",
    "DeliveryStatus": "string",
    "ReactionType": "string",
}
UNIONS = {
    "MessagePart": {"text": "TextPart", "media": "MediaPart", "link": "LinkPart"},
    "MessagePartResponse": {
        "text": "TextPartResponse",
        "media": "MediaPartResponse",
        "link": "LinkPartResponse",
    },
}
FIELDS = [(model, field) for model, fields in MODELS.items() for field in fields]


def test_every_component_schema_is_in_the_contract() -> None:
    assert set(SCHEMAS) == set(MODELS) | set(VALUE_SCHEMAS) | set(UNIONS)


@pytest.mark.parametrize("model", sorted(MODELS))
def test_model_fields_and_required(model: str) -> None:
    schema = SCHEMAS[model]
    fields = MODELS[model]
    assert schema["type"] == "object"
    assert set(schema["properties"]) == {name.rstrip("?") for name in fields}
    assert set(schema.get("required", [])) == {name for name in fields if not name.endswith("?")}


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=[f"{m}.{f.rstrip('?')}" for m, f in FIELDS])
def test_field_type(model: str, field: str) -> None:
    prop = SCHEMAS[model]["properties"][field.rstrip("?")]
    assert describe(prop) == MODELS[model][field]


@pytest.mark.parametrize(("name", "kind"), sorted(VALUE_SCHEMAS.items()))
def test_value_schema(name: str, kind: str) -> None:
    assert SCHEMAS[name]["type"] == kind


@pytest.mark.parametrize("union", sorted(UNIONS))
def test_part_union_is_discriminated_on_type(union: str) -> None:
    schema = SCHEMAS[union]
    mapping = UNIONS[union]
    assert [ref_name(alt) for alt in schema["oneOf"]] == list(mapping.values())
    assert schema["discriminator"] == {
        "propertyName": "type",
        "mapping": {value: f"#/components/schemas/{name}" for value, name in mapping.items()},
    }
    for value, name in mapping.items():
        part = SCHEMAS[name]
        assert "type" in part["required"], name
        assert part["properties"]["type"]["const"] == value, name
        assert "enum" not in part["properties"]["type"], name


def test_message_content_parts_use_the_request_union() -> None:
    assert locate("MessageContent.parts")["items"] == {"$ref": "#/components/schemas/MessagePart"}


# --------------------------------------------------------------------------- enums

# Location (schema or `Schema.field`) -> values, in the pages' order.
ENUMS = {
    "ServiceType": ["iMessage", "SMS", "RCS"],
    "DeliveryStatus": ["pending", "queued", "sent", "delivered", "failed"],
    "ReactionType": ["love", "like", "dislike", "laugh", "emphasize", "question", "custom", "sticker"],
    "TextDecoration.style": ["bold", "italic", "strikethrough", "underline"],
    "TextDecoration.animation": ["big", "small", "shake", "nod", "explode", "ripple", "bloom", "jitter"],
    "MessageEffect.type": ["screen", "bubble"],
    "ChatHandle.status": ["active", "left", "removed"],
    "MessageAddReactionParams.operation": ["add", "remove"],
    "Attachment.status": ["pending", "uploaded", "failed"],
}


@pytest.mark.parametrize("location", sorted(ENUMS))
def test_enum_values(location: str) -> None:
    node = locate(location)
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    values = [value for value in node["enum"] if value is not None]
    assert values == ENUMS[location]
    assert (None in node["enum"]) == ("null" in types), "null is allowed by both type and enum, or neither"


# --------------------------------------------------------------------------- constraints

# (location, keyword, value)
CONSTRAINTS = [
    ("TextPart.value", "minLength", 1),
    ("TextPart.value", "maxLength", 10000),
    ("MessageUpdateParams.text", "minLength", 1),
    ("MessageUpdateParams.text", "maxLength", 10000),
    ("MessageContent.idempotency_key", "maxLength", 255),
    ("MessageContent.parts", "minItems", 1),
    ("MessageContent.parts", "maxItems", 100),
    ("ReplyTo.part_index", "minimum", 0),
    ("ReplyTo.part_index", "format", "int32"),
    ("MessageAddReactionParams.part_index", "minimum", 0),
    ("MessageUpdateParams.part_index", "minimum", 0),
    ("HealthScore.score", "minimum", 0),
    ("HealthScore.score", "maximum", 100),
    ("LinkPart.value", "maxLength", 2048),
    ("MediaPart.url", "maxLength", 2048),
    ("MediaPart.url", "pattern", "^https://"),
    ("MediaPart.url", "format", "uri"),
    ("ChatSendVoicememoParams.voice_memo_url", "maxLength", 2048),
    ("ChatSendVoicememoParams.voice_memo_url", "pattern", "^https://"),
    ("ChatSendVoicememoParams.voice_memo_url", "format", "uri"),
    ("TextDecoration.range", "minItems", 2),
    ("TextDecoration.range", "maxItems", 2),
    ("TextDecoration.range[]", "minimum", 0),
    ("PhoneNumber", "pattern", "^\\+[1-9][0-9]{7,14}$"),
    ("ChatCreateParams.to", "minItems", 1),
    ("AttachmentCreateParams.size_bytes", "minimum", 1),
    ("AttachmentCreateParams.size_bytes", "maximum", 104857600),
    ("AttachmentCreateResponse.required_headers", "additionalProperties", {"type": "string"}),
]


@pytest.mark.parametrize(
    ("location", "keyword", "value"), CONSTRAINTS, ids=[f"{loc}:{kw}" for loc, kw, _ in CONSTRAINTS]
)
def test_constraint(location: str, keyword: str, value: Any) -> None:
    assert locate(location)[keyword] == value


# (schema name, alternatives of `oneOf`) for the pages' "exactly one of".
EXACTLY_ONE_OF = {
    "MediaPart": [{"required": ["url"]}, {"required": ["attachment_id"]}],
    "TextDecoration": [{"required": ["style"]}, {"required": ["animation"]}],
    "ChatSendVoicememoParams": [{"required": ["attachment_id"]}, {"required": ["voice_memo_url"]}],
}


@pytest.mark.parametrize("name", sorted(EXACTLY_ONE_OF))
def test_exactly_one_of(name: str) -> None:
    assert sorted(SCHEMAS[name]["oneOf"], key=str) == sorted(EXACTLY_ONE_OF[name], key=str)


def test_custom_reaction_requires_custom_emoji() -> None:
    schema = SCHEMAS["MessageAddReactionParams"]
    assert schema["if"]["properties"]["type"] == {"const": "custom"}
    assert schema["then"] == {"required": ["custom_emoji"]}


LONG = "x" * 10001
HTTPS_2049 = "https://example.com/" + "a" * (2049 - len("https://example.com/"))
UUID_1 = "3b2a1c0d-7e6f-4d5c-9b8a-112233445566"
TEXT = {"type": "text", "value": "hello"}
MEDIA = {"type": "media", "url": "https://cdn.example.com/a.jpg"}

# (schema, instance, accepted?, id)
SAMPLES = [
    ("Handle", "+12223334444", True, "handle-us-phone"),
    ("Handle", "+442071234567", True, "handle-uk-phone"),
    ("Handle", "a@b.co", True, "handle-email"),
    ("Handle", "555-1234", False, "handle-local-number"),
    ("Handle", "+1 222 333 4444", False, "handle-spaces"),
    ("Handle", "12223334444", False, "handle-no-plus"),
    ("Handle", "a@b", False, "handle-email-no-domain"),
    ("PhoneNumber", "+81312345678", True, "phone-jp"),
    ("PhoneNumber", "a@b.co", False, "phone-email"),
    ("PhoneNumber", "+0123456789", False, "phone-leading-zero"),
    ("PhoneNumber", "+1234567", False, "phone-7-digits"),
    ("PhoneNumber", "+1234567890123456", False, "phone-16-digits"),
    ("TextPart", TEXT, True, "text"),
    ("TextPart", {"type": "text", "value": ""}, False, "text-empty"),
    ("TextPart", {"type": "text", "value": "x" * 10000}, True, "text-10000"),
    ("TextPart", {"type": "text", "value": LONG}, False, "text-10001"),
    (
        "TextPart",
        {"type": "text", "value": "hello", "text_decorations": [{"range": [0, 5], "style": "bold"}]},
        True,
        "decoration-style",
    ),
    (
        "TextPart",
        {"type": "text", "value": "hello", "text_decorations": [{"range": [0, 5], "animation": "big"}]},
        True,
        "decoration-animation",
    ),
    (
        "TextPart",
        {
            "type": "text",
            "value": "hello",
            "text_decorations": [{"range": [0, 5], "style": "bold", "animation": "big"}],
        },
        False,
        "decoration-style-and-animation",
    ),
    (
        "TextPart",
        {"type": "text", "value": "hello", "text_decorations": [{"range": [0, 5]}]},
        False,
        "decoration-neither",
    ),
    (
        "TextPart",
        {"type": "text", "value": "hello", "text_decorations": [{"range": [0, 1, 2], "style": "bold"}]},
        False,
        "decoration-range-3-items",
    ),
    (
        "TextPart",
        {"type": "text", "value": "hello", "text_decorations": [{"range": [-1, 2], "style": "bold"}]},
        False,
        "decoration-range-negative",
    ),
    (
        "TextPart",
        {"type": "text", "value": "hello", "text_decorations": [{"range": [0, 5], "style": "blink"}]},
        False,
        "decoration-unknown-style",
    ),
    ("MediaPart", MEDIA, True, "media-url"),
    ("MediaPart", {"type": "media", "attachment_id": UUID_1}, True, "media-attachment"),
    ("MediaPart", {**MEDIA, "attachment_id": UUID_1}, False, "media-url-and-attachment"),
    ("MediaPart", {"type": "media"}, False, "media-neither"),
    ("MediaPart", {"type": "media", "url": "http://cdn.example.com/a.jpg"}, False, "media-http"),
    ("MediaPart", {"type": "media", "url": HTTPS_2049}, False, "media-url-2049"),
    ("MediaPart", {"type": "media", "attachment_id": "not-a-uuid"}, False, "media-attachment-not-uuid"),
    ("LinkPart", {"type": "link", "value": "https://linqapp.com"}, True, "link"),
    ("LinkPart", {"type": "link", "value": HTTPS_2049}, False, "link-2049"),
    ("MessagePart", {"type": "link", "value": "https://linqapp.com"}, True, "part-link"),
    ("MessagePart", {"type": "video", "value": "x"}, False, "part-unknown-type"),
    ("MessageContent", {"parts": []}, False, "parts-empty"),
    ("MessageContent", {"parts": [TEXT, MEDIA] * 50}, True, "parts-100"),
    ("MessageContent", {"parts": [TEXT, MEDIA] * 50 + [TEXT]}, False, "parts-101"),
    ("MessageContent", {"parts": [TEXT], "idempotency_key": "k" * 256}, False, "idempotency-key-256"),
    (
        "MessageContent",
        {"parts": [TEXT], "reply_to": {"message_id": UUID_1, "part_index": -1}},
        False,
        "reply-part-index-negative",
    ),
    ("MessageContent", {"parts": [TEXT], "preferred_service": "WhatsApp"}, False, "unknown-service"),
    ("ChatSendVoicememoParams", {"attachment_id": UUID_1}, True, "voicememo-attachment"),
    ("ChatSendVoicememoParams", {"voice_memo_url": "https://cdn.example.com/a.m4a"}, True, "voicememo-url"),
    (
        "ChatSendVoicememoParams",
        {"attachment_id": UUID_1, "voice_memo_url": "https://cdn.example.com/a.m4a"},
        False,
        "voicememo-both",
    ),
    ("ChatSendVoicememoParams", {}, False, "voicememo-neither"),
    ("ChatSendVoicememoParams", {"voice_memo_url": "http://cdn.example.com/a.m4a"}, False, "voicememo-http"),
    ("MessageAddReactionParams", {"operation": "add", "type": "love"}, True, "reaction-love"),
    ("MessageAddReactionParams", {"operation": "add", "type": "custom", "custom_emoji": "🎉"}, True, "reaction-custom"),
    ("MessageAddReactionParams", {"operation": "add", "type": "custom"}, False, "reaction-custom-no-emoji"),
    ("MessageAddReactionParams", {"operation": "toggle", "type": "love"}, False, "reaction-unknown-operation"),
    ("MessageAddReactionParams", {"operation": "remove"}, False, "reaction-no-type"),
    (
        "MessageAddReactionParams",
        {"operation": "add", "type": "love", "part_index": -1},
        False,
        "reaction-negative-part",
    ),
    ("MessageUpdateParams", {"text": "edited"}, True, "edit"),
    ("MessageUpdateParams", {"text": ""}, False, "edit-empty"),
    ("MessageUpdateParams", {"text": LONG}, False, "edit-10001"),
    ("HealthScore", {"reason": "", "score": 100, "updated_at": "2025-05-01T12:00:00Z"}, True, "score-100"),
    ("HealthScore", {"reason": "", "score": 100.5, "updated_at": "2025-05-01T12:00:00Z"}, False, "score-100.5"),
    ("HealthScore", {"reason": "", "score": -1, "updated_at": "2025-05-01T12:00:00Z"}, False, "score-negative"),
    (
        "AttachmentCreateParams",
        {"content_type": "image/png", "filename": "a.png", "size_bytes": 104857600},
        True,
        "attachment-100mb",
    ),
    (
        "AttachmentCreateParams",
        {"content_type": "image/png", "filename": "a.png", "size_bytes": 104857601},
        False,
        "attachment-over-100mb",
    ),
    (
        "AttachmentCreateParams",
        {"content_type": "image/png", "filename": "a.png", "size_bytes": 0},
        False,
        "attachment-empty",
    ),
    ("ChatCreateParams", {"from": "+12223334444", "to": ["a@b.co"], "message": {"parts": [TEXT]}}, True, "create"),
    (
        "ChatCreateParams",
        {"from": "a@b.co", "to": ["+13334445555"], "message": {"parts": [TEXT]}},
        False,
        "create-from-email",
    ),
    (
        "ChatCreateParams",
        {"from": "+12223334444", "to": [], "message": {"parts": [TEXT]}},
        False,
        "create-no-recipient",
    ),
    ("ChatCreateParams", {"from": "+12223334444", "to": ["+13334445555"]}, False, "create-no-message"),
    (
        "ChatHandle",
        {
            "id": UUID_1,
            "handle": "+12223334444",
            "joined_at": "2025-05-01T12:00:00Z",
            "service": "SMS",
            "status": None,
            "is_me": None,
            "left_at": None,
        },
        True,
        "handle-nulls",
    ),
    (
        "ChatHandle",
        {
            "id": UUID_1,
            "handle": "+12223334444",
            "joined_at": "2025-05-01T12:00:00Z",
            "service": "SMS",
            "status": "banned",
        },
        False,
        "handle-unknown-status",
    ),
    ("ParticipantAddParams", {"handle": "555-1234"}, False, "participant-bad-handle"),
]


@pytest.mark.parametrize(("schema", "instance", "accepted"), [s[:3] for s in SAMPLES], ids=[s[3] for s in SAMPLES])
def test_sample(schema: str, instance: Any, accepted: bool) -> None:
    errors = errors_of(validator_for(schema), instance)
    if accepted:
        assert errors == []
    else:
        assert errors, f"{schema} should reject {instance!r}"


# --------------------------------------------------------------------------- x-rules

RULES = {
    "MessageContent.parts": [
        {"id": "link-part-alone", "kind": "sole-item", "match": {"type": "link"}},
        {"id": "no-consecutive-text-parts", "kind": "no-consecutive", "match": {"type": "text"}},
        {"id": "max-url-media-parts", "kind": "max-matching", "match": {"type": "media", "has": ["url"]}, "max": 40},
    ],
    "TextPart": [
        {
            "id": "decoration-range-within-text",
            "kind": "range-within",
            "items": "text_decorations",
            "range": "range",
            "target": "value",
            "unit": "utf-16",
        },
        {
            "id": "animation-no-overlap",
            "kind": "no-overlap",
            "items": "text_decorations",
            "range": "range",
            "match": {"has": ["animation"]},
        },
    ],
}
RULE_ROWS = [(location, rule) for location, rules in RULES.items() for rule in rules]


@pytest.mark.parametrize(("location", "rule"), RULE_ROWS, ids=[rule["id"] for _, rule in RULE_ROWS])
def test_rule(location: str, rule: dict[str, Any]) -> None:
    declared = {r["id"]: r for r in locate(location).get("x-rules", [])}
    assert rule["id"] in declared, f"{location} lacks rule {rule['id']}"
    actual = dict(declared[rule["id"]])
    message = actual.pop("message")
    assert actual == rule
    assert isinstance(message, str) and message.strip()


def test_rules_appear_only_where_the_pages_put_them() -> None:
    def walk(node: Any, ptr: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for rule in node.get("x-rules", []):
                yield ptr, rule["id"]
            for key, value in node.items():
                yield from walk(value, f"{ptr}/{_escape(key)}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{ptr}/{index}")

    found = sorted(walk(SPEC, ""))
    expected = sorted(
        [("/components/schemas/MessageContent/properties/parts", r["id"]) for r in RULES["MessageContent.parts"]]
        + [("/components/schemas/TextPart", r["id"]) for r in RULES["TextPart"]]
    )
    assert found == expected


# --------------------------------------------------------------------------- examples


def iter_examples(node: Any = SPEC, ptr: str = "") -> Iterator[tuple[str, str, Any]]:
    """(where, schema pointer, example) for every example in the document."""
    if isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_examples(value, f"{ptr}/{index}")
        return
    if not isinstance(node, dict):
        return
    if "schema" in node:  # media type, parameter or header
        if "example" in node:
            yield f"{ptr}/example", f"{ptr}/schema", node["example"]
        for name, example in node.get("examples", {}).items():
            yield f"{ptr}/examples/{name}", f"{ptr}/schema", resolve(example)["value"]
    else:  # schema object
        if "example" in node:
            yield f"{ptr}/example", ptr, node["example"]
        if isinstance(node.get("examples"), list):
            for index, example in enumerate(node["examples"]):
                yield f"{ptr}/examples/{index}", ptr, example
    for key, value in node.items():
        if key not in ("example", "examples"):
            yield from iter_examples(value, f"{ptr}/{_escape(key)}")


EXAMPLES = list(iter_examples())


@pytest.mark.parametrize(("schema_ptr", "example"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_example_is_valid(schema_ptr: str, example: Any) -> None:
    assert errors_of(validator_at(schema_ptr), example) == []


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS_BY_ID))
def test_bodies_have_examples(operation_id: str) -> None:
    _, _, _, operation = OPERATIONS_BY_ID[operation_id]
    media = []
    if "requestBody" in operation:
        media.extend(resolve(operation["requestBody"])["content"].values())
    for code, response in operation["responses"].items():
        if code.startswith("2"):
            media.extend(resolve(response).get("content", {}).values())
    for item in media:
        assert "example" in item or item.get("examples"), f"{operation_id} lacks an example"


def test_invalid_examples_are_caught() -> None:
    """The example check itself rejects a wrong example (guards against a vacuous walk)."""
    assert len(EXAMPLES) >= 21
    ptr = "/paths/~1v3~1chats~1{chatId}/get/responses/200/content/application~1json/schema"
    assert errors_of(validator_at(ptr), {"id": "not-a-uuid"})
