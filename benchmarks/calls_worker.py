"""The call benchmark's measuring process: generated Linq client against raw httpx, interleaved.

`python -m benchmarks.calls_worker --url URL --rounds R --single N --page M` prints one JSON
object mapping each case ("single sync", "page async"...) to the per-call seconds of every
sample, for "ours" and "httpx". Both sides live in this one process, talk to the same
fixed-response server over their own keep-alive connection, and alternate within each round,
so a noisy moment of the machine lands on both.

The raw side does what a user without the SDK would: the same GET with the same credentials,
then `.json()`. The generated side returns the typed result (a `Chat`, a page of `Message`s),
which includes validating the answer: that is the overhead users pay for types.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .canned import CHAT_ID, CHAT_PATH, PAGE_PATH, PAGE_SIZE
from .stats import interleaved

AUTH = {"Authorization": "Bearer bench-key"}
WARMUP_CALLS = 30


@dataclass(frozen=True)
class Case:
    """One comparison: a call of ours and the raw equivalent, each run `calls` times per sample."""

    name: str
    calls: int
    ours: Callable[[], Any]
    raw: Callable[[], Any]
    is_async: bool = False

    async def call(self, side: str) -> object:
        result = (self.ours if side == "ours" else self.raw)()
        return await result if self.is_async else result


def sync_cases(url: str, single: int, page: int) -> list[Case]:
    import httpx
    from linq_client import Linq

    client = Linq(api_key=AUTH["Authorization"].split()[1], base_url=url)
    raw = httpx.Client(base_url=url, headers=AUTH)

    def ours_single() -> object:
        return client.chats.retrieve(CHAT_ID)

    def raw_single() -> object:
        return raw.get(CHAT_PATH).json()

    def ours_page() -> object:
        return client.chats.messages.list(CHAT_ID, limit=PAGE_SIZE).items

    def raw_page() -> object:
        return raw.get(PAGE_PATH, params={"limit": PAGE_SIZE}).json()["messages"]

    return [
        Case("single sync", single, ours_single, raw_single),
        Case("page sync", page, ours_page, raw_page),
    ]


def async_cases(url: str, single: int, page: int) -> list[Case]:
    import httpx
    from linq_client import AsyncLinq

    client = AsyncLinq(api_key=AUTH["Authorization"].split()[1], base_url=url)
    raw = httpx.AsyncClient(base_url=url, headers=AUTH)

    async def ours_single() -> object:
        return await client.chats.retrieve(CHAT_ID)

    async def raw_single() -> object:
        return (await raw.get(CHAT_PATH)).json()

    async def ours_page() -> object:
        return (await client.chats.messages.list(CHAT_ID, limit=PAGE_SIZE)).items

    async def raw_page() -> object:
        return (await raw.get(PAGE_PATH, params={"limit": PAGE_SIZE})).json()["messages"]

    return [
        Case("single async", single, ours_single, raw_single, is_async=True),
        Case("page async", page, ours_page, raw_page, is_async=True),
    ]


async def per_call(case: Case, side: str) -> float:
    """Seconds per call, averaged over `case.calls` consecutive calls (one sample). Sync calls run
    as plain calls, not wrapped in a coroutine, so neither side pays for an await it would not."""
    call = case.ours if side == "ours" else case.raw
    started = time.perf_counter()
    if case.is_async:
        for _ in range(case.calls):
            await call()
    else:
        for _ in range(case.calls):
            call()
    return (time.perf_counter() - started) / case.calls


def check(case: Case, ours: object, raw: object) -> None:
    """Both sides must have received the full answer (a page of PAGE_SIZE items, or a chat)."""
    if isinstance(raw, list) and not (isinstance(ours, list) and len(ours) == len(raw) == PAGE_SIZE):
        raise RuntimeError(f"{case.name}: expected {PAGE_SIZE} items on both sides")


async def measure(url: str, rounds: int, single: int, page: int) -> dict[str, dict[str, list[float]]]:
    cases = sync_cases(url, single, page) + async_cases(url, single, page)
    samples: dict[str, dict[str, list[float]]] = {case.name: {"ours": [], "httpx": []} for case in cases}
    for case in cases:
        check(case, await case.call("ours"), await case.call("httpx"))
        for _ in range(WARMUP_CALLS):
            await case.call("ours")
            await case.call("httpx")
    contestants = [(case, side) for case in cases for side in ("ours", "httpx")]
    for round_index in range(rounds):
        for case, side in interleaved(round_index, contestants):
            samples[case.name][side].append(await per_call(case, side))
    return samples


def parse_only(batches: int = 7, repeat: int = 20) -> dict[str, float]:
    """Microseconds to turn the answers' bytes into typed models vs `json.loads`: how much of a call
    is validation (a diagnostic for the notes, not a figure). Best batch of several, as usual for
    deterministic code on a shared machine: the slower batches measure the neighbours."""
    from linq_client.types import Chat, MessageList

    from .canned import routes

    bodies = routes()
    jobs: dict[str, Callable[[], object]] = {
        "page: models from bytes": lambda: MessageList.model_validate_json(bodies[PAGE_PATH]),
        "page: json.loads": lambda: json.loads(bodies[PAGE_PATH]),
        "chat: model from bytes": lambda: Chat.model_validate_json(bodies[CHAT_PATH]),
        "chat: json.loads": lambda: json.loads(bodies[CHAT_PATH]),
    }
    timings = {}
    for name, job in jobs.items():
        job()
        best = float("inf")
        for _ in range(batches):
            started = time.perf_counter()
            for _ in range(repeat):
                job()
            best = min(best, (time.perf_counter() - started) / repeat)
        timings[name] = round(best * 1e6, 1)
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calls_worker", description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--single", type=int, default=200, help="calls per sample, single-object GET")
    parser.add_argument("--page", type=int, default=40, help="calls per sample, 100-message page GET")
    args = parser.parse_args(argv)
    result: dict[str, Any] = asyncio.run(measure(args.url, args.rounds, args.single, args.page))
    result["_parse_us"] = parse_only()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
