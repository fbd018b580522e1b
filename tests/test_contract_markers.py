"""Every contract test carries exactly one API marker, so `-m linq` / `-m sendblue` select them all."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.test_contract_catches_defects import ROOT

# The rule and lifecycle tests do not say "linq" in their names; the marker selects them (and,
# being a keyword too, makes `-k linq` select them as well).
UNNAMED = re.compile(r"rule_broken|lifecycle|idempotency|chain")


def collected(tmp_path: Path, *args: str) -> tuple[int, dict[str, list[str]]]:
    """(tests selected by `args`, {node id: marker names} of every test before selection)."""
    dump = tmp_path / f"markers-{len(list(tmp_path.iterdir()))}.json"
    command = [sys.executable, "-m", "pytest", "contract_tests", "--collect-only", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "marker_dump"]  # tests/marker_dump.py
    path = os.pathsep.join(filter(None, [str(ROOT / "tests"), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "MARKER_DUMP": str(dump), "PYTHONPATH": path}
    result = subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    found = re.search(r"(\d+)(?:/\d+)? tests? collected", result.stdout)
    assert found is not None or "no tests collected" in result.stdout, result.stdout + result.stderr
    return (int(found.group(1)) if found else 0), json.loads(dump.read_text())


def test_every_contract_test_has_one_api_marker(tmp_path: Path) -> None:
    linq, markers = collected(tmp_path, "-m", "linq")
    apis = {node: {"linq", "sendblue"} & set(names) for node, names in markers.items()}
    assert [node for node, found in apis.items() if len(found) != 1] == []
    by_api = {api: [node for node, found in apis.items() if found == {api}] for api in ("linq", "sendblue")}
    assert len(by_api["linq"]) > len(by_api["sendblue"]) > 0
    # `-m linq` selects exactly the tests marked linq, as a user's command line does.
    assert linq == len(by_api["linq"])
    unnamed = [node for node in markers if UNNAMED.search(node)]
    assert len(unnamed) >= 14 and set(unnamed) <= set(by_api["linq"])
    # `-k linq` selects the same tests: the marker is a keyword, so names without "linq" are in.
    keyword, _ = collected(tmp_path, "-k", "linq")
    assert keyword == linq
