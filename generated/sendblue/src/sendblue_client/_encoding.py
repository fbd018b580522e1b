"""How Python values go on the wire: query strings and JSON bodies."""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Mapping
from typing import Any

import pydantic
import pydantic_core

from ._types import NotGiven, Omit, Query

__all__ = ["encode_query", "merge_query", "query_text", "to_json_data"]


def merge_query(*layers: Query | None) -> dict[str, object]:
    """The layers merged left to right: a later key replaces an earlier one.

    `NOT_GIVEN` leaves an earlier value in place; `None` (or `Omit()`) removes it.
    """
    merged: dict[str, object] = {}
    for layer in layers:
        for key, value in (layer or {}).items():
            if isinstance(value, NotGiven):
                continue
            if value is None or isinstance(value, Omit):
                merged.pop(key, None)
            else:
                merged[key] = value
    return merged


def encode_query(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Query pairs: a list or tuple repeats its key, booleans are `true`/`false`.

    `None` and `NOT_GIVEN` values (also inside lists) are left out.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((key, query_text(item)) for item in values if not _absent(item))
    return pairs


def to_json_data(value: object) -> Any:
    """`value` as plain JSON data (dicts, lists, strings, numbers, booleans, None).

    `NOT_GIVEN` entries of mappings are left out; pydantic models are dumped by alias with only
    the fields that were set; dates, enums and other values pydantic knows are converted.
    """
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(key): to_json_data(item) for key, item in value.items() if not isinstance(item, NotGiven | Omit)}
    if isinstance(value, list | tuple):
        return [to_json_data(item) for item in value]
    if value is None or isinstance(value, str | int | float):
        return value
    return pydantic_core.to_jsonable_python(value)


def _absent(value: object) -> bool:
    return value is None or isinstance(value, NotGiven | Omit)


def query_text(value: object) -> str:
    """One value as query text: booleans `true`/`false`, dates in ISO 8601, an enum by its value;
    an object or a list (an item of a list of objects, which OpenAPI gives no form) as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return query_text(value.value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Mapping | list | tuple | pydantic.BaseModel):
        return json.dumps(to_json_data(value), separators=(",", ":"), ensure_ascii=False)
    return str(value)
