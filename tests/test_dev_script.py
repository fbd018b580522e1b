"""`python3 dev.py test` runs nox's default sessions, each once."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_{name}_under_test", ROOT / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_test_runs_the_default_sessions_each_once() -> None:
    dev, noxfile = load("dev"), load("noxfile")
    planned = [*(name for group in dev.SIDE_BY_SIDE for name in group), *dev.AFTER]
    assert sorted(planned) == sorted(noxfile.nox.options.sessions)
