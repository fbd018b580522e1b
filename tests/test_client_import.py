"""`import <package>` of a generated client loads only what creating a client needs.

Start-up time is what a user's script pays on every run, so the models, the pages of list calls,
the drift report, the bodies of other media types and anyio (for async retries) are loaded on
first use. Nothing is timed here: a fresh interpreter imports the package and lists the modules
it loaded; then every public name still resolves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("linq_client", "sendblue_client")
# Modules of the package (and libraries) that `import <package>` must leave for later.
ON_FIRST_USE = ("._drift", "._pagination", "._media", "._models", ".types", ".resources", "anyio")


def run(code: str) -> str:
    """What `code` prints in a fresh interpreter that finds the committed packages."""
    paths = [str(ROOT / "generated" / name / "src") for name in ("linq", "sendblue")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def loaded_by_import(package: str) -> set[str]:
    before = "import json, sys\nbefore = set(sys.modules)\n"
    return set(json.loads(run(f"{before}import {package}\nprint(json.dumps(sorted(set(sys.modules) - before)))")))


@pytest.mark.parametrize("package", PACKAGES)
def test_import_leaves_what_a_call_needs_for_later(package: str) -> None:
    loaded = loaded_by_import(package)
    assert f"{package}._client" in loaded  # it did import the client
    for name in ON_FIRST_USE:
        module = f"{package}{name}" if name.startswith(".") else name
        assert not {m for m in loaded if m == module or m.startswith(module + ".")}, module


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_resolves(package: str) -> None:
    code = f"import {package}\nprint(sorted(name for name in {package}.__all__ if getattr({package}, name) is None))"
    assert run(code) == "[]\n"
