#!/usr/bin/env python3
"""Set up the project environment on first use, then run a nox session in it.

    python3 dev.py generate     # regenerate the clients (nox -s generate)
    python3 dev.py test         # every check CI runs (nox, default sessions)
    python3 dev.py -s bench     # any other nox arguments are passed through

Needs only Python 3.11+ with venv and pip. The environment lives in `.venv/` and is
reinstalled when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def ensure_environment() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"dev.py: creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("dev.py: installing the project and its dev tools", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True, cwd=ROOT)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    aliases = {"generate": ["-s", "generate"], "test": [], "tests": []}
    nox_args = aliases.get(argv[0], argv) if argv else []
    if argv and argv[0] in aliases:
        nox_args = [*nox_args, *argv[1:]]
    ensure_environment()
    env = {**os.environ, "VIRTUAL_ENV": str(VENV), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([str(BIN / "python"), "-m", "nox", "--no-venv", *nox_args], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
