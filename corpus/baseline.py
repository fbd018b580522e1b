"""The baseline on the same specs: openapi-python-client, pinned by the bench (`benchmarks.baselines`).

For each spec: did it generate (exit code 0), does every module of its package import, and how
many operations it emitted, counted as its own layout has them: one module per endpoint under
`<package>/api/<tag>/` defining `sync_detailed`.

Its packages import `dateutil`, which neither its own virtualenv nor ours has; the import check
runs in its virtualenv with python-dateutil installed into a folder of its own under `.bench/`
(added to sys.path for the check only), so neither environment is changed.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from benchmarks import baselines
from benchmarks.procs import run_measured

from .model import Theirs, first_error_line
from .ours import Budget, import_all

RUNTIME = baselines.BENCH / "corpus-opc-runtime"
RUNTIME_REQUIREMENTS = ("python-dateutil==2.9.0.post0",)


def tool() -> baselines.PythonTool:
    """openapi-python-client from the bench's installer (raises `baselines.Unavailable`)."""
    return baselines.openapi_python_client()


def runtime(opc: baselines.PythonTool) -> Path:
    """A folder with what its generated packages import beyond its own virtualenv."""
    stamp = RUNTIME / ".installed"
    wanted = "\n".join(RUNTIME_REQUIREMENTS)
    if stamp.exists() and stamp.read_text() == wanted:
        return RUNTIME
    shutil.rmtree(RUNTIME, ignore_errors=True)
    pip = [str(opc.bin / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    baselines._quiet([*pip, "--target", str(RUNTIME), *RUNTIME_REQUIREMENTS])
    stamp.write_text(wanted)
    return RUNTIME


def package_of(out: Path) -> Path | None:
    """The package openapi-python-client wrote into `out` (the folder holding `client.py`)."""
    return next((p.parent for p in sorted(out.glob("*/client.py")) if (p.parent / "__init__.py").exists()), None)


def endpoints(package: Path) -> int:
    """Modules under `api/` that define `sync_detailed`: one per operation it emitted."""
    count = 0
    for module in (package / "api").rglob("*.py"):
        try:
            tree = ast.parse(module.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        if any(isinstance(node, ast.FunctionDef) and node.name == "sync_detailed" for node in tree.body):
            count += 1
    return count


def run(opc: baselines.PythonTool, extra: Path, spec: Path, out: Path, seconds: float) -> Theirs:
    budget = Budget(seconds)
    shutil.rmtree(out, ignore_errors=True)
    command = [str(opc.executable), "generate", "--path", str(spec), "--output-path", str(out)]
    done = run_measured(command, timeout=budget.left(), cwd=out.parent, env=opc.env())
    theirs = Theirs(exit_code=done.returncode, seconds=round(done.seconds, 3))
    if done.timed_out:
        theirs.error = f"timed out after {done.seconds:.0f} s"
        return theirs
    package = package_of(out) if done.returncode == 0 else None
    if package is None:
        theirs.error = first_error_line(done.stdout + "\n" + done.stderr) if done.returncode else "no package written"
        return theirs
    theirs.generated = True
    theirs.endpoints = endpoints(package)
    python = str(opc.bin / "python")
    theirs.imported, _, theirs.import_error = import_all(python, out, package.name, budget.left(), (extra,))
    return theirs
