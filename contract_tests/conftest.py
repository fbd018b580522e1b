"""Fixtures of the contract suite: targets (mock or live), clients, and things created through the API.

By default the suite starts the spec-driven mock (`stateful` mode) once per session for each
API, plus a second instance per API in `examples` mode. `CONTRACT_SENDBLUE_URL` /
`CONTRACT_LINQ_URL` point an API at a live server instead (see contract_tests/README.md).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from . import checks  # noqa: F401  (registers the custom Schemathesis checks)
from .api_client import ApiClient
from .references import KNOWN, KnownResources
from .targets import (
    API_NAMES,
    SPECS,
    ApiName,
    ConfigurationError,
    Identities,
    Target,
    identities,
    live_target,
    max_examples,
    mock_target,
    stateful_examples,
)
from .workflows import LinqFlows, SendblueFlows

# The fixtures through which a test talks to one API: its marker (`-m linq`, `-m sendblue`).
API_FIXTURES: dict[ApiName, frozenset[str]] = {
    "linq": frozenset({"linq", "linq_client", "linq_chat", "attachment_ids", "known_resources"}),
    "sendblue": frozenset({"sendblue", "sendblue_client"}),
}


def apis_of(item: pytest.Item) -> set[ApiName]:
    """The APIs a test exercises: by the fixtures it uses, else by the API its name carries."""
    fixtures = set(getattr(item, "fixturenames", ()))
    found = {api for api in API_NAMES if api in item.name.lower() or api in type(item).__name__.lower()}
    if not found:
        found = {api for api, names in API_FIXTURES.items() if fixtures & names}
    return found


def pytest_configure(config: pytest.Config) -> None:
    for name in API_NAMES:
        config.addinivalue_line(
            "markers", f"{name}: a contract test of the {name.capitalize()} API (select with -m {name})"
        )
    try:
        for name in API_NAMES:
            live_target(name)
        max_examples()
        stateful_examples()
    except ConfigurationError as exc:
        raise pytest.UsageError(f"contract suite: {exc}") from None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its API (`-m linq`) and give each Schemathesis item its operation in its node id.

    Under pytest 9 the items `@schema.parametrize()` makes share one node id (the label is only
    in `item.name`), so JUnit reports and the terminal could not tell operations apart.
    """
    for item in items:
        for api in sorted(apis_of(item)):
            item.add_marker(getattr(pytest.mark, api))
        label = getattr(item, "operation_label", None)
        if not label or item.nodeid.endswith("]"):
            continue
        nodeid = f"{item.nodeid}[{label}]"
        try:  # pytest 9 keeps a structured id
            from _pytest.nodeid import coerce_node_id

            item._id = coerce_node_id(nodeid)  # type: ignore[attr-defined]
        except ImportError:  # earlier pytest: a plain string
            item._nodeid = nodeid


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Writes the drift report (live runs, or `CONTRACT_DRIFT_REPORT=1`): reports/drift.md and drift.json."""
    from . import drift_report

    if not drift_report.enabled():
        return
    written = drift_report.RECORDER.write(drift_report.report_dir())
    entries = len(drift_report.RECORDER.entries)
    terminalreporter.write_line(f"contract drift: {entries} kind(s) of drift; report in {', '.join(map(str, written))}")


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = []
    for name in API_NAMES:
        live = live_target(name)
        lines.append(f"contract {name}: " + (f"live server {live.base_url}" if live else "mock server (stateful)"))
    lines.append(
        f"contract examples: {max_examples()} per operation/property, {stateful_examples()} state machine runs"
    )
    return lines


@contextlib.contextmanager
def _mock(name: ApiName, mode: str) -> Iterator[str]:
    from contract_tests.mock import MockServer

    with MockServer(SPECS[name], mode=mode, seed=1) as server:
        yield server.url


@pytest.fixture(scope="session")
def targets() -> Iterator[dict[ApiName, Target]]:
    """Each API's target for the whole session: its live server, or the stateful mock."""
    with contextlib.ExitStack() as stack:
        found: dict[ApiName, Target] = {}
        for name in API_NAMES:
            live = live_target(name)
            found[name] = live or mock_target(name, stack.enter_context(_mock(name, "stateful")), "stateful")
        yield found


@pytest.fixture(scope="session")
def examples_targets() -> Iterator[dict[ApiName, Target]]:
    """The mock of each API in `examples` mode (APIs under a live run are left out)."""
    with contextlib.ExitStack() as stack:
        found: dict[ApiName, Target] = {}
        for name in API_NAMES:
            if live_target(name) is None:
                found[name] = mock_target(name, stack.enter_context(_mock(name, "examples")), "examples")
        yield found


@pytest.fixture(scope="session")
def ids() -> Identities:
    return identities()


@pytest.fixture(scope="session")
def linq_client(targets: dict[ApiName, Target]) -> Iterator[ApiClient]:
    with ApiClient(targets["linq"]) as client:
        yield client


@pytest.fixture(scope="session")
def sendblue_client(targets: dict[ApiName, Target]) -> Iterator[ApiClient]:
    with ApiClient(targets["sendblue"]) as client:
        yield client


@pytest.fixture(scope="session")
def linq(linq_client: ApiClient, ids: Identities) -> LinqFlows:
    return LinqFlows(linq_client, ids)


@pytest.fixture(scope="session")
def sendblue(sendblue_client: ApiClient, ids: Identities) -> SendblueFlows:
    return SendblueFlows(sendblue_client, ids)


@pytest.fixture(scope="session")
def attachment_ids(linq: LinqFlows) -> list[str]:
    """Attachments created through the API, for media parts that reference one."""
    return [linq.create_attachment(f"contract-{index}.jpg") for index in range(3)]


@pytest.fixture(scope="session")
def known_resources(linq: LinqFlows, attachment_ids: list[str]) -> KnownResources:
    """Resources that positive Schemathesis cases refer to (see contract_tests/references.py)."""
    chat = linq.create_chat(recipient=linq.unique_recipient())
    KNOWN.add("attachments", *attachment_ids)
    KNOWN.add("messages", chat["message"]["id"], linq.send_text(chat["id"], "A message to reply to")["id"])
    return KNOWN


@pytest.fixture(scope="session")
def linq_chat(linq: LinqFlows) -> dict[str, Any]:
    """One chat to send messages to (created through the API)."""
    return linq.create_chat(recipient=f"contract-{uuid.uuid4().hex[:12]}@example.com")
