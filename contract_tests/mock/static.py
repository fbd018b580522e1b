"""Prism's static response generation: one fixed body read off the response's JSON Schema.

Used in examples mode when a response documents no example. Per schema node, in order: its
`example`, the first of its `examples`, its `default`, `const`, the first `enum` member; else
`null` when it is nullable; else a value by type: every property of an object (optional ones
too), `minItems` (at least one) items of an array, a meaningful value for a string `format`, a
string matching a `pattern`, `"string"`, and for numbers the smallest value the bounds allow.
The caller validates the result and falls back to the randomised synthesiser when it fails
(a `not`, an `if`/`then`, a pattern this cannot follow...).
"""

from __future__ import annotations

import random
from typing import Any

from . import regex_gen

JSON = Any
_MAX_DEPTH = 12
_FORMATS: dict[str, JSON] = {
    "date-time": "2025-01-01T00:00:00Z",
    "date": "2025-01-01",
    "time": "00:00:00Z",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "iri": "https://example.com",
    "uri-reference": "https://example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "c3RyaW5n",
    "binary": "string",
    "password": "string",
}


class _Unsupported(Exception):
    """A schema this generator cannot satisfy on its own: the caller falls back."""


def static_sample(root: JSON) -> JSON:
    """The static body of a standalone schema (local `$ref`s resolved against `root`)."""
    try:
        return _sample(root, root, 0, frozenset())
    except (_Unsupported, RecursionError):
        return _UNSUPPORTED


_UNSUPPORTED: Any = object()


def is_unsupported(value: JSON) -> bool:
    return value is _UNSUPPORTED


def _resolve(ref: str, root: JSON) -> JSON:
    node = root
    for token in ref.lstrip("#").strip("/").split("/"):
        if not token:
            continue
        token = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or token not in node:
            raise _Unsupported(ref)
        node = node[token]
    return node


def _sample(schema: JSON, root: JSON, depth: int, refs: frozenset[str]) -> JSON:
    if schema is True or schema == {}:
        return "string"
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        raise _Unsupported("schema")
    for keyword in ("example", "default", "const"):
        if keyword in schema:
            return schema[keyword]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref in refs:
            raise _Unsupported("a cycle")
        target = _resolve(ref, root)
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        return _sample({**target, **siblings} if isinstance(target, dict) else target, root, depth, refs | {ref})
    types = schema.get("type")
    kinds = [types] if isinstance(types, str) else list(types or [])
    if "null" in kinds or schema.get("nullable") is True:
        return None
    if "allOf" in schema:
        merged: dict[str, JSON] = {}
        for part in schema["allOf"]:
            value = _sample(part, root, depth + 1, refs)
            if not isinstance(value, dict):
                return value
            merged.update(value)
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if own.get("properties"):
            merged.update(_sample(own, root, depth + 1, refs))
        return merged
    for keyword in ("oneOf", "anyOf"):
        if schema.get(keyword):
            return _sample(schema[keyword][0], root, depth + 1, refs)
    kind = kinds[0] if kinds else ("object" if "properties" in schema else "string" if schema else None)
    match kind:
        case "object":
            return {
                name: _sample(prop, root, depth + 1, refs)
                for name, prop in (schema.get("properties") or {}).items()
                if not (isinstance(prop, dict) and prop.get("writeOnly"))
            }
        case "array":
            count = max(int(schema.get("minItems") or 0), 1 if schema.get("maxItems", 1) else 0)
            item = _sample(schema.get("items", True), root, depth + 1, refs)
            return [item] * count
        case "string":
            return _string(schema)
        case "integer" | "number":
            return _number(schema, kind)
        case "boolean":
            return True
        case _:
            raise _Unsupported(str(kind))


def _string(schema: dict[str, JSON]) -> str:
    if isinstance(schema.get("pattern"), str):
        try:
            return str(regex_gen.generate(schema["pattern"], random.Random(0)))
        except Exception as exc:  # a pattern the generator cannot follow: fall back
            raise _Unsupported("pattern") from exc
    text = str(_FORMATS.get(str(schema.get("format")), "string"))
    low = int(schema.get("minLength") or 0)
    if len(text) < low:
        text += "x" * (low - len(text))
    high = schema.get("maxLength")
    if isinstance(high, int) and len(text) > high:
        text = text[:high]
    return text


def _number(schema: dict[str, JSON], kind: str) -> int | float:
    value: int | float = 0
    minimum, exclusive = schema.get("minimum"), schema.get("exclusiveMinimum")
    if isinstance(minimum, int | float) and value < minimum:
        value = minimum
    if isinstance(exclusive, int | float) and value <= exclusive:
        value = exclusive + 1 if kind == "integer" else exclusive + 0.5
    maximum = schema.get("maximum")
    if isinstance(maximum, int | float) and value > maximum:
        value = maximum
    return int(value) if kind == "integer" else value
