"""`mypy --strict` on many generated packages per invocation, errors attributed by path.

Starting mypy and loading the stubs of pydantic and httpx costs more than checking a small
package, so packages are checked in batches (bounded by source size, so a batch finishes in
reasonable time), with one batch per parallel lane. Each lane keeps its own persistent cache
under `.bench/` (two mypy processes must not write one cache at once); later runs reuse them.

Packages have distinct import names, so one invocation can hold many. A blocking error (a
syntax error, a crash) stops mypy for the whole batch: the batch is then split in two and each
half checked again, down to the package that causes it. mypy runs from the project root with
its configuration, as the `lint` session checks the committed packages.
"""

from __future__ import annotations

import queue
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks import baselines
from benchmarks.procs import run_measured

CACHE = baselines.BENCH / "corpus-mypy-cache"
BATCH_BYTES = 3_000_000
BATCH_PACKAGES = 40


@dataclass(frozen=True)
class Package:
    key: str  # the spec id
    path: Path  # <out>/src/<package>

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*.py"))


@dataclass
class Verdict:
    clean: bool
    errors: int
    first: str | None


def batches(packages: Sequence[Package]) -> list[list[Package]]:
    """Consecutive groups of at most BATCH_PACKAGES packages and about BATCH_BYTES of source."""
    groups: list[list[Package]] = []
    current: list[Package] = []
    size = 0
    for package in packages:
        weight = package.size()
        if current and (size + weight > BATCH_BYTES or len(current) >= BATCH_PACKAGES):
            groups.append(current)
            current, size = [], 0
        current.append(package)
        size += weight
    if current:
        groups.append(current)
    return groups


def _attribute(output: str, group: Sequence[Package]) -> dict[str, Verdict]:
    """Errors by package, told apart by the import name after `/src/`, not by the whole path:
    mypy replays a cached module's errors under the path it was first checked at, which is
    an earlier run's folder when the same package comes back unchanged."""
    verdicts = {package.key: Verdict(True, 0, None) for package in group}
    keys = {package.path.name: package.key for package in group}
    for line in output.splitlines():
        if ": error:" not in line:
            continue
        module_path = line.split("/src/", 1)[-1]
        key = keys.get(module_path.split("/", 1)[0].split(".py:", 1)[0])
        if key is None:
            continue
        verdict = verdicts[key]
        if verdict.first is None:
            verdict.first = module_path[:400]
        verdict.clean = False
        verdict.errors += 1
    return verdicts


def _check(group: list[Package], cache: Path, timeout_per_package: float) -> dict[str, Verdict]:
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "--show-absolute-path"]
    command += ["--no-color-output", "--no-error-summary", "--hide-error-context"]
    command += [str(package.path.resolve()) for package in group]
    done = run_measured(command, timeout=60 + timeout_per_package * len(group), cwd=baselines.ROOT)
    if done.returncode in (0, 1) and not done.timed_out:
        return _attribute(done.stdout, group)
    if len(group) > 1:
        half = len(group) // 2
        return {**_check(group[:half], cache, timeout_per_package), **_check(group[half:], cache, timeout_per_package)}
    reason = f"timed out after {done.seconds:.0f} s" if done.timed_out else _blocking(done.stdout + done.stderr)
    return {group[0].key: Verdict(False, 1, reason)}


def _blocking(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    line = next((line for line in lines if "error" in line.lower()), lines[-1] if lines else "mypy failed")
    return line.split("/src/", 1)[-1][:400]


def check(
    packages: Sequence[Package],
    *,
    jobs: int,
    timeout_per_package: float = 120.0,
    log: Callable[[str], None] = print,
) -> dict[str, Verdict]:
    """spec id -> verdict for every package, `jobs` batches at a time."""
    groups = batches(packages)
    lanes: queue.Queue[Path] = queue.Queue()
    for lane in range(max(1, jobs)):
        path = CACHE / f"lane{lane}"
        path.mkdir(parents=True, exist_ok=True)
        lanes.put(path)

    def work(index: int, group: list[Package]) -> dict[str, Verdict]:
        cache = lanes.get()
        try:
            found = _check(group, cache, timeout_per_package)
        finally:
            lanes.put(cache)
        dirty = sum(1 for verdict in found.values() if not verdict.clean)
        log(f"mypy batch {index + 1}/{len(groups)}: {len(group)} packages, {dirty} with errors")
        return found

    verdicts: dict[str, Verdict] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for found in pool.map(work, range(len(groups)), groups):
            verdicts.update(found)
    return verdicts
