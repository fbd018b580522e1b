"""Our side of one spec: generate with the CLI, import every module, run the round-trip worker.

Everything runs in child processes, as a user would run it, each with what is left of the spec's
time budget: a spec that hangs one step is stopped and reported, and the run goes on.
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.procs import run_measured

from . import roundtrip
from .model import CallFailure, Ours, first_error_line

ROOT = Path(__file__).resolve().parent.parent
IMPORT_CHECK = Path(__file__).resolve().parent / "import_check.py"
_OPERATIONS = re.compile(r"(\d+) operations")


@dataclass
class Budget:
    """What is left of a spec's time allowance."""

    seconds: float
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.monotonic()

    def left(self) -> float:
        return max(1.0, self.seconds - (time.monotonic() - self.started))


def generate(spec: Path, out: Path, package: str, budget: Budget, python: str = sys.executable) -> Ours:
    command = [python, "-m", "generator", "generate", str(spec), "--out", str(out), "--package", package]
    done = run_measured(command, timeout=budget.left(), cwd=ROOT)
    ours = Ours(exit_code=done.returncode, seconds=round(done.seconds, 3))
    if done.timed_out:
        ours.error = f"timed out after {done.seconds:.0f} s"
    elif done.returncode != 0:
        ours.error = first_error_line(done.stderr or done.stdout)
    else:
        ours.generated = True
        found = _OPERATIONS.search(done.stdout)
        ours.reported_operations = int(found.group(1)) if found else None
    return ours


def import_all(
    python: str, src: Path, package: str, timeout: float, extra_paths: tuple[Path, ...] = ()
) -> tuple[bool, int | None, str | None]:
    """(imported, modules, error): every module of `package` imported in a fresh `python -I`."""
    command = [python, "-I", str(IMPORT_CHECK), str(src), package, *map(str, extra_paths)]
    done = run_measured(command, timeout=timeout, cwd=src)
    if done.timed_out:
        return False, None, f"timed out after {done.seconds:.0f} s"
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return False, None, first_error_line(done.stderr or done.stdout)
    if report["failed"]:
        return False, report["modules"], f"{report['failed']}: {report['error']}"
    return True, report["modules"], None


def check_import(ours: Ours, src: Path, package: str, budget: Budget) -> None:
    ours.imported, ours.modules, ours.import_error = import_all(sys.executable, src, package, budget.left())


def round_trip(ours: Ours, spec: Path, src: Path, package: str, budget: Budget, scratch: Path) -> None:
    """Run the worker with the budget left; it stops calling at its deadline, we kill it later."""
    seconds = budget.left()
    out = scratch / "roundtrip.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, "-I", "-c", roundtrip.bootstrap(ROOT), str(spec), str(src), package, str(out)]
    done = run_measured([*command, f"{max(1.0, seconds - 5):.1f}"], timeout=seconds + 10, cwd=scratch)
    ours.roundtrip_seconds = round(done.seconds, 3)
    if not out.exists():
        reason = f"timed out after {done.seconds:.0f} s" if done.timed_out else first_error_line(done.stderr)
        ours.roundtrip_error = f"worker: {reason}"
        return
    found: dict[str, Any] = json.loads(out.read_text())
    ours.roundtrip_error = found["error"]
    ours.ir_operations = found["ir_operations"]
    ours.client_methods = found["client_methods"]
    ours.missing_methods = found["missing_methods"]
    ours.mock_violations = found["mock_violations"]
    calls = found["calls"]
    ours.calls = len(calls)
    ours.calls_ok = sum(1 for call in calls if call["kind"] == "ok")
    ours.call_failures = [
        CallFailure(call["operation"], call["method"], call["path"], call["kind"], call["error"] or "")
        for call in calls
        if call["kind"] != "ok"
    ]
    ours.calls_off_spec = [
        f"{call['operation']}: {call['error']}" for call in calls if call["kind"] == "ok" and call["error"]
    ]


def run(spec: Path, out: Path, package: str, seconds: float, *, roundtrip_calls: bool = True) -> Ours:
    """Generate, import and (unless skipped) round-trip one spec within `seconds` in all."""
    budget = Budget(seconds)
    ours = generate(spec, out, package, budget)
    if not ours.generated:
        return ours
    src = out / "src"
    check_import(ours, src, package, budget)
    if ours.imported and roundtrip_calls:
        round_trip(ours, spec, src, package, budget, out)
    return ours
