"""Evaluation of the expressions used in the per-API tables (syntax in `behaviour.py`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.document.loader import array_index

from .validation import MISSING

JSON = Any


@dataclass
class Env:
    body: JSON = MISSING
    query: Mapping[str, JSON] = field(default_factory=dict)
    path: Mapping[str, JSON] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    record: JSON = MISSING
    parent: JSON = MISSING
    now: str = ""
    item: JSON = MISSING
    value: JSON = MISSING


def evaluate(value: JSON, env: Env) -> JSON:
    """The value of a table entry: expressions replaced; dict entries that find nothing dropped."""
    if isinstance(value, str) and value.startswith("$"):
        return _expression(value, env)
    if isinstance(value, dict):
        result = {key: evaluate(item, env) for key, item in value.items()}
        return {key: item for key, item in result.items() if item is not MISSING}
    if isinstance(value, list):
        return [item for item in (evaluate(item, env) for item in value) if item is not MISSING]
    return value


def _expression(text: str, env: Env) -> JSON:
    expression, separator, default = text.partition(" ?? ")
    result = _resolve(expression.strip(), env)
    if separator and (result is MISSING or result is None):
        return json.loads(default)
    return result


def _resolve(expression: str, env: Env) -> JSON:
    if expression == "$now":
        return env.now
    if expression == "$item":
        return env.item
    if expression == "$value":
        return env.value
    source, _, pointer = expression.partition("#")
    roots = {"$request.body": env.body, "$record": env.record, "$parent": env.parent}
    if source in roots:
        return pointer_get(roots[source], pointer)
    for prefix, mapping in (
        ("$request.query.", env.query),
        ("$request.path.", env.path),
        ("$request.header.", {k.lower(): v for k, v in env.headers.items()}),
    ):
        if source.startswith(prefix):
            name = source[len(prefix) :]
            return mapping.get(name.lower() if prefix == "$request.header." else name, MISSING)
    raise ValueError(f"unknown expression {expression!r}")


def pointer_get(value: JSON, pointer: str) -> JSON:
    """Follow a JSON pointer whose segments may also be selectors: `[prop=value]`."""
    for token in [t for t in pointer.split("/") if t]:
        token = token.replace("~1", "/").replace("~0", "~")
        if token.startswith("[") and token.endswith("]"):
            prop, _, raw = token[1:-1].partition("=")
            try:
                wanted = json.loads(raw)
            except ValueError:
                wanted = raw
            value = (
                next((i for i in value if isinstance(i, dict) and i.get(prop) == wanted), MISSING)
                if isinstance(value, list)
                else MISSING
            )
        elif isinstance(value, dict):
            value = value.get(token, MISSING)
        elif isinstance(value, list) and (index := array_index(token, len(value))) is not None:
            value = value[index]
        else:
            return MISSING
        if value is MISSING:
            return MISSING
    return value


def dotted_get(value: JSON, path: str) -> JSON:
    """`reply_to.message_id` -> value["reply_to"]["message_id"], or None."""
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def dotted_set(value: dict[str, JSON], path: str, item: JSON) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        nested = value.get(key)
        if not isinstance(nested, dict):
            nested = value[key] = {}
        value = nested
    value[keys[-1]] = item
