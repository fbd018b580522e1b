"""`generated/` is exactly what the generator makes from the current specs and templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build_api
from generator.config import load_targets
from generator.emit import package_files
from generator.writer import render_formatted
from tests.conftest import ROOT

TARGETS = load_targets(ROOT / "pyproject.toml")


@pytest.mark.parametrize("target", TARGETS, ids=[t.package for t in TARGETS])
def test_generated_package_matches_the_spec(target):
    expected = render_formatted(package_files(build_api(target.spec), target))
    on_disk = {
        path.relative_to(target.out).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(Path(target.out).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    stale = sorted(name for name in expected if on_disk.get(name) != expected[name])
    extra = sorted(set(on_disk) - set(expected))
    assert not stale and not extra, (
        f"{target.out} is out of date (changed: {stale}, not generated: {extra}); run `python3 dev.py generate`"
    )


def test_generation_is_deterministic():
    target = TARGETS[0]
    api = build_api(target.spec)
    assert package_files(api, target) == package_files(build_api(target.spec), target)
