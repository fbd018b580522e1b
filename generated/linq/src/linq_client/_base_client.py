"""The HTTP machinery every generated client inherits: building requests, retrying, parsing.

`SyncAPIClient` and `AsyncAPIClient` differ only in how they wait for I/O; everything else
(headers, query, body, idempotency keys, retry decisions, errors, parsing) lives in
`BaseClient`. A generated client subclasses one of them, overrides `auth_headers`, and extends
`_copy_kwargs` with its credentials. Its resource methods build a `FinalRequestOptions` and call
`request(cast_to, options)`, or `request(cast_to, options, page=spec)` for a paginated list.

A generated client also names, in `_log_env`, the environment variable that turns on its
logging (see `_logging`).

Responses that differ from the spec ("drift", see `_drift`) are returned all the same, with
each difference reported: on the result (`drift_of(result)`), on the raw response
(`APIResponse.drift`), in the log (a warning, once per operation, place and kind) and in the
client's `drift_counts`. `strict_responses=True` raises `APIResponseValidationError` instead.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import platform
import re
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar, overload

import httpx
import pydantic

from ._encoding import encode_query, merge_query, to_json_data
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    InvalidHeaderError,
    status_error_from_response,
)
from ._logging import (
    REDACTED,
    configure_logging,
    is_secret_name,
    log_drift,
    log_outcome,
    log_request,
    log_response,
    log_retry,
    logger,
    redact_url,
)
from ._response import (
    RESPONSE_MODE_HEADER,
    APIResponse,
    AsyncAPIResponse,
    ResponseMode,
    decode_json,
    json_parser,
)
from ._retries import DEFAULT_MAX_RETRIES, RETRYABLE_TRANSPORT_ERRORS, is_retryable_response, retry_delay
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Omit, Query, Timeout

if TYPE_CHECKING:
    # Imported where they are used, so that importing the package stays cheap: the drift
    # machinery runs only for responses that differ from the spec, pages only for lists.
    from ._drift import Drift
    from ._pagination import AsyncPage, AsyncPaginator, PageSpec, SyncPage

    _Parse = Callable[[httpx.Response], tuple[Any, tuple[Drift, ...]]]

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "IDEMPOTENCY_KEY_HEADER",
    "AsyncAPIClient",
    "BaseClient",
    "FinalRequestOptions",
    "SyncAPIClient",
]

DEFAULT_TIMEOUT = httpx.Timeout(60.0)
IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
DEFAULT_USER_AGENT = f"{__package__ or 'sdk'} (python {platform.python_version()}; httpx {httpx.__version__})"

# Methods that are safe to repeat by definition, so they carry no idempotency key.
_SAFE_METHODS = frozenset({"GET", "HEAD"})

ResponseT = TypeVar("ResponseT")
ItemT = TypeVar("ItemT")
HttpClientT = TypeVar("HttpClientT", httpx.Client, httpx.AsyncClient)


@dataclasses.dataclass
class FinalRequestOptions:
    """One API call as a resource method describes it, before the client adds its defaults.

    `url` is relative to the client's base URL (path parameters already encoded). `params` and
    `json_data` come from the method's arguments, `headers`, `extra_query` and `extra_json` from
    the caller's `extra_*` arguments. `NOT_GIVEN` values are dropped everywhere, `None` query
    values too. `timeout` and `max_retries` left `NOT_GIVEN` take the client's.

    `idempotency_key_path` names where the request body carries an idempotency key, e.g.
    `("message", "idempotency_key")`; see `BaseClient` for how the key is chosen and placed.

    `content_type` is the body's media type when the operation documents one other than
    `application/json`: `json_data` then holds the body as given (a mapping of form fields,
    bytes, a string, a file) and `_media.encode_body` puts it on the wire. `accept` is the
    `Accept` header (default `application/json`); `extra_headers` can still replace both.
    """

    method: str
    url: str
    params: Query | None = None
    json_data: Body | None = None
    headers: Headers | None = None
    extra_query: Query | None = None
    extra_json: Body | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    idempotency_key: str | None = None
    idempotency_key_path: tuple[str, ...] = ()
    content_type: str | None = None
    accept: str | None = None


class _Call:
    """A call ready to send: what every attempt of it shares, the idempotency key included.

    Built once per call and only read afterwards (a plain class: a call is built on every
    request, and a frozen dataclass costs a `object.__setattr__` per field).
    """

    __slots__ = (
        "cast_to",
        "encoded",
        "headers",
        "json_data",
        "max_retries",
        "method",
        "mode",
        "omitted_headers",
        "options",
        "page",
        "params",
        "timeout",
        "url",
    )

    def __init__(
        self,
        *,
        options: FinalRequestOptions,  # as given, minus the response-mode marker
        cast_to: Any,
        page: PageSpec[Any] | None,
        mode: ResponseMode,
        method: str,
        url: str,  # with the query already in it, unless `params` holds it
        params: tuple[tuple[str, str], ...] | None,
        headers: list[tuple[str, str]],  # sent on top of the HTTP client's own (see `_HeaderLayer`)
        omitted_headers: frozenset[str],
        json_data: Any,  # None: no body
        timeout: dict[str, Any],  # the `timeout` extension of httpx, as `httpx.Timeout.as_dict()`
        max_retries: int,
        encoded: dict[str, Any] | None,  # the body as `build_request` arguments when it is not sent as JSON
    ) -> None:
        self.options = options
        self.cast_to = cast_to
        self.page = page
        self.mode = mode
        self.method = method
        self.url = url
        self.params = params
        self.headers = headers
        self.omitted_headers = omitted_headers
        self.json_data = json_data
        self.timeout = timeout
        self.max_retries = max_retries
        self.encoded = encoded


class _HeaderLayer:
    """The headers a client adds to every call (defaults, auth, user agent, `Accept`), worked
    out once and reused while they and the HTTP client's own headers stay the same.

    `merged` maps each lower-case name to what is sent (`Omit()` names are in `omitted`);
    `to_send` is the part of it the HTTP client does not already send with the same value,
    so that httpx has no header of its own to replace on each request.
    """

    __slots__ = ("auth", "http_headers", "http_raw", "merged", "omitted", "to_send", "user_agent")

    def __init__(
        self,
        auth: Mapping[str, str],
        user_agent: str,
        http_raw: list[tuple[bytes, bytes]],
        http_headers: dict[str, list[str]],
        merged: dict[str, tuple[str, str]],
        omitted: frozenset[str],
        to_send: list[tuple[str, str]],
    ) -> None:
        self.auth = auth
        self.user_agent = user_agent
        self.http_raw = http_raw
        self.http_headers = http_headers  # the HTTP client's own: lower-case name -> values
        self.merged = merged
        self.omitted = omitted
        self.to_send = to_send


_NOT_DECODED = object()  # the body was parsed straight from bytes, never decoded to Python
_INDEX = r"/[0-9]+(?=/|$)"  # an index in a JSON pointer (compiled on first use, by `re`'s cache)
_IDEMPOTENCY_KEY = IDEMPOTENCY_KEY_HEADER.lower()
# (method, response type, pointer with indexes as *, kind) already logged: each is logged once.
_drift_logged: set[tuple[str, str, str, str]] = set()
_MAX_DRIFT_LOGGED = 10_000


class BaseClient(Generic[HttpClientT]):
    """Settings, request building and response handling shared by the sync and async clients.

    Idempotency: every call other than GET/HEAD carries one key, the same on each of its
    retries: `options.idempotency_key`, else a fresh UUID4. It goes into the JSON body at
    `options.idempotency_key_path` when the body has the object holding that path (a key the
    caller already put there wins), otherwise into the `Idempotency-Key` header. A caller who
    sets that header themselves (in `default_headers` or `extra_headers`), or removes it with
    `Omit()`, gets no other key.

    Drift: a response that differs from the spec is returned leniently (see the module's
    docstring); `drift_counts` counts the differences by kind (`missing`, `type`, `format`,
    `constraint`, `enum`, `variant`, `extra`), shared with the copies made by `copy()` and
    `with_options()`. With `strict_responses=True` such a response raises
    `APIResponseValidationError` listing every difference.
    """

    _sleep: Callable[[float], Any]
    # The environment variable (e.g. `LINQ_LOG`) read at construction: `info` or `debug`
    # turns on the package's logging. None: the client never reads one.
    _log_env: ClassVar[str | None] = None

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        timeout: Timeout,
        max_retries: int,
        default_headers: Headers | None,
        default_query: Query | None,
        http_client: HttpClientT | None,
        user_agent: str | None,
        validate_requests: bool = True,
        strict_responses: bool = False,
    ) -> None:
        if max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {max_retries}")
        self._base_url = httpx.URL(str(base_url))
        self._base_url_text = str(self._base_url).rstrip("/")
        self._timeout = timeout
        self._timeout_extension = httpx.Timeout(timeout).as_dict()
        self._max_retries = max_retries
        self._default_headers: dict[str, str | Omit] = dict(default_headers or {})
        self._default_query: dict[str, object] = dict(default_query or {})
        self._user_agent = user_agent or DEFAULT_USER_AGENT
        # Every check of the arguments before sending; off, values are only converted to the wire.
        self.validate_requests = validate_requests
        # Responses that differ from the spec: raise (True), or return them and report (False).
        self.strict_responses = strict_responses
        self._drift_counts: Counter[str] = Counter()
        self._headers_cache: _HeaderLayer | None = None
        # A client passed in belongs to the caller: used, never closed here.
        self._owns_http_client = http_client is None
        self._http_client: HttpClientT = http_client if http_client is not None else self._new_http_client()
        if self._log_env:
            configure_logging(self._log_env)

    def __repr__(self) -> str:
        """Settings at a glance; credentials are shown only as `***`."""
        settings = [
            f"base_url={redact_url(self._base_url)!r}",
            f"timeout={self._timeout!r}",
            f"max_retries={self._max_retries!r}",
        ]
        # Whatever a subclass adds to `_copy_kwargs` is a credential: masked, never shown.
        own = BaseClient._copy_kwargs(self).keys()
        for name, value in self._copy_kwargs().items():
            if name not in own:
                settings.append(f"{name}={REDACTED if value is not None else None!r}")
        return f"{type(self).__name__}({', '.join(settings)})"

    # --- settings ------------------------------------------------------------------------------

    @property
    def base_url(self) -> httpx.URL:
        return self._base_url

    @property
    def timeout(self) -> Timeout:
        return self._timeout

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @property
    def user_agent(self) -> str:
        return self._user_agent

    @property
    def default_headers(self) -> dict[str, str | Omit]:
        return dict(self._default_headers)

    @property
    def default_query(self) -> dict[str, object]:
        return dict(self._default_query)

    @property
    def http_client(self) -> HttpClientT:
        return self._http_client

    @property
    def drift_counts(self) -> Counter[str]:
        """How many differences from the spec this client's responses had, by kind (`missing`,
        `type`, `format`, `constraint`, `enum`, `variant`, `extra`). Shared with its copies."""
        return self._drift_counts

    @property
    def auth_headers(self) -> dict[str, str]:
        """The headers that authenticate a request; generated clients override this."""
        return {}

    def _copy_kwargs(self) -> dict[str, Any]:
        """Constructor arguments that rebuild this client; subclasses add their credentials.

        The HTTP client is shared with the copy, which does not own (so never closes) it.
        """
        return {
            "base_url": self._base_url,
            "timeout": self._timeout,
            "max_retries": self._max_retries,
            "default_headers": dict(self._default_headers),
            "default_query": dict(self._default_query),
            "http_client": self._http_client,
            "validate_requests": self.validate_requests,
            "strict_responses": self.strict_responses,
        }

    def copy(
        self,
        *,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Headers | NotGiven = NOT_GIVEN,
        default_query: Query | NotGiven = NOT_GIVEN,
        http_client: HttpClientT | NotGiven = NOT_GIVEN,
        user_agent: str | NotGiven = NOT_GIVEN,
        **overrides: Any,
    ) -> Self:
        """A new client with the same settings except those given (credentials included).

        `default_headers` and `default_query` are merged into this client's: a name given
        replaces its value, a name given as `None` is removed (a header given as `Omit()` is not
        sent, even as a default of the HTTP client; a query parameter is removed). Other keyword
        arguments of the constructor (`strict_responses=True`, `validate_requests=False`...)
        pass through.
        """
        given = {
            "base_url": base_url,
            "timeout": timeout,
            "max_retries": max_retries,
            "http_client": http_client,
            **overrides,
        }
        kwargs = {**self._copy_kwargs(), **{k: v for k, v in given.items() if not isinstance(v, NotGiven)}}
        if not isinstance(default_headers, NotGiven):
            kwargs["default_headers"] = _merged(self._default_headers, default_headers, headers=True)
        if not isinstance(default_query, NotGiven):
            kwargs["default_query"] = _merged(self._default_query, default_query)
        clone = type(self)(**kwargs)
        # Set after construction: generated constructors fix their own user agent.
        clone._user_agent = self._user_agent if isinstance(user_agent, NotGiven) else user_agent
        clone._sleep = self._sleep
        clone._drift_counts = self._drift_counts
        return clone

    def with_options(self, **overrides: Any) -> Self:
        """`client.with_options(timeout=5, strict_responses=True).chats.retrieve(...)`: see `copy`.

        `default_headers` / `default_query` merge with the client's (`None` removes a name)."""
        return self.copy(**overrides)

    # --- building requests -----------------------------------------------------------------------

    def _prepare(self, cast_to: Any, options: FinalRequestOptions, page: PageSpec[Any] | None) -> _Call:
        mode, options = _take_response_mode(options)
        layer: _HeaderLayer = self._header_layer()
        merged: dict[str, tuple[str, str]]
        omitted: frozenset[str]
        if options.headers or options.accept:
            merged, omitted = self._call_headers(layer, options)
        else:
            merged, omitted = layer.merged, layer.omitted
        added: list[tuple[str, str]] = []  # headers of this call only
        media = options.content_type
        json_data: Any = None
        has_body = options.json_data is not None or options.extra_json is not None
        if media is None:
            json_data = _json_body(options) if has_body else None
            is_json = True
        else:
            from ._media import EMPTY_BOUNDARY, EMPTY_MULTIPART, encode_body, is_json_media

            is_json = is_json_media(media)
            json_data = _json_body(options) if is_json else _raw_body(options)
        method = options.method.upper()
        # A caller who set (or omitted) the header decides alone: no second key anywhere.
        if method not in _SAFE_METHODS and _IDEMPOTENCY_KEY not in merged and _IDEMPOTENCY_KEY not in omitted:
            key = options.idempotency_key or str(uuid.uuid4())
            if not _put_idempotency_key(json_data, options.idempotency_key_path, key):
                added.append((IDEMPOTENCY_KEY_HEADER, key))
        encoded = None
        if media is not None and json_data is not None:
            if not is_json:
                encoded = encode_body(media, json_data)
            # The caller's own Content-Type wins; multipart's carries the boundary httpx picks.
            if "content-type" not in merged and "content-type" not in omitted and "files" not in (encoded or ()):
                empty_multipart = encoded is not None and encoded.get("content") == EMPTY_MULTIPART
                added.append(("Content-Type", f"{media}; boundary={EMPTY_BOUNDARY}" if empty_multipart else media))
        _refuse_line_breaks(added)
        if merged is layer.merged:
            headers = [*layer.to_send, *added] if added else layer.to_send
        else:
            headers = [*_not_sent_by(layer.http_headers, merged.values()), *added]
        url = self._url(options.url)
        params = None
        if self._default_query or options.params or options.extra_query:
            query = encode_query(merge_query(self._default_query, options.params, options.extra_query))
            if query and ("?" in url or self._http_client.params):
                params = tuple(query)  # merged with the URL's own query (or the HTTP client's) by httpx
            elif query:
                # Encoded as httpx would, into the URL: httpx then parses the URL once, not twice.
                url = f"{url}?{httpx.QueryParams(tuple(query))}"
        return _Call(
            options=options,
            cast_to=cast_to,
            page=page,
            mode=mode,
            method=method,
            url=url,
            params=params,
            headers=headers,
            omitted_headers=omitted,
            json_data=json_data,
            timeout=self._timeout_extension
            if isinstance(options.timeout, NotGiven)
            else httpx.Timeout(options.timeout).as_dict(),
            max_retries=self._max_retries if isinstance(options.max_retries, NotGiven) else options.max_retries,
            encoded=encoded,
        )

    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return f"{self._base_url_text}/{path.lstrip('/')}"

    def _header_layer(self) -> _HeaderLayer:
        """Defaults, auth, user agent and `Accept: application/json`, merged (see `_HeaderLayer`).

        Worked out again whenever the credentials, the user agent or the HTTP client's own
        headers change.
        """
        auth = self.auth_headers
        http_raw = self._http_client.headers.raw
        layer = self._headers_cache
        if layer is None or layer.auth != auth or layer.user_agent != self._user_agent or layer.http_raw != http_raw:
            merged: dict[str, tuple[str, str]] = {}
            omitted: set[str] = set()
            for headers in (
                self._default_headers,
                auth,
                {"User-Agent": self._user_agent, "Accept": "application/json"},
            ):
                _apply_headers(merged, omitted, headers)
            _refuse_line_breaks(merged.values())
            http_headers: dict[str, list[str]] = {}
            for name, value in self._http_client.headers.multi_items():
                http_headers.setdefault(name.lower(), []).append(value)
            to_send = _not_sent_by(http_headers, merged.values())
            layer = _HeaderLayer(auth, self._user_agent, http_raw, http_headers, merged, frozenset(omitted), to_send)
            self._headers_cache = layer
        return layer

    def _call_headers(
        self, layer: _HeaderLayer, options: FinalRequestOptions
    ) -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
        """The client's headers with the call's `Accept` and own headers on top.

        A later layer replaces a header of an earlier one; `Omit()` removes it, `NOT_GIVEN`
        leaves it alone.
        """
        merged = dict(layer.merged)
        omitted = set(layer.omitted)
        if options.accept:
            _apply_headers(merged, omitted, {"Accept": options.accept})
        if options.headers:
            _apply_headers(merged, omitted, options.headers)
        _refuse_line_breaks(merged.values())
        return merged, frozenset(omitted)

    def _build_request(self, call: _Call) -> httpx.Request:
        body = {"json": call.json_data} if call.encoded is None else call.encoded
        request = self._http_client.build_request(
            call.method,
            call.url,
            params=call.params,
            headers=call.headers or None,
            # A fresh dict per request (httpx keeps it on the request); the timeouts in it are shared.
            extensions={"timeout": call.timeout},
            **body,
        )
        for name in call.omitted_headers:  # the HTTP client's own defaults included
            request.headers.pop(name, None)
        return request

    # --- retries ---------------------------------------------------------------------------------

    def _retry_after_error(self, call: _Call, retries_taken: int, error: Exception) -> float | None:
        """The wait before retrying after a transport error, or None to give up."""
        if retries_taken >= call.max_retries or not isinstance(error, RETRYABLE_TRANSPORT_ERRORS):
            return None
        return retry_delay(retries_taken)

    def _retry_after_response(self, call: _Call, retries_taken: int, response: httpx.Response) -> float | None:
        """The wait before retrying after this response, or None to keep it."""
        if retries_taken >= call.max_retries or not is_retryable_response(response):
            return None
        return retry_delay(retries_taken, response.headers)

    # --- responses -------------------------------------------------------------------------------

    def _finish(self, call: _Call, response: httpx.Response, retries_taken: int) -> Any:
        """What `request()` returns for the final response of a call (or the error it raises)."""
        if not response.is_success:
            raise status_error_from_response(response)
        if call.mode == "parsed":
            return self._parse(call, response)[0]
        return self._api_response(response, functools.partial(self._parse, call), retries_taken)

    def _parse(self, call: _Call, response: httpx.Response) -> tuple[Any, tuple[Drift, ...]]:
        """The body as `call.cast_to` (a page for a list call), and how it differs from the spec."""
        cast_to = call.cast_to
        if cast_to is None:
            return None, ()
        if cast_to is str and "json" not in response.headers.get("content-type", ""):
            return response.text, ()
        # Fast path: the body goes straight from bytes into the models, with no intermediate
        # Python objects. Only if that fails is it decoded and built again, leniently.
        try:
            envelope, flagged = json_parser(cast_to)(response.content)
        except ValueError:  # invalid JSON, or a pydantic.ValidationError
            return self._parse_drifted(call, response, None)
        if flagged:  # undocumented values, variants or fields passed validation: their hooks said so
            return self._parse_drifted(call, response, envelope)
        if call.page is None:
            return envelope, ()
        return self._page_of(call, response, envelope, _NOT_DECODED), ()

    def _parse_drifted(
        self, call: _Call, response: httpx.Response, envelope: object | None
    ) -> tuple[Any, tuple[Drift, ...]]:
        """`_parse` for a body that differs from the spec: `envelope` is the result of a strict
        parse that let undocumented values in, None when the strict parse failed."""
        from ._drift import Drift, build_leniently, find_unknowns, record_drift

        data: object = _NOT_DECODED
        if envelope is None:
            data = decode_json(response)  # not JSON at all: raises APIResponseValidationError
            envelope, found = build_leniently(call.cast_to, data)
        else:
            found = find_unknowns(envelope)
        drifts: tuple[Drift, ...] = ()
        if found:
            url = redact_url(response.request.url)
            drifts = tuple(
                Drift(pointer, kind, expected, _masked(pointer, received), call.method, url)
                for pointer, kind, expected, received in found
            )
            self._report_drift(call, response, drifts, data)
        if call.page is None:
            record_drift(envelope, drifts)
            return envelope, drifts
        page = self._page_of(call, response, envelope, data)
        record_drift(envelope, drifts, also=page)
        return page, drifts

    def _page_of(self, call: _Call, response: httpx.Response, envelope: object, data: object) -> object:
        """The page of a list call; `data` is the decoded body, or `_NOT_DECODED`."""
        if data is _NOT_DECODED and not isinstance(envelope, pydantic.BaseModel):
            data = decode_json(response)
        try:
            return self._page(call, envelope, data)
        except pydantic.ValidationError as exc:
            raise APIResponseValidationError(
                f"the items of the {call.method} {redact_url(response.request.url)} page do not match: {exc}",
                response,
                body=response.text,
            ) from exc

    def _report_drift(self, call: _Call, response: httpx.Response, drifts: tuple[Drift, ...], data: object) -> None:
        """Raise (strict client), else log once per operation, place and kind, and count."""
        type_name = getattr(call.cast_to, "__name__", None) or repr(call.cast_to)
        if self.strict_responses:
            details = "; ".join(str(drift) for drift in drifts)
            raise APIResponseValidationError(
                f"the response to {call.method} {redact_url(response.request.url)} does not match {type_name}: "
                f"{len(drifts)} difference{'s' if len(drifts) > 1 else ''}: {details}",
                response,
                body=decode_json(response) if data is _NOT_DECODED else data,
                drift=drifts,
            )
        for drift in drifts:
            self._drift_counts[drift.kind] += 1
            key = (call.method, type_name, re.sub(_INDEX, "/*", drift.pointer), drift.kind)
            if key not in _drift_logged and len(_drift_logged) < _MAX_DRIFT_LOGGED:
                _drift_logged.add(key)
                log_drift(drift, type_name)

    def _new_http_client(self) -> HttpClientT:
        raise NotImplementedError

    def _http_client_headers(self) -> dict[str, str]:
        """The defaults of an HTTP client made here: the client's user agent and `Accept`, so that
        a call need not replace httpx's own (credentials stay on each request)."""
        return {"User-Agent": self._user_agent, "Accept": "application/json"}

    def _page(self, call: _Call, envelope: object, data: object) -> object:
        raise NotImplementedError

    def _api_response(self, response: httpx.Response, parse: _Parse, retries: int) -> object:
        raise NotImplementedError


