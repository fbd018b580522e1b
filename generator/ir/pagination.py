"""Recognising paginated list operations from their parameters and response shape.

The shapes are documented in spec/README.md. In short, a GET whose 200 response is an object
with the page's items (its one array property, or a conventional `data`/`items`/`results`...)
is paginated in one of three styles:

- cursor: a cursor query parameter (`cursor`, `after`, `starting_after`, `page_token`...) and
  the next cursor in the response (`next_cursor`, `nextPageToken`, `meta.next_cursor`,
  `cursors.after`...);
- offset: integer `limit` and `offset` parameters, and a "has more" flag or a total count;
- page: an integer `page` and a page size parameter (`per_page`, `page_size`, `limit`...).

Whatever the style, the response's "has more" flag, total count and page count are recorded
where found (top level or one envelope down: `pagination`, `meta`, `page_info`...), so that the
client knows when to stop and the mock what to fill in. A value is taken only when its type fits
(an integer parameter, a boolean flag, an integer total, a string cursor that is not a URL).
`x-pagination` on an operation overrides the inference: `false`, or an object naming the style
and, optionally, the parameters and response paths.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from generator.ir.model import (
    ArrayOf,
    BooleanType,
    Field,
    IntegerType,
    Model,
    ModelRef,
    Pagination,
    Param,
    StringType,
    TypeRef,
)

Style = Literal["cursor", "offset", "page"]
STYLES: tuple[Style, ...] = ("cursor", "offset", "page")

# Request parameters, in the order they are preferred.
CURSOR_PARAMS = (
    "cursor",
    "after",
    "starting_after",
    "startingAfter",
    "start_cursor",
    "startCursor",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
)
OFFSET_PARAM = "offset"
LIMIT_PARAM = "limit"
PAGE_PARAM = "page"
PAGE_SIZE_PARAMS = ("per_page", "perPage", "page_size", "pageSize", "limit")
CURSOR_SIZE_PARAMS = ("limit", "page_size", "pageSize", "per_page", "perPage", "max_results", "maxResults")

# Response properties.
ITEMS_FIELDS = ("data", "items", "results", "records", "entries")
NEXT_CURSOR_FIELDS = (
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
    "next",
)
# Inside an envelope the next cursor may also be `cursors.after` or `page_info.end_cursor`.
NESTED_NEXT_CURSOR_FIELDS = (*NEXT_CURSOR_FIELDS, "after", "end_cursor", "endCursor")
HAS_MORE_FIELDS = ("has_more", "hasMore", "more", "has_next_page", "hasNextPage")
TOTAL_FIELDS = ("total", "total_count", "totalCount", "total_items", "totalItems", "count")
TOTAL_PAGES_FIELDS = ("total_pages", "totalPages", "page_count", "pageCount")
ENVELOPES = (
    "pagination",
    "paging",
    "meta",
    "metadata",
    "page_info",
    "pageInfo",
    "cursors",
    "response_metadata",
)
# A string of one of these formats is not a cursor: a link to the next page, or a filter by date.
NOT_CURSOR_FORMATS = frozenset({"uri", "url", "uri-reference", "iri", "iri-reference", "date", "date-time", "time"})

JsonPath = tuple[str, ...]


class PaginationError(ValueError):
    """An explicit `x-pagination` that does not fit the operation."""


def _is_integer(type_: TypeRef) -> bool:
    return isinstance(type_, IntegerType)


def _is_boolean(type_: TypeRef) -> bool:
    return isinstance(type_, BooleanType)


def _is_cursor(type_: TypeRef) -> bool:
    return isinstance(type_, StringType) and type_.format not in NOT_CURSOR_FORMATS


@dataclass(frozen=True)
class _Response:
    """The response model of a list operation, and the models its envelopes refer to."""

    model: Model
    models: Mapping[str, Model]

    def object_model(self, type_: TypeRef) -> Model | None:
        """The object model `type_` names (through one alias), or None."""
        if isinstance(type_, ModelRef) and (model := self.models.get(type_.name)) is not None:
            if model.kind == "alias" and model.alias_of is not None:
                return self.object_model(model.alias_of)
            return model if model.kind == "object" else None
        return None

    def field_at(self, path: JsonPath) -> Field | None:
        """The field at `path` (JSON names from the top level), or None."""
        model: Model | None = self.model
        for depth, key in enumerate(path):
            found = model.field_named(key) if model is not None else None
            if found is None:
                return None
            if depth == len(path) - 1:
                return found
            model = self.object_model(found.type)
        return None

    def find(self, names: tuple[str, ...], fits: Callable[[TypeRef], bool], nested: tuple[str, ...] = ()) -> JsonPath:
        """The first of `names` whose type fits: at the top level, else in an envelope."""
        for name in names:
            found = self.model.field_named(name)
            if found is not None and fits(found.type):
                return (name,)
        for envelope in ENVELOPES:
            outer = self.model.field_named(envelope)
            inner = self.object_model(outer.type) if outer is not None else None
            if inner is None:
                continue
            for name in nested or names:
                found = inner.field_named(name)
                if found is not None and fits(found.type):
                    return (envelope, name)
        return ()

    def arrays(self) -> dict[str, TypeRef]:
        """The top-level array properties and the type of their items."""
        return {f.name: f.type.items for f in self.model.fields if isinstance(f.type, ArrayOf)}


class _Override:
    """The object form of `x-pagination`: a style and, optionally, what each part is named."""

    KEYS = frozenset(
        {
            "style",
            "items",
            "cursor_param",
            "next_cursor",
            "limit_param",
            "offset_param",
            "page_param",
            "first_page",
            "has_more",
            "total",
            "total_pages",
        }
    )

    def __init__(self, raw: object) -> None:
        data: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
        unknown = sorted(set(data) - self.KEYS)
        if unknown:
            raise PaginationError(f"x-pagination has unknown keys {unknown} (known: {', '.join(sorted(self.KEYS))})")
        style = data.get("style")
        if style is not None and style not in STYLES:
            raise PaginationError(f"x-pagination style must be one of {', '.join(STYLES)}, not {style!r}")
        first_page = data.get("first_page")
        if first_page is not None and (isinstance(first_page, bool) or first_page not in (0, 1)):
            raise PaginationError(f"x-pagination first_page must be 0 or 1, not {first_page!r}")
        self.style: Style | None = style
        self.first_page: int | None = first_page
        self.data = data

    def name(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise PaginationError(f"x-pagination {key} must be a string, not {value!r}")
        return value

    def path(self, key: str) -> JsonPath | None:
        """A response path: `meta.next_cursor` or a list of names."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value:
            return tuple(value.split("."))
        if isinstance(value, list) and value and all(isinstance(part, str) and part for part in value):
            return tuple(value)
        raise PaginationError(f"x-pagination {key} must be a dotted path or a list of names, not {value!r}")


