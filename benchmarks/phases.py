"""Where the time of one `python -m generator generate` goes: a phase-by-phase account.

`python -m benchmarks.phases SPEC [SPEC ...] [--rounds N]` runs the command as a user would (a
fresh interpreter per round, the same arguments, a new output folder each round, all removed at
the end: removing a package before the next round would slow that round's file creation on a
file system that checks recently freed inodes) with a timing hook loaded first, and prints the
median of each figure over the rounds:

- `interpreter`: `python -c pass` with the same interpreter (site, the venv's `.pth` files);
- `imports`: time spent executing modules (each counted once, at its outermost import,
  wherever in the run that happens: a module imported only when needed is counted only when
  it is);
- the stages, each without the imports made inside it: `load` (read the spec, its `$ref`s, the
  quick meta-schema check: `validate`), `build` (the IR), `render` (the package's files),
  `format` (ruff), `write` (files written, swapped into place, folders removed), `fsync`, and
  what is left of the command (`rest`);
- `wall`: the whole command, measured from outside.

Each figure is given twice: in wall time, and in CPU time (the process and its children: ruff),
which other work on the machine disturbs less.

The figures are a tool for finding where to cut, not a benchmark against other tools (see
`python -m benchmarks`); the hook costs a few microseconds per wrapped call.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (phase, module, attribute path): the functions timed. A phase is counted once where its
# functions nest (`write_package` calls `render_to_directory`); `validate` is part of `load`.
POINTS = (
    ("load", "generator.document.loader", "inspect_spec"),
    ("validate", "generator.document.loader", "_schema_problems"),
    ("build", "generator.ir.build.api", "Builder.build"),
    ("render", "generator.emit.package", "package_files"),
    ("format", "generator.emit.writer", "format_tree"),
    ("write", "generator.emit.writer", "render_to_directory"),
    ("write", "generator.emit.writer", "recover"),
    ("write", "generator.emit.writer", "_swap_into_place"),
    ("write", "generator.emit.writer", "_remove"),
    ("fsync", "generator.emit.writer", "_fsync_tree"),
    ("fsync", "generator.emit.writer", "_fsync_dir"),
)
ORDER = ("interpreter", "imports", "load", "validate", "build", "render", "format", "write", "fsync", "rest", "wall")

# The hook, run in the child before the generator: wraps the points as their modules load and
# counts the time spent executing modules. Its report goes to the file named by argv[1].
_HOOK = r"""
import importlib.abc, importlib.machinery, json, sys, time
import resource

def _cpu():
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime

_clock = time.perf_counter
_start = _clock()
_start_cpu = _cpu()
_report_path = sys.argv.pop(1)
_points = json.loads(sys.argv.pop(1))
_spent = {}          # phase -> seconds, without the imports made inside
_spent_cpu = {}      # the same in CPU seconds (this process and its children, ruff)
_imports = [0.0]     # seconds executing modules (outermost imports only)
_imports_cpu = [0.0]
_depth = [0]         # module executions in progress
_active = []         # phases in progress (a phase nested in itself counts once)

def _wrap(phase, function):
    def timed(*args, **kwargs):
        if phase in _active:
            return function(*args, **kwargs)
        _active.append(phase)
        before, before_cpu = _imports[0], _imports_cpu[0]
        started, started_cpu = _clock(), _cpu()
        try:
            return function(*args, **kwargs)
        finally:
            _active.remove(phase)
            elapsed = _clock() - started - (_imports[0] - before)
            elapsed_cpu = _cpu() - started_cpu - (_imports_cpu[0] - before_cpu)
            _spent[phase] = _spent.get(phase, 0.0) + elapsed
            _spent_cpu[phase] = _spent_cpu.get(phase, 0.0) + elapsed_cpu
    timed.__wrapped__ = function
    return timed

def _patch(module):
    if module.__name__ == "generator.cli":
        module.main = _main_then_report(module.main)
    for phase, name, path in _points:
        if name != module.__name__:
            continue
        owner, *rest = path.split(".")
        if not rest:
            setattr(module, owner, _wrap(phase, getattr(module, owner)))
        else:
            cls = getattr(module, owner)
            setattr(cls, rest[0], _wrap(phase, getattr(cls, rest[0])))

