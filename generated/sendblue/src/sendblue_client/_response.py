"""Responses: turning a body into the declared type, and the raw and streaming response modes.

A normal call returns the parsed body. The same call made through a resource's
`with_raw_response` returns an `APIResponse` (status, headers, then `.parse()`), and through
`with_streaming_response` a context manager yielding an `APIResponse` whose body is read only
when asked. The wrappers ask the client for those modes with a private header
(`RESPONSE_MODE_HEADER`), which the client removes before sending.
"""

from __future__ import annotations

import datetime
import functools
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, ParamSpec, TypeVar, cast

import httpx
import pydantic

from ._exceptions import APIResponseValidationError
from ._logging import redact_url

if TYPE_CHECKING:
    from ._drift import Drift

__all__ = [
    "RESPONSE_MODE_HEADER",
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncResponseContextManager",
    "ResponseContextManager",
    "ResponseMode",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "decode_json",
    "json_parser",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "type_adapter",
    "validate_as",
]

P = ParamSpec("P")
R = TypeVar("R")

RESPONSE_MODE_HEADER = "X-SDK-Response-Mode"
"""Set by the wrappers below to "raw" or "stream"; never sent to the server."""

ResponseMode = Literal["parsed", "raw", "stream"]


# --- parsing -----------------------------------------------------------------------------------

_adapters: dict[object, pydantic.TypeAdapter[Any]] = {}
_adapters_lock = threading.Lock()


def type_adapter(cast_to: Any) -> pydantic.TypeAdapter[Any]:
    """One TypeAdapter per type: building one is costly, using one is cheap."""
    try:
        return _adapters[cast_to]
    except KeyError:
        pass
    except TypeError:  # unhashable, e.g. Annotated[..., {"a": "dict"}]
        return pydantic.TypeAdapter(cast_to)
    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(cast_to)
    with _adapters_lock:
        return _adapters.setdefault(cast_to, adapter)


_parsers: dict[object, Callable[[bytes], tuple[Any, bool]]] = {}


def json_parser(cast_to: Any) -> Callable[[bytes], tuple[Any, bool]]:
    """`parse(body) -> (value, flagged)`: a JSON body validated as `cast_to` straight from its
    bytes, and whether a model hook flagged something undocumented on the way (see `_drift`).

    One per type, made on first use: a call then pays for validation and little else.
    """
    try:
        return _parsers[cast_to]
    except KeyError:
        pass
    except TypeError:  # unhashable
        return _new_json_parser(cast_to)
    parser = _new_json_parser(cast_to)
    with _adapters_lock:
        return _parsers.setdefault(cast_to, parser)


def _new_json_parser(cast_to: Any) -> Callable[[bytes], tuple[Any, bool]]:
    from ._drift import noting_unknowns

    # The validator's own method (the adapter's adds only checks of its arguments). Reading it
    # builds a schema the models deferred, or raises what validating would raise.
    return noting_unknowns(type_adapter(cast_to).validator.validate_json)


def decode_json(response: httpx.Response) -> object:
    """The JSON value of a response whose body has been read."""
    try:
        return json.loads(response.content)
    except ValueError as exc:
        raise APIResponseValidationError(
            f"the response to {response.request.method} {redact_url(response.request.url)} is not JSON: {exc}",
            response,
            body=response.text,
        ) from exc


def validate_as(cast_to: Any, data: object, response: httpx.Response) -> Any:
    """`data` validated as `cast_to` (a pydantic model or any type pydantic accepts)."""
    try:
        return type_adapter(cast_to).validate_python(data)
    except pydantic.ValidationError as exc:
        name = getattr(cast_to, "__name__", None) or repr(cast_to)
        raise APIResponseValidationError(
            f"the response to {response.request.method} {redact_url(response.request.url)} does not match {name}: {exc}",
            response,
            body=data,
        ) from exc


# --- response objects --------------------------------------------------------------------------


