"""Part "setup": a new user's first two commands, from a fresh clone.

The committed tree (`git clone` of HEAD, so uncommitted changes are not measured) is cloned into
a temporary folder, then the README's two commands run in it, one after the other, each timed
from outside:

- `python3 dev.py generate`: creates `.venv/`, installs the project and its tools (uv, fetched
  with pip, or pip alone), and regenerates every client;
- `python3 dev.py test`: every check CI runs, in the environment the first command made.

The package caches of the machine (pip's, uv's, npm's) are allowed, as they would be on a
developer's machine or a CI runner with a cache; nothing else is shared with this checkout. The
targets are absolute (45 s and 4 minutes on 2 cores): there is no other tool doing the same
job to compare with.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .context import Context
from .procs import run_measured
from .stats import Figure, Summary, Target

GENERATE_TARGET = Target("ours", "<=", 45.0)
TEST_TARGET = Target("ours", "<=", 240.0)
# What a developer's own run may carry that the fresh clone must not see.
DROPPED = ("VIRTUAL_ENV", "PYTHONPATH", "CI", "NOX_DEFAULT_VENV_BACKEND")


def _env() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in DROPPED}
    # The system interpreter, not this checkout's venv: `python3` as a new user types it.
    venv_bin = os.path.dirname(sys.executable)
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if part != venv_bin)
    return env


def run(ctx: Context) -> list[Figure]:
    if ctx.quick:
        return [
            Figure(part="setup", name="fresh clone: python3 dev.py generate", unit="s", ours=None, skipped="--quick"),
        ]
    python3 = shutil.which("python3", path=_env()["PATH"]) or "python3"
    scratch = Path(tempfile.mkdtemp(prefix="setup-", dir=ctx.work))
    clone = scratch / "clone"
    try:
        subprocess.run(["git", "clone", "-q", str(ctx.root), str(clone)], check=True)
        ctx.log(f"setup: fresh clone in {clone}")
        generate = run_measured([python3, "dev.py", "generate"], timeout=1800, cwd=clone, env=_env())
        ctx.log(f"setup: dev.py generate {generate.seconds:.1f} s (exit {generate.returncode})")
        drift = subprocess.run(["git", "status", "--porcelain", "generated"], cwd=clone, capture_output=True, text=True)
        test = run_measured([python3, "dev.py", "test"], timeout=3600, cwd=clone, env=_env())
        ctx.log(f"setup: dev.py test {test.seconds:.1f} s (exit {test.returncode})")
        if not test.ok:
            log = ctx.work / "setup-test.log"
            log.write_text(f"{test.stdout}\n--- stderr ---\n{test.stderr}", encoding="utf-8")
            ctx.log(f"setup: dev.py test output in {log}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [
        Figure(
            part="setup",
            name="fresh clone: python3 dev.py generate",
            unit="s",
            ours=Summary.of([generate.seconds]),
            target=GENERATE_TARGET,
            conditions={"generated/ unchanged": generate.ok and not drift.stdout.strip()},
            notes={"includes": "venv, install with uv, regenerating both clients"},
            error=None if generate.ok else generate.failure(),
        ),
        Figure(
            part="setup",
            name="fresh clone: python3 dev.py test",
            unit="s",
            ours=Summary.of([test.seconds]),
            target=TEST_TARGET,
            conditions={"green": test.ok},
            notes={"cores": os.cpu_count()},
            error=None if test.ok else _test_failure(test.failure(), test.stdout + test.stderr),
        ),
    ]


_FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)


def _test_failure(reason: str, output: str) -> str:
    """The run's one-line reason, with the tests that failed (pytest's summary lines) when it names any:
    "exit 1: nox > Session tests failed." alone cannot tell a flaky test from a broken one."""
    failed = list(dict.fromkeys(_FAILED.findall(output)))
    if not failed:
        return reason
    shown = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
    return f"{reason} (failed: {shown})"
