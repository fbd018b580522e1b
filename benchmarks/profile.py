"""Where a generated client's time goes, next to what a hand-written client on raw httpx does.

    python -m benchmarks.profile                   # both parts, on the committed packages
    python -m benchmarks.profile --only calls      # or: import
    python -m benchmarks.profile --src DIR ...     # packages found in DIR instead (an older build)

A tool for finding where to cut, not a comparison with targets (that is `python -m benchmarks`):

- `calls`: the Linq client's sync calls of the `calls` part (one chat; a page of 100 messages)
  against the same fixed-response server, cut into stages, each timed on its own with the raw
  httpx side's equivalent next to it; then whole calls, and the garbage collector's share of
  them (collections per call and the time they took, from `gc.callbacks`).
- `import`: `python -X importtime -c "import <package>"` against `import httpx, pydantic`: the
  modules a package imports beyond those two, with their own (self) time.

Stages are timed as the best of several batches (deterministic code: the slower batches measure
the neighbours); whole calls and collections as the median of their batches. Prints Markdown.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fixed_server
from .canned import CHAT_ID, CHAT_PATH, PAGE_PATH, PAGE_SIZE
from .context import GENERATED_SOURCES, ROOT
from .procs import background, free_port, run_measured

AUTH = {"Authorization": "Bearer bench-key"}
PACKAGES = ("linq_client", "sendblue_client")


def best_us(job: Callable[[], object], calls: int, batches: int = 15) -> float:
    """Microseconds per call of `job`, best batch of `batches` (after a warm-up batch)."""
    for _ in range(calls):
        job()
    timings = []
    for _ in range(batches):
        started = time.perf_counter()
        for _ in range(calls):
            job()
        timings.append((time.perf_counter() - started) / calls)
    return min(timings) * 1e6


class Collections:
    """Garbage collections while a block runs: how many, of which generation, how long."""

    def __init__(self) -> None:
        self.count = [0, 0, 0]
        self.seconds = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count[info["generation"]] += 1
            self.seconds += time.perf_counter() - self._started

    def __enter__(self) -> Collections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        gc.callbacks.remove(self)


def whole_calls(job: Callable[[], object], calls: int, batches: int = 9) -> dict[str, float]:
    """Median µs per call over `batches`, with the collections that happened in them."""
    for _ in range(calls):
        job()
    timings = []
    with Collections() as collected:
        for _ in range(batches):
            started = time.perf_counter()
            for _ in range(calls):
                job()
            timings.append((time.perf_counter() - started) / calls)
    total = calls * batches
    return {
        "us": statistics.median(timings) * 1e6,
        "gc_us": collected.seconds / total * 1e6,
        "gen0": collected.count[0] / total,
        "gen1": collected.count[1] / total,
        "gen2": collected.count[2] / total,
    }


def without_gc(measure: Callable[[], float]) -> float:
    """`measure()` with this process's garbage collector off (a diagnostic: how much of a call
    the collections it causes cost). Nothing is left uncollected: it runs before and after."""
    gc.collect()
    gc.disable()
    try:
        return measure()
    finally:
        gc.enable()
        gc.collect()


def profile_calls(url: str) -> dict[str, Any]:
    """Stages and whole calls of ours and of raw httpx (run in a child: see `main`)."""
    import httpx
    from linq_client import Linq
    from linq_client.types import Chat, MessageList

    client = Linq(api_key=AUTH["Authorization"].split()[1], base_url=url)
    raw = httpx.Client(base_url=url, headers=AUTH)
    single = Case(
        calls=300,
        method=lambda: client.chats.retrieve(CHAT_ID),
        result=lambda made: made,
        raw=lambda: raw.get(CHAT_PATH).json(),
        raw_request=lambda: raw.build_request("GET", CHAT_PATH),
        decode=lambda response: response.json(),
        model=Chat,
    )
    page = Case(
        calls=40,
        method=lambda: client.chats.messages.list(CHAT_ID, limit=PAGE_SIZE),
        result=lambda made: made.items,
        raw=lambda: raw.get(PAGE_PATH, params={"limit": PAGE_SIZE}).json()["messages"],
        raw_request=lambda: raw.build_request("GET", PAGE_PATH, params={"limit": PAGE_SIZE}),
        decode=lambda response: response.json()["messages"],
        model=MessageList,
    )
    return {"single": profile_case(client, raw, single), "page": profile_case(client, raw, page)}


@dataclass(frozen=True)
class Case:
    """One call of the generated client and its raw httpx equivalent, cut into stages."""

    calls: int  # per batch
    method: Callable[[], Any]  # the resource method call
    result: Callable[[Any], object]  # what the user takes from it (a page's items)
    raw: Callable[[], object]  # the whole raw call, `.json()` included
    raw_request: Callable[[], Any]  # the raw side's `build_request`
    decode: Callable[[Any], object]  # the raw side's `.json()` of a response
    model: type[Any]  # the response model, for parsing alone


def profile_case(client: Any, raw: Any, case: Case) -> dict[str, Any]:
    calls = case.calls
    captured: dict[str, Any] = {}

    def capture(cast_to: Any, options: Any, *, page: Any = None) -> None:
        captured.update(cast_to=cast_to, options=options, page=page)

    client.request = capture  # the resource layer alone: the options it makes are kept
    try:
        options_us = best_us(case.method, calls)
    finally:
        del client.request
    cast_to, options, page = captured["cast_to"], captured["options"], captured["page"]
    prepared = client._prepare(cast_to, options, page)
    response = client._http_client.send(client._build_request(prepared))
    raw_response = raw.send(case.raw_request())
    build_us = best_us(lambda: client._build_request(prepared), calls)
    raw_build_us = best_us(case.raw_request, calls)
    stages = {
        "method arguments -> request options (resource layer)": (options_us, None),
        "options -> a call ready to send (`_prepare`)": (
            best_us(lambda: client._prepare(cast_to, options, page), calls),
            None,
        ),
        "httpx request (`build_request`)": (build_us, raw_build_us),
        "send, read the answer (loopback)": (
            best_us(lambda: client._http_client.send(client._build_request(prepared)).read(), calls) - build_us,
            best_us(lambda: raw.send(case.raw_request()).read(), calls) - raw_build_us,
        ),
        "body -> result (`_finish` / `.json()`)": (
            best_us(lambda: case.result(client._finish(prepared, response, 0)), calls),
            best_us(lambda: case.decode(raw_response), calls),
        ),
    }
    body = response.content
    return {
        "stages": {stage: list(values) for stage, values in stages.items()},
        "parse": {
            "pydantic, from bytes": best_us(lambda: case.model.model_validate_json(body), calls),
            "json.loads": best_us(lambda: json.loads(body), calls),
        },
        "whole": {
            "ours": whole_calls(lambda: case.result(case.method()), calls),
            "raw": whole_calls(case.raw, calls),
        },
        "without_gc": {
            "ours": without_gc(lambda: whole_calls(lambda: case.result(case.method()), calls)["us"]),
            "raw": without_gc(lambda: whole_calls(case.raw, calls)["us"]),
        },
    }


def calls_table(found: dict[str, Any]) -> str:
    lines = []
    for name, text in (("single", "GET one chat"), ("page", f"GET a {PAGE_SIZE}-message page")):
        data = found[name]
        lines += [f"**{text}, sync** (µs per call)", "", "| stage | ours | raw httpx |", "|---|---:|---:|"]
        for stage, (ours, raw) in data["stages"].items():
            lines.append(f"| {stage} | {ours:.1f} | {'-' if raw is None else f'{raw:.1f}'} |")
        parse = data["parse"]
        lines.append(
            f"| (of which parsing: pydantic from bytes / json.loads) | {parse['pydantic, from bytes']:.1f} "
            f"| {parse['json.loads']:.1f} |"
        )
        ours, raw = data["whole"]["ours"], data["whole"]["raw"]
        lines.append(f"| whole call (median) | {ours['us']:.0f} | {raw['us']:.0f} |")
        for side in (ours, raw):
            side["text"] = f"{side['gc_us']:.0f} ({side['gen0']:.2f} / {side['gen1']:.2f} / {side['gen2']:.3f})"
        lines.append(f"| of it, garbage collection: µs (gen 0 / 1 / 2 per call) | {ours['text']} | {raw['text']} |")
        off = data["without_gc"]
        lines.append(f"| whole call with the collector off (median) | {off['ours']:.0f} | {off['raw']:.0f} |")
        lines.append("")
    return "\n".join(lines)


def profile_import(python: str, env: dict[str, str], runs: int) -> str:
    """The modules each package imports beyond httpx and pydantic, median self time of `runs`."""
    lines = []
    base = "import httpx, pydantic"
    for package in PACKAGES:
        totals: dict[str, list[int]] = {}
        for _ in range(runs):
            done = run_measured([python, "-X", "importtime", "-c", f"{base}; import {package}"], timeout=60, env=env)
            if not done.ok:
                return f"import {package} failed: {done.failure()}"
            for name, self_us in beyond_base(done.stderr):
                totals.setdefault(name, []).append(self_us)
        medians = {name: statistics.median(values) / 1000 for name, values in totals.items()}
        lines += [f"**import {package}** beyond `{base}` (ms, self time, median of {runs})", ""]
        lines += ["| module | ms |", "|---|---:|"]
        for name, ms in sorted(medians.items(), key=lambda item: -item[1]):
            lines.append(f"| {name} | {ms:.2f} |")
        lines += [f"| total | {sum(medians.values()):.2f} |", ""]
    return "\n".join(lines)


def beyond_base(stderr: str) -> list[tuple[str, int]]:
    """(module, self µs) of the modules `-X importtime` lists after the top-level `pydantic`."""
    lines = stderr.splitlines()
    last = max(index for index, line in enumerate(lines) if line.rstrip().endswith("| pydantic"))
    return importtime_rows("\n".join(lines[last + 1 :]))


def importtime_rows(stderr: str) -> list[tuple[str, int]]:
    rows = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            fields = line[len("import time:") :].split("|")
            if len(fields) == 3:
                rows.append((fields[2].strip(), int(fields[0])))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("--only", choices=("calls", "import"), help="one part only")
    parser.add_argument("--src", type=Path, action="append", help="find the packages here (repeatable)")
    parser.add_argument("--runs", type=int, default=15, help="interpreters per package (import)")
    parser.add_argument("--worker-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker_url:
        print(json.dumps(profile_calls(args.worker_url)))
        return 0
    sources = [str(path.resolve()) for path in (args.src or GENERATED_SOURCES)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sources)}
    python = sys.executable
    subprocess.run([python, "-m", "compileall", "-q", *sources], check=True)
    if args.only in (None, "import"):
        print(profile_import(python, env, args.runs))
    if args.only in (None, "calls"):
        port = free_port()
        with background([python, "-m", fixed_server.__name__, "--port", str(port)], port=port, cwd=ROOT, env=env):
            worker = [python, "-m", "benchmarks.profile", "--worker-url", f"http://127.0.0.1:{port}"]
            done = run_measured(worker, timeout=600, cwd=ROOT, env=env)
        if not done.ok:
            print(f"calls failed: {done.failure()}")
            return 1
        print(calls_table(json.loads(done.stdout)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
