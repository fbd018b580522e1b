"""What the client logs, and how secrets are kept out of logs, error messages and reprs.

The logger is named after the package (`logging.getLogger("<package>")`) and is silent until
enabled, either by the environment variable the generated client names (`<PREFIX>_LOG`, set to
`info` or `debug`) or by configuring that logger like any other:

- `info`: one line per call, once it is over: method, URL, status, time taken and retries.
- `debug`: also each attempt's request and response, headers and bodies, and each retry.

Whatever the level, a response that differs from the spec is a warning (`log_drift`), once per
operation, place and kind, so the first one is seen even where nothing was configured.

Nothing secret is written: header values, query values and JSON object fields whose names look
secret (`is_secret_name`) become `***`, and so does any user information in a URL.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

import httpx

if TYPE_CHECKING:
    from ._drift import Drift

__all__ = [
    "REDACTED",
    "configure_logging",
    "is_secret_name",
    "log_drift",
    "log_outcome",
    "log_request",
    "log_response",
    "log_retry",
    "logger",
    "redact_headers",
    "redact_json",
    "redact_url",
]

logger = logging.getLogger(__package__ or "sdk")

REDACTED = "***"
# `auth` covers Authorization and Proxy-Authorization; `cookie` because an API key may travel in
# one; `password`, `signature` and `credential` for presigned URLs and basic-auth style fields.
_SECRET_NAME = re.compile(r"auth|key|secret|token|password|cookie|signature|credential", re.IGNORECASE)
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_MAX_BODY_CHARS = 10_000
_HANDLER_MARK = "_sdk_env_handler"


def is_secret_name(name: str) -> bool:
    """Whether a header, query parameter or body field of this name may carry a secret."""
    return _SECRET_NAME.search(name) is not None


def configure_logging(env: str) -> None:
    """Turn logging on when the environment variable `env` says `info` or `debug`.

    Sets the package logger's level and gives it one handler writing to stderr (once, however
    many clients are created). Any other value, or none, leaves logging as the application
    configured it: silent unless it opted in.
    """
    level = _LEVELS.get(os.environ.get(env, "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not any(getattr(handler, _HANDLER_MARK, False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)


# --- redaction -----------------------------------------------------------------------------------


def redact_url(url: httpx.URL | str) -> str:
    """The URL with user information and secret-looking query values replaced by `***`."""
    url = httpx.URL(url)
    if url.userinfo:
        url = url.copy_with(userinfo=REDACTED.encode())
    if url.query:
        url = url.copy_with(query=_redact_query(url.query.decode("ascii")).encode("ascii"))
    return str(url)


def _redact_query(query: str) -> str:
    # Piece by piece, so that every other value keeps the exact encoding it was sent with.
    pieces = []
    for piece in query.split("&"):
        name, equals, _ = piece.partition("=")
        if equals and is_secret_name(unquote_plus(name)):
            piece = f"{name}={REDACTED}"
        pieces.append(piece)
    return "&".join(pieces)


def redact_headers(headers: httpx.Headers | Mapping[str, str]) -> list[tuple[str, str]]:
    """(name, value) pairs with the values of secret-looking headers replaced by `***`."""
    items: Iterable[tuple[str, str]]
    if isinstance(headers, httpx.Headers):  # as sent: names keep their case
        items = ((name.decode(headers.encoding), value.decode(headers.encoding)) for name, value in headers.raw)
    else:
        items = headers.items()
    return [(name, REDACTED if is_secret_name(name) else value) for name, value in items]


def redact_json(value: Any) -> Any:
    """JSON data with the values of secret-looking object fields replaced by `***`, at any depth."""
    if isinstance(value, Mapping):
        return {
            key: REDACTED if is_secret_name(str(key)) and item is not None else redact_json(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact_json(item) for item in value]
    return value


# --- log lines -------------------------------------------------------------------------------------


def log_request(request: httpx.Request, body: object, attempt: int) -> None:
    """debug: one attempt's request, headers and JSON body (None: no body) redacted."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug(
        "request (attempt %d): %s %s\n%s\n%s",
        attempt + 1,
        request.method,
        redact_url(request.url),
        _format_headers(request.headers),
        "(no body)" if body is None else _format_json(body),
    )


def log_response(response: httpx.Response) -> None:
    """debug: the response to one attempt, headers and body (when already read) redacted."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug(
        "response: %s %s -> %s\n%s\n%s",
        response.request.method,
        redact_url(response.request.url),
        _status(response),
        _format_headers(response.headers),
        _response_body(response),
    )


def log_retry(request: httpx.Request, cause: httpx.Response | Exception, delay: float) -> None:
    """debug: a retry about to happen, after this response or transport error."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug("retrying %s %s in %.2fs after %s", request.method, redact_url(request.url), delay, _outcome(cause))


def log_outcome(request: httpx.Request, outcome: httpx.Response | Exception, elapsed: float, retries: int) -> None:
    """info: the one line a call leaves, with its final response or the error that ended it."""
    if not logger.isEnabledFor(logging.INFO):
        return
    logger.info(
        "%s %s -> %s in %.3fs (%d %s)",
        request.method,
        redact_url(request.url),
        _outcome(outcome),
        elapsed,
        retries,
        "retry" if retries == 1 else "retries",
    )


def log_drift(drift: Drift, type_name: str) -> None:
    """warning: the response to `drift.method` `drift.url` differs from the spec at `drift.pointer`."""
    logger.warning(
        "response drift: %s %s (%s) differs from the spec at %s: %s (expected %s, received %s)",
        drift.method,
        drift.url,
        type_name,
        drift.pointer or "/",
        drift.kind,
        drift.expected,
        "nothing" if drift.kind == "missing" else repr(drift.received),
    )


def _outcome(cause: httpx.Response | Exception) -> str:
    return _status(cause) if isinstance(cause, httpx.Response) else type(cause).__name__


def _status(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _format_headers(headers: httpx.Headers) -> str:
    return "\n".join(f"  {name}: {value}" for name, value in redact_headers(headers))


def _format_json(data: object) -> str:
    return _truncate(json.dumps(redact_json(data), ensure_ascii=False, default=str))


def _response_body(response: httpx.Response) -> str:
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return "(body not read: streamed to the caller)"
    if not content:
        return "(no body)"
    try:
        return _format_json(json.loads(content))
    except ValueError:
        pass
    if "text" in response.headers.get("content-type", "") or "json" in response.headers.get("content-type", ""):
        return _truncate(response.text)
    return f"({len(content)} bytes)"


def _truncate(text: str) -> str:
    if len(text) <= _MAX_BODY_CHARS:
        return text
    return f"{text[:_MAX_BODY_CHARS]}… ({len(text) - _MAX_BODY_CHARS} more characters)"
