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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with a long test (marked `slow` or `corpus`) run first, each kept whole: under
    pytest-xdist the long tests then start at once and the short ones fill in around them, instead
    of one long test running alone at the end. The order within a module, and the order of the
    other modules, are kept."""

    def module(item: pytest.Item) -> str:
        return str(getattr(getattr(item, "module", None), "__name__", ""))

    long_modules = {
        module(item) for item in items if item.get_closest_marker("slow") or item.get_closest_marker("corpus")
    }
    items.sort(key=lambda item: module(item) not in long_modules)
