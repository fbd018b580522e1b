"""The mock under hostile input: every refusal in the API's documented error shape, within its
limits, with bounded memory, and without holding up the other clients.

The mock runs as its own process (`python -m contract_tests.mock`), so its memory can be read
from `/proc` and the test's own data does not count.
"""

from __future__ import annotations

import json
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from contract_tests.mock import Limits, MockServer
from contract_tests.mock.limits import _scan, inspect_json
from tests.conftest import LINQ_AUTH, ROOT

LINQ = ROOT / "spec" / "linq.yaml"
CHAT = "6f1b9a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
MESSAGES = f"/v3/chats/{CHAT}/messages"
MB = 1024 * 1024
READ_TIMEOUT = 1.0

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the mock's memory from /proc")


class MockProcess:
    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "contract_tests.mock", str(LINQ), "--port", "0", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.process.stdout is not None
        self.url = ""
        for line in self.process.stdout:
            found = re.search(rb"at (http://\S+)", line)
            if found:
                self.url = found.group(1).decode()
            if b"ready" in line:
                break
        assert self.url, "the mock did not start"
        self.port = int(self.url.rsplit(":", 1)[1])

    def memory_kb(self, field: str = "VmHWM") -> int:
        """Peak (VmHWM) or current (VmRSS) resident memory of the mock's process."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise AssertionError(f"no {field} in /proc")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def mock() -> Iterator[MockProcess]:
    process = MockProcess("--read-timeout", str(READ_TIMEOUT))
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def client(mock: MockProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=mock.url, headers=LINQ_AUTH, timeout=30) as client:
        yield client


def linq_error(response: httpx.Response, status: int) -> str:
    """The message of the Linq error body (its documented shape), kept short."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    assert len(response.content) < 2000, f"an error body of {len(response.content)} bytes"
    body = response.json()
    assert set(body) == {"error", "trace_id"}
    assert body["error"]["status"] == status
    message: str = body["error"]["message"]
    return message


def parts_body(count: int) -> bytes:
    part = b'{"type":"text","value":"x"},'
    return b'{"message":{"parts":[' + part * (count - 1) + part[:-1] + b"]}}"


