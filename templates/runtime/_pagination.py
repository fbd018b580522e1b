"""Paginated lists: one page class per I/O style, every paging style chosen by a `PageSpec`.

    page = client.chats.list_chats(limit=50)       # SyncPage[Chat], the first page
    for chat in page: ...                          # every chat of every page
    while page.has_next_page(): page = page.get_next_page()

    async for chat in async_client.chats.list_chats(): ...   # no await needed first
    page = await async_client.chats.list_chats()             # AsyncPage[Chat]

Cursor pages ask for the next one with `<cursor_param>=<next cursor>`; offset pages advance
`<offset_param>` by the number of items received; page-numbered pages ask for `<page_param>`
plus one. Every other query parameter of the first call is kept. A walk ends at an empty page,
a missing cursor, a "has more" flag that is false, or (when the response has no such flag) once
the items received reach the total count or the page reached is the last of the page count.

Auto-pagination (`iter_pages`, iterating a page) also ends when the server sends a cursor (or
a page is asked for) already requested in the same walk: it raises `PaginationLoopError` rather
than fetching the same pages forever.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import httpx
import pydantic

from ._encoding import encode_query, merge_query
from ._exceptions import PaginationLoopError, SDKError
from ._response import type_adapter

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, BaseClient, FinalRequestOptions, SyncAPIClient

__all__ = ["AsyncPage", "AsyncPaginator", "BasePage", "PageSpec", "SyncPage"]

ItemT = TypeVar("ItemT")


@dataclasses.dataclass(frozen=True)
class PageSpec(Generic[ItemT]):
    """How one list operation pages: which field holds the items and what asks for more.

    `items_field`, `next_cursor_field` and the keys of the `*_path` tuples are JSON names (as
    on the wire), the `*_param` ones query parameter names. A next cursor at the top level of
    the response is `next_cursor_field`; one further down is `next_cursor_path`. `limit_param`
    is the page size parameter, whatever its name. Page numbers start at `first_page`.
    """

    style: Literal["cursor", "offset", "page"]
    items_field: str
    item_type: type[ItemT]
    cursor_param: str | None = None
    next_cursor_field: str | None = None
    offset_param: str | None = None
    limit_param: str | None = None
    has_more_path: tuple[str, ...] = ()
    next_cursor_path: tuple[str, ...] = ()
    page_param: str | None = None
    first_page: int = 1
    total_path: tuple[str, ...] = ()
    total_pages_path: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.style == "cursor" and not (self.cursor_param and self.cursor_path):
            raise ValueError("a cursor PageSpec needs cursor_param and next_cursor_field (or next_cursor_path)")
        if self.style == "offset" and not (self.offset_param and (self.has_more_path or self.total_path)):
            raise ValueError("an offset PageSpec needs offset_param and has_more_path or total_path")
        if self.style == "page" and not self.page_param:
            raise ValueError("a page PageSpec needs page_param")

    @property
    def cursor_path(self) -> tuple[str, ...]:
        """Where the next cursor is in the response."""
        return self.next_cursor_path or ((self.next_cursor_field,) if self.next_cursor_field else ())

    @property
    def page_parameter(self) -> str:
        """The query parameter that moves from page to page."""
        param = {"cursor": self.cursor_param, "offset": self.offset_param, "page": self.page_param}[self.style]
        assert param is not None
        return param


class BasePage(Generic[ItemT]):
    """One page: the parsed response (`envelope`), its `items`, and what the next page needs."""

    envelope: Any
    """The whole response, parsed as the operation's response type."""
    items: list[ItemT]

    def __init__(
        self,
        *,
        envelope: object,
        data: object,
        spec: PageSpec[ItemT],
        cast_to: type[Any],
        options: FinalRequestOptions,
    ) -> None:
        self.envelope = envelope
        self.items = _items(envelope, data, spec)
        # Page facts (cursor, "has more") are read from the parsed envelope when it is a model,
        # so the body never needs decoding twice; from the decoded JSON otherwise.
        self._source = envelope if isinstance(envelope, pydantic.BaseModel) else data
        self._spec = spec
        self._cast_to = cast_to
        self._options = options
        # Items of the earlier pages of this walk (page-numbered lists count them to the total).
        self._received_before: int | None = None

    @property
    def next_cursor(self) -> str | None:
        """The cursor of the next page (cursor pages), or None."""
        path = self._spec.cursor_path
        if not path:
            return None
        value = self._at(path)
        return value if isinstance(value, str) and value else None

    @property
    def has_more(self) -> bool:
        """The server's "more pages follow" flag; False when absent."""
        return self._at(self._spec.has_more_path) is True

    def has_next_page(self) -> bool:
        if not self.items:
            return False
        spec = self._spec
        flag = self._at(spec.has_more_path) if spec.has_more_path else None
        if flag is False:
            return False
        if spec.style == "cursor":
            return self.next_cursor is not None
        if flag is True:
            return True
        if spec.style == "page":
            total_pages = self._count(spec.total_pages_path)
            if total_pages is not None:
                return self._current_page() - spec.first_page + 1 < total_pages
        total = self._count(spec.total_path)
        if total is not None:
            return self._received() < total
        # Nothing in the response says: an offset list stops (as when `has_more` is missing), a
        # page-numbered one asks for the next page and stops at an empty one.
        return spec.style == "page"

    def next_page_options(self) -> FinalRequestOptions | None:
        """The request of the next page, or None on the last page."""
        if not self.has_next_page():
            return None
        spec = self._spec
        if spec.style == "cursor":
            return self._options_with(spec.page_parameter, self.next_cursor)
        if spec.style == "page":
            return self._options_with(spec.page_parameter, self._current_page() + 1)
        return self._options_with(spec.page_parameter, self._current_offset() + len(self.items))

    def _at(self, path: tuple[str, ...]) -> object:
        value: object = self._source
        for key in path:
            value = _member(value, key)
        return value if path else None

    def _count(self, path: tuple[str, ...]) -> int | None:
        value = self._at(path) if path else None
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def _query_int(self, param: str | None, default: int) -> int:
        query = {**(self._options.params or {}), **(self._options.extra_query or {})}
        value = query.get(param) if param else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        # ASCII digits only: `isdigit()` is True for '³' (which `int()` refuses) and '٣' (read as 3).
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
            return int(value)
        return default

    def _current_offset(self) -> int:
        return self._query_int(self._spec.offset_param, 0)

    def _current_page(self) -> int:
        return self._query_int(self._spec.page_param, self._spec.first_page)

    def _received(self) -> int:
        """The items of this walk so far, this page's included (offset: from the offset asked)."""
        if self._spec.style == "offset":
            return self._current_offset() + len(self.items)
        before = self._received_before
        if before is None:  # a walk started past the first page: its pages are assumed full
            size = self._query_int(self._spec.limit_param, len(self.items))
            before = (self._current_page() - self._spec.first_page) * size
        return before + len(self.items)

    def _follow(self, page: BasePage[ItemT]) -> None:
        """`page` is the next page of this one in the same walk."""
        page._received_before = self._received()

    def _requested(self, options: FinalRequestOptions) -> str | None:
        """The cursor (or offset, or page) that `options` asks for, as sent; None for the first page."""
        param = self._spec.page_parameter
        for name, value in encode_query(merge_query({}, options.params, options.extra_query)):
            if name == param:
                return value
        return None

    def _check_not_seen(self, options: FinalRequestOptions, seen: set[str | None], client: BaseClient[Any]) -> None:
        """Raise `PaginationLoopError` when `options` asks for a page already asked for."""
        value = self._requested(options)
        if value in seen:
            request = httpx.Request(
                options.method,
                client._url(options.url),
                params=tuple(encode_query(merge_query(client._default_query, options.params, options.extra_query))),
            )
            raise PaginationLoopError(request, parameter=self._spec.page_parameter, value=value)
        seen.add(value)

    def _options_with(self, param: str, value: object) -> FinalRequestOptions:
        # The page parameter moves to `params`; a copy in `extra_query` would override it.
        params = {**(self._options.params or {}), param: value}
        extra_query = {k: v for k, v in (self._options.extra_query or {}).items() if k != param}
        return dataclasses.replace(self._options, params=params, extra_query=extra_query or None)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.items)} has_next_page={self.has_next_page()}>"


