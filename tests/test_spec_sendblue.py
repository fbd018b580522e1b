"""Contract between spec/sendblue.yaml and the Sendblue reference pages.

The tables below are transcribed from the reference pages (messages overview and the
full reference of GET /api/v2/messages) and from the API facts note. A failing test
names the operation, parameter, model field or example that drifted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

SPEC_PATH = Path(__file__).resolve().parents[1] / "spec" / "sendblue.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_CONSTRAINT_KEYS = (
    "type",
    "format",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "default",
)


# --- local $ref resolution ----------------------------------------------------


def lookup(ref: str) -> Any:
    """Return the node a local `#/components/...` reference points to."""
    if not ref.startswith("#/components/"):
        raise ValueError(f"only local #/components/ references are expected, got {ref!r}")
    node: Any = SPEC
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def resolve(node: Any) -> Any:
    """Follow references until reaching a node that is not a reference."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise ValueError(f"reference cycle through {ref!r}")
        seen.add(ref)
        node = lookup(ref)
    return node


def inline(node: Any, stack: tuple[str, ...] = ()) -> Any:
    """Copy a schema with every reference replaced by its target, for jsonschema."""
    if isinstance(node, list):
        return [inline(item, stack) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if ref in stack:
            raise ValueError(f"recursive schema through {ref!r}")
        target = inline(lookup(ref), (*stack, ref))
        siblings = {key: inline(value, stack) for key, value in node.items() if key != "$ref"}
        # A $ref next to other keywords applies both, exactly like allOf.
        return {**siblings, "allOf": [target]} if siblings else target
    return {key: inline(value, stack) for key, value in node.items()}


def validator_for(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(inline(schema), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_named(name: str) -> dict[str, Any]:
    return SPEC["components"]["schemas"][name]


def ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def shape(schema: dict[str, Any]) -> str:
    """Compact spelling of a property's type: `string:date-time`, `integer|null`,
    `array<string>`, `ref:SendStyle`."""
    name = ref_name(schema)
    if name:
        return f"ref:{name}"
    declared = schema.get("type")
    text = "|".join(declared) if isinstance(declared, list) else str(declared)
    if text == "array":
        text = f"array<{shape(schema['items'])}>"
    if "format" in schema:
        text += f":{schema['format']}"
    return text


def constraints(schema: dict[str, Any]) -> dict[str, Any]:
    schema = resolve(schema)
    return {key: schema[key] for key in SCHEMA_CONSTRAINT_KEYS if key in schema}


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield method, path, item[method]


def operation_by_id(operation_id: str) -> dict[str, Any]:
    for _, _, operation in operations():
        if operation.get("operationId") == operation_id:
            return operation
    raise KeyError(f"no operation {operation_id!r}")


def parameters_of(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {param["name"]: param for param in map(resolve, operation.get("parameters", []))}


def json_body(response_or_body: dict[str, Any]) -> dict[str, Any]:
    return resolve(response_or_body)["content"]["application/json"]


# --- the contract with the pages ----------------------------------------------

# (method, path, x-sdk-method, operationId, summary, 200 body schema)
OPERATIONS = [
    ("get", "/api/v2/messages", "messages.list", "messagesList", "Get messages", "MessageListResponse"),
    (
        "get",
        "/api/v2/messages/{message_id}",
        "messages.retrieve",
        "messagesRetrieve",
        "Get a specific message",
        "MessageRetrieveResponse",
    ),
    ("post", "/api/send-message", "messages.send", "messagesSend", "Send a message", "MessageResponse"),
    ("get", "/api/status", "messages.getStatus", "messagesGetStatus", "Get message status", "MessageResponse"),
]
OPERATION_IDS = [row[3] for row in OPERATIONS]

ENUMS: dict[str, list[str]] = {
    "SendStyle": [
        "celebration",
        "shooting_star",
        "fireworks",
        "lasers",
        "love",
        "confetti",
        "balloons",
        "spotlight",
        "echo",
        "invisible",
        "gentle",
        "loud",
        "slam",
    ],
    "MessageStatus": [
        "REGISTERED",
        "PENDING",
        "SENT",
        "DELIVERED",
        "RECEIVED",
        "QUEUED",
        "ERROR",
        "DECLINED",
        "ACCEPTED",
        "SUCCESS",
    ],
    "MessageResponseStatus": ["QUEUED", "SENT", "DELIVERED", "ERROR"],
    "MessageContentStatus": ["QUEUED", "SENT", "DELIVERED", "ERROR", "RECEIVED"],
    "Service": ["iMessage", "SMS", "RCS"],
    "MessageType": ["message", "group"],
}

DATE_TIME = {"type": "string", "format": "date-time"}
STRING = {"type": "string"}

# All 21 query parameters of GET /api/v2/messages: (schema constraints, description).
LIST_QUERY_PARAMETERS: dict[str, tuple[dict[str, Any], str]] = {
    "account_email": (STRING, "Filter by account email"),
    "created_at_gte": (DATE_TIME, "Filter messages created after this date (ISO 8601 format)"),
    "created_at_lte": (DATE_TIME, "Filter messages created before this date (ISO 8601 format)"),
    "from_number": (STRING, "Filter by sender phone number"),
    "group_id": (STRING, "Filter by group ID"),
    "is_outbound": ({"type": "string", "enum": ["true", "false"]}, "Filter by message direction"),
    "limit": (
        {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50},
        "Maximum number of messages to return",
    ),
    "message_type": ({"type": "string", "enum": ["message", "group"]}, "Filter by message type"),
    "number": (STRING, "Filter by any phone number (from or to)"),
    "offset": ({"type": "integer", "minimum": 0, "default": 0}, "Number of messages to skip"),
    "order_by": ({"type": "string", "enum": ["createdAt", "updatedAt", "sentAt"]}, "Field to order messages by"),
    "order_direction": ({"type": "string", "enum": ["asc", "desc"]}, "Sort order"),
    "sendblue_number": (STRING, "Filter by Sendblue phone number"),
    "sent_at_gte": (DATE_TIME, "Filter messages sent after this date (ISO 8601 format)"),
    "sent_at_lte": (DATE_TIME, "Filter messages sent before this date (ISO 8601 format)"),
    "service": ({"type": "string", "enum": ["iMessage", "SMS"]}, "Filter by service type"),
    "status": ({"type": "string", "enum": ENUMS["MessageStatus"]}, "Filter by message status"),
    "to_number": (STRING, "Filter by recipient phone number"),
    "updated_at_gte": (DATE_TIME, "Filter messages updated after this date (ISO 8601 format)"),
    "updated_at_lte": (DATE_TIME, "Filter messages updated before this date (ISO 8601 format)"),
    "worker_id": (STRING, "Filter by worker ID (Admin only)"),
}


# Model -> field -> (shape, description on the page; None when the page prints none).
MODELS: dict[str, dict[str, tuple[str, str | None]]] = {
    "MessageContent": {
        "account_email": ("string", "Email of the account"),
        "content": ("string", "Message content"),
        "date_created": ("string:date-time", "When the message was created"),
        "date_sent": ("string:date-time", "When the message was sent"),
        "date_updated": ("string:date-time", "When the message was last updated"),
        "from_number": ("string", "Sender phone number"),
        "is_outbound": ("boolean", "Whether this is an outbound message"),
        "media_url": ("string", "URL of attached media"),
        "message_handle": ("string", "Unique message identifier"),
        "send_style": ("ref:SendStyle", None),
        "status": ("ref:MessageContentStatus", None),
        "to_number": ("string", "Recipient phone number"),
    },
    "MessageResponse": {
        "account_email": ("string", "Email of the account that sent the message"),
        "content": ("string", "Message content"),
        "date_created": ("string:date-time", "When the message was created"),
        "date_updated": ("string:date-time", "When the message was last updated"),
        "error_code": ("integer", "Numeric error code if message failed"),
        "error_message": ("string", "Error message if message failed"),
        "from_number": ("string", "Sending phone number"),
        "is_outbound": ("boolean", "Whether this is an outbound message"),
        "media_url": ("string", "URL of attached media"),
        "message_handle": ("string", "Unique identifier for tracking the message"),
        "number": ("string", "Recipient phone number"),
        "send_style": ("ref:SendStyle", "The iMessage expressive message style"),
        "status": ("ref:MessageResponseStatus", None),
    },
    "V2Message": {
        "accountEmail": ("string", "Email of the account"),
        "content": ("string", "Message content"),
        "date_sent": ("string:date-time", "When the message was sent"),
        "date_updated": ("string:date-time", "When the message was last updated"),
        "error_code": ("integer|null", "Numeric error code if message failed"),
        "error_detail": ("string|null", "Detailed error information"),
        "error_message": ("string|null", "Error message if message failed"),
        "error_reason": ("string|null", "Error reason if message failed"),
        "from_number": ("string", "Sender phone number"),
        "group_display_name": ("string|null", "Display name for group messages"),
        "group_id": ("string|null", "Group ID for group messages"),
        "is_outbound": ("boolean", "Whether this is an outbound message"),
        "media_url": ("string|null", "URL of attached media"),
        "message_handle": ("string", "Unique message identifier"),
        "message_type": ("ref:MessageType", None),
        "number": ("string", "Primary phone number (to_number for outbound, from_number for inbound)"),
        "opted_out": ("boolean", "Whether the recipient has opted out"),
        "participants": ("array<string>", "List of participants for group messages"),
        "plan": ("string", "Account plan used for this message"),
        "send_style": ("ref:SendStyle", "The iMessage expressive message style"),
        "sendblue_number": ("string|null", "Sendblue phone number used"),
        "service": ("ref:Service", "The messaging service used"),
        "status": ("ref:MessageStatus", None),
        "to_number": ("string", "Recipient phone number"),
        "was_downgraded": ("boolean", "Whether the message was downgraded from iMessage to SMS"),
    },
    "Pagination": {
        "hasMore": ("boolean", "Whether there are more messages available"),
        "limit": ("integer", "Number of messages returned in this request"),
        "offset": ("integer", "Number of messages skipped"),
        "total": ("integer", "Total number of messages matching the filters"),
    },
    "MessageListResponse": {
        "data": ("array<ref:V2Message>", None),
        "pagination": ("ref:Pagination", None),
        "status": ("string", None),
    },
    "MessageRetrieveResponse": {"data": ("ref:V2Message", None), "status": ("string", None)},
    "MessageSendParams": {
        "number": ("ref:PhoneNumber", None),
        "content": ("string", None),
        "from_number": ("ref:PhoneNumber", None),
        "media_url": ("string:uri", None),
        "send_style": ("ref:SendStyle", None),
        "status_callback": ("string:uri", None),
    },
    "Error": {"status": ("string", None), "error_code": ("integer", None), "error_message": ("string", None)},
}

# Every field of these models is optional on the pages.
PAGE_MODELS = [
    "MessageContent",
    "MessageResponse",
    "V2Message",
    "Pagination",
    "MessageListResponse",
    "MessageRetrieveResponse",
]

ERROR_RESPONSES: dict[str, list[str]] = {
    "messagesList": ["400", "401", "429"],
    "messagesRetrieve": ["400", "401", "404", "429"],
    "messagesSend": ["400", "401", "429"],
    "messagesGetStatus": ["400", "401", "404", "429"],
}

# (link target operationId, target parameter) for the 200 response of messagesSend.
SEND_LINKS = [("messagesGetStatus", "handle"), ("messagesRetrieve", "message_id")]

E164_PATTERN = r"^\+[1-9][0-9]{7,14}$"

# (case id, body, accepted)
SEND_BODY_CASES = [
    ("number-alone", {"number": "+12223334444"}, False),
    ("number-and-content", {"number": "+12223334444", "content": "Hello"}, True),
    ("number-and-media-url", {"number": "+12223334444", "media_url": "https://example.com/cat.png"}, True),
    (
        "content-and-media-url",
        {"number": "+12223334444", "content": "Hi", "media_url": "https://example.com/a.png"},
        True,
    ),
    ("number-not-e164", {"number": "555-1234", "content": "Hello"}, False),
    ("number-missing", {"content": "Hello"}, False),
    ("number-without-plus", {"number": "12223334444", "content": "Hello"}, False),
    ("number-too-short", {"number": "+1234567", "content": "Hello"}, False),
    ("number-15-digits", {"number": "+123456789012345", "content": "Hello"}, True),
    ("number-16-digits", {"number": "+1234567890123456", "content": "Hello"}, False),
    ("empty-content", {"number": "+12223334444", "content": ""}, False),
    ("from-number-not-e164", {"number": "+12223334444", "content": "Hi", "from_number": "(999) 888-7777"}, False),
    ("known-send-style", {"number": "+12223334444", "content": "Hi", "send_style": "invisible"}, True),
    ("unknown-send-style", {"number": "+12223334444", "content": "Hi", "send_style": "wiggle"}, False),
]

# The 200 example of GET /api/v2/messages, as printed on the page.
PAGE_LIST_EXAMPLE = json.loads(
    r"""
{
  "data": [
    {
      "accountEmail": "[email protected]",
      "content": "Hello, World!",
      "date_sent": "2024-01-01T12:00:00Z",
      "date_updated": "2024-01-01T12:00:01Z",
      "error_code": null,
      "error_detail": null,
      "error_message": null,
      "error_reason": null,
      "from_number": "+19998887777",
      "group_display_name": null,
      "group_id": null,
      "is_outbound": true,
      "media_url": null,
      "message_handle": "msg_abc123def456",
      "message_type": "message",
      "number": "+18887776666",
      "opted_out": false,
      "participants": [
        "string"
      ],
      "plan": "premium",
      "send_style": "celebration",
      "sendblue_number": "+19998887777",
      "service": "iMessage",
      "status": "SENT",
      "to_number": "+18887776666",
      "was_downgraded": false
    }
  ],
  "pagination": {
    "hasMore": true,
    "limit": 50,
    "offset": 0,
    "total": 1000
  },
  "status": "OK"
}
"""
)


# --- document -----------------------------------------------------------------


def test_document_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"] == "3.1.0"
    validate_openapi(SPEC)


def test_server_url() -> None:
    assert [server["url"] for server in SPEC["servers"]] == ["https://api.sendblue.co"]


def test_both_api_key_headers_are_required_together_globally() -> None:
    schemes = SPEC["components"]["securitySchemes"]
    assert len(SPEC["security"]) == 1, "expected one requirement naming both headers"
    (requirement,) = SPEC["security"]
    headers = set()
    for scheme_name, scopes in requirement.items():
        scheme = schemes[scheme_name]
        assert scheme["type"] == "apiKey"
        assert scheme["in"] == "header"
        assert scopes == []
        headers.add(scheme["name"])
    assert headers == {"sb-api-key-id", "sb-api-secret-key"}


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_operation_keeps_global_security(operation_id: str) -> None:
    assert "security" not in operation_by_id(operation_id)


@pytest.mark.parametrize("name", sorted(SPEC["components"]["schemas"]))
def test_component_schema_is_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(inline(schema_named(name)))


# --- operations ---------------------------------------------------------------


def test_operation_set_matches_pages() -> None:
    expected = {(method, path) for method, path, *_ in OPERATIONS}
    assert {(method, path) for method, path, _ in operations()} == expected


@pytest.mark.parametrize("row", OPERATIONS, ids=OPERATION_IDS)
def test_operation(row: tuple[str, str, str, str, str, str]) -> None:
    method, path, sdk_method, operation_id, summary, body_schema = row
    operation = SPEC["paths"][path][method]
    assert operation["x-sdk-method"] == sdk_method
    assert operation["operationId"] == operation_id
    assert operation["summary"] == summary
    assert operation["tags"] == ["messages"]
    success = sorted(code for code in operation["responses"] if code.startswith("2"))
    assert success == ["200"]
    assert ref_name(json_body(operation["responses"]["200"])["schema"]) == body_schema


@pytest.mark.parametrize("row", OPERATIONS, ids=OPERATION_IDS)
def test_operation_id_joins_sdk_method(row: tuple[str, str, str, str, str, str]) -> None:
    _, _, sdk_method, operation_id, _, _ = row
    first, *rest = sdk_method.split(".")
    assert operation_id == first + "".join(part[0].upper() + part[1:] for part in rest)


def test_operation_ids_and_sdk_methods_are_unique() -> None:
    ids = [operation["operationId"] for _, _, operation in operations()]
    sdk_methods = [operation["x-sdk-method"] for _, _, operation in operations()]
    assert len(set(ids)) == len(ids)
    assert len(set(sdk_methods)) == len(sdk_methods)


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_request_body_only_on_send(operation_id: str) -> None:
    operation = operation_by_id(operation_id)
    if operation_id == "messagesSend":
        body = resolve(operation["requestBody"])
        assert body["required"] is True
        assert ref_name(json_body(body)["schema"]) == "MessageSendParams"
    else:
        assert "requestBody" not in operation


# --- parameters ---------------------------------------------------------------


def list_parameters() -> dict[str, dict[str, Any]]:
    return parameters_of(operation_by_id("messagesList"))


def test_list_parameter_names() -> None:
    assert sorted(list_parameters()) == sorted(LIST_QUERY_PARAMETERS)
    assert len(LIST_QUERY_PARAMETERS) == 21


@pytest.mark.parametrize("name", list(LIST_QUERY_PARAMETERS))
def test_list_parameter(name: str) -> None:
    expected_schema, description = LIST_QUERY_PARAMETERS[name]
    param = list_parameters()[name]
    assert param["in"] == "query"
    assert not param.get("required", False)
    assert param["description"] == description
    assert constraints(param["schema"]) == expected_schema


def test_list_description_states_rate_limit() -> None:
    description = operation_by_id("messagesList")["description"]
    assert "100 requests per 10 seconds per account" in description


def test_list_is_offset_paginated_by_inference() -> None:
    operation = operation_by_id("messagesList")
    assert "x-pagination" not in operation
    assert {"limit", "offset"} <= set(list_parameters())
    envelope = resolve(json_body(operation["responses"]["200"])["schema"])
    assert resolve(envelope["properties"]["data"])["type"] == "array"
    pagination = resolve(envelope["properties"]["pagination"])
    assert pagination["type"] == "object"
    assert {"hasMore", "limit", "offset", "total"} <= set(pagination["properties"])


def test_status_handle_parameter() -> None:
    params = parameters_of(operation_by_id("messagesGetStatus"))
    assert list(params) == ["handle"]
    handle = params["handle"]
    assert handle["in"] == "query"
    assert handle["required"] is True
    assert constraints(handle["schema"]) == {"type": "string", "minLength": 1}


def test_retrieve_message_id_parameter() -> None:
    params = parameters_of(operation_by_id("messagesRetrieve"))
    assert list(params) == ["message_id"]
    message_id = params["message_id"]
    assert message_id["in"] == "path"
    assert message_id["required"] is True
    assert "message_handle" in message_id["description"]
    assert constraints(message_id["schema"])["type"] == "string"


@pytest.mark.parametrize("operation_id", ["messagesRetrieve", "messagesSend"])
def test_operations_without_query_take_no_query(operation_id: str) -> None:
    params = parameters_of(operation_by_id(operation_id)).values()
    assert [param["name"] for param in params if param["in"] == "query"] == []


# --- models and enums ---------------------------------------------------------


@pytest.mark.parametrize("name", list(ENUMS))
def test_enum_values(name: str) -> None:
    schema = schema_named(name)
    assert schema["type"] == "string"
    assert schema["enum"] == ENUMS[name]


@pytest.mark.parametrize("model", list(MODELS))
def test_model_field_set(model: str) -> None:
    schema = schema_named(model)
    assert schema["type"] == "object"
    assert sorted(schema["properties"]) == sorted(MODELS[model])


@pytest.mark.parametrize(
    ("model", "field"),
    [(model, field) for model, fields in MODELS.items() for field in fields],
    ids=[f"{model}.{field}" for model, fields in MODELS.items() for field in fields],
)
def test_model_field(model: str, field: str) -> None:
    expected_shape, description = MODELS[model][field]
    prop = schema_named(model)["properties"][field]
    assert shape(prop) == expected_shape
    if description is not None:
        assert prop.get("description") == description


def test_model_field_counts_match_pages() -> None:
    counts = {name: len(MODELS[name]) for name in ("MessageContent", "MessageResponse", "V2Message")}
    assert counts == {"MessageContent": 12, "MessageResponse": 13, "V2Message": 25}


@pytest.mark.parametrize("model", PAGE_MODELS)
def test_page_model_fields_are_optional(model: str) -> None:
    assert "required" not in schema_named(model)


def test_v2_message_keeps_camel_case_account_email() -> None:
    assert "accountEmail" in schema_named("V2Message")["properties"]
    assert "account_email" not in schema_named("V2Message")["properties"]
    assert "account_email" in schema_named("MessageResponse")["properties"]
    assert "account_email" in schema_named("MessageContent")["properties"]


# --- send body ----------------------------------------------------------------


def test_send_params_constraints() -> None:
    params = schema_named("MessageSendParams")
    assert params["required"] == ["number"]
    assert constraints(params["properties"]["content"]) == {"type": "string", "minLength": 1}
    assert schema_named("PhoneNumber")["pattern"] == E164_PATTERN
    assert sorted(sorted(alt["required"]) for alt in params["anyOf"]) == [["content"], ["media_url"]]


@pytest.mark.parametrize(
    ("body", "accepted"),
    [(body, accepted) for _, body, accepted in SEND_BODY_CASES],
    ids=[case_id for case_id, _, _ in SEND_BODY_CASES],
)
def test_send_body(body: dict[str, Any], accepted: bool) -> None:
    errors = list(validator_for(schema_named("MessageSendParams")).iter_errors(body))
    assert (not errors) is accepted, [error.message for error in errors]


# --- responses, errors and links ----------------------------------------------


def test_page_list_example_is_verbatim() -> None:
    media = json_body(operation_by_id("messagesList")["responses"]["200"])
    assert media["example"] == PAGE_LIST_EXAMPLE
    validator_for(media["schema"]).validate(PAGE_LIST_EXAMPLE)


@pytest.mark.parametrize("operation_id", list(ERROR_RESPONSES))
def test_error_status_set(operation_id: str) -> None:
    responses = operation_by_id(operation_id)["responses"]
    assert sorted(code for code in responses if not code.startswith("2")) == sorted(ERROR_RESPONSES[operation_id])


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [(operation_id, status) for operation_id, codes in ERROR_RESPONSES.items() for status in codes],
    ids=[f"{op}-{status}" for op, codes in ERROR_RESPONSES.items() for status in codes],
)
def test_error_response(operation_id: str, status: str) -> None:
    response = operation_by_id(operation_id)["responses"][status]
    assert "$ref" in response, "error responses are shared components/responses"
    assert ref_name(json_body(response)["schema"]) == "Error"
    if status == "429":
        header = resolve(resolve(response)["headers"]["Retry-After"])
        assert constraints(header["schema"])["type"] == "integer"


def test_error_schema() -> None:
    error = schema_named("Error")
    assert sorted(error["required"]) == ["error_code", "error_message", "status"]
    assert constraints(error["properties"]["status"]) == {"type": "string", "const": "ERROR"}
    validator = validator_for(error)
    assert validator.is_valid({"status": "ERROR", "error_code": 404, "error_message": "x"})
    assert not validator.is_valid({"status": "OK", "error_code": 404, "error_message": "x"})
    assert not validator.is_valid({"status": "ERROR", "error_code": "404", "error_message": "x"})


def test_too_many_requests_mentions_rate_limit() -> None:
    description = SPEC["components"]["responses"]["TooManyRequests"]["description"]
    assert "100 requests per 10 seconds per account" in description


@pytest.mark.parametrize(("target", "parameter"), SEND_LINKS, ids=[target for target, _ in SEND_LINKS])
def test_send_links_to_follow_up_operations(target: str, parameter: str) -> None:
    response = resolve(operation_by_id("messagesSend")["responses"]["200"])
    links = [resolve(link) for link in response.get("links", {}).values()]
    matching = [link for link in links if link.get("operationId") == target]
    assert len(matching) == 1, f"expected one link to {target}"
    assert matching[0]["parameters"] == {parameter: "$response.body#/message_handle"}
    assert parameter in parameters_of(operation_by_id(target))
    assert "message_handle" in resolve(json_body(response)["schema"])["properties"]


# --- examples -----------------------------------------------------------------


def collect_examples(node: Any, pointer: str = "#") -> Iterator[tuple[str, Any, Any]]:
    """Yield (location, schema, example) for every example in the document.

    A node holding `schema` is a media type, parameter or header: its examples are
    checked against that schema. Any other node holding `example`/`examples` is a
    schema itself.
    """
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from collect_examples(item, f"{pointer}/{index}")
        return
    if not isinstance(node, dict):
        return
    schema = node.get("schema", node)
    if "example" in node:
        yield f"{pointer}/example", schema, node["example"]
    examples = node.get("examples")
    if isinstance(examples, dict):
        for name, example in examples.items():
            yield f"{pointer}/examples/{name}", schema, resolve(example)["value"]
    elif isinstance(examples, list):
        for index, example in enumerate(examples):
            yield f"{pointer}/examples/{index}", schema, example
    for key, value in node.items():
        if key not in ("example", "examples"):
            escaped = key.replace("~", "~0").replace("/", "~1")
            yield from collect_examples(value, f"{pointer}/{escaped}")


EXAMPLES = list(collect_examples(SPEC))


@pytest.mark.parametrize(
    ("schema", "example"),
    [(schema, example) for _, schema, example in EXAMPLES],
    ids=[location for location, _, _ in EXAMPLES],
)
def test_example_is_valid(schema: dict[str, Any], example: Any) -> None:
    errors = list(validator_for(schema).iter_errors(example))
    assert not errors, [f"{list(error.absolute_path)}: {error.message}" for error in errors]


def success_media() -> Iterator[tuple[str, dict[str, Any]]]:
    for method, path, operation in operations():
        if "requestBody" in operation:
            for media_type, media in resolve(operation["requestBody"])["content"].items():
                yield f"{method} {path} request {media_type}", media
        for code, response in operation["responses"].items():
            if code.startswith("2"):
                for media_type, media in resolve(response).get("content", {}).items():
                    yield f"{method} {path} {code} {media_type}", media


SUCCESS_MEDIA = list(success_media())


@pytest.mark.parametrize("media", [media for _, media in SUCCESS_MEDIA], ids=[name for name, _ in SUCCESS_MEDIA])
def test_request_bodies_and_success_responses_have_examples(media: dict[str, Any]) -> None:
    assert "example" in media or "examples" in media


def test_send_response_example_is_queued() -> None:
    media = json_body(operation_by_id("messagesSend")["responses"]["200"])
    assert media["example"]["status"] == "QUEUED"
