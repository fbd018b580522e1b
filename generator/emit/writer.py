"""Writing a generated package: formatted, byte-identical for the same input, all or nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path


class WriteError(RuntimeError):
    """The package could not be written; the previous package, if any, is untouched."""


def _ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ruff", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def format_tree(root: Path) -> None:
    """Sort imports, drop unused ones and format every Python file under `root` with ruff."""
    config = ["--config", "line-length = 120", "--config", "target-version = 'py311'", "--no-cache"]
    fixed = _ruff("check", "--fix", "--select", "I,F401,RUF022", *config, "--exit-zero", ".", cwd=root)
    formatted = _ruff("format", *config, ".", cwd=root)
    for result in (fixed, formatted):
        if result.returncode != 0:
            raise WriteError(f"ruff failed on the generated code:\n{result.stdout}{result.stderr}")


def render_to_directory(files: Mapping[str, str], directory: Path) -> None:
    for relative, content in sorted(files.items()):
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")


def write_package(files: Mapping[str, str], out: Path, *, format_code: bool = True) -> list[Path]:
    """Replace the folder `out` by exactly `files`, atomically.

    The package is written and formatted in a sibling temporary folder; only when that has
    fully succeeded is it swapped into place. On any failure `out` is left as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        render_to_directory(files, staging)
        if format_code:
            format_tree(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        if out.exists():
            os.replace(out, retired)
        os.replace(staging, out)
    except OSError as exc:
        if retired.exists() and not out.exists():
            os.replace(retired, out)
        shutil.rmtree(staging, ignore_errors=True)
        raise WriteError(f"cannot replace {out}: {exc}") from exc
    shutil.rmtree(retired, ignore_errors=True)
    return sorted(out / relative for relative in files)
