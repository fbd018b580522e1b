#!/usr/bin/env python3
"""Set up the project environment on first use, then run a nox session in it.

    python3 dev.py generate     # regenerate the clients (nox -s generate)
    python3 dev.py test         # every check CI runs (nox's default sessions)
    python3 dev.py -s bench     # any other nox arguments are passed through

Needs only Python 3.11+ with venv and pip. The environment lives in `.venv/` and is
reinstalled when pyproject.toml changes, with uv (fetched into the environment with pip when it
is not on PATH; `DEV_NO_UV=1` uses pip alone).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
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
    started = time.monotonic()
    if not (BIN / "python").exists():
        print(f"dev.py: creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = [f"{ROOT}[dev]"]
    # The project itself as a plain path entry (`compat`): no import hook runs at each start-up.
    editable = ["-e", *target, "--config-settings", "editable_mode=compat"]
    uv = _uv()
    installed = False
    if uv is not None:
        print("dev.py: installing the project and its dev tools with uv", flush=True)
        # Byte code compiled at install, as pip does and uv does not by default: the test suite
        # starts a few hundred interpreters (CLI runs, mock servers, pytest and mypy runs) and,
        # under PYTHONDONTWRITEBYTECODE, none would keep what it compiled. Importing hypothesis,
        # schemathesis, pydantic and httpx then takes 0.33 s of CPU instead of 0.75 s.
        command = [uv, "pip", "install", "--python", str(BIN / "python"), "--compile-bytecode", *editable]
        installed = subprocess.run(command, cwd=ROOT).returncode == 0
        if not installed:
            print("dev.py: uv could not install; trying pip", flush=True)
    if not installed:
        print("dev.py: installing the project and its dev tools with pip (a few minutes)", flush=True)
        pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar=off"]
        subprocess.run([*pip, *editable], check=True, cwd=ROOT)
    keep_pytest_rewrites()
    STAMP.write_text(wanted)
    print(f"dev.py: environment ready in {time.monotonic() - started:.0f} s", flush=True)


def keep_pytest_rewrites() -> None:
    """Have pytest keep its assertion-rewritten copies of the plugin packages' modules.

    pytest rewrites every module of a distribution with a pytest plugin (hypothesis, schemathesis,
    anyio...), about 300 when it loads them. Under PYTHONDONTWRITEBYTECODE it cannot keep the
    result, and each pytest process of the suite (the two workers, the contract session and the
    25 or so pytest runs that tests start) rewrote them again: 2.3 s of CPU to start one, 1.2 s
    with them kept. It does read kept copies under that variable. One collection of an empty
    folder with writing allowed keeps them, in the environment's site-packages only.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as empty:
        command = [str(BIN / "python"), "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        subprocess.run(command, cwd=empty, env=env, stdout=subprocess.DEVNULL, check=False)


def _uv() -> str | None:
    """The uv binary: on PATH, in the venv, or installed into the venv with pip (a few seconds).

    None when it cannot be had (no network for it, an unsupported platform): pip is used then.
    `DEV_NO_UV=1` forces pip.
    """
    if os.environ.get("DEV_NO_UV"):
        return None
    for candidate in (BIN / ("uv.exe" if os.name == "nt" else "uv"), shutil.which("uv")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    print("dev.py: fetching uv into the environment", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q", "uv"]
    if subprocess.run(pip, cwd=ROOT).returncode != 0:
        return None
    found = BIN / ("uv.exe" if os.name == "nt" else "uv")
    return str(found) if found.exists() else None


# `dev.py test` without arguments: nox's default sessions (nox.options.sessions in noxfile.py,
# which tests/test_dev_script.py holds this to). The sessions that run in one process each go two
# at a time, contract beside lint, validate and check (about 17 s and 12 s, one core each), its
# output printed whole when it ends; then tests, which uses every core.
SIDE_BY_SIDE = (("lint", "validate", "check"), ("contract",))
AFTER = ("tests",)


def main(argv: list[str]) -> int:
    aliases = {"generate": ["-s", "generate"], "test": [], "tests": []}
    nox_args = aliases.get(argv[0], argv) if argv else []
    if argv and argv[0] in aliases:
        nox_args = [*nox_args, *argv[1:]]
    ensure_environment()
    env = {**os.environ, "VIRTUAL_ENV": str(VENV), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    nox = [str(BIN / "python"), "-m", "nox", "--no-venv"]
    if not nox_args:
        return default_sessions(nox, env)
    return subprocess.run([*nox, *nox_args], cwd=ROOT, env=env).returncode


def default_sessions(nox: list[str], env: dict[str, str]) -> int:
    """Every default session, as `nox` runs them, the single-process ones side by side: the exit
    status of the first that failed, else 0."""
    live, buffered = SIDE_BY_SIDE
    with tempfile.TemporaryFile() as output:
        beside = subprocess.Popen([*nox, "-s", *buffered], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        codes = [subprocess.run([*nox, "-s", *live], cwd=ROOT, env=env).returncode, beside.wait()]
        output.seek(0)
        sys.stdout.flush()
        shutil.copyfileobj(output, sys.stdout.buffer)
        sys.stdout.flush()
    codes.append(subprocess.run([*nox, "-s", *AFTER], cwd=ROOT, env=env).returncode)
    return next((code for code in codes if code != 0), 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
