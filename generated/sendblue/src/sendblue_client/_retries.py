"""When a failed request is tried again, and how long the client waits first.

The policy: connection errors, timeouts, 408, 409, 429 and 5xx are retried; the server can
override that with `x-should-retry: true|false`. The wait is what the server asks for
(`retry-after-ms`, then `Retry-After` in seconds or as an HTTP date) when that is between 0 and
60 seconds, otherwise an exponential backoff with jitter.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import time
from collections.abc import Callable

import httpx

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RETRYABLE_STATUS_CODES",
    "RETRYABLE_TRANSPORT_ERRORS",
    "backoff_delay",
    "is_retryable_response",
    "retry_after",
    "retry_delay",
]

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRYABLE_STATUS_CODES = frozenset({408, 409, 429})

# Failures where the request may not have reached the server, or the server gave up on it.
RETRYABLE_TRANSPORT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


def is_retryable_response(response: httpx.Response) -> bool:
    """Whether an error response is worth another attempt. A success never is."""
    if response.is_success:
        return False
    should_retry = str(response.headers.get("x-should-retry", "")).strip().lower()
    if should_retry in ("true", "false"):
        return should_retry == "true"
    return response.status_code in RETRYABLE_STATUS_CODES or response.status_code >= 500


def retry_after(headers: httpx.Headers, *, now: Callable[[], float] = time.time) -> float | None:
    """The wait in seconds the server asks for, or None when it asks for none we can read."""
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": HTTP dates are always UTC
        when = when.replace(tzinfo=datetime.UTC)
    return when.timestamp() - now()


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def backoff_delay(retries_taken: int, *, jitter: Callable[[], float] = random.random) -> float:
    """0.5 s doubled per retry already taken, at most 8 s, shortened by up to a quarter."""
    delay = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
    return delay * (1 - 0.25 * jitter())


def retry_delay(retries_taken: int, headers: httpx.Headers | None = None) -> float:
    """How long to wait before the next attempt, after `retries_taken` retries."""
    if headers is not None:
        asked = retry_after(headers)
        if asked is not None and 0 < asked <= MAX_RETRY_AFTER:
            return asked
    return backoff_delay(retries_taken)
