"""The baselines, installed at bench time under `.bench/` (git-ignored) and reused afterwards.

- openapi-python-client, pinned, in a virtualenv of its own: its pinned dependencies must not
  meet ours.
- Prism 5 (`@stoplight/prism-cli`) and the GitHub REST spec (`@octokit/openapi`), pinned, from
  npm into `.bench/node`.
- datamodel-code-generator comes with the project's dev extras (whatever version those resolve
  to; results.json records it).

Each installer returns what it installed or raises `Unavailable` with the reason, which the
parts report as that baseline's error instead of stopping the whole run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".bench"

OPENAPI_PYTHON_CLIENT = "openapi-python-client==0.29.1"
NPM_PACKAGES = {"@stoplight/prism-cli": "5.9.0", "@octokit/openapi": "23.0.2"}
GITHUB_SPEC = "generated/api.github.com.json"  # inside @octokit/openapi: the public REST API of github.com


class Unavailable(RuntimeError):
    """A baseline could not be installed here (no npm, no network...)."""


@dataclass(frozen=True)
class PythonTool:
    """A console script living in its own virtualenv; `bin` goes first on PATH when it runs, so
    the tool finds its own helpers (openapi-python-client runs `ruff` after generating)."""

    executable: Path
    bin: Path
    version: str

    def env(self) -> dict[str, str]:
        return {**os.environ, "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}"}


def _quiet(command: list[str], cwd: Path | None = None, timeout: float = 600) -> None:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(f"{' '.join(command[:3])}...: {exc}") from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise Unavailable(f"{' '.join(command[:4])}... failed: {' / '.join(tail)}")


def openapi_python_client() -> PythonTool:
    """openapi-python-client in `.bench/venvs/<pin>` (created once; the pin names the folder)."""
    home = BENCH / "venvs" / OPENAPI_PYTHON_CLIENT.replace("==", "-")
    bin_dir = home / ("Scripts" if os.name == "nt" else "bin")
    stamp = home / ".installed"
    if not stamp.exists():
        if home.exists():
            shutil.rmtree(home)
        print(f"bench: installing {OPENAPI_PYTHON_CLIENT} into {home.relative_to(ROOT)}", flush=True)
        venv.EnvBuilder(with_pip=True).create(home)
        pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        _quiet([*pip, OPENAPI_PYTHON_CLIENT])
        stamp.write_text(OPENAPI_PYTHON_CLIENT)
    return PythonTool(bin_dir / "openapi-python-client", bin_dir, OPENAPI_PYTHON_CLIENT.split("==")[1])


def node_packages() -> Path:
    """`.bench/node` with the pinned npm packages installed; its `node_modules` folder."""
    home = BENCH / "node"
    modules = home / "node_modules"
    if all(_npm_version(modules, name) == version for name, version in NPM_PACKAGES.items()):
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is not installed (Prism and the GitHub spec come from npm)")
    home.mkdir(parents=True, exist_ok=True)
    manifest = {"name": "bench-baselines", "private": True, "dependencies": NPM_PACKAGES}
    (home / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"bench: npm install {' '.join(f'{n}@{v}' for n, v in NPM_PACKAGES.items())} into .bench/node", flush=True)
    _quiet([npm, "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=home)
    return modules


def _npm_version(modules: Path, name: str) -> str | None:
    manifest = modules / name / "package.json"
    if not manifest.exists():
        return None
    version: str = json.loads(manifest.read_text())["version"]
    return version


def prism() -> tuple[list[str], str]:
    """The command that starts Prism (node + its CLI script) and its version."""
    modules = node_packages()
    node = shutil.which("node")
    if node is None:
        raise Unavailable("node is not installed")
    script = modules / ".bin" / "prism"
    return [node, str(script.resolve())], NPM_PACKAGES["@stoplight/prism-cli"]


def github_spec() -> Path:
    """The GitHub REST API description shipped in `@octokit/openapi` (1,200+ operations)."""
    spec = node_packages() / "@octokit" / "openapi" / GITHUB_SPEC
    if not spec.exists():
        raise Unavailable(f"{spec} is missing from @octokit/openapi {NPM_PACKAGES['@octokit/openapi']}")
    return spec


def python_version_of(distribution: str) -> str:
    """The installed version of a distribution in the bench's own environment ("-" if absent)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "-"


def python() -> str:
    """The interpreter that runs our side (the project's environment)."""
    return sys.executable
