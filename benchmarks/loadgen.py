"""A closed-loop HTTP/1.1 load generator: N keep-alive connections, each sending its next request
as soon as the previous answer is complete, for a fixed duration.

`python -m benchmarks.loadgen --port P --method GET --path /v3/chats/x --header "K: V" ...`
prints one JSON object: requests completed in the measured window, requests per second, p50 and
p99 latency, and every status code seen (a fast 4xx is not throughput).

It prebuilds the request bytes and parses only the status line and the body's framing
(Content-Length or chunked), on uvloop when available, so it costs far less per request than
the servers it drives; the mock part checks that by driving the fixed-response server too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from .fixed_server import run_fast
from .stats import percentile

CRLF = b"\r\n"


def build_request(method: str, path: str, headers: Sequence[str], body: bytes, port: int) -> bytes:
    """The exact bytes sent for every request of a run."""
    lines = [f"{method} {path} HTTP/1.1", f"host: 127.0.0.1:{port}"]
    lines.extend(headers)
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"content-length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class IncompleteResponse(Exception):
    """Not enough bytes yet for one whole response."""


def parse_response(buffer: bytes) -> tuple[int, int]:
    """(status, length of the first complete response in `buffer`); IncompleteResponse if none yet."""
    head_end = buffer.find(b"\r\n\r\n")
    if head_end < 0:
        raise IncompleteResponse
    head = buffer[:head_end].split(CRLF)
    status = int(head[0].split(b" ", 2)[1])
    start = head_end + 4
    length: int | None = None
    chunked = False
    for line in head[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        return status, _chunked_end(buffer, start)
    end = start + (length or 0)
    if len(buffer) < end:
        raise IncompleteResponse
    return status, end


def _chunked_end(buffer: bytes, position: int) -> int:
    while True:
        line_end = buffer.find(CRLF, position)
        if line_end < 0:
            raise IncompleteResponse
        size = int(buffer[position:line_end].split(b";", 1)[0], 16)
        position = line_end + 2 + size + 2
        if len(buffer) < position:
            raise IncompleteResponse
        if size == 0:
            return position


@dataclass
class Tally:
    """What the connections completed inside the measured window."""

    window_start: float
    window_end: float
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)

    def record(self, sent_at: float, done_at: float, status: int) -> None:
        if self.window_start <= sent_at and done_at <= self.window_end:
            self.statuses[status] += 1
            self.latencies.append(done_at - sent_at)

    def report(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        seconds = self.window_end - self.window_start
        return {
            "requests": len(ordered),
            "seconds": seconds,
            "rps": len(ordered) / seconds if seconds > 0 else 0.0,
            "p50_ms": percentile(ordered, 0.50) * 1000 if ordered else None,
            "p99_ms": percentile(ordered, 0.99) * 1000 if ordered else None,
            "statuses": {str(code): count for code, count in sorted(self.statuses.items())},
        }


class Connection(asyncio.Protocol):
    """One keep-alive connection that sends a request, waits for the whole answer, and repeats."""

    def __init__(self, request: bytes, tally: Tally, stop_at: float, done: asyncio.Future[None]) -> None:
        self.request = request
        self.tally = tally
        self.stop_at = stop_at
        self.done = done
        self.buffer = b""
        self.sent_at = 0.0
        self.transport: asyncio.WriteTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.WriteTransport, transport)
        self._send()

    def _send(self) -> None:
        assert self.transport is not None
        self.sent_at = time.perf_counter()
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        try:
            status, end = parse_response(self.buffer)
        except IncompleteResponse:
            return
        now = time.perf_counter()
        self.buffer = self.buffer[end:]
        self.tally.record(self.sent_at, now, status)
        if now < self.stop_at:
            self._send()
        else:
            self._finish()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            self.done.set_exception(ConnectionError(f"the server closed a connection: {exc}"))

    def _finish(self) -> None:
        assert self.transport is not None
        self.transport.close()
        if not self.done.done():
            self.done.set_result(None)


def _factory(request: bytes, tally: Tally, done: asyncio.Future[None]) -> Callable[[], Connection]:
    return lambda: Connection(request, tally, tally.window_end, done)


async def drive(port: int, request: bytes, connections: int, duration: float, warmup: float) -> dict[str, Any]:
    """Run `connections` connections for warmup + duration seconds; report the last `duration`."""
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    tally = Tally(window_start=started + warmup, window_end=started + warmup + duration)
    finished: list[asyncio.Future[None]] = []
    for _ in range(connections):
        done: asyncio.Future[None] = loop.create_future()
        finished.append(done)
        await loop.create_connection(_factory(request, tally, done), "127.0.0.1", port)
    await asyncio.wait_for(asyncio.gather(*finished), timeout=warmup + duration + 30)
    return tally.report()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadgen", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--path", required=True)
    parser.add_argument("--header", action="append", default=[], help="'Name: value' (repeatable)")
    parser.add_argument("--body", default="", help="request body (sent as is)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--warmup", type=float, default=0.5)
    args = parser.parse_args(argv)
    request = build_request(args.method, args.path, args.header, args.body.encode(), args.port)
    result: dict[str, Any] = {}

    async def go() -> None:
        result.update(await drive(args.port, request, args.connections, args.duration, args.warmup))

    run_fast(go())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
