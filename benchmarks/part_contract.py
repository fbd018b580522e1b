"""Part "contract": wall time of the contract suite for each API against the mock.

The suite is split by API with pytest's `-k`: `sendblue` selects the Sendblue tests; Linq is
`not sendblue`, because several Linq test modules (message lifecycle, message rules) do not
carry "linq" in their names. Each run starts its own mocks, as `nox -s contract` does, with
a fixed Hypothesis seed so rounds run the same examples.

There is no tool doing what the suite does, so the figure has no target. For scale it is shown
next to a plain Schemathesis CLI run (`st run`, default phases, same spec, same number of examples
per operation, one worker) against a fresh mock process in stateful mode (started outside the
timed region): the suite adds business-rule properties, link-driven state machines and pagination
walks on top of what that run covers, so its time is expected to be a multiple of it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

from .context import Context
from .procs import Run, background, free_port, run_measured
from .stats import Figure, interleaved, summary_or_none

SELECTIONS = {"linq": "not sendblue", "sendblue": "sendblue"}
AUTH = {
    "linq": ["Authorization: Bearer bench-key"],
    "sendblue": ["sb-api-key-id: bench-id", "sb-api-secret-key: bench-secret"],
}
SEED = "0"


def summary_line(output: str) -> str:
    """The closing line of pytest or Schemathesis ("71 passed in 37.97s")."""
    lines = [line.strip("= ").strip() for line in output.splitlines() if line.strip()]
    for line in reversed(lines):
        if re.search(r"\b(passed|failed|failures?|errors?|no tests ran)\b", line):
            return line
    return lines[-1] if lines else ""


def suite_run(ctx: Context, api: str, max_examples: int) -> Run:
    command = [ctx.python, "-m", "pytest", "contract_tests", "-q", "-p", "no:cacheprovider"]
    command += ["-k", SELECTIONS[api], f"--hypothesis-seed={SEED}"]
    env = {**os.environ, "CONTRACT_MAX_EXAMPLES": str(max_examples)}
    return run_measured(command, timeout=300, cwd=ctx.root, env=env)


def schemathesis_run(ctx: Context, api: str, max_examples: int) -> Run:
    spec = ctx.root / "spec" / f"{api}.yaml"
    port = free_port()
    mock = [ctx.python, "-m", "contract_tests.mock", str(spec), "--mode", "stateful", "--port", str(port)]
    st = Path(ctx.python).with_name("st")
    command = [str(st), "run", str(spec), "--url", f"http://127.0.0.1:{port}", "--max-examples", str(max_examples)]
    command += ["--workers", "1", "--seed", SEED, "--no-color"]
    for header in AUTH[api]:
        command += ["-H", header]
    # A fresh working folder per run: Schemathesis keeps the failures it found in `.schemathesis/`
    # under its working folder and replays them next time, which would make rounds unequal (and
    # litter the project).
    scratch = ctx.work / f"st-{api}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    with background(mock, port=port, cwd=ctx.root, log=ctx.work / f"st-mock-{api}.log"):
        return run_measured(command, timeout=300, cwd=scratch)


def run(ctx: Context) -> list[Figure]:
    rounds = ctx.rounds(full=1, quick=1)
    max_examples = 2 if ctx.quick else 12
    sides = ["suite"] if ctx.quick else ["suite", "st run"]
    seconds: dict[tuple[str, str], list[float]] = defaultdict(list)
    summaries: dict[tuple[str, str], str] = {}
    failures: dict[tuple[str, str], str] = {}
    for round_index in range(rounds):
        for api in SELECTIONS:
            for side in interleaved(round_index, sides):
                done = (
                    suite_run(ctx, api, max_examples) if side == "suite" else schemathesis_run(ctx, api, max_examples)
                )
                summaries[(api, side)] = summary_line(done.stdout)
                ctx.log(f"contract {api} {side}: {done.seconds:.1f} s ({summaries[(api, side)]})")
                # `st run` exits 1 when it reports findings (the suite's own configuration excludes
                # checks that do not apply to the mock); only a crash or time-out spoils its time.
                finished = done.ok or (side == "st run" and done.returncode == 1 and not done.timed_out)
                if finished:
                    seconds[(api, side)].append(done.seconds)
                else:
                    failures[(api, side)] = done.failure()
    figures = []
    for api in SELECTIONS:
        figures.append(
            Figure(
                part="contract",
                name=f"contract suite {api}: wall time",
                unit="s",
                ours=summary_or_none(seconds[(api, "suite")]),
                baseline_name="st run (same spec, mock, max examples)",
                baseline=summary_or_none(seconds[(api, "st run")]),
                notes={
                    "selection": f"-k '{SELECTIONS[api]}'",
                    "max_examples": max_examples,
                    "rounds": rounds,
                    "suite": summaries.get((api, "suite")),
                    "st run": summaries.get((api, "st run")),
                },
                error="; ".join(f"{side}: {why}" for (name, side), why in failures.items() if name == api) or None,
                skipped="st run skipped in --quick" if ctx.quick else None,
            )
        )
    return figures