class _ResponseView(Generic[R]):
    """What raw and streamed responses share: the HTTP facts, and parsing once."""

    def __init__(
        self,
        *,
        http_response: httpx.Response,
        parse: Callable[[httpx.Response], tuple[R, tuple[Drift, ...]]],
        retries_taken: int = 0,
    ) -> None:
        self._http_response = http_response
        self._parse = parse
        self._retries_taken = retries_taken
        self._parsed: tuple[R, tuple[Drift, ...]] | None = None

    @property
    def http_response(self) -> httpx.Response:
        return self._http_response

    @property
    def status_code(self) -> int:
        return self._http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self._http_response.headers

    @property
    def url(self) -> httpx.URL:
        return self._http_response.url

    @property
    def method(self) -> str:
        return self._http_response.request.method

    @property
    def elapsed(self) -> datetime.timedelta:
        """Time from sending the request to the end of the body (once the body is read)."""
        return self._http_response.elapsed

    @property
    def retries_taken(self) -> int:
        """How many times the request was retried before this response (0: first attempt)."""
        return self._retries_taken

    @property
    def is_closed(self) -> bool:
        return self._http_response.is_closed

    @property
    def drift(self) -> tuple[Drift, ...]:
        """How the body differs from the spec (see `Drift`); known once `parse()` has run,
        empty before and for a conforming body."""
        return () if self._parsed is None else self._parsed[1]

    def _parsed_value(self) -> R:
        if self._parsed is None:
            self._parsed = self._parse(self._http_response)
        return self._parsed[0]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code} {self._http_response.reason_phrase}] {self.method} {redact_url(self.url)}>"


class APIResponse(_ResponseView[R]):
    """The HTTP response of a sync call, with `parse()` to get what the plain call returns."""

    def parse(self) -> R:
        """The body as the call's return type (a model, a page...); reads the body if needed."""
        self.read()
        return self._parsed_value()

    def read(self) -> bytes:
        return self._http_response.read()

    def text(self) -> str:
        self.read()
        return self._http_response.text

    def json(self) -> Any:
        self.read()
        return self._http_response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield from self._http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        yield from self._http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        yield from self._http_response.iter_lines()

    def close(self) -> None:
        self._http_response.close()


class AsyncAPIResponse(_ResponseView[R]):
    """The HTTP response of an async call, with `await parse()` to get what the call returns."""

    async def parse(self) -> R:
        """The body as the call's return type (a model, a page...); reads the body if needed."""
        await self.read()
        return self._parsed_value()

    async def read(self) -> bytes:
        return await self._http_response.aread()

    async def text(self) -> str:
        await self.read()
        return self._http_response.text

    async def json(self) -> Any:
        await self.read()
        return self._http_response.json()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        async for chunk in self._http_response.aiter_bytes(chunk_size):
            yield chunk

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        async for chunk in self._http_response.aiter_text(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        async for line in self._http_response.aiter_lines():
            yield line

    async def close(self) -> None:
        await self._http_response.aclose()


class ResponseContextManager(Generic[R]):
    """`with resource.with_streaming_response.method(...) as response:` sends on entry, closes on exit."""

    def __init__(self, send: Callable[[], APIResponse[R]]) -> None:
        self._send = send
        self._response: APIResponse[R] | None = None

    def __enter__(self) -> APIResponse[R]:
        self._response = self._send()
        return self._response

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[R]):
    """`async with resource.with_streaming_response.method(...) as response:`."""

    def __init__(self, send: Callable[[], Awaitable[AsyncAPIResponse[R]]]) -> None:
        self._send = send
        self._response: AsyncAPIResponse[R] | None = None

    async def __aenter__(self) -> AsyncAPIResponse[R]:
        self._response = await self._send()
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.close()


# --- wrappers for resources' with_raw_response / with_streaming_response ------------------------


def _asking_for(mode: ResponseMode, extra_headers: object) -> dict[str, object]:
    """The caller's `extra_headers` plus the marker asking the client for `mode`."""
    headers: dict[str, object] = dict(extra_headers) if isinstance(extra_headers, Mapping) else {}
    headers[RESPONSE_MODE_HEADER] = mode
    return headers


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """`func` (a resource method) made to return its `APIResponse`, body already read."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        kwargs["extra_headers"] = _asking_for("raw", kwargs.get("extra_headers"))
        return cast(APIResponse[R], func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """`func` (an async resource method) made to return its `AsyncAPIResponse`, body already read."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        kwargs["extra_headers"] = _asking_for("raw", kwargs.get("extra_headers"))
        return cast(AsyncAPIResponse[R], await func(*args, **kwargs))

    return wrapped


def to_streamed_response_wrapper(func: Callable[P, R]) -> Callable[P, ResponseContextManager[R]]:
    """`func` made to return a context manager yielding its `APIResponse`, body not yet read."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseContextManager[R]:
        kwargs["extra_headers"] = _asking_for("stream", kwargs.get("extra_headers"))
        return ResponseContextManager(lambda: cast(APIResponse[R], func(*args, **kwargs)))

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[R]]:
    """`func` made to return an async context manager yielding its `AsyncAPIResponse`, body not yet read."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncResponseContextManager[R]:
        kwargs["extra_headers"] = _asking_for("stream", kwargs.get("extra_headers"))

        async def send() -> AsyncAPIResponse[R]:
            return cast(AsyncAPIResponse[R], await func(*args, **kwargs))

        return AsyncResponseContextManager(send)

    return wrapped
