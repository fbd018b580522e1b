from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = {"sendblue": ROOT / "spec" / "sendblue.yaml", "linq": ROOT / "spec" / "linq.yaml"}


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write a spec file (YAML text) into a temporary folder and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
