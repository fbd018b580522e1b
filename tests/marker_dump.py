"""A pytest plugin for `tests/test_contract_markers.py`: writes each collected test's marker names.

`python -m pytest contract_tests --collect-only -p marker_dump` (with `tests/` on PYTHONPATH and
`MARKER_DUMP=file.json`) writes `{node id: [marker names]}` for every test collected, those that
`-m`/`-k` deselected included, so one collection answers for the whole suite. Markers are read
once collection is over, after every conftest has added its own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

_deselected: list[pytest.Item] = []


def pytest_deselected(items: list[pytest.Item]) -> None:
    _deselected.extend(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    target = os.environ.get("MARKER_DUMP")
    if target:
        items = [*session.items, *_deselected]
        found = {item.nodeid: sorted({mark.name for mark in item.iter_markers()}) for item in items}
        Path(target).write_text(json.dumps(found))