class SyncPage(BasePage[ItemT]):
    """A page of a sync client; iterating it walks every item of this and the following pages."""

    def __init__(
        self,
        *,
        client: SyncAPIClient,
        envelope: object,
        data: object,
        spec: PageSpec[ItemT],
        cast_to: type[Any],
        options: FinalRequestOptions,
    ) -> None:
        super().__init__(envelope=envelope, data=data, spec=spec, cast_to=cast_to, options=options)
        self._client = client

    def get_next_page(self) -> SyncPage[ItemT]:
        """The next page; check `has_next_page()` first (on the last page this raises SDKError)."""
        options = self.next_page_options()
        if options is None:
            raise SDKError("this is the last page: check has_next_page() before get_next_page()")
        page = self._client.request(self._cast_to, options, page=self._spec)
        self._follow(page)
        return page

    def iter_pages(self) -> Iterator[SyncPage[ItemT]]:
        """This page, then each following page, fetched as the loop reaches it.

        Raises `PaginationLoopError` when the server points back to a page already fetched.
        """
        page = self
        seen = {self._requested(self._options)}
        while True:
            yield page
            options = page.next_page_options()
            if options is None:
                return
            self._check_not_seen(options, seen, self._client)
            following = self._client.request(self._cast_to, options, page=self._spec)
            page._follow(following)
            page = following

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(BasePage[ItemT]):
    """A page of an async client; `async for` over it walks every item of the following pages too."""

    def __init__(
        self,
        *,
        client: AsyncAPIClient,
        envelope: object,
        data: object,
        spec: PageSpec[ItemT],
        cast_to: type[Any],
        options: FinalRequestOptions,
    ) -> None:
        super().__init__(envelope=envelope, data=data, spec=spec, cast_to=cast_to, options=options)
        self._client = client

    async def get_next_page(self) -> AsyncPage[ItemT]:
        """The next page; check `has_next_page()` first (on the last page this raises SDKError)."""
        options = self.next_page_options()
        if options is None:
            raise SDKError("this is the last page: check has_next_page() before get_next_page()")
        page = await self._client.request(self._cast_to, options, page=self._spec)
        self._follow(page)
        return page

    async def iter_pages(self) -> AsyncIterator[AsyncPage[ItemT]]:
        """This page, then each following page, fetched as the loop reaches it.

        Raises `PaginationLoopError` when the server points back to a page already fetched.
        """
        page = self
        seen = {self._requested(self._options)}
        while True:
            yield page
            options = page.next_page_options()
            if options is None:
                return
            self._check_not_seen(options, seen, self._client)
            following = await self._client.request(self._cast_to, options, page=self._spec)
            page._follow(following)
            page = following

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[ItemT]):
    """What an async list method returns: `await` it for the first page, or `async for` over it
    for every item of every page."""

    def __init__(self, first_page: Callable[[], Awaitable[AsyncPage[ItemT]]]) -> None:
        self._first_page = first_page

    def __await__(self) -> Generator[Any, None, AsyncPage[ItemT]]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self
        async for item in page:
            yield item


def _items(envelope: object, data: object, spec: PageSpec[ItemT]) -> list[ItemT]:
    """The page's items, taken from the parsed envelope when it has them (no second parse)."""
    if isinstance(envelope, pydantic.BaseModel):
        value = _member(envelope, spec.items_field)
        return list(value) if isinstance(value, list) else []
    # An envelope that is not a model (a dict, say): the items come from the JSON itself.
    raw = data.get(spec.items_field) if isinstance(data, Mapping) else None
    return _validate_items(raw, spec)


def _validate_items(raw: object, spec: PageSpec[ItemT]) -> list[ItemT]:
    if not isinstance(raw, list):
        return []
    adapter = type_adapter(spec.item_type)
    return [adapter.validate_python(item) for item in raw]


def _member(value: object, wire_name: str) -> object:
    """`value[wire_name]` for decoded JSON; the field with that wire name for a parsed model."""
    if isinstance(value, Mapping):
        return value.get(wire_name)
    if isinstance(value, pydantic.BaseModel):
        for name, field in type(value).model_fields.items():
            if wire_name in (name, field.alias, field.validation_alias):
                return getattr(value, name)
        return (value.model_extra or {}).get(wire_name)
    return None