def streamed(total: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """A JSON-looking body of `total` bytes, never held in memory at once."""
    block = b"x" * chunk
    yield b'{"message":{"parts":[{"type":"text","value":"'
    for _ in range(total // chunk):
        yield block


# --- each hostile request, answered in the documented error shape ---------------------------------


def test_a_hundred_thousand_parts(client: httpx.Client) -> None:
    body = parts_body(100_000)  # 2.8 MB: over the default body limit
    started = time.perf_counter()
    response = client.post(MESSAGES, content=body, headers={"content-type": "application/json"})
    assert "too large" in linq_error(response, 413)
    assert time.perf_counter() - started < 2


def test_a_hundred_thousand_items_within_the_size_limit(client: httpx.Client) -> None:
    body = b'{"message":{"parts":[' + b"0," * 99_999 + b"0]}}"
    started = time.perf_counter()
    response = client.post(MESSAGES, content=body, headers={"content-type": "application/json"})
    message = linq_error(response, 400)
    assert "body#/message/parts" in message and "has 100000 items" in message and "max-array-items" in message
    assert time.perf_counter() - started < 2


def test_parts_over_the_schema_maximum_but_within_the_array_limit(client: httpx.Client) -> None:
    response = client.post(MESSAGES, content=parts_body(5_000), headers={"content-type": "application/json"})
    message = linq_error(response, 400)
    assert "body#/message/parts" in message and "maxItems" in message


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_100_mb_body_is_refused_without_being_read(client: httpx.Client, declared: bool) -> None:
    total = 100 * MB
    headers = {"content-type": "application/json"}
    if declared:
        headers["content-length"] = str(total + 48)
    started = time.perf_counter()
    response = client.post(MESSAGES, content=streamed(total), headers=headers)
    message = linq_error(response, 413)
    assert "too large" in message and str(Limits().max_body_bytes) in message
    assert time.perf_counter() - started < 5


def test_nesting_ten_thousand_deep(client: httpx.Client) -> None:
    body = b'{"message":' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    message = linq_error(client.post(MESSAGES, content=body, headers={"content-type": "application/json"}), 400)
    assert "deeper than" in message and "max-depth" in message


def test_nesting_within_the_parser_but_over_the_depth_limit(client: httpx.Client) -> None:
    body = b'{"message":{"parts":[{"type":"text","value":' + b"[" * 200 + b"]" * 200 + b"}]}}"
    message = linq_error(client.post(MESSAGES, content=body, headers={"content-type": "application/json"}), 400)
    assert "body#/message/parts/0/value" in message and "max-depth" in message


def test_a_lone_surrogate(client: httpx.Client) -> None:
    body = b'{"message":{"parts":[{"type":"text","value":"a\\ud800b"}]}}'
    message = linq_error(client.post(MESSAGES, content=body, headers={"content-type": "application/json"}), 400)
    assert "body#/message/parts/0/value" in message and "surrogate" in message
    # A surrogate pair is one character (an emoji), not a problem.
    pair = b'{"message":{"parts":[{"type":"text","value":"\\ud83d\\ude00"}]}}'
    assert client.post(MESSAGES, content=pair, headers={"content-type": "application/json"}).status_code == 202


def test_a_lone_surrogate_in_a_key(client: httpx.Client) -> None:
    body = b'{"message":{"parts":[{"type":"text","value":"a","\\udfff":1}]}}'
    message = linq_error(client.post(MESSAGES, content=body, headers={"content-type": "application/json"}), 400)
    assert "surrogate" in message


def test_a_body_shorter_than_its_content_length(mock: MockProcess) -> None:
    with socket.create_connection(("127.0.0.1", mock.port), timeout=10) as sock:
        started = time.perf_counter()
        sock.sendall(
            f"POST {MESSAGES} HTTP/1.1\r\nHost: mock\r\nAuthorization: {LINQ_AUTH['Authorization']}\r\n"
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"message"'.encode()
        )
        received = b""
        while b"\r\n\r\n" not in received or not received.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        elapsed = time.perf_counter() - started
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 "), received[:200]
    assert b"connection: close" in head.lower()
    assert json.loads(body)["error"]["status"] == 408
    assert READ_TIMEOUT <= elapsed < READ_TIMEOUT + 3


def test_a_long_string_is_not_echoed(client: httpx.Client) -> None:
    value = "y" * MB
    message = linq_error(client.post(MESSAGES, json={"message": {"parts": [{"type": "text", "value": value}]}}), 400)
    # Over the explanation budget (64 KiB): the compiled validator's first problem, quoted short.
    assert "body#/message/parts/0" in message
    assert "yyyy" in message and len(message) < 400
    small = "y" * 10_001  # within the budget: the explanation names the field and keyword
    message = linq_error(client.post(MESSAGES, json={"message": {"parts": [{"type": "text", "value": small}]}}), 400)
    assert "body#/message/parts/0/value" in message and "maxLength" in message
    assert "yyyy" in message and len(message) < 400


def test_integer_formats_and_uris_are_enforced(client: httpx.Client) -> None:
    reply_to = {"message_id": CHAT, "part_index": 2**31}
    response = client.post(
        MESSAGES, json={"message": {"parts": [{"type": "text", "value": "x"}], "reply_to": reply_to}}
    )
    assert "body#/message/reply_to/part_index" in linq_error(response, 400)
    reply_to["part_index"] = 2**31 - 1
    response = client.post(
        MESSAGES, json={"message": {"parts": [{"type": "text", "value": "x"}], "reply_to": reply_to}}
    )
    assert response.status_code == 202, response.text
    response = client.post(MESSAGES, json={"message": {"parts": [{"type": "media", "url": "https://\u0084"}]}})
    assert "body#/message/parts/0/url" in linq_error(response, 400)


# --- the contract: memory, and the other clients --------------------------------------------------


ATTACK = """
import sys, httpx
url, auth, path = sys.argv[1], sys.argv[2], sys.argv[3]
MB = 1024 * 1024
part = b'{"type":"text","value":"x"},'
parts = lambda n: b'{"message":{"parts":[' + part * (n - 1) + part[:-1] + b']}}'
def streamed():
    yield b'{"message":{"parts":[{"type":"text","value":"'
    for _ in range(1600):
        yield b"x" * 65536
hostile = [
    parts(100_000),
    b'{"message":{"parts":[' + b"0," * 99_999 + b'0]}}',
    b'{"message":' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    parts(9_000),
    b'{"message":{"parts":[{"type":"text","value":"' + b"z" * (2 * MB - 100) + b'"}]}}',
    b'{"message":{"parts":[{"type":"text","value":"a\\ud800"}]}}',
    streamed,
]
with httpx.Client(base_url=url, headers={"Authorization": auth}, timeout=60) as client:
    print("ready", flush=True)
    while True:
        for body in hostile:
            content = body() if callable(body) else body
            client.post(path, content=content, headers={"content-type": "application/json"})
"""


def small_request_latencies(mock: MockProcess, count: int) -> list[float]:
    latencies = []
    with httpx.Client(base_url=mock.url, headers=LINQ_AUTH, timeout=30) as client:
        client.get(f"/v3/chats/{CHAT}")
        for _ in range(count):
            started = time.perf_counter()
            assert client.get(f"/v3/chats/{CHAT}").status_code == 200
            latencies.append(time.perf_counter() - started)
            time.sleep(0.02)
    return latencies


def test_small_requests_are_not_held_up_by_huge_ones(mock: MockProcess) -> None:
    """One client sends hostile requests back to back (its own process, so it does not share a GIL
    with the measurement); the median latency of small requests sent meanwhile stays within
    100 ms of their median without it, measured just before (which absorbs a loaded machine)."""
    idle = statistics.median(small_request_latencies(mock, 20))
    attacker = subprocess.Popen(
        [sys.executable, "-c", ATTACK, mock.url, LINQ_AUTH["Authorization"], MESSAGES],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert attacker.stdout is not None
        attacker.stdout.readline()
        time.sleep(0.3)
        latencies = small_request_latencies(mock, 50)
        assert attacker.poll() is None, "the attacking client stopped (a refused request broke it)"
    finally:
        attacker.kill()
        attacker.wait(timeout=10)
    median = statistics.median(latencies)
    peak = mock.memory_kb("VmHWM")
    print(
        f"small GETs: idle median {idle * 1000:.1f} ms; under attack median {median * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms; mock peak RSS {peak // 1024} MB"
    )
    assert median - idle < 0.1, f"median {median * 1000:.0f} ms (idle {idle * 1000:.0f} ms)"
    assert peak < 200 * 1024, f"peak RSS {peak // 1024} MB"


def test_peak_memory_stays_bounded(mock: MockProcess) -> None:
    # Runs after every hostile request above, against the same process.
    assert mock.memory_kb("VmHWM") < 200 * 1024


# --- in-process: each limit is configurable ---------------------------------------------------------


def test_limits_are_configurable() -> None:
    limits = Limits(max_body_bytes=1000, max_depth=5, max_array_items=3, max_quote=10)
    with MockServer(LINQ, limits=limits) as server, httpx.Client(base_url=server.url, headers=LINQ_AUTH) as client:
        assert linq_error(client.post(MESSAGES, content=b"[" + b" " * 1000 + b"]"), 413)
        deep = {"message": {"parts": [{"type": "text", "value": [[[[["x"]]]]]}]}}
        assert "max-depth" in linq_error(client.post(MESSAGES, json=deep), 400)
        four = {"message": {"parts": [{"type": "text", "value": "x"}] * 4}}
        assert "max-array-items" in linq_error(client.post(MESSAGES, json=four), 400)
        long = {"message": {"parts": [{"type": "text", "value": "q" * 200}], "effect": {"type": "x" * 100}}}
        message = linq_error(client.post(MESSAGES, json=long), 400)
        assert "x" * 10 in message and "x" * 11 not in message


def test_cli_flags_reach_the_limits() -> None:
    process = MockProcess("--max-body-bytes", "150", "--max-array-items", "2")
    try:
        with httpx.Client(base_url=process.url, headers=LINQ_AUTH) as client:
            assert linq_error(client.post(MESSAGES, content=b"{" + b" " * 200 + b"}"), 413)
            three = {"message": {"parts": [{"type": "text", "value": "x"}] * 3}}
            assert "max-array-items" in linq_error(client.post(MESSAGES, json=three), 400)
    finally:
        process.stop()


# --- the limits' arithmetic, against a full walk ------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='a,[]{}\\"', max_size=6),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(alphabet="ab,[{", max_size=3), inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@example(value=[[]], max_depth=1, max_array_items=8, explain_values=40)  # one level too deep
@example(value=[1, 2, 3], max_depth=2, max_array_items=2, explain_values=40)  # one item too many
@example(value=[1, [2]], max_depth=2, max_array_items=8, explain_values=2)  # one value over
@given(
    value=_json_values,
    max_depth=st.integers(1, 6),
    max_array_items=st.integers(0, 8),
    explain_values=st.integers(0, 40),
)
def test_small_bodies_are_judged_as_the_full_walk_judges_them(
    value: object, max_depth: int, max_array_items: int, explain_values: int
) -> None:
    """A body whose text is too small to break a limit skips the walk: it must still be refused
    exactly when the walk refuses it, and still be "large" (only its first problem explained)
    exactly when it holds more values than `explain_values`."""
    limits = Limits(max_depth=max_depth, max_array_items=max_array_items, explain_values=explain_values)
    raw = json.dumps(value).encode()
    problem, count = inspect_json(raw, value, limits)
    walked = _scan(value, limits, surrogates=False)  # the count, or -1 for a broken limit
    assert (problem is None) == (walked >= 0)
    if problem is None:
        assert (count > explain_values) == (walked > explain_values)
