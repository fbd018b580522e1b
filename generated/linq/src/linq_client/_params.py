"""Checks of query, path and header parameters before a request is sent.

Each operation's parameters are described by the JSON Schema subset below (taken from the
spec); values are also converted to what goes on the wire (dates to ISO 8601, enums to their
value), and serialized as each parameter's `style` and `explode` say (`STYLES`).
"""

from __future__ import annotations

import datetime
import enum
import operator
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ._encoding import query_text, to_json_data
from ._exceptions import RequestValidationError

PARAMETERS: dict[str, dict[str, dict[str, Any]]] = {
    "chatsListChats": {
        "cursor": {"type": "string"},
        "from": {"pattern": "^\\+[1-9][0-9]{7,14}$", "type": "string"},
        "limit": {"maximum": 100, "minimum": 1, "type": "integer"},
        "to": {
            "pattern": "^(\\+[1-9][0-9]{7,14}|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$",
            "type": "string",
        },
    },
    "chatsMessagesList": {"cursor": {"type": "string"}, "limit": {"maximum": 100, "minimum": 1, "type": "integer"}},
    "messagesListMessagesThread": {
        "cursor": {"type": "string"},
        "limit": {"maximum": 100, "minimum": 1, "type": "integer"},
        "order": {"enum": ["asc", "desc"], "type": "string"},
    },
}

# The query parameters not serialized as OpenAPI's default (`form`, exploded): (style, explode)
# by operation and wire name.
STYLES: dict[str, dict[str, tuple[str, bool]]] = {}

_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list, tuple),
}


def _wire(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [_wire(item) for item in value]
    if isinstance(value, Mapping) or hasattr(value, "model_dump"):  # an object: its JSON data
        return to_json_data(value)
    return value


def _serialized(operation_id: str, wire: Mapping[str, Any]) -> dict[str, Any]:
    """The query parameters as OpenAPI serializes them: an object's properties as parameters of
    their own (`deepObject`: `name[property]`; not exploded: `name=p1,v1,p2,v2`), a list not
    exploded as one delimited value; a list exploded repeats its name (`encode_query`)."""
    styles = STYLES.get(operation_id, {})
    serialized: dict[str, Any] = {}
    for name, value in wire.items():
        style, explode = styles.get(name, ("form", True))
        if isinstance(value, Mapping):
            properties = [(str(key), item) for key, item in value.items() if item is not None]
            if style == "deepObject":
                serialized.update((f"{name}[{key}]", item) for key, item in properties)
            elif explode:
                serialized.update(properties)
            elif properties:
                serialized[name] = ",".join(query_text(part) for pair in properties for part in pair)
        elif isinstance(value, list) and not explode:
            items = [query_text(item) for item in value if item is not None]
            if items:
                serialized[name] = _DELIMITERS.get(style, ",").join(items)
        else:
            serialized[name] = value
    return serialized


def _problems(name: str, value: Any, schema: Mapping[str, Any]) -> list[tuple[str, str]]:
    if value is None:
        types = schema.get("type")
        nullable = isinstance(types, list) and "null" in types
        return [] if nullable else [(name, "must not be None")]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            if any(not _problems(name, value, option) for option in schema[key]):
                return []
            return [(name, f"{value!r} matches none of the allowed forms")]
    types = schema.get("type")
    names = [t for t in (types if isinstance(types, list) else [types]) if t and t != "null"]
    if names:
        accepted = tuple(t for n in names for t in _TYPES.get(n, (object,)))
        is_bool = isinstance(value, bool)
        if not isinstance(value, accepted) or (is_bool and "boolean" not in names):
            return [(name, f"expected {' or '.join(names)}, got {type(value).__name__}")]
    if "enum" in schema and value not in schema["enum"]:
        return [(name, f"{value!r} is not one of {schema['enum']}")]
    if "const" in schema and value != schema["const"]:
        return [(name, f"must be {schema['const']!r}")]
    if isinstance(value, int | float) and not isinstance(value, bool):
        for key, test, text in (
            ("minimum", operator.ge, ">="),
            ("maximum", operator.le, "<="),
            ("exclusiveMinimum", operator.gt, ">"),
            ("exclusiveMaximum", operator.lt, "<"),
        ):
            bound = schema.get(key)
            if isinstance(bound, int | float) and not isinstance(bound, bool) and not test(value, bound):
                return [(name, f"must be {text} {bound}, got {value}")]
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            return [(name, f"must be at least {schema['minLength']} characters")]
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            return [(name, f"must be at most {schema['maxLength']} characters")]
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return [(name, f"{value!r} does not match {schema['pattern']}")]
        if schema.get("format") == "date-time":
            try:
                datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return [(name, f"{value!r} is not an ISO 8601 date-time")]
    if isinstance(value, list | tuple) and isinstance(schema.get("items"), Mapping):
        return [p for index, item in enumerate(value) for p in _problems(f"{name}[{index}]", item, schema["items"])]
    return []


def validate_params(operation_id: str, values: Mapping[str, Any], *, check: bool = True) -> dict[str, Any]:
    """The parameters as sent, or `RequestValidationError` naming each bad one.

    `check=False` (a client's `validate_requests=False`) only converts them to the wire.
    """
    wire = {name: _wire(value) for name, value in values.items()}
    if check:
        schemas = PARAMETERS.get(operation_id, {})
        problems = [p for name, value in wire.items() for p in _problems(name, value, schemas.get(name, {}))]
        if problems:
            raise RequestValidationError(problems)
    return _serialized(operation_id, wire)
