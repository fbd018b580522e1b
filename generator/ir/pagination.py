"""Recognising paginated list operations from their parameters and response shape.

The conventions are documented in spec/README.md: cursor (`cursor` query parameter and a
`next_cursor` response property next to one array) and offset (`limit` and `offset` query
parameters, a `data` array and a `pagination` object with `hasMore`). `x-pagination` on an
operation overrides the inference.
"""

from __future__ import annotations

from typing import Any

from generator.ir.model import ArrayOf, Model, ModelRef, Pagination, Param, TypeRef

CURSOR_PARAM = "cursor"
NEXT_CURSOR_FIELD = "next_cursor"
LIMIT_PARAM = "limit"
OFFSET_PARAM = "offset"
OFFSET_ITEMS_FIELD = "data"
OFFSET_ENVELOPE_FIELD = "pagination"
HAS_MORE_FIELD = "hasMore"


class PaginationError(ValueError):
    """An explicit `x-pagination` that does not fit the operation."""


def detect_pagination(
    params: tuple[Param, ...],
    response_model: Model | None,
    models: dict[str, Model],
    override: Any = None,
) -> Pagination | None:
    """The pagination of a GET operation, or None when it is not a paginated list."""
    if override is False or response_model is None or response_model.kind != "object":
        return None
    query = {p.name for p in params if p.location == "query"}
    # Array properties and the type of their items.
    arrays = {f.name: f.type.items for f in response_model.fields if isinstance(f.type, ArrayOf)}
    style = override.get("style") if isinstance(override, dict) else None
    items_name = override.get("items") if isinstance(override, dict) else None
    if style not in (None, "cursor", "offset"):
        raise PaginationError(f"x-pagination style must be 'cursor' or 'offset', not {style!r}")

    def items_field(default: str | None) -> tuple[str, TypeRef] | None:
        """The array property holding a page's items: (its name, the type of an item)."""
        wanted = items_name or default
        if wanted is not None:
            if wanted not in arrays and items_name:
                raise PaginationError(
                    f"x-pagination items '{items_name}' is not an array property of {response_model.name}"
                )
            return (wanted, arrays[wanted]) if wanted in arrays else None
        return next(iter(arrays.items())) if len(arrays) == 1 else None

    cursor_shape = CURSOR_PARAM in query and response_model.field_named(NEXT_CURSOR_FIELD) is not None
    if style == "cursor" or (style is None and cursor_shape):
        items = items_field(None)
        if items is None or not cursor_shape:
            if style:
                raise PaginationError(
                    "cursor pagination needs a 'cursor' query parameter, 'next_cursor' and one array property"
                )
            return None
        return Pagination(
            style="cursor",
            items=items[0],
            item_type=items[1],
            limit_param=LIMIT_PARAM if LIMIT_PARAM in query else None,
            cursor_param=CURSOR_PARAM,
            next_cursor_field=NEXT_CURSOR_FIELD,
        )

    envelope = response_model.field_named(OFFSET_ENVELOPE_FIELD)
    envelope_model = models.get(envelope.type.name) if envelope and isinstance(envelope.type, ModelRef) else None
    offset_shape = (
        {LIMIT_PARAM, OFFSET_PARAM} <= query
        and envelope_model is not None
        and envelope_model.field_named(HAS_MORE_FIELD) is not None
    )
    if style == "offset" or (style is None and offset_shape):
        items = items_field(OFFSET_ITEMS_FIELD)
        if items is None or not offset_shape:
            if style:
                raise PaginationError(
                    "offset pagination needs 'limit' and 'offset' query parameters and pagination.hasMore"
                )
            return None
        return Pagination(
            style="offset",
            items=items[0],
            item_type=items[1],
            limit_param=LIMIT_PARAM,
            offset_param=OFFSET_PARAM,
            has_more_path=(OFFSET_ENVELOPE_FIELD, HAS_MORE_FIELD),
        )
    return None
