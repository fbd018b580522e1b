"""Injected faults (latency, 5xx, 429, dropped connections) and the rate limiter.

Faults are chosen per request, either by headers (`X-Mock-Fault: 500|502|503|504|429|drop`,
`X-Mock-Latency: <ms>`) or at the configured rates. The draws come from one generator seeded
with `--seed`, taken in a fixed order per request, so a run is reproducible request by request.
"""

from __future__ import annotations

import math
import random
import time
from collections import deque
from dataclasses import dataclass

from .ascii_numbers import digits_value, read_number

FAULT_HEADER = "x-mock-fault"
LATENCY_HEADER = "x-mock-latency"


@dataclass(frozen=True)
class FaultConfig:
    """Rates are probabilities per request (0..1); latency is a range in milliseconds."""

    latency_ms: tuple[int, int] = (0, 0)
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = (500, 502, 503)
    throttle_rate: float = 0.0
    drop_rate: float = 0.0
    retry_after: int = 1

    @property
    def active(self) -> bool:
        return bool(self.latency_ms[1] or self.error_rate or self.throttle_rate or self.drop_rate)


@dataclass(frozen=True)
class Fault:
    latency: float = 0.0
    status: int | None = None
    drop: bool = False


NO_FAULT = Fault()


class FaultInjector:
    def __init__(self, config: FaultConfig, seed: int) -> None:
        self.config = config
        self.rng = random.Random(seed)

    def decide(self, headers: dict[str, str]) -> Fault:
        requested = headers.get(FAULT_HEADER)
        latency_header = headers.get(LATENCY_HEADER)
        config = self.config
        if requested is None and latency_header is None and not config.active:
            return NO_FAULT
        latency = 0.0
        if config.latency_ms[1]:
            latency = self.rng.uniform(*config.latency_ms) / 1000
        status: int | None = None
        drop = False
        if config.drop_rate and self.rng.random() < config.drop_rate:
            drop = True
        elif config.error_rate and self.rng.random() < config.error_rate:
            status = self.rng.choice(config.error_statuses)
        elif config.throttle_rate and self.rng.random() < config.throttle_rate:
            status = 429
        if latency_header is not None:
            # JSON's number syntax only: `float()` would take 'inf' (a request that never ends) or '٣'.
            asked = read_number(latency_header.strip(), fraction=True)
            if asked is not None:
                latency = max(0.0, asked) / 1000
        if requested is not None:
            requested = requested.strip().lower()
            if requested == "drop":
                drop, status = True, None
            elif (code := digits_value(requested)) is not None:
                drop, status = False, code
            elif requested == "none":
                drop, status = False, None
        return Fault(latency, status, drop)


class RateLimiter:
    """At most `requests` per sliding window of `seconds` for each key."""

    def __init__(self, requests: int, seconds: float) -> None:
        self.requests = requests
        self.seconds = seconds
        self._hits: dict[str, deque[float]] = {}
        self._now = time.monotonic

    def hit(self, key: str) -> int | None:
        """None when allowed (and counted); otherwise the seconds to wait (Retry-After)."""
        now = self._now()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        if len(hits) >= self.requests:
            return max(1, math.ceil(hits[0] + self.seconds - now))
        hits.append(now)
        return None
