"""How a request body goes on the wire when the operation documents a media type other than
`application/json`.

A method passes its operation's media type to the verb helper (`content_type=...`) only when
it is not `application/json`; plain JSON calls never reach this module. The conversions follow
OpenAPI's defaults for a body without an `encoding` object:

- any JSON type (`application/json`, `application/vnd.api+json`, `application/x-amz-json-1.1`):
  JSON, sent under that exact `Content-Type`;
- `application/x-www-form-urlencoded`: one `name=value` pair per field; booleans are
  `true`/`false`, a list or tuple repeats its name (`style: form`, `explode: true`), a nested
  object is sent as its JSON text, `None` and `NOT_GIVEN` fields are left out;
- `multipart/form-data`: one part per field, values converted as for a form, except that
  `bytes` and binary files go as file parts and a nested object as an `application/json` part;
  a `(filename, content[, content_type])` tuple is passed to httpx as given;
- `text/*`: a string (anything else is converted with `str`), UTF-8;
- any other type (`application/octet-stream`, `image/png`...): `bytes` or a binary file as they
  are, a string in UTF-8; a mapping or list falls back to JSON.
"""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import pydantic

from ._encoding import to_json_data
from ._types import NotGiven, Omit

__all__ = ["EMPTY_BOUNDARY", "EMPTY_MULTIPART", "encode_body", "is_json_media"]

FORM = "application/x-www-form-urlencoded"
EMPTY_BOUNDARY = "empty-form"
EMPTY_MULTIPART = f"--{EMPTY_BOUNDARY}--\r\n".encode("ascii")


def is_json_media(content_type: str) -> bool:
    """`application/json`, `*/*`, any `+json` type and vendor types like `x-amz-json-1.1`."""
    base = content_type.split(";")[0].strip().lower()
    return base == "*/*" or "json" in base.partition("/")[2]


def encode_body(content_type: str, body: object) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.build_request` that carry `body` as `content_type`.

    The `Content-Type` header is set by the caller (multipart excepted: httpx adds the boundary).
    """
    base = content_type.split(";")[0].strip().lower()
    if is_json_media(base):
        return {"json": to_json_data(body)}
    if base == FORM and _is_object(body):
        return {"content": urlencode(_form_pairs(body)).encode("ascii")}
    if base.startswith("multipart/") and _is_object(body):
        # httpx sends no body for no parts: a form without fields is still a multipart body.
        return {"files": _multipart_parts(body)} if _fields(body) else {"content": EMPTY_MULTIPART}
    if isinstance(body, bytes | bytearray | memoryview):
        return {"content": bytes(body)}
    if isinstance(body, str) or base.startswith("text/"):
        return {"content": _text(body).encode("utf-8")}
    if hasattr(body, "read"):
        return {"content": body.read()}
    return {"json": to_json_data(body)}


def _is_object(body: object) -> bool:
    return isinstance(body, Mapping | pydantic.BaseModel)


def _fields(body: object) -> list[tuple[str, object]]:
    """The body's fields by wire name, absent ones left out; bytes and files kept as they are."""
    if isinstance(body, pydantic.BaseModel):
        body = body.model_dump(mode="python", by_alias=True, exclude_unset=True)
    assert isinstance(body, Mapping)
    return [(str(name), value) for name, value in body.items() if not _absent(value)]


def _form_pairs(body: object) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, value in _fields(body):
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((name, _text(item)) for item in values if not _absent(item))
    return pairs


def _multipart_parts(body: object) -> list[tuple[str, Any]]:
    parts: list[tuple[str, Any]] = []
    for name, value in _fields(body):
        if isinstance(value, bytes | bytearray | memoryview):
            parts.append((name, (name, bytes(value), "application/octet-stream")))
        elif hasattr(value, "read") or isinstance(value, tuple):
            parts.append((name, value))  # a file, or httpx's (filename, content, type) tuple
        elif isinstance(value, list):
            parts.extend((name, (None, _text(item))) for item in value if not _absent(item))
        elif isinstance(value, Mapping | pydantic.BaseModel):
            parts.append((name, (None, json.dumps(to_json_data(value)), "application/json")))
        else:
            parts.append((name, (None, _text(value))))
    return parts


def _text(value: object) -> str:
    """A scalar the way OpenAPI writes it in a form; objects and arrays as JSON text."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _text(value.value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, Mapping | list | tuple | pydantic.BaseModel):
        return json.dumps(to_json_data(value), separators=(",", ":"))
    if value is None:
        return ""
    return str(value)


def _absent(value: object) -> bool:
    return value is None or isinstance(value, NotGiven | Omit)
