"""Part "calls": the generated Linq client's overhead per call against raw httpx, on loopback.

The far end is `fixed_server` in its own process, answering canned bytes (a chat, and a page of
100 messages built from the spec's examples), so server time is small and the same for both
sides. `calls_worker` does the measuring in one child process (see its docstring).
"""

from __future__ import annotations

import json

from . import fixed_server
from .context import Context
from .procs import background, free_port, run_measured
from .stats import Figure, Summary, Target

TARGETS = {"single": Target("ratio", "<=", 1.05), "page": Target("ratio", "<=", 1.5)}
DESCRIPTIONS = {
    "single sync": "GET one chat, sync",
    "single async": "GET one chat, async",
    "page sync": "GET a 100-message page, sync",
    "page async": "GET a 100-message page, async",
}


def run(ctx: Context) -> list[Figure]:
    rounds = ctx.rounds(full=15, quick=3)
    single, page = (200, 40) if not ctx.quick else (50, 10)
    port = free_port()
    server = [ctx.python, "-m", fixed_server.__name__, "--port", str(port)]
    with background(server, port=port, cwd=ctx.root, env=ctx.env()):
        worker = [
            ctx.python,
            "-m",
            "benchmarks.calls_worker",
            "--url",
            f"http://127.0.0.1:{port}",
            "--rounds",
            str(rounds),
            "--single",
            str(single),
            "--page",
            str(page),
        ]
        done = run_measured(worker, timeout=300, cwd=ctx.root, env=ctx.env())
    if not done.ok:
        return [
            Figure(
                "calls",
                f"call: {text}",
                "µs/call",
                None,
                "raw httpx + .json()",
                target=TARGETS[case.split()[0]],
                error=done.failure(),
            )
            for case, text in DESCRIPTIONS.items()
        ]
    result = json.loads(done.stdout)
    parse = result.pop("_parse_us")
    figures = []
    for case, text in DESCRIPTIONS.items():
        sides = result[case]
        kind = case.split()[0]
        figures.append(
            Figure(
                part="calls",
                name=f"call: {text}",
                unit="µs/call",
                ours=Summary.of([seconds * 1e6 for seconds in sides["ours"]]),
                baseline_name="raw httpx + .json()",
                baseline=Summary.of([seconds * 1e6 for seconds in sides["httpx"]]),
                target=TARGETS[kind],
                notes={
                    "rounds": rounds,
                    "calls_per_sample": single if kind == "single" else page,
                    "parse_only_us": {k: v for k, v in parse.items() if k.startswith(kind.replace("single", "chat"))},
                },
            )
        )
    return figures
