"""Examples mode: lists that end.

A spec's example page usually carries a `next_cursor` (or `has_more: true`), and examples mode
answers every request with the same example: a client following the cursor would walk forever.
So a request that continues a list (it carries the cursor parameter, or an offset past the
first page) gets the example page marked as the last one: the cursor field null or left out
(whichever the schema allows), the "has more" flag false.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from generator.ir.model import Operation, Pagination

from .replies import Reply

__all__ = ["continues_list", "last_page", "last_page_bodies"]


def continues_list(pagination: Pagination, query: Mapping[str, list[str]]) -> bool:
    """Whether the request asks for a page after the first one."""
    if pagination.style == "cursor":
        return bool(pagination.cursor_param and any(query.get(pagination.cursor_param, [])))
    values = query.get(pagination.offset_param or "", [])
    return any(value.strip().isdigit() and int(value) > 0 for value in values)


def last_page(op: Operation, query: Mapping[str, list[str]], reply: Reply, is_valid: Callable[[Any], bool]) -> Reply:
    """`reply` (the example page), marked as the last page when the request continues a list.

    `is_valid(body)` tells whether a body conforms to the operation's response schema: the
    cursor field is set to null, or left out, whichever conforms first.
    """
    pagination = op.pagination
    if pagination is None or not isinstance(reply.value, dict) or not 200 <= reply.status < 300:
        return reply
    if not continues_list(pagination, query):
        return reply
    for body in _endings(pagination, reply.value):
        if is_valid(body):
            return Reply.json(reply.status, body, reply.content_type or "application/json", headers=list(reply.headers))
    return reply


def last_page_bodies(pagination: Pagination, page: object) -> list[dict[str, Any]]:
    """What examples mode may answer, for a request of a later page, in place of `page`."""
    return _endings(pagination, page) if isinstance(page, dict) else []


def _endings(pagination: Pagination, page: dict[str, Any]) -> list[dict[str, Any]]:
    """The page with its end marked, in the order tried: null cursor, then no cursor."""
    base = copy.deepcopy(page)
    if pagination.has_more_path:
        _set(base, pagination.has_more_path, False)
    field = pagination.next_cursor_field
    if pagination.style != "cursor" or not field:
        return [base]
    with_null = copy.deepcopy(base)
    with_null[field] = None
    without = copy.deepcopy(base)
    without.pop(field, None)
    return [with_null, without]


def _set(body: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    parent: Any = body
    for key in path[:-1]:
        if not isinstance(parent, dict) or not isinstance(parent.get(key), dict):
            return
        parent = parent[key]
    if isinstance(parent, dict) and path[-1] in parent:
        parent[path[-1]] = value
