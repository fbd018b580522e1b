"""Every Python example of the documentation runs, and type-checks with `mypy --strict`.

The examples are the ```python blocks of the project README and of each generated package's
README and api.md (the convention is in the project README, "Examples in the documentation").
Each runs in its own process, with a timeout, against the mock servers in stateful mode, with
the credentials and base URLs in the environment variables the clients read. One mypy run checks
them all. A failure names the Markdown file and the line of the block's opening fence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests.mock import MockServer
from tests.conftest import SPECS
from tests.doc_examples import (
    Example,
    Run,
    TypeError_,
    all_examples,
    example_environment,
    run_all,
    type_check,
    write_programs,
)

# Under pytest-xdist, the module's tests share one worker: the examples run, and are type-checked, once for all of them.
pytestmark = [pytest.mark.xdist_group("doc-examples"), pytest.mark.slow]

TIMEOUT = 30.0  # seconds for one example; an endless pagination must fail, not hang the build

EXAMPLES = all_examples()
RUNNABLE = [example for example in EXAMPLES if example.skip_reason is None]


def where(example: Example) -> str:
    return example.where


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> dict[Example, Path]:
    return write_programs(RUNNABLE, tmp_path_factory.mktemp("doc-examples"))


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with (
        MockServer(SPECS["linq"], mode="stateful", seed=3) as linq,
        MockServer(SPECS["sendblue"], mode="stateful", seed=3) as sendblue,
    ):
        yield example_environment(
            {
                "LINQ_API_KEY": "docs-key",
                "LINQ_BASE_URL": linq.url,
                "SENDBLUE_API_KEY": "docs-key-id",
                "SENDBLUE_API_SECRET": "docs-secret",
                "SENDBLUE_BASE_URL": sendblue.url,
            },
            pycache=tmp_path_factory.mktemp("pycache"),
        )


@pytest.fixture(scope="module")
def runs(programs: dict[Example, Path], environment: dict[str, str]) -> dict[Example, Run]:
    return run_all(programs, environment, TIMEOUT)


@pytest.fixture(scope="module")
def type_errors(
    programs: dict[Example, Path], environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[Example, list[TypeError_]]:
    errors, _ = type_check(programs, environment, tmp_path_factory.mktemp("mypy-cache"))
    found: dict[Example, list[TypeError_]] = {example: [] for example in programs}
    for error in errors:
        found[error.example].append(error)
    return found


def test_examples_are_found() -> None:
    files = {example.path.name for example in EXAMPLES}
    assert "README.md" in files
    assert len(RUNNABLE) >= 20, [example.where for example in EXAMPLES]


@pytest.mark.parametrize("example", EXAMPLES, ids=where)
def test_example_runs(example: Example, request: pytest.FixtureRequest) -> None:
    if example.skip_reason is not None:
        pytest.skip(f"{example.where} is marked not to run: {example.skip_reason}")
    run = request.getfixturevalue("runs")[example]
    assert run.ok, run.failure(TIMEOUT)


@pytest.mark.parametrize("example", EXAMPLES, ids=where)
def test_example_type_checks(example: Example, request: pytest.FixtureRequest) -> None:
    """`mypy --strict` finds nothing (dict literals for body parameters included)."""
    if example.skip_reason is not None:
        pytest.skip(f"{example.where} is marked not to run: {example.skip_reason}")
    errors = request.getfixturevalue("type_errors")[example]
    assert not errors, f"mypy --strict on the example at {example.where}:\n" + "\n".join(map(str, errors))
