"""A minimal HTTP/1.1 keep-alive server answering canned bytes: the far end of the call benchmark.

`python -m benchmarks.fixed_server --port P` serves `canned.routes()` (GET only; anything else
is a 404). It parses just enough HTTP to find the request line and the body's length, and
answers from prebuilt bytes, so its own cost per request is small and identical for the
generated client and for raw httpx: the difference between them is the client's overhead.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Coroutine, Mapping, Sequence
from typing import Any, cast

from . import canned

HEAD_END = b"\r\n\r\n"


def response_bytes(status: int, reason: str, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: keep-alive\r\n\r\n"
    )
    return head.encode("ascii") + body


NOT_FOUND = response_bytes(404, "Not Found", b'{"error":{"status":404,"message":"not found"}}')


def answers(routes: Mapping[str, bytes]) -> dict[bytes, bytes]:
    """Request target (path, without query) to the full response bytes."""
    return {path.encode(): response_bytes(200, "OK", body) for path, body in routes.items()}


def content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


def answer_for(head: bytes, table: Mapping[bytes, bytes]) -> bytes:
    """The response to one request head: its path (query dropped) looked up in the table."""
    request_line = head.split(b"\r\n", 1)[0]
    parts = request_line.split(b" ")
    if len(parts) < 2 or parts[0] != b"GET":
        return NOT_FOUND
    return table.get(parts[1].split(b"?", 1)[0], NOT_FOUND)


class FixedProtocol(asyncio.Protocol):
    """One connection: answers each complete request in order, keeps the connection open."""

    def __init__(self, table: Mapping[bytes, bytes]) -> None:
        self.table = table
        self.buffer = b""
        self.transport: asyncio.WriteTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement the interface without subclassing asyncio's classes.
        self.transport = cast(asyncio.WriteTransport, transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(HEAD_END)
            if end < 0:
                return
            head = self.buffer[:end]
            total = end + len(HEAD_END) + content_length(head)
            if len(self.buffer) < total:
                return
            self.buffer = self.buffer[total:]
            assert self.transport is not None
            self.transport.write(answer_for(head, self.table))


async def serve(port: int, table: Mapping[bytes, bytes]) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: FixedProtocol(table), "127.0.0.1", port, backlog=1024)
    print(f"fixed server on 127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


def run_fast(main: Coroutine[Any, Any, None]) -> None:
    """Run on uvloop when it is installed (it is a dependency of the mock): less time per request
    spent in the event loop, so the figures are about the code under test."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
    else:
        uvloop.run(main)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fixed_server", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        run_fast(serve(args.port, answers(canned.routes())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
