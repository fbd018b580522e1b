"""One corpus run: every selected spec through our side and the baseline, then mypy, in parallel.

Specs are independent, so `jobs` of them run at once (threads that each drive child
processes). Each spec gets a private folder under `.bench/corpus-work/<run>/`, removed at the
end unless `keep` is set. mypy runs after all generation, in batches (see `typecheck`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks import baselines

from . import baseline, ours, typecheck
from .model import Row, Theirs
from .source import Spec

WORK = baselines.BENCH / "corpus-work"


@dataclass(frozen=True)
class Options:
    jobs: int = os.cpu_count() or 1
    timeout: float = 120.0  # per spec and side
    baseline: bool = True
    mypy: bool = True
    roundtrip: bool = True
    keep: bool = False


@dataclass
class Run:
    rows: list[Row]
    seconds: float
    work: Path
    baseline_version: str | None
    baseline_error: str | None  # why the baseline could not run at all


def package_names(specs: list[Spec]) -> dict[str, str]:
    """A distinct, valid import name per spec id (`apideck.com/crm` -> `c_apideck_com_crm`)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for spec in specs:
        base = "c_" + re.sub(r"\W+", "_", spec.id.lower()).strip("_")[:60]
        name, counter = base, 2
        while name in taken:
            name, counter = f"{base}_{counter}", counter + 1
        taken.add(name)
        names[spec.id] = name
    return names


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(baselines.ROOT))
    except ValueError:
        return str(path)


def compile_sources() -> None:
    """Compile our sources to bytecode first, as installing a package does (and as the bench does,
    `benchmarks.context.Context.prepare`): openapi-python-client comes precompiled from pip, and
    with PYTHONDONTWRITEBYTECODE set (as on CI machines) our side would otherwise compile every
    module of the generator again in each spec's generation (~50 ms of CPU time each)."""
    folders = ["generator", "corpus", "contract_tests", "benchmarks"]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], cwd=baselines.ROOT, check=True)


def run(specs: list[Spec], options: Options, log: Callable[[str], None] = print) -> Run:
    started = time.monotonic()
    compile_sources()
    WORK.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=time.strftime("run-%Y%m%d-%H%M%S-"), dir=WORK))
    names = package_names(specs)
    opc: baselines.PythonTool | None = None
    opc_runtime: Path | None = None
    baseline_error = None
    if options.baseline:
        try:
            opc = baseline.tool()
            opc_runtime = baseline.runtime(opc)
        except baselines.Unavailable as exc:
            baseline_error = str(exc)
            log(f"corpus: the baseline is unavailable: {exc}")
    finished: list[Row] = []
    lock = threading.Lock()

    def one(spec: Spec) -> Row:
        folder = work / names[spec.id]
        folder.mkdir()
        row = Row(spec.id, _relative(spec.path), spec.openapi, spec.operations, spec.size, names[spec.id])
        row.ours = ours.run(spec.path, folder / "ours", row.package, options.timeout, roundtrip_calls=options.roundtrip)
        if opc is not None and opc_runtime is not None:
            # Kept until the run ends, as ours are: on a file system that checks recently freed
            # inodes before reusing any (ext4 without a journal), removing a package here would
            # slow the next spec's file creation for minutes, whichever tool it is.
            row.theirs = baseline.run(opc, opc_runtime, spec.path, folder / "theirs", options.timeout)
        elif options.baseline:
            row.theirs = Theirs(error=baseline_error)
        with lock:
            finished.append(row)
            log(f"[{len(finished)}/{len(specs)}] {_progress(row)}")
        return row

    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        rows = list(pool.map(one, specs))
    if options.mypy:
        packages = [
            typecheck.Package(row.id, work / row.package / "ours" / "src" / row.package)
            for row in rows
            if row.ours.imported
        ]
        log(f"corpus: mypy --strict on {len(packages)} packages")
        verdicts = typecheck.check(packages, jobs=options.jobs, log=log)
        for row in rows:
            verdict = verdicts.get(row.id)
            if verdict is not None:
                row.ours.mypy_clean, row.ours.mypy_errors, row.ours.mypy_error = (
                    verdict.clean,
                    verdict.errors,
                    verdict.first,
                )
    if not options.keep:
        shutil.rmtree(work, ignore_errors=True)
    version = opc.version if opc is not None else None
    return Run(rows, time.monotonic() - started, work, version, baseline_error)


def _progress(row: Row) -> str:
    o = row.ours
    if not o.generated:
        text = f"{row.id}: ours FAILED ({o.error})"
    else:
        text = f"{row.id}: ours {o.seconds:.1f} s"
        if o.imported is False:
            text += f", import FAILED ({o.import_error})"
        elif o.client_methods is not None:
            text += f", {o.client_methods}/{row.operations} ops, {o.calls_ok}/{o.calls} calls ok"
        elif o.roundtrip_error:
            text += f", round trip FAILED ({o.roundtrip_error})"
    if row.theirs is not None:
        t = row.theirs
        text += f"; theirs {'ok' if t.generated else 'failed'}" + (f" {t.seconds:.1f} s" if t.seconds else "")
    return text
