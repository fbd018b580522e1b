"""Base classes of the resource modules, and the helpers their methods are made of.

A generated method is one call of a verb helper (`self._post(...)`, `self._get_api_list(...)`,
`self._call("HEAD", ...)` for other methods): the helper checks the arguments (or, for a client
made with `validate_requests=False`, only converts them to JSON), builds the call's
`FinalRequestOptions` and sends it with the client. A client whose spec has operations outside
any resource inherits these helpers too, so their names must stay clear of the client's own.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, overload
from urllib.parse import quote

from typing_extensions import Unpack

from ._base_client import FinalRequestOptions
from ._media import is_json_media
from ._params import validate_params
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ._validation import validate_request

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient
    from ._pagination import AsyncPaginator, PageSpec, SyncPage

T = TypeVar("T")
ItemT = TypeVar("ItemT")


class RequestArguments(TypedDict, total=False):
    """What a method gives its verb helper besides the path and the type of the response.

    `query`, `body` and `headers` hold the arguments the caller passed (`given(...)`), keyed
    by wire name; `operation_id` names the checks of the query parameters (`_params.py`),
    `body_type` the type the body is checked against (`_validation.py`). `content_type` is the
    body's media type and `accept` the `Accept` header, given only where the operation
    documents something other than `application/json`; a body that is not JSON is sent as
    given, unchecked (`_media.py`).
    """

    operation_id: str
    query: Mapping[str, Any]
    body: Any
    body_type: Any
    headers: Mapping[str, Any]
    extra_headers: Headers | None
    extra_query: Query | None
    extra_body: Body | None
    timeout: Timeout | NotGiven
    idempotency_key: str | None
    idempotency_key_path: tuple[str, ...]
    content_type: str
    accept: str


def request_options(method: str, path: str, validate: bool, arguments: RequestArguments) -> FinalRequestOptions:
    """The options of one call; `validate=False` converts the values without checking them."""
    query = arguments.get("query")
    params = None
    if query is not None:
        params = validate_params(arguments.get("operation_id", ""), query, check=validate)
    json_data = None
    body = arguments.get("body", NOT_GIVEN)
    content_type = arguments.get("content_type")
    if content_type is not None and not is_json_media(content_type):
        json_data = None if isinstance(body, NotGiven) else body
    elif "body_type" in arguments and not isinstance(body, NotGiven):
        body_type = arguments["body_type"]
        json_data = validate_request(body_type, body, check=validate)
    extra_headers = arguments.get("extra_headers")
    headers = arguments.get("headers")
    if headers is not None:
        extra_headers = {**{name: _header_value(value) for name, value in headers.items()}, **(extra_headers or {})}
    return FinalRequestOptions(
        method=method,
        url=path,
        params=params,
        json_data=json_data,
        headers=extra_headers,
        extra_query=arguments.get("extra_query"),
        extra_json=arguments.get("extra_body"),
        timeout=arguments.get("timeout", NOT_GIVEN),
        idempotency_key=arguments.get("idempotency_key"),
        idempotency_key_path=arguments.get("idempotency_key_path", ()),
        content_type=content_type,
        accept=arguments.get("accept"),
    )


class SyncAPIResource:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @overload
    def _call(self, method: str, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    def _call(self, method: str, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    def _call(self, method: str, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        options = request_options(method, path, self._client.validate_requests, arguments)
        return self._client.request(cast_to, options)

    @overload
    def _get(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    def _get(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    def _get(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return self._call("GET", path, cast_to=cast_to, **arguments)

    @overload
    def _post(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    def _post(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    def _post(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return self._call("POST", path, cast_to=cast_to, **arguments)

    @overload
    def _put(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    def _put(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    def _put(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return self._call("PUT", path, cast_to=cast_to, **arguments)

    @overload
    def _patch(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    def _patch(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    def _patch(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return self._call("PATCH", path, cast_to=cast_to, **arguments)

    @overload
    def _delete(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    def _delete(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    def _delete(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return self._call("DELETE", path, cast_to=cast_to, **arguments)

    def _get_api_list(
        self,
        path: str,
        *,
        cast_to: type[object],
        page: PageSpec[ItemT],
        method: str = "GET",
        **arguments: Unpack[RequestArguments],
    ) -> SyncPage[ItemT]:
        """The first page of a list; iterating the page walks every item of every page."""
        options = request_options(method, path, self._client.validate_requests, arguments)
        return self._client.request(cast_to, options, page=page)


class AsyncAPIResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @overload
    async def _call(self, method: str, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    async def _call(self, method: str, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    async def _call(self, method: str, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        options = request_options(method, path, self._client.validate_requests, arguments)
        return await self._client.request(cast_to, options)

    @overload
    async def _get(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    async def _get(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    async def _get(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return await self._call("GET", path, cast_to=cast_to, **arguments)

    @overload
    async def _post(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    async def _post(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    async def _post(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return await self._call("POST", path, cast_to=cast_to, **arguments)

    @overload
    async def _put(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    async def _put(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    async def _put(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return await self._call("PUT", path, cast_to=cast_to, **arguments)

    @overload
    async def _patch(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    async def _patch(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    async def _patch(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return await self._call("PATCH", path, cast_to=cast_to, **arguments)

    @overload
    async def _delete(self, path: str, *, cast_to: None, **arguments: Unpack[RequestArguments]) -> None: ...
    @overload
    async def _delete(self, path: str, *, cast_to: type[T], **arguments: Unpack[RequestArguments]) -> T: ...
    async def _delete(self, path: str, *, cast_to: Any, **arguments: Unpack[RequestArguments]) -> Any:
        return await self._call("DELETE", path, cast_to=cast_to, **arguments)

    def _get_api_list(
        self,
        path: str,
        *,
        cast_to: type[object],
        page: PageSpec[ItemT],
        method: str = "GET",
        **arguments: Unpack[RequestArguments],
    ) -> AsyncPaginator[ItemT]:
        """Awaited, the first page of a list; `async for` walks every item of every page."""
        options = request_options(method, path, self._client.validate_requests, arguments)
        return self._client.request(cast_to, options, page=page)


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments the caller passed: `NOT_GIVEN` ones are left out, explicit `None` is kept."""
    return {key: value for key, value in values.items() if not isinstance(value, NotGiven)}


def _header_value(value: object) -> str:
    return str(value.value if isinstance(value, enum.Enum) else value)


def path_param(value: object) -> str:
    """A path parameter, percent-encoded so that it stays one path segment.

    `/`, `?` and `#` are encoded, and so are the dots of a `.` or `..` segment, which URL
    normalisation would otherwise resolve (an id of `..` must not reach the parent path).
    """
    text = str(value.value if isinstance(value, enum.Enum) else value)
    if not text:
        raise ValueError("path parameters must not be empty")
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if set(text) == {"."} else encoded
