from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `--dist loadgroup`, tests marked `xdist_group(NAME)` go to one worker.

    pytest-xdist tells the controller a test's group by the suffix `@NAME` of its node id, which it
    sets on `item._nodeid`; pytest 9 keeps the node id in `item._id`, so that assignment is lost and
    every group was spread over the workers (its module fixtures built on each). The suffix is set
    here where xdist's is missing.
    """
    if not getattr(config.option, "loadgroup", False) or not hasattr(config, "workerinput"):
        return
    for item in items:
        names = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        suffix = "@" + "_".join(names)
        if not names or item.nodeid.endswith(suffix):
            continue
        try:  # pytest 9 keeps a structured id
            from _pytest.nodeid import coerce_node_id

            item._id = coerce_node_id(item.nodeid + suffix)  # type: ignore[attr-defined]
        except ImportError:  # earlier pytest: a plain string, which xdist has set already
            item._nodeid = item.nodeid + suffix


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write a spec file (YAML text) into a temporary folder and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], Path]:
    """The `--cache-dir` of a mypy run, shared by the worker's runs with the same configuration.

    The standard library, httpx and pydantic are then analysed once per worker (about 2 s of CPU
    each time otherwise); the modules under test are new or changed files, which mypy checks
    anew. `project_config`: the run reads the project's [tool.mypy] (it runs from the project
    folder); its options differ from a run elsewhere, and a cache for other options is rebuilt.
    """
    root = tmp_path_factory.mktemp("mypy-cache")
    return lambda project_config: root / ("project" if project_config else "plain")


LINQ_AUTH = {"Authorization": "Bearer test-key"}
SENDBLUE_AUTH = {"sb-api-key-id": "key-id", "sb-api-secret-key": "secret"}


@contextmanager
def checked_client(server, headers: dict[str, str]) -> Iterator[httpx.Client]:
    """An HTTP client for a running mock; afterwards, every answer it sent must have met the spec."""
    with httpx.Client(base_url=server.url, headers=headers) as client:
        yield client
    assert server.violations == []
