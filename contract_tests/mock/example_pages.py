"""Examples mode: lists that end.

A spec's example page usually says more pages follow (a `next_cursor`, `has_more: true`, a
total larger than one page), and examples mode answers every request with the same example: a
client following it would walk forever. So a request that continues a list (it carries the
cursor parameter, an offset past the first page, or a page number past the first) gets the
example page marked as the last one: the cursor null or left out (whichever the schema allows),
the "has more" flag false; and when the page has no such flag, the total count and the page
count of a list that ends with this page.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from generator.ir.model import Operation, Pagination

from .ascii_numbers import digits_value
from .replies import Reply

__all__ = ["continues_list", "last_page", "last_page_bodies"]


def continues_list(pagination: Pagination, query: Mapping[str, list[str]]) -> bool:
    """Whether the request asks for a page after the first one."""
    if pagination.style == "cursor":
        return bool(pagination.cursor_param and any(query.get(pagination.cursor_param, [])))
    if pagination.style == "page":
        return _number(pagination.page_param, query, pagination.first_page) > pagination.first_page
    return _number(pagination.offset_param, query, 0) > 0


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
    for body in _endings(pagination, reply.value, query):
        if is_valid(body):
            return Reply.json(reply.status, body, reply.content_type or "application/json", headers=list(reply.headers))
    return reply


def last_page_bodies(
    pagination: Pagination, page: object, query: Mapping[str, list[str]] | None = None
) -> list[dict[str, Any]]:
    """What examples mode may answer, for a request of a later page (`query`), in place of `page`."""
    return _endings(pagination, page, query or {}) if isinstance(page, dict) else []


def _endings(pagination: Pagination, page: dict[str, Any], query: Mapping[str, list[str]]) -> list[dict[str, Any]]:
    """The page with its end marked, in the order tried: null cursor, then no cursor."""
    base = copy.deepcopy(page)
    if pagination.has_more_path and _get(base, pagination.has_more_path) is not None:
        _set(base, pagination.has_more_path, False)
    elif pagination.style != "cursor":
        # No flag to say so: the counts say this page is the last (a client stops when the items
        # received reach the total, or at the last page of the count).
        items = base.get(pagination.items)
        size = len(items) if isinstance(items, list) else 0
        if pagination.style == "offset":
            received = _number(pagination.offset_param, query, 0) + size
            pages = None
        else:
            pages = _number(pagination.page_param, query, pagination.first_page) - pagination.first_page + 1
            received = pages * size
        if pagination.total_path:
            _set(base, pagination.total_path, received)
        if pagination.total_pages_path and pages is not None:
            _set(base, pagination.total_pages_path, pages)
    path = pagination.next_cursor_path
    if pagination.style != "cursor" or not path:
        return [base]
    with_null = copy.deepcopy(base)
    _set(with_null, path, None, add=True)
    without = copy.deepcopy(base)
    parent = _get(without, path[:-1])
    if isinstance(parent, dict):
        parent.pop(path[-1], None)
    return [with_null, without]


def _number(param: str | None, query: Mapping[str, list[str]], default: int) -> int:
    """The last value of an integer query parameter, or `default`."""
    numbers = [digits_value(value.strip()) for value in query.get(param or "", [])]
    found = [number for number in numbers if number is not None]
    return found[-1] if found else default


def _get(body: object, path: tuple[str, ...]) -> object:
    for key in path:
        if not isinstance(body, dict):
            return None
        body = body.get(key)
    return body


def _set(body: dict[str, Any], path: tuple[str, ...], value: object, add: bool = False) -> None:
    """Replace the value at `path` (with `add`, also set it where the example leaves it out)."""
    parent = _get(body, path[:-1])
    if isinstance(parent, dict) and (add or path[-1] in parent):
        parent[path[-1]] = value