class SyncAPIClient(BaseClient[httpx.Client]):
    """The base of a generated synchronous client."""

    _sleep: Callable[[float], None]

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        http_client: httpx.Client | None = None,
        user_agent: str | None = None,
        validate_requests: bool = True,
        strict_responses: bool = False,
    ) -> None:
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            user_agent=user_agent,
            validate_requests=validate_requests,
            strict_responses=strict_responses,
        )
        # Retries wait through this; tests replace it to record delays instead of waiting.
        self._sleep = time.sleep

    @overload
    def request(self, cast_to: None, options: FinalRequestOptions, *, page: None = None) -> None: ...
    @overload
    def request(self, cast_to: type[ResponseT], options: FinalRequestOptions, *, page: None = None) -> ResponseT: ...
    @overload
    def request(
        self, cast_to: type[object], options: FinalRequestOptions, *, page: PageSpec[ItemT]
    ) -> SyncPage[ItemT]: ...
    def request(
        self, cast_to: type[object] | None, options: FinalRequestOptions, *, page: PageSpec[Any] | None = None
    ) -> Any:
        """Send the call (retrying as the policy allows) and return its body as `cast_to`.

        With `page`, the first `SyncPage` of the list. Raises `APIStatusError` subclasses for
        error responses and `APIConnectionError` when no response came.
        """
        call = self._prepare(cast_to, options, page)
        response, retries_taken = self._send(call)
        return self._finish(call, response, retries_taken)

    def _send(self, call: _Call) -> tuple[httpx.Response, int]:
        retries_taken = 0
        started = time.monotonic()
        while True:
            request = self._build_request(call)
            debug = logger.isEnabledFor(logging.DEBUG)  # the log calls are skipped when nothing would be written
            if debug:
                log_request(request, call.json_data, retries_taken)
            response: httpx.Response | None = None
            try:
                response = self._http_client.send(request, stream=True)
                # Every body is read at once, except a successful one the caller wants to stream.
                if call.mode != "stream" or not response.is_success:
                    response.read()
            except httpx.TransportError as exc:
                if response is not None:
                    response.close()
                delay = self._retry_after_error(call, retries_taken, exc)
                if delay is None:
                    log_outcome(request, exc, time.monotonic() - started, retries_taken)
                    raise _connection_error(exc, request) from exc
                log_retry(request, exc, delay)
            else:
                if debug:
                    log_response(response)
                delay = self._retry_after_response(call, retries_taken, response)
                if delay is None:
                    if logger.isEnabledFor(logging.INFO):
                        log_outcome(request, response, time.monotonic() - started, retries_taken)
                    return response, retries_taken
                log_retry(request, response, delay)
                response.close()
            self._sleep(delay)
            retries_taken += 1

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client(timeout=self._timeout, headers=self._http_client_headers())

    def _page(self, call: _Call, envelope: object, data: object) -> SyncPage[Any]:
        from ._pagination import SyncPage

        assert call.page is not None
        return SyncPage(
            client=self, envelope=envelope, data=data, spec=call.page, cast_to=call.cast_to, options=call.options
        )

    def _api_response(self, response: httpx.Response, parse: _Parse, retries: int) -> object:
        return APIResponse(http_response=response, parse=parse, retries_taken=retries)

    @property
    def is_closed(self) -> bool:
        return self._http_client.is_closed

    def close(self) -> None:
        """Close the HTTP client, unless it was passed in (then its owner closes it)."""
        if self._owns_http_client:
            self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """The base of a generated asynchronous client."""

    _sleep: Callable[[float], Awaitable[None]]

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers | None = None,
        default_query: Query | None = None,
        http_client: httpx.AsyncClient | None = None,
        user_agent: str | None = None,
        validate_requests: bool = True,
        strict_responses: bool = False,
    ) -> None:
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            user_agent=user_agent,
            validate_requests=validate_requests,
            strict_responses=strict_responses,
        )
        # Retries wait through this; tests replace it to record delays instead of waiting.
        self._sleep = _anyio_sleep

    @overload
    def request(
        self, cast_to: None, options: FinalRequestOptions, *, page: None = None
    ) -> Coroutine[Any, Any, None]: ...
    @overload
    def request(
        self, cast_to: type[ResponseT], options: FinalRequestOptions, *, page: None = None
    ) -> Coroutine[Any, Any, ResponseT]: ...
    @overload
    def request(
        self, cast_to: type[object], options: FinalRequestOptions, *, page: PageSpec[ItemT]
    ) -> AsyncPaginator[ItemT]: ...
    def request(
        self, cast_to: type[object] | None, options: FinalRequestOptions, *, page: PageSpec[Any] | None = None
    ) -> Coroutine[Any, Any, Any] | AsyncPaginator[Any]:
        """`await client.request(...)`: the body as `cast_to`, like `SyncAPIClient.request`.

        With `page`, an `AsyncPaginator` (not a coroutine): awaiting it gives the first page,
        `async for` over it every item of every page.
        """
        if page is None:
            return self._request(cast_to, options, None)
        from ._pagination import AsyncPaginator

        return AsyncPaginator(lambda: self._request(cast_to, options, page))

    async def _request(self, cast_to: Any, options: FinalRequestOptions, page: PageSpec[Any] | None) -> Any:
        call = self._prepare(cast_to, options, page)
        response, retries_taken = await self._send(call)
        return self._finish(call, response, retries_taken)

    async def _send(self, call: _Call) -> tuple[httpx.Response, int]:
        retries_taken = 0
        started = time.monotonic()
        while True:
            request = self._build_request(call)
            debug = logger.isEnabledFor(logging.DEBUG)  # the log calls are skipped when nothing would be written
            if debug:
                log_request(request, call.json_data, retries_taken)
            response: httpx.Response | None = None
            try:
                response = await self._http_client.send(request, stream=True)
                # Every body is read at once, except a successful one the caller wants to stream.
                if call.mode != "stream" or not response.is_success:
                    await response.aread()
            except httpx.TransportError as exc:
                if response is not None:
                    await response.aclose()
                delay = self._retry_after_error(call, retries_taken, exc)
                if delay is None:
                    log_outcome(request, exc, time.monotonic() - started, retries_taken)
                    raise _connection_error(exc, request) from exc
                log_retry(request, exc, delay)
            else:
                if debug:
                    log_response(response)
                delay = self._retry_after_response(call, retries_taken, response)
                if delay is None:
                    if logger.isEnabledFor(logging.INFO):
                        log_outcome(request, response, time.monotonic() - started, retries_taken)
                    return response, retries_taken
                log_retry(request, response, delay)
                await response.aclose()
            await self._sleep(delay)
            retries_taken += 1

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._timeout, headers=self._http_client_headers())

    def _page(self, call: _Call, envelope: object, data: object) -> AsyncPage[Any]:
        from ._pagination import AsyncPage

        assert call.page is not None
        return AsyncPage(
            client=self, envelope=envelope, data=data, spec=call.page, cast_to=call.cast_to, options=call.options
        )

    def _api_response(self, response: httpx.Response, parse: _Parse, retries: int) -> object:
        return AsyncAPIResponse(http_response=response, parse=parse, retries_taken=retries)

    @property
    def is_closed(self) -> bool:
        return self._http_client.is_closed

    async def aclose(self) -> None:
        """Close the HTTP client, unless it was passed in (then its owner closes it)."""
        if self._owns_http_client:
            await self._http_client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


