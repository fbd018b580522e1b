"""Fixtures for the emitted runtime: the runtime rendered into a throwaway package, and a real
HTTP server on loopback that each test programs (status, headers, body, delay, dropped
connection) and that records every request it receives."""

from __future__ import annotations

import importlib
import json
import sys
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jinja2
import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "templates" / "runtime"
DEMO_SOURCES = Path(__file__).resolve().parent / "demo_package"
PACKAGE = "demo_client"

# The short public __init__ a generator writes in front of the runtime and the client.
DEMO_INIT = '''"""A demo client package built from the runtime templates."""

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._client import AsyncDemo, Chat, ChatList, Demo, Message, MessageList
from ._exceptions import *  # noqa: F403
from ._pagination import AsyncPage, AsyncPaginator, PageSpec, SyncPage
from ._response import APIResponse, AsyncAPIResponse
from ._types import NOT_GIVEN, NotGiven, Omit
from ._base_client import FinalRequestOptions
'''


def render_runtime_templates(destination: Path, **context: str) -> dict[str, str]:
    """Render every runtime template into `destination`; returns {file name: text}.

    `*.py.jinja` files lose their suffix; plain `*.py` files go through Jinja too, which must
    leave them unchanged (test_runtime_templates checks that).
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(RUNTIME),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    rendered: dict[str, str] = {}
    for template in sorted(RUNTIME.iterdir()):
        if template.suffix == ".py" or template.name.endswith(".py.jinja"):
            name = template.name.removesuffix(".jinja")
            rendered[name] = environment.get_template(template.name).render(**context)
            (destination / name).write_text(rendered[name], encoding="utf-8")
    return rendered


def build_demo_package(root: Path) -> Path:
    """`root/demo_client/`: the rendered runtime plus the hand-written demo client."""
    package = root / PACKAGE
    package.mkdir(parents=True)
    render_runtime_templates(package, package=PACKAGE, client_class="Demo", version="1.0.0")
    for source in DEMO_SOURCES.glob("*.py"):
        (package / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (package / "__init__.py").write_text(DEMO_INIT, encoding="utf-8")
    (package / "py.typed").write_text("", encoding="utf-8")
    return package


@pytest.fixture
def render_runtime() -> Callable[..., dict[str, str]]:
    """`render_runtime(destination, **context)`: the runtime templates rendered into a folder."""
    return render_runtime_templates


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rendered")
    build_demo_package(root)
    return root


@pytest.fixture(scope="session")
def demo(demo_root: Path) -> Iterator[ModuleType]:
    """The rendered package, imported as `demo_client`."""
    sys.path.insert(0, str(demo_root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(demo_root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


# --- the loopback server ---------------------------------------------------------------------------

_NO_JSON: Any = object()


@dataclass
class Reply:
    """What the server answers to one request."""

    status: int = 200
    json: Any = _NO_JSON
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drop: bool = False  # close the connection without answering
    hold: threading.Event | None = None  # send `tail` only once this is set
    tail: bytes = b""


@dataclass
class Seen:
    """A request as the server received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # names lower-cased
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class LoopbackServer:
    """Answers requests from a queue of replies (`reply`), else from `route`, else 418.

    `route(seen)` returns the keyword arguments of a `Reply` (status, json, headers...).
    """

    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.route: Callable[[Seen], dict[str, Any]] | None = None
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def reply(self, status: int = 200, *, times: int = 1, **options: Any) -> None:
        """Queue the answer to the next request (`times` identical answers)."""
        with self._lock:
            self._replies.extend(Reply(status, **options) for _ in range(times))

    def next_reply(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            if self._replies:
                return self._replies.popleft()
        if self.route is not None:
            return Reply(**self.route(seen))
        return Reply(418, json={"error": {"message": "the test programmed no reply"}})

    @property
    def last(self) -> Seen:
        return self.requests[-1]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LoopbackServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out has gone away before the answer: expected in these tests.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        seen = Seen(
            method=self.command,
            path=url.path,
            query=parse_qs(url.query, keep_blank_values=True),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
        )
        reply = self.server.owner.next_reply(seen)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            self.close_connection = True
            return
        payload = reply.body if reply.json is _NO_JSON else json.dumps(reply.json).encode()
        self.send_response(reply.status)
        if reply.json is not _NO_JSON:
            self.send_header("Content-Type", "application/json")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload) + len(reply.tail)))
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()
        if reply.hold is not None:
            reply.hold.wait(timeout=5)
            self.wfile.write(reply.tail)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    running = LoopbackServer()
    try:
        yield running
    finally:
        running.close()


# --- clients ---------------------------------------------------------------------------------------


@pytest.fixture
def delays() -> list[float]:
    """The waits between retries, recorded instead of slept."""
    return []


@pytest.fixture
def client(demo: ModuleType, server: LoopbackServer, delays: list[float]) -> Iterator[Any]:
    """A sync demo client talking to the loopback server; retries record their delay."""
    with demo.Demo(api_key="sk_test", base_url=server.url, timeout=2.0) as made:
        made._sleep = delays.append
        yield made


@pytest.fixture
async def async_client(demo: ModuleType, server: LoopbackServer, delays: list[float]) -> AsyncIterator[Any]:
    """The async twin of `client`, for tests marked `anyio`."""

    async def record(delay: float) -> None:
        delays.append(delay)

    async with demo.AsyncDemo(api_key="sk_test", base_url=server.url, timeout=2.0) as made:
        made._sleep = record
        yield made


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
