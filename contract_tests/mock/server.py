"""Running the mock on a real socket: in-process for tests (`MockServer`) or from the CLI."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from pathlib import Path
from typing import Any, cast

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from generator.ir.model import Api

from .app import MockApp, Mode, create_app


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class _CoalescedWrites:
    """A connection's transport whose writes within one turn of the event loop leave as one.

    uvicorn writes a response's status line and headers, then its body, each with its own
    `write`: two system calls and, with `TCP_NODELAY`, two packets for a small answer. Here
    the writes wait for the end of the loop's turn (or a `close`) and are sent together.
    Everything else is the transport's own.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(data)

    def _flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending) if len(self._pending) > 1 else self._pending[0]
            self._pending.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _Protocol(HttpToolsProtocol):
    """uvicorn's httptools protocol on a transport that coalesces each response's writes."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(
            cast(asyncio.Transport, _CoalescedWrites(cast(asyncio.Transport, transport), self.loop))
        )


def uvicorn_config(app: MockApp, log_level: str = "warning") -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http=_Protocol,
        lifespan="off",
        access_log=False,
        log_level=log_level,
        timeout_keep_alive=30,
        server_header=False,
        date_header=False,
    )


class MockServer:
    """The mock on loopback in a background thread, for tests.

    >>> with MockServer("spec/linq.yaml", mode="stateful", seed=1) as server:
    ...     httpx.get(server.url + "/v3/chats", headers={"Authorization": "Bearer k"})

    Every keyword of `create_app` is accepted (`rate_limit`, `faults`, `self_check`...).
    """

    def __init__(
        self,
        spec: Api | str | Path,
        *,
        mode: Mode = "examples",
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
        **options: Any,
    ) -> None:
        self.app = create_app(spec, mode, **options)
        self.host = host
        self._port = port
        self._log_level = log_level
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def port(self) -> int:
        if self._socket is None:
            raise RuntimeError("the server is not started")
        return int(self._socket.getsockname()[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def violations(self) -> list[str]:
        return self.app.violations

    def start(self) -> MockServer:
        self._socket = bind(self.host, self._port)
        self._server = uvicorn.Server(uvicorn_config(self.app, self._log_level))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the mock server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = None

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