async def _anyio_sleep(seconds: float) -> None:
    """`anyio.sleep`, imported on the first retry: most programs never wait, and anyio is not
    needed before an async client sends."""
    import anyio

    await anyio.sleep(seconds)


def _masked(pointer: str, received: object) -> object:
    """A value under a secret-looking name (`/api_key`, `/auth/token`) is never repeated."""
    return REDACTED if received is not None and any(map(is_secret_name, pointer.split("/"))) else received


def _merged(old: Mapping[str, Any], new: Mapping[str, Any] | None, *, headers: bool = False) -> dict[str, Any]:
    """`old` updated with `new`; a name whose new value is None goes (for a query, `Omit()`
    too). Header names are compared without regard to case."""
    merged = dict(old)
    for name, value in (new or {}).items():
        if headers:
            for same in [key for key in merged if key.lower() == name.lower()]:
                del merged[same]
        if value is None or (not headers and isinstance(value, Omit)):
            merged.pop(name, None)
        else:
            merged[name] = value
    return merged


def _take_response_mode(options: FinalRequestOptions) -> tuple[ResponseMode, FinalRequestOptions]:
    """The response mode the raw/streaming wrappers asked for, and the options without it."""
    if not options.headers:
        return "parsed", options
    mode: ResponseMode = "parsed"
    headers: dict[str, str | Omit] = {}
    for name, value in options.headers.items():
        if name.lower() == RESPONSE_MODE_HEADER.lower():
            mode = "stream" if value == "stream" else "raw" if value == "raw" else "parsed"
        else:
            headers[name] = value
    return mode, dataclasses.replace(options, headers=headers or None)