def detect_pagination(
    params: tuple[Param, ...],
    response_model: Model | None,
    models: Mapping[str, Model],
    override: Any = None,
) -> Pagination | None:
    """The pagination of a GET operation, or None when it is not a paginated list."""
    if override is False or response_model is None or response_model.kind != "object":
        return None
    explicit = _Override(override)
    response = _Response(response_model, models)
    query = {p.name: p for p in params if p.location == "query"}

    def param(key: str, names: tuple[str, ...], fits: Callable[[TypeRef], bool]) -> str | None:
        """The query parameter `x-pagination` names under `key`, else the first of `names` that fits."""
        named = explicit.name(key)
        if named is not None:
            if named not in query:
                raise PaginationError(f"x-pagination {key} '{named}' is not a query parameter of this operation")
            return named
        return next((name for name in names if name in query and fits(query[name].type)), None)

    def path(
        key: str, names: tuple[str, ...], fits: Callable[[TypeRef], bool], nested: tuple[str, ...] = ()
    ) -> JsonPath:
        """The response path `x-pagination` names under `key`, else the first of `names` that fits."""
        named = explicit.path(key)
        if named is not None:
            if response.field_at(named) is None:
                raise PaginationError(
                    f"x-pagination {key} '{'.'.join(named)}' is not a property of {response_model.name}"
                )
            return named
        return response.find(names, fits, nested)

    items = _items_field(response, explicit.name("items"))
    has_more = path("has_more", HAS_MORE_FIELDS, _is_boolean)
    total = path("total", TOTAL_FIELDS, _is_integer)
    total_pages = path("total_pages", TOTAL_PAGES_FIELDS, _is_integer)

    def paged(style: Style, items: tuple[str, TypeRef], **parameters: Any) -> Pagination:
        return Pagination(
            style=style,
            items=items[0],
            item_type=items[1],
            has_more_path=has_more,
            total_path=total,
            total_pages_path=total_pages,
            **parameters,
        )

    wanted = explicit.style

    if wanted in (None, "cursor"):
        cursor_param = param("cursor_param", CURSOR_PARAMS, _is_cursor)
        next_cursor = path("next_cursor", NEXT_CURSOR_FIELDS, _is_cursor, NESTED_NEXT_CURSOR_FIELDS)
        if items is not None and cursor_param and next_cursor:
            return paged(
                "cursor",
                items,
                limit_param=param("limit_param", CURSOR_SIZE_PARAMS, _is_integer),
                cursor_param=cursor_param,
                next_cursor_path=next_cursor,
            )
        if wanted:
            raise PaginationError(
                "cursor pagination needs a cursor query parameter (cursor, after, page_token...), "
                "a next cursor in the response (next_cursor, meta.next_cursor...) and the items' array"
            )

    if wanted in (None, "offset"):
        offset_param = param("offset_param", (OFFSET_PARAM,), _is_integer)
        limit_param = param("limit_param", (LIMIT_PARAM,), _is_integer)
        if items is not None and offset_param and (limit_param or wanted) and (has_more or total):
            return paged("offset", items, limit_param=limit_param, offset_param=offset_param)
        if wanted:
            raise PaginationError(
                "offset pagination needs an integer 'offset' query parameter, a has_more flag or a "
                "total count in the response, and the items' array"
            )

    if wanted in (None, "page"):
        page_param = param("page_param", (PAGE_PARAM,), _is_integer)
        size_param = param("limit_param", PAGE_SIZE_PARAMS, _is_integer)
        if items is not None and page_param and (size_param or wanted):
            return paged(
                "page",
                items,
                limit_param=size_param,
                page_param=page_param,
                first_page=_first_page(query[page_param], explicit.first_page),
            )
        if wanted:
            raise PaginationError("page pagination needs an integer 'page' query parameter and the items' array")
    return None


def _items_field(response: _Response, named: str | None) -> tuple[str, TypeRef] | None:
    """The array property holding a page's items: its name and the type of an item."""
    arrays = response.arrays()
    if named is not None:
        if named not in arrays:
            raise PaginationError(f"x-pagination items '{named}' is not an array property of {response.model.name}")
        return named, arrays[named]
    if len(arrays) == 1:
        return next(iter(arrays.items()))
    conventional = next((name for name in ITEMS_FIELDS if name in arrays), None)
    return (conventional, arrays[conventional]) if conventional is not None else None


def _first_page(param: Param, explicit: int | None) -> int:
    """Pages are numbered from the parameter's default when it is 0 or 1, else from 1."""
    if explicit is not None:
        return explicit
    default = param.default
    if param.has_default and isinstance(default, int) and not isinstance(default, bool) and default in (0, 1):
        return default
    return 1