class _Timed(importlib.abc.Loader):
    def __init__(self, loader):
        self.loader = loader
    def create_module(self, spec):
        return self.loader.create_module(spec)
    def exec_module(self, module):
        _depth[0] += 1
        started, started_cpu = _clock(), _cpu()
        try:
            self.loader.exec_module(module)
        finally:
            _depth[0] -= 1
            if _depth[0] == 0:
                _imports[0] += _clock() - started
                _imports_cpu[0] += _cpu() - started_cpu
        _patch(module)
    def __getattr__(self, name):
        return getattr(self.loader, name)

class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Timed(spec.loader)
                return spec
        return None

def _report(code):
    total, total_cpu = _clock() - _start, _cpu() - _start_cpu
    with open(_report_path, "w") as out:
        report = {"phases": _spent, "imports": _imports[0], "main": total, "code": code}
        report["cpu"] = {"phases": _spent_cpu, "imports": _imports_cpu[0], "main": total_cpu}
        json.dump(report, out)

def _main_then_report(main):
    # Reported as soon as the command is done: what the process does after it (exit) is only in
    # the wall time measured from outside.
    def run(*args, **kwargs):
        code = None
        try:
            code = main(*args, **kwargs)
            return code
        finally:
            _report(code)
    return run

sys.meta_path.insert(0, _Finder())
for _name in list(sys.modules):  # already imported (by site): patch them too
    if any(_name == p[1] for p in _points):
        _patch(sys.modules[_name])
import runpy
sys.argv[0] = "generator"
runpy.run_module("generator", run_name="__main__", alter_sys=True)
"""


def run_once(python: str, spec: Path, workdir: Path) -> tuple[dict[str, float], dict[str, float]]:
    """One generation with the hook: the figures of ORDER in wall seconds, and in CPU seconds."""
    report = workdir / "report.json"
    out = workdir / "out"
    points = json.dumps([list(point) for point in POINTS])
    command = [
        python,
        "-c",
        _HOOK,
        str(report),
        points,
        "generate",
        str(spec),
        "--out",
        str(out),
        "--package",
        "x_client",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{spec}: generation failed:\n{done.stdout}{done.stderr}")
    found = json.loads(report.read_text())
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    results = []
    for figures_in, whole in ((found, wall), (found["cpu"], cpu)):
        phases: dict[str, float] = dict(figures_in["phases"])
        figures = {"wall": whole, "imports": figures_in["imports"], **phases}
        outer = sum(value for key, value in phases.items() if key != "validate")
        figures["rest"] = figures_in["main"] - figures_in["imports"] - outer
        results.append(figures)
    return results[0], results[1]


def _interpreter(python: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([python, "-c", "pass"], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.phases", description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    parser.add_argument("--rounds", type=int, default=7, help="runs per spec; medians are shown (default 7)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter to run the generator with")
    parser.add_argument("--json", type=Path, help="also write the medians here")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="phases-") as temp:
        for spec in args.specs:
            samples: dict[str, dict[str, list[float]]] = {"wall": {}, "cpu": {}}
            for round_index in range(args.rounds):
                workdir = Path(temp) / f"{len(results)}-{round_index}"
                workdir.mkdir()
                wall, cpu = run_once(args.python, spec.resolve(), workdir)
                wall["interpreter"], cpu["interpreter"] = _interpreter(args.python)
                for kind, figures in (("wall", wall), ("cpu", cpu)):
                    for key, value in figures.items():
                        samples[kind].setdefault(key, []).append(value)
            results[str(spec)] = {}
            for kind in ("wall", "cpu"):
                medians = {key: statistics.median(values) for key, values in samples[kind].items()}
                results[str(spec)][kind] = medians
                shown = "  ".join(f"{key} {1000 * medians[key]:.1f}" for key in ORDER if key in medians)
                print(f"{spec.name} ({kind}): {shown}  (ms, median of {args.rounds})", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
