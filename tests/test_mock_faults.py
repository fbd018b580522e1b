"""Injected faults for client tests: per-request headers and seeded rates."""

from __future__ import annotations

import time
from collections.abc import Iterator
from types import SimpleNamespace

import httpx
import pytest

from contract_tests import api_client
from contract_tests.api_client import ApiClient
from contract_tests.mock import FaultConfig, MockServer
from contract_tests.mock.faults import Fault, FaultInjector
from contract_tests.targets import Target
from tests.conftest import LINQ_AUTH, ROOT, checked_client

LINQ = ROOT / "spec" / "linq.yaml"
SENDBLUE = ROOT / "spec" / "sendblue.yaml"


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(LINQ, mode="stateful", seed=1, self_check=True) as running:
        yield running


@pytest.fixture
def client(server: MockServer) -> Iterator[httpx.Client]:
    with checked_client(server, LINQ_AUTH) as client:
        yield client


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_fault_header_answers_a_server_error_in_the_api_shape(client: httpx.Client, status: int) -> None:
    response = client.get("/v3/chats", headers={"X-Mock-Fault": str(status)})
    assert response.status_code == status
    assert response.json()["error"]["status"] == status
    assert "Injected fault" in response.json()["error"]["message"]


def test_fault_header_429_carries_retry_after(client: httpx.Client) -> None:
    response = client.get("/v3/chats", headers={"X-Mock-Fault": "429"})
    assert response.status_code == 429 and response.headers["retry-after"] == "1"
    assert response.json()["error"]["code"] == 4290


def test_fault_header_drops_the_connection(client: httpx.Client) -> None:
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.get("/v3/chats", headers={"X-Mock-Fault": "drop"})
    assert client.get("/v3/chats").status_code == 200


def test_latency_header(client: httpx.Client) -> None:
    started = time.perf_counter()
    assert client.get("/v3/chats", headers={"X-Mock-Latency": "200"}).status_code == 200
    assert time.perf_counter() - started >= 0.2


@pytest.mark.parametrize("value", [b"\xb3", b"\xb2\xb3", b"5\xb3\xb3"])
def test_a_fault_header_in_other_than_ascii_digits_asks_for_nothing(client: httpx.Client, value: bytes) -> None:
    # '³' (Latin-1 0xB3): `isdigit()` says yes, `int()` refuses it (the mock answered a 500).
    assert client.get("/v3/chats", headers={"X-Mock-Fault": value}).status_code == 200


@pytest.mark.parametrize("value", ["inf", "Infinity", "nan", "1e999", "٣", "1_0", "³"])
def test_a_latency_header_that_is_no_json_number_asks_for_no_latency(value: str) -> None:
    # `float()` reads 'inf' (a request that never ends), '٣' and '1_0'.
    injector = FaultInjector(FaultConfig(), seed=1)
    assert injector.decide({"x-mock-latency": value}) == Fault()
    assert injector.decide({"x-mock-latency": "1.5e2"}) == Fault(latency=0.15)
    assert injector.decide({"x-mock-fault": value}) == Fault()


@pytest.mark.parametrize(
    ("retry_after", "waited"),
    [
        ("2", 2),
        ("0.5", 0.5),
        ("³", 1),
        ("٣", 1),
        ("1_0", 1),
        ("inf", 1),
        ("-1", 1),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 1),
    ],
)
def test_the_suites_client_waits_the_seconds_a_retry_after_gives_in_ascii(
    monkeypatch: pytest.MonkeyPatch, retry_after: str, waited: float
) -> None:
    # `float()` raised on '³' or a date, took '٣' and '1_0', and 'inf' was a wait without end.
    answers = iter([httpx.Response(429, headers={"Retry-After": retry_after.encode()}), httpx.Response(200)])
    waits: list[float] = []
    monkeypatch.setattr(api_client, "time", SimpleNamespace(sleep=waits.append))
    with ApiClient(Target("linq", "http://live.invalid", {}, live=True)) as suite_client:
        suite_client._http.close()
        transport = httpx.MockTransport(lambda _: next(answers))
        suite_client._http = httpx.Client(transport=transport, base_url="http://live.invalid")
        assert suite_client.get("/v3/chats").status_code == 200
    assert waits == [waited]


def test_faults_do_not_change_state(client: httpx.Client) -> None:
    before = client.get("/v3/chats", params={"limit": 100}).json()["chats"]
    body = {"from": "+12223334444", "to": ["+13334445555"], "message": {"parts": [{"type": "text", "value": "x"}]}}
    assert client.post("/v3/chats", json=body, headers={"X-Mock-Fault": "503"}).status_code == 503
    assert client.get("/v3/chats", params={"limit": 100}).json()["chats"] == before


def run_with_rates(seed: int) -> list[str]:
    faults = FaultConfig(error_rate=0.2, throttle_rate=0.2, drop_rate=0.1, latency_ms=(0, 5))
    outcomes = []
    with MockServer(SENDBLUE, seed=seed, faults=faults, self_check=True) as server:
        with httpx.Client(base_url=server.url, headers={"sb-api-key-id": "a", "sb-api-secret-key": "b"}) as client:
            for _ in range(40):
                try:
                    outcomes.append(str(client.get("/api/v2/messages").status_code))
                except (httpx.RemoteProtocolError, httpx.ReadError):
                    outcomes.append("drop")
        assert server.violations == []
    return outcomes


def test_rates_are_deterministic_with_a_seed() -> None:
    first, again, other = run_with_rates(7), run_with_rates(7), run_with_rates(8)
    assert first == again
    assert first != other
    assert {"200", "429", "drop"} <= set(first)
    assert {"500", "502", "503"} & set(first)
