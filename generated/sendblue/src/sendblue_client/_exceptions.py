"""Every error the client raises, in one hierarchy under `SDKError`:

```
SDKError
├── MissingCredentialsError          no API key in the arguments or the environment
├── RequestValidationError           the request breaks the spec; raised before sending
│   └── InvalidHeaderError           a header with a line break (CR or LF) in it
└── APIError                         something went wrong talking to the API
    ├── APIConnectionError           no response: DNS, refused or dropped connection
    │   └── APITimeoutError
    ├── APIResponseValidationError   a response that does not match the spec (strict_responses=True)
    ├── PaginationLoopError          a list whose next page is one already fetched
    └── APIStatusError               a 4xx or 5xx response
        ├── BadRequestError          400
        ├── AuthenticationError      401
        ├── PermissionDeniedError    403
        ├── NotFoundError            404
        ├── ConflictError            409
        ├── UnprocessableEntityError 422
        ├── RateLimitError           429
        └── InternalServerError      5xx
```

Messages never carry credentials: no headers, and the URL with secret-looking query values
masked (`_logging.redact_url`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import httpx

from ._logging import redact_url
from ._retries import retry_after

if TYPE_CHECKING:
    from ._drift import Drift

__all__ = [
    "REQUEST_ID_HEADERS",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidHeaderError",
    "MissingCredentialsError",
    "NotFoundError",
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "SDKError",
    "UnprocessableEntityError",
    "status_error_from_response",
]

REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-trace-id")
_REQUEST_ID_FIELDS = ("trace_id", "request_id")
_MESSAGE_FIELDS = ("message", "error_message", "detail", "error_description")
_MAX_TEXT_IN_MESSAGE = 200


class SDKError(Exception):
    """The base of every error this package raises."""


class MissingCredentialsError(SDKError):
    """The client was created without the credentials it needs."""


class RequestValidationError(SDKError, ValueError):
    """A request that breaks the API's documented rules, caught before it is sent.

    `errors` holds one (where, message) pair per problem; `where` is a JSON pointer into the
    body (`/message/parts/0`) or the name of a parameter.
    """

    errors: list[tuple[str, str]]

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = list(errors)
        details = "; ".join(f"{where or '/'}: {message}" for where, message in self.errors)
        super().__init__(f"invalid request: {details}" if details else "invalid request")


class InvalidHeaderError(RequestValidationError):
    """A header whose name or value holds a carriage return or line feed, which would end the
    header early and let the rest pass as another header. `header` names it; the value (often a
    credential) is not repeated."""

    header: str

    def __init__(self, header: str) -> None:
        super().__init__(
            [
                (
                    f"header {header!r}",
                    "contains a line break (CR or LF), which HTTP headers cannot hold; "
                    "a key read from a file or the environment may end with a newline",
                )
            ]
        )
        self.header = header


class APIError(SDKError):
    """A failed call to the API: `request` is what was sent, `body` what came back (if any)."""

    message: str
    request: httpx.Request
    body: object

    def __init__(self, message: str, request: httpx.Request, *, body: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIConnectionError(APIError):
    """No response: the server could not be reached or dropped the connection."""

    def __init__(self, request: httpx.Request, message: str = "Connection error.") -> None:
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    """No response within the timeout."""

    def __init__(self, request: httpx.Request, message: str = "Request timed out.") -> None:
        super().__init__(request, message)


class APIResponseValidationError(APIError):
    """A successful response whose body is not what the spec promises.

    Raised for a body that is not JSON at all, and, on a client with `strict_responses=True`,
    for any difference from the spec: `drift` lists every one of them (pointer, kind, expected,
    received), as does the message.
    """

    response: httpx.Response
    status_code: int
    drift: tuple[Drift, ...]

    def __init__(
        self, message: str, response: httpx.Response, *, body: object = None, drift: tuple[Drift, ...] = ()
    ) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.drift = drift


class PaginationLoopError(APIError):
    """Auto-pagination asked for a page it had already asked for in the same walk: the server
    returned a cursor (or offset, or next URL) seen before, so the walk would never end.

    `parameter` is the query parameter that repeated and `value` its value; `request` is the
    request that would have repeated an earlier one.
    """

    parameter: str
    value: object

    def __init__(self, request: httpx.Request, *, parameter: str, value: object) -> None:
        super().__init__(
            f"pagination loop: the server sent {parameter}={value!r} again, which was already "
            f"requested in this walk ({request.method} {redact_url(request.url)}); stopping",
            request,
        )
        self.parameter = parameter
        self.value = value


class APIStatusError(APIError):
    """A 4xx or 5xx response (after any retries).

    `body` is the parsed JSON when the server sent JSON, else the text; `request_id` is the
    server's identifier of the request, the thing to quote to its support.
    """

    response: httpx.Response
    status_code: int
    headers: httpx.Headers
    request_id: str | None

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.request_id = _request_id(response.headers, body)


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    """429. `retry_after` is the wait in seconds the server asked for, if it said."""

    retry_after: float | None

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after = retry_after(response.headers)


class InternalServerError(APIStatusError):
    pass


_ERROR_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_from_response(response: httpx.Response) -> APIStatusError:
    """The error to raise for an error response whose body has been read."""
    body = _decode_body(response)
    status = response.status_code
    error_class = _ERROR_CLASSES.get(status)
    if error_class is None:
        error_class = InternalServerError if status >= 500 else APIStatusError
    request = response.request
    status_line = f"{status} {response.reason_phrase}".strip()
    message = f"{status_line} from {request.method} {redact_url(request.url)}"
    server_message = _server_message(body)
    if server_message:
        message = f"{message}: {server_message}"
    return error_class(message, response=response, body=body)


def _decode_body(response: httpx.Response) -> object:
    """The JSON value of the body, or its text when it is not JSON, or None when empty."""
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return response.text


def _server_message(body: object) -> str | None:
    if isinstance(body, str):
        text = body.strip()
        if len(text) > _MAX_TEXT_IN_MESSAGE:
            text = text[:_MAX_TEXT_IN_MESSAGE] + "…"
        return text or None
    if not isinstance(body, Mapping):
        return None
    error = body.get("error")
    if isinstance(error, str) and error:
        return error
    for container in (error, body):
        if isinstance(container, Mapping):
            for field in _MESSAGE_FIELDS:
                value = container.get(field)
                if isinstance(value, str) and value:
                    return value
    return None


def _request_id(headers: httpx.Headers, body: object) -> str | None:
    for name in REQUEST_ID_HEADERS:
        header: str | None = headers.get(name)
        if header:
            return header
    if isinstance(body, Mapping):
        containers: list[Any] = [body, body.get("error")]
        for container in containers:
            if isinstance(container, Mapping):
                for field in _REQUEST_ID_FIELDS:
                    value = container.get(field)
                    if isinstance(value, str) and value:
                        return value
    return None
