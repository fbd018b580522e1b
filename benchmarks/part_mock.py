"""Part "mock": requests per second and p50/p99 latency of the mock server against Prism 5.

Both serve `spec/linq.yaml` in examples mode with request validation on (the default of both),
each in its own process, driven in turn by `loadgen` (N keep-alive connections, closed loop,
fixed duration). Two requests valid in examples mode: a GET of one chat and a POST creating a
chat (a JSON body validated against the schema and the spec's rules). Every status code seen is
recorded; a figure whose measured answers are not all 2xx is marked missed, whatever its speed.
The load generator's ceiling, measured against the fixed-response server, shows it is not the
bottleneck.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import baselines, canned, fixed_server
from .context import Context
from .procs import background, free_port, run_measured
from .stats import Figure, Summary, Target, interleaved

RPS_TARGET = Target("ratio", ">=", 10.0)
P99_TARGET = Target("ours", "<=", 5.0)
CONNECTIONS = 8
AUTH = "Authorization: Bearer bench-key"
CREATE_CHAT = {"from": "+12223334444", "to": ["+13334445555"], "message": {"parts": [{"type": "text", "value": "hi"}]}}


@dataclass(frozen=True)
class Request:
    label: str
    method: str
    path: str
    body: str = ""

    def arguments(self) -> list[str]:
        args = ["--method", self.method, "--path", self.path, "--header", AUTH]
        if self.body:
            args += ["--header", "content-type: application/json", "--body", self.body]
        return args


REQUESTS = (
    Request("GET /v3/chats/{chatId}", "GET", canned.CHAT_PATH),
    Request("POST /v3/chats", "POST", "/v3/chats", json.dumps(CREATE_CHAT)),
)


@dataclass
class Series:
    """One server's results for one request across rounds."""

    rps: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failure: str | None = None

    def add(self, report: dict[str, Any]) -> None:
        self.rps.append(report["rps"])
        if report["p50_ms"] is not None:
            self.p50.append(report["p50_ms"])
            self.p99.append(report["p99_ms"])
        for code, count in report["statuses"].items():
            self.statuses[code] += count

    @property
    def all_2xx(self) -> bool:
        return bool(self.statuses) and all(code.startswith("2") for code in self.statuses)


def load(ctx: Context, port: int, request: Request, duration: float, warmup: float) -> dict[str, Any]:
    command = [ctx.python, "-m", "benchmarks.loadgen", "--port", str(port), *request.arguments()]
    command += ["--connections", str(CONNECTIONS), "--duration", str(duration), "--warmup", str(warmup)]
    done = run_measured(command, timeout=duration + warmup + 60, cwd=ctx.root)
    if not done.ok:
        raise RuntimeError(done.failure())
    report: dict[str, Any] = json.loads(done.stdout)
    return report


@contextlib.contextmanager
def servers(ctx: Context) -> Iterator[tuple[dict[str, int], dict[str, str]]]:
    """Ours and (unless quick) Prism, listening; yields their ports and why any is missing."""
    ports: dict[str, int] = {}
    missing: dict[str, str] = {}
    spec = str(ctx.root / "spec" / "linq.yaml")
    with contextlib.ExitStack() as stack:
        port = free_port()
        ours = [ctx.python, "-m", "contract_tests.mock", spec, "--mode", "examples", "--port", str(port)]
        stack.enter_context(background(ours, port=port, cwd=ctx.root, log=ctx.work / "mock-ours.log"))
        ports["ours"] = port
        if ctx.quick:
            missing["prism"] = "skipped in --quick"
        else:
            try:
                command, version = baselines.prism()
                ctx.versions["prism"] = version
                port = free_port()
                prism = [*command, "mock", spec, "-p", str(port), "-h", "127.0.0.1", "-v", "warn"]
                stack.enter_context(background(prism, port=port, cwd=ctx.root, log=ctx.work / "mock-prism.log"))
                ports["prism"] = port
            except (baselines.Unavailable, RuntimeError) as exc:
                missing["prism"] = str(exc)
        yield ports, missing


def loadgen_ceiling(ctx: Context, duration: float) -> float:
    """Requests per second the load generator reaches against the fixed-response server."""
    port = free_port()
    server = [ctx.python, "-m", fixed_server.__name__, "--port", str(port)]
    with background(server, port=port, cwd=ctx.root):
        report = load(ctx, port, REQUESTS[0], duration, 0.3)
    return float(report["rps"])


def run(ctx: Context) -> list[Figure]:
    rounds = ctx.rounds(full=3, quick=1)
    duration, warmup = (3.0, 1.0) if not ctx.quick else (1.0, 0.3)
    results: dict[tuple[str, str], Series] = defaultdict(Series)
    with servers(ctx) as (ports, missing):
        for round_index in range(rounds):
            for request in REQUESTS:
                for server in interleaved(round_index + REQUESTS.index(request), list(ports)):
                    series = results[(server, request.label)]
                    try:
                        series.add(load(ctx, ports[server], request, duration, warmup))
                    except RuntimeError as exc:
                        series.failure = str(exc)
    ceiling = loadgen_ceiling(ctx, duration)
    ctx.log(f"mock: load generator ceiling {ceiling:.0f} req/s")
    figures = []
    for request in REQUESTS:
        ours, prism = results[("ours", request.label)], results.get(("prism", request.label))
        notes = {
            "statuses": {"ours": dict(ours.statuses), "prism": dict(prism.statuses) if prism else None},
            "connections": CONNECTIONS,
            "seconds_per_sample": duration,
            "rounds": rounds,
            "loadgen_ceiling_rps": round(ceiling),
        }
        non_2xx = [name for name, s in (("ours", ours), ("prism", prism)) if s is not None and not s.all_2xx]
        error = "; ".join(
            [f"{name} failed: {s.failure}" for name, s in (("ours", ours), ("prism", prism)) if s and s.failure]
            + ([f"prism: {missing['prism']}"] if "prism" in missing and not ctx.quick else [])
            + ([f"non-2xx answers from {', '.join(non_2xx)}"] if non_2xx else [])
        )
        for metric, unit, target in (("rps", "req/s", RPS_TARGET), ("p50", "ms", None), ("p99", "ms", P99_TARGET)):
            mine: list[float] = getattr(ours, metric)
            theirs: list[float] = getattr(prism, metric) if prism else []
            figures.append(
                Figure(
                    part="mock",
                    name=f"mock {request.label}: {'throughput' if metric == 'rps' else metric + ' latency'}",
                    unit=unit,
                    ours=Summary.of(mine) if mine else None,
                    baseline_name=f"Prism {ctx.versions.get('prism', '5')}",
                    baseline=Summary.of(theirs) if theirs else None,
                    target=target,
                    conditions={"all measured answers 2xx": not non_2xx} if target else {},
                    notes=notes,
                    error=error or None,
                    skipped=missing.get("prism") if ctx.quick else None,
                )
            )
    return figures
