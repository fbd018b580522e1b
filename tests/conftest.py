from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = {"sendblue": ROOT / "spec" / "sendblue.yaml", "linq": ROOT / "spec" / "linq.yaml"}

# The committed client packages, importable as users import them once installed.
for _package in ("linq", "sendblue"):
    _src = str(ROOT / "generated" / _package / "src")
    if _src not in sys.path:
        sys.path.insert(0, _src)


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write a spec file (YAML text) into a temporary folder and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


LINQ_AUTH = {"Authorization": "Bearer test-key"}
SENDBLUE_AUTH = {"sb-api-key-id": "key-id", "sb-api-secret-key": "secret"}


@contextmanager
def checked_client(server, headers: dict[str, str]) -> Iterator[httpx.Client]:
    """An HTTP client for a running mock; afterwards, every answer it sent must have met the spec."""
    with httpx.Client(base_url=server.url, headers=headers) as client:
        yield client
    assert server.violations == []
