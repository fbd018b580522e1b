"""`generated/` is exactly what the generator makes from the current specs, templates and release records."""

from __future__ import annotations

import pytest

from generator.config import load_targets
from generator.workflow import drift, drift_summary, regenerate
from tests.conftest import ROOT

TARGETS = load_targets(ROOT / "pyproject.toml")


@pytest.mark.parametrize("target", TARGETS, ids=[t.package for t in TARGETS])
def test_generated_package_matches_the_spec(target):
    drifts = drift(regenerate(target))
    assert not drifts, drift_summary(str(target.out), drifts) + "\nrun `python3 dev.py generate`"


def test_generation_is_deterministic():
    target = TARGETS[0]
    assert regenerate(target).files == regenerate(target).files
