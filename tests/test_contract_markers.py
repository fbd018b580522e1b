"""Every contract test carries exactly one API marker, so `-m linq` / `-m sendblue` select them all."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.test_contract_catches_defects import ROOT


def collected(*args: str) -> int:
    command = [sys.executable, "-m", "pytest", "contract_tests", "--collect-only", "-q", "-p", "no:cacheprovider"]
    result = subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    found = re.search(r"(\d+)(?:/\d+)? tests? collected", result.stdout)
    if found is None:
        assert "no tests collected" in result.stdout, result.stdout + result.stderr
        return 0
    return int(found.group(1))


def test_every_contract_test_has_one_api_marker() -> None:
    total, linq, sendblue = collected(), collected("-m", "linq"), collected("-m", "sendblue")
    assert linq + sendblue == total and linq > sendblue > 0
    assert collected("-m", "linq and sendblue") == 0
    # The rule and lifecycle tests do not say "linq" in their names; the marker selects them (and,
    # being a keyword too, makes `-k linq` select them as well).
    unnamed = collected("-k", "rule_broken or lifecycle or idempotency or chain")
    assert (
        unnamed >= 14 and collected("-m", "linq", "-k", "rule_broken or lifecycle or idempotency or chain") == unnamed
    )
    assert collected("-k", "linq") == linq
