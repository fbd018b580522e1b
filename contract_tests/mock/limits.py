"""Bounds on the work one request can make the mock do, checked before any validation.

The mock serves every connection from one event loop: a request that makes it parse, walk or
validate for a second delays every other client by that second. So a body is refused before
it is read when its `Content-Length` is over `max_body_bytes`, and while it is read as soon as
it grows past it (`413`); a body that does not arrive within `read_timeout` seconds (a
`Content-Length` larger than what is sent, a client that trickles) is a `408`. Both answers
close the connection, since the rest of that body is never read. A parsed JSON body is then
walked once, iteratively, before any schema sees it: nesting deeper than `max_depth`, an array
longer than `max_array_items` and a string holding a lone UTF-16 surrogate (`"\\ud800"`, which
no UTF-8 text can carry) are `400`s naming the place. Error messages quote at most
`max_quote` characters of a bad value.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from .ascii_numbers import digits_value
from .schemas import Problem, join_pointer

JSON = Any
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
# A `\uD800`-`\uDFFF` escape in the raw text: only then can a parsed string hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


@dataclass(frozen=True)
class Limits:
    """What one request may cost. Every field has a CLI flag of the same name (`--max-body-bytes`)."""

    # Parsing 2 MiB of small JSON objects takes about 40 ms: the longest one request holds
    # the event loop.
    max_body_bytes: int = 2 * 1024 * 1024
    max_depth: int = 100
    max_array_items: int = 10_000
    max_quote: int = 60
    read_timeout: float = 10.0
    # Bodies with more JSON values (or bytes) than this get only the first problem the compiled
    # validator meets: the detailed explanation walks the body in Python, about 30 us a value,
    # and quotes every failing value.
    explain_values: int = 1_000
    explain_bytes: int = 64 * 1024


class BodyRefused(Exception):
    """The body cannot be read within the limits: answered with `status`, then the connection closes."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_body(receive: Receive, headers: dict[str, str], limits: Limits) -> bytes:
    """The whole body, or `BodyRefused` (413 too large, 408 not received in time, 400 cut short)."""
    declared = headers.get("content-length")
    if declared is None:
        if "transfer-encoding" not in headers:
            return b""  # HTTP/1.1: no length and no chunks means no body
    elif declared.strip() == "0":
        return b""
    elif (length := digits_value(declared.strip())) is not None and length > limits.max_body_bytes:
        raise BodyRefused(413, _too_large(length, limits, "declares"))
    # One timer for the whole read (cheaper than a timeout scope per chunk): when it fires, the
    # task waiting on `receive` is cancelled and the cancellation becomes the 408.
    task = asyncio.current_task()
    if task is None:
        raise RuntimeError("read_body runs in a task")
    expired: list[bool] = []
    timer = asyncio.get_running_loop().call_later(limits.read_timeout, _expire, task, expired)
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            try:
                message = await receive()
            except asyncio.CancelledError:
                if not expired or task.uncancel() > 0:
                    raise  # cancelled from outside, not by the timer
                raise BodyRefused(
                    408, f"The request body did not arrive within {limits.read_timeout:g} s ({size} bytes received)."
                ) from None
            if message["type"] == "http.disconnect":
                raise BodyRefused(400, "The connection closed before the request body was complete.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limits.max_body_bytes:
                raise BodyRefused(413, _too_large(size, limits, "sent at least"))
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks) if len(chunks) != 1 else chunks[0]
    finally:
        timer.cancel()


def _expire(task: asyncio.Task[Any], expired: list[bool]) -> None:
    expired.append(True)
    task.cancel()


def _too_large(size: int, limits: Limits, verb: str) -> str:
    return (
        f"The request body is too large: it {verb} {size} bytes, the limit is {limits.max_body_bytes} "
        "(--max-body-bytes)."
    )


def inspect_json(raw: bytes, value: JSON, limits: Limits) -> tuple[Problem | None, int]:
    """(the first limit `value` breaks, or None; how many JSON values it holds, or for a small
    body a bound on that count no larger than `explain_values`).

    Iterative, so no nesting can exhaust the stack; a first pass only counts (no pointers are
    built for a body that passes), and a body that fails is walked again to name the place.
    """
    surrogates = _SURROGATE_ESCAPE.search(raw) is not None
    if not surrogates:
        # Each level of nesting opens a bracket, and each further item of an array or object
        # follows a comma (strings may add more of either: the counts only bound). A text with
        # few of them breaks no limit and holds few values: the walk is not needed.
        opens = raw.count(b"[") + raw.count(b"{")
        bound = opens + raw.count(b",")  # each container: its items less one comma, and a bracket
        if opens <= limits.max_depth and bound <= min(limits.max_array_items, limits.explain_values):
            return None, bound
    count = _scan(value, limits, surrogates)
    if count >= 0:
        return None, count
    return _locate(value, limits, surrogates), 0


def _scan(value: JSON, limits: Limits, surrogates: bool) -> int:
    """How many values `value` holds, or -1 when it breaks a limit."""
    inner = (list, dict, str) if surrogates else (list, dict)
    max_depth, max_items = limits.max_depth, limits.max_array_items
    count = 0
    stack: list[tuple[JSON, int]] = [(value, 1)]
    pop, extend = stack.pop, stack.extend
    while stack:
        node, depth = pop()
        if depth > max_depth:
            return -1
        kind = type(node)
        if kind is list:
            if len(node) > max_items:
                return -1
            count += len(node)
            deeper = depth + 1
            extend([(item, deeper) for item in node if type(item) in inner])
        elif kind is dict:
            count += len(node)
            if surrogates and any(_lone_surrogate(key) for key in node):
                return -1
            deeper = depth + 1
            extend([(item, deeper) for item in node.values() if type(item) in inner])
        elif kind is str and _lone_surrogate(node):
            return -1
    return count


def _locate(value: JSON, limits: Limits, surrogates: bool) -> Problem | None:
    """The first place `value` breaks a limit, as a problem naming its JSON pointer."""
    stack: list[tuple[JSON, str, int]] = [(value, "", 1)]
    while stack:
        node, pointer, depth = stack.pop()
        if depth > limits.max_depth:
            return Problem(_at(pointer), f"nests deeper than {limits.max_depth} levels (--max-depth)", "max-depth")
        if isinstance(node, list):
            if len(node) > limits.max_array_items:
                message = (
                    f"has {len(node)} items, more than the mock accepts ({limits.max_array_items}, --max-array-items)"
                )
                return Problem(_at(pointer), message, "max-array-items")
            stack.extend((item, f"{pointer}/{index}", depth + 1) for index, item in enumerate(node))
        elif isinstance(node, dict):
            for key, item in node.items():
                if surrogates and _lone_surrogate(key):
                    return _surrogate_problem(join_pointer(pointer, key.encode("utf-8", "replace").decode()))
                stack.append((item, join_pointer(pointer, key), depth + 1))
        elif surrogates and isinstance(node, str) and _lone_surrogate(node):
            return _surrogate_problem(pointer)
    return None


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate_problem(pointer: str) -> Problem:
    return Problem(
        _at(pointer), "holds a lone UTF-16 surrogate (such as \\ud800), which is not Unicode text", "unicode"
    )


def _at(pointer: str) -> str:
    return f"body#{pointer}" if pointer else "body"
