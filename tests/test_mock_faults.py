"""Injected faults for client tests: per-request headers and seeded rates."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from contract_tests.mock import FaultConfig, MockServer
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