def _json_body(options: FinalRequestOptions) -> Any:
    """The JSON body: `json_data` with `extra_json` merged on top (replacing it unless both
    are objects). None means no body."""
    data = to_json_data(options.json_data)
    extra = to_json_data(options.extra_json)
    if isinstance(data, dict) and isinstance(extra, dict):
        return {**data, **extra}
    return extra if extra is not None else data


def _raw_body(options: FinalRequestOptions) -> Any:
    """A body that is not JSON, as given: `extra_json` merged into a mapping of form fields
    (replacing the body when it is not one). None means no body."""
    data, extra = options.json_data, options.extra_json
    if isinstance(data, Mapping) and isinstance(extra, Mapping):
        return {**data, **extra}
    return extra if extra is not None else data


def _put_idempotency_key(body: Any, path: tuple[str, ...], key: str) -> bool:
    """Whether the body carries the key at `path` (now or already); sets it when missing."""
    if not path or not isinstance(body, dict):
        return False
    parent: dict[str, Any] = body
    for name in path[:-1]:
        child = parent.get(name)
        if not isinstance(child, dict):
            return False
        parent = child
    if parent.get(path[-1]) is None:
        parent[path[-1]] = key
    return True


def _apply_headers(merged: dict[str, tuple[str, str]], omitted: set[str], headers: Headers) -> None:
    """One layer of headers on top of `merged` (lower-case name -> (name, value)): a name given
    replaces the header whatever its case, `Omit()` removes it, `NOT_GIVEN` leaves it alone."""
    for name, value in headers.items():
        if isinstance(value, NotGiven):
            continue
        key = name.lower()
        if isinstance(value, Omit):
            merged.pop(key, None)
            omitted.add(key)
        else:
            merged[key] = (name, value)
            omitted.discard(key)


def _not_sent_by(http_headers: Mapping[str, list[str]], headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The headers the HTTP client does not already send with the same single value: only
    those need to go with the request (httpx replaces the client's own with them)."""
    return [(name, value) for name, value in headers if http_headers.get(name.lower()) != [value]]


def _refuse_line_breaks(headers: Iterable[tuple[str, object]]) -> None:
    """A CR or LF in a header would let a value end the header and start another (or the body):
    refused before anything is sent. The error names the header, never its value."""
    for name, value in headers:
        if any(char in name or (isinstance(value, str) and char in value) for char in ("\r", "\n")):
            raise InvalidHeaderError(name)


def _connection_error(error: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(request)
    detail = str(error)
    return APIConnectionError(request, f"Connection error: {detail}" if detail else "Connection error.")
