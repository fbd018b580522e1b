"""What the contract suite talks to: the spec-driven mock, or a live server named by env vars.

Each API is a `Target`: its spec, its IR, the base URL its requests go to and the credentials
they carry. Without `CONTRACT_<API>_URL` the suite starts the mock for that API; with it, the
same tests run against that server and read the credentials from the API's own variables.
Nothing here, nor in the tests, may depend on how the mock works inside: everything a test
needs it creates through the API.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import hypothesis

from generator.ir.build import build_api
from generator.ir.model import Api

ROOT = Path(__file__).resolve().parent.parent
ApiName = Literal["sendblue", "linq"]
API_NAMES: tuple[ApiName, ...] = ("sendblue", "linq")
# `CONTRACT_<API>_SPEC` checks a server against another copy of a spec (a patch proposed by the
# drift report, say); the file keeps its name (`linq.yaml`), by which the suite tells the APIs apart.
SPECS: dict[ApiName, Path] = {
    "sendblue": Path(os.environ.get("CONTRACT_SENDBLUE_SPEC") or ROOT / "spec" / "sendblue.yaml").resolve(),
    "linq": Path(os.environ.get("CONTRACT_LINQ_SPEC") or ROOT / "spec" / "linq.yaml").resolve(),
}

# Credentials sent to the mock: any non-empty value is a valid key there.
MOCK_CREDENTIALS: dict[str, str] = {
    "SENDBLUE_API_KEY": "contract-key-id",
    "SENDBLUE_API_SECRET": "contract-secret-key",
    "LINQ_API_KEY": "contract-api-key",
}
# Live Sendblue allows 100 requests per 10 s per account; stay under it (`CONTRACT_LIVE_RATE`).
LIVE_RATE_LIMITS: dict[ApiName, tuple[int, float]] = {"sendblue": (90, 10.0), "linq": (90, 10.0)}

DEFAULT_MAX_EXAMPLES = 12


class ConfigurationError(RuntimeError):
    """The environment asks for a live run but leaves out what it needs."""


def env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name}={raw!r} is not an integer") from exc
    if value < minimum:
        raise ConfigurationError(f"{name}={value} must be at least {minimum}")
    return value


def max_examples() -> int:
    """Examples per Schemathesis operation test and per Hypothesis property (`CONTRACT_MAX_EXAMPLES`)."""
    return env_int("CONTRACT_MAX_EXAMPLES", DEFAULT_MAX_EXAMPLES)


def stateful_examples() -> int:
    """Scenarios per Schemathesis state machine (`CONTRACT_STATEFUL_EXAMPLES`, default from the above)."""
    return env_int("CONTRACT_STATEFUL_EXAMPLES", max(5, max_examples()))


def shrinking() -> bool:
    """Whether a failing example is shrunk to a smaller one before it is reported (`CONTRACT_SHRINK`).

    `0` reports the first failing example as found: a failure costs one round of requests instead of
    the hundreds shrinking a large body can take (in CI, or against a rate-limited live server).
    """
    return env_int("CONTRACT_SHRINK", 1, minimum=0) != 0


def property_settings(**overrides: Any) -> hypothesis.settings:
    """Hypothesis settings of the suite's own property tests: each example makes real HTTP calls."""
    options: dict[str, Any] = {
        "max_examples": max_examples(),
        "phases": [phase for phase in hypothesis.Phase if shrinking() or phase is not hypothesis.Phase.shrink],
        "deadline": None,
        "suppress_health_check": [
            hypothesis.HealthCheck.function_scoped_fixture,
            hypothesis.HealthCheck.too_slow,
            hypothesis.HealthCheck.data_too_large,
        ],
        **overrides,
    }
    return hypothesis.settings(**options)


def live_rate(api: ApiName) -> tuple[int, float] | None:
    """Requests per period the suite sends a live server: `CONTRACT_LIVE_RATE` per 10 s, 0 for no pacing
    (a local server such as a second mock process has no rate limit to stay under)."""
    calls, period = LIVE_RATE_LIMITS[api]
    calls = env_int("CONTRACT_LIVE_RATE", calls, minimum=0)
    return (calls, period) if calls else None


def live_url(api: ApiName) -> str | None:
    url = os.environ.get(f"CONTRACT_{api.upper()}_URL", "").strip()
    return url.rstrip("/") or None


def _credential(name: str, live: bool) -> str:
    if not live:
        return MOCK_CREDENTIALS[name]
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigurationError(f"a live run needs {name}: set it next to the CONTRACT_*_URL variable")
    return value


def auth_headers(api: ApiName, live: bool) -> dict[str, str]:
    """The headers that authenticate every request to `api` (see each spec's securitySchemes)."""
    if api == "sendblue":
        return {
            "sb-api-key-id": _credential("SENDBLUE_API_KEY", live),
            "sb-api-secret-key": _credential("SENDBLUE_API_SECRET", live),
        }
    return {"Authorization": f"Bearer {_credential('LINQ_API_KEY', live)}"}


class Throttle:
    """At most `calls` requests in any `period` seconds (used against live servers only)."""

    def __init__(self, calls: int, period: float) -> None:
        self.calls = calls
        self.period = period
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            while self._sent and now - self._sent[0] >= self.period:
                self._sent.popleft()
            if len(self._sent) >= self.calls:
                time.sleep(self.period - (now - self._sent[0]))
                self._sent.popleft()
            self._sent.append(time.monotonic())


@dataclass
class Target:
    """One API as the suite sees it."""

    name: ApiName
    base_url: str
    headers: dict[str, str]
    live: bool
    mode: Literal["stateful", "examples", "live"] = "stateful"
    throttle: Throttle | None = field(default=None, repr=False)

    @property
    def spec_path(self) -> Path:
        return SPECS[self.name]

    @property
    def api(self) -> Api:
        return load_api(self.name)

    def pace(self) -> None:
        if self.throttle is not None:
            self.throttle.wait()


@cache
def load_api(name: ApiName) -> Api:
    return build_api(SPECS[name])


def api_name_for_location(location: str | None) -> ApiName:
    """Which API a Schemathesis schema was loaded from (its `location` is the spec's file URI)."""
    for name, path in SPECS.items():
        if location and location.endswith(path.name):
            return name
    raise LookupError(f"no contract target for a schema loaded from {location!r}")


def live_target(name: ApiName) -> Target | None:
    url = live_url(name)
    if url is None:
        return None
    rate = live_rate(name)
    throttle = Throttle(*rate) if rate else None
    return Target(name, url, auth_headers(name, live=True), live=True, mode="live", throttle=throttle)


def mock_target(name: ApiName, url: str, mode: Literal["stateful", "examples"]) -> Target:
    return Target(name, url.rstrip("/"), auth_headers(name, live=False), live=False, mode=mode)


@dataclass(frozen=True)
class Identities:
    """Phone numbers and handles a test may send from and to.

    Against the mock any well-formed value works; against a live server the sender must be a
    number the account owns and recipients should be ones you control, so both come from env.
    """

    linq_from: str
    linq_recipient: str
    sendblue_from: str | None
    sendblue_recipient: str


def identities() -> Identities:
    return Identities(
        linq_from=os.environ.get("CONTRACT_LINQ_FROM", "+12223334444"),
        linq_recipient=os.environ.get("CONTRACT_LINQ_RECIPIENT", "+13334445555"),
        sendblue_from=os.environ.get("CONTRACT_SENDBLUE_FROM") or None,
        sendblue_recipient=os.environ.get("CONTRACT_SENDBLUE_RECIPIENT", "+18887776666"),
    )
