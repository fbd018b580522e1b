"""Positive cases that point at things which exist, as the spec's descriptions require.

JSON Schema can only say that `reply_to.message_id` or a media part's `attachment_id` is a UUID
and that `cursor` is a string; the descriptions say more: the id names an existing message or a
file pre-uploaded through `POST /v3/attachments`, the cursor is a `next_cursor` the server gave
out. Schemathesis draws such values at random, so a "positive" case would carry a reference to
nothing, about which the spec promises nothing. Before a positive case is sent, `realise`
replaces each reference with one created through the API at the start of the session and drops
an invented cursor (the pagination tests follow real ones). Negative cases are left alone.
"""

from __future__ import annotations

import zlib
from collections.abc import MutableMapping, MutableSequence
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis.core import NotSet
from schemathesis.core.parameters import ParameterLocation

from .checks import ir_operation

# Body properties whose value names another resource, and the kind of resource they name.
REFERENCE_FIELDS = {"attachment_id": "attachments", "message_id": "messages"}
# Properties that index into the referenced resource's parts.
PART_INDEX_FIELDS = ("part_index",)


@dataclass
class KnownResources:
    """Ids of resources created through the API, by kind (filled by a session fixture)."""

    ids: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, *values: str) -> None:
        self.ids.setdefault(kind, []).extend(values)

    def pick(self, kind: str, seed: object) -> str | None:
        found = self.ids.get(kind)
        if not found:
            return None
        # Deterministic in the drawn value, so Hypothesis replays and shrinks the same case.
        return found[zlib.crc32(repr(seed).encode()) % len(found)]


KNOWN = KnownResources()


def _replace_references(value: Any, known: KnownResources) -> None:
    if isinstance(value, MutableMapping):
        for key, item in list(value.items()):
            kind = REFERENCE_FIELDS.get(key)
            if kind is not None and isinstance(item, str):
                replacement = known.pick(kind, item)
                if replacement is not None:
                    value[key] = replacement
                    # The referenced message has one part: point at it.
                    for index_field in PART_INDEX_FIELDS:
                        if isinstance(value.get(index_field), int):
                            value[index_field] = 0
            else:
                _replace_references(item, known)
    elif isinstance(value, MutableSequence):
        for item in value:
            _replace_references(item, known)


def realise(case: schemathesis.Case, *, keep_rules: bool = False) -> None:
    """Make a positive case's references real (in place); negative cases are sent as drawn.

    With `keep_rules`, the items that make the body break an `x-rules` rule are dropped too:
    the state machines want their steps to succeed and reach the next link, while the
    operation tests send such bodies as drawn (and expect them refused).
    """
    meta = case.meta
    if meta is None:
        return
    oracle, operation = ir_operation(case)
    if not isinstance(case.body, NotSet) and not meta.is_negative_at(ParameterLocation.BODY):
        _replace_references(case.body, KNOWN)
        if keep_rules and operation is not None and operation.body is not None:
            oracle.repair(operation.body.type, case.body)
    pagination = operation.pagination if operation is not None else None
    cursor = pagination.cursor_param if pagination is not None and pagination.style == "cursor" else None
    if cursor and case.query and case.query.get(cursor) and not meta.is_negative_at(ParameterLocation.QUERY):
        del case.query[cursor]
